"""Financial tables of whole real releases, one per layout family, against their answer keys.

1990s web-page HTML (a header printed as a table of its own; a label wrapped between rows),
wire markdown flattened onto one line and printed one cell per line, a web page laid out with
non-breaking spaces, EDGAR HTML (colspans, "$" and ")" in cells of their own). The EDGAR text
era and full submissions are covered by test_seed_financials and test_corpus_financials.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from pressgraph.evaluate import _pick, metadata_for, score_financial_facts
from pressgraph.extractors.financials import read_financials
from pressgraph.model import FinancialFact, Unit
from pressgraph.read import read_path
from tests.conftest import GOLD, shared_path

# release under ../shared/corpus, its answer key, table facts the key lists, found at least
CASES = {
    "atrion-1997-08": ("complete/atrion-corporation-1997-08-06.htm", "complete", 104, 104),
    "atrion-1997-10": ("complete/atrion-corporation-1997-10-28.htm", "complete", 104, 104),
    "dogwood-flat": ("complete/dogwood-therapeutics-2026-05-14.md", "complete", 42, 42),
    "silexion-cells": ("complete/silexion-therapeutics-2024-11-14.md", "complete", 129, 122),
    "buckle-edgar-html": ("bulk/edgar/buckle-2024-11-22.html", "tune", 149, 141),
    "nims-nbsp-page": ("bulk/web1997/non-invasive-monitoring-systems-1997-12-15.html", "tune", 16, 16),
}


def _gold(rel: str, where: str) -> dict:
    stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    path = shared_path("corpus", "complete", "gold", f"{stem}.gold.json") if where == "complete" else None
    path = path or GOLD / "tune" / f"{stem}.gold.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _facts(rel: str, gold: dict) -> tuple[list[FinancialFact], list[str]]:
    doc = _pick(read_path(shared_path("corpus", *rel.split("/"))), gold.get("document"))
    result = read_financials(doc, metadata_for(doc))
    return result.facts, result.warnings


def _one(facts: list[FinancialFact], label: str, end: date, months: int | None) -> FinancialFact:
    found = [
        f
        for f in facts
        if f.source == "table" and f.label == label and f.period.end == end and f.period.months == months
    ]
    assert len(found) == 1, (label, end, months, [(f.label, f.period.key, f.value) for f in found])
    return found[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_table_facts_of_the_answer_key(case: str) -> None:
    rel, where, listed, floor = CASES[case]
    gold = _gold(rel, where)
    keyed = [g for g in gold["financial_facts"] if g["source"] == "table"]
    facts, _warnings = _facts(rel, gold)
    score = score_financial_facts(keyed, [f for f in facts if f.source == "table"])
    assert len(keyed) == listed
    assert score.tp >= floor, score.misses


def test_header_table_above_and_nine_months_headed_six() -> None:
    rel = CASES["atrion-1997-10"][0]
    facts, warnings = _facts(rel, _gold(rel, "complete"))
    revenue = _one(facts, "Revenues", date(1997, 9, 30), 9)
    assert (revenue.value, revenue.unit) == (Decimal("23375000"), Unit.USD)
    shares = _one(facts, "Weighted average shares outstanding", date(1997, 9, 30), 3)
    assert shares.value == Decimal("3230387")  # printed in full under "(In thousands ...)": EPS says so
    wrapped = _one(facts, "Income from continuing operations before income taxes", date(1997, 9, 30), 9)
    assert wrapped.value == Decimal("2214000")
    assets = [f for f in facts if f.concept == "Assets" and f.source == "table" and f.period.end == date(1997, 9, 30)]
    assert [(a.value, a.period.is_instant) for a in assets] == [(Decimal("66587000"), True)]
    assert any("headed 6 months but ends 1997-09-30" in w and "read as 9 months" in w for w in warnings)


def test_flattened_rows_with_labels_glued_to_figures() -> None:
    rel = CASES["dogwood-flat"][0]
    facts, _ = _facts(rel, _gold(rel, "complete"))
    assert _one(facts, "Total assets", date(2025, 12, 31), None).value == Decimal("90171237")
    loss = _one(facts, "Loss from operations", date(2026, 3, 31), 3)
    assert loss.value == Decimal("-5076366")
    eps = _one(facts, "Net loss per share of common stock — basic and diluted", date(2025, 3, 31), 3)
    assert (eps.value, eps.unit) == (Decimal("-8.45"), Unit.USD_PER_SHARE)


def test_one_cell_per_line_losses_printed_bare_and_figures_in_labels() -> None:
    rel = CASES["silexion-cells"][0]
    facts, _ = _facts(rel, _gold(rel, "complete"))
    assert _one(facts, "NET LOSS", date(2024, 9, 30), 9).value == Decimal("-14772000")
    assert _one(facts, "LOSS PER SHARE, BASIC AND DILUTED", date(2023, 9, 30), 3).value == Decimal("-0.78")
    assert _one(facts, "TOTAL LIABILITIES", date(2023, 12, 31), None).value == Decimal("2255000")
    related = _one(facts, "including $1,796 and $51 from related party", date(2023, 9, 30), 9)
    assert related.value == Decimal("51000")
    tax = _one(facts, "INCOME TAX", date(2024, 9, 30), 9)
    assert tax.value == Decimal("9000")  # an expense, not a loss


def test_edgar_html_colspans_and_split_cells() -> None:
    rel = CASES["buckle-edgar-html"][0]
    facts, _ = _facts(rel, _gold(rel, "tune"))
    sales = _one(facts, "SALES, Net of returns and allowances", date(2024, 11, 2), 9)  # 39 weeks
    assert (sales.value, sales.period.start) == (Decimal("838490000"), date(2024, 2, 4))
    outstanding = [
        f for f in facts if f.concept == "CommonStockSharesOutstanding" and f.period.end == date(2024, 11, 2)
    ]
    assert [f.value for f in outstanding] == [Decimal("50773796")]


def test_page_laid_out_with_non_breaking_spaces() -> None:
    rel = CASES["nims-nbsp-page"][0]
    facts, _ = _facts(rel, _gold(rel, "tune"))
    assert _one(facts, "Total Revenue", date(1996, 10, 31), 3).value == Decimal("283901")
    assert _one(facts, "Net Income (loss)", date(1997, 7, 31), 12).value == Decimal("162903")
