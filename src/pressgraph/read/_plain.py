"""Plain-text releases: news-wire text with one paragraph per line, and tables converted from
HTML where ``|`` separates cells, either inline (``a | b | c``) or one cell per line.

An optional leading block of ``key: value`` lines (the corpus files' source/company/date header)
is kept as header fields and is not part of the release text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressgraph.model import Block, Cell, Table, TableRow
from pressgraph.names import ABBREVIATION_END
from pressgraph.read._cells import cell_tables, flat_tables
from pressgraph.read._classify import (
    BULLET_MARK,
    DATELINE,
    blocks_from_group,
    classify_blocks,
    group_lines,
)
from pressgraph.read._classify import (
    OTHER_LINE as _OTHER_LINE,
)
from pressgraph.read._edgar_text import untagged_tables
from pressgraph.read._lines import Line, is_amount

_FIELD = re.compile(r"^([a-z][a-z _-]{1,20}):\s*(.*)$")
_SEP = re.compile(r"^\|\s*[·•]?\s*$")
_MISSING = re.compile(r"^\[\.\.\..*\.\.\.\]$")


def header_fields(lines: Sequence[Line]) -> tuple[dict[str, str], int]:
    """Leading ``key: value`` fields (only when the first line is one), and the body's first line."""
    fields: dict[str, str] = {}
    if not lines or not _FIELD.match(lines[0].stripped) or not lines[0].stripped.startswith("source:"):
        return fields, 0
    for i, line in enumerate(lines):
        match = _FIELD.match(line.stripped)
        if not match:
            return fields, i
        fields[match.group(1)] = match.group(2)
    return fields, len(lines)


def pipe_tables(lines: Sequence[Line], start: int) -> tuple[list[Table], set[int]]:
    """Runs of lines holding ``|`` cell separators that contain amounts become tables."""
    tables: list[Table] = []
    covered: set[int] = set()
    i = start
    while i < len(lines):
        if "|" not in lines[i].text:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and ("|" in lines[j + 1].text or _short_cell(lines, j + 1)):
            j += 1
        rows = _pipe_rows(lines[i : j + 1])
        table = _table_from_rows(rows)
        if table is not None:
            tables.append(table)
            covered.update(range(i, j + 1))
        else:
            covered.update(k for k in range(i, j + 1) if _SEP.match(lines[k].stripped))
        i = j + 1
    return tables, covered


def _short_cell(lines: Sequence[Line], k: int) -> bool:
    """A one-cell line inside a one-cell-per-line table: short and next to a separator."""
    stripped = lines[k].stripped
    if not stripped or len(stripped) > 80:
        return False
    around = [lines[m].text for m in (k - 1, k + 1) if 0 <= m < len(lines)]
    return any("|" in text for text in around) or stripped in (")", "%")


def _pipe_rows(lines: Sequence[Line]) -> list[list[Cell]]:
    """Rows of cells. Inline pipes split a line; in one-cell-per-line runs, a new row starts at
    two cell lines in a row (no separator between them) or at a text cell after a cell with
    digits, while a lone ")" or "%" closes the previous cell."""
    rows: list[list[Cell]] = []
    current: list[Cell] | None = None
    after_cell = False
    for line in lines:
        stripped = line.stripped
        if _SEP.match(stripped):
            if current is None:
                current = [Cell("", line.start, line.start)]
                rows.append(current)
            after_cell = False
            continue
        if "|" in stripped:
            rows.append(_inline_cells(line))
            current, after_cell = None, False
            continue
        cell = Cell(stripped, line.start + line.indent, line.start + line.indent + len(stripped))
        if stripped in (")", "%", ")%") and current:
            last = current[-1]
            current[-1] = Cell(last.text + stripped, last.start, cell.end)
            continue
        if current is None or after_cell or (_is_text(stripped) and _has_digits(current)):
            current = [cell]
            rows.append(current)
        else:
            current.append(cell)
        after_cell = True
    return rows


def _is_text(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", text))


def _has_digits(cells: list[Cell]) -> bool:
    return any(re.search(r"\d", c.text) for c in cells[1:]) or (
        len(cells) == 1 and bool(re.fullmatch(r"[\d,.()$ -]+", cells[0].text))
    )


def _inline_cells(line: Line) -> list[Cell]:
    cells = []
    pos = 0
    for col, part in enumerate(line.text.split("|")):
        text = part.strip()
        offset = line.start + pos + (len(part) - len(part.lstrip()))
        cells.append(Cell(text, offset, offset + len(text), col, 1))
        pos += len(part) + 1
    return cells


def _table_from_rows(rows: list[list[Cell]]) -> Table | None:
    """Split header from body at the first row holding an amount; None without any amounts."""
    built = [row for cells in rows if any(c.text for c in cells) for row in _split_headings(cells)]
    first_body = next((k for k, row in enumerate(built) if _has_amount(row)), None)
    if first_body is None:
        return None
    header, body = built[:first_body], built[first_body:]
    start = (header or body)[0].start
    context = " ".join(c.text for row in header for c in row.cells if c.text)
    inline = all(c.col >= 0 for row in built for c in row.cells)
    return Table(tuple(header), tuple(body), start, body[-1].end, "", context, "pipe" if inline else "cells")


def _split_headings(cells: list[Cell]) -> list[TableRow]:
    """A section heading run into the next row's label ("Operating expenses", "General and
    administrative", amounts...) becomes a heading row of its own."""
    rows = []
    while len(cells) > 2 and _is_text(cells[0].text) and _is_text(cells[1].text) and not is_amount(cells[1].text):
        rows.append(_row(cells[:1]))
        cells = cells[1:]
    rows.append(_row(cells))
    return rows


def _row(cells: list[Cell]) -> TableRow:
    kept = tuple(c for c in cells if c.text) or tuple(cells[:1])
    if cells and not cells[0].text:
        kept = (cells[0], *kept)  # an empty label cell: an unlabelled (sub)total row
    return TableRow(kept, kept[0].start, kept[-1].end)


def _has_amount(row: TableRow) -> bool:
    return any(
        is_amount(c.text) and re.search(r"\d", c.text) and not re.fullmatch(r"(?:19|20)\d\d", c.text)
        for c in row.cells[1:]
    )


def read_plain_lines(lines: Sequence[Line], body_start: int) -> tuple[list[Block], list[Table]]:
    """Blocks and tables of a plain-text release whose body starts at line ``body_start``."""
    piped, covered = pipe_tables(lines, body_start)
    skip = set(range(body_start)) | covered
    cells, cells_covered = cell_tables(lines, skip)
    skip |= cells_covered
    flat, flat_covered = flat_tables(lines, skip)
    skip |= flat_covered
    fixed, fixed_covered = untagged_tables(lines, skip)
    breaks = skip | fixed_covered | {i for i, line in enumerate(lines) if _MISSING.match(line.stripped)}
    width = wrap_width([line for i, line in enumerate(lines) if i not in breaks])
    pieces = []
    for group in group_lines(lines, breaks):
        for run in wrapped_runs(group, width):
            pieces.extend(blocks_from_group(run))
    tables = sorted(piped + cells + flat + fixed, key=lambda t: t.start)
    return classify_blocks(pieces), tables


# --- hard-wrapped text ---------------------------------------------------------------------------
#
# News-wire text has one paragraph per line, but text converted from HTML or old filings is often
# wrapped at a fixed width with no blank line between paragraphs. A line then continues the one
# before it when that line stops mid-sentence: it ends without closing punctuation and either the
# next line starts in lower case, or it ends on a comma or a function word, or it reaches (nearly)
# the wrap width. Runs of capitals (a headline wrapped over lines) are one run too.

_COLUMNS = re.compile(r"\S {4,}\S")  # a contact box or table: columns, not wrapped prose
_CLOSES = (".", "!", "?", ":", ";", '"', "\u201d", "'", "\u2019")
_FUNCTION_END = re.compile(
    r"(?:,|\b(?:of|the|and|or|a|an|to|in|for|with|at|by|on|from|as|its|our|their|that|which|is|are|was|were))$",
    re.IGNORECASE,
)


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The width text was wrapped at (the 90th percentile of prose line lengths), or None when
    lines are paragraphs (longer than any wrap width in use)."""
    lengths = sorted(len(line.stripped) for line in lines if len(line.stripped) > 20)
    if len(lengths) < 5:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    return width if width <= 120 else None


def continues(run: list[str], line: str, width: int | None) -> bool:
    """Whether ``line`` continues the wrapped text whose lines so far are ``run`` (stripped)."""
    previous = run[-1]
    if _other_run(run) or BULLET_MARK.match(line) or _COLUMNS.search(previous + "\n" + line):
        return False
    abbreviated = bool(ABBREVIATION_END.search(previous))  # "Morton S." / "Acme Inc." end no sentence
    if line[:1].islower() and (abbreviated or not previous.endswith((".", "!", "?", ":", ";"))):
        return True
    if previous.endswith(_CLOSES):
        return False
    if _FUNCTION_END.search(previous) or (len(run) == 1 and previous.isalpha() and len(line) > 20):
        return True
    if previous.isupper() and line.isupper() and not _OTHER_LINE.match(line):
        return True
    titled = sum(w[:1].isupper() for w in previous.split()) >= 0.7 * len(previous.split())
    return width is not None and len(previous) >= 0.75 * width and not titled and not DATELINE.match(line)


def _other_run(run: list[str]) -> bool:
    """Whether the run's lines, joined, are an "other" line ("Exhibit 99.1", "[logo]").

    Joining a long run for every line that might continue it would make a page of ten thousand
    short lines quadratic. The fixed phrases have at most three words, so a run of four or more
    (non-empty) lines can only be a bracketed note; that is decided by its ends."""
    if len(run) > 3:
        return run[0][:1] == "[" and run[-1][-1:] == "]"
    return bool(_OTHER_LINE.match(" ".join(run)))


def wrapped_runs(group: list[tuple[int, Line]], width: int | None) -> list[list[tuple[int, Line]]]:
    """Split a blank-line group into runs of lines that read as one piece of wrapped text."""
    runs: list[list[tuple[int, Line]]] = []
    texts: list[str] = []  # the stripped lines of the last run, kept as it grows
    for index, line in group:
        if runs and continues(texts, line.stripped, width):
            runs[-1].append((index, line))
            texts.append(line.stripped)
        else:
            runs.append([(index, line)])
            texts = [line.stripped]
    return runs
