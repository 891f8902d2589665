"""The real pipeline on the seed release, checked row by row against the hand-made gold file."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pressgraph.ingest import ingest
from pressgraph.queries import run_named
from pressgraph.store import open_store
from pressgraph.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "aastrom-2003-11-10.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip (tests/conftest.py's helper, not importable from here)."""
    path = ROOT.parent.joinpath("shared", *parts)
    if not path.exists():
        pytest.skip(f"../shared is not beside the checkout ({path} missing)")
    return path


ID = "https://w3id.org/pressgraph/id/"


@pytest.fixture(autouse=True)
def mini_ontology() -> None:
    """Override the store tests' small ontology: use the project's own ontology/pressgraph.ttl."""


@pytest.fixture(scope="module")
def gold() -> dict[str, object]:
    return json.loads(shared_path("seed", "aastrom-2003-11-10.gold.json").read_text())  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = open_store(tmp_path_factory.mktemp("seed") / "store")
    summary = ingest(store, [str(SEED)], progress=False)
    assert (summary.releases, summary.skipped) == (1, [])
    return store  # type: ignore[return-value]


def test_company_profile_matches_gold(seeded: EmbeddedStore, gold: dict[str, object]) -> None:
    issuer = gold["issuer"]
    assert isinstance(issuer, dict)
    r = run_named(seeded, "company-profile", {"company": issuer["ticker"]})
    assert len(r.rows) == 1
    row = dict(zip(r.variables, r.rows[0], strict=True))
    assert row["legalName"] == issuer["name"]
    assert set(issuer["short_names"]) <= set(str(row["otherNames"]).split("; "))
    assert (row["ticker"], row["exchange"]) == (issuer["ticker"], issuer["exchange"])
    assert row["date"] == date.fromisoformat(str(gold["release_date"]))
    assert row["city"] == gold["dateline_city"]
    assert [p["name"] for p in gold["people"]] == [  # type: ignore[index,union-attr]
        c.split(" (")[0] for c in sorted(str(row["contacts"]).split("; "), key=lambda c: "Becky" in c)
    ]


def _key(concept: str, end: object, months: object, source: str) -> tuple[str, str, object, str]:
    return (concept, str(end), months, source)


# The shared seed key spells one element as no taxonomy does; the graph uses the XBRL name.
_XBRL_SPELLING = {
    "WeightedAverageNumberOfSharesOutstandingBasicAndDiluted": "WeightedAverageNumberOfShareOutstandingBasicAndDiluted"
}


def test_table_facts_match_gold_exactly(seeded: EmbeddedStore, gold: dict[str, object]) -> None:
    r = run_named(seeded, "financial-facts", {"company": "Aastrom Biosciences, Inc."})
    got = {}
    for row in r.rows:
        d = dict(zip(r.variables, row, strict=True))
        concept = str(d["concept"]).rstrip(">").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        source = "table" if d["kind"] == "TableFact" else "text"
        got[_key(concept, d["periodEnd"], d["months"], source)] = d["value"]
    want = {
        _key(
            _XBRL_SPELLING.get(f["concept"], f["concept"]),
            f["period_end"],
            None if f["instant"] else f["period_months"],
            "table",
        ): Decimal(str(f["value"]))
        for f in gold["financial_facts"]
        if f["source"] == "table"  # type: ignore[union-attr,index]
    }
    assert {k: got.get(k) for k in want} == want


def test_seed_passes_every_arithmetic_check(seeded: EmbeddedStore) -> None:
    """The gold file lists seven checks that all hold on the seed: no failing rows."""
    assert run_named(seeded, "consistency", {"company": "ASTM"}).rows == ()


def test_seed_net_loss_filtered_by_concept_and_period(seeded: EmbeddedStore) -> None:
    r = run_named(seeded, "financial-facts", {"concept": "NetIncomeLoss", "period": "2003-07-01--2003-09-30"})
    assert sorted((row[3], row[6]) for row in r.rows) == [
        ("TableFact", Decimal("-2838000")),
        ("TextFact", Decimal("-2800000")),
    ]
