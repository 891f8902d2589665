"""Fetch command: a company's press-release filings from SEC EDGAR into the cache (and the store)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressgraph.cli._output import print_warnings
from pressgraph.cli._store import _open, _store_options
from pressgraph.errors import FetchError

if TYPE_CHECKING:
    from pressgraph.fetch import Fetched, Fetcher, FetchProgress, FetchSummary, Window
    from pressgraph.store import GraphStore


def register(sub: Any) -> None:
    p = sub.add_parser("fetch", help="download press-release filings from SEC EDGAR (cached; --ingest stores them)")
    p.add_argument("companies", nargs="+", metavar="TICKER|CIK", help="tickers (ABVC) or CIKs (1173313)")
    p.add_argument("--since", metavar="DATE", help="filed on or after DATE (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="filed on or before DATE (YYYY-MM-DD)")
    p.add_argument("--forms", default="8-K,6-K", help="form types, comma-separated (default 8-K,6-K)")
    p.add_argument("--ingest", action="store_true", help="ingest each release into the store as it arrives")
    p.add_argument(
        "--user-agent", metavar="'NAME EMAIL'", help="you and your e-mail, as EDGAR requires (PRESSGRAPH_USER_AGENT)"
    )
    p.add_argument(
        "--edgar-url", metavar="URL", help="base URL of an EDGAR mirror (PRESSGRAPH_EDGAR_URL; default: sec.gov)"
    )
    p.add_argument("--cache", metavar="DIR", help="download cache (PRESSGRAPH_CACHE; default: user cache dir)")
    _store_options(p)
    p.set_defaults(handler=_fetch)


def _fetch(args: argparse.Namespace) -> int:
    from pressgraph.config import default_cache_dir
    from pressgraph.fetch import Cache, EdgarClient, EdgarUrls, Fetcher, check_user_agent

    window = _window(args)
    user_agent = check_user_agent(args.user_agent or os.environ.get("PRESSGRAPH_USER_AGENT"))
    urls = EdgarUrls.from_base(args.edgar_url or os.environ.get("PRESSGRAPH_EDGAR_URL"))
    if not args.ingest and (args.store or args.endpoint):
        raise FetchError("--store and --endpoint say where to ingest: add --ingest")
    cache = Cache(Path(args.cache) if args.cache else default_cache_dir())
    ingester = _Ingester(_open(args)) if args.ingest else None
    try:
        with EdgarClient(user_agent) as client:
            return _run(Fetcher(client, urls, cache), args.companies, window, ingester, args.quiet)
    finally:
        if ingester:
            ingester.store.close()


def _window(args: argparse.Namespace) -> Window:
    """The filings wanted, from --forms, --since and --until (a bad value is one line, not a usage dump)."""
    from pressgraph.fetch import Window

    since, until = _date(args.since, "--since"), _date(args.until, "--until")
    if since and until and since > until:
        raise FetchError(f"--since {since} is after --until {until}")
    forms = frozenset(f.strip().upper() for f in args.forms.split(",") if f.strip())
    if not forms:
        raise FetchError("--forms names no form type (e.g. --forms 8-K,6-K)")
    return Window(forms, since, until)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise FetchError(f"{option} {value!r} is not a date (YYYY-MM-DD)") from None


def _run(fetcher: Fetcher, companies: list[str], window: Window, ingester: _Ingester | None, quiet: bool) -> int:
    """Resolve, list, then fetch (and ingest) filing by filing; one line per release, then the summary."""
    from pressgraph.fetch import FetchProgress, FetchSummary

    ciks = fetcher.resolve_ciks(companies)
    filings = fetcher.select(ciks, window)
    summary = FetchSummary(companies=len(ciks), found=len(filings))
    progress = FetchProgress(0 if quiet else len(filings), ingest=ingester is not None)  # 0: never drawn
    for fetched in fetcher.fetch_all(filings):
        summary.add(fetched)
        if fetched.path is not None:
            _print_release(fetched, progress)
            if ingester:
                summary.ingested += ingester.ingest(fetched)
        progress.step(summary, fetched.filing.accession)
    return _report(summary, ingester, quiet)


def _report(summary: FetchSummary, ingester: _Ingester | None, quiet: bool) -> int:
    """The summary (and files ingest could not read) on stdout, extraction warnings on stderr; the
    exit code. Quiet: only the failures, on stderr."""
    not_ingested = [f"not ingested {path}: {reason}" for path, reason in (ingester.skipped if ingester else [])]
    if quiet:
        for line in summary.lines(ingest=ingester is not None)[1:] + not_ingested:
            print(f"pressgraph: {line}", file=sys.stderr)
    else:
        for line in summary.lines(ingest=ingester is not None) + not_ingested:
            print(line)
        print_warnings(ingester.warnings if ingester else [])
    if ingester is None:
        return 1 if summary.failed else 0
    return 1 if summary.failed or ingester.skipped else 0


def _print_release(fetched: Fetched, progress: FetchProgress) -> None:
    """``accession  date  form  status  path`` on stdout, clearing the bar first on a terminal."""
    progress.clear()
    f = fetched.filing
    print(f"{f.accession}  {f.filed}  {f.form}  {fetched.status}  {fetched.path}", flush=True)


class _Ingester:
    """Ingest fetched files one at a time; a cached file whose releases the store holds is left alone.

    A run killed after a download but before its ingest thus ingests that file on the next run.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.present = {record.source.partition("#")[0] for record in store.releases()}
        self.skipped: list[tuple[str, str]] = []
        self.warnings: list[str] = []

    def ingest(self, fetched: Fetched) -> int:
        """1 when the file was ingested now, 0 when it was already in the store or could not be read."""
        from pressgraph.fetch import CACHED
        from pressgraph.ingest import ingest

        assert fetched.path is not None
        if fetched.status == CACHED and fetched.path.name in self.present:
            return 0
        summary = ingest(self.store, [str(fetched.path)], progress=False)
        self.skipped += summary.skipped
        self.warnings += summary.warnings
        self.present.add(fetched.path.name)
        return 1 if summary.releases else 0
