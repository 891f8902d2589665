"""The fast validation (Oxigraph, ``check_graph``/``check_ntriples``) says exactly what pySHACL
(``validate_graph``) says: on every shape fixture and on corpus releases, including the largest,
word for word (a sum rule's parts are listed in sorted order by both, whatever order the engine
grouped them in)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from pressgraph.errors import ValidationError
from pressgraph.pipeline import build_release_graphs
from pressgraph.store.prepare import prepare
from pressgraph.validate import ValidationReport, check_graph, check_ntriples, shapes_graph, validate_graph
from pressgraph.validate._core import core_checks
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures"
SH = Namespace("http://www.w3.org/ns/shacl#")
Key = tuple[str, str, str | None, str, str]


def _keys(report: ValidationReport) -> list[Key]:
    return sorted(
        (
            v.severity,
            v.focus_node,
            v.path,
            v.message,
            v.shape,
        )
        for v in report.violations
    )


def _fixture(name: str) -> Graph:
    graph = Graph().parse(FIXTURES / "base.ttl", format="turtle")
    return graph if name == "base.ttl" else graph.parse(FIXTURES / name, format="turtle")


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.ttl")))
def test_fast_validation_matches_pyshacl_on_fixture(name: str) -> None:
    graph = _fixture(name)
    slow, fast = validate_graph(graph), check_graph(graph)
    assert (fast.conforms, _keys(fast)) == (slow.conforms, _keys(slow))
    assert fast.conforms is not name.endswith(".invalid.ttl")


def test_fast_validation_of_the_grant_fixture_is_exact() -> None:
    report = check_graph(_fixture("GrantShape.invalid.ttl"))
    assert report.to_dict()["violations"] == [
        {
            "severity": "Violation",
            "focus_node": "https://w3id.org/pressgraph/id/release/aastrom-2003-11-10/event/grant-1",
            "path": "https://w3id.org/pressgraph/ontology#funder",
            "message": "a grant needs a pg:funder that is a pg:Organization",
            "shape": "https://w3id.org/pressgraph/shapes#GrantShape",
        }
    ]


# release file under ../shared/corpus -> violations per shape (the largest releases first: Sears
# 2004's EX-99, 10,672 triples, and forian, the largest of complete/ + bulk/; then big
# statements, and the median release of complete/ + bulk/ with 134 triples)
CORPUS: dict[str, dict[str, int]] = {
    "submissions/sears-2004-07-22-0000891092-04-003383.txt": {"EvidenceShape": 1, "TableFactShape": 3},
    "bulk/wire/forian-2024-11-13.md": {"TableFactShape": 4, "EarningsPerShareRule": 2},
    "bulk/edgar/buckle-2024-11-22.html": {"TableFactShape": 3, "ProseRule": 1},
    "complete/atrion-corporation-1997-08-06.htm": {"EarningsPerShareRule": 1},
    "complete/silexion-therapeutics-2024-11-14.md": {
        "ReleaseShape": 1,
        "TableFactShape": 20,
        "SumRule": 1,
        "EarningsPerShareRule": 3,
    },
    "bulk/wire/sigyn-therapeutics-2025-02-18.md": {},
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_fast_validation_matches_pyshacl_on_corpus_release(name: str) -> None:
    (release,) = build_release_graphs(shared_path("corpus", *name.split("/")))
    slow = validate_graph(release.graph)
    fast = check_ntriples(prepare(release).ntriples)  # what ingest validates: the stored triples
    assert _keys(fast) == _keys(slow)
    assert Counter(v.shape.rsplit("#", 1)[1] for v in fast.violations) == Counter(CORPUS[name])
    assert fast.conforms is (not CORPUS[name])


def test_a_constraint_the_fast_validator_does_not_know_is_refused() -> None:
    shapes = Graph()
    for triple in shapes_graph():
        shapes.add(triple)
    prop = next(shapes.objects(URIRef("https://w3id.org/pressgraph/shapes#EvidenceShape"), SH.property))
    shapes.add((prop, SH.maxLength, Literal(10)))
    with pytest.raises(ValidationError, match="maxLength is not supported"):
        core_checks(shapes)


def test_every_structural_check_is_one_select() -> None:
    checks = core_checks(shapes_graph())
    assert len(checks) == 143
    assert all(c.query.startswith("SELECT ?this") and c.message for c in checks)


def test_bad_ntriples_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="not N-Triples"):
        check_ntriples("<a> <b> .\n")


def test_a_sum_rules_parts_are_listed_in_one_order() -> None:
    from pressgraph.validate._report import Violation

    shape = "https://example.org/shapes#SumRule"
    messages = {
        Violation("Violation", "f", None, f"Total: all (9) ≠ sum of its parts (8): {p}", shape).message
        for p in ("b 5 + a 3 − d 1 − c 1", "a 3 + b 5 − c 1 − d 1", "b 5 + a 3 − c 1 − d 1")
    }
    assert messages == {"Total: all (9) ≠ sum of its parts (8): a 3 + b 5 − c 1 − d 1"}
