"""A live API server for the tests: real uvicorn on 127.0.0.1 (free port) in a thread.

The store is the real embedded store (in memory). It holds the fixture release (``fixture.trig``,
shaped per MODEL.md) and the seed release ingested through ``build_release_graphs``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import uvicorn

from pressgraph.api import create_app
from pressgraph.ingest import write_release
from pressgraph.pipeline import build_release_graphs
from pressgraph.store.base import ReleaseRecord
from pressgraph.store.embedded import EmbeddedStore

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixture.trig"
FIXTURE_RELEASE = "https://w3id.org/pressgraph/id/release/acme-2020-01-02"
FIXTURE_GRAPH = "https://w3id.org/pressgraph/id/graph/acme-2020-01-02"
TOKEN = "test-token"
QUERY_TIMEOUT = 1.0
ROW_CAP = 50


@dataclass
class Live:
    """What the tests need to know about the running server."""

    url: str
    store: Any
    seed_id: str  # release id of the seed, ingested through the pipeline
    seed_issuer: str | None  # entity id of the seed's issuing company
    token: str = TOKEN


def _load_fixture(store: Any) -> None:
    quads = ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode()
    record = ReleaseRecord(FIXTURE_RELEASE, FIXTURE_GRAPH, "acme-2020-01-02.txt", "fixture", 114)
    store.replace_release(FIXTURE_GRAPH, nquads, record)


def _ingest_seed(store: Any, seed: Path) -> tuple[str, str | None]:
    """The seed through the real pipeline: its release id and its issuer's entity id."""
    rg = build_release_graphs(seed)[0]
    write_release(store, rg)  # as `pressgraph ingest` stores it (types materialised)
    rows = store.query(
        f"SELECT ?i WHERE {{ <{rg.release_iri}> <https://w3id.org/pressgraph/ontology#issuer> ?i }}"
    ).rows
    issuer = str(rows[0][0]).strip("<>").split("/id/", 1)[1] if rows else None
    return rg.release_id, issuer


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on a free 127.0.0.1 port for the duration; yields its URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live(seed_path: Path) -> Iterator[Live]:
    store = EmbeddedStore(None)
    _load_fixture(store)
    seed_id, issuer = _ingest_seed(store, seed_path)
    app = create_app(store, write_token=TOKEN, query_timeout=QUERY_TIMEOUT, row_cap=ROW_CAP)
    assert app.state.runner.wait_ready()
    with serve_app(app) as url:
        yield Live(url, store, seed_id, issuer)
    app.state.runner.close()
