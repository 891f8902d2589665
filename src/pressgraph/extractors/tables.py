"""Financial tables → :class:`FinancialFact` records, read from the table's whole context.

A table is understood in four steps, each in its own module:

1. geometry (:mod:`._grid`): labelled rows × value columns, whatever the layout;
2. periods (:mod:`._headers`): each column's period from its header rows, the caption above
   the table and the release's own reporting period, or the reason it has none;
3. statement (:mod:`._statements`): balance sheet, cash flows, operations... which decides
   instants and flows, per table and per section heading inside it;
4. scale and sign (:mod:`._scale`, here): per column and per row; per-share rows and share
   counts apart; a loss printed without parentheses under a loss label is negative.

Totals are then linked to their parts (``addends``/``subtrahends``) where the figures confirm
the layout, so the SHACL shapes check the arithmetic. Nothing is dropped silently: a table or
column that yields no facts is named in a warning with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from pressgraph.extractors import _statements as st
from pressgraph.extractors._calc import CalcRow, agreement, infer_structure
from pressgraph.extractors._grid import Grid, GridRow, build_grid, line_start
from pressgraph.extractors._headers import ColumnHead, ColumnPeriod, assign_sequence, assign_unit, items_of, resolve
from pressgraph.extractors._label_figures import label_figures
from pressgraph.extractors._scale import Scale, row_scale, scale_of
from pressgraph.extractors.concepts import ConceptMatch, match_concept, mint_concept
from pressgraph.extractors.periods import period_for
from pressgraph.model import Cell, Evidence, FinancialFact, Period, Table, TableRow, Unit

_PER_SHARE = re.compile(r"per (?:common |basic |diluted |ordinary |weighted )?share|\beps\b|per ads\b|per unit", re.I)
_SHARES = re.compile(
    r"""weighted[- ]average                                          # "Weighted-average shares outstanding"
      | shares\s+(?:outstanding|used|issued)                         # "Shares used in computing ..."
      | number\s+of\s+(?:common\s+|ordinary\s+)?shares               # "Number of ordinary shares"
      | average\s+(?:common\s+|ordinary\s+)?(?:equivalent\s+)?shares # "Average common equivalent shares"
      | ^shares\b                                                    # "Shares - basic"
      | \bshares\s+(?:used|in)\b                                     # "... shares in computing"
    """,
    re.I | re.VERBOSE,
)
_LOSS_ONLY = re.compile(
    r"""^(?:total\s+)?(?:net\s+)?(?:comprehensive\s+)?(?:operating\s+)?loss\b  # "Net loss", "Total comprehensive loss"
         (?!\s+(?:on|from\s+discontinued))                                   # not "Loss on ..." or discontinued
      | ^loss\s+(?:before|from\s+(?:continuing\s+)?operations|per)          # "Loss before income taxes"
    """,
    re.I | re.VERBOSE,
)
_NOT_LOSS_ONLY = re.compile(r"\b(?:income|profit|earnings|gain)\b", re.I)
_ATTRIBUTABLE = re.compile(r"^(?:net\s+(?:income|loss)\s+)?attributable\s+to\b", re.I)
_TOTAL = re.compile(r"^total\b", re.I)
_BASIC = re.compile(r"^(?:basic|diluted|basic\s+and\s+diluted)\b", re.I)


@dataclass(frozen=True)
class TableContext:
    """What the release says outside the table that helps read it."""

    reporting_end: ColumnPeriod | None = None
    fiscal_year_end: tuple[int, int] | None = None  # (month, day) of the fiscal year's end


@dataclass
class TableReading:
    """One table as understood: grid, column periods, statement kind, scale; or why not."""

    index: int
    table: Table
    grid: Grid
    periods: list[ColumnPeriod | None]
    reasons: list[str]
    kind: str | None
    scale: Scale
    where: str
    notes: list[str] = field(default_factory=list)
    kind_named: bool = True  # False when the statement was guessed from the row labels
    unlinked: int = 0  # totals the layout proposed that no column's figures confirmed

    @property
    def financial(self) -> bool:
        return self.grid.n > 0 and any(p is not None for p in self.periods)


# --- reading a table -------------------------------------------------------------------------


# The longest statement in the corpora has 46 rows. A table of thousands (a hostile or broken file
# repeating one block) would give tens of thousands of facts whose mapping and writing cost far
# more than reading the file; its first rows are read and a warning says how many were not.
MAX_ROWS = 400


def read_table(table: Table, index: int, text: str, context: TableContext) -> TableReading:
    """Geometry, column periods, statement kind and scale of one table."""
    where = f"table {index} ({_short(table.title) or 'untitled'})"
    cut = len(table.rows) - MAX_ROWS
    if cut > 0:
        table = replace(table, rows=table.rows[:MAX_ROWS])
    grid = build_grid(table, text)
    scale = scale_of(_scale_text(table, grid))
    kind, named = _table_kind(table, grid)
    if grid.n == 0:
        return TableReading(index, table, grid, [], [], kind, scale, where, kind_named=named)
    heads = column_heads(table, grid, text)
    periods, reasons = [], []
    for head in heads:
        period, reason = resolve(head, context.reporting_end)
        periods.append(period)
        reasons.append(reason)
    _untold_apart(heads, periods, reasons)
    _segments_of_one_period(heads, periods, reasons)
    reading = TableReading(index, table, grid, periods, reasons, kind, scale, where, kind_named=named)
    reading.notes.extend(f"{where}: {s}" for s in grid.skipped)
    if cut > 0:
        reading.notes.append(f"{where}: {MAX_ROWS + cut} rows; only the first {MAX_ROWS} are read")
    return reading


def _untold_apart(heads: list[ColumnHead], periods: list[ColumnPeriod | None], reasons: list[str]) -> None:
    """Two columns that came to the same period from the same header items ("2024 Unaudited"
    printed once above two figure columns) are not both that period, and nothing says which
    one is: neither is read. Columns the header does tell apart (segments of one quarter under
    their own names) keep their period."""
    for i, period in enumerate(periods):
        if period is None or heads[i].change:
            continue
        twins = [j for j in range(i + 1, len(periods)) if periods[j] == period and not heads[j].change]
        twins = [j for j in twins if _same_head(heads[i], heads[j])]
        for k in (i, *twins) if twins else ():
            periods[k] = None
            other = twins[0] if k == i else i
            reasons[k] = f"the header gives it the same period as column {other + 1} and nothing tells them apart"


_WHOLE = re.compile(r"\b(?:total|consolidated)\b", re.I)


def _segments_of_one_period(heads: list[ColumnHead], periods: list[ColumnPeriod | None], reasons: list[str]) -> None:
    """Columns of one period told apart by names (segments, "As reported" / "Adjusted") would
    give one concept two values for the same period, and the graph has no segment dimension:
    only the column headed "Total" or "Consolidated" is read, or none when no one column is."""
    groups: dict[ColumnPeriod, list[int]] = {}
    for i, period in enumerate(periods):
        if period is not None and not heads[i].change:
            groups.setdefault(period, []).append(i)
    for cols in groups.values():
        if len(cols) < 2:
            continue
        whole = [i for i in cols if any(_WHOLE.search(t) for t in heads[i].texts)]
        keep = whole[0] if len(whole) == 1 else None
        for i in cols:
            if i != keep:
                periods[i] = None
                reasons[i] = (
                    f"one of {len(cols)} columns of the same period told apart by name (a segment or a measure), "
                    + (f"beside column {keep + 1}, the total" if keep is not None else "and none is the total")
                )


def _same_head(a: ColumnHead, b: ColumnHead) -> bool:
    return a.items == b.items and a.texts == b.texts


def _short(title: str) -> str:
    return title if len(title) <= 80 else title[:77] + "..."


def _scale_text(table: Table, grid: Grid) -> str:
    head = " ".join(c.text for row in table.header for c in row.cells if c.text)
    first_labels = " ".join(r.label for r in grid.rows[:3] if not r.has_figures)
    return " ".join([table.title, head, first_labels, table.context, table.footnote])


def _table_kind(table: Table, grid: Grid) -> tuple[str | None, bool]:
    """The statement named nearest the table (title, header, the lines above), and True; else
    the one its row labels suggest, and False."""
    head = " ".join(c.text for row in table.header for c in row.cells if c.text)
    for text in (table.title, head, *reversed(table.context.split("\n"))):
        if text and len(text) <= 160:
            kind = st.kind_of_title(text)
            if kind:
                return kind, True
    return st.kind_of_labels([r.label for r in grid.rows if r.label]), False


def column_heads(table: Table, grid: Grid, text: str) -> list[ColumnHead]:
    """What the header rows and the caption say of each value column."""
    heads = [ColumnHead() for _ in range(grid.n)]
    columns = list(range(grid.n))
    loose: list[str] = []
    for row in table.header:
        cells = [c for c in row.cells if c.text.strip()]
        if not cells:
            continue
        if grid.bounds is None or table.layout in ("cells", "flat"):
            loose.extend(c.text for c in cells)
            continue
        if not _assign_by_position(heads, cells, grid, table, text):
            assign_sequence(heads, [c.text for c in cells], columns, only_missing=False)
    if loose:
        changes = _change_columns(loose, grid.n)
        for col in columns[grid.n - changes :]:
            heads[col].change = True
        units = [u for u in loose if not _is_change_unit(u)] if changes else loose
        assign_sequence(heads, units, columns[: grid.n - changes], only_missing=False)
    _borrow_dates(heads)
    caption = [ln for ln in (table.title, *table.context.split("\n")) if ln and len(ln) <= 160]
    assign_sequence(heads, _caption_units(caption), columns, only_missing=True)
    return heads


def _borrow_dates(heads: list[ColumnHead]) -> None:
    """A column with its own year but no date, beside columns headed by one spanning cell that
    stops short of it ("For the 13 Weeks Ended July 3, 2004 and June 28, 2003" printed over the
    first segments, not the totals): it takes the spanning cell's date of its year, and the
    length, when the dated columns agree on both."""
    dated = [h for h in heads if h.has("month_day")]
    spans = {tuple(i for kind in ("month_day", "year") for i in h.items.get(kind, []) if i.full) for h in dated}
    lengths = {tuple(h.items.get("months", [])) for h in dated}
    if len(spans) != 1 or len(lengths) != 1:
        return
    days = [i for i in dated[0].items["month_day"] if i.full]
    full = list(zip(days, [i for i in dated[0].items.get("year", []) if i.full], strict=False))
    for head in heads:
        own = [i for i in head.items.get("year", []) if not i.full]
        if head.has("month_day") or head.change or len(own) != 1:
            continue
        match = [(d, y) for d, y in full if y.value == own[0].value]
        if len(match) == 1:
            head.add(match[0][0])
            head.add(match[0][1])
            for item in next(iter(lengths)):
                head.add(item)


_CHANGE_UNIT = re.compile(r"\bchange\b|\bvariance\b|%|(?:19|20)\d\d\s*(?:to|vs\.?|versus)\s*(?:19|20)\d\d", re.I)


def _is_change_unit(unit: str) -> bool:
    return bool(_CHANGE_UNIT.search(unit))


def _change_columns(units: list[str], n: int) -> int:
    """Change columns announced by a header without positions; they follow the period columns."""
    words = sum(1 for u in units if re.search(r"\bchange\b|\bvariance\b|%", u, re.I))
    ranges = sum(1 for u in units if re.search(r"(?:19|20)\d\d\s*(?:to|vs\.?|versus)\s*(?:19|20)\d\d", u, re.I))
    count = max(words, ranges)
    return count if 0 < count < n else 0


def _caption_units(lines: list[str]) -> list[str]:
    """Caption lines that state a period ("Three months ended September 30,") but not a
    sentence of prose comparing several."""
    return [ln for ln in lines if items_of(ln) and (len(items_of(ln)) <= 4 or len(ln) <= 120)]


def _assign_by_position(heads: list[ColumnHead], cells: list[Cell], grid: Grid, table: Table, text: str) -> bool:
    """Give each header cell to the columns under it; False when a cell that states a period
    sits over no column (its geometry is not the figures')."""
    assert grid.bounds is not None
    plan: list[tuple[Cell, list[int]]] = []
    for cell in cells:
        if cell.col < 0 and table.layout != "fixed":
            return False
        left, right = _cell_interval(cell, table, text)
        cols = [i for i, (a, b) in enumerate(grid.bounds) if left <= b + _slack(table) and right >= a - _slack(table)]
        if not cols and items_of(cell.text):
            near = _nearest(grid.bounds, left, right, table)
            if near is None:
                return False
            cols = [near]
        plan.append((cell, cols))
    for cell, cols in plan:
        if cols:
            if not assign_unit(heads, cell.text, cols):
                assign_sequence(heads, [cell.text], cols, only_missing=False)
    return True


def _slack(table: Table) -> float:
    return 1.0 if table.layout == "fixed" else 0.0


def _cell_interval(cell: Cell, table: Table, text: str) -> tuple[float, float]:
    if table.layout == "fixed":
        x = line_start(text, cell.start)
        return float(cell.start - x), float(cell.end - x - 1)
    return float(cell.col), float(cell.col + cell.span - 1)


def _nearest(bounds: list[tuple[float, float]], left: float, right: float, table: Table) -> int | None:
    limit = 8.0 if table.layout == "fixed" else 2.0
    best = min(range(len(bounds)), key=lambda i: min(abs(bounds[i][0] - right), abs(bounds[i][1] - left)))
    a, b = bounds[best]
    return best if min(abs(a - right), abs(b - left)) <= limit else None


# --- the fiscal calendar ----------------------------------------------------------------------


def correct_year_to_date(reading: TableReading, fiscal_year_end: tuple[int, int] | None) -> None:
    """A year-to-date column whose stated length contradicts the fiscal calendar takes the
    calendar's ("Six Months Ended September 30" over nine-month figures when the year ends in
    December), but only beside a quarter column ending on the same day, and with a note."""
    if fiscal_year_end is None:
        return
    quarter_ends = {p.end for p in reading.periods if p and p.months == 3}
    _cash_flows_to_date(reading, fiscal_year_end)
    for i, p in enumerate(reading.periods):
        if p is None or p.months in (None, 3, 12) or p.end not in quarter_ends:
            continue
        expected = _months_since_year_end(p.end, fiscal_year_end)
        if expected in (6, 9) and expected != p.months:
            reading.periods[i] = replace(p, months=expected, weeks=None)
            reading.notes.append(
                f"{reading.where}: column {i + 1} is headed {p.months} months but ends {p.end} in a fiscal year "
                f"ending {fiscal_year_end[0]:02d}-{fiscal_year_end[1]:02d}; read as {expected} months"
            )


def _cash_flows_to_date(reading: TableReading, fiscal_year_end: tuple[int, int]) -> None:
    """A cash-flow column headed by its end date only ("For the Period Ended September 30"):
    interim cash flows are reported from the start of the fiscal year, so its length is the
    months since the year ended (with a note)."""
    if reading.kind != st.CASH_FLOW:
        return
    for i, p in enumerate(reading.periods):
        if p is None or p.months is not None or p.instant:
            continue
        months = _months_since_year_end(p.end, fiscal_year_end)
        reading.periods[i] = replace(p, months=months)
        reading.notes.append(
            f"{reading.where}: column {i + 1} states no length; a cash-flow column ending {p.end} in a fiscal year "
            f"ending {fiscal_year_end[0]:02d}-{fiscal_year_end[1]:02d} is read as {months} months"
        )


def _months_since_year_end(end: date, fye: tuple[int, int]) -> int:
    months = (end.month - fye[0]) % 12
    if end.day < 8 and fye[1] > 20:
        months -= 1  # a 52/53-week year: "July 3" closes the sixth month after "January 3"
    return months or 12


def fiscal_year_end(readings: list[TableReading]) -> tuple[int, int] | None:
    """The fiscal year's end: a twelve-month column's end, else the balance sheet's comparison date."""
    for r in readings:
        for p in r.periods:
            if p and p.months == 12:
                return (p.end.month, p.end.day)
    ends = {p.end for r in readings for p in r.periods if p and p.months}
    for r in readings:
        if r.kind == st.BALANCE:
            others = [p.end for p in r.periods if p and p.end not in ends]
            if others:
                last = min(others)
                return (last.month, last.day)
    return None


# --- rows → facts ------------------------------------------------------------------------------


@dataclass
class _Line:
    row: GridRow
    label: str
    headings: list[str]
    concept: ConceptMatch
    unit: Unit
    kind: str | None
    labelled: bool
    negate: bool = False
    scale: Scale | None = None
    keys: list[str | None] = field(default_factory=list)


def facts_from_reading(
    reading: TableReading, text: str, context: TableContext
) -> tuple[list[FinancialFact], list[str]]:
    """All facts of one understood table, and warnings naming what was skipped."""
    if not reading.financial:
        return [], []
    warnings = list(reading.notes)
    lines = _lines(reading)
    results = reading.kind == st.OPERATIONS or (reading.kind is None and _has_expense_section(lines))
    warnings.extend(_place_short_rows(lines, reading, results))
    _resolve_share_scale(reading, lines)
    facts: list[FinancialFact] = []
    for line in lines:
        row_facts = _facts_of_line(line, reading, text, context, warnings)
        facts.extend(row_facts)
        if line.labelled and row_facts:
            facts.extend(_label_facts(line, row_facts, reading, text))
    skipped = [(i, r) for i, (p, r) in enumerate(zip(reading.periods, reading.reasons, strict=True)) if p is None]
    for i, reason in skipped:
        warnings.append(f"{reading.where}: column {i + 1} skipped: {reason}")
    link_warnings = _link_structure(lines, facts, reading.where, results)
    reading.unlinked = len(link_warnings)
    warnings.extend(link_warnings)
    return facts, warnings


def _lines(reading: TableReading) -> list[_Line]:
    headings: list[tuple[int, str]] = []
    kind = reading.kind
    lines: list[_Line] = []
    loss_section = last_negated = False
    for row in reading.grid.rows:
        if row.rule or not row.has_figures:
            if row.label and not row.rule:
                named = st.kind_of_title(row.label) if len(row.label) <= 80 else None
                kind = named or kind
                headings = _push_heading(headings, row.indent, row.label)
                loss_section = last_negated and bool(_ATTRIBUTABLE.match(row.label))
            lines.append(_Line(row, "", [h for _, h in headings], match_concept(""), Unit.USD, kind, False))
            continue
        heads = [h for _, h in headings]
        labelled = bool(row.label)
        shown = row.label or (heads[-1] if heads else "")
        concept = _concept_for(shown if labelled else f"Total {shown}", heads, labelled)
        unit = _unit_for(shown, heads, concept)
        line = _Line(row, shown, heads, concept, unit, kind, labelled, scale=row_scale(shown, reading.scale))
        in_section = loss_section and unit is Unit.USD and _all_positive(row)
        line.negate = _is_loss_row(shown, row) or in_section
        loss_section = in_section and labelled
        last_negated = line.negate
        if _TOTAL.match(shown) and headings:
            headings = _pop_totalled(headings, shown)
        lines.append(line)
    _shares_like_eps(lines)
    _qualify_repeated(lines)
    return lines


def _qualify_repeated(lines: list[_Line]) -> None:
    """The same segment or product row under two headings ("Revenue: Devices, Software" and
    "Gross profit: Devices, Software") is two concepts: a minted concept met under more than one
    heading takes its heading's name in front, so that the two figures of one period do not
    read as one concept with two values."""
    under: dict[str, set[str]] = {}
    for ln in lines:
        if ln.labelled and not ln.concept.is_gaap and ln.headings:
            under.setdefault(ln.concept.concept, set()).add(ln.headings[-1])
    for ln in lines:
        if ln.labelled and not ln.concept.is_gaap and ln.headings and len(under[ln.concept.concept]) > 1:
            ln.concept = replace(ln.concept, concept=mint_concept(f"{ln.headings[-1]} {ln.label}"))


def _shares_like_eps(lines: list[_Line]) -> None:
    """A bare "Weighted average shares outstanding" row counts the shares of the EPS row it
    serves: basic and diluted when that row says "(Basic and Diluted)"."""
    eps = [ln for ln in lines if ln.unit is Unit.USD_PER_SHARE and ln.labelled]
    both = bool(eps) and all(re.search(r"basic\s+and\s+diluted", ln.label, re.I) for ln in eps)
    for ln in lines:
        if both and ln.concept.concept == "WeightedAverageNumberOfSharesOutstandingBasic":
            if not re.search(r"\b(?:basic|diluted)\b", ln.label, re.I):
                ln.concept = replace(ln.concept, concept="WeightedAverageNumberOfShareOutstandingBasicAndDiluted")


def _all_positive(row: GridRow) -> bool:
    values = [s.amount.value for s in row.slots if s is not None]
    return bool(values) and all(v >= 0 for v in values) and any(v > 0 for v in values)


def _is_loss_row(label: str, row: GridRow) -> bool:
    """A result row that names a loss only ("Net loss", "Loss from operations", "Loss per
    share"), printed without parentheses: its figures are losses."""
    named = re.sub(r"\bincome\s+tax(?:es)?\b", "tax", label, flags=re.I)
    return bool(_LOSS_ONLY.match(named)) and not _NOT_LOSS_ONLY.search(named) and _all_positive(row)


def _push_heading(headings: list[tuple[int, str]], indent: int, label: str) -> list[tuple[int, str]]:
    """Section headings as a stack by indent; an ALL-CAPS heading stays the parent of the
    mixed-case headings that follow it at the same indent ("ASSETS" → "Current assets")."""
    kept = [(i, h) for i, h in headings if i < indent or (i == indent and h.isupper() and not label.isupper())]
    return kept + [(indent, label)]


def _pop_totalled(headings: list[tuple[int, str]], total: str) -> list[tuple[int, str]]:
    """ "Total current assets" closes the "Current assets" section."""
    words = set(re.findall(r"[a-z]{3,}", total.lower())) - {"total"}
    if headings and words and words <= set(re.findall(r"[a-z]{3,}", headings[-1][1].lower())) | {"net"}:
        return headings[:-1]
    return headings


def _concept_for(label: str, headings: list[str], labelled: bool) -> ConceptMatch:
    """The concept of a row, reading its section heading where the label alone is not enough
    ("Basic" under "Net loss per share", "Continuing operations" under "Earnings per share")."""
    recent = headings[-1] if headings else ""
    if re.search(r"\b(basic|diluted)\b", recent, re.I) and _PER_SHARE.search(label + " " + " ".join(headings)):
        if not re.search(r"\b(basic|diluted)\b", label, re.I):
            label = f"{label} {recent}"
    if re.fullmatch(r"(basic|diluted|basic and diluted)", label.strip(), re.I):
        parent = next((h for h in reversed(headings) if _PER_SHARE.search(h) or _SHARES.search(h)), "")
        label = f"{parent} {label}"
    elif (
        (_PER_SHARE.search(recent) or _BASIC.match(recent))
        and not _PER_SHARE.search(label)
        and not _SHARES.search(label)
    ):
        label = f"{label} per share {recent if _BASIC.match(recent) else ''}".strip()
    return match_concept(label)


def _unit_for(label: str, headings: list[str], concept: ConceptMatch) -> Unit:
    """Per-share by the label, else the unit of the row's US-GAAP element, else the heading's
    per-share context, else share counts by their wording. A count named by its use ("Weighted
    average number of shares used in computing loss per share") is shares."""
    if concept.is_gaap and concept.unit == Unit.SHARES.value and _SHARES.search(label):
        return Unit.SHARES
    if _PER_SHARE.search(label) or concept.unit == Unit.USD_PER_SHARE.value:
        return Unit.USD_PER_SHARE
    if concept.unit and concept.is_gaap:
        return Unit(concept.unit)
    if headings and (_PER_SHARE.search(headings[-1]) or _BASIC.match(headings[-1])) and not _SHARES.search(label):
        return Unit.USD_PER_SHARE
    if _SHARES.search(label) and not re.match(r"\s*(common|preferred|treasury|capital) stock", label, re.I):
        return Unit.SHARES
    return Unit.USD


def _resolve_share_scale(reading: TableReading, lines: list[_Line]) -> None:
    """Share counts take the scale under which net result ÷ shares gives the printed EPS.

    "(In thousands, except per share data)" over a share count printed in full (3,230,387)
    would make three billion shares; the EPS row says which reading adds up.
    """
    scale = reading.scale
    if scale.money == 1:
        return
    net = next((ln for ln in lines if ln.concept.concept in ("NetIncomeLoss", "ProfitLoss") and ln.labelled), None)
    eps = next((ln for ln in lines if ln.unit is Unit.USD_PER_SHARE and ln.labelled), None)
    shares = [ln for ln in lines if ln.unit is Unit.SHARES and ln.scale is None]
    if net is None or eps is None or not shares:
        return
    votes = {Decimal(1): 0, scale.money: 0}
    for col in range(reading.grid.n):
        n, e, s = (_value(ln, col) for ln in (net, eps, shares[0]))
        if n is None or e is None or not s or e == 0:
            continue
        for factor in votes:
            implied = n * scale.money / (s * factor)
            if abs(abs(implied) - abs(e)) <= max(Decimal("0.011"), abs(e) * Decimal("0.05")):
                votes[factor] += 1
    best = max(votes, key=lambda f: votes[f])
    if votes[best] and best != scale.shares and votes[best] > votes[scale.shares]:
        reading.scale = replace(scale, shares=best)
        reading.notes.append(
            f"{reading.where}: share counts read with scale {best} (net result ÷ shares matches the printed EPS)"
        )


def _value(line: _Line, col: int) -> Decimal | None:
    slot = line.row.slots[col] if col < len(line.row.slots) else None
    return slot.amount.value if slot is not None else None


def _facts_of_line(
    line: _Line, reading: TableReading, text: str, context: TableContext, warnings: list[str]
) -> list[FinancialFact]:
    facts = []
    line.keys = [None] * len(line.row.slots)
    scale = line.scale or reading.scale
    factor = {Unit.USD: scale.money, Unit.SHARES: scale.shares}.get(line.unit, Decimal(1))
    sign = Decimal(-1) if line.negate else Decimal(1)
    for col, (slot, cp) in enumerate(zip(line.row.slots, reading.periods, strict=False)):
        if slot is None or cp is None:
            continue
        period = _fact_period(line, cp, context, reading.kind_named)
        if period is None:
            continue
        unit = Unit.PERCENT if slot.amount.percent else line.unit
        mult = Decimal(1) if unit is Unit.PERCENT else factor
        split = f"s{line.row.part}" if line.row.part else ""
        key = f"t{reading.index}-r{line.row.index}{split}-c{col}"
        line.keys[col] = key
        start = line.row.label_cell.start if line.row.label_cell is not None else slot.cell.start
        start = min(start, slot.cell.start)
        quote = re.sub(r"\s+", " ", text[start : slot.cell.end]).strip()
        concept = line.concept
        name = concept.concept
        if line.kind == st.CASH_FLOW and not st.balance_in_cash_flow(line.label):
            name = st.cash_flow_concept(name, concept.is_gaap, concept.period)
        facts.append(
            FinancialFact(
                key=key,
                label=line.label,
                concept=name,
                concept_is_gaap=concept.is_gaap,
                value=slot.amount.value * mult * sign,
                unit=unit,
                period=period,
                precision=slot.amount.step * mult,
                source="table",
                evidence=Evidence(start, slot.cell.end, quote[:500], "table"),
                table_index=reading.index,
                row_index=line.row.index,
                column_index=col,
            )
        )
    return facts


def _label_facts(line: _Line, row_facts: list[FinancialFact], reading: TableReading, text: str) -> list[FinancialFact]:
    """Facts for the figures printed inside the row's label (see :mod:`._label_figures`)."""
    columns: list[Period | None] = [None] * reading.grid.n
    for f in row_facts:
        if f.column_index is not None:
            columns[f.column_index] = f.period
    scale = (line.scale or reading.scale).money
    cell = line.row.label_cell
    out = []
    for k, lf in enumerate(label_figures(line.label, columns, scale)):
        exact = cell is not None and cell.text == line.label
        start = cell.start + lf.start if exact and cell else (cell.start if cell else row_facts[0].evidence.start)
        end = cell.start + lf.end if exact and cell else (cell.end if cell else row_facts[0].evidence.end)
        out.append(
            FinancialFact(
                key=f"{row_facts[0].key}-l{k + 1}",
                label=lf.label,
                concept=lf.concept,
                concept_is_gaap=lf.is_gaap,
                value=lf.value,
                unit=lf.unit,
                period=lf.period,
                precision=lf.step,
                source="table",
                evidence=Evidence(start, end, " ".join(text[start:end].split())[:500], "table:label"),
                table_index=reading.index,
                row_index=line.row.index,
            )
        )
    return out


def _fact_period(line: _Line, cp: ColumnPeriod, context: TableContext, named: bool) -> Period | None:
    """Instant or duration, as the statement and the row say; a statement guessed from the row
    labels (not named by a title) yields to a row whose concept is a balance."""
    kind = line.kind
    if kind == st.BALANCE:
        return Period(end=cp.end)
    if kind == st.CASH_FLOW:
        edge = st.balance_in_cash_flow(line.label)
        months = cp.months or _reporting_months(cp, context)
        if edge == "end":
            return Period(end=cp.end)
        if edge == "start" and months:
            start = period_for(cp.end, months, cp.weeks).start
            assert start is not None  # a duration of known months has a start
            return Period(end=start - timedelta(days=1))
        return period_for(cp.end, months, cp.weeks) if months else None
    if kind is None or (kind == st.OPERATIONS and line.concept.period == "instant" and not named):
        kind = None
    if kind is None and (line.concept.period == "instant" or (cp.months is None and line.concept.period is None)):
        return Period(end=cp.end)  # no statement named, no length printed: a balance
    months = cp.months or _reporting_months(cp, context)
    if months is None:
        return None
    return period_for(cp.end, months, cp.weeks)


def _reporting_months(cp: ColumnPeriod, context: TableContext) -> int | None:
    """A column with a date but no length reports the release's own period when it ends on the
    same day of the year."""
    rep = context.reporting_end
    if rep is None or not rep.months:
        return None
    if (cp.end.month, cp.end.day) == (rep.end.month, rep.end.day):
        return rep.months
    return None


def _has_expense_section(lines: list[_Line]) -> bool:
    return any(ln.concept.nature == "debit" for ln in lines if ln.labelled)


def _place_short_rows(lines: list[_Line], reading: TableReading, results: bool) -> list[str]:
    """A row with fewer figures than columns in a layout without positions (a flattened row
    whose empty cell left no mark): its figures go where the table's totals add up, each
    placement tried in turn; where no placement adds up better than another, nothing says whose
    period a figure is, and the row is not read (a warning says so)."""
    warnings: list[str] = []
    for line in lines:
        if not line.row.short:
            continue
        figs = [s for s in line.row.slots if s is not None]
        n = len(line.row.slots)
        placements = [[None] * k + figs + [None] * (n - len(figs) - k) for k in range(n - len(figs) + 1)]
        scored = []
        for slots in placements:
            line.row.slots = slots
            score, unconfirmed = agreement(_calc_rows(lines), results)
            scored.append((score, -unconfirmed))
        best = max(scored)
        if scored.count(best) == 1 and best[0] > 0:
            line.row.slots = placements[scored.index(best)]
        else:
            line.row.slots = [None] * n
            warnings.append(
                f"{reading.where}: row '{line.label}': {len(figs)} figure(s) for {n} columns, and no total says "
                "which column; not read"
            )
    return warnings


def _link_structure(lines: list[_Line], facts: list[FinancialFact], where: str, results: bool = True) -> list[str]:
    """Attach addends/subtrahends to total facts where the table's layout says so."""
    links, warnings = infer_structure(_calc_rows(lines), where, results)
    by_key = {f.key: i for i, f in enumerate(facts)}
    for total_key, (plus, minus) in links.items():
        if total_key not in by_key:
            continue
        i = by_key[total_key]
        facts[i] = replace(
            facts[i],
            is_total=True,
            addends=tuple(k for k in plus if k in by_key),
            subtrahends=tuple(k for k in minus if k in by_key),
        )
    return warnings


def _calc_rows(lines: list[_Line]) -> list[CalcRow]:
    return [
        CalcRow(
            label=line.label,
            is_rule=bool(line.row.rule),
            has_label=line.labelled,
            headings=tuple(line.headings),
            concept=line.concept.concept,
            nature=line.concept.nature,
            unit=line.unit.value,
            keys=tuple(line.keys),
            values=tuple(
                (s.amount.value * (-1 if line.negate else 1)) if s is not None else None for s in line.row.slots
            ),
            steps=tuple(s.amount.step if s is not None else None for s in line.row.slots),
        )
        for line in lines
    ]


def header_row_cells(row: TableRow) -> list[Cell]:
    return [c for c in row.cells if c.text.strip()]
