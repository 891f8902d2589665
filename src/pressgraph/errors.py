"""The project's one exception hierarchy.

Every failure the user can cause (bad file, bad query, unreachable store or EDGAR) surfaces as one of
these, with a one-line message fit for the CLI and for a JSON error body::

    PressgraphError
    ├── ReadError          the file cannot be read as a release (empty, binary, no text, encoding)
    ├── ExtractionError    the release was read but a stage could not make sense of it
    ├── ValidationError    the graph does not conform to the shapes (raised only when asked to)
    ├── StoreError         the triple store refused or failed an operation
    │   └── ProtectedGraph     a write aimed at the store's own catalog or ontology graph (HTTP 403)
    ├── FetchError         EDGAR (or its mirror) cannot be reached, refuses, or the cache cannot be written
    ├── ConfigError        a setting (PRESSGRAPH_BASE, a port...) is unusable
    └── QueryError         a query is unknown, malformed, forbidden or too heavy
        ├── UnknownName        a company (entity) given by name or IRI is not in the store (HTTP 404)
        ├── AmbiguousName      a name matches several companies (entities); lists them (HTTP 409)
        ├── ForbiddenQuery     well formed but not allowed here: an update, LOAD, SERVICE
        ├── QueryUnavailable   no sandboxed query worker can run here (not Linux, seccomp refused)
        └── QueryLimitError    it passed a limit
            ├── QueryTooLarge  longer or deeper than the endpoint accepts (checked before parsing)
            ├── QueryTimeout   it ran past the time limit (its worker is killed)
            ├── RowCapExceeded it returned more rows (triples) than the cap
            ├── TooBusy        every query worker is busy
            └── EngineCrashed  it crashed the query engine (one worker lost, the server is fine)

Anything else escaping the library is a bug.
"""


class PressgraphError(Exception):
    """Base class: a clear, user-facing failure with a one-line message."""


class ReadError(PressgraphError):
    """The input cannot be read as a press release."""


class ExtractionError(PressgraphError):
    """The release was read, but extraction could not proceed."""


class ValidationError(PressgraphError):
    """The graph does not conform to the project's shapes."""


class StoreError(PressgraphError):
    """The triple store refused or failed an operation."""


class ProtectedGraph(StoreError):
    """A write aimed at the store's catalog or ontology graph: they are the store's bookkeeping,
    and a client replacing the catalog would orphan every release (issue 11's data-loss note)."""


class FetchError(PressgraphError):
    """Fetching from EDGAR failed: no User-Agent, unreachable host, bad answer, unwritable cache."""


class QueryError(PressgraphError):
    """A query is unknown, malformed, forbidden or has bad parameters."""


class UnknownName(QueryError):
    """No entity in the store has the name (or IRI) a parameter gives (see :mod:`pressgraph.lookup`)."""


class AmbiguousName(QueryError):
    """A name matches several entities where one is needed; ``candidates`` are (IRI, label) pairs."""

    def __init__(self, message: str, candidates: tuple[tuple[str, str], ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


class QueryLimitError(QueryError):
    """A query ran past the time limit or the row cap."""


class ConfigError(PressgraphError):
    """A setting cannot be used: a base IRI with a space, a port out of range..."""


class ForbiddenQuery(QueryError):
    """The query is well formed but not allowed here (update, LOAD, SERVICE)."""


class QueryUnavailable(QueryError):
    """Queries cannot run safely on this platform (the sandbox could not be installed)."""


class QueryTooLarge(QueryLimitError):
    """The query text is longer or nests deeper than the endpoint accepts."""


class QueryTimeout(QueryLimitError):
    """The query ran past the time limit."""


class RowCapExceeded(QueryLimitError):
    """The query returned more rows (or triples) than the cap."""


class TooBusy(QueryLimitError):
    """Every query worker is busy."""


class EngineCrashed(QueryLimitError):
    """The query crashed the engine's worker process (a new worker takes its place)."""
