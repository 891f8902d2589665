"""Clinical trials: product, phase (normalised), indication, status, partners, sites, locations.

A trial starts at a sentence naming a trial with a status verb ("set to begin", "completed");
a following "This ... trial/protocol" sentence adds to it; a "similar ... trial" is a new trial of
the same product. Hedged sentences ("may delay ... trials") and mere mentions are skipped.
"""

from __future__ import annotations

import re

from pressgraph.extract._sentences import Sentence, compiled, is_boilerplate
from pressgraph.extract.entities import CAPWORD, org_kind, places_in, plausible_org, products_in
from pressgraph.extract.partners import partner_mentions
from pressgraph.model import Document, Event, ReleaseMetadata
from pressgraph.resolve import Registry

_TRIAL = re.compile(r"\b(?:trials?|study|studies)\b", re.I)
_HEDGE = re.compile(r"\b(?:may|might|could)\b", re.I)
_CONTINUE = re.compile(r"^(?:-\s*)?(?:This|The|That)\b.{0,60}?\b(?:trial|study|protocol)\b")
_SIMILAR = re.compile(r"\b(?:similar|second|another)\b[^.]{0,30}\b(?:trial|study)\b", re.I)
_INDICATION = re.compile(
    r"\bfor (?:the treatment of |patients with )?((?:[a-z][\w-]*[\s-]+){0,4}(?:fractures|disease|disorders?|cancers?|syndrome|infections?|pain|tumors|neuralgia|allergies|failure|injury|[a-z]+itis|[a-z]+oma))\b"  # noqa: E501
)
_NOT_INDICATION = {"the", "a", "an", "this", "that", "its", "our", "their", "each", "all", "several", "use", "approval"}
_FOR = re.compile(r"\bfor (?:the treatment of |patients with )?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})(?=\s+in\b|[.,;]|$)")
_MODIFIER = re.compile(r"\b(?i:a|an|the|its|our|this)\s+((?:[a-z][\w-]*\s+){1,3})(?:clinical\s+)?(?:trial|study)\b")
_DROP = {
    "a",
    "an",
    "the",
    "similar",
    "multi-center",
    "multicenter",
    "clinical",
    "initial",
    "pivotal",
    "randomized",
    "controlled",
    "open-label",
    "planned",
    "our",
    "its",
    "this",
    "second",
    "another",
}
_AT = re.compile(rf"\bat\s+(?:the\s+)?({CAPWORD}(?:\s+(?:of|for|and)\s+{CAPWORD}|\s+{CAPWORD}){{0,5}})")
_ANAPHOR = re.compile(r"\b(?:this|the)\s+(?:technology|product|therapy|drug|candidate|device)\b", re.I)


def phase_of(text: str) -> str | None:
    for regex, phase in compiled("phases.tsv"):
        if regex.search(text):
            return phase
    return None


def phases_in(text: str) -> list[str]:
    """Distinct phases named in ``text`` in reading order (Phase 1/2 wins over Phase 1 inside it)."""
    taken: list[tuple[int, int, str]] = []
    for regex, phase in compiled("phases.tsv"):
        for m in regex.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _p in taken):
                taken.append((m.start(), m.end(), phase))
    out: list[str] = []
    for _a, _b, phase in sorted(taken):
        if phase not in out:
            out.append(phase)
    if len(out) > 1 and "pivotal" in out:
        out.remove("pivotal")  # "pivotal Phase 3" is one trial, its numbered phase says more
    return out


def status_of(text: str) -> str | None:
    for regex, status in compiled("trial_status.tsv"):
        if regex.search(text):
            return status
    return None


def _indication(text: str) -> str | None:
    m = _INDICATION.search(text)
    if m:
        return m.group(1).strip()
    m = _FOR.search(text)
    if m and len(m.group(1).split()) <= 4 and m.group(1).split()[0] not in _NOT_INDICATION:
        return m.group(1)
    m = _MODIFIER.search(re.sub(r"\bPhase\s*[IV\d/ab]+\b", " ", text))
    if m:
        words = [w for w in m.group(1).split() if w.lower() not in _DROP]
        if words and not any(w in {"of", "for", "in", "with", "to", "begin"} for w in words):
            return " ".join(words)
    return None


def extract(  # noqa: C901 (one pass over a sentence's cues; split when next touched)
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    del metadata
    drafts: list[dict] = []
    last_product: str | None = None
    last_index = -100
    for s in sents:
        if is_boilerplate(s) or s.text.isupper():
            continue
        mentioned = products_in(reg, s.text)
        if mentioned:
            last_index = s.index
        if not _TRIAL.search(s.text) or _HEDGE.search(s.text):
            last_product = mentioned[-1][0] if mentioned else last_product
            continue
        status, phase = status_of(s.text), phase_of(s.text)
        continuing = drafts and _CONTINUE.search(s.text) and not status and drafts[-1]["paragraph"] == s.paragraph
        if not continuing and not status:
            last_product = mentioned[-1][0] if mentioned else last_product
            continue
        phases = phases_in(s.text)
        if not continuing and len(phases) > 1:
            for extra in phases[1:]:
                drafts.append(_new_draft(s, extra, status))
                drafts[-1]["product"] = (
                    mentioned[0][0] if mentioned else (last_product if s.index - last_index <= 3 else None)
                )
            phase = phases[0]
        if continuing:
            draft = drafts[-1]
        else:
            draft = {
                "product": None,
                "phase": phase,
                "indication": None,
                "status": status,
                "partners": [],
                "sites": [],
                "locations": [],
                "paragraph": s.paragraph,
                "sentences": [s],
            }
            if _SIMILAR.search(s.text) and drafts:
                draft["product"] = drafts[-1]["product"]
            elif not mentioned and _ANAPHOR.search(s.text):
                draft["product"] = last_product
            drafts.append(draft)
        if mentioned and not draft["product"]:
            draft["product"] = mentioned[0][0]
        if continuing:
            draft["sentences"].append(s)
        draft["phase"] = draft["phase"] or phase
        indication = _indication(s.text)
        if indication and (continuing or not draft["indication"]):
            draft["indication"] = indication
        for key, _role, _ev in partner_mentions(document, s, reg):
            if key not in draft["partners"]:
                draft["partners"].append(key)
        for m in _AT.finditer(s.text):
            name = m.group(1).rstrip(".")
            if plausible_org(name) and org_kind(name) in {"university", "hospital", "organization", "foundation"}:
                key = reg.add(org_kind(name), name, s.evidence(document, "pattern:trial-site", m.start(1), m.end(1)))
                draft["sites"].append(key)
                if key not in draft["partners"]:
                    draft["partners"].append(key)
        for name, a, b in places_in(s.text):
            key = reg.add("place", name, s.evidence(document, "pattern:place", a, b))
            if key not in draft["locations"]:
                draft["locations"].append(key)
        last_product = draft["product"] or last_product
    kept = [d for d in drafts if d["product"] or d["phase"]]
    warnings = [
        f"trials: neither product nor phase, skipped: {d['sentences'][0].text[:80]!r}"
        for d in drafts
        if not (d["product"] or d["phase"])
    ]
    return [_event(document, i, d) for i, d in enumerate(kept, 1)], warnings


def _new_draft(s: Sentence, phase: str | None, status: str | None) -> dict:
    return {
        "product": None,
        "phase": phase,
        "indication": None,
        "status": status,
        "partners": [],
        "sites": [],
        "locations": [],
        "paragraph": s.paragraph,
        "sentences": [s],
    }


def _event(document: Document, number: int, draft: dict) -> Event:
    first, last = draft["sentences"][0], draft["sentences"][-1]
    start = first.span(0, len(first.text))[0]
    end = last.span(0, len(last.text))[1]
    roles = {"partner": tuple(draft["partners"]), "site": tuple(draft["sites"]), "location": tuple(draft["locations"])}
    if draft["product"]:
        roles["product"] = (draft["product"],)
    values = {k: draft[k] for k in ("phase", "indication", "status") if draft[k]}
    from pressgraph.model import Evidence

    quote = " ".join(document.text[start:end].split())
    return Event(
        f"trial-{number}",
        "clinical-trial",
        {k: v for k, v in roles.items() if v},
        values,
        Evidence(start, end, quote, "pattern:clinical-trial"),
    )
