"""A long regular expression is laid out verbose, one part per line with a comment saying what it
matches in a release ("Phase 2b", "the U.S. Food and Drug Administration (FDA)").

One opaque string of 200 characters cannot be reviewed or safely changed by someone new to the
code; the comments are where the examples from real releases live. The scan reads every
``re.compile`` of a string literal in ``src/pressgraph``, functions and tables included, and fails
on one longer than ``LIMIT`` characters that is compiled without ``re.VERBOSE`` (or ``re.X``) and
does not open with an inline ``(?x)``. Patterns assembled from pieces (``+``, f-strings) are not
literals and are left to review.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "pressgraph"
LIMIT = 150
_INLINE_VERBOSE = re.compile(r"^\(\?[aiLmsu]*x")


def _is_re_compile(call: ast.Call) -> bool:
    func = call.func
    return isinstance(func, ast.Attribute) and func.attr == "compile" and ast.unparse(func.value) == "re"


def _says_verbose(flags: ast.expr | None) -> bool:
    if flags is None:
        return False
    for node in ast.walk(flags):
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
        if name in ("VERBOSE", "X"):
            return True
    return False


def opaque_patterns(source: str) -> list[tuple[int, int]]:
    """(line, length) of every long literal pattern in ``source`` that is not compiled verbose."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _is_re_compile(node) and node.args):
            continue
        pattern = node.args[0]
        if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)):
            continue
        if len(pattern.value) <= LIMIT or _INLINE_VERBOSE.match(pattern.value):
            continue
        flags = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "flags"), None)
        if not _says_verbose(flags):
            found.append((node.lineno, len(pattern.value)))
    return found


def test_long_patterns_are_verbose() -> None:
    opaque = [
        f"{path.relative_to(SRC.parent)}:{line} ({length} characters)"
        for path in sorted(SRC.rglob("*.py"))
        for line, length in opaque_patterns(path.read_text(encoding="utf-8"))
    ]
    assert not opaque, "long patterns written as one string; lay them out with re.VERBOSE:\n" + "\n".join(opaque)


def test_the_scan_tells_opaque_from_verbose() -> None:
    long_alternation = "|".join(f"word{i}" for i in range(40))
    assert len(long_alternation) > LIMIT
    opaque = f"import re\nA = re.compile({long_alternation!r}, re.I)\n"
    assert opaque_patterns(opaque) == [(2, len(long_alternation))]
    for verbose in (
        f"import re\nA = re.compile({long_alternation!r}, re.I | re.VERBOSE)\n",
        f"import re\nA = re.compile({long_alternation!r}, flags=re.X)\n",
        f"import re\nA = re.compile({'(?ix)' + long_alternation!r})\n",
        f"import re\nA = re.compile({long_alternation[:LIMIT]!r})\n",
    ):
        assert opaque_patterns(verbose) == []
