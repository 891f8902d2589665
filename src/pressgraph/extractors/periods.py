"""The one period parser: column headers and prose phrases → :class:`pressgraph.model.Period`.

"Quarter ended September 30," over "2003" is the three months ending 2003-09-30; "June 30, 2003"
alone is an instant; "Q2 2013" is the calendar quarter; "For the 26 Weeks Ended July 3, 2004" is
a six-month period. Durations are counted back from the end date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from pressgraph.model import Period
from pressgraph.names import MONTH_ALTERNATION, MONTHS

_MONTH_RE = r"(?P<month>" + MONTH_ALTERNATION + r")\.?"
# no literal space in DATE_RE: metadata's verbose _PERIOD_PHRASE takes in its pattern
DATE_RE = re.compile(_MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(?P<year>(?:19|20)\d\d))?", re.IGNORECASE)
YEAR_RE = re.compile(r"(?<![\d,.$])(?:19|20)\d\d(?![\d,])")
QUARTER_RE = re.compile(
    r"\b(?:Q(?P<q>[1-4])|(?P<qw>first|second|third|fourth)\s+quarter)\s*(?:of\s+)?(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
_WORD_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "nine": 9, "twelve": 12}
DURATION_RE = re.compile(
    r"""\b(?P<n>\d{1,2}|one|two|three|four|six|nine|twelve)[\s-]+(?P<unit>months?|weeks?)\b  # "nine months", "13-week"
      | \b(?P<quarter>quarters?)\b                                                        # "quarter"
      | \b(?P<year>years?|fiscal\s+year|annual)\b                                          # "fiscal year", "annual"
    """,
    re.IGNORECASE | re.VERBOSE,
)


def duration_months(text: str) -> int | None:
    """Months covered by a header phrase: "three months" 3, "26 weeks" 6, "quarter" 3, "year" 12."""
    match = DURATION_RE.search(text)
    if not match:
        return None
    if match.group("quarter"):
        return 3
    if match.group("year"):
        return 12
    n = match.group("n").lower()
    count = _WORD_NUM.get(n) or int(n)
    if match.group("unit").lower().startswith("week"):
        return max(1, round(count / 4.345))
    return count


def duration_phrases(text: str) -> list[int]:
    """All duration phrases in reading order, as month counts."""
    return [m for m in (duration_months(x.group()) for x in DURATION_RE.finditer(text)) if m]


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str, default_year: int | None = None) -> list[date]:
    """Every "Month D, YYYY" (or "Month D" with ``default_year``) in ``text``."""
    found = []
    for m in DATE_RE.finditer(text):
        year = int(m.group("year")) if m.group("year") else default_year
        if year is None:
            continue
        d = make_date(year, MONTHS[m.group("month").lower()], int(m.group("day")))
        if d:
            found.append(d)
    return found


def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def period_for(end: date, months: int | None, weeks: int | None = None) -> Period:
    """A duration of ``months`` (or ``weeks``) ending on ``end``; an instant when both are None."""
    if weeks:
        return Period(end=end, start=end - timedelta(weeks=weeks) + timedelta(days=1), months=months)
    if not months:
        return Period(end=end)
    return Period(end=end, start=_months_before(end, months) + timedelta(days=1), months=months)


def _months_before(end: date, months: int) -> date:
    year, month = end.year, end.month - months
    while month <= 0:
        month += 12
        year -= 1
    last = calendar.monthrange(year, month)[1]
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        return date(year, month, last)
    return date(year, month, min(end.day, last))


def weeks_in(text: str) -> int | None:
    match = re.search(r"\b(\d{1,2})[\s-]+weeks?\b", text, re.IGNORECASE)
    return int(match.group(1)) if match else None
