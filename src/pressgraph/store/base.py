"""The one store interface: embedded (pyoxigraph on disk) and remote (SPARQL 1.1) back ends.

A store holds one named graph per release. Everything above this layer (queries, API, CLI)
talks to a :class:`GraphStore` and never to an engine directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


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
        """Atomically replace the release's named graph; return False if unchanged (same sha)."""

    def remove_release(self, graph_iri: str) -> None: ...

    def releases(self) -> list[ReleaseRecord]: ...

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult: ...

    def export(self, fmt: str) -> bytes: ...

    def close(self) -> None: ...
