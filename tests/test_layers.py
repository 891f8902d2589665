"""The stages import only downwards, in the order docs/ARCHITECTURE.md draws them.

Every ``import`` in ``src/pressgraph`` counts, those inside functions and under ``TYPE_CHECKING``
too: a function-level import of a later stage is the same loop, only hidden. A module may import
its own layer or any layer below; the base modules may import only each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "pressgraph"

# Lowest first. Each entry: a layer name and the top-level modules or packages in it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("errors", "config", "namespaces", "resources", "lexicons", "names", "model", "budget", "progress")),
    ("read", ("read",)),
    ("fetch", ("fetch",)),
    ("resolve", ("resolve",)),
    ("extract", ("extractors",)),
    ("rdf", ("rdf",)),
    ("validate", ("validate",)),
    ("pipeline", ("pipeline",)),
    ("store", ("store",)),
    ("ingest", ("ingest",)),
    ("queries", ("lookup", "paths", "queries")),
    ("evaluate", ("evaluate",)),
    ("api", ("api",)),
    ("cli", ("cli",)),
    ("entry", ("__main__", "__init__", "library")),
)
RANK = {part: rank for rank, (_, parts) in enumerate(LAYERS) for part in parts}
LAYER_NAME = {part: name for name, parts in LAYERS for part in parts}


def _module_of(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def _top(module: str) -> str:
    """``pressgraph.extractors.trials`` → ``extract``; the package itself → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imported(path: Path) -> list[tuple[int, str]]:
    """Every pressgraph module ``path`` imports, with the line, ``from pressgraph import x``
    resolved to the submodule ``x`` when there is one."""
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                is_module = (SRC.parent / Path(*sub.split("."))).with_suffix(".py").exists() or (
                    SRC.parent / Path(*sub.split("."))
                ).is_dir()
                found.append((node.lineno, sub if is_module else base))
    return [(line, name) for line, name in found if name == "pressgraph" or name.startswith("pressgraph.")]


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    unplaced = sorted({_top(_module_of(p)) for p in _sources()} - set(RANK))
    assert unplaced == [], f"place these in LAYERS (and in docs/ARCHITECTURE.md): {unplaced}"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_only_look_down(path: Path) -> None:
    here = _top(_module_of(path))
    upward = [
        f"line {line}: {name} ({LAYER_NAME[_top(name)]}) from the {LAYER_NAME[here]} layer"
        for line, name in _imported(path)
        if RANK[_top(name)] > RANK[here]
    ]
    assert upward == [], f"{path.relative_to(SRC)} imports a later stage: {upward}"


def test_the_architecture_doc_draws_the_same_layers() -> None:
    doc = (SRC.parent.parent / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    drawn = [name for name, _ in LAYERS]
    positions = [doc.find(f"`{name}`") for name in drawn]
    assert -1 not in positions, f"docs/ARCHITECTURE.md does not name every layer: {drawn}"
    assert positions == sorted(positions), "docs/ARCHITECTURE.md lists the layers in another order"
