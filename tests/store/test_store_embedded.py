"""The embedded store: atomic, idempotent ingest and the named queries on hand-written graphs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pressgraph import pipeline
from pressgraph.errors import StoreError, UnknownName
from pressgraph.ingest import ingest
from pressgraph.queries import run_named
from pressgraph.store import open_store
from pressgraph.store.embedded import EmbeddedStore

PG = "https://w3id.org/pressgraph/ontology#"
ID = "https://w3id.org/pressgraph/id/"


def _count(store: EmbeddedStore) -> int:
    return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    s = open_store(tmp_path / "store")
    assert isinstance(s, EmbeddedStore)
    return s


def test_ingest_writes_one_graph_per_release_and_catalog(store: EmbeddedStore, fake_pipeline: Path) -> None:
    summary = ingest(store, [str(fake_pipeline)], progress=False)
    assert (summary.files, summary.releases, summary.written, summary.unchanged) == (2, 2, 2, 0)
    assert summary.triples == 162 + 28
    graphs = sorted(r.graph_iri for r in store.releases())
    assert graphs == [f"{ID}graph/zeta-2004-02-01", f"{ID}graph/zeta-2004-05-01"]
    # release graphs + the 7-triple ontology graph + 4 catalog triples for each of the three
    # the catalog: 4 facts per entry, and each release's report: conforms, count, one message
    # per violation (the fake releases have 13 and 2)
    assert _count(store) == 162 + 28 + 7 + 3 * 4 + 2 * 2 + 13 + 2


def test_materialises_class_and_property_hierarchy(store: EmbeddedStore, fake_pipeline: Path) -> None:
    ingest(store, [str(fake_pipeline)], progress=False)
    orgs = store.query(f"SELECT DISTINCT ?o WHERE {{ ?o a <{PG}Organization> }} ORDER BY ?o").rows
    assert [r[0] for r in orgs] == [
        f"<{ID}org/city-hospital>",
        f"<{ID}org/fda>",
        f"<{ID}org/nih>",
        f"<{ID}org/ortho-supply>",
        f"<{ID}org/zeta-cell>",
    ]
    pub = store.query("SELECT ?r WHERE { ?r <https://schema.org/publisher> ?c } ORDER BY ?r").rows
    assert len(pub) == 2


def test_reingest_unchanged_is_noop_and_changed_replaces(
    store: EmbeddedStore, fake_pipeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, [str(fake_pipeline)], progress=False)
    before = _count(store)
    again = ingest(store, [str(fake_pipeline)], progress=False)
    assert (again.written, again.unchanged) == (0, 2)
    assert _count(store) == before

    original = pipeline.build_release_graphs

    def changed(path: str | Path) -> list[pipeline.ReleaseGraph]:
        graphs = original(path)
        for rg in graphs:  # drop the headline: a changed release
            rg.graph.remove((None, __import__("rdflib").URIRef("https://schema.org/headline"), None))
        return graphs

    monkeypatch.setattr(pipeline, "build_release_graphs", changed)
    third = ingest(store, [str(fake_pipeline / "a.txt")], progress=False)
    assert (third.written, third.unchanged) == (1, 0)
    assert _count(store) == before - 1
    assert store.query("ASK { ?r <https://schema.org/headline> ?h }").boolean is True  # b kept


def test_failed_file_leaves_store_unchanged(
    store: EmbeddedStore, fake_pipeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, [str(fake_pipeline / "a.txt")], progress=False)
    before = store.export("nquads")
    original = pipeline.build_release_graphs

    def two_then_fail(path: str | Path) -> list[pipeline.ReleaseGraph]:
        graphs = original(fake_pipeline / "b.txt") + original(fake_pipeline / "a.txt")
        graphs[1].graph.remove((None, None, None))
        raise RuntimeError("extractor crashed after building two graphs")

    monkeypatch.setattr(pipeline, "build_release_graphs", two_then_fail)
    summary = ingest(store, [str(fake_pipeline / "a.txt")], progress=False)
    assert summary.skipped == [
        (str(fake_pipeline / "a.txt"), "RuntimeError: extractor crashed after building two graphs")
    ]
    assert summary.releases == 0
    assert store.export("nquads") == before


def test_failed_write_is_atomic(store: EmbeddedStore, fake_pipeline: Path) -> None:
    """A release whose update fails mid-way (bad triple at the end) changes nothing."""
    ingest(store, [str(fake_pipeline)], progress=False)
    before = store.export("nquads")
    rec = store.releases()[0]
    bad = store.graph_ntriples(rec.graph_iri).replace(" .\n", " .\n", 1) + "<a:b> <a:c> <not an iri> .\n"
    from dataclasses import replace

    with pytest.raises(StoreError, match="not valid N-Quads"):
        store.replace_release(rec.graph_iri, bad, replace(rec, sha256="changed"))
    assert store.export("nquads") == before


def test_skipped_file_has_one_line_reason(store: EmbeddedStore, fake_pipeline: Path) -> None:
    (fake_pipeline / "c.txt").write_text("x")
    summary = ingest(store, [str(fake_pipeline)], progress=False)
    assert summary.skipped == [(str(fake_pipeline / "c.txt"), "c.txt: not a release")]
    assert summary.releases == 2


def test_remove_release(store: EmbeddedStore, fake_pipeline: Path) -> None:
    ingest(store, [str(fake_pipeline)], progress=False)
    store.remove_release(f"{ID}graph/zeta-2004-05-01")
    assert [r.graph_iri for r in store.releases()] == [f"{ID}graph/zeta-2004-02-01"]
    assert _count(store) == 162 + 7 + 2 * 4 + 2 + 13  # the kept release's report stays


def test_store_persists_on_disk(tmp_path: Path, fake_pipeline: Path) -> None:
    first = open_store(tmp_path / "s")
    ingest(first, [str(fake_pipeline)], progress=False)
    first.close()
    del first
    second = open_store(tmp_path / "s")
    assert len(second.releases()) == 2


# --- named queries ------------------------------------------------------------------------------


@pytest.fixture
def loaded(store: EmbeddedStore, fake_pipeline: Path) -> EmbeddedStore:
    ingest(store, [str(fake_pipeline)], progress=False)
    return store


def test_company_profile_by_ticker(loaded: EmbeddedStore) -> None:
    r = run_named(loaded, "company-profile", {"company": "zeta"})
    assert r.variables[:5] == ("company", "legalName", "otherNames", "ticker", "exchange")
    from datetime import date

    assert [row[5:8] for row in r.rows] == [
        (f"<{ID}release/zeta-2004-02-01>", date(2004, 2, 1), "Springfield, Ohio"),
        (f"<{ID}release/zeta-2004-05-01>", date(2004, 5, 1), "Springfield, Ohio"),
    ]
    assert r.rows[0][:5] == (f"<{ID}org/zeta-cell>", "Zeta Cell, Inc.", "ZETA; Zeta", "ZETA", "Nasdaq National Market")
    assert r.rows[0][9] == "Jo Doe (Investor Relations, (555) 010-0000)"


def test_financial_facts_filter_by_concept_and_period(loaded: EmbeddedStore) -> None:
    r = run_named(loaded, "financial-facts", {"concept": "NetIncomeLoss", "period": "2003-10-01--2003-12-31"})
    assert [(row[2].rsplit("/", 1)[1], row[3], row[6]) for row in r.rows] == [
        ("t1-r3-c2>", "TableFact", Decimal("-2005000")),
        ("x1>", "TextFact", Decimal("-2200000")),
    ]


def test_timeline_change_from_previous_release(loaded: EmbeddedStore) -> None:
    r = run_named(loaded, "timeline", {"company": "Zeta Cell, Inc.", "concept": "NetIncomeLoss"})
    assert [(row[2].rsplit("/", 1)[1], row[5], row[7], row[8]) for row in r.rows] == [
        ("zeta-2004-02-01>", Decimal("-2005000"), None, None),
        ("zeta-2004-05-01>", Decimal("-2500000"), Decimal("-2005000"), Decimal("-495000")),
    ]


def test_consistency_finds_sum_and_prose_failures(loaded: EmbeddedStore) -> None:
    r = run_named(loaded, "consistency", {})
    assert [(row[0], row[3].rsplit("/", 1)[1], row[7], row[8], row[9]) for row in r.rows] == [
        ("prose", "x1>", Decimal("-2005000"), Decimal("195000"), Decimal("50000")),
        ("sum", "t1-r3-c2>", Decimal("-2000000"), Decimal("5000"), Decimal("1500")),
    ]


def test_partners_roles(loaded: EmbeddedStore) -> None:
    r = run_named(loaded, "partners", {"company": "ZETA"})
    assert [(row[2], row[3]) for row in r.rows] == [
        ("City Hospital", "trial site"),
        ("National Institutes of Health", "funder"),
        ("Ortho Supply AG", "supplier"),
        ("Ortho Supply AG", "trial partner"),
    ]


def test_other_event_queries(loaded: EmbeddedStore) -> None:
    assert [row[4] for row in run_named(loaded, "regulatory-events", {"regulator": "FDA"}).rows] == ["IND application"]
    assert [row[5] for row in run_named(loaded, "grants", {"funder": "nih"}).rows] == [Decimal(800000)]
    assert [(row[5], row[6], row[7], row[8]) for row in run_named(loaded, "trials", {}).rows] == [
        ("fracture", "planned", "Ortho Supply AG", "City Hospital")
    ]
    assert [(row[2], row[4]) for row in run_named(loaded, "financings", {}).rows] == [
        ("private placement", Decimal(5000000))
    ]
    assert [row[2] for row in run_named(loaded, "people", {"company": "zeta"}).rows] == ["Jo Doe"]
    assert [(row[2], row[3]) for row in run_named(loaded, "products", {}).rows] == [("bone kit", "kit")]


def test_related_paths(loaded: EmbeddedStore) -> None:
    r = run_named(loaded, "related", {"from": "zeta", "to": "City Hospital"})
    two_hop = [(row[1], row[2], row[4], row[5]) for row in r.rows if row[0] == 2]
    assert two_hop == [
        (f"<{PG}sponsor>", "<-", f"<{PG}site>", "->"),
        (f"<{PG}sponsorsTrial>", "->", f"<{PG}site>", "->"),
    ]
    assert len([row for row in r.rows if row[0] == 3]) == 4


def test_unknown_name_is_an_error_not_an_empty_answer(loaded: EmbeddedStore) -> None:
    with pytest.raises(UnknownName, match=r"^company='No Such Company': no organisation in the store has this name"):
        run_named(loaded, "products", {"company": "No Such Company"})


def test_parallel_workers_give_the_same_store(tmp_path: Path, fake_pipeline: Path) -> None:
    one, two = open_store(tmp_path / "one"), open_store(tmp_path / "two")
    ingest(one, [str(fake_pipeline)], workers=1, progress=False)
    summary = ingest(two, [str(fake_pipeline / "*.txt")], workers=2, progress=False)
    assert (summary.files, summary.written) == (2, 2)
    assert sorted(one.export("nquads").splitlines()) == sorted(two.export("nquads").splitlines())


def test_no_progress_lines_when_not_a_tty(
    store: EmbeddedStore, fake_pipeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12: the bar is for terminals only; a log gets the summary, not a line per few files."""
    ingest(store, [str(fake_pipeline)], progress=True)
    assert capsys.readouterr().err == ""


def test_write_release_for_api_callers(store: EmbeddedStore) -> None:
    from pressgraph.ingest import write_release

    rg = _graph("release-b", "zeta-2004-05-01")
    assert write_release(store, rg) is True
    assert write_release(store, rg) is False
    assert [r.triples for r in store.releases()] == [28]


def _graph(name: str, release_id: str) -> pipeline.ReleaseGraph:
    from rdflib import Graph

    g = Graph()
    g.parse(Path(__file__).parent / "data" / f"{name}.ttl", format="turtle")
    return pipeline.ReleaseGraph(
        release_id, f"{ID}release/{release_id}", f"{ID}graph/{release_id}", f"{release_id}.txt", "0" * 64, g, ()
    )
