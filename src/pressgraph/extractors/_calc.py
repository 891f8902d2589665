"""The arithmetic structure of a statement table, found by letting the figures confirm it.

Accountants lay a statement out as a running stack: line items, then a total of the items
since the section began ("Total current assets"), which then stands for them; a result
("Gross profit", "Operating loss", "Net income") is the previous result plus the totals and
items since, costs printed as positive figures subtracted. So rows are read top to bottom onto
a stack; at each candidate total (a "Total ..." row, a result row, an unlabelled row) the
shortest run at the top of the stack whose sum gives the total in the period columns is its
parts, under one of two sign readings: every part added, or costs and expenses printed positive
subtracted. The parts then leave the stack and the total takes their place.

A total is kept only when at least one column adds up and no more columns disagree than agree;
columns that then disagree are what the SHACL shapes report. A candidate no run confirms is
reported, so a table whose layout the rules do not understand is never silently trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_RESULT = re.compile(
    r"""^(?:
        gross\ (?:profit|margin)                                  # "Gross profit", "Gross margin"
      | net\ (?:\(?(?:income|loss|earnings)\)?)                   # "Net loss", "Net (loss)"
      | (?:operating|net\ operating)\ (?:income|loss|profit)      # "Operating loss", "Net operating income"
      | \(?(?:income|loss|earnings)\)?(?:\ \(loss\))?(?:\ \(income\))?(?:\ income)?
        \ (?:from(?!\ discontinued)|before)                       # "Loss from ...", "Income (loss) before ..."
      | loss\ from\ operations                                    # "Loss from operations"
      | income\ from\ operations                                  # "Income from operations"
      | comprehensive\ (?:income|loss)                            # "Comprehensive loss"
      | \(loss\)\ income                                          # "(Loss) income"
      | profit\ (?:before|for)                                    # "Profit before tax", "Profit for the period"
      | (?:earnings|income)\ before                               # "Earnings before income taxes"
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_TOTAL = re.compile(r"^total\b", re.IGNORECASE)
_LESS = re.compile(r"^(?:less|deduct)\b", re.IGNORECASE)
_DEBIT_HEADING = re.compile(r"\b(?:costs?|expenses?)\b", re.IGNORECASE)
_CREDIT_HEADING = re.compile(r"\b(?:revenues?|sales|income)\b", re.IGNORECASE)
_MAX_PARTS = 40


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


_NET_CHANGE = re.compile(r"^net\s+(?:cash|increase|decrease|\(?decrease\)?|change)", re.IGNORECASE)


def is_candidate(row: CalcRow, results: bool = True) -> bool:
    """A row that the layout says is a sum: a total, an unlabelled row, and (in an income
    statement) a result; in a cash-flow statement "Net cash provided by ..." and "Net increase
    in cash" are its sums, and "Net income" at its top is an item."""
    if not row.has_label or _TOTAL.match(row.label):
        return True
    return bool(_RESULT.match(row.label)) if results else bool(_NET_CHANGE.match(row.label))


def infer_structure(rows: list[CalcRow], where: str, results: bool = True) -> tuple[Links, list[str]]:
    """Links from each confirmed total's fact key to its addend and subtrahend keys;
    ``results`` says whether result rows ("Net income") are sums here (income statements)."""
    links: Links = {}
    warnings: list[str] = []
    for row, parts in _walk(rows, results):
        if parts is not None:
            _link(row, parts, links)
        else:
            warnings.append(
                f"{where}: '{row.label}' is not the sum of the rows above it in any column; no arithmetic link kept"
            )
    return links, warnings


def agreement(rows: list[CalcRow], results: bool = True) -> tuple[int, int]:
    """How well a reading of the table adds up: columns where a confirmed total holds less
    columns where one does not, and the candidates no run confirms. A choice between readings
    (which column a lone figure sits in) takes the one that adds up best."""
    score = unconfirmed = 0
    for row, parts in _walk(rows, results):
        if parts is None:
            unconfirmed += 1
            continue
        passed, failed = _tally(row, [p for p, _ in parts], [w for _, w in parts])
        score += passed - failed
    return score, unconfirmed


def _walk(rows: list[CalcRow], results: bool) -> list[tuple[CalcRow, list[tuple[CalcRow, int]] | None]]:
    """Each candidate total with its parts and their signs (None: no run confirms it)."""
    out: list[tuple[CalcRow, list[tuple[CalcRow, int]] | None]] = []
    stack: list[CalcRow] = []
    for row in rows:
        if row.is_rule or row.unit != "USD" or not any(v is not None for v in row.values):
            continue
        if stack and is_candidate(row, results) and not _highlight(row, stack):
            found = _parts_of(row, stack)
            if found is not None:
                start, weights = found
                out.append((row, list(zip(stack[start:], weights, strict=True))))
                del stack[start:]
            elif not _other_half(row, stack):
                out.append((row, None))
        stack.append(row)
    return out


def _highlight(row: CalcRow, stack: list[CalcRow]) -> bool:
    """A result right under the table's one other figure row ("Revenue", then "Net loss", in a
    table of highlights): a line of a summary, not a sum the table shows the parts of."""
    if len(stack) != 1 or not row.has_label or _TOTAL.match(row.label) or not _RESULT.match(row.label):
        return False
    return stack[0].nature == "credit"


def _parts_of(total: CalcRow, stack: list[CalcRow]) -> tuple[int, list[int]] | None:
    """The shortest run at the top of the stack that adds up to ``total`` in every column, and
    its signs; failing that, the shortest that adds up in more columns than not, or in as many
    when it is the whole section above (a misprint in one column must not hide the structure
    the others confirm, but a tie is no evidence for a run that crosses another total)."""
    prefer_costs = bool(_RESULT.match(total.label)) and not _TOTAL.match(total.label)
    fallback: tuple[int, list[int]] | None = None
    boundary = next((i + 1 for i in range(len(stack) - 1, -1, -1) if is_candidate(stack[i], True)), 0)
    for start in range(len(stack) - 1, max(-1, len(stack) - 1 - _MAX_PARTS), -1):
        run = stack[start:]
        readings = [_cost_weights(run), [_less(r) for r in run]]
        for weights in readings if prefer_costs else readings[::-1]:
            if len(run) == 1 and not _single_part_ok(total, weights[0], run[0]):
                continue
            passed, failed = _tally(total, run, weights)
            if passed >= 1 and failed == 0:
                return start, weights
            tie_ok = passed > failed or start in (boundary, boundary - 1)
            if fallback is None and passed >= 1 and passed >= failed and tie_ok:
                fallback = (start, weights)
    return fallback


def _single_part_ok(total: CalcRow, weight: int, part: CalcRow | None = None) -> bool:
    """A total of one row is a sum when its label says it totals something ("Total other
    income" over "Other income, net"), or a result that is one cost taken away ("Operating
    loss" = − "Total operating expenses" when there is no revenue), or the same total with its
    qualifier dropped ("Net cash used in investing activities" over "... - continuing operations")."""
    if bool(_TOTAL.match(total.label)) or not total.has_label or weight < 0:
        return True
    return part is not None and weight > 0 and _words(part.label)[: len(_words(total.label))] == _words(total.label)


def _words(label: str) -> list[str]:
    return re.findall(r"[a-z]+", label.lower())


# "Net cash used in operating activities - discontinued operations" after "... - continuing
# operations": the other half of the statement's split, an item of the total that follows.
_DISCONTINUED = re.compile(r"\bdiscontinued\s+operations?\b", re.IGNORECASE)
_CONTINUING = re.compile(r"\bcontinuing\s+operations?\b", re.IGNORECASE)


def _other_half(row: CalcRow, stack: list[CalcRow]) -> bool:
    return bool(stack) and bool(_DISCONTINUED.search(row.label)) and bool(_CONTINUING.search(stack[-1].label))


def _less(row: CalcRow) -> int:
    """ "Less accumulated depreciation 365" is taken away; printed "(365,241)" it already is."""
    return -1 if _LESS.match(row.label) and all(v is None or v >= 0 for v in row.values) else 1


def _cost_weights(run: list[CalcRow]) -> list[int]:
    return [_less(r) * _weight(r) for r in run]


def _weight(row: CalcRow) -> int:
    """+1, or −1 for a cost/expense printed as a positive figure."""
    nature = row.nature
    if nature in (None, "none"):
        heading = row.headings[-1] if row.headings else ""
        if _DEBIT_HEADING.search(row.label) and not _CREDIT_HEADING.search(row.label):
            nature = "debit"
        elif _DEBIT_HEADING.search(heading) and not _CREDIT_HEADING.search(heading):
            nature = "debit"
    if nature == "debit" and all(v is None or v >= 0 for v in row.values):
        return -1
    return 1


def _tally(total: CalcRow, run: list[CalcRow], weights: list[int]) -> tuple[int, int]:
    """Columns where the run adds up to the total (a zero total of zeros not counted), and not."""
    passed = failed = 0
    for col, value in enumerate(total.values):
        if value is None or any(col >= len(p.values) or p.values[col] is None for p in run):
            continue
        computed = sum((Decimal(w) * (p.values[col] or 0) for p, w in zip(run, weights, strict=True)), Decimal(0))
        steps = [s for s in [total.steps[col], *(p.steps[col] for p in run)] if s is not None]
        tolerance = max(steps) * (len(run) + 1) / 2
        if abs(value - computed) > tolerance:
            failed += 1
        elif value != 0 or computed != 0:
            passed += 1
    return passed, failed


def _link(total: CalcRow, parts: list[tuple[CalcRow, int]], links: Links) -> None:
    for col, key in enumerate(total.keys):
        if key is None:
            continue
        plus = [p.keys[col] for p, w in parts if w > 0 and col < len(p.keys) and p.keys[col]]
        minus = [p.keys[col] for p, w in parts if w < 0 and col < len(p.keys) and p.keys[col]]
        links[key] = ([k for k in plus if k], [k for k in minus if k])
