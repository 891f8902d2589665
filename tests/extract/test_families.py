"""Event families are declared once: a family added through the registry alone shows in the RDF,
on the entity page and in ``evaluate``, and the built-in families are all declared there."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from pressgraph.api._entities import describe, event_classes
from pressgraph.evaluate import evaluate_file
from pressgraph.extractors.entities import ORG_PHRASE, org_kind
from pressgraph.extractors.families import EventFamily, Shortcut, families, register, unregister
from pressgraph.ingest import ingest
from pressgraph.model import Event
from pressgraph.pipeline import build_release_graphs
from pressgraph.rdf.iris import org_iri
from pressgraph.store.embedded import EmbeddedStore
from tests.conftest import ROOT

PG = "https://w3id.org/pressgraph/ontology#"
RELEASE = """\
BOSTON, March 3, 2025 -- Acme Genomics, Inc. (NASDAQ: ACGX) today announced that it has won the
Golden Helix Award from the Society for Applied Genomics for its sequencing platform.
"""
_AWARD = re.compile(rf"\bwon the (?P<award>(?:[A-Z]\w+ )+Award) from (?:the )?(?P<org>{ORG_PHRASE})")


def _awards(document, metadata, sents, reg):  # type: ignore[no-untyped-def]
    """A toy extractor: "won the X Award from ORG"."""
    del metadata
    events = []
    for s in sents:
        for m in _AWARD.finditer(s.text):
            ev = s.evidence(document, "pattern:award", m.start("org"), m.end("org"))
            key = reg.add(org_kind(m.group("org")), m.group("org"), ev)
            values = {"award": m.group("award")}
            events.append(Event(f"award-{len(events) + 1}", "award", {"awarder": (key,)}, values, ev))
    return events, []


@pytest.fixture()
def award_family():  # type: ignore[no-untyped-def]
    family = register(
        EventFamily(
            kind="award",
            label="Award",
            ontology_class="Award",
            roles={"awarder": "awardedBy"},
            values={"award": "awardName"},
            shortcuts=(Shortcut("issuer", "wonAwardFrom", "awarder"),),
            extractor=_awards,
            gold_key="awards",
            category="awards",
            same=lambda gold, event, judge: bool(
                judge.expand(gold["from"], "organization") & judge.role_names(event, "awarder")
            ),
            show_gold=lambda gold: gold["from"],
            show=lambda event, judge: judge.show(event.roles["awarder"][0]),
        )
    )
    yield family
    unregister("award")


def _release(tmp_path: Path) -> Path:
    path = tmp_path / "acme-2025-03-03.txt"
    path.write_text(RELEASE, encoding="utf-8")
    return path


def test_a_family_added_through_the_registry_reaches_the_rdf(award_family, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (release,) = build_release_graphs(_release(tmp_path))
    awarder = org_iri("Society for Applied Genomics")
    events = set(release.graph.subjects(RDF.type, URIRef(PG + "Award")))
    assert len(events) == 1
    (event,) = events
    assert (event, URIRef(PG + "awardedBy"), awarder) in release.graph
    assert str(release.graph.value(event, URIRef(PG + "awardName"))) == "Golden Helix Award"
    issuer = next(release.graph.objects(None, URIRef(PG + "issuer")))
    assert (issuer, URIRef(PG + "wonAwardFrom"), awarder) in release.graph


def test_and_the_entity_page(award_family, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = EmbeddedStore(None)
    ingest(store, [str(_release(tmp_path))], workers=1, progress=False)
    assert "Award" in event_classes()
    page = describe(store, str(org_iri("Society for Applied Genomics")))
    assert [(e["class"], e["roles"]) for e in page["events"]] == [("pg:Award", ["pg:awardedBy"])]


def test_and_evaluate(award_family, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _release(tmp_path)
    gold = tmp_path / "acme-2025-03-03.gold.json"
    gold.write_text(json.dumps({"file": "acme-2025-03-03.txt", "awards": [{"from": "Society for Applied Genomics"}]}))
    scores = evaluate_file(gold, [tmp_path])
    assert (scores["awards"].tp, scores["awards"].fp, scores["awards"].fn) == (1, 0, 0)


def test_builtin_families_are_declared_in_the_ontology() -> None:
    onto = (ROOT / "ontology" / "pressgraph.ttl").read_text(encoding="utf-8")
    kinds = [f.kind for f in families()]
    assert kinds == ["regulatory-action", "grant", "clinical-trial", "partnership", "financing", "acquisition"]
    for fam in families():
        for term in (fam.ontology_class, *fam.roles.values(), *fam.values.values(), *fam.decimals.values()):
            assert f"pg:{term} a owl:" in onto, (fam.kind, term)
        for cut in fam.shortcuts:
            assert f"pg:{cut.prop} a owl:" in onto, (fam.kind, cut.prop)
