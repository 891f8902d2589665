"""Financial tables → :class:`FinancialFact` records, with the arithmetic structure of the table.

Each line item of each period column becomes a fact: concept (US-GAAP where the label lexicon
knows it), value in full units (scale statements such as "in thousands" applied, parentheses
negative, dashes zero), unit (USD, USD per share, shares), period, printed label and location.
Totals and results are linked to their parts (``addends``/``subtrahends``) as the layout shows
them; a structure is kept only when at least one column's figures confirm it, so the shapes can
then flag the columns that disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from pressgraph.extract._calc import CalcRow, infer_structure
from pressgraph.extract._columns import (
    ColumnPeriod,
    amounts_of,
    column_count,
    column_edges,
    column_periods,
    header_text,
    place_values,
    positional_periods,
)
from pressgraph.extract.concepts import ConceptMatch, match_concept
from pressgraph.extract.numbers import Amount, scaled_value
from pressgraph.extract.periods import period_for
from pressgraph.model import Cell, Evidence, FinancialFact, Table, TableRow, Unit

_SCALE = re.compile(r"\b(thousands|millions|billions)\b|\$\s?0{3}s?\b|000s omitted|000's omitted", re.IGNORECASE)
_PER_SHARE = re.compile(r"per (common |basic |diluted |ordinary )?share|\beps\b|per ads\b", re.IGNORECASE)
_SHARES = re.compile(
    r"weighted average|shares\s+(?:outstanding|used|issued)|number\s+of\s+(?:common\s+)?shares|"
    r"average\s+(?:common\s+)?(?:equivalent\s+)?shares",
    re.IGNORECASE,
)
_OPERATIONS = re.compile(r"operations|income|loss|earnings|results|revenue", re.IGNORECASE)


@dataclass(frozen=True)
class TableContext:
    """What the release says outside the table that helps read it."""

    reporting_end: ColumnPeriod | None = None


@dataclass
class _Scale:
    money: Decimal = Decimal(1)
    shares: Decimal = Decimal(1)


@dataclass
class _Line:
    index: int
    row: TableRow
    label: str
    headings: list[str]
    slots: list[tuple[Cell, Amount] | None]
    concept: ConceptMatch
    unit: Unit
    labelled: bool = True
    part: int = 0  # >0 for the extra rows a split row yields (an unlabelled total run into it)
    keys: list[str | None] = field(default_factory=list)


def table_scale(text: str) -> _Scale:
    """Scale of money and share figures from the title, context and header text."""
    scale = _Scale()
    match = _SCALE.search(text)
    if not match:
        return scale
    word = (match.group(1) or "thousands").lower()
    scale.money = scaled_value("1", word)
    tail = text[match.end() : match.end() + 120].lower()
    shares_in = re.search(r"shares?[^.;)]*?(?:in|reflected in)\s+(thousands|millions)", tail)
    if shares_in:
        scale.shares = scaled_value("1", shares_in.group(1))
    elif re.search(r"except[^)]*\bshares?\b(?! data\b)(?!\s*amounts?\b)", tail) and not re.search(
        r"except[^)]*per[- ](?:common |basic |diluted )?share", tail
    ):
        scale.shares = Decimal(1)
    elif re.search(r"except[^)]*\b(share data|share amounts|shares and per|share and per)", tail):
        scale.shares = Decimal(1)
    else:
        scale.shares = scale.money
    return scale


def facts_from_table(
    table: Table, table_index: int, text: str, context: TableContext
) -> tuple[list[FinancialFact], list[str]]:
    """All facts of one table, and warnings naming what was skipped."""
    amounts = [amounts_of(row) for row in table.rows]
    n = column_count(amounts)
    where = f"table {table_index} ({table.title or 'untitled'})"
    if n == 0:
        return [], []
    header = header_text(table) or table.context
    edges = column_edges(amounts, n, text)
    periods = (edges and positional_periods(table, edges, amounts, text, context.reporting_end)) or column_periods(
        header, n, context.reporting_end
    )
    if all(p is None for p in periods):
        return [], [f"{where}: no period could be read from its column headers; skipped"]
    lines = _lines(table, amounts, n, text)
    scale = table_scale(" ".join([table.title, table.context, header]))
    duration_table = any(p and p.months for p in periods) or bool(_OPERATIONS.search(table.title))
    facts: list[FinancialFact] = []
    for line in lines:
        facts.extend(_facts_of_line(line, periods, scale, table_index, text, context, duration_table))
    warnings = _link_structure(lines, facts, where)
    return facts, warnings


def _lines(table: Table, amounts: list[list[tuple[Cell, Amount]]], n: int, text: str) -> list[_Line]:
    edges = column_edges(amounts, n, text)
    headings: list[tuple[int, str]] = []
    lines: list[_Line] = []
    for index, (row, values) in enumerate(zip(table.rows, amounts, strict=True)):
        if row.rule or not row.cells:
            lines.append(_Line(index, row, "", [h for _, h in headings], [], match_concept(""), Unit.USD))
            continue
        label = row.cells[0].text.strip()
        if not values:
            if label:
                headings = _push_heading(headings, row.indent, label.rstrip(":"))
            continue
        for part, slots in enumerate(place_values(values, n, edges, text)):
            shown = label or (headings[-1][1] if headings else "")
            concept = _concept_for(shown, [h for _, h in headings], bool(label))
            unit = _unit_for(shown, [h for _, h in headings], concept)
            lines.append(_Line(index, row, shown, [h for _, h in headings], slots, concept, unit, bool(label), part))
            label = ""
    return lines


def _push_heading(headings: list[tuple[int, str]], indent: int, label: str) -> list[tuple[int, str]]:
    """Section headings as a stack by indent; an ALL-CAPS heading stays the parent of the
    mixed-case headings that follow it at the same indent ("EARNINGS PER SHARE" → "Basic")."""
    kept = [(i, h) for i, h in headings if i < indent or (i == indent and h.isupper() and not label.isupper())]
    return kept + [(indent, label)]


def _concept_for(label: str, headings: list[str], labelled: bool) -> ConceptMatch:
    recent = headings[-1] if headings else ""
    if re.search(r"\b(basic|diluted)\b", recent, re.IGNORECASE) and _PER_SHARE.search(label + " " + " ".join(headings)):
        if not re.search(r"\b(basic|diluted)\b", label, re.IGNORECASE):
            label = f"{label} {recent}"
    if re.fullmatch(r"(basic|diluted|basic and diluted)", label.strip(), re.IGNORECASE):
        parent = next((h for h in reversed(headings) if _PER_SHARE.search(h) or _SHARES.search(h)), "")
        label = f"{parent} {label}"
    if not labelled:
        label = f"total {label}"
    return match_concept(label)


def _unit_for(label: str, headings: list[str], concept: ConceptMatch) -> Unit:
    if concept.unit:
        return Unit(concept.unit)
    if _PER_SHARE.search(label) or any(_PER_SHARE.search(h) for h in headings):
        return Unit.USD_PER_SHARE
    if _SHARES.search(label) and not re.match(r"\s*(common|preferred|treasury|capital) stock", label, re.IGNORECASE):
        return Unit.SHARES
    return Unit.USD


def _facts_of_line(
    line: _Line,
    periods: list[ColumnPeriod | None],
    scale: _Scale,
    table_index: int,
    text: str,
    context: TableContext,
    duration_table: bool,
) -> list[FinancialFact]:
    facts = []
    line.keys = [None] * len(line.slots)
    factor = {Unit.USD: scale.money, Unit.SHARES: scale.shares}.get(line.unit, Decimal(1))
    for col, (slot, period) in enumerate(zip(line.slots, periods, strict=False)):
        if slot is None or period is None:
            continue
        cell, amount = slot
        months = period.months
        if months is None and duration_table and line.concept.period != "instant" and context.reporting_end:
            months = context.reporting_end.months
        if line.concept.period == "instant":
            months = None
        split = f"s{line.part}" if line.part else ""
        key = f"t{table_index}-r{line.index}{split}-c{col}"
        line.keys[col] = key
        start = line.row.cells[0].start if line.row.cells and line.row.cells[0].text else cell.start
        quote = re.sub(r"\s+", " ", text[start : cell.end]).strip()
        facts.append(
            FinancialFact(
                key=key,
                label=line.label,
                concept=line.concept.concept,
                concept_is_gaap=line.concept.is_gaap,
                value=amount.value * factor,
                unit=line.unit,
                period=period_for(period.end, months),
                precision=amount.step * factor,
                source="table",
                evidence=Evidence(start, cell.end, quote, "table"),
                table_index=table_index,
                row_index=line.index,
                column_index=col,
            )
        )
    return facts


def _link_structure(lines: list[_Line], facts: list[FinancialFact], where: str) -> list[str]:
    """Attach addends/subtrahends to total facts where the table's layout says so."""
    calc_rows = [
        CalcRow(
            label=line.label,
            is_rule=bool(line.row.rule),
            has_label=line.labelled,
            headings=tuple(line.headings),
            concept=line.concept.concept,
            nature=line.concept.nature,
            unit=line.unit.value,
            keys=tuple(line.keys),
            values=tuple(s[1].value if s else None for s in line.slots),
            steps=tuple(s[1].step if s else None for s in line.slots),
        )
        for line in lines
    ]
    links, warnings = infer_structure(calc_rows, where)
    by_key = {f.key: i for i, f in enumerate(facts)}
    from dataclasses import replace

    for total_key, (plus, minus) in links.items():
        i = by_key[total_key]
        facts[i] = replace(facts[i], is_total=True, addends=tuple(plus), subtrahends=tuple(minus))
    return warnings
