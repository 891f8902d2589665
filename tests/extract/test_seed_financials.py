"""Golden test: the seed release's 38 table facts, its prose figures and its metadata."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from pressgraph.model import Extraction, FinancialFact
from pressgraph.pipeline import extract_document
from pressgraph.read import read_path
from tests.conftest import GOLD, SEED


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return extract_document(read_path(SEED)[0])


def _gold() -> dict:
    return json.loads((GOLD / "aastrom-2003-11-10.gold.json").read_text())


def _matches(fact: FinancialFact, gold: dict) -> bool:
    if gold["instant"]:
        period_ok = fact.period.is_instant
    else:
        period_ok = fact.period.months == gold["period_months"]
    return (
        fact.concept == gold["concept"]
        and fact.value == Decimal(str(gold["value"]))
        and fact.unit.value == gold["unit"]
        and fact.period.end.isoformat() == gold["period_end"]
        and period_ok
    )


TABLE_GOLD = [g for g in _gold()["financial_facts"] if g["source"] == "table"]


def test_gold_has_38_table_facts() -> None:
    assert len(TABLE_GOLD) == 38


@pytest.mark.parametrize("gold", TABLE_GOLD, ids=lambda g: f"{g['label']}@{g['period_end']}")
def test_each_table_fact_exact(seed: Extraction, gold: dict) -> None:
    table_facts = [f for f in seed.facts if f.source == "table"]
    found = [f for f in table_facts if _matches(f, gold)]
    assert len(found) == 1, f"{gold} not extracted exactly once"
    assert found[0].label.lower() == gold["label"].lower()


def test_no_extra_table_facts(seed: Extraction) -> None:
    assert len([f for f in seed.facts if f.source == "table"]) == 38


def test_durations_and_instants(seed: Extraction) -> None:
    revenue = next(f for f in seed.facts if f.concept == "Revenues" and f.value == 300000)
    assert (revenue.period.start, revenue.period.end) == (date(2003, 7, 1), date(2003, 9, 30))
    assets = next(f for f in seed.facts if f.concept == "Assets" and f.value == 12155000)
    assert assets.period.is_instant and assets.period.end == date(2003, 6, 30)


def test_totals_link_their_parts(seed: Extraction) -> None:
    by_key = {f.key: f for f in seed.facts}
    total = next(f for f in seed.facts if f.concept == "Revenues" and f.value == 300000)
    assert sorted(by_key[k].value for k in total.addends) == [25000, 275000]
    net = next(f for f in seed.facts if f.concept == "NetIncomeLoss" and f.source == "table" and f.value == -2838000)
    assert sorted(by_key[k].value for k in net.addends) == [48000, 300000]
    assert [by_key[k].value for k in net.subtrahends] == [3186000]
    equity_total = next(
        f for f in seed.facts if f.concept == "LiabilitiesAndStockholdersEquity" and f.value == 14958000
    )
    assert sorted(by_key[k].value for k in equity_total.addends) == [643000, 14315000]


def test_prose_figures_round_table_facts(seed: Extraction) -> None:
    by_key = {f.key: f for f in seed.facts}
    text = [f for f in seed.facts if f.source == "text"]
    got = {(f.concept, f.value, f.period.end.isoformat()) for f in text}
    for gold in (g for g in _gold()["financial_facts"] if g["source"] == "text" and g["concept"] and not g["instant"]):
        assert (gold["concept"], Decimal(str(gold["value"])), gold["period_end"]) in got
    net = next(f for f in text if f.concept == "NetIncomeLoss" and f.value == -2800000)
    assert net.precision == 100000
    assert by_key[net.rounds].value == -2838000
    assert seed.document.text[net.evidence.start : net.evidence.end] == "net loss of $2.8 million"


def test_table_evidence_points_at_the_row(seed: Extraction) -> None:
    fact = next(f for f in seed.facts if f.concept == "ResearchAndDevelopmentExpense" and f.value == 1356000)
    quote = seed.document.text[fact.evidence.start : fact.evidence.end]
    assert quote.startswith("Research and development")
    assert quote.endswith("1,356,000")
    assert fact.evidence.method == "table"


def test_metadata(seed: Extraction) -> None:
    meta = seed.metadata
    gold = _gold()
    assert meta.issuer_name == gold["issuer"]["name"]
    assert meta.ticker == "ASTM"
    assert meta.exchange == gold["issuer"]["exchange"]
    assert set(gold["issuer"]["short_names"]) <= set(meta.issuer_short_names)
    assert meta.release_date == date(2003, 11, 10)
    assert meta.dateline_city == "Ann Arbor, Michigan"
    assert meta.headline == "AASTROM BIOSCIENCES, INC. REPORTS FIRST QUARTER 2004 FINANCIAL RESULTS"
    assert [(c.name, c.phone) for c in meta.contacts] == [
        ("Kris M. Maly", "(734) 930-5777"),
        ("Becky Anderson", "(734) 930-5777"),
    ]
    assert (meta.reporting_period_end, meta.reporting_period_months) == (date(2003, 9, 30), 3)
    ev = meta.evidence["dateline_city"]
    assert seed.document.text[ev.start : ev.end] == "ANN ARBOR, MICHIGAN"
