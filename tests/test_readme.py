"""README stays true: its ontology diagram is the generated one, its commands exist."""

from __future__ import annotations

import re

from pressgraph.cli import build_parser
from tests.conftest import ROOT

MARKERS = re.compile(r"<!-- ontology-diagram:start -->.*?<!-- ontology-diagram:end -->", re.S)


def test_readme_diagram_is_the_generated_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    generated = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert MARKERS.search(readme).group() == MARKERS.search(generated).group()


def test_readme_commands_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`pressgraph (\w+)", readme))
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert named == commands
