"""Product names in prose, from the shapes product names take in press releases.

* a trademark mark: "Halneuron®", "LODER™", "AISightⓇ Dx", "LacriCATHTM" (a mark run into the word);
* a code name: letters and digits with or without hyphens ("SIL-204", "OKG-0303", "L-DOS47",
  "GT-GLA-S03", "SP16"), kept when it has at least three digits or a product word near it;
* an international nonproprietary name, by its stem ("zelenirstat", "olverembatinib",
  "pembrolizumab"), lower case or capitalised;
* a name set in capitals or camel case ("LEUMUNA", "CelluSTAT", "DehydraTECH") next to a
  product word ("candidate", "platform", "therapy", "device", "test", "assay"...);
* a defined term: "Low Volume Ultra-High Concentration Nitric Oxide (LV UNO)" after "called",
  "its", "our" or followed by a product word: the short form is the name, the long an alias.

What is not a product is said in ``lexicons/not_products.txt`` (diseases by their acronyms,
targets and biomarkers, programmes, section words); a name right after another company's
possessive ("Acme's Xyzzy") is that company's product, not the issuer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pressgraph.resources import lexicon_rows

MARK = r"(?:®|™|℠|Ⓡ|\(R\)|\(TM\)|\(SM\))"
_CAPWORD = r"[A-Z][\w\-]*"
_MARKED = re.compile(rf"((?:{_CAPWORD}\s){{0,2}}{_CAPWORD}?[A-Za-z0-9]){MARK}")
_GLUED_TM = re.compile(r"\b([A-Z][a-z]+[A-Z]{2,}[a-z]*|[A-Z][a-z]*[A-Z][a-z]+[A-Z]?[a-z]*)TM\b")
_CODE = re.compile(r"(?<![\w/.-])(?:[A-Z]{1,5}(?:-[A-Z]{1,5})*-?[A-Z]?\d{1,5}[A-Za-z]?)(?![\w/-])")
_STEM = re.compile(
    r"""\b([A-Za-z][a-z]{3,}                                         # "pembroli-", "olverembat-", "zelenir-"
        (?:mab|tinib|ciclib|parib|lisib|rafenib|degib|siran|rsen|     # antibodies, kinase inhibitors, RNA drugs
           glutide|tide|parin|previr|buvir|asvir|stat|cept|kinra|     # peptides, antivirals, enzyme inhibitors
           toclax|ifene|gliflozin|gliptin|xaban|gatran|setron|        # BCL-2, SERMs, diabetes, anticoagulants, nausea
           triptan|lukast|tecan|taxel|platin|rubicin|leucel|          # migraine, asthma, chemotherapy, CAR-T
           cabtagene|vec|mycin|cillin|floxacin|conazole|prazole|      # CAR-T, gene therapy, antibiotics, antifungals
           sartan|vastatin|dipine|tegravir|navir|afil|pant|           # cardiovascular, HIV, PDE5, migraine (gepants)
           lutamide|relix|zomib|anib|otinib))\b                      # hormone therapies, proteasome inhibitors
    """,
    re.VERBOSE,
)
_PRODUCT_WORD = re.compile(
    r"""\b(?:product|candidate|candidates|drug|therapy|therapies|  # "lead product candidate"
           therapeutic|treatment|device|system|platform|          # "the X system", "its X platform"
           technology|test|assay|kit|vaccine|formulation|         # "the X assay", "an X vaccine"
           program|programme|asset|compound|molecule|antibody|    # "its X program", "the X antibody"
           implant|catheter|sensor|agent|eyedrop|tablet|          # medical devices and dosage forms
           injection|oral|                                        # "X injection", "oral X"
           IND|NDA|BLA|510\(k\)|                                  # filings: "the X NDA", "X 510(k)"
           trial|study|clinical|                                  # "the X trial"
           approval|approved|cleared|designation|indication|      # regulatory news about X
           launch|pipeline|dose|dosing|patients?)\b               # "launch of X", "patients dosed with X"
    """,
    re.I | re.VERBOSE,
)
_SHOUTED = re.compile(
    r"\b(?:[A-Z]{3,}|[A-Z][a-z]+[A-Z]{2,}[A-Za-z]*|[a-z][A-Z]{3,}[A-Za-z]*|[A-Z]{2,}[a-z]+[A-Z]+[a-z]*)(?:-[\w]+)*\b"
)
_DEFINED = re.compile(r"((?:[A-Z][\w-]*\s+){1,6}[A-Z][\w-]*)\s+\((?P<short>[A-Z][A-Za-z0-9 -]{1,12})\)")
_DEFINED_CUE = re.compile(r"\b(?:called|named|known\s+as|its|our|novel|proprietary|lead)\s+$", re.I)
_OTHER_OWNER = re.compile(r"\b([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s(?:\s*" + MARK + r")?\s+$")


@dataclass(frozen=True)
class ProductMention:
    start: int
    end: int
    name: str
    aliases: tuple[str, ...]
    how: str


@lru_cache(maxsize=1)
def not_products() -> frozenset[str]:
    return frozenset(row[0].lower() for row in lexicon_rows("not_products.txt"))


def _ok(name: str) -> bool:
    low = name.lower()
    if not name or low in not_products() or re.fullmatch(r"(?:19|20)\d\d", name):
        return False
    if re.search(r"-(?:targeting|targeted|based|driven|related|mediated|positive|negative|derived)$", low):
        return False
    head = re.split(r"[- ]", name)[0].lower()
    return head not in not_products() or bool(re.search(r"\d{3}", name))


def marked(text: str) -> list[ProductMention]:
    """Names carrying a trademark mark (the mark not part of the name)."""
    out = []
    for m in _MARKED.finditer(text):
        words = m.group(1).split()
        while words and (words[0].lower() in not_products() or words[0] in ("The", "A", "An", "Our", "Its")):
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        start = m.start(1) + m.group(1).rfind(name)
        out.append(ProductMention(start, start + len(name), name, (), "mark"))
    for m in _GLUED_TM.finditer(text):
        out.append(ProductMention(m.start(1), m.end(1), m.group(1), (m.group(0),), "mark"))
    return [p for p in out if _ok(p.name)]


def code_names(text: str, context: str) -> list[ProductMention]:
    """Code names; one with fewer than three digits needs a product word in its sentence."""
    out = []
    for m in _CODE.finditer(text):
        name = m.group()
        digits = sum(c.isdigit() for c in name)
        after_mark = bool(re.search(MARK + r"\s*$", text[max(0, m.start() - 5) : m.start()]))
        if not _ok(name) or (digits < 3 and not _PRODUCT_WORD.search(context) and not after_mark):
            continue
        if re.match(r"NCT\d+|ISO|ICD|CPT|ASC|SFAS|FY|Q\d|H\d", name):
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        if re.search(r"[A-Z]{2,}\s*:\s*[“\"]?$", before):
            continue  # a ticker: (FRANKFURT: "ABC0")
        if before.endswith("(") and text[m.end() : m.end() + 1] == ")" and not after_mark:
            continue  # "(ABC006)" after a description names that trial or meeting; aliases are taken elsewhere
        out.append(ProductMention(m.start(), m.end(), name, (), "code"))
    return out


_PARTNER_DRUG = re.compile(
    r"\b(?:combination\s+with|combined\s+with|with|plus|and|versus|vs\.?|compared\s+(?:to|with)|such\s+as|than|"
    r"including|or)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)


def inn_names(text: str) -> list[ProductMention]:
    """Generic names by their stem; one given as a partner in combination ("with pembrolizumab")
    or a comparator ("versus semaglutide") is someone else's drug."""
    out = []
    for m in _STEM.finditer(text):
        name = m.group(1)
        if not _ok(name) or len(name) < 7 or _PARTNER_DRUG.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        out.append(ProductMention(m.start(1), m.end(1), name, (), "inn"))
    return out


def shouted_names(text: str) -> list[ProductMention]:
    """Capitals or camel case beside a product word ("LEUMUNA, an oral ...", "the CelluSTAT device")."""
    out = []
    for m in _SHOUTED.finditer(text):
        name = m.group()
        near = text[max(0, m.start() - 40) : m.end() + 40]
        if _ok(name) and _PRODUCT_WORD.search(near) and not name.isupper() or _ok(name) and _strong_cue(text, m):
            out.append(ProductMention(m.start(), m.end(), name, (), "shape"))
    return out


def _strong_cue(text: str, m: re.Match[str]) -> bool:
    """An all-capitals word is a product only right next to a product word."""
    before = text[max(0, m.start() - 30) : m.start()]
    after = text[m.end() : m.end() + 30]
    return bool(
        re.search(
            r"\b(?:candidate|product|drug|platform|technology|therapy|device|asset|program)s?\s*,?\s*$", before, re.I
        )
        or re.match(
            r"\s*(?:,\s*(?:an?|our|its)\s+)?(?:[\w-]+\s+){0,2}(?:candidate|platform|technology|therapy|device|test|assay|system)\b",
            after,
            re.I,
        )
    )


def defined_terms(text: str) -> list[ProductMention]:
    """ "its Low Volume Ultra-High Concentration Nitric Oxide (LV UNO)": the short form, and the long."""
    out = []
    for m in _DEFINED.finditer(text):
        short, long = m.group("short").strip(), m.group(1).strip()
        before = text[max(0, m.start() - 20) : m.start()]
        after = text[m.end() : m.end() + 25]
        cued = _DEFINED_CUE.search(before) or re.match(
            r"\s*(?:therapy|technology|platform|device|product)\b", after, re.I
        )
        if not cued and short not in text[m.end() :]:
            continue  # a defined term used again ("... (LV UNO) ... trial of LV UNO") names a thing
        if not _ok(short) or not _initials_match(short, long):
            continue
        out.append(ProductMention(m.start("short"), m.end("short"), short, (long,), "defined"))
    return out


def _initials_match(short: str, long: str) -> bool:
    """ "LV UNO" ← "Low Volume Ultra-High Concentration Nitric Oxide": the letters of the short form
    are initials of the long one's words, in order."""
    initials = "".join(w if w.isupper() else w[0] for w in re.split(r"[\s-]+", long) if w).upper()
    letters = re.sub(r"[^A-Z]", "", short.upper())
    pos = 0
    for ch in letters:
        pos = initials.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return len(letters) >= 2


def owned_by_other(text: str, start: int, issuer_words: set[str]) -> bool:
    """ "Novo Nordisk’s® Rybelsus": a name right after another company's possessive."""
    m = _OTHER_OWNER.search(text[max(0, start - 60) : start])
    if m is None:
        return False
    owner = m.group(1).lower()
    return not any(w in owner for w in issuer_words) and owner not in ("company", "the company")


def _mark_then_code(text: str, marks: list[ProductMention], codes: list[ProductMention]) -> list[ProductMention]:
    """ "Tumor Defense Breaker™ L-DOS47": the code is the product, the marked words its alias."""
    out = list(codes)
    for mark in marks:
        code = next((c for c in codes if 0 <= c.start - mark.end <= 3), None)
        if code is None:
            out.append(mark)
            continue
        out.remove(code)
        alias = re.sub(r"\s+", " ", text[mark.start : code.end])
        out.append(ProductMention(code.start, code.end, code.name, (alias,), "code"))
    return out


def product_mentions(text: str) -> list[ProductMention]:
    """Every product name the sentence's shapes give, longest first at one place."""
    found = _mark_then_code(text, marked(text), code_names(text, text))
    found += inn_names(text) + shouted_names(text) + defined_terms(text)
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    out: list[ProductMention] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out
