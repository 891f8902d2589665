"""The replayed EDGAR (one server for the session, its log and faults reset per test), and an
environment that points every fetch at it: nothing in these tests leaves 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path
from tests.fetch.edgar_replay import EdgarReplay, load_corpus

USER_AGENT = "pressgraph tests tests@example.com"


@pytest.fixture(scope="session")
def _replay_server() -> Iterator[EdgarReplay]:
    folder = shared_path("corpus", "submissions")
    abvc = shared_path("corpus", "complete", "abvc-biopharma-2025-04-16.txt")
    replay = EdgarReplay(load_corpus([*sorted(folder.glob("*.txt")), abvc]))
    server = replay.start()
    yield replay
    replay.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def edgar(_replay_server: EdgarReplay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[EdgarReplay]:
    """The replay with an empty log; PRESSGRAPH_* set so that a bare ``pressgraph fetch`` uses it."""
    _replay_server.reset()
    monkeypatch.setenv("PRESSGRAPH_EDGAR_URL", _replay_server.url)
    monkeypatch.setenv("PRESSGRAPH_USER_AGENT", USER_AGENT)
    monkeypatch.setenv("PRESSGRAPH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PRESSGRAPH_STORE", str(tmp_path / "store"))
    yield _replay_server
    _replay_server.release.set()


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any lookup of a host other than 127.0.0.1 fails the test's fetch: no test can reach sec.gov."""
    resolve = socket.getaddrinfo

    def loopback(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise OSError(f"tests may only connect to 127.0.0.1, not {host!r}")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback)
