"""Organisation names in prose, found from their own shape, not from a list of names.

An organisation name is a run of capitalised words (with "of", "and", "&", "for", "the" inside)
that either ends in a legal form ("Beyond Air, Inc.", "GEM Global Yield LLC SCS", "Laevoroc
Immunology AG", "CK Life Sciences Int'l., (Holdings) Inc.") or is headed by an organisation
word ("Stanford University", "University of Virginia", "Children's Hospital of Boston",
"Medical College of Wisconsin", "AIDS Clinical Trials Group", "Cure Cancer Foundation",
"Evanston Northwestern Healthcare"). Words that open a sentence ("In", "Through") are not part
of a name; a run that is a whole capitalised headline is not a name at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pressgraph.names import legal_suffixes
from pressgraph.resources import lexicon_rows

_WORD = r"(?:[A-Z][\w'’.\-]*[\w.)]|[A-Z]|\d+[A-Za-z]*|[a-z]{1,4}[A-Z][\w'’.\-]*)"
_LINK = r"(?:of|and|&|for|the|de|du|di|la|le|van|von|der|y|at|in)"
_RUN = rf"{_WORD}(?:\s+(?:{_LINK}\s+)*{_WORD}){{0,8}}"
_OPENERS = {
    "In",
    "On",
    "As",
    "At",
    "By",
    "For",
    "With",
    "From",
    "Through",
    "Under",
    "Today",
    "The",
    "A",
    "An",
    "And",
    "Our",
    "Its",
    "This",
    "These",
    "Both",
    "Each",
    "Additionally",
    "Also",
    "Separately",
    "Recently",
    "Previously",
    "During",
    "After",
    "Before",
    "Following",
    "While",
    "When",
    "If",
    "Dr.",
    "Mr.",
    "Ms.",
    "Prof.",
    "Ph.D.",
    "PhD",
    "M.D.",
    "MD",
    "MBA",
    "Contact",
    "Contacts",
    "Media",
    "Investors",
    "About",
    "Details",
    "Source",
    "SOURCE",
}
_TITLE_WORDS = re.compile(
    r"""^(?:Chief|President|Director|Vice|Senior|Executive|Head|      # "Chief Executive Officer", "Vice President"
          Professor|Prof\.|Founder|Co-Founder|Chairman|Chair|          # "Professor of ...", "Co-Founder and ..."
          CEO|CFO|COO|CMO|CSO|                                         # "CEO of ..."
          Manager|Managing|General|Partner|Principal|Member|           # "Managing Director", "General Partner"
          Fellow|Dean|Chancellor)\b                                    # academic titles
    """,
    re.VERBOSE,
)
_GENERIC_START = re.compile(
    r"""^(?:Marketing|Public|Business|Strategic|Investor|Media|Corporate|  # "Investor Relations", "Media Contact"
          Financial|Scientific|Clinical|Research|Development|              # "Clinical Development"
          Global|International|National|Regulatory|Medical|Government)\b  # "Global Regulatory Affairs"
    """,
    re.VERBOSE,
)
_NOT_ORG = re.compile(
    r"""^(?:The\s+)?(?:Company|Corporation|Group|Partners|Fund|Foundation|Institute)$  # "The Company", "Foundation"
      | Securities\ Litigation                                                      # "... Securities Litigation"
      | ^(?:Corporate|Investor|Public|Marketing|Media|Business)                     # "Investor Relations",
         \s+(?:Communications|Relations|Development|Affairs)$                       # "Corporate Communications"
    """,
    re.VERBOSE,
)
_TRAILING = {"of", "and", "&", "for", "the", "de", "at", "in"}
_ABBREVIATED = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Int['’]l|L\.L\.C|L\.P|N\.V|S\.A|B\.V|P\.C|S\.p\.A|S\.r\.l|K\.K)\.$")


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    name: str
    kind: str  # company | university | hospital | foundation | organization


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    words = {s.rstrip(".") for s in legal_suffixes()}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _heads() -> dict[str, str]:
    return {row[0]: row[1] for row in lexicon_rows("org_types.tsv")}


# Both patterns start a name only where a word starts: from inside a word ("AbCdAbCd..." as one
# 4 KB token) every capital was a start that ran to the token's end and back (quadratic), and a
# name glued to the word before it ("Contact DetailsOrion PR, Inc.") is not read as a name.
@lru_cache(maxsize=1)
def _legal_re() -> re.Pattern[str]:
    suffix = "|".join(re.escape(s).replace(r"\.", r"\.?") for s in _suffixes())
    return re.compile(
        rf"(?<![A-Za-z0-9])(?P<name>{_RUN})(?:,?\s+\((?:Holdings|Group|International|USA|US|UK)\))?,?\s+"
        rf"(?P<suffix>(?:{suffix})\.?(?:\s+(?:{suffix})\.?)?)(?![\w-])"
    )


@lru_cache(maxsize=1)
def _headed_re() -> re.Pattern[str]:
    heads = "|".join(re.escape(h) for h in sorted(_heads(), key=len, reverse=True))
    return re.compile(
        rf"(?<![A-Za-z0-9])(?P<name>(?:{_WORD}(?:\s+(?:{_LINK}\s+)*{_WORD}){{0,6}}\s+)?(?:{heads})"
        rf"(?:\s+(?:of|for|at)(?:\s+the)?\s+{_WORD}(?:\s+{_WORD}){{0,3}}){{0,2}})(?![\w])"
    )


# "X, a wholly owned subsidiary of Y": what the issuer's division, or a division's listed parent,
# is called (the release issued by the division, and its contact lines, name both)
PART_OF = r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:division|subsidiary|unit|business)\s+of\s+"


@lru_cache(maxsize=1)
def _person_title_re() -> re.Pattern[str]:
    """A person's name and title run into the firm on a contact line ("Jane Doe Chief Executive
    Officer Acme Corp."): the firm starts after the title."""
    from pressgraph.extractors.people import title_alt

    return re.compile(rf"(?:[A-Z][a-z]+\s+){{2,3}}(?P<title>(?i:{title_alt()}))\s+(?=[A-Z])")


# the words a person's title ends in ("Vice President", "Chief Executive Officer"); a title
# lexicon entry such as "Corporate Communications" is also a firm's name ("Skyline Corporate
# Communications Group, LLC")
_ROLE_HEADS = frozenset(
    "officer president director chairman chairwoman chair ceo cfo coo cmo cso founder co-founder manager head".split()
)


_CAPS_PERSON = re.compile(r"^(?:[A-Z][A-Z'’.-]+\s+){2,}(?=[A-Z][a-z])")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence openers, a person's name in capitals before it ("JANE DOE Acme PR, Inc."),
    and dangling link words at the edges of a run."""
    caps = _CAPS_PERSON.match(text[start:end])
    if caps:
        start += caps.end()
    name = text[start:end]
    words = name.split()
    while len(words) > 1 and (words[0] in _OPENERS or words[0].lower() in _TRAILING):
        start += name.index(words[1], len(words[0]))
        name = text[start:end]
        words = name.split()
    while words and words[-1].lower() in _TRAILING:
        end = start + name.rindex(words[-1])
        name = text[start:end].rstrip()
        end = start + len(name)
        words = name.split()
    return start, end


def _kind(name: str, legal: bool) -> str:
    for head, kind in sorted(_heads().items(), key=lambda h: -len(h[0])):
        if re.search(rf"\b{re.escape(head)}\b", name):
            return "company" if legal and kind == "company" else kind
    return "company" if legal else "organization"


def org_mentions(text: str) -> list[OrgMention]:
    """Organisation names in ``text`` (longest reading at each place), in reading order."""
    if text.isupper():
        return []
    found: list[OrgMention] = []
    for m in _legal_re().finditer(text):
        start, _ = _trim(text, m.start("name"), m.end("name"))
        signed = _person_title_re().match(text, start, m.end("name"))
        if signed and signed.group("title").split()[-1].lower() in _ROLE_HEADS:
            start = signed.end()
        end = m.end("suffix")
        if text[end - 1] == "." and not _ABBREVIATED.search(text[start:end]):
            end -= 1  # "Endeavour Trust Corporation." ends a sentence, not an abbreviation
        for a, b in _split_list(text, start, end, legal=True):
            found.append(OrgMention(a, b, text[a:b], _kind(text[a:b], True)))
    for m in _headed_re().finditer(text):
        start, end = _trim(text, m.start("name"), m.end("name"))
        if any(o.start <= start < o.end or start <= o.start < end for o in found):
            continue
        for a, b in _split_list(text, start, end, legal=False):
            name = _cut_of_tail(text[a:b].rstrip("."))
            if len(name.split()) < 2 and not re.match(r"[A-Z]{2,}", name):
                continue
            found.append(OrgMention(a, a + len(name), name, _kind(name, False)))
    return sorted(_plausible(found), key=lambda o: o.start)


def _split_list(text: str, start: int, end: int, legal: bool) -> list[tuple[int, int]]:
    """ "GEM Global Yield LLC SCS and GEM Yield Bahamas Limited" and "Harvard Medical School
    Department of Neurology and Children's Hospital of Boston" are two names each: a list joined
    by "and" where both sides are names of their own (a legal form, or an organisation word)."""
    name = text[start:end]
    for m in re.finditer(r",?\s+and\s+", name):
        left, right = name[: m.start()], name[m.end() :]
        if _GENERIC_START.match(right):
            continue  # "SVM Public Relations and Marketing Communications" is one firm
        if (_has_suffix(left) if legal else _has_head(left)) and (_has_suffix(right) or _has_head(right)):
            cut = start + m.end()
            return [(start, start + len(left)), *_split_list(text, cut, end, legal)]
    return [(start, end)]


def _has_suffix(name: str) -> bool:
    last = name.split()[-1].rstrip(".,") if name.split() else ""
    return last in _suffixes()


def _has_head(name: str) -> bool:
    return any(re.search(rf"\b{re.escape(h)}\b", name) for h in _heads())


def _cut_of_tail(name: str) -> str:
    """ "AIDS Clinical Trials Group of the National Institutes of Health": an "of" tail that is
    an organisation of its own names the parent, not the name."""
    m = re.search(r"\s+of\s+(?:the\s+)?(.+)$", name)
    if m and _has_head(m.group(1)) and _has_head(name[: m.start()]) and len(name[: m.start()].split()) >= 2:
        return name[: m.start()]
    return name


def _plausible(found: list[OrgMention]) -> list[OrgMention]:
    out = []
    for o in found:
        o = _after_title(_after_possessive(_after_glue(o)))
        words = o.name.split()
        if not words or len(words) > 12 or o.name.isupper() and len(o.name) > 60 or _NOT_ORG.search(o.name):
            continue
        if words[0].rstrip(".,") in _suffixes():
            continue  # "LLC and X": the tail of a list cut after a suffix
        out.append(o)
    return out


_GLUED = re.compile(
    r"""(?:Officer|Director|President|Manager|                 # a title run into a name: "OfficerAcme"
          Relations|Details|Contacts?|Source|Media|Investors|  # a label run into a name: "ContactJane"
          Biosciences|Therapeutics|Pharmaceuticals|            # a company word run on: "TherapeuticsJohn"
          Inc\.?|Corp\.?|LLC)                                  # a legal suffix run on: "Inc.Media"
       (?=[A-Z0-9])                                            # ... right before a capital or a digit
    """,
    re.VERBOSE,
)


def _after_glue(o: OrgMention) -> OrgMention:
    """ "David ShapiroChief Executive OfficerAcme Digital, Inc": wire copies run contact lines
    together; the name starts after the last word glued to the next one."""
    cut = max((m.end() for m in _GLUED.finditer(o.name)), default=0)
    return OrgMention(o.start + cut, o.end, o.name[cut:], o.kind) if cut else o


def _after_title(o: OrgMention) -> OrgMention:
    """ "President and CEO of Acme Bio", "Professor of Genetics at the X Institute": the
    organisation is what follows the title's last "of"/"at"."""
    if not _TITLE_WORDS.match(o.name):
        return o
    cut = max((m.end() for m in re.finditer(r"\s(?:of|at|for)\s+(?:the\s+)?", o.name)), default=-1)
    if cut < 0:
        return OrgMention(o.start, o.start, "", o.kind)
    return OrgMention(o.start + cut, o.end, o.name[cut:], o.kind)


def _after_possessive(o: OrgMention) -> OrgMention:
    """ "California-based Acme, Inc." and "Acme Inc.’s Life Science Company": the name proper."""
    m = re.match(r"^[A-Z][\w.-]*-based\s+", o.name)
    if m:
        return OrgMention(o.start + m.end(), o.end, o.name[m.end() :], o.kind)
    m = re.search(r"['’]s\s", o.name)
    if m and _has_suffix(o.name[: m.start()]):
        return OrgMention(o.start, o.start + m.start(), o.name[: m.start()], o.kind)
    return o
