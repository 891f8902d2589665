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


LINKS = """Orvela Biosciences Presents Data

DENVER, Colo., June 2, 2021 -- Orvela Biosciences, Inc. (Nasdaq: ORVB) today presented data on ORV-201, its lead product candidate.

The meeting, organized with K2i Digital, a firm specializing in investor communications, drew 30 companies. K2i Digital creates robust profiles for companies on its platform, k2idigital.com.

About K2i Digital, Inc.

K2i Digital, Inc. serves investors.

[Newsramp.com TLDR](https://newsramp.com/curated-news/kestrel-s-orv201-shows-promise-in-diabetes)\n\n[Reddit Post](https://www.reddit.com/r/newsramp/comments/1a/orvelas_orv201_shows_promise_in_diabetes/)"""  # noqa: E501


def test_no_product_from_a_link_or_the_first_word_of_a_firms_name():
    """ "K2i Digital creates ..." where the release names "K2i Digital, Inc." is the firm, and a word in
    a link's path ("news/orvela-s-orv201-shows-...") is no mention of a product."""
    _doc, ents, _events, _w = run_text(LINKS, "orvela", ("Orvela Biosciences, Inc.", ("Orvela",), "ORVB"))
    assert sorted(e.name for e in ents.values() if e.kind == "product") == ["ORV-201"]


def test_a_position_inside_a_web_or_mail_address_is_no_mention():
    from pressgraph.extractors.entities import _in_address

    text = "See [post](https://newsramp.com/curated-news/kestrel-s-orv201) or ir@kestrel.example, (ABV-1/Vitargus)"
    assert [_in_address(text, text.index(w)) for w in ("kestrel-s", "kestrel.example", "Vitargus", "See")] == [
        True,
        True,
        False,
        False,
    ]
