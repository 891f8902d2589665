"""The query page for browsers at ``GET /sparql``: YASGUI, served by this server, never a CDN.

The YASGUI files (``@zazuko/yasgui``'s ``build/yasgui.min.js`` and ``yasgui.min.css``, MIT) are
vendored under ``static/yasgui/`` (see ``VENDORED.md`` there for the version and how to update)
and ship in the wheel with the package. The page starts YASGUI with a script file of our own, not
an inline script, so it runs under a CSP of ``script-src 'self'``; the endpoint is the page's own
URL, so the page works on any port, behind any prefix the router is mounted under. YASGUI's
look-ups of other sites (prefix.cc, LOV autocompletion, a tab history in localStorage that could
point the page at another endpoint) are off.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from pressgraph.errors import PressgraphError
from pressgraph.namespaces import PREFIXES

ASSETS = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css"}
_CACHE = {"cache-control": "public, max-age=86400"}  # 1 MB that changes only with a release
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pressgraph SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="static/yasgui/yasgui.min.css"></head>
<body><div id="yasgui"></div>
<script src="static/yasgui/yasgui.min.js"></script>
<script src="static/yasgui/start.js"></script>
</body></html>
"""
_START = """(function () {
  "use strict";
  var endpoint = window.location.origin + window.location.pathname;
  var example = [
    "PREFIX pg: <%(pg)s>",
    "PREFIX rdfs: <%(rdfs)s>",
    "SELECT ?company ?name WHERE {",
    "  ?company a pg:Company ; rdfs:label ?name .",
    "} ORDER BY ?name LIMIT 100"
  ].join("\\n");
  window.pressgraphYasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { value: example, persistenceId: null, autocompleters: ["variables"] }
  });
})();
"""
_START_JS = _START.replace("%(pg)s", PREFIXES["pg"]).replace(
    "%(rdfs)s", PREFIXES["rdfs"]
)  # prefixes from the one table


@lru_cache(maxsize=len(ASSETS))
def asset(name: str) -> bytes:
    """One vendored YASGUI file from the installed package (read once)."""
    try:
        return resources.files("pressgraph.api").joinpath("static", "yasgui", name).read_bytes()
    except FileNotFoundError as exc:
        raise PressgraphError(f"the YASGUI files are missing from the package ({exc})") from exc


def yasgui_page() -> HTMLResponse:
    """The page; its Content-Security-Policy is set by the app's Guard (``_security``)."""
    return HTMLResponse(_PAGE)


def yasgui_router() -> APIRouter:
    """The three files the page loads, beside ``/sparql`` (relative URLs: mountable)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/static/yasgui/start.js")
    def start() -> Response:
        return Response(_START_JS, media_type="text/javascript")

    @router.get("/static/yasgui/yasgui.min.js")
    def script() -> Response:
        return Response(asset("yasgui.min.js"), media_type=ASSETS["yasgui.min.js"], headers=_CACHE)

    @router.get("/static/yasgui/yasgui.min.css")
    def style() -> Response:
        return Response(asset("yasgui.min.css"), media_type=ASSETS["yasgui.min.css"], headers=_CACHE)

    return router
