"""Issue 12, item 1: CORS for the read-only routes, preflight, and no CORS grant for writes.

Exact headers on the ``live`` server (default: any origin), then ``pressgraph serve
--cors-origin`` as a user runs it, and YASGUI served from ANOTHER origin (a small http.server on
another 127.0.0.1 port) querying that server in headless Chromium, where a cross-origin write
is stopped by the refused preflight.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest

from pressgraph.api import create_app
from pressgraph.store.query_pool import QueryPool
from tests.api._cdp import RUN_QUERY, WatchedPage, in_chromium, need_chromium
from tests.api.conftest import serve_app
from tests.api.test_yasgui import ISSUER, QUERY
from tests.store.conftest import free_port

pytestmark = pytest.mark.server

ELSEWHERE = "http://127.0.0.1:9"  # an origin other than the server's
SEED = Path(__file__).resolve().parents[2] / "examples" / "aastrom-2003-11-10.txt"


def _cors(response: httpx.Response) -> dict[str, str]:
    """Every CORS header of an answer (and Vary, which says whether the answer depends on Origin)."""
    return {k: v for k, v in response.headers.items() if k.startswith("access-control-") or k == "vary"}


def _preflight(url: str, method: str, headers: str | None = None, origin: str = ELSEWHERE) -> httpx.Response:
    asked = {"Origin": origin, "Access-Control-Request-Method": method}
    return httpx.options(url, headers={**asked, **({"Access-Control-Request-Headers": headers} if headers else {})})


# --- the default: any origin may read ---------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "method", "headers", "methods"),
    [
        ("/sparql", "POST", "content-type", "GET, POST"),
        ("/sparql", "POST", "accept,content-type", "GET, POST"),
        ("/sparql", "GET", None, "GET, POST"),
        ("/entities", "GET", "accept", "GET"),
        ("/releases", "GET", None, "GET"),
    ],
)
def test_preflight_for_reads(live, path: str, method: str, headers: str | None, methods: str) -> None:
    r = _preflight(live.url + path, method, headers)
    assert (r.status_code, r.content) == (204, b"")
    assert _cors(r) == {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": methods,
        "access-control-allow-headers": "Content-Type, Accept",
        "access-control-max-age": "600",
    }
    assert r.headers["x-content-type-options"] == "nosniff"  # the Guard's headers are still there


@pytest.mark.parametrize(
    ("path", "method", "headers", "message"),
    [
        ("/releases", "POST", "authorization", "CORS is granted for reads only, not POST /releases"),
        ("/releases", "POST", "x-pressgraph-upload", "CORS is granted for reads only, not POST /releases"),
        (
            "/releases/acme-2020-01-02",
            "DELETE",
            None,
            "CORS is granted for reads only, not DELETE /releases/acme-2020-01-02",
        ),  # noqa: E501
        ("/sparql", "PUT", None, "CORS is granted for reads only, not PUT /sparql"),
        ("/sparql", "POST", "authorization", "CORS allows the headers Content-Type and Accept, not authorization"),
        (
            "/sparql",
            "GET",
            "x-pressgraph-upload",
            "CORS allows the headers Content-Type and Accept, not x-pressgraph-upload",
        ),  # noqa: E501
    ],
)
def test_preflight_for_writes_and_credentials_is_refused(
    live, path: str, method: str, headers: str | None, message: str
) -> None:  # noqa: E501
    r = _preflight(live.url + path, method, headers)
    assert (r.status_code, r.json()) == (403, {"error": message})
    assert _cors(r) == {}


@pytest.mark.parametrize(
    ("send", "status"),
    [
        (lambda url, h: httpx.get(url + "/sparql", params={"query": "ASK {}"}, headers=h), 200),
        (lambda url, h: httpx.post(url + "/sparql", data={"query": "ASK {}"}, headers=h), 200),
        (
            lambda url, h: httpx.post(
                url + "/sparql", content="ASK {}", headers={**h, "Content-Type": "application/sparql-query"}
            ),
            200,
        ),  # noqa: E501
        (
            lambda url, h: httpx.get(url + "/sparql", params={"query": "SELEKT"}, headers=h),
            400,
        ),  # errors are readable too
        (
            lambda url, h: httpx.get(
                url + "/entities", params={"q": "FDA"}, headers={**h, "Accept": "application/json"}
            ),
            200,
        ),  # noqa: E501
        (lambda url, h: httpx.get(url + "/releases/acme-2020-01-02", headers={**h, "Accept": "application/json"}), 200),
    ],
)
def test_reads_from_another_origin_are_granted(live, send: Any, status: int) -> None:
    r = send(live.url, {"Origin": ELSEWHERE})
    assert r.status_code == status
    assert _cors(r) == {"access-control-allow-origin": "*"}  # never credentials


def test_writes_get_no_cors_grant(live) -> None:
    upload = {"file": ("x.txt", b"text", "text/plain")}
    for headers in (
        {"Origin": ELSEWHERE, "Authorization": f"Bearer {live.token}"},
        {"Origin": ELSEWHERE, "Authorization": f"Bearer {live.token}", "Sec-Fetch-Site": "cross-site"},
        {"Origin": ELSEWHERE},
    ):
        r = httpx.post(live.url + "/releases", files=upload, headers=headers)
        assert (r.status_code, r.json()) == (403, {"error": "cross-site writes are refused"})
        assert _cors(r) == {}


def test_options_without_a_preflight_and_foreign_hosts_are_unchanged(live) -> None:
    r = httpx.options(live.url + "/sparql")
    assert (r.status_code, r.json(), _cors(r)) == (405, {"error": "Method Not Allowed"}, {})
    r = httpx.options(
        live.url + "/sparql",
        headers={"Host": "evil.example", "Origin": ELSEWHERE, "Access-Control-Request-Method": "POST"},
    )
    assert (r.status_code, _cors(r)) == (400, {})  # the Host allow-list answers first


def test_cors_can_be_turned_off(live) -> None:
    pool = QueryPool(live.store, workers=1)
    app = create_app(live.store, runner=pool, cors_origins=())
    try:
        with serve_app(app) as url:
            r = httpx.get(url + "/sparql", params={"query": "ASK {}"}, headers={"Origin": ELSEWHERE}, timeout=30)
            assert (r.status_code, _cors(r)) == (200, {})
            r = _preflight(url + "/sparql", "POST", "content-type")
            assert (r.status_code, r.json(), _cors(r)) == (
                403,
                {"error": f"CORS is not granted to the origin {ELSEWHERE!r}"},
                {},
            )  # noqa: E501
    finally:
        pool.close()


# --- pressgraph serve --cors-origin, and YASGUI on another origin ----------------------------------


@dataclass(frozen=True)
class Served:
    url: str  # pressgraph serve
    page: str  # the other origin, serving YASGUI


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """No request lines on stderr."""


def _yasgui_site(folder: Path, endpoint: str) -> None:
    """A page on the other origin: the vendored YASGUI files and a start script aimed at ``endpoint``."""
    packaged = resources.files("pressgraph.api").joinpath("static", "yasgui")
    for name in ("yasgui.min.js", "yasgui.min.css"):
        (folder / name).write_bytes(packaged.joinpath(name).read_bytes())
    (folder / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="yasgui.min.css">'
        '</head><body><div id="yasgui"></div><script src="yasgui.min.js"></script><script src="start.js"></script>'
        "</body></html>"
    )
    (folder / "start.js").write_text(
        "window.pressgraphYasgui = new Yasgui(document.getElementById('yasgui'), {"
        f"requestConfig: {{endpoint: {json.dumps(endpoint)}, method: 'POST'}}, persistenceId: null,"
        "yasqe: {persistenceId: null, autocompleters: ['variables']}});"
    )


def _start_serve(store: Path, port: int, origin: str) -> subprocess.Popen[bytes]:
    run = [sys.executable, "-c", "from pressgraph.cli import main; raise SystemExit(main())"]
    subprocess.run([*run, "ingest", str(SEED), "--store", str(store)], check=True, capture_output=True, timeout=120)
    args = ["serve", "--store", str(store), "--port", str(port), "--write-token", "t0k", "--cors-origin", origin]
    return subprocess.Popen([*run, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("other-origin")
    page_port, port = free_port(), free_port()
    page, url = f"http://127.0.0.1:{page_port}", f"http://127.0.0.1:{port}"
    _yasgui_site(folder, url + "/sparql")
    site = http.server.ThreadingHTTPServer(("127.0.0.1", page_port), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=site.serve_forever, daemon=True).start()
    proc = _start_serve(tmp_path_factory.mktemp("store") / "store", port, page)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/sparql", params={"query": "ASK {}"})
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        yield Served(url, page)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        site.shutdown()
        site.server_close()
        shutil.rmtree(folder, ignore_errors=True)


def test_serve_grants_the_configured_origin_only(served: Served) -> None:
    ask = {"query": "ASK {}"}
    r = httpx.get(served.url + "/sparql", params=ask, headers={"Origin": served.page})
    assert _cors(r) == {"access-control-allow-origin": served.page, "vary": "Origin"}
    r = httpx.get(served.url + "/sparql", params=ask, headers={"Origin": ELSEWHERE})
    assert _cors(r) == {"vary": "Origin"}
    r = _preflight(served.url + "/sparql", "POST", "content-type", origin=served.page)
    assert (r.status_code, _cors(r)) == (
        204,
        {
            "access-control-allow-origin": served.page,
            "access-control-allow-methods": "GET, POST",
            "access-control-allow-headers": "Content-Type, Accept",
            "access-control-max-age": "600",
            "vary": "Origin",
        },
    )
    r = _preflight(served.url + "/sparql", "POST", "content-type")
    assert (r.status_code, r.json()) == (403, {"error": f"CORS is not granted to the origin {ELSEWHERE!r}"})


def test_serve_refuses_a_bad_origin_in_one_line(tmp_path: Path) -> None:
    run = [sys.executable, "-c", "from pressgraph.cli import main; raise SystemExit(main())"]
    done = subprocess.run(
        [*run, "serve", "--store", str(tmp_path), "--cors-origin", "ftp://x/y"], capture_output=True, text=True
    )  # noqa: E501
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "pressgraph serve: error: argument --cors-origin: not a CORS origin (scheme://host[:port]): 'ftp://x/y' "
        "(see pressgraph serve --help)"
    )


# JavaScript run on the other origin's page, beside YASGUI: a preflighted query, a plain GET, a
# read route, and a write that the refused preflight must stop before it reaches the server.
PROBES = """(async (base) => {
  const out = {};
  let r = await fetch(base + '/sparql', {method: 'POST', body: 'ASK { ?s ?p ?o }',
    headers: {'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json'}});
  out.preflighted = [r.status, await r.json()];
  r = await fetch(base + '/sparql?query=' + encodeURIComponent('ASK {}'), {headers: {'Accept': 'text/csv'}});
  out.get = [r.status, await r.text()];
  r = await fetch(base + '/releases', {headers: {'Accept': 'application/json'}});
  out.releases = [r.status, (await r.json()).map(x => x.id)];
  const form = new FormData();
  form.append('file', new Blob(['Acme Bio announced a trial.'], {type: 'text/plain'}), 'x.txt');
  try {
    r = await fetch(base + '/releases', {method: 'POST', body: form, headers: {'Authorization': 'Bearer t0k'}});
    out.write = 'answered ' + r.status;
  } catch (e) {
    out.write = e.name;
  }
  return out;
})"""


async def _elsewhere(page: WatchedPage, served: Served) -> dict[str, Any]:
    await page.call("Page.navigate", url=served.page + "/index.html")
    await page.wait_for("document.readyState === 'complete' && !!document.querySelector('.yasqe_queryButton')", 30)
    answer = await page.eval(f"{RUN_QUERY}({json.dumps(QUERY)})")
    probes = await page.eval(f"{PROBES}({json.dumps(served.url)})")
    await page.eval("1")  # read the events still queued
    return {"answer": answer, "probes": probes, "problems": page.problems}


def test_yasgui_on_another_origin_queries_the_server(served: Served) -> None:
    need_chromium()
    seen = in_chromium(lambda page: _elsewhere(page, served))
    answer = seen["answer"]
    assert answer is not None, "YASGUI showed no results"
    assert answer["endpoint"] == served.url + "/sparql"
    assert (answer["vars"], answer["bindings"]) == (
        ["issuer", "name"],
        [{"issuer": ISSUER, "name": "Aastrom Biosciences, Inc."}],
    )
    assert seen["probes"] == {
        "preflighted": [200, {"head": {}, "boolean": True}],
        "get": [200, "true"],
        "releases": [200, ["c0669b98d8e1d350"]],
        "write": "TypeError",  # the browser refused: the preflight for Authorization got no grant
    }
    blocked = f"{served.url}/releases"
    assert [p for p in seen["problems"] if blocked not in p] == []  # the only complaint is the blocked write
    assert any(
        f"Access to fetch at '{blocked}' from origin '{served.page}' has been blocked by CORS policy" in p
        for p in seen["problems"]
    )  # noqa: E501
    listed = httpx.get(served.url + "/releases", headers={"Accept": "application/json"}).json()
    assert [x["id"] for x in listed] == ["c0669b98d8e1d350"]  # nothing was written
