"""Named queries for the API: a thin adapter over ``pressgraph.queries``.

When that module is installed its ``list_queries``/``run_query`` are used; until then (or if its
API differs) a small fallback reads ``queries/*.rq`` headers (``# name: summary``,
``# param: name kind required|optional description``) and binds parameters with ``VALUES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pressgraph.api._entities import ALT, LABEL, PG, sparql_string
from pressgraph.config import base_iri
from pressgraph.errors import QueryError
from pressgraph.resources import data_dir
from pressgraph.store.base import GraphStore


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str = field(repr=False)


def _parse(name: str, text: str) -> NamedQuery:
    summary, params, columns = "", [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        body = line[1:].strip()
        if body.startswith("param:"):
            parts = body[6:].split(None, 3)
            if len(parts) >= 3:
                params.append(Param(parts[0], parts[1], parts[2] == "required",
                                    parts[3] if len(parts) > 3 else ""))
        elif body.startswith("column:"):
            columns.append(body[7:].split(None, 1)[0])
        elif body.startswith(f"{name}:") and not summary:
            summary = body[len(name) + 1:].strip()
    return NamedQuery(name, summary, tuple(params), tuple(columns), text)


def list_queries() -> list[NamedQuery]:
    """Every named query shipped in ``queries/``, by name."""
    folder = data_dir("queries")
    return [_parse(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]


def get_query(name: str) -> NamedQuery:
    for query in list_queries():
        if query.name == name:
            return query
    raise QueryError(f"unknown named query: {name}")


def resolve_entity(store: GraphStore, value: str) -> str:
    """An IRI for an entity parameter given as IRI, id (``org/fda``), label, alias or ticker."""
    if value.startswith(("http://", "https://")):
        return value
    if "/" in value and " " not in value:
        return base_iri() + value.strip("/")
    rows = store.query(
        f"SELECT DISTINCT ?e WHERE {{ {{ ?e <{LABEL}> ?n }} UNION {{ ?e <{ALT}> ?n }} UNION "
        f"{{ ?e <{PG}ticker> ?n }} FILTER(LCASE(STR(?n)) = LCASE({sparql_string(value)})) }} "
        f"ORDER BY ?e LIMIT 2").rows
    if not rows:
        raise QueryError(f"no entity is called {value!r}")
    return str(rows[0][0]).strip("<>")


def bind(store: GraphStore, query: NamedQuery, values: dict[str, str]) -> str:
    """The query text with its parameters bound by a ``VALUES`` block at the top of WHERE."""
    unknown = set(values) - {p.name for p in query.params}
    if unknown:
        raise QueryError(f"unknown parameter(s) for {query.name}: {', '.join(sorted(unknown))}")
    clauses = []
    for param in query.params:
        raw = values.get(param.name)
        if raw is None or raw == "":
            if param.required:
                raise QueryError(f"missing required parameter {param.name!r} for {query.name}")
            continue
        if param.kind in ("entity", "release", "concept", "period"):
            term = f"<{_resolve_kind(store, param.kind, raw)}>"
        else:
            term = sparql_string(raw)
        clauses.append(f"VALUES ?{param.name} {{ {term} }}")
    if not clauses:
        return query.text
    match = re.search(r"\bWHERE\s*\{", query.text, flags=re.IGNORECASE)
    if match is None:
        raise QueryError(f"named query {query.name} has no WHERE clause")
    return query.text[: match.end()] + "\n  " + "\n  ".join(clauses) + query.text[match.end():]


def _resolve_kind(store: GraphStore, kind: str, raw: str) -> str:
    if kind == "release" and "/" not in raw and not raw.startswith("http"):
        return base_iri() + "release/" + raw
    if kind == "period" and "/" not in raw:
        return base_iri() + "period/" + raw
    if kind == "concept" and ":" in raw and not raw.startswith("http"):
        prefix, local = raw.split(":", 1)
        spaces = {"us-gaap": "http://fasb.org/us-gaap/2024#", "pg": PG}
        if prefix in spaces:
            return spaces[prefix] + local
    if any(c in raw for c in '<>"{}|\\^`'):
        raise QueryError(f"not an IRI or name: {raw!r}")
    return resolve_entity(store, raw)


def describe(query: NamedQuery) -> dict[str, Any]:
    """The JSON description of a named query (for /queries)."""
    return {"name": query.name, "summary": query.summary, "columns": list(query.columns),
            "params": [{"name": p.name, "kind": p.kind, "required": p.required,
                        "description": p.description} for p in query.params]}
