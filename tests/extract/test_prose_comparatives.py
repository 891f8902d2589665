"""Prose figures with their comparatives: the prior figure takes the period the sentence states,
the metric the comparison names, and its own per-share amount; invented text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pressgraph.extract.prose_figures import prose_facts
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
