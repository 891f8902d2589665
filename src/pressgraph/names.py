"""Words every stage needs the same way: slugs, legal suffixes, months, dotted abbreviations.

This is a base module (see docs/ARCHITECTURE.md): the reader, the extractors, entity resolution
and IRI minting all import it, and it imports nothing of theirs. Each piece of knowledge here has
one home: the legal-form suffixes are the lexicon ``lexicons/legal_suffixes.txt``; month names
come from :mod:`calendar`; the abbreviations whose dot does not end a sentence are listed once,
for the sentence splitter and for the reader that joins hard-wrapped lines.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import cache

from pressgraph.resources import lexicon_rows

# --- months ----------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
"""Month name, abbreviation or "sept" (lower case) → month number."""
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

FULL_MONTHS: tuple[str, ...] = tuple(name for name in calendar.month_name if name)
SHORT_MONTHS: tuple[str, ...] = tuple(name for name in calendar.month_abbr if name)  # "Jan" ... "Dec"
WEEKDAYS: tuple[str, ...] = tuple(calendar.day_name)
MONTH_ALTERNATION = "|".join(sorted(MONTHS, key=len, reverse=True))
"""Every key of :data:`MONTHS`, longest first, for a regex alternation (match it case-insensitively)."""

# --- abbreviations ---------------------------------------------------------------------------------

ABBREVIATIONS: tuple[str, ...] = (
    *("Inc", "Corp", "Co", "Ltd"),  # legal forms written with a dot
    *("Dr", "Prof", "Mr", "Ms", "Mrs", "Jr", "Sr", "St", "No", "vs"),  # titles and short words
    *(r"U\.S", r"U\.K", r"M\.D", r"Ph\.D", r"e\.g", r"i\.e"),  # dotted initialisms
    *("Calif", "Mass", "Mich"),  # state abbreviations of datelines
    *("Jan", "Feb", "Mar", "Apr", "Aug", "Sept?", "Oct", "Nov", "Dec"),  # months (May, June, July are whole)
)
"""Words (as regex parts) whose final dot does not end a sentence; a single capital letter (an
initial: "Morton S.") does not either."""
ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]|" + "|".join(ABBREVIATIONS) + r")\.)$")
"""Matches text that ends with an abbreviation's dot."""

# --- slugs and legal suffixes ------------------------------------------------------------------------


def slugify(text: str) -> str:
    """``"Acme Biologics, Inc."`` → ``"acme-biologics-inc"`` (ASCII, lower, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "unnamed"


@cache
def legal_suffixes() -> tuple[str, ...]:
    """The legal-form words of ``lexicons/legal_suffixes.txt`` as written there ("S.A.", "LLC")."""
    return tuple(row[0] for row in lexicon_rows("legal_suffixes.txt"))


@cache
def legal_suffix_alternation(all_caps: bool = True) -> str:
    """The lexicon's legal forms as one regex group, longest first, without a final dot:
    ``(?:Incorporated|S\\.p\\.A|...|Co)``; with ``all_caps`` also their capitalised spelling
    ("LTD", "INC"), for a pattern matched case-sensitively."""
    forms = {s.rstrip(".") for s in legal_suffixes()}
    if all_caps:
        forms |= {f.upper() for f in forms}
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))) + ")"


@cache
def _legal_suffix_pattern() -> re.Pattern[str]:
    return re.compile(r"[,\s]+" + legal_suffix_alternation(all_caps=False) + r"\.?$", re.IGNORECASE)


def strip_legal_suffix(name: str) -> str:
    """Drop trailing legal-form words: ``"Acme Pharma, Inc."`` → ``"Acme Pharma"``."""
    previous = None
    while previous != name:
        previous = name
        name = _legal_suffix_pattern().sub("", name).strip(" ,.")
        name = re.sub(r"[,\s]+(?:and|&)$", "", name)
    return name


# --- release ids ----------------------------------------------------------------------------------

RELEASE_ID_LENGTH = 16


def content_release_id(sha256: str) -> str:
    """A release's id: the first 16 hex digits of the sha256 of its text.

    Identity by content, not by file name (issue 12): the same text read under another name
    mints the same IRIs, so storing it again replaces its graph instead of doubling its trials
    and figures, and two different texts that share a file name stay two releases. The file
    name stays on the release as ``pg:sourceFile`` and in the store's catalog, which is where
    ``pressgraph remove NAME`` finds it. 64 bits: a collision needs 2^32 crafted texts, and
    whoever can write to the store can remove a release outright anyway.
    """
    digest = sha256.lower()
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        from pressgraph.errors import ExtractionError

        raise ExtractionError(f"not a sha256 digest: {sha256[:80]!r}")
    return digest[:RELEASE_ID_LENGTH]
