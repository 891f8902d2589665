"""Narrative extraction: entities and events from a release's prose (issue 3).

One module per fact family; this module runs them in dependency order (entities first, so that
events can point at products and organizations) and resolves names through one registry.
"""

from __future__ import annotations

from pressgraph.extractors import entities, people
from pressgraph.extractors._sentences import sentences
from pressgraph.extractors.families import families
from pressgraph.model import Document, Entity, Event, ReleaseMetadata
from pressgraph.resolve import Registry


def extract_narrative(
    document: Document, metadata: ReleaseMetadata
) -> tuple[tuple[Entity, ...], tuple[Event, ...], tuple[str, ...]]:
    """Entities, events and warnings (what was seen but deliberately not extracted)."""
    sents = sentences(document)
    reg = Registry()
    issuer_key = entities.add_issuer(reg, metadata)
    if metadata.dateline_city:
        reg.add("place", metadata.dateline_city, metadata.evidence.get("dateline_city"))
    for s in sents:  # agencies named anywhere, the safe-harbor passage included ("filings with the SEC")
        for agency_id, a, b in entities.agencies_in(s.text):
            if entities.contextual_agency(agency_id):
                continue
            entities.add_agency(reg, agency_id, s.text[a:b], s.evidence(document, "pattern:agency", a, b))
    entities.find_organizations(reg, document, sents)
    entities.find_products(reg, document, metadata, sents)
    warnings: list[str] = list(people.extract(document, metadata, sents, reg, issuer_key))
    events: list[Event] = []
    for fam in families():
        if fam.extractor is None:
            continue
        found, notes = fam.extractor(document, metadata, sents, reg)
        events.extend(found)
        warnings.extend(notes)
    events.extend(_funders_as_partners(events))
    return reg.entities(), tuple(events), tuple(warnings)


def _funders_as_partners(events: list[Event]) -> list[Event]:
    """A grant's funder is also a partner of the issuer (role "other"), as the gold files record."""
    have = {(e.roles["partner"][0], e.values.get("role")) for e in events if e.kind == "partnership"}
    out: list[Event] = []
    n = sum(1 for e in events if e.kind == "partnership")
    for e in events:
        if e.kind == "grant" and (e.roles["funder"][0], "other") not in have:
            have.add((e.roles["funder"][0], "other"))
            n += 1
            out.append(
                Event(f"partnership-{n}", "partnership", {"partner": e.roles["funder"]}, {"role": "other"}, e.evidence)
            )
    return out
