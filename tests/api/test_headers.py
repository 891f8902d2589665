"""Issue 11, finding 11: security headers on every answer, a Host allow-list, local Swagger UI."""

from __future__ import annotations

import re

import httpx
import pytest

pytestmark = pytest.mark.server

PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
COMMON = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/entities?q=FDA", 200),
        ("/entities/org/nowhere", 404),
        ("/sparql?query=ASK%20%7B%7D", 200),
        ("/releases", 200),
        ("/openapi.json", 200),
        ("/static/style.css", 200),
    ],
)
def test_every_answer_carries_the_headers(live, path: str, status: int) -> None:
    r = httpx.get(live.url + path)
    assert r.status_code == status
    assert {k: r.headers.get(k) for k in COMMON} == COMMON
    assert r.headers["content-security-policy"] == PAGE_CSP


def test_docs_are_served_here_with_their_own_policy(live) -> None:
    page = httpx.get(live.url + "/docs")
    assert page.headers["content-security-policy"] == DOCS_CSP
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources == ["static/docs/swagger-ui.css", "static/docs/swagger-ui-bundle.js", "static/docs/start.js"]
    for source in sources:
        r = httpx.get(f"{live.url}/{source}")
        assert r.status_code == 200
        assert r.headers["content-type"].split(";")[0] in ("text/css", "text/javascript")
    bundle = httpx.get(live.url + "/static/docs/swagger-ui-bundle.js").text
    assert "SwaggerUIBundle" in bundle
    redoc = httpx.get(live.url + "/redoc")  # ours, not FastAPI's (which loads from a CDN)
    assert redoc.headers["content-security-policy"] == DOCS_CSP.replace(
        "connect-src 'self';", "connect-src 'self'; worker-src blob:;"
    )
    assert re.findall(r'src="([^"]+)"', redoc.text) == ["static/docs/redoc.standalone.js", "static/docs/redoc-start.js"]
    bundle = httpx.get(live.url + "/static/docs/redoc.standalone.js")
    assert (bundle.status_code, bundle.headers["content-type"]) == (200, "text/javascript; charset=utf-8")
    assert b"cdn.redoc.ly" not in bundle.content  # its one CDN URL (a logo) is replaced


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.", "10.0.0.1"]
)
def test_foreign_host_headers_are_refused(live, host: str) -> None:
    """DNS rebinding: a foreign name pointed at 127.0.0.1 reaches the server but gets nothing."""
    r = httpx.get(live.url + "/sparql", params={"query": "ASK {}"}, headers={"Host": host})
    assert (r.status_code, r.json()) == (
        400,
        {"error": f"unknown Host header {host!r}; start the server with --allowed-host"},
    )
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_local_host_headers_are_answered(live, host: str) -> None:
    port = live.url.rsplit(":", 1)[1]
    for value in (host, f"{host}:{port}"):
        r = httpx.get(live.url + "/sparql", params={"query": "ASK {}"}, headers={"Host": value})
        assert (r.status_code, r.json()) == (200, {"head": {}, "boolean": True})
