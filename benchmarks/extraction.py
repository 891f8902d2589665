"""Benchmark narrative extraction: time per release over the corpus (one core) and peak memory.

Run: python benchmarks/extraction.py [RELEASE_DIR ...]  (default: examples/ and ../shared/corpus/releases)
Writes benchmarks/results/extraction.md. Reading is timed apart from extraction.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from pressgraph.evaluate import metadata_for
from pressgraph.extractors import entities as _entities
from pressgraph.extractors.narrative import extract_narrative
from pressgraph.read import read_path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 5


def clear_text_caches() -> None:
    """Per-text memo tables must not make repeated runs look faster than a first run."""
    _entities._agencies_cached.cache_clear()


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [ROOT / "examples", ROOT.parent / "shared" / "corpus" / "releases"]
    files = sorted(p for d in dirs if d.is_dir() for p in d.glob("*.txt") if p.name != "INDEX.md")
    rows = []
    for path in files:
        doc = read_path(path)[0]
        md = metadata_for(doc)
        extract_narrative(doc, md)  # warm caches (lexicons, regexes)
        times = []
        for _ in range(REPEAT):
            clear_text_caches()
            t0 = time.perf_counter()
            entities, events, _w = extract_narrative(doc, md)
            times.append(time.perf_counter() - t0)
        rows.append((path.name, len(doc.text), min(times) * 1000, len(entities), len(events)))
    tracemalloc.start()
    for path in files:
        doc = read_path(path)[0]
        extract_narrative(doc, metadata_for(doc))
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ms = [r[2] for r in rows]
    per15 = [r[2] * 15000 / max(r[1], 1) for r in rows]
    out = ["# Narrative extraction benchmark", "",
           f"{len(rows)} releases, best of {REPEAT} runs each, one process (one core), Python {sys.version.split()[0]}.", "",
           f"- median time per release: **{statistics.median(ms):.1f} ms** (max {max(ms):.1f} ms)",
           f"- median time normalised to a 15 KB release: **{statistics.median(per15):.1f} ms** (target ≤ 50 ms)",
           f"- peak traced memory while extracting all releases: **{peak / 1e6:.1f} MB**", "",
           "| release | chars | ms | entities | events |", "|---|---:|---:|---:|---:|"]
    out += [f"| {n} | {c} | {t:.1f} | {e} | {v} |" for n, c, t, e, v in rows]
    target = ROOT / "benchmarks" / "results" / "extraction.md"
    target.write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out[:7]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
