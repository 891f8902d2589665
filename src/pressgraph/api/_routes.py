"""The browser and JSON routes, each group a router factory mounted by :func:`create_app`.

Like rdflib-endpoint's mountable router, each factory takes what its routes need (the store, the
query runner, the limits, the write policy) and returns an ``APIRouter``; the OpenAPI examples
live in :mod:`._openapi`.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Header, Path, Query, Request
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
from pressgraph.api._graph_store import release_rdf
from pressgraph.api._security import WritePolicy
from pressgraph.api._sparql import Limits, error, read_capped
from pressgraph.api._terms import graph_bytes
from pressgraph.store.base import GraphStore
from pressgraph.store.query_pool import QueryRunner

_MULTIPART_SLACK = 64_000  # boundaries and part headers around the file


def _pick(request: Request, fmt: str | None) -> neg.Format:
    chosen = neg.choose(neg.PAGE_FORMATS, request.headers.get("accept"), fmt)
    if chosen is None:
        raise StarletteHTTPException(406, "acceptable formats: " + ", ".join(neg.media_types(neg.PAGE_FORMATS)))
    return chosen


FormatParam = Annotated[
    str | None, Query(description="Override Accept: html, json, json-ld or turtle", examples=["json"])
]


def home_router(store: GraphStore) -> APIRouter:
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse, tags=["browser"], summary="Home page")
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

    @router.get(
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

    return router


def entity_router(store: GraphStore) -> APIRouter:
    router = APIRouter()

    @router.get(
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
        page: Annotated[int, Query(ge=1, le=1_000_000, description="page of the long lists", examples=[1])] = 1,
    ) -> Response:
        """Types, labels, aliases, relationships both ways, events, evidence and figures.

        The path is an entity id (``org/fda``) or a name: a company by its legal name with or
        without suffix, a short name or its ticker (``/entities/ASTM``), anything else by its label.
        Figures, events, evidence and each kind of incoming link come 50 to a page (``?page=2``),
        with their totals; the figures are also counted per concept and per release.
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
        data = ent.with_page_links(ent.describe(store, iri, page), entity_id)
        if fmt.name == "json":
            return JSONResponse(data)
        svg = pages.neighbourhood_svg(data["label"], pages.hood_edges(data))
        return HTMLResponse(pages.render("entity.html", e=data, svg=svg))

    @router.get(
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

    return router


def query_router(store: GraphStore, run: QueryRunner, limits: Limits) -> APIRouter:
    router = APIRouter()

    @router.get(
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

    @router.get(
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

    return router


def release_router(store: GraphStore) -> APIRouter:
    router = APIRouter()

    @router.get(
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

    @router.get(
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

    return router


def upload_router(store: GraphStore, run: QueryRunner, writes: WritePolicy, max_upload: int) -> APIRouter:
    router = APIRouter()

    @router.post(
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

    return router


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
