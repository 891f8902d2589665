"""``pressgraph fetch`` against the replayed EDGAR: what is found, kept, downloaded, and asked for.

Every assertion on requests reads the server's own log, so "a second run fetches nothing" and
"never more than 10 requests a second" are what the server saw, not what the client believes.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pressgraph.cli import main
from pressgraph.read import read_path
from pressgraph.store import open_store
from tests.conftest import ROOT
from tests.fetch.conftest import USER_AGENT
from tests.fetch.edgar_replay import SYNTHETIC_8K, SYNTHETIC_10K, EdgarReplay

APPLE = [  # Apple's five 8-K press-release filings in the corpus, oldest first
    "0000320193-96-000027",
    "0000912057-00-002128",
    "0001104659-04-019574",
    "0001193125-11-009392",
    "0000320193-24-000005",
]
ABVC = "0001213900-25-032135"
SOUTHERN = ["0000092122-05-000042", "0000092122-07-000008"]  # each filed jointly by 6-7 Southern companies
ORACLE = "0001193125-19-191922"
TICKERS = "/files/company_tickers.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["fetch", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def requested(edgar: EdgarReplay, suffix: str) -> list[str]:
    """Accession numbers of the requests for ``.txt`` submissions or ``-index.htm`` pages, in order."""
    return [p.rsplit("/", 1)[1].removesuffix(suffix) for p in edgar.paths() if p.endswith(suffix)]


def statuses(lines: list[str]) -> list[tuple[str, str]]:
    """(accession, status) of the per-release lines of the output."""
    return [(line.split()[0], line.split()[3]) for line in lines if line[:10].isdigit()]


def summary(lines: list[str]) -> str:
    return next(line for line in lines if line.startswith("companies:"))


def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "filings"


def test_fetch_by_ticker_downloads_the_submission_byte_for_byte(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "ABVC")
    path = cache_dir(tmp_path) / f"{ABVC}.txt"
    assert (code, err) == (0, "")
    assert out == [
        f"{ABVC}  2025-04-15  8-K  downloaded  {path}",
        "companies: 1  filings: 1  press releases: 1  downloaded: 1  cached: 0  not press releases: 0  failed: 0",
    ]
    assert path.read_bytes() == edgar.submission(ABVC).body
    assert edgar.paths() == [
        TICKERS,
        "/submissions/CIK0001173313.json",
        f"/Archives/edgar/data/1173313/000121390025032135/{ABVC}-index.htm",
        f"/Archives/edgar/data/1173313/000121390025032135/{ABVC}.txt",
    ]
    assert {hit.user_agent for hit in edgar.log} == {USER_AGENT}
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["company_tickers.json", "filings"]


def test_fetch_by_cik_reads_older_pages_and_keeps_only_press_release_filings(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "320193")
    assert code == 0
    assert statuses(out) == [(acc, "downloaded") for acc in APPLE]
    assert summary(out) == (
        "companies: 1  filings: 6  press releases: 5  downloaded: 5  cached: 0  not press releases: 1  failed: 0"
    )
    assert TICKERS not in edgar.paths()  # a CIK needs no ticker lookup
    assert "/submissions/CIK0000320193-submissions-001.json" in edgar.paths()  # 1996-2004 live there
    assert requested(edgar, "-index.htm") == [*APPLE, SYNTHETIC_8K]  # the 10-K is not even looked at
    assert requested(edgar, ".txt") == APPLE  # the 8-K without an EX-99 is not downloaded
    assert sorted(p.name for p in cache_dir(tmp_path).iterdir()) == sorted(
        [f"{a}.txt" for a in APPLE] + [f"{SYNTHETIC_8K}.skip"]
    )
    for acc in APPLE:
        assert (cache_dir(tmp_path) / f"{acc}.txt").read_bytes() == edgar.submission(acc).body


def test_a_joint_filing_is_fetched_once_whichever_filers_are_named(
    edgar: EdgarReplay, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "SO", "3153", "CIK0000066904", "so")  # Southern, Alabama and Mississippi Power
    assert code == 0
    assert statuses(out) == [(acc, "downloaded") for acc in SOUTHERN]
    assert summary(out).startswith("companies: 3  filings: 2  press releases: 2  downloaded: 2")
    assert requested(edgar, ".txt") == SOUTHERN


@pytest.mark.parametrize(
    ("window", "kept", "older_page"),
    [
        (["--since", "2004-01-01", "--until", "2011-12-31"], [APPLE[2], APPLE[3]], True),
        (["--since", "2004-07-14", "--until", "2004-07-14"], [APPLE[2]], True),  # both ends inclusive
        (["--since", "2005-01-01"], [APPLE[3], APPLE[4]], False),  # the 1996-2004 page is not fetched
        (["--until", "1999-12-31"], [APPLE[0]], True),
    ],
)
def test_date_window(
    edgar: EdgarReplay, capsys: pytest.CaptureFixture[str], window: list[str], kept: list[str], older_page: bool
) -> None:
    code, out, _ = run(capsys, "AAPL", *window)
    assert code == 0
    assert statuses(out) == [(acc, "downloaded") for acc in kept]
    assert requested(edgar, ".txt") == kept
    assert ("/submissions/CIK0000320193-submissions-001.json" in edgar.paths()) is older_page


def test_form_filter(edgar: EdgarReplay, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "AAPL", "--forms", "10-k")
    assert (code, statuses(out)) == (0, [])
    assert summary(out).startswith("companies: 1  filings: 1  press releases: 0  downloaded: 0  cached: 0")
    assert requested(edgar, "-index.htm") == [SYNTHETIC_10K]  # looked at, holds no EX-99
    assert requested(edgar, ".txt") == []
    edgar.reset()
    code, out, _ = run(capsys, "AAPL", "--forms", "6-K")
    assert (code, summary(out)[:30]) == (0, "companies: 1  filings: 0  pres")
    assert edgar.paths() == ["/submissions/CIK0000320193.json", "/submissions/CIK0000320193-submissions-001.json"]


def test_a_second_run_fetches_nothing(edgar: EdgarReplay, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "AAPL", "ABVC")[0] == 0
    edgar.reset()
    code, out, _ = run(capsys, "AAPL", "ABVC")
    assert code == 0
    assert statuses(out) == [(acc, "cached") for acc in [*APPLE, ABVC]]
    assert summary(out) == (
        "companies: 2  filings: 7  press releases: 6  downloaded: 0  cached: 6  not press releases: 1  failed: 0"
    )
    # only the listings, which is how new filings are seen; the tickers file comes from the cache
    assert edgar.paths() == [
        "/submissions/CIK0000320193.json",
        "/submissions/CIK0000320193-submissions-001.json",
        "/submissions/CIK0001173313.json",
    ]


def test_429_with_retry_after_is_honoured(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    txt = f"/Archives/edgar/data/1173313/000121390025032135/{ABVC}.txt"
    index = f"/Archives/edgar/data/1173313/000121390025032135/{ABVC}-index.htm"
    edgar.faults[index] = [(503, {})]
    edgar.faults[txt] = [(429, {"Retry-After": "1"})]
    code, out, _ = run(capsys, "ABVC")
    assert (code, statuses(out)) == (0, [(ABVC, "downloaded")])
    assert [(h.path, h.status) for h in edgar.log[2:]] == [(index, 503), (index, 200), (txt, 429), (txt, 200)]
    assert edgar.log[5].at - edgar.log[4].at >= 1.0  # the second try waited what Retry-After asked
    assert (cache_dir(tmp_path) / f"{ABVC}.txt").read_bytes() == edgar.submission(ABVC).body


def test_a_retry_after_beyond_two_minutes_stops_the_run_with_one_line(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    txt = f"/Archives/edgar/data/1173313/000121390025032135/{ABVC}.txt"
    edgar.faults[txt] = [(429, {"Retry-After": "600"})]
    code, out, err = run(capsys, "ABVC")
    assert code == 1
    assert err == f"pressgraph: error: {edgar.url}{txt}: HTTP 429, EDGAR asks to wait 600 s; try again later\n"
    assert list(cache_dir(tmp_path).iterdir()) == []


def test_the_rate_never_exceeds_ten_requests_a_second(edgar: EdgarReplay, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "AAPL", "ABVC", "SO", "ORCL")[0] == 0
    # tickers 1, listings 5 (Apple has two pages), index pages 10, submissions 9
    assert len(edgar.log) == 25
    arrivals = sorted(hit.at for hit in edgar.log)
    # no 11 arrivals inside any one second
    assert min(arrivals[i + 10] - arrivals[i] for i in range(len(arrivals) - 10)) >= 1.0


def test_a_download_that_is_not_a_submission_is_not_cached(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    txt = f"/Archives/edgar/data/1173313/000121390025032135/{ABVC}.txt"
    edgar.overrides[txt] = b"<html><body><h1>Request Rate Threshold Exceeded</h1></body></html>"
    code, out, _ = run(capsys, "ABVC")
    assert code == 1
    assert out[-1] == f"failed {ABVC}: {edgar.url}{txt} is not an EDGAR submission"
    assert list(cache_dir(tmp_path).iterdir()) == []  # neither the file nor a .part


def test_no_user_agent_is_refused_before_any_request(
    edgar: EdgarReplay, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PRESSGRAPH_USER_AGENT")
    code, out, err = run(capsys, "ABVC")
    assert (code, out) == (1, [])
    assert err == (
        "pressgraph: error: no User-Agent: EDGAR's fair-access policy requires a User-Agent naming you and a "
        "contact e-mail (SEC blocks anonymous clients): give --user-agent 'Jane Doe jane@example.com' or set "
        "PRESSGRAPH_USER_AGENT\n"
    )
    code, _, err = run(capsys, "ABVC", "--user-agent", "pressgraph")
    assert code == 1
    assert err.startswith("pressgraph: error: User-Agent 'pressgraph' has no contact e-mail: EDGAR's fair-access")
    assert edgar.log == []
    assert run(capsys, "ABVC", "--user-agent", "Jane Doe jane@example.com")[0] == 0
    assert {hit.user_agent for hit in edgar.log} == {"Jane Doe jane@example.com"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ZZZZ"], "unknown ticker ZZZZ: not in EDGAR's company tickers file (give the CIK instead)"),
        (["999999"], "no EDGAR filer with CIK 999999 ({url}/submissions/CIK0000999999.json is not found)"),
        (["!!"], "'!!' is neither a ticker nor a CIK"),
        (["ABVC", "--since", "2025-13-01"], "--since '2025-13-01' is not a date (YYYY-MM-DD)"),
        (["ABVC", "--since", "2025-01-01", "--until", "2024-01-01"], "--since 2025-01-01 is after --until 2024-01-01"),
        (["ABVC", "--forms", ","], "--forms names no form type (e.g. --forms 8-K,6-K)"),
        (["ABVC", "--edgar-url", "ftp://mirror"], "EDGAR URL 'ftp://mirror' is not an http:// or https:// URL"),
        (["ABVC", "--edgar-url", "http://[::1"], "EDGAR URL 'http://[::1' is not an http:// or https:// URL"),
        (["ABVC", "--edgar-url", "http://exa mple"], "EDGAR URL 'http://exa mple' is not an http:// or https:// URL"),
        (["ABVC", "--store", "x"], "--store and --endpoint say where to ingest: add --ingest"),
    ],
)
def test_bad_input_is_one_line(
    edgar: EdgarReplay, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out, err) == (1, [], f"pressgraph: error: {message.format(url=edgar.url)}\n")


def test_an_unreachable_host_is_one_line(edgar: EdgarReplay, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "320193", "--edgar-url", "http://127.0.0.1:9")
    assert (code, out) == (1, [])
    assert err.startswith("pressgraph: error: cannot reach 127.0.0.1:9 (")
    assert err.endswith("); check --edgar-url and the network\n") and err.count("\n") == 1


def test_an_unwritable_cache_is_one_line(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, out, err = run(capsys, "ABVC", "--cache", str(blocker / "cache"))
    assert (code, out) == (1, [])
    assert err == f"pressgraph: error: cannot use cache directory {blocker / 'cache'}: Not a directory\n"
    assert edgar.log == []


def test_ticker_to_query_answer_as_the_readme_shows(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "ABVC")[0] == 0  # downloaded, not ingested
    edgar.reset()
    code, out, _ = run(capsys, "ABVC", "--ingest")  # a file cached by an earlier run is ingested now
    assert (code, statuses(out), requested(edgar, ".txt")) == (0, [(ABVC, "cached")], [])
    assert summary(out).endswith("cached: 1  not press releases: 0  ingested: 1  failed: 0")
    assert run(capsys, "ABVC", "--ingest")[1][-1].endswith("ingested: 0  failed: 0")  # already in the store
    assert main(["query", "company-profile", "--param", "company=ABVC", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    (exhibit,) = read_path(cache_dir(tmp_path) / f"{ABVC}.txt")  # the release id is its content hash
    assert [(r["legalName"], r["ticker"], r["release"], r["date"]) for r in rows] == [
        ("ABVC BioPharma, Inc.", "ABVC", f"https://w3id.org/pressgraph/id/release/{exhibit.sha256[:16]}", "2025-04-16")
    ]


def _sources(store_dir: Path) -> list[str]:
    store = open_store(store_dir, read_only=True)
    try:
        return sorted(r.source for r in store.releases())
    finally:
        store.close()


APPLE_RELEASES = sorted(  # the releases of Apple's filings, one per EX-99 exhibit
    [f"{APPLE[0]}.txt#EX-99", f"{APPLE[1]}.txt#EX-99.1", f"{APPLE[4]}.txt#EX-99.1"]
    + [f"{acc}.txt#EX-99.{n}" for acc in APPLE[2:4] for n in (1, 2)]
)


def test_a_run_killed_midway_resumes_without_duplicates(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filings = cache_dir(tmp_path)
    edgar.stall_path = f"/Archives/edgar/data/320193/000110465904019574/{APPLE[2]}.txt"
    cmd = [sys.executable, "-m", "pressgraph", "fetch", "320193", "--ingest"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert edgar.stalled.wait(60), proc.stderr.read() if proc.poll() is not None else "no stall"  # type: ignore[union-attr]
        part = filings / f".{APPLE[2]}.txt.{proc.pid}.part"
        deadline = time.monotonic() + 20
        while not part.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sorted(p.name for p in filings.iterdir()) == sorted([part.name, f"{APPLE[0]}.txt", f"{APPLE[1]}.txt"])
    finally:
        proc.kill()
        proc.communicate()
        edgar.release.set()
    assert _sources(tmp_path / "store") == [f"{APPLE[0]}.txt#EX-99", f"{APPLE[1]}.txt#EX-99.1"]  # ingested
    edgar.reset()

    code, out, _ = run(capsys, "320193", "--ingest")
    assert code == 0
    assert statuses(out) == [(APPLE[0], "cached"), (APPLE[1], "cached")] + [(a, "downloaded") for a in APPLE[2:]]
    assert summary(out).endswith("downloaded: 3  cached: 2  not press releases: 1  ingested: 3  failed: 0")
    assert requested(edgar, ".txt") == APPLE[2:]
    assert sorted(p.name for p in filings.iterdir()) == sorted([f"{a}.txt" for a in APPLE] + [f"{SYNTHETIC_8K}.skip"])
    for acc in APPLE:
        assert (filings / f"{acc}.txt").read_bytes() == edgar.submission(acc).body
    assert _sources(tmp_path / "store") == APPLE_RELEASES  # each release once


def test_a_release_the_reader_cannot_read_is_reported_and_the_run_fails(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    txt = f"/Archives/edgar/data/1173313/000121390025032135/{ABVC}.txt"
    edgar.overrides[txt] = b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    code, out, _ = run(capsys, "ABVC", "--ingest")
    path = cache_dir(tmp_path) / f"{ABVC}.txt"
    assert code == 1
    assert out[-2:] == [
        "companies: 1  filings: 1  press releases: 1  downloaded: 1  cached: 0  not press releases: 0  ingested: 0"
        "  failed: 0",
        f"not ingested {path}: {ABVC}.txt#EX-99.1: no release text found",
    ]


def test_quiet_keeps_the_release_lines_and_drops_the_summary(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12, item 6: ``-q`` leaves the per-release lines (the command's output) and failures."""
    code, out, err = run(capsys, "ABVC", "--ingest", "-q")
    path = cache_dir(tmp_path) / f"{ABVC}.txt"
    assert (code, out, err) == (0, [f"{ABVC}  2025-04-15  8-K  downloaded  {path}"], "")
    txt = f"/Archives/edgar/data/1173313/000121390025032135/{ABVC}.txt"
    edgar.overrides[txt] = b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    path.unlink()
    code, out, err = run(capsys, "ABVC", "--ingest", "-q")
    assert (code, out) == (1, [f"{ABVC}  2025-04-15  8-K  downloaded  {path}"])
    assert err == f"pressgraph: not ingested {path}: {ABVC}.txt#EX-99.1: no release text found\n"
