"""Row labels → financial concepts, from the label-synonym lexicon ``lexicons/gaap_labels.tsv``.

A label the lexicon does not know gets a concept minted from its words ("Grants and other" →
``GrantsAndOther``), so no figure is dropped for want of a standard name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pressgraph.resources import lexicon_rows


@dataclass(frozen=True)
class ConceptRule:
    pattern: re.Pattern[str]
    concept: str
    period: str  # "duration" | "instant"
    nature: str  # "credit" | "debit" | "none"
    unit: str


@dataclass(frozen=True)
class ConceptMatch:
    concept: str
    is_gaap: bool
    period: str | None
    nature: str | None
    unit: str | None


def normalise_label(label: str) -> str:
    """Lower case, "&" → "and", footnote marks and punctuation dropped, spaces collapsed."""
    text = label.lower().replace("&", " and ")
    text = re.sub(r"\(\s*\d{1,2}\s*\)|\*+", " ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def concept_rules() -> tuple[ConceptRule, ...]:
    rules = []
    for pattern, concept, period, nature, unit in lexicon_rows("gaap_labels.tsv"):
        rules.append(ConceptRule(re.compile(pattern), concept, period, nature, unit))
    return tuple(rules)


def match_concept(label: str) -> ConceptMatch:
    """The US-GAAP concept of a row label, or a minted one (``is_gaap`` False)."""
    norm = normalise_label(label)
    for rule in concept_rules():
        if rule.pattern.match(norm):
            if rule.concept == "-":
                return ConceptMatch(mint_concept(norm), False, rule.period, rule.nature, rule.unit)
            return ConceptMatch(rule.concept, True, rule.period, rule.nature, rule.unit)
    return ConceptMatch(mint_concept(norm), False, None, None, None)


def mint_concept(label: str) -> str:
    words = normalise_label(label).split()[:8]
    name = "".join(w.capitalize() for w in words) or "Unlabelled"
    return name if name[0].isalpha() else "X" + name


@lru_cache(maxsize=1)
def _successors() -> tuple[tuple[str, str, date], ...]:
    rows = []
    for old, new, since in lexicon_rows("gaap_successors.tsv"):
        rows.append((old, new, date.fromisoformat(since)))
    return tuple(rows)


def concept_of_its_time(concept: str, period_end: date) -> str:
    """The element the taxonomy used for a period: "net sales" of 2023 is
    RevenueFromContractWithCustomerExcludingAssessedTax (ASC 606), of 2004 SalesRevenueNet."""
    for old, new, since in _successors():
        if concept == old and period_end >= since:
            return new
    return concept
