"""RDF for narrative entities and events (docs/MODEL.md, "Entities and events").

Entities become typed resources with labels, aliases and (for lexicon agencies only) owl:sameAs to
Wikidata; events become n-ary pg:Event resources with their participants and evidence, plus the
shortcut edges (pg:hasProduct, pg:regulatedBy, pg:fundedBy, ...) that keep browsing simple. What
each event family maps to is declared with the family (:mod:`pressgraph.extractors.families`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS, SKOS, XSD

from pressgraph.extractors.families import EventFamily, family
from pressgraph.model import Entity, Event, Evidence
from pressgraph.rdf.iris import event_iri, org_iri, person_iri, place_iri, product_iri, release_iri
from pressgraph.rdf.vocab import PG, SCHEMA

# Family-declared terms are looked up in the open namespace: a family registered at run time (a
# user's own) may name terms the shipped ontology does not define.
_TERMS = Namespace(str(PG._NS))

_ORG_CLASS = {
    "company": PG.Company,
    "university": PG.University,
    "hospital": PG.Hospital,
    "foundation": PG.Foundation,
    "organization": PG.Organization,
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
    """An event as its family declares it: class, role and value properties, shortcut edges."""
    fam = family(event.kind)
    if fam is None:
        return
    node = event_iri(release_id, event.key)
    graph.add((node, RDF.type, _TERMS[fam.ontology_class]))
    graph.add((node, PG.statedIn, release))
    graph.add((node, PG.evidence, add_evidence(event.evidence)))
    for role, keys in event.roles.items():
        prop = fam.roles.get(role)
        for key in keys:
            if prop and key in iris:
                graph.add((node, _TERMS[prop], iris[key]))
    v = event.values
    for name, prop in fam.values.items():
        if v.get(name):
            graph.add((node, _TERMS[prop], Literal(v[name])))
    for name, prop in fam.decimals.items():
        if v.get(name) and (amount := _decimal(v[name])) is not None:
            graph.add((node, _TERMS[prop], amount))
    for name, prop in fam.booleans.items():
        if v.get(name) in ("true", "false"):
            graph.add((node, _TERMS[prop], Literal(v[name] == "true")))
    _shortcuts(graph, fam, event, node, iris, issuer_iri)


def _shortcuts(
    graph: Graph, fam: EventFamily, event: Event, node: URIRef, iris: dict[str, URIRef], issuer_iri: URIRef
) -> None:
    first = {role: iris[keys[0]] for role, keys in event.roles.items() if keys and keys[0] in iris}
    ends = {"issuer": issuer_iri, "event": node, **first}
    for cut in fam.shortcuts:
        if cut.subject in ends and cut.obj in ends and (cut.when is None or cut.when(event)):
            graph.add((ends[cut.subject], _TERMS[cut.prop], ends[cut.obj]))
