"""Whole-pipeline cost per release: read + extract + map (build_release_graphs), then SHACL.

    python benchmarks/pipeline.py            # writes benchmarks/results/pipeline.md

Runs over the seed, the corpus releases and the EX-99 exhibits of the full submissions in
../shared/corpus, best of 3 runs per file, in one process; peak memory by tracemalloc in a
separate pass (tracing would distort the timings).
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from pressgraph.pipeline import build_release_graphs
from pressgraph.validate import validate_graph

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"


def files() -> list[Path]:
    found = [ROOT / "examples" / "aastrom-2003-11-10.txt"]
    for folder in ("releases", "submissions"):
        found += sorted(p for p in (SHARED / folder).glob("*.txt") if p.name != "INDEX.md")
    return found


def best_of(fn, runs: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    validate_graph(build_release_graphs(files()[0])[0].graph)  # warm caches (shapes, lexicons)
    rows = []
    for path in files():
        seconds, graphs = best_of(lambda p=path: build_release_graphs(p))
        triples = sum(len(g.graph) for g in graphs)  # type: ignore[union-attr]
        v_seconds, _ = best_of(lambda gs=graphs: [validate_graph(g.graph) for g in gs], runs=1)  # type: ignore[union-attr]
        rows.append((path.name, path.stat().st_size, seconds * 1000, triples, v_seconds * 1000))
    tracemalloc.start()  # a separate pass: tracing slows Python down several times
    for path in files():
        build_release_graphs(path)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    extract_ms = [r[2] for r in rows]
    per_15k = [r[2] * 15000 / r[1] for r in rows]
    lines = [
        "# Pipeline benchmark (benchmarks/pipeline.py)",
        "",
        f"{len(rows)} files, best of 3, one process, Python {sys.version.split()[0]}.",
        "",
        f"- read + extract + map: median **{statistics.median(extract_ms):.1f} ms** per file "
        f"(max {max(extract_ms):.1f} ms); normalised to 15 KB: median {statistics.median(per_15k):.1f} ms",
        f"- SHACL validation: median **{statistics.median(r[4] for r in rows):.0f} ms** per file "
        f"(max {max(r[4] for r in rows):.0f} ms)",
        f"- peak traced memory over all files: **{peak:.1f} MiB**",
        "",
        "| file | bytes | extract ms | triples | validate ms |",
        "|---|---:|---:|---:|---:|",
        *(f"| {n} | {b} | {e:.1f} | {t} | {v:.0f} |" for n, b, e, t, v in rows),
    ]
    out = ROOT / "benchmarks" / "results" / "pipeline.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:9]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
