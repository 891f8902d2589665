"""Plain text wrapped at a fixed width (converted from HTML or old filings, no blank lines between
paragraphs) reads as whole paragraphs; one-paragraph-per-line news-wire text is left as it is."""

from __future__ import annotations

from pressgraph.model import BlockKind
from pressgraph.read import read_bytes, read_path
from pressgraph.read._lines import split_lines
from pressgraph.read._plain import read_plain_lines
from tests.conftest import shared_path

WRAPPED = """ACME BIO ANNOUNCES POSITIVE PHASE 2 RESULTS FOR ITS NOVEL,
NON-OPIOID ANALGESIC
Springfield, IL, May 4, 2010. Acme Bio, Inc. (Nasdaq: ACMB) today
announced positive results for its Phase 2 clinical trial investigating its
novel analgesic, zelofadine, in the treatment of post-surgical pain. These
data indicate that zelofadine is an effective analgesic compared to placebo.
The
trial enrolled 300 patients at the University of
Springfield.
"""

NEWSWIRE = (
    "Acme Bio Reports Positive Phase 2 Results For Its Novel Analgesic Zelofadine In Surgery\n"
    "SPRINGFIELD, Ill., May 4, 2010 -- Acme Bio, Inc. (Nasdaq: ACMB) today announced positive results for its "
    "Phase 2 clinical trial of zelofadine in the treatment of post-surgical pain, a trial that enrolled 300 "
    "patients at two sites.\n"
    "Contact: Jane Roe, (555) 010-0000\n"
)


def _blocks(text: str) -> list[tuple[str, str]]:
    blocks, _tables = read_plain_lines(split_lines(text), 0)
    return [(b.kind.name, b.text) for b in blocks]


def test_wrapped_lines_join_into_paragraphs() -> None:
    assert _blocks(WRAPPED) == [
        ("HEADLINE", "ACME BIO ANNOUNCES POSITIVE PHASE 2 RESULTS FOR ITS NOVEL, NON-OPIOID ANALGESIC"),
        (
            "DATELINE",
            "Springfield, IL, May 4, 2010. Acme Bio, Inc. (Nasdaq: ACMB) today announced positive results for its "
            "Phase 2 clinical trial investigating its novel analgesic, zelofadine, in the treatment of post-surgical "
            "pain. These data indicate that zelofadine is an effective analgesic compared to placebo.",
        ),
        ("PARAGRAPH", "The trial enrolled 300 patients at the University of Springfield."),
    ]


def test_one_paragraph_per_line_stays_apart() -> None:
    kinds = [kind for kind, _text in _blocks(NEWSWIRE)]
    assert kinds == ["HEADLINE", "DATELINE", "CONTACT"]


def test_joined_block_offsets_point_into_the_text() -> None:
    (doc,) = read_bytes(WRAPPED.encode(), "acme.txt")
    assert len(doc.blocks) == 3
    for block in doc.blocks:
        for i, ch in enumerate(block.text):
            if ch != " ":
                assert doc.text[block.char_offsets[i]] == ch


def test_corpus_release_wrapped_without_blank_lines() -> None:
    (doc,) = read_path(shared_path("corpus", "releases", "dov-pharmaceutical-2002-08-07.txt"))
    dateline = next(b for b in doc.blocks if b.kind is BlockKind.DATELINE)
    assert dateline.text.startswith(
        "Hackensack, NJ, August 7, 2002. DOV Pharmaceutical, Inc. (Nasdaq: DOVP) today announced positive efficacy "
        "and safety results for its Phase II clinical trial investigating its novel, non-narcotic analgesic, "
        "bicifadine, in the treatment of moderate to severe post-surgical dental pain."
    )
    headline = [b.text for b in doc.blocks if "ANNOUNCES" in b.text]
    assert headline == ["DOV PHARMACEUTICAL ANNOUNCES POSITIVE PHASE II RESULTS FOR ITS NOVEL, NON-NARCOTIC ANALGESIC"]


def test_release_line_and_page_header_are_not_prose() -> None:
    text = (
        "For Immediate Release – May 7, 2010\n"
        "Acme Bio Launches a Development Effort\n"
        "\n"
        "Acme/2\n"
        "Acme will hold a conference call at 9:00 a.m. Eastern Time today to discuss the results.\n"
    )
    assert _blocks(text) == [
        ("HEADLINE", "For Immediate Release – May 7, 2010"),
        ("SUBHEADLINE", "Acme Bio Launches a Development Effort"),
        ("SUBHEADLINE", "Acme/2"),
        # short lines before any dateline read as sub-headlines; the point is that none was joined
        ("SUBHEADLINE", "Acme will hold a conference call at 9:00 a.m. Eastern Time today to discuss the results."),
    ]


def test_a_line_ending_on_an_initial_continues() -> None:
    text = (
        "The articles were written by the company's scientific founder, Jane Q. Roe, M.D., the Jon S.\n"
        "and Ann Doe Professor of Genetics at the State University of Springfield, with colleagues.\n"
        "Results will follow in the second half of the year, the company said in its statement.\n"
    )
    assert [b for _k, b in _blocks(text)] == [
        "The articles were written by the company's scientific founder, Jane Q. Roe, M.D., the Jon S. and Ann Doe "
        "Professor of Genetics at the State University of Springfield, with colleagues.",
        "Results will follow in the second half of the year, the company said in its statement.",
    ]
