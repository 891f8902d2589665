"""Key figures stated in prose → text facts: "income from continuing operations increased 48% to
$658,000 or $.20 per share versus $443,000 or $.14 per share in the year-earlier quarter".

A sentence is read as figures in order. Each figure takes the metric named nearest before it
(from ``lexicons/prose_metrics.tsv``; a per-share figure takes its metric's per-share concept),
and a period from, in this order: the period phrase between it and the next figure ("for the
third quarter of 1997", "as of September 30, 2024", "(July 31, 2024: ...)"), the sentence's
opening phrase ("For the nine-month period, ..."), or, for a comparative figure ("versus",
"compared with", "up from"), the same period a year earlier. Phrases are resolved against the
release's own period (the dateline's "third quarter ended September 30, 1997", else the tables'
latest quarter) and its fiscal calendar. A figure whose period cannot be told is left out;
changes ("an increase of $137,146") and prices ("at $0.75 per share") are not levels and are
skipped.

Each text fact records its rounding step (``precision``) and is linked (``rounds``) to the
table fact of the same concept and period, so the shapes can check that prose agrees with the
tables.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from pressgraph.extractors._scale import currency_of
from pressgraph.extractors._sentences import split_block
from pressgraph.extractors.concepts import mint_concept
from pressgraph.extractors.periods import make_date, period_for
from pressgraph.model import Block, BlockKind, Evidence, FinancialFact, Period, ReleaseMetadata, Unit
from pressgraph.names import MONTH_ALTERNATION, MONTHS, strip_legal_suffix
from pressgraph.resources import lexicon_rows

_MONTH = r"(?:" + MONTH_ALTERNATION + r")\.?"
# no literal space in _DATE: verbose patterns (_COMPARE, _MULTI) take it in as it is
_DATE = _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
_YEAR = r"(?:19|20)\d\d"
_FIGURE = re.compile(
    r"""(?P<cur>US\$|C\$|A\$|\$|€|£|(?:EUR|USD|CAD|GBP|CHF)\s?)\s?  # "US$", "€", "CHF "
        (?P<neg>\()?                                               # "$(1.2)": a negative figure
        (?P<num>\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\)?  # "12,345", "12.5", ".15"
        (?:\s*(?P<scale>thousand|million|billion|mn|bn|[MBK])\b)?  # "million", "bn", "$5M"
    """,
    re.VERBOSE,
)
_PER_SHARE = re.compile(
    # "$0.15 basic and diluted net loss per share": the kind and the metric may come first
    r"""(?:\s+(?:basic\s+and\s+diluted|diluted|basic)                   # "basic and diluted"
           (?:\s+net\s+(?:loss|income|earnings))?)?                    # "... net loss"
        \s*(?:per|a)\s+                                                # "per", "a"
        (?:(?:basic\s+and\s+diluted|diluted|basic|common|ordinary
             |fully\s+diluted|weighted)\s+)*                           # "per basic and diluted"
        (?:common\s+)?share                                            # "common share"
        (?:\s+on\s+a\s+(?:fully\s+)?diluted\s+basis)?                  # "on a fully diluted basis"
    """,
    re.I | re.VERBOSE,
)
_NOT_A_LEVEL = re.compile(
    r"""(?:increase[ds]?|decrease[ds]?|grew|rose|fell|declined|change  # a change: "increased by $2.1 million"
         |improvement|reduction|growth|up|down|additional              # "a reduction of", "an additional"
         |price|priced|exercise|purchase|proceeds|raised?|raising      # a price: "exercise price of"
         |offering|worth|cost\s+of|valued\s+at)                        # "an offering of", "valued at"
       (?:\s+(?:of|by|in))?\s*(?:approximately\s+|about\s+|nearly\s+)?$  # "... by approximately"
    """,
    re.I | re.VERBOSE,
)
_COMPARE = re.compile(
    r"""\b(?:compared\s+(?:to|with)|as\s+compared\s+(?:to|with)  # "compared to $1.2 million"
          |versus|vs\.?|up\s+from|down\s+from|from              # "up from $0.9 million"
          |against|relative\s+to|over)\b                        # "over the prior year's $1.0 million"
      | \(\s*(?="""  # "(December 31, 2023: $1.0 million)"
    + _DATE
    + r"\s*:)",
    re.I | re.VERBOSE,
)
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "mn": 10**6, "bn": 10**9, "m": 10**6, "b": 10**9}
_SCALES["k"] = 10**3


@dataclass(frozen=True)
class _Metric:
    pattern: re.Pattern[str]
    concept: str
    sign: int
    instant: bool
    per_share: str  # the concept of a per-share figure that follows this metric


@lru_cache(maxsize=1)
def _metrics() -> tuple[_Metric, ...]:
    metrics = []
    for row in lexicon_rows("prose_metrics.tsv"):
        phrase, concept, sign, period, per_share = ([*row, ""])[:5]
        pattern = re.compile(r"\b(?:" + phrase + r")\b", re.I)
        metrics.append(_Metric(pattern, concept, int(sign), period == "instant", per_share))
    return tuple(metrics)


# --- the release's own period --------------------------------------------------------------------


@dataclass(frozen=True)
class _Calendar:
    """The release's period (what "the quarter" means) and its fiscal year's end."""

    current: Period | None
    fiscal_year_end: tuple[int, int] | None


def _calendar(metadata: ReleaseMetadata, table_facts: list[FinancialFact]) -> _Calendar:
    current = None
    if metadata.reporting_period_end and metadata.reporting_period_months:
        current = period_for(metadata.reporting_period_end, metadata.reporting_period_months)
    durations = [f.period for f in table_facts if f.period.months]
    if current is None and durations:
        latest = max(p.end for p in durations)
        shortest = min(p.months or 12 for p in durations if p.end == latest)
        current = next(p for p in durations if p.end == latest and p.months == shortest)
    fye = None
    twelve = [p for p in durations if p.months == 12]
    if twelve:
        fye = (twelve[0].end.month, twelve[0].end.day)
    elif current is not None:
        # the balance sheet's other date, not the same day a year before (a comparison column)
        instants = sorted(
            d
            for d in {f.period.end for f in table_facts if f.period.is_instant} - {current.end}
            if not _a_year_apart(d, current.end)
        )
        if instants:
            fye = (instants[0].month, instants[0].day)
    if fye is None and current is not None and current.months == 12:
        fye = (current.end.month, current.end.day)
    return _Calendar(current, fye)


def _a_year_apart(a: date, b: date) -> bool:
    """Whether ``a`` is ``b`` a whole number of years earlier or later, within the week a
    52/53-week calendar drifts."""
    return a.year != b.year and abs((_shift(a, b.year) - b).days) <= 7


# --- period phrases -----------------------------------------------------------------------------

_N = r"(?P<n>three|six|nine|twelve|3|6|9|12)"
_NUMBERS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "3": 3, "6": 6, "9": 9, "12": 12}
_Q = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
_QNUM = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("months-ended", _N + r"[- ]months?(?:\s+period)?\s+ended\s+(?P<date>" + _DATE + ")"),
        ("year-ended", r"(?:fiscal\s+)?year\s+ended\s+(?P<date>" + _DATE + ")"),
        ("quarter-ended", r"quarter\s+ended\s+(?P<date>" + _DATE + ")"),
        ("quarter", _Q + r"\s+(?:fiscal\s+)?quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>" + _YEAR + r"))?"),
        ("quarter", r"\bQ(?P<qn>[1-4])(?:\s*(?:fiscal\s+|FY\s*)?'?(?P<y>" + _YEAR + r"|\d\d))?\b"),
        ("as-of", r"\b(?:as\s+of|as\s+at|at|on)\s+(?P<date>" + _DATE + ")"),
        ("colon-date", r"\(\s*(?P<date>" + _DATE + r")\s*:"),
        (
            "period-end",
            r"\bat\s+(?:the\s+)?(?:quarter|year|period)['’]s\s+end|\bat\s+the\s+end\s+of\s+the\s+(?:quarter|period)",
        ),
        (
            "prior",
            r"\b(?:same|comparable|corresponding)\s+(?:period|quarter|three[- ]month\s+period)"
            r"(?:\s+(?:of|in)\s+(?P<y>" + _YEAR + r")|\s+(?:last|a|the\s+prior|the\s+previous)\s+year"
            r"|\s+a\s+year\s+ago)?"
            r"|\byear[- ](?:earlier|ago)\s+(?:quarter|period)|\bprior[- ]year\s+(?:quarter|period)|\bprevious\s+year",
        ),
        (
            "months",
            r"\b(?:first\s+)?"
            + _N
            + r"[- ]months?(?:\s+period)?(?:\s+(?:of|in)\s+(?:fiscal\s+)?(?P<y>"
            + _YEAR
            + r"))?",
        ),
        ("half", r"\bfirst\s+half(?:\s+of\s+(?:fiscal\s+)?(?P<y>" + _YEAR + r"))?"),
        ("ytd", r"\byear[- ]to[- ]date(?:\s+period)?"),
        ("the-quarter", r"\b(?:the|this|current)\s+(?:quarter|three[- ]month\s+period)\b"),
        ("fiscal-year", r"\b(?:fiscal(?:\s+year)?|full[- ]year|year)\s+(?P<y>" + _YEAR + r")\b"),
        ("the-year", r"\b(?:the|this)\s+(?:fiscal\s+)?year\b(?!\s+(?:ended|to))"),
        ("bare-year", r"\b(?:in|for|over|during)\s+(?P<y>" + _YEAR + r")\b"),
    )
)


@dataclass(frozen=True)
class _Phrase:
    kind: str
    start: int
    end: int
    groups: dict[str, str | None]


def _phrases(sentence: str) -> list[_Phrase]:
    """Period phrases of a sentence, longest first where they overlap, in reading order."""
    found: list[_Phrase] = []
    for kind, pattern in _PHRASES:
        for m in pattern.finditer(sentence):
            if any(p.start < m.end() and m.start() < p.end for p in found):
                continue
            found.append(_Phrase(kind, m.start(), m.end(), m.groupdict()))
    return sorted(found, key=lambda p: p.start)


def _date_of(text: str | None) -> date | None:
    if not text:
        return None
    m = re.match(r"(?P<m>" + _MONTH[3:-4] + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", text, re.I)
    if not m:
        return None
    return make_date(int(m.group("y")), MONTHS[m.group("m").lower().rstrip(".")], int(m.group("d")))


def _year_of(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y if y >= 100 else 2000 + y


def _shift(d: date, year: int) -> date:
    last = calendar.monthrange(year, d.month)[1]
    if d.day == calendar.monthrange(d.year, d.month)[1]:
        return date(year, d.month, last)
    return date(year, d.month, min(d.day, last))


def _ytd_months(cal: _Calendar) -> int | None:
    if cal.current is None or cal.fiscal_year_end is None:
        return None
    months = (cal.current.end.month - cal.fiscal_year_end[0]) % 12
    return months or 12


def _resolve(phrase: _Phrase, cal: _Calendar, main: Period | None) -> Period | None:
    """The period a phrase names, given the release's calendar (and, for "same period last
    year", the period of the figure it compares with)."""
    g, cur = phrase.groups, cal.current
    kind = phrase.kind
    if kind in ("months-ended", "year-ended", "quarter-ended"):
        end = _date_of(g.get("date"))
        months = _NUMBERS[(g.get("n") or "").lower()] if kind == "months-ended" else (12 if kind == "year-ended" else 3)
        return period_for(end, months) if end else None
    if kind in ("as-of", "colon-date"):
        end = _date_of(g.get("date"))
        if end is None:
            return None
        if kind == "colon-date" and main is not None and main.months:
            return period_for(end, main.months)
        return Period(end=end)
    if kind == "period-end":
        return Period(end=cur.end) if cur else None
    if kind == "prior":
        base = main or cur
        if base is None:
            return None
        year = _year_of(g.get("y")) or base.end.year - 1
        return period_for(_shift(base.end, year), base.months) if base.months else Period(end=_shift(base.end, year))
    return _resolve_relative(kind, g, cal, main)


def _resolve_relative(kind: str, g: dict[str, str | None], cal: _Calendar, main: Period | None) -> Period | None:
    cur = cal.current
    if cur is None:
        return None
    year = _year_of(g.get("y"))
    if kind == "quarter":
        qn = g.get("qn")
        q = int(qn) if qn else _QNUM[(g.get("q") or "").lower()]
        if cur.months == 3 and _quarter_number(cur, cal) in (None, q):
            return period_for(_shift(cur.end, year or cur.end.year), 3)
        if year is None:
            return None
        month = q * 3
        return period_for(date(year, month, calendar.monthrange(year, month)[1]), 3)
    if kind in ("months", "half", "ytd"):
        months = 6 if kind == "half" else (_ytd_months(cal) if kind == "ytd" else _NUMBERS[(g.get("n") or "").lower()])
        if not months:
            return None
        if months == 12 and cal.fiscal_year_end and cur.months != 12:
            return None
        return period_for(_shift(cur.end, year or cur.end.year), months)
    if kind == "the-quarter":
        return cur if cur.months == 3 else None
    if kind == "the-year":
        return cur if cur.months == 12 else None
    if kind in ("fiscal-year", "bare-year") and year is not None:
        if cur.months == 12 or kind == "fiscal-year":
            fye = cal.fiscal_year_end or ((cur.end.month, cur.end.day) if cur.months == 12 else None)
            if fye is None:
                return None
            end = make_date(year, fye[0], fye[1]) or date(year, fye[0], 28)
            return period_for(end, 12)
        base = main or cur
        return period_for(_shift(base.end, year), base.months) if base.months else None
    return None


def _quarter_number(cur: Period, cal: _Calendar) -> int | None:
    if cal.fiscal_year_end is None:
        return None
    months = (cur.end.month - cal.fiscal_year_end[0]) % 12
    return (months // 3) or 4


# --- figures in a sentence ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    value: Decimal
    step: Decimal
    currency: str
    per_share: bool
    label_end: int  # end of the per-share words


def _figures(sentence: str) -> list[_Figure]:
    out = []
    for m in _FIGURE.finditer(sentence):
        digits = re.sub(r",\s?", "", m.group("num"))
        scale_word = (m.group("scale") or "").lower()
        if scale_word in ("m", "b", "k") and m.group("scale").islower():
            scale_word = ""  # "$5 m" is rare; "$5 in" is not a scale
        scale = Decimal(_SCALES.get(scale_word, 1))
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        value = Decimal(digits) * scale
        step = Decimal(1).scaleb(-decimals) * scale
        if m.group("neg"):
            value = -value
        eps = _PER_SHARE.match(sentence, m.end()) if not scale_word else None
        cur = currency_of(m.group("cur"))
        out.append(_Figure(m.start(), m.end(), value, step, cur, bool(eps), eps.end() if eps else m.end()))
    return out


def _metric_before(sentence: str, pos: int, floor: int) -> tuple[_Metric, int, int] | None:
    """The metric named last before ``pos`` (not before ``floor``)."""
    best: tuple[_Metric, int, int] | None = None
    window = sentence[floor:pos]
    for metric in _metrics():
        for m in metric.pattern.finditer(window):
            start, end = m.start() + floor, m.end() + floor
            if best is None or start > best[1] or (start == best[1] and end > best[2]):
                best = (metric, start, end)
    return best


_AFTER = r"\s+(?:in|of|attributable\s+to)\s+"  # "$3.4 million attributable to share-based compensation"


def _metric_after(sentence: str, fig: _Figure) -> tuple[_Metric, int, int] | None:
    """ "$32,836,000 in cash and cash equivalents": a metric right after the figure."""
    m = re.match(_AFTER, sentence[fig.end :])
    if not m:
        return None
    start = fig.end + m.end()
    for metric in _metrics():
        hit = metric.pattern.match(sentence, start)
        if hit:
            return metric, hit.start(), hit.end()
    return None


@dataclass
class _Reading:
    """A figure with the metric and period it was given."""

    figure: _Figure
    metric: _Metric
    label: str
    period: Period
    comparative: bool
    direct: bool = False  # the metric is named right before this figure (not carried from another)


def _read_sentence(sentence: str, cal: _Calendar, carry: Period | None = None) -> list[_Reading]:
    """The figures of a sentence with metric and period; ``carry`` is the period the paragraph's
    previous sentence was about (a paragraph keeps to one period until it names another)."""
    figures = _figures(sentence)
    if not figures:
        return []
    phrases = [p for p in _phrases(sentence) if not _FUTURE.search(sentence[max(0, p.start - 12) : p.start])]
    lead = _leading_period(sentence, phrases, figures, cal) or carry
    paired = _respectively(sentence, figures, cal)
    readings: list[_Reading] = []
    main: _Reading | None = None
    floor = 0
    for k, fig in enumerate(figures):
        reading = _read_figure(sentence, figures, k, phrases, cal, main, floor, lead, paired, readings)
        floor = fig.label_end
        if reading is None:
            continue
        readings.append(reading)
        if main is None or not (fig.per_share or reading.comparative):
            main = reading
    return readings


def _read_figure(
    sentence: str,
    figures: list[_Figure],
    k: int,
    phrases: list[_Phrase],
    cal: _Calendar,
    main: _Reading | None,
    floor: int,
    lead: Period | None,
    paired: dict[int, tuple[Period, bool]],
    readings: list[_Reading],
) -> _Reading | None:
    fig = figures[k]
    before = sentence[max(0, fig.start - 40) : fig.start]
    if _NOT_A_LEVEL.search(before) or (re.search(r"\(\s*or\s+$|\bor\s+$", before) and not fig.per_share):
        return None
    attached = _attached_to(sentence, figures, k, readings)
    if attached is not None:
        return _Reading(fig, attached.metric, attached.label, attached.period, attached.comparative)
    compare = _comparative(sentence, floor, fig.start) if main is not None else False
    found = _metric_before(sentence, fig.start, floor)
    if found is not None and k > 0 and re.fullmatch(_AFTER, sentence[figures[k - 1].end : found[1]]):
        found = None  # "$3.4 million attributable to X and $0.6 million in Y": X is the first figure's
    if found is None or re.match(r"\s+attributable\s+to\s", sentence[fig.end :]):
        found = _metric_after(sentence, fig) or found
    if (
        found is None
        and main is not None
        and (compare or fig.per_share or k in paired or _to_end(sentence, figures, k))
    ):
        found = (main.metric, -1, -1)
    if found is None:
        return None
    metric, m_start, m_end = found
    if m_start >= 0 and _QUALIFIED.search(sentence[m_end : fig.start]):
        return None  # "revenues generated by product sales of kits were $25,000": a part, not the metric
    period: Period | None
    if k in paired:
        period, compare = paired[k]
    else:
        period = _figure_period(sentence, figures, k, phrases, cal, main, lead, compare, metric)
    if period is None:
        return None
    label = sentence[m_start:m_end] if m_start >= 0 else (main.label if main else metric.concept)
    direct = m_start >= 0 and not any(m_end <= f.start < fig.start for f in figures)
    return _Reading(fig, metric, label, period, compare, direct)


_QUALIFIED = re.compile(
    r"""^\s*(?:generated\s+by|derived\s+from|related\s+to                 # "revenue generated by ..."
            |from\s+(?!continuing|operations)(?:the\s+)?(?:sales?|products?)\b  # "from the sale of ..."
            |(?:of|for)\s+(?:our|its|the)\s+\w+\s+
             (?:segment|division|business|product))                     # "for its diagnostics segment"
    """,
    re.I | re.VERBOSE,
)


def _figure_period(
    sentence: str,
    figures: list[_Figure],
    k: int,
    phrases: list[_Phrase],
    cal: _Calendar,
    main: _Reading | None,
    lead: Period | None,
    compare: bool,
    metric: _Metric,
) -> Period | None:
    fig = figures[k]
    annual = cal.current is not None and cal.current.months == 12
    if any(p.kind in ("fiscal-year", "year-ended") for p in phrases):
        # "for the full year 2003 ... from $10.7 million in 2002 to $8.1 million in 2003": a
        # sentence about years means years by "in 2002", even in a release about a quarter
        phrases = [replace(p, kind="fiscal-year") if p.kind == "bare-year" else p for p in phrases]
    own = _own_phrases(sentence, phrases, fig, _next_start(sentence, figures, k), compare, annual)
    base = main.period if main is not None else None
    from_to = _from_to(sentence, figures, k, cal)
    if from_to is not None and not own:
        return from_to
    period = next((r for p in own if (r := _resolve(p, cal, base)) is not None), None)
    if period is None and not compare:
        period = lead or _implied_by_comparison(sentence, fig, phrases, cal)
    if metric.instant and (period is None or not period.is_instant):
        period = _instant_period(own, cal, period)
    if period is None and compare and base is not None and base.months:
        period = period_for(_shift(base.end, base.end.year - 1), base.months)
    return period


def _to_end(sentence: str, figures: list[_Figure], k: int) -> bool:
    """The figure ends "from $X [in 2023] to $Y": it is the same metric as the one before it."""
    if k == 0 or not re.search(r"\bfrom\s+$", sentence[max(0, figures[k - 1].start - 6) : figures[k - 1].start]):
        return False
    return bool(re.fullmatch(r"\s*(?:in\s+\S+\s+)?to\s+", sentence[figures[k - 1].label_end : figures[k].start]))


def _from_to(sentence: str, figures: list[_Figure], k: int, cal: _Calendar) -> Period | None:
    """ "narrowed from $(1.80) to $(0.42)": the first figure is a year earlier, the second now."""
    cur = cal.current
    if cur is None or not cur.months:
        return None
    fig = figures[k]
    if re.search(r"\bfrom\s+$", sentence[max(0, fig.start - 6) : fig.start]) and k + 1 < len(figures):
        if re.fullmatch(r"\s*(?:in\s+\S+\s+)?to\s+", sentence[fig.label_end : figures[k + 1].start]):
            return period_for(_shift(cur.end, cur.end.year - 1), cur.months)
    if k > 0 and re.search(r"\bto\s+$", sentence[max(0, fig.start - 4) : fig.start]):
        if re.search(r"\bfrom\s+$", sentence[max(0, figures[k - 1].start - 6) : figures[k - 1].start]):
            return cur
    return None


def _implied_by_comparison(sentence: str, fig: _Figure, phrases: list[_Phrase], cal: _Calendar) -> Period | None:
    """ "$515,000 ... versus $294,000 in the year-earlier quarter": the figure compared with a
    year-earlier period is of the same period a year later."""
    for p in phrases:
        if p.start > fig.end and _COMPARE.search(sentence[fig.end : p.start]):
            prior = _resolve(p, cal, cal.current)
            if prior is not None and prior.months:
                return period_for(_shift(prior.end, prior.end.year + 1), prior.months)
    return None


def _attached_to(sentence: str, figures: list[_Figure], k: int, readings: list[_Reading]) -> _Reading | None:
    """A per-share figure right after an amount ("$5.1 million, or $2.44 per share") is that
    amount's, with its metric, period and comparison."""
    fig = figures[k]
    if not fig.per_share or k == 0 or not readings or readings[-1].figure is not figures[k - 1]:
        return None
    between = sentence[figures[k - 1].label_end : fig.start]
    return readings[-1] if re.fullmatch(r"\s*,?\s*\(?\s*(?:or|and)?\s*", between) else None


_MULTI = re.compile(
    r"""\b(?P<a>three|six|nine|twelve|3|6|9|12|year|quarter)(?:[- ]months?)?\s+and\s+  # "the three and"
        (?P<b>three|six|nine|twelve|3|6|9|12|year|quarter)(?:[- ]months?)?             # "... nine months"
        (?:\s+periods?)?\s+ended\s+(?P<date>"""  # "... periods ended September 30, 2024"
    + _DATE
    + ")",
    re.I | re.VERBOSE,
)


def _respectively(sentence: str, figures: list[_Figure], cal: _Calendar) -> dict[int, tuple[Period, bool]]:
    """ "for the year and quarter ended December 31, 2003 was $9,416,000 and $4,361,000,
    respectively, as compared to $12,259,000 and $1,832,000 for the same periods in 2002":
    the pairs take the two periods, the compared pair their year-earlier periods."""
    m = _MULTI.search(sentence)
    if m is None or "respectively" not in sentence.lower():
        return {}
    end = _date_of(m.group("date"))
    if end is None:
        return {}
    periods = [period_for(end, _NUMBERS.get(g.lower()) or (12 if g.lower() == "year" else 3)) for g in (m["a"], m["b"])]
    out: dict[int, tuple[Period, bool]] = {}
    k, compared = 0, False
    while k + 1 < len(figures):
        a, b = figures[k], figures[k + 1]
        if a.per_share or b.per_share or not re.fullmatch(r"\s*,?\s*and\s+", sentence[a.end : b.start]):
            k += 1
            continue
        compared = compared or bool(_COMPARE.search(sentence[m.end() : a.start])) and bool(out)
        for j, period in ((k, periods[0]), (k + 1, periods[1])):
            shifted = period_for(_shift(period.end, period.end.year - 1), period.months) if compared else period
            out[j] = (shifted, compared)
        k += 2
    return out


_FUTURE = re.compile(r"\b(?:into|through|until|till|by|before|beyond)\s+(?:the\s+)?$", re.I)


def _instant_period(own: list[_Phrase], cal: _Calendar, period: Period | None) -> Period | None:
    """A balance ("cash of $13.2 million") is at the date stated, else at the end of the period
    the sentence speaks of, else at the end of the release's period."""
    for p in own:
        if p.kind in ("as-of", "colon-date", "period-end"):
            return _resolve(p, cal, None)
    if period is not None:
        return Period(end=period.end)
    return Period(end=cal.current.end) if cal.current else None


def _own_phrases(
    sentence: str, phrases: list[_Phrase], fig: _Figure, nxt: int, compare: bool, annual: bool = False
) -> list[_Phrase]:
    """The period phrases that belong to a figure: after it (before the next figure's words), or
    just before it in the same clause ("in the first nine months of 1996, revenues were $X").
    A bare year ("in 2024") names a period only in comparisons, or when the release is annual."""
    after = [p for p in phrases if fig.label_end <= p.start < nxt and (compare or annual or p.kind != "bare-year")]
    before = [
        p
        for p in phrases
        if fig.start - 30 <= p.start < fig.start
        and not _COMPARE.search(sentence[p.end : fig.start])
        and ")" not in sentence[p.end : fig.start]  # "(compared to $0.2 million in Q3 2023), with $3.4 million"
    ]
    return after + ([] if compare else before)


def _next_start(sentence: str, figures: list[_Figure], k: int) -> int:
    """Where the next figure's words begin: a per-share figure attached to this one ("$638,000
    or $.20 per share") belongs to it, so the period phrase after both is this figure's too."""
    j = k + 1
    while (
        j < len(figures)
        and figures[j].per_share
        and re.fullmatch(r"\s*,?\s*\(?\s*(?:or|and)?\s*", sentence[figures[j - 1].label_end : figures[j].start])
    ):
        j += 1
    if j > k + 1:
        return figures[j].start if j < len(figures) else len(sentence)
    return figures[k + 1].start if k + 1 < len(figures) else len(sentence)


def _leading_period(sentence: str, phrases: list[_Phrase], figures: list[_Figure], cal: _Calendar) -> Period | None:
    """A period phrase that opens the sentence ("For the third quarter, ...") or closes its
    first clause applies to its figures."""
    first = figures[0].start
    for p in phrases:
        if p.start < first and p.kind != "bare-year":
            resolved = _resolve(p, cal, None)
            if resolved is not None:
                return resolved
    return None


def _comparative(sentence: str, floor: int, pos: int) -> bool:
    return bool(_COMPARE.search(sentence[floor:pos]))


# --- facts ---------------------------------------------------------------------------------------


def prose_facts(
    blocks: tuple[Block, ...], metadata: ReleaseMetadata, table_facts: list[FinancialFact]
) -> list[FinancialFact]:
    """Text facts from paragraphs and bullets, linked to the table facts they round."""
    cal = _calendar(metadata, table_facts)
    facts: list[FinancialFact] = []
    in_segment = False
    for block in blocks:
        if block.kind in (BlockKind.HEADING, BlockKind.SUBHEADLINE):
            in_segment = False
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.BULLET, BlockKind.DATELINE):
            continue
        if _FORWARD_LOOKING.search(block.text[:300]):
            break
        in_segment = in_segment or _about_a_segment(block.text, metadata)
        if in_segment:
            continue
        carry: Period | None = None
        for s_start, sentence in split_block(block.text):
            readings = _read_sentence(sentence, cal, carry)
            for reading in readings:
                facts.append(_declared(_fact(block, s_start, sentence, reading, len(facts)), sentence, metadata))
            mains = [r.period for r in readings if not r.comparative and r.period.months]
            carry = mains[0] if mains else carry
    periods = {f.period for f in table_facts if not f.period.is_instant}
    return [_link(_snap(f, periods), table_facts) for f in _dedupe(facts)]


def _declared(fact: FinancialFact, sentence: str, metadata: ReleaseMetadata) -> FinancialFact:
    """A dividend the board "has declared" is a fact of the day it was declared, the release's date,
    not of the day it is payable or of its record date."""
    if fact.concept != "CommonStockDividendsPerShareDeclared" or metadata.release_date is None:
        return fact
    if not re.search(r"\bdeclared\b", sentence, re.I):
        return fact
    return replace(fact, period=Period(end=metadata.release_date))


_FORWARD_LOOKING = re.compile(r"forward[- ]looking\s+statements?|safe\s+harbor", re.I)


def _fact(block: Block, s_start: int, sentence: str, reading: _Reading, n: int) -> FinancialFact:
    fig, metric = reading.figure, reading.metric
    sign = Decimal(metric.sign)
    value = abs(fig.value) * sign if metric.sign < 0 else fig.value
    if fig.per_share or metric.concept == metric.per_share:
        unit = Unit.USD_PER_SHARE
        concept = metric.per_share or "EarningsPerShareBasicAndDiluted"
        concept = _eps_kind(concept, sentence[fig.end : fig.label_end])
        label = reading.label if reading.direct else " ".join(sentence[fig.end : fig.label_end].split())
        period = reading.period
    else:
        unit, concept, label, period = Unit.USD, metric.concept, reading.label, reading.period
    gaap = concept != "-"  # a metric US-GAAP has no element for ("financial expenses, net"): named from its label
    concept = concept if gaap else mint_concept(label)
    if metric.instant and not period.is_instant:
        period = Period(end=period.end)
    if not metric.instant and period.is_instant and not fig.per_share:
        period = reading.period
    at = sentence.rfind(reading.label, 0, fig.start) if reading.direct and reading.label else -1
    quote_from = at if at >= 0 else fig.start
    start, end = block.doc_span(s_start + quote_from, s_start + fig.label_end)
    quote = " ".join(sentence[quote_from : fig.label_end].split())
    return FinancialFact(
        key=f"x{n + 1}",
        label=label,
        concept=concept,
        concept_is_gaap=gaap,
        value=value,
        unit=unit,
        period=period,
        precision=fig.step,
        source="text",
        evidence=Evidence(start, end, quote, "prose-figure"),
    )


def _eps_kind(concept: str, words: str) -> str:
    low = words.lower()
    if not concept.startswith("EarningsPerShare"):
        return concept if "diluted" not in low else concept.replace("Basic", "Diluted")
    if "basic and diluted" in low:
        return "EarningsPerShareBasicAndDiluted"
    if "diluted" in low:
        return "EarningsPerShareDiluted"
    if "basic" in low:
        return "EarningsPerShareBasic"
    return concept


def _snap(fact: FinancialFact, periods: set[Period]) -> FinancialFact:
    """A prior period found by shifting a year is the tables' period of the same length ending
    within a week of it: 52/53-week fiscal quarters do not end on the same date each year."""
    if fact.period in periods or fact.period.is_instant:
        return fact
    near = [p for p in periods if p.months == fact.period.months and abs((p.end - fact.period.end).days) <= 7]
    return replace(fact, period=near[0]) if len(near) == 1 else fact


def _about_a_segment(text: str, metadata: ReleaseMetadata) -> bool:
    """A paragraph about a part of the company ("<Issuer> Canada reported ..."): its figures are
    not the consolidated ones, so they are left out."""
    if re.search(r"\bsegments?\b|\bdivisions?\b", text[:300], re.IGNORECASE):
        return True
    subject = re.match(r"^((?:[A-Z][\w&.'-]*,?\s+){1,4}?)(?:reported|posted|recorded|generated|had)\b", text)
    names = [metadata.issuer_name or "", *metadata.issuer_short_names, "The Company", "We"]
    if subject and not any(_same_name(subject.group(1), n) for n in names if n):
        return True
    legal = metadata.issuer_name or ""
    for short in metadata.issuer_short_names:
        for m in re.finditer(r"\b" + re.escape(short) + r"\s+([A-Z][a-z]+)\b", text[:200]):
            if not legal.startswith(m.group()):
                return True
    return False


def _same_name(a: str, b: str) -> bool:
    def norm(x: str) -> str:
        return re.sub(r"[^a-z]+", " ", strip_legal_suffix(x.strip(" ,")).lower()).strip()

    return norm(a) == norm(b)


def _dedupe(facts: list[FinancialFact]) -> list[FinancialFact]:
    seen: set[tuple[str, str, Decimal]] = set()
    out = []
    for fact in facts:
        key = (fact.concept, fact.period.key, fact.value)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


def _link(fact: FinancialFact, table_facts: list[FinancialFact]) -> FinancialFact:
    same = [t for t in table_facts if t.concept == fact.concept and t.period == fact.period and t.unit == fact.unit]
    if not same and fact.concept.startswith("EarningsPerShare"):
        same = [
            t
            for t in table_facts
            if t.concept_is_gaap and t.concept.startswith("EarningsPerShare") and t.period == fact.period
        ]
        if len(same) == 1 and abs(same[0].value - fact.value) <= fact.precision:
            # "$.20 per share" says less than the table's "Net income per share" (basic): take its kind
            return replace(fact, rounds=same[0].key, concept=same[0].concept)
    return replace(fact, rounds=same[0].key) if len(same) == 1 else fact
