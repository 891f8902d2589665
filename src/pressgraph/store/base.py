"""The one store interface: embedded (pyoxigraph on disk) and remote (SPARQL 1.1) back ends.

A store holds one named graph per release. Everything above this layer (queries, API, CLI)
talks to a :class:`GraphStore` and never to an engine directly.

Bookkeeping lives in the named graph ``id:store/catalog``: one node per release graph (the graph
IRI itself) with ``pg:sha256`` (digest of the graph's content), ``pg:release``, ``pg:sourceFile``
and ``pg:tripleCount``; a release validated at ingest also has ``pg:conforms``,
``pg:violationCount`` and one ``pg:violationMessage`` per violation, written in the same update
as its graph, so the report never describes other triples than the stored ones. The digest is
taken over the sorted N-Triples lines, so re-ingesting an unchanged release is a no-op while a
changed extractor or file replaces the graph.

The store's own graphs live under ``id:store/`` and release graphs under ``id:graph/``, so no
release id (a file named ``catalog.txt``) can take a bookkeeping graph's name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol, runtime_checkable

import pyoxigraph as ox

from pressgraph.config import base_iri
from pressgraph.errors import StoreError
from pressgraph.namespaces import PG_NS

XSD_NS = "http://www.w3.org/2001/XMLSchema#"


def catalog_graph_iri() -> str:
    """The bookkeeping graph (under the deployment's IRI base)."""
    return base_iri() + "store/catalog"


def ontology_graph_iri() -> str:
    """The ontology's graph: under ``store/`` too, out of reach of release ids."""
    return base_iri() + "store/ontology"


def legacy_graph_iris() -> tuple[str, str]:
    """Where stores written before issue 11 kept the catalog and the ontology (``graph/...``)."""
    return base_iri() + "graph/catalog", base_iri() + "graph/ontology"


def protected_graph_iris() -> frozenset[str]:
    """The store's own graphs, current and pre-issue-11: no client write may touch them."""
    return frozenset({catalog_graph_iri(), ontology_graph_iri(), *legacy_graph_iris()})


def check_client_writable(graph_iri: str) -> None:
    """Refuse a Graph Store Protocol write (PUT, POST, DELETE) to a bookkeeping graph."""
    if graph_iri in protected_graph_iris():
        from pressgraph.errors import ProtectedGraph

        raise ProtectedGraph(f"{graph_iri} is one of the store's own graphs; it cannot be written or removed")


def check_writable(graph_iri: str) -> None:
    """Refuse to replace the catalog graph through the release-writing path."""
    if graph_iri == catalog_graph_iri():
        raise StoreError(f"{graph_iri} is the store's catalog graph; a release cannot be written there")


@dataclass(frozen=True)
class ReleaseRecord:
    """A release as the store knows it: its IRIs, content hash and size."""

    release_iri: str
    graph_iri: str
    source: str
    sha256: str
    triples: int
    conforms: bool | None = None  # the validation at ingest; None when it was skipped
    violation_count: int | None = None
    violations: tuple[str, ...] = ()  # the messages, written to the catalog (read back on demand)


@dataclass(frozen=True)
class QueryResult:
    """SELECT/ASK answer: ``variables`` and ``rows`` of plain Python values (or RDF terms as
    N-Triples strings for IRIs); ``boolean`` for ASK; ``graph`` (N-Triples) for CONSTRUCT."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    boolean: bool | None = None
    graph_ntriples: str | None = None
    warnings: tuple[str, ...] = ()


class GraphStore(Protocol):
    def replace_release(self, graph_iri: str, nquads: str, record: ReleaseRecord) -> bool:
        """Atomically replace the release's named graph; return False if unchanged (same sha).

        ``nquads`` may be N-Quads or N-Triples: graph labels are ignored, every triple goes into
        ``graph_iri``.
        """

    def remove_release(self, graph_iri: str) -> None:
        """Drop the graph and its catalog entry in one update (one transaction where the engine
        has them), so a failure never leaves an entry without its graph or the reverse."""

    def write_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace one graph with these triples (Graph Store Protocol PUT). A catalogued release
        keeps its entry, with the new digest and triple count; the store's own graphs are refused."""

    def has_graph(self, graph_iri: str) -> bool:
        """Whether the store holds at least one triple in this named graph."""

    def releases(self) -> list[ReleaseRecord]: ...

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult: ...

    def export(self, fmt: str) -> bytes: ...

    def graph_ntriples(self, graph_iri: str) -> str:
        """The triples of one named graph as N-Triples (used by ``pressgraph load``)."""

    def close(self) -> None: ...


@runtime_checkable
class NeighbourLookup(Protocol):
    """A store that answers "what links to this IRI" without SPARQL (the embedded one)."""

    def neighbours(self, iris: Collection[str], skip: frozenset[str]) -> dict[str, set[tuple[str, str, str]]]:
        """For each of ``iris``, ``(predicate IRI, neighbour IRI, "->" or "<-")`` for every link
        to another IRI in the release graphs, the predicates in ``skip`` left out."""


def content_digest(ntriples_lines: list[str]) -> str:
    """sha256 of the sorted, de-duplicated N-Triples lines: stable across serialisation order."""
    h = hashlib.sha256()
    for line in sorted(set(ntriples_lines)):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def literal_to_python(lexical: str, datatype: str | None, language: str | None = None) -> Any:
    """Turn a literal into int/Decimal/float/bool/date/str so results compare across engines."""
    if language or not datatype:
        return lexical
    local = datatype[len(XSD_NS) :] if datatype.startswith(XSD_NS) else None
    try:
        if local in {
            "integer",
            "int",
            "long",
            "short",
            "nonNegativeInteger",
            "positiveInteger",
            "negativeInteger",
            "nonPositiveInteger",
            "unsignedInt",
            "unsignedLong",
        }:
            return int(lexical)
        if local == "decimal":
            return _normal_decimal(Decimal(lexical))
        if local in {"double", "float"}:
            return float(lexical)
        if local == "boolean":
            return lexical.strip() in {"true", "1"}
        if local == "date":
            return date.fromisoformat(lexical[:10])
    except (ValueError, InvalidOperation):
        return lexical
    return lexical


def _normal_decimal(value: Decimal) -> Decimal:
    """Virtuoso and Oxigraph print decimals differently ("-2838000" vs "-2838000.0")."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def catalog_update(record: ReleaseRecord) -> str:
    """SPARQL Update text that rewrites the catalog entry of one release."""
    g = f"<{record.graph_iri}>"
    cat = f"<{catalog_graph_iri()}>"
    src = _escape(record.source)
    return (
        f"DELETE WHERE {{ GRAPH {cat} {{ {g} ?p ?o }} }} ;\n"
        f'INSERT DATA {{ GRAPH {cat} {{ {g} <{PG_NS}sha256> "{record.sha256}" ; '
        f'<{PG_NS}release> <{record.release_iri}> ; <{PG_NS}sourceFile> "{src}" ; '
        f"<{PG_NS}tripleCount> {int(record.triples)}{_report_triples(record)} . }} }}"
    )


def catalog_nquads(record: ReleaseRecord) -> bytes:
    """The catalog entry of one release as N-Quads: the same triples :func:`catalog_update`
    inserts, for a store that loads a new release and its entry in one write."""
    g, cat, xsd_int = (
        ox.NamedNode(record.graph_iri),
        ox.NamedNode(catalog_graph_iri()),
        ox.NamedNode(XSD_NS + "integer"),
    )
    values: list[tuple[str, ox.NamedNode | ox.Literal]] = [
        ("sha256", ox.Literal(record.sha256)),
        ("release", ox.NamedNode(record.release_iri)),
        ("sourceFile", ox.Literal(record.source)),
        ("tripleCount", ox.Literal(str(int(record.triples)), datatype=xsd_int)),
    ]
    if record.conforms is not None:
        count = record.violation_count if record.violation_count is not None else len(record.violations)
        values.append(
            ("conforms", ox.Literal("true" if record.conforms else "false", datatype=ox.NamedNode(XSD_NS + "boolean")))
        )
        values.append(("violationCount", ox.Literal(str(int(count)), datatype=xsd_int)))
        values += [("violationMessage", ox.Literal(m)) for m in record.violations]
    quads = [ox.Quad(g, ox.NamedNode(PG_NS + name), value, cat) for name, value in values]
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def _report_triples(record: ReleaseRecord) -> str:
    """The validation report as more predicates of the catalog entry (none when not validated)."""
    if record.conforms is None:
        return ""
    count = record.violation_count if record.violation_count is not None else len(record.violations)
    text = f" ; <{PG_NS}conforms> {'true' if record.conforms else 'false'} ; <{PG_NS}violationCount> {int(count)}"
    return text + "".join(f' ; <{PG_NS}violationMessage> "{_escape(m)}"' for m in record.violations)


def catalog_messages_select(graph_iri: str) -> str:
    """The violation messages stored with one release's catalog entry (``?message``)."""
    return (
        f"SELECT ?message WHERE {{ GRAPH <{catalog_graph_iri()}> {{ <{graph_iri}> "
        f"<{PG_NS}violationMessage> ?message }} }} ORDER BY ?message"
    )


def catalog_refresh(graph_iri: str, lines: list[str]) -> str:
    """SPARQL Update giving an existing catalog entry the digest and size of ``lines`` (a graph
    written through the Graph Store Protocol); a graph with no entry stays without one."""
    cat, g = f"<{catalog_graph_iri()}>", f"<{graph_iri}>"
    sha, count = f"<{PG_NS}sha256>", f"<{PG_NS}tripleCount>"
    return (
        f"DELETE {{ GRAPH {cat} {{ {g} {sha} ?sha ; {count} ?n }} }} "
        f'INSERT {{ GRAPH {cat} {{ {g} {sha} "{content_digest(lines)}" ; {count} {len(set(lines))} }} }} '
        f"WHERE {{ GRAPH {cat} {{ {g} {sha} ?sha ; {count} ?n }} }}"
    )


def matching_releases(records: list[ReleaseRecord], key: str) -> list[ReleaseRecord]:
    """The releases ``key`` names: a release id, a release or graph IRI, or a file name (every
    exhibit of a submission for the submission's name; a path's folders are ignored)."""
    key = key.strip()
    name = key.replace("\\", "/").rsplit("/", 1)[-1]
    found = []
    for record in records:
        names = {record.source, record.source.split("#", 1)[0]}
        ids = {record.release_iri, record.graph_iri, record.release_iri.rsplit("/", 1)[-1]}
        if key in ids or name in names or key in names:
            found.append(record)
    return found


def catalog_delete(graph_iri: str) -> str:
    return f"DELETE WHERE {{ GRAPH <{catalog_graph_iri()}> {{ <{graph_iri}> ?p ?o }} }}"


def legacy_migration() -> str:
    """SPARQL Update moving a pre-issue-11 catalog and ontology (``graph/catalog``,
    ``graph/ontology``) to ``store/...``: catalog entries keep their values, the ontology its
    triples and its entry under the new graph name. One update, so one transaction."""
    old_cat, old_onto = legacy_graph_iris()
    cat, onto = catalog_graph_iri(), ontology_graph_iri()
    return (
        f"INSERT {{ GRAPH <{cat}> {{ ?g ?p ?o }} }} WHERE {{ GRAPH <{old_cat}> {{ ?g <{PG_NS}sha256> ?x ; ?p ?o }}"
        f" FILTER(?g != <{old_onto}>) }} ;\n"
        f"INSERT {{ GRAPH <{cat}> {{ <{onto}> ?p ?o }} }} WHERE {{ GRAPH <{old_cat}> {{ <{old_onto}> ?p ?o }}"
        f" FILTER(?p != <{PG_NS}release>) }} ;\n"
        f"INSERT {{ GRAPH <{cat}> {{ <{onto}> <{PG_NS}release> <{onto}> }} }} WHERE {{ GRAPH <{old_cat}> "
        f"{{ <{old_onto}> <{PG_NS}sha256> ?x }} }} ;\n"
        f"INSERT {{ GRAPH <{onto}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{old_onto}> {{ ?s ?p ?o }} }} ;\n"
        f"DROP SILENT GRAPH <{old_cat}> ;\nDROP SILENT GRAPH <{old_onto}>"
    )


def catalog_select() -> str:
    return (
        f"SELECT ?g ?release ?source ?sha ?n ?conforms ?violations WHERE {{ GRAPH <{catalog_graph_iri()}> {{ "
        f"?g <{PG_NS}sha256> ?sha ; <{PG_NS}release> ?release ; <{PG_NS}sourceFile> ?source ; "
        f"<{PG_NS}tripleCount> ?n . OPTIONAL {{ ?g <{PG_NS}conforms> ?conforms }} "
        f"OPTIONAL {{ ?g <{PG_NS}violationCount> ?violations }} }} }} ORDER BY ?g"
    )


def _escape(text: str) -> str:
    """Escape a string for a SPARQL/N-Triples double-quoted literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def records_from_rows(rows: tuple[tuple[Any, ...], ...]) -> list[ReleaseRecord]:
    """Build records from the rows of :func:`catalog_select`."""
    return [
        ReleaseRecord(
            release_iri=_strip_iri(r[1]),
            graph_iri=_strip_iri(r[0]),
            source=str(r[2]),
            sha256=str(r[3]),
            triples=int(r[4]),
            conforms=_optional_bool(r[5]) if len(r) > 5 else None,
            violation_count=int(r[6]) if len(r) > 6 and r[6] is not None else None,
        )
        for r in rows
    ]


def _optional_bool(value: Any) -> bool | None:
    if value is None:
        return None
    return value if isinstance(value, bool) else str(value).strip() in {"true", "1"}


def _strip_iri(term: Any) -> str:
    text = str(term)
    return text[1:-1] if text.startswith("<") and text.endswith(">") else text


def parse_triples(text: str) -> list[str]:
    """Validate N-Quads/N-Triples text and return its triples as N-Triples lines (graph dropped)."""
    try:
        quads = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        return [f"{q.subject} {q.predicate} {q.object} ." for q in quads]
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"release graph is not valid N-Quads: {exc}".splitlines()[0]) from exc
