"""Corpus health: how pressgraph fares on a folder of releases nobody wrote answer keys for.

    python benchmarks/corpus_health.py ../shared/corpus/bulk            # prints the report
    python benchmarks/corpus_health.py ../shared/corpus/bulk -o benchmarks/results/corpus_health.md

For every release file under the folders given: does it read, which tables it has, which were
read with periods (and how many facts), which were skipped and why, how many of the totals
that tables link to their parts add up; and for the narrative: the share of releases with an
issuer, a date and at least one entity, and the most frequent product and partner names (a
reader of that list should find no junk in it). Failures are listed with their one-line
message; nothing here needs an answer key.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pressgraph.errors import PressgraphError
from pressgraph.extractors.financials import TableOutcome, read_financials
from pressgraph.extractors.metadata import extract_metadata
from pressgraph.extractors.narrative import extract_narrative
from pressgraph.read import read_path

_SKIP_NAMES = {"INDEX.md", "README.md"}


@dataclass
class Health:
    files: int = 0
    documents: int = 0
    failures: list[str] = field(default_factory=list)
    tables: list[tuple[str, TableOutcome]] = field(default_factory=list)
    with_issuer: int = 0
    with_date: int = 0
    with_entity: int = 0
    products: Counter[str] = field(default_factory=Counter)
    partners: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def release_files(folders: list[Path]) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        found = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        out.extend(p for p in found if p.name not in _SKIP_NAMES and "gold" not in p.parts)
    return out


def survey(folders: list[Path]) -> Health:
    health = Health()
    started = time.process_time()
    for path in release_files(folders):
        health.files += 1
        try:
            documents = read_path(path)
        except PressgraphError as exc:
            health.failures.append(f"{path.name}: {exc}")
            continue
        for doc in documents:
            _survey_document(health, path, doc)
    health.seconds = time.process_time() - started
    return health


def _survey_document(health: Health, path: Path, doc) -> None:  # type: ignore[no-untyped-def]
    health.documents += 1
    try:
        metadata = extract_metadata(doc)
        result = read_financials(doc, metadata)
        entities, events, _warnings = extract_narrative(doc, metadata)
    except Exception as exc:  # noqa: BLE001 - the survey reports every crash instead of stopping
        health.failures.append(f"{doc.source}: {type(exc).__name__}: {exc}")
        return
    health.tables.extend((doc.source, t) for t in result.tables)
    health.with_issuer += bool(metadata.issuer_name)
    health.with_date += bool(metadata.release_date)
    health.with_entity += any(e.key != "issuer" and e.kind != "place" for e in entities)
    names = {e.key: e.name for e in entities}
    health.products.update({e.name for e in entities if e.kind == "product"})
    partners = {names.get(ev.roles["partner"][0], "") for ev in events if ev.kind == "partnership"}
    health.partners.update(p for p in partners if p)
    del path


def report(health: Health, folders: list[Path]) -> str:
    data = [t for _, t in health.tables if t.columns]
    read = [t for t in data if not t.reason]
    statements = [t for t in data if t.financial_statement]
    statements_read = [t for t in statements if not t.reason]
    checked = sum(t.totals_checked for t in data)
    failed = sum(t.totals_failed for t in data)
    unlinked = sum(t.totals_unlinked for t in data)
    stmt_checked = sum(t.totals_checked for t in statements)
    stmt_ok = stmt_checked - sum(t.totals_failed for t in statements)
    stmt_all = stmt_checked + sum(t.totals_unlinked for t in statements)
    reasons = Counter(t.reason for t in data if t.reason)
    lines = [
        "# Corpus health",
        "",
        f"Folders: {', '.join(str(f) for f in folders)}. Command: `python benchmarks/corpus_health.py "
        + " ".join(str(f) for f in folders)
        + "`.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| release files | {health.files} |",
        f"| documents read | {health.documents} |",
        f"| files that fail to read or crash | {len(health.failures)} |",
        f"| tables with figures | {len(data)} |",
        f"| … read with periods | {len(read)} ({_pct(len(read), len(data))}) |",
        f"| … skipped with a stated reason | {len(data) - len(read)} |",
        f"| financial statements found (operations, balance sheet, cash flows) | {len(statements)} |",
        f"| … read with periods | {len(statements_read)} ({_pct(len(statements_read), len(statements))}) |",
        f"| total rows of statements: linked and adding up / all proposed | {stmt_ok} / {stmt_all} "
        f"({_pct(stmt_ok, stmt_all)}) |",
        f"| totals linked in any table / adding up / proposed but unconfirmed | {checked} / {checked - failed} / "
        f"{unlinked} |",
        f"| releases with an issuer | {health.with_issuer} ({_pct(health.with_issuer, health.documents)}) |",
        f"| releases with a date | {health.with_date} ({_pct(health.with_date, health.documents)}) |",
        f"| releases with at least one entity besides the issuer | {health.with_entity} "
        f"({_pct(health.with_entity, health.documents)}) |",
        f"| CPU seconds for the survey | {health.seconds:.1f} |",
        "",
        "## Tables skipped, by reason",
        "",
        "| reason | tables |",
        "|---|---|",
        *(f"| {r} | {n} |" for r, n in reasons.most_common()),
        "",
        "## Tables, one line each",
        "",
        "| release | table | statement | columns | facts | totals linked / failing / unconfirmed | skipped because |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {src} | {t.index} {_cell(t.title)} | {t.kind or ''} | {t.columns} | {t.facts} | "
            f"{t.totals_checked} / {t.totals_failed} / {t.totals_unlinked} | {t.reason} |"
            for src, t in health.tables
            if t.columns
        ),
        "",
        "## The 30 most frequent product names",
        "",
        *(f"{n}. {name} ({c})" for n, (name, c) in enumerate(health.products.most_common(30), 1)),
        "",
        "## The 30 most frequent partner names",
        "",
        *(f"{n}. {name} ({c})" for n, (name, c) in enumerate(health.partners.most_common(30), 1)),
        "",
        "## Failures",
        "",
        *(f"- {f}" for f in health.failures),
        *([] if health.failures else ["none"]),
        "",
    ]
    return "\n".join(lines)


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "n/a"


def _cell(text: str) -> str:
    text = " ".join(text.split()).replace("|", "/")
    return text if len(text) <= 60 else text[:57] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="write the report here (markdown)")
    args = parser.parse_args(argv)
    missing = [f for f in args.folders if not f.exists()]
    if missing:
        print(f"corpus_health: no such folder: {missing[0]}", file=sys.stderr)
        return 1
    text = report(survey(args.folders), args.folders)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
