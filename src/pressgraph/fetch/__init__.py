"""Getting releases: a company's press-release filings from SEC EDGAR, incrementally and politely.

Where it sits: beside :mod:`pressgraph.ingest`, in front of the pipeline. It turns tickers and
CIKs into complete submission files in a local cache, which ``read/`` then reads like any other
file; it asks ``read/`` which exhibit types are press releases, so the two never disagree. It
knows nothing of stores: ``pressgraph fetch --ingest`` hands each file to ingest as it arrives.

The steps, each in its own module::

    _edgar     EDGAR's URLs and answers: tickers file, submissions JSON, filing index page
    _http      the fair-access rules: User-Agent with a contact, ≤ 10 requests/s, polite retries
    _cache     one file per accession, written whole or not at all (temp file, fsync, rename)
    _run       resolve → list → check → download, skipping whatever the cache already holds
    _progress  the terminal bar and the summary

Example (the real SEC hosts; ``EdgarUrls.from_base(URL)`` for a mirror)::

    with EdgarClient("Jane Doe jane@example.com") as client:
        fetcher = Fetcher(client, EdgarUrls(), Cache(default_cache_dir()))
        filings = fetcher.select(fetcher.resolve_ciks(["ABVC"]), Window(since=date(2025, 1, 1)))
        for fetched in fetcher.fetch_all(filings):
            print(fetched.filing.accession, fetched.status, fetched.path)
"""

from pressgraph.fetch._cache import NOT_A_RELEASE, Cache
from pressgraph.fetch._edgar import EdgarUrls, Filing
from pressgraph.fetch._http import EdgarClient, RateLimiter, check_user_agent
from pressgraph.fetch._progress import FetchProgress, FetchSummary
from pressgraph.fetch._run import CACHED, DEFAULT_FORMS, DOWNLOADED, FAILED, Fetched, Fetcher, Window

__all__ = [
    "CACHED",
    "DEFAULT_FORMS",
    "DOWNLOADED",
    "FAILED",
    "NOT_A_RELEASE",
    "Cache",
    "EdgarClient",
    "EdgarUrls",
    "FetchProgress",
    "FetchSummary",
    "Fetched",
    "Fetcher",
    "Filing",
    "RateLimiter",
    "Window",
    "check_user_agent",
]
