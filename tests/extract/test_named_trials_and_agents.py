"""Named trials, sibling trials, status continuations, agents listed before an apposition and
lower-case generic drug names, on invented text."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tests.extract.test_entities import run as run_text  # noqa: E402

TEXT = """Nordia Provides Update on Timing of Topline Results for VANTAGE 1 Phase 3 Trial of Lumeron

Nordia Therapeutics, Inc. (Nasdaq: NRDA) today announced that it expects to report topline results for the VANTAGE 1 pivotal Phase 3 trial of Lumeron for the treatment of chronic gout in March 2021.

Enrollment in the Vantage 2 Study remains on track, and the Company expects topline results in April 2021.

Nordia also announced results for its Phase 2 clinical trial investigating its novel, non-opioid analgesic, zelofadine, in the treatment of post-surgical pain.

115 of 150 patients have been enrolled in the clinical trial evaluating Corvana in women with migraine. The randomized, double-blind clinical trial is currently underway at 15 centers in the United States.

Kestrel Securities, LLC and Harbor & Pike, LLC, a wholly owned subsidiary of Harbor & Pike Group, Inc., served as the co-placement agents for the offering, with Alder Research LLC a Division of Bexley, LTD. acting as the financial advisor."""  # noqa: E501


def run():
    return run_text(TEXT, "nordia", ("Nordia Therapeutics, Inc.", ("Nordia",), "NRDA"))


def test_named_trial_is_one_trial_and_its_sibling_shares_the_product():
    doc, ents, events, _w = run()
    trials = [e for e in events if e.kind == "clinical-trial"]
    got = [(ents[t.roles["product"][0]].name if "product" in t.roles else None, t.values) for t in trials]
    assert got == [
        ("Lumeron", {"name": "VANTAGE 1", "phase": "Phase 3", "indication": "chronic gout", "status": "ongoing"}),
        ("Lumeron", {"name": "Vantage 2", "indication": "chronic gout", "status": "ongoing"}),
        ("zelofadine", {"phase": "Phase 2", "indication": "post-surgical pain", "status": "results"}),
        ("Corvana", {"status": "ongoing"}),  # "in women with migraine": no indication cue, none taken
    ]
    # the headline and the body both name VANTAGE 1; the quote is the body's sentence
    assert doc.text[trials[0].evidence.start :].startswith("Nordia Therapeutics, Inc. (Nasdaq: NRDA) today announced")
    # "The randomized ... trial is currently underway" continues the Corvana trial
    assert [ents[k].name for k in trials[3].roles["location"]] == ["United States"]
    assert trials[3].evidence.quote.endswith("currently underway at 15 centers in the United States.")


def test_agents_listed_before_an_apposition():
    _doc, ents, events, _w = run()
    roles = sorted((ents[e.roles["partner"][0]].name, e.values["role"]) for e in events if e.kind == "partnership")
    assert roles == [
        ("Alder Research LLC", "financing"),
        ("Harbor & Pike, LLC", "financing"),
        ("Kestrel Securities, LLC", "financing"),
    ]


def test_named_trials_of_a_corpus_release_reach_the_trials_query(tmp_path):
    from pressgraph.ingest import ingest
    from pressgraph.queries import run_named
    from pressgraph.store import open_store
    from tests.conftest import shared_path

    release = shared_path("corpus", "releases", "acasti-pharma-2019-12-23.txt")
    store = open_store(str(tmp_path / "store"))
    try:
        ingest(store, [str(release)], progress=False)
        result = run_named(store, "trials", {"company": "ACST"})
        from pressgraph.api import _entities

        company = _entities.entity_iri("org/acasti-pharma")
        labels = [e["label"] for e in _entities.events(store, company)]
    finally:
        store.close()
    keep = ("productName", "phase", "status", "trialName")
    got = [{k: v or "" for k, v in zip(result.variables, row, strict=True) if k in keep} for row in result.rows]
    assert got == [
        {"productName": "CaPre", "phase": "Phase 3", "status": "ongoing", "trialName": "TRILOGY 1"},
        {"productName": "CaPre", "phase": "", "status": "ongoing", "trialName": "Trilogy 2"},
    ]
    assert labels == ["Clinical trial · TRILOGY 1", "Clinical trial · Trilogy 2"]  # as the entity page shows them


def test_phase_without_the_word_trial_and_a_finished_trial_told_twice():
    text = (
        "Nordia completed additional Phase 1 work with its oral Lumeron.\n\n"
        "Highlights included the rapid completion of our Phase 1 clinical study of NRD-100 in gout.\n\n"
        "- Phase 1 results of NRD-100 in gout\n\n"
        "- Initiation of the Phase 2 portion of the clinical trial of NRD-100 for the treatment of gout"
    )
    _doc, ents, events, _w = run_text(text, "nordia2", ("Nordia Therapeutics, Inc.", ("Nordia",), "NRDA"))
    got = [
        (ents[t.roles["product"][0]].name, t.values.get("phase"), t.values["status"])
        for t in events
        if t.kind == "clinical-trial"
    ]
    assert got == [
        ("Lumeron", "Phase 1", "completed"),
        ("NRD-100", "Phase 1", "completed"),
        ("NRD-100", "Phase 2", "planned"),
    ]
