"""The Python API: ``extract`` a release file, or open a ``Store`` and ingest and query it.

A thin layer over the machinery the CLI uses (``pipeline.extract_path``, ``ingest.ingest``,
``queries.run_named``), so that a notebook and ``pressgraph`` never disagree::

    from pressgraph import extract, Store

    doc = extract("release.txt")
    graph = doc.graph()                     # an rdflib Graph
    with Store("my-store") as store:        # an embedded store in that folder
        store.ingest("releases/")
        rows = store.query("trials", company="Acme").rows

Everything here raises :class:`pressgraph.PressgraphError` subclasses for bad input, with the
same one-line messages the CLI prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from pressgraph.errors import QueryError

if TYPE_CHECKING:
    from rdflib import Graph

    from pressgraph.ingest import IngestSummary
    from pressgraph.model import Entity, Event, Extraction, FinancialFact, ReleaseMetadata
    from pressgraph.pipeline import ReleaseGraph
    from pressgraph.store.base import GraphStore, QueryResult, ReleaseRecord


@dataclass
class Release:
    """One release as extracted: the typed records, and its RDF built on first use."""

    extraction: Extraction
    _rdf: ReleaseGraph | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        """The release id (16 hex digits of its text's sha256), the last segment of its IRI."""
        return self.extraction.document.release_id

    @property
    def metadata(self) -> ReleaseMetadata:
        return self.extraction.metadata

    @property
    def facts(self) -> tuple[FinancialFact, ...]:
        return self.extraction.facts

    @property
    def entities(self) -> tuple[Entity, ...]:
        return self.extraction.entities

    @property
    def events(self) -> tuple[Event, ...]:
        return self.extraction.events

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.extraction.warnings

    def release_graph(self) -> ReleaseGraph:
        """The RDF with its IRIs (release, named graph), as ``ingest`` stores it."""
        if self._rdf is None:
            from pressgraph.pipeline import graph_of

            self._rdf = graph_of(self.extraction)
        return self._rdf

    def graph(self) -> Graph:
        """The release's triples as an rdflib Graph (the graph ``pressgraph extract`` prints)."""
        return self.release_graph().graph


@dataclass(frozen=True)
class Extracted:
    """What one file holds: usually one release; a full EDGAR submission, one per EX-99 exhibit.

    The record properties join every release's records, so a one-release file reads as that
    release; ``releases`` keeps them apart.
    """

    source: str
    releases: tuple[Release, ...]

    def __iter__(self) -> Iterator[Release]:
        return iter(self.releases)

    def __len__(self) -> int:
        return len(self.releases)

    @property
    def metadata(self) -> ReleaseMetadata:
        """The first release's metadata (issuer, date, dateline)."""
        return self.releases[0].metadata

    @property
    def facts(self) -> tuple[FinancialFact, ...]:
        return tuple(f for r in self.releases for f in r.facts)

    @property
    def entities(self) -> tuple[Entity, ...]:
        return tuple(e for r in self.releases for e in r.entities)

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(e for r in self.releases for e in r.events)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(w for r in self.releases for w in r.warnings)

    def graph(self) -> Graph:
        """Every release's triples in one rdflib Graph (each release's own: ``releases[i].graph()``)."""
        if len(self.releases) == 1:
            return self.releases[0].graph()
        from rdflib import Graph

        merged = Graph()
        for release in self.releases:
            part = release.graph()
            for prefix, ns in part.namespaces():
                merged.bind(prefix, ns)
            for triple in part:
                merged.add(triple)
        return merged


def extract(path: str | Path) -> Extracted:
    """Read and extract a release file (text, HTML or an EDGAR submission), as ``pressgraph
    extract`` does: same readers, extractors, time budget and errors (:class:`ReadError`)."""
    from pressgraph.pipeline import extract_path

    return Extracted(str(path), tuple(Release(x) for x in extract_path(path)))


class Store:
    """A store of releases: the embedded one in ``path`` (default: the user data folder, as the
    CLI), or a SPARQL 1.1 store at ``endpoint``. Close it, or use it in a ``with`` block: the
    embedded store holds a lock on its folder while open."""

    def __init__(self, path: str | Path | None = None, *, endpoint: str | None = None, **remote: Any) -> None:
        from pressgraph.store import open_store

        self.backend: GraphStore = open_store(path, endpoint, **remote)

    def ingest(self, *paths: str | Path, workers: int = 1) -> IngestSummary:
        """Ingest files, folders or glob patterns (one named graph per release, atomic and
        idempotent); returns the counts, warnings and skipped files that ``pressgraph ingest`` prints."""
        from pressgraph.ingest import ingest

        return ingest(self.backend, [str(p) for p in paths], workers=workers, progress=False)

    def query(self, name_or_sparql: str, **params: str) -> QueryResult:
        """Run a named query (``"trials"``), a ``.rq`` file or SPARQL text.

        ``params`` bind a named query's parameters, by the same rules as ``--param`` (a company
        by any of its names or its ticker); ``related`` takes ``**{"from": a, "to": b}``.
        Text with a space or a brace in it (and not ending in ``.rq``) is taken as SPARQL.
        """
        from pressgraph import queries

        if not name_or_sparql.endswith(".rq") and any(c.isspace() or c == "{" for c in name_or_sparql):
            if params:
                raise QueryError("parameters work with named queries, not SPARQL text")
            return self.backend.query(name_or_sparql)
        return queries.run_named(self.backend, name_or_sparql, dict(params))

    def releases(self) -> list[ReleaseRecord]:
        """The releases the store holds (IRIs, source file, content hash, triple count)."""
        return self.backend.releases()

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
