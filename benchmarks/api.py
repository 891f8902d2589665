"""API benchmark: requests/s and latency of an entity page and a named query.

Builds a synthetic store shaped per docs/MODEL.md (companies with products, trials, partners,
regulatory actions and financial facts with evidence; ~100 triples per release), serves it with
``pressgraph serve`` in a subprocess on 127.0.0.1, and times requests with httpx.

    python benchmarks/api.py             # ~100k triples
    python benchmarks/api.py --million   # ~1M triples (bulk-loaded, see bulk_store)
Results are appended as a table to benchmarks/results/api.md (``--no-write`` to skip).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from pressgraph.store.base import ReleaseRecord
from pressgraph.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "api.md"
ID = "https://w3id.org/pressgraph/id/"
PG = "https://w3id.org/pressgraph/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
GAAP = "http://fasb.org/us-gaap/2024#"
CONCEPTS = ("Revenues", "CostsAndExpenses", "NetIncomeLoss", "Assets", "Liabilities",
            "CashAndCashEquivalentsAtCarryingValue", "OperatingExpenses", "ResearchAndDevelopmentExpense")


def _release_quads(n: int, companies: int) -> tuple[str, str, str]:
    """One synthetic release (graph IRI, N-Quads, release IRI); ~100 triples."""
    rid = f"bench-{n:06d}"
    c = n % companies
    g = f"<{ID}graph/{rid}>"
    rel, org = f"<{ID}release/{rid}>", f"<{ID}org/company-{c}>"
    prod = f"<{ID}product/company-{c}/product-{n % 7}>"
    partner, site = f"<{ID}org/university-{n % 50}>", f"<{ID}org/hospital-{n % 80}>"
    ev = lambda key: f"<{ID}release/{rid}/event/{key}>"  # noqa: E731
    t: list[tuple[str, str, str]] = [
        (rel, f"<{TYPE}>", f"<{PG}Release>"), (rel, f"<{PG}issuer>", org),
        (rel, "<https://schema.org/headline>", f'"Company {c} reports release {n}"'),
        (rel, "<https://schema.org/datePublished>", f'"2004-01-{n % 28 + 1:02d}"^^<{XSD}date>'),
        (rel, f"<{PG}fullText>", '"' + f"Company {c} announced results and a trial. " * 3 + '"'),
        (org, f"<{TYPE}>", f"<{PG}Company>"), (org, f"<{RDFS_LABEL}>", f'"Company {c}, Inc."'),
        (org, f"<{ALT}>", f'"C{c}"'), (org, f"<{PG}ticker>", f'"CX{c}"'),
        (org, f"<{PG}hasProduct>", prod), (org, f"<{PG}hasPartner>", partner),
        (org, f"<{PG}sponsorsTrial>", ev("trial-1")),
        (prod, f"<{TYPE}>", f"<{PG}Product>"), (prod, f"<{RDFS_LABEL}>", f'"Product {n % 7}"'),
        (prod, f"<{PG}developedBy>", org), (prod, f"<{PG}regulatedBy>", f"<{ID}org/fda>"),
        (partner, f"<{TYPE}>", f"<{PG}University>"),
        (partner, f"<{RDFS_LABEL}>", f'"University {n % 50}"'),
        (site, f"<{TYPE}>", f"<{PG}Hospital>"), (site, f"<{RDFS_LABEL}>", f'"Hospital {n % 80}"'),
        (f"<{ID}org/fda>", f"<{TYPE}>", f"<{PG}RegulatoryAgency>"),
        (f"<{ID}org/fda>", f"<{RDFS_LABEL}>", '"U.S. Food and Drug Administration"'),
        (ev("trial-1"), f"<{TYPE}>", f"<{PG}ClinicalTrial>"),
        (ev("trial-1"), f"<{PG}sponsor>", org), (ev("trial-1"), f"<{PG}product>", prod),
        (ev("trial-1"), f"<{PG}phase>", '"Phase 2"'), (ev("trial-1"), f"<{PG}trialPartner>", partner),
        (ev("trial-1"), f"<{PG}site>", site), (ev("trial-1"), f"<{PG}statedIn>", rel),
        (ev("partnership-1"), f"<{TYPE}>", f"<{PG}Partnership>"),
        (ev("partnership-1"), f"<{PG}company>", org), (ev("partnership-1"), f"<{PG}partner>", partner),
        (ev("partnership-1"), f"<{PG}statedIn>", rel),
        (ev("regulatory-1"), f"<{TYPE}>", f"<{PG}RegulatoryAction>"),
        (ev("regulatory-1"), f"<{PG}regulator>", f"<{ID}org/fda>"),
        (ev("regulatory-1"), f"<{PG}concerns>", org), (ev("regulatory-1"), f"<{PG}statedIn>", rel),
    ]
    for i, concept in enumerate(CONCEPTS):
        fact = f"<{ID}release/{rid}/fact/t1-r{i}-c1>"
        evi = f"<{ID}release/{rid}/evidence/{i * 10}-{i * 10 + 9}>"
        t += [(fact, f"<{TYPE}>", f"<{PG}TableFact>"), (fact, f"<{PG}concept>", f"<{GAAP}{concept}>"),
              (fact, f"<{PG}value>", f'"{(n * 37 + i) * 1000}"^^<{XSD}decimal>'),
              (fact, f"<{PG}unit>", f"<{PG}USD>"), (fact, f"<{PG}reportedBy>", org),
              (fact, f"<{PG}statedIn>", rel), (fact, f"<{PG}printedLabel>", f'"{concept}"'),
              (fact, f"<{PG}evidence>", evi), (evi, f"<{TYPE}>", f"<{PG}Evidence>"),
              (evi, f"<{PG}inRelease>", rel), (evi, f"<{PG}quote>", f'"{concept} line"')]
    body = "".join(f"{s} {p} {o} {g} .\n" for s, p, o in t)
    return f"{ID}graph/{rid}", body, f"{ID}release/{rid}"


def bulk_store(path: Path, releases: int, companies: int) -> tuple[int, float]:
    """Fill the store directory with pyoxigraph's bulk loader (the 1M-triple case).

    ``replace_release`` checks the catalog on every call, so 8,000 one-by-one ingests take far
    longer than serving them; the benchmark measures serving, so it loads the graphs in bulk
    (without catalog entries, which neither scenario reads).
    """
    import pyoxigraph as ox

    start = time.perf_counter()
    store = ox.Store(str(path))
    total = 0
    chunk: list[str] = []
    for n in range(releases):
        _graph, quads, _rel = _release_quads(n, companies)
        total += quads.count("\n")
        chunk.append(quads)
        if len(chunk) == 500 or n == releases - 1:
            store.bulk_load("".join(chunk).encode(), format=ox.RdfFormat.N_QUADS)
            chunk = []
    store.flush()
    del store
    return total, time.perf_counter() - start


def build_store(path: Path, releases: int, companies: int) -> tuple[int, float]:
    """Fill an on-disk embedded store through ``replace_release``; return (triples, seconds)."""
    store = EmbeddedStore(path)
    start = time.perf_counter()
    total = 0
    for n in range(releases):
        graph, quads, rel = _release_quads(n, companies)
        count = quads.count("\n")
        total += count
        store.replace_release(graph, quads, ReleaseRecord(
            rel, graph, f"bench-{n:06d}.txt", hashlib.sha256(quads.encode()).hexdigest(), count))
    store.flush()
    store.close()
    return total, time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def measure(url: str, requests: int, workers: int) -> dict[str, float]:
    """Latency percentiles and throughput of ``requests`` GETs spread over ``workers`` threads."""
    latencies: list[float] = []
    lock = threading.Lock()
    per_worker = max(1, requests // workers)

    def work() -> None:
        with httpx.Client(timeout=60) as client:
            for _ in range(per_worker):
                t0 = time.perf_counter()
                r = client.get(url)
                dt = time.perf_counter() - t0
                if r.status_code != 200:
                    raise SystemExit(f"{url} answered {r.status_code}: {r.text[:200]}")
                with lock:
                    latencies.append(dt)

    httpx.get(url, timeout=60)  # warm up
    start = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(workers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - start
    latencies.sort()
    return {"rps": len(latencies) / wall, "p50": statistics.median(latencies) * 1000,
            "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000, "n": len(latencies)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--million", action="store_true", help="~1M triples instead of ~100k")
    parser.add_argument("--requests", type=int, default=200, help="requests per scenario")
    parser.add_argument("--workers", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--no-write", action="store_true", help="do not append to api.md")
    args = parser.parse_args()
    releases = 8_000 if args.million else 800
    with tempfile.TemporaryDirectory(prefix="pg-bench-api-") as tmp:
        store_dir = Path(tmp) / "store"
        load = bulk_store if args.million else build_store
        triples, load_s = load(store_dir, releases, companies=releases // 5)
        print(f"store: {triples} triples in {releases} releases, loaded in {load_s:.1f} s")
        port = _free_port()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        server = subprocess.Popen(
            [sys.executable, "-c", "from pressgraph.cli import main; raise SystemExit(main())",
             "serve", "--store", str(store_dir), "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, server)
            scenarios = {
                "entity page (HTML), /entities/org/company-7": f"{base}/entities/org/company-7",
                "entity (JSON), /entities/org/company-7?format=json":
                    f"{base}/entities/org/company-7?format=json",
                "named query trials?company=org/company-7":
                    f"{base}/queries/trials?company=org/company-7&format=json",
            }
            rows = []
            for name, url in scenarios.items():
                for workers in (1, args.workers):
                    m = measure(url, args.requests, workers)
                    rows.append((name, workers, m))
                    print(f"{name:55s} c={workers}  {m['rps']:7.1f} req/s  "
                          f"p50 {m['p50']:7.1f} ms  p95 {m['p95']:7.1f} ms")
        finally:
            server.terminate()
            server.wait(timeout=10)
    if not args.no_write:
        _write(rows, triples, releases, load_s)
    return 0


def _wait(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("pressgraph serve exited early")
        try:
            if httpx.get(base + "/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("pressgraph serve did not come up")


def _write(rows: list, triples: int, releases: int, load_s: float) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"\n## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} — {triples:,} triples "
             f"({releases:,} releases; load {load_s:.0f} s), {platform.processor() or 'cpu'} "
             f"{os.cpu_count()} cores, Python {platform.python_version()}\n",
             "| scenario | clients | req/s | p50 ms | p95 ms | requests |", "|---|---|---|---|---|---|"]
    for name, workers, m in rows:
        lines.append(f"| {name} | {workers} | {m['rps']:.1f} | {m['p50']:.1f} | {m['p95']:.1f} "
                     f"| {m['n']} |")
    if not RESULTS.exists():
        RESULTS.write_text("# API benchmark (benchmarks/api.py)\n\nSynthetic store shaped per "
                           "docs/MODEL.md; server = `pressgraph serve` (embedded store, one uvicorn"
                           " worker); client = httpx threads on the same machine.\n")
    with RESULTS.open("a") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
