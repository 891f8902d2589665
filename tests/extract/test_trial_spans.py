"""Studies spelled out with their initials, planned trials without a start verb ("to plan a ...
trial", "to perform clinical trials"), and a development span ("through Phase II") that is not a
trial's phase; on invented text."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tests.extract.test_entities import run as run_text  # noqa: E402

TEXT = """Quillon Pharma Reports Progress

NEWTOWN, Pa., May 4, 2021 -- Quillon Pharma, Inc. (Nasdaq: QLPH) today reported progress with its antibody velutumab and with Orbazol.

Velutumab is being studied in the Northern Bone Outcomes Initiative (NBOI) national trial involving more than 9,000 women.

NBOI is designed to examine the long-term effect of velutumab on fractures.

Quillon also sponsors the Cardiac Assessment of Renal Endpoints Study (CARES), as well as the Northern Bone Outcomes Initiative Memory Study (NBOI-MS), which is investigating cognition in older women.

The company is collaborating with the Pacific Oncology Trials Group to plan a randomized, double-blind, placebo-controlled trial of Orbazol in patients with chronic neuropathic pain.

For its drug products, the Company utilizes in-licensed technology to conduct proof-of-concept trials through Phase II of clinical development."""  # noqa: E501


def _trials():
    _doc, ents, events, _w = run_text(TEXT, "quillon", ("Quillon Pharma, Inc.", ("Quillon",), "QLPH"))
    trials = [e for e in events if e.kind == "clinical-trial"]
    return [
        (
            ents[t.roles["product"][0]].name if "product" in t.roles else None,
            t.values.get("name"),
            t.values.get("phase"),
        )
        for t in trials
    ], trials


def test_spelled_out_studies_are_trials_with_the_product_their_sentence_names():
    got, trials = _trials()
    assert got[:3] == [("velutumab", "NBOI", None), (None, "CARES", None), (None, "NBOI-MS", None)]
    # "is being studied" and "is investigating" are no status words: the trials are told, not staged
    assert [t.values.get("status") for t in trials[:3]] == [None, None, None]


def test_to_plan_a_trial_is_a_planned_trial_and_a_development_span_is_no_trial():
    got, trials = _trials()
    assert got[3:] == [("Orbazol", None, None)]  # "through Phase II of clinical development": no trial
    assert trials[3].values["status"] == "planned"
    assert trials[3].values["indication"] == "chronic neuropathic pain"


def test_initials_must_match_the_spelled_name():
    from pressgraph.extractors.trials import spelled_studies

    assert spelled_studies("the Heart Outcomes Study (HOS) and the Lung Study (NCI)") == ["HOS"]


HEADLINE = """Tarvio Announces the First Glioma Patient Dosed with Morbestat in a New Phase 1/2 Clinical Trial

CALGARY, Alberta, March 3, 2025 -- Tarvio Pharmaceuticals Inc. today announced the launch of a new clinical trial of oral morbestat.

A clinical study in recurrent glioma patients is now underway (ClinicalTrials.gov ID NCT01234567).

Tarvio completed and published a Phase 1 dose escalation study on morbestat in patients with refractory solid tumors (NCT07654321)."""  # noqa: E501


def test_a_headline_trial_told_again_in_the_body_is_one_trial_with_the_headline_phase():
    _doc, ents, events, _w = run_text(HEADLINE, "tarvio", ("Tarvio Pharmaceuticals Inc.", ("Tarvio",), None))
    trials = [e for e in events if e.kind == "clinical-trial"]
    got = [(ents[t.roles["product"][0]].name, t.values) for t in trials]
    assert got == [
        (
            "morbestat",
            {"name": "NCT01234567", "phase": "Phase 1/2", "indication": "recurrent glioma", "status": "ongoing"},
        ),
        (
            "morbestat",
            {"name": "NCT07654321", "phase": "Phase 1", "indication": "refractory solid tumors", "status": "completed"},
        ),
    ]
