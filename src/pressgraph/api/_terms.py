"""Values from the store as JSON terms (entity and release views) and graphs as RDF bytes.

The store gives plain Python values (``int``, ``Decimal``, ``date``, ``"<iri>"`` strings...); the
JSON views describe each as a SPARQL JSON term. RDF views are serialised by pyoxigraph, which is
safe to call from any request thread (rdflib's parsers are not: issue 11).
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

import pyoxigraph as ox

from pressgraph.namespaces import PREFIXES as ALL_PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {p: ALL_PREFIXES[p] for p in ("pg", "schema", "prov", "skos", "us-gaap")}
_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "json-ld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
}
_TYPED: tuple[tuple[type, str, Any], ...] = (
    (bool, "boolean", lambda v: "true" if v else "false"),
    (int, "integer", str),
    (decimal.Decimal, "decimal", str),
    (float, "double", repr),
    (datetime.datetime, "dateTime", lambda v: v.isoformat()),
    (datetime.date, "date", lambda v: v.isoformat()),
)


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
    for python_type, local, lexical in _TYPED:
        if isinstance(value, python_type):
            return {"type": "literal", "value": lexical(value), "datatype": XSD + local}
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


def graph_bytes(ntriples: str, fmt_name: str) -> bytes:
    """N-Triples from the store, re-serialised by pyoxigraph (turtle, json-ld, nt, xml)."""
    if fmt_name == "nt":
        return ntriples.encode("utf-8")
    triples = ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=_RDF_FORMATS[fmt_name], prefixes=PREFIXES) or b""
