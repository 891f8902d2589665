"""Issue 11, findings 1-4: no outbound request, no crash, no race, timeouts that stop the work.

Every test talks to a real uvicorn server on 127.0.0.1; the fuzz set is aimed at a listener of
our own, which must see no connection at all, whatever the guard's verdict.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from pressgraph.api import create_app
from pressgraph.store.embedded import EmbeddedStore
from pressgraph.store.query_pool import QueryPool, WorkerSettings
from tests.api.conftest import serve_app
from tests.conftest import SEED, SEED_ID

pytestmark = pytest.mark.server

SERVICE_REFUSED = "SERVICE is refused: this endpoint makes no outbound requests"
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.sock.close()


def _service_forms(url: str) -> list[str]:
    """SERVICE written every way the grammar allows: case, prefixes, base, nesting, sub-queries."""
    pattern = "{ ?a ?b ?c }"
    escaped_slashes = url.replace("/", "\\u002F")
    escaped_h = url.replace("h", "\\U00000068", 1)
    localhost = url.replace("127.0.0.1", "localhost")
    return [
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE <{url}> {pattern} }}",
        f"select * where {{ VALUES ?s {{ <urn:x> }} service <{url}> {pattern} }}",
        f"SeLeCt * WhErE {{ VALUES ?s {{ <urn:x> }} SeRvIcE <{url}> {pattern} }}",
        f"PREFIX x: <{url}> SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE x: {pattern} }}",
        f"BASE <{url}> SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE <> {pattern} }}",
        f"BASE <{url}a/> SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE <../b> {pattern} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} {{ {{ {{ SERVICE <{url}> {pattern} }} }} }} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} OPTIONAL {{ SERVICE <{url}> {pattern} }} }}",
        f"SELECT * WHERE {{ {{ VALUES ?s {{ <urn:x> }} }} UNION {{ SERVICE <{url}> {pattern} }} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} {{ SELECT ?a WHERE {{ SERVICE <{url}> {pattern} }} }} }}",
        f"ASK {{ VALUES ?s {{ <urn:x> }} SERVICE <{url}> {pattern} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE <{url}> {pattern} }}",
        f"DESCRIBE ?a WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE <{url}> {pattern} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }}\n# a comment\nSERVICE\n<{url}>\n{pattern} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE <{escaped_slashes}> {pattern} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE <{escaped_h}> {pattern} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE <{localhost}> {pattern} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE <{url.replace('http', 'https')}> {pattern} }}",
    ]


def _hidden_forms(url: str) -> list[str]:
    """Texts where a parser that decodes escapes before lexing (rdflib) sees a comment or a string
    around the SERVICE clause while Oxigraph sees it as code: the old guard let them through."""
    pattern = "{ ?a ?b ?c }"
    return [
        f'SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} # \\u000a FILTER(?o != """\nSERVICE <{url}> {pattern}\n# """)\n}}',
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} # \\u000A FILTER(?o != '''\nSERVICE <{url}> {pattern}\n# ''')\n}}",
        f'SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} # \\U0000000a BIND("""\n'
        f'SERVICE <{url}> {pattern}\n# """ AS ?x)\n}}',
        f'PREFIX : <urn:x#> SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} # \\u000a FILTER(?o != """\n'
        f'{{ SELECT * WHERE {{ SERVICE <{url}> {pattern} }} }}\n# """)\n}}',
    ]


def _variable_forms(url: str) -> list[str]:
    """SERVICE ?u: Oxigraph wants the name bound before the clause, and refuses these itself."""
    pattern = "{ ?a ?b ?c }"
    return [
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} BIND(<{url}> AS ?u) SERVICE ?u {pattern} }}",
        f"SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {pattern} }}",
    ]


def _silent_forms(url: str) -> list[str]:
    """SILENT, and the places where the engine takes a failed SERVICE as no match (MINUS, NOT EXISTS)."""
    pattern = "{ ?a ?b ?c }"
    return [
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} MINUS {{ SERVICE <{url}> {{ ?s ?b ?c }} }} }}",
        f"SELECT * WHERE {{ VALUES ?s {{ <urn:x> }} FILTER NOT EXISTS {{ SERVICE <{url}> {{ ?s ?b ?c }} }} }}",
        f"SELECT ?a WHERE {{ VALUES ?s {{ <urn:x> }} SERVICE SILENT <{url}> {pattern} }} LIMIT 1",
        f"select ?a where {{ VALUES ?s {{ <urn:x> }} service silent <{url}> {pattern} }} LIMIT 1",
    ]


def _update_forms(url: str) -> list[str]:
    return [
        f"LOAD <{url}>",
        f"load silent <{url}> into graph <urn:g>",
        f"PREFIX x: <{url}> LOAD x: INTO GRAPH <urn:g>",
        f"LOAD <{url}> ; INSERT DATA {{ <urn:a> <urn:b> <urn:c> }}",
        f"INSERT {{ GRAPH <urn:g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "DROP ALL",
        "CLEAR DEFAULT",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ]


def _from_forms(url: str) -> list[str]:
    """FROM / FROM NAMED name graphs of the dataset; Oxigraph never fetches them."""
    return [
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }} LIMIT 5",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT 5",
        f"PREFIX x: <{url}> SELECT * FROM x:data WHERE {{ ?s ?p ?o }} LIMIT 5",
        f"select * from <{url}> from named <{url}b> where {{ graph <{url}b> {{ ?s ?p ?o }} }} LIMIT 5",
        f"ASK FROM <{url}> {{ ?s ?p ?o }}",
    ]


def _send(live, query: str, how: str) -> httpx.Response:
    if how == "get":
        return httpx.get(live.url + "/sparql", params={"query": query}, timeout=30)
    if how == "form":
        return httpx.post(live.url + "/sparql", data={"query": query}, timeout=30)
    return httpx.post(
        live.url + "/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=30
    )


def test_no_query_reaches_the_network(live, listener: Listener) -> None:
    """Finding 1: 0 connections to our listener from every form, each answered as the engine reads it."""
    url = f"http://127.0.0.1:{listener.port}/sparql"
    outcomes: dict[str, list[tuple[int, str]]] = {}
    for group, forms in (
        ("service", _service_forms(url)),
        ("hidden", _hidden_forms(url)),
        ("variable", _variable_forms(url)),
        ("silent", _silent_forms(url)),
        ("update", _update_forms(url)),
        ("from", _from_forms(url)),
    ):
        for query in forms:
            for how in ("get", "form", "body"):
                r = _send(live, query, how)
                body = r.json()
                outcomes.setdefault(group, []).append(
                    (r.status_code, body.get("error", "") if r.status_code >= 400 else "")
                )
    assert listener.accepted == 0
    assert set(outcomes["service"]) == {(403, SERVICE_REFUSED)}
    assert set(outcomes["hidden"]) == {(403, SERVICE_REFUSED)}
    assert set(outcomes["variable"]) == {(400, "query failed: The variable encoding the service name is unbound")}
    assert set(outcomes["silent"]) == {(200, "")}
    assert set(outcomes["update"]) == {(403, READ_ONLY)}
    assert set(outcomes["from"]) == {(200, "")}


def test_service_silent_answers_without_the_remote(live, listener: Listener) -> None:
    url = f"http://127.0.0.1:{listener.port}/sparql"
    r = httpx.get(live.url + "/sparql", params={"query": _silent_forms(url)[2]})
    assert r.json() == {"head": {"vars": ["a"]}, "results": {"bindings": [{}]}}
    assert listener.accepted == 0


def test_closed_and_open_ports_answer_alike(live, listener: Listener) -> None:
    """No port scanning: an open port, a closed one and an unresolvable name give the same answer."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    answers = set()
    for target in (f"127.0.0.1:{listener.port}", f"127.0.0.1:{closed_port}", "no-such-host.invalid"):
        r = httpx.get(
            live.url + "/sparql",
            params={"query": f"SELECT * {{ VALUES ?s {{ <urn:x> }} SERVICE <http://{target}/> {{}} }}"},
        )
        answers.add((r.status_code, r.json()["error"]))
    assert answers == {(403, SERVICE_REFUSED)}


def test_size_and_nesting_limits_come_first(live) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_000
    r = httpx.post(live.url + "/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert (r.status_code, r.json()) == (413, {"error": "query is 100029 bytes; the limit is 100000"})
    deep = "SELECT * WHERE " + "{" * 300 + " ?s ?p ?o " + "}" * 300
    r = httpx.get(live.url + "/sparql", params={"query": deep})
    assert (r.status_code, r.json()) == (422, {"error": "query nests 300 brackets deep; the limit is 200"})
    r = httpx.post(live.url + "/sparql", data={"query": "x" * 400_000})
    assert (r.status_code, r.json()) == (413, {"error": "request body is larger than the query limit (100000 bytes)"})


@pytest.fixture()
def fragile(tmp_path) -> Iterator[tuple[str, QueryPool]]:
    """A server whose one worker has a small stack and 256 MB, so that a deep or a greedy query
    does crash the engine."""
    store = EmbeddedStore(tmp_path / "store")
    pool = QueryPool(store, workers=1, settings=WorkerSettings(stack_mb=8, memory_mb=256))
    assert pool.wait_ready()
    app = create_app(store, runner=pool, query_timeout=20)
    with serve_app(app) as url:
        yield url, pool
    pool.close()
    store.close()


def test_a_crashing_query_costs_one_request(fragile) -> None:
    """Finding 2: nesting hidden from the bracket count (each '}' in a comment) overflows the
    engine's stack; that request fails, the server and its next queries do not."""
    url, pool = fragile
    (before,) = pool.worker_pids()
    deep = "SELECT * WHERE " + "{#}\n" * 15_000 + " ?s ?p ?o " + "}" * 15_000
    r = httpx.post(url + "/sparql", content=deep, headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert (r.status_code, r.json()) == (
        422,
        {"error": "the query crashed the query engine; the server goes on (worker restarted)"},
    )
    r = httpx.get(url + "/sparql", params={"query": "ASK { }"}, timeout=60)
    assert (r.status_code, r.json()) == (200, {"head": {}, "boolean": True})
    (after,) = pool.worker_pids()
    assert after != before


def test_a_query_past_its_memory_costs_one_request(fragile) -> None:
    """Finding 4: a query that would take GBs hits the worker's memory limit and ends there."""
    url, pool = fragile
    (before,) = pool.worker_pids()
    values = " ".join(f"VALUES ?v{i} {{ 1 2 3 4 5 6 7 8 9 0 }}" for i in range(7))
    greedy = f'SELECT (STRLEN(GROUP_CONCAT(?x)) AS ?n) WHERE {{ {values} BIND(CONCAT(STR(?v0), "{"x" * 200}") AS ?x) }}'
    r = httpx.get(url + "/sparql", params={"query": greedy}, timeout=60)
    assert (r.status_code, r.json()) == (
        422,
        {"error": "the query crashed the query engine; the server goes on (worker restarted)"},
    )
    r = httpx.get(url + "/sparql", params={"query": "ASK { }"}, timeout=60)
    assert (r.status_code, r.json()) == (200, {"head": {}, "boolean": True})
    assert pool.worker_pids() != [before]


def test_concurrent_first_queries_do_not_break_the_endpoint(tmp_path) -> None:
    """Finding 3: a fresh server under 24 concurrent queries and 4 concurrent uploads (rdflib and
    pySHACL parse SPARQL while validating) answers all of them, and every later one."""
    port = _free_port()
    cmd = [sys.executable, "-m", "pressgraph", "serve", "--store", str(tmp_path / "s"), "--port", str(port)]
    proc = subprocess.Popen([*cmd, "--write-token", "t"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    seed = SEED.read_bytes()

    def query(i: int) -> int:
        q = f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(?o != {i}) OPTIONAL {{ ?s ?q ?r }} }} LIMIT 1"
        return httpx.get(base + "/sparql", params={"query": q}, timeout=120).status_code

    def upload(i: int) -> int:
        files = {"file": (f"seed-{i}.txt", seed, "text/plain")}
        return httpx.post(
            base + "/releases", files=files, headers={"Authorization": "Bearer t"}, timeout=120
        ).status_code

    try:
        _wait_up(base, proc)
        with ThreadPoolExecutor(28) as pool:
            uploads = [pool.submit(upload, i) for i in range(4)]
            queries = list(pool.map(query, range(24)))
        assert (queries, [u.result() for u in uploads]) == ([200] * 24, [201] * 4)
        releases = httpx.get(base + "/releases", headers={"Accept": "application/json"}, timeout=30).json()
        assert [r["id"] for r in releases] == [SEED_ID]  # one text under four names: one release
        r = httpx.get(base + "/sparql", params={"query": "SELECT ?x WHERE { BIND(1 AS ?x) }"}, timeout=30)
        assert r.json()["results"]["bindings"] == [
            {"x": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
        ]
        page = httpx.get(base + "/releases/" + SEED_ID, headers={"Accept": "application/json"}, timeout=120).json()
        assert page["validation"]["available"] is True
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_the_query_path_never_loads_rdflib_sparql() -> None:
    """Finding 3, at the root: the endpoint and its workers do not import rdflib's SPARQL parser."""
    code = (
        "import sys, pressgraph.api._sparql, pressgraph.store.query_worker, pressgraph.store.query_pool;"
        "print(sorted(m for m in sys.modules if m.startswith('rdflib.plugins.sparql')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_timed_out_query_frees_its_slot_and_memory(live) -> None:
    """Finding 4: past the limit the worker is killed; its slot is back at once, four in a row."""
    slow = (
        "SELECT (COUNT(*) AS ?n) WHERE { "
        + " ".join(f"VALUES ?v{i} {{ 1 2 3 4 5 6 7 8 9 0 }}" for i in range(11))
        + " }"
    )
    for _ in range(4):
        r = httpx.get(live.url + "/sparql", params={"query": slow}, timeout=30)
        assert (r.status_code, r.json()) == (408, {"error": "query exceeded the 1 s limit"})
    r = httpx.get(live.url + "/sparql", params={"query": "ASK { }"}, timeout=30)
    assert (r.status_code, r.json()) == (200, {"head": {}, "boolean": True})


def test_a_huge_answer_stops_at_the_cap(live) -> None:
    """Finding 4: rows are counted as the engine streams them, so 10^11 rows end at the cap."""
    huge = "SELECT * WHERE { " + " ".join(f"VALUES ?v{i} {{ 1 2 3 4 5 6 7 8 9 0 }}" for i in range(11)) + " }"
    r = httpx.get(live.url + "/sparql", params={"query": huge}, timeout=30)
    assert (r.status_code, r.json()) == (
        422,
        {"error": "query returned more than 50 rows; add LIMIT or narrow the pattern"},
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_up(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(base + "/releases", headers={"Accept": "application/json"}, timeout=5)
            return
        except httpx.TransportError:
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
