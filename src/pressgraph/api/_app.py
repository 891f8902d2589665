"""The FastAPI application: wires the store into the SPARQL, entity, query and release routes.

Two things sit in front of every route (:mod:`._security`): the Host allow-list and the security
headers. User SPARQL and named queries run in the sandboxed worker pool; the entity and release
pages run their own fixed queries on the store directly.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio
from fastapi import FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException, MultiPartParser

from pressgraph.api import _entities as ent
from pressgraph.api import _feed as feed
from pressgraph.api import _negotiation as neg
from pressgraph.api import _openapi as api_docs
from pressgraph.api import _pages as pages
from pressgraph.api import _queries as nq
from pressgraph.api import _releases as rel
from pressgraph.api._cors import ANY, Cors
from pressgraph.api._docs import docs_routes
from pressgraph.api._financials import financials_router
from pressgraph.api._graph_store import graph_store_router, release_rdf
from pressgraph.api._security import Guard, WritePolicy, allowed_host_set
from pressgraph.api._sparql import Limits, default_runner, error, read_capped, sparql_router, status_of
from pressgraph.api._terms import graph_bytes
from pressgraph.config import VERSION
from pressgraph.errors import AmbiguousName, PressgraphError, QueryError
from pressgraph.store.base import GraphStore
from pressgraph.store.query_pool import QueryRunner, RemoteRunner

MAX_UPLOAD = 5_000_000
_MULTIPART_SLACK = 64_000  # boundaries and part headers around the file


def create_app(
    store: GraphStore,
    *,
    write_token: str | None = None,
    allow_anonymous_writes: bool = False,
    query_timeout: float = 10.0,
    row_cap: int = 10_000,
    max_upload: int = MAX_UPLOAD,
    allowed_hosts: Iterable[str] = (),
    runner: QueryRunner | None = None,
    remote_sparql: bool = False,
    cors_origins: Iterable[str] = (ANY,),
) -> FastAPI:
    """The whole API over ``store``.

    Writes need ``Authorization: Bearer <write_token>``; with no token they are refused unless
    ``allow_anonymous_writes``. ``allowed_hosts`` adds names to the local ones a Host header may
    carry. Queries run through ``runner`` (default: a sandboxed worker pool over an embedded
    store; a remote store answers named queries, and user SPARQL only with ``remote_sparql``).
    ``cors_origins`` may read from other origins (default any; empty: none); writes never.
    """
    run = runner or _runner(store, remote_sparql)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        run.close()

    app = FastAPI(
        title="pressgraph",
        version=VERSION,
        description="SPARQL endpoint and entity browser over press-release graphs.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.runner = run
    limits = Limits(timeout=query_timeout, row_cap=row_cap)
    app.include_router(sparql_router(store, runner=run, limits=limits))
    app.include_router(financials_router(store))
    _errors(app)
    _static(app)
    docs_routes(app)
    _home_routes(app, store)
    _entity_routes(app, store)
    _query_routes(app, store, run, limits)
    _release_routes(app, store)
    _upload_route(app, store, run, WritePolicy(write_token, allow_anonymous_writes), max_upload)
    app.include_router(graph_store_router(store, run, WritePolicy(write_token, allow_anonymous_writes), max_upload))
    app.add_middleware(Cors, origins=tuple(cors_origins))
    app.add_middleware(Guard, allowed_hosts=allowed_host_set(allowed_hosts))
    return app


def _runner(store: GraphStore, remote_sparql: bool) -> QueryRunner:
    if remote_sparql:
        return RemoteRunner(store, accepts_user_queries=True)
    return default_runner(store)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ent.UnknownEntity)
    async def _unknown(_: Request, exc: ent.UnknownEntity) -> JSONResponse:
        return error(404, str(exc))

    @app.exception_handler(AmbiguousName)
    async def _ambiguous(_: Request, exc: AmbiguousName) -> JSONResponse:
        candidates = [{"iri": iri, "id": ent.entity_id(iri), "label": label} for iri, label in exc.candidates]
        return JSONResponse({"error": str(exc), "candidates": candidates}, status_code=409)

    @app.exception_handler(rel.UploadRejected)
    async def _upload(_: Request, exc: rel.UploadRejected) -> JSONResponse:
        return error(exc.status, str(exc))

    @app.exception_handler(QueryError)
    async def _query(_: Request, exc: QueryError) -> JSONResponse:
        return error(status_of(exc), str(exc))

    @app.exception_handler(PressgraphError)
    async def _other(_: Request, exc: PressgraphError) -> JSONResponse:
        return error(422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error(422, f"invalid request: {where}: {first.get('msg', 'bad value')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))


def _static(app: FastAPI) -> None:
    @app.get("/static/style.css", include_in_schema=False)
    def style() -> Response:
        return Response(pages.STYLE, media_type="text/css")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)


def _pick(request: Request, fmt: str | None) -> neg.Format:
    chosen = neg.choose(neg.PAGE_FORMATS, request.headers.get("accept"), fmt)
    if chosen is None:
        raise StarletteHTTPException(406, "acceptable formats: " + ", ".join(neg.media_types(neg.PAGE_FORMATS)))
    return chosen


FormatParam = Annotated[
    str | None, Query(description="Override Accept: html, json, json-ld or turtle", examples=["json"])
]


def _home_routes(app: FastAPI, store: GraphStore) -> None:
    @app.get("/", response_class=HTMLResponse, tags=["browser"], summary="Home page")
    def home() -> HTMLResponse:
        """Search box, counts of releases, companies, products and trials, and the latest releases' events."""
        counts = {}
        for name, cls in (
            ("releases", "Release"),
            ("companies", "Company"),
            ("products", "Product"),
            ("trials", "ClinicalTrial"),
        ):
            rows = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{ent.PG}{cls}> }}").rows
            counts[name] = int(rows[0][0] or 0) if rows else 0
        return HTMLResponse(pages.render("home.html", counts=counts, recent=feed.recent(store)))

    @app.get(
        "/entities",
        tags=["entities"],
        summary="Search entities",
        responses=api_docs.SEARCH,
    )
    def search(
        request: Request,
        q: Annotated[str | None, Query(max_length=200, description="label or alias contains", examples=["FDA"])] = None,
        type: Annotated[
            str | None,
            Query(
                max_length=200,
                pattern=r"^[A-Za-z][\w:/#.-]*$",
                description="class, e.g. Company or pg:Company",
                examples=["Company"],
            ),
        ] = None,
        limit: Annotated[int, Query(ge=1, le=500, examples=[20])] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000, examples=[0])] = 0,
        format: FormatParam = None,
    ) -> Response:
        """Entities whose label or alternative name contains ``q``, optionally of one type."""
        fmt = _pick(request, format)
        result = ent.search(store, type, q, limit, offset)
        if fmt.name != "html":
            return JSONResponse(result)
        base = {k: v for k, v in (("q", q), ("type", type), ("limit", limit)) if v}
        nxt = f"/entities?{urlencode({**base, 'offset': offset + limit})}" if offset + limit < result["total"] else None
        prev = f"/entities?{urlencode({**base, 'offset': max(0, offset - limit)})}" if offset else None
        return HTMLResponse(pages.render("search.html", result=result, q=q, type=type, next=nxt, prev=prev))


def _entity_routes(app: FastAPI, store: GraphStore) -> None:
    @app.get(
        "/entities/{entity_id:path}",
        tags=["entities"],
        summary="One entity",
        responses=api_docs.ENTITY,
    )
    def entity(
        request: Request,
        entity_id: Annotated[
            str, Path(description="path after the instance base, or a company's name or ticker", examples=["org/fda"])
        ],
        format: FormatParam = None,
    ) -> Response:
        """Types, labels, aliases, relationships both ways, events, evidence and figures.

        The path is an entity id (``org/fda``) or a name: a company by its legal name with or
        without suffix, a short name or its ticker (``/entities/ASTM``), anything else by its label.
        """
        fmt = _pick(request, format)
        iri = ent.resolve(store, entity_id)
        if fmt.name in ("json-ld", "turtle"):
            nt = store.query(
                f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ "
                f"{{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"
            ).graph_ntriples
            if not nt:
                raise ent.UnknownEntity(f"unknown entity: {entity_id}")
            return Response(graph_bytes(nt, fmt.name), media_type=fmt.media_type)
        data = ent.describe(store, iri)
        if fmt.name == "json":
            return JSONResponse(data)
        svg = pages.neighbourhood_svg(data["label"], pages.hood_edges(data))
        return HTMLResponse(pages.render("entity.html", e=data, svg=svg))

    @app.get(
        "/paths",
        tags=["entities"],
        summary="How two entities connect",
        responses=api_docs.PATHS,
    )
    def paths(
        request: Request,
        source: Annotated[str, Query(alias="from", max_length=300, examples=["org/fda"])],
        target: Annotated[str, Query(alias="to", max_length=300, examples=["org/fda"])],
        format: FormatParam = None,
    ) -> Response:
        """Paths of up to 3 hops between two entities (ids, or names as for ``/entities/{entity_id}``)."""
        fmt = _pick(request, format)
        found = ent.paths(store, ent.resolve(store, source), ent.resolve(store, target))
        if fmt.name != "html":
            return JSONResponse({"from": source, "to": target, "paths": found})
        return HTMLResponse(pages.render("paths.html", source=source, target=target, paths=found))


def _query_routes(app: FastAPI, store: GraphStore, run: QueryRunner, limits: Limits) -> None:
    @app.get(
        "/queries",
        tags=["queries"],
        summary="List named queries",
        responses=api_docs.QUERY_LIST,
    )
    def list_queries(request: Request, format: FormatParam = None) -> Response:
        """Every named query with its parameters and result columns."""
        fmt = _pick(request, format)
        items = [nq.describe(q) for q in nq.list_queries()]
        if fmt.name != "html":
            return JSONResponse(items)
        return HTMLResponse(pages.render("queries.html", queries=items))

    @app.get(
        "/queries/{name}",
        tags=["queries"],
        summary="Run a named query",
        responses=api_docs.QUERY_RUN,
    )
    def run_named(
        request: Request,
        name: Annotated[str, Path(max_length=100, examples=["trials"])],
        format: FormatParam = None,
    ) -> Response:
        """Run one named query; its parameters come as URL parameters (``?company=org/x``)."""
        fmt = _pick(request, format)
        query = nq.get_query(name)
        params = {k: v for k, v in request.query_params.items() if k != "format"}
        text = nq.bind(store, query, params)
        answer = run.run(text, "json" if fmt.name != "html" else "tsv", None, limits.row_cap, limits.timeout)
        if fmt.name != "html":
            return Response(answer.body, media_type="application/sparql-results+json")
        variables, values = nq.rows_of(answer)
        rows = [[ent.node(v) if v is not None else None for v in row] for row in values]
        return HTMLResponse(
            pages.render("table.html", name=name, summary=nq.summary(query), variables=variables, rows=rows)
        )


def _release_routes(app: FastAPI, store: GraphStore) -> None:
    @app.get(
        "/releases",
        tags=["releases"],
        summary="List releases",
        responses=api_docs.RELEASE_LIST,
    )
    def releases(request: Request, format: FormatParam = None) -> Response:
        """Every release in the store, newest first."""
        fmt = _pick(request, format)
        items = rel.list_releases(store)
        if fmt.name != "html":
            return JSONResponse(items)
        return HTMLResponse(pages.render("releases.html", releases=items))

    @app.get(
        "/releases/{release_id}",
        tags=["releases"],
        summary="One release",
        responses=api_docs.RELEASE_ONE,
    )
    def release(
        request: Request,
        release_id: Annotated[str, Path(max_length=300, pattern=r"^[A-Za-z0-9._-]+$", examples=["x-2003-11-10"])],
        format: FormatParam = None,
    ) -> Response:
        """Metadata, validation report and the full text with evidence spans highlighted."""
        if (graph := release_rdf(store, request, release_id, format)) is not None:
            return graph  # Accept: text/turtle (or another RDF type): the release's graph
        fmt = _pick(request, format)
        data = rel.get_release(store, release_id)
        record = data["record"] or {}
        graph = record.get("graph_iri") or data["iri"].replace("/release/", "/graph/")
        report = rel.validation_report(store, graph, record.get("sha256"))
        if fmt.name != "html":
            return JSONResponse({**data, "validation": report})
        headline = next((v[0].get("value") for k, v in data["metadata"].items() if k == "schema:headline"), None)
        return HTMLResponse(
            pages.render(
                "release.html",
                r=data,
                report=report,
                headline=headline,
                text_html=Markup(rel.highlight(data["text"], data["evidence"])),
            )
        )


def _upload_route(app: FastAPI, store: GraphStore, run: QueryRunner, writes: WritePolicy, max_upload: int) -> None:
    @app.post(
        "/releases",
        tags=["releases"],
        summary="Ingest a release",
        status_code=201,
        openapi_extra=api_docs.UPLOAD_BODY,
        responses=api_docs.UPLOAD,
    )
    async def ingest(
        request: Request,
        authorization: Annotated[str | None, Header(examples=["Bearer s3cret"])] = None,
    ) -> JSONResponse:
        """Build, validate and store an uploaded release (multipart field ``file``).

        The write token is checked before the body is read, and the body is read only up to
        the size limit (413 past it)."""
        refusal = writes.refusal(request)
        if refusal is not None:
            return refusal
        body = await read_capped(request, max_upload + _MULTIPART_SLACK)
        if body is None:
            return error(413, f"upload is larger than {max_upload // 1_000_000} MB")
        filename, data = await _file_part(request, body)

        def work() -> dict[str, Any]:
            summary = rel.ingest_upload(store, filename, data, max_upload)
            run.refresh()  # the query workers see the new release from their next query on
            return summary

        return JSONResponse(await anyio.to_thread.run_sync(work), status_code=201)


async def _file_part(request: Request, body: bytes) -> tuple[str | None, bytes]:
    """The ``file`` field of a multipart body already read in full (and within the limit)."""
    missing = rel.UploadRejected(422, "invalid request: body.file: Field required")
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise missing

    async def once() -> AsyncGenerator[bytes, None]:
        yield body

    try:
        form = await MultiPartParser(request.headers, once(), max_files=1, max_fields=16).parse()
    except MultiPartException as exc:
        raise rel.UploadRejected(422, f"invalid request: {exc.message}") from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise missing
    data = await upload.read()
    await form.close()
    return upload.filename, data
