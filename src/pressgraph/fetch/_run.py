"""From tickers and CIKs to cached press-release submissions: resolve → list → check → download.

:class:`Fetcher` does each step with as few requests as it can: tickers are looked up in the
cached company-tickers file, older submissions pages outside the date window are not fetched, a
filing already in the cache (as a release or as checked-and-not-one) costs no request at all,
and a new filing costs its index page plus, when it holds an EX-99 exhibit, its submission.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from pressgraph.errors import FetchError
from pressgraph.fetch._cache import NOT_A_RELEASE, RELEASE, Cache, write_atomically
from pressgraph.fetch._edgar import (
    EdgarUrls,
    Filing,
    company_name,
    document_types,
    filings_in,
    older_pages,
    parse_identifier,
    parse_tickers,
    recent_filings,
    submissions_name,
)
from pressgraph.fetch._http import EdgarClient
from pressgraph.read._submission import is_press_release_type, is_submission

TICKERS_MAX_AGE = 86400.0  # seconds; EDGAR regenerates the file daily
DEFAULT_FORMS = ("8-K", "6-K")
DOWNLOADED, CACHED, FAILED = "downloaded", "cached", "failed"
_HEAD = 20000  # bytes of a download checked to be an EDGAR submission


@dataclass(frozen=True)
class Window:
    """Which filings to keep: these form types, filed within [since, until] (inclusive)."""

    forms: frozenset[str] = frozenset(DEFAULT_FORMS)
    since: date | None = None
    until: date | None = None

    def keeps(self, filing: Filing) -> bool:
        if filing.form not in self.forms:
            return False
        if self.since and filing.filed < self.since:
            return False
        return not (self.until and filing.filed > self.until)


@dataclass(frozen=True)
class Fetched:
    """What became of one filing: ``downloaded``, ``cached``, ``not-a-release`` or ``failed`` (why)."""

    filing: Filing
    status: str
    path: Path | None = None
    reason: str = ""


class _Unavailable(Exception):
    """One filing cannot be had (missing on the server, not a submission): skip it, go on."""


class Fetcher:
    """The fetch steps over one client (rate-limited, polite), one set of URLs and one cache."""

    def __init__(self, client: EdgarClient, urls: EdgarUrls, cache: Cache) -> None:
        self.client, self.urls, self.cache = client, urls, cache
        self._tickers: dict[str, int] | None = None
        self._tickers_fetched = False

    def resolve_ciks(self, identifiers: Iterable[str]) -> list[int]:
        """The CIKs of tickers and CIKs, in order, without repeats (GOOG and GOOGL are one filer)."""
        ciks: list[int] = []
        for text in identifiers:
            ident = parse_identifier(text)
            cik = ident if isinstance(ident, int) else self._ticker_cik(ident)
            if cik not in ciks:
                ciks.append(cik)
        return ciks

    def _ticker_cik(self, ticker: str) -> int:
        """A ticker's CIK; a miss in a cached file refetches it once, for a listing newer than the cache."""
        tickers = self._ticker_map(refresh=False)
        if ticker not in tickers and not self._tickers_fetched:
            tickers = self._ticker_map(refresh=True)
        if ticker not in tickers:
            raise FetchError(f"unknown ticker {ticker}: not in EDGAR's company tickers file (give the CIK instead)")
        return tickers[ticker]

    def _ticker_map(self, refresh: bool) -> dict[str, int]:
        """company_tickers.json from the cache when under a day old, else from EDGAR (then cached)."""
        if self._tickers is not None and not refresh:
            return self._tickers
        path = self.cache.tickers_file
        age = self.cache.age(path)
        cached = None if refresh or age is None or age > TICKERS_MAX_AGE else _cached_json(path)
        if cached is None:
            body = self.client.get_bytes(self.urls.tickers()) or b""
            self._tickers = parse_tickers(_json_or_none(body))
            write_atomically(path, [body])
            self._tickers_fetched = True
        else:
            self._tickers = parse_tickers(cached)
        return self._tickers

    def list_filings(self, cik: int, window: Window) -> list[Filing]:
        """A filer's filings in ``window``: ``filings.recent`` plus the older pages the window reaches."""
        url = self.urls.submissions(submissions_name(cik))
        doc = self.client.get_json(url, missing_ok=True)
        if doc is None:
            raise FetchError(f"no EDGAR filer with CIK {cik} ({url} is not found)")
        name = company_name(doc, cik)
        filings = filings_in(recent_filings(doc), cik, name, url)
        for page in older_pages(doc):
            if page.overlaps(window.since, window.until):
                page_url = self.urls.submissions(page.name)
                filings += filings_in(self.client.get_json(page_url), cik, name, page_url)
        return [f for f in filings if window.keeps(f)]

    def select(self, ciks: Iterable[int], window: Window) -> list[Filing]:
        """Every filer's filings in ``window``, oldest first; a filing of several filers counts once."""
        chosen: dict[str, Filing] = {}
        for cik in ciks:
            for filing in self.list_filings(cik, window):
                chosen.setdefault(filing.accession, filing)
        return sorted(chosen.values())

    def fetch_all(self, filings: Iterable[Filing]) -> Iterator[Fetched]:
        """Fetch filings one by one, yielding each as soon as it is in the cache (or known not to be)."""
        for filing in filings:
            yield self.fetch(filing)

    def fetch(self, filing: Filing) -> Fetched:
        """One filing: from the cache, or its index page then (holding an EX-99) its submission."""
        state = self.cache.state(filing.accession)
        if state == RELEASE:
            return Fetched(filing, CACHED, self.cache.submission(filing.accession))
        if state == NOT_A_RELEASE:
            return Fetched(filing, NOT_A_RELEASE)
        try:
            types = self._document_types(filing)
            if not any(is_press_release_type(t) for t in types):
                write_atomically(self.cache.skip_marker(filing.accession), [f"{' '.join(types)}\n".encode()])
                return Fetched(filing, NOT_A_RELEASE, reason=f"no EX-99 exhibit ({', '.join(types)})")
            return Fetched(filing, DOWNLOADED, self._download(filing))
        except _Unavailable as exc:
            return Fetched(filing, FAILED, reason=str(exc))

    def _document_types(self, filing: Filing) -> list[str]:
        url = self.urls.filing_index(filing.cik, filing.accession)
        body = self.client.get_bytes(url, missing_ok=True)
        if body is None:
            raise _Unavailable(f"no filing index at {url}")
        try:
            return document_types(body.decode("utf-8", errors="replace"), url)
        except FetchError as exc:
            raise _Unavailable(str(exc)) from None

    def _download(self, filing: Filing) -> Path:
        """Stream the complete submission into the cache; a broken transfer is retried from the start."""
        url = self.urls.submission_text(filing.cik, filing.accession)
        path = self.cache.submission(filing.accession)

        def save(response: httpx.Response) -> int:
            return write_atomically(path, _submission_chunks(response, url))

        if self.client.request(url, save, missing_ok=True) is None:
            raise _Unavailable(f"no submission at {url}")
        return path


def _submission_chunks(response: httpx.Response, url: str) -> Iterator[bytes]:
    """The body, checked to be an EDGAR submission before it can reach the cache."""
    head = b""
    for chunk in response.iter_bytes():
        if len(head) < _HEAD:
            head += chunk
            if len(head) >= _HEAD:
                _check_submission(head, url)
        yield chunk
    if len(head) < _HEAD:
        _check_submission(head, url)


def _check_submission(head: bytes, url: str) -> None:
    if not is_submission(head.decode("latin-1")):
        raise _Unavailable(f"{url} is not an EDGAR submission")


def _json_or_none(body: bytes) -> Any:
    """Parsed JSON, or None when ``body`` is not JSON."""
    try:
        return json.loads(body)
    except ValueError:
        return None


def _cached_json(path: Path) -> Any:
    """A cached JSON file, or None when it cannot be read or parsed (then it is fetched again)."""
    try:
        return _json_or_none(path.read_bytes())
    except OSError:
        return None
