"""Partners of the issuer and their roles, from role cues around organisation names.

An organisation name is found by its shape (:mod:`._orgs`); its role by a cue right before it
("exclusive license from X" → licensor, "collaboration with X" → collaborator, "led by X" →
investor, "X will serve as placement agent" → financing) or right after it, from
``lexicons/partner_roles.tsv``. A list ("A, B and C supported the studies") shares one cue. A
firm named in a contact block (investor or media relations) is a partner with role "other". The
issuer itself is never its own partner, and an organisation without a cue is not a partner.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pressgraph.extractors._orgs import PART_OF, OrgMention, org_mentions
from pressgraph.extractors._sentences import Sentence, is_boilerplate
from pressgraph.extractors.deal_terms import deal_status, terms_in
from pressgraph.extractors.entities import add_agency, agencies_in
from pressgraph.extractors.families import EventFamily, Judge, Shortcut, register
from pressgraph.model import BlockKind, Document, Event, Evidence, ReleaseMetadata
from pressgraph.resolve import Registry
from pressgraph.resources import lexicon_rows

_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?$")
_CONTACT = re.compile(
    r"""^(?:\W*\s*)?                                                   # bullets or dashes before the label
       (?:(?:media|investor|investors|press|company|corporate)\s*      # "Media", "Investor"
          (?:and\s+\w+\s+)?(?:relations\s*)?                           # "... and Investor Relations"
          (?:contacts?|inquiries|relations)                            # "... Contact", "... Inquiries"
        | contacts?(?:\s+details)?                                     # "Contact Details"
        | for\s+(?:further|more)\s+information                         # "For further information"
       )\b
    """,
    re.I | re.VERBOSE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """``(side, regex, role)`` rows; "before" regexes are anchored at the name's start."""
    out = []
    for side, pattern, role in lexicon_rows("partner_roles.tsv"):
        out.append((side, re.compile(pattern, re.I), role))
    return tuple(out)


def _groups(text: str, mentions: list[OrgMention]) -> list[list[OrgMention]]:
    """Consecutive names joined only by commas and "and": one list."""
    groups: list[list[OrgMention]] = []
    for m in mentions:
        if groups and _LIST_GAP.match(text[groups[-1][-1].end : m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


_APPOSITION = re.compile(
    r"""^,?\s*an?\s+(?:wholly[- ]owned\s+)?                      # ", a wholly-owned"
       (?:subsidiary|division|unit|affiliate)\s+of\s+[^;]*?    # "subsidiary of Acme Holdings"
       (?:\([^)]*\))?                                          # "(NYSE: ACME)"
       (?=,\s+(?:serv|act|will|is|was)                         # "..., will serve as", "..., is"
         |\s+(?:acting|serving)\b)                             # "... acting as"
    """,
    re.I | re.VERBOSE,
)


_PARENT = re.compile(r"\b(?:subsidiary|division|unit|affiliate)\s+of\s+(?:the\s+)?$", re.I)


def _role(text: str, group: list[OrgMention]) -> tuple[str, int, int] | None:
    """The group's role and the span of its cue: ``(role, cue start, cue end)``."""
    b0 = max(0, group[0].start - 200)
    before = text[b0 : group[0].start]
    after = text[group[-1].end : group[-1].end + 240]
    trimmed = _APPOSITION.sub("", after, count=1)  # "X, a subsidiary of Y, served as ..."
    shift = len(after) - len(trimmed)
    after = trimmed[:160]
    for side, regex, role in _cues():
        if side == "before" and (hit := regex.search(before)):
            return role, b0 + hit.start(), group[0].start
        if side == "after" and (hit := regex.match(after)):
            end = group[-1].end + shift + hit.end()
            clause = re.match(r"[^.;,]{0,80}", text[end:])  # the cue's object: "the provider of ..."
            return role, group[-1].end, end + (clause.end() if clause else 0)
    return None


def _candidates(s: Sentence) -> list[OrgMention]:
    """Organisation names and (non-regulatory) agencies of the sentence, in order."""
    mentions = org_mentions(s.text)
    agencies = [OrgMention(a, b, s.text[a:b], "agency:" + aid) for aid, a, b in agencies_in(s.text)]
    kept = [m for m in mentions if not any(a.start <= m.start < a.end or m.start <= a.start < m.end for a in agencies)]
    return sorted(kept + agencies, key=lambda m: m.start)


def _key(document: Document, s: Sentence, reg: Registry, m: OrgMention) -> str:
    ev = s.evidence(document, "pattern:partner", m.start, m.end)
    if m.kind.startswith("agency:"):
        return add_agency(reg, m.kind.split(":", 1)[1], m.name, ev)
    return reg.add(m.kind, m.name, ev)


def partner_mentions(document: Document, s: Sentence, reg: Registry) -> list[tuple[str, str, Evidence]]:
    """``(entity key, role, evidence)`` for every organisation the sentence gives a role."""
    out: list[tuple[str, str, Evidence]] = []
    candidates = _candidates(s)
    for group in _groups(s.text, candidates):
        if _PARENT.search(s.text[max(0, group[0].start - 40) : group[0].start]):
            continue  # "X, a wholly owned subsidiary of Y, served as ...": Y is named, X acts
        found = _role(s.text, group)
        if found is None:
            continue
        role, cue_start, cue_end = found
        for m in group:
            key = _key(document, s, reg, m)
            if key == "issuer" or _is_regulator(reg, key):
                continue
            method = f"pattern:partner-{role.replace(' ', '-')}"
            out.append((key, role, s.evidence(document, method, min(cue_start, m.start), max(cue_end, m.end))))
    return out


def _is_regulator(reg: Registry, key: str) -> bool:
    draft = reg.get(key)
    return draft is not None and draft.kind == "agency" and draft.attributes.get("agencyKind") == "regulatory"


def contact_firms(document: Document, sents: list[Sentence], reg: Registry) -> list[tuple[str, Evidence]]:
    """Firms named in the release's contact blocks (investor and media relations agencies), but
    not the issuer's own division or subsidiary ("... both of Acme Laboratories" where the release
    says "Acme Laboratories, a division of <the issuer>")."""
    out: list[tuple[str, Evidence]] = []
    blocks = contact_blocks(document)
    for s in sents:
        if id(s.block) not in blocks:
            continue
        for m in org_mentions(s.text):
            key = reg.add(m.kind, m.name, s.evidence(document, "pattern:contact-firm", m.start, m.end))
            if key != "issuer" and not _part_of_issuer(document, m.name, reg):
                out.append((key, s.evidence(document, "pattern:contact-firm", m.start, m.end)))
    return out


def _part_of_issuer(document: Document, name: str, reg: Registry) -> bool:
    """Whether the release calls ``name`` a division, subsidiary or unit of its issuer."""
    for m in re.finditer(re.escape(name) + PART_OF, document.text, re.I):
        parent = org_mentions(document.text[m.end() : m.end() + 120])
        if parent and parent[0].start == 0 and reg.find(parent[0].name) == "issuer":
            return True
    return False


_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.-]*\d{3}[\s.-]\d{4}\b|\+\d{1,3}[\s\d()-]{8,}")
_COPYRIGHT = re.compile(r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b", re.I)
_CONTACT_RUN = 6  # short lines that follow a "Contact:" heading belong to it


def contact_blocks(document: Document) -> set[int]:
    """``id()`` of the blocks that make up contact boxes: a CONTACT block, a block opening with
    "Contact"/"Media Contact"/"Investor Relations" and the short lines after it, and any short
    block holding an e-mail address or a phone number."""
    found: set[int] = set()
    run = 0
    for block in document.blocks:
        text = block.text.strip()
        if _COPYRIGHT.search(text) and len(text) <= 250:
            run = 0  # "All contents Copyright © 1997 Acme Corporation." ends the contact box
            continue
        if block.kind is BlockKind.CONTACT or _CONTACT.match(text):
            found.add(id(block))
            run = _CONTACT_RUN
            continue
        short = len(text) <= 160
        if run and short:
            found.add(id(block))
            run -= 1
            continue
        run = 0
        if len(text) <= 250 and (_EMAIL.search(text) or _PHONE.search(text)):
            found.add(id(block))
    return found


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    events: list[Event] = []
    seen: set[tuple[str, str]] = set()

    def add(key: str, role: str, ev: Evidence, at: int | None = None) -> None:
        if (key, role) not in seen:
            seen.add((key, role))
            roles: dict[str, tuple[str, ...]] = {"partner": (key,)}
            values = {"role": role}
            if at is not None and role in _DEAL_ROLES:
                ev = _with_terms(document, sents, at, values, ev)
            events.append(Event(f"partnership-{len(events) + 1}", "partnership", roles, values, ev))

    for i, s in enumerate(sents):
        if is_boilerplate(s) or s.text.isupper():
            continue
        for key, role, ev in partner_mentions(document, s, reg):
            add(key, role, ev, i)
    firms = contact_firms(document, [s for s in sents if not s.boilerplate], reg) + _contacts_firms(
        document, metadata, reg
    )
    for key, ev in firms:
        if not any(k == key for k, _r in seen):
            add(key, "other", ev)
    return events, []


def _contacts_firms(document: Document, metadata: ReleaseMetadata, reg: Registry) -> list[tuple[str, Evidence]]:
    """The firms of the release's contacts ("Jane Roe, Managing Director, Acme Advisors, LLC")
    that are not the issuer or part of it: its investor- and media-relations agencies."""
    out: list[tuple[str, Evidence]] = []
    for contact in metadata.contacts:
        name = contact.organization
        if not name or "/" in name:
            continue  # "The Trout Group/BMC Communications": two firms, each named on its own line too
        mentions = org_mentions(name)
        kind = mentions[0].kind if mentions and mentions[0].start == 0 else "company"
        key = reg.add(kind, name, contact.evidence)
        if key != "issuer" and not _part_of_issuer(document, name, reg):
            out.append((key, contact.evidence))
    return out


_DEAL_ROLES = {"licensee", "licensor", "collaborator"}


def _with_terms(document: Document, sents: list[Sentence], at: int, values: dict[str, str], ev: Evidence) -> Evidence:
    """Deal terms of the licence or collaboration told in the partner's sentence, the next two of its
    paragraph, or the "Under the agreement, ..." that follows; the evidence then spans them."""
    first = sents[at]
    last = None
    for s in sents[at : at + 3]:
        if s is not first and not _UNDER.match(s.text) and (s.paragraph != first.paragraph or org_mentions(s.text)):
            break  # "Under the agreement, ..." goes on about the deal, even in a paragraph of its own
        terms = terms_in(s.text)
        if terms:
            for k, v in terms.items():
                values.setdefault(k, v)
            last = s
    if status := deal_status(first.text):
        values["status"] = status
    if last is None:
        return ev
    end = last.span(0, len(last.text))[1]
    return Evidence(ev.start, end, " ".join(document.text[ev.start : end].split()), ev.method)


_UNDER = re.compile(
    r"^(?:Under|Pursuant to|As part of)\s+the\s+(?:terms\s+of\s+the\s+)?"
    r"(?:agreement|license|licence|collaboration|deal)\b",
    re.I,
)


def _same(gold: dict[str, Any], event: Event, judge: Judge) -> bool:
    return gold["role"] == event.values.get("role") and bool(
        judge.expand(gold["name"], "organization") & judge.role_names(event, "partner")
    )


FAMILY = register(
    EventFamily(
        kind="partnership",
        label="Partnership",
        ontology_class="Partnership",
        roles={"partner": "partner", "product": "product"},
        values={"role": "role", "terms": "terms", "when": "when", "status": "status", "royalty": "royaltyRate"},
        decimals={
            "upfront_usd": "upfrontPayment",
            "milestones_usd": "milestonePayments",
            "equity_usd": "equityInvestment",
            "amount_usd": "amount",
        },
        shortcuts=(Shortcut("event", "company", "issuer"), Shortcut("issuer", "hasPartner", "partner")),
        extractor=extract,
        gold_key="partners",
        category="partners",
        same=_same,
        show_gold=lambda g: f"{g['name']} ({g['role']})",
        show=lambda e, j: f"{j.show(e.roles['partner'][0])} ({e.values['role']})",
        order=40,
    )
)
