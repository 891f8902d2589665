"""Fixtures for the store tests: small hand-written release graphs, stores, and real servers.

The servers (Oxigraph server, Virtuoso) run on 127.0.0.1 on free ports, once per session, in
temporary directories that are removed afterwards; a test that needs a missing binary is skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from rdflib import Graph

from pressgraph.pipeline import ReleaseGraph
from pressgraph.rdf import iris
from pressgraph.store import prepare as prepare_mod
from pressgraph.store.remote import RemoteStore

DATA = Path(__file__).resolve().parent / "data"


def release_graph(name: str, release_id: str) -> ReleaseGraph:
    """A ReleaseGraph from ``data/NAME.ttl`` (hand-written, following docs/MODEL.md)."""
    g = Graph()
    g.parse(DATA / f"{name}.ttl", format="turtle")
    return ReleaseGraph(
        release_id=release_id,
        release_iri=str(iris.release_iri(release_id)),
        graph_iri=str(iris.graph_iri(release_id)),
        source=f"{release_id}.txt",
        sha256="0" * 64,
        graph=g,
        warnings=(),
    )


RELEASES = {"a.txt": ("release-a", "zeta-2004-02-01"), "b.txt": ("release-b", "zeta-2004-05-01")}


@pytest.fixture(autouse=True)
def mini_ontology(monkeypatch: pytest.MonkeyPatch) -> None:
    """Materialise with a small ontology so the tests do not depend on ontology/ being written."""
    monkeypatch.setattr(prepare_mod, "ontology_path", lambda: DATA / "mini-ontology.ttl")


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Make ``build_release_graphs`` read a.txt/b.txt as the hand-written graphs; return their dir."""
    from pressgraph import pipeline

    def build(path: str | Path) -> list[ReleaseGraph]:
        name = Path(path).name
        if name not in RELEASES:
            from pressgraph.errors import ReadError

            raise ReadError(f"{name}: not a release")
        return [release_graph(*RELEASES[name])]

    monkeypatch.setattr(pipeline, "build_release_graphs", build)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in RELEASES:
        (folder / name).write_text("x")
    return folder


# --- real servers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    name: str
    endpoint: str
    update_url: str
    gsp_url: str | None
    user: str | None
    password: str | None
    auth: str
    base: str = ""  # the one URL `--endpoint BASE` is given (query and update URLs discovered)

    def remote(self, gsp: bool = True) -> RemoteStore:
        """A RemoteStore on this server with its explicit URLs and credentials."""
        return RemoteStore(
            self.endpoint,
            update_url=self.update_url,
            gsp_url=self.gsp_url if gsp else None,
            user=self.user,
            password=self.password,
            auth_scheme=self.auth,
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer in {timeout:.0f} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _oxigraph(union: bool) -> Iterator[Server]:
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("oxigraph server binary not installed (pip install oxigraph)")
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="pg-oxigraph-")
    proc = subprocess.Popen(
        [binary, "serve", "--location", tmp, "--bind", f"127.0.0.1:{port}", *(["--union-default-graph"] * union)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/query", proc)
        yield Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store", None, None, "basic", base)
    finally:
        _stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[Server]:
    yield from _oxigraph(union=True)


@pytest.fixture(scope="session")
def oxigraph_plain_server() -> Iterator[Server]:
    """Oxigraph server as it starts by default: its default graph is its own, not the union."""
    yield from _oxigraph(union=False)


_VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def _virtuoso_ini(run: Path, http_port: int, sql_port: int) -> Path:
    """A private copy of the packaged ini, bound to loopback, with its database under ``run``."""
    lines = []
    for line in _VIRTUOSO_INI.read_text().splitlines():
        line = line.replace("/var/lib/virtuoso-opensource-7/db", str(run / "db"))
        key = line.split("=", 1)[0].strip()
        if key == "ServerPort" and line.split("=", 1)[1].strip() == "1111":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif key == "ServerPort" and line.split("=", 1)[1].strip() == "8890":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "DirsAllowed":
            line = f"DirsAllowed = ., {run}, /usr/share/virtuoso-opensource-7/vad"
        lines.append(line)
    (run / "db").mkdir(parents=True)
    ini = run / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n")
    return ini


@pytest.fixture(scope="session")
def virtuoso_server() -> Iterator[Server]:
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None or not _VIRTUOSO_INI.is_file():
        pytest.skip("Virtuoso (virtuoso-t, isql-vt, packaged ini) not installed")
    http_port, sql_port = free_port(), free_port()
    run = Path(tempfile.mkdtemp(prefix="pg-virtuoso-"))
    ini = _virtuoso_ini(run, http_port, sql_port)
    proc = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)],
        cwd=run,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait(f"{base}/sparql", proc, timeout=90)
        subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield Server(
            "virtuoso",
            f"{base}/sparql",
            f"{base}/sparql",
            f"{base}/sparql-graph-crud-auth",
            "dba",
            "dba",
            "digest",
            base,
        )
    finally:
        _stop(proc)
        shutil.rmtree(run, ignore_errors=True)


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Server:
    return request.getfixturevalue(f"{request.param}_server")  # type: ignore[no-any-return]


# Fuseki's and GraphDB's URL layouts, served on 127.0.0.1 in front of the Oxigraph server: neither
# store can be installed here, and what `--endpoint BASE` has to get right is their paths.
LAYOUT_ROUTES = {
    "/ds": "/query",  # Fuseki answers queries on the dataset URL too
    "/ds/sparql": "/query",
    "/ds/query": "/query",
    "/ds/update": "/update",
    "/ds/data": "/store",
    "/repositories/X": "/query",
    "/repositories/X/statements": "/update",
    "/repositories/X/rdf-graphs/service": "/store",
}


@pytest.fixture(scope="session")
def layout_proxy(oxigraph_server: Server) -> Iterator[str]:
    """A forwarding server: ``/ds/...`` (Fuseki) and ``/repositories/X...`` (GraphDB) onto
    Oxigraph's ``/query``, ``/update`` and ``/store``; anything else is 404. Yields its root URL."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import urlsplit

    target = oxigraph_server.endpoint.rsplit("/", 1)[0]

    class Forward(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            parts = urlsplit(self.path)
            mapped = LAYOUT_ROUTES.get(parts.path)
            if mapped is None:
                self.send_error(404)
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
            url = target + mapped + (f"?{parts.query}" if parts.query else "")
            answer = httpx.request(self.command, url, content=body, headers=headers, timeout=60)
            self.send_response(answer.status_code)
            self.send_header("Content-Type", answer.headers.get("content-type", "text/plain"))
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        do_GET = do_POST = do_PUT = do_DELETE = _forward

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
