"""The project's one exception hierarchy.

Every failure the user can cause (bad file, bad query, unreachable store or EDGAR) surfaces as one of
these, with a one-line message fit for the CLI and for a JSON error body::

    PressgraphError
    ├── ReadError          the file cannot be read as a release (empty, binary, no text, encoding)
    ├── ExtractionError    the release was read but a stage could not make sense of it
    ├── ValidationError    the graph does not conform to the shapes (raised only when asked to)
    ├── StoreError         the triple store refused or failed an operation
    ├── FetchError         EDGAR (or its mirror) cannot be reached, refuses, or the cache cannot be written
    └── QueryError         a query is unknown, malformed, forbidden or too heavy
        └── QueryLimitError  it ran past the time limit or the row cap

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


class FetchError(PressgraphError):
    """Fetching from EDGAR failed: no User-Agent, unreachable host, bad answer, unwritable cache."""


class QueryError(PressgraphError):
    """A query is unknown, malformed, forbidden or has bad parameters."""


class QueryLimitError(QueryError):
    """A query ran past the time limit or the row cap."""
