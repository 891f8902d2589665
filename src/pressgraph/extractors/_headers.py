"""Column headers → the period of each value column, or the reason there is none.

A period header is rarely one tidy row. Its parts are spread over rows, cells, a caption above
the table and the release's own words: "Three Months Ended" over two columns, "June 30," under
it, "1997" and "1996" under that; "Nine months ended" / "30-Sep" / "2024" printed one cell per
line; "3 Months Ended December" with no day. So a header is read as *units* (a cell, a line)
and each unit as *items* of five kinds — duration, month-day, year, full date, quarter — and
each kind is spread over the columns on its own: by position where the layout has positions,
else in order (k items over n columns: one each when k = n, in blocks of n/k when k divides n,
one for all when k = 1). A column's period is then put together from whatever kinds reached it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from pressgraph.extractors.periods import make_date, quarter_end
from pressgraph.names import MONTH_ALTERNATION, MONTHS

_MONTH_ALT = MONTH_ALTERNATION
_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "sixteen": 16,
    "twenty-four": 24,
    "twenty-six": 26,
    "thirty-nine": 39,
    "fifty-two": 52,
    "fifty-three": 53,
}
_NUM_ALT = "|".join(sorted(_NUM_WORDS, key=len, reverse=True))

# The items, each a named group; one scanner so that items come out in reading order.
_ITEMS = re.compile(
    r"""
    (?P<dur>\b(?P<n>\d{1,2}|"""
    + _NUM_ALT
    + r""")[\s-]*(?P<unit>months?|mos?\.?|weeks?|wks?\.?)(?![a-z])
        |\b(?P<q_word>quarters?|qtrs?\.?|three[- ]month\s+period)\b(?!\s+(?:of|ended\s+\w+\s+\d{4}\s+compared))
        |\b(?P<y_word>(?:fiscal\s+)?years?|twelve[- ]month\s+period|full[- ]year|annual)\b
            (?!\s*-?\s*(?:to|over)[- ]+(?:date|year))
        |\b(?P<ytd>year[- ]to[- ]date|ytd)\b)
    |(?P<quarter>\b(?:Q(?P<q1>[1-4])|(?P<q2>[1-4])Q|(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter)
        (?:\s*(?:of\s+)?(?:fiscal\s+|FY\s*)?'?(?P<qyear>(?:19|20)\d\d|\d\d)\b)?)
    |(?P<full>\b(?P<fm>"""
    + _MONTH_ALT
    + r""")\.?\s*(?P<fd>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(?P<fy>(?:19|20)\d\d)\b)
    |(?P<dmy>\b(?P<dd>\d{1,2})[-\s](?P<dm>"""
    + _MONTH_ALT
    + r""")\.?[-\s,]+(?P<dy>(?:19|20)\d\d|\d\d)\b)
    |(?P<numeric>\b(?P<nm>1[0-2]|0?[1-9])/(?P<nd>[0-3]?\d)/(?P<ny>(?:19|20)\d\d|\d\d)\b)
    |(?P<md>\b(?P<mm>"""
    + _MONTH_ALT
    + r""")\.?\s*(?P<md_d>\d{1,2})(?!\d)(?:st|nd|rd|th)?\b
        |\b(?P<dm_d>\d{1,2})-(?P<dm_m>"""
    + _MONTH_ALT
    + r""")\b)
    |(?P<fyear>\b(?:FY|F)\s*'?(?P<fyv>(?:19|20)\d\d|\d\d)\b|\bfiscal\s+(?P<fyv2>(?:19|20)\d\d)\b)
    |(?P<year>(?<![\d,.$/])(?:19|20)\d\d(?!\d|,\d|/|%))
    |(?P<month>\b(?P<mo>"""
    + _MONTH_ALT
    + r""")\b\.?)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_CHANGE = re.compile(r"\b(?:change|changes|variance|increase|decrease|inc\.?\s*/\s*\(?dec|growth)\b|%|\bpercent", re.I)
_INSTANT = re.compile(r"\b(?:as\s+(?:of|at)|at)\b", re.I)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

KINDS = ("months", "month_day", "year", "quarter", "ytd")


@dataclass(frozen=True)
class Item:
    """One period fact read from a header unit."""

    kind: str  # "months" | "month_day" | "year" | "quarter" | "ytd"
    value: tuple[int, ...]  # months: (n,) or (weeks, 0); month_day: (m, d) d=0 for month end; year: (y,)
    full: bool = False  # a month-day that came with its year (a full date)


def _year(text: str) -> int:
    y = int(text)
    return y if y >= 100 else (2000 + y if y < 70 else 1900 + y)


def items_of(text: str) -> list[Item]:
    """The period items of one header unit, in reading order."""
    out: list[Item] = []
    for m in _ITEMS.finditer(text):
        out.extend(_items_of_match(m))
    return out


def _items_of_match(m: re.Match[str]) -> list[Item]:
    g = m.groupdict()
    if g["dur"]:
        return [_duration_item(m)]
    if g["quarter"]:
        q = int(g["q1"] or g["q2"] or _QUARTER_WORDS[(g["qw"] or "").lower()])
        items = [Item("quarter", (q,)), Item("months", (3,))]
        return items + ([Item("year", (_year(g["qyear"]),))] if g["qyear"] else [])
    if g["full"]:
        return _date_items(MONTHS[g["fm"].lower()], int(g["fd"]), _year(g["fy"]))
    if g["dmy"]:
        return _date_items(MONTHS[g["dm"].lower()], int(g["dd"]), _year(g["dy"]))
    if g["numeric"]:
        return _date_items(int(g["nm"]), int(g["nd"]), _year(g["ny"]))
    if g["md"]:
        month = MONTHS[(g["mm"] or g["dm_m"]).lower()]
        day = int(g["md_d"] or g["dm_d"])
        return [Item("month_day", (month, day))] if 1 <= day <= 31 else []
    if g["fyear"]:
        return [Item("year", (_year(g["fyv"] or g["fyv2"]),))]
    if g["year"]:
        return [Item("year", (int(g["year"]),))]
    if g["month"] and g["mo"][0].isupper() and len(g["mo"]) >= 3:
        return [Item("month_day", (MONTHS[g["mo"].lower()], 0))]  # "3 Months Ended December"
    return []


def _date_items(month: int, day: int, year: int) -> list[Item]:
    if make_date(year, month, day) is None:
        return []
    return [Item("month_day", (month, day), full=True), Item("year", (year,), full=True)]


def _duration_item(m: re.Match[str]) -> Item:
    g = m.groupdict()
    if g["q_word"]:
        return Item("months", (3,))
    if g["y_word"]:
        return Item("months", (12,))
    if g["ytd"]:
        return Item("ytd", (0,))
    raw = g["n"].lower()
    count = _NUM_WORDS.get(raw) or int(raw)
    if g["unit"].lower().startswith("w"):
        return Item("months", (max(1, round(count / 4.345)), count))
    return Item("months", (count,))


def spread(count: int, columns: list[int]) -> list[list[int]] | None:
    """Which of ``columns`` each of ``count`` items covers, in order; None when it cannot be told."""
    c = len(columns)
    if count == 0 or c == 0:
        return None
    if count == c:
        return [[col] for col in columns]
    if count == 1:
        return [list(columns)]
    if c % count == 0:
        size = c // count
        return [columns[i * size : (i + 1) * size] for i in range(count)]
    return None


@dataclass
class ColumnHead:
    """What the header says of one value column: every item that reached it, by kind."""

    items: dict[str, list[Item]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    change: bool = False
    instant: bool = False

    def add(self, item: Item) -> None:
        self.items.setdefault(item.kind, []).append(item)

    def has(self, kind: str) -> bool:
        return bool(self.items.get(kind))


def assign_unit(heads: list[ColumnHead], text: str, columns: list[int]) -> bool:
    """Spread one unit's items over the columns it covers; False when they cannot be spread."""
    items = items_of(text)
    for col in columns:
        heads[col].texts.append(text)
        if _CHANGE.search(text) and not items:
            heads[col].change = True
        if _INSTANT.search(text):
            heads[col].instant = True
    ok = True
    dates = [i for i in items if i.kind == "month_day" and i.full]
    # "For the 13 Weeks Ended July 3, 2004 and June 28, 2003" over two segments' year columns:
    # every column under it holds both dates, and its own year row picks one (see resolve)
    every = len(dates) > 1 and len(columns) > len(dates)
    for kind in KINDS:
        of_kind = [i for i in items if i.kind == kind]
        if not of_kind:
            continue
        if every and kind in ("month_day", "year") and all(i.full for i in of_kind):
            for col in columns:
                for item in of_kind:
                    heads[col].add(item)
            continue
        parts = spread(len(of_kind), columns)
        if parts is None:
            ok = False
            continue
        for item, cols in zip(of_kind, parts, strict=True):
            for col in cols:
                heads[col].add(item)
    return ok


def assign_sequence(heads: list[ColumnHead], units: list[str], columns: list[int], only_missing: bool) -> None:
    """Spread the items of units that have no position (one cell per line, a caption line, a
    header table of its own) over ``columns``, kind by kind, in reading order.

    With ``only_missing`` (a caption above the table) a kind is used only where no column has
    it yet, so a caption never overrides the header proper.
    """
    by_kind: dict[str, list[Item]] = {}
    for unit in units:
        for item in items_of(unit):
            by_kind.setdefault(item.kind, []).append(item)
    for kind, items in by_kind.items():
        if only_missing and any(heads[c].has(kind) for c in columns):
            continue
        parts = spread(len(items), columns)
        if parts is None and len(items) > len(columns) and kind in ("year", "month_day"):
            # more than one per column: the row nearest the figures is the columns' own ("Third
            # Quarter 2024 Results" / "Three Months Ended September 30," / "2024" / "2023")
            parts = spread(len(columns), columns)
            items = items[-len(columns) :]
        if parts is None:
            continue
        for item, cols in zip(items, parts, strict=True):
            for col in cols:
                heads[col].add(item)


@dataclass(frozen=True)
class ColumnPeriod:
    """A column's period: end date and months (None: the header states no duration)."""

    end: date
    months: int | None
    weeks: int | None = None
    instant: bool = False


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def resolve(head: ColumnHead, fallback: ColumnPeriod | None) -> tuple[ColumnPeriod | None, str]:
    """The period of one column, or None and the reason.

    A column's own year row ("2004" under "July 3, 2004 and June 28, 2003") picks which of the
    full dates above it is the column's; a duration split over stacked cells ("For the 13" /
    "Weeks Ended") is read from the column's header text joined.
    """
    if head.change:
        return None, "a change or percentage column"
    year = _column_year(head)
    if year is None:
        return None, "no year in its header"
    months_item = _first(head, "months") or next(
        (i for i in items_of(" ".join(head.texts)) if i.kind == "months"), None
    )
    months = months_item.value[0] if months_item else None
    weeks = months_item.value[1] if months_item and len(months_item.value) > 1 else None
    end = _end_date(head, year, fallback, months)
    if end is None:
        return None, "no month or day in its header"
    return ColumnPeriod(end, months, weeks, instant=head.instant and months is None), ""


def _first(head: ColumnHead, kind: str, full: bool | None = None) -> Item | None:
    return next((i for i in head.items.get(kind, []) if full is None or i.full == full), None)


def _column_year(head: ColumnHead) -> int | None:
    own = _first(head, "year", full=False) or _first(head, "year")
    return own.value[0] if own else None


def _end_date(head: ColumnHead, year: int, fallback: ColumnPeriod | None, months: int | None) -> date | None:
    days = head.items.get("month_day", [])
    years = [i.value[0] for i in head.items.get("year", []) if i.full]
    dated = [d for d, y in zip([d for d in days if d.full], years, strict=False) if y == year]
    chosen = dated[0] if dated else (_first(head, "month_day", full=False) or (days[0] if days else None))
    if chosen is not None:
        month, day = chosen.value
        return _month_end(year, month) if day == 0 else make_date(year, month, day) or _month_end(year, month)
    quarter = _first(head, "quarter")
    if quarter is not None:
        return quarter_end(year, quarter.value[0])
    if fallback is not None and (months in (None, fallback.months) or months == 12):
        return make_date(year, fallback.end.month, fallback.end.day) or _month_end(year, fallback.end.month)
    return None
