"""The house rules of docs/ARCHITECTURE.md that a grep can check: one home for each piece of
knowledge (the ontology namespace, the month names, the legal suffixes) and small functions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "pressgraph"
MAX_FUNCTION_LINES = 60


def _sources() -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(SRC.rglob("*.py"))]


def _holders(pattern: str) -> list[str]:
    return sorted(str(p.relative_to(SRC)) for p, text in _sources() if re.search(pattern, text))


def test_the_ontology_namespace_is_written_once() -> None:
    assert _holders(re.escape("https://w3id.org/pressgraph/ontology#")) == ["namespaces.py"]


def test_month_names_are_listed_once() -> None:
    """Month names come from names.MONTHS (built from :mod:`calendar`); no module spells them out."""
    assert _holders(r"(?i)january\W+february") == []
    assert _holders(r"\bcalendar\.month_(?:name|abbr)\b") == ["names.py"]


def test_legal_suffixes_come_from_the_lexicon() -> None:
    """Only names.py reads lexicons/legal_suffixes.txt; the others ask names.legal_suffixes()."""
    assert _holders(r"lexicon_rows\(\"legal_suffixes\.txt\"\)") == ["names.py"]
    assert _holders(r"(?i)\binc\|incorporated\|corp\|corporation\b") == []


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = [
        f"{p.relative_to(SRC)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for p, text in _sources()
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []
