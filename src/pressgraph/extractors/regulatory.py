"""Regulatory actions: an agency (or a subject that implies one, e.g. CE Mark → EU) plus an action.

Action words and subjects come from lexicons. A sentence that names an agency but neither an
action nor a recognised subject is left alone; a subject with no action word is kept as action
"other" only for rule-making subjects (requirements, directives, CE Mark), never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pressgraph.extractors._sentences import Sentence, compiled, is_boilerplate
from pressgraph.extractors.entities import (
    DYNAMIC,
    add_agency,
    agencies_in,
    agency_patterns,
    issuer_regex,
    product_after,
    products_in,
)
from pressgraph.extractors.families import EventFamily, Judge, Shortcut, register
from pressgraph.model import Document, Event, ReleaseMetadata
from pressgraph.resolve import Registry

_OTHER_OK = re.compile(r"CE Mark|requirements|changes|Directive|Regulation", re.I)
_PENDING = re.compile(
    r"""\b(?:before|until|whether|upon)\b[^.]{0,60}\b(?:approv|clear)  # "until the product is approved"
      | \bno\s+assurance\b                                            # "there can be no assurance"
      | \bcannot\s+(?:assure|guarantee)\b                             # "cannot guarantee"
      | \b(?:time|path|pathway|road|route|way|toward|towards          # "the path to approval"
           |seek(?:s|ing)?|pursu(?:e|es|ing)                          # "seeking FDA approval"
           |potential|possible|eventual|future)                       # "potential marketing approval"
        \s+(?:to\s+)?(?:(?:FDA|EMA|regulatory|marketing)\s+)?(?:approv|clear)
    """,
    re.I | re.VERBOSE,
)
_HEDGE = re.compile(r"\b(?:may|might|could|would)\b", re.I)


def _subject(text: str) -> tuple[str, str, int, int] | None:
    for regex, implied in compiled("regulatory_subjects.tsv"):
        m = regex.search(text)
        if m:
            return " ".join(m.group(0).split()), implied, m.start(), m.end()
    return None


def _action(text: str) -> str | None:
    """The action the sentence states: a clinical hold wins; otherwise the action word printed
    first ("UHP submitted ... an IDE, the approval of which is a precondition" is a submission)."""
    found = [(m.start(), label) for regex, label in compiled("regulatory_actions.tsv") if (m := regex.search(text))]
    if any(label == "clinical hold" for _p, label in found):
        return "clinical hold"
    return min(found)[1] if found else None


_DESIGNATIONS = re.compile(
    r"""\b(?P<type>orphan(?:\s+drug)?                                 # "Orphan Drug Designation"
                  |fast[- ]track                                     # "Fast Track designation"
                  |breakthrough(?:\s+(?:therapy|device))?            # "Breakthrough Device Designation"
                  |rare\s+pediatric\s+disease                        # "Rare Pediatric Disease designation"
                  |regenerative\s+medicine\s+advanced\s+therapy|RMAT # "RMAT designation"
                  |PRIME                                             # the EMA's PRIority MEdicines scheme
                  |priority\s+review                                 # "Priority Review designation"
                  |qualified\s+infectious\s+disease\s+product|QIDP)  # "QIDP status"
       \s+(?:drug\s+)?(?:designation|status)
    """,
    re.I | re.VERBOSE,
)
_DEVICE = re.compile(r"\b510\(k\)|\bdevices?\b|\bde\s+novo\b|\bpremarket\s+notification\b", re.I)
_DRUG = re.compile(r"\b(?:drugs?|NDA|BLA|IND|new\s+drug|biologics?|medicines?|tablets?|injection)\b", re.I)
# "FDA clearance to progress into Phase 1b development": an IND cleared, which the keys call approval
_GO_AHEAD = re.compile(
    r"""\bclear(?:ance|ed)\s+to\s+(?:proceed|progress|begin|start|initiate|move|advance|commence|enter)\b
        [^.]{0,60}?\b(?:trials?|stud(?:y|ies)|phase|clinical|development)\b   # "... into Phase 1b"
    """,
    re.VERBOSE | re.IGNORECASE,
)
_MEETING = re.compile(
    r"""\b(?:feedback|meeting|meetings|met|discussions?|guidance     # "a Type B meeting with the FDA"
          |alignment|consultation|interactions?                     # "alignment with the agency"
          |presented|recommended|voted|comments                     # an advisory committee "voted"
          |inspection|inspected|investigation                       # "a pre-approval inspection"
          |consent\s+decree|warning\s+letter                        # enforcement: "a warning letter"
          |accreditation|certificate|certified)\b                   # "ISO 13485 certified"
    """,
    re.I | re.VERBOSE,
)


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    events: list[Event] = []
    warnings: list[str] = []
    seen: list[tuple[str, str, str | None, str, str]] = []
    by_issuer_re = _by_issuer(issuer_regex(metadata))
    only_product = _only_product(reg)
    for s in sents:
        if is_boilerplate(s) or s.text.isupper():
            continue
        found = _sentence_actions(document, s, reg, warnings)
        for regulator, action, what, anchor in found:
            mentioned = products_in(reg, s.text)
            product = (
                _clause_owner(s.text, anchor, mentioned)
                or product_after(reg, s.text, anchor)
                or (mentioned[0][0] if mentioned else None)
            )
            if product is None and by_issuer_re.search(s.text):
                product = only_product
            product = _compared(s.text, mentioned, seen) or product
            sig = (regulator, action, product, what, _designation_type(what))
            if any(_restates(sig, k) for k in seen):
                continue
            seen.append(sig)
            events.append(_event(document, s, regulator, action, what, product, by_issuer_re, len(events) + 1))
    return _drop_productless_duplicates(events), warnings


_COMPARISON = re.compile(r"\b(?:compar(?:ing|ed|es)|versus|vs\.?|than)\b", re.I)


def _compared(
    text: str, mentioned: list[tuple[str, int]], seen: list[tuple[str, str, str | None, str, str]]
) -> str | None:
    """ "Data presented at the committee comparing Ourdrug to Theirdrug": of the products a
    comparison names, the one whose regulatory story the release already tells (the only one
    with an action before), which the regulatory step is about."""
    if len({key for key, _pos in mentioned}) < 2 or not _COMPARISON.search(text):
        return None
    told = {key for key, _pos in mentioned if any(sig[2] == key for sig in seen)}
    return told.pop() if len(told) == 1 else None


@lru_cache(maxsize=256)
def _by_issuer(issuer: str) -> re.Pattern[str]:
    """The issuer (or "we") as the actor of a sentence, compiled once per issuer."""
    return re.compile(rf"\b{issuer}\b|\bwe\b", re.I)


# "..., and ZW-16, which received FDA clearance to ...": the product a relative clause is about.
_CLAUSE_TO_ANCHOR = re.compile(
    r"""[^,;.]{1,60}?[®™]?\s*,\s*(?:which|that)\s+         # "Xyzzy, which"
        (?:(?:has|have|had|was|were|recently|also|then)\s+)*  # "... has recently"
        (?:received|been\ granted|granted|obtained|earned|secured|achieved|won)\b  # "... received"
        [^,;.]*$                                              # ... up to the agency, no new clause
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _clause_owner(text: str, anchor: int, mentioned: list[tuple[str, int]]) -> str | None:
    """The product whose relative clause states the action (the nearest such before the agency)."""
    owners = [key for key, pos in mentioned if pos < anchor and _CLAUSE_TO_ANCHOR.match(text, pos, anchor)]
    return owners[-1] if owners else None


def _designation_type(what: str) -> str:
    """ "Orphan Drug Designation", "orphan drug status" and "orphan designation" are one designation."""
    m = _DESIGNATIONS.match(what)
    if not m:
        return ""
    return re.sub(r"[^a-z]", "", re.sub(r"\s+(?:drug|therapy|device)$", "", m.group("type").lower()))


def _words(what: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", what.lower()))


def _restates(new: tuple[str, str, str | None, str, str], old: tuple[str, str, str | None, str, str]) -> bool:
    """The same step told again: same regulator, action and product (or no product named now),
    and the same designation, or an approval or clearance of the same product, or no more words
    than before ("IND application" after "investigational new drug (IND) application")."""
    regulator, action, product, what, kind = new
    if (regulator, action) != old[:2] or (product is not None and product != old[2]):
        return False
    if kind or old[4]:
        return kind == old[4]
    if product is not None and action in ("approval", "clearance"):
        return (
            True  # one product's approval by one agency, told in other words ("IND approval", "clearance to proceed")
        )
    return _words(what) <= _words(old[3]) or (product is not None and _words(what) >= _words(old[3]))


def _only_product(reg: Registry) -> str | None:
    """A release about one product: what the issuer's regulatory steps concern when unnamed."""
    products = [e.key for e in reg.entities() if e.kind == "product"]
    return products[0] if len(products) == 1 else None


def _sentence_actions(
    document: Document, s: Sentence, reg: Registry, warnings: list[str]
) -> list[tuple[str, str, str, int]]:
    """``(regulator key, action, what, anchor)`` for each action the sentence states."""
    agencies = agencies_in(s.text)
    subject = _subject(s.text)
    if not agencies and not (subject and subject[1]):
        return []
    action = _action(s.text)
    designations = [m.group(0) for m in _DESIGNATIONS.finditer(s.text)]
    if action is None and not designations and _MEETING.search(s.text) and agencies:
        action = "other"
    if subject is None and action is None and not designations:
        return []
    if action is None and not designations and not (subject and _OTHER_OK.search(subject[0])):
        warnings.append(f"regulatory: no action word, skipped: {s.text[:80]!r}")
        return []
    if _HEDGE.search(s.text) and action is None or _PENDING.search(s.text):
        return []
    regulator, anchor = _regulator(document, s, reg, agencies, subject)
    if regulator is None:
        return []  # a funding agency, not a regulator: grants are another family
    if action == "clearance" and (_DRUG.search(s.text) or _GO_AHEAD.search(s.text)) and not _DEVICE.search(s.text):
        action = "approval"  # drugs are approved; "market clearance" of a drug is its approval
    if designations:
        return [(regulator, "designation", d, anchor) for d in dict.fromkeys(" ".join(x.split()) for x in designations)]
    what = subject[0] if subject else (action or "")
    return [(regulator, action or "other", what, anchor)]


def _regulator(
    document: Document,
    s: Sentence,
    reg: Registry,
    agencies: list[tuple[str, int, int]],
    subject: tuple[str, str, int, int] | None,
) -> tuple[str | None, int]:
    regulatory = [a for a in agencies if _kind_of(a[0]) == "regulatory"]
    if regulatory:
        agency_id, a_start, a_end = _acting_body(s.text, regulatory)
        ev = s.evidence(document, "pattern:agency", a_start, a_end)
        anchor = min([a[1] for a in agencies] + ([subject[2]] if subject else []))
        return add_agency(reg, agency_id, s.text[a_start:a_end], ev), anchor
    if subject is None or not subject[1]:
        return None, 0
    return add_agency(reg, subject[1], "", None), subject[2]


_POSSESSIVE_GAP = re.compile(r"\s*['’]s\s+")


def _acting_body(text: str, regulatory: list[tuple[str, int, int]]) -> tuple[str, int, int]:
    """The body that acted: "the FDA's Oncologic Drugs Advisory Committee" is the committee, a
    part of the agency named first; otherwise the first regulator named."""
    for (_parent, _a, parent_end), part in zip(regulatory, regulatory[1:], strict=False):
        if _POSSESSIVE_GAP.fullmatch(text, parent_end, part[1]) and part[0].startswith(DYNAMIC):
            return part
    return regulatory[0]


def _kind_of(agency_id: str) -> str:
    if agency_id.startswith(DYNAMIC):
        return "regulatory"
    # "the EU" is matched only where a regulatory act is stated; here one is
    return next((row[3] for row in agency_patterns() if row[0] == agency_id), "").removesuffix("-contextual")


def _event(
    document: Document,
    s: Sentence,
    regulator: str,
    action: str,
    what: str,
    product: str | None,
    by_issuer_re: re.Pattern[str],
    n: int,
) -> Event:
    values = {"action": action, "what": what, "by_issuer": "true" if by_issuer_re.search(s.text) else "false"}
    roles: dict[str, tuple[str, ...]] = {"regulator": (regulator,)}
    if product:
        roles["product"] = (product,)
    method = "pattern:regulatory-" + action.replace(" ", "-")
    return Event(f"regulatory-{n}", "regulatory-action", roles, values, s.evidence(document, method))


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
