"""IRIs: readable, deterministic, one configurable base, the same entity in every release."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from pressgraph import names
from pressgraph.pipeline import build_release_graphs
from pressgraph.rdf import iris
from pressgraph.rdf.vocab import PG
from tests.conftest import SEED, SEED_ID, shared_path


def test_base_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSGRAPH_BASE", "http://example.org/kg")
    assert iris.org_iri("Acme Biologics, Inc.") == URIRef("http://example.org/kg/org/acme-biologics")
    (release,) = build_release_graphs(SEED)
    assert release.release_iri == "http://example.org/kg/release/" + SEED_ID
    assert all(not str(s).startswith("https://w3id.org/pressgraph/id/") for s in release.graph.subjects())


def test_same_agency_same_iri_across_releases() -> None:
    (seed,) = build_release_graphs(SEED)
    (other,) = build_release_graphs(shared_path("corpus", "releases", "capnia-2015-12-21.txt"))
    fda = iris.org_iri("fda")
    for release in (seed, other):
        assert (fda, RDF.type, PG.RegulatoryAgency) in release.graph


def test_deterministic() -> None:
    (a,) = build_release_graphs(SEED)
    (b,) = build_release_graphs(SEED)
    assert set(a.graph) == set(b.graph)


def test_release_identity_is_the_text_not_the_file_name(tmp_path: Path) -> None:
    """Issue 12: the same text under another name mints the same IRIs (so the store replaces
    rather than doubles it); another text under the same name is another release."""
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(SEED.read_bytes())
    (seed,), (renamed,) = build_release_graphs(SEED), build_release_graphs(copy)
    assert (seed.release_id, renamed.release_id) == (SEED_ID, SEED_ID)
    assert seed.release_id == hashlib.sha256(SEED.read_text(encoding="utf-8").encode()).hexdigest()[:16]
    assert (seed.graph_iri, renamed.source) == ("https://w3id.org/pressgraph/id/graph/" + SEED_ID, "renamed.txt")
    assert {s for s in seed.graph.subjects() if "/release/" in str(s)} == {
        s for s in renamed.graph.subjects() if "/release/" in str(s)
    }
    edited = tmp_path / "aastrom-2003-11-10.txt"
    edited.write_bytes(SEED.read_bytes() + b"\nOne more line.\n")
    (other,) = build_release_graphs(edited)
    assert other.release_id != SEED_ID


def test_content_release_id_refuses_what_is_not_a_digest() -> None:
    from pressgraph.errors import ExtractionError

    assert names.content_release_id("AB" * 32) == "ab" * 8
    for bad in ("", "zz" * 32, "ab" * 31, "../" + "a" * 61):
        with pytest.raises(ExtractionError):
            names.content_release_id(bad)
