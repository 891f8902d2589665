"""Table geometry: which amount belongs to which column, and which period each column reports.

Column headers are read as one string (cells joined by " | ", so a date never runs into the
year of the next cell): years, dates, "Q2 2013" quarters and duration phrases ("three months
ended", "For the 26 Weeks Ended") are paired with the value columns left to right; a trailing
"change"/"percent" column is recognised and skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from pressgraph.extract.numbers import Amount, parse_amount
from pressgraph.extract.periods import (
    DATE_RE,
    MONTHS,
    QUARTER_RE,
    YEAR_RE,
    duration_phrases,
    make_date,
    quarter_end,
)
from pressgraph.model import Cell, Table, TableRow

_CHANGE = re.compile(r"\b(?:percent|change|variance)\b|%", re.IGNORECASE)


@dataclass(frozen=True)
class ColumnPeriod:
    end: date
    months: int | None  # None: the header states no duration (balance-sheet dates)


def amounts_of(row: TableRow) -> list[tuple[Cell, Amount]]:
    """The amount cells of a row (label excluded), percentages flagged by ``Amount.percent``."""
    found = []
    for cell in row.cells[1:]:
        amount = parse_amount(cell.text)
        if amount is not None and re.search(r"\d|^[-—–]+$|\$\s*[-—–]+$", cell.text.strip()):
            found.append((cell, amount))
    return found


def column_count(rows: list[list[tuple[Cell, Amount]]]) -> int:
    counts = Counter(len([a for a in r if not a[1].percent]) for r in rows if r)
    counts.pop(0, None)
    return counts.most_common(1)[0][0] if counts else 0


def place_values(
    values: list[tuple[Cell, Amount]], n: int, edges: list[float] | None, text: str
) -> list[list[tuple[Cell, Amount] | None]]:
    """One or more rows of ``n`` slots: exact fit, split multiples, or align short rows."""
    kept = [v for v in values if not v[1].percent]
    if len(kept) == n:
        return [list(kept)]
    if len(kept) > n:
        if len(kept) % n == 0:
            return [list(kept[i : i + n]) for i in range(0, len(kept), n)]
        return [list(kept[:n])]
    slots: list[tuple[Cell, Amount] | None] = [None] * n
    if edges:
        for cell, amount in kept:
            x = _right_x(cell, text)
            best = min(range(n), key=lambda i: abs(edges[i] - x))
            slots[best] = (cell, amount)
        return [slots]
    for i, value in enumerate(reversed(kept)):
        slots[n - 1 - i] = value
    return [slots]


def _right_x(cell: Cell, text: str) -> float:
    return float(cell.end - (text.rfind("\n", 0, cell.start) + 1))


def column_edges(rows: list[list[tuple[Cell, Amount]]], n: int, text: str) -> list[float] | None:
    """Mean right edge of each column in fixed-width tables (None when cells are not on one line)."""
    full = [[c for c, a in r if not a.percent] for r in rows if len([1 for _, a in r if not a.percent]) == n]
    if not full or any("\n" in text[r[0].start : r[-1].end] or "\t" in text[r[0].start : r[-1].end] for r in full):
        return None
    return [sum(_right_x(r[i], text) for r in full) / len(full) for i in range(n)]


def header_text(table: Table) -> str:
    return " | ".join(cell.text for row in table.header for cell in row.cells if cell.text)


def column_periods(header: str, n: int, fallback: ColumnPeriod | None) -> list[ColumnPeriod | None]:
    """The period of each of ``n`` value columns; None for change/percent columns."""
    periods = _quarter_columns(header) or _dated_columns(header, fallback)
    if not periods:
        return [None] * n
    durations = duration_phrases(header)
    if len(periods) > n:
        periods = periods[:n]
    result: list[ColumnPeriod | None] = []
    for i, (end, months) in enumerate(periods):
        if months is None and durations:
            months = durations[min(len(durations) - 1, i * len(durations) // len(periods))]
        result.append(ColumnPeriod(end, months))
    return result + [None] * (n - len(result))


def _quarter_columns(header: str) -> list[tuple[date, int | None]]:
    quarters = []
    for m in QUARTER_RE.finditer(header):
        q = (
            int(m.group("q"))
            if m.group("q")
            else ["first", "second", "third", "fourth"].index(m.group("qw").lower()) + 1
        )
        quarters.append((quarter_end(int(m.group("year")), q), 3))
    return quarters


def _dated_columns(header: str, fallback: ColumnPeriod | None) -> list[tuple[date, int | None]]:
    full: list[date] = []
    month_days: list[tuple[int, int]] = []
    spans = []
    for m in DATE_RE.finditer(header):
        spans.append((m.start(), m.end()))
        month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
        if m.group("year"):
            full.append(
                date(int(m.group("year")), month, day)
                if make_date(int(m.group("year")), month, day)
                else date(int(m.group("year")), month, 28)
            )
        else:
            month_days.append((month, day))
    years = [int(m.group()) for m in YEAR_RE.finditer(header) if not any(a <= m.start() < b for a, b in spans)]
    if years:
        return _pair_years(years, full, month_days, fallback)
    return [(d, None) for d in full]


def _pair_years(
    years: list[int], full: list[date], month_days: list[tuple[int, int]], fallback: ColumnPeriod | None
) -> list[tuple[date, int | None]]:
    """Column years with the dates stated above them ("September 30," / "June 30, 2003 and ...")."""
    result = []
    used: set[int] = set()
    for i, year in enumerate(years):
        match = next((k for k, d in enumerate(full) if d.year == year and k not in used), None)
        if match is not None:
            used.add(match)
            result.append((full[match], None))
            continue
        if month_days:
            month, day = month_days[min(len(month_days) - 1, i * len(month_days) // len(years))]
        elif fallback is not None:
            month, day = fallback.end.month, fallback.end.day
        else:
            continue
        end = make_date(year, month, day) or make_date(year, month, 28)
        if end is not None:
            result.append((end, None))
    return result


def positional_periods(
    table: Table, edges: list[float], rows: list[list[tuple[Cell, Amount]]], text: str, fallback: ColumnPeriod | None
) -> list[ColumnPeriod | None] | None:
    """Periods of a fixed-width table, reading each column's stacked header cells separately.

    A header cell belongs to every column whose figures it sits above ("Quarter ended September
    30," over both columns; "2003" over one). None when some column gets no period this way.
    """
    n = len(edges)
    widths = [max((len(r[i][0].text) for r in rows if len(r) == n), default=8) for i in range(n)]
    spans = [(edges[i] - widths[i], edges[i]) for i in range(n)]
    texts: list[list[str]] = [[] for _ in range(n)]
    for row in table.header:
        for cell in row.cells:
            left = cell.start - (text.rfind("\n", 0, cell.start) + 1)
            right = left + len(cell.text)
            overlaps = [max(0.0, min(right, b) - max(left, a)) for a, b in spans]
            if max(overlaps) <= 0:
                continue
            chosen = [i for i, o in enumerate(overlaps) if o >= 2] or [overlaps.index(max(overlaps))]
            for i in chosen:
                texts[i].append(cell.text)
    periods = [_single_column(" | ".join(t), fallback) for t in texts]
    dated = [p for p, t in zip(periods, texts, strict=True) if not _CHANGE.search(" ".join(t))]
    return periods if dated and all(p is not None for p in dated) else None


def _single_column(header: str, fallback: ColumnPeriod | None) -> ColumnPeriod | None:
    if _CHANGE.search(header):
        return None
    found = column_periods(header, 1, fallback)[0]
    if found is None:
        return None
    months = duration_phrases(header.replace(" | ", " "))
    return ColumnPeriod(found.end, months[0] if months else found.months)
