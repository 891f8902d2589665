"""The interactive API documentation (Swagger UI) served by this server, not by a CDN.

FastAPI's default ``/docs`` page loads Swagger UI from a CDN and starts it with an inline script,
which leaks every visit to a third party and needs a CSP that allows inline scripts. Here the
Swagger UI files come from the ``fastapi-offline`` package (a registry package, installed with
pressgraph) and the start-up script is a file of our own, so ``/docs`` works offline under a CSP
of ``script-src 'self'``. URLs are relative, so a router mounted under a prefix still works.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response

from pressgraph.errors import PressgraphError

_ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pressgraph API</title>
<link rel="stylesheet" href="static/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="static/docs/swagger-ui-bundle.js"></script>
<script src="static/docs/start.js"></script>
</body></html>
"""
_START = """window.ui = SwaggerUIBundle({
  url: "openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"
});
"""


@lru_cache(maxsize=len(_ASSETS))
def asset(name: str) -> bytes:
    """One Swagger UI file from the installed package (read once)."""
    try:
        return resources.files("fastapi_offline").joinpath("static", name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise PressgraphError(f"Swagger UI files are missing ({exc}); pip install fastapi-offline") from exc


def docs_routes(app: FastAPI) -> None:
    """``/docs`` and its three files."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_PAGE)

    @app.get("/static/docs/start.js", include_in_schema=False)
    def start() -> Response:
        return Response(_START, media_type="text/javascript")

    @app.get("/static/docs/swagger-ui-bundle.js", include_in_schema=False)
    def bundle() -> Response:
        return Response(asset("swagger-ui-bundle.js"), media_type=_ASSETS["swagger-ui-bundle.js"])

    @app.get("/static/docs/swagger-ui.css", include_in_schema=False)
    def css() -> Response:
        return Response(asset("swagger-ui.css"), media_type=_ASSETS["swagger-ui.css"])
