"""Find the project's data folders (ontology, shapes, queries, examples) wherever it is installed.

An installed wheel carries them under ``pressgraph/_data``; a source checkout (editable install)
has them at the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``ontology``, ``shapes``, ``queries`` or ``examples``)."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / name


def lexicon_path(name: str) -> Path:
    """Return the path of an extraction lexicon shipped in ``pressgraph/lexicons``."""
    return _PACKAGE / "lexicons" / name
