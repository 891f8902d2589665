"""Stage 1, reading: any release file → :class:`pressgraph.model.Document` objects.

One entry point, :func:`read_path` (or :func:`read_bytes`), recognises the format from the
content: a full EDGAR submission (one Document per EX-99 exhibit), an HTML exhibit, an EDGAR
text-era release, or plain text. Everything that can go wrong with the input surfaces as
:class:`pressgraph.errors.ReadError` with a one-line message.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pressgraph.errors import ReadError
from pressgraph.model import Document
from pressgraph.rdf.iris import slugify
from pressgraph.read._decode import decode_release
from pressgraph.read._edgar_text import read_edgar_lines
from pressgraph.read._lines import split_lines
from pressgraph.read._plain import header_fields, read_plain_lines

__all__ = ["read_path", "read_bytes", "detect_format"]

_HTML = re.compile(r"<(?:html|body|p|div|table|font|br)\b", re.IGNORECASE)
_EDGAR_TEXT = re.compile(r"^\s*<(?:PAGE|TABLE|CAPTION)>|^\s*EXHIBIT\s+99", re.IGNORECASE | re.MULTILINE)


def read_path(path: str | Path) -> list[Document]:
    """Read a release file. Raises :class:`ReadError` for a missing or unreadable file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory, not a release file") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror})") from None
    return read_bytes(data, source=path.name)


def read_bytes(data: bytes, source: str) -> list[Document]:
    """Read release bytes; ``source`` names the file in messages and ids."""
    text = decode_release(data, source)
    fmt = detect_format(text, source)
    stem = slugify(Path(source).stem)
    if fmt == "submission":
        return _read_submission(text, stem, source)
    doc = _read_single(text, fmt, stem, source, 0, len(text))
    return [doc]


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
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_single(text: str, fmt: str, release_id: str, source: str, start: int, end: int) -> Document:
    if fmt == "html":
        from pressgraph.read._html import document_from_html

        try:
            return document_from_html(text[start:end], release_id=release_id, source=source, fmt=fmt)
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
    return Document(
        release_id=release_id,
        source=source,
        text=text,
        format=fmt,
        blocks=tuple(blocks),
        tables=tuple(tables),
        sha256=_sha(text[start:end]),
        header_fields=fields,
    )


def _read_submission(text: str, stem: str, source: str) -> list[Document]:
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
    for exhibit in exhibits:
        release_id = f"{stem}-{slugify(exhibit.type)}"
        label = f"{source}#{exhibit.type}"
        start, end = exhibit.body_offset, exhibit.body_offset + len(exhibit.body)
        fmt = "html" if exhibit.is_html else "edgar-text"
        doc = _read_single(text, fmt, release_id, label, start, end)
        docs.append(_with_fields(doc, fields, "submission-" + ("html" if exhibit.is_html else "text")))
    return docs


def _with_fields(doc: Document, fields: dict[str, str], fmt: str) -> Document:
    from dataclasses import replace

    return replace(doc, header_fields={**fields, **doc.header_fields}, format=fmt)
