"""Grants and government contracts: a funder, what the money is for, and the product it serves.

A sentence that counts grants ("two grants from X; one to ..., and one ...") yields one grant per
enumerated clause; a count without enumeration ("four separate grants") is a summary, skipped
with a warning rather than inventing grants that cannot be told apart.
"""

from __future__ import annotations

import re
from typing import Any

from pressgraph.extractors._orgs import org_mentions
from pressgraph.extractors._sentences import Sentence, is_boilerplate
from pressgraph.extractors.entities import (
    ORG_PHRASE,
    add_agency,
    agencies_in,
    agency_patterns,
    org_kind,
    plausible_org,
    products_in,
)
from pressgraph.extractors.families import EventFamily, Judge, Shortcut, register
from pressgraph.extractors.numbers import scaled_value, whole_units
from pressgraph.model import Document, Event, ReleaseMetadata
from pressgraph.resolve import Registry, norm

_GRANT = re.compile(
    r"""\bgrants?\b(?!ed)                                                # "a grant", not "granted"
      | \b(?:government|federal)\ contract\b                             # "a federal contract"
      | \b(?:STTR|SBIR|research|R&D|funding|grant|contract|fast[- ]track
           |innovation|development)\s+awards?\b                         # "SBIR award", "Fast-Track award"
      | \b(?:Small\s+Business\s+(?:Technology\s+Transfer
                                 |Innovation\s+Research))\b             # the SBIR and STTR programs spelt out
      | \b(?:funded|financed)\s+
        (?:in\s+(?:part|full)\s+|fully\s+|entirely\s+|partly\s+|partially\s+)?by\b  # "funded in part by"
      | \bfunding\s+(?:from|provided\s+by)\b                             # "funding provided by"
      | \bsupported\s+(?:in\s+part\s+)?by\s+(?:a\s+)?(?:grant|funding|award)  # "supported in part by a grant"
    """,
    re.I | re.VERBOSE,
)
_COUNT = re.compile(r"\b(two|three|four|five|six|several|separate|\d+)\s+(?:\w+\s+)?grants\b", re.I)
_CLAUSE = re.compile(
    r"(?:^|;|,\s*and|\band)\s*one\s+((?:to|for|supporting|funding)\b[^;]+?)(?=;|,\s*and\s+one\b|\.$|$)", re.I
)
_PURPOSE = re.compile(
    r"(?:providing funding for|to fund|to support|supporting|to further|to perform|to conduct|enables?\s+\S+\s+to|for)"
    r"\s+(?:the\s+)?(.+?)\s*(?:[.;]|$)",
    re.I,
)
_FROM = re.compile(rf"\b(?:from|by)\s+(?:the\s+)?({ORG_PHRASE})")
# "The X Foundation, Y Foundation, and Z supported the initial clinical studies": funders as subject
_SUPPORTERS = re.compile(
    rf"""^(?:The\s+)?
         (?P<list>{ORG_PHRASE}                                    # "The X Foundation"
                  (?:,\s+(?:and\s+)?(?:the\s+)?{ORG_PHRASE})*     # ", Y Foundation"
                  (?:,?\s+and\s+(?:the\s+)?{ORG_PHRASE})?)        # ", and Z"
         \s+(?:(?:have|has)\s+)?                                  # "... have"
         (?:supported|funded|(?:is|are)\s+(?:supporting|funding))\b  # "supported", "are funding"
    """,
    re.VERBOSE,
)
_AMOUNT = re.compile(r"\$\s?([\d,]+(?:\.\d+)?)\s*(million|billion|M\b)?", re.I)


def amount_usd(text: str) -> str | None:
    m = _AMOUNT.search(text)
    if not m:
        return None
    scale = "million" if (m.group(2) or "").lower() in ("million", "m") else m.group(2)
    return whole_units(scaled_value(m.group(1), scale))


def _is_funder_agency(agency_id: str) -> bool:
    """Regulators grant designations, not money: only government (funding) agencies fund."""
    return any(row[0] == agency_id and row[3] == "government" for row in agency_patterns())


def _funders(document: Document, s: Sentence, reg: Registry) -> list[str]:
    """Every funder the sentence names: funding agencies, the organisation the money comes
    "from"/"by", and a list of organisations that "supported" the work."""
    keys: list[str] = []
    agencies = agencies_in(s.text)
    of = re.compile(r"\)?\s+of\s+(?:the\s+)?", re.I)
    parents = {aid for aid, a, _b in agencies if any(b0 <= a and of.fullmatch(s.text[b0:a]) for _i, _a, b0 in agencies)}
    for aid, a, b in agencies:
        if _is_funder_agency(aid) and aid not in parents:  # "NIAID of the National Institutes of Health": NIAID funds
            keys.append(add_agency(reg, aid, s.text[a:b], s.evidence(document, "pattern:agency", a, b)))
    spans: list[tuple[int, int]] = []
    g = _GRANT.search(s.text)
    m = _FROM.search(s.text, g.start(), g.end() + 80) if g else None
    if m and not any(a < m.end(1) and m.start(1) < b for _i, a, b in agencies):
        spans.append((m.start(1), m.end(1)))
    sup = _SUPPORTERS.match(s.text)
    if sup and any(o.start < sup.end("list") for o in org_mentions(s.text)):
        for part in re.finditer(ORG_PHRASE, sup.group("list")):
            if part.group(0) not in ("The", "the", "and"):
                spans.append((sup.start("list") + part.start(), sup.start("list") + part.end()))
    for a, b in spans:
        name = s.text[a:b].rstrip(".")
        if plausible_org(name) and norm(name) not in ("company", "the company"):
            keys.append(reg.add(org_kind(name), name, s.evidence(document, "pattern:funder", a, b)))
    return [k for k in dict.fromkeys(keys) if k != "issuer"]


# "The STTR award follows on the heels of an SBIR award given in June": an earlier grant, told as
# background; what it funded is not said, so it does not take the release's product.
_EARLIER = re.compile(
    r"^(?:The|This)\s+(?:\w+\s+){0,3}(?:grant|award|contract)s?\s+(?:follows|builds\s+on|comes\s+after)\b", re.I
)
_PROGRAMME = re.compile(r"\b(?:grant|award|SBIR|STTR)\s+programs?\b", re.I)
_RECEIVED = re.compile(r"\b(?:award(?:ed|s)\b|receiv|secur|won\b|was\s+granted|has\s+been\s+granted)", re.I)
# "The grants will be used to perform ...": the grant just told, its purpose and product
_SAME_GRANT = re.compile(r"^(?:The|This|These|That)\s+(?:\w+\s+)?(?:grants?|awards?|funding|contract)\b", re.I)


def _continued(event: Event, s: Sentence, reg: Registry, mentioned: list[tuple[str, int]]) -> Event:
    values = dict(event.values)
    roles = dict(event.roles)
    m = _PURPOSE.search(s.text)
    if m and not values.get("purpose"):
        values["purpose"] = " ".join(m.group(1).split()).rstrip(".")
    if mentioned and "product" not in roles:
        roles["product"] = (mentioned[0][0],)
    return Event(event.key, event.kind, roles, values, event.evidence)


def _only_product(reg: Registry) -> str | None:
    products = [e.key for e in reg.entities() if e.kind == "product"]
    return products[0] if len(products) == 1 else None


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    del metadata
    events: list[Event] = []
    warnings: list[str] = []
    seen: set[tuple[str, str | None]] = set()
    only = _only_product(reg)
    nearby: str | None = None
    for s in sents:
        if is_boilerplate(s) or s.text.isupper():
            continue
        mentioned = products_in(reg, s.text)
        if not (_GRANT.search(s.text) or _SUPPORTERS.match(s.text)):
            nearby = mentioned[0][0] if mentioned else nearby
            continue
        if _PROGRAMME.search(s.text) and not _RECEIVED.search(s.text):
            continue  # "The NIH SBIR program is a peer-reviewed grant program that ...": a description
        funders = _funders(document, s, reg)
        if not funders:
            if events and _SAME_GRANT.match(s.text):
                events[-1] = _continued(events[-1], s, reg, mentioned)
            continue
        clauses = [(m.group(1), m.start(1), m.end(1)) for m in _CLAUSE.finditer(s.text)]
        if not clauses:
            if _COUNT.search(s.text):
                warnings.append(f"grants: counted but not enumerated, skipped: {s.text[:80]!r}")
                continue
            cue = _GRANT.search(s.text) or _SUPPORTERS.match(s.text)
            m = _PURPOSE.search(s.text, cue.end()) if cue else None
            clauses = [(m.group(1), m.start(1), m.end(1))] if m else [("", 0, len(s.text))]
        for funder in funders:
            for purpose, _start, _end in clauses:
                products = products_in(reg, purpose) or (mentioned if len(clauses) == 1 else [])
                inferred = nearby or only if len(clauses) == 1 and not _EARLIER.search(s.text) else None
                product = products[0][0] if products else inferred
                sig = (funder, product)
                if sig in seen or (product is None and any(k[0] == funder for k in seen)):
                    continue
                seen.add(sig)
                roles: dict[str, tuple[str, ...]] = {"funder": (funder,)}
                if product:
                    roles["product"] = (product,)
                values = {"purpose": " ".join(purpose.split()).rstrip(".")}
                amount = amount_usd(s.text)
                if amount and len(funders) == 1:
                    values["amount_usd"] = amount
                ev = s.evidence(document, "pattern:grant")
                events.append(Event(f"grant-{len(events) + 1}", "grant", roles, values, ev))
        nearby = mentioned[0][0] if mentioned else nearby
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
