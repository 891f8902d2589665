"""Named things in the prose: the issuer, agencies, other organizations, products, places.

Everything is found by general rules: agency names come from the agencies lexicon, organizations
from legal suffixes and organization-type head words, products from trademark marks, possessives
of the issuer and product-kind head nouns. No names of particular companies live in code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pressgraph.extractors._orgs import org_mentions
from pressgraph.extractors._products import not_products, owned_by_other, product_mentions
from pressgraph.extractors._sentences import Sentence, compiled, is_boilerplate
from pressgraph.model import Document, Evidence, ReleaseMetadata
from pressgraph.names import legal_suffixes, slugify
from pressgraph.resolve import Registry, clean, norm
from pressgraph.resources import lexicon_rows

WIKIDATA = "http://www.wikidata.org/entity/"
CAPWORD = r"(?:[A-Z]|[a-z]{1,4}[A-Z])[\w&'’.-]*"
# no literal space in ORG_PHRASE: verbose patterns (grants._SUPPORTERS) take it in as it is
ORG_PHRASE = (
    rf"{CAPWORD}(?:\s+(?:of|for|and|&|de|the)\s+{CAPWORD}|\s+{CAPWORD}){{0,5}}"
    r"(?:,?\s+(?:Inc|LLC|Ltd|LTD|Corp|LP|L\.P|plc|AG|GmbH|N\.V|S\.A)\b\.?)?"
)
_LEADING = re.compile(
    r"^(?:the|a|an|its|our|their|this|first|second|third|new|lead|proprietary|several|"
    r"multiple|three|two|four)\s+",
    re.I,
)


@lru_cache(maxsize=1)
def agency_patterns() -> tuple[tuple[str, str, tuple[str, ...], str, str, re.Pattern[str]], ...]:
    """``(id, name, aliases, kind, wikidata, regex)`` per agency; acronyms match case-sensitively."""
    out = []
    for row in lexicon_rows("agencies.tsv"):
        agency_id, name, aliases, kind, wikidata = (list(row) + [""] * 5)[:5]
        names = [name] + [a for a in aliases.split("|") if a]
        if kind.endswith("-implied"):  # named only through what implies it (CE marking → EU), never matched
            names, kind = [], kind.removesuffix("-implied")
        kind = kind.removesuffix("-contextual")  # see contextual_agency()
        parts = []
        for n in sorted(names, key=len, reverse=True):
            body = re.escape(n)
            parts.append(body if n.isupper() else f"(?i:{body})")
        regex = re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])" if parts else r"(?!x)x")
        out.append((agency_id, name, tuple(a for a in aliases.split("|") if a), kind, wikidata, regex))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_agency() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{row[5].pattern})" for row in agency_patterns()))


# Regulators named by their form rather than listed: a national ministry of health, an advisory
# committee ("the Endocrinologic and Metabolic Drugs Advisory Committee").
_MINISTRY = re.compile(
    r"""(?:(?:the\s+)?(?P<nat>[A-Z][a-z]+(?:an|ese|ish|i|ch|ian))\s+|\b)  # "the Japanese", "the Israeli"
        Ministry\s+of\s+(?:Public\s+)?Health                             # "Ministry of (Public) Health"
        (?:\s+of\s+(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?         # "... of Saudi Arabia"
        (?:\s+\((?P<abbr>[A-Z]{2,6})\))?                                 # "(MOH)"
    """,
    re.VERBOSE,
)
_COMMITTEE = re.compile(
    r"\b(?P<name>(?:[A-Z][\w-]*\s+(?:and\s+)?){1,6}Advisory\s+Committee)(?:\s+\((?P<abbr>[A-Z]{2,8})\))?"
)
DYNAMIC = "dyn:"


def _dynamic_agencies(text: str) -> list[tuple[str, int, int]]:
    hits = []
    for m in _MINISTRY.finditer(text):
        if m.group("nat") or m.group("country"):
            hits.append((DYNAMIC + m.group(0).removeprefix("the ").strip(), m.start(), m.end()))
    for m in _COMMITTEE.finditer(text):
        hits.append((DYNAMIC + m.group(0).strip(), m.start("name"), m.end()))
    return hits


@lru_cache(maxsize=4096)
def _agencies_cached(text: str) -> tuple[tuple[str, int, int], ...]:
    hits = _dynamic_agencies(text) if ("Ministry" in text or "Committee" in text) else []
    if _any_agency().search(text):
        for agency_id, _n, _a, _k, _w, regex in agency_patterns():
            hits.extend((agency_id, m.start(), m.end()) for m in regex.finditer(text))
    hits = [h for h in hits if not any(o[1] <= h[1] and h[2] <= o[2] and o != h for o in hits)]
    return tuple(sorted(hits, key=lambda h: h[1]))


def agencies_in(text: str) -> list[tuple[str, int, int]]:
    """``(agency id, start, end)`` of every agency mention in ``text`` (one combined pre-check)."""
    return list(_agencies_cached(text))


@lru_cache(maxsize=1)
def _contextual() -> frozenset[str]:
    return frozenset(row[0] for row in lexicon_rows("agencies.tsv") if row[3].endswith("-contextual"))


def contextual_agency(agency_id: str) -> bool:
    """An agency whose name is also a place ("the EU"): a regulator only where the sentence is
    about a regulatory act, so a mere mention makes no entity."""
    return agency_id in _contextual()


def agency_key(agency_id: str) -> str:
    return f"agency:{agency_id}"


def add_agency(reg: Registry, agency_id: str, mention: str, evidence: Evidence | None) -> str:
    if agency_id.startswith(DYNAMIC):
        name = agency_id[len(DYNAMIC) :]
        abbr = re.search(r"\(([A-Z]{2,8})\)$", name)
        shown = re.sub(r"^[Tt]he\s+", "", name[: abbr.start()].strip() if abbr else name)
        generic = re.fullmatch(r"(?:[A-Z]{2,6}\s+)?Advisory\s+Committee", shown)
        known = [e for e in reg.entities() if e.kind == "agency" and e.name.endswith("Advisory Committee")]
        if generic and known:  # "the FDA Advisory Committee" after the committee's own name
            return reg.add("agency", known[0].name, evidence, key=known[0].key, aliases=(shown,))
        return reg.add(
            "agency",
            shown,
            evidence,
            aliases=(abbr.group(1),) if abbr else (),
            attributes={"agencyKind": "regulatory", "lexiconId": slugify(shown)},
        )
    for aid, name, aliases, kind, wikidata, _r in agency_patterns():
        if aid == agency_id:
            return reg.add(
                "agency",
                name,
                evidence,
                key=agency_key(aid),
                aliases=(mention, *aliases),
                attributes={"agencyKind": kind, "lexiconId": aid},
                same_as=(WIKIDATA + wikidata,) if wikidata else (),
            )
    raise KeyError(agency_id)


def add_issuer(reg: Registry, metadata: ReleaseMetadata) -> str | None:
    if not metadata.issuer_name:
        return None
    names = tuple(n for n in (*metadata.issuer_short_names, metadata.ticker or "") if n)
    attrs = {"ticker": metadata.ticker} if metadata.ticker else {}
    if metadata.exchange:
        attrs["exchange"] = metadata.exchange
    ev = metadata.evidence.get("issuer_name")
    return reg.add("company", metadata.issuer_name, ev, key="issuer", aliases=names, attributes=attrs)


def issuer_names(metadata: ReleaseMetadata) -> list[str]:
    names = [metadata.issuer_name or "", *metadata.issuer_short_names]
    names += [clean(re.sub(r",?\s+(Inc|Corp|Corporation|Ltd|plc)\.?$", "", n)) for n in names if n]
    return sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True)


def issuer_regex(metadata: ReleaseMetadata) -> str:
    """Regex alternative matching the issuer's names, "the Company", "its", "our"."""
    alts = [re.escape(n) for n in issuer_names(metadata)]
    return "(?:" + "|".join(alts + ["the Company", "its", "our"]) + ")"


# --- organizations -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _org_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    heads = sorted((r[0] for r in lexicon_rows("org_types.tsv")), key=len, reverse=True)
    head_alt = "|".join(re.escape(h) for h in heads)
    typed = re.compile(
        rf"\b((?:{CAPWORD}\s+){{1,4}}(?:{head_alt})(?:\s+of(?:\s+{CAPWORD}){{1,3}})?"
        rf"|(?:University|Institute|College)\s+of(?:\s+{CAPWORD}){{1,3}})\b"
    )
    suffixes = "|".join(re.escape(s.rstrip(".")) for s in legal_suffixes())
    legal = re.compile(rf"\b((?:{CAPWORD}\s+){{0,4}}{CAPWORD}),?\s+(?:{suffixes})\.?(?!\w)")
    return typed, legal


def org_kind(name: str) -> str:
    for head, kind in lexicon_rows("org_types.tsv"):
        if re.search(rf"\b{re.escape(head)}\b", name):
            return kind
    return "organization"


@lru_cache(maxsize=1)
def legal_suffix_words() -> frozenset[str]:
    """Legal-form words ("Inc", "LLC", "GmbH") from the lexicon, without their dots."""
    return frozenset(s.rstrip(".") for s in legal_suffixes())


def plausible_org(name: str) -> bool:
    words = name.split()
    return (
        1 <= len(words) <= 7
        and not name.isupper()
        and words[0].rstrip(".,") not in legal_suffix_words()  # "LLC and X": a list cut after a suffix
        and words[0] not in {"The", "A", "An", "In", "For", "Division", "Subsidiary", "Unit", "Contracted"}
        and not re.match(r"(?:Phase|Form|Nasdaq|NASDAQ)\b", name)
    )


def find_organizations(reg: Registry, document: Document, sents: list[Sentence]) -> None:
    typed, _legal = _org_regexes()
    for s in sents:
        if is_boilerplate(s):
            continue
        for m in typed.finditer(s.text):
            name = _LEADING.sub("", m.group(1)).strip()
            if not plausible_org(name) or agencies_in(name) or org_kind(name) == "company":
                continue
            reg.add(org_kind(name), name, s.evidence(document, "pattern:organization", m.start(1), m.end(1)))


# --- products ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def product_cues() -> dict[str, str]:
    return {row[0]: row[1] for row in lexicon_rows("product_cues.tsv")}


def product_kind(name: str) -> str:
    last = name.split()[-1].lower() if name.split() else ""
    if re.search(r"\bcells?\b", name, re.I) and last in {"cells", "therapy", "treatment"}:
        return "cell therapy"
    return product_cues().get(last, "other")


_TM = re.compile(
    r"\b((?:[A-Z][\w-]*\s?){1,3})(?:\(TM\)|\(R\)|™|®)((?:\s+(?:[A-Z][\w-]*|platform|system))(?:\s+[A-Z][\w-]*)?)?(?![\w-])"
)
_CODE = re.compile(r"\b(?!EX-|SB-|S-\d|FORM-)([A-Z]{2,6}-\d{2,6}[A-Za-z]?|[A-Z]{2,5} \d{2,3},\d{3})\b")
_GENERIC = {
    "product",
    "products",
    "study",
    "studies",
    "trial",
    "trials",
    "commercial",
    "new",
    "first",
    "lead",
    "technology",
    "company",
    "drug",
    "candidate",
    "board",
    "directors",
    "management",
    "team",
    "shareholders",
    "stockholders",
    "website",
    "employees",
    "annual",
    "report",
    "quarterly",
    "chairman",
    "ceo",
    "cfo",
    "recent",
    "clinical",
    "operational",
    "financial",
    "corporate",
    "business",
    "highlights",
    "results",
    "achievements",
    "update",
    "updates",
    "progress",
    "developments",
    "platform",
    "platforms",
    "wellness",
    "line",
    "lines",
    "portfolio",
    "services",
    # words that praise or place a product without naming it ("novel platform", "non-core product")
    *("novel", "unique", "innovative", "proprietary", "patented", "leading", "groundbreaking", "high-value"),
    *("non-core", "core", "upcoming", "existing", "regional", "investigational", "device", "devices"),
}
_UNIT = re.compile(r"\b((?:[A-Z][\w-]*\s+){1,4}[A-Z][\w-]*)(?:\s+\(([A-Z]{2,6})\))?\s+(?:business|division|segment)\b")


def _is_title(name: str) -> bool:
    return any(name.lower() == row[0].lower() for row in lexicon_rows("titles.txt"))


def _is_subject(name: str) -> bool:
    """Regulatory subjects ("IND", "510(k)") are not products."""
    return any(regex.fullmatch(name) for regex, _i in compiled("regulatory_subjects.tsv"))


_NOT_PRODUCT_START = re.compile(r"^(?:Form|Rule|Section|Item|Phase)\b")
# what a web page or a release calls itself: "Distribution List", "Search Results", "Investor Webcast"
_NOT_PRODUCT_END = re.compile(
    r"""\b(?:List|Results|Page|Newsletter|Alerts?|Feed|Channel|Profile  # "Distribution List", "Search Results"
          |Releases?|Statements?|Report|Call|Webcast                   # "Press Releases", "Investor Webcast"
          |Conference|Event|Meeting|Presentation|Summit|Forum          # "Annual Meeting", "Healthcare Conference"
          |Symposium|Congress|Award|Awards)$                           # "World Congress", "Innovation Award"
      | -(?i:targeting|targeted|based|derived|expressing|positive     # "HER3-targeting", "HER2-positive":
          |negative|specific|mediated|driven|like|related|associated  # a code with an adjective ending
          |induced|resistant|sensitive|dependent|directed|binding)$   # describes another name, is none
    """,
    re.VERBOSE,
)
# molecule classes written in their own case: "mRNA", "pDNA", "tRNAs", "siRNA"
_MOLECULE_CLASS = re.compile(r"^(?:[a-z]{1,3}(?:DNA|RNA)s?|B2B|B2C|DNA|RNA)$")


_POSS_GATE = ("'s", "’s", "its ", "our ")
_GATES = {  # cheap substring gates: a pattern runs only where its anchor words occur
    "possessive": _POSS_GATE,
    "cue": _POSS_GATE,
    "adjective": _POSS_GATE,
    "long-form": _POSS_GATE,
    "short-form": _POSS_GATE,
    "treatment": ("develop",),
    "sales": ("sales of",),
    "candidate": ("candidate",),
    "trial-of": ("trial", "study"),
    "appositive": (", ",),
    "regulatory-object": ("clear", "approv", "designation", "nda", "bla", "ind ", "maa", "510(k)"),
}


# Product cues that do not depend on the issuer's name, compiled once (product_patterns puts them
# between the possessive patterns and the long/short-form ones: the order is the priority).
_FIXED_PRODUCT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"""\b(?:clearance|approval|approved|cleared|[Dd]esignation  # "FDA clearance of", "approval for"
                  |NDA|BLA|IND|MAA|510\(k\))                            # "the NDA for", "510(k) clearance"
               (?:\s*\([^)]{1,10}\))?                                   # "(EUA)"
               \s+(?:of|for|to)\s+(?:the\s+)?                           # "... for the"
               (?:[A-Z][\w]*[’']s\s+|its\s+|our\s+)?                    # "Acme's", "its", "our"
               ((?:[A-Z][\w-]*)(?:\s+(?:[A-Z0-9][\w-]*)){0,2})          # the name: "Xyzzy", "AB-101 Pen"
            """,
            re.VERBOSE,
        ),
        "regulatory-object",
    ),
    (  # "lead product candidate, Xyzzy Growth Factor (XGF), is": more words only up to a comma or "("
        re.compile(
            r"""\b(?:product|drug|clinical)\ candidates?,?\s+
                ([A-Z][\w-]+(?:(?:\s+[A-Z][\w-]+){1,2}(?=\s*[(,]))?)  # "Xyzzy", "Xyzzy Growth Factor ("
                (?:\(R\)|®|™)?""",
            re.VERBOSE,
        ),
        "candidate",
    ),
    (
        re.compile(
            r"""\b(?:trial|study)\ (?:of|with|evaluating|investigating)\s+  # "a Phase 2 trial evaluating"
               (?:our\s+|its\s+)?                                       # "... its"
               (?:(?:oral|topical|intravenous|proprietary)\s+)?         # "... oral"
               ([A-Z][\w-]+(?:\s+\d[\d,]*)?)\b                          # the name: "Xyzzy", "ABC 1,200"
            """,
            re.VERBOSE,
        ),
        "trial-of",
    ),
    (
        re.compile(
            r"\b(?:development of|to develop)\s+an?\s+((?:[a-z][\w-]*\s+){1,3}(?:treatment|device|test|assay|kit|vaccine)\s+for(?:\s+[\w-]+){1,10}?)(?=[.,;]|$)"  # noqa: E501
        ),
        "treatment",
    ),
    (
        # a lower-case generic name set off after its drug class: "its analgesic, zelofadine, in"
        re.compile(
            r"\b(?:analgesic|antidepressant|antibiotic|antiviral|antibody|compound|molecule|inhibitor|agonist|"
            r"antagonist|candidate),\s+([a-z][a-z-]{5,})(?=,|\s+\()"
        ),
        "appositive",
    ),
    (re.compile(r"\bsales of\s+((?:[a-z][\w-]*\s+){0,2}(?:kits|vaccines|devices|tests))\b"), "sales"),
)


# "its Alpha, Beta and Gamma Care business segments": the first of a list of business lines
_ORG_UNIT = r"(?:[A-Z][\w&-]*(?:\s+[A-Z&][\w&-]*){0,3})"
_SEGMENT_LIST = rf"(?!(?:\s*,\s*{_ORG_UNIT}){{0,6}},?\s+(?:and|&)\s+{_ORG_UNIT}\s+(?:business|segment|unit|division))"


def product_patterns(metadata: ReleaseMetadata) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The product cues for this issuer: compiled once per issuer name and cue lexicon, not once
    per release (a bulk ingest holds many releases of one company)."""
    cues = "|".join(k for k in product_cues() if k not in {"cells", "system", "treatment", "therapy", "test"})
    return _product_patterns(issuer_regex(metadata), cues)


@lru_cache(maxsize=256)
def _product_patterns(issuer: str, cues: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    poss = rf"(?:{issuer}[’']s|its|our)"
    return (
        (
            re.compile(
                rf"{poss}\s+((?:[A-Z][\w-]*\s+){{0,4}}[A-Z][\w-]*(?:\s+(?:platform|system|device|kit|test)\b)?)(?![\w-])(?!\s+[A-Z(])(?!\s+(?:business|unit|division|website|segment|application)){_SEGMENT_LIST}"
            ),
            "possessive",
        ),
        (re.compile(rf"{poss}\s+((?:[a-z][\w-]*\s+){{1,4}}(?:{cues}))\b"), "cue"),
        (
            re.compile(
                rf"{poss}\s+(?:(?:oral|topical|intravenous|injectable|proprietary|lead|novel|investigational)\s+){{1,2}}([A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)?)\b"
            ),
            "adjective",
        ),
        *_FIXED_PRODUCT_PATTERNS,
        (
            re.compile(
                rf"{poss}\s+((?:[a-z][\w-]*\s+){{1,5}})\(([A-Z]{{2,6}})\)\s+(?:program|technology|product|therapy|platform)"
            ),
            "long-form",
        ),
        (
            re.compile(
                rf"{poss}\s+[^.;()]{{3,60}}\(([^()]{{2,30}})\)\s+(?:technology|product candidate|product|therapeutic)"
            ),
            "short-form",
        ),
    )


_TRAILING_WORDS = re.compile(r"(?:\s+(?:Phase|Trial|Study|Program|Programme|Clinical|Pivotal|Platform)\b.*)$")
_LEAD_WORDS = re.compile(r"^(?:For|In|On|With|From|At|By|To|And|Or|Of|As|New|Its|Our|Their)\s+")


def find_products(reg: Registry, document: Document, metadata: ReleaseMetadata, sents: list[Sentence]) -> None:
    """Products from their shapes (:mod:`._products`) and from cue phrases ("its lead product
    candidate, X"), with everything that is not a product filtered out."""
    patterns = product_patterns(metadata)
    reject = _ProductFilter(reg, metadata, document.text)
    read = [(s, _product_candidates(s.text, patterns)) for s in sents if not (is_boilerplate(s) or s.text.isupper())]
    for s, _cands in read:
        reject.learn_studies(s.text)
    # "trial of LV UNO" read by a one-word cue is the "LV UNO" defined elsewhere in the release
    longer = sorted({c[2] for _s, cands in read for c in cands if " " in c[2].strip()}, key=len, reverse=True)
    for s, cands in read:
        _business_units(reg, document, s)
        for start, end, raw, aliases in cands:
            if " " not in raw.strip():
                full = next(
                    (n for n in longer if s.text.startswith(n, start) and n.startswith(raw.strip() + " ")), None
                )
                start, end, raw = (start, start + len(full), full) if full else (start, end, raw)
            name = clean(_TRAILING_WORDS.sub("", _LEAD_WORDS.sub("", _LEADING.sub("", raw))))
            if reject(name, s.text, start):
                continue
            ev = s.evidence(document, "pattern:product", start, end)
            nouns = _noun_aliases(name, s.text, end)
            if (head := _HEAD_NOUN.match(s.text, end)) and _MARKED.search(s.text[start : head.start(1)]):
                nouns, name = (name, *nouns), f"{name} {head.group(1)}"  # "X(TM) System" is the X System
            extra = tuple(a for a in (clean(raw), *aliases, *nouns) if a and a != name)
            key = reg.add("product", name, ev, aliases=extra, attributes={"productKind": product_kind(name)})
            _alias_in_parentheses(reg, key, s.text, end)


def _product_candidates(
    text: str, patterns: tuple[tuple[re.Pattern[str], str], ...]
) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """``(start, end, name, aliases)`` from shapes and cue phrases, longest first at one place."""
    found = [(p.start, p.end, p.name, p.aliases) for p in product_mentions(text)]
    low = text.lower()
    words = text.split()
    if words and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
        patterns = ()  # a title-case headline: every word looks like a name
    for regex, how in patterns:
        if not any(g in low for g in _GATES.get(how, ("",))):
            continue
        for m in regex.finditer(text):
            aliases = (m.group(2),) if how == "long-form" and m.group(2) else ()
            found.append((m.start(1), m.end(1), m.group(1), aliases))
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[tuple[int, int, str, tuple[str, ...]]] = []
    for f in found:
        if out and f[0] < out[-1][1]:
            continue  # a shorter reading of a name already taken here
        out.append(f)
    return out


_PRODUCT_NOUNS = re.compile(
    r"""(?:®|™|\(TM\)|\(R\))?\s+                                 # the name's mark, if any: "Xyzzy®"
        ((?:sensor|technology|technologies|platform|system|device  # "... sensor", "... platform"
           |test|assay|kit|line|product|therapy|formulation)       # "... assay", "... product line"
         (?:\s+(?:technology|technologies|platform|system|line))?  # "... sensor technology"
        )\b
    """,
    re.I | re.VERBOSE,
)
# no literal space: _PAREN_CODE is verbose
_CODE_TOKEN = r"(?:[A-Z]{1,5}-?)+\d{1,6}[A-Za-z]?"
_PAREN_CODE = re.compile(
    rf"""(?:®|™)?\s*\(\s*                                               # "Xyzzy® ("
         (?:(?:aka|a\.k\.a\.|also\s+known\s+as                         # "(also known as"
              |formerly(?:\s+(?:identified|known)\s+as)?)\s+)?         # "(formerly identified as"
         (?P<codes>{_CODE_TOKEN}(?:\s*(?:,|or|and)\s*{_CODE_TOKEN})*)  # "AB-101", "AB-101 or XY12"
         \s*[),]
    """,
    re.I | re.VERBOSE,
)


# A capitalised head noun right after a trademark names the product: "X(TM) System", "Y® Kit"
_HEAD_NOUN = re.compile(r"(?:®|™|\(TM\)|\(R\))?\s+(System|Device|Kit|Platform|Test|Assay|Analyzer|Monitor)\b")
_MARKED = re.compile(r"®|™|\(TM\)|\(R\)")
_NAMED_NOUN = re.compile(
    r"(?:®|™|\(TM\)|\(R\))?\s+((?:[A-Z][a-z]+\s+){0,2}(?:Therapy|System|Platform|Technology|Test|Assay|Device|Kit))\b"
)


def _noun_aliases(name: str, text: str, end: int) -> tuple[str, ...]:
    """The name with the product nouns printed after it: "HF-QCM sensor technologies",
    "Levulan® Photodynamic Therapy"."""
    named = _NAMED_NOUN.match(text, end)
    if named:
        return (f"{name} {named.group(1)}",)
    m = _PRODUCT_NOUNS.match(text, end)
    if not m:
        return ()
    return (f"{name} {m.group(1)}", f"{name} {m.group(1).split()[0]}")


def _alias_in_parentheses(reg: Registry, key: str, text: str, end: int) -> None:
    """ "zelenirstat (PCLX-001)": the code in parentheses is the same product."""
    m = _PAREN_CODE.match(text, end)
    if m:
        codes = tuple(re.findall(_CODE_TOKEN, m.group("codes")))
        reg.add("product", reg.get(key).name, None, key=key, aliases=codes)  # type: ignore[union-attr]


def _business_units(reg: Registry, document: Document, s: Sentence) -> None:
    for m in _UNIT.finditer(s.text):
        reg.add(
            "business-unit",
            _LEADING.sub("", m.group(1)),
            s.evidence(document, "pattern:business-unit", m.start(1), m.end(1)),
            aliases=(m.group(2),) if m.group(2) else (),
        )


# "and vaccine", "potential new treatment for ...", "expertise in medical device", "investor awareness platform"
_PRAISE_OR_JOIN = re.compile(
    r"""^(?:and|or|but|with                                        # the tail of a list: "and vaccine"
          |potential|possible|much-needed|promising|shared        # praise: "potential new treatment"
          |important|meaningful|exciting
          |capabilit(?:y|ies)|expertise|experience|investors?     # "expertise in medical device"
        )\b""",
    re.VERBOSE,
)
_PARTNER_DRUG = re.compile(
    r"""\b(?:combination(?:\s+therapy)?\s+with|in\s+combination\s+with  # "in combination with pembrolizumab"
          |combined\s+with|plus|versus|vs\.?                             # "plus ...", "vs. placebo"
          |compared\s+(?:to|with)|than                                   # "compared with ...", "better than"
          |standard|standard-of-care                                     # "standard-of-care ..."
          |added\s+to|on\s+top\s+of)\b                                   # "added to ...", "on top of ..."
       [^.;]{0,40}$                                                      # ... shortly before, in the same clause
    """,
    re.I | re.VERBOSE,
)
_NAMES_A_STUDY = re.compile(
    r"\b(?P<code>[A-Z]{2,}[A-Z-]*\d{3,})\s+(?:is|was|will\s+be)\s+an?\s+(?:[\w/,-]+\s+){0,8}?(?i:study|trial)\b"
)


def _in_address(text: str, start: int) -> bool:
    """Whether ``start`` falls inside a web or e-mail address ("reddit.com/r/news/.../acme_xr12_shows")."""
    left = max(text.rfind(c, 0, start) for c in " \n\t(<[")
    right = min((i for i in (text.find(c, start) for c in " \n\t)>]") if i >= 0), default=len(text))
    token = text[left + 1 : right]
    return "://" in token or "@" in token or "www." in token.lower() or bool(_DOMAIN.search(token))


_DOMAIN = re.compile(r"[a-z0-9]\.(?:com|net|org|io|co|ai|bio|health)\b", re.I)


class _ProductFilter:
    """What a product name cannot be: the issuer, an agency, an organisation, a person, a place,
    a title, a regulatory subject, generic words, a business unit, another company's product."""

    def __init__(self, reg: Registry, metadata: ReleaseMetadata, text: str = "") -> None:
        self.reg = reg
        self.text = text
        self.issuer = {norm(n) for n in issuer_names(metadata)}
        self.issuer_words = {w.lower() for n in issuer_names(metadata) for w in n.split() if len(w) > 2}
        self.places = {norm(p) for p in _place_words(metadata)}
        self.studies: set[str] = set()
        self._org_text: str | None = None
        self._org_spans: list[tuple[int, int]] = []
        self._org_heads: set[str] | None = None

    def _inside_org(self, text: str, start: int, name: str) -> bool:
        """ "B2i" of "B2i Digital is working ...": the first words of an organisation's name."""
        if text is not self._org_text:
            self._org_text, self._org_spans = text, [(o.start, o.end) for o in org_mentions(text)]
        return any(a <= start and start + len(name) < b for a, b in self._org_spans)

    def _leads_an_org_name(self, name: str, text: str, start: int) -> bool:
        """ "B2i Digital creates ...", where the release names "B2i Digital, Inc.": a mention that
        opens the name of an organisation the release names (the issuer's too) is that
        organisation. Other mentions of the same word ("the CNSide test") stay products."""
        if self._org_heads is None:
            orgs = [e.name for e in self.reg.entities() if e.kind not in ("product", "person", "place")]
            orgs += [self.text[o.start : o.end] for o in org_mentions(self.text)]
            heads = {" ".join(n.replace(",", " ").split()[:2]) for n in orgs if len(n.split()) > 1}
            self._org_heads = {h for h in heads if len(h.split()) == 2}
        after = " ".join(text[start : start + len(name) + 40].replace(",", " ").split()[:2])
        return after in self._org_heads and after.split()[0] == name

    def learn_studies(self, text: str) -> None:
        """Codes the release calls a study ("LDOS007 is a new ... study") are never products in it."""
        for m in _NAMES_A_STUDY.finditer(text):
            self.studies.add(m.group("code"))

    def __call__(self, name: str, text: str, start: int) -> bool:
        if not name or len(name) < 2 or name.lower() in not_products():
            return True
        if _PRAISE_OR_JOIN.match(name):
            return True  # "potential new treatment for this rare ...", "and vaccine": a description's praise or tail
        known = self.reg.find(name)
        if known and (self.reg.get(known).kind != "product"):  # type: ignore[union-attr]
            return True
        if norm(name) in self.issuer or norm(name) in self.places or self._leads_an_org_name(name, text, start):
            return True
        if _in_address(text, start):
            return True
        if _is_subject(name) or _is_title(name) or set(name.lower().split()) <= _GENERIC:
            return True
        if _NOT_PRODUCT_START.match(name) or agencies_in(name) or org_mentions(name):
            return True
        if _NOT_PRODUCT_END.search(name) or _MOLECULE_CLASS.match(name) or self._inside_org(text, start, name):
            return True
        defined = text[start - 1 : start] == "(" and text[start + len(name) : start + len(name) + 1] == ")"
        if name.isupper() and " " in name and name.replace(" ", "").isalpha() and not defined:
            return True  # a shouted phrase ("FDA APPROVES"), unless defined in parentheses: "(LV UNO)"
        if re.search(r"\b(?:Division|Segment|Unit|Business|Subsidiary)$", name):
            return True
        if name[:1].islower() and _PARTNER_DRUG.search(text[max(0, start - 60) : start]):
            return True  # "in combination with pembrolizumab", "versus semaglutide": someone else's drug
        if name in self.studies:
            return True  # "LDOS007 is a new Phase Ib/II study": a study's code, not a product
        return owned_by_other(text, start, self.issuer_words)


def _place_words(metadata: ReleaseMetadata) -> set[str]:
    places = set(countries()) | {r[0] for r in lexicon_rows("us_states.txt")}
    if metadata.dateline_city:
        places |= {p.strip() for p in metadata.dateline_city.split(",") if p.strip()}
    return places


_MARK_RE = re.compile(r"\((?:TM|R|SM)\)|[™®℠]")


def product_after(reg: Registry, text: str, pos: int) -> str | None:
    """The product named first at or after ``pos`` (the longest name wins at one position)."""
    best: tuple[int, int, str] | None = None
    low = _MARK_RE.sub("", text).lower()
    for entity in reg.entities():
        if entity.kind != "product":
            continue
        for name in {entity.name, *entity.aliases}:
            at = low.find(name.lower(), pos)
            if at >= 0 and (best is None or (at, -len(name)) < (best[0], best[1])):
                best = (at, -len(name), entity.key)
    return best[2] if best else None


def products_in(reg: Registry, text: str) -> list[tuple[str, int]]:
    """``(product key, position)`` of known products mentioned in ``text`` (longest names first)."""
    hits = []
    low = _MARK_RE.sub("", text).lower()
    for entity in reg.entities():
        if entity.kind != "product":
            continue
        for name in sorted({entity.name, *entity.aliases}, key=len, reverse=True):
            pos = low.find(name.lower())
            if pos >= 0:
                hits.append((entity.key, pos))
                break
    return sorted(hits, key=lambda h: h[1])


# --- places ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def countries() -> tuple[str, ...]:
    return tuple(sorted((r[0] for r in lexicon_rows("countries.txt")), key=len, reverse=True))


def places_in(text: str) -> list[tuple[str, int, int]]:
    """Places named as ``in [City, ]Country`` / ``in the Country`` in ``text``."""
    alt = "|".join(re.escape(c) for c in countries())
    out = []
    for m in re.finditer(rf"\bin\s+(?:the\s+)?(?:({CAPWORD}),\s+)?({alt})(?![\w])", text):
        if m.group(1):
            out.append((m.group(1), m.start(1), m.end(1)))
        out.append((m.group(2), m.start(2), m.end(2)))
    return out
