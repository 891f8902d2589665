"""Code style and types are checked like behaviour: ruff lint (complexity ≤ 15), ruff format, and
mypy strict over all of src/pressgraph (no module excluded).

The tools come with the test extra (``pip install -e '.[test]'``) and run from this interpreter,
so a missing tool fails the test instead of skipping it unnoticed.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _module(name: str) -> list[str]:
    if importlib.util.find_spec(name) is None:
        pytest.fail(f"{name} is not installed in {sys.executable}: pip install -c constraints.txt -e '.[test]'")
    return [sys.executable, "-m", name]


@pytest.mark.parametrize(
    "args", [["check", "src", "tests"], ["format", "--check", "src", "tests"]], ids=["lint", "format"]
)
def test_ruff(args: list[str]) -> None:
    result = subprocess.run([*_module("ruff"), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    """0 errors: the whole output is mypy's success line."""
    result = subprocess.run(_module("mypy"), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert re.fullmatch(r"Success: no issues found in \d+ source files\n", result.stdout), result.stdout + result.stderr
