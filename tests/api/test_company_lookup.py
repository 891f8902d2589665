"""Issue 10 item 4 over HTTP: a company by any of its names in every named query, entity page and
path route, over a real socket (the live server: the fixture release and the seed).

Rows are pinned on the fixture's Acme Bio, Inc. (short names "Acme" and "ACMB", ticker ACMB); on
the seed, ingested through the real pipeline, each name gives exactly the rows of the IRI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from rdflib import Graph

from pressgraph.api import create_app
from pressgraph.ingest import write_release
from pressgraph.pipeline import ReleaseGraph
from pressgraph.queries import compact
from pressgraph.rdf import iris
from pressgraph.store.embedded import EmbeddedStore
from tests.api.conftest import _load_fixture, serve_app

pytestmark = pytest.mark.server

JSON = {"Accept": "application/json"}
ACME_NAMES = {
    "entity id": "org/acme-bio",
    "iri": "https://w3id.org/pressgraph/id/org/acme-bio",
    "legal name": "Acme Bio, Inc.",
    "legal form without punctuation": "Acme Bio Inc",
    "without legal form": "Acme Bio",
    "short name": "Acme",
    "ticker": "ACMB",
    "ticker on its exchange": "NASDAQ: ACMB",
    "other case": "ACME bio, inc.",
}
ACME_ROWS: dict[str, list[tuple[str, ...]]] = {
    "company-profile": [
        ("id:org/acme-bio", "Acme Bio, Inc.", "ACMB; Acme", "ACMB", "", "id:release/acme-2020-01-02", "2020-01-02", "",
         "Acme Bio Announces FDA Clearance and Trial with State University", ""),
    ],
    "products": [("id:org/acme-bio", "id:product/acme-bio/novacell", "NovaCell", "cell therapy", "")],
    "regulatory-events": [
        ("id:org/acme-bio", "id:org/fda", "U.S. Food and Drug Administration", "clearance", "IND",
         "id:product/acme-bio/novacell", "", "", "id:release/acme-2020-01-02", "2020-01-02",
         "U.S. Food and Drug Administration cleared its IND for NovaCell"),
    ],
    "grants": [],
    "trials": [
        ("id:org/acme-bio", "id:release/acme-2020-01-02/event/trial-1", "id:product/acme-bio/novacell", "NovaCell",
         "Phase 1/2", "", "planned", "State University", "City Hospital", "", "id:release/acme-2020-01-02", ""),
    ],
    "partners": [
        ("id:org/acme-bio", "id:org/city-hospital", "City Hospital", "trial site", "id:product/acme-bio/novacell",
         "id:release/acme-2020-01-02"),
        ("id:org/acme-bio", "id:org/state-university", "State University", "trial partner",
         "id:product/acme-bio/novacell", "id:release/acme-2020-01-02"),
        ("id:org/acme-bio", "id:org/widget", "Widget GmbH", "supplier", "", "id:release/acme-2020-01-02"),
    ],
    "financings": [],
    "people": [],
    "financial-facts": [
        ("id:org/acme-bio", "id:release/acme-2020-01-02", "id:release/acme-2020-01-02/fact/t1-r1-c1", "TableFact",
         "us-gaap:NetIncomeLoss", "Net loss", "-2838000", "pg:USD", "", "", "", ""),
        ("id:org/acme-bio", "id:release/acme-2020-01-02", "id:release/acme-2020-01-02/fact/text-1", "TextFact",
         "us-gaap:NetIncomeLoss", "Net loss", "-2800000", "pg:USD", "", "", "", ""),
    ],
    "timeline": [],  # the fixture describes no periods
    "consistency": [],
}  # fmt: skip
COMPANY_QUERIES = sorted(ACME_ROWS)
SEED_NAMES = ["Aastrom Biosciences, Inc.", "aastrom biosciences inc", "Aastrom", "ASTM", "NasdaqSC:ASTM"]
UNKNOWN = "company='Nope Corp': no organisation in the store has this name, short name or ticker"
# A second company also called "Acme", for the ambiguous-name answers.
ACME_LABS = """
@prefix pg: <https://w3id.org/pressgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@base <https://w3id.org/pressgraph/id/> .
<release/acme-labs-2021-05-01> a pg:Release ; pg:issuer <org/acme-labs> .
<org/acme-labs> a pg:Company ; rdfs:label "Acme Labs Ltd" ; pg:legalName "Acme Labs Ltd" ; skos:altLabel "ACME" .
"""


def run(url: str, query: str, **params: str) -> httpx.Response:
    return httpx.get(f"{url}/queries/{query}", params=params, headers=JSON, timeout=30)


def rows(response: httpx.Response) -> list[tuple[str, ...]]:
    """SPARQL JSON rows as displayed (IRIs compacted), "; "-lists sorted."""
    assert response.status_code == 200, response.text

    def cell(term: dict[str, str] | None) -> str:
        if term is None:
            return ""
        text = compact(f"<{term['value']}>") if term["type"] == "uri" else term["value"]
        return "; ".join(sorted(text.split("; "))) if "; " in text else text

    body = response.json()
    return [tuple(cell(b.get(v)) for v in body["head"]["vars"]) for b in body["results"]["bindings"]]


# --- named queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("how", sorted(ACME_NAMES))
@pytest.mark.parametrize("query", COMPANY_QUERIES)
def test_named_query_takes_any_name_of_the_company(live: Any, query: str, how: str) -> None:
    assert rows(run(live.url, query, company=ACME_NAMES[how])) == ACME_ROWS[query]


@pytest.mark.parametrize("query", COMPANY_QUERIES)
def test_named_query_with_unknown_company_is_404_json(live: Any, query: str) -> None:
    r = run(live.url, query, company="Nope Corp")
    assert (r.status_code, r.headers["content-type"], r.json()) == (404, "application/json", {"error": UNKNOWN})
    r = run(live.url, query, company="org/nope")
    assert (r.status_code, r.json()) == (404, {"error": "company='org/nope': no such entity in the store"})


@pytest.mark.parametrize("name", SEED_NAMES)
@pytest.mark.parametrize("query", COMPANY_QUERIES)
def test_seed_company_by_any_name_gives_the_rows_of_its_iri(live: Any, query: str, name: str) -> None:
    by_iri = rows(run(live.url, query, company="org/aastrom-biosciences"))
    assert by_iri or query == "consistency"
    assert rows(run(live.url, query, company=name)) == by_iri


def test_other_organisation_parameters(live: Any) -> None:
    for regulator in ("FDA", "food and drug administration", "U.S. Food & Drug Administration"):
        got = rows(run(live.url, "regulatory-events", company="acme bio", regulator=regulator))
        assert got == ACME_ROWS["regulatory-events"]
    assert rows(run(live.url, "trials", company="ACMB", product="novacell")) == ACME_ROWS["trials"]
    by_iri = rows(run(live.url, "related", **{"from": "org/acme-bio", "to": "org/widget"}))
    assert ("1", "pg:hasPartner", "->", "", "", "", "", "", "") in by_iri
    assert rows(run(live.url, "related", **{"from": "Acme Bio Inc", "to": "WIDGET GMBH"})) == by_iri
    assert rows(run(live.url, "related", **{"from": "acmb", "to": "Widget"})) == by_iri
    r = run(live.url, "regulatory-events", regulator="Ministry of Magic")
    assert (r.status_code, r.json()) == (
        404,
        {"error": "regulator='Ministry of Magic': no organisation in the store has this name, short name or ticker"},
    )


# --- entity pages and paths -----------------------------------------------------------------------


@pytest.mark.parametrize("how", sorted(ACME_NAMES))
def test_entity_page_by_any_name(live: Any, how: str) -> None:
    r = httpx.get(f"{live.url}/entities/{ACME_NAMES[how]}", headers=JSON)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["id"], body["label"], body["aliases"]) == ("org/acme-bio", "Acme Bio, Inc.", ["ACMB", "Acme"])


def test_entity_page_by_name_in_every_format(live: Any) -> None:
    html = httpx.get(f"{live.url}/entities/acme bio").text
    assert '<h1 id="label">Acme Bio, Inc.</h1>' in html
    turtle = httpx.get(f"{live.url}/entities/ACMB", params={"format": "turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert len(graph) > 10
    seed = httpx.get(f"{live.url}/entities/Aastrom Biosciences Inc", headers=JSON).json()
    assert (seed["id"], seed["label"]) == ("org/aastrom-biosciences", "Aastrom Biosciences, Inc.")


def test_entity_page_for_unknown_name_is_404_json(live: Any) -> None:
    r = httpx.get(f"{live.url}/entities/Nope Corp", headers=JSON)
    assert (r.status_code, r.json()) == (404, {"error": "unknown entity: Nope Corp"})


def test_paths_by_names(live: Any) -> None:
    want = httpx.get(f"{live.url}/paths", params={"from": "org/acme-bio", "to": "org/fda"}, headers=JSON).json()
    assert want["paths"]
    for source, target in (("Acme Bio, Inc.", "FDA"), ("acme", "U.S. Food and Drug Administration"), ("ACMB", "fda")):
        got = httpx.get(f"{live.url}/paths", params={"from": source, "to": target}, headers=JSON).json()
        assert got["paths"] == want["paths"], (source, target)
    r = httpx.get(f"{live.url}/paths", params={"from": "Nope Corp", "to": "FDA"}, headers=JSON)
    assert (r.status_code, r.json()) == (404, {"error": "unknown entity: Nope Corp"})


# --- a name of two companies ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_acmes() -> Iterator[str]:
    """A server over the fixture release and a second company also called "Acme"."""
    store = EmbeddedStore(None)
    _load_fixture(store)
    graph = Graph().parse(data=ACME_LABS, format="turtle")
    rid = "acme-labs-2021-05-01"
    write_release(
        store,
        ReleaseGraph(rid, str(iris.release_iri(rid)), str(iris.graph_iri(rid)), f"{rid}.txt", "0" * 64, graph, ()),
    )
    app = create_app(store)
    assert app.state.runner.wait_ready()
    with serve_app(app) as url:
        yield url
    app.state.runner.close()


CANDIDATES = [
    {"iri": "https://w3id.org/pressgraph/id/org/acme-bio", "id": "org/acme-bio", "label": "Acme Bio, Inc."},
    {"iri": "https://w3id.org/pressgraph/id/org/acme-labs", "id": "org/acme-labs", "label": "Acme Labs Ltd"},
]
LISTED = "id:org/acme-bio (Acme Bio, Inc.), id:org/acme-labs (Acme Labs Ltd); give one of them by its IRI"


@pytest.mark.parametrize("query", COMPANY_QUERIES)
def test_ambiguous_company_is_409_listing_the_candidates(two_acmes: str, query: str) -> None:
    r = run(two_acmes, query, company="acme")
    assert (r.status_code, r.json()) == (
        409,
        {"error": f"company='acme' matches 2 organisations: {LISTED}", "candidates": CANDIDATES},
    )
    # the full name, the ticker and the IRI name one of them
    for name in ("Acme Bio", "ACMB", "NASDAQ:ACMB", "org/acme-bio"):
        assert rows(run(two_acmes, query, company=name)) == ACME_ROWS[query], name


def test_ambiguous_entity_page_and_path_are_409(two_acmes: str) -> None:
    r = httpx.get(f"{two_acmes}/entities/Acme", headers=JSON)
    assert (r.status_code, r.json()) == (
        409,
        {"error": f"entity 'Acme' matches 2 entities: {LISTED}", "candidates": CANDIDATES},
    )
    r = httpx.get(f"{two_acmes}/paths", params={"from": "ACME", "to": "FDA"}, headers=JSON)
    assert (r.status_code, r.json()["candidates"]) == (409, CANDIDATES)
    labs = httpx.get(f"{two_acmes}/entities/Acme Labs", headers=JSON).json()
    assert labs["id"] == "org/acme-labs"
