"""The one-pass materialisation writes exactly the lines of the rdflib copy it replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressgraph.pipeline import build_release_graphs
from pressgraph.store.base import content_digest
from pressgraph.store.prepare import materialise, ntriples_lines, prepare

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SAMPLES = [
    CORPUS / "releases",
    CORPUS / "complete",
    CORPUS / "bulk" / "edgar",
]


def _first_file(folder: Path) -> Path | None:
    files = sorted(p for p in folder.rglob("*") if p.suffix in {".txt", ".htm", ".html"}) if folder.is_dir() else []
    return files[0] if files else None


@pytest.mark.parametrize("folder", SAMPLES, ids=lambda p: p.name)
def test_same_triples_as_the_rdflib_copy(folder: Path) -> None:
    path = _first_file(folder)
    if path is None:
        pytest.skip(f"no corpus release under {folder}")
    for release in build_release_graphs(path):
        old = ntriples_lines(materialise(release.graph))
        new = prepare(release)
        assert sorted(new.ntriples.splitlines()) == sorted(old)
        assert new.record.triples == len(set(old))
        assert new.record.sha256 == content_digest(old)
