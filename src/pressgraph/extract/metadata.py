"""Release metadata: issuer, ticker and exchange, date, dateline city, headline, contacts, period.

Read from the dateline paragraph ("CITY, STATE, Month D, YYYY - Issuer, Inc. (Exchange: TICK)
announced..."), the headline block and the CONTACTS box; when the release text lacks them, from
the header fields that came with the file (an EDGAR submission header, a corpus file header).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from pressgraph.extract.periods import DATE_RE, MONTHS, duration_months, make_date
from pressgraph.model import Block, BlockKind, Contact, Document, Evidence, ReleaseMetadata
from pressgraph.rdf.iris import strip_legal_suffix
from pressgraph.read._classify import DATELINE
from pressgraph.resources import lexicon_path

_TICKER = re.compile(
    r"\((?:(?P<exchange>[A-Za-z][A-Za-z .&-]{1,25}?)\s*:\s*)(?P<ticker>[A-Z][A-Z.\-]{0,6})"
    r"(?:\s*[;,/|–—-]\s*[A-Za-z .\-]+:\s*[A-Z.]{1,6})*\s*\)"
)
_LEGAL = r"(?:Inc|Incorporated|Corp|Corporation|Company|Co|Ltd|Limited|LLC|plc|N\.V|S\.A|AG|L\.P)\.?"
_ISSUER_BEFORE_TICKER = re.compile(
    r"(?P<name>(?:[A-Z][\w&'.\-]*,?\s+(?:(?:and|&|of)\s+)?){0,6}?(?:[A-Z][\w&'.\-]*)(?:,?\s+"
    + _LEGAL
    + r")?),?\s*(?:\([^():]*\)\s*)?\([^()]*:\s*[A-Z]"
)
_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.\-]*\d{3}[\s.\-]\d{4}\b")
_NAME = re.compile(
    r"(?<![\w.])(?:(?:Dr|Mr|Ms|Mrs)\.\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}\b"
)
_PERIOD_PHRASE = re.compile(
    r"(?P<dur>(?:first|second|third|fourth)\s+(?:fiscal\s+)?quarter|(?:three|six|nine|twelve)\s+months|"
    r"(?:fiscal\s+)?year|quarter)\s+ended\s+(?P<date>" + DATE_RE.pattern + r")",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(r"\b(?:Inc|Corp|Department|Relations|Company|Group|Communications|LLC|Partners|Associates)\b")


@lru_cache(maxsize=1)
def exchange_names() -> dict[str, str]:
    names = {}
    for line in lexicon_path("exchanges.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, name = line.split("\t")
            names[code] = name
    return names


def extract_metadata(doc: Document) -> ReleaseMetadata:
    """Everything competency question 1 asks about the release's issuer and publication."""
    evidence: dict[str, Evidence] = {}
    dateline = next((b for b in doc.blocks if b.kind is BlockKind.DATELINE), None)
    issuer, short, ticker, exchange = _issuer(doc, dateline, evidence)
    release_date, city = _date_and_city(doc, dateline, evidence)
    headline = next((b for b in doc.blocks if b.kind is BlockKind.HEADLINE), None)
    if headline is not None:
        evidence["headline"] = _evidence(headline, 0, len(headline.text), "metadata:headline")
    end, months = _reporting_period(doc, dateline)
    return ReleaseMetadata(
        issuer_name=issuer,
        issuer_short_names=short,
        ticker=ticker,
        exchange=exchange,
        release_date=release_date,
        dateline_city=city,
        headline=headline.text if headline else None,
        contacts=_contacts(doc, issuer),
        reporting_period_end=end,
        reporting_period_months=months,
        evidence=evidence,
    )


def _evidence(block: Block, i: int, j: int, method: str) -> Evidence:
    start, end = block.doc_span(i, j)
    return Evidence(start, end, block.text[i:j], method)


def _issuer(
    doc: Document, dateline: Block | None, evidence: dict[str, Evidence]
) -> tuple[str | None, tuple[str, ...], str | None, str | None]:
    candidates = ([dateline] if dateline else []) + [
        b for b in doc.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.BULLET)
    ][:6]
    for block in candidates:
        ticker_match = _TICKER.search(block.text)
        if not ticker_match:
            continue
        name_match = None
        for m in _ISSUER_BEFORE_TICKER.finditer(block.text[: ticker_match.end()]):
            name_match = m
        if name_match is None:
            continue
        name = _trim_name(name_match.group("name"))
        start = name_match.start("name") + name_match.group("name").find(name)
        evidence["issuer"] = _evidence(block, start, start + len(name), "metadata:issuer")
        evidence["ticker"] = _evidence(block, ticker_match.start(), ticker_match.end(), "metadata:ticker")
        code = re.sub(r"[^a-z]", "", ticker_match.group("exchange").lower())
        exchange = exchange_names().get(code, ticker_match.group("exchange").strip())
        ticker = ticker_match.group("ticker")
        return name, _short_names(doc, name, ticker), ticker, exchange
    fallback = doc.header_fields.get("company") or doc.header_fields.get("company_name")
    return fallback, (_short_names(doc, fallback, None) if fallback else ()), None, None


def _trim_name(name: str) -> str:
    """Drop leading words that are not part of the name ("Today", "-", "announced")."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in {"today", "the", "and", "that", "--", "-", "—"}:
        words = words[1:]
    return " ".join(words).strip(" ,")


def _short_names(doc: Document, name: str, ticker: str | None) -> tuple[str, ...]:
    """Other names the text uses for the issuer: its first word(s) without legal suffix, ticker."""
    shorts: list[str] = []
    base = strip_legal_suffix(name)
    body = " ".join(b.text for b in doc.blocks)
    first = base.split()[0].strip(",.") if base.split() else ""
    words = base.split()
    for candidate in (base, first):
        if not candidate or candidate == name or candidate in shorts:
            continue
        follow = re.escape(words[1]) if candidate == first and len(words) > 1 else "$^"
        if re.search(r"\b" + re.escape(candidate) + r"\b(?!\s+" + follow + r")", body):
            shorts.append(candidate)
    if ticker and ticker not in shorts:
        shorts.append(ticker)
    return tuple(shorts)


def _date_and_city(
    doc: Document, dateline: Block | None, evidence: dict[str, Evidence]
) -> tuple[date | None, str | None]:
    release_date = None
    city = None
    if dateline is not None:
        m = DATELINE.match(dateline.text)
        if m:
            city = _title_city(m.group("city"))
            evidence["dateline_city"] = _evidence(dateline, m.start("city"), m.end("city"), "metadata:dateline")
            release_date = _parse_dateline_date(m.group("date"), doc)
            evidence["release_date"] = _evidence(dateline, m.start("date"), m.end("date"), "metadata:dateline")
    if release_date is None:
        release_date = _header_date(doc)
    return release_date, city


def _title_city(city: str) -> str:
    city = city.strip(" ,-–—")
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 and not w.endswith(".") else w for w in city.split())


def _parse_dateline_date(text: str, doc: Document) -> date | None:
    m = DATE_RE.search(text)
    if not m:
        return None
    year = int(m.group("year")) if m.group("year") else None
    header = _header_date(doc)
    if year is None:
        year = header.year if header else None
    if year is None:
        return None
    return make_date(year, MONTHS[m.group("month").lower()], int(m.group("day")))


def _header_date(doc: Document) -> date | None:
    for key in ("date", "filed_as_of_date", "period_of_report"):
        raw = doc.header_fields.get(key, "")
        digits = re.sub(r"[^0-9]", "", raw)
        if len(digits) == 8:
            return make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    return None


def _reporting_period(doc: Document, dateline: Block | None) -> tuple[date | None, int | None]:
    blocks = ([dateline] if dateline else []) + [b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH][:4]
    for block in blocks:
        m = _PERIOD_PHRASE.search(block.text)
        if m:
            dates = DATE_RE.match(m.group("date"))
            if dates and dates.group("year"):
                end = make_date(int(dates.group("year")), MONTHS[dates.group("month").lower()], int(dates.group("day")))
                return end, duration_months(m.group("dur"))
    return None, None


def _contacts(doc: Document, issuer: str | None) -> tuple[Contact, ...]:
    contacts: list[Contact] = []
    for block in doc.blocks:
        if block.kind is not BlockKind.CONTACT:
            continue
        phones = list(_PHONE.finditer(block.text))
        phone = phones[0].group() if phones else None
        org = issuer if issuer and strip_legal_suffix(issuer).split()[0] in block.text else None
        title = "Investor Relations" if re.search(r"investor relations", block.text, re.IGNORECASE) else None
        for start, line in _raw_lines(doc.text, block.start, block.end):
            for m in _NAME.finditer(line):
                name = m.group()
                if _ORG_WORDS.search(name) or (issuer and name in issuer) or any(c.name == name for c in contacts):
                    continue
                ev = Evidence(start + m.start(), start + m.end(), name, "metadata:contact")
                contacts.append(Contact(name, phone, org, title, ev))
    return tuple(contacts)


def _raw_lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The source lines of a span (a contact box keeps one name per line), label prefix removed."""
    lines = []
    pos = start
    for raw in text[start:end].split("\n"):
        cut = raw.find(":") + 1 if re.match(r"\s*[A-Za-z ]{0,30}contacts?\s*:", raw, re.IGNORECASE) else 0
        lines.append((pos + cut, raw[cut:]))
        pos += len(raw) + 1
    return lines
