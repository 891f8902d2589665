"""The fetch package's parts: EDGAR's URLs and answers, polite HTTP, the atomic cache, the bar."""

from __future__ import annotations

import io
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pressgraph.cli import build_parser, main
from pressgraph.errors import FetchError
from pressgraph.fetch import Cache, EdgarClient, EdgarUrls, FetchProgress, FetchSummary, check_user_agent
from pressgraph.fetch._cache import write_atomically
from pressgraph.fetch._edgar import document_types, parse_identifier, submissions_name
from pressgraph.fetch._http import retry_after_seconds
from tests.fetch.conftest import USER_AGENT
from tests.fetch.edgar_replay import TRUNCATE, EdgarReplay

ABVC = "0001213900-25-032135"
ABVC_TXT = f"/Archives/edgar/data/1173313/000121390025032135/{ABVC}.txt"


def test_the_real_sec_hosts_are_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESSGRAPH_EDGAR_URL", raising=False)
    assert build_parser().parse_args(["fetch", "ABVC"]).edgar_url is None
    urls = EdgarUrls.from_base(os.environ.get("PRESSGRAPH_EDGAR_URL"))
    assert urls.tickers() == "https://www.sec.gov/files/company_tickers.json"
    assert urls.submissions(submissions_name(1173313)) == "https://data.sec.gov/submissions/CIK0001173313.json"
    folder = "https://www.sec.gov/Archives/edgar/data/1173313/000121390025032135"
    assert urls.filing_index(1173313, ABVC) == f"{folder}/{ABVC}-index.htm"
    assert urls.submission_text(1173313, ABVC) == f"{folder}/{ABVC}.txt"
    mirror = EdgarUrls.from_base(" http://mirror.example:8080/edgar/ ")
    assert (mirror.data, mirror.www) == ("http://mirror.example:8080/edgar", "http://mirror.example:8080/edgar")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("320193", 320193), ("0000320193", 320193), ("CIK0000320193", 320193), ("abvc", "ABVC"), ("BRK.B", "BRK-B")],
)
def test_identifiers(text: str, expected: int | str) -> None:
    assert parse_identifier(text) == expected


@pytest.mark.parametrize("text", ["0", "12345678901", "", "A B", "$X"])
def test_bad_identifiers(text: str) -> None:
    with pytest.raises(FetchError, match="is neither a ticker nor a CIK"):
        parse_identifier(text)


# The shape of EDGAR's filing index page (-index.htm): a document table, a data-files table.
INDEX_PAGE = """<html><body><div id="formDiv"><div class="formGrouping">
<div class="infoHead">Filing Date</div><div class="info">2025-04-15</div></div></div>
<table class="tableFile" summary="Document Format Files">
<tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th>
<th scope="col">Type</th><th scope="col">Size</th></tr>
<tr><td scope="row">1</td><td scope="row">CURRENT REPORT</td><td scope="row">
<a href="/ix?doc=/Archives/edgar/data/1173313/000121390025032135/ea0238372-8k_abvcbio.htm">
ea0238372-8k_abvcbio.htm</a> &nbsp;&nbsp;<span style="color: green">iXBRL</span></td>
<td scope="row">8-K</td><td scope="row">42301</td></tr>
<tr class="blueRow"><td scope="row">2</td><td scope="row">PRESS RELEASE</td><td scope="row">
<a href="/Archives/edgar/data/1173313/000121390025032135/ea023837201ex99-1_abvcbio.htm">
ea023837201ex99-1_abvcbio.htm</a></td><td scope="row">EX-99.1</td><td scope="row">61220</td></tr>
<tr><td scope="row">3</td><td scope="row"></td><td scope="row"><a href="x.jpg">ex99-1_001.jpg</a></td>
<td scope="row">GRAPHIC</td><td scope="row">7220</td></tr>
<tr><td scope="row">&nbsp;</td><td scope="row">Complete submission text file</td>
<td scope="row"><a href="0001213900-25-032135.txt">0001213900-25-032135.txt</a></td>
<td scope="row">&nbsp;</td><td scope="row">233513</td></tr></table>
<table class="tableFile" summary="Data Files">
<tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th>
<th scope="col">Type</th><th scope="col">Size</th></tr>
<tr><td scope="row">4</td><td scope="row">XBRL TAXONOMY EXTENSION SCHEMA</td>
<td scope="row"><a href="abvc-20250415.xsd">abvc-20250415.xsd</a></td>
<td scope="row">EX-101.SCH</td><td scope="row">3012</td></tr></table></body></html>"""


def test_document_types_of_a_filing_index_page() -> None:
    assert document_types(INDEX_PAGE, "u") == ["8-K", "EX-99.1", "GRAPHIC", "EX-101.SCH"]
    with pytest.raises(FetchError, match="u: no document table in the filing index"):
        document_types("<html><body>Not here</body></html>", "u")


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2025, 4, 16, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("7", now) == 7.0
    assert retry_after_seconds("Wed, 16 Apr 2025 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Wed, 16 Apr 2025 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_user_agent_needs_a_contact() -> None:
    assert check_user_agent("  Jane Doe jane@example.com ") == "Jane Doe jane@example.com"
    for bad in (None, "", "   ", "Jane Doe", "jane@localhost"):
        with pytest.raises(FetchError, match="EDGAR's fair-access policy requires a User-Agent"):
            check_user_agent(bad)
    for bad in ("Jane jane@example.com\nX: y", "Jürgen jurgen@example.com"):
        with pytest.raises(FetchError, match="must be one line of plain ASCII"):
            check_user_agent(bad)


def test_a_dropped_transfer_is_retried_from_the_start(
    edgar: EdgarReplay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edgar.faults[ABVC_TXT] = [(TRUNCATE, {})]
    assert main(["fetch", "ABVC"]) == 0
    assert [(h.path, h.status) for h in edgar.log if h.path == ABVC_TXT] == [(ABVC_TXT, 200), (ABVC_TXT, 200)]
    filings = tmp_path / "cache" / "filings"
    assert [p.name for p in filings.iterdir()] == [f"{ABVC}.txt"]  # no .part of the broken try
    assert (filings / f"{ABVC}.txt").read_bytes() == edgar.submission(ABVC).body


def test_a_server_error_that_persists_fails_after_the_retries(edgar: EdgarReplay) -> None:
    edgar.faults[ABVC_TXT] = [(503, {})] * 3
    url = edgar.url + ABVC_TXT
    with EdgarClient(USER_AGENT, retries=2, backoff=0.01) as client, pytest.raises(FetchError) as caught:
        client.get_bytes(url)
    assert str(caught.value) == f"{url}: HTTP 503 Service Unavailable after 3 attempts"
    assert len(edgar.log) == 3


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_bytes(b"complete")

    def broken() -> object:
        yield b"half"
        raise RuntimeError("transfer broke")

    with pytest.raises(RuntimeError):
        write_atomically(target, broken())  # type: ignore[arg-type]
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]
    assert target.read_bytes() == b"complete"
    assert write_atomically(target, [b"new ", b"content"]) == 11
    assert target.read_bytes() == b"new content"


def test_parts_left_by_dead_runs_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    filings = tmp_path / "filings"
    filings.mkdir()
    (filings / f".a.txt.{dead}.part").write_bytes(b"half")
    (filings / f".b.txt.{os.getppid()}.part").write_bytes(b"still being written")
    Cache(tmp_path)
    assert [p.name for p in filings.iterdir()] == [f".b.txt.{os.getppid()}.part"]


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_is_drawn_on_a_terminal_only() -> None:
    terminal, summary = _Terminal(), FetchSummary(found=2, downloaded=1, ingested=1)
    ticks = iter([100.0, 102.0, 105.0])  # started, after the first filing, after the second
    bar = FetchProgress(2, ingest=True, stream=terminal, clock=lambda: next(ticks), columns=200)
    bar.step(summary, "0000320193-96-000027")
    bar.clear()
    summary.cached = 1
    bar.step(summary, "0000912057-00-002128")
    assert terminal.getvalue() == (
        "\r[###############...............] 1/2 filings  downloaded 1  cached 0  ingested 1  eta 0:02  "
        "0000320193-96-000027\033[K"
        "\r\033[K"
        "\r[##############################] 2/2 filings  downloaded 1  cached 1  ingested 1  done in 0:05  "
        "0000912057-00-002128\033[K\n"
    )
    pipe = io.StringIO()
    FetchProgress(2, ingest=False, stream=pipe).step(summary, "x")
    assert pipe.getvalue() == ""


def test_a_refusal_says_what_to_check(edgar: EdgarReplay, capsys: pytest.CaptureFixture[str]) -> None:
    listing = "/submissions/CIK0001173313.json"
    edgar.faults[listing] = [(403, {})]
    assert main(["fetch", "1173313"]) == 1
    assert capsys.readouterr().err == (
        f"pressgraph: error: {edgar.url}{listing}: HTTP 403 Forbidden (EDGAR refuses: check the User-Agent, "
        "or wait if this address was rate-limited)\n"
    )
    assert len(edgar.log) == 1  # a refusal is not retried


def test_the_tests_cannot_reach_sec_gov(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PRESSGRAPH_EDGAR_URL", raising=False)  # the default: the real SEC hosts
    monkeypatch.setenv("PRESSGRAPH_USER_AGENT", USER_AGENT)
    monkeypatch.setenv("PRESSGRAPH_CACHE", str(tmp_path / "cache"))
    assert main(["fetch", "1173313"]) == 1
    assert capsys.readouterr().err == (
        "pressgraph: error: cannot reach data.sec.gov (tests may only connect to 127.0.0.1, not 'data.sec.gov'); "
        "check --edgar-url and the network\n"
    )
