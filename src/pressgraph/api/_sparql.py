"""The read-only SPARQL 1.1 Protocol endpoint (``/sparql``) and the guarded query runner.

Every query is parsed before it reaches the store: updates (INSERT, DELETE, LOAD, CLEAR, ...)
are refused with 403, SERVICE (an outbound request) with 403, syntax errors with 400. Queries run
in a worker thread under a time limit (408) and a row cap (422), so a runaway query never ties up
the server or answers 500.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import json
import threading
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape, quoteattr

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pyparsing import ParseResults
from rdflib import Graph
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from pressgraph.api import _negotiation as neg
from pressgraph.errors import PressgraphError, QueryError, QueryLimitError
from pressgraph.store.base import GraphStore, QueryResult

XSD = "http://www.w3.org/2001/XMLSchema#"
_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


class ForbiddenQuery(QueryError):
    """The query is well formed but not allowed here (update, SERVICE, LOAD) → 403."""


class QueryTimeout(QueryLimitError):
    """The query ran past the time limit → 408."""


class RowCapExceeded(QueryLimitError):
    """The query returned more rows than the cap → 422."""


class TooBusy(QueryLimitError):
    """Every query slot is held (e.g. by runaway queries still finishing) → 429."""


# Queries that ran past their limit keep computing in their thread (the engine cannot be
# interrupted), so the number of queries running at once is bounded.
QUERY_SLOTS = threading.BoundedSemaphore(4)


def _walk(node: Any) -> Iterator[str]:
    if isinstance(node, CompValue):
        yield node.name
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for child in node:
            yield from _walk(child)


def check_query(text: str) -> str:
    """The query form (SELECT/ASK/CONSTRUCT/DESCRIBE) of a query this endpoint will run.

    Parsing (not pattern matching) decides, so ``SERVICE`` inside a comment or string is harmless
    and one hidden in a nested group is still found.
    """
    try:
        parsed = parseQuery(text)
    except Exception as exc:  # pyparsing raises several types
        try:
            parseUpdate(text)
        except Exception:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise QueryError(f"malformed SPARQL query: {first}") from None
        raise ForbiddenQuery("this endpoint is read-only: SPARQL updates (incl. LOAD) are refused") from None
    names = set(_walk(parsed))
    if "ServiceGraphPattern" in names:
        raise ForbiddenQuery("SERVICE is refused: this endpoint makes no outbound requests")
    form = next((_FORMS[n] for n in names if n in _FORMS), None)
    if form is None:
        raise QueryError("malformed SPARQL query: no query form")
    return form


def run_limited(
    store: GraphStore,
    text: str,
    bindings: dict[str, Any] | None,
    timeout: float,
    row_cap: int,
    slots: threading.BoundedSemaphore = QUERY_SLOTS,
) -> QueryResult:
    """Run a query in a worker thread; raise QueryLimitError past ``timeout`` s or ``row_cap`` rows.

    The engine cannot be interrupted, so a timed-out query finishes in its (daemon) thread and its
    answer is dropped; the client is told at once.
    """
    box: dict[str, Any] = {}
    if not slots.acquire(timeout=timeout):
        raise TooBusy("too many queries are running; retry later")

    def work() -> None:
        try:
            box["result"] = store.query(text, bindings)
        except BaseException as exc:  # handed back to the request thread
            box["error"] = exc
        finally:
            slots.release()

    worker = threading.Thread(target=work, name="pressgraph-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"query exceeded the {timeout:g} s limit")
    if "error" in box:
        err = box["error"]
        if isinstance(err, PressgraphError):
            raise err
        raise QueryError(f"query failed: {str(err).splitlines()[0] if str(err) else err!r}")
    result: QueryResult = box["result"]
    if result.graph_ntriples and result.graph_ntriples.count("\n") > row_cap:
        raise RowCapExceeded(f"query returned more than {row_cap} triples; add LIMIT or narrow the pattern")
    if len(result.rows) > row_cap:
        raise RowCapExceeded(f"query returned more than {row_cap} rows; add LIMIT or narrow the pattern")
    return result


# --- terms ---------------------------------------------------------------------------------


def term_json(value: Any) -> dict[str, str] | None:
    """A result cell as a SPARQL JSON term (plain Python values, N-Triples IRIs, RDF terms)."""
    if value is None:
        return None
    kind = type(value).__name__
    if kind in ("URIRef", "NamedNode"):
        return {"type": "uri", "value": str(getattr(value, "value", value))}
    if kind in ("BNode", "BlankNode"):
        return {"type": "bnode", "value": str(getattr(value, "value", value))}
    if kind == "Literal":
        return _literal_json(value)
    if isinstance(value, bool):
        return {"type": "literal", "value": "true" if value else "false", "datatype": XSD + "boolean"}
    if isinstance(value, int):
        return {"type": "literal", "value": str(value), "datatype": XSD + "integer"}
    if isinstance(value, decimal.Decimal):
        return {"type": "literal", "value": str(value), "datatype": XSD + "decimal"}
    if isinstance(value, float):
        return {"type": "literal", "value": repr(value), "datatype": XSD + "double"}
    if isinstance(value, datetime.datetime):
        return {"type": "literal", "value": value.isoformat(), "datatype": XSD + "dateTime"}
    if isinstance(value, datetime.date):
        return {"type": "literal", "value": value.isoformat(), "datatype": XSD + "date"}
    text = str(value)
    if text.startswith("<") and text.endswith(">") and " " not in text:
        return {"type": "uri", "value": text[1:-1]}
    if text.startswith("_:"):
        return {"type": "bnode", "value": text[2:]}
    return {"type": "literal", "value": text}


def _literal_json(lit: Any) -> dict[str, str]:
    out = {"type": "literal", "value": str(getattr(lit, "value", lit))}
    lang = getattr(lit, "language", None)
    datatype = getattr(lit, "datatype", None)
    if lang:
        out["xml:lang"] = str(lang)
    elif datatype is not None:
        dt = str(getattr(datatype, "value", datatype))
        if dt != XSD + "string":
            out["datatype"] = dt
    return out


def plain(value: Any) -> str:
    """A cell's lexical form (CSV and HTML views)."""
    term = term_json(value)
    return "" if term is None else term["value"]


# --- serializers ---------------------------------------------------------------------------


def results_json(result: QueryResult) -> bytes:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}).encode()
    bindings = []
    for row in result.rows:
        cell = {}
        for var, value in zip(result.variables, row, strict=False):
            term = term_json(value)
            if term is not None:
                cell[var] = term
        bindings.append(cell)
    body = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(body).encode()


def results_xml(result: QueryResult) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.boolean is not None:
        out.append(f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean></sparql>")
        return "".join(out).encode()
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head><results>")
    for row in result.rows:
        out.append("<result>")
        for var, value in zip(result.variables, row, strict=False):
            term = term_json(value)
            if term is None:
                continue
            out.append(f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "".join(out).encode()


def _xml_term(term: dict[str, str]) -> str:
    value = escape(term["value"])
    if term["type"] == "uri":
        return f"<uri>{value}</uri>"
    if term["type"] == "bnode":
        return f"<bnode>{value}</bnode>"
    attrs = ""
    if "xml:lang" in term:
        attrs = f" xml:lang={quoteattr(term['xml:lang'])}"
    elif "datatype" in term:
        attrs = f" datatype={quoteattr(term['datatype'])}"
    return f"<literal{attrs}>{value}</literal>"


def results_csv(result: QueryResult) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerow(["_askResult"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue().encode()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([plain(v) for v in row])
    return buf.getvalue().encode()


def _tsv_term(value: Any) -> str:
    term = term_json(value)
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    lexical = json.dumps(term["value"], ensure_ascii=False)
    if "xml:lang" in term:
        return f"{lexical}@{term['xml:lang']}"
    if "datatype" in term:
        return f"{lexical}^^<{term['datatype']}>"
    return lexical


def results_tsv(result: QueryResult) -> bytes:
    if result.boolean is not None:
        return f"?_askResult\n{'true' if result.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(v) for v in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode()


_RESULT_WRITERS = {"json": results_json, "xml": results_xml, "csv": results_csv, "tsv": results_tsv}
_RDFLIB_FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt", "xml": "xml"}


def graph_bytes(ntriples: str, fmt: neg.Format) -> bytes:
    """N-Triples from the store, re-serialized in the negotiated RDF syntax."""
    if fmt.name == "nt":
        return ntriples.encode()
    graph = Graph()
    graph.parse(data=ntriples, format="nt")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph.serialize(format=_RDFLIB_FORMATS[fmt.name]).encode()


PREFIXES = {
    "pg": "https://w3id.org/pressgraph/ontology#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "us-gaap": "http://fasb.org/us-gaap/2024#",
}


def error(status: int, message: str) -> JSONResponse:
    """Every refusal: a 4xx status and ``{"error": message}``."""
    return JSONResponse({"error": message}, status_code=status)


def answer(result: QueryResult, form: str, accept: str | None, explicit: str | None) -> Response:
    """Serialize a result in the format the client asked for (406 if none fits)."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        fmt = neg.choose(neg.GRAPH_FORMATS, accept, explicit)
        if fmt is None:
            return error(406, "acceptable graph formats: " + ", ".join(neg.media_types(neg.GRAPH_FORMATS)))
        return Response(graph_bytes(result.graph_ntriples or "", fmt), media_type=fmt.media_type)
    fmt = neg.choose(neg.RESULT_FORMATS, accept, explicit)
    if fmt is None:
        return error(406, "acceptable result formats: " + ", ".join(neg.media_types(neg.RESULT_FORMATS)))
    return Response(_RESULT_WRITERS[fmt.name](result), media_type=fmt.media_type)


def execute(
    store: GraphStore,
    text: str,
    request: Request,
    timeout: float,
    row_cap: int,
    bindings: dict[str, Any] | None = None,
) -> Response:
    """Check, run and serialize one query; every user error becomes a 4xx JSON answer."""
    try:
        form = check_query(text)
        result = run_limited(store, text, bindings, timeout, row_cap)
    except ForbiddenQuery as exc:
        return error(403, str(exc))
    except QueryTimeout as exc:
        return error(408, str(exc))
    except TooBusy as exc:
        return error(429, str(exc))
    except QueryLimitError as exc:
        return error(422, str(exc))
    except QueryError as exc:
        return error(400, str(exc))
    return answer(result, form, request.headers.get("accept"), request.query_params.get("format"))


_QUERY_EXAMPLE = "SELECT ?org ?label WHERE { ?org a <https://w3id.org/pressgraph/ontology#Company> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 10"  # noqa: E501

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
    429: {
        "description": "Too many queries running",
        "content": {"application/json": {"example": {"error": "too many queries are running; retry later"}}},
    },
    408: {
        "description": "Time limit exceeded",
        "content": {"application/json": {"example": {"error": "query exceeded the 10 s limit"}}},
    },
    415: {"description": "Unsupported request body type", "content": {"application/json": {}}},
    422: {
        "description": "Row cap exceeded",
        "content": {
            "application/json": {
                "example": {"error": "query returned more than 10000 rows; add LIMIT or narrow the pattern"}
            }
        },
    },
}


def sparql_router(store: GraphStore, *, query_timeout: float = 10.0, row_cap: int = 10_000) -> APIRouter:
    """A mountable router with the SPARQL 1.1 Protocol endpoint at ``/sparql`` (read-only)."""
    router = APIRouter(tags=["sparql"])

    @router.get("/sparql", responses=_RESPONSES, summary="SPARQL query (GET)")
    def sparql_get(
        request: Request,
        query: Annotated[str | None, Query(description="the SPARQL query", examples=[_QUERY_EXAMPLE])] = None,
    ) -> Response:
        """Run a SPARQL query given as the ``query`` URL parameter (SPARQL 1.1 Protocol)."""
        if not query:
            return error(400, "missing 'query' parameter")
        return execute(store, query, request, query_timeout, row_cap)

    @router.post(
        "/sparql",
        responses=_RESPONSES,
        summary="SPARQL query (POST)",
        openapi_extra={
            "requestBody": {
                "content": {
                    "application/sparql-query": {"schema": {"type": "string"}, "example": _QUERY_EXAMPLE},
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "properties": {"query": {"type": "string"}},
                            "required": ["query"],
                        },
                        "example": {"query": _QUERY_EXAMPLE},
                    },
                }
            }
        },
    )
    async def sparql_post(request: Request) -> Response:
        """Run a query sent as ``application/sparql-query`` or as a form field ``query``."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if ctype == "application/sparql-query":
            text = body.decode("utf-8", errors="replace")
        elif ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", errors="replace"))
            if "update" in form:
                return error(403, "this endpoint is read-only: SPARQL updates are refused")
            text = (form.get("query") or [""])[0]
        elif ctype == "application/sparql-update":
            return error(403, "this endpoint is read-only: SPARQL updates are refused")
        else:
            return error(415, "send application/sparql-query or application/x-www-form-urlencoded")
        if not text.strip():
            return error(400, "missing query")
        return await anyio.to_thread.run_sync(lambda: execute(store, text, request, query_timeout, row_cap))

    return router
