"""Grants and government contracts: a funder, what the money is for, and the product it serves.

A sentence that counts grants ("two grants from X; one to ..., and one ...") yields one grant per
enumerated clause; a count without enumeration ("four separate grants") is a summary, skipped
with a warning rather than inventing grants that cannot be told apart.
"""

from __future__ import annotations

import re
from typing import Any

from pressgraph.extract._sentences import Sentence, is_boilerplate
from pressgraph.extract.entities import ORG_PHRASE, add_agency, agencies_in, agency_patterns, org_kind, products_in
from pressgraph.extract.families import EventFamily, Judge, Shortcut, register
from pressgraph.extract.numbers import scaled_value, whole_units
from pressgraph.model import Document, Event, ReleaseMetadata
from pressgraph.resolve import Registry, norm

_GRANT = re.compile(r"\bgrants?\b(?!ed)|\b(?:government|federal) contract\b", re.I)
_COUNT = re.compile(r"\b(two|three|four|five|six|several|separate|\d+)\s+(?:\w+\s+)?grants\b", re.I)
_CLAUSE = re.compile(
    r"(?:^|;|,\s*and|\band)\s*one\s+((?:to|for|supporting|funding)\b[^;]+?)(?=;|,\s*and\s+one\b|\.$|$)", re.I
)
_PURPOSE = re.compile(
    r"(?:providing funding for|to fund|to support|supporting|to further|for)\s+(?:the\s+)?(.+?)\s*(?:[.;]|$)", re.I
)
_FROM = re.compile(rf"\bfrom\s+(?:the\s+)?({ORG_PHRASE})")
_AMOUNT = re.compile(r"\$\s?([\d,]+(?:\.\d+)?)\s*(million|billion)?", re.I)


def amount_usd(text: str) -> str | None:
    m = _AMOUNT.search(text)
    return whole_units(scaled_value(m.group(1), m.group(2))) if m else None


def _is_funder_agency(agency_id: str) -> bool:
    """Regulators grant designations, not money: only government (funding) agencies fund."""
    return any(row[0] == agency_id and row[3] == "government" for row in agency_patterns())


def _funder(document: Document, s: Sentence, reg: Registry) -> str | None:
    agencies = [a for a in agencies_in(s.text) if _is_funder_agency(a[0])]
    if agencies:
        aid, a, b = agencies[0]
        return add_agency(reg, aid, s.text[a:b], s.evidence(document, "pattern:agency", a, b))
    g = _GRANT.search(s.text)
    m = _FROM.search(s.text, g.end(), g.end() + 80) if g else None
    if m:
        name = m.group(1).rstrip(".")
        return reg.add(org_kind(name), name, s.evidence(document, "pattern:funder", m.start(1), m.end(1)))
    return None


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    del metadata
    events: list[Event] = []
    warnings: list[str] = []
    seen: set[tuple[str, str | None]] = set()
    for s in sents:
        if is_boilerplate(s) or s.text.isupper() or not _GRANT.search(s.text):
            continue
        funder = _funder(document, s, reg)
        if funder is None:
            continue
        clauses = [(m.group(1), m.start(1), m.end(1)) for m in _CLAUSE.finditer(s.text)]
        if not clauses:
            if _COUNT.search(s.text):
                warnings.append(f"grants: counted but not enumerated, skipped: {s.text[:80]!r}")
                continue
            m = _PURPOSE.search(s.text, _GRANT.search(s.text).end())
            clauses = [(m.group(1), m.start(1), m.end(1))] if m else [("", 0, len(s.text))]
        for purpose, _start, _end in clauses:
            products = products_in(reg, purpose) or (products_in(reg, s.text) if len(clauses) == 1 else [])
            sig = (funder, products[0][0] if products else None)
            if sig in seen or (sig[1] is None and any(k[0] == funder for k in seen)):
                continue
            seen.add(sig)
            roles = {"funder": (funder,)}
            if products:
                roles["product"] = (products[0][0],)
            values = {"purpose": " ".join(purpose.split()).rstrip(".")}
            amount = amount_usd(s.text)
            if amount:
                values["amount_usd"] = amount
            events.append(
                Event(f"grant-{len(events) + 1}", "grant", roles, values, s.evidence(document, "pattern:grant"))
            )
    return _drop_restatements(events), warnings


def _drop_restatements(events: list[Event]) -> list[Event]:
    """A headline restating a grant (same funder and amount) without its product adds nothing."""
    named = {(e.roles["funder"], e.values.get("amount_usd")) for e in events if "product" in e.roles}
    return [e for e in events if "product" in e.roles or (e.roles["funder"], e.values.get("amount_usd")) not in named]


def _same(gold: dict[str, Any], event: Event, judge: Judge) -> bool:
    funder = judge.expand(gold["funder"], "funder") | {norm(a) for a in gold.get("funder_aliases", [])}
    return bool(funder & judge.role_names(event, "funder")) and judge.product_ok(gold.get("product"), event)


FAMILY = register(
    EventFamily(
        kind="grant",
        label="Grant",
        ontology_class="Grant",
        roles={"funder": "funder", "product": "product"},
        values={"purpose": "purpose", "when": "when"},
        decimals={"amount_usd": "amount"},
        shortcuts=(Shortcut("event", "recipient", "issuer"), Shortcut("issuer", "fundedBy", "funder")),
        extractor=extract,
        gold_key="grants",
        category="grants",
        same=_same,
        show_gold=lambda g: f"{g['funder']} / {g.get('product')}",
        show=lambda e, j: f"{j.show(e.roles['funder'][0])} / {j.show((e.roles.get('product') or [None])[0])}",
        order=20,
    )
)
