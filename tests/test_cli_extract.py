"""``pressgraph extract`` / ``validate`` as a user runs them: output, exit codes, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from tests.conftest import SEED, SEED_ID

PG = "https://w3id.org/pressgraph/ontology#"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressgraph", *args], capture_output=True, text=True, timeout=300)


def test_extract_prints_turtle_with_the_facts() -> None:
    result = run("extract", str(SEED))
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format="turtle")
    release = URIRef("https://w3id.org/pressgraph/id/release/" + SEED_ID)
    assert (release, URIRef(PG + "issuer"), URIRef("https://w3id.org/pressgraph/id/org/aastrom-biosciences")) in graph
    fact = URIRef(str(release) + "/fact/t1-r16-c1")
    assert graph.value(fact, URIRef(PG + "value")).toPython() == Decimal("-2838000")
    assert (fact, URIRef(PG + "concept"), URIRef("http://fasb.org/us-gaap/2024#NetIncomeLoss")) in graph


@pytest.mark.parametrize("fmt,parser", [("nquads", "nquads"), ("trig", "trig"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_extract_formats(fmt: str, parser: str) -> None:
    result = run("extract", str(SEED), "--format", fmt)
    assert result.returncode == 0, result.stderr
    from rdflib import Dataset

    data = Dataset() if parser in ("nquads", "trig") else Graph()
    data.parse(data=result.stdout, format=parser)
    assert len(data) > 1000 if parser not in ("nquads", "trig") else len(list(data.quads())) > 1000


def test_validate_conforms_exit_zero() -> None:
    result = run("validate", str(SEED))
    assert result.returncode == 0
    assert result.stdout.startswith("aastrom-2003-11-10.txt: conforms")


def test_validate_violation_exit_one(tmp_path: Path) -> None:
    bad = tmp_path / "release.txt"
    bad.write_text(SEED.read_text().replace("$       (.05)      $       (.04)", "$       (.05)      $       (.09)"))
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "violation" in result.stdout


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "the file is empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"<html><body><script>var x;</script></body></html>", "HTML has no text"),
        (b"caf\x81\x8d\x8f text of a release", "unknown text encoding"),
    ],
    ids=["empty", "binary", "html-without-text", "unknown-encoding"],
)
def test_bad_input_one_line_nonzero(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / ("bad.htm" if b"<html" in content else "bad.txt")
    path.write_bytes(content)
    result = run("extract", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr


def test_malformed_table_number_is_skipped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_text(SEED.read_text().replace("1,385,000          1,356,000", "1,3x5,000          1,356,000"))
    result = run("extract", str(path), "--format", "nt")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file() -> None:
    result = run("extract", "/nonexistent/release.txt")
    assert result.returncode == 1
    assert result.stderr.strip() == "pressgraph: error: /nonexistent/release.txt: no such file"


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nquads"])
def test_every_format_writes_exactly_the_release_graph(fmt: str) -> None:
    """The Oxigraph writer behind ``extract`` loses nothing and adds nothing: the output parses
    back to a graph isomorphic to the pipeline's own, and is the same from run to run."""
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    from pressgraph.pipeline import build_release_graphs
    from pressgraph.rdf.writer import write_graphs

    (release,) = build_release_graphs(SEED)
    data = write_graphs([(release.graph_iri, release.graph)], fmt)
    assert data == write_graphs([(release.graph_iri, release.graph)], fmt)
    if fmt in ("trig", "nquads"):
        dataset = Dataset()
        dataset.parse(data=data, format=fmt)
        (name,) = {str(g) for _s, _p, _o, g in dataset.quads()}
        assert name == release.graph_iri
        parsed = Graph()
        for s, p, o, _g in dataset.quads():
            parsed.add((s, p, o))
    else:
        parsed = Graph().parse(data=data, format=fmt)
    assert len(parsed) == len(release.graph) and isomorphic(parsed, release.graph)
    if fmt == "turtle":
        declared = [line.split()[1] for line in data.decode().splitlines() if line.startswith("@prefix")]
        assert sorted(declared) == ["org:", "owl:", "pg:", "rdf:", "rdfs:", "schema:", "skos:", "us-gaap:", "xsd:"]
