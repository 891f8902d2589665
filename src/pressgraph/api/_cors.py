"""CORS for the read-only routes, so YASGUI or any page on another origin can query this server.

Granted (to the configured origins; default any, ``*``): ``GET``/``HEAD`` of every route, and
``POST /sparql`` (a query, never an update). A preflight ``OPTIONS`` for those answers 204 and
allows the ``Content-Type`` and ``Accept`` headers, so ``application/sparql-query`` bodies work.

Never granted: any other method, so no write route (``POST /releases``...) gets a CORS header or
a preflight; the preflight a cross-site page needs to send ``Authorization`` or
``X-Pressgraph-Upload`` is refused (403), which is what the write defence of :mod:`._security`
relies on. No credentials are ever allowed (no ``Access-Control-Allow-Credentials``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from pressgraph.api._security import ASGIApp, Message, Receive, Scope, Send
from pressgraph.errors import ConfigError

ANY = "*"
ALLOWED_HEADERS = ("content-type", "accept")
# Headers a browser may always send; some list them in a preflight anyway.
_SAFELISTED = frozenset({"accept", "accept-language", "content-language", "content-type"})
MAX_AGE = "600"


def normal_origin(origin: str) -> str:
    """``https://Example.org:8443/`` → ``https://example.org:8443``; ``*`` stays; else ConfigError."""
    text = origin.strip()
    if text == ANY:
        return ANY
    parts = urlsplit(text.rstrip("/"))
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query or parts.fragment:
        raise ConfigError(f"not a CORS origin (scheme://host[:port]): {origin!r}")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def granted_methods(path: str) -> tuple[str, ...]:
    """The methods another origin may use on ``path``: reads only."""
    return ("GET", "HEAD", "POST") if path == "/sparql" else ("GET", "HEAD")


class Cors:
    """ASGI middleware: CORS response headers and preflights for the read-only routes."""

    def __init__(self, app: ASGIApp, origins: Iterable[str] = (ANY,)) -> None:
        self.app = app
        self.origins = frozenset(normal_origin(o) for o in origins)

    def _allow_origin(self, origin: str | None) -> bytes | None:
        """The ``Access-Control-Allow-Origin`` value for ``origin``, or None (no grant)."""
        if origin is None or not self.origins:
            return None
        if ANY in self.origins:
            return b"*"
        return origin.encode("latin-1") if origin.lower() in self.origins else None

    def _vary(self) -> list[tuple[bytes, bytes]]:
        """The answer depends on Origin when only some origins are granted (caches must know)."""
        return [] if not self.origins or ANY in self.origins else [(b"vary", b"Origin")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        method, path = str(scope["method"]).upper(), str(scope.get("path", ""))
        origin = headers.get(b"origin")
        if method == "OPTIONS" and origin is not None and b"access-control-request-method" in headers:
            await self._preflight(send, path, origin, headers)
            return
        if method not in granted_methods(path):
            await self.app(scope, receive, send)
            return
        grant = self._allow_origin(origin)
        extra = [*self._vary(), *([(b"access-control-allow-origin", grant)] if grant else [])]

        async def send_granted(message: Message) -> None:
            if message["type"] == "http.response.start" and extra:
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_granted)

    async def _preflight(self, send: Send, path: str, origin: str, headers: dict[bytes, str]) -> None:
        """204 with the grant, or 403 saying what was refused (and no Access-Control-* header)."""
        wanted = headers[b"access-control-request-method"].strip().upper()
        asked = {h.strip().lower() for h in headers.get(b"access-control-request-headers", "").split(",") if h.strip()}
        grant = self._allow_origin(origin)
        refused = sorted(asked - _SAFELISTED)
        if grant is None:
            reason = f"CORS is not granted to the origin {origin[:100]!r}"
        elif wanted not in granted_methods(path):
            reason = f"CORS is granted for reads only, not {wanted[:20]} {path[:200]}"
        elif refused:
            reason = f"CORS allows the headers Content-Type and Accept, not {', '.join(refused)[:200]}"
        else:
            methods = ", ".join(m for m in granted_methods(path) if m != "HEAD").encode()
            out = [
                (b"access-control-allow-origin", grant),
                (b"access-control-allow-methods", methods),
                (b"access-control-allow-headers", b"Content-Type, Accept"),
                (b"access-control-max-age", MAX_AGE.encode()),
                *self._vary(),
            ]
            await send({"type": "http.response.start", "status": 204, "headers": out})
            await send({"type": "http.response.body", "body": b""})
            return
        body = json.dumps({"error": reason}).encode()
        out = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *self._vary()]
        await send({"type": "http.response.start", "status": 403, "headers": out})
        await send({"type": "http.response.body", "body": body})
