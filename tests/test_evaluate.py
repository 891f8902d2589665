"""The evaluation harness: matching rules, scores and the CLI on the seed gold file."""

from __future__ import annotations

import json
from pathlib import Path

from pressgraph.cli import main
from pressgraph.evaluate import Score, _Release, evaluate, report
from pressgraph.model import Entity, Event, Evidence

ROOT = Path(__file__).resolve().parent.parent
EV = Evidence(0, 1, "x", "test")


def test_score_arithmetic():
    s = Score(tp=3, fp=1, fn=2)
    assert (round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)) == (0.75, 0.6, 0.667)


def test_matching_uses_aliases_and_key_fields():
    gold = {
        "products": [{"name": "Widget System", "aliases": ["Widget(TM) System"]}],
        "regulators": [{"name": "U.S. Food and Drug Administration", "aliases": ["FDA"]}],
        "regulatory_events": [{"regulator": "FDA", "action": "clearance", "product": "Widget System"}],
        "partners": [{"name": "Acme Labs, Inc.", "role": "supplier"}],
    }
    entities = (
        Entity("product:w", "product", "Widget System"),
        Entity(
            "agency:fda",
            "agency",
            "U.S. Food and Drug Administration",
            ("FDA",),
            attributes={"agencyKind": "regulatory"},
        ),
        Entity("company:acme", "company", "Acme Labs"),
    )
    events = (
        Event(
            "r1",
            "regulatory-action",
            {"regulator": ("agency:fda",), "product": ("product:w",)},
            {"action": "clearance"},
            EV,
        ),
        Event("r2", "regulatory-action", {"regulator": ("agency:fda",)}, {"action": "approval"}, EV),
        Event("p1", "partnership", {"partner": ("company:acme",)}, {"role": "supplier"}, EV),
    )
    scores = _Release(gold, entities, events).score()
    assert (scores["products"].tp, scores["products"].fp) == (1, 0)
    assert (scores["regulatory events"].tp, scores["regulatory events"].fp, scores["regulatory events"].fn) == (1, 1, 0)
    assert scores["regulatory events"].false_hits == ["regulatory-action: U.S. Food and Drug Administration approval -"]
    assert (scores["partners"].tp, scores["partners"].fn) == (1, 0)


def test_seed_scores_and_cli(capsys, tmp_path):
    gold = ROOT / "tests" / "gold" / "aastrom-2003-11-10.gold.json"
    total = evaluate([gold], [ROOT / "examples"])
    for cat in ("regulators", "grants", "trials", "partners", "financings", "people"):
        assert total[cat].fn == 0, (cat, total[cat].misses)
    assert total["regulatory events"].tp == 5
    assert total["entities (micro)"].f1 >= 0.9 and total["events (micro)"].f1 >= 0.9
    assert "entities (micro)" in report(total)
    assert main(["evaluate", str(gold), "--releases", str(ROOT / "examples"), "--summary"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["category", "TP", "FP", "FN", "P", "R", "F1"]
    bad = tmp_path / "x.gold.json"
    bad.write_text(json.dumps({"file": "missing.txt"}))
    assert main(["evaluate", str(bad), "--releases", str(tmp_path)]) == 1


def test_financial_fact_matching_within_printed_rounding():
    from datetime import date
    from decimal import Decimal

    from pressgraph.evaluate import score_financial_facts
    from pressgraph.model import FinancialFact, Period, Unit

    def fact(key, concept, value, precision, source="text"):
        return FinancialFact(
            key,
            "net loss",
            concept,
            True,
            Decimal(value),
            Unit.USD,
            Period(date(2003, 9, 30), date(2003, 7, 1), 3),
            Decimal(precision),
            source,
            EV,
        )

    gold = [
        {
            "label": "net loss",
            "concept": "NetIncomeLoss",
            "period_end": "2003-09-30",
            "period_months": 3,
            "instant": False,
            "value": -2838000,
        }
    ]
    assert score_financial_facts(gold, [fact("x1", "NetIncomeLoss", "-2800000", "100000")]).tp == 1
    miss = score_financial_facts(gold, [fact("x2", "NetIncomeLoss", "-2500000", "100000")])
    assert (miss.tp, miss.fp, miss.fn) == (0, 1, 1)


def test_matching_is_the_largest_one_to_one():
    """A prediction two gold items could take goes to the one that has no other (greedy would miss one)."""
    from pressgraph.evaluate import match

    gold = [{"ok": {"a", "b"}}, {"ok": {"a"}}]
    score = match(gold, ["a", "b"], lambda g, p: p in g["ok"], str, "x")
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)
