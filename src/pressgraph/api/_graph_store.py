"""Graph downloads and deletes: the SPARQL 1.1 Graph Store HTTP Protocol at ``/store``, and
``DELETE /releases/{id}``.

``GET /store?graph=IRI`` answers exactly that named graph, ``GET /store?default`` the union of
all graphs (the store's default graph), in the format ``Accept`` asks for: Turtle, N-Triples,
RDF/XML, JSON-LD, or N-Quads/TriG with graph names. ``PUT`` replaces a graph, ``POST`` adds to it,
``DELETE`` removes it; writes pass the same :class:`~pressgraph.api._security.WritePolicy` as
uploads (token checked before the body is read), and never reach the store's catalog or ontology
graphs (403): a client replacing the catalog would orphan every release. A release graph written
here keeps its catalog entry with the new digest; deleting it takes the entry with it, in one
update.

    curl -H 'Accept: text/turtle' 'http://127.0.0.1:8000/store?graph=https://w3id.org/pressgraph/id/graph/c0669b98d8e1d350'
"""

from __future__ import annotations

import re
import threading
from http import HTTPStatus
from typing import Annotated, Any

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response

from pressgraph.api import _negotiation as neg
from pressgraph.api._security import WritePolicy
from pressgraph.api._sparql import error, read_capped
from pressgraph.api._terms import PREFIXES, graph_bytes
from pressgraph.config import base_iri
from pressgraph.errors import ProtectedGraph, StoreError
from pressgraph.store.base import GraphStore, ReleaseRecord, check_client_writable
from pressgraph.store.query_pool import QueryRunner

# What /store answers with (first: no Accept). Quad formats carry the graph names.
STORE_FORMATS: tuple[neg.Format, ...] = (
    neg.Format("turtle", "text/turtle", ("application/x-turtle",)),
    neg.Format("nt", "application/n-triples", ("text/plain",)),
    neg.Format("xml", "application/rdf+xml"),
    neg.Format("json-ld", "application/ld+json"),
    neg.Format("nquads", "application/n-quads"),
    neg.Format("trig", "application/trig"),
)
# A release page: HTML and JSON views first, then every RDF serialization of its graph.
RELEASE_FORMATS: tuple[neg.Format, ...] = (
    neg.Format("html", "text/html", ("application/xhtml+xml",)),
    neg.Format("json", "application/json"),
    *(f for f in STORE_FORMATS if f.name != "nt"),
    neg.Format("nt", "application/n-triples"),
)
_QUADS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
# What a PUT/POST body may be: one graph's triples (graph names would have no meaning here).
_BODY_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_IRI_BAD = re.compile(r"[\x00-\x20<>\"{}|^`\\\x7f-\x9f]")
_MAX_IRI = 2000

ReleaseIdPath = Annotated[str, Path(max_length=300, pattern=r"^[A-Za-z0-9._-]+$", examples=["c0669b98d8e1d350"])]


class GraphRequestError(Exception):
    """A request /store will not serve; ``status`` and a one-line message for the JSON body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the refusals a route may answer, each ``{"error": "..."}``."""
    body = {"application/json": {"schema": {"type": "object", "properties": {"error": {"type": "string"}}}}}
    return {code: {"description": HTTPStatus(code).phrase, "content": body} for code in codes}


_GRAPH_BODY: dict[int | str, dict[str, Any]] = {
    "200": {"description": "the graph", "content": {f.media_type: {} for f in STORE_FORMATS}}
}
_WRITE_ERRORS = _errors(400, 401, 403, 405, 413, 415, 422)


def graph_store_router(store: GraphStore, run: QueryRunner, writes: WritePolicy, max_bytes: int) -> APIRouter:
    """``/store`` (GET, PUT, POST, DELETE) and ``DELETE /releases/{id}`` over ``store``."""
    router = APIRouter()
    lock = threading.Lock()  # POST reads then writes a graph: writers take turns
    _read_route(router, store)
    _write_routes(router, store, run, writes, max_bytes, lock)
    _release_delete_route(router, store, run, writes, lock)
    return router


def _read_route(router: APIRouter, store: GraphStore) -> None:
    @router.get(
        "/store",
        tags=["graph store"],
        summary="Download a graph (Graph Store Protocol)",
        responses={**_GRAPH_BODY, **_errors(400, 404, 406)},
    )
    def get_graph(request: Request) -> Response:
        """``?graph=IRI`` for one named graph, ``?default`` for the union of all graphs."""
        try:
            return graph_response(store, target_graph(request), _format(request, STORE_FORMATS))
        except GraphRequestError as exc:
            return error(exc.status, str(exc))


def _write_routes(
    router: APIRouter, store: GraphStore, run: QueryRunner, writes: WritePolicy, max_bytes: int, lock: threading.Lock
) -> None:
    async def write(request: Request, method: str) -> Response:
        refusal = writes.refusal(request)
        if refusal is not None:
            return refusal
        try:
            target = target_graph(request, writing=True)
            body = await _body(request, max_bytes) if method != "DELETE" else b""
        except GraphRequestError as exc:
            return error(exc.status, str(exc))
        ctype = request.headers.get("content-type", "")

        def work() -> Response:
            try:
                with lock:
                    answer = apply_write(store, method, target, body, ctype)
            except GraphRequestError as exc:
                return error(exc.status, str(exc))
            run.refresh()  # the query workers see the change from their next query on
            return answer

        return await anyio.to_thread.run_sync(work)

    @router.put(
        "/store", tags=["graph store"], summary="Replace a named graph", status_code=204, responses=_WRITE_ERRORS
    )
    async def put_graph(request: Request) -> Response:
        """The body (Turtle, N-Triples, RDF/XML or JSON-LD) becomes the graph ``?graph=IRI``."""
        return await write(request, "PUT")

    @router.post(
        "/store", tags=["graph store"], summary="Add triples to a named graph", status_code=204, responses=_WRITE_ERRORS
    )
    async def post_graph(request: Request) -> Response:
        """The body's triples are added to the graph ``?graph=IRI`` (created if missing)."""
        return await write(request, "POST")

    @router.delete(
        "/store", tags=["graph store"], summary="Remove a named graph", status_code=204, responses=_WRITE_ERRORS
    )
    async def delete_graph(request: Request) -> Response:
        """The graph ``?graph=IRI`` goes, with its catalog entry if it is a release."""
        return await write(request, "DELETE")


def _release_delete_route(
    router: APIRouter, store: GraphStore, run: QueryRunner, writes: WritePolicy, lock: threading.Lock
) -> None:
    @router.delete(
        "/releases/{release_id}",
        tags=["releases"],
        summary="Remove a release",
        status_code=204,
        responses=_errors(401, 403, 404, 422),
    )
    async def delete_release(request: Request, release_id: ReleaseIdPath) -> Response:
        """The release's graph and its catalog entry, in one update; 404 for an unknown id."""
        refusal = writes.refusal(request)
        if refusal is not None:
            return refusal

        def work() -> Response:
            with lock:
                record = release_record(store, release_id)
                if record is None:
                    return error(404, f"unknown release: {release_id}")
                store.remove_release(record.graph_iri)
            run.refresh()
            return Response(status_code=204)

        return await anyio.to_thread.run_sync(work)


def target_graph(request: Request, writing: bool = False) -> str | None:
    """The graph IRI a request names, or None for ``?default`` (400 for neither, both, or a bad IRI)."""
    params = request.query_params
    graphs, default = params.getlist("graph"), "default" in params
    if len(graphs) + int(default) != 1:
        raise GraphRequestError(400, "name one graph: ?graph=IRI, or ?default for the union of all graphs")
    if default:
        if writing:
            raise GraphRequestError(405, "the default graph is the union of all graphs; write to ?graph=IRI")
        return None
    return checked_iri(graphs[0])


def checked_iri(iri: str) -> str:
    """An absolute IRI safe to put between ``<>`` in SPARQL, or a 400."""
    if not iri or len(iri) > _MAX_IRI or _IRI_BAD.search(iri):
        raise GraphRequestError(400, "graph must be an absolute IRI without spaces, quotes or <>{}|^`\\")
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise GraphRequestError(400, f"graph is not an absolute IRI: {exc}") from None
    if ":" not in iri.split("/", 1)[0]:
        raise GraphRequestError(400, "graph is not an absolute IRI (no scheme)")
    return iri


def _format(request: Request, table: tuple[neg.Format, ...]) -> neg.Format:
    chosen = neg.choose(table, request.headers.get("accept"))
    if chosen is None:
        raise GraphRequestError(406, "acceptable formats: " + ", ".join(neg.media_types(table)))
    return chosen


def graph_response(store: GraphStore, graph_iri: str | None, fmt: neg.Format) -> Response:
    """One named graph (404 if the store has none by that name), or the union of all."""
    if graph_iri is None:
        return Response(union_bytes(store, fmt.name), media_type=fmt.media_type)
    if not store.has_graph(graph_iri):
        raise GraphRequestError(404, f"no graph {graph_iri} in the store")
    return Response(serialise(store.graph_ntriples(graph_iri), fmt.name, graph_iri), media_type=fmt.media_type)


def union_bytes(store: GraphStore, fmt_name: str) -> bytes:
    """Every graph: triples merged for the triple formats, graph names kept for the quad ones."""
    if fmt_name in _QUADS:
        try:
            nquads = store.export("nquads")
        except StoreError as exc:
            raise GraphRequestError(406, str(exc)) from None
        quads = ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
        return ox.serialize(quads, format=_QUADS[fmt_name], prefixes=_prefixes(fmt_name)) or b""
    nt = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph_ntriples or ""
    return serialise(nt, fmt_name, None)


def serialise(ntriples: str, fmt_name: str, graph_iri: str | None) -> bytes:
    """N-Triples from the store in the chosen format; quad formats name the graph."""
    if fmt_name not in _QUADS:
        return graph_bytes(ntriples, fmt_name)
    name = ox.NamedNode(graph_iri) if graph_iri else ox.DefaultGraph()
    triples = ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
    return ox.serialize(quads, format=_QUADS[fmt_name], prefixes=_prefixes(fmt_name)) or b""


def _prefixes(fmt_name: str) -> dict[str, str] | None:
    return PREFIXES if fmt_name == "trig" else None


async def _body(request: Request, max_bytes: int) -> bytes:
    body = await read_capped(request, max_bytes)
    if body is None:
        raise GraphRequestError(413, f"the graph is larger than {max_bytes // 1_000_000} MB")
    return body


def apply_write(store: GraphStore, method: str, graph_iri: str | None, body: bytes, ctype: str) -> Response:
    """PUT, POST or DELETE one named graph; 201 when a PUT or POST creates it, else 204."""
    assert graph_iri is not None  # target_graph refuses writes to the default graph
    try:
        check_client_writable(graph_iri)
        existed = store.has_graph(graph_iri)
        if method == "DELETE":
            if not existed:
                return error(404, f"no graph {graph_iri} in the store")
            store.remove_release(graph_iri)
            return Response(status_code=204)
        lines = body_ntriples(body, ctype, graph_iri)
        if method == "POST" and existed:
            lines = store.graph_ntriples(graph_iri).splitlines() + lines
        store.write_graph(graph_iri, "\n".join(lines) + "\n")
    except ProtectedGraph as exc:
        return error(403, str(exc))
    except StoreError as exc:
        return error(422, str(exc))
    return Response(status_code=204 if existed else 201)


def body_ntriples(body: bytes, ctype: str, graph_iri: str) -> list[str]:
    """The body's triples as N-Triples lines; its blank nodes renamed, so that a POST never joins
    them to the graph's own blank nodes of the same label."""
    media = ctype.split(";", 1)[0].strip().lower()
    if media not in _BODY_FORMATS:
        raise GraphRequestError(415, "send the graph as " + ", ".join(sorted(_BODY_FORMATS)))
    try:
        quads = list(ox.parse(body, format=_BODY_FORMATS[media], base_iri=graph_iri))
    except (SyntaxError, ValueError) as exc:
        raise GraphRequestError(400, f"the body is not valid {media}: {str(exc).splitlines()[0][:200]}") from None
    fresh: dict[str, ox.BlankNode] = {}

    def renamed(term: object) -> object:
        if isinstance(term, ox.BlankNode):
            return fresh.setdefault(term.value, ox.BlankNode())
        return term

    return [f"{renamed(q.subject)} {q.predicate} {renamed(q.object)} ." for q in quads]


def release_record(store: GraphStore, release_id: str) -> ReleaseRecord | None:
    """The catalog entry of the release with this id (its IRI is ``id:release/{id}``)."""
    iri = base_iri() + "release/" + release_id
    return next((r for r in store.releases() if r.release_iri == iri), None)


def release_rdf(store: GraphStore, request: Request, release_id: str, explicit: str | None) -> Response | None:
    """The release's graph when ``Accept`` (or ``format=``) asks for RDF; None for the HTML and
    JSON views, which the release route renders itself."""
    accept = request.headers.get("accept")
    fmt = neg.choose(RELEASE_FORMATS, None if explicit else accept, explicit)
    if fmt is None or fmt.name in ("html", "json"):
        return None
    record = release_record(store, release_id)
    if record is None:
        return JSONResponse({"error": f"unknown release: {release_id}"}, status_code=404)
    body = serialise(store.graph_ntriples(record.graph_iri), fmt.name, record.graph_iri)
    return Response(body, media_type=fmt.media_type)
