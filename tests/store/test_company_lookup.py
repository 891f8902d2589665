"""Issue 10 item 4: a company by any of its names in every named query (library, CLI, remote stores).

One rule (:mod:`pressgraph.lookup`): the IRI, the legal name with or without its legal form, a short
name the graph records, the ticker bare or behind its exchange, any case and punctuation. The rows
are pinned on the hand-written Zeta Cell releases (``data/release-a.ttl``, ``release-b.ttl``); on
the seed, ingested through the real pipeline, each name gives exactly the rows of the IRI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from pressgraph.cli import main
from pressgraph.errors import AmbiguousName, UnknownName
from pressgraph.ingest import ingest, write_release
from pressgraph.pipeline import ReleaseGraph
from pressgraph.queries import QueryResult, compact, run_named
from pressgraph.rdf import iris
from pressgraph.store import open_store
from pressgraph.store.embedded import EmbeddedStore
from tests.conftest import SEED_ID
from tests.store.conftest import release_graph

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "aastrom-2003-11-10.txt"
ZETA = {"release-a": "zeta-2004-02-01", "release-b": "zeta-2004-05-01"}
# A second company whose short name is the first one's: "Zeta" names both.
ZETA_LABS = """
@prefix pg: <https://w3id.org/pressgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/pressgraph/id/> .
<release/zeta-labs-2004-03-01> a pg:Release ; pg:issuer <org/zeta-labs> ;
    schema:datePublished "2004-03-01"^^xsd:date ; schema:headline "Zeta Labs Opens a Laboratory" ;
    pg:sourceFile "zeta-labs-2004-03-01.txt" ; pg:sha256 "bbb" .
<org/zeta-labs> a pg:Company ; rdfs:label "Zeta Labs Ltd" ; pg:legalName "Zeta Labs Ltd" ;
    skos:altLabel "Zeta" ; pg:ticker "ZLAB" ; pg:exchange "OTC Bulletin Board" .
<org/societe-biotech> a pg:Company ; rdfs:label "Société Biotech S.A." .
"""

# Every spelling of Zeta Cell, Inc. (release-a: legal name "Zeta Cell, Inc.", short names "Zeta"
# and "ZETA", ticker ZETA on the Nasdaq National Market).
ZETA_NAMES = {
    "iri": "https://w3id.org/pressgraph/id/org/zeta-cell",
    "entity id": "org/zeta-cell",
    "legal name": "Zeta Cell, Inc.",
    "legal form without punctuation": "Zeta Cell Inc",
    "without legal form": "Zeta Cell",
    "other legal form": "Zeta Cell Corporation",
    "short name": "Zeta",
    "ticker": "ZETA",
    "ticker on its exchange": "NASDAQ:ZETA",
    "other case": "zeta CELL, INC.",
    "upper case, extra spaces": "  ZETA   CELL  ",
}
ZETA_ROWS: dict[str, list[tuple[str, ...]]] = {
    "company-profile": [
        ("id:org/zeta-cell", "Zeta Cell, Inc.", "ZETA; Zeta", "ZETA", "Nasdaq National Market",
         "id:release/zeta-2004-02-01", "2004-02-01", "Springfield, Ohio", "Zeta Cell Reports Results",
         "Jo Doe (Investor Relations, (555) 010-0000)"),
        ("id:org/zeta-cell", "Zeta Cell, Inc.", "ZETA; Zeta", "ZETA", "Nasdaq National Market",
         "id:release/zeta-2004-05-01", "2004-05-01", "Springfield, Ohio", "Zeta Cell Reports Second Quarter", ""),
    ],
    "products": [("id:org/zeta-cell", "id:product/zeta-cell/bone-kit", "bone kit", "kit", "")],
    "regulatory-events": [
        ("id:org/zeta-cell", "id:org/fda", "U.S. Food and Drug Administration", "approval", "IND application",
         "id:product/zeta-cell/bone-kit", "true", "", "id:release/zeta-2004-02-01", "2004-02-01",
         "The FDA approved the IND application."),
    ],
    "grants": [
        ("id:org/zeta-cell", "id:org/nih", "National Institutes of Health", "bone kit development", "", "800000",
         "id:release/zeta-2004-02-01", ""),
    ],
    "trials": [
        ("id:org/zeta-cell", "id:release/zeta-2004-02-01/event/trial-1", "id:product/zeta-cell/bone-kit", "bone kit",
         "Phase 1/2", "fracture", "planned", "Ortho Supply AG", "City Hospital", "", "id:release/zeta-2004-02-01", ""),
    ],
    "partners": [
        ("id:org/zeta-cell", "id:org/city-hospital", "City Hospital", "trial site", "id:product/zeta-cell/bone-kit",
         "id:release/zeta-2004-02-01"),
        ("id:org/zeta-cell", "id:org/nih", "National Institutes of Health", "funder", "", "id:release/zeta-2004-02-01"),
        ("id:org/zeta-cell", "id:org/ortho-supply", "Ortho Supply AG", "supplier", "id:product/zeta-cell/bone-kit",
         "id:release/zeta-2004-02-01"),
        ("id:org/zeta-cell", "id:org/ortho-supply", "Ortho Supply AG", "trial partner",
         "id:product/zeta-cell/bone-kit", "id:release/zeta-2004-02-01"),
    ],
    "financings": [
        ("id:org/zeta-cell", "id:release/zeta-2004-02-01/event/financing-1", "private placement", "completed",
         "5000000", "", "", "", "January 2004", "id:release/zeta-2004-02-01"),
    ],
    "people": [("id:org/zeta-cell", "id:person/jo-doe", "Jo Doe", "Investor Relations", "(555) 010-0000")],
    "financial-facts": [
        ("id:org/zeta-cell", "id:release/zeta-2004-02-01", "id:release/zeta-2004-02-01/fact/t1-r1-c2", "TableFact",
         "us-gaap:Revenues", "Total revenues", "1000000", "pg:USD", "2003-10-01", "2003-12-31", "3", "1000"),
        ("id:org/zeta-cell", "id:release/zeta-2004-02-01", "id:release/zeta-2004-02-01/fact/t1-r2-c2", "TableFact",
         "us-gaap:CostsAndExpenses", "Costs and expenses", "3000000", "pg:USD", "2003-10-01", "2003-12-31", "3",
         "1000"),
        ("id:org/zeta-cell", "id:release/zeta-2004-02-01", "id:release/zeta-2004-02-01/fact/t1-r3-c1", "TableFact",
         "us-gaap:NetIncomeLoss", "Net loss", "-1500000", "pg:USD", "2002-10-01", "2002-12-31", "3", "1000"),
        ("id:org/zeta-cell", "id:release/zeta-2004-02-01", "id:release/zeta-2004-02-01/fact/t1-r3-c2", "TableFact",
         "us-gaap:NetIncomeLoss", "Net loss", "-2005000", "pg:USD", "2003-10-01", "2003-12-31", "3", "1000"),
        ("id:org/zeta-cell", "id:release/zeta-2004-02-01", "id:release/zeta-2004-02-01/fact/x1", "TextFact",
         "us-gaap:NetIncomeLoss", "net loss", "-2200000", "pg:USD", "2003-10-01", "2003-12-31", "3", "100000"),
        ("id:org/zeta-cell", "id:release/zeta-2004-05-01", "id:release/zeta-2004-05-01/fact/t1-r3-c2", "TableFact",
         "us-gaap:NetIncomeLoss", "Net loss", "-2500000", "pg:USD", "2004-01-01", "2004-03-31", "3", "1000"),
    ],
    "timeline": [
        ("us-gaap:CostsAndExpenses", "3", "id:release/zeta-2004-02-01", "2004-02-01", "2003-12-31", "3000000", "", "",
         ""),
        ("us-gaap:NetIncomeLoss", "3", "id:release/zeta-2004-02-01", "2004-02-01", "2003-12-31", "-2005000", "", "",
         ""),
        ("us-gaap:NetIncomeLoss", "3", "id:release/zeta-2004-05-01", "2004-05-01", "2004-03-31", "-2500000",
         "id:release/zeta-2004-02-01", "-2005000", "-495000"),
        ("us-gaap:Revenues", "3", "id:release/zeta-2004-02-01", "2004-02-01", "2003-12-31", "1000000", "", "", ""),
    ],
    "consistency": [
        ("prose", "id:org/zeta-cell", "id:release/zeta-2004-02-01", "id:release/zeta-2004-02-01/fact/x1", "net loss",
         "us-gaap:NetIncomeLoss", "-2200000", "-2005000", "195000", "50000"),
        ("sum", "id:org/zeta-cell", "id:release/zeta-2004-02-01", "id:release/zeta-2004-02-01/fact/t1-r3-c2",
         "Net loss", "us-gaap:NetIncomeLoss", "-2005000", "-2000000", "5000", "1500"),
    ],
}  # fmt: skip
COMPANY_QUERIES = sorted(ZETA_ROWS)
SEED_NAMES = {
    "legal name": "Aastrom Biosciences, Inc.",
    "legal form without punctuation": "Aastrom Biosciences Inc",
    "without legal form": "Aastrom Biosciences",
    "short name": "Aastrom",
    "ticker": "ASTM",
    "ticker on its exchange": "NasdaqSC: ASTM",
    "other case": "AASTROM BIOSCIENCES, INC.",
    "lower-case ticker": "astm",
}
UNKNOWN = "company='Zeta Biotech Ltd': no organisation in the store has this name, short name or ticker"


def rows(result: QueryResult) -> list[tuple[str, ...]]:
    """Rows as displayed (IRIs compacted); "; "-lists sorted, since GROUP_CONCAT has no order."""

    def cell(value: Any) -> str:
        text = compact(value)
        return "; ".join(sorted(text.split("; "))) if "; " in text else text

    return [tuple(cell(v) for v in row) for row in result.rows]


@pytest.fixture(autouse=True)
def mini_ontology() -> None:
    """Override the store tests' small ontology: use the project's own ontology/pressgraph.ttl."""


def zeta_labs() -> ReleaseGraph:
    graph = Graph()
    graph.parse(data=ZETA_LABS, format="turtle")
    rid = "zeta-labs-2004-03-01"
    return ReleaseGraph(rid, str(iris.release_iri(rid)), str(iris.graph_iri(rid)), f"{rid}.txt", "0" * 64, graph, ())


def _build(path: Path, *, seed: bool, labs: bool) -> Path:
    store = open_store(path)
    for name, rid in ZETA.items():
        write_release(store, release_graph(name, rid))
    if labs:
        write_release(store, zeta_labs())
    if seed:
        assert ingest(store, [str(SEED)], progress=False).releases == 1
    store.close()
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Zeta Cell's two releases and the seed, on disk (closed: the CLI opens it itself)."""
    return _build(tmp_path_factory.mktemp("lookup") / "store", seed=True, labs=False)


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(store_dir, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="module")
def two_zetas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Zeta Cell, Inc. and Zeta Labs Ltd, both called "Zeta"."""
    return _build(tmp_path_factory.mktemp("lookup") / "two", seed=False, labs=True)


# --- every named query that takes a company --------------------------------------------------------


@pytest.mark.parametrize("how", sorted(ZETA_NAMES))
@pytest.mark.parametrize("query", COMPANY_QUERIES)
def test_company_by_any_name_gives_its_rows(store: EmbeddedStore, query: str, how: str) -> None:
    assert rows(run_named(store, query, {"company": ZETA_NAMES[how]})) == ZETA_ROWS[query]


@pytest.mark.parametrize("query", COMPANY_QUERIES)
def test_unknown_company_is_one_clear_error(store: EmbeddedStore, query: str) -> None:
    with pytest.raises(UnknownName) as caught:
        run_named(store, query, {"company": "Zeta Biotech Ltd"})
    assert str(caught.value) == UNKNOWN
    with pytest.raises(UnknownName, match=r"^company='org/zeta-biotech': no such entity in the store$"):
        run_named(store, query, {"company": "org/zeta-biotech"})


@pytest.mark.parametrize("how", sorted(SEED_NAMES))
@pytest.mark.parametrize("query", COMPANY_QUERIES)
def test_seed_company_by_any_name_gives_the_rows_of_its_iri(store: EmbeddedStore, query: str, how: str) -> None:
    by_iri = rows(run_named(store, query, {"company": "id:org/aastrom-biosciences"}))
    assert by_iri or query == "consistency"  # the seed passes every arithmetic check
    assert rows(run_named(store, query, {"company": SEED_NAMES[how]})) == by_iri


def test_seed_profile_by_short_name(store: EmbeddedStore) -> None:
    (row,) = rows(run_named(store, "company-profile", {"company": "aastrom"}))
    assert row[:7] == (
        "id:org/aastrom-biosciences",
        "Aastrom Biosciences, Inc.",
        "ASTM; Aastrom; Aastrom Biosciences",
        "ASTM",
        "Nasdaq SmallCap Market",
        "id:release/" + SEED_ID,
        "2003-11-10",
    )


# --- the other organisation and entity parameters --------------------------------------------------


@pytest.mark.parametrize("regulator", ["FDA", "fda", "U.S. Food and Drug Administration", "food & drug administration"])
def test_regulator_by_any_name(store: EmbeddedStore, regulator: str) -> None:
    result = run_named(store, "regulatory-events", {"company": "Zeta Cell", "regulator": regulator})
    assert rows(result) == ZETA_ROWS["regulatory-events"]


@pytest.mark.parametrize("funder", ["NIH", "National Institutes of Health", "US National Institutes of Health"])
def test_funder_by_any_name(store: EmbeddedStore, funder: str) -> None:
    assert rows(run_named(store, "grants", {"company": "ZETA", "funder": funder})) == ZETA_ROWS["grants"]


def test_product_and_related_entities(store: EmbeddedStore) -> None:
    assert rows(run_named(store, "trials", {"company": "zeta cell", "product": "Bone Kit"})) == ZETA_ROWS["trials"]
    trial, kit = "id:release/zeta-2004-02-01/event/trial-1", "id:product/zeta-cell/bone-kit"
    related = [
        ("2", "schema:sponsor", "<-", trial, "pg:site", "->", "", "", ""),
        ("2", "pg:sponsor", "<-", trial, "pg:site", "->", "", "", ""),
        ("2", "pg:sponsorsTrial", "->", trial, "pg:site", "->", "", "", ""),
        ("3", "schema:manufacturer", "<-", kit, "pg:product", "<-", trial, "pg:site", "->"),
        ("3", "pg:developedBy", "<-", kit, "pg:product", "<-", trial, "pg:site", "->"),
        ("3", "pg:hasPartner", "->", "id:org/ortho-supply", "pg:trialPartner", "<-", trial, "pg:site", "->"),
        ("3", "pg:hasProduct", "->", kit, "pg:product", "<-", trial, "pg:site", "->"),
        ("3", "pg:issuer", "<-", "id:release/zeta-2004-02-01", "pg:statedIn", "<-", trial, "pg:site", "->"),
    ]
    for source in ("org/zeta-cell", "Zeta Cell, Inc.", "zeta cell", "Zeta", "NASDAQ:ZETA"):
        for target in ("org/city-hospital", "City Hospital", "city hospital"):
            assert rows(run_named(store, "related", {"from": source, "to": target})) == related, (source, target)
    with pytest.raises(UnknownName, match=r"^to='Town Clinic': no entity in the store has this name"):
        run_named(store, "related", {"from": "ZETA", "to": "Town Clinic"})


def test_names_never_reach_the_query_text(store: EmbeddedStore) -> None:
    hostile = 'Zeta" } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    for params in ({"company": hostile}, {"regulator": hostile}, {"product": hostile}):
        with pytest.raises(UnknownName):
            run_named(store, "regulatory-events", params)
    assert len(store.releases()) == 3


# --- ambiguous names ---------------------------------------------------------------------------


def test_a_name_of_two_companies_lists_both(two_zetas: Path) -> None:
    store = EmbeddedStore(two_zetas, read_only=True)
    try:
        with pytest.raises(AmbiguousName) as caught:
            run_named(store, "products", {"company": "zeta"})
        assert str(caught.value) == (
            "company='zeta' matches 2 organisations: id:org/zeta-cell (Zeta Cell, Inc.), "
            "id:org/zeta-labs (Zeta Labs Ltd); give one of them by its IRI"
        )
        assert caught.value.candidates == (
            ("https://w3id.org/pressgraph/id/org/zeta-cell", "Zeta Cell, Inc."),
            ("https://w3id.org/pressgraph/id/org/zeta-labs", "Zeta Labs Ltd"),
        )
        # the exchange-qualified ticker is a ticker only, so it tells them apart; so do full names
        assert rows(run_named(store, "products", {"company": "NASDAQ:ZETA"})) == ZETA_ROWS["products"]
        labs = rows(run_named(store, "company-profile", {"company": "zlab"}))
        assert [r[:5] for r in labs] == [("id:org/zeta-labs", "Zeta Labs Ltd", "Zeta", "ZLAB", "OTC Bulletin Board")]
        assert rows(run_named(store, "company-profile", {"company": "Zeta Labs"})) == labs
        # a legal form that norm's own list misses ("S.A.") is still a legal form; accents count
        for name in ("Société Biotech", "SOCIÉTÉ BIOTECH SA", "société biotech s.a."):
            found = rows(run_named(store, "company-profile", {"company": name}))
            assert [r[0] for r in found] == ["id:org/societe-biotech"]
        with pytest.raises(UnknownName):
            run_named(store, "company-profile", {"company": "Societe Biotech"})
    finally:
        store.close()


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Aastrom Biosciences, Inc.", "aastrom biosciences", "Aastrom", "NASDAQ:astm"])
def test_cli_company_by_name(store_dir: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    argv = ["query", "people", "--store", str(store_dir), "--param", f"company={name}", "--format", "csv"]
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "company,person,name,jobTitle,telephone"
    assert [line.split(",")[:3] for line in out[1:]] == [
        [
            "https://w3id.org/pressgraph/id/org/aastrom-biosciences",
            "https://w3id.org/pressgraph/id/person/becky-anderson",
            "Becky Anderson",
        ],
        [
            "https://w3id.org/pressgraph/id/org/aastrom-biosciences",
            "https://w3id.org/pressgraph/id/person/kris-m-maly",
            "Kris M. Maly",
        ],
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Zeta Biotech Ltd", UNKNOWN),
        ("org/zeta-biotech", "company='org/zeta-biotech': no such entity in the store"),
    ],
)
def test_cli_unknown_company_is_one_line_exit_1(
    store_dir: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    assert main(["query", "trials", "--store", str(store_dir), "--param", f"company={name}"]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"pressgraph: error: {message}\n")


def test_cli_ambiguous_company_is_one_line_exit_1(two_zetas: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "timeline", "--store", str(two_zetas), "--param", "company=Zeta"]) == 1
    assert capsys.readouterr().err == (
        "pressgraph: error: company='Zeta' matches 2 organisations: id:org/zeta-cell (Zeta Cell, Inc.), "
        "id:org/zeta-labs (Zeta Labs Ltd); give one of them by its IRI\n"
    )


# --- remote stores: Oxigraph server and Virtuoso -------------------------------------------------


@pytest.mark.server
def test_remote_stores_apply_the_same_rule(server: Any) -> None:
    remote = server.remote()
    for rec in remote.catalog():
        remote.remove_release(rec.graph_iri)
    try:
        for name, rid in ZETA.items():
            write_release(remote, release_graph(name, rid))
        write_release(remote, zeta_labs())
        for how in ("legal name", "legal form without punctuation", "other case", "ticker on its exchange"):
            for query in ("company-profile", "trials", "partners", "financial-facts"):
                got = rows(run_named(remote, query, {"company": ZETA_NAMES[how]}))
                assert sorted(got) == sorted(ZETA_ROWS[query]), (server.name, how, query)
        assert rows(run_named(remote, "company-profile", {"company": "SOCIÉTÉ BIOTECH SA"}))[0][0] == (
            "id:org/societe-biotech"
        )
        with pytest.raises(AmbiguousName, match=r"^company='Zeta' matches 2 organisations"):
            run_named(remote, "products", {"company": "Zeta"})
        with pytest.raises(UnknownName) as caught:
            run_named(remote, "products", {"company": "Zeta Biotech Ltd"})
        assert str(caught.value) == UNKNOWN
    finally:
        for rec in remote.catalog():
            remote.remove_release(rec.graph_iri)
        remote.close()
