"""Ingest against its anchor, in CPU time, in one run (issue 13, item 1).

    python benchmarks/ingest.py                      # writes benchmarks/results/ingest.md
    python benchmarks/ingest.py --profile 25         # also prints the top of a cProfile of ingest

Over the real corpus releases (../shared/corpus/bulk, complete, releases), CPU ms per release of
(a) read + extract + map only (``pipeline.build_release_graphs``), (b) the whole ingest
(``pressgraph.ingest.ingest``, validation on, one worker, into a fresh on-disk store, store
closed), and (c) the anchor: ``pyoxigraph.Store.bulk_load`` of the N-Quads that ingest wrote
(exported from the store), into a fresh on-disk store. Then the size on disk of both stores,
before and after ``optimize()``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from pressgraph.ingest import expand_paths, ingest
from pressgraph.pipeline import build_release_graphs
from pressgraph.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
FOLDERS = ("bulk", "complete", "releases")


def du(path: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in path.rglob(pattern) if p.is_file())


def cpu(fn):  # type: ignore[no-untyped-def]
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def run_ingest(files: list[str], folder: Path) -> tuple[float, int, bytes]:
    def go() -> tuple[int, bytes]:
        store = EmbeddedStore(folder)
        summary = ingest(store, files, progress=False)
        store.close()
        return summary.releases, b""

    seconds, (releases, _) = cpu(go)
    reader = EmbeddedStore(folder, read_only=True)
    nquads = reader.export("nquads")
    reader.close()
    return seconds, releases, nquads


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", type=int, default=0, help="print the top N of a cProfile of ingest")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "ingest.md"))
    args = parser.parse_args()
    files = [str(p) for p in expand_paths([str(SHARED / f) for f in FOLDERS if (SHARED / f).is_dir()])]
    kb = sum(Path(f).stat().st_size for f in files) / 1024
    tmp = Path(tempfile.mkdtemp(prefix="pg-ingest-bench-"))
    # warm every cache (lexicons, shapes, ontology closure, compiled checks) outside the timings
    run_ingest(files[:1], tmp / "warm")
    extract_s, graphs = cpu(lambda: [g for f in files for g in build_release_graphs(f)])
    ingest_s, releases, nquads = run_ingest(files, tmp / "ingest")
    quads = nquads.count(b"\n")

    def bulk() -> None:
        store = ox.Store(str(tmp / "bulk"))
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store

    bulk_s, _ = cpu(bulk)
    sizes = {"ingest": du(tmp / "ingest"), "bulk": du(tmp / "bulk")}
    sizes["ingest, table files (*.sst) only"] = du(tmp / "ingest", "*.sst")
    sizes["bulk, table files (*.sst) only"] = du(tmp / "bulk", "*.sst")
    for name in ("ingest", "bulk"):
        store = ox.Store(str(tmp / name))
        store.optimize()
        store.flush()
        del store
        sizes[name + "+optimize"] = du(tmp / name)
    n = len(graphs)
    per = {k: v * 1000 / n for k, v in (("extract", extract_s), ("ingest", ingest_s), ("bulk", bulk_s))}
    lines = [
        "# Ingest benchmark (benchmarks/ingest.py)",
        "",
        f"{len(files)} files ({kb:.0f} KB) from ../shared/corpus/{{{','.join(FOLDERS)}}}, {n} releases, "
        f"{quads:,} quads as stored; CPU time (`time.process_time`), one process, one run, "
        f"Python {sys.version.split()[0]}, pyoxigraph {ox.__version__}.",
        "",
        "| what | CPU ms per release | × bulk load |",
        "|---|---|---|",
        f"| (a) read + extract + map (`build_release_graphs`) | {per['extract']:.1f} | "
        f"{per['extract'] / per['bulk']:.1f} |",
        f"| (b) whole ingest (`ingest`, validation on, 1 worker, store closed) | {per['ingest']:.1f} | "
        f"{per['ingest'] / per['bulk']:.1f} |",
        f"| (b − a) ingest beyond extraction | {per['ingest'] - per['extract']:.1f} | "
        f"{(per['ingest'] - per['extract']) / per['bulk']:.1f} |",
        f"| (c) anchor: `Store.bulk_load` of the exported N-Quads | {per['bulk']:.2f} | 1.0 |",
        "",
        "| store on disk | bytes | × bulk load |",
        "|---|---|---|",
    ]
    lines += [f"| {k} | {v:,} | {v / sizes['bulk']:.2f} |" for k, v in sizes.items()]
    text = "\n".join(lines) + "\n"
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
