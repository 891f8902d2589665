"""RDF mapping of the seed's narrative records: classes, participants, shortcuts, evidence."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from pressgraph.extractors.narrative import extract_narrative
from pressgraph.model import Evidence
from pressgraph.rdf.iris import evidence_iri, org_iri, product_iri, release_iri
from pressgraph.rdf.narrative import add_narrative
from pressgraph.rdf.vocab import PG
from pressgraph.read import read_path

sys.path.insert(0, str(Path(__file__).parent))
from _doc import make_metadata  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "examples" / "aastrom-2003-11-10.txt"
RID = "aastrom-2003-11-10"


def build() -> Graph:
    doc = read_path(SEED)[0]
    md = make_metadata(
        "Aastrom Biosciences, Inc.",
        ("Aastrom",),
        "ASTM",
        (("Becky Anderson", doc.text.index("Becky")),),
        date(2003, 11, 10),
        doc.text,
    )
    entities, events, _w = extract_narrative(doc, md)
    graph = Graph()

    def add_evidence(ev: Evidence) -> URIRef:
        node = evidence_iri(RID, ev.start, ev.end)
        graph.add((node, PG.quote, Literal(ev.quote)))
        return node

    add_narrative(
        graph,
        release_id=RID,
        issuer_iri=org_iri("Aastrom Biosciences, Inc."),
        entities=entities,
        events=events,
        add_evidence=add_evidence,
    )
    return graph


def test_agencies_products_and_shortcuts():
    g = build()
    issuer, fda, trc = (
        org_iri("Aastrom Biosciences"),
        org_iri("fda"),
        product_iri("Aastrom Biosciences, Inc.", "Tissue Repair Cells"),
    )
    assert (fda, RDF.type, PG.RegulatoryAgency) in g
    assert (fda, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q204711")) in g
    assert (org_iri("nih"), RDF.type, PG.GovernmentAgency) in g
    assert set(g.objects(None, OWL.sameAs)) == {
        URIRef("http://www.wikidata.org/entity/" + q) for q in ("Q204711", "Q953944", "Q390551")
    }
    assert (trc, RDFS.label, Literal("Tissue Repair Cells")) in g
    assert (issuer, PG.hasProduct, trc) in g
    assert (product_iri("Aastrom Biosciences", "bone graft product"), PG.regulatedBy, fda) in g
    assert (issuer, PG.fundedBy, org_iri("nih")) in g
    assert set(g.objects(issuer, PG.hasPartner)) == {
        org_iri(n)
        for n in (
            "nih",
            "Fusion Capital",
            "Musculoskeletal Transplant Foundation",
            "Mathys Medical",
            "Bergmannsheil University",
        )
    }
    assert len(set(g.subjects(RDF.type, PG.Financing))) == 4
    assert len(set(g.objects(trc, PG.testedIn))) == 2


def test_every_event_has_evidence_and_release():
    g = build()
    events = {
        s
        for cls in (PG.RegulatoryAction, PG.Grant, PG.ClinicalTrial, PG.Partnership, PG.Financing)
        for s in g.subjects(RDF.type, cls)
    }
    assert len(events) == 5 + 3 + 2 + 5 + 4
    for e in events:
        assert (e, PG.statedIn, release_iri(RID)) in g
        assert str(g.value(e, PG.evidence)).startswith(f"{release_iri(RID)}/evidence/")
        assert len(str(g.value(g.value(e, PG.evidence), PG.quote))) > 10
