"""Ingest release files into a store: expand paths, extract in parallel, write release by release.

Extraction (read → extract → map → materialise) runs in worker processes; writes happen in this
process, one release at a time, each as one atomic replace. A file that fails to read or extract
is reported and skipped; nothing of it reaches the store.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
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
    warnings: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"files: {self.files}  releases: {self.releases}  written: {self.written}  "
            f"unchanged: {self.unchanged}  triples: {self.triples}  warnings: {len(self.warnings)}  "
            f"skipped: {len(self.skipped)}"
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


def extract_file(path: str) -> list[PreparedRelease]:
    """Worker: the prepared releases of one file (raises PressgraphError for bad input)."""
    from pressgraph import pipeline

    return [prepare(rg) for rg in pipeline.build_release_graphs(path)]


def _safe_extract(path: str) -> tuple[str, list[PreparedRelease] | None, str | None]:
    """Never raises: bad input and unexpected bugs both become a reason to skip the file."""
    try:
        return path, extract_file(path), None
    except PressgraphError as exc:
        return path, None, str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    except Exception as exc:  # noqa: BLE001 - a file that breaks a stage is skipped, not fatal
        first = str(exc).splitlines()[0] if str(exc) else ""
        return path, None, f"{type(exc).__name__}: {first}".rstrip(": ")


def _results(files: list[Path], workers: int) -> Iterator[tuple[str, list[PreparedRelease] | None, str | None]]:
    names = [str(p) for p in files]
    if workers <= 1 or len(names) <= 1:
        yield from map(_safe_extract, names)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_safe_extract, names, chunksize=max(1, len(names) // (workers * 8)))


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


def write_release(store: GraphStore, release: ReleaseGraph) -> bool:
    """Store one pipeline ReleaseGraph the way ``ingest`` does (materialised, fingerprinted).

    For callers that already hold graphs (the API's upload route): returns False if unchanged.
    """
    ensure_ontology(store)
    prepared = prepare(release)
    return store.replace_release(prepared.record.graph_iri, prepared.ntriples, prepared.record)


def ingest(
    store: GraphStore,
    paths: Iterable[str],
    workers: int = 1,
    progress: bool = True,
    on_release: Callable[[PreparedRelease, bool], None] | None = None,
) -> IngestSummary:
    """Ingest every file under ``paths``; each release is replaced atomically, unchanged ones skipped.

    ``progress`` draws the bar on stderr when it is a terminal (never lines in a log)."""
    files = expand_paths(paths)
    summary = IngestSummary(files=len(files))
    ensure_ontology(store)
    bar = ProgressBar(len(files), "files") if progress else None
    for path, prepared, reason in _results(files, max(1, workers or os.cpu_count() or 1)):
        if prepared is None:
            summary.skipped.append((path, reason or "unknown error"))
        else:
            for release in prepared:
                changed = store.replace_release(release.record.graph_iri, release.ntriples, release.record)
                summary.releases += 1
                summary.written += int(changed)
                summary.unchanged += int(not changed)
                summary.triples += release.record.triples
                summary.warnings += [f"{release.record.source}: {w}" for w in release.warnings]
                if on_release:
                    on_release(release, changed)
        if bar:
            bar.step(Path(path).name)
    return summary
