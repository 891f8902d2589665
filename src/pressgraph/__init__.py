"""pressgraph: press releases in, validated knowledge graph out.

The pipeline, one package per stage, data flowing one way::

    (fetch/ →) read/  → extract/ → resolve → rdf/ → validate → store/ → queries → api/ → cli/

The small public API is re-exported here; everything else is internal::

    from pressgraph import extract, Store

    doc = extract("release.txt")    # doc.graph(), doc.facts, doc.events
    with Store("my-store") as store:
        store.ingest("releases/")
        rows = store.query("trials", company="Acme").rows

``extract``, ``Store`` and their result types load on first use (module ``__getattr__``), so
``import pressgraph`` and ``pressgraph --help`` do not pay for rdflib and the extractors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pressgraph.config import VERSION
from pressgraph.errors import ExtractionError, PressgraphError, QueryError, ReadError, StoreError

if TYPE_CHECKING:
    from pressgraph.library import Extracted, Release, Store, extract

__all__ = [
    "extract",
    "Store",
    "Extracted",
    "Release",
    "PressgraphError",
    "ReadError",
    "ExtractionError",
    "StoreError",
    "QueryError",
    "__version__",
]

__version__ = VERSION

_LAZY = {"extract", "Store", "Extracted", "Release"}


def __getattr__(name: str) -> Any:
    """Load the library API on first access (PEP 562)."""
    if name in _LAZY:
        from pressgraph import library

        return getattr(library, name)
    raise AttributeError(f"module 'pressgraph' has no attribute {name!r}")
