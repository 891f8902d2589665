"""Stage 4, mapping: an :class:`Extraction` → the triples of the release's named graph.

The only module (with ``rdf/narrative.py`` for entities and events) that knows RDF. It follows
docs/MODEL.md: readable deterministic IRIs from :mod:`pressgraph.rdf.iris`, PROV-O provenance
from every fact to its :class:`Evidence` node, and US-GAAP element IRIs for known concepts.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from pressgraph.config import base_iri
from pressgraph.model import Evidence, Extraction, FinancialFact, Period, ReleaseMetadata, Unit
from pressgraph.rdf import iris
from pressgraph.rdf.vocab import GAAP, PG, SCHEMA

_UNITS = {
    Unit.USD: PG.USD,
    Unit.USD_PER_SHARE: PG.USDPerShare,
    Unit.SHARES: PG.Shares,
    Unit.PERCENT: PG.Percent,
}


def new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in (
        ("pg", str(PG._NS)),
        ("us-gaap", str(GAAP)),
        ("schema", str(SCHEMA)),
        ("skos", str(SKOS)),
        ("owl", str(OWL)),
    ):
        graph.bind(prefix, ns)
    graph.bind("id", base_iri())
    return graph


class EvidenceRecorder:
    """The one place where evidence nodes are made (one per distinct span of a release)."""

    def __init__(self, graph: Graph, release_id: str) -> None:
        self.graph = graph
        self.release_id = release_id
        self.release = iris.release_iri(release_id)
        self._made: set[URIRef] = set()  # the nodes written (a set look-up, not a graph pattern)

    def __call__(self, evidence: Evidence) -> URIRef:
        node = iris.evidence_iri(self.release_id, evidence.start, evidence.end)
        g = self.graph
        if node not in self._made:
            self._made.add(node)
            g.add((node, RDF.type, PG.Evidence))
            g.add((node, PG.inRelease, self.release))
            g.add((node, PG.startOffset, Literal(evidence.start)))
            g.add((node, PG.endOffset, Literal(evidence.end)))
            g.add((node, PG.quote, Literal(evidence.quote)))
            g.add((node, PG.method, Literal(evidence.method)))  # the first method to cite a span
        return node


def map_extraction(extraction: Extraction) -> Graph:
    """All triples for one release."""
    doc = extraction.document
    graph = new_graph()
    evidence = EvidenceRecorder(graph, doc.release_id)
    release = iris.release_iri(doc.release_id)
    issuer = _add_release(graph, extraction, release, evidence)
    for fact in extraction.facts:
        _add_fact(graph, fact, doc.release_id, release, issuer, evidence)
    if extraction.entities or extraction.events:
        from pressgraph.rdf.narrative import add_narrative

        add_narrative(
            graph,
            release_id=doc.release_id,
            issuer_iri=issuer or iris.org_iri(doc.release_id),
            entities=extraction.entities,
            events=extraction.events,
            add_evidence=evidence,
        )
    return graph


def _add_release(graph: Graph, ex: Extraction, release: URIRef, evidence: EvidenceRecorder) -> URIRef | None:
    doc, meta = ex.document, ex.metadata
    g = graph
    g.add((release, RDF.type, PG.Release))
    g.add((release, RDFS.label, Literal(meta.headline or doc.source)))
    g.add((release, PG.sourceFile, Literal(doc.source)))
    g.add((release, PG.documentFormat, Literal(doc.format)))
    g.add((release, PG.sha256, Literal(doc.sha256)))
    g.add((release, PG.fullText, Literal(doc.text)))
    if meta.headline:
        g.add((release, SCHEMA.headline, Literal(meta.headline)))
    if meta.release_date:
        g.add((release, SCHEMA.datePublished, Literal(meta.release_date, datatype=XSD.date)))
    if meta.dateline_city:
        g.add((release, PG.datelineCity, Literal(meta.dateline_city)))
        place = iris.place_iri(meta.dateline_city)
        g.add((release, PG.datelinePlace, place))
        g.add((place, RDF.type, PG.Place))
        g.add((place, RDFS.label, Literal(meta.dateline_city)))
    if meta.reporting_period_end and meta.reporting_period_months:
        from pressgraph.extractors.periods import period_for

        period = period_for(meta.reporting_period_end, meta.reporting_period_months)
        g.add((release, PG.reportingPeriod, _add_period(g, period)))
    for key, ev in meta.evidence.items():
        node = evidence(ev)
        g.add((release, PG.evidence, node))
        del key
    issuer = _add_issuer(g, meta, release, evidence)
    for contact in meta.contacts:
        person = iris.person_iri(contact.name)
        g.add((release, PG.contact, person))
        g.add((person, RDF.type, PG.Person))
        g.add((person, RDFS.label, Literal(contact.name)))
        if contact.phone:
            g.add((person, SCHEMA.telephone, Literal(contact.phone)))
        if contact.title:
            g.add((person, SCHEMA.jobTitle, Literal(contact.title)))
        if issuer is not None and contact.organization:
            g.add((person, PG.affiliation, issuer))
        g.add((person, PG.evidence, evidence(contact.evidence)))
    return issuer


def _add_issuer(g: Graph, meta: ReleaseMetadata, release: URIRef, evidence: EvidenceRecorder) -> URIRef | None:
    if not meta.issuer_name:
        return None
    issuer = iris.org_iri(meta.issuer_name)
    g.add((release, PG.issuer, issuer))
    g.add((issuer, RDF.type, PG.Company))
    g.add((issuer, RDFS.label, Literal(meta.issuer_name)))
    g.add((issuer, PG.legalName, Literal(meta.issuer_name)))
    for alias in meta.issuer_short_names:
        g.add((issuer, SKOS.altLabel, Literal(alias)))
    if meta.ticker:
        g.add((issuer, PG.ticker, Literal(meta.ticker)))
    if meta.exchange:
        g.add((issuer, PG.exchange, Literal(meta.exchange)))
    if "issuer" in meta.evidence:
        g.add((issuer, PG.evidence, evidence(meta.evidence["issuer"])))
    return issuer


def _add_period(g: Graph, period: Period) -> URIRef:
    node = iris.period_iri(period.key)
    if period.is_instant:
        g.add((node, RDF.type, PG.Instant))
        g.add((node, PG.date, Literal(period.end, datatype=XSD.date)))
    else:
        g.add((node, RDF.type, PG.Duration))
        g.add((node, PG.startDate, Literal(period.start, datatype=XSD.date)))
        g.add((node, PG.endDate, Literal(period.end, datatype=XSD.date)))
        if period.months:
            g.add((node, PG.months, Literal(period.months)))
    g.add((node, RDFS.label, Literal(period.key)))
    return node


def concept_node(fact: FinancialFact) -> URIRef:
    return GAAP[fact.concept] if fact.concept_is_gaap else iris.concept_iri(fact.concept)


def _decimal(value: Decimal) -> Literal:
    return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)


def _add_fact(
    g: Graph, fact: FinancialFact, release_id: str, release: URIRef, issuer: URIRef | None, evidence: EvidenceRecorder
) -> None:
    node = iris.fact_iri(release_id, fact.key)
    g.add((node, RDF.type, PG.TableFact if fact.source == "table" else PG.TextFact))
    concept = concept_node(fact)
    g.add((node, PG.concept, concept))
    if not fact.concept_is_gaap:
        g.add((concept, RDF.type, PG.Concept))
        g.add((concept, RDFS.label, Literal(fact.label)))
    g.add((node, PG.value, _decimal(fact.value)))
    g.add((node, PG.unit, _UNITS[fact.unit]))
    g.add((node, PG.period, _add_period(g, fact.period)))
    g.add((node, PG.printedLabel, Literal(fact.label)))
    g.add((node, PG.precision, _decimal(fact.precision)))
    g.add((node, PG.statedIn, release))
    if issuer is not None:
        g.add((node, PG.reportedBy, issuer))
    if fact.is_total:
        g.add((node, PG.isTotal, Literal(True)))
    for key in fact.addends:
        g.add((node, PG.addend, iris.fact_iri(release_id, key)))
    for key in fact.subtrahends:
        g.add((node, PG.subtrahend, iris.fact_iri(release_id, key)))
    if fact.rounds:
        g.add((node, PG.rounds, iris.fact_iri(release_id, fact.rounds)))
    for prop, value in (
        (PG.tableIndex, fact.table_index),
        (PG.rowIndex, fact.row_index),
        (PG.columnIndex, fact.column_index),
    ):
        if value is not None:
            g.add((node, prop, Literal(value)))
    g.add((node, PG.evidence, evidence(fact.evidence)))
