"""``pressgraph serve`` as a user runs it: a subprocess on 127.0.0.1 over an on-disk store."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_subprocess(tmp_path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from pressgraph.cli import main; raise SystemExit(main())",
            "serve",
            "--store",
            str(tmp_path / "store"),
            "--port",
            str(port),
            "--write-token",
            "t0k",
            "--row-cap",
            "5",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(base + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert r.json() == {"head": {}, "boolean": False}  # a fresh, empty store
        r = httpx.post(base + "/releases", files={"file": ("x.txt", b"text", "text/plain")})
        assert (r.status_code, r.json()) == (401, {"error": "writes need 'Authorization: Bearer <token>'"})
        r = httpx.get(base + "/entities", params={"q": "x"}, headers={"Accept": "application/json"})
        assert r.json() == {"total": 0, "limit": 50, "offset": 0, "items": []}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        assert proc.stderr is not None
        proc.stderr.close()
