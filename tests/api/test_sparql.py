"""The SPARQL 1.1 Protocol endpoint, used as a client would: SPARQLWrapper and httpx."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from pressgraph.api import _negotiation as neg

pytestmark = pytest.mark.server

PREFIX = "PREFIX pg: <https://w3id.org/pressgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
FIXTURE_PRODUCTS = PREFIX + ('SELECT ?p ?l WHERE { ?p a pg:Product ; rdfs:label ?l . FILTER(?l = "NovaCell") }')
ACME = "https://w3id.org/pressgraph/id/org/acme-bio"
NOVACELL = "https://w3id.org/pressgraph/id/product/acme-bio/novacell"


def _wrapper(url: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(url + "/sparql")
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


def test_select_json_with_sparqlwrapper_get_and_post(live) -> None:
    for method in ("GET", "POST"):
        sw = _wrapper(live.url, JSON, method)
        sw.setQuery(FIXTURE_PRODUCTS)
        result = sw.queryAndConvert()
        assert result["head"]["vars"] == ["p", "l"]
        assert result["results"]["bindings"] == [
            {"p": {"type": "uri", "value": NOVACELL}, "l": {"type": "literal", "value": "NovaCell"}}
        ]


def test_select_xml_csv_tsv(live) -> None:
    sw = _wrapper(live.url, XML)
    sw.setQuery(FIXTURE_PRODUCTS)
    doc = sw.query().response.read()
    root = ET.fromstring(doc)
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert [u.text for u in root.findall(".//s:uri", ns)] == [NOVACELL]
    sw = _wrapper(live.url, CSV)
    sw.setQuery(FIXTURE_PRODUCTS)
    rows = list(csv.reader(io.StringIO(sw.query().response.read().decode())))
    assert rows == [["p", "l"], [NOVACELL, "NovaCell"]]
    sw = _wrapper(live.url, TSV)
    sw.setQuery(FIXTURE_PRODUCTS)
    text = sw.query().response.read().decode()
    assert text == f'?p\t?l\n<{NOVACELL}>\t"NovaCell"\n'


def test_ask_and_typed_literals(live) -> None:
    r = httpx.get(live.url + "/sparql", params={"query": f"ASK {{ <{ACME}> ?p ?o }}"})
    assert r.json() == {"head": {}, "boolean": True}
    q = PREFIX + (
        f"SELECT ?v WHERE {{ <{ACME.replace('/org/acme-bio', '')}/release/acme-2020-01-02/fact/t1-r1-c1> pg:value ?v }}"
    )
    r = httpx.get(live.url + "/sparql", params={"query": q})
    assert r.json()["results"]["bindings"] == [
        {"v": {"type": "literal", "value": "-2838000", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}}
    ]


def test_construct_turtle_and_jsonld_and_ntriples(live) -> None:
    q = PREFIX + f"CONSTRUCT {{ <{ACME}> pg:hasPartner ?o }} WHERE {{ <{ACME}> pg:hasPartner ?o }}"
    sw = _wrapper(live.url, TURTLE)
    sw.setQuery(q)
    g = Graph().parse(data=sw.query().response.read().decode(), format="turtle")
    assert sorted(str(o) for o in g.objects()) == [
        "https://w3id.org/pressgraph/id/org/state-university",
        "https://w3id.org/pressgraph/id/org/widget",
    ]
    for accept, fmt in (("application/ld+json", "json-ld"), ("application/n-triples", "nt")):
        r = httpx.post(
            live.url + "/sparql", content=q, headers={"Content-Type": "application/sparql-query", "Accept": accept}
        )
        assert r.headers["content-type"].startswith(accept)
        assert len(Graph().parse(data=r.text, format=fmt)) == 2


def test_describe_and_graph_row_cap(live) -> None:
    fda = "https://w3id.org/pressgraph/id/org/fda"
    r = httpx.get(live.url + "/sparql", params={"query": f"DESCRIBE <{fda}>"}, headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    assert "FDA" in {str(o) for o in g.objects(URIRef(fda), SKOS.altLabel)}
    r = httpx.get(live.url + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert (r.status_code, r.json()) == (
        422,
        {"error": "query returned more than 50 triples; add LIMIT or narrow the pattern"},
    )


def test_form_encoded_post(live) -> None:
    r = httpx.post(live.url + "/sparql", data={"query": FIXTURE_PRODUCTS}, headers={"Accept": "text/csv"})
    assert r.status_code == 200
    assert r.text == f"p,l\r\n{NOVACELL},NovaCell\r\n"


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("SELEKT * WHERE { ?s ?p ?o }", 400, "malformed SPARQL query"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "read-only"),
        ("LOAD <http://example.org/data.ttl>", 403, "read-only"),
        ("DROP ALL", 403, "read-only"),
        (
            "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://example.org/sparql> { ?s ?q ?r } } }",
            403,
            "SERVICE is refused",
        ),
        ("SELECT * WHERE { ?s ?p ?o }", 422, "more than 50 rows"),
        (
            "SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?a WHERE { ?a ?b ?c } LIMIT 100 } "
            "{ SELECT ?d WHERE { ?d ?e ?f } LIMIT 100 } { SELECT ?g WHERE { ?g ?h ?i } LIMIT 100 } "
            "{ SELECT ?j WHERE { ?j ?k ?l } LIMIT 10 } "
            "FILTER(STRLEN(STR(?a)) + STRLEN(STR(?d)) > STRLEN(STR(?g))) }",
            408,
            "query exceeded the 1 s limit",
        ),
    ],
)
def test_refusals_are_4xx_json(live, query: str, status: int, message: str) -> None:
    r = httpx.get(live.url + "/sparql", params={"query": query}, timeout=30)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    assert message in r.json()["error"]


def test_protocol_refusals(live) -> None:
    r = httpx.post(live.url + "/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert (r.status_code, r.json()["error"]) == (403, "this endpoint is read-only: SPARQL updates are refused")
    r = httpx.post(live.url + "/sparql", data={"update": "DROP ALL"})
    assert r.status_code == 403
    r = httpx.post(live.url + "/sparql", content=b"\x00\x01", headers={"Content-Type": "image/png"})
    assert r.status_code == 415
    r = httpx.get(live.url + "/sparql")
    assert (r.status_code, r.json()) == (400, {"error": "missing 'query' parameter"})
    r = httpx.get(live.url + "/sparql", params={"query": FIXTURE_PRODUCTS}, headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_negotiation_table() -> None:
    assert neg.choose(neg.RESULT_FORMATS, "text/csv;q=0.5, application/sparql-results+xml").name == "xml"
    assert neg.choose(neg.RESULT_FORMATS, None).name == "json"
    assert neg.choose(neg.GRAPH_FORMATS, "application/json").name == "json-ld"
    assert neg.choose(neg.PAGE_FORMATS, "text/html,application/xhtml+xml,*/*;q=0.8").name == "html"
    assert neg.choose(neg.PAGE_FORMATS, "image/png") is None
    assert neg.choose(neg.PAGE_FORMATS, None, "turtle").name == "turtle"


def test_router_is_mountable(live) -> None:
    """The router alone, under a prefix of another app, starts its own worker pool."""
    from fastapi import FastAPI

    from pressgraph.api import sparql_router
    from pressgraph.store.query_pool import QueryPool
    from tests.api.conftest import serve_app

    app = FastAPI()
    pool = QueryPool(live.store, workers=1)
    app.include_router(sparql_router(runner=pool), prefix="/kg")
    try:
        with serve_app(app) as url:
            r = httpx.get(url + "/kg/sparql", params={"query": FIXTURE_PRODUCTS}, timeout=30)
    finally:
        pool.close()
    assert json.loads(r.content)["results"]["bindings"][0]["l"]["value"] == "NovaCell"


def test_openapi_describes_every_route(live) -> None:
    spec = httpx.get(live.url + "/openapi.json").json()
    assert sorted(spec["paths"]) == [
        "/",
        "/entities",
        "/entities/{entity_id}",
        "/financials/{company}",
        "/paths",
        "/queries",
        "/queries/{name}",
        "/releases",
        "/releases/{release_id}",
        "/sparql",
        "/store",
    ]
    post = spec["paths"]["/sparql"]["post"]
    assert sorted(post["requestBody"]["content"]) == ["application/sparql-query", "application/x-www-form-urlencoded"]
    assert sorted(post["responses"]) == ["200", "400", "403", "406", "408", "413", "415", "422", "429", "503"]
    assert sorted(spec["paths"]["/releases"]["post"]["responses"]) == ["201", "401", "403", "413", "415", "422"]
    entity = spec["paths"]["/entities/{entity_id}"]["get"]
    assert entity["parameters"][0]["schema"]["examples"] == ["org/fda"]
