"""The fetch cache: one file per accession number, either complete or absent.

Layout under the cache directory (``--cache``, ``PRESSGRAPH_CACHE``, else the user cache dir)::

    company_tickers.json        EDGAR's ticker → CIK file, refreshed after a day
    filings/{accession}.txt     a complete submission holding an EX-99 press release
    filings/{accession}.skip    a filing checked and found to hold none (its document types)

Every file is written as ``.{name}.{pid}.part`` beside its final name, fsynced, then renamed, so
that a later run (or ``pressgraph ingest`` of the folder, which ignores the ``.part`` suffix) sees
a whole file or none. A run killed midway leaves only its ``.part``; the next run deletes the
``.part`` files whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable
from pathlib import Path

from pressgraph.errors import FetchError

RELEASE, NOT_A_RELEASE = "release", "not-a-release"
_PART = ".part"


class Cache:
    """A cache directory, created on first use; stale ``.part`` files of dead runs are removed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.filings = root / "filings"
        try:
            self.filings.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FetchError(f"cannot use cache directory {root}: {exc.strerror or exc}") from None
        for folder in (self.root, self.filings):
            remove_stale_parts(folder)

    @property
    def tickers_file(self) -> Path:
        return self.root / "company_tickers.json"

    def submission(self, accession: str) -> Path:
        return self.filings / f"{accession}.txt"

    def skip_marker(self, accession: str) -> Path:
        return self.filings / f"{accession}.skip"

    def state(self, accession: str) -> str | None:
        """``release`` (downloaded), ``not-a-release`` (checked, no EX-99) or None (not seen yet)."""
        if self.submission(accession).is_file():
            return RELEASE
        if self.skip_marker(accession).is_file():
            return NOT_A_RELEASE
        return None

    def age(self, path: Path) -> float | None:
        """Seconds since ``path`` was written (None when absent)."""
        try:
            return time.time() - path.stat().st_mtime
        except OSError:
            return None


def write_atomically(path: Path, chunks: Iterable[bytes]) -> int:
    """Write ``chunks`` to ``path`` via a fsynced ``.part`` file and a rename; return the byte count.

    Whatever stops the writing (a broken transfer, a disk error, Ctrl-C) removes the ``.part``
    and leaves ``path`` as it was. Disk errors become one-line FetchErrors.
    """
    part = path.with_name(f".{path.name}.{os.getpid()}{_PART}")
    size = 0
    try:
        with open(part, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, path)
    except OSError as exc:
        _discard(part)
        raise FetchError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        _discard(part)
        raise
    _fsync_directory(path.parent)
    return size


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete the ``.part`` files in ``folder`` whose writing process has ended; return them."""
    removed = []
    for part in folder.glob(f".*{_PART}"):
        pid = part.name[: -len(_PART)].rpartition(".")[2]
        if pid.isdigit() and not _process_alive(int(pid), part):
            _discard(part)
            removed.append(part)
    return removed


def _process_alive(pid: int, part: Path) -> bool:
    """Whether process ``pid`` still runs (where that cannot be asked: whether the file is under a day old)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return (time.time() - part.stat().st_mtime) < 86400
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
