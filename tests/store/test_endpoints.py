"""Candidate URLs for ``--endpoint BASE`` (no network: the probes are tested on real servers in
test_store_remote.py)."""

from __future__ import annotations

import pytest

from pressgraph.store.endpoints import query_candidates, update_candidates

OXIGRAPH, FUSEKI, GRAPHDB, VIRTUOSO = (
    "http://h:7878",
    "http://h:3030/ds",
    "http://h:7200/repositories/X",
    "http://h:8890",
)


def test_query_candidates_try_the_base_then_query_then_sparql() -> None:
    assert query_candidates(OXIGRAPH + "/") == [OXIGRAPH, OXIGRAPH + "/query", OXIGRAPH + "/sparql"]


@pytest.mark.parametrize(
    "base,query,updates",
    [
        (OXIGRAPH, OXIGRAPH + "/query", [OXIGRAPH + "/update", OXIGRAPH + "/query"]),
        (
            OXIGRAPH + "/query",
            OXIGRAPH + "/query",
            [OXIGRAPH + "/update", OXIGRAPH + "/query", OXIGRAPH + "/query/update"],
        ),
        (FUSEKI, FUSEKI, [FUSEKI + "/statements", FUSEKI + "/update", FUSEKI]),
        (FUSEKI, FUSEKI + "/sparql", [FUSEKI + "/update", FUSEKI + "/sparql"]),
        (GRAPHDB, GRAPHDB, [GRAPHDB + "/statements", GRAPHDB + "/update", GRAPHDB]),
        (VIRTUOSO, VIRTUOSO + "/sparql", [VIRTUOSO + "/update", VIRTUOSO + "/sparql"]),
    ],
    ids=["oxigraph", "oxigraph-query-url", "fuseki-dataset", "fuseki-sparql", "graphdb", "virtuoso"],
)
def test_update_candidates_per_layout(base: str, query: str, updates: list[str]) -> None:
    assert update_candidates(base, query) == updates
