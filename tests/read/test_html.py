"""The HTML reader on the real EDGAR exhibits of the shared corpus and on broken markup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgraph.errors import ReadError
from pressgraph.model import BlockKind, Document
from pressgraph.read._html import collapse, document_from_html, render_html
from pressgraph.read._submission import press_release_exhibits, split_submission
from tests.conftest import shared_path


def _exhibit(name: str, kind: str) -> str:
    text = shared_path("corpus", "submissions", name).read_text(encoding="latin-1")
    return next(e.body for e in press_release_exhibits(split_submission(text)) if e.type == kind)


def _doc(html: str) -> Document:
    return document_from_html(html, release_id="r", source="s.htm", fmt="html")


def _row(table, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    return next([c[0] for c in row if c[0]] for row in table.rows if row[0][0] == label)


@pytest.fixture(scope="module")
def apple() -> str:
    return _exhibit("apple-2011-01-18-0001193125-11-009392.txt", "EX-99.1")


def test_apple_statement_of_operations(apple: str) -> None:
    rendered = render_html(apple)
    assert [t.title for t in rendered.tables] == [
        "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS",
        "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS",
        "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS",
    ]
    ops = rendered.tables[0]
    assert ops.context == (
        "Apple Inc.\nUNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS\n"
        "(in millions, except share amounts which are reflected in thousands and per share amounts)"
    )
    assert _row(ops, "Net sales") == ["Net sales", "$", "26,741", "$", "15,683"]
    assert _row(ops, "Gross margin") == ["Gross margin", "10,298", "6,411"]
    assert [c[0] for c in ops.rows[1] if c[0]] == ["December 25, 2010", "December 26, 2009"]


def test_apple_cells_are_spans_of_the_text(apple: str) -> None:
    rendered = render_html(apple)
    cells = [c for t in rendered.tables for row in t.rows for c in row]
    assert all(rendered.text[s:e] == text for text, s, e in cells)
    assert rendered.text.count("26,741") == 1  # "$26.74 billion" in prose, 26,741 in the table


def test_apple_negative_amounts_split_across_cells(apple: str) -> None:
    cash = render_html(apple).tables[2]
    label = "Accounts receivable, net"
    assert _row(cash, label) == [label, "(517", ")", "271"]


def test_apple_document(apple: str) -> None:
    doc = _doc(apple)
    kinds = [(b.kind, b.text) for b in doc.blocks[:5]]
    assert kinds[:4] == [
        (BlockKind.OTHER, "Exhibit 99.1"),
        (BlockKind.HEADLINE, "Apple Reports First Quarter Results"),
        (
            BlockKind.SUBHEADLINE,
            "Record Mac, iPhone, iPad Sales Drive Highest Revenue and Earnings Ever",
        ),
        (BlockKind.SUBHEADLINE, "Revenue Grows 71 Percent; Earnings Grow 78 Percent"),
    ]
    assert kinds[4][0] is BlockKind.DATELINE
    opening = "CUPERTINO, California\u2014January 18, 2011\u2014Apple\u00ae today"
    assert kinds[4][1].startswith(opening)
    ops = doc.tables[0]
    assert [[c.text for c in r.cells if c.text] for r in ops.header] == [
        ["Three Months Ended"],
        ["December 25, 2010", "December 26, 2009"],
    ]
    net_sales = [c.text for c in ops.rows[0].cells if c.text]
    assert net_sales == ["Net sales", "$", "26,741", "$", "15,683"]
    assert doc.text[ops.rows[0].start : ops.rows[0].end] == "Net sales\t$\t26,741\t$\t15,683"
    assert (len(doc.tables), len(ops.rows)) == (3, 22)
    balance = doc.tables[1]
    assert [[c.text for c in r.cells if c.text] for r in balance.header] == [
        ["December 25, 2010", "September 25, 2010"]
    ]
    assert [c.text for c in balance.rows[0].cells] == ["ASSETS:"] + [""] * 8


def test_block_offsets_point_into_the_text(apple: str) -> None:
    doc = _doc(apple)
    for block in doc.blocks:
        assert len(block.text) == len(block.char_offsets)
        assert all(doc.text[o] == ch or ch == " " for o, ch in zip(block.char_offsets, block.text, strict=True))


def test_apple_data_sheet_footnote_tables_read_as_prose() -> None:
    doc = _doc(_exhibit("apple-2011-01-18-0001193125-11-009392.txt", "EX-99.2"))
    assert [(t.title, len(t.header), len(t.rows)) for t in doc.tables] == [("Q1 2011 Unaudited Summary Data", 2, 20)]
    assert [c.text for c in doc.tables[0].rows[1].cells if c.text][:5] == [
        "Americas",
        "1,460",
        "$",
        "7,186",
        "1,187",
    ]
    assert doc.blocks[4].text == ("(1) Includes iMac, Mac mini, Mac Pro and Xserve product lines.")
    assert doc.blocks[-1].text == "$M = Amounts in millions"


def test_oracle_contact_table() -> None:
    doc = _doc(_exhibit("oracle-2019-07-10-0001193125-19-191922.txt", "EX-99.1"))
    (table,) = doc.tables
    assert [c.text for c in table.rows[2].cells if c.text] == ["1.650.607.0349", "1.212.508.7935"]
    assert [c.text for c in table.rows[0].cells if c.text] == [
        "Contact:",
        "Ken Bond",
        "Deborah Hellinger",
    ]
    headline = next(b for b in doc.blocks if b.kind is BlockKind.HEADLINE)
    assert headline.text == "ORACLE NAMES RONA FAIRHEAD"
    dateline = next(b for b in doc.blocks if b.kind is BlockKind.DATELINE)
    assert dateline.text.startswith("REDWOOD SHORES, Calif., July 10, 2019 \u2014 The Oracle Board")


def test_rock_of_ages_first_paragraphs() -> None:
    doc = _doc(_exhibit("rock-of-ages-2000-09-27-0000084581-00-500009.txt", "EX-99"))
    assert [(b.kind, b.text) for b in doc.blocks[:3]] == [
        (BlockKind.OTHER, "EXHIBIT 99.1"),
        (BlockKind.HEADLINE, "Rock of Ages Acquires"),
        (BlockKind.SUBHEADLINE, "American Monument Corporation"),
    ]
    assert doc.blocks[3].kind is BlockKind.DATELINE
    assert doc.blocks[3].text.startswith(
        "CONCORD, NEW HAMPSHIRE, September 26, 2000...ROCK OF AGES CORPORATION (NASDAQ/NMS:ROAC)"
        " announced today that it has acquired the American Monument Corporation,"
    )
    assert doc.tables == ()


def test_atrinsic_layout_tables_become_bullets() -> None:
    doc = _doc(_exhibit("atrinsic-2016-04-26-0001144204-16-096273.txt", "EX-99.2"))
    assert doc.blocks[4].text == (
        "The principal purpose of the Compensation Committee (the “Committee”) of the Board"
        " of Directors (the “Board”) is to approve, administer and interpret the"
        " Company’s executive and key employee compensation and benefit policies, including"
        " the Company’s equity incentive plans. The Committee shall ensure that the"
        " Company’s executive and key employee compensation and benefit program is consistent"
        " with the Company’s compensation philosophy and the Company’s Guidelines on"
        " Significant Corporate Governance Issues, and determine the executive compensation"
        " packages offered to the Company’s executive officers."
    )
    assert doc.blocks[6].kind is BlockKind.BULLET
    assert doc.blocks[6].text.startswith("\u00b7 The Committee shall review and approve corporate")
    assert doc.tables == ()


def test_small_markup() -> None:
    html = (
        "<html><head><title>t</title><style>p{}</style></head><body><script>x=1</script>"
        "<h2>About  Us</h2><p>One&nbsp;&amp; two<br>three &#151; four<p>next"
        "<ul><li>first<li>second</ul><table><tr><td>A</td><td colspan=2>$</td><td>1,5</td>"
    )
    rendered = render_html(html)
    assert rendered.text == ("About Us\n\nOne & two\nthree \u2014 four\n\nnext\n\nfirst\nsecond\n\nA\t$\t1,5\n")
    assert [k for k, _, _ in rendered.blocks] == [
        "heading",
        "paragraph",
        "paragraph",
        "bullet",
        "bullet",
        "table",
    ]
    assert rendered.tables[0].rows == [[("A", 54, 55), ("$", 56, 57), ("1,5", 58, 61)]]
    assert rendered.tables[0].colspans == [[1, 2, 1]]


def test_collapse_keeps_offsets() -> None:
    assert collapse("ab \n\t cd  ", 0, 10) == ("ab cd", (0, 1, 2, 6, 7))


@pytest.mark.parametrize("html", ["", "   ", "<p> </p><script>text</script>", "<!-- x -->"])
def test_no_text_is_a_read_error(html: str) -> None:
    with pytest.raises(ReadError, match="HTML has no text"):
        _doc(html)


@pytest.mark.parametrize("cut", [1, 50, 333, 700, 1234, 1500, 1999])
def test_truncated_exhibit_still_reads(cut: int) -> None:
    html = _exhibit("rock-of-ages-2000-09-27-0000084581-00-500009.txt", "EX-99")[:cut]
    try:
        doc = _doc(html)
    except ReadError as exc:
        assert str(exc) == "HTML has no text"
        return
    assert doc.blocks[0].text == "EXHIBIT 99.1"


def test_nested_table_closes_the_outer_cell() -> None:
    """Text left in the outer table after the nested one is a row of its own (stray text in a
    table is a row label, as in "Gain on disposal of" printed between two <tr>)."""
    rendered = render_html("<table><tr><th>&#<table><tr><td>1,234</td></table>x</table>")
    assert rendered.text == "&#\n\n1,234\n\nx\n"
    assert [t.rows for t in rendered.tables] == [[[("&#", 0, 2)], [("x", 11, 12)]], [[("1,234", 4, 9)]]]


def test_text_between_rows_is_a_row_label() -> None:
    html = (
        "<table><tr><td>Income</td><td>5</td></tr><tr>Gain on disposal of<tr>"
        "<td>discontinued operations</td><td>7</td></tr></table>"
    )
    rows = render_html(html).tables[0].rows
    assert [[c[0] for c in r] for r in rows] == [
        ["Income", "5"],
        ["Gain on disposal of"],
        ["discontinued operations", "7"],
    ]


_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "</table>",
        "<li>",
        "<br>",
        "<b>",
        "<script>",
        "</style>",
        "<![CDATA[",
        "<!",
        "&#",
        "&nbsp",
        "<td colspan=x>",
        "<h1",
        "</",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_TAGS, st.text(max_size=8)), max_size=25))
def test_arbitrary_markup_gives_a_document_or_read_error(parts: list[str]) -> None:
    html = "".join(parts)
    try:
        doc = _doc(html)
    except ReadError:
        return
    assert doc.text.strip() != ""
    for table in doc.tables:
        for row in (*table.header, *table.rows):
            assert all(doc.text[c.start : c.end] == c.text for c in row.cells)


def test_a_page_laid_out_in_one_table_cell_reads_as_paragraphs() -> None:
    """1990s pages hold the whole release in one layout cell; its <br> and <p> separate the
    headline lines and paragraphs, which must not run together ("...Not Yet Known Zorvex(R)")."""
    html = (
        "<html><body><table><tr><td><center><b>Zorvex Beats Placebo<br>Effect on Risk Not Yet Known"
        "<br><p>Zorvex&reg; Delivers Benefits</b></center><p>BOSTON, Dec. 10 -- Corvane Corp. said today"
        " that its drug works.<p>All contents Copyright &copy; 1997 Corvane Corp.</td></tr></table>"
        "<table><tr><td>Revenue</td><td>1,200</td></tr><tr><td>Cost</td><td>(300)</td></tr></table>"
    )
    doc = document_from_html(html, release_id="r", source="r.htm", fmt="html")
    assert [b.text for b in doc.blocks if b.kind is not BlockKind.TABLE] == [
        "Zorvex Beats Placebo",
        "Effect on Risk Not Yet Known",
        "Zorvex® Delivers Benefits",
        "BOSTON, Dec. 10 -- Corvane Corp. said today that its drug works.",
        "All contents Copyright © 1997 Corvane Corp.",
    ]
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows] == [["Revenue", "1,200"], ["Cost", "(300)"]]
