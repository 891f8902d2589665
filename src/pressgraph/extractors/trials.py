"""Clinical trials: name, product, phase (normalised), indication, status, partners, sites, locations.

A trial starts at a sentence naming a trial with a status verb ("set to begin", "completed");
a following "This/The ... trial" sentence in the same paragraph adds to it; a "similar ... trial"
is a new trial of the same product. A trial with a name of its own ("the VANTAGE 1 pivotal
Phase 3 trial", "AlphaCure-2 clinical study") is one trial wherever the release names it, and
a sibling name ("Vantage 2" after "VANTAGE 1") belongs to the same product. Hedged sentences
("may delay ... trials") and mere mentions are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pressgraph.extractors._products import owned_by_other
from pressgraph.extractors._sentences import Sentence, compiled, first_label, is_boilerplate
from pressgraph.extractors.entities import (
    CAPWORD,
    agencies_in,
    issuer_names,
    org_kind,
    places_in,
    plausible_org,
    products_in,
)
from pressgraph.extractors.families import EventFamily, Judge, Shortcut, register
from pressgraph.extractors.partners import partner_mentions
from pressgraph.model import BlockKind, Document, Event, Evidence, ReleaseMetadata
from pressgraph.resolve import Registry, norm

_TRIAL = re.compile(r"\b(?:trials?|study|studies)\b(?!\s+reports?\b)", re.I)
# a study code: "(LDOS006)", "NCT05351502", or a code that opens "X is a ... study"
_CODE = re.compile(
    r"\((?P<paren>[A-Z]{2,}[A-Z-]*\d{3,})\)|\b(?P<nct>NCT\d{8})\b|^(?P<lead>[A-Z]{2,}[A-Z-]*\d{3,}) is an?\b"
)
_HEDGE = re.compile(r"\b(?:may|might|could)\b", re.I)
_PRECLINICAL = re.compile(
    r"""\b(?:pre-?clinical|non-?clinical|toxicology|tox|animal   # "preclinical", "GLP toxicology"
          |IND-enabling|in\s+vitro|in\s+vivo|GLP                # "IND-enabling", "in vivo"
          |mouse|murine|rodent|primate                          # "a murine model"
          |stability|bioequivalence\s+feasibility)              # "stability", "bioequivalence feasibility"
       \s+(?:[\w-]+\s+){0,2}$                                   # ... up to two words before "study"
    """,
    re.I | re.VERBOSE,
)
_CONTINUE = re.compile(r"^(?:-\s*)?(?:This|The|That)\b.{0,60}?\b(?:trial|study|protocol)\b")
_BARE_DEFINITE = re.compile(r"^(?:-\s*)?(?:The|This)\s+(?:trial|study)\b")
_DEFINITE = re.compile(
    r"""\b(?:the|this|that|our|its)\s+(?:[\w-]+\s+){0,2}?                # "the ongoing", "our pivotal"
       Phase\s*(?:[IV]+|\d)[ab]?(?:\s*/\s*(?:[IV]+|\d)[ab]?)?\s+        # "Phase 2b", "Phase I/II"
       (?:[\w-]+\s+){0,2}?(?:trial|study|portion|part|cohort|program)\b  # "... dose-expansion cohort"
    """,
    re.I | re.VERBOSE,
)
_SIMILAR = re.compile(r"\b(?:similar|second|another)\b[^.]{0,30}\b(?:trial|study)\b", re.I)
_INDICATION = re.compile(
    r"""\b(?:for\ (?:the\ treatment\ of\ |patients\ with\ )?              # "for the treatment of"
          |in\ the\ treatment\ of\                                       # "in the treatment of"
          |(?:trials?|study|studies)\ in\ (?:patients\ with\ )?          # "a study in patients with"
          |in\ patients\ with\ )                                         # "in patients with"
       ((?:[a-z][\w-]*[\s-]+){0,4}                                       # "moderate-to-severe atopic"
        (?:fractures|disease|disorders?|cancers?|syndrome|infections?    # "... disease", "... syndrome"
          |pain|tumors|neuralgia|allergies|failure|injury                # "... heart failure"
          |[a-z]+itis|[a-z]+oma))\b                                      # "dermatitis", "glioblastoma"
    """,
    re.VERBOSE,
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
    "ongoing",
    "current",
    "currently",
    "upcoming",
    "completed",
    "previously",
    "recent",
    "recently",
    "first",
    "new",
    "proposed",
    "potential",
    "global",
    "additional",
    "further",
    "larger",
    "human",
    "first-in-human",
    "exploratory",
    "registrational",
    "confirmatory",
    "dose-escalation",
    "dose-ranging",
    "double-blind",
    "placebo-controlled",
    "crossover",
    "interim",
    "chronic",
    "whole",
    "entire",
    "portion",
}
_AT = re.compile(rf"\bat\s+(?:the\s+)?({CAPWORD}(?:\s+(?:of|for|and)\s+{CAPWORD}|\s+{CAPWORD}){{0,5}})")
_ANAPHOR = re.compile(r"\b(?:this|the)\s+(?:technology|product|therapy|drug|candidate|device)\b", re.I)
# A trial's own name right before its descriptors and "trial"/"study": an all-capitals word
# ("VANTAGE 1", "STAR-3"), a camel-case word ("AlphaCure-2") or a capitalised word with a
# number ("Vantage 2"). A plain capitalised word ("Pivotal Study") is not a name.
_NAMED = re.compile(
    r"""\b([A-Z][A-Z0-9]{2,}(?:[- ]\d{1,2}[A-Za-z]?)?          # "VANTAGE 1", "STAR-3"
         |[A-Z][a-z]+[A-Z][A-Za-z]*(?:-\d{1,2})?             # "AlphaCure-2"
         |[A-Z][a-z]{2,}[- ]\d{1,2})                         # "Vantage 2"
       \s+(?:(?i:pivotal|clinical|registrational|confirmatory|randomized
                |phase\s*(?:[IV]+|\d)[ab]?(?:\s*/\s*(?:[IV]+|\d))?)\s+){0,3}  # "pivotal Phase 3"
       (?i:trial|study)\b                                    # "trial", "Study"
    """,
    re.VERBOSE,
)
# A study spelled out with its abbreviation: "the Heart and Lung Outcomes Study (HALOS)". The
# abbreviation must be the initials of the name's capitalised words, so "the Study (NCI)" is not one.
_SPELLED = re.compile(
    r"""\b(?P<full>(?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|in|on|the|with)\s+)*){1,8}(?:Study|Trial|Initiative))
        \s*\((?P<abbr>[A-Z][A-Z-]{1,12}[A-Z])\)
    """,
    re.VERBOSE,
)
_NOT_NAME = {"phase", "part", "stage", "cohort", "group", "arm", "year", "week", "month", "the", "this", "our"}


@dataclass
class _Draft:
    """A trial being put together from the sentences that speak of it."""

    first: Sentence
    phase: str | None = None
    status: str | None = None
    name: str | None = None
    product: str | None = None
    indication: str | None = None
    partners: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    nearby: str | None = None  # the product spoken of just before: the trial's product if it names none

    def __post_init__(self) -> None:
        self.sentences.append(self.first)

    @property
    def paragraph(self) -> int:
        return self.sentences[-1].paragraph


_PHASE_CLASS = {"Phase 1a": "Phase 1", "Phase 1b": "Phase 1", "Phase 2b": "Phase 2", "Phase 3b": "Phase 3"}


def phase_class(phase: str | None) -> str | None:
    """The answer keys' coarser classes: 1a/1b are Phase 1, 2b is Phase 2, 3b Phase 3; Phase 2/3
    and Phase 4 are "other". The graph keeps the phase as printed (normalised)."""
    if phase in ("Phase 2/3", "Phase 4"):
        return "other"
    return _PHASE_CLASS.get(phase or "", phase)


# "trials through Phase II of clinical development": how far a business model goes, not a trial's
# phase; the phase look-ups below never read it
_SPAN = re.compile(r"\b(?:through|up\s+to|until)\s+(?:the\s+end\s+of\s+)?Phase\s*(?:[IV]+|\d)[a-c]?\b", re.I)


def phase_of(text: str) -> str | None:
    return first_label("phases.tsv", _SPAN.sub(" ", text))


def phases_in(text: str) -> list[str]:
    """Distinct phases named in ``text`` in reading order (Phase 1/2 wins over Phase 1 inside it)."""
    taken: list[tuple[int, int, str]] = []
    text = _SPAN.sub(" ", text)
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


def _clinical(text: str) -> bool:
    """A clinical trial is spoken of: a numbered phase, or a trial word that is not a preclinical
    ("toxicology studies", "in vivo studies") one."""
    if phase_of(text) not in (None, "pivotal"):
        return True
    return any(not _PRECLINICAL.search(text[max(0, m.start() - 40) : m.start()]) for m in _TRIAL.finditer(text))


def status_of(text: str) -> str | None:
    return first_label("trial_status.tsv", text)


def trial_name(text: str, reg: Registry, metadata: ReleaseMetadata) -> str | None:
    """The trial's own name in ``text``, if it names one; products, agencies and the issuer are not."""
    issuer = {norm(n) for n in issuer_names(metadata)}
    for m in _CODE.finditer(text):
        code = m.group("paren") or m.group("nct") or m.group("lead")
        if not products_in(reg, code) and not agencies_in(code):
            return code
    for m in _NAMED.finditer(text):
        name = m.group(1)
        head = re.split(r"[- ]", name)[0]
        if re.fullmatch(r"[IVX]+", head) or text[max(0, m.start() - 6) : m.start()].lower().strip() == "phase":
            continue
        if head.lower() in _NOT_NAME or norm(name) in issuer or norm(head) in issuer or agencies_in(name):
            continue
        if products_in(reg, name) or re.fullmatch(r"[A-Z]+", name) and _is_acronym_of_phrase(name, text):
            continue
        return name
    return None


def spelled_studies(text: str) -> list[str]:
    """The abbreviations of the studies ``text`` spells out with their initials, in reading order."""
    out = []
    for m in _SPELLED.finditer(text):
        initials = "".join(w[0] for w in m.group("full").split() if w[0].isupper())
        if initials == m.group("abbr").replace("-", "") and m.group("abbr") not in out:
            out.append(m.group("abbr"))
    return out


def _is_acronym_of_phrase(name: str, text: str) -> bool:
    """``(ACIT)`` after a spelled-out phrase is an abbreviation, not a trial name."""
    return f"({name})" in text


def _is_title(s: Sentence) -> bool:
    """A headline or title line: its status words ("Topline Results for ...") say less than prose."""
    return s.block.kind in (BlockKind.HEADLINE, BlockKind.SUBHEADLINE) or not s.text.rstrip().endswith((".", "!", "?"))


def _stem(name: str) -> str:
    return norm(re.sub(r"[- ]?\d{1,2}[A-Za-z]?$", "", name))


def _indication(text: str) -> str | None:
    m = _INDICATION.search(text)
    if m:
        return m.group(1).strip()
    m = _FOR.search(text)
    if (
        m
        and len(m.group(1).split()) <= 4
        and m.group(1).split()[0] not in _NOT_INDICATION
        and not _TRIAL.search(m.group(1))
    ):
        return m.group(1)
    m = _MODIFIER.search(re.sub(r"\bPhase\s*[IV\d/ab]+\b", " ", text))
    if m:
        words = [w for w in m.group(1).split() if w.lower() not in _DROP and not re.match(r"\d", w)]
        if words and not any(w in {"of", "for", "in", "with", "to", "begin"} for w in words):
            return " ".join(words)
    return None


class _Reader:
    """One pass over the sentences, keeping the drafts and the product last spoken of."""

    def __init__(self, document: Document, metadata: ReleaseMetadata, reg: Registry) -> None:
        self.document, self.metadata, self.reg = document, metadata, reg
        self.drafts: list[_Draft] = []
        self.last_product: str | None = None
        self.last_index = -100

    def read(self, s: Sentence) -> None:
        mentioned = products_in(self.reg, s.text)
        if mentioned:
            self.last_index = s.index
        # "Completed additional Phase 1 work with ...": a numbered phase speaks of a trial without the word
        if not _clinical(s.text) or _HEDGE.search(s.text):
            self._remember(mentioned)
            return
        status = status_of(s.text)
        spelled = spelled_studies(s.text)
        if spelled:
            self._spelled(s, spelled, status, mentioned)
            return
        name = trial_name(s.text, self.reg, self.metadata)
        draft = self._draft_for(s, status, name, mentioned)
        if draft is None:
            self._remember(mentioned)
            return
        if mentioned and not draft.product:
            draft.product = mentioned[0][0]
        draft.phase = draft.phase or phase_of(s.text)
        draft.name = draft.name or name
        continued = draft.sentences[-1] is not s  # a draft begun earlier: this sentence adds to it
        indication = _indication(s.text)
        if indication and (continued or not draft.indication):
            draft.indication = indication
        if continued:
            draft.sentences.append(s)
        self._participants(draft, s)
        self.last_product = draft.product or self.last_product

    def _spelled(self, s: Sentence, names: list[str], status: str | None, mentioned: list[tuple[str, int]]) -> None:
        """Studies the sentence spells out by name: each one trial, told with or without a status
        word; of the product the sentence names, if any (not of one named sentences before)."""
        phase = phase_of(s.text) if len(names) == 1 else None
        for name in names:
            draft = self._named(name)
            if draft is None:
                draft = _Draft(s, phase=phase, status=status, name=name)
                draft.product = mentioned[0][0] if mentioned else None
                self.drafts.append(draft)
            elif draft.sentences[-1] is not s:
                draft.sentences.append(s)
            self._participants(draft, s)
        self._remember(mentioned)

    def _named(self, name: str) -> _Draft | None:
        """The trial already told under this name, if any."""
        return next((d for d in self.drafts if d.name and norm(d.name) == norm(name)), None)

    def _remember(self, mentioned: list[tuple[str, int]]) -> None:
        self.last_product = mentioned[-1][0] if mentioned else self.last_product

    def _draft_for(
        self, s: Sentence, status: str | None, name: str | None, mentioned: list[tuple[str, int]]
    ) -> _Draft | None:
        """The draft this sentence speaks of: a named trial again, the last one continued, or new ones."""
        if name and (same := self._named(name)):
            if status and (not same.status or _is_title(same.first)):
                same.status = status
            return same
        if not name and (again := self._referred(s, mentioned)):
            if status and (not again.status or _is_title(again.first)):
                again.status = status
            return again
        last = self.drafts[-1] if self.drafts else None
        if last and not name and not mentioned and _BARE_DEFINITE.match(s.text) and not phase_of(s.text):
            if (
                s.index - last.sentences[-1].index <= 3
            ):  # "The trial will be conducted at four sites": the one just told
                last.status = last.status or status
                return last
        if last and _CONTINUE.search(s.text) and last.paragraph == s.paragraph and not name:
            new_product = mentioned and last.product and mentioned[0][0] != last.product
            phase = phase_of(s.text)
            if not status or not (new_product or (phase and last.phase and phase != last.phase)):
                last.status = status or last.status
                return last
        if not status:
            return None
        phases = phases_in(s.text)
        for extra in phases[1:]:
            draft = _Draft(s, phase=extra, status=status)
            draft.product = (
                mentioned[0][0] if mentioned else (self.last_product if s.index - self.last_index <= 3 else None)
            )
            self.drafts.append(draft)
        draft = _Draft(s, phase=phases[0] if phases else None, status=status, name=name)
        draft.nearby = self.last_product if s.index - self.last_index <= 2 else None
        if _SIMILAR.search(s.text) and self.drafts:
            draft.product = self.drafts[-1].product
        elif not mentioned and _ANAPHOR.search(s.text):
            draft.product = self.last_product
        self.drafts.append(draft)
        return draft

    def _referred(self, s: Sentence, mentioned: list[tuple[str, int]]) -> _Draft | None:
        """ "the ongoing Phase 2b trial", "the Phase 1b portion of the study": a definite phrase
        with one phase speaks of the trial of that phase already told, of the same product."""
        m = _DEFINITE.search(s.text)
        if not m or _SIMILAR.search(s.text):
            return None
        phase = phase_of(m.group(0))
        product = mentioned[0][0] if mentioned else None
        for draft in reversed(self.drafts):
            if draft.phase == phase and (product is None or draft.product in (None, product)):
                return draft
        return None

    def _participants(self, draft: _Draft, s: Sentence) -> None:
        document, reg = self.document, self.reg
        for key, _role, _ev in partner_mentions(document, s, reg):
            if key not in draft.partners:
                draft.partners.append(key)
        for m in _AT.finditer(s.text):
            name = m.group(1).rstrip(".")
            if plausible_org(name) and org_kind(name) in {"university", "hospital", "organization", "foundation"}:
                key = reg.add(org_kind(name), name, s.evidence(document, "pattern:trial-site", m.start(1), m.end(1)))
                draft.sites.append(key)
                if key not in draft.partners:
                    draft.partners.append(key)
        for name, a, b in places_in(s.text):
            key = reg.add("place", name, s.evidence(document, "pattern:place", a, b))
            if key not in draft.locations:
                draft.locations.append(key)


def _siblings(drafts: list[_Draft]) -> None:
    """A numbered sibling trial ("Vantage 2" after "VANTAGE 1") studies the same product."""
    for draft in drafts:
        if draft.name and not draft.product:
            kin = [d for d in drafts if d is not draft and d.name and d.product and _stem(d.name) == _stem(draft.name)]
            if kin:
                draft.product = kin[0].product
                draft.indication = draft.indication or kin[0].indication


def _merge_headlines(drafts: list[_Draft]) -> list[_Draft]:
    """A trial the headline tells ("first patient dosed with X in a new Phase 1/2 trial") and the
    body tells again without its phase ("a clinical study of X is now underway") is one trial:
    the body's, with the headline's phase, when the body has exactly one trial of X that has no
    phase or the same one."""
    kept = list(drafts)
    for head in drafts:
        if not head.product or not all(_is_title(s) for s in head.sentences):
            continue
        body = [
            d
            for d in kept
            if d is not head
            and d.product == head.product
            and not all(_is_title(s) for s in d.sentences)
            and d.phase in (None, head.phase)
        ]
        if len(body) != 1 or (head.name and body[0].name and norm(head.name) != norm(body[0].name)):
            continue
        body[0].phase = body[0].phase or head.phase
        body[0].name = body[0].name or head.name
        _add_participants(body[0], head)
        kept.remove(head)
    return kept


_DONE = {"completed", "results"}


def _merge_outcomes(drafts: list[_Draft]) -> list[_Draft]:
    """ "Completion of our Phase 1 study of X" and, later, "Phase 1 results of X": one trial, told
    twice. Only finished trials of the same product, phase and name merge; a planned or ongoing
    trial of the same phase may be another one."""
    kept: list[_Draft] = []
    for draft in drafts:
        same = next(
            (
                k
                for k in kept
                if draft.product
                and draft.phase
                and (k.product, k.phase, k.name) == (draft.product, draft.phase, draft.name)
                and {k.status, draft.status} <= _DONE
            ),
            None,
        )
        if same is None:
            kept.append(draft)
            continue
        same.sentences.extend(draft.sentences)
        same.indication = same.indication or draft.indication
        _add_participants(same, draft)
    return kept


def _add_participants(into: _Draft, other: _Draft) -> None:
    """The partners, sites and places of ``other`` that ``into`` lacks (one trial told twice)."""
    for role in ("partners", "sites", "locations"):
        getattr(into, role).extend(x for x in getattr(other, role) if x not in getattr(into, role))


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry
) -> tuple[list[Event], list[str]]:
    reader = _Reader(document, metadata, reg)
    for s in sents:
        if not (is_boilerplate(s) or s.text.isupper()):
            reader.read(s)
    _siblings(reader.drafts)
    only = _only_product(reg) or _lead_product(sents, reg)
    for draft in reader.drafts:
        draft.product = draft.product or draft.nearby or only
    _phases_told_elsewhere(reader.drafts, sents, reg)
    others = _others_trials(sents, metadata)
    told = [d for d in reader.drafts if (d.product or d.phase or d.name) and not _program_only(d)]
    kept = _merge_outcomes(_merge_headlines([d for d in told if d.name not in others]))
    warnings = [
        f"trials: neither product, phase nor name, skipped: {d.first.text[:80]!r}"
        for d in reader.drafts
        if not (d.product or d.phase or d.name)
    ]
    return [_event(document, i, d) for i, d in enumerate(kept, 1)], warnings


# "ZW-16, which received clearance to progress into Phase 1b development", "X is in Phase 2 trials":
# the phase a product's development is in, said outside the sentences that tell of its trial.
_INTO_PHASE = re.compile(
    r"""[^.;]{0,80}?\b(?:into|in|enter(?:s|ed|ing)?|begin(?:s|ning)?)\s+      # "... progress into"
        (?:an?\s+|the\s+|its\s+)?(?=phase\b)                                # "... a Phase"
    """,
    re.VERBOSE | re.IGNORECASE,
)


_PHASE_OF_DEVELOPMENT = re.compile(  # "Phase 1b development", "Phase 2 clinical trials", not "Phase 1 patients"
    r"phase\s*(?:[IV]+|\d)[a-c]?(?:\s*/\s*(?:[IV]+|\d)[a-c]?)?\s+(?:clinical\s+)?(?:development|trials?|stud(?:y|ies)|testing)\b",
    re.IGNORECASE,
)


def _phases_told_elsewhere(drafts: list[_Draft], sents: list[Sentence], reg: Registry) -> None:
    """A product's trial told without its phase takes the one phase the release puts that product
    in ("..., which received clearance to progress into Phase 1b development"), when the product
    has that one trial, none with a phase, and the release names no other phase for it."""
    counts: dict[str, int] = {}
    for d in drafts:
        if d.product and not d.phase:
            counts[d.product] = counts.get(d.product, 0) + 1
    bare = {key for key, n in counts.items() if n == 1} - {d.product for d in drafts if d.phase}
    if not bare:
        return
    told: dict[str, set[str]] = {}
    for s in sents:
        if is_boilerplate(s):
            continue
        mentions = products_in(reg, s.text)
        for n, (key, pos) in enumerate(mentions):
            stop = mentions[n + 1][1] if n + 1 < len(mentions) else len(s.text)
            m = _INTO_PHASE.match(s.text, pos, stop)
            tail = s.text[m.end() : min(stop, m.end() + 40)] if m and key in bare else ""
            phase = phase_of(tail[:16]) if _PHASE_OF_DEVELOPMENT.match(tail) else None
            if phase and phase != "pivotal":
                told.setdefault(key, set()).add(phase)
    for draft in drafts:
        phases = told.get(draft.product or "", set())
        if not draft.phase and len(phases) == 1:
            draft.phase = next(iter(phases))


def _others_trials(sents: list[Sentence], metadata: ReleaseMetadata) -> set[str]:
    """Trials the release names as another company's ("Zeta Pharma’s® Orion 6 phase 3a study"):
    the comparison, not the issuer's trial."""
    words = {w.lower() for n in issuer_names(metadata) for w in n.split() if len(w) > 2}
    return {m.group(1) for s in sents for m in _NAMED.finditer(s.text) if owned_by_other(s.text, m.start(), words)}


_SINGULAR_TRIAL = re.compile(r"\b(?:trial|study)\b", re.I)


def _program_only(draft: _Draft) -> bool:
    """ "Acme is conducting clinical studies of its lead drug": studies in the plural, with no phase,
    name or indication, tell of a clinical programme, not of one trial."""
    if draft.phase or draft.name or draft.indication:
        return False
    return not any(_SINGULAR_TRIAL.search(s.text) for s in draft.sentences)


def _only_product(reg: Registry) -> str | None:
    """A release about one product: its trials are of that product when they name none."""
    products = [e.key for e in reg.entities() if e.kind == "product"]
    return products[0] if len(products) == 1 else None


# no literal space: _LEAD is verbose
_LEAD_NOUN = r"(?:product|drug|asset|program|programme|compound|(?:(?:product|clinical|drug)\s+)?candidate)"
_LEAD = re.compile(
    rf"""\blead\s+{_LEAD_NOUN}\s*,\s+(?P<a>[^,.;()]{{2,60}}?)\s*[,.;(]  # "lead product, OKG-0303, is"
       | (?P<b>\b[A-Z][\w-]{{1,30}}),?\s+(?:is\s+)?                    # "OKG-0303 is"
         (?:our|its|the\s+company['’]s)\s+lead\s+{_LEAD_NOUN}\b        # "... the company's lead candidate"
    """,
    re.VERBOSE,
)


def _lead_product(sents: list[Sentence], reg: Registry) -> str | None:
    """The product the release calls its lead ("The company's lead product, OKG-0303, is ..."):
    what a trial named without its product concerns, when the release names one lead only."""
    leads: set[str] = set()
    for s in sents:
        for m in _LEAD.finditer(s.text):
            key = reg.find(m.group("a") or m.group("b"))
            draft = reg.get(key) if key else None
            if key and draft is not None and draft.kind == "product":
                leads.add(key)
    return leads.pop() if len(leads) == 1 else None


def _event(document: Document, number: int, draft: _Draft) -> Event:
    """The trial event; its evidence is the first run of sentences in one paragraph, preferring
    the body to the headline (a name repeated across the release is not one quote)."""
    runs: dict[int, list[Sentence]] = {}
    for s in draft.sentences:
        runs.setdefault(s.paragraph, []).append(s)
    body = [run for run in runs.values() if not _is_title(run[0])]
    run = (body or list(runs.values()))[0]
    start = run[0].span(0, len(run[0].text))[0]
    end = run[-1].span(0, len(run[-1].text))[1]
    roles = {"partner": tuple(draft.partners), "site": tuple(draft.sites), "location": tuple(draft.locations)}
    if draft.product:
        roles["product"] = (draft.product,)
    values = {
        k: v
        for k, v in (
            ("name", draft.name),
            ("phase", draft.phase),
            ("indication", draft.indication),
            ("status", draft.status),
        )
        if v
    }
    quote = " ".join(document.text[start:end].split())
    return Event(
        f"trial-{number}",
        "clinical-trial",
        {k: v for k, v in roles.items() if v},
        values,
        Evidence(start, end, quote, "pattern:clinical-trial"),
    )


def _same(gold: dict[str, Any], event: Event, judge: Judge) -> bool:
    return phase_class(gold.get("phase") or None) == phase_class(event.values.get("phase")) and judge.product_ok(
        gold.get("product"), event
    )


FAMILY = register(
    EventFamily(
        kind="clinical-trial",
        label="Clinical trial",
        ontology_class="ClinicalTrial",
        roles={"product": "product", "partner": "trialPartner", "site": "site", "location": "location"},
        values={"name": "trialName", "phase": "phase", "indication": "indication", "status": "status", "when": "when"},
        shortcuts=(
            Shortcut("event", "sponsor", "issuer"),
            Shortcut("issuer", "sponsorsTrial", "event"),
            Shortcut("product", "testedIn", "event"),
        ),
        extractor=extract,
        gold_key="trials",
        category="trials",
        same=_same,
        show_gold=lambda g: f"{g.get('product')} / {g.get('phase')}",
        show=lambda e, j: f"{j.show((e.roles.get('product') or [None])[0])} / {e.values.get('phase')}",
        order=30,
    )
)
