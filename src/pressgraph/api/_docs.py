"""The API documentation (Swagger UI at ``/docs``, ReDoc at ``/redoc``) served here, not by a CDN.

FastAPI's default ``/docs`` page loads Swagger UI from a CDN and starts it with an inline script,
which leaks every visit to a third party and needs a CSP that allows inline scripts. Here the
Swagger UI and ReDoc files come from the ``fastapi-offline`` package (a registry package,
installed with pressgraph) and the start-up scripts are files of our own, so both pages work
offline under a CSP of ``script-src 'self'``. URLs are relative, so a prefix still works.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response

from pressgraph.errors import PressgraphError

_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "text/javascript",
}
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


_REDOC_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pressgraph API</title></head>
<body><div id="redoc"></div>
<script src="static/docs/redoc.standalone.js"></script>
<script src="static/docs/redoc-start.js"></script>
</body></html>
"""
_REDOC_START = """Redoc.init("openapi.json", { disableSearch: false }, document.getElementById("redoc"));
"""


@lru_cache(maxsize=len(_ASSETS))
def asset(name: str) -> bytes:
    """One Swagger UI file from the installed package (read once)."""
    try:
        return resources.files("fastapi_offline").joinpath("static", name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise PressgraphError(f"Swagger UI files are missing ({exc}); pip install fastapi-offline") from exc


# ReDoc's side menu shows Redocly's logo from their CDN: a visit would leak to them (and the CSP
# would log the refusal); an empty image in its place keeps the page to this server.
_REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
_EMPTY_SVG = b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


@lru_cache(maxsize=1)
def redoc_script() -> bytes:
    """ReDoc's bundle with its one CDN URL (the logo) replaced by an empty inline image."""
    return asset("redoc.standalone.js").replace(_REDOC_LOGO, _EMPTY_SVG)


def docs_routes(app: FastAPI) -> None:
    """``/docs`` and ``/redoc`` and their files."""

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

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return HTMLResponse(_REDOC_PAGE)

    @app.get("/static/docs/redoc-start.js", include_in_schema=False)
    def redoc_start() -> Response:
        return Response(_REDOC_START, media_type="text/javascript")

    @app.get("/static/docs/redoc.standalone.js", include_in_schema=False)
    def redoc_bundle() -> Response:
        return Response(redoc_script(), media_type=_ASSETS["redoc.standalone.js"])
