"""Financings: kind (from financing_kinds.tsv), status, when, amount, counterparty, shares.

An amount is taken only when the sentence ties it to the financing ("raised $X", "proceeds of
$X"), never from any dollar figure nearby (a cash balance is not the size of a placement).
"""

from __future__ import annotations

import re

from pressgraph.extract._sentences import Sentence, compiled, first_label, is_boilerplate
from pressgraph.extract.entities import ORG_PHRASE, org_kind, plausible_org
from pressgraph.extract.families import EventFamily, Shortcut, register
from pressgraph.extract.numbers import scaled_value, whole_units
from pressgraph.model import Document, Event, ReleaseMetadata
from pressgraph.resolve import Registry, norm

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WHEN = re.compile(rf"\b[Ii]n ({_MONTHS})(?:\s+(\d{{4}}))?\b")
_AMOUNT = re.compile(
    r"(?:raised|raise|proceeds of|totaling|aggregate (?:amount|principal) of|for)\s+(?:approximately\s+|up to\s+)?\$([\d,]+(?:\.\d+)?)\s*(million|billion)?",  # noqa: E501
    re.I,
)
_SHARES = re.compile(
    r"(?:up to|aggregate of)\s+(?:an aggregate of\s+)?([\d,.]+)\s*(million)?\s+(?:newly issued\s+|new\s+)?(?:common\s+)?shares",  # noqa: E501
    re.I,
)
_THROUGH = re.compile(rf"\b(?:through|with)\s+(?:the\s+)?(?P<org>{ORG_PHRASE})")
_MORE = re.compile(r"(?:This|The) (?:program|offering|financing|facility|agreement)\b")
_HOLDERS = re.compile(
    r"\bto\s+(?:currently\s+|its\s+)?((?:registered|existing|accredited|institutional)\s+(?:shareholders|investors|stockholders))",
    re.I,
)


def _number(digits: str, scale: str | None) -> str:
    return whole_units(scaled_value(digits, scale))


def _status(text: str) -> str:
    return first_label("financing_status.tsv", text) or "other"


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    events: list[Event] = []
    seen: set[str] = set()
    year = metadata.release_date.year if metadata.release_date else None
    for n, s in enumerate(sents):
        if is_boilerplate(s) or s.text.isupper():
            continue
        nxt = sents[n + 1] if n + 1 < len(sents) else None
        more = nxt.text if nxt and nxt.block is s.block and _MORE.match(nxt.text) else ""
        for regex, kind in compiled("financing_kinds.tsv"):
            m = regex.search(s.text)
            if not m or kind in seen:
                continue
            if regex.pattern.startswith("\\bprivate placements?") and "private financing" in s.text.lower():
                continue
            seen.add(kind)
            values = {"kind": kind, "status": _status(s.text)}
            roles: dict[str, tuple[str, ...]] = {}
            if w := _WHEN.search(s.text):
                values["when"] = f"{w.group(1)} {w.group(2) or year}" if (w.group(2) or year) else w.group(1)
            if a := _AMOUNT.search(s.text):
                values["amount_usd"] = _number(a.group(1), a.group(2))
            if sh := _SHARES.search(s.text + " " + more):
                values["shares"] = _number(sh.group(1), sh.group(2))
            if t := _THROUGH.search(s.text, m.start()):
                name = t.group("org").rstrip(".")
                if (
                    plausible_org(name)
                    and org_kind(name) != "company"
                    or name.endswith(("Capital", "Partners", "Fund"))
                ):
                    roles["counterparty"] = (
                        reg.add(
                            org_kind(name),
                            name,
                            s.evidence(
                                document, "pattern:financing-counterparty", t.start("org"), t.start("org") + len(name)
                            ),
                        ),
                    )
            if h := _HOLDERS.search(s.text):
                values["counterparty"] = h.group(1)
            events.append(
                Event(
                    f"financing-{len(events) + 1}",
                    "financing",
                    roles,
                    values,
                    s.evidence(document, "pattern:financing"),
                )
            )
    return events, []


def _kind_match(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (a in b or b in a)


FAMILY = register(
    EventFamily(
        kind="financing",
        label="Financing",
        ontology_class="Financing",
        roles={"counterparty": "counterparty"},
        values={"kind": "financingKind", "status": "status", "when": "when", "counterparty": "terms"},
        decimals={"amount_usd": "amount", "shares": "shares"},
        shortcuts=(Shortcut("event", "company", "issuer"), Shortcut("issuer", "hasFinancing", "event")),
        extractor=extract,
        gold_key="financings",
        category="financings",
        same=lambda g, e, j: _kind_match(g.get("kind", ""), e.values.get("kind", "")),
        show_gold=lambda g: str(g.get("kind")),
        show=lambda e, j: str(e.values.get("kind")),
        order=50,
    )
)
