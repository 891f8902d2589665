"""Regulatory, trial, grant, partner and financing events on invented text (see test_entities)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tests.extract.test_entities import run  # noqa: E402


def kinds(events, kind):
    return [e for e in events if e.kind == kind]


def test_clearance_and_clinical_hold():
    doc, ents, events, _w = run()
    clear, hold = kinds(events, "regulatory-action")
    assert (clear.values["action"], clear.values["what"], clear.values["by_issuer"]) == (
        "clearance",
        "510(k) clearance",
        "true",
    )
    assert ents[clear.roles["product"][0]].name == "ZetaScan System"
    assert "510(k) clearance" in doc.text[clear.evidence.start : clear.evidence.end]
    assert (hold.values["action"], hold.values["by_issuer"], "product" in hold.roles) == (
        "clinical hold",
        "false",
        False,
    )


def test_trial_grant_partner_financing():
    _doc, ents, events, _w = run()
    (trial,) = kinds(events, "clinical-trial")
    assert trial.values == {"phase": "Phase 2b", "indication": "chronic pruritus", "status": "planned"}
    assert [ents[k].name for k in trial.roles["location"]] == ["United Kingdom"]
    (grant,) = kinds(events, "grant")
    assert (grant.roles["funder"], ents[grant.roles["product"][0]].name, grant.values["amount_usd"]) == (
        ("agency:nci",),
        "ZW-101",
        "1500000",
    )
    roles = {(ents[e.roles["partner"][0]].name, e.values["role"]) for e in kinds(events, "partnership")}
    assert roles == {("Orion Partners", "financing"), ("National Cancer Institute", "other")}
    (fin,) = kinds(events, "financing")
    assert fin.values == {"kind": "registered direct offering", "status": "completed", "amount_usd": "12500000"}


def test_agreement_with_an_agency_is_not_the_submission_it_concerns():
    from pressgraph.extractors.regulatory import _action

    assert _action("Reached agreement with FDA on the proposed IND submission for ZW-101.") == "other"
    assert _action("Zeta plans the filing of an IND with the FDA for ZW-101.") == "submission"


def test_the_product_of_a_relative_clause_and_an_ind_go_ahead():
    """ "both X, with data due this fall, and Y, which received FDA clearance to progress into Phase 1b"
    is about Y; a clearance to proceed into a phase is an IND cleared (the keys call it approval), and
    the same approval told again in other words is one step."""
    text = (
        "ZETA WIDGETS REPORTS PROGRESS\n\n"
        "Zeta Widgets, Inc. today reported progress for both Zetamab, with Phase 2b data due this fall, "
        "and ZW-16, which received FDA clearance to progress into Phase 1b development this quarter.\n\n"
        "ZW-16 was granted IND approval by the FDA in March.\n"
    )
    _doc, ents, events, _w = run(text)
    (approval,) = kinds(events, "regulatory-action")
    assert (approval.values["action"], ents[approval.roles["product"][0]].name) == ("approval", "ZW-16")


def test_a_trial_without_its_phase_takes_the_phase_its_product_is_put_in():
    text = (
        "ZETA WIDGETS REPORTS PROGRESS\n\n"
        "Zeta Widgets, Inc. said ZW-16, which received FDA clearance to progress into Phase 1b development "
        "this quarter, is its second candidate.\n\n"
        "The ZW-16 study will begin enrolling patients in mid-2026 for the treatment of chronic pruritus.\n\n"
        "Zetamab was well tolerated in Phase 1 patients.\n"
    )
    _doc, ents, events, _w = run(text)
    trials = {ents[e.roles["product"][0]].name: e.values.get("phase") for e in kinds(events, "clinical-trial")}
    assert trials == {"ZW-16": "Phase 1b"}  # "well tolerated in Phase 1 patients" is no trial of its own


def test_clinical_studies_in_the_plural_are_a_programme_not_a_trial():
    text = (
        "ZETA WIDGETS PRESENTS AT A CONFERENCE\n\n"
        "Zeta Widgets, Inc. is conducting clinical studies of its lead drug, oral Zetamab.\n\n"
        "The software serves teams that need laboratory data for ongoing clinical trials.\n\n"
        "The company has started a Phase 2 study of Zetamab in chronic pruritus.\n"
    )
    _doc, ents, events, _w = run(text)
    trials = [(ents[e.roles["product"][0]].name, e.values.get("phase")) for e in kinds(events, "clinical-trial")]
    assert trials == [("Zetamab", "Phase 2")]


def test_another_companys_named_trial_is_a_comparison_not_a_trial():
    text = (
        "ZETA WIDGETS REPORTS INTERIM DATA\n\n"
        "Zeta Widgets, Inc. today reported interim results from its Phase 1b study of Zetamab.\n\n"
        "For comparison, in Novo Nordisk’s® Pioneer 6 phase 3a randomized study, 1,591 patients were completed.\n\n"
        "The results of Zetamab appear stronger than those of the Pioneer 6 study.\n"
    )
    _doc, ents, events, _w = run(text)
    names = sorted(str(e.values.get("name")) for e in kinds(events, "clinical-trial"))
    assert "Pioneer 6" not in names
    assert [ents[e.roles["product"][0]].name for e in kinds(events, "clinical-trial")] == ["Zetamab"]


def test_a_ce_mark_received_is_an_approval_and_requirements_are_not():
    text = (
        "ZETA WIDGETS NEWS\n\n"
        "Zeta Widgets, Inc. today announced that its ZetaScan System received the CE mark from the European Union.\n\n"
        "Zeta Widgets also completed the CE Mark requirements for its Zeta Kit in the European Union.\n"
    )
    _doc, ents, events, _w = run(text)
    actions = [(e.values["action"], ents[e.roles["product"][0]].name) for e in kinds(events, "regulatory-action")]
    assert actions == [("approval", "ZetaScan System"), ("other", "Zeta Kit")]


def test_a_code_with_an_adjective_ending_is_no_product():
    text = (
        "ZETA WIDGETS NEWS\n\n"
        "Zeta Widgets, Inc. develops ZW-16, a CEACAM6-targeting conjugate, and an AI-driven BTK-directed test.\n"
    )
    _doc, ents, _events, _w = run(text)
    assert sorted(e.name for e in ents.values() if e.kind == "product") == ["ZW-16"]


def test_praise_joins_and_technique_acronyms_are_no_products():
    text = (
        "ZETA WIDGETS NEWS\n\n"
        "Zeta Widgets, Inc. is working on the development of a potential new treatment for this rare disorder.\n\n"
        "Its ZW-16 was imaged by MRI and tested by PCR under its At-the-Market program.\n"
    )
    _doc, ents, _events, _w = run(text)
    assert sorted(e.name for e in ents.values() if e.kind == "product") == ["ZW-16"]


def test_praise_and_generic_heads_alone_name_no_product():
    text = (
        "ZETA WIDGETS NEWS\n\n"
        "Zeta Widgets, Inc. brings its expertise in medical device design and its unique platform, "
        "its novel platform and its non-core product lines to ZW-16, a polypeptide.\n"
    )
    _doc, ents, _events, _w = run(text)
    assert sorted(e.name for e in ents.values() if e.kind == "product") == ["ZW-16"]


def test_the_firm_of_a_contact_is_a_partner_unless_it_is_the_issuer():
    from pressgraph.extractors.narrative import extract_narrative
    from pressgraph.model import Contact, Evidence, ReleaseMetadata
    from tests.extract._doc import make_document

    for org, expected in (("LifeSci Advisors, LLC", ["LifeSci Advisors, LLC"]), ("Zeta Widgets, Inc.", [])):
        text = f"ZETA WIDGETS NEWS\n\nZeta Widgets, Inc. reported results.\n\nDan Ferry\n{org}\n"
        doc = make_document(text, "zeta")
        at = text.index("Dan Ferry")
        contact = Contact("Dan Ferry", None, org, None, Evidence(at, at + 9, "Dan Ferry", "metadata:contact"))
        md = ReleaseMetadata("Zeta Widgets, Inc.", ("Zeta",), None, None, None, None, None, (contact,), None, None)
        entities, events, _w = extract_narrative(doc, md)
        names = {e.key: e.name for e in entities}
        partners = [names[e.roles["partner"][0]] for e in events if e.kind == "partnership"]
        assert partners == expected


def test_the_trial_in_the_next_paragraph_is_the_one_just_told():
    text = (
        "ZETA WIDGETS NEWS\n\n"
        "Zeta Widgets, Inc. plans to begin a Phase 1b study of Zetamab in patients with solid tumors.\n\n"
        "The trial will be conducted at four sites in Israel and screening will begin in 2025.\n"
    )
    _doc, ents, events, _w = run(text)
    (trial,) = kinds(events, "clinical-trial")
    assert (ents[trial.roles["product"][0]].name, trial.values["phase"]) == ("Zetamab", "Phase 1b")
    assert [ents[k].name for k in trial.roles["location"]] == ["Israel"]


COMMITTEE = """Brenlow Comments on Approval of Selvoxifene

TRENTON, N.J., Dec. 1, 2020 -- While today's approval of selvoxifene by the U.S. Food and Drug Administration (FDA) offers another option for some women, Brenlow Pharma, Inc. said today.

Brenlow's Osteval remains the standard of care.

Data presented at the FDA's Bone and Mineral Drugs Advisory Committee on November 2, 2020 comparing Osteval to selvoxifene and placebo indicated that bone density improvements were larger for Osteval."""  # noqa: E501


def test_an_agency_committee_is_the_acting_body_and_a_comparison_concerns_the_product_already_told():
    from tests.extract.test_entities import run as run_text

    _doc, ents, events, _w = run_text(COMMITTEE, "brenlow", ("Brenlow Pharma, Inc.", ("Brenlow",), None))
    got = [
        (ents[e.roles["regulator"][0]].name, e.values["action"], ents[e.roles["product"][0]].name)
        for e in kinds(events, "regulatory-action")
    ]
    assert got == [
        ("U.S. Food and Drug Administration", "approval", "Selvoxifene"),
        ("Bone and Mineral Drugs Advisory Committee", "other", "Selvoxifene"),
    ]


EARLIER_GRANT = """Lumetra Optics Receives STTR Award from National Institutes of Health

CHICAGO, March 3, 2020 -- Lumetra Optics, LLC today announced that it received a Small Business Technology Transfer (STTR) award from the National Institutes of Health to test its ZX-4100 imaging system in patients.

The STTR award follows on the heels of a National Science Foundation Small Business Innovation Research (SBIR) award given to the company in June."""  # noqa: E501


def test_an_earlier_grant_told_as_background_does_not_take_the_release_product():
    from tests.extract.test_entities import run as run_text

    _doc, ents, events, _w = run_text(EARLIER_GRANT, "lumetra", ("Lumetra Optics, LLC", ("Lumetra",), None))
    got = [(e.roles["funder"][0], [ents[k].name for k in e.roles.get("product", ())]) for e in kinds(events, "grant")]
    assert got == [("agency:nih", ["ZX-4100"]), ("agency:nsf", [])]
