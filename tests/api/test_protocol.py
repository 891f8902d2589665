"""Issue 12, item 2: the SPARQL 1.1 Protocol as clients of the field use it.

SPARQLWrapper, unchanged, for every query form in every format it offers, on GET and POST (it
sends ``format``/``output``/``results`` URL or form parameters beside ``Accept``); the dataset
parameters against Oxigraph's own server given the same data and the same request; the service
description. All over real sockets on 127.0.0.1 (the ``live`` server of conftest).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from pressgraph.api import _negotiation as neg
from tests.api.conftest import FIXTURE_GRAPH
from tests.store.conftest import _stop, _wait, free_port

pytestmark = pytest.mark.server

ID = "https://w3id.org/pressgraph/id/"
RELEASE = ID + "release/c0669b98d8e1d350"
SEED_GRAPH = ID + "graph/c0669b98d8e1d350"
ISSUER = ID + "org/aastrom-biosciences"
PG = "https://w3id.org/pressgraph/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SELECT = f"SELECT ?issuer ?name WHERE {{ <{RELEASE}> <{PG}issuer> ?issuer . ?issuer <{RDFS_LABEL}> ?name }}"
ASK = f"ASK {{ <{RELEASE}> <{PG}issuer> <{ISSUER}> }}"
CONSTRUCT = (
    f"CONSTRUCT {{ ?i <{RDFS_LABEL}> ?n ; <{PG}ticker> ?t }} "
    f"WHERE {{ <{RELEASE}> <{PG}issuer> ?i . ?i <{RDFS_LABEL}> ?n ; <{PG}ticker> ?t }}"
)
DESCRIBE = f"DESCRIBE <{ISSUER}>"
NAME = "Aastrom Biosciences, Inc."

# What SPARQLWrapper offers per query form (the others make it send */* with a warning, below),
# and the media type this server answers each with.
RESULT_TYPES = {
    JSON: "application/sparql-results+json",
    XML: "application/sparql-results+xml",
    CSV: "text/csv",
    TSV: "text/tab-separated-values",
}
GRAPH_TYPES = {
    TURTLE: "text/turtle",
    N3: "text/turtle",  # Turtle is a subset of N3; SPARQLWrapper accepts text/turtle for N3
    XML: "application/rdf+xml",
    RDFXML: "application/rdf+xml",
    RDF: "application/rdf+xml",
    JSONLD: "application/ld+json",
    JSON: "application/ld+json",
}
RDFLIB_FORMAT = {"text/turtle": "turtle", "application/n-triples": "nt"}


def _ask(url: str, query: str, fmt: str, method: str) -> tuple[str, Any]:
    """One SPARQLWrapper call as a user writes it: its content type and its converted answer."""
    sw = SPARQLWrapper(url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    result = sw.query()
    return result.info()["content-type"].split(";")[0], result.convert()


def _solutions(fmt: str, converted: Any) -> list[dict[str, str]] | bool:
    """SELECT rows (variable → value) or the ASK boolean, from SPARQLWrapper's converted answer."""
    if fmt == JSON:
        if "boolean" in converted:
            return bool(converted["boolean"])
        return [{k: v["value"] for k, v in b.items()} for b in converted["results"]["bindings"]]
    if fmt == XML:
        root = ET.fromstring(converted.toxml())
        ns = "{http://www.w3.org/2005/sparql-results#}"
        boolean = root.find(f"{ns}boolean")
        if boolean is not None:
            return boolean.text == "true"
        return [
            {b.get("name", ""): "".join(b.itertext()) for b in result.findall(f"{ns}binding")}
            for result in root.iter(f"{ns}result")
        ]
    text = converted.decode()
    if text.strip() in ("true", "false"):  # ASK in CSV/TSV: the bare boolean, as Oxigraph writes it
        return text.strip() == "true"
    if fmt == CSV:
        rows = list(csv.reader(io.StringIO(text)))
        return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    lines = [line.split("\t") for line in text.splitlines()]
    return [{k[1:]: _tsv_value(v) for k, v in zip(lines[0], row, strict=True)} for row in lines[1:]]


def _tsv_value(term: str) -> str:
    """``<iri>`` → iri, ``"text"`` → text (the plain terms of these answers)."""
    return term[1:-1]


def _graph(media_type: str, converted: Any) -> Graph:
    """A CONSTRUCT/DESCRIBE answer as an rdflib Graph (SPARQLWrapper gives bytes for Turtle)."""
    if isinstance(converted, Graph):
        return converted
    return Graph().parse(data=converted.decode(), format=RDFLIB_FORMAT[media_type])


@pytest.mark.parametrize("method", ["GET", POST])
@pytest.mark.parametrize("fmt", list(RESULT_TYPES))
def test_sparqlwrapper_select_and_ask_in_every_format(live, fmt: str, method: str) -> None:
    ctype, converted = _ask(live.url, SELECT, fmt, method)
    assert ctype == RESULT_TYPES[fmt]
    assert _solutions(fmt, converted) == [{"issuer": ISSUER, "name": NAME}]
    ctype, converted = _ask(live.url, ASK, fmt, method)
    assert ctype == RESULT_TYPES[fmt]
    assert _solutions(fmt, converted) is True


# SPARQLWrapper's own warnings: it sends Accept */* for RDF and JSON (and says so), and it parses
# RDF/XML and JSON-LD into an rdflib ConjunctiveGraph, which rdflib 7 deprecates.
@pytest.mark.filterwarnings("ignore:Sending Accept header:RuntimeWarning")
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("method", ["GET", POST])
@pytest.mark.parametrize("fmt", list(GRAPH_TYPES))
def test_sparqlwrapper_construct_and_describe_in_every_format(live, fmt: str, method: str) -> None:
    ctype, converted = _ask(live.url, CONSTRUCT, fmt, method)
    assert ctype == GRAPH_TYPES[fmt]
    issuer = URIRef(ISSUER)
    assert set(_graph(ctype, converted)) == {
        (issuer, URIRef(RDFS_LABEL), Literal(NAME)),
        (issuer, URIRef(PG + "ticker"), Literal("ASTM")),
    }
    ctype, converted = _ask(live.url, DESCRIBE, fmt, method)
    assert ctype == GRAPH_TYPES[fmt]
    assert set(_graph(ctype, converted)) == set(_issuer_triples(live.url))


def _issuer_triples(url: str) -> Graph:
    """Every triple about the issuer, asked another way (a CONSTRUCT in N-Triples, over httpx)."""
    q = f"CONSTRUCT {{ <{ISSUER}> ?p ?o }} WHERE {{ <{ISSUER}> ?p ?o }}"
    r = httpx.get(url + "/sparql", params={"query": q}, headers={"Accept": "application/n-triples"})
    graph = Graph().parse(data=r.text, format="nt")
    assert len(graph) == 35
    return graph


def test_sparqlwrapper_ntriples_by_accept(live) -> None:
    """N-Triples, which SPARQLWrapper has no constant for, by the Accept header a user sets."""
    sw = SPARQLWrapper(live.url + "/sparql")
    sw.setQuery(CONSTRUCT)
    sw.setOnlyConneg(True)
    sw.addCustomHttpHeader("Accept", "application/n-triples")
    result = sw.query()
    assert result.info()["content-type"] == "application/n-triples"
    assert sorted(result.response.read().decode().splitlines()) == [
        f'<{ISSUER}> <{RDFS_LABEL}> "{NAME}" .',
        f'<{ISSUER}> <{PG}ticker> "ASTM" .',
    ]


@pytest.mark.parametrize(
    ("params", "accept", "status", "ctype"),
    [
        # the parameters SPARQLWrapper sends for JSON-LD and N3, which gave 406 before
        (
            {"format": ["json-ld", "application/ld+json"]},
            "application/ld+json,application/x-json+ld",
            200,
            "application/ld+json",
        ),  # noqa: E501
        (
            {"format": "n3", "output": "n3", "results": "n3"},
            "application/turtle,text/turtle,text/n3",
            200,
            "text/turtle",
        ),
        ({"format": "xml"}, "*/*", 200, "application/rdf+xml"),  # xml: RDF/XML for a graph
        ({"format": "csv"}, "text/turtle", 200, "text/turtle"),  # csv names no graph format: Accept decides
        ({"format": "bogus"}, "text/turtle", 406, "application/json"),  # names no format at all
        ({"format": "turtle"}, "application/ld+json", 200, "text/turtle"),  # the parameter wins over Accept
    ],
)
def test_format_parameters_reconciled_with_accept(
    live, params: dict[str, Any], accept: str, status: int, ctype: str
) -> None:  # noqa: E501
    r = httpx.get(live.url + "/sparql", params={"query": CONSTRUCT, **params}, headers={"Accept": accept})
    assert (r.status_code, r.headers["content-type"].split(";")[0]) == (status, ctype)


def test_negotiation_names() -> None:
    assert neg.choose_sparql(neg.RESULT_FORMATS, "text/csv", ("xml",)).name == "xml"
    assert neg.choose_sparql(neg.GRAPH_FORMATS, "text/csv", ("xml",)).name == "xml"
    assert neg.choose_sparql(neg.GRAPH_FORMATS, "text/turtle", ("tsv", "text/tab-separated-values")).name == "turtle"
    assert neg.choose_sparql(neg.RESULT_FORMATS, None, ("n3",)).name == "json"
    assert neg.choose_sparql(neg.RESULT_FORMATS, "application/ld+json", ("json-ld",)) is None
    assert [f.name for f in neg.GRAPH_FORMATS if f.named("RDF+XML")] == ["xml"]
    assert neg.prefers_html("text/html,application/xhtml+xml,*/*;q=0.8") is True
    assert neg.prefers_html("application/sparql-results+json,*/*;q=0.9") is False
    assert neg.choose_explicit(neg.GRAPH_FORMATS, "*/*") is None


# --- dataset parameters --------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_NAMED = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def oxigraph_url(live) -> Iterator[str]:
    """Oxigraph's own server over the same quads as the live server's store."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("oxigraph server binary not installed (pip install oxigraph)")
    folder = Path(tempfile.mkdtemp(prefix="pg-oxigraph-protocol-"))
    data = folder / "data.nq"
    data.write_bytes(live.store.export("nquads"))
    subprocess.run(
        [binary, "load", "--location", str(folder / "db"), "--file", str(data)], check=True, capture_output=True
    )
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(f"http://127.0.0.1:{port}/query", proc)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        _stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


def _count(url: str, query: str, params: list[tuple[str, str]], method: str = "GET") -> int:
    accept = {"Accept": "application/sparql-results+json"}
    if method == "GET":
        r = httpx.get(url, params=[("query", query), *params], headers=accept)
    else:
        r = httpx.post(url, data={"query": query, **_grouped(params)}, headers=accept)
    assert r.status_code == 200, r.text
    return int(json.loads(r.content)["results"]["bindings"][0]["n"]["value"])


def _grouped(params: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in params:
        out.setdefault(key, []).append(value)
    return out


def _graph_size(live: Any, graph: str) -> int:
    rows = live.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows
    return int(rows[0][0])


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(
    ("query", "params", "expected"),
    [
        (COUNT, [("default-graph-uri", SEED_GRAPH)], "seed"),
        (COUNT, [("default-graph-uri", FIXTURE_GRAPH)], "fixture"),
        (COUNT, [("default-graph-uri", SEED_GRAPH), ("default-graph-uri", FIXTURE_GRAPH)], "both"),
        (COUNT_NAMED, [("named-graph-uri", FIXTURE_GRAPH)], "fixture"),
        (COUNT, [("named-graph-uri", FIXTURE_GRAPH)], "none"),  # a dataset was named: its default graph is empty
        # the query's own FROM loses to the parameter (SPARQL 1.1 Protocol, 2.1.4)
        (
            f"SELECT (COUNT(*) AS ?n) FROM <{FIXTURE_GRAPH}> WHERE {{ ?s ?p ?o }}",
            [("default-graph-uri", SEED_GRAPH)],
            "seed",
        ),  # noqa: E501
    ],
)
def test_dataset_parameters_match_oxigraph_server(
    live, oxigraph_url: str, query: str, params: list[tuple[str, str]], expected: str, method: str
) -> None:
    seed, fixture = _graph_size(live, SEED_GRAPH), _graph_size(live, FIXTURE_GRAPH)
    want = {"seed": seed, "fixture": fixture, "both": seed + fixture, "none": 0}[expected]
    assert (seed, fixture) == (2219, 114)
    ours = _count(live.url + "/sparql", query, params, method)
    theirs = _count(oxigraph_url, query, params, method)
    assert (ours, theirs) == (want, want)


def test_dataset_parameters_of_a_direct_post_come_from_the_url(live) -> None:
    r = httpx.post(
        live.url + "/sparql",
        params={"default-graph-uri": FIXTURE_GRAPH},
        content=COUNT,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert (r.status_code, r.text) == (200, "n\r\n114\r\n")


def test_without_dataset_parameters_the_default_graph_is_the_union(live) -> None:
    total = int(live.store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])
    assert _count(live.url + "/sparql", COUNT, []) == total


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"default-graph-uri": "release-1"}, "default-graph-uri must be an absolute IRI, got 'release-1'"),
        ({"named-graph-uri": "http://a b"}, "named-graph-uri must be an absolute IRI, got 'http://a b'"),
        ({"default-graph-uri": "http://x/>} ; DROP ALL"}, "default-graph-uri must be an absolute IRI"),
        ({"default-graph-uri": ["urn:g"] * 101}, "a request may name at most 100 graphs"),
        ({"default-graph-uri": "urn:" + "x" * 2001}, "default-graph-uri is longer than 2000 characters"),
    ],
)
def test_bad_dataset_parameters_are_400(live, params: dict[str, Any], message: str) -> None:
    r = httpx.get(live.url + "/sparql", params={"query": COUNT, **params})
    assert r.status_code == 400
    assert r.json()["error"].startswith(message)


# --- service description -------------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.mark.parametrize(
    ("params", "accept", "ctype", "rdflib_format"),
    [
        ({}, "text/turtle", "text/turtle", "turtle"),
        ({}, "application/ld+json", "application/ld+json", "json-ld"),
        ({"format": "nt"}, "*/*", "application/n-triples", "nt"),
    ],
)
def test_service_description(live, params: dict[str, str], accept: str, ctype: str, rdflib_format: str) -> None:
    r = httpx.get(live.url + "/sparql", params=params, headers={"Accept": accept})
    assert (r.status_code, r.headers["content-type"].split(";")[0]) == (200, ctype)
    g = Graph().parse(data=r.text, format=rdflib_format)
    endpoint = URIRef(live.url + "/sparql")
    service = next(g.subjects(URIRef(SD + "endpoint"), endpoint))
    sd = {
        p.removeprefix(SD): sorted(str(o) for o in g.objects(service, URIRef(SD + p)))
        for p in ("supportedLanguage", "feature")
    }
    assert sd == {"supportedLanguage": [SD + "SPARQL11Query"], "feature": [SD + "UnionDefaultGraph"]}
    assert len(list(g.objects(service, URIRef(SD + "resultFormat")))) == 8
    dataset = next(g.objects(service, URIRef(SD + "defaultDataset")))
    names = sorted(str(g.value(n, URIRef(SD + "name"))) for n in g.objects(dataset, URIRef(SD + "namedGraph")))
    assert names == sorted([SEED_GRAPH, FIXTURE_GRAPH])


def test_without_a_query_a_program_still_gets_400(live) -> None:
    for params, accept in (({}, "*/*"), ({}, "application/sparql-results+json"), ({"format": "bogus"}, "*/*")):
        r = httpx.get(live.url + "/sparql", params=params, headers={"Accept": accept})
        assert (r.status_code, r.json()) == (400, {"error": "missing 'query' parameter"})
