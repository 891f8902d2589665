"""Figures printed inside a row label: "net of allowances of $62 and $55", "1,800,000,000 shares
authorized; 921,035,475 and 915,970,050 shares issued and outstanding", "(including $1,796 and
$51 from related party for the nine months period ended September 30, 2024 and 2023,
respectively)".

They are facts of their own, with the table's scale for money and in full for share counts.
Each figure's period is read, in this order, from the date printed right after it ("50,773,796
shares at November 2, 2024"), from the clause's own period phrase ("for the nine months ended
September 30, 2024 and 2023", "as of September 30, 2024 and December 31, 2023"), or from the
table's columns in order when the clause has as many figures as the row has columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pressgraph.extractors._headers import items_of
from pressgraph.extractors.concepts import mint_concept
from pressgraph.extractors.numbers import parse_amount
from pressgraph.extractors.periods import make_date, period_for
from pressgraph.model import Period, Unit
from pressgraph.names import MONTH_ALTERNATION, MONTHS

_FIGURE = re.compile(
    r"""(?P<money>\$\s?\(?\d[\d,]*(?:\.\d+)?\)?|\$\s?\.\d+)          # "$62", "$(1,796)", "$.50"
      | (?P<count>(?<![\d.$,])(?!(?:19|20)\d\d\b)\d(?:[\d,]*\d)?(?![\d,]\d))  # "921,035,475", not a year
        (?=\*{0,2}\s+(?:and\s+[\d,]+\*{0,2}\s+)?                   # "... and 915,970,050" (footnote stars)
           (?:shares|ordinary|common|preferred))                   # a count only when shares follow
    """,
    re.VERBOSE,
)
_DATE = re.compile(
    r"(?P<m>" + MONTH_ALTERNATION + r")\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d\d)",
    re.I,
)
_SEPARATORS = re.compile(r";|(?<!\$)\((?![\d.])|(?<![\d])\)|,\s+and\s+(?=including\b)")
_PERIOD_TAIL = re.compile(
    r",?\s*(?:for\s+the\s+|as\s+of\s+|at\s+(?=[A-Z])|in\s+(?=(?:19|20)\d\d)|respectively|during\s+the\s+).*$", re.I
)


@dataclass(frozen=True)
class LabelFigure:
    label: str
    concept: str
    is_gaap: bool
    unit: Unit
    value: Decimal
    step: Decimal
    period: Period
    start: int  # offsets within the label text
    end: int


def _clauses(label: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in _SEPARATORS.finditer(label):
        out.append((pos, label[pos : m.start()]))
        pos = m.end()
    out.append((pos, label[pos:]))
    return [(p, c) for p, c in out if c.strip()]


def label_figures(label: str, columns: list[Period | None], money_scale: Decimal) -> list[LabelFigure]:
    """The figures a row label states, each with its period (``columns`` are the row's facts'
    periods, in column order)."""
    if not re.search(r"\d", label):
        return []
    found: list[LabelFigure] = []
    for offset, clause in _clauses(label):
        figures = list(_FIGURE.finditer(clause))
        if not figures:
            continue
        periods = _periods(clause, figures, [c for c in columns if c is not None])
        if periods is None:
            continue
        for m, period in zip(figures, periods, strict=True):
            fig = _figure(label, clause, offset, m, period, money_scale)
            if fig is not None:
                found.append(fig)
    return found


def _periods(clause: str, figures: list[re.Match[str]], columns: list[Period]) -> list[Period] | None:
    """One period per figure, or None. Figures of two kinds in one clause ("$0.0001 par value,
    200,000,000 shares authorized as of June 30, 2024 and December 31, 2023") are not one per
    period: each holds for every date, and which is which is not for the order to say."""
    if len({"money" if m.group("money") else "count" for m in figures}) > 1 and _dates_after(clause, figures) is None:
        return None
    after = _dates_after(clause, figures)
    if after is not None:
        return [_matching(p, columns) for p in after]
    phrase = _phrase_periods(clause, len(figures), columns)
    if phrase is not None:
        return phrase
    if len(figures) == len(columns):
        return list(columns)
    if len(figures) == 1 and columns:
        return [columns[0]]
    return None


def _dates_after(clause: str, figures: list[re.Match[str]]) -> list[Period] | None:
    """ "X shares at November 2, 2024, Y shares at February 3, 2024": a date after each figure."""
    out = []
    for k, m in enumerate(figures):
        stop = figures[k + 1].start() if k + 1 < len(figures) else len(clause)
        d = _DATE.search(clause, m.end(), stop)
        if d is None or d.start() - m.end() > 40:
            return None
        end = make_date(int(d.group("y")), MONTHS[d.group("m").lower()], int(d.group("d")))
        if end is None:
            return None
        out.append(Period(end=end))
    return out


def _phrase_periods(clause: str, count: int, columns: list[Period]) -> list[Period] | None:
    """ "for the nine months period ended September 30, 2024 and 2023" / "as of June 30, 2024
    and December 31, 2023": one period per figure, in order."""
    items = items_of(clause)
    years = [i.value[0] for i in items if i.kind == "year"]
    days = [i.value for i in items if i.kind == "month_day"]
    months = next((i.value[0] for i in items if i.kind == "months"), None)
    if len(years) != count or not days:
        return None
    out = []
    for k, year in enumerate(years):
        month, day = days[min(k, len(days) - 1)]
        end = make_date(year, month, day or 28)
        if end is None:
            return None
        out.append(_matching(period_for(end, months) if months else Period(end=end), columns))
    return out


def _matching(period: Period, columns: list[Period]) -> Period:
    """The table's own period when one ends within a week of the stated one (52/53-week years)."""
    for c in columns:
        if c.months == period.months and abs((c.end - period.end).days) <= 7:
            return c
    return period


def _figure(
    label: str, clause: str, offset: int, m: re.Match[str], period: Period, money_scale: Decimal
) -> LabelFigure | None:
    token = m.group().replace(" ", "")
    amount = parse_amount(token)
    if amount is None:
        return None
    low = label.lower()
    concept: str | None
    if m.group("money") and re.match(r"\s*par\s+value", clause[m.end() :], re.I):
        concept, unit, factor = "CommonStockParOrStatedValuePerShare", Unit.USD_PER_SHARE, Decimal(1)
    elif m.group("money"):
        concept, unit, factor = _money_concept(clause), Unit.USD, money_scale
    else:
        concept, unit, factor = _share_concept(clause, low), Unit.SHARES, Decimal(1)
    name = _clause_label(clause)
    gaap = concept is not None
    return LabelFigure(
        name,
        concept or mint_concept(name),
        gaap,
        unit,
        amount.value * factor,
        amount.step * factor,
        period,
        offset + m.start(),
        offset + m.end(),
    )


def _money_concept(clause: str) -> str | None:
    low = clause.lower()
    if "allowance" in low:
        return "AllowanceForDoubtfulAccountsReceivableCurrent"
    if "accumulated depreciation" in low or "accumulated amortization" in low:
        return "AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment"
    return None


def _share_concept(clause: str, label: str) -> str:
    stock = "PreferredStock" if re.search(r"\bpreferred\b", label) else "CommonStock"
    low = clause.lower()
    if "authorized" in low:
        return f"{stock}SharesAuthorized"
    if "outstanding" in low or "outstanding" in label:
        return f"{stock}SharesOutstanding"
    if "issued" in low or "issued" in label:
        return f"{stock}SharesIssued"
    if "treasury" in low:
        return "TreasuryStockShares"
    return f"{stock}SharesOutstanding"


def _clause_label(clause: str) -> str:
    """The clause without its period phrase: "including $1,796 and $51 from related party"."""
    text = " ".join(clause.split()).strip(" ,")
    text = _PERIOD_TAIL.sub("", text).strip(" ,")
    return text or " ".join(clause.split())


def first_date(text: str) -> date | None:
    d = _DATE.search(text)
    return make_date(int(d.group("y")), MONTHS[d.group("m").lower()], int(d.group("d"))) if d else None
