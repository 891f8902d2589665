"""The ontology parses, every term is documented, and the generated files match it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "pressgraph.ttl"
PG = Namespace("https://w3id.org/pressgraph/ontology#")
GAAP = Namespace("http://fasb.org/us-gaap/2024#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _pg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and s in PG}


def test_every_term_has_label_and_definition(onto: Graph) -> None:
    terms = _pg_terms(onto) | set(onto.subjects(RDF.type, PG.Concept))
    missing = [
        str(t)
        for t in terms
        if onto.value(t, RDFS.label) is None
        or (onto.value(t, SKOS.definition) is None and onto.value(t, RDFS.comment) is None)
    ]
    assert missing == []


def test_every_term_of_model_md_is_declared(onto: Graph) -> None:
    model = (ROOT / "docs" / "MODEL.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\bpg:([A-Za-z][A-Za-z0-9]*)", model)) - {"Investor"}  # a role, says MODEL.md
    declared = {str(t)[len(str(PG)) :] for t in _pg_terms(onto)}
    assert sorted(named - declared) == []


def test_term_counts_and_kinds(onto: Graph) -> None:
    classes = {t for t in _pg_terms(onto) if (t, RDF.type, OWL.Class) in onto}
    units = set(onto.subjects(RDF.type, PG.Unit))
    assert len(classes) == 28
    assert units == {PG.USD, PG.USDPerShare, PG.Shares, PG.Percent}
    assert len(set(onto.subjects(RDF.type, PG.Concept))) == 49


def test_subclass_links_of_model_md(onto: Graph) -> None:
    for child, parent in [
        (PG.Company, PG.Organization),
        (PG.RegulatoryAgency, PG.GovernmentAgency),
        (PG.GovernmentAgency, PG.Organization),
        (PG.TableFact, PG.FinancialFact),
        (PG.TextFact, PG.FinancialFact),
        (PG.Duration, PG.Period),
        (PG.Instant, PG.Period),
        (PG.Grant, PG.Event),
        (PG.Financing, PG.Event),
        (PG.Release, URIRef("https://schema.org/NewsArticle")),
        (PG.Event, URIRef("http://www.w3.org/ns/prov#Activity")),
        (PG.Duration, URIRef("http://www.w3.org/2006/time#Interval")),
    ]:
        assert (child, RDFS.subClassOf, parent) in onto
    assert (PG.evidence, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in onto
    assert (PG.issuer, RDFS.subPropertyOf, URIRef("https://schema.org/publisher")) in onto


def test_gaap_concepts_carry_labels(onto: Graph) -> None:
    assert str(onto.value(GAAP.NetIncomeLoss, RDFS.label)) == "Net Income (Loss)"
    assert (GAAP.LiabilitiesAndStockholdersEquity, RDF.type, PG.Concept) in onto


def test_vocab_module_is_up_to_date() -> None:
    generated = _script("gen_vocab").render(ONTOLOGY)
    current = (ROOT / "src" / "pressgraph" / "rdf" / "vocab.py").read_text(encoding="utf-8")
    assert current == generated, "run scripts/gen_vocab.py"


def test_namespaces_module_is_up_to_date() -> None:
    generated = _script("gen_vocab").render_namespaces(ONTOLOGY)
    current = (ROOT / "src" / "pressgraph" / "namespaces.py").read_text(encoding="utf-8")
    assert current == generated, "run scripts/gen_vocab.py"
    from pressgraph.namespaces import PG_NS, PREFIXES

    assert PG_NS == "https://w3id.org/pressgraph/ontology#" == str(PG)
    assert PREFIXES["us-gaap"] == str(GAAP) and PREFIXES["wd"] == "http://www.wikidata.org/entity/"


def test_vocab_is_closed() -> None:
    from pressgraph.rdf.vocab import GAAP as gaap
    from pressgraph.rdf.vocab import PG as pg

    assert pg.TableFact == PG.TableFact
    assert gaap.Revenues == GAAP.Revenues
    with pytest.raises(AttributeError):
        pg.TabelFact  # noqa: B018 (the point is that the typo fails)


def test_ontology_doc_is_up_to_date() -> None:
    block, text = _script("ontology_diagram").render(ONTOLOGY)
    current = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert current == text, "run scripts/ontology_diagram.py"
    assert block in current
    assert "  Organization <|-- Company" in block
    assert "  Release --> Organization : issuer" in block
