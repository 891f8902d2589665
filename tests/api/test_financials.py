"""Issue 12, item 8: a company's statements and key-figure charts, the home feed, readable labels.

Over the live server (the seed release, ingested through the pipeline, and the fixture release);
the figures are checked against the seed's answer key, every one of them.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from pressgraph.api import _labels as labels
from pressgraph.api._charts import chart_svg
from pressgraph.api._pages import render

pytestmark = pytest.mark.server

GOLD = Path(__file__).resolve().parents[1] / "gold" / "aastrom-2003-11-10.gold.json"
GAAP = "http://fasb.org/us-gaap/2024#"


def _gold_table_facts() -> list[dict]:
    facts = json.loads(GOLD.read_text())["financial_facts"]
    return [f for f in facts if f["source"] == "table" and f["concept"]]


def _financials(live, company: str = "ASTM") -> dict:
    r = httpx.get(f"{live.url}/financials/{company}", params={"format": "json"})
    assert r.status_code == 200, r.text
    return r.json()


def test_every_gold_figure_sits_in_its_statement_cell(live) -> None:
    data = _financials(live)
    assert data["company"]["label"] == "Aastrom Biosciences, Inc."
    periods, instants = data["statements"]
    assert (periods["title"], instants["title"]) == ("Figures for periods", "Figures at dates")
    assert [p["label"] for p in periods["periods"]] == ["3 months ended Sep 30, 2002", "3 months ended Sep 30, 2003"]
    assert [p["label"] for p in instants["periods"]] == ["Jun 30, 2003", "Sep 30, 2003"]
    assert periods["caption"] == "USD in thousands (except per-share amounts); shares in thousands"
    assert instants["caption"] == "USD in thousands (except per-share amounts)"
    shown = {}
    for statement in (periods, instants):
        ends = [p["end"] for p in statement["periods"]]
        for row in statement["rows"]:
            for end, cell in zip(ends, row["cells"], strict=True):
                if cell:
                    shown[(row["concept"], end)] = Decimal(cell["value"])
    expected = {(GAAP + f["concept"], f["period_end"]): Decimal(str(f["value"])) for f in _gold_table_facts()}
    assert shown == expected


def test_amounts_are_formatted_in_the_statement_scale(live) -> None:
    periods, instants = _financials(live)["statements"]
    rows = {row["label"]: [c["text"] if c else None for c in row["cells"]] for row in periods["rows"]}
    assert rows["Net Income (Loss)"] == ["$ (2,452)", "$ (2,838)"]
    assert rows["Revenues"] == ["$ 93", "$ 300"]
    assert rows["Cost of Goods and Services Sold"] == ["—", "$ 12"]
    assert rows["Earnings Per Share, Basic and Diluted"] == ["$ (0.05)", "$ (0.04)"]
    assert rows["Weighted Average Number of Shares Outstanding, Basic and Diluted"] == ["44,886", "70,662"]
    assert [row["label"] for row in instants["rows"]] == [
        "Cash, Cash Equivalents, and Short-term Investments",
        "Other Assets, Current",
        "Property, Plant and Equipment, Net",
        "Assets",
        "Liabilities, Current",
        "Stockholders' Equity Attributable to Parent",
        "Liabilities and Equity",
    ]
    assert instants["rows"][0]["printed"] == "Cash and investments"
    assert instants["rows"][0]["cells"][1] == {
        "value": "13110000",
        "text": "$ 13,110",
        "release": f"release/{live.seed_id}",
    }


def test_key_figure_series(live) -> None:
    charts = _financials(live)["charts"]
    assert [(c["title"], c["period"], [(p["label"], p["text"]) for p in c["points"]]) for c in charts] == [
        ("Revenue", "3 months", [("Sep 30, 2002", "$ 93"), ("Sep 30, 2003", "$ 300")]),
        ("Net income (loss)", "3 months", [("Sep 30, 2002", "$ (2,452)"), ("Sep 30, 2003", "$ (2,838)")]),
        ("Cash", "at dates", [("Jun 30, 2003", "$ 10,512"), ("Sep 30, 2003", "$ 13,110")]),
    ]


def test_the_page_names_a_company_any_way_and_refuses_the_rest(live) -> None:
    by_id = _financials(live, live.seed_issuer)
    assert _financials(live, "Aastrom") == by_id
    r = httpx.get(f"{live.url}/financials/Nope%20Corp")
    assert (r.status_code, r.json()) == (404, {"error": "unknown entity: Nope Corp"})
    r = httpx.get(f"{live.url}/financials/ASTM", headers={"Accept": "text/turtle"})
    assert (r.status_code, r.json()) == (406, {"error": "acceptable formats: text/html, application/json"})
    fixture = _financials(live, "org/acme-bio")
    assert (fixture["statements"], fixture["charts"]) == ([], [])


def test_html_statement_and_charts(live) -> None:
    html = httpx.get(f"{live.url}/financials/ASTM").text
    assert (
        '<th scope="row" title="http://fasb.org/us-gaap/2024#NetIncomeLoss · printed: NET LOSS">Net Income (Loss)</th>'
        in html
    )
    assert f'<a href="/releases/{live.seed_id}" title="-2452000">$ (2,452)</a>' in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 3
    assert "<script" not in html


def test_labels_in_words() -> None:
    assert labels.words("hasPartner") == "has partner"
    assert labels.sentence("ClinicalTrial") == "Clinical trial"
    assert labels.words("USDPerShare") == "USD per share"
    assert labels.curie("pg:RegulatoryAction") == "regulatory action"
    assert labels.curie("id:period/2003-07-01--2003-09-30") == "3 months ended Sep 30, 2003"
    assert labels.curie("id:period/2003-01-01--2003-12-31") == "12 months ended Dec 31, 2003"
    assert labels.curie("id:period/2003-09-30") == "Sep 30, 2003"
    assert labels.curie("id:release/x-2003/evidence/864-1074") == "evidence, characters 864–1074"
    assert labels.iri("http://fasb.org/us-gaap/2024#NetIncomeLoss") == "net income loss"
    assert labels.amount("-2452000", "USD", 1000) == "$ (2,452)"
    assert labels.amount("2452500", "USD", 1) == "$ 2,452,500"
    assert labels.amount("-0.5", "USD/share") == "$ (0.50)"
    assert labels.amount("12.5", "percent") == "12.5%"
    assert labels.amount("0", "shares", 1000) == "—"


HOSTILE = '<script>alert(1)</script>"&'


def test_hostile_text_is_escaped_in_charts_and_statements() -> None:
    series = {
        "title": HOSTILE,
        "period": "3 months",
        "points": [{"label": HOSTILE, "text": HOSTILE, "value": "-5"}, {"label": "b", "text": "b", "value": "7"}],
    }
    svg = str(chart_svg(series))
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&amp; (3 months)" in svg
    data = {
        "company": {"kind": "iri", "iri": "x", "id": "org/x", "label": HOSTILE},
        "statements": [
            {
                "title": HOSTILE,
                "caption": HOSTILE,
                "periods": [{"iri": HOSTILE, "label": HOSTILE, "end": "2003-09-30"}],
                "rows": [{"concept": HOSTILE, "label": HOSTILE, "printed": HOSTILE, "unit": "USD", "cells": [None]}],
            }
        ],
        "charts": [],
    }
    html = render("financials.html", f=data, charts=[])
    assert "<script" not in html
    assert html.count("&lt;script&gt;") == 9  # every field of the page, each escaped
