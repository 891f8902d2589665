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


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[Server]:
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("oxigraph server binary not installed (pip install oxigraph)")
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="pg-oxigraph-")
    proc = subprocess.Popen(
        [binary, "serve", "--location", tmp, "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/query", proc)
        yield Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store", None, None, "basic")
    finally:
        _stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


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
            "virtuoso", f"{base}/sparql", f"{base}/sparql", f"{base}/sparql-graph-crud-auth", "dba", "dba", "digest"
        )
    finally:
        _stop(proc)
        shutil.rmtree(run, ignore_errors=True)


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Server:
    return request.getfixturevalue(f"{request.param}_server")  # type: ignore[no-any-return]
