"""The pipeline from a release file to its RDF graph: read → extract → resolve → map.

Entry points used by every later stage (validate, store, API, CLI):

* :func:`read_path` — the Documents in a file (a full submission yields one per EX-99 exhibit).
* :func:`extract_document` — all records extracted from one Document.
* :func:`build_release_graphs` — the RDF of each release in a file, ready to validate or store.
"""

from __future__ import annotations



from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph


@dataclass(frozen=True)
class ReleaseGraph:
    """The RDF of one release, ready for validation and for the store.

    ``graph`` holds the triples of the release's named graph ``graph_iri``.
    """

    release_id: str
    release_iri: str
    graph_iri: str
    source: str
    sha256: str
    graph: Graph
    warnings: tuple[str, ...]

    def to_nquads(self) -> str:
        """The named graph as N-Quads (graph label ``graph_iri``)."""
        from rdflib import Dataset, URIRef

        ds = Dataset()
        named = ds.graph(URIRef(self.graph_iri))
        for triple in self.graph:
            named.add(triple)
        return ds.serialize(format="nquads")


def build_release_graphs(path: str | Path) -> list[ReleaseGraph]:
    """Read ``path`` and return the RDF of each release in it (one per EX-99 exhibit)."""
    raise NotImplementedError("pipeline lands with the reader and mapper")
