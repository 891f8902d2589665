"""The default store: pyoxigraph on disk, one named graph per release, no server.

Every write of a release is all or nothing: a failure leaves the store exactly as it was.
Replacing a graph that is there is one SPARQL Update (drop graph, insert data, rewrite catalog
entry), which Oxigraph runs as one transaction. A bulk ingest (:meth:`EmbeddedStore.release_writer`)
writes new release graphs with their catalog entries in chunks of whole releases, each chunk one
``bulk_load`` of N-Quads bytes: one ingestion of table files into every index at once (RocksDB
``IngestExternalFiles``, atomic across column families; a chunk stays under Oxigraph's one-batch
size), at a third of the CPU of per-release transactions and with the compressed table files
of a bulk load (benchmarks/results/ingest.md). Queries see the union of all graphs as their
default graph.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from pressgraph.errors import QueryError, StoreError
from pressgraph.namespaces import PG_NS
from pressgraph.store.base import (
    QueryResult,
    ReleaseRecord,
    catalog_delete,
    catalog_graph_iri,
    catalog_nquads,
    catalog_refresh,
    catalog_select,
    catalog_update,
    check_client_writable,
    check_writable,
    legacy_graph_iris,
    legacy_migration,
    literal_to_python,
    ontology_graph_iri,
    parse_triples,
    records_from_rows,
)

if TYPE_CHECKING:
    from pressgraph.store.prepare import PreparedRelease

_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def term_to_python(term: Any) -> Any:
    """IRIs as ``<iri>``, blank nodes as ``_:id``, literals as Python values."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return literal_to_python(term.value, term.datatype.value, term.language)
    return str(term)


class EmbeddedStore:
    """A :class:`~pressgraph.store.base.GraphStore` on a pyoxigraph ``Store`` directory."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._replaced = 0  # graphs dropped and rewritten since opening (see close)
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open store at {self.path}: {exc}") from exc
        if not read_only:
            self._migrate_internal_graphs()

    def _migrate_internal_graphs(self) -> None:
        """Move a catalog written before issue 11 (``graph/catalog``) to ``store/catalog``."""
        old_catalog = ox.NamedNode(legacy_graph_iris()[0])
        if not self._store.contains_named_graph(old_catalog):
            return
        has_old = next(self._store.quads_for_pattern(None, ox.NamedNode(PG_NS + "sha256"), None, old_catalog), None)
        has_new = next(self._store.quads_for_pattern(None, None, None, ox.NamedNode(catalog_graph_iri())), None)
        if has_old is not None and has_new is None:
            self._update(legacy_migration())

    # --- writes ------------------------------------------------------------------------------

    def replace_release(self, graph_iri: str, nquads: str, record: ReleaseRecord) -> bool:
        check_writable(graph_iri)
        known = self._known_sha(graph_iri)
        if known == record.sha256:
            return False
        self._replace(graph_iri, parse_triples(nquads), record, known is not None)
        return True

    def _replace(self, graph_iri: str, lines: list[str], record: ReleaseRecord, known: bool) -> None:
        """Drop the graph and write ``lines`` and the catalog entry, in one update."""
        self._replaced += known
        body = "\n".join(lines)
        update = (
            f"DROP SILENT GRAPH <{graph_iri}> ;\n"
            f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }} ;\n"
            f"{catalog_update(record)}"
        )
        self._update(update)

    def release_writer(self, bulk: bool = True) -> ReleaseWriter:
        """What ``ingest`` (``bulk``) and ``write_release`` (one release, one transaction) write
        prepared releases through (:class:`ReleaseWriter`); use it in a ``with`` block."""
        return ReleaseWriter(self, bulk)

    def _is_new(self, graph_iri: str) -> bool:
        """Neither a triple in the graph nor a catalog entry for it: nothing to drop first."""
        g = ox.NamedNode(graph_iri)
        in_graph = next(self._store.quads_for_pattern(None, None, None, g), None)
        entry = next(self._store.quads_for_pattern(g, None, None, ox.NamedNode(catalog_graph_iri())), None)
        return in_graph is None and entry is None

    def _load(self, nquads: bytes, bulk: bool) -> None:
        """Add N-Quads: one transaction (``load``) or one bulk ingestion (``bulk_load``)."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            if bulk:
                self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
            else:
                self._store.load(nquads, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"store write failed: {exc}".splitlines()[0]) from exc

    def put_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace a graph that has no catalog entry (the ontology)."""
        body = "\n".join(parse_triples(ntriples))
        self._update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}")

    def write_graph(self, graph_iri: str, ntriples: str) -> None:
        """One update: the graph replaced and its catalog entry (if any) refreshed together."""
        check_client_writable(graph_iri)
        lines = parse_triples(ntriples)
        body = "\n".join(lines)
        self._replaced += 1
        self._update(
            f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }} ;\n"
            f"{catalog_refresh(graph_iri, lines)}"
        )

    def has_graph(self, graph_iri: str) -> bool:
        return bool(self._store.contains_named_graph(ox.NamedNode(graph_iri))) and (
            next(self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)), None) is not None
        )

    def remove_release(self, graph_iri: str) -> None:
        self._replaced += 1
        self._update(f"DROP SILENT GRAPH <{graph_iri}> ;\n{catalog_delete(graph_iri)}")

    def _update(self, text: str) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            self._store.update(text)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"store update failed: {exc}".splitlines()[0]) from exc

    # --- reads -------------------------------------------------------------------------------

    def _known_sha(self, graph_iri: str) -> str | None:
        """The stored fingerprint of one graph: a direct lookup, so a write costs the same in a
        store of ten releases or ten thousand (listing the whole catalog made ingest quadratic)."""
        quads = self._store.quads_for_pattern(ox.NamedNode(graph_iri), _SHA256, None, ox.NamedNode(catalog_graph_iri()))
        return next((q.object.value for q in quads if isinstance(q.object, ox.Literal)), None)

    def releases(self) -> list[ReleaseRecord]:
        """The catalogued release graphs (the ontology graph is catalogued but not a release)."""
        return [r for r in self.catalog() if r.graph_iri != ontology_graph_iri()]

    def catalog(self) -> list[ReleaseRecord]:
        return records_from_rows(self.query(catalog_select()).rows)

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run SPARQL over the union of all graphs; ``bindings`` are pyoxigraph substitutions."""
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()} or None
        try:
            answer = self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as exc:
            raise QueryError(f"bad SPARQL: {exc}".splitlines()[0]) from exc
        except OSError as exc:
            raise StoreError(f"query failed: {exc}".splitlines()[0]) from exc
        return _result(answer)

    def neighbours(self, iris: Collection[str], skip: frozenset[str]) -> dict[str, set[tuple[str, str, str]]]:
        """For each of ``iris``, ``(predicate, node, direction)`` of every link to another IRI,
        both ways (``"->"`` when it is the subject): literals, blank nodes, the store's own graphs
        and the predicates in ``skip`` left out, one entry per link however many release graphs
        repeat it. One look-up per :data:`_NEIGHBOUR_BATCH` IRIs, on the engine's encoded terms
        (2x faster than reading every quad into Python: a shared agency is repeated in hundreds
        of graphs)."""
        found: dict[str, set[tuple[str, str, str]]] = {iri: set() for iri in iris}
        order = sorted(found)
        for start in range(0, len(order), _NEIGHBOUR_BATCH):
            values = " ".join(f"<{iri}>" for iri in order[start : start + _NEIGHBOUR_BATCH])
            answer = self._store.query(_neighbour_query(values, skip))
            for row in answer if isinstance(answer, ox.QuerySolutions) else ():
                found[row[0].value].add((row[1].value, row[2].value, row[3].value))
        return found

    def graph_ntriples(self, graph_iri: str) -> str:
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))
        return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)

    def export(self, fmt: str) -> bytes:
        if fmt not in _FORMATS:
            raise StoreError(f"unknown export format {fmt!r} (use nquads or trig)")
        data = self._store.dump(format=_FORMATS[fmt])
        return data if isinstance(data, bytes) else b""

    def size_on_disk(self) -> int:
        if self.path is None:
            return 0
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def snapshot(self, target: str | Path) -> None:
        """A consistent copy of the store in ``target`` (a new folder), for read-only openers.

        RocksDB checkpoints hard-link the immutable table files, so this takes milliseconds and
        little disk; the query workers open it while this process goes on writing here.
        """
        if self.path is None:
            raise StoreError("an in-memory store has no snapshots (export it instead)")
        try:
            self._store.backup(str(target))
        except OSError as exc:
            raise StoreError(f"cannot snapshot the store into {target}: {exc}") from exc

    def optimize(self) -> None:
        self._store.optimize()

    def flush(self) -> None:
        if not self.read_only:
            self._store.flush()

    def close(self) -> None:
        """Flush, and compact when graphs were replaced or removed since opening: deletions leave
        tombstones that slowed every query down (2x after five re-ingests of the same releases,
        benchmarks/results/scale.md) until ``optimize()`` merges them away. pyoxigraph closes the
        store when the object goes away; drop our reference."""
        if self.path is not None and not self.read_only:
            if self._replaced:
                self._store.optimize()
                self._replaced = 0
            self._store.flush()
        del self._store


_NEIGHBOUR_BATCH = 500
_SHA256 = ox.NamedNode(PG_NS + "sha256")


class ReleaseWriter:
    """Writes prepared releases to an :class:`EmbeddedStore` during a bulk ingest.

    A release whose graph is new (no triple, no catalog entry) is N-Quads bytes: its triples and
    its catalog entry. With ``bulk`` it waits in a chunk with others, written as one ``bulk_load``
    when it reaches :data:`CHUNK_QUADS` quads or :data:`CHUNK_BYTES` bytes, and when the ``with``
    block ends; without, it is one ``load`` (one transaction) at once. A release that replaces a
    stored graph is written at once, in its own update, after the chunk so far. Calling the
    writer says, as ``replace_release`` does, whether the release was written (False: the same
    digest is stored, or was given earlier in this chunk).
    """

    CHUNK_QUADS = 200_000  # Oxigraph's bulk loader writes up to 1,000,000 quads in one batch
    CHUNK_BYTES = 64 * 1024 * 1024

    def __init__(self, store: EmbeddedStore, bulk: bool = True) -> None:
        self.store = store
        self.bulk = bulk
        self._chunk: list[bytes] = []
        self._quads = 0
        self._bytes = 0
        self._pending: dict[str, str] = {}  # graph IRI -> digest, for the releases in the chunk

    def __enter__(self) -> ReleaseWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()

    def __call__(self, release: PreparedRelease) -> bool:
        record = release.record
        graph = record.graph_iri
        check_writable(graph)
        if graph in self._pending:
            if self._pending[graph] == record.sha256:
                return False
            self.flush()  # a second version of a release in the chunk: the later one replaces it
        known = self.store._known_sha(graph)
        if known == record.sha256:
            return False
        if known is not None or not self.store._is_new(graph):
            self.flush()
            self.store._replace(graph, parse_triples(release.ntriples), record, known is not None)
            return True
        data = release.nquads() + catalog_nquads(record)
        if not self.bulk:
            self.store._load(data, bulk=False)
            return True
        self._chunk.append(data)
        self._pending[graph] = record.sha256
        self._quads += data.count(b"\n")
        self._bytes += len(data)
        if self._quads >= self.CHUNK_QUADS or self._bytes >= self.CHUNK_BYTES:
            self.flush()
        return True

    def flush(self) -> None:
        """Write the releases waiting in the chunk (one ``bulk_load``, all or nothing)."""
        if not self._chunk:
            return
        data = b"".join(self._chunk)
        self._chunk, self._quads, self._bytes, self._pending = [], 0, 0, {}
        self.store._load(data, bulk=True)


def _neighbour_query(values: str, skip: frozenset[str]) -> str:
    excluded = ", ".join(f"<{p}>" for p in sorted(skip)) or "<urn:x-pressgraph:none>"
    own = f"<{catalog_graph_iri()}>, <{ontology_graph_iri()}>"
    return (
        f'SELECT DISTINCT ?x ?p ?n ?d WHERE {{ VALUES ?x {{ {values} }} GRAPH ?g {{ {{ ?x ?p ?n BIND("->" AS ?d) }} '
        f'UNION {{ ?n ?p ?x BIND("<-" AS ?d) }} }} FILTER(isIRI(?n) && ?p NOT IN ({excluded}) && ?g NOT IN ({own})) }}'
    )


def _result(answer: Any) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(variables=(), rows=(), boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        nt = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in answer)
        return QueryResult(variables=(), rows=(), graph_ntriples=nt)
    names = tuple(v.value for v in answer.variables)
    rows = tuple(tuple(term_to_python(sol[i]) for i in range(len(names))) for sol in answer)
    return QueryResult(variables=names, rows=rows)
