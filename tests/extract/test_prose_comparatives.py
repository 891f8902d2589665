"""Prose figures with their comparatives: the prior figure takes the period the sentence states,
the metric the comparison names, and its own per-share amount; invented text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pressgraph.extractors.prose_figures import prose_facts
from tests.extract._doc import make_document, make_metadata

TEXT = """For the year ended December 31, 2009, the Company reported a net loss applicable to common shareholders of $12.5 million, or $(0.32) per share, as compared to a net loss of $12.2 million, or $(0.35) per share, for the year ended December 31, 2008.

The net loss for the quarter ended March 31, 2010 was $6.3 million ($0.17 per share) compared with $3.3 million ($0.12 per share) in the quarter ended March 31, 2009.

For the quarter ended June 30, 2010, the Company reported a net loss of $10.2 million (or $0.11 per share) on 96.7 million weighted average common shares outstanding compared to a net loss of $10.4 million (or $0.12 per share) on 83.8 million weighted average common shares outstanding for the same period in 2009."""  # noqa: E501


def test_comparatives_take_their_stated_periods():
    doc = make_document(TEXT, "acme")
    facts = prose_facts(doc.blocks, make_metadata("Acme Bio, Inc.", ("Acme",), "ACMB"), [])
    got = [(f.concept, f.value, f.period.end, f.period.months) for f in facts]
    assert got == [
        ("NetIncomeLossAvailableToCommonStockholdersBasic", Decimal("-12500000"), date(2009, 12, 31), 12),
        ("EarningsPerShareBasicAndDiluted", Decimal("-0.32"), date(2009, 12, 31), 12),
        ("NetIncomeLoss", Decimal("-12200000"), date(2008, 12, 31), 12),
        ("EarningsPerShareBasicAndDiluted", Decimal("-0.35"), date(2008, 12, 31), 12),
        ("NetIncomeLoss", Decimal("-6300000"), date(2010, 3, 31), 3),
        ("EarningsPerShareBasicAndDiluted", Decimal("-0.17"), date(2010, 3, 31), 3),
        ("NetIncomeLoss", Decimal("-3300000"), date(2009, 3, 31), 3),
        ("EarningsPerShareBasicAndDiluted", Decimal("-0.12"), date(2009, 3, 31), 3),
        ("NetIncomeLoss", Decimal("-10200000"), date(2010, 6, 30), 3),
        ("EarningsPerShareBasicAndDiluted", Decimal("-0.11"), date(2010, 6, 30), 3),
        ("NetIncomeLoss", Decimal("-10400000"), date(2009, 6, 30), 3),
        ("EarningsPerShareBasicAndDiluted", Decimal("-0.12"), date(2009, 6, 30), 3),
    ]
    prior = facts[2]
    assert doc.text[prior.evidence.start : prior.evidence.end] == "net loss of $12.2 million"
    assert doc.text[facts[6].evidence.start : facts[6].evidence.end] == "$3.3 million"


def test_a_breakdown_after_the_figure_names_its_own_metric_and_keeps_the_main_period():
    """'$3.4 million attributable to X and $0.6 million in Y': X is the first figure's metric, not
    the second's, and a period phrase closing a parenthetical comparison stays inside it."""
    text = (
        "For the quarter ended September 30, 2024, general and administrative expenses increased to "
        "$4.8 million (compared to $0.2 million in Q3 2023), with $3.4 million attributable to non-cash "
        "share-based compensation and $0.6 million in professional services costs."
    )
    doc = make_document(text, "acme")
    facts = prose_facts(doc.blocks, make_metadata("Acme Bio, Inc.", ("Acme",), "ACMB"), [])
    got = [(f.concept, f.value, f.period.end) for f in facts]
    assert got == [
        ("GeneralAndAdministrativeExpense", Decimal("4800000"), date(2024, 9, 30)),
        ("GeneralAndAdministrativeExpense", Decimal("200000"), date(2023, 9, 30)),
        ("ShareBasedCompensation", Decimal("3400000"), date(2024, 9, 30)),
    ]


def test_from_x_to_y_gives_the_second_figure_the_same_metric_and_the_current_year():
    from dataclasses import replace

    text = (
        "Net loss narrowed from $7.79 million in 2023 to $4.90 million in 2024. "
        "Basic and diluted loss per share improved from $(1.80) to $(0.42)."
    )
    doc = make_document(text, "acme")
    annual = replace(
        make_metadata("Acme Bio, Inc.", ("Acme",), "ACMB"),
        reporting_period_end=date(2024, 12, 31),
        reporting_period_months=12,
    )
    got = [(f.concept, f.value, f.period.end, f.period.months) for f in prose_facts(doc.blocks, annual, [])]
    assert got == [
        ("NetIncomeLoss", Decimal("-7790000"), date(2023, 12, 31), 12),
        ("NetIncomeLoss", Decimal("-4900000"), date(2024, 12, 31), 12),
        ("EarningsPerShareBasicAndDiluted", Decimal("-1.80"), date(2023, 12, 31), 12),
        ("EarningsPerShareBasicAndDiluted", Decimal("-0.42"), date(2024, 12, 31), 12),
    ]


def test_a_fiscal_quarter_is_the_tables_quarter_not_the_calendars():
    """A retailer's year ends in early February: "the third quarter of fiscal 2024" is the 13
    weeks ended November 2, 2024 (the tables' quarter), and the prior one the tables' October 28,
    2023 quarter; the balance sheet's comparison date a year back is not the fiscal year's end."""
    from dataclasses import replace

    from pressgraph.extractors.periods import period_for
    from pressgraph.model import Evidence, FinancialFact, Period, Unit

    def table_fact(key: str, period: Period) -> FinancialFact:
        return FinancialFact(
            key, "x", "Cash", True, Decimal(1), Unit.USD, period, Decimal(1), "table", Evidence(0, 1, "x", "table")
        )

    periods = [
        period_for(date(2024, 11, 2), 3),
        period_for(date(2023, 10, 28), 3),
        Period(end=date(2024, 11, 2)),
        Period(end=date(2024, 2, 3)),
        Period(end=date(2023, 10, 28)),
    ]
    tables = [table_fact(f"t1-r{i}-c0", p) for i, p in enumerate(periods)]
    text = (
        "Net income for the third quarter of fiscal 2024 was $44.2 million, compared with net income of "
        "$51.8 million for the third quarter of fiscal 2023."
    )
    metadata = replace(
        make_metadata("Widget Stores, Inc.", ("Widget",), "WDG"),
        reporting_period_end=date(2024, 11, 2),
        reporting_period_months=3,
    )
    facts = prose_facts(make_document(text, "widget").blocks, metadata, tables)
    assert [(f.value, f.period.end, f.period.months) for f in facts] == [
        (Decimal("44200000"), date(2024, 11, 2), 3),
        (Decimal("51800000"), date(2023, 10, 28), 3),
    ]
