"""What every response and every write must pass: Host allow-list, security headers, write policy.

* **Host allow-list** (DNS rebinding): a page on ``evil.example`` whose name is made to resolve to
  127.0.0.1 reaches the server with ``Host: evil.example``; only the names the server was started
  for are answered (default: 127.0.0.1, localhost, [::1]; ``serve --allowed-host`` adds more).
* **Security headers** on every answer: a Content-Security-Policy that allows nothing but this
  server (no inline script, no frames), ``X-Content-Type-Options: nosniff``, no referrer. The
  script pages, Swagger UI at ``/docs``, ReDoc at ``/redoc`` and YASGUI at ``/sparql`` (HTML
  answers only), may run this server's own script files, set style attributes and fetch from
  this server (ReDoc may also start a worker from its own blob: script).
* **Writes** (``POST /releases``): refused unless a token is configured or anonymous writes were
  asked for explicitly; the token is checked on the headers, before a byte of the body is read.
  A browser cannot be made to write from another site: the token travels in ``Authorization``,
  which a cross-site form cannot set; anonymous writes need the ``X-Pressgraph-Upload`` header,
  which a cross-site page cannot send without a CORS preflight this server never grants; and any
  request whose ``Origin`` or ``Sec-Fetch-Site`` says it comes from another site is refused.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
UPLOAD_HEADER = "x-pressgraph-upload"

_PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# Swagger UI and YASGUI (served from this server, never a CDN) set style attributes from their scripts.
_DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# ReDoc runs its search index in a worker it creates from a blob: URL of its own script.
_REDOC_CSP = _DOCS_CSP.replace("connect-src 'self';", "connect-src 'self'; worker-src blob:;")
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def host_name(host: str) -> str:
    """``Host`` without its port, lower-cased: ``[::1]:8000`` → ``[::1]``, ``A.b:1`` → ``a.b``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def allowed_host_set(extra: Iterable[str] = ()) -> frozenset[str]:
    """The local names plus ``extra`` (bare IPv6 addresses get their brackets)."""
    names = {host_name(f"[{h}]" if h.count(":") > 1 and not h.startswith("[") else h) for h in extra}
    return frozenset(LOCAL_HOSTS) | names


class Guard:
    """ASGI middleware: answers 400 to an unknown Host, adds the security headers to the rest."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        path = str(scope.get("path", ""))
        if "*" not in self.allowed and host_name(host) not in self.allowed:
            await _refuse_host(send, host, [*_HEADERS, (b"content-security-policy", _PAGE_CSP.encode())])
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent = message.get("headers", [])
                ctype = next((v for k, v in sent if k.lower() == b"content-type"), b"")
                csp = (b"content-security-policy", content_security_policy(path, ctype).encode())
                message = {**message, "headers": [*sent, *_HEADERS, csp]}
            await send(message)

        await self.app(scope, receive, send_secured)


def content_security_policy(path: str, content_type: bytes) -> str:
    """The policy of one answer: the script pages' (Swagger UI, YASGUI), or the strict one."""
    if path == "/redoc":
        return _REDOC_CSP
    if path.startswith(("/docs", "/static/docs/")):
        return _DOCS_CSP
    if path == "/sparql" and content_type.lower().startswith(b"text/html"):
        return _DOCS_CSP
    return _PAGE_CSP


async def _refuse_host(send: Send, host: str, extra: list[tuple[bytes, bytes]]) -> None:
    shown = host[:100] or "(none)"
    body = json.dumps({"error": f"unknown Host header {shown!r}; start the server with --allowed-host"}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@dataclass(frozen=True)
class WritePolicy:
    """Who may write: holders of ``token``, or anyone same-site when ``anonymous`` is set."""

    token: str | None = None
    anonymous: bool = False

    def refusal(self, request: Request) -> JSONResponse | None:
        """The answer that refuses this write, or None to go on (nothing of the body read yet)."""
        if _cross_site(request):
            return _error(403, "cross-site writes are refused")
        if self.token:
            auth = request.headers.get("authorization") or ""
            if not auth.lower().startswith("bearer "):
                return _error(401, "writes need 'Authorization: Bearer <token>'")
            if not hmac.compare_digest(auth[7:].strip().encode(), self.token.encode()):
                return _error(403, "wrong write token")
            return None
        if not self.anonymous:
            return _error(403, "writes are off: start the server with --write-token (or PRESSGRAPH_WRITE_TOKEN)")
        if UPLOAD_HEADER not in request.headers:
            return _error(403, "anonymous writes need the header 'X-Pressgraph-Upload: 1'")
        return None


def _cross_site(request: Request) -> bool:
    """Whether the browser says the request comes from another site or origin."""
    if request.headers.get("sec-fetch-site", "") in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return False
    parts = urlsplit(origin)
    return origin == "null" or parts.netloc.lower() != request.headers.get("host", "").lower()


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)
