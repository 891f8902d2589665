"""Content negotiation: one table per kind of answer, so adding a format is one line.

The SPARQL endpoint, the entity pages and the release pages all pick their serialization here
from the request's ``Accept`` header (or an explicit ``format=`` short name).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """A serialization: short name (``format=``), media type sent back, media types accepted."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()


# Answers to SELECT/ASK queries.
RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)

# Answers to CONSTRUCT/DESCRIBE queries and RDF views of entities.
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("application/x-turtle",)),
    Format("json-ld", "application/ld+json", ("application/json",)),
    Format("nt", "application/n-triples", ("text/plain",)),
    Format("xml", "application/rdf+xml"),
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
        for fmt in table:
            if explicit.lower() in (fmt.name, fmt.media_type):
                return fmt
        return None
    if not accept or not accept.strip():
        return table[0]
    for media_range, _q in _parse_accept(accept):
        for fmt in table:
            if _matches(media_range, fmt):
                return fmt
    return None


def media_types(table: tuple[Format, ...]) -> list[str]:
    """All media types of a table (for OpenAPI descriptions and 406 messages)."""
    return [fmt.media_type for fmt in table]
