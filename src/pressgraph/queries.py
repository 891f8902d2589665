"""Named SPARQL queries: load them, read their headers, bind parameters safely, run, format.

A named query is ``queries/NAME.rq``; its leading comment documents it::

    # param: company  organization  required  company IRI, name, short name or ticker
    # column: ticker  ticker symbol

Parameters are never spliced into the query as text. Each value becomes an RDF term built by
rdflib (``URIRef``/``Literal``) and serialised with ``.n3()``, then bound in a ``VALUES`` block at
the start of the outermost ``WHERE`` group, so a value like ``"> } DROP ALL #`` stays a literal.
``organization`` and ``entity`` parameters given as names are first resolved to one IRI by
:mod:`pressgraph.lookup` (legal name with or without suffix, short name or ticker, compared without
case, punctuation or legal suffix); a name that matches nothing, or several, is an error.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef

from pressgraph import lookup, paths
from pressgraph.config import base_iri
from pressgraph.errors import QueryError
from pressgraph.namespaces import PREFIXES
from pressgraph.resources import data_dir
from pressgraph.store.base import GraphStore, NeighbourLookup, QueryResult

PARAM_TYPES = ("organization", "entity", "concept", "period", "release", "iri", "string", "integer", "date")
_PREFIXES = {f"{p}:": PREFIXES[p] for p in ("pg", "us-gaap", "schema", "wd")}
_HEADER = re.compile(r"^#\s*(param|column):\s*(\S+)\s*(.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[tuple[str, str], ...]


def queries_dir() -> Path:
    return data_dir("queries")


def parse_query(name: str, text: str) -> NamedQuery:
    """Read the header comment: description (first line), ``param:`` and ``column:`` lines."""
    params: list[Param] = []
    columns: list[tuple[str, str]] = []
    description = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match is None:
            description = description or line.lstrip("# ").split(":", 1)[-1].strip()
            continue
        kind, pname, rest = match.groups()
        if kind == "column":
            columns.append((pname, rest.strip()))
            continue
        parts = rest.split(None, 2)
        ptype = parts[0] if parts else "string"
        if ptype not in PARAM_TYPES:
            raise QueryError(f"query {name}: parameter {pname} has unknown type {ptype!r}")
        required = len(parts) > 1 and parts[1] == "required"
        params.append(Param(pname, ptype, required, parts[2] if len(parts) > 2 else ""))
    return NamedQuery(name, text, description, tuple(params), tuple(columns))


def list_queries() -> list[NamedQuery]:
    return [parse_query(p.stem, read_rq(p)) for p in sorted(queries_dir().glob("*.rq"))]


def read_rq(path: Path) -> str:
    """The text of a ``.rq`` file; a file that is not UTF-8 is a QueryError naming the byte."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the query as UTF-8"
        ) from None


def load_query(name_or_file: str) -> NamedQuery:
    """A named query (``products``) or a ``.rq`` file path."""
    path = Path(name_or_file)
    if name_or_file.endswith(".rq"):
        if not path.is_file():
            raise QueryError(f"no such query file: {name_or_file}")
        return parse_query(path.stem, read_rq(path))
    if not _NAME.match(name_or_file):
        raise QueryError(f"bad query name {name_or_file!r}")
    named = queries_dir() / f"{name_or_file}.rq"
    if not named.is_file():
        known = ", ".join(q.name for q in list_queries())
        raise QueryError(f"unknown query {name_or_file!r} (known: {known})")
    return parse_query(name_or_file, read_rq(named))


# --- parameter values → RDF terms ---------------------------------------------------------------


def _as_iri(value: str) -> URIRef | None:
    """A full IRI, ``<iri>``, an entity id (``org/x``, ``id:org/x``) or a prefixed name in the
    project's prefixes (``us-gaap:NetIncomeLoss``)."""
    iri = lookup.iri_of(value)
    if iri is not None:
        return URIRef(iri)
    text = value.strip()
    for prefix, ns in _PREFIXES.items():
        if text.startswith(prefix) and re.match(r"^[\w.-]+$", text[len(prefix) :]):
            return URIRef(ns + text[len(prefix) :])
    return None


def _resolve_entity(store: GraphStore, param: Param, value: str) -> list[URIRef]:
    """The one IRI a company (or other entity) parameter names, by :mod:`pressgraph.lookup`."""
    kind = lookup.ORGANIZATION if param.type == "organization" else lookup.ENTITY
    iri = _as_iri(value)  # also a prefixed name (wd:Q204711), which the look-up does not read
    text = value if iri is None else f"<{iri}>"
    return [URIRef(lookup.find_one(store, text, kind, subject=f"{param.name}={value.strip()!r}").iri)]


def _concept_terms(value: str) -> list[URIRef]:
    iri = _as_iri(value)
    if iri is not None:
        return [iri]
    if not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", value):
        raise QueryError(f"bad concept name {value!r} (a US-GAAP local name such as NetIncomeLoss)")
    return [URIRef(_PREFIXES["us-gaap:"] + value), URIRef(base_iri() + f"concept/{value}")]


def _period_term(value: str) -> URIRef:
    iri = _as_iri(value)
    if iri is not None:
        return iri
    if not re.match(r"^\d{4}-\d{2}-\d{2}(--\d{4}-\d{2}-\d{2})?$", value):
        raise QueryError(f"bad period {value!r} (YYYY-MM-DD or YYYY-MM-DD--YYYY-MM-DD)")
    return URIRef(base_iri() + f"period/{value}")


def _release_term(value: str) -> URIRef:
    iri = _as_iri(value)
    if iri is not None:
        return iri
    if not _NAME.match(value):
        raise QueryError(f"bad release id {value!r}")
    return URIRef(base_iri() + f"release/{value}")


def param_terms(store: GraphStore, param: Param, value: str) -> list[Any]:
    """The RDF terms a parameter value stands for (two IRIs for a concept's local name)."""
    if param.type in ("organization", "entity"):
        return _resolve_entity(store, param, value)
    if param.type == "concept":
        return _concept_terms(value)
    if param.type == "period":
        return [_period_term(value)]
    if param.type == "release":
        return [_release_term(value)]
    if param.type == "iri":
        iri = _as_iri(value)
        if iri is None:
            raise QueryError(f"parameter {param.name} needs an IRI, got {value!r}")
        return [iri]
    if param.type == "integer":
        if not re.match(r"^-?\d+$", value.strip()):
            raise QueryError(f"parameter {param.name} needs an integer, got {value!r}")
        return [Literal(int(value))]
    if param.type == "date":
        try:
            return [Literal(date.fromisoformat(value.strip()))]
        except ValueError as exc:
            raise QueryError(f"parameter {param.name} needs a date YYYY-MM-DD, got {value!r}") from exc
    return [Literal(value)]


# --- binding ----------------------------------------------------------------------------------


def values_block(bound: dict[str, list[Any]]) -> str:
    """``VALUES (?a ?b) { (t1 t2) ... }`` over the cross product of the terms (rdflib ``.n3()``)."""
    names = list(bound)
    rows: list[list[str]] = [[]]
    for name in names:
        rows = [row + [term.n3()] for row in rows for term in bound[name]]
    head = " ".join(f"?{n}" for n in names)
    body = " ".join("(" + " ".join(row) + ")" for row in rows)
    return f"VALUES ({head}) {{ {body} }}"


# A query may ask for the block again inside a group with a line ``# bind parameters here``: an
# OPTIONAL is evaluated on its own by some engines (pyoxigraph among them), so without its own
# copy of the bound values it would read every company's data before the join.
_BIND_HERE = re.compile(r"^([ \t]*)# bind parameters here[ \t]*$", re.MULTILINE)


def insert_values(sparql: str, block: str) -> str:
    """Put ``block`` right after the ``{`` that opens the outermost WHERE group (and in place of
    every ``# bind parameters here`` line)."""
    masked = "\n".join(" " * len(line) if line.lstrip().startswith("#") else line for line in sparql.split("\n"))
    match = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    if match is None:
        raise QueryError("query has no WHERE { ... } group to bind parameters into")
    cut = match.end()
    sparql = _BIND_HERE.sub(lambda m: f"{m.group(1)}{block}", sparql)
    return f"{sparql[:cut]}\n  {block}\n{sparql[cut:]}"


def bind(store: GraphStore, query: NamedQuery, values: dict[str, str]) -> str:
    """The query text with its parameters bound; errors for unknown or missing parameters."""
    bound = bound_terms(store, query, values)
    if not bound:
        return query.text
    return insert_values(query.text, values_block(bound))


def bound_terms(store: GraphStore, query: NamedQuery, values: dict[str, str]) -> dict[str, list[Any]]:
    """Each given parameter's RDF terms; errors for unknown or missing parameters."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise QueryError(
            f"query {query.name} has no parameter {unknown[0]!r} (parameters: {', '.join(known) or 'none'})"
        )
    missing = [p.name for p in query.params if p.required and not values.get(p.name)]
    if missing:
        raise QueryError(f"query {query.name} needs --param {missing[0]}=...")
    return {name: param_terms(store, known[name], v) for name, v in values.items() if v != ""}


def run_named(store: GraphStore, name_or_file: str, values: dict[str, str] | None = None) -> QueryResult:
    """Run a named query or ``.rq`` file; the named ``related`` on an embedded store by the
    bounded search of :mod:`pressgraph.paths` (same rows, without the engine's 3-link walk)."""
    query = load_query(name_or_file)
    bound = bound_terms(store, query, values or {})
    if name_or_file == "related" and isinstance(store, NeighbourLookup):
        return paths.related(store, str(bound["from"][0]), str(bound["to"][0]))
    return store.query(insert_values(query.text, values_block(bound)) if bound else query.text)


def parse_param_args(items: list[str] | None) -> dict[str, str]:
    """``["company=ASTM", ...]`` → dict; a missing ``=`` is a user error."""
    out: dict[str, str] = {}
    for item in items or []:
        if "=" not in item:
            raise QueryError(f"--param needs name=value, got {item!r}")
        key, value = item.split("=", 1)
        out[key.strip()] = value
    return out


# --- formatting -------------------------------------------------------------------------------


def compact(value: Any) -> str:
    """Display form: IRIs shortened with the project's prefixes, decimals plain, None empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if iri.startswith(base_iri()):
            return "id:" + iri[len(base_iri()) :]
        for prefix, ns in _PREFIXES.items():
            if iri.startswith(ns):
                return prefix + iri[len(ns) :]
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _csv_value(value: Any) -> str:
    """A CSV cell: the full IRI (no prefixes to declare), plain decimals, empty for unbound."""
    if value is None or isinstance(value, bool):
        return compact(value)
    return str(_json_value(value))


def format_result(result: QueryResult, fmt: str = "table", width: int | None = None) -> str:
    """The answer as text: ``table`` for people (cut to ``width`` columns when given), ``json``
    and ``csv`` for programs, with full IRIs so that no reader needs our prefixes."""
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    if result.graph_ntriples is not None:
        return result.graph_ntriples
    if fmt == "json":
        rows = [dict(zip(result.variables, map(_json_value, r), strict=True)) for r in result.rows]
        return json.dumps({"columns": list(result.variables), "rows": rows}, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([[_csv_value(v) for v in r] for r in result.rows])
        return buf.getvalue().rstrip("\n")
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r} (table, json or csv)")
    return _table(result, width)


_MIN_COLUMN = 8


def fit_widths(widths: list[int], room: int) -> list[int] | None:
    """Column widths that fit ``room`` characters: the widest columns cut to one cap, as little
    as needed; None when even ``_MIN_COLUMN`` characters a column would not fit."""
    if sum(widths) <= room:
        return widths
    if sum(min(w, _MIN_COLUMN) for w in widths) > room:
        return None
    cap = max(widths)
    while sum(min(w, cap) for w in widths) > room:
        cap -= 1
    return [min(w, cap) for w in widths]


def _table(result: QueryResult, width: int | None = None, max_width: int = 60) -> str:
    """Aligned columns; each cell at most ``max_width`` characters, or, given the terminal's
    ``width``, the columns cut so that a row fits it (cut text ends in "…"). Too many columns
    for the width: one block of ``column  value`` lines per row, as psql's expanded display."""
    cells = [[_clip(compact(v), width or max_width) for v in r] for r in result.rows]
    widths = [len(v) for v in result.variables]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    fitted = fit_widths(widths, width - 2 * (len(widths) - 1)) if width else widths
    footer = f"({len(cells)} row{'s' if len(cells) != 1 else ''})"
    if fitted is None:
        return "\n".join([*_records(result.variables, cells, width or max_width), footer])
    line = "  ".join(_clip(v, w).ljust(w) for v, w in zip(result.variables, fitted, strict=True))
    rule = "  ".join("-" * w for w in fitted)
    body = ["  ".join(_clip(c, w).ljust(w) for c, w in zip(row, fitted, strict=True)).rstrip() for row in cells]
    return "\n".join([line.rstrip(), rule, *body, footer])


def _records(variables: tuple[str, ...], cells: list[list[str]], width: int) -> list[str]:
    """Each row as a block: ``-[ row 1 ]`` then one ``column  value`` line per bound column."""
    names = max((len(v) for v in variables), default=0)
    lines: list[str] = []
    for number, row in enumerate(cells, start=1):
        lines.append(f"-[ row {number} ]")
        lines += [f"{v.ljust(names)}  {_clip(c, width - names - 2)}" for v, c in zip(variables, row, strict=True) if c]
    return lines


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
