"""Turn a :class:`~pressgraph.pipeline.ReleaseGraph` into what a store writes.

The store materialises the ``rdfs:subClassOf`` / ``rdfs:subPropertyOf`` closure of the project
ontology into each release graph at ingest (docs/MODEL.md), so named queries ask for
``pg:Organization`` with a plain ``rdf:type`` pattern and still get agencies and universities.
Measured in benchmarks/results/scale.md: this keeps every query a plain pattern match, which
Oxigraph and remote stores answer faster than ``rdf:type/rdfs:subClassOf*`` paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from pressgraph.resources import data_dir
from pressgraph.store.base import ReleaseRecord, content_digest

if TYPE_CHECKING:
    from pressgraph.pipeline import ReleaseGraph


@dataclass(frozen=True)
class PreparedRelease:
    """A release ready to write: its catalog record, N-Triples body and pipeline warnings.

    ``ntriples`` is the one representation from here on: the digest is taken over its lines, the
    validation loads it, and the embedded store loads it as N-Quads (:meth:`nquads`), all parsed
    by Oxigraph, never again in Python."""

    record: ReleaseRecord
    ntriples: str
    warnings: tuple[str, ...]

    def nquads(self) -> bytes:
        """The triples as N-Quads in the release's graph. Every line ends in `` .`` followed by
        a newline, and no literal holds a raw newline (N-Triples escapes it), so the graph name
        goes in with one replace."""
        return self.ntriples.replace(" .\n", f" <{self.record.graph_iri}> .\n").encode("utf-8")


def ontology_path() -> Path:
    return data_dir("ontology") / "pressgraph.ttl"


@lru_cache(maxsize=4)
def _hierarchy(path: str) -> tuple[dict[URIRef, frozenset[URIRef]], dict[URIRef, frozenset[URIRef]]]:
    """Superclass and superproperty closures of the ontology (empty if it is absent)."""
    onto = Graph()
    if Path(path).is_file():
        onto.parse(path, format="turtle")
    return _closure(onto, RDFS.subClassOf), _closure(onto, RDFS.subPropertyOf)


def _closure(onto: Graph, relation: URIRef) -> dict[URIRef, frozenset[URIRef]]:
    direct: dict[URIRef, set[URIRef]] = {}
    for sub, sup in onto.subject_objects(relation):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct.setdefault(sub, set()).add(sup)
    result: dict[URIRef, frozenset[URIRef]] = {}
    for start in direct:
        seen: set[URIRef] = set()
        todo = list(direct[start])
        while todo:
            node = todo.pop()
            if node in seen or node == start:
                continue
            seen.add(node)
            todo.extend(direct.get(node, ()))
        result[start] = frozenset(seen)
    return result


def materialise(graph: Graph, ontology: Path | None = None) -> Graph:
    """Return a copy of ``graph`` with the inherited types and super-properties added."""
    classes, props = _hierarchy(str(ontology or ontology_path()))
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, o))
        for sup in props.get(p, ()):  # type: ignore[call-overload]
            out.add((s, sup, o))
        if p == RDF.type:
            for sup in classes.get(o, ()):  # type: ignore[call-overload]
                out.add((s, RDF.type, sup))
    return out


def ntriples_lines(graph: Graph) -> list[str]:
    text = graph.serialize(format="nt")
    return [line for line in text.splitlines() if line.strip()]


def materialised_lines(graph: Graph, ontology: Path | None = None) -> list[str]:
    """The N-Triples lines of :func:`materialise` (``graph`` and its inherited types and
    super-properties), written straight from the triples without an rdflib copy: the same lines
    rdflib's N-Triples serialiser writes for the copy, de-duplicated, in first-seen order.

    Each distinct term is written once per release (:func:`_term_text`, rdflib's spelling), so a
    line is three dictionary look-ups; the closure tables come from :func:`_hierarchy`, computed
    once per process from the ontology."""
    classes, props = _hierarchy(str(ontology or ontology_path()))
    text: dict[Node, str] = {}

    def term(node: Node) -> str:
        found = text.get(node)
        if found is None:
            found = text[node] = _term_text(node)
        return found

    rdf_type = term(RDF.type)
    seen: dict[str, None] = {}
    for s, p, o in graph:
        subject, obj = term(s), term(o)
        seen[f"{subject} {term(p)} {obj} ."] = None
        for sup in props.get(p, ()):  # type: ignore[call-overload]
            seen[f"{subject} {term(sup)} {obj} ."] = None
        if p == RDF.type:
            for sup in classes.get(o, ()):  # type: ignore[call-overload]
                seen[f"{subject} {rdf_type} {term(sup)} ."] = None
    return list(seen)


def _term_text(node: Node) -> str:
    """One term as rdflib's N-Triples serialiser writes it (``_nt_row``): the release digest is
    taken over these lines, so stores written before keep recognising unchanged releases."""
    if isinstance(node, Literal):
        return _quoteLiteral(node)
    return node.n3()


def prepare(release: ReleaseGraph, reason: bool = True) -> PreparedRelease:
    """Materialise, serialise and fingerprint one release graph (one pass over its triples)."""
    lines = materialised_lines(release.graph) if reason else ntriples_lines(release.graph)
    record = ReleaseRecord(
        release_iri=release.release_iri,
        graph_iri=release.graph_iri,
        source=release.source,
        sha256=content_digest(lines),
        triples=len(set(lines)),
    )
    return PreparedRelease(record=record, ntriples="\n".join(lines) + "\n", warnings=tuple(release.warnings))


def ontology_ntriples() -> str | None:
    """The ontology as N-Triples for ``id:store/ontology`` (None when it is not there yet):
    parsed once per process and file version, not once per ingest or upload."""
    path = ontology_path()
    if not path.is_file():
        return None
    return _ontology_ntriples(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _ontology_ntriples(path: str, _mtime_ns: int) -> str:
    g = Graph()
    g.parse(path, format="turtle")
    return "\n".join(ntriples_lines(g)) + "\n"
