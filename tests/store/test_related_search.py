"""``related`` by neighbour look-ups (pressgraph.paths) gives the rows of ``queries/related.rq``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pressgraph import paths
from pressgraph.queries import load_query, run_named
from pressgraph.store.base import QueryResult
from pressgraph.store.embedded import EmbeddedStore
from tests.api.conftest import _ingest_seed, _load_fixture

ID = "https://w3id.org/pressgraph/id/"
PG = "https://w3id.org/pressgraph/ontology#"
ENTITY_TYPES = ("Organization", "Product", "Person")


@pytest.fixture(scope="module")
def store(seed_path: Path) -> EmbeddedStore:
    """The seed (through the pipeline) and the API's fixture release, as the API tests hold them."""
    store = EmbeddedStore()
    _load_fixture(store)
    _ingest_seed(store, seed_path)
    return store


def _entities(store: EmbeddedStore) -> list[str]:
    types = ", ".join(f"<{PG}{t}>" for t in ENTITY_TYPES)
    rows = store.query(f"SELECT DISTINCT ?e WHERE {{ ?e a ?t FILTER(?t IN ({types})) }} ORDER BY ?e").rows
    return [str(r[0])[1:-1] for r in rows]


def _rq_rows(store: EmbeddedStore, source: str, target: str) -> list[tuple[Any, ...]]:
    """The .rq's answer, without its LIMIT and fully ordered (SPARQL leaves ties to the engine)."""
    text = load_query("related").text.replace("LIMIT 200", "")
    text = text.replace("WHERE {", f"WHERE {{ VALUES (?from ?to) {{ (<{source}> <{target}>) }}", 1)
    unwrap = [
        tuple(v[1:-1] if isinstance(v, str) and v.startswith("<") else v for v in r) for r in store.query(text).rows
    ]
    ordered = sorted(zip(unwrap, store.query(text).rows, strict=True), key=lambda pair: paths._order(pair[0]))  # type: ignore[arg-type]
    return [wrapped for _, wrapped in ordered][:200]


def test_same_rows_as_the_rq_for_every_pair_of_entities(store: EmbeddedStore) -> None:
    entities = _entities(store)
    assert len(entities) == 25
    compared = 0
    for source in entities:
        for target in entities:
            if source != target:
                assert list(paths.related(store, source, target).rows) == _rq_rows(store, source, target), (
                    source,
                    target,
                )
                compared += len(_rq_rows(store, source, target))
    assert compared == 5724  # rows compared over the 600 ordered pairs


def test_acme_to_fda_exact_paths(store: EmbeddedStore) -> None:
    result = run_named(store, "related", {"from": "org/acme-bio", "to": "org/fda"})
    assert result.variables == ("hops", "p1", "d1", "n1", "p2", "d2", "n2", "p3", "d3")
    assert result.warnings == ()
    short = [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in result.rows if r[0] < 3]
    event, novacell = f"<{ID}release/acme-2020-01-02/event/regulatory-1>", f"<{ID}product/acme-bio/novacell>"
    assert short == [
        (2, f"<{PG}concerns>", "<-", event, f"<{PG}regulator>", "->"),
        (2, f"<{PG}developedBy>", "<-", novacell, f"<{PG}regulatedBy>", "->"),
        (2, f"<{PG}hasProduct>", "->", novacell, f"<{PG}regulatedBy>", "->"),
    ]
    assert [r[0] for r in result.rows] == [2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3]
    assert result.rows[6] == (
        3, f"<{PG}issuer>", "<-", f"<{ID}release/acme-2020-01-02>",
        f"<{PG}statedIn>", "<-", event, f"<{PG}regulator>", "->",
    )  # fmt: skip


def test_the_exclusions_and_limit_come_from_the_rq() -> None:
    excluded = paths.excluded_predicates()
    assert len(excluded) == 11
    assert "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" in excluded
    assert f"{PG}evidence" in excluded and f"{PG}period" in excluded
    assert paths._rule()[1] == 200


def test_a_capped_expansion_says_so(store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    full = paths.related(store, f"{ID}org/acme-bio", f"{ID}org/fda")
    monkeypatch.setattr(paths, "MAX_EXPANSIONS", 1)
    capped = paths.related(store, f"{ID}org/acme-bio", f"{ID}org/fda")
    assert [r[0] for r in capped.rows] == [2, 2, 2]  # the one node followed reaches no neighbour of FDA
    assert set(capped.rows) < set(full.rows)
    assert capped.warnings == (
        "related: 4 nodes next to one end, only the first 1 were followed a further link, "
        "so some 3-link paths may be missing",
    )


class _RemoteLike:
    """A store without neighbour look-ups (as a remote SPARQL store): only ``query``."""

    def __init__(self, inner: EmbeddedStore) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        self.texts.append(sparql)
        return self.inner.query(sparql, bindings)


def test_a_store_without_look_ups_runs_the_rq(store: EmbeddedStore) -> None:
    remote = _RemoteLike(store)
    result = run_named(remote, "related", {"from": "org/acme-bio", "to": "org/fda"})  # type: ignore[arg-type]
    assert "UNION" in remote.texts[-1] and "LIMIT 200" in remote.texts[-1]
    assert set(result.rows) == set(paths.related(store, f"{ID}org/acme-bio", f"{ID}org/fda").rows)
