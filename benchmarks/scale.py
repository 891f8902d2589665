"""Store and SPARQL-layer benchmark: ingest throughput, size on disk, peak memory, named-query
latency (pyoxigraph on disk vs rdflib in memory, same data, same bound query text), re-ingest.

Data: the real pipeline runs once over the seed and the corpus releases; each synthetic release is
one of those graphs with fresh names and numbers: a new release id, the issuer replaced by one of
``--companies`` invented companies, published dates moved by quarters, and every decimal figure
scaled by a random factor. So the shape of the graphs (facts, addends, events, evidence) is real.

    python benchmarks/scale.py --sizes 10000 100000 [--sizes ... 1000000] [--out FILE]

Each size runs in a fresh subprocess so its peak RSS is its own. Not run by the tests.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PG = "https://w3id.org/pressgraph/ontology#"
DEC = re.compile(r'"(-?\d+(?:\.\d+)?)"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>')
DATE = re.compile(r'"(\d{4})-(\d{2})-(\d{2})"\^\^<http://www\.w3\.org/2001/XMLSchema#date>')


def templates(limit: int) -> list[tuple[str, str, str, str]]:
    """(release_id, issuer IRI, graph N-Triples, source) from the real pipeline, cached on disk."""
    cache = Path(tempfile.gettempdir()) / "pressgraph-bench-templates.json"
    if cache.is_file():
        return [tuple(t) for t in json.loads(cache.read_text())][:limit]  # type: ignore[misc]
    from pressgraph.pipeline import build_release_graphs
    from pressgraph.store.prepare import prepare

    files = [ROOT / "examples" / "aastrom-2003-11-10.txt"]
    files += sorted((SHARED / "corpus" / "releases").glob("*.txt"))
    out = []
    start = time.perf_counter()
    for path in files:
        try:
            graphs = build_release_graphs(path)
        except Exception as exc:  # noqa: BLE001 - a benchmark skips what the pipeline rejects
            print(f"skip {path.name}: {exc}", file=sys.stderr)
            continue
        for rg in graphs:
            issuer = next((str(o) for o in rg.graph.objects(None, _pg("issuer"))), "")
            if issuer:
                out.append((rg.release_id, issuer, prepare(rg).ntriples, rg.source))
    elapsed = time.perf_counter() - start
    print(f"pipeline: {len(files)} files in {elapsed:.1f} s ({len(files) / elapsed:.1f} files/s)",
          file=sys.stderr)
    cache.write_text(json.dumps(out))
    return out[:limit]


def _pg(local: str) -> object:
    from rdflib import URIRef

    return URIRef(PG + local)


PERIOD = re.compile(r"/period/(\d{4})-(\d{2})-(\d{2})(?:--(\d{4})-(\d{2})-(\d{2}))?>")
NAME_PREDICATES = (f"<{PG}legalName>", "<http://www.w3.org/2000/01/rdf-schema#label>",
                   "<http://www.w3.org/2004/02/skos/core#altLabel>", "<https://schema.org/legalName>",
                   f"<{PG}ticker>")


def synthesise(target_triples: int, per_company: int = 20, seed: int = 7) -> list[tuple[str, str, str]]:
    """(graph IRI, N-Triples, source) of fresh releases until ``target_triples`` is reached.

    Release i belongs to company ``benchco-{i // per_company}`` (a fresh IRI, names and ticker) and
    is its (i % per_company)-th release: every date, in literals and in period IRIs alike, moves on
    by that many years, so each company's periods are distinct and consistent (one period IRI,
    one start/end). Persons and products are minted per company; funders, regulators, partners and
    concepts stay shared, as in a real corpus.
    """
    rng = random.Random(seed)
    temps = templates(100)
    from pressgraph.config import base_iri

    base = base_iri()
    out, total, i = [], 0, 0
    while total < target_triples:
        rid, issuer, nt, _ = temps[i % len(temps)]
        k, years = i // per_company, i % per_company
        out.append(_one_release(base, rid, issuer, nt, k, years, i, rng.uniform(0.5, 2.0)))
        total += out[-1][1].count("\n")
        i += 1
    return out


def _one_release(base: str, rid: str, issuer: str, nt: str, k: int, years: int, i: int,
                 factor: float) -> tuple[str, str, str]:
    company = f"{base}org/benchco-{k}"
    new_id = f"benchco-{k}-{i:06d}"
    text = nt.replace(f"release/{rid}", f"release/{new_id}").replace(f"<{issuer}>", f"<{company}>")
    text = text.replace("/" + issuer.rsplit("/", 1)[-1] + "/", f"/benchco-{k}/")
    text = text.replace(f"<{base}person/", f"<{base}person/benchco-{k}-")
    text = DEC.sub(lambda m: f'"{round(float(m.group(1)) * factor)}"^^<http://www.w3.org/2001/XMLSchema#decimal>'
                   if "." not in m.group(1) else m.group(0), text)
    text = DATE.sub(lambda m: _shift_date(m, years), text)
    text = PERIOD.sub(lambda m: _shift_period(m, years), text)
    lines = []
    for line in text.splitlines():
        if line.startswith(f"<{company}> ") and line.split(" ", 2)[1] in NAME_PREDICATES:
            pred = line.split(" ", 2)[1]
            if "altLabel" in pred:
                continue
            value = f"BCK{k}" if pred.endswith("ticker>") else f"Benchco {k} Therapeutics, Inc."
            line = f'<{company}> {pred} "{value}" .'
        lines.append(line)
    return f"{base}graph/{new_id}", "\n".join(lines) + "\n", f"{new_id}.txt"


def _ymd(year: str, month: str, day: str, years: int) -> str:
    y, d = int(year) + years, int(day)
    if month == "02" and d == 29:
        d = 28
    return f"{y:04d}-{month}-{d:02d}"


def _shift_date(m: re.Match[str], years: int) -> str:
    return f'"{_ymd(m.group(1), m.group(2), m.group(3), years)}"^^<http://www.w3.org/2001/XMLSchema#date>'


def _shift_period(m: re.Match[str], years: int) -> str:
    key = _ymd(m.group(1), m.group(2), m.group(3), years)
    if m.group(4):
        key += "--" + _ymd(m.group(4), m.group(5), m.group(6), years)
    return f"/period/{key}>"


def query_plan() -> list[tuple[str, dict[str, str]]]:
    from pressgraph.config import base_iri

    co = f"<{base_iri()}org/benchco-0>"  # its first release is the seed's shape (rich tables)
    return [
        ("company-profile", {"company": co}), ("products", {"company": co}),
        ("regulatory-events", {"company": co}), ("grants", {"company": co}),
        ("trials", {"company": co}), ("partners", {"company": co}), ("financings", {"company": co}),
        ("people", {"company": co}),
        ("financial-facts", {"company": co, "concept": "NetIncomeLoss"}),
        ("timeline", {"company": co, "concept": "NetIncomeLoss"}),
        ("related", {"from": co, "to": f"<{base_iri()}org/nih>"}),
        ("consistency", {"company": co}),
    ]


def _timings(fn: object, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95


def _cpu_timings(fn: object, runs: int) -> tuple[float, float]:
    """CPU time (this process: the engine runs in it) in ms, p50 and p95 over ``runs``."""
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()  # type: ignore[operator]
        times.append((time.process_time() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


PAGE_ENTITIES = ("org/benchco-0", "org/fda", "org/nih")  # a company, the two busiest agencies


def search_and_pages(store: object, runs: int) -> dict[str, object]:
    """CPU time of ``related`` by the bounded search (pressgraph.paths, what ``pressgraph query
    related`` runs on an embedded store) beside the .rq on the same store (the anchor), and of
    entity pages (describe + HTML, what ``/entities/ID`` does besides HTTP) beside the
    company-profile named query for the same company (the anchor)."""
    from pressgraph.api import _entities as ent
    from pressgraph.api import _pages as pages
    from pressgraph.config import base_iri
    from pressgraph.queries import bind, load_query, run_named

    params = dict(query_plan())["related"]
    rq = bind(store, load_query("related"), params)  # type: ignore[arg-type]
    search = run_named(store, "related", params)  # type: ignore[arg-type]
    out: dict[str, object] = {
        "related_rows": len(search.rows),
        "related_same_rows": set(search.rows) == set(store.query(rq).rows),  # type: ignore[attr-defined]
        "related_warnings": list(search.warnings),
        "related": _cpu_timings(lambda: run_named(store, "related", params), runs),  # type: ignore[arg-type]
        "related_rq": _cpu_timings(lambda: store.query(rq), max(3, runs // 4)),  # type: ignore[attr-defined]
    }
    profile = bind(store, load_query("company-profile"), dict(query_plan())["company-profile"])  # type: ignore[arg-type]
    out["profile"] = _cpu_timings(lambda: store.query(profile), runs)  # type: ignore[attr-defined]

    def page(iri: str) -> int:
        data = ent.with_page_links(ent.describe(store, iri), iri)  # type: ignore[arg-type]
        svg = pages.neighbourhood_svg(data["label"], pages.hood_edges(data))
        return len(pages.render("entity.html", e=data, svg=svg).encode())

    out["pages"] = []
    for who in PAGE_ENTITIES:
        iri = base_iri() + who
        data = ent.describe(store, iri)  # type: ignore[arg-type]
        out["pages"].append({"entity": who, "bytes": page(iri), "totals": data["totals"],  # type: ignore[attr-defined]
                             "last": data["page"]["last"], "cpu": _cpu_timings(lambda iri=iri: page(iri), runs)})
    return out


def bulk_store(path: Path, releases: list[tuple[str, str, str]]) -> tuple[object, list[object], float]:
    """An on-disk store holding the ontology, every release graph and its catalog entry, written
    by one ``bulk_load`` of N-Quads (the fast way to build a big store; ingest is timed apart)."""
    import pyoxigraph as ox

    from pressgraph.ingest import ensure_ontology
    from pressgraph.store.base import PG_NS, ReleaseRecord, catalog_graph_iri, content_digest
    from pressgraph.store.embedded import EmbeddedStore

    store = EmbeddedStore(path)
    ensure_ontology(store)
    records, chunks, cat = [], [], f"<{catalog_graph_iri()}>"
    for g, nt, src in releases:
        lines = nt.splitlines()
        rec = ReleaseRecord(g.replace("/graph/", "/release/"), g, src, content_digest(lines), len(lines))
        records.append(rec)
        chunks += [line[:-1] + f"<{g}> .\n" for line in lines]
        chunks += [f'<{g}> <{PG_NS}sha256> "{rec.sha256}" {cat} .\n',
                   f"<{g}> <{PG_NS}release> <{rec.release_iri}> {cat} .\n",
                   f'<{g}> <{PG_NS}sourceFile> "{src}" {cat} .\n',
                   f'<{g}> <{PG_NS}tripleCount> "{rec.triples}"^^<http://www.w3.org/2001/XMLSchema#integer> {cat} .\n']
    t = time.perf_counter()
    store._store.bulk_load(input="".join(chunks).encode(), format=ox.RdfFormat.N_QUADS)  # type: ignore[attr-defined]
    store.flush()
    return store, records, time.perf_counter() - t


def run_size(target: int, per_company: int, runs: int, rdflib_runs: int, rdflib_budget: float,
             rdflib_max: int, rounds_max: int) -> dict[str, object]:
    """One size, in this process: bulk load, size, queries on both engines, re-ingest rounds."""
    from rdflib import Dataset

    from pressgraph.queries import bind, load_query

    releases = synthesise(target, per_company)
    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-"))
    try:
        store, records, load_s = bulk_store(tmp / "store", releases)
        triples = sum(r.triples for r in records)  # type: ignore[attr-defined]
        size = store.size_on_disk()  # type: ignore[attr-defined]
        ds, rdflib_load_s = None, 0.0
        if target <= rdflib_max:
            ds = Dataset(default_union=True)
            t = time.perf_counter()
            for g, nt, _ in releases:
                ds.graph(g).parse(data=nt, format="nt")
            rdflib_load_s = time.perf_counter() - t

        plan = query_plan()
        rows: list[dict[str, object]] = []
        for name, params in plan:
            text = bind(store, load_query(name), params)  # type: ignore[arg-type]
            n = len(store.query(text).rows)  # type: ignore[attr-defined]
            ox50, ox95 = _timings(lambda text=text: store.query(text), runs)  # type: ignore[attr-defined]
            rl50 = rl95 = None
            if ds is not None:
                rl50, rl95 = _rdflib_timings(ds, text, rdflib_runs, rdflib_budget)
            rows.append({"query": name, "rows": n, "oxigraph_p50": ox50, "oxigraph_p95": ox95,
                         "rdflib_p50": rl50, "rdflib_p95": rl95})
        del ds
        extra = search_and_pages(store, runs)
        hier = _hierarchy_probe(store, runs)
        fresh = _all_queries(store, plan, runs)
        rounds, optimized, size_after = [], None, None
        if target <= rounds_max:
            for r in range(5):  # changed content each round: every graph is dropped and rewritten
                t = time.perf_counter()
                for (g, nt, _), rec in zip(releases, records, strict=True):
                    store.replace_release(g, nt + f'<{g}> <{PG}benchRound> "{r}" .\n',  # type: ignore[attr-defined]
                                          replace(rec, sha256=f"{rec.sha256}-{r}"))  # type: ignore[type-var]
                write_s = time.perf_counter() - t
                rounds.append({"round": r + 1, "write_s": write_s, "queries_ms": _all_queries(store, plan, runs)})
            store.optimize()  # type: ignore[attr-defined]
            optimized = _all_queries(store, plan, runs)
            size_after = store.size_on_disk()  # type: ignore[attr-defined]
        store.close()  # type: ignore[attr-defined]
        return {
            "target": target, "releases": len(releases), "triples": triples,
            "load_s": load_s, "size_bytes": size, "size_after_rounds": size_after,
            "rdflib_load_s": rdflib_load_s, "queries": rows, "fresh_all_ms": fresh,
            "rounds": rounds, "optimized_all_ms": optimized, "hierarchy": hier, "search_pages": extra,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")


def synthetic_texts(n: int, folder: Path, seed: int = 7) -> list[Path]:
    """``n`` release files made from the real corpus text: the issuer's names and ticker replaced
    by a fresh company's, every comma-grouped figure multiplied by a whole factor (2-5, so table
    sums still add up), a fresh file name (so a fresh release id)."""
    rng = random.Random(seed)
    names = _issuer_names()
    files = [ROOT / "examples" / "aastrom-2003-11-10.txt"]
    files += sorted((SHARED / "corpus" / "releases").glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = files[i % len(files)]
        text = src.read_text(encoding="utf-8", errors="replace")
        k = i // 5
        for old in sorted(names.get(src.stem, ()), key=len, reverse=True):
            new = f"BCK{k}" if old.isupper() and len(old) <= 5 else f"Benchco{k} Therapeutics"
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        factor = rng.randint(2, 5)
        text = NUMBER.sub(lambda m: f"{int(m.group(0).replace(',', '')) * factor:,}", text)
        path = folder / f"benchco{k}-{i:05d}-{src.stem}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def _issuer_names() -> dict[str, set[str]]:
    """Release id → the issuer's names and ticker, as the pipeline found them."""
    found: dict[str, set[str]] = {}
    for rid, issuer, nt, _ in templates(100):
        for line in nt.splitlines():
            parts = line.split(" ", 2)
            if parts[0] == f"<{issuer}>" and parts[1] in NAME_PREDICATES and parts[2].startswith('"'):
                found.setdefault(rid, set()).add(parts[2][1:parts[2].rindex('"')])
    return found


def ingest_throughput(n: int, workers: int, timeout: float) -> dict[str, object]:
    """``pressgraph ingest --workers W`` (extraction + store writes) over ``n`` synthetic files."""
    tmp = Path(tempfile.mkdtemp(prefix="pg-ingest-"))
    try:
        synthetic_texts(n, tmp / "in")
        cmd = ["pressgraph", "ingest", "--workers", str(workers), "--store", str(tmp / "store"), str(tmp / "in")]
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
        elapsed = time.perf_counter() - t
        summary = next((ln for ln in proc.stdout.splitlines() + proc.stderr.splitlines()
                        if ln.startswith("files:")), "")
        return {"files": n, "workers": workers, "seconds": elapsed, "per_s": n / elapsed, "summary": summary,
                "command": " ".join(cmd[:4]) + " --store STORE DIR"}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _rdflib_timings(ds: object, text: str, runs: int, budget: float) -> tuple[float, float]:
    """rdflib p50/p95 in a forked child killed after ``budget`` s: (inf, inf) when it ran out,
    (nan, nan) when rdflib raised (it fails some valid queries)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue = ctx.Queue()

    def child() -> None:
        try:
            queue.put(_timings(lambda: list(ds.query(text)), runs))  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            queue.put((float("nan"), float("nan")))

    proc = ctx.Process(target=child)
    proc.start()
    proc.join(budget)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return float("inf"), float("inf")
    return queue.get(timeout=5)  # type: ignore[no-any-return]


def _all_queries(store: object, plan: list[tuple[str, dict[str, str]]], runs: int) -> float:
    """Sum of the p50 latencies of every named query (one number per store state)."""
    from pressgraph.queries import bind, load_query

    texts = [bind(store, load_query(n), p) for n, p in plan]  # type: ignore[arg-type]
    return sum(_timings(lambda t=t: store.query(t), runs)[0] for t in texts)  # type: ignore[attr-defined]


def _hierarchy_probe(store: object, runs: int) -> dict[str, float]:
    """Materialised rdf:type vs an rdfs:subClassOf* path over the ontology graph."""
    mat = f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o a <{PG}Organization> }}"
    path = ("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a ?c . ?c "
            f"<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{PG}Organization> }}")
    q = store.query  # type: ignore[attr-defined]
    return {"materialised_ms": _timings(lambda: q(mat), runs)[0],
            "path_ms": _timings(lambda: q(path), runs)[0],
            "materialised_n": q(mat).rows[0][0], "path_n": q(path).rows[0][0]}


def _fmt_rdflib(q: dict[str, object], budget: float) -> tuple[str, str, str]:
    r50, r95 = q["rdflib_p50"], q["rdflib_p95"]
    if r50 is None:
        return "not run", "not run", "–"
    if r50 != r50 or r50 == float("inf"):  # nan: rdflib raised; inf: out of time
        why = "error" if r50 != r50 else f"> {budget:.0f} s"
        return why, why, "–"
    ratio = r50 / q["oxigraph_p50"] if q["oxigraph_p50"] else 0  # type: ignore[operator]
    return f"{r50:.1f}", f"{r95:.1f}", f"{ratio:.0f}×"


def report(results: list[dict[str, object]], ingest: dict[str, object] | None, args: argparse.Namespace) -> str:
    cmd = " ".join(["python benchmarks/scale.py", "--sizes", *map(str, args.sizes),
                    "--ingest-files", str(args.ingest_files), "--rdflib-max", str(args.rdflib_max),
                    "--rounds-max", str(args.rounds_max)])
    out = ["# Store and SPARQL layer at scale", "",
           f"Produced by `{cmd}` (see benchmarks/README.md). Latencies are ms, p50/p95 over "
           f"{args.runs} runs (rdflib: {args.rdflib_runs}) of the same bound query, parameters bound for "
           "`id:org/benchco-0`; ratio = rdflib p50 ÷ pyoxigraph p50.", ""]
    if ingest:
        out += ["## Ingest (extraction included)", "",
                f"`{ingest['command']}` over {ingest['files']} synthetic release files made from the "
                f"corpus text: {ingest['seconds']:.1f} s wall clock, process start included → "
                f"**{ingest['per_s']:.0f} releases/s**. Summary: `{ingest['summary']}`.", ""]
    out += ["## Stores", "", "| triples | releases | bulk load | size on disk | peak RSS | rdflib parse |",
            "|---|---|---|---|---|---|"]
    for r in results:
        parse = f"{r['rdflib_load_s']:.1f} s" if r["rdflib_load_s"] else "not run"
        out.append(f"| {r['triples']:,} | {r['releases']} | {r['load_s']:.1f} s | "
                   f"{r['size_bytes'] / 1e6:.0f} MB | {r['peak_rss_mib']:.0f} MiB | {parse} |")
    for r in results:
        out += ["", f"## {r['triples']:,} triples", "",
                "| query | rows | pyoxigraph p50 | p95 | rdflib p50 | p95 | ratio |", "|---|---|---|---|---|---|---|"]
        for q in r["queries"]:  # type: ignore[attr-defined]
            r50, r95, ratio = _fmt_rdflib(q, args.rdflib_budget)
            out.append(f"| {q['query']} | {q['rows']} | {q['oxigraph_p50']:.1f} | {q['oxigraph_p95']:.1f} | "
                       f"{r50} | {r95} | {ratio} |")
        out += _search_pages_report(r["search_pages"])  # type: ignore[arg-type]
        h = r["hierarchy"]
        out += ["", f"Class hierarchy: materialised `?o a pg:Organization` {h['materialised_ms']:.2f} ms "  # type: ignore[index]
                f"({h['materialised_n']} orgs) vs `rdf:type/rdfs:subClassOf*` path {h['path_ms']:.2f} ms "  # type: ignore[index]
                f"({h['path_n']} orgs)."]
        if r["rounds"]:
            out += ["", "Re-ingest (every release graph replaced with changed content through "
                    "`replace_release`), sum of the p50s of all 12 queries:", "",
                    "| state | writes | all queries |", "|---|---|---|",
                    f"| fresh (bulk load) | | {r['fresh_all_ms']:.1f} ms |"]
            for rd in r["rounds"]:  # type: ignore[attr-defined]
                out.append(f"| round {rd['round']} | {rd['write_s']:.2f} s | {rd['queries_ms']:.1f} ms |")
            out.append(f"| after optimize() | | {r['optimized_all_ms']:.1f} ms |")
            out.append(f"\nSize on disk after the rounds: {r['size_after_rounds'] / 1e6:.0f} MB.")
    return "\n".join(out) + "\n"


def _search_pages_report(x: dict[str, object]) -> list[str]:
    r50, r95 = x["related"]  # type: ignore[misc]
    q50, q95 = x["related_rq"]  # type: ignore[misc]
    a50, _ = x["profile"]  # type: ignore[misc]
    same = "same rows as the .rq" if x["related_same_rows"] else "ROWS DIFFER from the .rq"
    warned = "; ".join(x["related_warnings"]) or "no warning"  # type: ignore[arg-type]
    out = ["", "CPU time (ms, this process: the embedded engine runs in it), p50 / p95:", "",
           "| what | rows / size | CPU p50 | p95 | ratio to anchor (p50) |", "|---|---|---|---|---|",
           f"| `related` bounded search (pressgraph.paths) | {x['related_rows']}, {same}, {warned} "
           f"| {r50:.1f} | {r95:.1f} | {r50 / q50:.3f} × the .rq |",
           f"| anchor: `related.rq` on pyoxigraph | | {q50:.1f} | {q95:.1f} | 1 |"]
    for p in x["pages"]:  # type: ignore[attr-defined]
        c50, c95 = p["cpu"]
        t = p["totals"]
        out.append(f"| entity page `{p['entity']}` (describe + HTML) | {p['bytes'] / 1000:.0f} KB; "
                   f"{t['figures']} figures, {t['events']} events, {p['last']} pages "
                   f"| {c50:.1f} | {c95:.1f} | {c50 / a50:.1f} × company-profile |")
    pr50, pr95 = x["profile"]  # type: ignore[misc]
    out.append(f"| anchor: company-profile named query | | {pr50:.1f} | {pr95:.1f} | 1 |")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--per-company", type=int, default=20, help="releases per synthetic company")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--rdflib-runs", type=int, default=3)
    ap.add_argument("--rdflib-budget", type=float, default=20.0, help="seconds per rdflib query")
    ap.add_argument("--rdflib-max", type=int, default=100_000, help="largest size run on rdflib too")
    ap.add_argument("--rounds-max", type=int, default=100_000, help="largest size with re-ingest rounds")
    ap.add_argument("--ingest-files", type=int, default=500, help="files for the ingest run (0: skip)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=1200.0, help="seconds per size (child process)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "scale.md"))
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.per_company, args.runs, args.rdflib_runs,
                                   args.rdflib_budget, args.rdflib_max, args.rounds_max), default=str))
        return 0
    (Path(tempfile.gettempdir()) / "pressgraph-bench-templates.json").unlink(missing_ok=True)
    templates(100)  # run the current pipeline once, in the parent; the children reuse its output
    ingest = ingest_throughput(args.ingest_files, args.workers, args.timeout) if args.ingest_files else None
    if ingest:
        print(f"ingest: {ingest['per_s']:.0f} releases/s", file=sys.stderr)
    results = []
    for size in args.sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--per-company", str(args.per_company),
             "--runs", str(args.runs), "--rdflib-runs", str(args.rdflib_runs),
             "--rdflib-budget", str(args.rdflib_budget), "--rdflib-max", str(args.rdflib_max),
             "--rounds-max", str(args.rounds_max)],
            capture_output=True, text=True, check=True, timeout=args.timeout,
        )
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"{size}: done", file=sys.stderr)
    text = report(results, ingest, args)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
