"""pressgraph: press releases in, validated knowledge graph out.

The pipeline, one package per stage, data flowing one way::

    (fetch/ →) read/  → extract/ → resolve → rdf/ → validate → store/ → queries → api/ → cli/

The small public API is re-exported here; everything else is internal.
"""

from pressgraph.errors import ExtractionError, PressgraphError, QueryError, ReadError, StoreError

__all__ = [
    "PressgraphError",
    "ReadError",
    "ExtractionError",
    "StoreError",
    "QueryError",
    "__version__",
]

__version__ = "0.1.0"
