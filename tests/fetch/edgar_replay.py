"""A local EDGAR on 127.0.0.1 that replays real submissions and logs every request it answers.

Built from the complete submissions of the shared corpus: each file's SEC header gives its
accession number, form, filing date and filers (a Southern Company filing lists seven), its
``<DOCUMENT>`` lines give the filing index. Served like EDGAR::

    /files/company_tickers.json
    /submissions/CIK##########.json                     recent filings, newest first
    /submissions/CIK##########-submissions-001.json     the older ones, when the filer has a split
    /Archives/edgar/data/{cik}/{accession, no dashes}/{accession}-index.htm
    /Archives/edgar/data/{cik}/{accession, no dashes}/{accession}.txt

Two filings are synthetic, and their accession numbers say so (filer-agent prefix 0000000000):
an Apple 8-K that is the 2024 submission without its EX-99.1 (no press release), and a 10-K.
Tests add faults per path (a 429 with Retry-After, a 503, a transfer dropped halfway), or stall
one document midway until released.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# The real tickers of the corpus filers that the tests fetch by ticker.
TICKERS = {"AAPL": 320193, "ABVC": 1173313, "ORCL": 1341439, "SO": 92122}
APPLE = 320193
SYNTHETIC_8K = "0000000000-24-000001"  # Apple 2024 8-K with the EX-99.1 removed
SYNTHETIC_10K = "0000000000-24-000002"
TRUNCATE = -1  # a fault "status": answer 200, send half the body, drop the connection
# Per filer: how many of its newest filings are in filings.recent (the rest go to page 001).
RECENT = {APPLE: 4}


@dataclass
class Submission:
    accession: str
    form: str
    filed: date
    filers: list[tuple[int, str]]
    documents: list[tuple[str, str, str, str]]  # sequence, type, filename, description
    body: bytes


@dataclass
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    status: int
    user_agent: str


def _field(chunk: str, tag: str) -> str:
    m = re.search(rf"^<{tag}>([^\r\n<]*)", chunk, re.M)
    return m.group(1).strip() if m else ""


def parse_submission(body: bytes) -> Submission:
    """The index facts of a complete submission, read from its SEC header and document lines."""
    text = body.decode("latin-1")
    header = text[: text.find("<DOCUMENT>")]
    filers = re.findall(r"COMPANY CONFORMED NAME:\s*(.+?)\s*\n\s*CENTRAL INDEX KEY:\s*(\d+)", header)
    documents = [
        (_field(c, "SEQUENCE"), _field(c, "TYPE"), _field(c, "FILENAME"), _field(c, "DESCRIPTION"))
        for c in re.findall(r"<DOCUMENT>(.*?)<TEXT>", text, re.S)
    ]
    filed = re.search(r"FILED AS OF DATE:\s*(\d{8})", header).group(1)  # type: ignore[union-attr]
    return Submission(
        accession=re.search(r"ACCESSION NUMBER:\s*(\S+)", header).group(1),  # type: ignore[union-attr]
        form=re.search(r"CONFORMED SUBMISSION TYPE:\s*(\S+)", header).group(1),  # type: ignore[union-attr]
        filed=date(int(filed[:4]), int(filed[4:6]), int(filed[6:])),
        filers=[(int(cik), name) for name, cik in filers],
        documents=documents,
        body=body,
    )


def synthetic(base: Submission, accession: str, form: str, filed: date) -> Submission:
    """``base`` re-filed under another accession and form, without its EX-99 documents."""
    text = base.body.decode("latin-1").replace(base.accession, accession)
    text = re.sub(r"<DOCUMENT>\s*<TYPE>EX-99.*?</DOCUMENT>\s*", "", text, flags=re.S)
    text = text.replace(f"CONFORMED SUBMISSION TYPE:\t{base.form}", f"CONFORMED SUBMISSION TYPE:\t{form}")
    kept = [
        d if d[1] != base.form else (d[0], form, d[2], d[3]) for d in base.documents if not d[1].startswith("EX-99")
    ]
    return Submission(accession, form, filed, base.filers, kept, text.encode("latin-1"))


def load_corpus(paths: list[Path]) -> list[Submission]:
    subs = [parse_submission(p.read_bytes()) for p in paths]
    apple_2024 = next(s for s in subs if s.accession == "0000320193-24-000005")
    subs.append(synthetic(apple_2024, SYNTHETIC_8K, "8-K", date(2024, 3, 1)))
    subs.append(synthetic(apple_2024, SYNTHETIC_10K, "10-K", date(2024, 11, 1)))
    return subs


def _columns(subs: list[Submission]) -> dict[str, list[str]]:
    """EDGAR's columnar filings block: one array per field, newest filing first."""
    return {
        "accessionNumber": [s.accession for s in subs],
        "filingDate": [s.filed.isoformat() for s in subs],
        "form": [s.form for s in subs],
        "primaryDocument": [s.documents[0][2] for s in subs],
        "size": [str(len(s.body)) for s in subs],
    }


def submissions_json(cik: int, subs: list[Submission]) -> dict[str, bytes]:
    """``CIK##########.json`` (and ``-submissions-001.json`` when split) for one filer."""
    subs = sorted(subs, key=lambda s: (s.filed, s.accession), reverse=True)
    recent, older = subs[: RECENT.get(cik, len(subs))], subs[RECENT.get(cik, len(subs)) :]
    name = next(n for s in subs for c, n in s.filers if c == cik)
    tickers = [t for t, c in TICKERS.items() if c == cik]
    files = []
    out: dict[str, bytes] = {}
    if older:
        page = f"CIK{cik:010d}-submissions-001.json"
        out[page] = json.dumps(_columns(older)).encode()
        files.append(
            {
                "name": page,
                "filingCount": len(older),
                "filingFrom": older[-1].filed.isoformat(),
                "filingTo": older[0].filed.isoformat(),
            }
        )
    doc = {"cik": str(cik), "name": name, "tickers": tickers, "filings": {"recent": _columns(recent), "files": files}}
    out[f"CIK{cik:010d}.json"] = json.dumps(doc).encode()
    return out


def index_html(cik: int, sub: Submission) -> bytes:
    """The filing index page as EDGAR draws it: documents, then XBRL data files, then the .txt row."""
    folder = f"/Archives/edgar/data/{cik}/{sub.accession.replace('-', '')}"

    def row(seq: str, desc: str, name: str, typ: str) -> str:
        cells = [seq or "&nbsp;", escape(desc), f'<a href="{folder}/{name}">{escape(name)}</a>', typ or "&nbsp;", ""]
        return "<tr>" + "".join(f'<td scope="row">{c}</td>' for c in cells) + "</tr>"

    head = "<tr>" + "".join(f'<th scope="col">{h}</th>' for h in ("Seq", "Description", "Document", "Type", "Size"))
    docs = [d for d in sub.documents if not d[1].startswith("EX-101")]
    data = [d for d in sub.documents if d[1].startswith("EX-101")]
    tables = [
        ("Document Format Files", [row(s, d or t, f or f"{sub.accession}.txt", t) for s, t, f, d in docs]),
        ("Data Files", [row(s, d or t, f, t) for s, t, f, d in data]),
    ]
    body = "".join(
        f'<table class="tableFile" summary="{label}">{head}</tr>{"".join(rows)}</table>'
        for label, rows in tables
        if rows
    )
    complete = row("", "Complete submission text file", f"{sub.accession}.txt", "")
    page = f"<html><head><title>EDGAR Filing Index</title></head><body><div id='formName'>Form {sub.form}</div>{body}"
    return (page + f'<table class="tableFile" summary="Complete">{complete}</table></body></html>').encode()


@dataclass
class EdgarReplay:
    """The routes, the request log, and the faults to inject; ``start()`` serves them."""

    submissions: list[Submission]
    routes: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)
    faults: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    overrides: dict[str, bytes] = field(default_factory=dict)  # path -> body served instead (status 200)
    stall_path: str | None = None
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def __post_init__(self) -> None:
        tickers = {str(i): {"cik_str": cik, "ticker": t, "title": t} for i, (t, cik) in enumerate(TICKERS.items())}
        self.routes["/files/company_tickers.json"] = (json.dumps(tickers).encode(), "application/json")
        by_cik: dict[int, list[Submission]] = {}
        for sub in self.submissions:
            for cik, _ in sub.filers:
                by_cik.setdefault(cik, []).append(sub)
                folder = f"/Archives/edgar/data/{cik}/{sub.accession.replace('-', '')}"
                self.routes[f"{folder}/{sub.accession}-index.htm"] = (index_html(cik, sub), "text/html")
                self.routes[f"{folder}/{sub.accession}.txt"] = (sub.body, "text/plain")
        for cik, subs in by_cik.items():
            for name, body in submissions_json(cik, subs).items():
                self.routes[f"/submissions/{name}"] = (body, "application/json")

    def submission(self, accession: str) -> Submission:
        return next(s for s in self.submissions if s.accession == accession)

    def reset(self) -> None:
        self.log.clear()
        self.faults.clear()
        self.overrides.clear()
        self.stall_path = None
        self.stalled.clear()
        self.release.clear()

    def paths(self) -> list[str]:
        return [hit.path for hit in self.log]

    def start(self) -> ThreadingHTTPServer:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.replay = self  # type: ignore[attr-defined]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        return server


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (a killed fetch, a dropped retry) is part of the tests, not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers and body wait on a delayed ACK (40 ms a request)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        replay: EdgarReplay = self.server.replay  # type: ignore[attr-defined]
        at, path = time.monotonic(), urlsplit(self.path).path
        queued = replay.faults.get(path)
        status, headers = queued.pop(0) if queued else (200, {})
        truncate = status == TRUNCATE
        status = 200 if truncate else status
        body, ctype = replay.routes.get(path, (b"not found", "text/plain"))
        body = replay.overrides.get(path, body)
        status = 404 if path not in replay.routes and status == 200 else status
        replay.log.append(Hit(at, path, status, self.headers.get("User-Agent", "")))
        payload = body if status == 200 else f"HTTP {status}".encode()
        self.send_response(status)
        for name, value in {**headers, "Content-Type": ctype, "Content-Length": str(len(payload))}.items():
            self.send_header(name, value)
        self.end_headers()
        if truncate:  # the connection drops halfway through the body
            self.wfile.write(payload[: len(payload) // 2])
            self.close_connection = True
            return
        if status == 200 and path == replay.stall_path:
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            replay.stalled.set()
            replay.release.wait(60)
            self.close_connection = True
            return
        self.wfile.write(payload)
