"""EDGAR's addresses and answers: the company-tickers file, submissions JSON, filing index pages.

Where things are (the real SEC hosts by default; a mirror may serve both from one base)::

    {www}/files/company_tickers.json                                  ticker → CIK
    {data}/submissions/CIK##########.json                             a filer's filings (filings.recent)
    {data}/submissions/CIK##########-submissions-001.json             older ones (listed in filings.files)
    {www}/Archives/edgar/data/{cik}/{accession, no dashes}/{accession}-index.htm   documents and types
    {www}/Archives/edgar/data/{cik}/{accession, no dashes}/{accession}.txt         complete submission

The filing index page is read rather than the folder's ``index.json``: the JSON lists file names
only, while the page's document table gives each document's type (``EX-99.1``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from pressgraph.errors import FetchError

DEFAULT_DATA_URL = "https://data.sec.gov"
DEFAULT_WWW_URL = "https://www.sec.gov"

_CIK_RE = re.compile(r"^(?:CIK)?0*(\d{1,10})$", re.I)
_TICKER_RE = re.compile(r"^[A-Z][A-Z0-9.\-]{0,11}$")


@dataclass(frozen=True)
class EdgarUrls:
    """The two EDGAR hosts: ``data`` (submissions JSON) and ``www`` (tickers file, archives)."""

    data: str = DEFAULT_DATA_URL
    www: str = DEFAULT_WWW_URL

    @classmethod
    def from_base(cls, base: str | None) -> EdgarUrls:
        """The real SEC hosts, or one mirror base that serves both hosts' paths."""
        if not base or not base.strip():
            return cls()
        base = base.strip().rstrip("/")
        try:
            parts = urlsplit(base)
        except ValueError:
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.netloc or not base.isprintable() or " " in base:
            raise FetchError(f"EDGAR URL {base!r} is not an http:// or https:// URL")
        return cls(base, base)

    def tickers(self) -> str:
        return f"{self.www}/files/company_tickers.json"

    def submissions(self, name: str) -> str:
        """A submissions file by name: ``CIK0000320193.json`` or an older page's name."""
        return f"{self.data}/submissions/{name}"

    def filing_index(self, cik: int, accession: str) -> str:
        return f"{self._folder(cik, accession)}/{accession}-index.htm"

    def submission_text(self, cik: int, accession: str) -> str:
        return f"{self._folder(cik, accession)}/{accession}.txt"

    def _folder(self, cik: int, accession: str) -> str:
        return f"{self.www}/Archives/edgar/data/{cik}/{accession.replace('-', '')}"


def submissions_name(cik: int) -> str:
    """The file name of a filer's submissions JSON: the CIK zero-padded to ten digits."""
    return f"CIK{cik:010d}.json"


@dataclass(frozen=True, order=True)
class Filing:
    """One filing as a submissions listing gives it; sorts by date, then accession number."""

    filed: date
    accession: str
    form: str
    cik: int
    company: str


@dataclass(frozen=True)
class Page:
    """An older submissions page (``filings.files``) and the filing dates it spans."""

    name: str
    first: date | None
    last: date | None

    def overlaps(self, since: date | None, until: date | None) -> bool:
        """False only when the page's dates lie wholly outside [since, until]: then it is not fetched."""
        if since and self.last and self.last < since:
            return False
        return not (until and self.first and self.first > until)


def parse_identifier(text: str) -> int | str:
    """A CIK (``320193``, ``0000320193``, ``CIK0000320193``) as an int, else a ticker in EDGAR's spelling.

    EDGAR writes class suffixes with a dash (``BRK-B``), so ``BRK.B`` is accepted as the same ticker.
    """
    value = text.strip()
    m = _CIK_RE.match(value)
    if m and int(m.group(1)) > 0:
        return int(m.group(1))
    ticker = value.upper().replace(".", "-")
    if not _TICKER_RE.match(ticker):
        raise FetchError(f"{text!r} is neither a ticker nor a CIK")
    return ticker


def parse_tickers(data: Any) -> dict[str, int]:
    """``company_tickers.json`` (``{"0": {"cik_str": 320193, "ticker": "AAPL", ...}}``) as ticker → CIK."""
    rows = data.values() if isinstance(data, dict) else ()
    tickers: dict[str, int] = {}
    for row in rows:
        if isinstance(row, dict) and isinstance(row.get("ticker"), str) and isinstance(row.get("cik_str"), int):
            tickers.setdefault(row["ticker"].upper(), row["cik_str"])
    if not tickers:
        raise FetchError("EDGAR's company-tickers file lists no tickers")
    return tickers


def company_name(doc: Any, cik: int) -> str:
    """The filer's name in a submissions JSON (its CIK when the name is missing)."""
    name = doc.get("name") if isinstance(doc, dict) else None
    return name if isinstance(name, str) and name else f"CIK {cik}"


def filings_in(columns: Any, cik: int, company: str, url: str) -> list[Filing]:
    """The filings of one columnar block (``filings.recent`` or an older page): parallel arrays."""
    try:
        fields = zip(columns["accessionNumber"], columns["filingDate"], columns["form"], strict=True)
        return [Filing(date.fromisoformat(filed), acc, form.upper(), cik, company) for acc, filed, form in fields]
    except (KeyError, TypeError, ValueError, AttributeError):
        raise FetchError(f"{url}: not an EDGAR submissions listing (no accessionNumber, filingDate, form)") from None


def recent_filings(doc: Any) -> Any:
    """The ``filings.recent`` block of a filer's submissions JSON (None when missing)."""
    filings = doc.get("filings") if isinstance(doc, dict) else None
    return filings.get("recent") if isinstance(filings, dict) else None


def older_pages(doc: Any) -> list[Page]:
    """The older submissions pages a filer's JSON points to (``filings.files``)."""
    filings = doc.get("filings") if isinstance(doc, dict) else None
    files = filings.get("files") if isinstance(filings, dict) else None
    return [
        Page(str(f["name"]), _date_or_none(f.get("filingFrom")), _date_or_none(f.get("filingTo")))
        for f in files or ()
        if isinstance(f, dict) and f.get("name")
    ]


def _date_or_none(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


class _DocumentTableParser(HTMLParser):
    """The cell texts of every row of the ``tableFile`` tables of a filing index page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._in_table = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._in_table = "tableFile" in (dict(attrs).get("class") or "").split()
        elif self._in_table and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "table":
            self._in_table = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def document_types(index_html: str, url: str) -> list[str]:
    """The document types (``8-K``, ``EX-99.1``, ``GRAPHIC``...) in a filing index page's tables."""
    parser = _DocumentTableParser()
    parser.feed(index_html)
    parser.close()
    if not parser.rows:
        raise FetchError(f"{url}: no document table in the filing index")
    column = 3  # Seq, Description, Document, Type, Size
    types: list[str] = []
    for row in parser.rows:
        if "Type" in row:
            column = row.index("Type")
        elif len(row) > column and row[column]:
            types.append(row[column])
    return types
