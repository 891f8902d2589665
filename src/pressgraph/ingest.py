"""Ingest release files into a store: expand paths, extract in parallel, write release by release.

Extraction (read → extract → map → materialise → validate) runs in this process or in worker
processes; writes happen in this process, and every release is written whole or not at all,
with the validation report in its catalog entry. On the embedded store new releases go in chunks
of whole releases, each one ``bulk_load`` of the N-Quads bytes that :mod:`.store.prepare` wrote
(:class:`pressgraph.store.embedded.ReleaseWriter`); a release that replaces a stored one is one
update. A file that fails to read or extract is reported and skipped; nothing of it reaches the
store. A release that does not conform is stored all the same, with its violations: the report
says what to look at, it is not a gate.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pressgraph.errors import PressgraphError, ReadError
from pressgraph.progress import ProgressBar
from pressgraph.store.base import GraphStore, ontology_graph_iri
from pressgraph.store.prepare import PreparedRelease, ontology_ntriples, prepare

if TYPE_CHECKING:
    from pressgraph.pipeline import ReleaseGraph

RELEASE_SUFFIXES = (".txt", ".htm", ".html", ".text")


@dataclass
class IngestSummary:
    """What an ingest did: counts, warnings, and the skipped files with a one-line reason each."""

    files: int = 0
    releases: int = 0
    written: int = 0
    unchanged: int = 0
    triples: int = 0
    violations: int | None = 0  # over the releases written; None when validation was skipped
    warnings: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        checked = "not checked" if self.violations is None else str(self.violations)
        out = [
            f"files: {self.files}  releases: {self.releases}  written: {self.written}  "
            f"unchanged: {self.unchanged}  triples: {self.triples}  violations: {checked}  "
            f"warnings: {len(self.warnings)}  skipped: {len(self.skipped)}"
        ]
        out += [f"skipped {path}: {reason}" for path, reason in self.skipped]
        return out


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """Files, folders (recursively, release-like suffixes) and glob patterns, sorted, de-duplicated."""
    found: list[Path] = []
    for raw in paths:
        matches = [Path(m) for m in sorted(glob.glob(raw, recursive=True))] if glob.has_magic(raw) else [Path(raw)]
        if not matches:
            raise ReadError(f"no files match {raw}")
        for path in matches:
            if path.is_dir():
                found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in RELEASE_SUFFIXES)
            elif path.is_file():
                found.append(path)
            else:
                raise ReadError(f"no such file or folder: {raw}")
    seen: set[Path] = set()
    return [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]  # type: ignore[func-returns-value]


def extract_file(path: str, validate: bool = True) -> list[PreparedRelease]:
    """Worker: the prepared (and validated) releases of one file (PressgraphError for bad input)."""
    from pressgraph import pipeline

    prepared = [prepare(rg) for rg in pipeline.build_release_graphs(path)]
    return [with_report(p) for p in prepared] if validate else prepared


def with_report(prepared: PreparedRelease) -> PreparedRelease:
    """The release with its validation report in its record: the fast validation
    (:func:`pressgraph.validate.check_ntriples`) of exactly the triples the store will hold."""
    from pressgraph.validate import check_ntriples

    report = check_ntriples(prepared.ntriples)
    messages = tuple(f"{v.message} [{v.focus_node}]" for v in report.violations)
    record = replace(prepared.record, conforms=report.conforms, violation_count=len(messages), violations=messages)
    return replace(prepared, record=record)


def _safe_extract(path: str, validate: bool = True) -> tuple[str, list[PreparedRelease] | None, str | None]:
    """Never raises: bad input and unexpected bugs both become a reason to skip the file."""
    try:
        return path, extract_file(path, validate), None
    except PressgraphError as exc:
        return path, None, str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    except Exception as exc:  # noqa: BLE001 - a file that breaks a stage is skipped, not fatal
        first = str(exc).splitlines()[0] if str(exc) else ""
        return path, None, f"{type(exc).__name__}: {first}".rstrip(": ")


def _results(
    files: list[Path], workers: int, validate: bool
) -> Iterator[tuple[str, list[PreparedRelease] | None, str | None]]:
    names = [str(p) for p in files]
    work = partial(_safe_extract, validate=validate)
    if workers <= 1 or len(names) <= 1:
        yield from map(work, names)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(work, names, chunksize=max(1, len(names) // (workers * 8)))


def ensure_ontology(store: GraphStore) -> None:
    """Load ontology/pressgraph.ttl into id:store/ontology (a no-op when it is unchanged)."""
    text = ontology_ntriples()
    put = getattr(store, "put_graph", None)
    if text is None or put is None:
        return
    from pressgraph.store.base import ReleaseRecord, content_digest

    lines = [line for line in text.splitlines() if line.strip()]
    record = ReleaseRecord(
        ontology_graph_iri(), ontology_graph_iri(), "ontology/pressgraph.ttl", content_digest(lines), len(lines)
    )
    store.replace_release(ontology_graph_iri(), text, record)


def write_release(store: GraphStore, release: ReleaseGraph, validate: bool = True) -> bool:
    """Store one pipeline ReleaseGraph the way ``ingest`` does (materialised, fingerprinted,
    validated unless ``validate=False``).

    For callers that already hold graphs (the API's upload route): returns False if unchanged.
    """
    ensure_ontology(store)
    prepared = with_report(prepare(release)) if validate else prepare(release)
    with _writer(store, bulk=False) as write:
        return write(prepared)


def _writer(store: GraphStore, bulk: bool) -> AbstractContextManager[Callable[[PreparedRelease], bool]]:
    """The store's own release writer (the embedded store's loads N-Quads bytes), else one
    ``replace_release`` per release."""
    make = getattr(store, "release_writer", None)
    if make is not None:
        return make(bulk)  # type: ignore[no-any-return]

    def write(release: PreparedRelease) -> bool:
        return store.replace_release(release.record.graph_iri, release.ntriples, release.record)

    return nullcontext(write)


def ingest(
    store: GraphStore,
    paths: Iterable[str],
    workers: int = 1,
    progress: bool = True,
    on_release: Callable[[PreparedRelease, bool], None] | None = None,
    validate: bool = True,
) -> IngestSummary:
    """Ingest every file under ``paths``; each release is replaced atomically, unchanged ones skipped.

    ``progress`` draws the bar on stderr when it is a terminal (never lines in a log);
    ``validate=False`` skips the validation (the catalog entry then has no report)."""
    files = expand_paths(paths)
    summary = IngestSummary(files=len(files), violations=0 if validate else None)
    ensure_ontology(store)
    bar = ProgressBar(len(files), "files") if progress else None
    with _writer(store, bulk=True) as write:
        for path, prepared, reason in _results(files, max(1, workers or os.cpu_count() or 1), validate):
            _account(summary, path, prepared, reason, write, on_release)
            if bar:
                bar.step(Path(path).name)
    return summary


def _account(
    summary: IngestSummary,
    path: str,
    prepared: list[PreparedRelease] | None,
    reason: str | None,
    write: Callable[[PreparedRelease], bool],
    on_release: Callable[[PreparedRelease, bool], None] | None,
) -> None:
    """Write one file's releases and count them in ``summary`` (``on_release`` may be called
    before a chunk of new releases reaches the store; it has when ``ingest`` returns)."""
    if prepared is None:
        summary.skipped.append((path, reason or "unknown error"))
        return
    for release in prepared:
        changed = write(release)
        summary.releases += 1
        summary.written += int(changed)
        summary.unchanged += int(not changed)
        summary.triples += release.record.triples
        if changed and summary.violations is not None:
            summary.violations += release.record.violation_count or 0
        summary.warnings += [f"{release.record.source}: {w}" for w in release.warnings]
        if on_release:
            on_release(release, changed)
