"""Partners of the issuer and their roles, from role cues around an organization name.

Cues ("provided by ORG", "ORG will be the provider of", "collaboration with ORG", "through ORG")
live in partner_roles.tsv; ORG is a capitalised name. The issuer itself is never its own partner.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pressgraph.extract._sentences import Sentence, is_boilerplate, lexicon_rows
from pressgraph.extract.entities import (
    ORG_PHRASE,
    add_agency,
    agencies_in,
    legal_suffix_words,
    org_kind,
    plausible_org,
)
from pressgraph.extract.families import EventFamily, Judge, Shortcut, register
from pressgraph.model import Document, Event, Evidence, ReleaseMetadata
from pressgraph.resolve import Registry

_SKIP_WORDS = {"will", "with", "the", "and", "for", "was", "were", "are"}
# APPOS in a cue: an optional apposition after the name ("X LLC, a wholly owned subsidiary of Y Inc.,")
_APPOS = r"(?:,?\s+an?\s+(?:wholly[- ]owned\s+)?(?:division|subsidiary|unit|affiliate)\s+of\s+[^;]{2,90}?)?"
# roles whose cue may follow a list of names ("A and B, ..., served as the placement agents")
_LISTED_ROLES = {"investor", "financing"}


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]:
    """``(regex, role, cue words)``: a cue regex runs only when one of its words is present."""
    out = []
    # a name starts at a word and never at a legal suffix ("LLC and X" is the tail of a list)
    suffixes = "|".join(re.escape(w) for w in sorted(legal_suffix_words(), key=len, reverse=True))
    not_suffix = rf"(?<![\w&'’.-])(?!(?:{suffixes})\b)"
    for pattern, role in lexicon_rows("partner_roles.tsv"):
        head, _, tail = pattern.partition("ORG")
        regex = (
            (rf"\b(?i:{head})" if head else "")
            + rf"(?:the\s+)?(?P<org>{not_suffix}{ORG_PHRASE})"
            + (f"(?i:{tail.replace('APPOS', _APPOS)})" if tail else "")
        )
        cue_text = head + " " + tail.replace("APPOS", "")
        words = tuple(sorted({w for w in re.findall(r"[a-z]{3,}", cue_text) if w not in _SKIP_WORDS}))
        out.append((re.compile(regex), role, words))
    return tuple(out)


_TAIL = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?P<org>{ORG_PHRASE})")


def _list_tail(document: Document, s: Sentence, reg: Registry, pos: int, role: str) -> list[tuple[str, str, Evidence]]:
    """Further names of an enumeration ("including A, B and C") after the first one."""
    out = []
    while (m := _TAIL.match(s.text, pos)) is not None:
        name = m.group("org").rstrip(".")
        if not plausible_org(name):
            break
        ev = s.evidence(document, "pattern:partner-list", m.start("org"), m.start("org") + len(name))
        cue = s.evidence(document, "pattern:partner-list", m.start(), m.start("org") + len(name))
        out.append((reg.add(org_kind(name), name, ev), role, cue))
        pos = m.end("org")
    return out


_HEAD = re.compile(rf"(?:^|[;:]\s+|\.\s+)(?:the\s+)?(?P<org>{ORG_PHRASE})\s*,?\s+and\s+(?:the\s+)?$")


def _list_head(document: Document, s: Sentence, reg: Registry, pos: int, role: str) -> list[tuple[str, str, Evidence]]:
    """The name listed before the cued one when the sentence opens with "A and B ...": both take the role."""
    m = _HEAD.search(s.text[:pos])
    if m is None:
        return []
    name = m.group("org").rstrip(".")
    if not plausible_org(name) or agencies_in(name):
        return []
    ev = s.evidence(document, "pattern:partner-list", m.start("org"), m.start("org") + len(name))
    key = reg.add(org_kind(name), name, ev)
    return [] if key == "issuer" else [(key, role, ev)]


def partner_mentions(document: Document, s: Sentence, reg: Registry) -> list[tuple[str, str, Evidence]]:
    """``(entity key, role, evidence)`` for every role cue in the sentence."""
    out: list[tuple[str, str, Evidence]] = []
    low = s.text.lower()
    for regex, role, words in _cues():
        if words and not any(w in low for w in words):
            continue
        for m in regex.finditer(s.text):
            name = m.group("org").rstrip(".")
            if not plausible_org(name):
                continue
            org_ev = s.evidence(document, "pattern:partner", m.start("org"), m.start("org") + len(name))
            agencies = agencies_in(name)
            if agencies:
                key = add_agency(reg, agencies[0][0], name, org_ev)
            else:
                key = reg.add(org_kind(name), name, org_ev)
            if key == "issuer":
                continue
            out.append(
                (key, role, s.evidence(document, f"pattern:partner-{role.replace(' ', '-')}", m.start(), m.end()))
            )
            if role in _LISTED_ROLES:
                out.extend(_list_head(document, s, reg, m.start("org"), role))
            if role == "investor":
                out.extend(_list_tail(document, s, reg, m.end("org"), role))
    return out


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    del metadata
    events: list[Event] = []
    seen: set[tuple[str, str]] = set()
    for s in sents:
        if is_boilerplate(s) or s.text.isupper():
            continue
        for key, role, ev in partner_mentions(document, s, reg):
            if (key, role) in seen:
                continue
            seen.add((key, role))
            events.append(
                Event(f"partnership-{len(events) + 1}", "partnership", {"partner": (key,)}, {"role": role}, ev)
            )
    return events, []


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
