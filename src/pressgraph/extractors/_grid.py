"""Table geometry: a read :class:`Table` → a :class:`Grid` of labelled rows × value columns.

Every layout ends up in the same grid. Where the layout has positions (HTML ``colspan`` columns,
pipe cells, the characters of a fixed-width line) the value columns are found by clustering the
positions of the figures; where it has none (one cell per line, rows flattened onto one line)
the columns are the figures' order in a row. A figure printed in pieces ("$", "1,234", ")") is
one figure; a label wrapped over two rows ("Income from continuing" / "operations before
income taxes") is one label.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from pressgraph.extractors.numbers import Amount, parse_amount
from pressgraph.model import Cell, Table, TableRow

_PREFIX = {"$", "US$", "€", "£", "(", "($", "$(", "C$"}
_SUFFIX = {")", "%", ")%", "%)", "*", "**"}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_LETTER_MARK = re.compile(r"^\(?[a-z]\)$|^\*+$")
_NUMBER_MARK = re.compile(r"^\(\d\)$")
_DIGIT = re.compile(r"\d")
_LEADERS = re.compile(r"(?:\s*\.){2,}\s*$|\s*[._]{3,}\s*$")
_FOOTNOTE_TAIL = re.compile(r"\s*(?:\(\s*[a-z\d]\s*\)|\*+|[¹²³⁴⁵⁶⁷⁸⁹])+\s*$")
_CONTINUES = re.compile(r"\b(?:of|and|or|the|for|from|to|in|on|with|before|after|by|per|net|less)$|[,(&/-]$", re.I)


@dataclass(frozen=True)
class Figure:
    """One amount of a row: its (merged) cell, its value and where it sits."""

    cell: Cell
    amount: Amount
    left: float
    right: float
    placeholder: bool = False  # "*" for an amount too small to print: a column taken, no value


@dataclass
class GridRow:
    """One body row: label, the figure in each value column (None where blank), layout marks."""

    index: int
    label: str
    label_cell: Cell | None
    slots: list[Figure | None]
    rule: str = ""
    indent: int = 0
    raw: TableRow | None = None
    heading: bool = False  # the label ended with a colon: a section heading, not a wrapped label
    part: int = 0  # >0 for the further rows that one printed row holds (a total run into it)
    short: bool = False  # fewer figures than columns and no positions to say whose: placed by the totals

    @property
    def has_figures(self) -> bool:
        return any(s is not None for s in self.slots)


@dataclass
class Grid:
    """Rows × ``n`` value columns; ``bounds`` is each column's position interval (None when the
    layout has no positions); ``skipped`` names figures that fit no column."""

    n: int
    rows: list[GridRow]
    bounds: list[tuple[float, float]] | None
    skipped: list[str] = field(default_factory=list)


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def positioned(table: Table) -> bool:
    """Whether the figures' positions mean columns (not so for one-cell-per-line or flat rows)."""
    return table.layout not in ("cells", "flat")


# Layouts whose columns are the figures' order in a row, so a placeholder keeps its column.
_ORDERED = ("cells", "flat")
_PLACEHOLDER = re.compile(r"\*{1,3}")


def figures_of(row: TableRow, table: Table, text: str) -> tuple[Cell | None, list[Figure]]:
    """The label cell and the figures of a row, with stray "$", ")" and "%" merged in."""
    cells = list(row.cells)
    label: Cell | None = None
    figures: list[Figure] = []
    pending: Cell | None = None  # a "$" or "(" waiting for its number
    for i, cell in enumerate(cells):
        t = cell.text.strip()
        if not t:
            continue
        if t in _PREFIX and i + 1 < len(cells):
            pending = cell if pending is None else _join(pending, cell)
            continue
        if figures and t in _SUFFIX and _adjacent(figures[-1].cell, cell, row, table):
            prev = figures[-1]
            merged = _join(prev.cell, cell)
            figures[-1] = Figure(merged, parse_amount(merged.text) or prev.amount, prev.left, prev.right)
            continue
        if (label is not None or figures) and table.layout in _ORDERED and _PLACEHOLDER.fullmatch(t):
            figures.append(Figure(cell, Amount(Decimal(0), Decimal(1)), -1.0, -1.0, placeholder=True))
            pending = None
            continue
        whole = _join(pending, cell) if pending is not None else cell
        amount = _amount(whole.text, first=i == 0)
        if amount is None:
            if label is None and not figures:
                label = cell
            elif not figures:
                label = _join(label, cell) if label else cell
            pending = None
            continue
        left, right = _position(cell, table, text)
        if pending is not None and pending.col >= 0 and table.layout != "fixed":
            left = min(left, float(pending.col))
        figures.append(Figure(whole, amount, left, right))
        pending = None
    return label, figures


def _amount(token: str, first: bool) -> Amount | None:
    """A figure, not a word or a letter mark ("(a)", "*"); the first cell of a row is its
    label, whatever it holds. "(1)" may be a figure or a footnote mark: columns decide later."""
    t = token.strip()
    if not _DIGIT.search(t) and not re.fullmatch(r"\$?\s*[-—–]{1,3}\s*\$?", t):
        return None
    if _LETTER_MARK.match(t):
        return None
    if first:
        return None
    return parse_amount(t)


def _adjacent(a: Cell, b: Cell, row: TableRow, table: Table) -> bool:
    if a.col >= 0 and b.col >= 0:
        return b.col <= a.col + a.span + 1
    return 0 <= b.start - a.end <= 3 or table.layout in ("cells", "flat")


def _join(a: Cell | None, b: Cell) -> Cell:
    if a is None:
        return b
    glue = "" if a.text.strip() in _PREFIX or b.text.strip() in _SUFFIX else " "
    span = (b.col + b.span - a.col) if a.col >= 0 and b.col >= 0 else a.span
    return Cell(a.text.strip() + glue + b.text.strip(), a.start, b.end, a.col, max(1, span))


def _position(cell: Cell, table: Table, text: str) -> tuple[float, float]:
    if table.layout == "fixed":
        x = line_start(text, cell.start)
        return float(cell.start - x), float(cell.end - x)
    if cell.col >= 0:
        return float(cell.col), float(cell.col + cell.span - 1)
    return 0.0, 0.0


# --- columns ------------------------------------------------------------------------------------


def _tolerance(table: Table) -> float:
    """How far apart two right edges may be and still be one column: a character or three in
    fixed-width text ("(35)" ends one further right than "35"), the next grid column in HTML."""
    return 3.0 if table.layout == "fixed" else 1.0


def cluster_columns(rows: list[list[Figure]], table: Table) -> list[tuple[float, float]]:
    """Value columns as position intervals: figures whose right edges lie together, and never
    two from one row in one column."""
    keys = sorted({f.right for figs in rows for f in figs})
    members: dict[float, set[int]] = {}
    for r, figs in enumerate(rows):
        for f in figs:
            members.setdefault(f.right, set()).add(r)
    tol = _tolerance(table)
    clusters: list[list[float]] = []
    for k in keys:
        if clusters and k - clusters[-1][-1] <= tol:
            taken = set().union(*(members[x] for x in clusters[-1]))
            if not taken & members[k]:
                clusters[-1].append(k)
                continue
        clusters.append([k])
    bounds = []
    for c in clusters:
        lefts = [f.left for figs in rows for f in figs if f.right in c]
        bounds.append((min(lefts), max(c)))
    return bounds


def _support(rows: list[list[Figure]], bounds: list[tuple[float, float]]) -> list[int]:
    counts = [0] * len(bounds)
    for figs in rows:
        for f in figs:
            i = _column_of(f, bounds)
            if i is not None:
                counts[i] += 1
    return counts


def _column_of(f: Figure, bounds: list[tuple[float, float]]) -> int | None:
    for i, (_a, b) in enumerate(bounds):
        if abs(f.right - b) <= 0.5 or (bounds[i][0] <= f.right <= b):
            return i
    return None


def _mark_columns(rows: list[list[Figure]], bounds: list[tuple[float, float]]) -> set[int]:
    """Columns holding nothing but "(1)"-style marks: footnote references, not figures."""
    seen: dict[int, list[bool]] = {}
    for figs in rows:
        for f in figs:
            i = _column_of(f, bounds)
            if i is not None:
                seen.setdefault(i, []).append(bool(_NUMBER_MARK.match(f.cell.text.strip())))
    return {i for i, flags in seen.items() if all(flags) and len(flags) < len(rows)}


def build_grid(table: Table, text: str) -> Grid:
    """The grid of a table's body rows."""
    parsed = [figures_of(row, table, text) for row in table.rows]
    fig_rows = [figs for _, figs in parsed]
    if not any(fig_rows):
        return Grid(0, [], None)
    if positioned(table) and any(f.right or f.left for figs in fig_rows for f in figs):
        return _positioned_grid(table, parsed, text)
    return _ordered_grid(table, parsed)


def _positioned_grid(table: Table, parsed: list[tuple[Cell | None, list[Figure]]], text: str) -> Grid:
    fig_rows = [figs for _, figs in parsed]
    bounds = cluster_columns(fig_rows, table)
    support = _support(fig_rows, bounds)
    figure_rows = sum(1 for f in fig_rows if f)
    marks = _mark_columns(fig_rows, bounds)
    keep = [i for i, s in enumerate(support) if (s >= 2 or figure_rows < 3) and i not in marks]
    skipped: list[str] = []
    if len(keep) < len(bounds):
        skipped.append(f"{len(bounds) - len(keep)} column(s) with a single figure")
    bounds = [bounds[i] for i in keep]
    rows: list[GridRow] = []
    for index, (row, (label, figs)) in enumerate(zip(table.rows, parsed, strict=True)):
        slots: list[Figure | None] = [None] * len(bounds)
        for f in figs:
            i = _column_of(f, bounds)
            if i is None or slots[i] is not None:
                continue
            slots[i] = f
        rows.append(_grid_row(index, row, label, slots, text))
    return Grid(len(bounds), _join_wrapped_labels(rows), bounds, skipped)


def _ordered_grid(table: Table, parsed: list[tuple[Cell | None, list[Figure]]]) -> Grid:
    counts = Counter(sum(not f.amount.percent for f in figs) for _, figs in parsed if figs)
    n = max(1, counts.most_common(1)[0][0])
    rows: list[GridRow] = []
    skipped: list[str] = []
    for index, (row, (label, figs)) in enumerate(zip(table.rows, parsed, strict=True)):
        if len(figs) > n and sum(not f.amount.percent for f in figs) == n:
            figs = [f for f in figs if not f.amount.percent]  # a "% of sales" beside each figure
        if len(figs) > n and len(figs) % n == 0:
            for part in range(0, len(figs), n):
                split = _grid_row(index, row, label if part == 0 else None, list(figs[part : part + n]), "")
                split.part = part // n
                rows.append(split)
            continue
        if len(figs) > n:
            skipped.append(f"row {label.text if label else index}: {len(figs)} figures for {n} columns")
            figs = figs[:n]
        slots: list[Figure | None] = [None] * (n - len(figs)) + list(figs)
        slots = [None if s is not None and s.placeholder else s for s in slots]
        rows.append(_grid_row(index, row, label, slots, ""))
        rows[-1].short = 0 < len(figs) < n and rows[-1].has_figures
    return Grid(n, _join_wrapped_labels(rows), None, skipped)


def _only_dashes(label: Cell | None, slots: list[Figure | None]) -> bool:
    """An unlabelled row of nothing but dashes is a rule, not a row of zeros."""
    figs = [s for s in slots if s is not None]
    return (
        (label is None or not label.text.strip()) and bool(figs) and all(not _DIGIT.search(f.cell.text) for f in figs)
    )


def _grid_row(index: int, row: TableRow, label: Cell | None, slots: list[Figure | None], text: str) -> GridRow:
    if _only_dashes(label, slots):
        slots = [None] * len(slots)
    shown = clean_label(label.text) if label else ""
    colon = bool(label) and label.text.strip().endswith(":")  # type: ignore[union-attr]
    return GridRow(index, shown, label, slots, row.rule, row.indent, row, colon)


def clean_label(label: str) -> str:
    """A row label as printed, without dotted leaders, footnote marks or a trailing colon."""
    text = " ".join(label.split())
    text = _LEADERS.sub("", text)
    text = _FOOTNOTE_TAIL.sub("", text)
    return text.strip().rstrip(":").strip()


def _join_wrapped_labels(rows: list[GridRow]) -> list[GridRow]:
    """A label row without figures that the next row continues (lower-case start, or it stops on
    a function word) is one label with it."""
    out: list[GridRow] = []
    for row in rows:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.has_figures
            and prev.label
            and row.label
            and not prev.rule
            and not prev.heading
            and _wraps(prev.label, row.label)
        ):
            out[-1] = replace(row, label=f"{prev.label} {row.label}", label_cell=prev.label_cell, indent=prev.indent)
            continue
        out.append(row)
    return out


def _wraps(first: str, second: str) -> bool:
    if first.endswith((":", ".")) or first.isupper() != second.isupper() and second[:1].isupper():
        return False
    return second[:1].islower() or bool(_CONTINUES.search(first))
