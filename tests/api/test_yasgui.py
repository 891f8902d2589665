"""Issue 12, item 1: the YASGUI query page at GET /sparql, in headless Chromium, under the CSP.

The page is this server's own (no CDN): it loads three files from here, its endpoint is this
server's /sparql, it runs a query typed into it with its own query button, and the console stays
clean (no CSP violation, no error, no failed load).
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import httpx
import pytest

from tests.api._cdp import RUN_QUERY, WatchedPage, in_chromium

pytestmark = pytest.mark.server

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
STRICT_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
QUERY = (
    "SELECT ?issuer ?name WHERE { <https://w3id.org/pressgraph/id/release/c0669b98d8e1d350> "
    "<https://w3id.org/pressgraph/ontology#issuer> ?issuer . "
    "?issuer <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
)
ISSUER = "https://w3id.org/pressgraph/id/org/aastrom-biosciences"


def test_a_browser_gets_the_page_and_its_files_from_here(live) -> None:
    page = httpx.get(live.url + "/sparql", headers={"Accept": BROWSER_ACCEPT})
    assert (page.status_code, page.headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert page.headers["content-security-policy"] == PAGE_CSP
    assert re.findall(r'(?:src|href)="([^"]+)"', page.text) == [
        "static/yasgui/yasgui.min.css",
        "static/yasgui/yasgui.min.js",
        "static/yasgui/start.js",
    ]
    assert "<script>" not in page.text  # no inline script: the CSP would refuse it
    packaged = resources.files("pressgraph.api").joinpath("static", "yasgui")
    for name, ctype in (("yasgui.min.js", "text/javascript"), ("yasgui.min.css", "text/css")):
        r = httpx.get(f"{live.url}/static/yasgui/{name}")
        assert (r.status_code, r.headers["content-type"].split(";")[0]) == (200, ctype)
        assert r.content == packaged.joinpath(name).read_bytes()
        assert r.headers["content-security-policy"] == STRICT_CSP  # only the HTML page gets the script policy
    assert "new Yasgui(" in httpx.get(live.url + "/static/yasgui/start.js").text
    # the JSON answers of /sparql keep the strict policy
    assert httpx.get(live.url + "/sparql", params={"query": "ASK {}"}).headers["content-security-policy"] == STRICT_CSP


async def _use_the_page(page: WatchedPage, base: str) -> dict[str, Any]:
    await page.call("Page.navigate", url=base + "/sparql")
    await page.wait_for("document.readyState === 'complete' && !!document.querySelector('.yasqe_queryButton')", 30)
    answer = await page.eval(f"{RUN_QUERY}({json.dumps(QUERY)})")
    loaded = await page.eval("performance.getEntriesByType('resource').map(e => e.name)")
    await page.eval("1")  # read the events still queued
    return {"answer": answer, "loaded": loaded, "problems": page.problems}


def test_the_page_runs_a_query_in_chromium_with_a_clean_console(live) -> None:
    seen = in_chromium(lambda page: _use_the_page(page, live.url))
    assert seen["problems"] == []
    answer = seen["answer"]
    assert answer is not None, "YASGUI showed no results"
    assert answer["endpoint"] == live.url + "/sparql"
    assert (answer["vars"], answer["bindings"]) == (
        ["issuer", "name"],
        [{"issuer": ISSUER, "name": "Aastrom Biosciences, Inc."}],
    )
    assert "Aastrom Biosciences, Inc." in answer["shown"]
    loaded = {u.split("?")[0] for u in seen["loaded"]} - {f"{live.url}/favicon.ico"}
    assert loaded == {
        f"{live.url}/static/yasgui/yasgui.min.css",
        f"{live.url}/static/yasgui/yasgui.min.js",
        f"{live.url}/static/yasgui/start.js",
        f"{live.url}/sparql",
    }
