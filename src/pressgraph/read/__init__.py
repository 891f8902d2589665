"""Stage 1, reading: any release file → :class:`pressgraph.model.Document` objects.

One entry point, :func:`read_path` (or :func:`read_bytes`), recognises the format from the
content: a full EDGAR submission (one Document per EX-99 exhibit), an HTML exhibit, an EDGAR
text-era release, or plain text. Everything that can go wrong with the input surfaces as
:class:`pressgraph.errors.ReadError` with a one-line message.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from pressgraph.errors import ReadError
from pressgraph.model import Document
from pressgraph.names import content_release_id
from pressgraph.read._decode import MAX_BYTES, decode_with_warnings
from pressgraph.read._edgar_text import read_edgar_lines
from pressgraph.read._lines import split_lines
from pressgraph.read._plain import header_fields, read_plain_lines

__all__ = ["MAX_BYTES", "read_path", "read_bytes", "read_release_bytes", "detect_format"]

_HTML = re.compile(r"<(?:html|body|p|div|table|font|br)\b", re.IGNORECASE)
_EDGAR_TEXT = re.compile(r"^\s*<(?:PAGE|TABLE|CAPTION)>|^\s*EXHIBIT\s+99", re.IGNORECASE | re.MULTILINE)


def read_path(path: str | Path) -> list[Document]:
    """Read a release file. Raises :class:`ReadError` for a missing, unreadable, special or
    over-size file, before reading any of it (a FIFO or a device is never opened for a read
    that could block or never end)."""
    path = Path(path)
    return read_bytes(read_release_bytes(path), source=display_name(path.name))


def read_release_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_BYTES``, read with that cap."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory, not a release file") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(f"{path}: is a directory, not a release file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"{path}: not a regular file ({_file_kind(info.st_mode)}), not read")
        if info.st_size > MAX_BYTES:
            raise ReadError(f"{path}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:  # it grew while being read
        raise ReadError(f"{path}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def _file_kind(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "a named pipe", stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device"}
    kinds |= {stat.S_ISSOCK: "a socket"}
    return next((name for test, name in kinds.items() if test(mode)), "a special file")


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def display_name(name: str) -> str:
    """A file name fit for messages and ``pg:sourceFile``: control characters and line
    separators (which would end a line of a message or of N-Triples) become ``?``."""
    return _UNPRINTABLE.sub("?", name)


def read_bytes(data: bytes, source: str) -> list[Document]:
    """Read release bytes; ``source`` names the file in messages and ids."""
    text, warnings = decode_with_warnings(data, source)
    fmt = detect_format(text, source)
    if fmt == "submission":
        docs = _read_submission(text, source)
    else:
        docs = [_read_single(text, fmt, source, 0, len(text))]
    return [replace(doc, warnings=doc.warnings + warnings) for doc in docs] if warnings else docs


def detect_format(text: str, source: str = "") -> str:
    """``submission`` | ``html`` | ``edgar-text`` | ``plain``."""
    head = text[:5000]
    if "<SEC-DOCUMENT>" in head or "<SEC-HEADER>" in head or ("<DOCUMENT>" in head and "<TYPE>" in head):
        return "submission"
    if source.lower().endswith((".htm", ".html")) or len(_HTML.findall(head)) >= 3:
        return "html"
    if text.startswith("source:"):
        return "plain"
    if _EDGAR_TEXT.search(head) and _hard_wrapped(head):
        return "edgar-text"
    return "plain"


def _hard_wrapped(text: str) -> bool:
    """EDGAR text documents wrap at about 80 columns; news-wire text has one paragraph a line."""
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and sum(len(line) <= 90 for line in lines) >= 0.9 * len(lines)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _read_single(text: str, fmt: str, source: str, start: int, end: int) -> Document:
    """One release; its id is its content's (:func:`pressgraph.names.content_release_id`)."""
    if fmt == "html":
        from pressgraph.read._html import document_from_html

        sha = _sha(text[start:end])
        try:
            return document_from_html(text[start:end], release_id=content_release_id(sha), source=source, fmt=fmt)
        except ReadError as exc:
            raise ReadError(f"{source}: {exc}") from None
    lines = split_lines(text, start, end)
    fields: dict[str, str] = {}
    if fmt == "plain":
        fields, body = header_fields(lines)
        blocks, tables = read_plain_lines(lines, body)
    else:
        blocks, tables = read_edgar_lines(lines)
    if not blocks and not tables:
        raise ReadError(f"{source}: no release text found")
    sha = _sha(text[start:end])
    return Document(
        release_id=content_release_id(sha),
        source=source,
        text=text,
        format=fmt,
        blocks=tuple(blocks),
        tables=tuple(tables),
        sha256=sha,
        header_fields=fields,
    )


# Each exhibit's extraction looks at the whole submission's text (its offsets are the file's);
# a real 8-K has one to a few EX-99 exhibits, and a file of thousands would make reading it
# quadratic. The rest are named in a warning.
MAX_EXHIBITS = 20


def _read_submission(text: str, source: str) -> list[Document]:
    from pressgraph.read._submission import (
        main_report,
        press_release_exhibits,
        sec_header_fields,
        split_submission,
    )

    documents = split_submission(text)
    exhibits = press_release_exhibits(documents) or main_report(documents)
    if not exhibits:
        raise ReadError(f"{source}: the submission has no EX-99 press-release exhibit and no report text")
    fields = sec_header_fields(text)
    docs = []
    dropped = exhibits[MAX_EXHIBITS:]
    for exhibit in exhibits[:MAX_EXHIBITS]:
        label = f"{source}#{exhibit.type}"
        start, end = exhibit.body_offset, exhibit.body_offset + len(exhibit.body)
        fmt = "html" if exhibit.is_html else "edgar-text"
        doc = _read_single(text, fmt, label, start, end)
        docs.append(_with_fields(doc, fields, "submission-" + ("html" if exhibit.is_html else "text")))
    if dropped:
        note = (
            f"{source}: the submission has {len(exhibits)} press-release exhibits; only the first "
            f"{MAX_EXHIBITS} are read (the {len(dropped)} after {exhibits[MAX_EXHIBITS - 1].type} are left out)"
        )
        docs[0] = replace(docs[0], warnings=(*docs[0].warnings, note))
    return docs


def _with_fields(doc: Document, fields: dict[str, str], fmt: str) -> Document:
    return replace(doc, header_fields={**fields, **doc.header_fields}, format=fmt)
