"""The pipeline from a release file to its RDF graph: read → extract → resolve → map.

Entry points used by every later stage (validate, store, API, CLI):

* :func:`read_path` — the Documents in a file (a full submission yields one per EX-99 exhibit).
* :func:`extract_document` — all records extracted from one Document.
* :func:`extract_path` — the extraction of each release in a file, under the file's budget.
* :func:`build_release_graphs` — the RDF of each release in a file, ready to validate or store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from pressgraph.budget import TimeBudgetExceeded, file_budget
from pressgraph.errors import ReadError
from pressgraph.extractors.financials import extract_financials
from pressgraph.extractors.metadata import extract_metadata
from pressgraph.extractors.narrative import extract_narrative
from pressgraph.model import Document, Entity, Event, Extraction, FinancialFact, ReleaseMetadata
from pressgraph.rdf.iris import graph_iri, release_iri
from pressgraph.rdf.mapper import map_extraction
from pressgraph.read import display_name
from pressgraph.read import read_path as _read


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


def read_path(path: str | Path) -> list[Document]:
    """The Documents in a release file (see :func:`pressgraph.read.read_path`)."""
    return _read(path)


def extract_document(doc: Document) -> Extraction:
    """Run every extractor over one Document: metadata, table facts, prose facts, narrative.

    If the file's time budget (:mod:`pressgraph.budget`) runs out, the stages already finished
    are kept, the rest is left out (never half a stage), and a warning says so."""
    metadata = ReleaseMetadata(None, (), None, None, None, None, None, (), None, None)
    facts: list[FinancialFact] = []
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: list[str] = list(doc.warnings)
    stage = "its metadata, figures, entities and events"
    try:
        metadata = extract_metadata(doc)
        stage = "its figures, entities and events"
        facts, fact_warnings = extract_financials(doc, metadata)
        warnings.extend(fact_warnings)
        stage = "its entities and events"
        entities, events, narrative_warnings = extract_narrative(doc, metadata)
        warnings.extend(narrative_warnings)
    except TimeBudgetExceeded as exc:
        warnings.append(f"{doc.source}: {exc}; {stage} left out")
    return Extraction(
        document=doc,
        metadata=metadata,
        facts=tuple(facts),
        entities=entities,
        events=events,
        warnings=tuple(warnings),
    )


def graph_of(extraction: Extraction) -> ReleaseGraph:
    doc = extraction.document
    return ReleaseGraph(
        release_id=doc.release_id,
        release_iri=str(release_iri(doc.release_id)),
        graph_iri=str(graph_iri(doc.release_id)),
        source=doc.source,
        sha256=doc.sha256,
        graph=map_extraction(extraction),
        warnings=extraction.warnings,
    )


def extract_path(path: str | Path) -> list[Extraction]:
    """Read ``path`` and extract each release in it (one per EX-99 exhibit), all under one time
    budget for the file (:mod:`pressgraph.budget`). A file whose reading alone spends the budget
    is a :class:`ReadError`: there is no text to keep."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        size = 0  # read_path reports the file's problem in its own words
    with file_budget(size):
        try:
            documents = read_path(path)
        except TimeBudgetExceeded as exc:
            raise ReadError(f"{display_name(Path(path).name)}: {exc}; the file was not read") from None
        return [extract_document(doc) for doc in documents]


def build_release_graphs(path: str | Path) -> list[ReleaseGraph]:
    """The RDF of each release in ``path`` (:func:`extract_path`, then the mapper; mapping has
    no budget checkpoints, so it runs after the file's budget has closed)."""
    return [graph_of(extraction) for extraction in extract_path(path)]
