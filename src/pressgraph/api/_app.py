"""The FastAPI application: wires the store into the SPARQL, entity, query and release routes.

Two things sit in front of every route (:mod:`._security`): the Host allow-list and the security
headers. User SPARQL and named queries run in the sandboxed worker pool; the entity and release
pages run their own fixed queries on the store directly.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pressgraph.api import _entities as ent
from pressgraph.api import _pages as pages
from pressgraph.api import _releases as rel
from pressgraph.api._cors import ANY, Cors
from pressgraph.api._docs import docs_routes
from pressgraph.api._financials import financials_router
from pressgraph.api._graph_store import graph_store_router
from pressgraph.api._routes import entity_router, home_router, query_router, release_router, upload_router
from pressgraph.api._security import Guard, WritePolicy, allowed_host_set
from pressgraph.api._sparql import Limits, default_runner, error, sparql_router, status_of
from pressgraph.config import VERSION
from pressgraph.errors import AmbiguousName, PressgraphError, QueryError
from pressgraph.store.base import GraphStore
from pressgraph.store.query_pool import QueryRunner, RemoteRunner

MAX_UPLOAD = 5_000_000


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
    app.include_router(home_router(store))
    app.include_router(entity_router(store))
    app.include_router(query_router(store, run, limits))
    app.include_router(release_router(store))
    app.include_router(upload_router(store, run, WritePolicy(write_token, allow_anonymous_writes), max_upload))
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
