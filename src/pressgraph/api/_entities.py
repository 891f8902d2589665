"""What the API knows about one entity, gathered with a few SPARQL queries over the store.

Functions here return plain dicts (the JSON view); the HTML pages render the same dicts, so the
browser and the JSON API never disagree.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from pressgraph import lookup
from pressgraph.api._terms import PREFIXES, term_json
from pressgraph.config import base_iri
from pressgraph.errors import UnknownName
from pressgraph.extractors.families import families
from pressgraph.namespaces import PG_NS
from pressgraph.store.base import GraphStore

PG = PG_NS
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


def event_classes() -> tuple[str, ...]:
    """The event classes the entity pages list: every registered family's (one place)."""
    return tuple(f.ontology_class for f in families())


_ALL_PREFIXES = {
    **PREFIXES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "org": "http://www.w3.org/ns/org#",
}


class UnknownEntity(UnknownName):
    """No triple mentions the entity → 404."""


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal (so user input never breaks out of the query)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def entity_iri(entity_id: str) -> str:
    """The IRI of an entity id (the path after the instance base)."""
    clean = entity_id.strip("/")
    if not clean or any(c in clean for c in '<>"{}|\\^` \n\t'):
        raise UnknownEntity(f"not an entity id: {entity_id!r}")
    return base_iri() + clean


def resolve(store: GraphStore, text: str) -> str:
    """The IRI of the one entity a page path or a ``from``/``to`` value names.

    An entity id (``org/fda``) names the entity under the instance base when the store holds it;
    anything else is looked up by :mod:`pressgraph.lookup`, the rule of the named queries: a
    company by its legal name with or without suffix, a short name or its ticker (``ASTM``,
    ``NASDAQ:ASTM``), other entities by a label equal up to case. Nothing → UnknownEntity (404);
    several → AmbiguousName (409, with the candidates).
    """
    try:
        iri = entity_iri(text)
    except UnknownEntity:  # not id-shaped: perhaps a name
        iri = ""
    if iri and exists(store, iri):
        return iri
    matches = lookup.find(store, text, lookup.ENTITY)
    if len(matches) == 1:
        return matches[0].iri
    if not matches:
        raise UnknownEntity(f"unknown entity: {text}")
    raise lookup.ambiguous(f"entity {text!r}", matches)


def entity_id(iri: str) -> str | None:
    """The id of an IRI under the instance base (None for outside IRIs)."""
    base = base_iri()
    return iri[len(base) :] if iri.startswith(base) else None


def compact(iri: str) -> str:
    """``pg:hasPartner`` for a known namespace, else the IRI itself."""
    for prefix, ns in _ALL_PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    local = entity_id(iri)
    return f"id:{local}" if local is not None else iri


def _iri(value: Any) -> str | None:
    term = term_json(value)
    return term["value"] if term and term["type"] == "uri" else None


def node(value: Any, label: Any = None) -> dict[str, Any]:
    """A value for display: IRIs carry their id (a link) and label, literals their text."""
    term = term_json(value) or {"type": "literal", "value": ""}
    if term["type"] == "uri":
        iri = term["value"]
        return {
            "kind": "iri",
            "iri": iri,
            "id": entity_id(iri),
            "label": str(label) if label is not None else compact(iri),
        }
    return {"kind": "literal", "value": term["value"], "datatype": term.get("datatype")}


def _rows(store: GraphStore, sparql: str) -> list[tuple[Any, ...]]:
    return list(store.query(sparql).rows)


def search(store: GraphStore, type_: str | None, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Entities whose label or alias contains ``q`` (case-insensitive), optionally of a type."""
    type_iri = None
    if type_:
        type_iri = type_ if ":" in type_ and "//" in type_ else PG + type_.split(":")[-1]
    filters = [f"?e a <{type_iri}> ." if type_iri else ""]
    if q:
        filters.append(f"FILTER(CONTAINS(LCASE(STR(?name)), LCASE({sparql_string(q)})))")
    where = f"?e <{LABEL}> ?label . {{ ?e <{LABEL}> ?name }} UNION {{ ?e <{ALT}> ?name }} " + " ".join(filters)
    total = _rows(store, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {where} }}")[0][0]
    rows = _rows(
        store,
        f"SELECT ?e (SAMPLE(?label) AS ?l) WHERE {{ {where} }} GROUP BY ?e "
        f"ORDER BY LCASE(STR(?l)) ?e LIMIT {int(limit)} OFFSET {int(offset)}",
    )
    items = [node(e, label) for e, label in rows]
    types = _types_of(store, [i["iri"] for i in items])
    for item in items:
        item["types"] = types.get(item["iri"], [])
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


def _types_of(store: GraphStore, iris: list[str]) -> dict[str, list[str]]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    out: dict[str, list[str]] = {}
    for e, t in _rows(store, f"SELECT DISTINCT ?e ?t WHERE {{ VALUES ?e {{ {values} }} ?e a ?t }}"):
        out.setdefault(_iri(e) or "", []).append(compact(_iri(t) or str(t)))
    return {k: sorted(v) for k, v in out.items()}


def _grouped(rows: list[tuple[Any, ...]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for pred, value, label in rows:
        groups.setdefault(compact(_iri(pred) or str(pred)), []).append(node(value, label))
    return {k: sorted(groups[k], key=_sort_key) for k in sorted(groups)}


def _sort_key(value: dict[str, Any]) -> tuple[str, str]:
    return (str(value.get("label") or value.get("value") or "").lower(), str(value.get("iri") or ""))


def describe(store: GraphStore, iri: str) -> dict[str, Any]:
    """Types, labels, relationships both ways, events, evidence and figures of one entity."""
    out_rows = _rows(
        store,
        f"SELECT ?p ?o (SAMPLE(?l) AS ?ol) WHERE {{ <{iri}> ?p ?o OPTIONAL {{ ?o <{LABEL}> ?l }} }} GROUP BY ?p ?o",
    )
    in_rows = _rows(
        store,
        f"SELECT ?p ?s (SAMPLE(?l) AS ?sl) WHERE {{ ?s ?p <{iri}> "
        f"OPTIONAL {{ ?s <{LABEL}> ?l }} }} GROUP BY ?p ?s LIMIT 2000",
    )
    if not out_rows and not in_rows:
        raise UnknownEntity(f"unknown entity: {entity_id(iri) or iri}")
    outgoing = _grouped([r for r in out_rows if _iri(r[0]) not in (RDF_TYPE, LABEL, ALT)])
    by_pred: dict[str, list[Any]] = {}
    for p, o, _ in out_rows:
        by_pred.setdefault(_iri(p) or "", []).append(o)
    labels = sorted(str(v) for v in by_pred.get(LABEL, []))
    return {
        "iri": iri,
        "id": entity_id(iri),
        "label": labels[0] if labels else compact(iri),
        "types": sorted(compact(_iri(t) or str(t)) for t in by_pred.get(RDF_TYPE, [])),
        "labels": labels,
        "aliases": sorted(str(v) for v in by_pred.get(ALT, [])),
        "outgoing": outgoing,
        "incoming": _grouped(in_rows),
        "events": events(store, iri),
        "evidence": evidence(store, iri),
        "figures": figures(store, iri),
    }


def events(store: GraphStore, iri: str) -> list[dict[str, Any]]:
    """The events (per MODEL.md's event classes) in which the entity takes part, with details."""
    classes = ", ".join(f"<{PG}{c}>" for c in event_classes())
    # FILTER, not VALUES: the planner then starts from the (few) triples pointing at the entity
    rows = _rows(
        store,
        f"SELECT DISTINCT ?ev ?cls ?role WHERE {{ ?ev ?role <{iri}> . "
        f"?ev a ?cls . FILTER(?cls IN ({classes})) }} ORDER BY ?cls ?ev",
    )
    found: dict[str, dict[str, Any]] = {}
    for ev, cls, role in rows:
        ev_iri = _iri(ev) or ""
        entry = found.setdefault(ev_iri, {**node(ev), "class": compact(_iri(cls) or ""), "roles": []})
        entry["roles"].append(compact(_iri(role) or ""))
    if not found:
        return []
    values = " ".join(f"<{e}>" for e in found)
    details = _rows(
        store,
        f"SELECT ?ev ?p ?o (SAMPLE(?l) AS ?ol) WHERE {{ VALUES ?ev "
        f"{{ {values} }} ?ev ?p ?o FILTER(?p != <{RDF_TYPE}>) "
        f"OPTIONAL {{ ?o <{LABEL}> ?l }} }} GROUP BY ?ev ?p ?o",
    )
    for ev, p, o, ol in details:
        entry = found[_iri(ev) or ""]
        entry.setdefault("details", {}).setdefault(compact(_iri(p) or ""), []).append(node(o, ol))
    for entry in found.values():
        entry["details"] = dict(sorted(entry.get("details", {}).items()))
        kind = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", entry["class"].split(":")[-1]).capitalize()
        named = [v["value"] for v in entry["details"].get("pg:trialName", [])]
        entry["label"] = f"{kind} · {named[0] if named else (entry['id'] or entry['iri']).rsplit('/', 1)[-1]}"
    return list(found.values())


def evidence(store: GraphStore, iri: str) -> list[dict[str, Any]]:
    """Quotes backing the entity or its events, each with a link to its release."""
    rows = _rows(
        store,
        f"SELECT DISTINCT ?ev ?quote ?rel ?start ?end WHERE {{ "
        f"{{ <{iri}> <{PG}evidence> ?ev }} UNION "
        f"{{ ?x ?role <{iri}> . ?x a <{PG}Event> . ?x <{PG}evidence> ?ev }} "
        f"?ev <{PG}quote> ?quote . OPTIONAL {{ ?ev <{PG}inRelease> ?rel }} "
        f"OPTIONAL {{ ?ev <{PG}startOffset> ?start }} "
        f"OPTIONAL {{ ?ev <{PG}endOffset> ?end }} }} ORDER BY ?rel ?start "
        f"LIMIT 200",
    )
    return [
        {"evidence": node(ev), "quote": str(quote), "release": node(rel) if rel else None, "start": start, "end": end}
        for ev, quote, rel, start, end in rows
    ]


def figures(store: GraphStore, iri: str) -> list[dict[str, Any]]:
    """Financial facts the entity reports (pg:reportedBy), for the figures table."""
    rows = _rows(
        store,
        f"SELECT ?f ?concept (SAMPLE(?cl) AS ?clabel) ?value ?unit ?period "
        f"(SAMPLE(?pl) AS ?printed) ?rel WHERE {{ ?f <{PG}reportedBy> <{iri}> ; "
        f"<{PG}value> ?value . OPTIONAL {{ ?f <{PG}concept> ?concept "
        f"OPTIONAL {{ ?concept <{LABEL}> ?cl }} }} "
        f"OPTIONAL {{ ?f <{PG}unit> ?unit }} OPTIONAL {{ ?f <{PG}period> ?period }}"
        f" OPTIONAL {{ ?f <{PG}printedLabel> ?pl }} "
        f"OPTIONAL {{ ?f <{PG}statedIn> ?rel }} }} "
        f"GROUP BY ?f ?concept ?value ?unit ?period ?rel ORDER BY ?period ?f "
        f"LIMIT 500",
    )
    return [
        {
            "fact": node(f),
            "concept": node(c, cl) if c else None,
            "value": str(v),
            "unit": compact(_iri(u) or "") if u else "",
            "period": node(p) if p else None,
            "printed": str(pl) if pl else "",
            "release": node(r) if r else None,
        }
        for f, c, cl, v, u, p, pl, r in rows
    ]


def neighbours(store: GraphStore, iri: str, limit: int = 200) -> list[tuple[str, str, str]]:
    """(predicate, neighbour IRI, direction) for IRI-valued edges, both directions."""
    rows = _rows(
        store,
        f'SELECT ?p ?n ?dir WHERE {{ {{ <{iri}> ?p ?n BIND("out" AS ?dir) }} '
        f'UNION {{ ?n ?p <{iri}> BIND("in" AS ?dir) }} FILTER(isIRI(?n)) '
        f"FILTER(?p != <{RDF_TYPE}>) }} LIMIT {int(limit)}",
    )
    out = []
    for p, n, d in rows:
        n_iri = _iri(n)
        if n_iri and entity_id(n_iri) is not None:
            out.append((_iri(p) or "", n_iri, str(d)))
    return out


def exists(store: GraphStore, iri: str) -> bool:
    """Whether any triple mentions ``iri``."""
    return bool(store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}").boolean)


def paths(
    store: GraphStore, source: str, target: str, max_hops: int = 3, max_paths: int = 20
) -> list[list[dict[str, Any]]]:
    """Shortest-first connections between two entities (breadth-first, up to ``max_hops``)."""
    for iri in (source, target):
        if not exists(store, iri):
            raise UnknownEntity(f"unknown entity: {entity_id(iri) or iri}")
    found: list[list[tuple[str, str, str]]] = []
    queue: deque[tuple[str, list[tuple[str, str, str]]]] = deque([(source, [])])
    expanded: dict[str, list[tuple[str, str, str]]] = {}
    while queue and len(found) < max_paths:
        current, path = queue.popleft()
        if len(path) >= max_hops:
            continue
        if current not in expanded:
            expanded[current] = neighbours(store, current)
        on_path = {source, *(step[1] for step in path)}
        for pred, nxt, direction in expanded[current]:
            if nxt in on_path:
                continue
            step = [*path, (pred, nxt, direction)]
            if nxt == target:
                found.append(step)
            elif len(step) < max_hops and len(expanded) < 400:
                queue.append((nxt, step))
    labels = _labels(store, {n for path in found for _, n, _ in path})
    return [
        [{"predicate": compact(p), "direction": d, "to": node(f"<{n}>", labels.get(n))} for p, n, d in path]
        for path in found
    ]


def _labels(store: GraphStore, iris: set[str]) -> dict[str, str]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in sorted(iris))
    rows = _rows(
        store, f"SELECT ?e (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?e {{ {values} }} ?e <{LABEL}> ?l }} GROUP BY ?e"
    )
    return {(_iri(e) or ""): str(label) for e, label in rows}
