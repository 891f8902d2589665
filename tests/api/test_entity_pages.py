"""Entity pages aggregate and paginate: a company's figures counted per concept and per release,
its long lists one fixed-size page at a time (seed release + fixture, as the API tests hold them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressgraph.api import _entities as ent
from pressgraph.store.embedded import EmbeddedStore
from tests.api.conftest import _ingest_seed, _load_fixture

ID = "https://w3id.org/pressgraph/id/"
AASTROM = ID + "org/aastrom-biosciences"
GAAP = "http://fasb.org/us-gaap/2024#"


@pytest.fixture(scope="module")
def store(seed_path: Path) -> EmbeddedStore:
    store = EmbeddedStore()
    _load_fixture(store)
    _ingest_seed(store, seed_path)
    return store


def _facts(page: dict[str, object]) -> list[str]:
    return [f["fact"]["id"] for f in page["figures"]]  # type: ignore[attr-defined, index]


def test_figures_are_counted_per_concept_and_release(store: EmbeddedStore) -> None:
    summary = ent.describe(store, AASTROM)["figure_summary"]
    assert summary["total"] == 49
    assert len(summary["by_concept"]) == 20
    assert [(c["concept"]["iri"], c["concept"]["label"], c["count"]) for c in summary["by_concept"][:3]] == [
        (GAAP + "CostsAndExpenses", "Costs and Expenses", 4),
        (GAAP + "EarningsPerShareBasicAndDiluted", "Earnings Per Share, Basic and Diluted", 4),
        (GAAP + "NetIncomeLoss", "Net Income (Loss)", 4),
    ]
    assert sum(c["count"] for c in summary["by_concept"]) == 49
    assert [(r["release"]["id"], r["count"]) for r in summary["by_release"]] == [("release/c0669b98d8e1d350", 49)]


def test_pages_split_every_list_at_the_page_size(store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    first = ent.describe(store, AASTROM)
    assert (first["totals"], first["page"]) == (
        {"figures": 49, "events": 17, "evidence": 1},
        {"number": 1, "size": 20, "last": 3},
    )
    monkeypatch.setattr(ent, "PAGE_SIZE", 1000)
    whole = ent.describe(store, AASTROM)
    assert len(whole["figures"]) == 49 and len(whole["events"]) == 17
    monkeypatch.setattr(ent, "PAGE_SIZE", 20)
    pages = [ent.describe(store, AASTROM, n) for n in (1, 2, 3, 4)]
    assert [p["page"]["last"] for p in pages] == [3, 3, 3, 3]
    assert [len(p["figures"]) for p in pages] == [20, 20, 9, 0]
    assert _facts(pages[0]) + _facts(pages[1]) + _facts(pages[2]) == _facts(whole)
    assert _facts(pages[2])[-1] == _facts(whole)[-1]
    assert [len(p["incoming"].get("pg:reportedBy", [])) for p in pages] == [20, 20, 9, 0]
    assert [p["incoming_counts"]["pg:reportedBy"] for p in pages] == [49, 49, 49, 49]
    assert [len(p["events"]) for p in pages] == [17, 0, 0, 0]
    assert [e["id"] for e in pages[0]["events"]] == [e["id"] for e in whole["events"]]
    assert pages[0]["figure_summary"] == whole["figure_summary"]  # the counts are never paged


def test_a_hub_page_lists_one_page_of_events(store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ent, "PAGE_SIZE", 1)
    first, second = (ent.describe(store, ID + "org/fda", n) for n in (1, 2))
    assert (first["totals"], first["page"]) == (
        {"figures": 0, "events": 2, "evidence": 1},
        {"number": 1, "size": 1, "last": 2},
    )
    assert [e["id"] for e in first["events"]] == ["release/acme-2020-01-02/event/regulatory-1"]
    assert [e["id"] for e in second["events"]] == ["release/c0669b98d8e1d350/event/regulatory-1"]
    assert first["incoming_counts"] == {"pg:regulatedBy": 2, "pg:regulator": 2}
    assert {p: len(v) for p, v in second["incoming"].items()} == {"pg:regulatedBy": 1, "pg:regulator": 1}
