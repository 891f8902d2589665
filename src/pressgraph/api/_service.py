"""The SPARQL 1.1 Service Description of ``/sparql``: what a client may rely on, in RDF.

Served by ``GET /sparql`` without a query when the client asks for RDF (``Accept: text/turtle``
or ``format=turtle``), as the Service Description spec recommends for the endpoint's own URL.
It states the endpoint, the query language (SPARQL 1.1 Query, no update), every result format,
that the default graph is the union of all graphs (``sd:UnionDefaultGraph``) and, when the
router knows the store, each release graph as a named graph of the default dataset.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
MAX_LISTED_GRAPHS = 10_000

# The W3C format IRIs of what /sparql answers in (its negotiation tables).
_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "JSON-LD",
    "N-Triples",
    "RDF_XML",
)
_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD}
_FORMATS |= {"nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}


def release_graphs(store: Any) -> list[str]:
    """The release graphs of ``store`` (none known when the router was given only a runner)."""
    if store is None or not hasattr(store, "releases"):
        return []
    return sorted(record.graph_iri for record in store.releases())[:MAX_LISTED_GRAPHS]


def _turtle(endpoint: str, graphs: list[str]) -> str:
    named = "".join(f" ;\n    sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ]" for g in graphs)
    formats = ", ".join(f"formats:{name}" for name in _RESULT_FORMATS)
    return f"""@prefix sd: <{SD}> .
@prefix formats: <{FORMATS}> .
<{endpoint}#service> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat {formats} ;
  sd:feature sd:UnionDefaultGraph ;
  sd:defaultDataset [ a sd:Dataset ;
    sd:defaultGraph [ a sd:Graph ]{named} ] .
"""


def service_description(endpoint: str, graphs: list[str], fmt: str) -> bytes:
    """The description of the endpoint at ``endpoint`` in ``fmt`` (a graph format's short name).

    ``endpoint`` and the graph names are parsed as IRIs by the engine (through Turtle), so a
    strange Host or graph name cannot inject triples: it fails to parse instead.
    """
    for iri in (endpoint, *graphs):
        ox.NamedNode(iri)
    triples = ox.parse(_turtle(endpoint, graphs), format=ox.RdfFormat.TURTLE)
    prefixes = {"sd": SD, "formats": FORMATS}
    if fmt == "nt":
        return ox.serialize(triples, format=_FORMATS[fmt]) or b""
    return ox.serialize(triples, format=_FORMATS[fmt], prefixes=prefixes) or b""
