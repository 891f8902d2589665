"""The one store interface: embedded (pyoxigraph on disk) and remote (SPARQL 1.1) back ends.

A store holds one named graph per release. Everything above this layer (queries, API, CLI)
talks to a :class:`GraphStore` and never to an engine directly.

Bookkeeping lives in the named graph ``id:store/catalog``: one node per release graph (the graph
IRI itself) with ``pg:sha256`` (digest of the graph's content), ``pg:release``, ``pg:sourceFile``
and ``pg:tripleCount``. The digest is taken over the sorted N-Triples lines, so re-ingesting an
unchanged release is a no-op while a changed extractor or file replaces the graph.

The store's own graphs live under ``id:store/`` and release graphs under ``id:graph/``, so no
release id (a file named ``catalog.txt``) can take a bookkeeping graph's name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from pressgraph.config import base_iri
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


def check_writable(graph_iri: str) -> None:
    """Refuse to replace the catalog graph through the release-writing path."""
    if graph_iri == catalog_graph_iri():
        from pressgraph.errors import StoreError

        raise StoreError(f"{graph_iri} is the store's catalog graph; a release cannot be written there")


@dataclass(frozen=True)
class ReleaseRecord:
    """A release as the store knows it: its IRIs, content hash and size."""

    release_iri: str
    graph_iri: str
    source: str
    sha256: str
    triples: int


@dataclass(frozen=True)
class QueryResult:
    """SELECT/ASK answer: ``variables`` and ``rows`` of plain Python values (or RDF terms as
    N-Triples strings for IRIs); ``boolean`` for ASK; ``graph`` (N-Triples) for CONSTRUCT."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    boolean: bool | None = None
    graph_ntriples: str | None = None


class GraphStore(Protocol):
    def replace_release(self, graph_iri: str, nquads: str, record: ReleaseRecord) -> bool:
        """Atomically replace the release's named graph; return False if unchanged (same sha).

        ``nquads`` may be N-Quads or N-Triples: graph labels are ignored, every triple goes into
        ``graph_iri``.
        """

    def remove_release(self, graph_iri: str) -> None: ...

    def releases(self) -> list[ReleaseRecord]: ...

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult: ...

    def export(self, fmt: str) -> bytes: ...

    def graph_ntriples(self, graph_iri: str) -> str:
        """The triples of one named graph as N-Triples (used by ``pressgraph load``)."""

    def close(self) -> None: ...


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
        f"<{PG_NS}tripleCount> {int(record.triples)} . }} }}"
    )


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
        f"SELECT ?g ?release ?source ?sha ?n WHERE {{ GRAPH <{catalog_graph_iri()}> {{ "
        f"?g <{PG_NS}sha256> ?sha ; <{PG_NS}release> ?release ; <{PG_NS}sourceFile> ?source ; "
        f"<{PG_NS}tripleCount> ?n . }} }} ORDER BY ?g"
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
        )
        for r in rows
    ]


def _strip_iri(term: Any) -> str:
    text = str(term)
    return text[1:-1] if text.startswith("<") and text.endswith(">") else text
