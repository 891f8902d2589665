"""Ingest against its anchors, in CPU and wall time, in one run (issue 13, item 1).

    python benchmarks/ingest.py                      # writes benchmarks/results/ingest.md
    python benchmarks/ingest.py --runs 5             # best of 5 for every part (default 3)
    python benchmarks/ingest.py --profile 25         # also prints the top of a cProfile of ingest

Over the real corpus releases (../shared/corpus/bulk, complete, releases), ms per release of each
part of an ingest and of the anchors, best of ``--runs``: CPU time is this process's
(``time.process_time``: every thread, so RocksDB's background work too) plus that of its worker
processes (``RUSAGE_CHILDREN``), wall time is ``time.perf_counter``.

* floor: read every file and scan its text once (the least any ingest does);
* read + extract + map (``pipeline.build_release_graphs``);
* prepare (materialise the subclass closure, N-Triples lines, digest) and validate
  (``validate.check_ntriples``) of those graphs, and write them (``EmbeddedStore.release_writer``
  into a fresh store, closed), each alone;
* the whole ingest (``pressgraph.ingest.ingest``, validation on, into a fresh on-disk store,
  store closed) with 1 and with 2 worker processes;
* anchors: ``pyoxigraph.Store.bulk_load`` of the N-Quads that ingest wrote (exported from the
  store) into a fresh on-disk store, and rdflib parsing the same N-Quads.

Then the size on disk of the ingested and the bulk-loaded store, as they are and after
``optimize()``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset

from pressgraph.ingest import expand_paths, ingest, with_report
from pressgraph.pipeline import build_release_graphs
from pressgraph.store.embedded import EmbeddedStore
from pressgraph.store.prepare import prepare

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
FOLDERS = ("bulk", "complete", "releases")


def du(path: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in path.rglob(pattern) if p.is_file())


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(fn: Callable[[int], Any], runs: int) -> tuple[tuple[float, float, float], Any]:
    """(best CPU, best wall, first run's CPU) seconds of ``runs`` calls of ``fn(run)``, and the
    last result. The first run pays for what later ones find cached (per-issuer patterns)."""
    cpus, walls, result = [], [], None
    for run in range(runs):
        c0, w0 = _cpu(), time.perf_counter()
        result = fn(run)
        cpus.append(_cpu() - c0)
        walls.append(time.perf_counter() - w0)
    return (min(cpus), min(walls), cpus[0]), result


def read_and_scan(files: list[str]) -> int:
    words = 0
    for f in files:
        words += len(Path(f).read_bytes().decode("utf-8", errors="replace").split())
    return words


def run_ingest(files: list[str], folder: Path, workers: int = 1) -> int:
    store = EmbeddedStore(folder)
    summary = ingest(store, files, progress=False, workers=workers)
    store.close()
    return summary.releases


def write_only(prepared: list[Any], folder: Path) -> None:
    store = EmbeddedStore(folder)
    with store.release_writer() as write:
        for release in prepared:
            write(release)
    store.close()


def bulk_load(nquads: bytes, folder: Path) -> None:
    store = ox.Store(str(folder))
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store


def extract_all(files: list[str]) -> int:
    """Graphs built and dropped file by file, as ingest does (freeing rdflib graphs is ~10 % of it)."""
    return sum(len(build_release_graphs(f)) for f in files)


def measure_parts(files: list[str], tmp: Path, runs: int) -> dict[str, tuple[float, float, float]]:
    """Prepare, validate and write alone, each on the output of the one before."""
    graphs = [g for f in files for g in build_release_graphs(f)]
    times: dict[str, tuple[float, float, float]] = {}
    times["prepare"], prepared = timed(lambda _r: [prepare(g) for g in graphs], runs)
    times["validate"], checked = timed(lambda _r: [with_report(p) for p in prepared], runs)
    times["write"], _ = timed(lambda r: write_only(checked, tmp / f"write{r}"), runs)
    return times


def measure(files: list[str], tmp: Path, runs: int) -> tuple[dict[str, tuple[float, float, float]], int, bytes]:
    """Every part and anchor: name -> (best CPU s, best wall s, first CPU s) over the corpus."""
    parts: dict[str, tuple[float, float, float]] = {}

    def put(name: str, fn: Callable[[int], Any]) -> Any:
        parts[name], result = timed(fn, runs)
        return result

    put("floor", lambda _r: read_and_scan(files))
    put("extract", lambda _r: extract_all(files))
    releases = put("ingest", lambda r: run_ingest(files, tmp / f"ingest{r}"))
    put("ingest2", lambda r: run_ingest(files, tmp / f"ingest2-{r}", workers=2))
    # the parts alone, last: all the graphs held in memory make every garbage collection slower
    parts.update(measure_parts(files, tmp, runs))
    reader = EmbeddedStore(tmp / "ingest0", read_only=True)
    nquads = reader.export("nquads")
    reader.close()
    put("bulk", lambda r: bulk_load(nquads, tmp / f"bulk{r}"))
    put("rdflib", lambda _r: Dataset().parse(data=nquads, format="nquads"))
    return parts, releases, nquads


ROWS = (
    ("floor", "floor: read every file and scan its text"),
    ("extract", "(a) read + extract + map (`build_release_graphs`)"),
    ("prepare", "(p) prepare: closure, N-Triples lines, digest (`store.prepare.prepare`)"),
    ("validate", "(v) validate (`validate.check_ntriples`, ontology and checks cached)"),
    ("write", "(w) write (`EmbeddedStore.release_writer`, fresh store, closed)"),
    ("ingest", "(b) whole ingest (`ingest`, validation on, 1 worker, store closed)"),
    ("beyond", "(b − a) ingest beyond extraction"),
    ("ingest2", "(b2) whole ingest, `--workers 2` (CPU: this process and its workers)"),
    ("bulk", "anchor: `Store.bulk_load` of the exported N-Quads"),
    ("rdflib", "anchor: rdflib parsing the same N-Quads (`Dataset.parse`)"),
)


def report(
    files: list[str], parts: dict[str, tuple[float, float, float]], releases: int, nquads: bytes, runs: int
) -> list[str]:
    kb = sum(Path(f).stat().st_size for f in files) / 1024
    parts["beyond"] = tuple(b - a for a, b in zip(parts["extract"], parts["ingest"], strict=True))  # type: ignore[assignment]
    bulk, quads = parts["bulk"][0], nquads.count(b"\n")
    lines = [
        "# Ingest benchmark (benchmarks/ingest.py)",
        "",
        f"{len(files)} files ({kb:.0f} KB) from ../shared/corpus/{{{','.join(FOLDERS)}}}, {releases} releases, "
        f"{quads:,} quads as stored; best of {runs} runs of each part, one process "
        f"(and its workers for b2), {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"pyoxigraph {ox.__version__}. CPU counts every thread (RocksDB's background work too).",
        "",
        "| what | CPU ms per release | wall ms per release | CPU × bulk load | CPU ms, first run |",
        "|---|---|---|---|---|",
    ]
    for key, label in ROWS:
        cpu, wall, first = (x * 1000 / releases for x in parts[key])
        lines.append(f"| {label} | {cpu:.2f} | {wall:.2f} | {cpu / (bulk * 1000 / releases):.1f} | {first:.2f} |")
    return lines


def disk(tmp: Path) -> list[str]:
    sizes = {"ingest": du(tmp / "ingest0"), "bulk": du(tmp / "bulk0")}
    sizes["ingest, table files (*.sst) only"] = du(tmp / "ingest0", "*.sst")
    sizes["bulk, table files (*.sst) only"] = du(tmp / "bulk0", "*.sst")
    for name in ("ingest", "bulk"):
        store = ox.Store(str(tmp / f"{name}0"))
        store.optimize()
        store.flush()
        del store
        sizes[name + "+optimize"] = du(tmp / f"{name}0")
    lines = ["", "| store on disk | bytes | × bulk load |", "|---|---|---|"]
    return lines + [f"| {k} | {v:,} | {v / sizes['bulk']:.2f} |" for k, v in sizes.items()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="runs of each part, the best one counts")
    parser.add_argument("--profile", type=int, default=0, help="print the top N of a cProfile of ingest")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "ingest.md"))
    args = parser.parse_args()
    files = [str(p) for p in expand_paths([str(SHARED / f) for f in FOLDERS if (SHARED / f).is_dir()])]
    tmp = Path(tempfile.mkdtemp(prefix="pg-ingest-bench-"))
    # warm every cache (lexicons, shapes, ontology closure, compiled checks) outside the timings
    run_ingest(files[:1], tmp / "warm")
    parts, releases, nquads = measure(files, tmp, max(1, args.runs))
    text = "\n".join(report(files, parts, releases, nquads, max(1, args.runs)) + disk(tmp)) + "\n"
    print(text)
    Path(args.out).write_text(text, encoding="utf-8")
    if args.profile:
        profile(files, tmp / "profiled", args.profile)
    return 0


def profile(files: list[str], folder: Path, top: int) -> None:
    prof = cProfile.Profile()
    prof.enable()
    run_ingest(files, folder)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    print(out.getvalue())


if __name__ == "__main__":
    sys.exit(main())
