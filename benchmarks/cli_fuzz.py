"""CLI fuzz run (issue 11): thousands of generated release files through ``pressgraph extract``.

Each input is a real release from ``../shared/corpus`` mutated (truncated, spliced, bytes
flipped, control characters and odd line breaks inserted, a segment repeated to hundreds of
KB, tags left unclosed, re-encoded) or a generated pathological shape, under a hostile file
name. Each runs through the CLI's own entry point (``pressgraph.cli.main``) in a worker process,
so argument handling, error reporting and the per-file budget are all the real ones.

An input passes when
* it ends (a worker that has not answered after ``--hang-seconds`` counts as a hang),
* nothing but a one-line ``pressgraph: error: ...`` reaches stderr on failure, and no
  traceback on success,
* its CPU time (the worker thread's) is within ``max(FLOOR, 2 s per 100 KB)``. Each worker
  first extracts three small releases (:func:`warm_up`): imports and the compilation of the
  lexicon patterns, about 1 s paid once per process, are start-up, not the file's own work.

    python benchmarks/cli_fuzz.py --count 2000 -o benchmarks/results/cli_fuzz.md

Exit status 1 if any input fails; the report lists the worst inputs either way.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PER_100KB = 2.0  # CPU seconds allowed per 100 KB of input
FLOOR = 1.0  # ... and never less than this (a 1 KB file's figure is dominated by fixed costs)

NAMES = [
    "release.txt",
    "release.htm",
    "exhibit.html",
    "wire.md",
    "no-extension",
    "bad\nname.txt",
    "esc\x1b[31mred.txt",
    "tab\tname.html",
    "-leading-dash.txt",
    "späce ünïcode.txt",
    "\u202ertl-override.txt",
    "line\u2028sep.htm",
    "x" * 200 + ".txt",
    "submission.txt",
    "..dots..txt",
    "nul.txt",
]
CONTROL = ["\f", "\v", "\x00", "\x1b", "\x85", "\u2028", "\u2029", "\r", "\x7f", "\ufeff", "\u200b"]
TAGS = ["<table>", "<tr>", "<td>", "<p>", "<b>", "<div>", "<pre>", "<li>", "<!--", "<script>", "</td>", "</table>"]


def _shapes(n: int) -> dict[str, str]:
    return {
        "unclosed-inline": "<html><body>" + "<p><b><i><font>text " * n,
        "unclosed-tables": "<html><body>" + "<table><tr><td>1 " * n,
        "unclosed-divs": "<html><body>" + "<div>x " * n,
        "short-lines": "a\n" * n,
        "caps": "ABC " * n,
        "caps-dash": "A-" * n,
        "amount-lines": "Revenue  1,000  2,000\n" * n,
        "sentences": "Acme Corp. signed a licence with Beta Inc. for XR-12. " * n,
        "quotes": '"We are pleased," said Dr. John Smith, Chief Executive Officer. ' * n,
        "pipes": "| Revenue | 1,000 | 900 |\n" * n,
        "parens": "(" * n + "Acme Inc." + ")" * n,
        "digits": "1," * (n * 3),
        "exhibits": "<SEC-DOCUMENT>\n"
        + "<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\nAcme Inc. announced results.\n</TEXT>\n</DOCUMENT>\n" * (n // 20),
    }


def corpus_files() -> list[Path]:
    dirs = [CORPUS / "bulk", CORPUS / "complete", CORPUS / "releases", CORPUS / "submissions"]
    files = [p for d in dirs if d.is_dir() for p in sorted(d.rglob("*")) if p.is_file()]
    return [p for p in files if p.suffix.lower() in {".txt", ".htm", ".html", ".md"} and p.name != "INDEX.md"]


def mutate(rng: random.Random, files: list[Path]) -> tuple[str, bytes]:
    """One generated input: (how it was made, bytes)."""
    kind = rng.choice(
        ["as-is", "truncate", "flip", "control", "splice", "repeat", "tags", "encode", "random", "shape", "flatten"]
    )
    base = files[rng.randrange(len(files))]
    data = base.read_bytes()
    text = data.decode("utf-8", "replace")
    how = f"{kind} {base.name}"
    if kind == "truncate":
        data = data[: rng.randrange(len(data) + 1)]
    elif kind == "flip":
        buf = bytearray(data)
        for _ in range(rng.randrange(1, 40)):
            if buf:
                buf[rng.randrange(len(buf))] = rng.randrange(256)
        data = bytes(buf)
    elif kind == "control":
        chars = list(text)
        for _ in range(rng.randrange(1, 200)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(CONTROL))
        data = "".join(chars).encode("utf-8", "surrogatepass")
    elif kind == "splice":
        other = files[rng.randrange(len(files))].read_bytes()
        data = data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]
        how += " + other"
    elif kind == "repeat":
        a = rng.randrange(len(data) + 1)
        b = min(len(data), a + rng.randrange(1, 5000))
        times = rng.randrange(2, max(3, 400_000 // max(1, b - a)))
        data = data[:a] + data[a:b] * times + data[b:]
        how += f" x{times}"
    elif kind == "tags":
        chars = text.split(" ")
        for _ in range(rng.randrange(1, 300)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(TAGS))
        data = ("<html><body>" + " ".join(chars)).encode()
    elif kind == "encode":
        codec = rng.choice(["utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "utf-8-sig", "mac-roman"])
        data = text.encode(codec, "replace")
        how += f" {codec}"
    elif kind == "random":
        data = rng.randbytes(rng.randrange(0, 20_000))
    elif kind == "shape":
        name, body = rng.choice(sorted(_shapes(rng.choice([1000, 10_000, 40_000])).items()))
        data = body.encode()
        how = f"shape {name} {len(data)} B"
    elif kind == "flatten":
        data = text.replace("\n", rng.choice([" ", "", "\u00a0", "\t"])).encode()
    return how, data


@dataclass
class Outcome:
    how: str
    name: str
    size: int
    rc: int
    cpu: float
    problem: str | None


def run_one(task: tuple[str, str, bytes]) -> Outcome:
    """Run ``pressgraph extract`` on one input in this worker; judge what it printed."""
    from pressgraph.cli import main

    how, name, data = task
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        err = io.StringIO()
        start = time.thread_time()
        rc = 0
        escaped = None
        with open(os.devnull, "w") as out, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(["extract", str(path)])
            except SystemExit as exc:
                rc = exc.code if isinstance(exc.code, int) else 1
            except BaseException as exc:  # noqa: BLE001 - an escape is what the fuzz run is looking for
                escaped = f"{type(exc).__name__}: {exc}"
        cpu = time.thread_time() - start
    stderr = err.getvalue()
    limit = max(FLOOR, PER_100KB * len(data) / 100_000)
    problem = None
    if escaped:
        problem = f"exception escaped: {escaped}"[:300]
    elif "Traceback" in stderr:
        problem = "traceback on stderr"
    elif rc and (len(stderr.strip().splitlines()) != 1 or not stderr.startswith("pressgraph: error: ")):
        problem = f"exit {rc} without a one-line error: {stderr[:200]!r}"
    elif cpu > limit:
        problem = f"{cpu:.2f} s CPU > {limit:.2f} s allowed"
    return Outcome(how, name, len(data), rc, cpu, problem)


def warm_up() -> None:
    """Pool initializer: pay the once-per-process costs before anything is measured."""
    samples = [
        (
            "release.txt",
            b"BOSTON, Jan. 5, 2024 -- Acme Inc. (Nasdaq: ACME) said Dr. Jane Roe, Chief Executive Officer, "
            b"leads the Phase 2 trial of AC-101. Revenue was $1.2 million.\n",
        ),
        (
            "page.html",
            b"<html><body><p>Acme Inc. said.</p><table><tr><td>Revenue<td>1,000<td>900</table>",
        ),
        ("wire.md", b"# Acme\n\n| | 2024 | 2023 |\n|---|---|---|\n| Revenue | 1,000 | 900 |\n"),
    ]
    for name, data in samples:
        run_one(("warm-up", name, data))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 1)))
    parser.add_argument("--hang-seconds", type=float, default=120.0)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    files = corpus_files()
    if not files:
        print(f"no corpus under {CORPUS}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    tasks = []
    for _ in range(args.count):
        how, data = mutate(rng, files)
        tasks.append((how, rng.choice(NAMES), data))
    outcomes: list[Outcome] = []
    hangs: list[str] = []
    started = time.process_time(), time.time()
    ctx = mp.get_context("fork")
    pool = ctx.Pool(args.workers, initializer=warm_up, maxtasksperchild=100)
    pending = [(t, pool.apply_async(run_one, (t,))) for t in tasks]
    for i, (task, result) in enumerate(pending, 1):
        try:
            outcomes.append(result.get(timeout=args.hang_seconds))
        except mp.TimeoutError:
            hangs.append(f"{task[0]} as {task[1]!r} ({len(task[2])} B)")
            pool.terminate()
            pool = ctx.Pool(args.workers, initializer=warm_up, maxtasksperchild=100)
            pending[i:] = [(t, pool.apply_async(run_one, (t,))) for t, _ in pending[i:]]
        if i % 200 == 0:
            print(f"{i}/{len(tasks)}", file=sys.stderr, flush=True)
    pool.close()
    pool.join()
    report = _report(args, outcomes, hangs, time.time() - started[1])
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 1 if hangs or any(o.problem for o in outcomes) else 0


def _crashed(outcome: Outcome) -> bool:
    return any(word in (outcome.problem or "") for word in ("traceback", "escaped"))


def _report(args: argparse.Namespace, outcomes: list[Outcome], hangs: list[str], wall: float) -> str:
    failed = [o for o in outcomes if o.problem]
    big = [o for o in outcomes if o.size >= 50_000]
    worst_rate = max(big, key=lambda o: o.cpu / o.size, default=None)
    slowest = sorted(outcomes, key=lambda o: o.cpu, reverse=True)[:8]
    lines = [
        "# CLI fuzz run",
        "",
        f"`python benchmarks/cli_fuzz.py --count {args.count} --seed {args.seed}` "
        f"({args.workers} workers, {wall:.0f} s wall)",
        "",
        f"- inputs: {len(outcomes) + len(hangs)} (sizes {min((o.size for o in outcomes), default=0)} B to "
        f"{max((o.size for o in outcomes), default=0)} B; {len(big)} of 50 KB or more)",
        f"- exit 0: {sum(o.rc == 0 for o in outcomes)}; one-line error: {sum(o.rc != 0 for o in outcomes)}",
        f"- tracebacks or escaped exceptions: {sum(_crashed(o) for o in outcomes)}",
        f"- hangs (no answer in {args.hang_seconds:g} s): {len(hangs)}",
        f"- over the CPU allowance (max({FLOOR:g} s, {PER_100KB:g} s per 100 KB)): "
        f"{sum('CPU' in (o.problem or '') for o in failed)}",
        f"- total CPU in extract: {sum(o.cpu for o in outcomes):.1f} s",
    ]
    if worst_rate:
        lines.append(
            f"- worst CPU per 100 KB among inputs of 50 KB or more: {100_000 * worst_rate.cpu / worst_rate.size:.2f} s "
            f"({worst_rate.how}, {worst_rate.size} B)"
        )
    lines += ["", "Slowest inputs:", "", "| input | bytes | CPU s | exit |", "|---|---:|---:|---:|"]
    lines += [f"| {o.how} | {o.size} | {o.cpu:.2f} | {o.rc} |" for o in slowest]
    if failed or hangs:
        lines += ["", "Failures:", ""]
        lines += [f"- {o.how} as {o.name!r} ({o.size} B): {o.problem}" for o in failed[:50]]
        lines += [f"- hang: {h}" for h in hangs]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
