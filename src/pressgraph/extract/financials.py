"""Financial facts of a release: every table's line items, then the figures stated in prose."""

from __future__ import annotations

from pressgraph.extract._columns import ColumnPeriod
from pressgraph.extract.prose_figures import prose_facts
from pressgraph.extract.tables import TableContext, facts_from_table
from pressgraph.model import Document, FinancialFact, ReleaseMetadata


def extract_financials(doc: Document, metadata: ReleaseMetadata) -> tuple[list[FinancialFact], list[str]]:
    """Table facts (with their arithmetic links) and prose facts (linked to what they round)."""
    reporting = None
    if metadata.reporting_period_end:
        reporting = ColumnPeriod(metadata.reporting_period_end, metadata.reporting_period_months)
    context = TableContext(reporting_end=reporting)
    facts: list[FinancialFact] = []
    warnings: list[str] = []
    for index, table in enumerate(doc.tables, start=1):
        table_facts, table_warnings = facts_from_table(table, index, doc.text, context)
        facts.extend(table_facts)
        warnings.extend(table_warnings)
    facts.extend(prose_facts(doc.blocks, metadata, facts))
    return facts, warnings
