"""A company's financial statements (concept × period) and charts of its key figures.

``/financials/{company}`` gathers every table figure the company reports, over all its
releases, into two statements: figures for periods (operations, cash flows) and figures at dates
(the balance sheet). A figure printed by several releases is taken from the newest (a
restatement wins). Amounts are shown in the statement's scale (thousands when every dollar
figure is a round thousand), negative ones in parentheses, with the concepts' US-GAAP labels.
Revenue, net income (loss) and cash each get a bar chart across periods (:mod:`._charts`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pressgraph.api import _entities as ent
from pressgraph.api import _labels as labels
from pressgraph.api import _negotiation as neg
from pressgraph.api import _openapi as api_docs
from pressgraph.api import _pages as pages
from pressgraph.api._charts import chart_svg
from pressgraph.store.base import GraphStore

PG = ent.PG
SCHEMA = "https://schema.org/"
UNITS = {PG + "USD": "USD", PG + "USDPerShare": "USD/share", PG + "Shares": "shares", PG + "Percent": "percent"}
KEY_FIGURES = (  # title, then the concepts that stand for it, the likelier first
    ("Revenue", ("Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax", "SalesRevenueNet")),
    ("Net income (loss)", ("NetIncomeLoss", "ProfitLoss", "NetIncomeLossAvailableToCommonStockholdersBasic")),
    (
        "Cash",
        (
            "CashAndCashEquivalentsAtCarryingValue",
            "CashCashEquivalentsAndShortTermInvestments",
            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents",
            "Cash",
        ),
    ),
)
FACT_LIMIT = 20_000
FORMATS = tuple(f for f in neg.PAGE_FORMATS if f.name in ("html", "json"))
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "text/html": {},
            "application/json": {
                "example": {
                    "company": {"kind": "iri", "id": "org/acme-bio", "label": "Acme Bio, Inc."},
                    "statements": [
                        {
                            "title": "Figures for periods",
                            "caption": "USD in thousands (except per-share amounts)",
                            "periods": [
                                {"iri": "…/period/2003-07-01--2003-09-30", "label": "3 months ended Sep 30, 2003"}
                            ],
                            "rows": [
                                {
                                    "concept": "http://fasb.org/us-gaap/2024#NetIncomeLoss",
                                    "label": "Net Income (Loss)",
                                    "printed": "NET LOSS",
                                    "unit": "USD",
                                    "cells": [{"value": "-2838000", "text": "$ (2,838)", "release": "release/x"}],
                                }
                            ],
                        }
                    ],
                    "charts": [],
                }
            },
        }
    },
    404: {"description": "Unknown company", "content": api_docs.ERR},
    406: {"content": api_docs.ERR},
    409: {"description": "The name matches several entities (listed)", "content": api_docs.AMBIGUOUS},
}


@dataclass(frozen=True)
class Figure:
    """One table figure as the statements need it."""

    concept: str
    label: str
    printed: str
    value: Decimal
    unit: str
    period: str
    start: date | None
    end: date
    months: int | None
    row: int
    release: str
    published: date | None


@dataclass
class Statement:
    """Rows of concepts, columns of periods; ``cells[concept][period]`` is the figure shown."""

    title: str
    periods: list[tuple[str, date | None, date, int | None]] = field(default_factory=list)
    rows: list[Figure] = field(default_factory=list)  # the figure that names each row
    cells: dict[str, dict[str, Figure]] = field(default_factory=dict)


def _figures_query(company: str) -> str:
    return (
        f"SELECT ?concept (SAMPLE(?cl) AS ?clabel) (SAMPLE(?pl) AS ?printed) ?value ?unit ?period "
        f"?start ?end ?instant ?months ?row ?rel ?date WHERE {{ ?f <{PG}reportedBy> <{company}> ; "
        f"a <{PG}TableFact> ; <{PG}value> ?value ; <{PG}period> ?period . "
        f"OPTIONAL {{ ?f <{PG}concept> ?concept OPTIONAL {{ ?concept <{ent.LABEL}> ?cl }} }} "
        f"OPTIONAL {{ ?f <{PG}unit> ?unit }} OPTIONAL {{ ?f <{PG}printedLabel> ?pl }} "
        f"OPTIONAL {{ ?f <{PG}rowIndex> ?row }} OPTIONAL {{ ?period <{PG}startDate> ?start }} "
        f"OPTIONAL {{ ?period <{PG}endDate> ?end }} OPTIONAL {{ ?period <{PG}date> ?instant }} "
        f"OPTIONAL {{ ?period <{PG}months> ?months }} "
        f"OPTIONAL {{ ?f <{PG}statedIn> ?rel OPTIONAL {{ ?rel <{SCHEMA}datePublished> ?date }} }} }} "
        f"GROUP BY ?f ?concept ?value ?unit ?period ?start ?end ?instant ?months ?row ?rel ?date "
        f"LIMIT {FACT_LIMIT}"
    )


def company_figures(store: GraphStore, company: str) -> list[Figure]:
    """Every table figure ``company`` reports, with its period's dates and its release's date."""
    figures = []
    for concept, clabel, printed, value, unit, per, start, end, instant, months, row, rel, published in store.query(
        _figures_query(company)
    ).rows:
        when = end or instant
        if not isinstance(when, date) or not isinstance(value, int | Decimal):
            continue  # a period without a date cannot be placed in a column
        concept_iri = str(concept or "").strip("<>") or f"printed:{printed}"
        figures.append(
            Figure(
                concept=concept_iri,
                label=str(clabel) if clabel else labels.iri(concept_iri) if concept else str(printed or ""),
                printed=str(printed or ""),
                value=Decimal(value),
                unit=UNITS.get(str(unit or "").strip("<>"), ""),
                period=str(per).strip("<>"),
                start=start if isinstance(start, date) else None,
                end=when,
                months=int(months) if isinstance(months, int) else None,
                row=int(row) if isinstance(row, int) else 0,
                release=str(rel or "").strip("<>"),
                published=published if isinstance(published, date) else None,
            )
        )
    return figures


def statements(figures: list[Figure]) -> list[Statement]:
    """The two statements, each without empty columns: for periods, then at dates."""
    built = []
    for title, durations in (("Figures for periods", True), ("Figures at dates", False)):
        chosen = [f for f in figures if (f.start is not None) == durations]
        if chosen:
            built.append(_statement(title, chosen))
    return built


def _statement(title: str, figures: list[Figure]) -> Statement:
    statement = Statement(title)
    newest_first = sorted(figures, key=lambda f: (f.published or date.min, f.release), reverse=True)
    for figure in newest_first:
        row = statement.cells.setdefault(figure.concept, {})
        row.setdefault(figure.period, figure)  # the newest release's figure wins
    order: dict[str, Figure] = {}
    for figure in sorted(newest_first, key=lambda f: f.row):
        order.setdefault(figure.concept, figure)
    statement.rows = sorted(order.values(), key=lambda f: (f.row, f.label))
    periods = {f.period: (f.period, f.start, f.end, f.months) for f in figures}
    statement.periods = sorted(periods.values(), key=lambda p: (p[3] or 0, p[2]))
    return statement


def scale_of(figures: list[Figure], unit: str) -> int:
    """1,000,000 or 1,000 when every non-zero ``unit`` figure is a round million or thousand, else 1."""
    values = [f.value for f in figures if f.unit == unit and f.value != 0]
    for scale in (1_000_000, 1000):
        if values and all(v % scale == 0 for v in values):
            return scale
    return 1


_SCALE_WORDS = {1_000_000: "millions", 1000: "thousands"}


def scale_caption(scales: dict[str, int]) -> str:
    """``USD in thousands (except per-share amounts); shares in thousands``."""
    parts = []
    if scales.get("USD", 1) > 1:
        parts.append(f"USD in {_SCALE_WORDS[scales['USD']]} (except per-share amounts)")
    if scales.get("shares", 1) > 1:
        parts.append(f"shares in {_SCALE_WORDS[scales['shares']]}")
    return "; ".join(parts) or "USD and shares as printed"


def statement_json(statement: Statement) -> dict[str, Any]:
    """A statement for the JSON view and the template: formatted cells beside the raw values."""
    every = [f for row in statement.cells.values() for f in row.values()]
    scales = {unit: scale_of(every, unit) for unit in ("USD", "shares")}
    return {
        "title": statement.title,
        "caption": scale_caption(scales),
        "periods": [
            {"iri": p, "label": labels.period(start, end, months), "end": end.isoformat()}
            for p, start, end, months in statement.periods
        ],
        "rows": [
            {
                "concept": row.concept,
                "label": row.label,
                "printed": row.printed,
                "unit": row.unit,
                "cells": [_cell(statement.cells[row.concept].get(p), scales) for p, *_ in statement.periods],
            }
            for row in statement.rows
        ],
    }


def _cell(figure: Figure | None, scales: dict[str, int]) -> dict[str, Any] | None:
    if figure is None:
        return None
    text = labels.amount(figure.value, figure.unit, scales.get(figure.unit, 1))
    return {"value": format(figure.value, "f"), "text": text, "release": ent.entity_id(figure.release)}


def key_figures(figures: list[Figure]) -> list[dict[str, Any]]:
    """For revenue, net income (loss) and cash: the first concept the company reports, with one
    point per period (durations of the commonest length only, so quarters meet quarters)."""
    found = []
    for title, concepts in KEY_FIGURES:
        for local in concepts:
            chosen = [f for f in figures if f.concept.rsplit("#", 1)[-1] == local]
            if chosen:
                found.append(_series(title, chosen))
                break
    return found


def _series(title: str, figures: list[Figure]) -> dict[str, Any]:
    months = Counter(f.months for f in figures).most_common(1)[0][0]
    points: dict[date, Figure] = {}
    for figure in sorted(figures, key=lambda f: (f.published or date.min, f.release), reverse=True):
        if figure.months == months:
            points.setdefault(figure.end, figure)
    ordered = [points[end] for end in sorted(points)]
    scale = scale_of(ordered, ordered[0].unit)
    return {
        "title": title,
        "concept": ordered[0].concept,
        "label": ordered[0].label,
        "period": f"{months} months" if months else "at dates",
        "unit": ordered[0].unit,
        "points": [
            {
                "end": f.end.isoformat(),
                "label": labels.day(f.end),
                "value": format(f.value, "f"),
                "text": labels.amount(f.value, f.unit, scale),
            }
            for f in ordered
        ],
        "caption": _SCALE_WORDS.get(scale, ""),
    }


def financials(store: GraphStore, company: str) -> dict[str, Any]:
    """The JSON view of ``/financials/{company}``: the company, its statements and key figures."""
    figures = company_figures(store, company)
    names = store.query(f"SELECT (SAMPLE(?l) AS ?name) WHERE {{ <{company}> <{ent.LABEL}> ?l }}").rows
    return {
        "company": ent.node(f"<{company}>", names[0][0] if names and names[0][0] else None),
        "statements": [statement_json(s) for s in statements(figures)],
        "charts": key_figures(figures),
    }


def financials_router(store: GraphStore) -> APIRouter:
    """``GET /financials/{company}``: HTML (statements and charts) or JSON, by ``Accept`` or ``format``."""
    router = APIRouter(tags=["browser"])

    @router.get(
        "/financials/{company:path}", summary="A company's financial statements and charts", responses=RESPONSES
    )
    def company_financials(
        request: Request,
        company: Annotated[
            str, Path(max_length=300, description="entity id, name or ticker", examples=["org/acme-bio"])
        ],
        format: Annotated[str | None, Query(description="html or json", examples=["json"])] = None,
    ) -> Response:
        """Every table figure the company reports, as concept × period statements with formatted
        amounts, and a chart per key figure (revenue, net income (loss), cash) across periods."""
        chosen = neg.choose(FORMATS, request.headers.get("accept"), format)
        if chosen is None:
            raise StarletteHTTPException(406, "acceptable formats: text/html, application/json")
        data = financials(store, ent.resolve(store, company))
        if chosen.name == "json":
            return JSONResponse(data)
        charts = [chart_svg(series) for series in data["charts"]]
        return HTMLResponse(pages.render("financials.html", f=data, charts=charts))

    return router
