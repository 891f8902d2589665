"""Issue 12, item 8, in headless Chromium: the home feed → the company → its statements and charts.

Reuses the CDP driver of ``test_browser.py``; screenshots of the three pages land in
``tests/api/artifacts/`` (git-ignored), for a person to look at after a run.
"""

from __future__ import annotations

import asyncio
import base64
import json
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.test_browser import ARTIFACTS, CHROMIUM, Page, _start_chromium, _stop_chromium

pytestmark = [pytest.mark.server, pytest.mark.browser]

SEED_HEADLINE = "AASTROM BIOSCIENCES, INC. REPORTS FIRST QUARTER 2004 FINANCIAL RESULTS"
CURIE_PREFIXES = ("pg:", "us-gaap:", "id:", "schema:", "prov:")
READ_PAGE = """({
    curies: CURIES.filter(p => document.body.innerText.includes(p)),
    feed: [...document.querySelectorAll('#feed > li')].map(li => ({
        date: li.querySelector('.date').textContent,
        issuer: li.querySelector('.issuer') ? li.querySelector('.issuer').textContent : null,
        headline: li.querySelector('.headline').textContent,
        events: [...li.querySelectorAll('li.event')].map(e => e.textContent),
        more: li.querySelector('li.more') ? li.querySelector('li.more').textContent : null})),
    statements: [...document.querySelectorAll('table.statement')].map(t =>
        [...t.querySelectorAll('tr')].map(tr => [...tr.children].map(c => c.textContent))),
    captions: [...document.querySelectorAll('p.caption')].map(p => p.textContent),
    charts: [...document.querySelectorAll('svg.chart')].map(svg => ({
        title: svg.querySelector('.chart-title').textContent,
        values: [...svg.querySelectorAll('.bar .value')].map(t => t.textContent),
        periods: [...svg.querySelectorAll('.bar .period')].map(t => t.textContent)}))
})""".replace("CURIES", json.dumps(CURIE_PREFIXES))


async def _shoot(page: Page, path: Path) -> None:
    shot = await page.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
    path.write_bytes(base64.b64decode(shot["data"]))


async def _open(page: Page, url: str, ready: str) -> None:
    await page.call("Page.navigate", url=url)
    await page.wait_for(f"document.readyState === 'complete' && location.href === {url!r} && {ready}")


async def _walk(devtools: str, base: str, company_id: str) -> dict[str, Any]:
    websockets = pytest.importorskip("websockets", reason="the CDP client needs websockets")

    port = devtools.split(":")[2].split("/")[0]
    targets = httpx.get(f"http://127.0.0.1:{port}/json/list").json()
    page_ws = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
    seen: dict[str, Any] = {}
    async with websockets.connect(page_ws, max_size=50_000_000) as ws:
        page = Page(ws)
        await page.call("Page.enable")
        await _open(page, base + "/", "!!document.getElementById('feed')")
        seen["home"] = await page.eval(READ_PAGE)
        await _shoot(page, ARTIFACTS / "home-feed.png")
        await page.eval(f"document.querySelector('#feed a[href=\"/entities/{company_id}\"]').click(); true")
        await page.wait_for(
            f"location.pathname === '/entities/{company_id}' && !!document.getElementById('financials')"
        )
        seen["entity"] = await page.eval(READ_PAGE)
        await _shoot(page, ARTIFACTS / "company-readable.png")
        await page.eval("document.getElementById('financials').click(); true")
        await page.wait_for(
            f"location.pathname === '/financials/{company_id}' && document.readyState === 'complete'"
            " && document.querySelectorAll('svg.chart').length > 0"
        )
        seen["financials"] = await page.eval(READ_PAGE)
        await _shoot(page, ARTIFACTS / "financials.png")
    return seen


@pytest.fixture(scope="module")
def walked(live) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")
    if live.seed_issuer is None:
        pytest.skip("the seed's issuer was not found")
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pg-chromium-", ignore_cleanup_errors=True) as profile:
        proc, devtools = _start_chromium(profile)
        try:
            return asyncio.run(_walk(devtools, live.url, live.seed_issuer))
        finally:
            _stop_chromium(proc)


def _seed_event_count(live) -> int:
    rows = live.store.query(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e <https://w3id.org/pressgraph/ontology#statedIn> "
        f"<https://w3id.org/pressgraph/id/release/{live.seed_id}> ; a <https://w3id.org/pressgraph/ontology#Event> }}"
    ).rows
    return int(rows[0][0])


def test_home_feed_lists_the_latest_releases_and_their_events(live, walked) -> None:
    fixture, seed = walked["home"]["feed"]
    assert (fixture["date"], fixture["issuer"]) == ("Jan 2, 2020", "Acme Bio, Inc.")
    assert (seed["date"], seed["issuer"], seed["headline"]) == (
        "Nov 10, 2003",
        "Aastrom Biosciences, Inc.",
        SEED_HEADLINE,
    )
    assert seed["events"][0] == (
        "Regulatory action: U.S. Food and Drug Administration · approval · "
        "investigational new drug (IND) application · bone graft product"
    )
    assert [e for e in seed["events"] if e.startswith("Clinical trial")] == [
        "Clinical trial: Tissue Repair Cells · Phase 1/2 · tibial non-union fractures · planned",
        "Clinical trial: Tissue Repair Cells · bone graft · planned",
    ]
    assert len(seed["events"]) == 8
    assert seed["more"] == f"and {_seed_event_count(live) - 8} more"
    assert (ARTIFACTS / "home-feed.png").stat().st_size > 10_000


def test_no_curie_on_the_pages(walked) -> None:
    assert [walked[page]["curies"] for page in ("home", "entity", "financials")] == [[], [], []]


PERIOD_STATEMENT = [
    ["concept", "3 months ended Sep 30, 2002", "3 months ended Sep 30, 2003"],
    ["Sales Revenue, Goods, Net", "$ 7", "$ 25"],
    ["Revenue from Grants", "$ 86", "$ 275"],
    ["Revenues", "$ 93", "$ 300"],
    ["Cost of Goods and Services Sold", "—", "$ 12"],
    ["Inventory Write-down", "$ 88", "$ 253"],
    ["Research and Development Expense", "$ 1,385", "$ 1,356"],
    ["Selling, General and Administrative Expense", "$ 1,113", "$ 1,565"],
    ["Costs and Expenses", "$ 2,586", "$ 3,186"],
    ["Other Nonoperating Income (Expense)", "$ 41", "$ 48"],
    ["Net Income (Loss)", "$ (2,452)", "$ (2,838)"],
    ["Earnings Per Share, Basic and Diluted", "$ (0.05)", "$ (0.04)"],
    ["Weighted Average Number of Shares Outstanding, Basic and Diluted", "44,886", "70,662"],
]
BALANCE_SHEET = [
    ["concept", "Jun 30, 2003", "Sep 30, 2003"],
    ["Cash, Cash Equivalents, and Short-term Investments", "$ 10,512", "$ 13,110"],
    ["Other Assets, Current", "$ 1,341", "$ 1,543"],
    ["Property, Plant and Equipment, Net", "$ 302", "$ 305"],
    ["Assets", "$ 12,155", "$ 14,958"],
    ["Liabilities, Current", "$ 580", "$ 643"],
    ["Stockholders' Equity Attributable to Parent", "$ 11,575", "$ 14,315"],
    ["Liabilities and Equity", "$ 12,155", "$ 14,958"],
]


def test_statements_as_rendered(walked) -> None:
    page = walked["financials"]
    assert page["statements"] == [PERIOD_STATEMENT, BALANCE_SHEET]
    assert page["captions"] == [
        "USD in thousands (except per-share amounts); shares in thousands",
        "USD in thousands (except per-share amounts)",
    ]


def test_charts_as_rendered(walked) -> None:
    assert walked["financials"]["charts"] == [
        {
            "title": "Revenue (3 months, in thousands)",
            "values": ["$ 93", "$ 300"],
            "periods": ["Sep 30, 2002", "Sep 30, 2003"],
        },
        {
            "title": "Net income (loss) (3 months, in thousands)",
            "values": ["$ (2,452)", "$ (2,838)"],
            "periods": ["Sep 30, 2002", "Sep 30, 2003"],
        },
        {
            "title": "Cash (at dates, in thousands)",
            "values": ["$ 10,512", "$ 13,110"],
            "periods": ["Jun 30, 2003", "Sep 30, 2003"],
        },
    ]
    assert (ARTIFACTS / "financials.png").stat().st_size > 10_000
