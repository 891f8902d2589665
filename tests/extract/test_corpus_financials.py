"""Whole real documents: the table facts of EDGAR submissions and corpus excerpts against gold
financial facts written by hand (tests/gold/financial/)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from pressgraph.model import FinancialFact
from pressgraph.pipeline import extract_document
from pressgraph.read import read_path
from tests.conftest import GOLD, shared_path

CASES = {
    # gold file stem: (path under ../shared/corpus, exhibit type or None, facts allowed to be missed)
    "sears-2004-07-22-0000891092-04-003383": ("submissions/sears-2004-07-22-0000891092-04-003383.txt", "EX-99", 1),
    "apple-2011-01-18-0001193125-11-009392": ("submissions/apple-2011-01-18-0001193125-11-009392.txt", "EX-99.1", 14),
    "cogentix-medical-2017-05-02": ("releases/cogentix-medical-2017-05-02.txt", None, 0),
    "biomarin-pharmaceutical-2013-07-25": ("releases/biomarin-pharmaceutical-2013-07-25.txt", None, 0),
    "oracle-2019-07-10-0001193125-19-191922": ("submissions/oracle-2019-07-10-0001193125-19-191922.txt", "EX-99.1", 0),
    "apple-2000-01-24-0000912057-00-002128": ("submissions/apple-2000-01-24-0000912057-00-002128.txt", "EX-99.1", 0),
}


def _table_facts(path: str, exhibit: str | None) -> list[FinancialFact]:
    docs = read_path(shared_path("corpus", *path.split("/")))
    if exhibit:
        docs = [d for d in docs if d.source.endswith("#" + exhibit)]
    return [f for d in docs for f in extract_document(d).facts if f.source == "table"]


def _found(gold: dict, facts: list[FinancialFact]) -> bool:
    return any(
        f.value == Decimal(str(gold["value"]))
        and f.period.end.isoformat() == gold["period_end"]
        and (f.period.is_instant if gold["instant"] else f.period.months == gold["period_months"])
        and f.unit.value == gold["unit"]
        for f in facts
    )


@pytest.mark.parametrize("stem", sorted(CASES))
def test_gold_table_facts_found(stem: str) -> None:
    path, exhibit, allowed_misses = CASES[stem]
    gold = json.loads((GOLD / "financial" / f"{stem}.gold.json").read_text())["financial_facts"]
    facts = _table_facts(path, exhibit)
    missed = [g for g in gold if not _found(g, facts)]
    assert len(missed) <= allowed_misses, [(g["label"], g["value"], g["period_end"]) for g in missed]
    if not gold:
        assert facts == []


def test_scale_and_signs_biomarin() -> None:
    facts = _table_facts(*CASES["biomarin-pharmaceutical-2013-07-25"][:2])
    net = [f for f in facts if f.concept == "NetIncomeLoss"]
    assert sorted((f.period.end.isoformat(), f.value) for f in net) == [
        ("2012-06-30", Decimal("-32000000.0")),
        ("2013-06-30", Decimal("-21500000.0")),
    ]
    eps = [f for f in facts if f.concept == "EarningsPerShareDiluted" and f.period.end.year == 2013]
    assert [f.value for f in eps] == [Decimal("-0.16")]


def test_sears_weeks_map_to_months() -> None:
    facts = _table_facts(*CASES["sears-2004-07-22-0000891092-04-003383"][:2])
    net = {
        (f.period.end.isoformat(), f.period.months, f.value) for f in facts if f.label.upper().startswith("NET INCOME")
    }
    assert ("2004-07-03", 6, Decimal(-806000000)) in net
    assert ("2003-06-28", 3, Decimal(309000000)) in net
