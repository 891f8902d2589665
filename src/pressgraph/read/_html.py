"""Render an HTML release (an EDGAR exhibit) to plain text and find its blocks and tables.

Only :mod:`html.parser` is used, because EDGAR HTML is often broken (unclosed ``<P>``, stray
end tags, Word/WordPerfect output) and a forgiving, event-based pass is all the reader needs.
The rendering is the release's ``Document.text``: whitespace is collapsed as a browser would,
block elements end lines, paragraphs and tables are followed by a blank line, and table cells of
a row are separated by a tab. Every block and every cell is recorded as a span of that text, so
evidence found later can point into it.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from pressgraph.budget import checkpoint
from pressgraph.errors import ReadError
from pressgraph.model import Block, BlockKind, Cell, Document, Table, TableRow

if TYPE_CHECKING:
    from pressgraph.read._lines import Line

_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "center", "blockquote", "pre", "hr"})
_BLOCKS |= _HEADINGS | {"address", "section", "article", "dl", "dt", "dd", "form", "body"}
_CELLS = frozenset({"td", "th"})
_BOLD = frozenset({"b", "strong"})
_WS_RE = re.compile(r"\s+")
# A run of non-breaking spaces lays out columns in old web pages ("Total Revenue&nbsp;&nbsp;...
# $ 50,038"): it is kept as a two-space gap, which the fixed-width table finder reads.
_GAP = "\ue000"
_GAP_RE = re.compile(r"\xa0[\xa0 ]*\xa0")
_GAP_SPACES = re.compile(r" ?\ue000[ \ue000]*")


@dataclass(frozen=True)
class HtmlTable:
    """A table of the rendering: rows of ``(cell text, start, end)`` and the text above it.

    ``colspans`` parallels ``rows`` with each cell's ``colspan``; ``title`` is the nearest short
    line above the table that is not a parenthesised scale line; ``context`` is the few lines
    just above it (where "(In millions, except per share amounts)" is found).
    """

    rows: list[list[tuple[str, int, int]]]
    start: int
    end: int
    title: str = ""
    context: str = ""
    colspans: list[list[int]] = field(default_factory=list)


@dataclass(frozen=True)
class RenderedHtml:
    """The text rendering, its blocks ``(kind, start, end)`` and its tables, in reading order.

    ``kind`` is "paragraph", "bullet", "heading" or "table"; ``emphasised`` holds the indexes of
    blocks whose text is all bold or that are centred (headline candidates).
    """

    text: str
    blocks: list[tuple[str, int, int]]
    tables: list[HtmlTable]
    emphasised: frozenset[int] = frozenset()


@dataclass
class _TableBuilder:
    """A table being read: finished rows, the open row and the open cell."""

    start: int
    rows: list[list[tuple[str, int, int]]] = field(default_factory=list)
    colspans: list[list[int]] = field(default_factory=list)
    row: list[tuple[str, int, int]] | None = None
    spans: list[int] = field(default_factory=list)
    cell_start: int | None = None  # position of the open cell's first character
    cell_chunk: int = 0  # index into the output chunks where the open cell's text begins
    cell_open: bool = False
    colspan: int = 1


class _TagStack:
    """The open elements, with a count per tag name: "is a <b> open?" is asked for every
    piece of text, and a page of ten thousand unclosed tags must not make that a scan."""

    def __init__(self) -> None:
        self._stack: list[str] = []
        self._count: dict[str, int] = {}

    def __contains__(self, tag: object) -> bool:
        return isinstance(tag, str) and self._count.get(tag, 0) > 0

    def any_of(self, tags: frozenset[str]) -> bool:
        return any(self._count.get(t, 0) > 0 for t in tags)

    def top(self) -> str | None:
        return self._stack[-1] if self._stack else None

    def append(self, tag: str) -> None:
        self._stack.append(tag)
        self._count[tag] = self._count.get(tag, 0) + 1

    def pop(self) -> str:
        tag = self._stack.pop()
        self._count[tag] -= 1
        return tag

    def close(self, tag: str) -> None:
        """End ``tag`` and every element opened inside it; an end tag nothing opened is ignored."""
        if tag in self:
            while self._stack and self.pop() != tag:
                pass


class _Renderer(HTMLParser):
    """Event handler that writes the rendering and records block and cell spans."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.pos = 0
        self.line_empty = True
        self.blank_lines = 2  # no blank lines at the very top
        self.pending_space = False
        self.skip_depth = 0
        self.open_tags = _TagStack()
        self.events = 0  # start tags seen (the time budget is checked every few hundred)
        # where a line break or a paragraph was inside a table cell (rendered as a space, as a
        # header cell "Three Months<br>Ended" is one phrase); a layout table is cut there
        self.cell_breaks: list[int] = []
        self.block_start: int | None = None
        self.block_kind = "paragraph"
        self.block_plain = False  # some text of the open block is not bold
        self.blocks: list[tuple[str, int, int]] = []
        self.emphasised: set[int] = set()
        self._centred = False  # the open block was opened with align="center"
        self.tables: list[tuple[_TableBuilder, int, int]] = []
        self.table_stack: list[_TableBuilder] = []

    # --- writing -------------------------------------------------------------------------

    def _write(self, s: str) -> None:
        self.out.append(s)
        self.pos += len(s)

    def _end_line(self, blank: bool = False) -> None:
        """End the current line (once); with ``blank`` also leave one empty line."""
        self.pending_space = False
        if not self.line_empty:
            self._write("\n")
            self.line_empty, self.blank_lines = True, 0
        if blank and self.blank_lines == 0:
            self._write("\n")
            self.blank_lines = 1

    def _text(self, s: str) -> None:
        """Write collapsed text, opening the block/cell span at its first character."""
        if "pre" in self.open_tags:
            pieces = s.replace("\r", "").split("\n")
        else:
            pieces = [_GAP_SPACES.sub("  ", _WS_RE.sub(" ", s))]
        for i, piece in enumerate(pieces):
            if i:
                self._end_line()
            self._inline(piece)

    def _inline(self, s: str) -> None:
        if s[:1] == " ":
            self.pending_space = True
        word = s.strip(" ")
        if not word:
            return
        table = self.table_stack[-1] if self.table_stack else None
        if table is not None and not table.cell_open:
            self._stray_cell(table)
        self._separate(table)
        self._open_spans(table)
        self._write(word)
        self.line_empty, self.blank_lines = False, 0
        self.pending_space = s.endswith(" ")
        if not self.open_tags.any_of(_BOLD):
            self.block_plain = True

    def _stray_cell(self, table: _TableBuilder) -> None:
        """Text inside a table but outside any cell ("Gain on disposal of" between two rows)
        is a row label: it gets a row and a cell of its own, as the row it begins."""
        if table.row:
            self._close_row(table)
        table.row, table.spans = [], []
        table.cell_open, table.cell_start, table.colspan = True, None, 1

    def _separate(self, table: _TableBuilder | None) -> None:
        """A tab before a cell's first text on a row, else one pending space."""
        if table and table.cell_open and table.cell_start is None and not self.line_empty:
            self._write("\t")
        elif self.pending_space and not self.line_empty:
            self._write(" ")
        self.pending_space = False

    def _open_spans(self, table: _TableBuilder | None) -> None:
        if table is None and self.block_start is None:
            self.block_start, self.block_kind = self.pos, self._kind()
            self.block_plain = False
        if table and table.cell_open and table.cell_start is None:
            table.cell_start, table.cell_chunk = self.pos, len(self.out)

    def _kind(self) -> str:
        if "li" in self.open_tags:
            return "bullet"
        if self.open_tags.any_of(_HEADINGS):
            return "heading"
        return "paragraph"

    # --- blocks --------------------------------------------------------------------------

    def _flush_block(self, blank: bool = True) -> None:
        """Close the open block (if it has text) and end its line."""
        if self.block_start is not None:
            index = len(self.blocks)
            self.blocks.append((self.block_kind, self.block_start, self.pos))
            if not self.block_plain or "center" in self.open_tags or self._centred:
                self.emphasised.add(index)
            self.block_start = None
        self._centred = False
        self._end_line(blank)

    # --- parser events -------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events += 1
        if self.events % 512 == 0:
            checkpoint("reading its HTML")
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if tag in ("p", "li") and self.open_tags.top() == tag:
            self.open_tags.pop()  # an unclosed <p>/<li> ends where the next one starts
        if tag not in ("br", "hr", "img", "meta", "link", "input", "col", "wbr"):
            self.open_tags.append(tag)
        self._start_effect(tag, dict(attrs))

    def _start_effect(self, tag: str, attrs: dict[str, str | None]) -> None:
        table = self.table_stack[-1] if self.table_stack else None
        if tag == "table":
            if table is not None:
                self._close_cell(table)  # a nested table ends the cell that holds it
            self._flush_block()
            self.table_stack.append(_TableBuilder(start=self.pos))
        elif table is not None:
            self._table_start(table, tag, attrs)
        elif tag == "br":
            self._end_line()
        elif tag in _BLOCKS:
            self._flush_block(blank=tag != "li")
            align = (attrs.get("align") or "") + (attrs.get("style") or "")
            self._centred = "center" in align.lower()

    def _table_start(self, table: _TableBuilder, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "tr":
            self._close_row(table)
            table.row, table.spans = [], []
        elif tag in _CELLS:
            self._close_cell(table)
            if table.row is None:
                table.row, table.spans = [], []
            table.cell_open, table.cell_start = True, None
            table.colspan = _int(attrs.get("colspan"))
        elif tag == "br" or tag in _BLOCKS:
            self.pending_space = True
            self.cell_breaks.append(self.pos)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        self.open_tags.close(tag)
        table = self.table_stack[-1] if self.table_stack else None
        if tag == "table" and table is not None:
            self._close_table(table)
        elif table is not None:
            if tag in _CELLS:
                self._close_cell(table)
            elif tag == "tr":
                self._close_row(table)
            elif tag in _BLOCKS:
                self.pending_space = True
                self.cell_breaks.append(self.pos)
        elif tag in _BLOCKS:
            self._flush_block(blank=tag != "li")

    def handle_data(self, data: str) -> None:
        if self.skip_depth == 0 and data:
            self._text(_GAP_RE.sub(_GAP, data).replace("\xa0", " "))

    # --- tables --------------------------------------------------------------------------

    def _close_cell(self, table: _TableBuilder) -> None:
        if not table.cell_open:
            return
        start = table.cell_start if table.cell_start is not None else self.pos
        text = "".join(self.out[table.cell_chunk :]) if table.cell_start is not None else ""
        text = text.rstrip()  # a cell ends at its last character, not at a line break
        if table.row is None:
            table.row = []
        table.row.append((text, start, start + len(text)))
        table.spans.append(table.colspan)
        table.cell_open, table.cell_start = False, None

    def _close_row(self, table: _TableBuilder) -> None:
        self._close_cell(table)
        if table.row and any(cell[0] for cell in table.row):
            table.rows.append(table.row)
            table.colspans.append(table.spans)
        table.row, table.spans = None, []
        self._end_line()

    def _close_table(self, table: _TableBuilder) -> None:
        self._close_row(table)
        self.table_stack.pop()
        spans = [(s, e) for row in table.rows for (text, s, e) in row if text]
        if spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            self.tables.append((table, start, end))
            self.blocks.append(("table", start, end))
        self._end_line(blank=True)

    def finish(self) -> None:
        """Close whatever the (possibly truncated) HTML left open."""
        while self.table_stack:
            self._close_table(self.table_stack[-1])
        self._flush_block(blank=False)


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


# --- rendering ---------------------------------------------------------------------------------

_SCALE_RE = re.compile(r"^\(.*\)$|^\$?\s*in (thousands|millions|billions)", re.I)
_TITLE_MAX = 120
_CONTEXT_BLOCKS = 3
_CONTEXT_MAX = 200  # longer blocks are prose, not table captions


def render_html(html: str) -> RenderedHtml:
    """Render ``html`` to text, with its blocks and tables (never raises on broken markup
    other than what :mod:`html.parser` itself rejects; see :func:`document_from_html`)."""
    renderer = _Renderer()
    renderer.feed(html)
    renderer.close()
    renderer.finish()
    text = "".join(renderer.out).rstrip("\n")
    text = text + "\n" if text else ""
    blocks = sorted(renderer.blocks, key=lambda b: (b[1], b[2]))
    tables = _finish_tables(text, blocks, sorted(renderer.tables, key=lambda entry: entry[1]))
    blocks = _split_layout_tables(text, blocks, tables, renderer.cell_breaks)
    order = {b: i for i, b in enumerate(blocks)}
    emphasised = frozenset(order[renderer.blocks[i]] for i in renderer.emphasised if renderer.blocks[i] in order)
    return RenderedHtml(text=text, blocks=blocks, tables=tables, emphasised=emphasised)


def _split_layout_tables(
    text: str, blocks: list[tuple[str, int, int]], tables: list[HtmlTable], breaks: list[int]
) -> list[tuple[str, int, int]]:
    """A 1990s page laid out in one table cell holds its headline, dateline and paragraphs
    separated by ``<br>`` and ``<p>``: such a layout table is cut into paragraphs there, so that
    "...Risk Not Yet Known<br><p>Premarin(R) (conjugated...)" is two blocks, not one. Tables
    with figures keep their cells whole. A table nested in the layout table keeps its own block."""
    layout = {(t.start, t.end) for t in tables if _is_layout(t)}
    if not layout or not breaks:
        return blocks
    data = [(t.start, t.end) for t in tables if (t.start, t.end) not in layout]
    breaks = sorted(set(breaks))
    out: list[tuple[str, int, int]] = []
    for kind, start, end in blocks:
        if kind != "table" or (start, end) not in layout:
            out.append((kind, start, end))
            continue
        lo, hi = bisect_right(breaks, start), bisect_left(breaks, end)
        cuts = [start, *breaks[lo:hi], end]
        for a, b in zip(cuts, cuts[1:], strict=False):
            a, b = _strip_span(text, a, b)
            inside = any(s <= a and b <= e for s, e in data)
            if a < b and not inside:
                out.append(("paragraph", a, b))
    return sorted(out, key=lambda blk: (blk[1], blk[2]))


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _finish_tables(
    text: str, blocks: list[tuple[str, int, int]], entries: list[tuple[_TableBuilder, int, int]]
) -> list[HtmlTable]:
    """Attach each table's title and context: the few short blocks that end before it starts,
    since the last table. One pass over the blocks for all tables (in order of start), as the
    blocks that end before a table are a prefix of those that end before any later one."""
    finished: list[HtmlTable] = []
    above: list[tuple[str, int, int]] = []
    i = 0
    for table, start, end in entries:
        while i < len(blocks) and blocks[i][2] <= start:
            kind, b_start, b_end = blocks[i]
            short = kind != "table" and b_end - b_start <= _CONTEXT_MAX
            above = [*above, blocks[i]][-_CONTEXT_BLOCKS:] if short else []
            i += 1
        finished.append(_finish_table(text, above, table, start, end))
    return finished


def _finish_table(
    text: str, above: list[tuple[str, int, int]], table: _TableBuilder, start: int, end: int
) -> HtmlTable:
    """The table with its title and context read from the blocks ``above`` it."""
    lines = [_WS_RE.sub(" ", text[s:e]).strip() for _, s, e in above]
    title = next((ln for ln in reversed(lines) if _is_title(ln)), "")
    return HtmlTable(
        rows=table.rows,
        start=start,
        end=end,
        title=title,
        context="\n".join(lines),
        colspans=table.colspans,
    )


def _is_title(line: str) -> bool:
    """A short line that is not a scale note such as "(in millions)"."""
    return 0 < len(line) <= _TITLE_MAX and not _SCALE_RE.match(line)


# --- Document ----------------------------------------------------------------------------------

_DATELINE_RE = re.compile(r"^[A-Z][A-Za-z .,'-]+, [A-Za-z.]+(?:,|\s*[-\u2013\u2014/])?\s*\w+\.? \d{1,2}, \d{4}")
_BULLET_RE = re.compile(r"^[\u2022\u00b7\u25aa\u25cf\u2013*-]\s*[\w\u201c\"(]")
_PREAMBLE_RE = re.compile(
    r"^(exhibit\s+\d|ex-\d|press\s+release|news\s+release|for\s+immediate\s+release|news\b)", re.I
)
_AMOUNT_RE = re.compile(r"^[($]*\s*-?\$?\s*\d{1,3}(,\d{3})*(\.\d+)?\s*\)?%?$|^\(?\$?\.\d+\)?$")
_CONTACT_RE = re.compile(r"^(media |investor )?contacts?\b", re.I)
_FOOTNOTE_RE = re.compile(r"^\(\d{1,2}\)$")
_YEAR_RE = re.compile(r"^(19|20)\d\d$")
_HEADLINE_MAX = 200


def document_from_html(html: str, *, release_id: str, source: str, fmt: str) -> Document:
    """Read an HTML release into a :class:`Document` whose ``text`` is the rendering.

    Raises :class:`ReadError` when there is no text, or when :mod:`html.parser` gives up on the
    markup (it can raise ``AssertionError`` on malformed ``<![...]>`` declarations).
    """
    try:
        rendered = render_html(html)
    except (AssertionError, ValueError, IndexError, RecursionError) as exc:
        raise ReadError(f"HTML cannot be parsed: {type(exc).__name__}") from None
    if not rendered.text.strip():
        raise ReadError("HTML has no text")
    return Document(
        release_id=release_id,
        source=source,
        text=rendered.text,
        format=fmt,
        blocks=tuple(_blocks(rendered)),
        tables=tuple(_with_gap_tables(rendered.text, _data_tables(rendered))),
        sha256=hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def _blocks(rendered: RenderedHtml) -> list[Block]:
    """Blocks with collapsed text and kinds (headline, dateline, bullets, headings)."""
    kinds = _classify(rendered)
    blocks = []
    for (_, start, end), kind in zip(rendered.blocks, kinds, strict=False):
        text, offsets = collapse(rendered.text, start, end)
        if text:
            blocks.append(Block(kind=kind, text=text, char_offsets=offsets))
    return blocks


def collapse(text: str, start: int, end: int) -> tuple[str, tuple[int, ...]]:
    """``text[start:end]`` with whitespace runs made one space, and each character's offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for pos in range(max(0, start), min(end, len(text))):
        ch = text[pos]
        if ch.isspace():
            if not chars or chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        offsets.append(pos)
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), tuple(offsets)


def _classify(rendered: RenderedHtml) -> list[BlockKind]:
    """A first kind per block, then the headline lines before the dateline."""
    layout = {t.start for t in rendered.tables if _is_layout(t)}
    kinds = [_basic_kind(rendered.text, "paragraph" if s in layout else kind, s, e) for kind, s, e in rendered.blocks]
    dateline = next((i for i, k in enumerate(kinds) if k is BlockKind.DATELINE), None)
    limit = dateline if dateline is not None else min(len(kinds), 6)
    seen_headline = False
    for i in range(limit):
        line = rendered.text[rendered.blocks[i][1] : rendered.blocks[i][2]].strip()
        if _PREAMBLE_RE.match(line):
            kinds[i] = BlockKind.OTHER
        elif kinds[i] in (BlockKind.HEADING, BlockKind.PARAGRAPH) and _headline_like(
            line, i in rendered.emphasised or kinds[i] is BlockKind.HEADING
        ):
            kinds[i] = BlockKind.SUBHEADLINE if seen_headline else BlockKind.HEADLINE
            seen_headline = True
        elif seen_headline:
            break  # the headline lines are consecutive
    return kinds


def _headline_like(line: str, emphasised: bool) -> bool:
    short = 0 < len(line) <= _HEADLINE_MAX
    return short and (emphasised or (line.isupper() and len(line) > 3))


def _basic_kind(text: str, kind: str, start: int, end: int) -> BlockKind:
    """The kind a block has on its own: table, bullet, heading, dateline or paragraph."""
    body = text[start:end].strip()
    if kind == "table":
        return BlockKind.CONTACT if _CONTACT_RE.match(body) else BlockKind.TABLE
    if kind == "bullet" or _BULLET_RE.match(body):
        return BlockKind.BULLET
    if kind == "heading":
        return BlockKind.HEADING
    if _DATELINE_RE.match(body):
        return BlockKind.DATELINE
    return BlockKind.PARAGRAPH


def _with_gap_tables(text: str, tables: list[Table]) -> list[Table]:
    """Tables laid out with non-breaking spaces outside any ``<table>`` (1990s web pages): lines
    whose figures stand after a gap. The gaps are not columns (the page used a proportional
    font), so the figures are read in order."""
    from pressgraph.read._edgar_text import untagged_tables
    from pressgraph.read._lines import split_lines

    lines = split_lines(text)
    inside = _lines_inside(lines, tables)
    found, _covered = untagged_tables(lines, inside)
    gap = [replace(t, layout="flat") for t in found]
    return sorted(tables + gap, key=lambda t: t.start)


def _lines_inside(lines: Sequence[Line], tables: list[Table]) -> set[int]:
    """Indexes of the lines that start inside a table (a sweep over both, in order of start)."""
    spans = sorted((t.start, t.end + 1) for t in tables)
    inside: set[int] = set()
    j, reach = 0, -1  # spans[:j] are the tables started so far; reach is the furthest end among them
    for i, line in enumerate(lines):
        while j < len(spans) and spans[j][0] <= line.start:
            reach = max(reach, spans[j][1])
            j += 1
        if line.start < reach:
            inside.add(i)
    return inside


def _data_tables(rendered: RenderedHtml) -> list[Table]:
    """The tables that hold data, in reading order: a period header printed as a table of its
    own joins the table below it; other one-row tables without amounts lay out prose."""
    tables = [(t, _table(rendered.text, t)) for t in rendered.tables]
    merged = _merge_header_tables(rendered.text, [(_is_layout(h), t) for h, t in tables])
    return merged


_PERIOD_WORDS = re.compile(r"\b(?:months?|weeks?|quarters?|years?|ended|ending|fiscal|(?:19|20)\d\d)\b", re.I)


def _cells_text(table: Table) -> str:
    return " ".join(c.text for row in (*table.header, *table.rows) for c in row.cells)


def _table(text: str, table: HtmlTable) -> Table:
    """A model table: header = the leading rows without an amount, body = the rest.

    A section label row ("ASSETS:" alone in the first cell) already belongs to the body.
    Cells keep their logical grid columns (``colspan`` counted), so a header cell spanning two
    period columns can be told from one over a single column.
    """
    spans = table.colspans or [[1] * len(cells) for cells in table.rows]
    rows = [_row(cells, row_spans) for cells, row_spans in zip(table.rows, spans, strict=False)]
    first = next((i for i, cells in enumerate(table.rows) if _has_amount(cells)), 0)
    label = next((i for i, cells in enumerate(table.rows[:first]) if _is_section(cells)), first)
    first = min(first, label)
    return Table(
        header=tuple(rows[:first]),
        rows=tuple(rows[first:]),
        start=table.start,
        end=table.end,
        title=table.title,
        context=table.context,
        layout="html",
        footnote=_footnote_below(text, table.end),
    )


def _row(cells: list[tuple[str, int, int]], spans: list[int]) -> TableRow:
    filled = [(s, e) for text, s, e in cells if text]
    start = min(s for s, _ in filled) if filled else cells[0][1]
    end = max(e for _, e in filled) if filled else cells[-1][2]
    out, col = [], 0
    for (t, s, e), span in zip(cells, list(spans) + [1] * (len(cells) - len(spans)), strict=False):
        out.append(Cell(t, s, e, col, span))
        col += span
    return TableRow(cells=tuple(out), start=start, end=end)


_FOOTNOTE_MAX = 300


def _footnote_below(text: str, end: int) -> str:
    """The first short paragraph after a table, where a scale note is sometimes printed."""
    after = text[end : end + _FOOTNOTE_MAX * 2].strip()
    first = after.split("\n\n", 1)[0].strip()
    return first if len(first) <= _FOOTNOTE_MAX else ""


def _merge_header_tables(text: str, tables: list[tuple[bool, Table]]) -> list[Table]:
    """A table of header rows only, printed just above the table of figures, is its header.

    Word processors often emit "Three Months Ended June 30," as a table of its own over the
    table whose first row holds the years. Its grid is not the figures' grid, so its cells lose
    their columns (``col`` -1) and are later spread over the period columns in order.
    """
    out: list[Table] = []
    pending: tuple[bool, Table] | None = None  # a header-only table waiting for the table below it
    for layout, table in tables:
        prev, pending = pending, None
        header_only = not _table_has_amount(table) and bool(_PERIOD_WORDS.search(_cells_text(table)))
        if header_only:
            _keep(out, prev)
            pending = (layout, table)
            continue
        if layout:
            pending = prev if prev is not None and _adjacent(text, prev[1].end, table.start) else None
            _keep(out, prev if pending is None else None)
            continue
        if prev is not None and _adjacent(text, prev[1].end, table.start):
            loose = tuple(_without_grid(row) for row in (*prev[1].header, *prev[1].rows))
            table = replace(
                table,
                header=loose + table.header,
                start=prev[1].start,
                title=prev[1].title or table.title,
                context=prev[1].context or table.context,
            )
        else:
            _keep(out, prev)
        out.append(table)
    _keep(out, pending)
    return out


def _keep(out: list[Table], candidate: tuple[bool, Table] | None) -> None:
    """An unmerged header-only table stays a table of its own unless it was layout."""
    if candidate is not None and not candidate[0]:
        out.append(candidate[1])


def _table_has_amount(table: Table) -> bool:
    return any(_has_amount([(c.text, c.start, c.end) for c in row.cells]) for row in (*table.header, *table.rows))


def _adjacent(text: str, end: int, start: int) -> bool:
    """Only blank lines (or nothing) between two tables."""
    return 0 <= start - end <= 400 and not text[end:start].strip()


def _without_grid(row: TableRow) -> TableRow:
    return replace(row, cells=tuple(replace(c, col=-1, span=1) for c in row.cells))


def _is_section(cells: list[tuple[str, int, int]]) -> bool:
    """A row with text only in its first cell: a section label, not a column header."""
    return bool(cells[0][0]) and not any(text for text, _, _ in cells[1:])


def _has_amount(cells: list[tuple[str, int, int]]) -> bool:
    """True when a cell holds an amount such as 1,234 or (12) or 5% (a bare year is not one)."""
    return any(_AMOUNT_RE.match(t) and not _YEAR_RE.match(t.strip()) for t, _, _ in cells)


def _is_layout(table: HtmlTable) -> bool:
    """A one-row table without amounts lays out prose (a bullet and its text, a page number,
    a footnote whose only "amount" is its marker "(1)")."""
    if len(table.rows) != 1:
        return False
    cells = [cell for cell in table.rows[0] if not _FOOTNOTE_RE.match(cell[0])]
    return not _has_amount(cells)
