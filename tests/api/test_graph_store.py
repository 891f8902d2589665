"""Issue 12 item 3 over a real socket: the Graph Store Protocol at /store, RDF from
/releases/{id}, DELETE /releases/{id}, and one release per text whatever its file name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from pressgraph.api import create_app
from pressgraph.store.base import catalog_graph_iri, ontology_graph_iri
from pressgraph.store.embedded import EmbeddedStore
from pressgraph.store.query_pool import QueryPool
from tests.api.conftest import serve_app
from tests.conftest import SEED, SEED_ID

pytestmark = pytest.mark.server

TOKEN = "gsp-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ID = "https://w3id.org/pressgraph/id/"
SEED_GRAPH = f"{ID}graph/{SEED_ID}"
OTHER = "http://example.org/graphs/notes"
NOTES = b'@prefix ex: <http://example.org/> .\nex:a ex:says "hello" ; ex:knows [ ex:name "b" ] .\n'
PARSERS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@dataclass
class Server:
    url: str
    store: EmbeddedStore


@pytest.fixture(scope="module")
def server_once() -> Iterator[Server]:
    store = EmbeddedStore(None)
    pool = QueryPool(store, workers=1)
    try:
        with serve_app(create_app(store, runner=pool, write_token=TOKEN)) as url:
            yield Server(url, store)
    finally:
        pool.close()


@pytest.fixture
def srv(server_once: Server) -> Server:
    """The module's server with an empty store (no releases, no other graphs)."""
    store = server_once.store
    for record in store.releases():
        store.remove_release(record.graph_iri)
    if store.has_graph(OTHER):
        store.remove_release(OTHER)
    return server_once


def upload(srv: Server, name: str, data: bytes | None = None) -> httpx.Response:
    files = {"file": (name, SEED.read_bytes() if data is None else data, "text/plain")}
    return httpx.post(srv.url + "/releases", files=files, headers=AUTH, timeout=120)


def get_store(srv: Server, accept: str, **params: str) -> httpx.Response:
    return httpx.get(srv.url + "/store", params=params, headers={"Accept": accept}, timeout=60)


def stored(store: EmbeddedStore, graph: str) -> Graph:
    return Graph().parse(data=store.graph_ntriples(graph), format="nt")


def sees_seed(srv: Server) -> bool:
    """Whether /sparql (the sandboxed query workers) finds the seed release."""
    ask = f"ASK {{ <{ID}release/{SEED_ID}> ?p ?o }}"
    r = httpx.get(srv.url + "/sparql", params={"query": ask}, headers={"Accept": "application/sparql-results+json"})
    return bool(r.json()["boolean"])


def trials(store: EmbeddedStore) -> int:
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?t a <https://w3id.org/pressgraph/ontology#ClinicalTrial> }")
    return int(rows.rows[0][0])


@pytest.mark.parametrize("accept", sorted(PARSERS))
def test_get_store_graph_is_exactly_the_release_graph(srv: Server, accept: str) -> None:
    assert upload(srv, "aastrom-2003-11-10.txt").status_code == 201
    r = get_store(srv, accept, graph=SEED_GRAPH)
    assert (r.status_code, r.headers["content-type"].split(";")[0]) == (200, accept)
    got = Graph().parse(data=r.text, format=PARSERS[accept])
    want = stored(srv.store, SEED_GRAPH)
    assert len(got) == len(want) == srv.store.releases()[0].triples
    assert isomorphic(got, want)


@pytest.mark.parametrize("accept,parser", [("application/n-quads", "nquads"), ("application/trig", "trig")])
def test_quad_formats_name_the_graph(srv: Server, accept: str, parser: str) -> None:
    assert upload(srv, "aastrom-2003-11-10.txt").status_code == 201
    r = get_store(srv, accept, graph=SEED_GRAPH)
    data = Dataset().parse(data=r.text, format=parser)
    assert [str(g.identifier) for g in data.graphs() if len(g)] == [SEED_GRAPH]
    assert isomorphic(data.graph(SEED_GRAPH), stored(srv.store, SEED_GRAPH))


def test_default_graph_is_the_union(srv: Server) -> None:
    assert upload(srv, "aastrom-2003-11-10.txt").status_code == 201
    every = ox.parse(srv.store.export("nquads"), format=ox.RdfFormat.N_QUADS)
    distinct = {(q.subject, q.predicate, q.object) for q in every}
    union = get_store(srv, "application/n-triples", default="")
    assert (union.status_code, len(set(union.text.splitlines()))) == (200, len(distinct))
    quads = get_store(srv, "application/n-quads", default="")
    graphs = {q.graph_name.value for q in ox.parse(quads.content, format=ox.RdfFormat.N_QUADS)}
    assert graphs == {SEED_GRAPH, catalog_graph_iri(), ontology_graph_iri()}


def test_release_page_honours_rdf_accept(srv: Server) -> None:
    assert upload(srv, "aastrom-2003-11-10.txt").status_code == 201
    want = stored(srv.store, SEED_GRAPH)
    for accept, parser in PARSERS.items():
        r = httpx.get(f"{srv.url}/releases/{SEED_ID}", headers={"Accept": accept}, timeout=60)
        assert (r.status_code, r.headers["content-type"].split(";")[0]) == (200, accept)
        assert isomorphic(Graph().parse(data=r.text, format=parser), want), accept
    turtle = httpx.get(f"{srv.url}/releases/{SEED_ID}", params={"format": "turtle"}, timeout=60)
    assert isomorphic(Graph().parse(data=turtle.text, format="turtle"), want)
    page = httpx.get(f"{srv.url}/releases/{SEED_ID}", headers={"Accept": "application/json"}, timeout=120)
    assert (page.status_code, page.json()["id"]) == (200, SEED_ID)
    missing = httpx.get(f"{srv.url}/releases/0123456789abcdef", headers={"Accept": "text/turtle"}, timeout=60)
    assert (missing.status_code, missing.json()) == (404, {"error": "unknown release: 0123456789abcdef"})


def test_same_text_under_two_names_is_one_release(srv: Server) -> None:
    first = upload(srv, "aastrom-2003-11-10.txt")
    assert first.status_code == 201
    once = (trials(srv.store), len(srv.store.graph_ntriples(SEED_GRAPH).splitlines()))
    second = upload(srv, "renamed-copy.txt")
    assert (second.status_code, [r["id"] for r in second.json()["releases"]]) == (201, [SEED_ID])
    assert [(r.graph_iri, r.source) for r in srv.store.releases()] == [(SEED_GRAPH, "renamed-copy.txt")]
    assert (trials(srv.store), len(srv.store.graph_ntriples(SEED_GRAPH).splitlines())) == once
    again = upload(srv, "renamed-copy.txt")
    assert [r["changed"] for r in again.json()["releases"]] == [False]  # recognised as present
    listed = httpx.get(srv.url + "/releases", headers={"Accept": "application/json"}, timeout=60).json()
    assert [(r["id"], r["source"]) for r in listed] == [(SEED_ID, "renamed-copy.txt")]


def test_delete_release_and_upload_again_round_trips(srv: Server) -> None:
    assert upload(srv, "aastrom-2003-11-10.txt").status_code == 201
    before = get_store(srv, "application/n-triples", graph=SEED_GRAPH).text
    url = f"{srv.url}/releases/{SEED_ID}"
    assert httpx.delete(url, timeout=60).status_code == 401
    assert httpx.delete(url, headers={"Authorization": "Bearer nope"}, timeout=60).status_code == 403
    assert sees_seed(srv) is True
    r = httpx.delete(url, headers=AUTH, timeout=60)
    assert (r.status_code, r.content) == (204, b"")
    assert srv.store.releases() == []
    assert sees_seed(srv) is False  # the query workers see the store as it is now
    assert not srv.store.has_graph(SEED_GRAPH)
    gone = httpx.get(url, headers={"Accept": "application/json"}, timeout=60)
    assert (gone.status_code, gone.json()) == (404, {"error": f"unknown release: {SEED_ID}"})
    assert get_store(srv, "text/turtle", graph=SEED_GRAPH).json() == {"error": f"no graph {SEED_GRAPH} in the store"}
    twice = httpx.delete(url, headers=AUTH, timeout=60)
    assert (twice.status_code, twice.json()) == (404, {"error": f"unknown release: {SEED_ID}"})
    hostile = httpx.delete(srv.url + "/releases/..%2Fstore%2Fcatalog", headers=AUTH, timeout=60)
    assert (hostile.status_code, hostile.json()) == (404, {"error": "Not Found"})
    spaced = httpx.delete(srv.url + "/releases/x%20y", headers=AUTH, timeout=60)
    assert (spaced.status_code, spaced.json()) == (
        422,
        {"error": "invalid request: path.release_id: String should match pattern '^[A-Za-z0-9._-]+$'"},
    )
    assert upload(srv, "aastrom-2003-11-10.txt").status_code == 201
    assert sees_seed(srv) is True
    assert set(get_store(srv, "application/n-triples", graph=SEED_GRAPH).text.splitlines()) == set(before.splitlines())


def test_put_post_delete_a_graph(srv: Server) -> None:
    url = srv.url + "/store"
    turtle = {**AUTH, "Content-Type": "text/turtle"}
    created = httpx.put(url, params={"graph": OTHER}, content=NOTES, headers=turtle, timeout=60)
    assert (created.status_code, len(srv.store.graph_ntriples(OTHER).splitlines())) == (201, 3)
    replaced = httpx.put(
        url,
        params={"graph": OTHER},
        content=b"<http://example.org/a> <http://example.org/p> 1 .",
        headers=turtle,
        timeout=60,
    )
    assert (replaced.status_code, len(srv.store.graph_ntriples(OTHER).splitlines())) == (204, 1)
    added = httpx.post(url, params={"graph": OTHER}, content=NOTES, headers=turtle, timeout=60)
    assert (added.status_code, len(srv.store.graph_ntriples(OTHER).splitlines())) == (204, 4)
    again = httpx.post(url, params={"graph": OTHER}, content=NOTES, headers=turtle, timeout=60)
    assert len(srv.store.graph_ntriples(OTHER).splitlines()) == 6  # the blank node is a new one; the rest merges
    assert again.status_code == 204
    got = get_store(srv, "text/turtle", graph=OTHER)
    assert isomorphic(Graph().parse(data=got.text, format="turtle"), stored(srv.store, OTHER))
    assert srv.store.releases() == []  # a graph that is no release gets no catalog entry
    deleted = httpx.delete(url, params={"graph": OTHER}, headers=AUTH, timeout=60)
    assert (deleted.status_code, srv.store.has_graph(OTHER)) == (204, False)
    missing = httpx.delete(url, params={"graph": OTHER}, headers=AUTH, timeout=60)
    assert (missing.status_code, missing.json()) == (404, {"error": f"no graph {OTHER} in the store"})


def test_put_on_a_release_graph_keeps_its_catalog_entry_current(srv: Server) -> None:
    assert upload(srv, "aastrom-2003-11-10.txt").status_code == 201
    (old,) = srv.store.releases()
    r = httpx.post(
        srv.url + "/store",
        params={"graph": SEED_GRAPH},
        content=b"<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n",
        headers={**AUTH, "Content-Type": "application/n-triples"},
        timeout=60,
    )
    assert r.status_code == 204
    (new,) = srv.store.releases()
    assert (new.triples, new.source, new.sha256 != old.sha256) == (old.triples + 1, old.source, True)
    assert upload(srv, "aastrom-2003-11-10.txt").json()["releases"][0]["changed"] is True  # the file restores it
    assert srv.store.releases()[0].triples == old.triples


@pytest.mark.parametrize("graph", ["catalog", "ontology", "legacy-catalog", "legacy-ontology"])
@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_bookkeeping_graphs_are_refused(srv: Server, method: str, graph: str) -> None:
    assert upload(srv, "aastrom-2003-11-10.txt").status_code == 201
    iri = {
        "catalog": catalog_graph_iri(),
        "ontology": ontology_graph_iri(),
        "legacy-catalog": f"{ID}graph/catalog",
        "legacy-ontology": f"{ID}graph/ontology",
    }[graph]
    before = srv.store.export("nquads")
    r = httpx.request(
        method,
        srv.url + "/store",
        params={"graph": iri},
        content=NOTES,
        headers={**AUTH, "Content-Type": "text/turtle"},
        timeout=60,
    )
    assert (r.status_code, r.json()) == (
        403,
        {"error": f"{iri} is one of the store's own graphs; it cannot be written or removed"},
    )
    assert srv.store.export("nquads") == before


def test_bad_requests_are_4xx_json(srv: Server) -> None:
    url = srv.url + "/store"
    turtle = {**AUTH, "Content-Type": "text/turtle"}
    cases = [
        (httpx.get(url, timeout=60), 400, "name one graph: ?graph=IRI, or ?default for the union of all graphs"),
        (httpx.get(url, params={"graph": OTHER, "default": ""}, timeout=60), 400, None),
        (get_store(srv, "text/turtle", graph=OTHER), 404, f"no graph {OTHER} in the store"),
        (get_store(srv, "image/png", graph=OTHER), 406, None),
        (httpx.put(url, params={"default": ""}, content=NOTES, headers=turtle, timeout=60), 405, None),
        (httpx.put(url, params={"graph": "http://x/a> } ; DROP ALL ; <x"}, content=NOTES, headers=turtle), 400, None),
        (httpx.put(url, params={"graph": "relative/graph"}, content=NOTES, headers=turtle, timeout=60), 400, None),
        (httpx.put(url, params={"graph": OTHER}, content=b"not { turtle", headers=turtle, timeout=60), 400, None),
        (httpx.put(url, params={"graph": OTHER}, content=NOTES, headers={**AUTH, "Content-Type": "x/y"}), 415, None),
        (httpx.put(url, params={"graph": OTHER}, content=NOTES, headers={"Content-Type": "text/turtle"}), 401, None),
    ]
    for response, status, message in cases:
        assert response.status_code == status, response.text
        assert set(response.json()) == {"error"}
        if message is not None:
            assert response.json()["error"] == message
    assert not srv.store.has_graph(OTHER)
    assert srv.store.releases() == []
