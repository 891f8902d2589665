"""``pressgraph remove RELEASE`` (issue 12 item 3): by id, IRI or file name; graph and catalog
entry go together; an unknown name is one line and exit 1. And the same text ingested under
two names is one release."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressgraph.cli import main
from pressgraph.store.embedded import EmbeddedStore
from tests.conftest import SEED, SEED_ID

ID = "https://w3id.org/pressgraph/id/"


def _graphs(store_dir: Path) -> list[tuple[str, str]]:
    store = EmbeddedStore(store_dir)
    try:
        return sorted((r.graph_iri, r.source) for r in store.releases())
    finally:
        store.close()


def _has_graph(store_dir: Path, iri: str) -> bool:
    store = EmbeddedStore(store_dir, read_only=True)
    try:
        return store.has_graph(iri)
    finally:
        store.close()


@pytest.mark.parametrize("how", ["id", "release-iri", "graph-iri", "file-name", "path"])
def test_remove_by_id_iri_or_file_name(
    fake_pipeline: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    store = tmp_path / "s"
    assert main(["ingest", str(fake_pipeline), "--store", str(store)]) == 0
    key = {
        "id": "zeta-2004-05-01",
        "release-iri": f"{ID}release/zeta-2004-05-01",
        "graph-iri": f"{ID}graph/zeta-2004-05-01",
        "file-name": "zeta-2004-05-01.txt",
        "path": "some/folder/zeta-2004-05-01.txt",
    }[how]
    capsys.readouterr()
    assert main(["remove", key, "--store", str(store)]) == 0
    assert capsys.readouterr().out == "removed zeta-2004-05-01  28 triples  zeta-2004-05-01.txt\n"
    assert _graphs(store) == [(f"{ID}graph/zeta-2004-02-01", "zeta-2004-02-01.txt")]
    assert not _has_graph(store, f"{ID}graph/zeta-2004-05-01")


@pytest.mark.parametrize("key", ["nope", "zeta", "", "x\n\x1b[31mred", "../catalog", "ontology"])
def test_unknown_release_is_one_line_and_exit_1(
    fake_pipeline: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    store = tmp_path / "s"
    assert main(["ingest", str(fake_pipeline), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["remove", key, "--store", str(store)]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        f"pressgraph: error: no release {key!r} in the store (pressgraph stats lists them)\n",
    )
    assert len(_graphs(store)) == 2


def test_remove_from_a_missing_store_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remove", "x", "--store", str(tmp_path / "none")]) == 1
    assert (
        capsys.readouterr().err == f"pressgraph: error: no store at {tmp_path / 'none'} (run pressgraph ingest first)\n"
    )
    assert not (tmp_path / "none").exists()


def test_same_text_under_two_names_is_one_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "aastrom-2003-11-10.txt")
    store = tmp_path / "s"
    assert main(["ingest", str(folder), "--store", str(store)]) == 0
    (single,) = EmbeddedStore(store, read_only=True).releases()
    shutil.copy(SEED, folder / "zz-copy.txt")
    capsys.readouterr()
    assert main(["ingest", str(folder), "--store", str(store)]) == 0
    out = capsys.readouterr().out.splitlines()[0]
    assert out.startswith("files: 2  releases: 2  written: 1  unchanged: 1  ")  # the copy replaces it
    assert _graphs(store) == [(f"{ID}graph/{SEED_ID}", "zz-copy.txt")]
    (after,) = EmbeddedStore(store, read_only=True).releases()
    assert after.triples == single.triples
    assert main(["remove", "aastrom-2003-11-10.txt", "--store", str(store)]) == 1  # the name it has now is the copy's
    capsys.readouterr()
    assert main(["remove", "zz-copy.txt", "--store", str(store)]) == 0
    assert capsys.readouterr().out == f"removed {SEED_ID}  {single.triples} triples  zz-copy.txt\n"
    assert _graphs(store) == []
