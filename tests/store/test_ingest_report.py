"""Validation at ingest: each release's report (conforms, count, messages) is written with its
graph into its catalog entry, shown by ``pressgraph stats``; ``--no-validate`` skips it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressgraph.cli import main
from pressgraph.ingest import ingest, write_release
from pressgraph.pipeline import build_release_graphs
from pressgraph.store.base import catalog_messages_select
from pressgraph.store.embedded import EmbeddedStore
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "aastrom-2003-11-10.txt"
ATRION_EPS = (
    "Net income per share (0.45) ≠ Net income 1447000 / Weighted average shares outstanding 3180000 = 0.455 "
    "[https://w3id.org/pressgraph/id/release/6c3620c2cf660ada/fact/t1-r21-c1]"
)


@pytest.fixture(autouse=True)
def mini_ontology() -> None:
    """Overrides tests/store's mini ontology: these tests store and validate real releases."""


def test_ingest_stores_each_release_report(tmp_path: Path) -> None:
    atrion = shared_path("corpus", "complete", "atrion-corporation-1997-08-06.htm")
    store = EmbeddedStore(tmp_path / "s")
    summary = ingest(store, [str(atrion), str(SEED)], progress=False)
    assert summary.violations == 1
    verdicts = {r.source: (r.conforms, r.violation_count) for r in store.releases()}
    assert verdicts == {"atrion-corporation-1997-08-06.htm": (False, 1), "aastrom-2003-11-10.txt": (True, 0)}
    graphs = {r.source: r.graph_iri for r in store.releases()}
    assert store.query(catalog_messages_select(graphs["atrion-corporation-1997-08-06.htm"])).rows == ((ATRION_EPS,),)
    assert store.query(catalog_messages_select(graphs["aastrom-2003-11-10.txt"])).rows == ()
    store.close()


def test_stats_shows_the_reports_and_no_validate_skips_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    atrion = shared_path("corpus", "complete", "atrion-corporation-1997-08-06.htm")
    store = str(tmp_path / "s")
    assert main(["-q", "ingest", str(atrion), "--store", store]) == 0
    assert main(["-q", "ingest", str(SEED), "--store", store, "--no-validate"]) == 0
    capsys.readouterr()
    assert main(["stats", "--store", store]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[4] == "validated: 1  conforming: 0  not conforming: 1"
    assert sorted(line.split("triples  ", 1)[1] for line in lines[5:] if "triples" in line) == [
        "1 violation(s)  atrion-corporation-1997-08-06.htm",
        "not validated  aastrom-2003-11-10.txt",
    ]


def test_no_validate_summary_says_not_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(SEED), "--store", str(tmp_path / "s"), "--no-validate"]) == 0
    assert "  violations: not checked  " in capsys.readouterr().out.splitlines()[0]


def test_write_release_validates_by_default(tmp_path: Path) -> None:
    """The upload route's path: the same report as ``pressgraph ingest``."""
    (release,) = build_release_graphs(SEED)
    store = EmbeddedStore(tmp_path / "s")
    assert write_release(store, release) is True
    assert [(r.conforms, r.violation_count) for r in store.releases()] == [(True, 0)]
    store.close()
