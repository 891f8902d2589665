"""The HTTP API and entity browser: ``create_app(store)`` and the mountable ``sparql_router``.

Routes: ``/sparql`` (SPARQL 1.1 Protocol, read-only), ``/entities``, ``/entities/{id}``,
``/paths``, ``/queries``, ``/queries/{name}``, ``/releases``, ``/releases/{id}`` and
``POST /releases``; HTML for browsers, JSON/JSON-LD/Turtle for programs (by ``Accept``).
Every error the client can cause is a 4xx answer ``{"error": "..."}``.
"""

from __future__ import annotations

from pressgraph.api._app import create_app
from pressgraph.api._sparql import sparql_router

__all__ = ["create_app", "sparql_router"]
