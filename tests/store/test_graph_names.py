"""Issue 11, finding 6: a release named like a bookkeeping graph is just a release."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from pressgraph import names
from pressgraph.errors import ExtractionError, StoreError
from pressgraph.ingest import ingest
from pressgraph.rdf import iris
from pressgraph.store.base import PG_NS, ReleaseRecord, catalog_graph_iri, legacy_graph_iris, ontology_graph_iri
from pressgraph.store.embedded import EmbeddedStore
from pressgraph.store.prepare import ontology_ntriples
from tests.conftest import SEED, SEED_ID

ID = "https://w3id.org/pressgraph/id/"


def _graph_size(store: EmbeddedStore, graph: str) -> int:
    return len(store.graph_ntriples(graph).splitlines())


def test_catalog_txt_and_ontology_txt_keep_the_bookkeeping(tmp_path: Path) -> None:
    """They used to become the catalog graph (every release's entry wiped) and the ontology.
    Since issue 12 a release's graph is named by its text's hash, so the file name cannot reach
    a graph name at all: three copies of one text under these names are one release."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED.read_bytes()
    other = text.replace(b"Aastrom", b"Aastrum")
    for name, body in (("catalog.txt", text), ("ontology.txt", other), ("aastrom.txt", text)):
        (folder / name).write_bytes(body)
    store = EmbeddedStore(tmp_path / "store")
    ingest(store, [str(folder)], progress=False)
    other_id = names.content_release_id(hashlib.sha256(other).hexdigest())
    assert sorted((r.graph_iri, r.source) for r in store.releases()) == sorted(
        [(f"{ID}graph/{SEED_ID}", "catalog.txt"), (f"{ID}graph/{other_id}", "ontology.txt")]
    )
    assert [r.graph_iri for r in store.catalog() if r.graph_iri == ontology_graph_iri()] == [f"{ID}store/ontology"]
    assert _graph_size(store, ontology_graph_iri()) == len(set((ontology_ntriples() or "").splitlines()))
    # two releases and the ontology, 4 facts each, and each release's report (conforms, count 0)
    assert _graph_size(store, catalog_graph_iri()) == 3 * 4 + 2 * 2
    store.close()


def test_release_ids_are_slugs() -> None:
    assert str(iris.graph_iri("acme-2003-11-10")) == f"{ID}graph/acme-2003-11-10"
    for bad in ("", "../store/catalog", "Catalog", "a b", "a/b", "-x", "x>"):
        with pytest.raises(ExtractionError, match="not a valid release id"):
            iris.graph_iri(bad)


def test_no_release_write_reaches_the_catalog_graph(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    record = ReleaseRecord("urn:r", catalog_graph_iri(), "x.txt", "0" * 64, 1)
    with pytest.raises(StoreError, match="is the store's catalog graph"):
        store.replace_release(catalog_graph_iri(), "<urn:a> <urn:b> <urn:c> .\n", record)
    store.close()


def test_a_store_written_before_is_moved_to_the_new_names(tmp_path: Path) -> None:
    old_catalog, old_ontology = legacy_graph_iris()
    raw = ox.Store(str(tmp_path / "store"))
    g, onto = ox.NamedNode(f"{ID}graph/acme"), ox.NamedNode(old_ontology)
    for subject, release, sha in ((g, ox.NamedNode(f"{ID}release/acme"), "ab"), (onto, onto, "cd")):
        for p, o in (("sha256", ox.Literal(sha)), ("release", release), ("sourceFile", ox.Literal("s"))):
            raw.add(ox.Quad(subject, ox.NamedNode(PG_NS + p), o, ox.NamedNode(old_catalog)))
        raw.add(
            ox.Quad(
                subject,
                ox.NamedNode(PG_NS + "tripleCount"),
                ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                ox.NamedNode(old_catalog),
            )
        )
    raw.add(ox.Quad(ox.NamedNode("urn:class"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o"), onto))
    raw.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c"), g))
    del raw
    store = EmbeddedStore(tmp_path / "store")
    assert [(r.graph_iri, r.release_iri, r.sha256) for r in store.catalog()] == [
        (f"{ID}graph/acme", f"{ID}release/acme", "ab"),
        (ontology_graph_iri(), ontology_graph_iri(), "cd"),
    ]
    assert store.graph_ntriples(ontology_graph_iri()) == "<urn:class> <urn:p> <urn:o> .\n"
    assert store.graph_ntriples(old_catalog) == store.graph_ntriples(old_ontology) == ""
    store.close()
