"""The read-only SPARQL 1.1 Protocol endpoint (``/sparql``): limits, then the engine decides.

Before the engine sees a query, its size and bracket nesting are checked (413, 422). Then it runs
in a sandboxed worker process (:mod:`pressgraph.store.query_pool`): pyoxigraph's own parser is the
only one that reads the text, so there is no second parser to disagree with it. Updates and LOAD
are refused because the engine parses the text as an update (403); SERVICE cannot reach anything
because the worker has no network (403); a query past the time limit has its worker killed (408),
one that crashes the engine costs its worker (422), and answers are serialised by pyoxigraph in
the negotiated format with the row cap counted while streaming (422).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qsl

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from pressgraph.api import _negotiation as neg
from pressgraph.api._protocol import Params, params_of
from pressgraph.api._service import release_graphs, service_description
from pressgraph.api._yasgui import yasgui_page, yasgui_router
from pressgraph.errors import (
    AmbiguousName,
    EngineCrashed,
    ForbiddenQuery,
    QueryError,
    QueryLimitError,
    QueryTimeout,
    QueryTooLarge,
    QueryUnavailable,
    RowCapExceeded,
    TooBusy,
    UnknownName,
)
from pressgraph.namespaces import PG_NS, PREFIXES
from pressgraph.store.query_pool import Answer, FormatNotAcceptable, QueryRunner

# Status of each query error, most specific first (the API's exception handlers use it too).
STATUS: tuple[tuple[type[Exception], int], ...] = (
    (ForbiddenQuery, 403),
    (QueryTimeout, 408),
    (TooBusy, 429),
    (QueryUnavailable, 503),
    (QueryTooLarge, 413),
    (RowCapExceeded, 422),
    (EngineCrashed, 422),
    (QueryLimitError, 422),
    (UnknownName, 404),
    (AmbiguousName, 409),
    (QueryError, 400),
)


def status_of(exc: Exception) -> int:
    return next(code for cls, code in STATUS if isinstance(exc, cls))


@dataclass(frozen=True)
class Limits:
    """What a user query may be: checked on the text before the engine sees it."""

    timeout: float = 10.0
    row_cap: int = 10_000
    max_bytes: int = 100_000
    max_depth: int = 200


class TooDeep(QueryLimitError):
    """Brackets nest deeper than the limit (→ 422)."""


def check_text(text: str, limits: Limits) -> None:
    """Refuse texts longer or deeper than the limits, before any parser reads them.

    The depth is counted over every bracket, inside strings and comments too, so it is an early,
    clear refusal, not the guarantee: brackets hidden in comments get past it. What keeps a deep
    query from hurting the server is the worker: a 512 MB stack (100 KB of nested groups parse
    fine) and, past that, a process boundary, so a crash costs that one request.
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > limits.max_bytes:
        raise QueryTooLarge(f"query is {size} bytes; the limit is {limits.max_bytes}")
    depth = deepest = 0
    for char in text:
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth = max(0, depth - 1)
    if deepest > limits.max_depth:
        raise TooDeep(f"query nests {deepest} brackets deep; the limit is {limits.max_depth}")


def error(status: int, message: str) -> JSONResponse:
    """Every refusal: a 4xx status and ``{"error": message}``."""
    return JSONResponse({"error": message}, status_code=status)


def _formats(accept: str | None, explicit: tuple[str, ...]) -> tuple[neg.Format | None, neg.Format | None]:
    """The format for a results answer and for a graph answer (None where nothing fits).

    ``format=`` values that name no format at all are a typo, not a wish to be ignored (406)."""
    if explicit and not any(neg.named_anywhere(v, neg.RESULT_FORMATS, neg.GRAPH_FORMATS) for v in explicit):
        return None, None
    return neg.choose_sparql(neg.RESULT_FORMATS, accept, explicit), neg.choose_sparql(
        neg.GRAPH_FORMATS, accept, explicit
    )


def _not_acceptable(kind: str) -> JSONResponse:
    table = neg.GRAPH_FORMATS if kind == "graph" else neg.RESULT_FORMATS
    return error(406, f"acceptable {kind} formats: " + ", ".join(neg.media_types(table)))


def media_type(answer: Answer) -> str:
    table = neg.GRAPH_FORMATS if answer.kind == "graph" else neg.RESULT_FORMATS
    return next(f.media_type for f in table if f.name == answer.format)


def execute(runner: QueryRunner, text: str, request: Request, limits: Limits, params: Params) -> Response:
    """Check, run and serialize one user query; every user error becomes a 4xx JSON answer."""
    results, graph = _formats(request.headers.get("accept"), params.formats)
    if results is None and graph is None:
        return _not_acceptable("results")
    try:
        check_text(text, limits)
        answer = runner.run(
            text,
            results.name if results else None,
            graph.name if graph else None,
            limits.row_cap,
            limits.timeout,
            params.dataset,
        )
    except FormatNotAcceptable as exc:
        return _not_acceptable(exc.kind)
    except QueryError as exc:
        return error(status_of(exc), str(exc))
    return Response(answer.body, media_type=media_type(answer))


async def read_capped(request: Request, cap: int) -> bytes | None:
    """The request body, or None once it passes ``cap`` bytes (read no further: 413)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        return None
    chunks: list[bytes] = []
    size = 0
    stream: AsyncIterator[bytes] = request.stream()
    async for chunk in stream:
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _text_of(ctype: str, body: bytes) -> tuple[str, list[tuple[str, str]]] | JSONResponse:
    """The query in a POST body and the body's other form fields, or the refusal for its type."""
    if ctype == "application/sparql-query":
        return body.decode("utf-8", errors="replace"), []
    if ctype == "application/x-www-form-urlencoded":
        fields = parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        if any(k == "update" for k, _ in fields):
            return error(403, "this endpoint is read-only: SPARQL updates are refused")
        return next((v for k, v in fields if k == "query"), ""), fields
    if ctype == "application/sparql-update":
        return error(403, "this endpoint is read-only: SPARQL updates are refused")
    return error(415, "send application/sparql-query or application/x-www-form-urlencoded")


_REMOTE_OFF = (
    "SPARQL over a remote store is off: the remote engine would evaluate SERVICE itself; configure it "
    "to refuse SERVICE and start the server with --remote-sparql"
)


_QUERY_EXAMPLE = f"SELECT ?org ?label WHERE {{ ?org a <{PG_NS}Company> ; <{PREFIXES['rdfs']}label> ?label }} LIMIT 10"

_DEFAULT = "a graph to make the default graph of (repeatable; without any, the union of all graphs)"
_NAMED = "a graph GRAPH may name (repeatable; once any dataset parameter is given, only these)"
_FORMAT = "a format by name or media type (json, xml, csv, tsv, turtle, n3, json-ld, nt, rdf+xml); wins over Accept"

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Query results (SELECT/ASK) or an RDF graph (CONSTRUCT/DESCRIBE), "
        "in the format chosen by Accept.",
        "content": {
            "application/sparql-results+json": {
                "example": {
                    "head": {"vars": ["org"]},
                    "results": {
                        "bindings": [{"org": {"type": "uri", "value": "https://w3id.org/pressgraph/id/org/fda"}}]
                    },
                }
            },
            **{m: {} for m in neg.media_types(neg.RESULT_FORMATS)[1:]},
            **{m: {} for m in neg.media_types(neg.GRAPH_FORMATS)},
        },
    },
    400: {
        "description": "Malformed query",
        "content": {"application/json": {"example": {"error": "malformed SPARQL query: Expected ..."}}},
    },
    403: {
        "description": "Update, LOAD or SERVICE refused",
        "content": {
            "application/json": {
                "example": {"error": "this endpoint is read-only: SPARQL updates (incl. LOAD) are refused"}
            }
        },
    },
    406: {"description": "No acceptable format", "content": {"application/json": {}}},
    413: {
        "description": "Query (or request body) larger than the limit",
        "content": {"application/json": {"example": {"error": "query is larger than 100000 bytes"}}},
    },
    429: {
        "description": "Too many queries running",
        "content": {"application/json": {"example": {"error": "too many queries are running; retry later"}}},
    },
    408: {
        "description": "Time limit exceeded",
        "content": {"application/json": {"example": {"error": "query exceeded the 10 s limit"}}},
    },
    415: {"description": "Unsupported request body type", "content": {"application/json": {}}},
    503: {
        "description": "Queries cannot run safely on this platform (no sandbox)",
        "content": {"application/json": {"example": {"error": "queries need the Linux seccomp sandbox"}}},
    },
    422: {
        "description": "Row cap exceeded, query nested too deeply, or the query crashed the engine",
        "content": {
            "application/json": {
                "example": {"error": "query returned more than 10000 rows; add LIMIT or narrow the pattern"}
            }
        },
    },
}


async def _posted_query(request: Request, lim: Limits) -> tuple[str, list[tuple[str, str]]] | Response:
    """A POSTed query's text and its parameters (URL parameters, then form fields), or the 4xx
    answer for a body over the limit, of another media type, or without a query."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await read_capped(request, 3 * lim.max_bytes + 1024)  # url-encoding triples a text
    if body is None:
        return error(413, f"request body is larger than the query limit ({lim.max_bytes} bytes)")
    parsed = _text_of(ctype, body)
    if isinstance(parsed, Response):
        return parsed
    text, fields = parsed
    if not text.strip():
        return error(400, "missing query")
    return text, [*request.query_params.multi_items(), *fields]


def sparql_router(
    store: Any = None, *, runner: QueryRunner | None = None, limits: Limits | None = None, **legacy: Any
) -> APIRouter:
    """A mountable router with the SPARQL 1.1 Protocol endpoint at ``/sparql`` (read-only).

    ``runner`` runs the queries; given only an embedded ``store``, the router starts its own
    sandboxed worker pool. ``query_timeout`` and ``row_cap`` may be passed as before.
    """
    if store is None and runner is None:
        raise TypeError("sparql_router needs a store or a runner")
    lim = limits or Limits(timeout=legacy.get("query_timeout", 10.0), row_cap=legacy.get("row_cap", 10_000))
    run = runner or default_runner(store)
    router = APIRouter(tags=["sparql"])
    router.include_router(yasgui_router())

    def answer(text: str, request: Request, pairs: list[tuple[str, str]]) -> Response:
        if not run.accepts_user_queries:
            return error(403, _REMOTE_OFF)
        try:
            params = params_of(pairs)
        except QueryError as exc:
            return error(status_of(exc), str(exc))
        return execute(run, text, request, lim, params)

    @router.get("/sparql", responses=_RESPONSES, summary="SPARQL query (GET)")
    def sparql_get(
        request: Request,
        query: Annotated[str | None, Query(description="the SPARQL query", examples=[_QUERY_EXAMPLE])] = None,
        default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri", description=_DEFAULT)] = None,
        named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri", description=_NAMED)] = None,
        format: Annotated[str | None, Query(description=_FORMAT, examples=["json"])] = None,
    ) -> Response:
        """Run a SPARQL query given as the ``query`` URL parameter (SPARQL 1.1 Protocol).

        ``default-graph-uri`` and ``named-graph-uri`` (repeatable) name the dataset; ``format``
        (or ``output``) picks a format by name where ``Accept`` is not enough. Without a query, a
        browser (``Accept: text/html``) gets the YASGUI query page, and a request for RDF
        (``Accept: text/turtle``, or ``format=turtle``) the SPARQL service description."""
        # The dataset and format parameters are declared above for the OpenAPI description and
        # read below with the rest of the URL, in order (repeats, and output=/results= too).
        if not query:
            return _without_query(request, store)
        return answer(query, request, request.query_params.multi_items())

    @router.post("/sparql", responses=_RESPONSES, summary="SPARQL query (POST)", openapi_extra=_POST_BODY)
    async def sparql_post(request: Request) -> Response:
        """Run a query sent as ``application/sparql-query`` or as a form field ``query``.

        Dataset and format parameters come as URL parameters, or as form fields beside ``query``."""
        posted = await _posted_query(request, lim)
        if isinstance(posted, Response):
            return posted
        text, pairs = posted
        return await anyio.to_thread.run_sync(lambda: answer(text, request, pairs))

    return router


def _without_query(request: Request, store: Any) -> Response:
    """``GET /sparql`` with no query: the query page, the service description, or 400."""
    if neg.prefers_html(request.headers.get("accept")):
        return yasgui_page()
    fmt = _description_format(request)
    if fmt is None:
        return error(400, "missing 'query' parameter")
    endpoint = str(request.url.replace(query="", fragment=""))
    try:
        body = service_description(endpoint, release_graphs(store), fmt.name)
    except ValueError:  # a Host header no IRI can carry (the app's Host allow-list stops it first)
        return error(400, "this request's URL is not an IRI; cannot describe the endpoint")
    return Response(body, media_type=fmt.media_type)


def _description_format(request: Request) -> neg.Format | None:
    """The RDF format a request without a query asks for by ``format=`` or by name in ``Accept``."""
    named = request.query_params.getlist("format")
    if named:
        return next((f for f in neg.GRAPH_FORMATS if any(f.named(v) for v in named)), None)
    return neg.choose_explicit(neg.GRAPH_FORMATS, request.headers.get("accept"))


def default_runner(store: Any) -> QueryRunner:
    """The worker pool over an embedded store, the remote store's endpoint otherwise."""
    from pressgraph.store.embedded import EmbeddedStore
    from pressgraph.store.query_pool import QueryPool, RemoteRunner

    if isinstance(store, EmbeddedStore):
        return QueryPool(store)
    return RemoteRunner(store)


_POST_BODY: dict[str, Any] = {
    "requestBody": {
        "content": {
            "application/sparql-query": {"schema": {"type": "string"}, "example": _QUERY_EXAMPLE},
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]},
                "example": {"query": _QUERY_EXAMPLE},
            },
        }
    }
}
