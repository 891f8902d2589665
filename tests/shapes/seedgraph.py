"""Build a seed-like release graph (both tables of the seed release, every fact) for timing.

``seed_graph(copies)`` repeats the release under different ids, so ~500 triples per copy.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from pressgraph.rdf.vocab import GAAP, PG, SCHEMA

BASE = "https://w3id.org/pressgraph/id/"
Q02, Q03 = "2002-07-01--2002-09-30", "2003-07-01--2003-09-30"
# (label, concept, values per column, unit, precision, is_total, addends, subtrahends)
INCOME = [
    ("Product sales and rentals", "SalesRevenueGoodsNet", (7000, 25000)),
    ("Grants and other", "RevenueFromGrants", (86000, 275000)),
    ("Total revenues", "Revenues", (93000, 300000)),
    ("Cost of product sales and rentals", "CostOfGoodsAndServicesSold", (0, 12000)),
    ("Provision for obsolete and excess inventory", "InventoryWriteDown", (88000, 253000)),
    ("Research and development", "ResearchAndDevelopmentExpense", (1385000, 1356000)),
    ("Selling, general and administrative", "SellingGeneralAndAdministrativeExpense", (1113000, 1565000)),
    ("Total costs and expenses", "CostsAndExpenses", (2586000, 3186000)),
    ("OTHER INCOME", "OtherNonoperatingIncomeExpense", (41000, 48000)),
    ("NET LOSS", "NetIncomeLoss", (-2452000, -2838000)),
    (
        "NET LOSS PER COMMON SHARE (Basic and Diluted)",
        "EarningsPerShareBasicAndDiluted",
        (Decimal("-0.05"), Decimal("-0.04")),
    ),
    (
        "Weighted average number of common shares outstanding",
        "WeightedAverageNumberOfShareOutstandingBasicAndDiluted",
        (44886000, 70662000),
    ),
]
SUMS = {3: ([1, 2], []), 8: ([4, 5, 6, 7], []), 10: ([3, 9], [8])}
BALANCE = [
    ("Cash and investments", "CashCashEquivalentsAndShortTermInvestments", (10512000, 13110000)),
    ("Other current assets", "OtherAssetsCurrent", (1341000, 1543000)),
    ("Property, net", "PropertyPlantAndEquipmentNet", (302000, 305000)),
    ("Total assets", "Assets", (12155000, 14958000)),
    ("Current liabilities", "LiabilitiesCurrent", (580000, 643000)),
    ("Shareholders' equity", "StockholdersEquity", (11575000, 14315000)),
    ("Total liabilities and shareholders' equity", "LiabilitiesAndStockholdersEquity", (12155000, 14958000)),
]
BALANCE_SUMS = {4: ([1, 2, 3], []), 7: ([5, 6], [])}


def _dec(value: object) -> Literal:
    return Literal(str(value), datatype=XSD.decimal)


def _release(graph: Graph, release_id: str) -> None:
    rel = URIRef(f"{BASE}release/{release_id}")
    org = URIRef(f"{BASE}org/issuer")
    ev = URIRef(f"{rel}/evidence/0-10")
    graph.add((rel, RDF.type, PG.Release))
    graph.add((rel, PG.issuer, org))
    graph.add((rel, SCHEMA.datePublished, Literal("2003-11-10", datatype=XSD.date)))
    graph.add((rel, PG.sourceFile, Literal(f"{release_id}.txt")))
    graph.add((rel, PG.sha256, Literal("a" * 64)))
    graph.add((org, RDF.type, PG.Company))
    graph.add((org, RDFS.label, Literal("Issuer, Inc.")))
    graph.add((ev, RDF.type, PG.Evidence))
    graph.add((ev, PG.inRelease, rel))
    graph.add((ev, PG.startOffset, Literal(0)))
    graph.add((ev, PG.endOffset, Literal(10)))
    graph.add((ev, PG.quote, Literal("NET LOSS")))
    graph.add((ev, PG.method, Literal("table")))
    for key, start, end in ((Q02, "2002-07-01", "2002-09-30"), (Q03, "2003-07-01", "2003-09-30")):
        period = URIRef(f"{BASE}period/{key}")
        graph.add((period, RDF.type, PG.Duration))
        graph.add((period, PG.startDate, Literal(start, datatype=XSD.date)))
        graph.add((period, PG.endDate, Literal(end, datatype=XSD.date)))
    for day in ("2003-06-30", "2003-09-30"):
        period = URIRef(f"{BASE}period/{day}")
        graph.add((period, RDF.type, PG.Instant))
        graph.add((period, PG.date, Literal(day, datatype=XSD.date)))
    _table(graph, rel, ev, 1, INCOME, SUMS, (Q02, Q03))
    _table(graph, rel, ev, 2, BALANCE, BALANCE_SUMS, ("2003-06-30", "2003-09-30"))


def _table(graph, rel, ev, t, rows, sums, periods) -> None:  # type: ignore[no-untyped-def]
    for r, (label, concept, values) in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            fact = URIRef(f"{rel}/fact/t{t}-r{r}-c{c}")
            eps = concept.startswith("EarningsPerShare")
            shares = concept.startswith("WeightedAverage")
            unit = PG.USDPerShare if eps else PG.Shares if shares else PG.USD
            graph.add((fact, RDF.type, PG.TableFact))
            graph.add((fact, PG.concept, GAAP[concept]))
            graph.add((fact, PG.value, _dec(value)))
            graph.add((fact, PG.unit, unit))
            graph.add((fact, PG.period, URIRef(f"{BASE}period/{periods[c - 1]}")))
            graph.add((fact, PG.precision, _dec("0.01" if eps else "1000")))
            graph.add((fact, PG.printedLabel, Literal(label)))
            graph.add((fact, PG.statedIn, rel))
            graph.add((fact, PG.evidence, ev))
            graph.add((fact, PG.tableIndex, Literal(t)))
            graph.add((fact, PG.rowIndex, Literal(r)))
            graph.add((fact, PG.columnIndex, Literal(c)))
            if r in sums:
                graph.add((fact, PG.isTotal, Literal(True)))
                plus, minus = sums[r]
                for a in plus:
                    graph.add((fact, PG.addend, URIRef(f"{rel}/fact/t{t}-r{a}-c{c}")))
                for s in minus:
                    graph.add((fact, PG.subtrahend, URIRef(f"{rel}/fact/t{t}-r{s}-c{c}")))


def seed_graph(copies: int = 1) -> Graph:
    """The seed release's two tables, ``copies`` times under different release ids."""
    graph = Graph()
    for i in range(copies):
        _release(graph, f"seed-copy-{i}")
    return graph
