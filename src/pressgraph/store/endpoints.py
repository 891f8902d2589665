"""Where a remote store answers queries and updates, found from one base URL.

Stores lay their SPARQL services out differently under one base:

==================  ======================  =============================  ==========================
layout              query                   update                         example base
==================  ======================  =============================  ==========================
Oxigraph server     ``BASE/query``          ``BASE/update``                ``http://h:7878``
Fuseki              ``BASE/sparql|query``   ``BASE/update``                ``http://h:3030/ds``
GraphDB             ``BASE``                ``BASE/statements``            ``http://h:7200/repositories/X``
Virtuoso            ``BASE/sparql``         ``BASE/sparql``                ``http://h:8890``
==================  ======================  =============================  ==========================

So ``--endpoint`` may be any of these bases or the query URL itself (``…/query``, ``…/sparql``).
The query URL is the first candidate that answers ``ASK {}`` with a SPARQL JSON boolean; the
update URL, needed only by a write, the first that accepts the no-op update ``INSERT DATA {}``.
Both probes change nothing. ``--update-url`` (and ``--gsp-url``) still configure them outright.
"""

from __future__ import annotations

import httpx

from pressgraph.errors import StoreError

_JSON = "application/sparql-results+json"
_NOOP_UPDATE = "INSERT DATA { }"
_QUERY_SEGMENTS = ("query", "sparql")


def _trimmed(base: str) -> str:
    return base.rstrip("/")


def query_candidates(base: str) -> list[str]:
    """The URLs that may answer queries, most specific first: the base itself (GraphDB, Fuseki's
    dataset URL, or a query URL given outright), then ``/query`` and ``/sparql`` under it."""
    root = _trimmed(base)
    return [root, f"{root}/query", f"{root}/sparql"]


def update_candidates(base: str, query_url: str) -> list[str]:
    """The URLs that may take updates once ``query_url`` is known. A query URL ending in
    ``/query`` or ``/sparql`` has its ``/update`` sibling (Oxigraph, Fuseki), then itself
    (Virtuoso); a dataset or repository URL has ``/statements`` (GraphDB), ``/update`` (Fuseki),
    then itself."""
    query = _trimmed(query_url)
    head, _, last = query.rpartition("/")
    if last in _QUERY_SEGMENTS:
        found = [f"{head}/update", query, f"{_trimmed(base)}/update"]
    else:
        found = [f"{query}/statements", f"{query}/update", query]
    return list(dict.fromkeys(found))


def answers_ask(client: httpx.Client, url: str) -> bool:
    """Whether ``url`` answers ``ASK {}`` as a SPARQL endpoint (an HTML page or a 404 does not)."""
    try:
        response = client.post(url, data={"query": "ASK {}"}, headers={"Accept": _JSON})
    except httpx.HTTPError:
        return False
    if response.status_code != 200 or "json" not in response.headers.get("content-type", ""):
        return False
    try:
        return isinstance(response.json().get("boolean"), bool)
    except ValueError:
        return False


def accepts_update(client: httpx.Client, url: str) -> bool:
    """Whether ``url`` runs the no-op update (2xx); a query-only URL answers 4xx."""
    try:
        response = client.post(url, data={"update": _NOOP_UPDATE})
    except httpx.HTTPError:
        return False
    return 200 <= response.status_code < 300


def discover_query_url(client: httpx.Client, base: str) -> str:
    """The query URL under ``base``, or a one-line StoreError naming what was tried."""
    tried = query_candidates(base)
    for url in tried:
        if answers_ask(client, url):
            return url
    _unreachable(client, tried[0])
    raise StoreError(
        f"no SPARQL query endpoint at {base}: tried {', '.join(tried)} "
        "(give the query URL with --endpoint, and --update-url for writes)"
    )


def discover_update_url(client: httpx.Client, base: str, query_url: str) -> str:
    """The update URL for ``query_url``, or a one-line StoreError naming what was tried."""
    tried = update_candidates(base, query_url)
    for url in tried:
        if accepts_update(client, url):
            return url
    raise StoreError(
        f"no SPARQL update endpoint found for {base}: tried {', '.join(tried)} "
        '(give it with --update-url; Virtuoso needs GRANT SPARQL_UPDATE TO "SPARQL")'
    )


def _unreachable(client: httpx.Client, url: str) -> None:
    """Say "cannot reach" rather than "no endpoint" when nothing listens at all."""
    try:
        client.get(url, timeout=10)
    except httpx.HTTPError as exc:
        raise StoreError(f"cannot reach {url}: {exc}".splitlines()[0]) from None
