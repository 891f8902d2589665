"""Issue 11, finding 5: who may write, and what a write costs before it is allowed.

Servers here are real uvicorn processes' threads on 127.0.0.1; the slow-body tests talk raw HTTP
over a socket so they can hold the body back and see when the server answers.
"""

from __future__ import annotations

import hashlib
import json
import select
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from pressgraph.api import create_app
from pressgraph.store.embedded import EmbeddedStore
from pressgraph.store.query_pool import QueryPool
from tests.api.conftest import serve_app

pytestmark = pytest.mark.server

RELEASE = ("acme.txt", b"ACME BIO ANNOUNCES RESULTS\n\nCAMBRIDGE, Mass., Jan. 2, 2020 -- Acme Bio, Inc. said so.\n")


@contextmanager
def server(**options: object) -> Iterator[str]:
    store = EmbeddedStore(None)
    pool = QueryPool(store, workers=1)
    try:
        with serve_app(create_app(store, runner=pool, **options)) as url:  # type: ignore[arg-type]
            yield url
    finally:
        pool.close()


def _upload(url: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(url + "/releases", files={"file": (*RELEASE, "text/plain")}, headers=headers or {}, timeout=60)


def test_writes_are_off_without_a_token() -> None:
    with server() as url:
        r = _upload(url)
    assert (r.status_code, r.json()) == (
        403,
        {"error": "writes are off: start the server with --write-token (or PRESSGRAPH_WRITE_TOKEN)"},
    )


def test_anonymous_writes_need_the_explicit_switch_and_a_header() -> None:
    with server(allow_anonymous_writes=True) as url:
        plain_form = _upload(url)  # what a simple HTML form can send
        with_header = _upload(url, {"X-Pressgraph-Upload": "1"})
    assert (plain_form.status_code, plain_form.json()) == (
        403,
        {"error": "anonymous writes need the header 'X-Pressgraph-Upload: 1'"},
    )
    assert with_header.status_code == 201
    assert [r["id"] for r in with_header.json()["releases"]] == [hashlib.sha256(RELEASE[1]).hexdigest()[:16]]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://127.0.0.1:1"},  # another port: another origin
    ],
    ids=["foreign-origin", "opaque-origin", "sec-fetch-site", "other-port"],
)
def test_cross_site_requests_cannot_write(headers: dict[str, str]) -> None:
    with server(allow_anonymous_writes=True) as url:
        r = _upload(url, {**headers, "X-Pressgraph-Upload": "1"})
    with server(write_token="t0k") as url:
        r2 = _upload(url, {**headers, "Authorization": "Bearer t0k"})
    assert (r.status_code, r.json()) == (403, {"error": "cross-site writes are refused"})
    assert (r2.status_code, r2.json()) == (403, {"error": "cross-site writes are refused"})


def _raw_request(url: str, head: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    sock.sendall(head.encode("latin-1"))
    return sock


def _status(sock: socket.socket, timeout: float) -> tuple[int, dict[str, str]]:
    """The status and JSON body of the answer, which must come within ``timeout`` s."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body[body.find(b"{") :])


def test_the_token_is_checked_before_the_body_is_read() -> None:
    """300 MB announced, not one byte sent: the refusal comes at once (it used to wait for all)."""
    with server(write_token="t0k") as url:
        sock = _raw_request(
            url,
            f"POST /releases HTTP/1.1\r\nHost: {url[7:]}\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            "Content-Length: 300000000\r\n\r\n",
        )
        with sock:
            assert _status(sock, 5) == (401, {"error": "writes need 'Authorization: Bearer <token>'"})


def test_the_body_limit_holds_while_streaming() -> None:
    """A chunked body (no length announced) is cut off at the limit, not spooled to the end."""
    with server(write_token="t0k") as url:
        sock = _raw_request(
            url,
            f"POST /releases HTTP/1.1\r\nHost: {url[7:]}\r\nAuthorization: Bearer t0k\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n",
        )
        sent, chunk = 0, b"x" * 65536
        with sock:
            while sent < 50_000_000 and not select.select([sock], [], [], 0)[0]:
                try:
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                except (BrokenPipeError, ConnectionResetError):
                    break
                sent += len(chunk)
            time.sleep(0.2)
            assert _status(sock, 10) == (413, {"error": "upload is larger than 5 MB"})
        assert sent < 30_000_000  # 5 MB read, the rest sits in loopback socket buffers (old: all 50 MB)


def test_an_announced_oversized_body_is_refused_unread() -> None:
    with server(write_token="t0k") as url:
        sock = _raw_request(
            url,
            f"POST /releases HTTP/1.1\r\nHost: {url[7:]}\r\nAuthorization: Bearer t0k\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 300000000\r\n\r\n",
        )
        with sock:
            assert _status(sock, 5) == (413, {"error": "upload is larger than 5 MB"})


def test_an_upload_reaches_the_query_workers(tmp_path) -> None:
    """Workers read a snapshot of the on-disk store; an upload takes a new one before answering."""
    store = EmbeddedStore(tmp_path / "store")
    pool = QueryPool(store, workers=1)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/pressgraph/ontology#Release> }"
    try:
        with serve_app(create_app(store, runner=pool, write_token="t0k")) as url:
            before = httpx.get(url + "/sparql", params={"query": count}, headers={"Accept": "text/csv"}, timeout=30)
            assert _upload(url, {"Authorization": "Bearer t0k"}).status_code == 201
            after = httpx.get(url + "/sparql", params={"query": count}, headers={"Accept": "text/csv"}, timeout=30)
        snapshots = sorted(p.name for p in pool._snapshots.root.iterdir())  # type: ignore[union-attr]
    finally:
        pool.close()
        store.close()
    assert (before.text, after.text) == ("n\r\n0\r\n", "n\r\n1\r\n")
    assert snapshots == ["gen-2"]  # the first snapshot went once no worker held it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # close removed the snapshots
