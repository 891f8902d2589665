"""The embedded store's release writer: new releases in bulk chunks, replacements in one update,
the same store as one ``replace_release`` per release, and a chunk written whole or not at all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from pressgraph import pipeline
from pressgraph.errors import StoreError
from pressgraph.ingest import ensure_ontology, ingest, with_report
from pressgraph.store.base import ReleaseRecord, catalog_nquads, catalog_update
from pressgraph.store.embedded import EmbeddedStore
from pressgraph.store.prepare import PreparedRelease, prepare


def _prepared(folder: Path) -> list[PreparedRelease]:
    return [
        with_report(prepare(rg)) for name in ("a.txt", "b.txt") for rg in pipeline.build_release_graphs(folder / name)
    ]


def _sorted_export(store: EmbeddedStore) -> list[str]:
    return sorted(store.export("nquads").decode().splitlines())


def test_bulk_ingest_stores_what_replace_release_stores(tmp_path: Path, fake_pipeline: Path) -> None:
    bulk = EmbeddedStore(tmp_path / "bulk")
    summary = ingest(bulk, [str(fake_pipeline)], progress=False)
    assert summary.written == 2
    one_by_one = EmbeddedStore(tmp_path / "one")
    ensure_ontology(one_by_one)
    for release in _prepared(fake_pipeline):
        assert one_by_one.replace_release(release.record.graph_iri, release.ntriples, release.record)
    assert _sorted_export(bulk) == _sorted_export(one_by_one)


def test_chunk_knows_its_own_releases(tmp_path: Path, fake_pipeline: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    first, _second = _prepared(fake_pipeline)
    changed = replace(
        first,
        ntriples=first.ntriples + '<urn:x:a> <urn:x:b> "changed" .\n',
        record=replace(first.record, sha256="f" * 64, triples=first.record.triples + 1),
    )
    with store.release_writer() as write:
        assert write(first) is True
        assert write(first) is False  # the same digest, still waiting in the chunk
        assert write(changed) is True  # a second version: the chunk is written, this one replaces it
    graph = ox.NamedNode(first.record.graph_iri)
    assert store.has_graph(first.record.graph_iri)
    stored = {str(q.object) for q in store._store.quads_for_pattern(ox.NamedNode("urn:x:a"), None, None, graph)}
    assert stored == {'"changed"'}
    assert [r.sha256 for r in store.releases()] == ["f" * 64]
    with store.release_writer() as write:
        assert write(changed) is False  # unchanged against the store


def test_failed_chunk_writes_nothing(tmp_path: Path, fake_pipeline: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    ensure_ontology(store)
    before = _sorted_export(store)
    good, bad = _prepared(fake_pipeline)
    broken = replace(bad, ntriples=bad.ntriples + "<a:b> <a:c> <not an iri> .\n")
    with pytest.raises(StoreError, match="store write failed"):
        with store.release_writer() as write:
            write(good)
            write(broken)
    assert _sorted_export(store) == before


def test_catalog_nquads_are_the_catalog_update() -> None:
    record = ReleaseRecord(
        "https://w3id.org/pressgraph/id/release/x",
        "https://w3id.org/pressgraph/id/graph/x",
        'a "quoted" \\ file\n.txt',
        "0" * 64,
        12,
        conforms=False,
        violation_count=2,
        violations=('Total (1) ≠ "sum"\tof parts', "line\nbreak \\u0041"),
    )
    by_update, by_load = ox.Store(), ox.Store()
    by_update.update(catalog_update(record))
    by_load.load(catalog_nquads(record), format=ox.RdfFormat.N_QUADS)
    assert sorted(map(str, by_update)) == sorted(map(str, by_load))
