"""Find the project's data folders (ontology, shapes, queries, examples) wherever it is installed,
and read the extraction lexicons: the one loader every stage uses.

An installed wheel carries the folders under ``pressgraph/_data``; a source checkout (editable
install) has them at the repository root. Lexicons ship inside the package
(``pressgraph/lexicons``): TSV or one-column TXT files, ``#`` lines are comments.
"""

from __future__ import annotations

from functools import cache
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


@cache
def lexicon_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV/TXT lexicon, split at tabs (blank and ``#`` lines skipped, and a TSV's
    first row when it is a header starting with ``id``)."""
    rows = []
    for line in lexicon_path(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(line.split("\t")))
    if name.endswith(".tsv") and rows and rows[0][0] == "id":
        rows = rows[1:]
    return tuple(rows)
