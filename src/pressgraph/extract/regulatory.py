"""Regulatory actions: an agency (or a subject that implies one, e.g. CE Mark → EU) plus an action.

Action words and subjects come from lexicons. A sentence that names an agency but neither an
action nor a recognised subject is left alone; a subject with no action word is kept as action
"other" only for rule-making subjects (requirements, directives, CE Mark), never guessed.
"""

from __future__ import annotations

import re
from typing import Any

from pressgraph.extract._sentences import Sentence, compiled, first_label, is_boilerplate
from pressgraph.extract.entities import add_agency, agencies_in, issuer_regex, product_after, products_in
from pressgraph.extract.families import EventFamily, Judge, Shortcut, register
from pressgraph.model import Document, Event, ReleaseMetadata
from pressgraph.resolve import Registry

_OTHER_OK = re.compile(r"CE Mark|requirements|changes|Directive|Regulation", re.I)
_PENDING = re.compile(r"\b(?:before|until|whether|upon)\b[^.]{0,60}\b(?:approv|clear)", re.I)
_HEDGE = re.compile(r"\b(?:may|might|could|would)\b", re.I)


def _subject(text: str) -> tuple[str, str, int, int] | None:
    for regex, implied in compiled("regulatory_subjects.tsv"):
        m = regex.search(text)
        if m:
            return " ".join(m.group(0).split()), implied, m.start(), m.end()
    return None


def _action(text: str) -> str | None:
    return first_label("regulatory_actions.tsv", text)


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    events: list[Event] = []
    warnings: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    by_issuer_re = re.compile(rf"\b{issuer_regex(metadata)}\b|\bwe\b", re.I)
    for s in sents:
        if is_boilerplate(s) or s.text.isupper():
            continue
        agencies = agencies_in(s.text)
        subject = _subject(s.text)
        if not agencies and not (subject and subject[1]):
            continue
        action = _action(s.text)
        if subject is None and action is None:
            continue
        if action is None and not (subject and _OTHER_OK.search(subject[0])):
            warnings.append(f"regulatory: no action word, skipped: {s.text[:80]!r}")
            continue
        if _HEDGE.search(s.text) and action is None:
            continue
        if agencies:
            agency_id, a_start, a_end = agencies[0]
            regulator = add_agency(
                reg, agency_id, s.text[a_start:a_end], s.evidence(document, "pattern:agency", a_start, a_end)
            )
        else:
            regulator = add_agency(reg, subject[1], "", None)
        if _PENDING.search(s.text):
            warnings.append(f"regulatory: pending/conditional, skipped: {s.text[:80]!r}")
            continue
        anchor = min([a[1] for a in agencies] + ([subject[2]] if subject else []))
        product = product_after(reg, s.text, anchor) or (products_in(reg, s.text) or [(None, 0)])[0][0]
        sig = (regulator, action or "other", product or (subject[0].lower() if subject else ""))
        if sig in seen or (action and product is None and any(k[:2] == sig[:2] for k in seen)):
            continue
        seen.add(sig)
        values = {
            "action": action or "other",
            "what": subject[0] if subject else (action or ""),
            "by_issuer": "true" if by_issuer_re.search(s.text) else "false",
        }
        roles = {"regulator": (regulator,)}
        if product:
            roles["product"] = (product,)
        events.append(
            Event(
                f"regulatory-{len(events) + 1}",
                "regulatory-action",
                roles,
                values,
                s.evidence(document, "pattern:regulatory-" + values["action"].replace(" ", "-")),
            )
        )
    return _drop_productless_duplicates(events), warnings


def _drop_productless_duplicates(events: list[Event]) -> list[Event]:
    """A headline restating an action without its product adds nothing once the body names it."""
    with_product = {(e.roles["regulator"], e.values["action"]) for e in events if "product" in e.roles}
    return [
        e
        for e in events
        if "product" in e.roles
        or e.values["what"] != e.values["action"]
        or (e.roles["regulator"], e.values["action"]) not in with_product
    ]


def _same(gold: dict[str, Any], event: Event, judge: Judge) -> bool:
    return (
        gold["action"] == event.values.get("action")
        and bool(judge.expand(gold["regulator"], "regulator") & judge.role_names(event, "regulator"))
        and judge.product_ok(gold.get("product"), event)
    )


FAMILY = register(
    EventFamily(
        kind="regulatory-action",
        label="Regulatory action",
        ontology_class="RegulatoryAction",
        roles={"regulator": "regulator", "product": "product"},
        values={"action": "action", "what": "subject", "when": "when"},
        booleans={"by_issuer": "byIssuer"},
        shortcuts=(
            Shortcut("event", "concerns", "issuer", when=lambda e: e.values.get("by_issuer") == "true"),
            Shortcut("product", "regulatedBy", "regulator"),
        ),
        extractor=extract,
        gold_key="regulatory_events",
        category="regulatory events",
        same=_same,
        show_gold=lambda g: f"{g['regulator']} {g['action']} {g.get('product')}",
        show=lambda e, j: (
            f"{j.show(e.roles['regulator'][0])} {e.values['action']} {j.show((e.roles.get('product') or [None])[0])}"
        ),
        order=10,
    )
)
