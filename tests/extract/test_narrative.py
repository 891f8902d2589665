"""Narrative extraction on the seed release: every gold entity and event, with evidence offsets."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from pressgraph.extractors.narrative import extract_narrative
from pressgraph.model import Entity, Event
from pressgraph.read import read_path

sys.path.insert(0, str(Path(__file__).parent))
from _doc import make_metadata  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "examples" / "aastrom-2003-11-10.txt"


@pytest.fixture(scope="module")
def result():
    doc = read_path(SEED)[0]
    text = doc.text
    md = make_metadata(
        "Aastrom Biosciences, Inc.",
        ("Aastrom",),
        "ASTM",
        (("Kris M. Maly", text.index("Kris M. Maly")), ("Becky Anderson", text.index("Becky"))),
        date(2003, 11, 10),
        text,
    )
    entities, events, warnings = extract_narrative(doc, md)
    return doc, {e.key: e for e in entities}, events, warnings


def names(entities: dict[str, Entity], kind: str) -> set[str]:
    return {e.name for e in entities.values() if e.kind == kind}


def spoken(doc, ev, *words: str) -> None:
    """The evidence span of the document holds the quoted words."""
    span = " ".join(doc.text[ev.start : ev.end].split())
    assert span == ev.quote
    for w in words:
        assert w in span, (w, span)


def of(events: tuple[Event, ...], kind: str) -> list[Event]:
    return [e for e in events if e.kind == kind]


def test_regulators_resolved_with_aliases(result):
    _doc, ents, _ev, _w = result
    assert {k for k, e in ents.items() if e.kind == "agency"} == {"agency:fda", "agency:sec", "agency:eu", "agency:nih"}
    assert ents["agency:fda"].name == "U.S. Food and Drug Administration"
    assert "FDA" in ents["agency:fda"].aliases
    assert ents["agency:fda"].same_as == ("http://www.wikidata.org/entity/Q204711",)
    assert ents["agency:eu"].same_as == ()


def test_products(result):
    _doc, ents, _ev, _w = result
    assert names(ents, "product") == {
        "AastromReplicell System",
        "Tissue Repair Cells",
        "bone graft product",
        "dendritic cell production kit",
        "dendritic cell vaccine",
        "stem cell treatment for diabetic circulation disorders",
        "therapeutic kits",
    }
    assert ents["product:tissue-repair-cells"].attributes["productKind"] == "cell therapy"
    assert names(ents, "business-unit") == {"Cell Production Products", "Prescription Cell Products"}


def test_regulatory_events(result):
    doc, ents, events, _w = result
    regs = {
        (e.roles["regulator"][0], e.values["action"], (e.roles.get("product") or (None,))[0], e.values["by_issuer"]): e
        for e in of(events, "regulatory-action")
    }
    assert (
        set(regs)
        == {
            ("agency:fda", "approval", "product:bone-graft-product", "true"),
            ("agency:sec", "submission", None, "true"),
            ("agency:eu", "other", "product:dendritic-cell-production-kit", "true"),
            ("agency:eu", "other", None, "false"),
        }
        and len(regs) == 4
    )
    assert len(of(events, "regulatory-action")) == 5
    fda = regs[("agency:fda", "approval", "product:bone-graft-product", "true")]
    assert fda.values["what"] == "investigational new drug (IND) application"
    spoken(doc, fda.evidence, "Food and Drug Administration approved", "IND")
    spoken(doc, regs[("agency:sec", "submission", None, "true")].evidence, "filed registration statements", "SEC")
    spoken(doc, regs[("agency:eu", "other", "product:dendritic-cell-production-kit", "true")].evidence, "CE Mark")


def test_three_nih_grants(result):
    doc, _ents, events, warnings = result
    grants = of(events, "grant")
    assert [(g.roles["funder"], g.roles["product"]) for g in grants] == [
        (("agency:nih",), ("product:bone-graft-product",)),
        (("agency:nih",), ("product:dendritic-cell-vaccine",)),
        (("agency:nih",), ("product:stem-cell-treatment-for-diabetic-circulation-disorders",)),
    ]
    spoken(doc, grants[0].evidence, "two grants from the National Institutes of Health")
    spoken(doc, grants[2].evidence, "another NIH grant", "diabetic circulation disorders")
    assert any("four separate grants" in w for w in warnings)


def test_trials(result):
    doc, _ents, events, _w = result
    first, second = of(events, "clinical-trial")
    assert first.roles["product"] == ("product:tissue-repair-cells",)
    assert first.values == {"phase": "Phase 1/2", "indication": "tibial non-union fractures", "status": "planned"}
    assert first.roles["partner"] == ("foundation:musculoskeletal-transplant-foundation",)
    assert first.roles["location"] == ("place:united-states",)
    spoken(doc, first.evidence, "Phase I/II", "Musculoskeletal Transplant Foundation")
    assert second.roles["product"] == ("product:tissue-repair-cells",)
    assert second.values == {"indication": "bone graft", "status": "planned"}
    assert set(second.roles["partner"]) == {"company:mathys-medical", "university:bergmannsheil-university"}
    assert second.roles["site"] == ("university:bergmannsheil-university",)
    assert second.roles["location"] == ("place:bochum", "place:germany")
    spoken(doc, second.evidence, "Bergmannsheil University in Bochum, Germany")


def test_partners_with_roles(result):
    doc, ents, events, _w = result
    got = {(ents[e.roles["partner"][0]].name, e.values["role"]): e for e in of(events, "partnership")}
    assert set(got) == {
        ("Musculoskeletal Transplant Foundation", "supplier"),
        ("Mathys Medical", "supplier"),
        ("Bergmannsheil University", "trial site"),
        ("Fusion Capital", "financing"),
        ("National Institutes of Health", "other"),
    }
    spoken(doc, got[("Mathys Medical", "supplier")].evidence, "Mathys Medical will be the provider of")
    spoken(doc, got[("Fusion Capital", "financing")].evidence, "through Fusion Capital")


def test_contacts(result):
    doc, ents, _ev, _w = result
    people = {e.name: e for e in ents.values() if e.kind == "person"}
    assert set(people) == {"Kris M. Maly", "Becky Anderson"}
    assert people["Kris M. Maly"].attributes["affiliation"] == "issuer"
    ev = people["Becky Anderson"].mentions[0].evidence
    assert doc.text[ev.start : ev.end] == "Becky Anderson"


def test_financings(result):
    doc, ents, events, _w = result
    fins = {e.values["kind"]: e for e in of(events, "financing")}
    assert set(fins) == {
        "private placement",
        "equity financing arrangement",
        "direct stock purchase program",
        "universal shelf offering",
    }
    assert fins["private placement"].values == {"kind": "private placement", "status": "completed", "when": "July 2003"}
    assert ents[fins["equity financing arrangement"].roles["counterparty"][0]].name == "Fusion Capital"
    assert fins["direct stock purchase program"].values["shares"] == "10000000"
    assert fins["direct stock purchase program"].values["counterparty"] == "registered shareholders"
    assert {f.values["status"] for f in fins.values()} == {"completed", "planned"}
    spoken(doc, fins["private placement"].evidence, "private placement")
    spoken(doc, fins["universal shelf offering"].evidence, "universal shelf offering")


def test_no_events_from_safe_harbor(result):
    doc, _ents, events, _w = result
    harbor = doc.text.index("This document contains forward-looking statements")
    assert all(e.evidence.start < harbor for e in events)


def test_with_the_real_metadata_extractor():
    from pressgraph.extractors.metadata import extract_metadata

    doc = read_path(SEED)[0]
    entities, events, _w = extract_narrative(doc, extract_metadata(doc))
    people = {e.name for e in entities if e.kind == "person"}
    assert people == {"Kris M. Maly", "Becky Anderson"}
    issuer = next(e for e in entities if e.key == "issuer")
    assert (issuer.name, issuer.attributes["ticker"]) == ("Aastrom Biosciences, Inc.", "ASTM")
    assert len(events) == 5 + 3 + 2 + 5 + 4
