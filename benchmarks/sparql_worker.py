"""What the sandboxed query workers cost: CPU time per trivial /sparql request, server side.

Starts ``pressgraph serve`` over a store holding the seed release, sends the same trivial query
N times from one client, and reads the CPU time (user + system, from /proc) that the server
process *and its worker processes* spent. Run it once on this checkout and once on another
(``--src``: the ``src`` folder of a checkout from before the workers, e.g. made with
``git archive 63ed575 | tar -x -C /tmp/old``) to compare; CPU time, not wall time, because the
machines are shared.

    python benchmarks/sparql_worker.py [--requests 500] [--src /tmp/old/src]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "aastrom-2003-11-10.txt"
QUERIES = {
    "trivial SELECT": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1",
    "ASK": "ASK { ?s ?p ?o }",
    "100 rows": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100",
}
TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """User + system seconds of one live process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def _tree(pid: int) -> list[int]:
    """``pid`` and its live children (the query workers)."""
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                kids.append(int(entry.name))
    return [pid, *kids]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(src: Path, store: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = "import sys; from pressgraph.cli import main; sys.exit(main())"
    subprocess.run(
        [sys.executable, "-c", code, "ingest", str(SEED), "--store", str(store)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--store", str(store), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def measure(base: str, pid: int, query: str, requests: int) -> tuple[float, float, float]:
    """CPU ms of the server process and of its workers, and wall ms, per request (after 20
    warm-up requests)."""
    with httpx.Client() as client:
        for _ in range(20):
            client.get(base + "/sparql", params={"query": query})
        pids = _tree(pid)
        before, wall0 = [_cpu(p) for p in pids], time.perf_counter()
        for _ in range(requests):
            assert client.get(base + "/sparql", params={"query": query}).status_code == 200
        wall = time.perf_counter() - wall0
        spent = [_cpu(p) - b for p, b in zip(pids, before, strict=True)]
    return 1000 * spent[0] / requests, 1000 * sum(spent[1:]) / requests, 1000 * wall / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder of the checkout to measure")
    args = parser.parse_args()
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc = _start(args.src, Path(tmp) / "store", port)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(base)
            print(f"{args.src}: CPU per request, {args.requests} requests, 1 client")
            print(f"  {'query':15} {'server':>9} {'workers':>9} {'total':>9} {'wall':>9}")
            for name, query in QUERIES.items():
                server, workers, wall = measure(base, proc.pid, query, args.requests)
                print(f"  {name:15} {server:6.2f} ms {workers:6.2f} ms {server + workers:6.2f} ms {wall:6.2f} ms")
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
