"""RDF for narrative entities and events (docs/MODEL.md, "Entities and events").

Entities become typed resources with labels, aliases and (for lexicon agencies only) owl:sameAs to
Wikidata; events become n-ary pg:Event resources with their participants and evidence, plus the
shortcut edges (pg:hasProduct, pg:regulatedBy, pg:fundedBy, ...) that keep browsing simple.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS, SKOS, XSD

from pressgraph.model import Entity, Event, Evidence
from pressgraph.rdf.iris import event_iri, org_iri, person_iri, place_iri, product_iri, release_iri
from pressgraph.rdf.vocab import PG, SCHEMA

_ORG_CLASS = {
    "company": PG.Company,
    "university": PG.University,
    "hospital": PG.Hospital,
    "foundation": PG.Foundation,
    "organization": PG.Organization,
}
_EVENT_CLASS = {
    "regulatory-action": PG.RegulatoryAction,
    "grant": PG.Grant,
    "clinical-trial": PG.ClinicalTrial,
    "partnership": PG.Partnership,
    "financing": PG.Financing,
}


def entity_iri(entity: Entity, issuer_name: str) -> URIRef:
    """The one IRI for an entity, minted by :mod:`pressgraph.rdf.iris`."""
    if entity.kind == "agency":
        return org_iri(entity.attributes.get("lexiconId", entity.name))
    if entity.kind == "product":
        return product_iri(issuer_name, entity.name)
    if entity.kind == "person":
        return person_iri(entity.name)
    if entity.kind == "place":
        return place_iri(entity.name)
    if entity.kind == "business-unit":
        return org_iri(f"{issuer_name} {entity.name}")
    return org_iri(entity.name)


def _entity_class(entity: Entity) -> URIRef:
    if entity.kind == "agency":
        return PG.RegulatoryAgency if entity.attributes.get("agencyKind") == "regulatory" else PG.GovernmentAgency
    return {"product": PG.Product, "person": PG.Person, "place": PG.Place, "business-unit": PG.BusinessUnit}.get(
        entity.kind
    ) or _ORG_CLASS.get(entity.kind, PG.Organization)


def _decimal(value: str) -> Literal | None:
    try:
        return Literal(Decimal(value), datatype=XSD.decimal)
    except (InvalidOperation, ValueError):
        return None


def _one_method_per_span(add_evidence: Callable[[Evidence], URIRef]) -> Callable[[Evidence], URIRef]:
    """Evidence IRIs are keyed by span: the first method recorded for a span is the one kept."""
    first: dict[tuple[int, int], Evidence] = {}

    def add(ev: Evidence) -> URIRef:
        return add_evidence(first.setdefault((ev.start, ev.end), ev))

    return add


def add_narrative(
    graph: Graph,
    *,
    release_id: str,
    issuer_iri: URIRef,
    entities: Iterable[Entity],
    events: Iterable[Event],
    add_evidence: Callable[[Evidence], URIRef],
) -> None:
    """Add entities and events of one release to ``graph`` (the release's named graph)."""
    entities = tuple(entities)
    add_evidence = _one_method_per_span(add_evidence)
    issuer = next((e for e in entities if e.key == "issuer"), None)
    issuer_name = issuer.name if issuer else str(issuer_iri).rstrip("/").rsplit("/", 1)[-1]
    iris = {e.key: (issuer_iri if e.key == "issuer" else entity_iri(e, issuer_name)) for e in entities}
    for entity in entities:
        if entity.key != "issuer":
            _add_entity(graph, entity, iris, issuer_iri, add_evidence)
    release = release_iri(release_id)
    for event in events:
        _add_event(graph, event, iris, issuer_iri, release, release_id, add_evidence)


def _add_entity(
    graph: Graph,
    entity: Entity,
    iris: dict[str, URIRef],
    issuer_iri: URIRef,
    add_evidence: Callable[[Evidence], URIRef],
) -> None:
    node = iris[entity.key]
    graph.add((node, RDF.type, _entity_class(entity)))
    graph.add((node, RDFS.label, Literal(entity.name)))
    for alias in entity.aliases:
        graph.add((node, SKOS.altLabel, Literal(alias)))
    for same in entity.same_as:
        graph.add((node, OWL.sameAs, URIRef(same)))
    attrs = entity.attributes
    if entity.kind == "product":
        graph.add((node, PG.productKind, Literal(attrs.get("productKind", "other"))))
        graph.add((node, PG.developedBy, issuer_iri))
        graph.add((issuer_iri, PG.hasProduct, node))
    if entity.kind == "business-unit":
        graph.add((node, ORG.unitOf, issuer_iri))
    if entity.kind == "person":
        if attrs.get("jobTitle"):
            graph.add((node, SCHEMA.jobTitle, Literal(attrs["jobTitle"])))
        if attrs.get("telephone"):
            graph.add((node, SCHEMA.telephone, Literal(attrs["telephone"])))
        if attrs.get("affiliation") in iris:
            graph.add((node, PG.affiliation, iris[attrs["affiliation"]]))
    if entity.mentions:
        graph.add((node, PG.evidence, add_evidence(entity.mentions[0].evidence)))


def _add_event(
    graph: Graph,
    event: Event,
    iris: dict[str, URIRef],
    issuer_iri: URIRef,
    release: URIRef,
    release_id: str,
    add_evidence: Callable[[Evidence], URIRef],
) -> None:
    node = event_iri(release_id, event.key)
    graph.add((node, RDF.type, _EVENT_CLASS[event.kind]))
    graph.add((node, PG.statedIn, release))
    graph.add((node, PG.evidence, add_evidence(event.evidence)))
    role_prop = {
        "regulator": PG.regulator,
        "product": PG.product,
        "funder": PG.funder,
        "partner": PG.partner if event.kind == "partnership" else PG.trialPartner,
        "site": PG.site,
        "location": PG.location,
        "counterparty": PG.counterparty,
    }
    for role, keys in event.roles.items():
        for key in keys:
            if key in iris and role in role_prop:
                graph.add((node, role_prop[role], iris[key]))
    v = event.values
    literal_prop = {
        "action": PG.action,
        "what": PG.subject,
        "purpose": PG.purpose,
        "name": PG.trialName,
        "phase": PG.phase,
        "indication": PG.indication,
        "status": PG.status,
        "role": PG.role,
        "kind": PG.financingKind,
        "when": PG.when,
        "terms": PG.terms,
    }
    for name, prop in literal_prop.items():
        if v.get(name):
            graph.add((node, prop, Literal(v[name])))
    if v.get("amount_usd") and (amount := _decimal(v["amount_usd"])) is not None:
        graph.add((node, PG.amount, amount))
    if v.get("shares") and (shares := _decimal(v["shares"])) is not None:
        graph.add((node, PG.shares, shares))
    if event.kind == "financing" and v.get("counterparty"):
        graph.add((node, PG.terms, Literal(f"counterparty: {v['counterparty']}")))
    _shortcuts(graph, event, node, iris, issuer_iri)


def _shortcuts(graph: Graph, event: Event, node: URIRef, iris: dict[str, URIRef], issuer_iri: URIRef) -> None:
    first = {role: iris[keys[0]] for role, keys in event.roles.items() if keys and keys[0] in iris}
    if event.kind == "regulatory-action":
        if event.values.get("by_issuer"):
            graph.add((node, PG.byIssuer, Literal(event.values["by_issuer"] == "true")))
        if event.values.get("by_issuer") == "true":
            graph.add((node, PG.concerns, issuer_iri))
        if "product" in first:
            graph.add((first["product"], PG.regulatedBy, first["regulator"]))
    elif event.kind == "grant":
        graph.add((node, PG.recipient, issuer_iri))
        graph.add((issuer_iri, PG.fundedBy, first["funder"]))
    elif event.kind == "clinical-trial":
        graph.add((node, PG.sponsor, issuer_iri))
        graph.add((issuer_iri, PG.sponsorsTrial, node))
        if "product" in first:
            graph.add((first["product"], PG.testedIn, node))
    elif event.kind == "partnership":
        graph.add((node, PG.company, issuer_iri))
        graph.add((issuer_iri, PG.hasPartner, first["partner"]))
    elif event.kind == "financing":
        graph.add((node, PG.company, issuer_iri))
        graph.add((issuer_iri, PG.hasFinancing, node))
