"""Every shape has a valid fixture that conforms and an invalid one that fails with the message
a reader needs (labels and both amounts for the financial rules). Fixtures are loaded on top of
``fixtures/base.ttl`` (the seed release, its issuer, one evidence span and the periods)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Graph, Namespace

from pressgraph.errors import ValidationError
from pressgraph.validate import ValidationReport, shapes_graph, validate_graph

FIXTURES = Path(__file__).parent / "fixtures"
PGSH = Namespace("https://w3id.org/pressgraph/shapes#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# shape -> (focus node suffix, substrings the violation message must contain)
EXPECTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "ReleaseShape": ("release/other-2003-11-11", ("pg:sha256", "64 lowercase hex")),
    "LabelShape": ("org/fda", ("needs an rdfs:label",)),
    "CompanyShape": ("org/fusion-capital-fund-ii", ("upper-case pg:ticker",)),
    "PersonShape": ("person/kris-m-maly", ("pg:affiliation is a pg:Organization",)),
    "ProductShape": ("tissue-repair-cells", ("pg:productKind is one of",)),
    "TypedOnceShape": (
        "org/fda",
        ("U.S. Food and Drug Administration", "ontology#Product", "ontology#RegulatoryAgency"),
    ),
    "EvidenceShape": ("evidence/1200-1188", ("pg:startOffset not after its pg:endOffset",)),
    "EventShape": ("event/regulatory-1", ("pg:statedIn release",)),
    "RegulatoryActionShape": ("event/regulatory-1", ("pg:regulator",)),
    "GrantShape": ("event/grant-1", ("pg:funder",)),
    "ClinicalTrialShape": ("event/trial-1", ("pg:sponsor",)),
    "PartnershipShape": ("event/partnership-1", ("pg:partner",)),
    "FinancingShape": ("event/financing-1", ("pg:financingKind",)),
    "FinancialFactShape": ("fact/t1-r9-c2", ("exactly one xsd:decimal pg:value",)),
    "TableFactShape": ("fact/t1-r1-c2", ("pg:rowIndex",)),
    "TextFactShape": ("fact/x1", ("rounds at most one pg:TableFact",)),
    "ConceptShape": ("concept/NonCashWarrantCharge", ("needs an rdfs:label",)),
    "PeriodShape": ("period/2003-09-30", ("either a pg:Duration or a pg:Instant",)),
    "DurationShape": ("period/2003-09-30--2003-07-01", ("not after its pg:endDate",)),
    "InstantShape": ("period/2003-09-30", ("xsd:date pg:date",)),
    "SumRule": (
        "fact/t1-r3-c2",
        ("Total revenues (300000)", "(282000)", "Product sales and rentals 25000", "Grants and other 257000"),
    ),
    "BalanceRule": (
        "fact/t2-r4-c1",
        ("Total assets (12155000)", "Total liabilities and shareholders' equity (12515000)"),
    ),
    "NetResultRule": (
        "fact/t1-r10-c1",
        (
            "NET LOSS (-2542000)",
            "Total revenues 93000",
            "Total costs and expenses 2586000",
            "other lines 41000",
            "= -2452000",
        ),
    ),
    "EarningsPerShareRule": (
        "fact/t1-r11-c1",
        (
            "NET LOSS PER COMMON SHARE (Basic and Diluted) (-0.07)",
            "NET LOSS -2452000",
            "Weighted average number of common shares outstanding 44886000",
            "= -0.0546",
        ),
    ),
    "ProseRule": (
        "fact/x1",
        ("net loss in the text (-2500000)", "NET LOSS in the table (-2838000)", "precision 100000"),
    ),
}


def _load(name: str) -> Graph:
    graph = Graph().parse(FIXTURES / "base.ttl", format="turtle")
    return graph.parse(FIXTURES / name, format="turtle")


def test_every_named_shape_has_fixtures_and_expectations() -> None:
    named = {
        str(s).rsplit("#", 1)[1] for s in shapes_graph().subjects(None, SH.NodeShape) if str(s).startswith(str(PGSH))
    }
    assert named == set(EXPECTED)
    for shape in named:
        assert (FIXTURES / f"{shape}.valid.ttl").is_file()
        assert (FIXTURES / f"{shape}.invalid.ttl").is_file()


def test_base_fixture_conforms() -> None:
    report = validate_graph(Graph().parse(FIXTURES / "base.ttl"))
    assert report.conforms, report.text
    assert report.violations == []


@pytest.mark.parametrize("shape", sorted(EXPECTED))
def test_valid_fixture_conforms(shape: str) -> None:
    report = validate_graph(_load(f"{shape}.valid.ttl"))
    assert report.conforms, [v.message for v in report.violations]


@pytest.mark.parametrize("shape", sorted(EXPECTED))
def test_invalid_fixture_fails_with_named_message(shape: str) -> None:
    focus_suffix, fragments = EXPECTED[shape]
    report = validate_graph(_load(f"{shape}.invalid.ttl"))
    assert report.conforms is False
    mine = [v for v in report.violations if v.shape == str(PGSH[shape])]
    assert mine, [(v.shape, v.message) for v in report.violations]
    assert all(v.severity == "Violation" for v in mine)
    assert any(v.focus_node.endswith(focus_suffix) for v in mine)
    message = " | ".join(v.message for v in mine)
    for fragment in fragments:
        assert fragment in message


def test_sum_rule_reports_only_the_broken_total() -> None:
    """The invalid fixture also holds the correct 2002 total (7,000 + 86,000 = 93,000)."""
    report = validate_graph(_load("SumRule.invalid.ttl"))
    sums = [v for v in report.violations if v.shape == str(PGSH.SumRule)]
    assert [v.focus_node.rsplit("/", 1)[1] for v in sums] == ["t1-r3-c2"]


def test_sum_rule_tolerance_is_precision_times_n_plus_one_over_two() -> None:
    """300,000 vs 25,000 + 274,000 = 299,000: off by 1,000 ≤ 1,000 × 3 / 2, so it conforms."""
    text = (FIXTURES / "SumRule.invalid.ttl").read_text().replace('"257000"', '"274000"')
    graph = Graph().parse(FIXTURES / "base.ttl").parse(data=text, format="turtle")
    assert validate_graph(graph).conforms


def test_subtrahend_shown_with_minus_sign() -> None:
    text = (
        (FIXTURES / "SumRule.valid.ttl")
        .read_text()
        .replace(
            "pg:addend r:fact\\/t1-r1-c1, r:fact\\/t1-r2-c1",
            "pg:addend r:fact\\/t1-r2-c1 ; pg:subtrahend r:fact\\/t1-r1-c1",
        )
    )
    graph = Graph().parse(FIXTURES / "base.ttl").parse(data=text, format="turtle")
    messages = [v.message for v in validate_graph(graph).violations]
    assert messages == [
        "Total revenues (93000) ≠ sum of its parts (79000): Grants and other 86000 − Product sales and rentals 7000"
    ]


def test_eps_prefers_diluted_shares_for_diluted_eps() -> None:
    text = (FIXTURES / "EarningsPerShareRule.valid.ttl").read_text()
    text = text.replace("EarningsPerShareBasicAndDiluted", "EarningsPerShareDiluted")
    # add a diluted share count that makes -0.05 wrong: -2,452,000 / 24,520,000 = -0.1
    text += (
        "r:fact\\/t1-r13-c1 a pg:TableFact ; "
        "pg:concept us-gaap:WeightedAverageNumberOfDilutedSharesOutstanding ; "
        'pg:value "24520000"^^xsd:decimal ; pg:printedLabel "Diluted shares" ; pg:rowIndex 13 ; '
        'pg:unit pg:Shares ; pg:precision "1000"^^xsd:decimal ; '
        "pg:period id:period\\/2002-07-01--2002-09-30 ; "
        "pg:statedIn id:release\\/aastrom-2003-11-10 ; pg:evidence r:evidence\\/1020-1187 ; "
        "pg:tableIndex 1 ; pg:columnIndex 1 .\n"
    )
    graph = Graph().parse(FIXTURES / "base.ttl").parse(data=text, format="turtle")
    messages = [v.message for v in validate_graph(graph).violations]
    assert len(messages) == 1
    assert "Diluted shares 24520000 = -0.1" in messages[0]


def test_net_result_skipped_when_an_income_tax_line_sits_between() -> None:
    text = (FIXTURES / "NetResultRule.invalid.ttl").read_text() + (
        "r:fact\\/t1-r95-c1 a pg:TableFact ; pg:concept us-gaap:IncomeTaxExpenseBenefit ; "
        'pg:value "0"^^xsd:decimal ; pg:printedLabel "Income taxes" ; pg:rowIndex 9 ; '
        'pg:unit pg:USD ; pg:precision "1000"^^xsd:decimal ; '
        "pg:period id:period\\/2002-07-01--2002-09-30 ; "
        "pg:statedIn id:release\\/aastrom-2003-11-10 ; pg:evidence r:evidence\\/1020-1187 ; "
        "pg:tableIndex 1 ; pg:columnIndex 1 .\n"
    )
    graph = Graph().parse(FIXTURES / "base.ttl").parse(data=text, format="turtle")
    assert validate_graph(graph).conforms


def test_report_to_dict_is_json_ready() -> None:
    report = validate_graph(_load("GrantShape.invalid.ttl"))
    assert report.to_dict()["violations"] == [
        {
            "severity": "Violation",
            "focus_node": "https://w3id.org/pressgraph/id/release/aastrom-2003-11-10/event/grant-1",
            "path": "https://w3id.org/pressgraph/ontology#funder",
            "message": "a grant needs a pg:funder that is a pg:Organization",
            "shape": "https://w3id.org/pressgraph/shapes#GrantShape",
        }
    ]
    assert report.to_dict()["conforms"] is False
    assert isinstance(report, ValidationReport)


def test_without_ontology_subclass_targets_are_not_reached() -> None:
    """A pg:TableFact is a pg:FinancialFact only through the ontology's subClassOf."""
    report = validate_graph(_load("FinancialFactShape.invalid.ttl"), ontology=False)
    assert not any(v.shape.endswith("FinancialFactShape") for v in report.violations)


def test_broken_shape_becomes_validation_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import pressgraph.validate as validate

    bad = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?a { 1 } }" ] .
        """,
        format="turtle",
    )
    monkeypatch.setattr(validate, "shapes_graph", lambda: bad)
    with pytest.raises(ValidationError) as info:
        validate.validate_graph(Graph())
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("SHACL validation failed: ")


def test_seed_sized_graph_conforms_with_a_warm_cache() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from seedgraph import seed_graph

    graph = seed_graph(3)
    assert len(graph) == 1527
    validate_graph(graph)  # warm the compiled-query cache; speed is measured in benchmarks/, not here
    report = validate_graph(graph)
    assert report.conforms, [v.message for v in report.violations]
