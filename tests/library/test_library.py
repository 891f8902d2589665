"""The Python API: ``from pressgraph import extract, Store``, pinned names and the README snippet."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pressgraph
from pressgraph import Extracted, QueryError, ReadError, Store, extract
from pressgraph.pipeline import build_release_graphs
from tests.conftest import GOLD, ROOT, SEED

SRC = ROOT / "src"


def test_exported_names_are_pinned() -> None:
    assert pressgraph.__all__ == [
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
    for name in pressgraph.__all__:
        assert getattr(pressgraph, name) is not None
    assert callable(pressgraph.extract)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        pressgraph.nope  # noqa: B018


def test_extract_stays_the_function_after_the_extractors_are_imported() -> None:
    """Importing the extractors' package (``pressgraph.extractors``) leaves ``pressgraph.extract``
    the library function (a package called ``extract`` would have replaced it)."""
    code = (
        "import pressgraph.extractors.tables, pressgraph\n"
        "from pressgraph import extract\n"
        "doc = extract('examples/aastrom-2003-11-10.txt')\n"
        "print(type(doc).__name__, doc.metadata.issuer_name, pressgraph.extract(doc.source).releases[0].id)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=True,
    )
    assert out.stdout == "Extracted Aastrom Biosciences, Inc. c0669b98d8e1d350\n"


def test_import_stays_light() -> None:
    """``import pressgraph`` loads neither rdflib nor the extractors (they come with extract)."""
    code = (
        "import sys, pressgraph; print(sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('rdflib', 'pyoxigraph') or m == 'pressgraph.library'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=True,
    )
    assert out.stdout == "[]\n"


def test_extract_is_the_cli_pipeline() -> None:
    doc = extract(SEED)
    gold = json.loads((GOLD / "aastrom-2003-11-10.gold.json").read_text())
    (expected,) = build_release_graphs(SEED)
    assert isinstance(doc, Extracted)
    assert [r.id for r in doc] == ["c0669b98d8e1d350"]
    assert doc.metadata.issuer_name == gold["issuer"]["name"]
    assert set(doc.graph()) == set(expected.graph)
    assert doc.releases[0].release_graph().graph_iri == "https://w3id.org/pressgraph/id/graph/c0669b98d8e1d350"
    assert doc.warnings == expected.warnings
    net_loss = sorted(f.value for f in doc.facts if f.concept == "NetIncomeLoss" and f.source == "table")
    assert net_loss == sorted(
        f["value"] for f in gold["financial_facts"] if f["concept"] == "NetIncomeLoss" and f["source"] == "table"
    )
    trials = sorted(e.kind for e in doc.events if e.kind == "clinical-trial")
    assert trials == ["clinical-trial"] * len(gold["trials"])


def test_extract_bad_file_is_a_read_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(ReadError, match=r"^empty.txt: the file is empty$"):
        extract(empty)


def test_store_ingest_and_query(tmp_path: Path) -> None:
    gold = json.loads((GOLD / "aastrom-2003-11-10.gold.json").read_text())
    with Store(tmp_path / "store") as store:
        summary = store.ingest(SEED)
        assert (summary.files, summary.releases, summary.written, summary.skipped) == (1, 1, 1, [])
        assert store.ingest(SEED).unchanged == 1  # idempotent, as the CLI
        result = store.query("trials", company="ASTM")
        col = result.variables.index
        shown = sorted((r[col("phase")] or "", r[col("indication")]) for r in result.rows)
        assert shown == sorted((t["phase"] or "", t["indication"]) for t in gold["trials"])
        count = store.query(
            "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a <https://w3id.org/pressgraph/ontology#ClinicalTrial> }"
        )
        assert count.rows == ((len(gold["trials"]),),)
        assert [r.release_iri for r in store.releases()] == ["https://w3id.org/pressgraph/id/release/c0669b98d8e1d350"]
        with pytest.raises(QueryError, match="parameters work with named queries, not SPARQL text"):
            store.query("SELECT * WHERE { ?s ?p ?o }", company="ASTM")
        with pytest.raises(QueryError, match=r"^company='Nope Corp': no organisation"):
            store.query("trials", company="Nope Corp")


def _readme_snippet() -> str:
    text = (ROOT / "README.md").read_text()
    match = re.search(r"<!-- library-api:start -->\n```python\n(.*?)```\n<!-- library-api:end -->", text, re.S)
    assert match, "README has no library-api snippet"
    return match.group(1)


def test_readme_snippet_runs(tmp_path: Path) -> None:
    """The README's Python API snippet, run as written in a folder holding ``examples/``."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    script = tmp_path / "snippet.py"
    script.write_text(_readme_snippet())
    out = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=120,
    )
    assert out.stderr == ""
    assert out.stdout == (
        "Aastrom Biosciences, Inc. 2003-11-10 2 trials\nPhase 1/2 tibial non-union fractures\nNone bone graft\n"
    )
    assert (tmp_path / "my-store").is_dir()
