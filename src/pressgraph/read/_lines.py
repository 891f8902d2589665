"""Line-level tools shared by the text readers: lines with offsets, value tokens, fixed-width tables.

A fixed-width financial table is recognised by its rows, not by tags: a label, then two or more
spaces, then amounts (``$ 7,000``, ``(2,452,000)``, ``(.05)``, ``--``). The same finder serves
EDGAR ``<TABLE>`` blocks, untagged tables in old filings, and plain-text excerpts where a row's
label and its values sit on separate lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pressgraph.model import Cell, Table, TableRow


@dataclass(frozen=True)
class Line:
    start: int  # offset of the first character in the document text
    text: str  # without the newline

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of ``text[start:end]`` with their absolute offsets."""
    end = len(text) if end is None else end
    lines: list[Line] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        lines.append(Line(pos, text[pos:stop]))
        pos = stop + 1
    return lines


_AMOUNT = re.compile(
    r"""^(?:\$\s*)?(?:\(\s*\$?\s*[\d,]*\.?\d+\s*\)?|-?\$?\s*[\d,]*\.?\d+)\s*%?$|^(?:-{1,2}|—|–|\$\s*-{1,2}|\$\s*—)$"""
)
_RULE = re.compile(r"^[\s\-=_]+$")
_LEADERS = re.compile(r"(?:\s*\.){2,}\s*$|\s*[._]{3,}\s*$|\s+\.$")
_GAP = re.compile(r"\S+(?:\s\S+)*")  # runs separated by 2+ spaces are found by _parts


def is_amount(token: str) -> bool:
    """True for a table amount token: ``$ 7,000``, ``(2,452,000)``, ``(.05)``, ``65.3 %``, ``--``."""
    return bool(_AMOUNT.match(token.strip()))


def is_rule(text: str) -> bool:
    """An underline row: only dashes, equals signs or underscores (and spaces)."""
    stripped = text.strip()
    return bool(stripped) and bool(_RULE.match(stripped)) and len(stripped.replace(" ", "")) >= 3


def _parts(line: Line) -> list[tuple[int, str, int]]:
    """Split on runs of 2+ spaces (tabs count as a gap), merging stray ``$``, ``)`` and ``%``.

    Each part is ``(start, text, end)``; a merged "$ 7,000" keeps the end of its digits, so
    that right-aligned columns line up whatever the distance between "$" and the figure.
    """
    parts: list[tuple[int, str, int]] = []
    for match in re.finditer(r"\S+(?:[ ]\S+)*", line.text.replace("\t", "  ")):
        parts.append((line.start + match.start(), match.group(), line.start + match.end()))
    merged: list[tuple[int, str, int]] = []
    for start, text, end in parts:
        if merged and text in (")", "%", ")%") and is_amount(merged[-1][1] + text):
            prev_start, prev, _ = merged[-1]
            merged[-1] = (prev_start, prev + text, end)
        elif merged and merged[-1][1] == "$" and is_amount("$" + text):
            prev_start, _, _ = merged[-1]
            merged[-1] = (prev_start, "$ " + text, end)
        else:
            merged.append((start, text, end))
    return merged


def row_of_line(line: Line) -> tuple[Cell, list[Cell]] | None:
    """Label cell and value cells of a line, or None when its right end holds no amounts.

    A dotted leader after the label is dropped. Lines of prose are rejected by requiring the
    values to be separated from the label by at least two spaces.
    """
    parts = _parts(line)
    values: list[Cell] = []
    while parts and is_amount(parts[-1][1]):
        start, text, end = parts.pop()
        values.insert(0, Cell(text, start, end))
    if not values:
        return None
    if parts and len(values) == 1 and len(parts[-1][1]) > 60:
        return None  # a sentence that happens to end in a number
    label_text = " ".join(text for _, text, _ in parts)
    label_text = _LEADERS.sub("", label_text).strip()
    label_start = parts[0][0] if parts else values[0].start
    label = Cell(label_text, label_start, label_start + len(label_text))
    return label, values


def is_label_only(line: Line) -> bool:
    stripped = line.stripped
    return bool(stripped) and not is_rule(stripped) and row_of_line(line) is None


@dataclass
class _TableDraft:
    header: list[TableRow]
    rows: list[TableRow]


def rows_from_lines(lines: list[Line]) -> list[TableRow]:
    """Body rows of a fixed-width table: labels joined across lines, values-only lines attached."""
    rows: list[TableRow] = []
    pending: list[Line] = []  # label-only lines waiting for their values
    for line in lines:
        stripped = line.stripped
        if not stripped:
            continue
        if is_rule(stripped):
            rows.extend(_label_rows(pending))
            pending = []
            rule = "=" if "=" in stripped else "-"
            rows.append(TableRow((), line.start, line.start + len(line.text), rule=rule))
            continue
        parsed = row_of_line(line)
        if parsed is None:
            if pending and not _continues_label(line):
                rows.extend(_label_rows(pending))
                pending = []
            pending.append(line)
            continue
        label, values = parsed
        if pending and (not label.text or _continues_label(line)):
            head = _chain_start(pending)
            rows.extend(_label_rows(pending[:head]))
            chain = pending[head:]
            joined = " ".join([*(p.stripped for p in chain), label.text]).strip()
            label = Cell(_LEADERS.sub("", joined).strip(), chain[0].start + chain[0].indent, label.end)
            indent = chain[0].indent
        else:
            rows.extend(_label_rows(pending))
            indent = line.indent
        pending = []
        rows.append(TableRow((label, *values), label.start, values[-1].end, indent=indent))
    rows.extend(_label_rows(pending))
    return rows


def _chain_start(pending: list[Line]) -> int:
    """Index of the first line of the label that the last pending lines continue."""
    k = len(pending) - 1
    while k > 0 and _continues_label(pending[k]):
        k -= 1
    return k


def _continues_label(line: Line) -> bool:
    """A label line that continues the one above: starts lower-case or with "("."""
    first = line.stripped[:1]
    return first.islower() or first == "("


def _label_rows(lines: list[Line]) -> list[TableRow]:
    """Label-only lines become value-less rows (section headings such as ``REVENUES:``)."""
    rows = []
    for line in lines:
        text = _LEADERS.sub("", line.stripped).strip()
        start = line.start + line.indent
        rows.append(TableRow((Cell(text, start, start + len(text)),), start, start + len(text), indent=line.indent))
    return rows


def header_rows(lines: list[Line]) -> list[TableRow]:
    """Header lines as rows of cells split on 2+ spaces (positions kept for alignment)."""
    rows = []
    for line in lines:
        if not line.stripped or line.stripped.upper() in ("<S>", "<C>") or is_rule(line.stripped):
            continue
        cells = tuple(Cell(text, start, end) for start, text, end in _parts(line))
        if cells:
            rows.append(TableRow(cells, cells[0].start, cells[-1].end))
    return rows


def make_table(header: list[Line], body: list[Line], title: str, context: str) -> Table | None:
    rows = rows_from_lines(body)
    if sum(1 for row in rows if len(row.cells) > 1) < 1:
        return None
    start = (header or body)[0].start
    end = body[-1].start + len(body[-1].text)
    return Table(tuple(header_rows(header)), tuple(rows), start, end, title, context, "fixed")
