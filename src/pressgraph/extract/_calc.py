"""The arithmetic structure of a statement table, read from its layout.

Two kinds of sums, as accountants lay them out:

* a **section total** ("Total revenues", an unlabelled row after a section's items) is the sum
  of the items since its section heading, as printed ("Less ..." rows subtracted);
* a **result** ("Gross profit", "Operating loss", "Net loss", "Income before income taxes") is
  the previous result plus the section totals and standalone items since it, where costs and
  expenses printed as positive numbers are subtracted.

The layout proposes; the figures confirm: a structure is kept only when at least one period
column adds up within rounding. Columns that then disagree are what the SHACL shapes report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_RESULT = re.compile(
    r"^(gross (profit|margin)|net (income|loss|earnings)|(operating|net operating) (income|loss|profit)|"
    r"(income|loss|earnings)( \(loss\))?( \(income\))? (from|before)|loss from operations|income from operations)",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"^total\b", re.IGNORECASE)
_LESS = re.compile(r"^(less|deduct)\b", re.IGNORECASE)
_DEBIT_HEADING = re.compile(r"\b(costs?|expenses?)\b", re.IGNORECASE)
_CREDIT_HEADING = re.compile(r"\b(revenues?|sales|income)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CalcRow:
    label: str
    is_rule: bool
    has_label: bool
    headings: tuple[str, ...]
    concept: str
    nature: str | None
    unit: str
    keys: tuple[str | None, ...]
    values: tuple[Decimal | None, ...]
    steps: tuple[Decimal | None, ...]


Links = dict[str, tuple[list[str], list[str]]]


def infer_structure(rows: list[CalcRow], where: str) -> tuple[Links, list[str]]:
    """Links from each confirmed total's fact key to its addend and subtrahend keys."""
    links: Links = {}
    warnings: list[str] = []
    units: list[tuple[CalcRow, int]] = []
    items: list[CalcRow] = []
    previous_result: CalcRow | None = None
    section: tuple[str, ...] | None = None
    for row in rows:
        if row.is_rule or row.unit != "USD" or not any(v is not None for v in row.values):
            continue
        if row.headings != section:
            units.extend((item, _weight(item)) for item in items)
            items, section = [], row.headings
        if _is_result(row):
            parts = ([(previous_result, 1)] if previous_result else []) + units
            parts += [(item, _weight(item)) for item in items]
            _confirm(row, parts, links, warnings, where)
            previous_result, units, items = row, [], []
        elif items and (_TOTAL.match(row.label) or not row.has_label):
            parts = [(item, -1 if _LESS.match(item.label) else 1) for item in items]
            _confirm(row, parts, links, warnings, where)
            units.append((row, _weight(row)))
            items, section = [], None
        else:
            items.append(row)
    return links, warnings


def _is_result(row: CalcRow) -> bool:
    return row.has_label and bool(_RESULT.match(row.label)) and not _TOTAL.match(row.label)


def _weight(row: CalcRow) -> int:
    """+1, or −1 for a cost/expense printed as a positive figure."""
    nature = row.nature
    if nature in (None, "none"):
        heading = row.headings[-1] if row.headings else ""
        if _DEBIT_HEADING.search(heading) and not _CREDIT_HEADING.search(heading):
            nature = "debit"
        elif _DEBIT_HEADING.search(row.label) and not _CREDIT_HEADING.search(row.label):
            nature = "debit"
    if nature == "debit" and all(v is None or v >= 0 for v in row.values):
        return -1
    return 1


def _confirm(total: CalcRow, parts: list[tuple[CalcRow, int]], links: Links, warnings: list[str], where: str) -> None:
    if not parts:
        return
    passed = failed = 0
    for col, value in enumerate(total.values):
        if value is None or any(col >= len(p.values) or p.values[col] is None for p, _ in parts):
            continue
        computed = sum((Decimal(w) * (p.values[col] or 0) for p, w in parts), Decimal(0))
        steps = [s for s in [total.steps[col], *(p.steps[col] for p, _ in parts)] if s is not None]
        tolerance = max(steps) * (len(parts) + 1) / 2
        if abs(value - computed) > tolerance:
            failed += 1
        elif value != 0:
            passed += 1
    confirmed = passed >= 1 and passed >= failed
    if not confirmed:
        warnings.append(
            f"{where}: '{total.label}' is not the sum of the rows above it in any column; no arithmetic link kept"
        )
        return
    for col, key in enumerate(total.keys):
        if key is None:
            continue
        plus = [p.keys[col] for p, w in parts if w > 0 and col < len(p.keys) and p.keys[col]]
        minus = [p.keys[col] for p, w in parts if w < 0 and col < len(p.keys) and p.keys[col]]
        links[key] = ([k for k in plus if k], [k for k in minus if k])
