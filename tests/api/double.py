"""A GraphStore test double: an in-memory pyoxigraph store with the GraphStore contract.

Used until (and beside) the real store, so the API tests exercise only the protocol.
"""

from __future__ import annotations

import decimal
import threading
from typing import Any

import pyoxigraph as ox

from pressgraph.errors import QueryError
from pressgraph.store.base import QueryResult, ReleaseRecord

XSD = "http://www.w3.org/2001/XMLSchema#"


def _value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    dt = term.datatype.value
    if dt == XSD + "integer":
        return int(term.value)
    if dt == XSD + "decimal":
        return decimal.Decimal(term.value)
    if dt == XSD + "boolean":
        return term.value == "true"
    return term.value


class MemoryStore:
    """In-memory GraphStore (queries see the union of named graphs)."""

    def __init__(self) -> None:
        self._store = ox.Store()
        self._records: dict[str, ReleaseRecord] = {}
        self._lock = threading.Lock()

    def load_trig(self, path: str, record: ReleaseRecord) -> None:
        self._store.load(path=path, format=ox.RdfFormat.TRIG)
        self._records[record.graph_iri] = record

    def replace_release(self, graph_iri: str, nquads: str, record: ReleaseRecord) -> bool:
        with self._lock:
            old = self._records.get(graph_iri)
            if old is not None and old.sha256 == record.sha256:
                return False
            graph = ox.NamedNode(graph_iri)
            self._store.remove_graph(graph) if old is not None else None
            self._store.load(nquads.encode(), format=ox.RdfFormat.N_QUADS)
            self._records[graph_iri] = record
            return True

    def remove_release(self, graph_iri: str) -> None:
        self._store.remove_graph(ox.NamedNode(graph_iri))
        self._records.pop(graph_iri, None)

    def releases(self) -> list[ReleaseRecord]:
        return sorted(self._records.values(), key=lambda r: r.release_iri)

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        subs = {
            ox.Variable(k): (ox.NamedNode(v[1:-1]) if isinstance(v, str) and v.startswith("<") else ox.Literal(str(v)))
            for k, v in (bindings or {}).items()
        }
        try:
            res = self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs)
        except (SyntaxError, ValueError, OSError) as exc:
            raise QueryError(f"query failed: {exc}") from None
        if isinstance(res, (bool, ox.QueryBoolean)):
            return QueryResult((), (), boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = tuple(v.value for v in res.variables)
            rows = tuple(tuple(_value(sol[n]) for n in names) for sol in res)
            return QueryResult(names, rows)
        nt = ox.serialize(res, format=ox.RdfFormat.N_TRIPLES)
        return QueryResult((), (), graph_ntriples=(nt or b"").decode())

    def export(self, fmt: str) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_QUADS) or b""

    def close(self) -> None:
        pass
