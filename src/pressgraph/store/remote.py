"""Any SPARQL 1.1 triple store over HTTP: SPARQL Protocol for queries, Graph Store HTTP Protocol
(PUT per named graph) or SPARQL Update for writes; the URLs found from one base
(:mod:`pressgraph.store.endpoints`) or configured.

The store must answer queries over the union of its named graphs as the default graph (Oxigraph
``--union-default-graph``, Virtuoso by default, Fuseki ``unionDefaultGraph``, see docs/STORES.md),
because a company described in one release joins facts stated in another;
:meth:`RemoteStore.default_graph_is_union` checks it, and the CLI warns when it is not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from pressgraph.errors import QueryError, QueryTimeout, StoreError
from pressgraph.store import endpoints
from pressgraph.store.base import (
    QueryResult,
    ReleaseRecord,
    catalog_delete,
    catalog_refresh,
    catalog_select,
    catalog_update,
    check_client_writable,
    check_writable,
    literal_to_python,
    ontology_graph_iri,
    parse_triples,
    records_from_rows,
)

_JSON = "application/sparql-results+json"


class RemoteStore:
    """A :class:`~pressgraph.store.base.GraphStore` on a SPARQL 1.1 endpoint."""

    def __init__(
        self,
        endpoint: str,
        update_url: str | None = None,
        gsp_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth_scheme: str = "basic",
        timeout: float = 60.0,
    ) -> None:
        """``endpoint`` is a base URL or the query URL itself (:mod:`pressgraph.store.endpoints`):
        the query URL is found at the first query, the update URL at the first write, unless
        ``update_url`` configures it."""
        self.base = endpoint
        self._endpoint: str | None = None
        self._update_url = update_url
        self.gsp_url = gsp_url
        auth: httpx.Auth | None = None
        if user is not None:
            pw = password or ""
            auth = httpx.DigestAuth(user, pw) if auth_scheme == "digest" else httpx.BasicAuth(user, pw)
        self._client = httpx.Client(auth=auth, timeout=timeout)

    @property
    def endpoint(self) -> str:
        """The query URL, discovered from the base on first use."""
        if self._endpoint is None:
            self._endpoint = endpoints.discover_query_url(self._client, self.base)
        return self._endpoint

    @property
    def update_url(self) -> str:
        """The update URL: configured, or discovered (a no-op update) on the first write."""
        if self._update_url is None:
            self._update_url = endpoints.discover_update_url(self._client, self.base, self.endpoint)
        return self._update_url

    def default_graph_is_union(self) -> bool | None:
        """Whether a triple of a named graph is visible in the default graph; None when the store
        has no named triple to try. Named queries read the default graph, so on a store where it
        is not the union every one of them finds nothing (issue 12)."""
        probe = (
            "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
            "FILTER(!isBlank(?s) && !isBlank(?o) && !isLiteral(?o)) } LIMIT 1"
        )
        response = self._post(self.endpoint, data={"query": probe}, headers={"Accept": _JSON})
        if response.status_code >= 400:
            raise StoreError(f"query failed at {self.endpoint}: HTTP {response.status_code}")
        bindings = response.json().get("results", {}).get("bindings", [])
        if not bindings:
            return None
        triple = " ".join(_nt(bindings[0][k]) for k in ("s", "p", "o"))
        return bool(self.query(f"ASK {{ {triple} }}").boolean)

    # --- protocol plumbing -------------------------------------------------------------------

    def _post(self, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.post(url, **kwargs)
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach {url}: {exc}") from exc
        return response

    def _update(self, text: str) -> None:
        response = self._post(self.update_url, data={"update": text})
        if response.status_code >= 400:
            raise StoreError(
                f"update refused by {self.update_url}: HTTP {response.status_code} {_first_line(response.text)}"
            )

    def _put_graph(self, graph_iri: str, ntriples: str) -> None:
        assert self.gsp_url is not None
        try:
            response = self._client.put(
                self.gsp_url,
                params={"graph": graph_iri},
                content=ntriples.encode("utf-8"),
                headers={"Content-Type": "text/turtle"},
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach {self.gsp_url}: {exc}") from exc
        if response.status_code >= 400:
            raise StoreError(
                f"graph store refused PUT of {graph_iri}: HTTP {response.status_code} {_first_line(response.text)}"
            )

    # --- GraphStore --------------------------------------------------------------------------

    def replace_release(self, graph_iri: str, nquads: str, record: ReleaseRecord) -> bool:
        check_writable(graph_iri)
        if any(r.graph_iri == graph_iri and r.sha256 == record.sha256 for r in self.catalog()):
            return False
        self.put_graph(graph_iri, nquads)
        self._update(catalog_update(record))
        return True

    def put_graph(self, graph_iri: str, nquads: str) -> None:
        """Replace one named graph: a GSP PUT, or one DROP+INSERT DATA update request."""
        body = "\n".join(parse_triples(nquads)) + "\n"
        if self.gsp_url:
            self._put_graph(graph_iri, body)
        else:
            self._update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}}} }}")

    def remove_release(self, graph_iri: str) -> None:
        """One update request for both, so the store applies them together or not at all."""
        self._update(f"DROP SILENT GRAPH <{graph_iri}> ;\n{catalog_delete(graph_iri)}")

    def write_graph(self, graph_iri: str, ntriples: str) -> None:
        check_client_writable(graph_iri)
        lines = parse_triples(ntriples)
        body = "\n".join(lines) + "\n"
        self._update(
            f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}}} }} ;\n"
            f"{catalog_refresh(graph_iri, lines)}"
        )

    def has_graph(self, graph_iri: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}").boolean)

    def releases(self) -> list[ReleaseRecord]:
        """The catalogued release graphs (the ontology graph is catalogued but not a release)."""
        return [r for r in self.catalog() if r.graph_iri != ontology_graph_iri()]

    def catalog(self) -> list[ReleaseRecord]:
        return records_from_rows(self.query(catalog_select()).rows)

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        if bindings:
            raise QueryError("remote stores take parameters bound into the query text (VALUES)")
        response = self._post(
            self.endpoint,
            data={"query": sparql},
            headers={"Accept": f"{_JSON}, application/n-triples;q=0.9, text/plain;q=0.5"},
        )
        if response.status_code == 400:
            raise QueryError(f"query rejected by {self.endpoint}: {_first_line(response.text)}")
        if response.status_code >= 400:
            raise StoreError(
                f"query failed at {self.endpoint}: HTTP {response.status_code} {_first_line(response.text)}"
            )
        if "json" not in response.headers.get("content-type", ""):
            return QueryResult(variables=(), rows=(), graph_ntriples=response.text)
        return _parse_json(response.json())

    def raw_query(
        self, sparql: str, timeout: float, params: Mapping[str, Sequence[str]] | None = None
    ) -> tuple[str, bytes]:
        """The store's own answer bytes and content type (SPARQL JSON, or N-Triples for graphs),
        for the API to re-serialise natively; QueryTimeout past ``timeout`` seconds. ``params``
        adds protocol parameters (``default-graph-uri``...) to the form."""
        try:
            response = self._client.post(
                self.endpoint,
                data={"query": sparql, **{k: list(v) for k, v in (params or {}).items()}},
                headers={"Accept": f"{_JSON}, application/n-triples;q=0.9"},
                timeout=timeout,
            )
        except httpx.TimeoutException:
            raise QueryTimeout(f"query exceeded the {timeout:g} s limit") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach {self.endpoint}: {exc}") from exc
        if response.status_code == 400:
            raise QueryError(f"query rejected by {self.endpoint}: {_first_line(response.text)}")
        if response.status_code >= 400:
            raise StoreError(f"query failed at {self.endpoint}: HTTP {response.status_code}")
        return response.headers.get("content-type", ""), response.content

    def graph_ntriples(self, graph_iri: str) -> str:
        """A SELECT rather than CONSTRUCT: every store answers SPARQL-JSON, not every store
        answers CONSTRUCT with N-Triples."""
        sparql = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
        response = self._post(self.endpoint, data={"query": sparql}, headers={"Accept": _JSON})
        if response.status_code >= 400:
            raise StoreError(f"query failed at {self.endpoint}: HTTP {response.status_code}")
        bindings = response.json().get("results", {}).get("bindings", [])
        return "".join(f"{_nt(b['s'])} {_nt(b['p'])} {_nt(b['o'])} .\n" for b in bindings)

    def export(self, fmt: str) -> bytes:
        """N-Quads of every catalogued release graph (a remote store's own dump is faster)."""
        if fmt != "nquads":
            raise StoreError("export from a remote store supports --format nquads only")
        out: list[str] = []
        for rec in self.releases():
            for line in self.graph_ntriples(rec.graph_iri).splitlines():
                if line.strip():
                    out.append(f"{line.rstrip().rstrip('.').rstrip()} <{rec.graph_iri}> .\n")
        return "".join(out).encode("utf-8")

    def close(self) -> None:
        self._client.close()


def _first_line(text: str) -> str:
    stripped = text.strip()
    return stripped.splitlines()[0][:200] if stripped else ""


def _parse_json(data: dict[str, Any]) -> QueryResult:
    if "boolean" in data:
        return QueryResult(variables=(), rows=(), boolean=bool(data["boolean"]))
    names = tuple(data.get("head", {}).get("vars", []))
    rows = tuple(tuple(_term(b.get(name)) for name in names) for b in data.get("results", {}).get("bindings", []))
    return QueryResult(variables=names, rows=rows)


def _nt(binding: dict[str, str]) -> str:
    """A SPARQL-JSON term as N-Triples, serialised by rdflib (escaping included)."""
    from rdflib import BNode, Literal, URIRef

    kind, value = binding.get("type"), binding["value"]
    if kind == "uri":
        return URIRef(value).n3()
    if kind == "bnode":
        return BNode(value).n3()
    datatype = binding.get("datatype")
    literal = Literal(value, lang=binding.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)
    return literal.n3()


def _term(binding: dict[str, str] | None) -> Any:
    """SPARQL-JSON term → the same Python value the embedded store gives."""
    if binding is None:
        return None
    kind = binding.get("type")
    if kind == "uri":
        return f"<{binding['value']}>"
    if kind == "bnode":
        return f"_:{binding['value']}"
    return literal_to_python(binding["value"], binding.get("datatype"), binding.get("xml:lang"))
