# ruff: noqa: E501
"""Entities, resolution and the small pieces (sentences, phases) on invented text."""

from __future__ import annotations

import sys
from pathlib import Path

from pressgraph.extractors._sentences import split_block
from pressgraph.extractors.narrative import extract_narrative
from pressgraph.extractors.trials import phase_class, phases_in
from pressgraph.resolve import Registry, norm

sys.path.insert(0, str(Path(__file__).parent))
from _doc import make_document, make_metadata  # noqa: E402

TEXT = """Zeta Widgets, Inc. (Nasdaq: ZWID) today said the U.S. Food and Drug Administration (FDA) has granted 510(k) clearance to the Company's ZetaScan(TM) System for imaging of the retina.

Zeta plans to initiate a Phase IIb trial of ZW-101 for chronic pruritus in the United Kingdom. The FDA also placed a clinical hold on a competitor's product.

"We are pleased," said Dr. Ann B. Cole, Chief Executive Officer of Zeta Widgets.

Zeta completed a $12.5 million registered direct offering with Orion Partners LLC acting as the sole placement agent. The Company received a $1.5 million grant from the National Cancer Institute (NCI) to support development of ZW-101."""


def run(text: str = TEXT, release_id: str = "zeta", names: tuple = ("Zeta Widgets, Inc.", ("Zeta",), "ZWID")):
    """Narrative extraction of invented text: (document, entities by key, events, warnings)."""
    doc = make_document(text, release_id)
    md = make_metadata(*names)
    entities, events, warnings = extract_narrative(doc, md)
    return doc, {e.key: e for e in entities}, events, warnings


def test_norm_and_registry_merge_names():
    assert norm("The Acme Biosciences, Inc.") == "acme biosciences"
    assert norm("ZetaScan(TM) System") == "zetascan system"
    reg = Registry()
    a = reg.add("company", "Acme Biosciences, Inc.", aliases=("Acme", "ACME"))
    assert reg.add("company", "Acme") == a and reg.find("ACME") == a
    (entity,) = reg.entities()
    assert (entity.name, entity.aliases) == ("Acme Biosciences, Inc.", ("Acme", "ACME"))


def test_sentences_keep_abbreviations_together():
    assert [t for _o, t in split_block("Dr. Cole met the U.S. team. It went well.")] == [
        "Dr. Cole met the U.S. team.",
        "It went well.",
    ]


def test_phase_normalisation():
    assert phases_in("a Phase I/II study") == ["Phase 1/2"]
    assert phases_in("a phase 1b trial and two phase II trials") == ["Phase 1b", "Phase 2"]  # as printed
    assert [phase_class(p) for p in phases_in("Phase 1b, Phase 2b, Phase 2/3")] == ["Phase 1", "Phase 2", "other"]
    assert phases_in("Phase IIb") == ["Phase 2b"]


def test_entities_from_invented_release():
    _doc, ents, _events, _w = run()
    products = {e.name: e.attributes["productKind"] for e in ents.values() if e.kind == "product"}
    assert products == {"ZetaScan System": "platform", "ZW-101": "other"}
    assert ents["agency:fda"].same_as == ("http://www.wikidata.org/entity/Q204711",)
    assert ents["agency:nci"].same_as == ()
    person = next(e for e in ents.values() if e.kind == "person")
    assert (person.name, person.attributes["jobTitle"]) == ("Ann B. Cole", "Chief Executive Officer")


def test_a_contact_line_of_name_title_and_firm_names_the_firm_alone() -> None:
    """A person's name and title run into the firm ("Jane Roe Chief Executive Officer Corvane
    Corp.") is not one organisation; a title-like phrase that is part of a firm's own name
    ("Skyline Corporate Communications Group, LLC") stays."""
    from pressgraph.extractors._orgs import org_mentions

    line = "Jane Roe Chief Executive Officer Corvane Corp. 15 Main Street, Suite 8 Springfield"
    assert [m.name for m in org_mentions(line)] == ["Corvane Corp."]
    firm = "Contact Skyline Corporate Communications Group, LLC for details"
    assert [m.name for m in org_mentions(firm)] == ["Skyline Corporate Communications Group, LLC"]


def test_the_issuers_own_division_and_a_copyright_line_are_no_contact_firms() -> None:
    text = (
        "BOSTON, Dec. 10 -- Corvane Corp. said today that its drug works.\n\n"
        "Corvane Laboratories, a division of Corvane Corp. (NYSE: CVN), makes medicines.\n\n"
        "CONTACT: Ann Lee, 617-555-0100, both of Corvane Laboratories\n\n"
        "Media: Bob Ray, Halden Communications, Inc., 212-555-0199\n\n"
        "All contents Copyright 1997 Corvane Corp.\n"
    )
    _doc, ents, events, _w = run(text, "corvane", ("Corvane Corp.", ("Corvane",), "CVN"))
    partners = sorted(ents[e.roles["partner"][0]].name for e in events if e.kind == "partnership")
    assert partners == ["Halden Communications, Inc."]
