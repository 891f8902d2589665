"""Financings: kind (from financing_kinds.tsv), status, when, amount, counterparty, shares.

An amount is taken only when the sentence ties it to the financing ("raised $X", "proceeds of
$X"), never from any dollar figure nearby (a cash balance is not the size of a placement).
"""

from __future__ import annotations

import re

from pressgraph.extractors._sentences import Sentence, compiled, first_label, is_boilerplate
from pressgraph.extractors.entities import ORG_PHRASE, org_kind, plausible_org
from pressgraph.extractors.families import EventFamily, Shortcut, register
from pressgraph.extractors.numbers import scaled_value, whole_units
from pressgraph.model import Document, Event, ReleaseMetadata
from pressgraph.names import FULL_MONTHS
from pressgraph.resolve import Registry, norm

_MONTHS = "|".join(FULL_MONTHS)
_WHEN = re.compile(rf"\b[Ii]n ({_MONTHS})(?:\s+(\d{{4}}))?\b")
_AMOUNT = re.compile(
    r"""(?:raised|raise|raising|proceeds\ of|totaling|totalling     # "raised $25 million", "gross proceeds of"
         |aggregate\ (?:amount|principal)\ of|for                  # "aggregate principal amount of"
         |(?:placement|offering|financing|round|facility|notes?|loan|investment)\ of  # "a Series B round of"
       )\s+
       (?:approximately\s+|up\ to\s+|over\s+|more\ than\s+)?       # "up to", "more than"
       \$([\d,]+(?:\.\d+)?)\s*(million|billion)?                   # "$25 million", "$1.2 billion"
    """,
    re.I | re.VERBOSE,
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


_SIZED = re.compile(r"\$([\d,]+(?:\.\d+)?)\s*(million|billion)?\s+(?:[\w-]+\s+){0,3}$", re.I)
_HEDGE = re.compile(r"\b(?:may|might|could|would)\b", re.I)


def _printed_kind(words: str) -> str:
    """ "Series B Financing" -> "Series B financing": the kind as printed, ordinary words lower-cased;
    a round, raise or funding is a financing."""
    kind = " ".join(w if re.fullmatch(r"[A-Z]{1,4}\d?(?:-\d)?|Series", w) else w.lower() for w in words.split())
    return re.sub(r"\s+(?:funding|round|raise|investment)$", " financing", kind)  # "Series B round" is a financing


def _number(digits: str, scale: str | None) -> str:
    return whole_units(scaled_value(digits, scale))


def _status(text: str) -> str:
    return first_label("financing_status.tsv", text) or "other"


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    events: list[Event] = []
    seen: dict[str, set[str | None]] = {}  # kind -> amounts already told
    year = metadata.release_date.year if metadata.release_date else None
    for n, s in enumerate(sents):
        if is_boilerplate(s) or s.text.isupper():
            continue
        nxt = sents[n + 1] if n + 1 < len(sents) else None
        more = nxt.text if nxt and nxt.block is s.block and _MORE.match(nxt.text) else ""
        taken: list[tuple[int, int]] = []
        for regex, kind in compiled("financing_kinds.tsv"):
            m = regex.search(s.text)
            if not m or any(a < m.end() and m.start() < b for a, b in taken):
                continue  # one phrase, one kind: "PIPE financing" is not also a "financing"
            if regex.pattern.startswith("\\bprivate placements?") and "private financing" in s.text.lower():
                continue
            kind = _printed_kind(m.group(0)) if kind == "*" else kind
            a = _AMOUNT.search(s.text) or _SIZED.search(s.text[: m.start()])  # "a $3.3 million Series B round"
            amount = _number(a.group(1), a.group(2)) if a else None
            told = seen.setdefault(kind, set())
            if told and (amount is None or amount in told):
                continue  # the same financing told again
            if _HEDGE.search(s.text) and amount is None:
                continue  # "we may raise funds through a rights offering"
            told.add(amount)
            taken.append((m.start(), m.end()))
            values = _values(s.text, more, kind, amount, year)
            roles = _counterparty(document, s, m.start(), reg)
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


def _values(text: str, more: str, kind: str, amount: str | None, year: int | None) -> dict[str, str]:
    """The financing's values told in its sentence (and a following "… shares" sentence)."""
    values = {"kind": kind, "status": _status(text)}
    if w := _WHEN.search(text):
        values["when"] = f"{w.group(1)} {w.group(2) or year}" if (w.group(2) or year) else w.group(1)
    if amount:
        values["amount_usd"] = amount
    if sh := _SHARES.search(text + " " + more):
        values["shares"] = _number(sh.group(1), sh.group(2))
    if h := _HOLDERS.search(text):
        values["counterparty"] = h.group(1)
    return values


def _counterparty(document: Document, s: Sentence, start: int, reg: Registry) -> dict[str, tuple[str, ...]]:
    """The agent or investor the financing is "through" / "with", when it names an organisation."""
    t = _THROUGH.search(s.text, start)
    if not t:
        return {}
    name = t.group("org").rstrip(".")
    if not (plausible_org(name) and org_kind(name) != "company" or name.endswith(("Capital", "Partners", "Fund"))):
        return {}
    evidence = s.evidence(document, "pattern:financing-counterparty", t.start("org"), t.start("org") + len(name))
    return {"counterparty": (reg.add(org_kind(name), name, evidence),)}


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
