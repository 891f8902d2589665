"""Parameter binding safety, query headers, and the store CLI (happy path and one-line errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressgraph.cli import main
from pressgraph.errors import QueryError, UnknownName
from pressgraph.ingest import ingest
from pressgraph.queries import bind, list_queries, load_query, run_named
from pressgraph.store import open_store
from pressgraph.store.embedded import EmbeddedStore

NASTY = '"> } DROP ALL #'
EXPECTED = {
    "company-profile",
    "products",
    "regulatory-events",
    "grants",
    "trials",
    "partners",
    "financings",
    "people",
    "financial-facts",
    "timeline",
    "related",
    "consistency",
}


@pytest.fixture
def loaded(tmp_path: Path, fake_pipeline: Path) -> EmbeddedStore:
    store = open_store(tmp_path / "store")
    ingest(store, [str(fake_pipeline)], progress=False)
    return store  # type: ignore[return-value]


def test_every_competency_query_exists_and_documents_itself() -> None:
    queries = {q.name: q for q in list_queries()}
    assert set(queries) == EXPECTED
    for q in queries.values():
        assert q.description, q.name
        assert q.columns, q.name
    assert [(p.name, p.type, p.required) for p in queries["timeline"].params] == [
        ("company", "organization", True),
        ("concept", "concept", False),
    ]


@pytest.mark.parametrize("param", ["company", "concept", "period", "release"])
def test_hostile_value_is_bound_as_a_term_and_harms_nothing(loaded: EmbeddedStore, param: str) -> None:
    before = loaded.export("nquads")
    try:
        result = run_named(loaded, "financial-facts", {param: NASTY})
        assert result.rows == ()
    except QueryError as exc:  # typed params refuse it outright, with one line
        assert "\n" not in str(exc)
    assert loaded.export("nquads") == before


def test_hostile_name_becomes_an_escaped_literal(loaded: EmbeddedStore) -> None:
    with pytest.raises(UnknownName, match=r"^company='ACME': no organisation in the store has this name"):
        bind(loaded, load_query("trials"), {"company": "ACME"})  # a name that matches nothing is an error
    sparql = bind(loaded, load_query("financial-facts"), {"concept": "NetIncomeLoss"})
    assert "VALUES (?concept) { (<http://fasb.org/us-gaap/2024#NetIncomeLoss>) " in sparql
    from pressgraph import queries

    block = queries.values_block({"x": [__import__("rdflib").Literal(NASTY)]})
    assert block == 'VALUES (?x) { ("\\"> } DROP ALL #") }'
    with pytest.raises(UnknownName):
        run_named(loaded, "people", {"company": NASTY})
    with pytest.raises(UnknownName):
        run_named(loaded, "related", {"from": NASTY, "to": "zeta"})
    assert len(loaded.releases()) == 2


def test_parameter_errors_are_one_line(loaded: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="needs --param company"):
        run_named(loaded, "timeline", {})
    with pytest.raises(QueryError, match="has no parameter 'nope'"):
        run_named(loaded, "products", {"nope": "1"})
    with pytest.raises(QueryError, match="unknown query 'nope'"):
        run_named(loaded, "nope", {})
    with pytest.raises(QueryError, match="bad period"):
        run_named(loaded, "financial-facts", {"period": "last year"})


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_ingest_query_stats_export(tmp_path: Path, fake_pipeline: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "cli-store")
    assert main(["ingest", str(fake_pipeline), "--store", store]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "files: 2  releases: 2  written: 2  unchanged: 0  triples: 190  violations: 15  warnings: 0  skipped: 0"
    )
    assert main(["query", "products", "--store", store, "--param", "company=zeta", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert rows == [
        {
            "company": "https://w3id.org/pressgraph/id/org/zeta-cell",
            "product": "https://w3id.org/pressgraph/id/product/zeta-cell/bone-kit",
            "name": "bone kit",
            "kind": "kit",
            "aliases": None,
        }
    ]
    assert (
        main(
            [
                "query",
                "--sparql",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/pressgraph/ontology#Release> }",
                "--store",
                store,
                "--format",
                "csv",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == "n\n2\n"
    assert main(["stats", "--store", store]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == ["releases: 2", "triples: 190", "ontology: loaded"]
    out_file = tmp_path / "dump.nq"
    assert main(["export", "--store", store, "-o", str(out_file)]) == 0
    assert len(out_file.read_text().splitlines()) == 190 + 7 + 12 + 2 * 2 + 15  # + the reports


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "nope"], "pressgraph: error: unknown query 'nope'"),
        (["query", "timeline"], "pressgraph: error: query timeline needs --param company=..."),
        (["query", "products", "--param", "x"], "pressgraph: error: --param needs name=value, got 'x'"),
        (["query", "--sparql", "SELECT nonsense"], "pressgraph: error: bad SPARQL: "),
        (["query", "--sparql", "DROP ALL"], "pressgraph: error: bad SPARQL: "),
        (["query"], "pressgraph: error: give a query NAME, a FILE.rq or --sparql TEXT (one of them)"),
        (["export", "--format", "nquads"], None),
        (["load"], "pressgraph: error: pressgraph load needs --endpoint URL (the store to push to)"),
        (["ingest", "/no/such/file.txt"], "pressgraph: error: no such file or folder: /no/such/file.txt"),
        (
            ["query", "products", "--endpoint", "http://127.0.0.1:9/sparql"],
            "pressgraph: error: cannot reach http://127.0.0.1:9/sparql",
        ),
    ],
)
def test_cli_errors_are_one_line_exit_1(
    tmp_path: Path, fake_pipeline: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str | None
) -> None:
    store = str(tmp_path / "err-store")
    main(["ingest", str(fake_pipeline), "--store", store])
    capsys.readouterr()
    extra = [] if "--endpoint" in argv else ["--store", store]
    if message is None:  # a missing store is an error too
        extra = ["--store", str(tmp_path / "missing")]
        message = f"pressgraph: error: no store at {tmp_path / 'missing'} (run pressgraph ingest first)"
    assert main([*argv, *extra]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(message)
