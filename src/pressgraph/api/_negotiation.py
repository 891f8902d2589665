"""Content negotiation: one table per kind of answer, so adding a format is one line.

The SPARQL endpoint, the entity pages and the release pages all pick their serialization here
from the request's ``Accept`` header (or an explicit ``format=`` short name).

On ``/sparql`` the ``format``/``output``/``results`` parameters that clients such as SPARQLWrapper
send beside ``Accept`` are reconciled with it per kind of answer (:func:`choose_sparql`): a value
that names a format of that kind wins, and ``Accept`` decides for a kind it names nothing of. So
``format=xml`` is SPARQL XML results for a SELECT and RDF/XML for a CONSTRUCT, and ``format=n3``
(which names no results format) leaves a SELECT's format to ``Accept``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """A serialization: short name (``format=``), media type sent back, media types accepted,
    and other short names clients send for it (``n3`` for Turtle, which is N3's subset)."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    def named(self, value: str) -> bool:
        """Whether a ``format=`` value (short name or media type) means this format."""
        return value.strip().lower() in (self.name, *self.names, self.media_type, *self.aliases)


# Answers to SELECT/ASK queries.
RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)

# Answers to CONSTRUCT/DESCRIBE queries and RDF views of entities.
GRAPH_FORMATS: tuple[Format, ...] = (
    Format(
        "turtle",
        "text/turtle",
        ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3", "application/n3"),
        ("ttl", "n3"),
    ),
    Format("json-ld", "application/ld+json", ("application/json", "application/x-json+ld"), ("jsonld", "json")),
    Format("nt", "application/n-triples", ("text/plain",), ("ntriples", "n-triples")),
    Format("xml", "application/rdf+xml", (), ("rdf", "rdf+xml", "rdfxml")),
)

# Entity and release views: a person gets HTML, a program JSON or RDF.
PAGE_FORMATS: tuple[Format, ...] = (
    Format("html", "text/html", ("application/xhtml+xml",)),
    Format("json", "application/json"),
    Format("json-ld", "application/ld+json"),
    Format("turtle", "text/turtle"),
)


def _parse_accept(accept: str) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (stable for equal q)."""
    ranges: list[tuple[str, float, int]] = []
    for index, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((media, q, index))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges if q > 0]


def _matches(media_range: str, fmt: Format) -> bool:
    if media_range in ("*/*", "*"):
        return True
    candidates = (fmt.media_type, *fmt.aliases)
    if media_range.endswith("/*"):
        return any(c.startswith(media_range[:-1]) for c in candidates)
    return media_range in candidates


def choose(table: tuple[Format, ...], accept: str | None, explicit: str | None = None) -> Format | None:
    """The format to answer with; the table's first entry when nothing is asked for.

    ``None`` means the client asked only for formats we cannot produce (→ 406).
    """
    if explicit:
        return next((fmt for fmt in table if fmt.named(explicit)), None)
    if not accept or not accept.strip():
        return table[0]
    for media_range, _q in _parse_accept(accept):
        for fmt in table:
            if _matches(media_range, fmt):
                return fmt
    return None


def prefers_html(accept: str | None) -> bool:
    """Whether the client's first choice is a web page (a browser's address bar, not a program)."""
    ranges = _parse_accept(accept or "")
    return bool(ranges) and ranges[0][0] in ("text/html", "application/xhtml+xml")


def choose_explicit(table: tuple[Format, ...], accept: str | None) -> Format | None:
    """The format ``Accept`` names by its media type; wildcards (``*/*``) name none."""
    for media_range, _q in _parse_accept(accept or ""):
        if "*" not in media_range:
            for fmt in table:
                if _matches(media_range, fmt):
                    return fmt
    return None


def choose_sparql(table: tuple[Format, ...], accept: str | None, explicit: tuple[str, ...]) -> Format | None:
    """The first ``explicit`` value that names a format of ``table``, else ``Accept``'s choice."""
    for value in explicit:
        fmt = next((f for f in table if f.named(value)), None)
        if fmt is not None:
            return fmt
    return choose(table, accept)


def named_anywhere(value: str, *tables: tuple[Format, ...]) -> bool:
    """Whether a ``format=`` value names a format of any of ``tables`` (else it is a typo: 406)."""
    return any(fmt.named(value) for table in tables for fmt in table)


def media_types(table: tuple[Format, ...]) -> list[str]:
    """All media types of a table (for OpenAPI descriptions and 406 messages)."""
    return [fmt.media_type for fmt in table]
