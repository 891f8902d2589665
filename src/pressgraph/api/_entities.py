"""What the API knows about one entity, gathered with a few SPARQL queries over the store.

Functions here return plain dicts (the JSON view); the HTML pages render the same dicts, so the
browser and the JSON API never disagree.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from typing import Any

from pressgraph import lookup
from pressgraph import paths as paths_search
from pressgraph.api._terms import PREFIXES, term_json
from pressgraph.config import base_iri
from pressgraph.errors import UnknownName
from pressgraph.extractors.families import families
from pressgraph.namespaces import PG_NS
from pressgraph.store.base import GraphStore, NeighbourLookup

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
    if type(value) is str and value[:1] == "<" and value[-1:] == ">" and " " not in value:
        return value[1:-1]  # the store's IRIs, the common case: term_json costs 4 µs a call
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


PAGE_SIZE = 20  # values per list (figures, events, evidence, each incoming link) on one page
_FIGURE_FIELDS = {f"{PG}{k}": k for k in ("value", "concept", "unit", "period", "printedLabel", "statedIn")}
_EVIDENCE_FIELDS = {f"{PG}{k}": k for k in ("inRelease", "startOffset", "endOffset")}


def _grouped(rows: list[tuple[Any, Any]], labels: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for pred, value in rows:
        groups.setdefault(compact(_iri(pred) or str(pred)), []).append(node(value, labels.get(_iri(value) or "")))
    return {k: sorted(groups[k], key=_sort_key) for k in sorted(groups)}


def _sort_key(value: dict[str, Any]) -> tuple[str, str]:
    return (str(value.get("label") or value.get("value") or "").lower(), str(value.get("iri") or ""))


def _page_of(items: list[Any], page: int) -> list[Any]:
    return items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]


def _pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def describe(store: GraphStore, iri: str, page: int = 1) -> dict[str, Any]:
    """Types, labels, relationships both ways, events, evidence and figures of one entity: the
    long lists one page of :data:`PAGE_SIZE` at a time (``page`` from 1), with their totals, and
    the figures also counted per concept and per release, so a hub or a company with thousands
    of figures costs one page, not everything it touches."""
    out_rows = _rows(store, f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }}")
    in_counts, in_rows = _incoming(store, iri, page)
    if not out_rows and not in_counts:
        raise UnknownEntity(f"unknown entity: {entity_id(iri) or iri}")
    by_pred: dict[str, list[Any]] = {}
    for p, o in out_rows:
        by_pred.setdefault(_iri(p) or "", []).append(o)
    shown_out = [
        (f"<{p}>", o)
        for p, os in by_pred.items()
        if p not in (RDF_TYPE, LABEL, ALT)
        for o in _page_of(sorted(os, key=str), page)
    ]
    labels = _labels(store, {i for _, v in shown_out + in_rows if (i := _iri(v))})
    out_counts = {p: len(os) for p, os in by_pred.items() if p not in (RDF_TYPE, LABEL, ALT)}
    names = sorted(str(v) for v in by_pred.get(LABEL, []))
    facts, events_all = _fact_keys(store, iri), event_list(store, iri)
    shown_events = event_details(store, _page_of(events_all, page))
    own_evidence = sorted(_iri(ev) or "" for ev in by_pred.get(f"{PG}evidence", []))  # as _own_evidence
    totals = {"figures": len(facts), "events": len(events_all), "evidence": len(own_evidence)}
    return {
        "iri": iri,
        "id": entity_id(iri),
        "label": names[0] if names else compact(iri),
        "types": sorted(compact(_iri(t) or str(t)) for t in by_pred.get(RDF_TYPE, [])),
        "labels": names,
        "aliases": sorted(str(v) for v in by_pred.get(ALT, [])),
        "outgoing": _grouped(shown_out, labels),
        "outgoing_counts": {compact(p): n for p, n in sorted(out_counts.items())},
        "incoming": _grouped(in_rows, labels),
        "incoming_counts": {compact(p): n for p, n in sorted(in_counts.items())},
        "events": shown_events,
        "evidence": quotes(
            store, [*_page_of(own_evidence, page), *_evidence_of([e["iri"] for e in shown_events], store)]
        ),
        "figures": figure_page(store, iri, page, facts),
        "figure_summary": figure_summary(store, iri, facts),
        "totals": totals,
        "page": {
            "number": page,
            "size": PAGE_SIZE,
            "last": max(_pages(n) for n in [*totals.values(), *in_counts.values(), *out_counts.values()]),
        },
    }


def with_page_links(data: dict[str, Any], asked: str) -> dict[str, Any]:
    """``data["page"]`` with the links to the previous and next pages (None at either end)."""
    here = f"/entities/{data['id'] or asked}"
    number, last = data["page"]["number"], data["page"]["last"]
    data["page"]["prev"] = f"{here}?page={min(number, last + 1) - 1}" if number > 1 else None
    data["page"]["next"] = f"{here}?page={number + 1}" if number < last else None
    return data


def _incoming(store: GraphStore, iri: str, page: int) -> tuple[dict[str, int], list[tuple[Any, Any]]]:
    """How many things link to the entity by each property, and one page of them for each
    (ordered by IRI): one scan of the links, paged here (a sub-select per property cost more)."""
    by_pred: dict[str, list[Any]] = {}
    for p, s in _rows(store, f"SELECT DISTINCT ?p ?s WHERE {{ ?s ?p <{iri}> }}"):
        by_pred.setdefault(p, []).append(s)
    counts = {_iri(p) or "": len(subjects) for p, subjects in by_pred.items()}
    shown = [(p, s) for p, subjects in by_pred.items() for s in _page_of(sorted(subjects, key=str), page)]
    return counts, shown


def event_list(store: GraphStore, iri: str) -> list[dict[str, Any]]:
    """The events (per MODEL.md's event classes) in which the entity takes part, with its roles."""
    classes = ", ".join(f"<{PG}{c}>" for c in event_classes())
    # FILTER, not VALUES, and inside the release graph: the planner then starts from the (few)
    # triples pointing at the entity (4x faster for the FDA at 1M triples)
    rows = _rows(
        store,
        f"SELECT DISTINCT ?ev ?cls ?role WHERE {{ GRAPH ?g {{ ?ev ?role <{iri}> . "
        f"?ev a ?cls }} FILTER(?cls IN ({classes})) }}",
    )
    rows.sort(key=lambda r: tuple(str(v) for v in (r[1], r[0], r[2])))
    found: dict[str, dict[str, Any]] = {}
    for ev, cls, role in rows:
        ev_iri = _iri(ev) or ""
        entry = found.setdefault(ev_iri, {**node(ev), "class": compact(_iri(cls) or ""), "roles": []})
        entry["roles"].append(compact(_iri(role) or ""))
    return list(found.values())


def events(store: GraphStore, iri: str) -> list[dict[str, Any]]:
    """Every event of the entity with its details (the feed's and the tests' view)."""
    return event_details(store, event_list(store, iri))


def event_details(store: GraphStore, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events' properties (labels looked up by IRI) and a readable label for each."""
    if not entries:
        return []
    found = {e["iri"]: e for e in entries}
    values = " ".join(f"<{e}>" for e in found)
    details = _rows(
        store, f"SELECT DISTINCT ?ev ?p ?o WHERE {{ VALUES ?ev {{ {values} }} ?ev ?p ?o FILTER(?p != <{RDF_TYPE}>) }}"
    )
    labels = _labels(store, {i for _, _, o in details if (i := _iri(o))})
    for ev, p, o in details:
        entry = found[_iri(ev) or ""]
        entry.setdefault("details", {}).setdefault(compact(_iri(p) or ""), []).append(
            node(o, labels.get(_iri(o) or ""))
        )
    for entry in found.values():
        entry["details"] = {k: sorted(v, key=_sort_key) for k, v in sorted(entry.get("details", {}).items())}
        kind = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", entry["class"].split(":")[-1]).capitalize()
        named = [v["value"] for v in entry["details"].get("pg:trialName", [])]
        entry["label"] = f"{kind} · {named[0] if named else (entry['id'] or entry['iri']).rsplit('/', 1)[-1]}"
    return entries


def _fields(store: GraphStore, iris: list[str], fields: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The first value (in term order) of each of ``fields`` for each IRI, by one VALUES look-up."""
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    preds = ", ".join(f"<{p}>" for p in fields)
    rows = _rows(
        store, f"SELECT DISTINCT ?x ?p ?o WHERE {{ VALUES ?x {{ {values} }} ?x ?p ?o FILTER(?p IN ({preds})) }}"
    )
    out: dict[str, dict[str, Any]] = {i: {} for i in iris}
    for x, p, o in sorted(rows, key=lambda r: tuple(str(v) for v in r)):
        out[_iri(x) or ""].setdefault(fields[_iri(p) or ""], o)
    return out


def evidence(store: GraphStore, iri: str) -> list[dict[str, Any]]:
    """Every quote backing the entity or its events, each with a link to its release, by
    release and position."""
    return quotes(store, [*_own_evidence(store, iri), *_evidence_of([e["iri"] for e in event_list(store, iri)], store)])


def _own_evidence(store: GraphStore, iri: str) -> list[str]:
    """The entity's own evidence nodes (one per release that names it), by IRI."""
    rows = _rows(store, f"SELECT DISTINCT ?ev WHERE {{ <{iri}> <{PG}evidence> ?ev }}")
    return sorted(_iri(ev) or "" for (ev,) in rows)


def _evidence_of(events: list[str], store: GraphStore) -> list[str]:
    if not events:
        return []
    values = " ".join(f"<{e}>" for e in events)
    rows = _rows(store, f"SELECT DISTINCT ?ev WHERE {{ VALUES ?x {{ {values} }} ?x <{PG}evidence> ?ev }}")
    return sorted(_iri(ev) or "" for (ev,) in rows)


def quotes(store: GraphStore, nodes: list[str]) -> list[dict[str, Any]]:
    """The quote, release and offsets of evidence nodes, by release and position."""
    fields = {**_EVIDENCE_FIELDS, f"{PG}quote": "quote"}
    found = []
    for ev, at in _fields(store, sorted(set(nodes)), fields).items():
        if "quote" not in at:
            continue
        rel, start, end = at.get("inRelease"), at.get("startOffset"), at.get("endOffset")
        item = {"evidence": node(f"<{ev}>"), "quote": str(at["quote"]), "release": node(rel) if rel else None}
        found.append({**item, "start": start, "end": end})
    return sorted(found, key=_evidence_order)


def _evidence_order(item: dict[str, Any]) -> tuple[str, int, str]:
    release, start = item["release"], item["start"]
    return (release["iri"] if release else "", start if isinstance(start, int) else -1, item["evidence"]["iri"])


def _fact_keys(store: GraphStore, iri: str) -> dict[str, dict[str, str]]:
    """Each financial fact the entity reports (pg:reportedBy, with a value): its concept, release
    and period IRIs (the least of each), by one look-up: what the counts and the order need."""
    keys = {f"{PG}concept": "concept", f"{PG}statedIn": "release", f"{PG}period": "period"}
    preds = ", ".join(f"<{p}>" for p in keys)
    rows = _rows(
        store,
        f"SELECT DISTINCT ?f ?p ?o WHERE {{ ?f <{PG}reportedBy> <{iri}> ; <{PG}value> ?v ; ?p ?o "
        f"FILTER(?p IN ({preds})) }}",
    )
    facts: dict[str, dict[str, str]] = {
        _iri(f) or "": {}
        for (f,) in _rows(store, f"SELECT DISTINCT ?f WHERE {{ ?f <{PG}reportedBy> <{iri}> ; <{PG}value> ?v }}")
    }
    for f, p, o in rows:
        at, key = facts[_iri(f) or ""], keys[_iri(p) or ""]
        at[key] = min(at.get(key, _iri(o) or ""), _iri(o) or "")
    return facts


def figure_summary(store: GraphStore, iri: str, facts: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    """How many financial facts the entity reports: in all, per concept, per release (most first)."""
    facts = _fact_keys(store, iri) if facts is None else facts
    counted: dict[str, list[tuple[str, int]]] = {}
    for key in ("concept", "release"):
        tally = Counter(at[key] for at in facts.values() if key in at)
        counted[key] = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    labels = _labels(store, {x for pairs in counted.values() for x, _ in pairs})
    return {
        "total": len(facts),
        **{
            f"by_{key}": [{key: node(f"<{x}>", labels.get(x)), "count": n} for x, n in pairs]
            for key, pairs in counted.items()
        },
    }


def figure_page(
    store: GraphStore, iri: str, page: int = 1, facts: dict[str, dict[str, str]] | None = None
) -> list[dict[str, Any]]:
    """One page of the financial facts the entity reports, ordered by period and fact."""
    facts = _fact_keys(store, iri) if facts is None else facts
    chosen = _page_of(sorted(facts, key=lambda f: (facts[f].get("period", ""), f)), page)
    fields = _fields(store, chosen, _FIGURE_FIELDS)
    labels = _labels(store, {i for f in fields.values() if (i := _iri(f.get("concept")))})
    return [_figure(f"<{f}>", fields[f], labels) for f in chosen]


def figures(store: GraphStore, iri: str) -> list[dict[str, Any]]:
    """The first page of the entity's financial facts."""
    return figure_page(store, iri)


def _figure(fact: str, at: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    concept, unit, period, printed, release = (
        at.get(k) for k in ("concept", "unit", "period", "printedLabel", "statedIn")
    )
    return {
        "fact": node(fact),
        "concept": node(concept, labels.get(_iri(concept) or "")) if concept else None,
        "value": str(at.get("value")),
        "unit": compact(_iri(unit) or "") if unit else "",
        "period": node(period) if period else None,
        "printed": str(printed) if printed else "",
        "release": node(release) if release else None,
    }


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
    """Shortest-first connections between two entities (up to ``max_hops``): on an embedded store
    the rows of ``related`` (:mod:`pressgraph.paths`), elsewhere a breadth-first walk."""
    for iri in (source, target):
        if not exists(store, iri):
            raise UnknownEntity(f"unknown entity: {entity_id(iri) or iri}")
    if isinstance(store, NeighbourLookup) and max_hops == paths_search.MAX_HOPS:
        found = [_steps(row, target) for row in paths_search.related(store, source, target).rows[:max_paths]]
    else:
        found = _walk(store, source, target, max_hops, max_paths)
    labels = _labels(store, {n for path in found for _, n, _ in path})
    return [
        [{"predicate": compact(p), "direction": d, "to": node(f"<{n}>", labels.get(n))} for p, n, d in path]
        for path in found
    ]


def _steps(row: tuple[Any, ...], target: str) -> list[tuple[str, str, str]]:
    """A ``related`` row as steps ``(predicate, node reached, "out" | "in")``."""
    hops = int(row[0])
    nodes = [_iri(row[3 * k + 3]) or "" for k in range(hops - 1)] + [target]
    return [(_iri(row[3 * k + 1]) or "", nodes[k], "out" if row[3 * k + 2] == "->" else "in") for k in range(hops)]


def _walk(
    store: GraphStore, source: str, target: str, max_hops: int, max_paths: int
) -> list[list[tuple[str, str, str]]]:
    """Breadth-first over SPARQL neighbour queries (stores without neighbour look-ups)."""
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
    return found


def _labels(store: GraphStore, iris: set[str]) -> dict[str, str]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in sorted(iris))
    rows = _rows(
        store, f"SELECT ?e (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?e {{ {values} }} ?e <{LABEL}> ?l }} GROUP BY ?e"
    )
    return {(_iri(e) or ""): str(label) for e, label in rows}
