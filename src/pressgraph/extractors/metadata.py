"""Release metadata: issuer, ticker and exchange, date, dateline city, headline, contacts, period.

A release names its issuer and date in a handful of layouts, and each has a rule here:

- the dateline, in every wire's spelling: "CITY, ST, Month D, YYYY /Wire/ --", "CITY - Month D,
  YYYY (WIRE) -", "CITY - (Wire) - Month D, YYYY -", "City, ST (Month D, YYYY) -", "City (Wire)
  Weekday Mon D, YYYY @ 7:00 AM Zone -", "Month D, YYYY -- City, ST --", "CITY-(BUSINESS WIRE)-"
  (no date) and "City, Country - Issuer (EXCH: TICK)" (place only);
- the name that opens the text after the dateline, or the first sentence ("Acme, a ... company,
  today announced"), or the name in front of a ticker parenthetical ("(Nasdaq/NM - ACME)",
  "(NASDAQ: ACME)", "(OTC: ACME)", "(TSX: “ACM”, OTC: “ACMEF”)");
- a Form 6-K/8-K cover page ("Exact name of registrant as specified in its charter", its
  English translation), a cover date line or "dated Month D, YYYY";
- the headline subject ("Acme Therapeutics Announces ...") and an "About X" heading;
- the header fields that came with the file (EDGAR submission header, corpus header).

The date is never taken from a file name. A dateline without a year takes the year of the file's
own header (an EDGAR header, or the web server's "Last-modified" line of a crawled page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from pressgraph.extractors._orgs import PART_OF
from pressgraph.extractors.periods import DATE_RE, duration_months, make_date
from pressgraph.model import Block, BlockKind, Contact, Document, Evidence, ReleaseMetadata
from pressgraph.names import MONTHS, legal_suffix_alternation, legal_suffixes, strip_legal_suffix
from pressgraph.resources import lexicon_rows

# --- shared pieces of the dateline and name grammar -------------------------------------------

_MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?i:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?i:day)?\.?,?"
_YEAR = r"(?:19|20)\d\d"
# "October 29, 2025", "Jan 6, 2025", "July 1st 2025", "Dec. 10", "30 January 2023", "Monday Jan 6, 2025"
_DATE = (
    rf"(?:{_WEEKDAY}\s+)?(?:{_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*{_YEAR})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR})"
)
_PLACE_WORD = rf"(?!{_MONTH}\s*\d)[A-Z][\w.'’À-ÿ-]*"  # a month before a day is the date, not the place
_PLACE = (
    r"(?!(?:On|In|As|At|By|For|The|This|Today|During|Effective|Following|After|Since|Date|Server|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b)"
    rf"{_PLACE_WORD}(?:\ {_PLACE_WORD}){{0,3}}"
    rf"(?:\s*(?:,|/|&|\band\b)\s*(?:the\s+)?{_PLACE_WORD}(?:\ {_PLACE_WORD}){{0,3}}){{0,5}}"
)
_WIRE_WORD = r"(?i:[\w\ .&'’-]*(?:wire|news|press|release|media|\.ai|\.com|PR\b)[\w\ .&'’-]*)"
_WIRE = rf"""(?:
    \(\s*\[?{_WIRE_WORD}\]?(?:\([^)\s]*\))?\s*\)        # (NEWMEDIAWIRE), ([NewMediaWire](https://...))
  | /\s*{_WIRE_WORD}\s*/                                  # /PRNewswire/, /24-7PressRelease/
  | PRISM\s+MediaWire(?:\s*\([^)]*\))?                  # PRISM MediaWire (Press Release Service ...)
  | \[{_WIRE_WORD}\]\([^)\s]*\)                          # [Media OutReach Newswire](https://...)
)"""
_TIME = r"(?:@\s*\d{1,2}:\d\d\s*[AaPp]\.?[Mm]\.?(?:\s+[A-Z][\w/]*)?)"
_DASH = r"[-–—]{1,3}"

_DATELINE = re.compile(
    rf"""^[\s#*>]*
    (?P<city>{_PLACE})
    [\s,]*(?:{_DASH}\s*)?
    (?P<wire1>{_WIRE}\s*(?:{_DASH}\s*)?)?
    (?:\(\s*(?:{_WIRE_WORD}\s*[-–—]\s*)?(?P<pdate>{_DATE})\s*\)|(?P<date>{_DATE}))?
    \s*{_TIME}?
    (?:\s*(?:{_DASH}\s*)?(?P<wire2>{_WIRE}))?
    \s*(?P<end>{_DASH}|:|;|\.(?=\s)|(?<=\d)\s*,(?=\s)|(?<=\d{{4}})\s|$)""",
    re.VERBOSE,
)
_DATE_FIRST = re.compile(
    rf"^[\s#*>]*(?P<date>{_DATE})\s*(?:{_DASH}|,)\s*(?P<city>{_PLACE})\s*(?P<end>{_DASH})(?:\s*{_WIRE}\s*{_DASH})?",
    re.VERBOSE,
)
_PLACE_ONLY = re.compile(
    rf"""^[\s#*>]*                                                  # Markdown marks before the dateline
        (?P<city>{_PLACE_WORD}(?:\ {_PLACE_WORD}){{0,2}},\s*        # "SAN DIEGO,"
                 (?:the\s+)?{_PLACE_WORD}(?:\ {_PLACE_WORD}){{0,2}})  # "... Calif.", "... the Netherlands"
        \s*(?P<end>[–—]|\s-{{1,2}}\s)                               # the dash, with no date: " – ", " -- "
    """,
    re.VERBOSE,
)
# A dateline inside a flattened block (headline and lead run together): capitals, date, dash.
_DATELINE_INSIDE = re.compile(
    rf"(?<=\s)(?P<city>[A-Z][A-Z.'-]+(?:\ [A-Z][A-Z.'-]+){{0,3}}(?:,\s*[A-Z][\w.]+(?:\ [A-Z][\w.]+)?)?"
    rf"|[A-Z][a-z][\w.'-]+(?:\ [A-Z][\w.'-]+){{0,2}},\s*[A-Z][\w.]+(?:\ [A-Z][\w.]+)?),?\s*(?:{_DASH}\s*)?"
    rf"(?P<date>{_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*{_YEAR})?)\s*(?:{_WIRE})?\s*(?P<end>{_DASH}|(?<=\d{{4}})\.\s)",
    re.VERBOSE,  # _WIRE is written verbose; the literal spaces above are escaped ("\ ")
)
_HTTP_HEADER = re.compile(r"^(?:HTTP/|Date:|Server:|Last-modified:|Content-|Accept-)", re.I)

_LEGAL = legal_suffix_alternation() + r"\b\.?"  # "Inc.", "S.A.", "LTD" (lexicons/legal_suffixes.txt)
_NAME_WORD = r"(?:[A-Z][\w&'’.+-]*|[a-z]{1,6}[A-Z][\w'’.-]*|\d+[A-Za-z][\w-]*)"  # Acme, bioAcme, 3M
_NAME_RUN = rf"{_NAME_WORD}(?:\s+(?:(?:&|and|of|de|for|the)\s+)?{_NAME_WORD}){{0,6}}?(?:,?\s+{_LEGAL}){{0,2}}"
# the name opening the text after a dateline (or a first sentence): it ends before "(", ",", a dash
# or a lower-case word ("Acme Inc., a company ...", "Zeta Ltd. - a global ...", "Acme secures ...")
_LEAD_NAME = re.compile(rf"^[\s\-–—:]*(?P<name>(?:The\s+)?{_NAME_RUN})(?=\s*[(,“\"]|\s+[-–—]\s|\s+[a-z]|\s*$)")
_ANNOUNCES = (
    r"\s+(?:(?:today|recently|has|have|is|proudly|officially|also)\s+)*(?:announc|report|unveil|launch|introduc|"
    r"pleased|secur|receiv|complet|enter|sign|expand|appoint|name|present|provid)"
)
_OPENERS = frozenset(
    "in on as at by for with from through under today the a an and our its this these both each additionally "
    "also separately recently previously during after before following while when if we it there here "
    "company contact contacts source about news press release".split()
)
_TICKER = re.compile(
    r"""\(\s*
    (?P<exchange>[A-Za-z][A-Za-z\ .&/-]{0,30}?)      # Nasdaq, NYSE American, OTC Pink Limited, Nasdaq/NM, TSX-V
    \s*(?::|\s[-–]\s|-|\s)\s*                         # ":" or " - " or "-"
    [“"'‘]?(?P<ticker>[A-Z0-9][A-Z0-9.]{0,9})[”"'’]?  # the symbol, maybe quoted
    (?:\s*[-–]\s*News)?                              # "(AMEX:AEN - News)"
    (?P<more>\s*[,;/|–-]\s*[A-Za-z“"][^()]*)?        # further listings
    \s*\)""",
    re.VERBOSE,
)
_SUFFIX_TICKER = re.compile(r"\((?P<ticker>[A-Z0-9]{1,6}\.(?P<suffix>[A-Z]{1,2}))\)")
_NAME_BEFORE = re.compile(rf"(?P<name>(?:The\s+)?{_NAME_RUN})\s*(?:\([^()]{{1,60}}\)\s*)?$")
_DEFINED = re.compile(r"[“\"]([^”\"]{2,40})[”\"]")
_PERIOD_PHRASE = re.compile(
    r"""(?P<dur>(?:first|second|third|fourth)\s+(?:fiscal\s+)?quarter  # "the third fiscal quarter"
               |(?:three|six|nine|twelve)\s+months                    # "the nine months"
               |\d{1,2}-week\s+(?:fiscal\s+)?(?:quarter|period)        # "the 13-week period"
               |(?:fiscal\s+)?year|quarter)                            # "fiscal year", "quarter"
        \s+ended\s+(?P<date>"""  # "... ended September 30, 2024"
    + DATE_RE.pattern
    + r")",
    re.IGNORECASE | re.VERBOSE,
)


@lru_cache(maxsize=1)
def exchange_names() -> dict[str, str]:
    """Exchange code (letters only, lower case) → name, from exchanges.tsv then metadata_exchanges.tsv."""
    names: dict[str, str] = {}
    for lexicon in ("exchanges.tsv", "metadata_exchanges.tsv"):
        for code, name in lexicon_rows(lexicon):
            names.setdefault(code, name)
    return names


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """Words that are never, alone, another name of the issuer (see metadata_generic_words.txt)."""
    words = {r[0].lower() for r in lexicon_rows("metadata_generic_words.txt")}
    words |= {s.rstrip(".").lower() for s in legal_suffixes()}
    words |= {w.lower() for r in lexicon_rows("org_types.tsv") for w in r[0].split()}
    return frozenset(words)


@lru_cache(maxsize=1)
def _headline_verbs() -> re.Pattern[str]:
    """Headline subject: the capitalised words before a verb of metadata_headline_verbs.txt or a colon."""
    verbs = "|".join(re.escape(r[0]) for r in lexicon_rows("metadata_headline_verbs.txt"))
    return re.compile(rf"^[#\s]*(?P<name>(?:The\s+)?{_NAME_RUN})(?:\s+(?i:{verbs})\b|(?P<colon>:)\s)")


# --- the record --------------------------------------------------------------------------------


@dataclass
class _Issuer:
    """The issuer as found so far: name, the span it came from, ticker and the names it defines."""

    name: str | None = None
    evidence: Evidence | None = None
    ticker: str | None = None
    exchange: str | None = None
    ticker_evidence: Evidence | None = None
    defined: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Lead:
    """The dateline: its block, the city and date spans in the block text, where the body starts."""

    block: Block
    city: tuple[int, int] | None
    date: tuple[int, int] | None
    body: int


# a ticker parenthetical found in a block, with the company name printed before it
_TickerMention = tuple[Block, re.Match[str], str, Evidence]


def extract_metadata(doc: Document) -> ReleaseMetadata:
    """Everything competency question 1 asks about the release's issuer and publication."""
    evidence: dict[str, Evidence] = {}
    lead = _find_lead(doc)
    issuer, extra_names = _issuer(doc, lead)
    if issuer.evidence:
        evidence["issuer"] = issuer.evidence
    if issuer.ticker_evidence:
        evidence["ticker"] = issuer.ticker_evidence
    release_date, city = _date_and_city(doc, lead, evidence)
    headline = _headline(doc)
    if headline is not None:
        evidence["headline"] = _evidence(headline, 0, len(headline.text), "metadata:headline")
    end, months = _reporting_period(doc, lead)
    short = _short_names(doc, issuer.name, issuer.ticker, issuer.defined + extra_names) if issuer.name else ()
    return ReleaseMetadata(
        issuer_name=issuer.name,
        issuer_short_names=short,
        ticker=issuer.ticker,
        exchange=issuer.exchange,
        release_date=release_date,
        dateline_city=city,
        headline=_headline_text(headline),
        contacts=_contacts(doc, issuer.name, short),
        reporting_period_end=end,
        reporting_period_months=months,
        evidence=evidence,
    )


def _evidence(block: Block, i: int, j: int, method: str) -> Evidence:
    """Evidence for ``block.text[i:j]``, mapped back to the document."""
    start, end = block.doc_span(i, j)
    return Evidence(start, end, block.text[i:j], method)


def _text_blocks(doc: Document, limit: int = 40) -> list[Block]:
    """The first blocks that can hold a dateline or a lead (not tables, not HTTP headers)."""
    out = []
    for block in doc.blocks:
        if block.kind is BlockKind.TABLE or not block.text.strip() or _HTTP_HEADER.match(block.text):
            continue
        out.append(block)
        if len(out) >= limit:
            break
    return out


# --- the dateline ------------------------------------------------------------------------------


def _find_lead(doc: Document) -> _Lead | None:
    """The first block that opens with a dateline; else a dateline inside a long flattened block."""
    blocks = _text_blocks(doc)
    for block in blocks:
        if block.kind is BlockKind.BULLET:
            continue
        lead = _lead_at_start(block)
        if lead is not None:
            return lead
    for block in blocks[:4]:
        m = _DATELINE_INSIDE.search(block.text[:1500])
        if m:
            return _Lead(
                block, (_inside_city_start(block.text, *m.span("city")), m.end("city")), m.span("date"), m.end()
            )
    return None


def _inside_city_start(text: str, i: int, j: int) -> int:
    """Where a city in title case starts when a headline runs into it: its last word before the
    comma, or its last two when the first of them opens many city names (metadata_place_prefixes)."""
    place = text[i:j]
    if place.split(",")[0].isupper():
        return i
    words = place.split(",")[0].split()
    prefixes = {r[0] for r in lexicon_rows("metadata_place_prefixes.txt")}
    keep = 2 if len(words) >= 2 and words[-2] in prefixes else 1
    return i + place.find(" ".join(words[-keep:]))


def _lead_at_start(block: Block) -> _Lead | None:
    """A dateline at the start of ``block``; a second one right after it ("... Pacific — Dec. 20th,
    2024 - Irvine, California --(Wire)-- Acme ...") is skipped so that the body starts after both."""
    lead = _one_dateline(block, block.text)
    if lead is not None:
        again = _DATE_FIRST.match(block.text[lead.body :]) or _DATELINE.match(block.text[lead.body :])
        if again and (again.groupdict().get("date") or again.groupdict().get("pdate")):
            return _Lead(block, lead.city, lead.date, lead.body + again.end())
    return lead


def _one_dateline(block: Block, text: str) -> _Lead | None:
    """A dateline in any layout at the start of ``text``: date first, place first (with a
    date or a wire), or a place alone before a company that the text opens with."""
    m = _DATE_FIRST.match(text)
    if m:
        return _Lead(block, m.span("city"), m.span("date"), m.end())
    m = _DATELINE.match(text)
    wired = bool(
        m and (m.group("wire1") or m.group("wire2")) and "](" not in (m.group("wire1") or "") + (m.group("wire2") or "")
    )
    if m and (m.group("date") or m.group("pdate") or wired):  # a linked wire alone is a "Pickup - [...](...)" line
        date_group = "date" if m.group("date") else "pdate" if m.group("pdate") else None
        return _Lead(block, m.span("city"), m.span(date_group) if date_group else None, m.end())
    m = _PLACE_ONLY.match(text)
    if m and _opens_with_issuer(text[m.end() :]):
        return _Lead(block, m.span("city"), None, m.end())
    return None


def _opens_with_issuer(body: str) -> bool:
    """After a place-only dateline the text must open with a company: a ticker or an appositive."""
    m = _LEAD_NAME.match(body)
    if not m or not _plausible_name(m.group("name")):
        return False
    rest = body[m.end() :].lstrip()
    ticker = _TICKER.match(rest)
    return bool(ticker and _is_exchange(ticker.group("exchange"))) or bool(re.match(r",\s+(?:a|an|the)\s", rest))


def _date_and_city(doc: Document, lead: _Lead | None, evidence: dict[str, Evidence]) -> tuple[date | None, str | None]:
    """Release date and city from the dateline, the date else from the other places dates are printed."""
    city = None
    release_date = None
    if lead is not None and lead.city:
        i, j = lead.city
        city = _title_city(lead.block.text[i:j])
        evidence["dateline_city"] = _evidence(lead.block, i, j, "metadata:dateline")
    if lead is not None and lead.date:
        i, j = lead.date
        release_date = _parse_date(lead.block.text[i:j], doc)
        if release_date:
            evidence["release_date"] = _evidence(lead.block, i, j, "metadata:dateline")
    if release_date is None:
        release_date = _date_elsewhere(doc, evidence)
    return release_date, city


def _title_city(city: str) -> str:
    """A city printed in capitals, in title case ("ANN ARBOR, MICHIGAN" → "Ann Arbor, Michigan")."""
    city = city.strip(" ,-–—")
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 and not w.endswith(".") else w for w in city.split())


def _parse_date(text: str, doc: Document) -> date | None:
    """A printed date; without a year, the year of the file's own header that keeps it in the past."""
    m = DATE_RE.search(text)
    if m:
        month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else _year_for(doc, month, day)
    else:
        m = re.search(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH}),?\s+({_YEAR})", text)
        if not m:
            return None
        month, day, year = MONTHS[m.group(2).rstrip(".").lower()], int(m.group(1)), int(m.group(3))
    return make_date(year, month, day) if year else None


def _year_for(doc: Document, month: int, day: int) -> int | None:
    """The year of a "Month D" dateline: from the header date, the latest year not after it."""
    known = _header_date(doc) or _served_date(doc)
    if known is None:
        return None
    return known.year if (month, day) <= (known.month, known.day) else known.year - 1


def _served_date(doc: Document) -> date | None:
    """The web server's "Last-modified" (else "Date") line of a crawled page: when it was online."""
    head = doc.text[:800]
    for label in ("Last-modified", "Date"):
        m = re.search(rf"(?im)^{label}:\s*\w{{3}},\s*(\d{{1,2}})\s+(\w{{3}})\s+(\d{{4}})", head)
        if m and m.group(2).lower() in MONTHS:
            return make_date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    return None


def _date_elsewhere(doc: Document, evidence: dict[str, Evidence]) -> date | None:
    """Without a dated dateline: a cover date line, "dated ...", a "Published:" line, a dated
    source link, the header fields — in that order."""
    blocks = [b for b in doc.blocks[:60] if b.text.strip() and not _HTTP_HEADER.match(b.text)]
    for block in blocks:
        text = block.text.strip()
        m = None if block.kind is BlockKind.TABLE else re.fullmatch(rf"(?P<d>{_DATE})\.?", text)
        m = m or re.search(
            rf"\b(?:dated|(?:Published|Posted)(?:\s+on)?:?|Release(?:d|\s+Date)?(?:\s+on)?:)\s+(?P<d>{_DATE})", text
        )
        if m and (found := _parse_date(m.group("d"), doc)):
            evidence["release_date"] = _evidence(block, m.start("d"), m.end("d"), "metadata:date-line")
            return found
    return _linked_date(doc, evidence) or _header_date(doc)


def _linked_date(doc: Document, evidence: dict[str, Evidence]) -> date | None:
    """The date in the path of the release's own source link ("Source Press Release](.../2026/07/02/...)")."""
    m = re.search(r"Source\s+Press\s+Release\]\(\S*?/((?:19|20)\d\d)/(\d\d)/?(\d\d)/", doc.text)
    if not m:
        return None
    found = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if found:
        evidence["release_date"] = Evidence(m.start(1), m.end(3), m.group(0), "metadata:source-link")
    return found


def _header_date(doc: Document) -> date | None:
    """The date of the header that came with the file (corpus header, EDGAR submission header)."""
    for key in ("date", "filed_as_of_date", "period_of_report"):
        raw = doc.header_fields.get(key, "")
        digits = re.sub(r"[^0-9]", "", raw)
        if len(digits) == 8:
            return make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    return None


# --- the issuer --------------------------------------------------------------------------------


def _issuer(doc: Document, lead: _Lead | None) -> tuple[_Issuer, list[str]]:
    """The issuer by the strongest rule that applies, its listing, and the other names it is given."""
    blocks = _text_blocks(doc)
    first = _first_paragraph(blocks, lead)
    tickers = _ticker_mentions(blocks[:12], lead)
    cover, translation = _cover_names(doc)
    issuer = _Issuer()
    near = [t for t in tickers if lead is not None and t[0] is lead.block or t[0] is first]
    named = _lead_name(doc, lead) or (_subject_name(first) if first is not None else None)
    if cover is not None:
        issuer.name, issuer.evidence = cover
    elif near and not _opens_before(named, near[0]):
        issuer.name, issuer.evidence = near[0][2], near[0][3]
    elif named is not None:
        issuer.name, issuer.evidence = _prefer_headline(doc, named, lead.block if lead else first)
    elif tickers:
        issuer.name, issuer.evidence = tickers[0][2], tickers[0][3]
    elif parent := _listed_parent(blocks):
        issuer.name, issuer.evidence = parent[2], parent[3]
        tickers = [parent]
    else:
        issuer.name, issuer.evidence = (
            _headline_subject(doc) or _about_name(blocks) or _described_name(doc, blocks) or _header_name(doc)
        )
    if issuer.name is None:
        return issuer, []
    issuer.name = _legal_form(doc, _printed_case(doc, issuer.name))
    extra = [translation] if translation else []
    _attach_listing(issuer, tickers, extra)
    issuer.defined = _defined_names(blocks[:12], issuer.name, extra)
    return issuer, extra


_DIVISION_OF = re.compile(PART_OF + "$", re.I)


def _listed_parent(blocks: list[Block]) -> _TickerMention | None:
    """A release issued by a division names its listed parent where it describes itself ("Acme
    Laboratories, a division of Acme Holdings Corporation (NYSE: ACH), ..."), often at the end:
    the listed parent is the issuer when no listing opens the release."""
    for mention in _ticker_mentions(blocks, None):
        block, ticker, name, _evidence = mention
        at = block.text.rfind(name, 0, ticker.start())
        if at >= 0 and _DIVISION_OF.search(block.text[max(0, at - 80) : at]):
            return mention
    return None


def _opens_before(named: tuple[str, Evidence] | None, ticker: _TickerMention) -> bool:
    """The lead opens with another company than the first listed one ("Acme Pharma Co.,
    Ltd. ("Acme"; TWSE: 1234) ... acquisition of ... Zeta, Inc. (NASDAQ: ZETA)")."""
    if named is None or named[1].start >= ticker[3].start or _norm(named[0]) == _norm(ticker[2]):
        return False
    block = ticker[0]
    at = block.text.find(named[0])
    return at >= 0 and block.text[at + len(named[0]) :].lstrip().startswith("(")  # its own definition or listing


def _plausible_name(name: str) -> bool:
    """A company name has a word that is not a sentence opener ("In", "Today", "The Company")."""
    words = [w.strip(",.").lower() for w in name.split()]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return bool(words) and words[0] not in _OPENERS and any(w not in _OPENERS for w in words)


def _first_paragraph(blocks: list[Block], lead: _Lead | None) -> Block | None:
    """The opening paragraph of the release text: the dateline block, else the first real sentence."""
    if lead is not None:
        return lead.block
    for block in blocks[:15]:
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.DATELINE, BlockKind.SUBHEADLINE) and (
            len(block.text.split()) >= 15 and not block.text.lstrip().startswith(("#", "[", "!"))
        ):
            return block
    return None


def _ticker_mentions(blocks: list[Block], lead: _Lead | None) -> list[_TickerMention]:
    """Every ``Name (EXCH: TICK)`` in the opening blocks, the dateline block first."""
    ordered = ([lead.block] if lead is not None else []) + [b for b in blocks if lead is None or b is not lead.block]
    found = []
    for block in ordered:
        for m in _TICKER.finditer(block.text):
            if not _is_exchange(m.group("exchange")):
                continue
            named = _name_before(block, m.start())
            if named is not None:
                found.append((block, m, *named))
    return found


def _is_exchange(text: str) -> bool:
    """Whether a parenthetical's prefix is a listing venue of the exchange lexicons."""
    return re.sub(r"[^a-z]", "", text.lower()) in exchange_names()


def _name_before(block: Block, end: int) -> tuple[str, Evidence] | None:
    """The company name right before a ticker (an alias parenthetical may stand between them)."""
    start = max(0, end - 160)
    m = _NAME_BEFORE.search(block.text[start:end].rstrip())
    if not m:
        return None
    name = _trim_name(m.group("name"))
    owner = re.search(rf"\bof\s+(?P<owner>[A-Z][^,]*?,?\s+{_LEGAL})$", name)
    if owner:  # "the Site Management Organization of Acme Corp (OTC: ACME)": the listed company
        name = owner.group("owner")
    if not _plausible_name(name):
        return None
    i = start + m.start("name") + m.group("name").find(name)
    return name, _evidence(block, i, i + len(name), "metadata:issuer")


def _trim_name(name: str) -> str:
    """Drop words in front that are not part of the name ("Today", "-", "announced", "The")."""
    words = name.split()
    while len(words) > 1 and (words[0].lower().strip(",") in _OPENERS - {"the"} or words[0] in {"--", "-", "—"}):
        words = words[1:]
    if len(words) > 1 and words[0] == "The" and not re.search(_LEGAL + "$", " ".join(words)):
        words = words[1:]
    return " ".join(words).strip(" ,")


def _lead_name(doc: Document, lead: _Lead | None) -> tuple[str, Evidence] | None:
    """The company name that opens the text after the dateline ("– Acme Oncology, Ltd., a ...")."""
    if lead is None:
        return None
    named = _opening_name(lead.block, lead.body)
    return named if named and _company_like(doc, lead.block, lead.body, named[0]) else None


def _company_like(doc: Document, block: Block, at: int, name: str) -> bool:
    """An opening name is a company's (not "Immunotherapy has attracted ..."): a legal form, an
    appositive or parenthetical after it, or the headline or an "About" heading naming it."""
    if re.search(_LEGAL + r"$", name):
        return True
    rest = block.text[at + block.text[at:].find(name) + len(name) :]
    if re.match(r"\s*[(,“\"]|\s+[-–—]\s", rest) or re.match(_ANNOUNCES, rest):
        return True
    head = _headline_subject(doc, repeated=False)
    if head is not None and _norm(head[0]) == _norm(name):
        return True
    return bool(re.search(r"(?m)^\W*About\s+" + re.escape(name), doc.text))


def _opening_name(block: Block, at: int) -> tuple[str, Evidence] | None:
    """The company name that opens ``block.text`` at ``at``, if it can be one."""
    m = _LEAD_NAME.match(block.text[at:])
    if not m:
        return None
    name = _trim_name(m.group("name"))
    if not _plausible_name(name) or len(name) < 2 or re.match(_DATE, name):
        return None
    i = at + m.start("name") + m.group("name").find(name)
    return name, _evidence(block, i, i + len(name), "metadata:issuer")


def _subject_name(block: Block) -> tuple[str, Evidence] | None:
    """A first sentence that opens with its subject: "PathAI, a global leader ..., today announced"."""
    named = _opening_name(block, 0)
    if named is None:
        return None
    rest = block.text[len(named[0]) + block.text.find(named[0]) :]
    if re.match(r"\s*(?:,\s+(?:a|an|the|one)\s|\s+(?:today|announced|announces|is\s+pleased|has\s+announced))", rest):
        return named
    return None


def _prefer_headline(doc: Document, named: tuple[str, Evidence], block: Block | None) -> tuple[str, Evidence]:
    """A release by a subsidiary's name ("Zeta Diagnostics, a subsidiary of Acme Therapeutics,
    announces") is issued by the company its headline names, when the lead names it too."""
    head = _headline_subject(doc)
    if head is None or block is None:
        return named
    a, b = _norm(head[0]), _norm(named[0])
    if a in b or b in a or head[0] not in block.text:
        return named
    return head


def _headline_subject(doc: Document, repeated: bool = True) -> tuple[str, Evidence] | None:
    """The subject of the headline, before its verb ("Acme Inc. Secures ...") or a colon; as the
    issuer (``repeated``) only when the text names it again."""
    block = _headline(doc)
    if block is None:
        return None
    m = _headline_verbs().match(block.text)
    if not m or not _plausible_name(m.group("name")):
        return None
    name = _trim_name(m.group("name"))
    body = doc.text[: block.start] + doc.text[block.end :]
    if len(name.split()) > (3 if m.group("colon") else 5) or (repeated and not re.search(re.escape(name), body, re.I)):
        return None  # "HIV Self-Testing Just Got Faster: ...", or a subject the text never repeats
    i = m.start("name") + m.group("name").find(name)
    return name, _evidence(block, i, i + len(name), "metadata:headline-subject")


def _about_name(blocks: list[Block]) -> tuple[str, Evidence] | None:
    """The name of an "About X" heading (a short block, or "About X:")."""
    for block in blocks:
        m = re.match(rf"About\s+(?P<name>{_NAME_RUN})\s*(?::|$)", block.text) or re.match(
            rf"About\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}?,?\s+{_LEGAL})", block.text
        )
        if (
            m
            and (len(block.text.split()) <= 8 or re.search(_LEGAL + "$", m.group("name")))
            and _plausible_name(m.group("name"))
        ):
            return m.group("name"), _evidence(block, m.start("name"), m.end("name"), "metadata:about")
    return None


def _described_name(doc: Document, blocks: list[Block]) -> tuple[str, Evidence] | None:
    """A paragraph that describes a company named again elsewhere: "Acme Laboratories is a global,
    diversified health care company ..."."""
    for block in blocks[:15]:
        m = re.match(rf"(?P<name>{_NAME_RUN}),?\s+(?:is|has\s+been)\s+(?:a|an|the)\s", block.text)
        if m and _plausible_name(m.group("name")) and doc.text.count(m.group("name")) >= 2:
            return m.group("name"), _evidence(block, 0, m.end("name"), "metadata:description")
    return None


def _header_name(doc: Document) -> tuple[str | None, Evidence | None]:
    """The company name of the file's header, the last resort."""
    return doc.header_fields.get("company") or doc.header_fields.get("company_name"), None


def _cover_names(doc: Document) -> tuple[tuple[str, Evidence] | None, str | None]:
    """A Form 6-K/8-K/10-K cover page: the registrant's exact name and its English translation."""
    blocks = [b for b in doc.blocks if b.text.strip()]
    name = translation = None
    for before, block in zip(blocks, blocks[1:], strict=False):
        label = block.text.strip().lower()
        if label.startswith("(exact name of registrant") and len(before.text) < 120:
            name = (before.text.strip(), _evidence(before, 0, len(before.text), "metadata:cover-page"))
        elif label.startswith("(translation of registrant") and len(before.text) < 120:
            translation = before.text.strip()
    return name, translation


def _printed_case(doc: Document, name: str) -> str:
    """A name printed in capitals on a cover or header, as the text spells it elsewhere."""
    if not name.isupper():
        return name
    for m in re.finditer(r"(?<![\w@/.-])" + re.escape(name) + r"(?![\w@-])", doc.text, re.IGNORECASE):
        if not m.group().isupper() and m.group()[0].isupper():
            return m.group()
    return name


def _legal_form(doc: Document, name: str) -> str:
    """The issuer's legal name when the text spells it out somewhere ("Acme Therapeutics, Inc.")."""
    if re.search(_LEGAL + r"$", name):
        return name
    m = re.search(r"(?<![\w-])" + re.escape(name) + r",?\s+" + _LEGAL, doc.text)
    return " ".join(m.group().split()) if m else name


def _attach_listing(issuer: _Issuer, tickers: list[_TickerMention], extra: list[str]) -> None:
    """The ticker and exchange printed with the issuer's name (or its translation)."""
    names = {_norm(issuer.name or "")} | {_norm(n) for n in extra}
    for block, m, name, _ev in tickers:
        key = _norm(name)
        if any(key and (key in n or n in key) for n in names if n):
            code = re.sub(r"[^a-z]", "", m.group("exchange").lower())
            issuer.exchange = exchange_names().get(code, m.group("exchange").strip())
            issuer.ticker = m.group("ticker")
            issuer.ticker_evidence = _evidence(block, m.start(), m.end(), "metadata:ticker")
            return


def _norm(name: str) -> str:
    """Comparison key of a company name: no legal form, no punctuation, lower case."""
    return " ".join(re.sub(r"[^\w\s]", " ", strip_legal_suffix(name).lower()).split())


def _defined_names(blocks: list[Block], name: str, extra: list[str]) -> list[str]:
    """Names the text defines for the issuer in parentheses after it: (“Acme” or the “Company”), (AcmeBio)."""
    found: list[str] = []
    spellings = {name, _base(name)}
    for block in blocks:
        for spelling in spellings:
            for occurrence in re.finditer(re.escape(spelling) + r"(?![\w])", block.text):
                found.extend(_definition_after(block.text[occurrence.end() : occurrence.end() + 200]))
    return [n for n in dict.fromkeys(found) if n not in extra]


def _definition_after(tail: str) -> list[str]:
    """The terms of the first parenthetical after a name that is not its listing (of the first two)."""
    for _ in range(2):
        paren = re.match(r"[\s,]*\(([^()]{1,80})\)", tail)
        if not paren:
            return []
        ticker = _TICKER.match(tail.lstrip(" ,"))
        if ticker and _is_exchange(ticker.group("exchange")):
            tail = tail[paren.end() :]
            continue
        return _terms_in(paren.group(1))
    return []


def _terms_in(paren: str) -> list[str]:
    """Quoted terms of a definition, or one bare short name; never "the Company" or a listing."""
    quoted = [q.split(" or ")[0].strip(' “”"') for q in _DEFINED.findall(paren)]
    if quoted:
        return [
            q for q in quoted if q.lower().removeprefix("the ") not in {"company", "we", "us", "our", "corporation"}
        ]
    bare = paren.strip()
    if re.fullmatch(r"[A-Z][\w&.-]{1,15}", bare) and not _is_exchange(bare) and bare not in {"TM", "R", "SM"}:
        return [bare]
    return []


def _short_names(doc: Document, name: str, ticker: str | None, defined: list[str]) -> tuple[str, ...]:
    """Other names the text uses for the issuer: defined terms, the name without its legal form,
    its first word(s) or last word used alone (never a generic word), its initials, the name the
    headline gives it, the ticker."""
    body = " ".join(b.text for b in doc.blocks)
    shorts: list[str] = [d for d in defined if d != name]
    base = _base(name)
    if base != name and re.search(r"\b" + re.escape(base) + r"\b", body):
        shorts.append(base)
    shorts.extend(w for w in _parts(base) if w not in shorts and _used_alone(body, w))
    initials = "".join(
        w[0] for w in re.findall(r"[A-Za-z][\w-]*", base) if w.lower() not in {"of", "and", "the", "for"}
    )
    if len(initials) >= 3 and initials.isupper() and re.search(rf"(?<![\w-]){initials}(?![\w-])", body):
        shorts.append(initials)
    head = _headline_subject(doc, repeated=False)
    if head and head[0].split()[0] == base.split()[0] and _norm(head[0]) != _norm(name):
        if all(w.lower() in _generic_words() for w in head[0].split()[1:]):  # "Acme Labs" for Acme Laboratories, Inc.
            shorts.append(head[0])
    if ticker:
        shorts.append(ticker)
    return tuple(dict.fromkeys(s for s in shorts if s and s != name))


def _base(name: str) -> str:
    """The name without its legal form ("Acme Holding N.V." → "Acme Holding")."""
    return strip_legal_suffix(re.sub(rf"(?:,?\s+{_LEGAL})+$", "", name).strip(" ,"))


def _parts(full: str) -> list[str]:
    """The first word, the first two words (of a longer name) and the last word of a name."""
    words = [w.strip(",.") for w in full.split()]
    if len(words) < 2:
        return []
    return list(dict.fromkeys([words[0], *([" ".join(words[:2])] if len(words) > 2 else []), words[-1]]))


def _used_alone(body: str, word: str) -> bool:
    """A part of the name the text uses by itself: not beside another capitalised word of a name."""
    if len(word) < 3 or word.lower() in _generic_words() or not word[0].isupper():
        return False
    for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])(?!\s+[A-Z0-9])", body):
        before = body[max(0, m.start() - 30) : m.start()].split()
        if not before or not before[-1][0].isupper() or before[-1][-1] in '.,:;!?()"”“':
            return True
    return False


def _headline(doc: Document) -> Block | None:
    """The headline block, or the markdown "# " line that opens a wire copy."""
    heading = next((b for b in doc.blocks if b.kind is BlockKind.HEADLINE), None)
    marked = next((b for b in doc.blocks[:3] if b.text.startswith("# ")), None)
    return marked or heading


def _headline_text(block: Block | None) -> str | None:
    """The headline without its markdown marker."""
    return block.text.lstrip("# ").strip() if block is not None else None


def _reporting_period(doc: Document, lead: _Lead | None) -> tuple[date | None, int | None]:
    """The period the release reports on: the first "quarter ended DATE" phrase near the top."""
    blocks = ([lead.block] if lead else []) + [b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH][:4]
    for block in blocks:
        m = _PERIOD_PHRASE.search(block.text)
        if m:
            dates = DATE_RE.match(m.group("date"))
            if dates and dates.group("year"):
                end = make_date(int(dates.group("year")), MONTHS[dates.group("month").lower()], int(dates.group("day")))
                weeks = re.match(r"(\d{1,2})-week", m.group("dur"))
                return end, round(int(weeks.group(1)) / 4.345) if weeks else duration_months(m.group("dur"))
    return None, None


def _contacts(doc: Document, issuer: str | None, short: tuple[str, ...]) -> tuple[Contact, ...]:
    """The people of the release's contact blocks (found by the people module's layout rules)."""
    from pressgraph.extractors.people import contacts_in

    return contacts_in(doc, issuer, short)
