"""IRIs: readable, deterministic, one configurable base, the same entity in every release."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from pressgraph.pipeline import build_release_graphs
from pressgraph.rdf import iris
from pressgraph.rdf.vocab import PG
from tests.conftest import SEED, shared_path


def test_base_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSGRAPH_BASE", "http://example.org/kg")
    assert iris.org_iri("Acme Biologics, Inc.") == URIRef("http://example.org/kg/org/acme-biologics")
    (release,) = build_release_graphs(SEED)
    assert release.release_iri == "http://example.org/kg/release/aastrom-2003-11-10"
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
