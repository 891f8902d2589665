"""Acquisitions and mergers: who buys whom, for how much, and how far the deal has got.

A sentence states one when an acquisition verb joins two organisations: "X has agreed to
acquire Y", "X completed its acquisition of Y", "Y will be acquired by X", "a merger with Y",
"a business combination with Y". The issuer is one side when the sentence names it (or says
"we", "the Company"); the other side must be a recognisable organisation name. Consideration
is read only where the sentence ties the figure to the deal ("for $X", "valued at $X",
"consideration of $X"), never from any figure nearby.
"""

from __future__ import annotations

import re

from pressgraph.extractors._sentences import Sentence, is_boilerplate
from pressgraph.extractors.entities import ORG_PHRASE, issuer_regex, org_kind, plausible_org
from pressgraph.extractors.families import EventFamily, Shortcut, register
from pressgraph.extractors.numbers import scaled_value, whole_units
from pressgraph.model import Document, Event, ReleaseMetadata
from pressgraph.resolve import Registry

_ORG = rf"(?:the\s+)?(?P<org>{ORG_PHRASE})"
# (pattern, does the issuer buy?)
_PATTERNS = (
    (re.compile(rf"\b(?:agreed|agreement|plans?|intends?|offer)\s+to\s+acquire\s+{_ORG}"), True),
    (
        re.compile(
            rf"\b(?:completed?|completes|closed|closes|announced?|announces)\s+(?:its|the|our)\s+acquisition\s+of\s+{_ORG}"
        ),
        True,
    ),
    (re.compile(rf"\bhas\s+acquired\s+{_ORG}"), True),
    (re.compile(rf"\bacquired\s+{_ORG}(?=\s+(?:for|in|on)\b)"), True),
    (re.compile(rf"\b(?:to\s+be|will\s+be|has\s+been|was|were)\s+acquired\s+by\s+{_ORG}"), False),
    (re.compile(rf"\b(?:merger|business\s+combination)\s+(?:agreement\s+)?with\s+{_ORG}"), True),
    (re.compile(rf"\btender\s+offer\s+(?:by|from)\s+{_ORG}"), False),
)
_STATUS = (
    (
        "completed",
        re.compile(r"\b(?:completed?|completes|closed|closing of|consummated|has acquired|acquired by)\b", re.I),
    ),
    ("terminated", re.compile(r"\bterminat(?:ed|es|ion)\b", re.I)),
    (
        "announced",
        re.compile(r"\b(?:agreed|agreement|definitive|announc\w*|plans?|intends?|will be|to be|offer)\b", re.I),
    ),
)
_CUE = re.compile(r"acqui|merger|combination|tender offer", re.I)
_PRICE = re.compile(
    r"""\b(?:for|valued\s+at|consideration\s+of|          # "for $1.2 billion", "valued at", "consideration of"
          purchase\s+price\s+of                          # "a purchase price of"
          |total\s+(?:value|consideration)\s+of          # "a total consideration of"
          |approximately)
       \s+(?:approximately\s+|up\s+to\s+)?               # "for up to ..."
       \$\s?(?P<num>[\d,]+(?:\.\d+)?)                    # "$1.2", "$ 350"
       \s*(?P<scale>million|billion)?                    # "million"
    """,
    re.I | re.VERBOSE,
)


def _status(text: str) -> str:
    return next((name for name, pattern in _STATUS if pattern.search(text)), "other")


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    issuer = re.compile(rf"\b{issuer_regex(metadata)}\b|\bwe\b", re.I)
    events: list[Event] = []
    seen: set[str] = set()
    for s in sents:
        if (
            is_boilerplate(s)
            or "acqui" not in s.text.lower()
            and "merger" not in s.text.lower()
            and "combination" not in s.text.lower()
        ):
            continue
        for pattern, issuer_buys in _PATTERNS:
            m = pattern.search(s.text)
            if m is None:
                continue
            name = m.group("org").rstrip(".")
            if not plausible_org(name) or not issuer.search(s.text[: m.start()] + s.text[m.end() :]):
                continue
            key = reg.add(
                org_kind(name),
                name,
                s.evidence(document, "pattern:acquisition", m.start("org"), m.start("org") + len(name)),
            )
            if key == "issuer" or key in seen:
                continue
            seen.add(key)
            events.append(_event(document, s, key, issuer_buys, len(events) + 1))
            break
    return events, []


def _event(document: Document, s: Sentence, other: str, issuer_buys: bool, n: int) -> Event:
    roles: dict[str, tuple[str, ...]] = {"target": (other,)} if issuer_buys else {"acquirer": (other,)}
    values = {"status": _status(s.text), "issuer_side": "acquirer" if issuer_buys else "target"}
    price = _PRICE.search(s.text)
    if price:
        values["amount_usd"] = whole_units(scaled_value(price.group("num"), price.group("scale")))
    return Event(f"acquisition-{n}", "acquisition", roles, values, s.evidence(document, "pattern:acquisition"))


FAMILY = register(
    EventFamily(
        kind="acquisition",
        label="Acquisition",
        ontology_class="Acquisition",
        roles={"acquirer": "acquirer", "target": "target"},
        values={"status": "status", "when": "when"},
        decimals={"amount_usd": "amount"},
        shortcuts=(
            Shortcut("event", "company", "issuer"),
            Shortcut("event", "acquirer", "issuer", when=lambda e: e.values.get("issuer_side") == "acquirer"),
            Shortcut("event", "target", "issuer", when=lambda e: e.values.get("issuer_side") == "target"),
            Shortcut("issuer", "acquired", "target"),
            Shortcut("acquirer", "acquired", "issuer"),
        ),
        extractor=extract,
        order=60,
    )
)
