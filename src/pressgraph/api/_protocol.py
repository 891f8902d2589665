"""What a SPARQL 1.1 Protocol request says besides its query text: dataset and format parameters.

* ``default-graph-uri`` / ``named-graph-uri`` (repeatable; URL parameters, and form fields of a
  URL-encoded POST) name the RDF dataset. Each must be an absolute IRI (400 otherwise); when any
  is given they replace the union default graph and the query's own FROM/FROM NAMED, the
  protocol's rule for a conflict.
* ``format`` / ``output`` / ``results`` (what SPARQLWrapper, Virtuoso and Joseki clients send
  beside ``Accept``) are collected for :func:`pressgraph.api._negotiation.choose_sparql`.

Example: ``GET /sparql?query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }&default-graph-uri=
https://w3id.org/pressgraph/id/graph/acme-2020-01-02`` counts that one release's triples.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from pressgraph.errors import QueryError
from pressgraph.store.query_pool import Dataset

FORMAT_PARAMS = ("format", "output", "results")
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
MAX_GRAPHS = 100
MAX_IRI_CHARS = 2_000


class BadProtocolParameter(QueryError):
    """A dataset parameter that is not an absolute IRI, or too many of them (→ 400)."""


@dataclass(frozen=True)
class Params:
    """The format values asked for (in order) and the dataset named, if any."""

    formats: tuple[str, ...] = ()
    dataset: Dataset | None = None


def checked_iri(name: str, value: str) -> str:
    """``value`` when it is an absolute IRI (the engine's own IRI parser decides), else 400."""
    shown = value[:100]
    if len(value) > MAX_IRI_CHARS:
        raise BadProtocolParameter(f"{name} is longer than {MAX_IRI_CHARS} characters: {shown!r}...")
    try:
        ox.NamedNode(value)
    except ValueError as exc:
        raise BadProtocolParameter(f"{name} must be an absolute IRI, got {shown!r} ({exc})") from None
    return value


def params_of(pairs: Iterable[tuple[str, str]]) -> Params:
    """The protocol parameters among ``pairs`` (URL parameters, then form fields)."""
    items = list(pairs)
    formats = tuple(v.strip() for k, v in items if k in FORMAT_PARAMS and v.strip())
    graphs = {name: tuple(v for k, v in items if k == name) for name in DATASET_PARAMS}
    if sum(len(v) for v in graphs.values()) > MAX_GRAPHS:
        raise BadProtocolParameter(f"a request may name at most {MAX_GRAPHS} graphs")
    for name, values in graphs.items():
        for value in values:
            checked_iri(name, value)
    default, named = graphs["default-graph-uri"], graphs["named-graph-uri"]
    return Params(formats, Dataset(default, named) if default or named else None)
