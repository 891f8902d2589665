"""Validation cost per release: the fast validation (Oxigraph) against pySHACL, in one run.

    python benchmarks/validation.py          # writes benchmarks/results/validation.md

Builds every release of ../shared/corpus (complete/, bulk/, releases/, submissions/) once
(extraction is not timed), then for the largest releases by triples and the median one measures,
in CPU time (``time.process_time``, best of 3; the machines are shared, wall time is noisy):

- **fast**: ``validate.check_ntriples`` on the N-Triples ingest stores (what ``pressgraph ingest``
  runs): an in-memory Oxigraph store of the release and the ontology, every shape as SPARQL;
- **pySHACL**: ``validate.validate_graph`` on the release's rdflib graph (best of 1), the anchor;
- **load**: only loading the same N-Triples and the ontology into an in-memory Oxigraph store, the
  floor under the fast path.

Both must report the same violations (the benchmark stops if not). For the two largest releases it
also times each SPARQL-based rule alone on Oxigraph, with the net-result rule as it was written
before issue 13 (from git, when the history is there).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from pressgraph.pipeline import ReleaseGraph, build_release_graphs
from pressgraph.store.prepare import prepare
from pressgraph.validate import check_ntriples, ontology_graph, shapes_graph, validate_graph
from pressgraph.validate._rules import rule_checks

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
OLD_RULES_COMMIT = "122e7f4"  # the last commit before the net-result rule was rewritten


def corpus_files() -> list[Path]:
    found = []
    for folder in ("complete", "bulk", "releases", "submissions"):
        found += [
            p
            for p in sorted((CORPUS / folder).rglob("*"))
            if p.is_file() and p.name != "INDEX.md" and "gold" not in p.parts
        ]
    return found


def releases() -> list[tuple[ReleaseGraph, str]]:
    out = []
    for path in corpus_files():
        try:
            graphs = build_release_graphs(path)
        except Exception:  # noqa: BLE001 - a file the pipeline refuses is not a release to validate
            continue
        out += [(rg, prepare(rg).ntriples) for rg in graphs]
    return out


def cpu(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best * 1000, result


def load_only(ntriples: str) -> ox.Store:
    store = ox.Store()
    store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.load(ontology_graph().serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _same(a: Any, b: Any) -> bool:
    def key(report: Any) -> list[tuple[str, str, int]]:
        return sorted((v.shape, v.focus_node, len(v.message)) for v in report.violations)

    return bool(a.conforms == b.conforms and key(a) == key(b))


def measure(rg: ReleaseGraph, ntriples: str) -> tuple[str, int, float, float, float, int]:
    fast_ms, fast = cpu(lambda: check_ntriples(ntriples))
    slow_ms, slow = cpu(lambda: validate_graph(rg.graph), runs=1)
    load_ms, _ = cpu(lambda: load_only(ntriples))
    if not _same(fast, slow):
        raise SystemExit(f"{rg.source}: the fast validation and pySHACL disagree")
    return rg.source, len(rg.graph), fast_ms, slow_ms, load_ms, len(fast.violations)


def old_net_result_rule() -> str | None:
    try:
        text = subprocess.run(
            ["git", "show", f"{OLD_RULES_COMMIT}:shapes/financial.ttl"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    body = text.split("pgsh:NetResultRule", 1)[1].split('sh:select """', 1)[1].split('"""', 1)[0]
    return body.replace("$this", "?this")


def rule_rows(ntriples: str) -> list[str]:
    store = load_only(ntriples)
    rows = []
    checks = rule_checks(shapes_graph())
    for check in checks:
        ms, found = cpu(lambda q=check.query: list(store.query(q)))  # type: ignore[misc]
        rows.append(f"| {check.shape.rsplit('#', 1)[1]} | {ms:.1f} | {len(found)} |")
    old = old_net_result_rule()
    if old is not None:
        header = "".join(line + "\n" for line in checks[0].query.splitlines() if line.startswith("PREFIX"))
        ms, found = cpu(lambda: list(store.query(header + old)), runs=1)
        rows.append(f"| NetResultRule, before issue 13 | {ms:.1f} | {len(found)} |")
    return rows


def main() -> int:
    check_ntriples("")  # compile the checks once, as a long-running ingest does
    validate_graph(build_release_graphs(ROOT / "examples" / "aastrom-2003-11-10.txt")[0].graph)
    found = sorted(releases(), key=lambda pair: len(pair[0].graph))
    median = found[len(found) // 2]
    chosen = [*reversed(found[-5:]), median]
    rows = [measure(rg, nt) for rg, nt in chosen]
    fast_all, _ = cpu(lambda: [check_ntriples(nt) for _, nt in found], runs=1)
    largest = rows[0]
    lines = [
        "# Validation benchmark (benchmarks/validation.py)",
        "",
        f"{len(found)} releases of ../shared/corpus; CPU time (process_time), fast best of 3, pySHACL best of 1;",
        f"Python {sys.version.split()[0]}, pyoxigraph {ox.__version__}.",
        "",
        f"- largest release ({largest[0]}, {largest[1]} triples): fast **{largest[2]:.0f} ms** "
        f"vs pySHACL {largest[3]:.0f} ms (**{largest[3] / largest[2]:.0f}×** less CPU; "
        f"{largest[2] / largest[4]:.1f}× loading its triples into Oxigraph)",
        f"- median release ({rows[-1][0]}, {rows[-1][1]} triples): fast **{rows[-1][2]:.1f} ms** "
        f"vs pySHACL {rows[-1][3]:.0f} ms ({rows[-1][3] / rows[-1][2]:.0f}×)",
        f"- every release, fast: {fast_all / 1000:.1f} s CPU in all, {fast_all / len(found):.1f} ms per release",
        "- same violations as pySHACL on every release measured (the run stops otherwise)",
        "",
        "| release | triples | fast ms | pySHACL ms | pySHACL / fast | load ms | fast / load | violations |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {n} | {t} | {f:.1f} | {s:.0f} | {s / f:.0f}× | {ld:.1f} | {f / ld:.1f}× | {v} |"
            for n, t, f, s, ld, v in rows
        ),
        "",
    ]
    for rg, ntriples in chosen[:2]:
        lines += [
            "",
            f"SPARQL-based rules alone on Oxigraph, {rg.source} ({len(rg.graph)} triples):",
            "",
            "| rule | ms | rows |",
            "|---|---:|---:|",
            *rule_rows(ntriples),
        ]
    out = ROOT / "benchmarks" / "results" / "validation.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
