"""Named queries for the API: a thin adapter over :mod:`pressgraph.queries`.

The API only needs three things from it (list, load by name, bind parameters); keeping them
behind this module means the routes never depend on that module's internals.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from pressgraph import queries as _q
from pressgraph.store.base import GraphStore
from pressgraph.store.embedded import term_to_python
from pressgraph.store.query_pool import Answer

NamedQuery = _q.NamedQuery


def list_queries() -> list[NamedQuery]:
    """Every named query shipped in ``queries/``, by name."""
    return _q.list_queries()


def get_query(name: str) -> NamedQuery:
    """One named query by name (QueryError if unknown or a bad name)."""
    return _q.load_query(name)


def bind(store: GraphStore, query: NamedQuery, values: dict[str, str]) -> str:
    """The query text with its parameters bound as RDF terms (never spliced as text).

    A company is found by any of its names, its ticker, its IRI or the entity id the browser shows
    (``org/fda``), by :mod:`pressgraph.lookup`; an unknown one is UnknownName (404), an ambiguous
    one AmbiguousName (409, with the candidates).
    """
    return _q.bind(store, query, values)


def rows_of(answer: Answer) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """Variables and rows (plain Python values) of a TSV answer, for the HTML table."""
    parsed = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.TSV)
    if isinstance(parsed, ox.QueryBoolean):
        return ("result",), [(bool(parsed),)]
    names = tuple(v.value for v in parsed.variables)
    return names, [tuple(term_to_python(sol[i]) for i in range(len(names))) for sol in parsed]


def summary(query: NamedQuery) -> str:
    return query.description


def describe(query: NamedQuery) -> dict[str, Any]:
    """The JSON description of a named query (for /queries)."""
    return {
        "name": query.name,
        "summary": query.description,
        "columns": [name for name, _doc in query.columns],
        "params": [
            {"name": p.name, "kind": p.type, "required": p.required, "description": p.doc} for p in query.params
        ],
    }
