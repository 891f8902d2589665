"""Writing results: all of them or an error, never a silently short output.

A pipe closed early (``| head``) or a full disk can make Python's buffered ``write`` return a
short count instead of raising; the count used to be ignored, so ``export | head`` exited 0 with
a truncated dump. Here every byte is written or the OSError reaches the CLI's one-line handler.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from pressgraph.errors import StoreError


def write_all(stream: BinaryIO, data: bytes) -> None:
    """Write every byte of ``data`` (looping over short writes), then flush."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if not written:
            raise BrokenPipeError("short write")
        view = view[written:]
    stream.flush()


def emit(data: str | bytes) -> None:
    """Results on standard output (text as UTF-8)."""
    sys.stdout.flush()
    write_all(sys.stdout.buffer, data.encode("utf-8") if isinstance(data, str) else data)


def write_file(path: Path, data: bytes) -> None:
    """Write ``path``; a regular file goes through a temporary file beside it, so a full disk
    leaves no half-written dump (devices and pipes, such as /dev/stdout, are written directly)."""
    if not path.parent.is_dir():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")
    if path.exists() and not path.is_file():
        with path.open("wb") as out:
            write_all(out, data)
        return
    tmp = path.with_name(f".{path.name}.partial")
    try:
        with tmp.open("wb") as out:
            write_all(out, data)
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def print_warnings(warnings: Iterable[str]) -> None:
    """Every warning on stderr, one line each (``pressgraph: warning: FILE: what was skipped``),
    in file order so a file's warnings stay together; the summaries only count them."""
    for warning in warnings:
        print(f"pressgraph: warning: {warning}", file=sys.stderr)


def terminal_columns() -> int:
    """The width tables are cut to: the terminal's, ``COLUMNS`` when set, 80 for a pipe."""
    return shutil.get_terminal_size().columns
