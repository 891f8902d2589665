"""People: everyone a release names with a role — quoted executives and scientists, the contacts
of every contact-block layout, management lists, appointments and departures.

Each rule is for a layout or a construction, never for a document:

- attributions: ``said NAME[, M.D.], TITLE [of ORG]``, ``NAME, TITLE [of ORG], said``, ``said
  [ORG] TITLE NAME``, ``NAME, TITLE of ORG:`` before a quote, ``according to NAME, TITLE``,
  ``by NAME, TITLE``;
- a title in front of a name: ``a webcast with Acme CEO Ann Cole, CFO Bob Dale, and ...``;
- management changes: ``appointed NAME as TITLE``, ``appointment of NAME as TITLE``, ``NAME has
  been appointed/promoted/named (as) TITLE``, ``replacing NAME``, ``will succeed NAME``, ``taking
  over from NAME, who continues to be TITLE``, ``resignation of its TITLE, NAME``, ``NAME will
  step down``, ``NAME, who decided to leave``;
- names marked as people wherever they stand: ``Dr. NAME``, ``Drs NAME and NAME``, ``NAME, M.D.``;
- short lines ``NAME, TITLE[, ORG]`` (management lists, signatures ``/s/ NAME (TITLE)``);
- contact blocks in every layout (see :func:`contacts_in`).

A name is a person's only when its words can be a name (none is an organisation, address, title,
month or place word, and not all are words of the issuer's name). Variants of one name ("Ann
Cole", "Ann B. Cole") are one person. A person's organisation is the one the role names
("CEO of X", "X's CEO", "X CEO", "TITLE, X Laboratories"), else the contact block's firm, else —
for a corporate title — the issuer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from pressgraph.extractors._sentences import Sentence, is_boilerplate
from pressgraph.model import Contact, Document, Evidence, ReleaseMetadata
from pressgraph.names import MONTHS, WEEKDAYS, legal_suffix_alternation, legal_suffixes
from pressgraph.resolve import Registry, norm
from pressgraph.resources import lexicon_rows

# --- lexicons -------------------------------------------------------------------------------------

_PARTICLES = frozenset("de van von der den da di du la le del della dos das ter bin ben al el".split())
_MONTHS = frozenset(MONTHS) | {day.lower() for day in WEEKDAYS}  # calendar words are no names
_ORG_KINDS = frozenset({"company", "organization", "university", "hospital", "foundation", "agency"})


def _words(lexicon: str) -> list[str]:
    """The entries of a one-column lexicon."""
    return [r[0].strip() for r in lexicon_rows(lexicon) if r and r[0].strip()]


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    """Title phrases, longest first, so that alternations prefer "Chief Executive Officer" to "Chief"."""
    return tuple(sorted(_words("titles.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _title_alt() -> str:
    """Regex of the title lexicon for use inside ``\\b(?i:...)\\b``, as a trie: the longest title
    at a position is tried first, as with a longest-first alternation, but each character is
    tested once rather than once per title (the patterns try it at every word of a sentence)."""
    return trie_regex(t.lower() for t in _titles())


# The title patterns, compiled once: they are too long for ``re``'s own cache to keep them while
# an ingest goes through hundreds of per-release patterns (names, issuers).
@lru_cache(maxsize=1)
def _titles_only() -> re.Pattern[str]:
    return re.compile(rf"(?:\s*(?:\b(?i:{_title_alt()})\b|and|of|&|,))+\s*")


@lru_cache(maxsize=1)
def _a_title() -> re.Pattern[str]:
    return re.compile(rf"\b(?i:{_title_alt()})\b")


@lru_cache(maxsize=1)
def _opening_title() -> re.Pattern[str]:
    return re.compile(rf"(?:(?i:{'|'.join(sorted(_TITLE_ADJECTIVES))})\s+)*\b(?i:{_title_alt()})\b")


_Trie = dict[str, "_Trie"]


def title_alt() -> str:
    """The title lexicon as a regex (see :func:`_title_alt`), for other extractors."""
    return _title_alt()


def trie_regex(words: Iterable[str]) -> str:
    """A regex matching exactly ``words``, longer words preferred where one extends another."""
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append("")  # the word may end here; longer ones were tried first
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return render(root)


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Common given names (lower case): evidence for a name where layout is weak."""
    return frozenset(w.lower() for w in _words("people_given_names.txt"))


@lru_cache(maxsize=1)
def _degree_alt() -> str:
    """Regex alternation of degrees, longest first ("Ph.D." before "PhD")."""
    return "|".join(re.escape(d) for d in sorted(_words("people_degrees.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    """Words that make a phrase an organisation: org-type heads, legal forms, company words."""
    words = {w.lower() for w in _words("people_org_words.txt")}
    words |= {r[0].lower() for r in lexicon_rows("org_types.tsv") if " " not in r[0]}
    words |= {s.rstrip(".").lower() for s in legal_suffixes()}
    return frozenset(words)


@lru_cache(maxsize=1)
def _org_phrase() -> re.Pattern[str]:
    """Organisation heads of several words ("Medical Center", "School of Medicine") at a phrase's end."""
    heads = sorted((r[0] for r in lexicon_rows("org_types.tsv") if " " in r[0]), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(h) for h in heads) + r")\b(?:\s+of\s+[A-Z][\w.]*)*\s*$")


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    """Words never part of a person's name: contact_stopwords.txt, organisation, legal-form, title,
    month and place words (a title word that is also a given name, such as "Dean", stays allowed)."""
    words = {w.lower() for w in _words("contact_stopwords.txt")}
    words |= {w.lower() for r in lexicon_rows("org_types.tsv") for w in r[0].split()}
    words |= _org_words()
    words |= {w.lower() for t in _titles() for w in re.findall(r"[A-Za-z][\w-]*", t) if len(w) > 2}
    words |= {w.lower() for line in _words("us_states.txt") + _words("countries.txt") for w in line.split()}
    words |= _MONTHS
    return frozenset(words - _given_names() - _PARTICLES - {"of", "the", "and"})


# --- names --------------------------------------------------------------------------------------

_UP, _LO = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # letters of Latin scripts: "Torbjørn", "Müller"
_HONORIFIC = r"(?:(?:Dr|Prof|Mr|Ms|Mrs|Mme|Sir|[Pp]rofessor)\.?\s+)"
_GIVEN = rf"(?:[{_UP}][{_LO}]+(?:-[{_UP}{_LO}][{_LO}]+)?|[A-Z]\.(?:\s?[A-Z]\.){{0,2}})"
_MIDDLE = rf"(?:[A-Z]\.(?:[A-Z]\.)*|[A-Z](?=\s)|[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?|\([{_UP}][{_LO}]+\))"
_SURNAME = rf"(?:[{_UP}][{_LO}]*[{_UP}]?[{_LO}]+(?:['’-][{_UP}]?[{_LO}]+)*|[A-Z]['’][A-Z][a-z]+)"
_PARTICLE = r"(?:de|van|von|der|den|da|di|du|la|le|del|della|dos|das|ter|bin|ben|al)"
NAME = (
    rf"{_GIVEN}(?:\s+{_MIDDLE}){{0,2}}(?:\s+{_PARTICLE}(?:\s+(?:der|den|la))?)?\s+{_SURNAME}"
    r"(?:,?\s+(?:Jr|Sr)\.?(?![\w])|\s+(?:II|III|IV)\b)?"
)
_NAME_RE = re.compile(NAME)


@lru_cache(maxsize=1)
def _degrees() -> str:
    """Degrees after a name (", M.D., Ph.D."), as a regex."""
    return rf"(?:,?\s*(?:{_degree_alt()})(?![\w]))*"


def clean_name(raw: str, issuer_words: frozenset[str] = frozenset()) -> str | None:
    """The person's name in ``raw`` (honorific, degrees, possessive dropped; capitals title-cased),
    or None when the words cannot be a person's name.

    >>> clean_name("Ms. Mary Ann Smith Lee"), clean_name("Capital Market Advisors")
    ('Mary Ann Smith Lee', None)
    """
    text = " ".join(raw.split()).strip(" ,;:-–—")
    text = re.sub(r"['’]s?$", "", text)
    text = re.sub(rf"^(?:{_HONORIFIC})+", "", text)
    text = re.sub(rf"{_degrees()}$", "", text).strip(" ,")
    if re.sub(r"[^A-Za-z]", "", text).isupper() and len(text) > 4:
        text = " ".join(w if len(w) <= 2 and w.endswith(".") else w.capitalize() for w in text.split())
    if not _NAME_RE.fullmatch(text):
        return None
    tokens = [t.strip(",.()") for t in text.split()]
    words = [t.lower() for t in tokens if len(t) > 1 and t.lower() not in _PARTICLES and not t.endswith(".")]
    if any(w in _not_name_words() for w in words) or not words:
        return None
    if issuer_words and all(w in issuer_words for w in words):
        return None
    lowered = [t.lower() for t in tokens]
    if lowered[0] in _PARTICLES - {"ben"} or any(t in _headline_words() for t in lowered[1:]):
        return None  # "El Amin" (a surname alone), "Ann Cole Will Initiate" (a headline)
    return text


@lru_cache(maxsize=1)
def _headline_words() -> frozenset[str]:
    """Verbs that follow a name in a title-case headline ("... Will Initiate", "... Named CEO")."""
    return frozenset(w.lower() for w in _words("metadata_headline_verbs.txt")) | {"will", "named", "appointed"}


def _name_parts(name: str) -> tuple[str, str, list[str]]:
    """(given, surname, middle) in lower case, for comparing variants of a name."""
    tokens = [t.strip(",.").lower() for t in name.replace(",", " ").split() if t.strip(",.")]
    tokens = [t for t in tokens if t not in {"jr", "sr", "ii", "iii", "iv"}]
    return tokens[0], tokens[-1], tokens[1:-1]


def same_person(a: str, b: str) -> bool:
    """Two spellings of one person: same given name and surname, middle names or initials optional.

    >>> same_person("Ann Cole", "Ann B. Cole"), same_person("Ann Cole", "Ann Dale")
    (True, False)
    """
    ga, sa, ma = _name_parts(a)
    gb, sb, mb = _name_parts(b)
    if sa != sb or not (ga == gb or (len(ga) <= 2 and gb.startswith(ga[0])) or (len(gb) <= 2 and ga.startswith(gb[0]))):
        return False
    short, long_ = (ma, mb) if len(ma) <= len(mb) else (mb, ma)
    return all(any(m == n or (len(m) <= 2 and n.startswith(m[0])) for n in long_) for m in short)


def _given_known(name: str) -> bool:
    """Whether the name opens with a common given name."""
    return name.split()[0].strip(".").lower() in _given_names()


# --- roles and organisations --------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What the rules need to know about the release: the issuer's names, the registry."""

    issuer: str
    names: tuple[str, ...]
    issuer_words: frozenset[str]
    reg: Registry | None = None
    city: str = ""

    @classmethod
    def of(
        cls, issuer: str | None, shorts: Iterable[str], reg: Registry | None = None, city: str | None = None
    ) -> Context:
        """The context of a release from its issuer's names, the registry and the dateline city."""
        names = tuple(n for n in (issuer or "", *shorts) if n)
        words = frozenset(w.lower() for n in names for w in re.findall(r"[A-Za-z][\w-]*", n))
        return cls(issuer or "", names, words, reg, (city or "").split(",")[0].strip())

    def is_issuer(self, org: str) -> bool:
        """The organisation is the issuer: one of its names, a name starting with one of them, or
        the first word of its name ("CEO of bioAcme")."""
        key = norm(org)
        first = norm(self.issuer).split()[0] if norm(self.issuer) else ""
        return bool(key) and (
            any(key == norm(n) or key.startswith(norm(n) + " ") for n in self.names if len(norm(n)) > 1)
            or (key == first and len(key) > 3 and key not in _org_words())
        )


def has_title(text: str) -> bool:
    """Whether the phrase holds a title word (the test that a phrase is a role)."""
    return bool(_any_title().search(text))


def _title_words(text: str) -> bool:
    """Every word is part of a title phrase (so the phrase is a role, not an organisation)."""
    return bool(_titles_only().fullmatch(text))


def is_org(text: str, ctx: Context) -> bool:
    """A phrase names an organisation: a legal form or organisation word in it, the issuer, or an
    organisation the release's registry already knows."""
    text = text.strip(" ,.")
    if not text or not (text[0].isupper() or re.match(r"[a-z]{1,6}[A-Z]", text)) or _title_words(text):
        return False
    words = [w.lower().strip(".,") for w in re.findall(r"[A-Za-z][\w.&'’-]*", text)]
    if len(words) == 1 and words[0] in _org_words():
        return False  # "Company", "Association": a word, not a name
    if any(w in _org_words() for w in words) or ctx.is_issuer(text) or _org_phrase().search(text):
        return True
    key = ctx.reg.find(text) if ctx.reg else None
    draft = ctx.reg.get(key) if ctx.reg and key else None
    return draft is not None and draft.kind in _ORG_KINDS


_LEGAL_ONLY = "(?i:" + legal_suffix_alternation(all_caps=False) + r")\.?"  # lexicons/legal_suffixes.txt
_ROLE_TAIL = re.compile(
    r"""\s+(?:effective|reporting|replacing|succeeding|taking   # "..., effective immediately", "reporting to"
          |who|where|which|following                          # "..., who joins from", "following the"
          |starting|beginning|until|since|after|as\s+of|on     # "starting January 1", "as of today"
          |in\s+(?:a|an|the|this|his|her)                      # "in a newly created role", "in his new role"
          |with\s+effect                                       # "with effect from"
          |to\s+(?:lead|oversee|head|drive|succeed|replace     # "to lead the company's", "to succeed"
                 |help|support|join)
          |bringing|and\s+(?:will|has|is|brings)               # "and will report to", "and brings"
       )\b.*$                                                  # ... to the end: not part of the title
    """,
    re.I | re.VERBOSE,
)


def split_role(role: str, ctx: Context) -> tuple[str, str]:
    """(title, organisation) of a role phrase.

    >>> ctx = Context.of("Acme Pharma, Inc.", ["Acme"])
    >>> split_role("Chief Executive Officer of Acme", ctx), split_role("Acme’s President", ctx)
    (('Chief Executive Officer', 'Acme'), ('President', 'Acme'))
    """
    role = " ".join(re.sub(r"\s*\((?:[“\"][^)]*|[A-Z]{2,5})\)", "", role).split()).strip(" ,;:-–—")
    role = _ROLE_TAIL.sub("", role)
    role = re.sub(rf"^(?:(?:{_degree_alt()}),\s*)+", "", role)
    role = re.sub(r"^(?:as\s+)?(?:(?:the|a|an|its|our|their|his|her)\s+)?(?:new\s+)?", "", role, flags=re.I)
    m = re.match(r"^(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s?\s+(?P<rest>.+)$", role)
    if m and has_title(m.group("rest")):
        return m.group("rest"), m.group("org")
    for sep in _role_separators(role):
        tail = role[sep.end() :]
        if (
            sep.start() > 0
            and has_title(role[: sep.start()])
            and not has_title(tail)
            and _org_tail(sep.group(), tail, ctx)
        ):
            return role[: sep.start()].strip(" ,"), tail.strip(" ,")
    return _org_in_front(role, ctx)


def _role_separators(role: str) -> list[re.Match[str]]:
    """Where an organisation may follow the title: the last " at ", the last comma, the first " of "
    ("principal investigator for the study at The University of Utah ..." → the university)."""
    ats = list(re.finditer(r"\s+at\s+(?:the\s+)?", role))
    commas = list(re.finditer(r",\s*", role))
    ofs = list(re.finditer(r"\s+(?:of|for|with)\s+(?:the\s+)?", role))
    return ats[::-1] + commas[::-1] + ofs


def _org_tail(sep: str, tail: str, ctx: Context) -> bool:
    """Whether the phrase after "of"/"at"/"," is the organisation (not "of Research", not "Inc.")."""
    if re.fullmatch(_LEGAL_ONLY, tail.strip()):
        return False
    if is_org(tail, ctx):
        return True
    return "at" in sep and bool(re.fullmatch(r"[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4}", tail.strip()))


_TITLE_ADJECTIVES = frozenset(
    "senior executive global interim acting founding former deputy associate assistant group co new "
    "chief vice general principal lead managing regional corporate exec sr asst assoc".split()
)


def _org_in_front(role: str, ctx: Context) -> tuple[str, str]:
    """An organisation printed before the title: "Acme CEO", "Orion Diagnostics, LLC President"."""
    m = _a_title().search(role)
    if not m or m.start() == 0:
        return role, ""
    words = role[: m.start()].split()
    kept = list(words)
    while kept and kept[-1].lower().strip(",.") in _TITLE_ADJECTIVES:
        kept.pop()
    front = " ".join(kept).strip(" ,")
    plain = all(w.lower().strip(",.") not in _not_name_words() for w in kept)
    if any(w.lower().strip(",.") in _title_tokens()[0] for w in kept):
        return role, ""  # "Audit Committee Chairperson", "Medical Affairs Director": a remit, not a firm
    if (
        front
        and front[0].isupper()
        and not front.endswith("-")
        and not has_title(front)
        and (is_org(front, ctx) or (plain and len(kept) <= 3))
    ):
        return " ".join(words[len(kept) :] + [role[m.start() :]]).strip(" ,"), front
    return role, ""


# --- what the rules find ------------------------------------------------------------------------


@dataclass
class Found:
    """One mention of a person with what its construction says about them."""

    name: str
    evidence: Evidence
    title: str = ""
    org: str = ""
    phone: str = ""
    method: str = ""
    contact: bool = False


def _found(name: str, evidence: Evidence, role: str, ctx: Context, method: str) -> Found | None:
    """A person from a prose match: the name cleaned, the role split into title and organisation;
    a role with a date or a dash in it is the dateline's text, not a title."""
    clean = clean_name(name, ctx.issuer_words)
    if clean is None or (ctx.city and norm(clean) == norm(ctx.city)):
        return None
    if re.search(r"\b(?:19|20)\d\d\b|—", role):
        role = ""
    title, org = split_role(role, ctx) if role else ("", "")
    if title and (len(title.split()) > 12 or not has_title(title)):
        title, org = "", org
    return Found(clean, evidence, title, org, method=method)


# --- prose: attributions, appointments, departures ------------------------------------------------

_VERB = (
    r"(?:said|says|stated|states|commented|comments|added|adds|noted|notes|explained|explains|remarked|"
    r"declared|continued|concluded|observed|emphasized|emphasised|highlighted|shared|believes|believed)"
)
_ROLE_END = (
    r"(?=\s*(?:\.(?![A-Za-z])|[;“”\"]|,\s*[“\"]|,\s+(?:who|adding|noting|explaining|and\s+(?:added|noted))\b|$))"
)


# How far a role phrase reaches on either side of its title word. Unbounded, a clause without a
# full stop (a hostile release's one 10 KB "sentence") made every candidate name try every later
# title and every later end: cubic. The longest real roles ("Executive Vice President, Global
# Regulatory Affairs and Quality Assurance of ...") stay well inside.
_ROLE_REACH = 120


@lru_cache(maxsize=1)
def _role() -> str:
    """A role phrase holding a title word, up to the end of its clause."""
    part = r"(?:[^.;:“”\"()]|\.(?=[A-Za-z,]|\s+[a-z]))"  # "U.S.", "Acme, Inc., said", "Inc. commented"
    return rf"(?P<role>{part}{{0,{_ROLE_REACH}}}?\b(?i:{_title_alt()})\b{part}{{0,{_ROLE_REACH}}}?)"


@lru_cache(maxsize=1)
def _new_role() -> str:
    """The role of an appointment: after "as", up to "effective", "reporting", "replacing", a comma."""
    return (
        rf"(?:(?:its|the|our|their|a|an)\s+)?(?:new\s+)?"
        rf"(?P<role>[^.;“”\"(,]{{0,{_ROLE_REACH}}}?\b(?i:{_title_alt()})\b[^.;“”\"(,]{{0,{_ROLE_REACH}}}?)"
        r"(?=\s*(?:[.;,(“\"]|$|\s+(?:effective|reporting|replacing|succeeding|taking|who|and\s+member|to\s+lead|"
        r"following|starting|with\s+effect)\b))"
    )


@lru_cache(maxsize=1)
def _attributions() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(method, regex) of the quote and appositive constructions; each has a ``name`` group."""
    hon, deg, role = _HONORIFIC + "?", _degrees(), _role()
    titles_cs = "|".join(re.escape(t) for t in _titles() if t[0].isupper())
    lead_role = rf"(?P<role>(?:[A-Z][\w&’'.-]*\s+){{0,3}}?(?:{titles_cs})(?:\s+(?:and|of|&)\s+[A-Z][\w-]*)*)"
    return tuple(
        (method, re.compile(regex))
        for method, regex in (
            ("said-name-title", rf"\b{_VERB}\s+{hon}(?P<name>{NAME}){deg},\s*{role}{_ROLE_END}"),
            ("name-title-said", rf"{hon}(?P<name>{NAME}){deg},\s*{role},?\s+{_VERB}\b"),
            ("said-title-name", rf"\b{_VERB}\s+{lead_role}\s+{hon}(?P<name>{NAME})(?=\s*(?:[,.;]|$))"),
            ("name-title-colon", rf"^\W*{hon}(?P<name>{NAME}){deg},\s*{role}\s*:"),
            ("according-to", rf"\b(?i:according\s+to)\s+{hon}(?P<name>{NAME}){deg},\s*{role}(?=\s*[,.;])"),
            ("said-name", rf"\b{_VERB}\s+{hon}(?P<name>{NAME}){deg}(?=\s*[.,]?\s*(?:$|[“\"]))"),
            ("title-comma-name", rf"(?<![\w-]){lead_role},\s+{hon}(?P<name>{NAME}){deg},?\s+{_VERB}\b"),
            (
                "by-name-title",
                rf"\b(?:by|with|from|featuring|including)\s+{hon}(?P<name>{NAME}){deg},\s*{role}"
                r"(?=\s*(?:[.;,]|$))",
            ),
            ("and-name-title", rf"\band\s+{hon}(?P<name>{NAME}){deg},\s*{role}(?=\s*(?:[.;,]|$))"),
            (
                "appositive",
                rf"{hon}(?P<name>{NAME}){deg},\s*{role},\s+(?:is|was|has|had|will|who|would|joined|leads)\b",
            ),
            (
                "name-is-title",
                rf"{hon}(?P<name>{NAME}){deg}\s+(?:is|was|serves\s+as|will\s+serve\s+as)\s+"
                rf"(?:the|a|an)\s+{role}(?=\s*[.;,]|$)",
            ),
            (
                "title-name",
                rf"(?<![\w-]){lead_role}\s+{hon}(?P<name>{NAME})"
                rf"(?=\s*[,.;)]|\s+(?:and|{_VERB}|will|has|is|was|who|to|at|of|for|in|on|with)\b|\s*$)",
            ),
            ("doctor", rf"\b(?:Dr|Prof|Professor)\.?\s+(?P<name>{NAME})"),
            (
                "degree",
                rf"(?<![\w.])(?P<name>{NAME}),\s*(?:M\.D\.|MD|Ph\.D\.|PhD|Pharm\.D\.|PharmD|DVM|MBBS|D\.Phil)(?![\w])",
            ),
        )
    )


@lru_cache(maxsize=1)
def _changes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(method, regex) of management changes: appointments, successions, departures."""
    hon, deg, new = _HONORIFIC + "?", _degrees(), _new_role()
    aside = r"(?:\s*\([^)]{0,40}\))?"
    appoint = (
        r"(?i:appoint(?:ed|s|ing)?|named|names|elect(?:ed|s)|promot(?:ed|es)|hired|hires|welcom(?:ed|es)|"
        r"appointments?\s+of|elections?\s+of|promotions?\s+of|hiring\s+of|additions?\s+of|nominations?\s+of|nominated)"
    )
    as_ = r"(?:as|to(?:\s+the\s+(?:position|role|post)\s+of)?|to\s+serve\s+as|who\s+will\s+serve\s+as)"
    was = r"(?:(?:has|have|had)\s+been\s+|was\s+|is\s+|will\s+be\s+|has\s+)?"
    leaves = (
        r"(?:decided\s+to\s+(?:leave|step\s+down|retire)|will\s+(?:step\s+down|retire|leave|depart)|stepped\s+down|"
        r"is\s+stepping\s+down|is\s+retiring|resigned|retired|departed)"
    )
    return tuple(
        (method, re.compile(regex))
        for method, regex in (
            ("appointed", rf"\b{appoint}\s+{hon}(?P<name>{NAME}){deg}{aside},?\s+{as_}\s+{new}"),
            (
                "was-appointed",
                rf"{hon}(?P<name>{NAME}){deg}{aside},?\s+{was}"
                rf"(?i:appointed|named|elected|promoted|hired)\s+(?:{as_}\s+)?{new}",
            ),
            (
                "joins-as",
                rf"{hon}(?P<name>{NAME}){deg}\s+(?:has\s+)?join(?:s|ed)\s+(?P<org>[A-Z][\w&.' -]{{1,60}}?)"
                rf"\s+as\s+{new}",
            ),
            (
                "continues-as",
                rf"{hon}(?P<name>{NAME}),\s+who\s+(?:continues|will\s+continue|remains|will\s+remain)\s+"
                rf"(?:to\s+(?:be|serve)\s+)?(?:as\s+)?{new}",
            ),
            (
                "departure-of",
                rf"\b(?:resignation|retirement|departure)\s+of\s+(?:its|our|the|their)\s+"
                rf"(?P<role>[^.;]{{3,120}}?),\s+{hon}(?P<name>{NAME})",
            ),
            (
                "succeeds",
                rf"\b(?:succeed(?:s|ing|ed)?|replac(?:e|es|ing|ed)|tak(?:ing|es)\s+over\s+from|took\s+over\s+from|"
                rf"previously\s+led\s+by)\s+{hon}(?P<name>{NAME})(?![\w])",
            ),
            ("leaves", rf"{hon}(?P<name>{NAME}){deg},?\s+(?:who\s+)?(?:has\s+|had\s+)?{leaves}"),
        )
    )


# constructions where a word in front marks where the name starts ("said", "Dr.", "by", "of")
_MARKED = frozenset(
    {"doctor", "said-name-title", "according-to", "by-name-title", "succeeds", "appointed", "departure-of"}
)


def _trim_left(text: str, i: int, j: int, ctx: Context) -> tuple[int, str]:
    """Where a name really starts when capitalised words run into it ("President and Chief Executive
    Officer Bob Dale" read as "Executive Officer Bob Dale"; a headline's "Appoints
    Ann B. Cole"): leading words are dropped while the rest is a name with a known given
    name and they are not. Returns the start and the dropped words."""
    dropped = ""
    while True:
        space = text.find(" ", i, j)
        if space < 0 or len(text[space + 1 : j].split()) < 2:
            break
        rest = clean_name(text[space + 1 : j], ctx.issuer_words)
        if clean_name(text[i:j], ctx.issuer_words) is not None and not (
            rest and _given_known(rest) and not _given_known(text[i:j])
        ):
            break
        dropped, i = f"{dropped} {text[i:space]}".strip(), space + 1
    return i, dropped


# the constructions whose pattern requires a title word (a role, a leading role or a new role);
# most sentences have none, and one search for a title spares them a dozen costly patterns
_NEEDS_TITLE = frozenset(
    {
        "said-name-title",
        "name-title-said",
        "said-title-name",
        "name-title-colon",
        "according-to",
        "title-comma-name",
        "by-name-title",
        "and-name-title",
        "appositive",
        "name-is-title",
        "title-name",
        "appointed",
        "was-appointed",
        "joins-as",
        "continues-as",
    }
)


@lru_cache(maxsize=1)
def _any_title() -> re.Pattern[str]:
    return re.compile(rf"\b(?i:{_title_alt()})\b")


def sentence_people(s: Sentence, document: Document, ctx: Context) -> list[Found]:
    """People named in one sentence by the attribution and management-change constructions."""
    found: list[Found] = []
    appointed_role = ""
    titled = has_title(s.text)
    for method, regex in _attributions() + _changes():
        if method in _NEEDS_TITLE and not titled:
            continue  # its role must hold a title word, and the sentence has none
        for m in regex.finditer(s.text):
            role = (m.groupdict().get("role") or "").strip()
            if method == "succeeds" and not role:
                role = appointed_role
            i, j = m.span("name")
            if method == "and-name-title" and not (
                _given_known(m.group("name")) or re.search(r"\s[A-Z]\.\s", m.group("name"))
            ):
                continue  # "... and Clinical Sciences, Director of ...": a name needs more than shape here
            if method not in _MARKED:
                i, dropped = _trim_left(s.text, i, j, ctx)
                role = f"{role} {dropped}".strip() if method.endswith("title-name") else role
            ev = s.evidence(document, f"pattern:{method}", i, j)
            person = _found(s.text[i:j], ev, role, ctx, method)
            if person is None:
                continue
            if m.groupdict().get("org") and not person.org:
                person.org = m.group("org").strip()
            if method in ("appointed", "was-appointed") and person.title:
                appointed_role = person.title
            found.append(person)
    for m in re.finditer(rf"\bDrs\.?\s+(?P<a>{NAME})\s+and\s+(?P<b>{NAME})", s.text):
        for group in ("a", "b"):
            ev = s.evidence(document, "pattern:doctors", m.start(group), m.end(group))
            person = _found(m.group(group), ev, "", ctx, "doctor")
            found.extend([person] if person else [])
    return found


# --- lines: "NAME, TITLE" on a line of its own, signatures -----------------------------------------


@lru_cache(maxsize=1)
def _line_regexes() -> tuple[re.Pattern[str], ...]:
    """``NAME (TITLE)`` and ``NAME, TITLE`` / ``NAME - TITLE`` lines, a signature's ``/s/`` allowed."""
    hon, deg = _HONORIFIC + "?", _degrees()
    return (
        re.compile(rf"^(?:/s/\s*)?{hon}(?P<name>{NAME}){deg}\s*\((?P<role>[^()]{{2,80}})\)\s*$"),
        re.compile(rf"^(?:/s/\s*)?{hon}(?P<name>{NAME}){deg}\s*(?:,|\s[-–—]\s|:)\s*(?P<role>[^:]{{2,100}})$"),
    )


def line_person(line: str, ctx: Context) -> tuple[str, str, str] | None:
    """(name, title, org) of a line that is only ``NAME[, M.D.], TITLE[, ORG]`` (or ``NAME - TITLE``,
    ``NAME (TITLE)``, ``/s/ NAME (TITLE)``); None for anything else, a sentence in particular."""
    for regex in _line_regexes():
        m = regex.match(line.strip())
        if not m:
            continue
        role = m.group("role").strip()
        if not has_title(role) or len(role.split()) > 14 or re.search(r"\b(?:said|is|was|will|has|have|are)\b", role):
            return None
        name = clean_name(m.group("name"), ctx.issuer_words)
        if name is None:
            return None
        title, org = split_role(role, ctx)
        return name, title, org
    return None


def listed_people(document: Document, ctx: Context) -> list[Found]:
    """People on short lines of their own: management lists, signature blocks, captions."""
    found = []
    lines = _lines(document.text, *document.body)
    for index, (start, raw) in enumerate(lines):
        line = raw.strip()
        if not 6 <= len(line) <= 120 or "  " in line:
            continue
        person = line_person(line, ctx) or _signature(line, lines[index + 1 : index + 3], ctx)
        if person is None:
            continue
        name, title, org = person
        at = start + raw.find(line)
        found.append(Found(name, _span_evidence(document, at, line, name, "pattern:name-title-line"), title, org))
    return found


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, line) of the non-empty lines of ``text[start:end]``."""
    out, pos = [], start
    for raw in text[start:end].split("\n"):
        if raw.strip():
            out.append((pos, raw))
        pos += len(raw) + 1
    return out


def _signature(line: str, after: list[tuple[int, str]], ctx: Context) -> tuple[str, str, str] | None:
    """A signature: "/s/ NAME" or "Name: NAME", its title on the next line ("(TITLE)", "Title: TITLE")."""
    m = re.match(rf"^(?:By:\s*)?(?:/s/|Name:)\s*(?P<name>{NAME})\s*$", line)
    if not m or (name := clean_name(m.group("name"), ctx.issuer_words)) is None:
        return None
    for _at, raw in after:
        role = re.match(r"^\s*(?:\((?P<a>[^()]{2,80})\)|Title:\s*(?P<b>.{2,80}))\s*$", raw)
        if role and has_title(role.group("a") or role.group("b")):
            return (name, *split_role(role.group("a") or role.group("b"), ctx))
    return name, "", ""


def _span_evidence(document: Document, at: int, text: str, name: str, method: str) -> Evidence:
    """Evidence for ``name`` inside ``text`` (which starts at ``at`` in the document)."""
    words = name.split()
    m = re.search(r"\s+".join(re.escape(w) for w in words), text, re.IGNORECASE) if words else None
    if m is None:
        m = re.search(re.escape(words[-1]), text, re.IGNORECASE) if words else None
    i, j = (m.start(), m.end()) if m else (0, len(text))
    return Evidence(at + i, at + j, " ".join(document.text[at + i : at + j].split()), method)


# --- contact blocks ---------------------------------------------------------------------------------

_CONTACT_LABEL = re.compile(
    r"""(?:^|(?<=[\s.:;>|)]))
    (?P<label>
        (?:(?i:media|investors?|press|company|corporate|public\s+relations|IR|PR|business\s+development|
               partnering|financial|analysts?|U\.?S\.?|EU|european|global)
           (?:\s+(?:and|&|/)\s+(?i:media|investors?|press|analysts?))?\s+(?:(?i:relations)\s+)?)?
        (?:[Cc]ontacts?|CONTACTS?)(?P<details>\s*(?i:details|information|info|persons?))?\s*(?::|[ \t]*$|(?=[A-Z]))
      | (?i:for\s+(?:further|more|additional)\s+(?:information|details))[^:\n.]{0,70}?(?::|(?i:contact)[ \t]*$)
      | (?i:please\s+contact)\s*:
      | [A-Z][\w&,/ ]{0,70}?\b(?i:inquiries|enquiries)\s*:
      | (?P<list>(?i:management|executive\s+officers|officers|leadership(?:\s+team)?|management\s+team))\s*:
    )""",
    re.VERBOSE | re.MULTILINE,
)
_END_LINE = re.compile(
    r"""^\s*(?:About\b                                            # "About Acme Therapeutics"
            |Forward|Safe\s+Harbor|Cautionary|Statements           # "Forward-Looking Statements"
            |Except\s+for|This\s+(?:press|news)\s+release          # "This press release contains ..."
            |-{3,}|\+{3,}|\#{1,3}\s*$                              # rules: "---", "+++", "###"
            |\[|!\[                                                # a Markdown link or image
            |View\s+(?:the\s+)?(?:original|source)                 # "View original content ..."
            |SOURCE\b|Source:|Company\s+Website                    # "SOURCE Acme", "Company Website"
            |Notes?\s+to\s+editors|Disclaimer|Location\s*:         # "Notes to editors"
            |Press\s+Releases?\s*$)                                # a site's "Press Releases" link
    """,
    re.I | re.VERBOSE,
)
_INLINE_END = re.compile(
    r"""\s(?:SOURCE:|Source:|About\s+[A-Z]|\#\#\#              # "SOURCE:", "About Acme", "###"
          |Click\s+here|Twitter\b|LinkedIn\b|Facebook\b      # the links of a site's footer
          |View\s+(?:the\s+)?(?:original|source)             # "View original content"
          |\[Original|Forward-Looking|Safe\s+Harbor)         # "[Original release]", "Forward-Looking Statements"
    """,
    re.VERBOSE,
)
_EMAIL = re.compile(r"(?<![A-Za-z])[A-Za-z][\w.%-]*@[\w-]+(?:\.[A-Za-z][\w-]*)+")
PHONE = re.compile(
    r"""(?:(?:Tel|Phone|Ph|P|T|Mobile|Cell|Office|Direct)\.?\s*:?\s*)?  # "Tel.:", "Mobile", "P:"
        (?:\+\s?\d{1,3}[\s.-]?)?                                       # "+1 ", "+44"
        \(?\d{2,4}\)?[\s.-]?\d{2,4}[\s.-]\d{2,5}                       # "(212) 555-0100", "020 7946 0958"
        (?:[\s.-]\d{2,5})?                                             # a fourth group: "+33 1 23 45 67"
        (?:\s*(?:ext\.?|x)\s*\d{1,5})?                                 # "ext. 204", "x12"
    """,
    re.VERBOSE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+")
# Where fields of a contact block are glued together, one zero-width cut point per kind of glue.
_GLUE = re.compile(
    r"""(?<=[a-z0-9.)])(?=(?:E|P|T|F|M|Tel|Phone|Fax|Email|E-mail|Mobile|Cell|Web|Website)\s?:)  # "Inc.E:", ".comP:"
      | (?<=[a-z])(?=(?:CEO|CFO|COO|CMO|CSO|CTO|Chief|President|Vice\s+President|Head\s+of|Director|Managing|
                      Senior|Founder)\b)                                                    # "ColeCEO"
      | (?<=\b(?:CEO|CFO|COO|CMO|CSO|CTO))(?=[a-z])                                         # "CEOcorporate@"
      | (?<=Officer|Manager)(?=[A-Z]|[a-z][\w.]*@)                                           # "OfficerAcme Corp."
      | (?<=President)(?=[A-Z]|[a-z][\w.]*@) | (?<=Director)(?=[A-Z]|[a-z][\w.]*@)            # "Directorcorporate@"
      | (?<=\d)(?=[A-Z][a-z]) | (?<=[a-z]{2})(?=\d)                                          # "7687Thomas", "Tower40"
      | (?<=Details)(?=[A-Z]) | (?=https?://)                                                # "Contact DetailsAcme"
    """,
    re.VERBOSE,
)


def contacts_in(document: Document, issuer: str | None, shorts: Iterable[str] = ()) -> tuple[Contact, ...]:
    """The people of the release's contact blocks, with phone, title and organisation.

    Layouts: one field per line ("Contact: NAME / TITLE / PHONE"), fields flattened into one line
    ("CONTACT: Bob Dale Managing Director Orion Advisors, LLC bob@..."), glued fields
    ("Ann B. ColeCEO, Acme, Inc.E: ..."), columns side by side (spaces or "|"), several
    people joined by "or", a firm named above its people, "both of ORG" after them.
    """
    ctx = Context.of(issuer, shorts)
    out: list[Contact] = []
    for found in region_people(document, ctx, contacts=True):
        if any(same_person(c.name, found.name) for c in out):
            continue
        org = _ADDRESS.sub("", found.org).strip(" ,") if found.org else issuer
        out.append(Contact(found.name, found.phone or None, org or issuer, found.title or None, found.evidence))
    return tuple(out)


# A street address run into the firm's name in a flattened contact block: "Acme Corp.1200 Harbor
# Drive, Suite 801 ..." is the firm "Acme Corp." and where it sits.
_ADDRESS = re.compile(
    r"""\s*\d{1,6}\s+(?:[A-Z][\w.'-]*\s+){1,4}
        (?:Drive|Dr\.|Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Way|Lane|Parkway|Pkwy\.
          |Court|Place|Plaza|Circle|Highway|Square)\b.*$""",
    re.VERBOSE | re.DOTALL,
)


def region_people(document: Document, ctx: Context, contacts: bool) -> list[Found]:
    """People of the contact regions (``contacts``) or of the management lists (not ``contacts``)."""
    out: list[Found] = []
    for start, end, is_list, firm_first in _regions(document.text, *document.body):
        if is_list == contacts:
            continue
        for column in _columns(document.text, start, end):
            out.extend(_column_people(document, column, ctx, contacts, firm_first))
    return out


def _regions(text: str, body_start: int, body_end: int) -> list[tuple[int, int, bool, bool]]:
    """(start, end, is a management list, opens with the firm) of every labelled contact region.

    Under "Contact Details" the first field is the firm ("Contact DetailsOrion Public Relations")."""
    regions: list[tuple[int, int, bool, bool]] = []
    for m in _CONTACT_LABEL.finditer(text, body_start, body_end):
        if regions and m.start() < regions[-1][1]:  # a label inside a region starts the next one
            regions[-1] = (regions[-1][0], m.start(), *regions[-1][2:])
        end = min(_region_end(text, m.end()), body_end)
        regions.append((m.end(), end, bool(m.group("list")), bool(m.group("details"))))
    return [r for r in regions if r[1] > r[0]]


def _region_end(text: str, start: int) -> int:
    """A region runs to an end line ("About ...", a source link, a long sentence) or 14 lines;
    a region inside a long flattened line runs to an end marker or 400 characters."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    stop = _INLINE_END.search(text, start, min(line_end, start + 400))
    if stop or line_end - start > 150:
        return stop.start() if stop else min(line_end, start + 400)
    pos, lines = line_end + 1, 0
    while pos < len(text) and lines < 14:
        nxt = text.find("\n", pos)
        nxt = len(text) if nxt < 0 else nxt
        line = text[pos:nxt]
        if line.strip() and (_END_LINE.match(line) or _is_prose(line) or _looks_like_headline(line)):
            return pos
        lines += bool(line.strip())
        pos = nxt + 1
    return min(pos, len(text))


def _is_prose(line: str) -> bool:
    """A sentence, not a run of contact fields: many words, a good share of them in lower case."""
    words = line.split()
    return len(words) > 20 and sum(w[0].islower() for w in words) >= 0.4 * len(words)


def _looks_like_headline(line: str) -> bool:
    """A line of five or more words all in capitals: a headline, where a contact block ends."""
    words = re.findall(r"[A-Za-z]+", line)
    return len(words) >= 5 and all(w.isupper() for w in words)


def _columns(text: str, start: int, end: int) -> list[list[tuple[int, str]]]:
    """The region's pieces, column by column, each with its offset in the text.

    Columns are cells split by "|" (their index is the column) or by runs of three or more spaces
    (their position is the column, when at least two positions recur).
    """
    cells: list[tuple[int, int, str]] = []  # (column key, offset, text)
    pos = start
    line_start = text.rfind("\n", 0, start) + 1
    for raw in text[start:end].split("\n"):
        # the first line keeps its label's width, so that its cells keep their column positions
        base, pad = (line_start, " " * (start - line_start)) if pos == start else (pos, "")
        cells.extend(_cells(pad + raw, base))
        pos += len(raw) + 1
    keys = sorted({c for c, _a, _t in cells})
    counts = {k: sum(1 for c, _a, _t in cells if c == k) for k in keys}
    multi = sum(1 for k in keys if counts[k] >= 2) >= 2
    columns: dict[int, list[tuple[int, str]]] = {}
    for col, at, cell in cells:
        key = _column_of(col, keys) if multi else 0
        columns.setdefault(key, []).extend(_cut(cell, at))
    return [columns[k] for k in sorted(columns)]


def _cells(line: str, at: int) -> list[tuple[int, int, str]]:
    """(column key, offset, text) of the cells of one line; "|" cells are keyed by index (+1000)."""
    if "|" in line:
        out, pos = [], 0
        for i, part in enumerate(line.split("|")):
            if part.strip():
                out.append((1000 + i, at + pos + len(part) - len(part.lstrip()), part.strip()))
            pos += len(part) + 1
        return out
    return [(m.start(), at + m.start(), m.group()) for m in re.finditer(r"\S+(?:[ ]{1,2}\S+)*", line)]


def _column_of(col: int, keys: list[int]) -> int:
    """Cells starting within a few characters of one another are one column."""
    group = keys[0]
    for key in keys:
        if key - group > 6 and key <= col:
            group = key
        if key >= col:
            break
    return group


def _cut(cell: str, at: int) -> list[tuple[int, str]]:
    """Split a cell into fields: at glue points, around e-mails, phones and links, around "or"."""
    cuts = {0, len(cell)}
    cuts |= {m.start() for m in _GLUE.finditer(cell)}
    for regex in (_EMAIL, _URL, PHONE):
        for m in regex.finditer(cell):
            if regex is not PHONE or len(re.sub(r"\D", "", m.group())) >= 7:
                cuts |= {m.start(), m.end()}
    for m in re.finditer(r"(?:,\s*)?\bor\b\s*", cell):
        cuts |= {m.start(), m.end()}
    bounds = sorted(cuts)
    out = []
    for i, j in zip(bounds, bounds[1:], strict=False):
        piece = cell[i:j].strip(" ,;\t")
        if piece:
            out.append((at + i + cell[i:j].find(piece), piece))
    return out


@dataclass
class _Entry:
    """A person being read from a contact column, with what supports the reading of the name."""

    found: Found
    weak: bool
    heading: str = ""
    fields: int = 0  # title, org, phone lines attached


@dataclass
class _Column:
    """The reading state of one column: its entries, the group sharing the next fields, the firm."""

    entries: list[_Entry] = field(default_factory=list)
    group: list[_Entry] = field(default_factory=list)
    heading: str = ""
    joined: bool = False  # the last piece was "or"


def _column_people(
    document: Document, pieces: list[tuple[int, str]], ctx: Context, contact: bool, firm_first: bool = False
) -> list[Found]:
    """Read one column of a contact region into people (see :func:`contacts_in`)."""
    col = _Column()
    first = pieces[0][1] if pieces else ""
    person = clean_name(first, ctx.issuer_words)
    if (
        firm_first
        and first
        and not (_EMAIL.search(first) or PHONE.fullmatch(first) or (person and _given_known(person)))
    ):
        col.heading, pieces = pieces[0][1], pieces[1:]
    for at, text in pieces:
        _read_piece(document, col, at, text, ctx, contact)
    return [replace(e.found, org=e.found.org or e.heading) for e in col.entries if not e.weak]


def _read_piece(document: Document, col: _Column, at: int, text: str, ctx: Context, contact: bool) -> None:
    """Read one field of a contact column: a label, "or", an e-mail, a phone, "both of ORG", a
    person, or a title or firm line for the people just read."""
    label = _CONTACT_LABEL.search(text)
    if label and not label.group("list"):
        rest = text[label.end() :]
        before, text, at = (
            text[: label.start()].strip(" ,:"),
            rest.strip(),
            at + label.end() + len(rest) - len(rest.lstrip()),
        )
        if before and is_org(before, ctx):
            col.heading = before
        col.group, col.joined = [], False
        if not text:
            return
    if text.lower() == "or":
        col.joined = bool(col.group) and all(e.fields == 0 for e in col.group)
        return
    if _EMAIL.fullmatch(text):
        _support_by_email(col, text)
        return
    if PHONE.fullmatch(text) and len(re.sub(r"\D", "", text)) >= 7:
        for entry in col.group:
            entry.found.phone = entry.found.phone or re.sub(r"^[A-Za-z.\s]*:?\s*", "", text).strip()
            entry.fields += 1
        return
    both = re.match(r"(?i:both|all|each)\s+(?:of|at|with)\s+(?P<org>.+)$", text)
    if both:
        org = _org_prefix(both.group("org"), ctx)
        for entry in col.entries:
            entry.found.org = entry.found.org or org
        return
    people = _piece_people(document, at, text, ctx, contact)
    if people:
        new = [_Entry(p, weak, col.heading) for p, weak in people]
        col.group = col.group + new if col.joined else new
        col.entries.extend(new)
        col.joined = False
        return
    _attach_field(col, text, ctx)


def _attach_field(col: _Column, text: str, ctx: Context) -> None:
    """A title or organisation line goes to the people just read; an organisation before anyone
    (or after their organisation is known) names the firm of the people that follow.

    A line that opens with a title is a title ("Investor Relations Department"); one that ends in
    an organisation word is a firm ("Orion Communications, Inc."); else a title word makes it a
    title ("Acme Global Press Office")."""
    col.joined = False
    opens = _opening_title().match(text)
    firm = _org_prefix(text, ctx).strip(" ,.") == text.strip(" ,.") and is_org(text, ctx)
    firm = firm and (not has_title(text) or is_org(text, replace(ctx, names=())))  # "Acme Investor Relations"
    if has_title(text) and not _URL.search(text) and (opens or not firm):
        title, org = split_role(text, ctx)
        for entry in col.group:
            if not entry.found.title:
                entry.found.title, entry.weak = title, False
                entry.found.org = entry.found.org or org
                entry.fields += 1
        return
    if firm and len(text.split()) <= 8:
        lacking = [e for e in col.group if not e.found.org and not e.heading]
        for entry in lacking:
            entry.found.org = text
            entry.fields += 1
        if not lacking:
            col.heading, col.group = text, []


def _support_by_email(col: _Column, email: str) -> None:
    """An e-mail address that spells a name ("cdavis@", "ben.smith@", "chris@") confirms it."""
    local = re.sub(r"[^a-z]", "", email.split("@")[0].lower())
    for entry in col.group:
        given, surname, _m = _name_parts(entry.found.name)
        if (len(surname) > 2 and surname in local) or (len(given) > 2 and local.startswith(given[:3])):
            entry.weak = False
        entry.fields += 1


def _org_prefix(text: str, ctx: Context) -> str:
    """The organisation that opens ``text``: up to its first organisation word and the legal forms
    after it ("Orion-Zeta Laboratories Click here" → "Orion-Zeta Laboratories")."""
    words = text.split()
    for n in range(1, len(words) + 1):
        if words[n - 1].strip(",.").lower() in _org_words() and is_org(" ".join(words[:n]), ctx):
            while n < len(words) and re.fullmatch(_LEGAL_ONLY + ",?", words[n]):
                n += 1
            return " ".join(words[:n]).strip(" ,")
    return text.strip(" ,.")


@lru_cache(maxsize=1)
def _title_tokens() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words of titles and departments, first words of titles, last words of titles), lower case."""
    words = {w.lower() for t in _titles() for w in t.split()} | {w.lower() for w in _words("people_departments.txt")}
    firsts = {t.split()[0].lower() for t in _titles()}
    lasts = {t.split()[-1].lower() for t in _titles()}
    return frozenset(words), frozenset(firsts), frozenset(lasts)


def title_run(text: str) -> tuple[str, str]:
    """Split a flattened "TITLE ORG" into (title, rest): the title runs over title and department
    words ("Managing Director Orion Advisors, LLC" → "Managing Director", "Orion Advisors, LLC")."""
    words, _f, _l = _title_tokens()
    end = 0
    for m in re.finditer(r"[^\s,]+|,", text):
        token = m.group().strip(".").lower()
        if token in words or token in {",", "and", "of", "&", "the", "for", "-", "–"}:
            end = m.end()
            continue
        break
    return text[:end].strip(" ,&-–"), text[end:].strip(" ,")


def split_titles(text: str) -> list[str]:
    """Titles printed one after another without punctuation ("Chief Financial Officer Manager, Investor
    Relations") are split where a title word that starts titles follows one that ends them."""
    _w, firsts, lasts = _title_tokens()
    tokens = text.split()
    out: list[str] = []
    current: list[str] = []
    for token in tokens:
        if current and token.lower() in firsts and current[-1].lower() in lasts:
            out.append(" ".join(current))
            current = []
        current.append(token)
    return out + ([" ".join(current)] if current else [])


def _piece_people(document: Document, at: int, text: str, ctx: Context, contact: bool) -> list[tuple[Found, bool]]:
    """The person (or people) a contact field names, each with whether the reading is weak."""
    text = re.sub(r"\s+(?:ext\.?|x)\s*\d+.*$", "", text).strip(" ,:;-–—")
    paren = re.match(r"^(?P<n>.+?)\s*\((?P<r>[^()]+)\)\s*:?$", text)
    role = ""
    if paren and has_title(paren.group("r")):
        text, role = paren.group("n").strip(), paren.group("r")
    method = "pattern:contact" if contact else "pattern:list"
    line = line_person(text, ctx)
    if line is not None:
        name, title, org = line
        return [(Found(name, _span_evidence(document, at, text, name, method), title, org, "", method, contact), False)]
    at_org = re.match(rf"^(?P<n>{_HONORIFIC}?{NAME}){_degrees()}\s+(?:at|of|with|from)\s+(?P<org>[A-Z].+)$", text)
    if at_org and is_org(at_org.group("org"), ctx) and (at_name := clean_name(at_org.group("n"), ctx.issuer_words)):
        ev = _span_evidence(document, at, text, at_name, method)
        return [(Found(at_name, ev, role, at_org.group("org").strip(" ,."), "", method, contact), False)]
    plain = clean_name(text, ctx.issuer_words)
    if plain is not None:
        title, org = split_role(role, ctx) if role else ("", "")
        degree = re.search(rf"(?:,?\s*(?:{_degree_alt()})(?![\w]))+$", text)
        marked = bool(re.match(_HONORIFIC, text) or re.search(r"\s[A-Z]\.\s", text) or degree)
        weak = not (marked or role or _given_known(plain))
        ev = _span_evidence(document, at, text, plain, method)
        return [(Found(plain, ev, title, org, "", method, contact), weak)]
    return _glued_people(document, at, text, ctx, method, contact)


def _glued_people(
    document: Document, at: int, text: str, ctx: Context, method: str, contact: bool
) -> list[tuple[Found, bool]]:
    """Names run together with a title or a firm: "Bob Dale Managing Director Orion Advisors,
    LLC", "Mary Smith John Doe Chief Financial Officer Manager, ...", "Robert DaleOrionSci"."""
    m = re.search(rf"\b(?i:{_title_alt()})\b", text)
    if m and m.start() > 0:
        names = _names_run(text[: m.start()].strip(" ,-–—:"), ctx)
        title, rest = title_run(text[m.start() :])
        titles = split_titles(title) if len(names) > 1 else [title]
        org = _org_prefix(rest, ctx) if rest and is_org(_org_prefix(rest, ctx), ctx) else ""
        out = []
        for i, name in enumerate(names):
            own = titles[i] if len(titles) == len(names) else ""
            out.append(
                (Found(name, _span_evidence(document, at, text, name, method), own, org, "", method, contact), False)
            )
        return out
    for glue in re.finditer(r"(?<=[a-z])(?=[A-Z][a-z])", text):
        glued = clean_name(text[: glue.start()], ctx.issuer_words)
        if glued and _given_known(glued) and len(glued.split()) <= 3:
            rest = text[glue.start() :]
            org = _org_prefix(rest, ctx) if is_org(rest, ctx) else ""
            ev = _span_evidence(document, at, text, glued, method)
            return [(Found(glued, ev, "", org, "", method, contact), False)]
    return []


def _names_run(text: str, ctx: Context) -> list[str]:
    """One name, or two run together ("Mary Smith John Doe") when both halves are names."""
    words = text.split()
    if len(words) == 4:
        halves = [clean_name(" ".join(words[:2]), ctx.issuer_words), clean_name(" ".join(words[2:]), ctx.issuer_words)]
        if all(h and _given_known(h) for h in halves):
            return [h for h in halves if h]
    name = clean_name(text, ctx.issuer_words)
    return [name] if name else []


# --- the registry ------------------------------------------------------------------------------------

# how much a construction says about the title: the person's own words over an inherited one
_TITLE_RANK = {
    "continues-as": 0,
    "said-name-title": 1,
    "name-title-said": 1,
    "name-title-colon": 1,
    "said-title-name": 1,
    "according-to": 1,
    "appositive": 1,
    "by-name-title": 2,
    "name-is-title": 2,
    "appointed": 2,
    "was-appointed": 2,
    "joins-as": 2,
    "departure-of": 2,
    "title-name": 3,
    "pattern:name-title-line": 3,
    "pattern:contact": 4,
    "pattern:list": 3,
    "succeeds": 6,
}
# a person who leaves, is succeeded or stays on belongs to the issuer even without a title
_CHANGES_OF_STAFF = frozenset({"leaves", "succeeds", "departure-of", "continues-as"})
_ACADEMIC = re.compile(
    r"""\b(?i:professor|investigator|physician|surgeon|scientist  # "Professor of Medicine", "principal investigator"
             |researcher|fellow|lecturer|dean|provost|chancellor   # university posts
             |oncologist|hematologist|ophthalmologist|cardiologist  # specialists: "a leading oncologist"
             |neurologist|radiologist|pathologist|psychiatrist
             |dermatologist|pediatrician|nurse
             |expert|author|co-author)\b                           # "a leading expert", "lead author"
    """,
    re.VERBOSE,
)


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry, issuer_key: str | None
) -> list[str]:
    """Every person the release names, with title, organisation, telephone and affiliation."""
    ctx = Context.of(metadata.issuer_name, metadata.issuer_short_names, reg, metadata.dateline_city)
    found = [_from_contact(c) for c in metadata.contacts]
    found += listed_people(document, ctx) + region_people(document, ctx, contacts=False)
    for s in sents:
        if not is_boilerplate(s):
            found.extend(sentence_people(s, document, ctx))
    for group in _group(found):
        _register(group, reg, ctx, metadata, issuer_key)
    return []


def _from_contact(contact: Contact) -> Found:
    """A contact of the release metadata as a mention of a person."""
    return Found(
        contact.name,
        contact.evidence,
        contact.title or "",
        contact.organization or "",
        contact.phone or "",
        "pattern:contact",
        contact=True,
    )


def _group(found: list[Found]) -> list[list[Found]]:
    """Mentions of one person together, the fullest spelling of the name first."""
    groups: list[list[Found]] = []
    for person in found:
        home = next((g for g in groups if any(same_person(person.name, other.name) for other in g)), None)
        if home is None:
            groups.append([person])
        else:
            home.append(person)
    for g in groups:
        g.sort(key=lambda p: -len(p.name.split()))
    return groups


def _register(
    group: list[Found], reg: Registry, ctx: Context, metadata: ReleaseMetadata, issuer_key: str | None
) -> None:
    """Add one person: the best title of the group, its organisation and the issuer affiliation."""
    name = group[0].name
    known = reg.find(name)
    draft = reg.get(known) if known else None
    if draft is not None and draft.kind != "person":
        return  # the name is already an organisation or a product of this release
    ranked = sorted((p for p in group if p.title), key=lambda p: _TITLE_RANK.get(p.method, 5))
    title = ranked[0].title if ranked else ""
    org = next((p.org for p in ranked if p.org), "") or next((p.org for p in group if p.org), "")
    attrs = _attributes(title, org, group, ctx, metadata, issuer_key)
    aliases = tuple(dict.fromkeys(p.name for p in group[1:] if p.name != name))
    key = reg.add("person", name, group[0].evidence, aliases=aliases, attributes=attrs)
    for person in group[1:]:
        reg.add("person", person.name, person.evidence, key=key)


def _attributes(
    title: str, org: str, group: list[Found], ctx: Context, metadata: ReleaseMetadata, issuer_key: str | None
) -> dict[str, str]:
    """jobTitle, organization, telephone, affiliation: the issuer when the role names it, or for a
    corporate title (or a contact) that names no other organisation."""
    contact = any(p.contact for p in group)
    attrs = {"jobTitle": title or ("Contact" if contact else "")}
    phone = next((p.phone for p in group if p.phone), "")
    if phone:
        attrs["telephone"] = phone
    corporate = bool(title) and not _ACADEMIC.search(title)
    corporate = corporate or any(p.method in _CHANGES_OF_STAFF for p in group)
    if norm(org) in {"company", "corporation", "firm"}:
        org = ctx.issuer  # "CEO of the Company"
    if org and not ctx.is_issuer(org):
        attrs["organization"] = org
        other = ctx.reg.find(org) if ctx.reg else None
        if other and other != issuer_key:
            attrs["affiliation"] = other
    elif org or corporate or contact:
        attrs["organization"] = metadata.issuer_name or org
        if issuer_key:
            attrs["affiliation"] = issuer_key
    return {k: v for k, v in attrs.items() if v}
