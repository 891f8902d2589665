"""Financial facts of a release: every table's line items, then the figures stated in prose.

Tables are read in two passes: first each table's geometry and column periods, then, with the
release's fiscal calendar known from all of them (a balance sheet's year-end column, a
twelve-month column), the facts. A table that yields nothing is reported with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from pressgraph.budget import checked
from pressgraph.extractors._headers import ColumnPeriod
from pressgraph.extractors._statements import BALANCE, CASH_FLOW, OPERATIONS
from pressgraph.extractors.concepts import concept_of_its_time
from pressgraph.extractors.prose_figures import prose_facts
from pressgraph.extractors.tables import (
    TableContext,
    TableReading,
    correct_year_to_date,
    facts_from_reading,
    fiscal_year_end,
    read_table,
)
from pressgraph.model import Document, FinancialFact, ReleaseMetadata

_STATEMENTS = (BALANCE, CASH_FLOW, OPERATIONS)


@dataclass
class TableOutcome:
    """How one table fared: read with periods (and how many facts), or skipped and why."""

    index: int
    title: str
    kind: str | None
    columns: int
    facts: int
    reason: str = ""  # empty when read
    totals_checked: int = 0  # totals linked to their parts
    totals_failed: int = 0  # of those, the ones whose figures do not add up
    totals_unlinked: int = 0  # totals the layout proposed but no column confirmed
    financial_statement: bool = False


@dataclass
class FinancialsResult:
    facts: list[FinancialFact]
    warnings: list[str]
    tables: list[TableOutcome] = field(default_factory=list)


def extract_financials(doc: Document, metadata: ReleaseMetadata) -> tuple[list[FinancialFact], list[str]]:
    """Table facts (with their arithmetic links) and prose facts (linked to what they round)."""
    result = read_financials(doc, metadata)
    return result.facts, result.warnings


def read_financials(doc: Document, metadata: ReleaseMetadata) -> FinancialsResult:
    """Facts, warnings and a per-table account (the corpus health report reads it)."""
    reporting = None
    if metadata.reporting_period_end:
        reporting = ColumnPeriod(metadata.reporting_period_end, metadata.reporting_period_months)
    context = TableContext(reporting_end=reporting)
    tables = checked(doc.tables, "reading its tables", every=1)
    readings = [read_table(table, i, doc.text, context) for i, table in enumerate(tables, start=1)]
    fye = fiscal_year_end(readings)
    context = TableContext(reporting_end=reporting, fiscal_year_end=fye)
    facts: list[FinancialFact] = []
    warnings: list[str] = []
    outcomes: list[TableOutcome] = []
    for reading in checked(readings, "reading its tables' figures", every=1):
        correct_year_to_date(reading, fye)
        table_facts, table_warnings = facts_from_reading(reading, doc.text, context)
        facts.extend(table_facts)
        warnings.extend(table_warnings)
        outcomes.append(_outcome(reading, table_facts))
        if reading.grid.n and not table_facts:
            warnings.append(f"{reading.where}: skipped: {outcomes[-1].reason}")
    facts.extend(prose_facts(doc.blocks, metadata, facts))
    facts = [_of_its_time(f) for f in facts]
    return FinancialsResult(facts, warnings, outcomes)


def _of_its_time(fact: FinancialFact) -> FinancialFact:
    concept = concept_of_its_time(fact.concept, fact.period.end) if fact.concept_is_gaap else fact.concept
    return fact if concept == fact.concept else replace(fact, concept=concept)


def total_holds(total: FinancialFact, by_key: dict[str, FinancialFact]) -> bool:
    """Whether a total equals its addends less its subtrahends, within the printed rounding."""
    parts = [by_key[k] for k in (*total.addends, *total.subtrahends) if k in by_key]
    computed = sum((by_key[k].value for k in total.addends if k in by_key), Decimal(0)) - sum(
        (by_key[k].value for k in total.subtrahends if k in by_key), Decimal(0)
    )
    tolerance = max([total.precision, *(p.precision for p in parts)]) * (len(parts) + 1) / 2
    return abs(total.value - computed) <= tolerance


def _outcome(reading: TableReading, facts: list[FinancialFact]) -> TableOutcome:
    by_key = {f.key: f for f in facts}
    totals = [f for f in facts if f.is_total and (f.addends or f.subtrahends)]
    failed = sum(1 for f in totals if not total_holds(f, by_key))
    outcome = TableOutcome(
        reading.index,
        reading.table.title,
        reading.kind,
        reading.grid.n,
        len(facts),
        totals_checked=len(totals),
        totals_failed=failed,
        totals_unlinked=reading.unlinked,
        financial_statement=reading.kind in _STATEMENTS,
    )
    if reading.grid.n == 0:
        outcome.reason = "no figures (not a financial table)"
    elif not any(reading.periods):
        reasons = sorted({r for r in reading.reasons if r})
        outcome.reason = "no column has a period: " + "; ".join(reasons)
    elif not facts:
        outcome.reason = "no row has a figure under a column with a period"
    return outcome
