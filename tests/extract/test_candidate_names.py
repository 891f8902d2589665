"""A product candidate named in several words after "product candidate," keeps all of them up
to its comma or abbreviation; on invented text."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from tests.extract.test_entities import run as run_text  # noqa: E402

TEXT = """Orvela Biosciences Reports Progress

DENVER, Colo., June 2, 2021 -- Orvela Biosciences, Inc. (Nasdaq: ORVB) today reported progress.

The Company's lead product candidate, Vascular Repair Factor (VRF), is a human peptide with anti-inflammatory activity.

Its second drug candidate Zentoril Shows Promise in animal models."""


def test_a_multi_word_candidate_name_up_to_its_abbreviation():
    _doc, ents, _events, _w = run_text(TEXT, "orvela", ("Orvela Biosciences, Inc.", ("Orvela",), "ORVB"))
    assert sorted(e.name for e in ents.values() if e.kind == "product") == ["Vascular Repair Factor", "Zentoril"]


SEGMENTS = """Halvard Medical Reports Results

OSLO, June 2, 2021 -- Halvard Medical N.V. today reported results.

Halvard will expand its leadership in its Vascular Imaging, Monitoring and Home Care business segments, and grow its Lumora platform."""  # noqa: E501


def test_the_first_of_a_list_of_business_segments_is_no_product():
    _doc, ents, _events, _w = run_text(SEGMENTS, "halvard", ("Halvard Medical N.V.", ("Halvard",), None))
    assert sorted(e.name for e in ents.values() if e.kind == "product") == ["Lumora platform"]
