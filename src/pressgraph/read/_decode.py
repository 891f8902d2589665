"""Bytes → text, refusing what is not a text release (empty, binary, undecodable, too large).

EDGAR documents of every era are ASCII, Windows-1252 or UTF-8; anything else is reported rather
than guessed, because a wrong guess silently corrupts names and figures. A file that is UTF-8
with a few Windows-1252 bytes pasted in (a mixed encoding) is read byte by byte, with a warning.

Line breaks are made ``\\n`` whatever their spelling (CRLF, a lone CR, form feed, vertical tab,
NEL, U+2028, U+2029), and the other control characters become spaces, so that every later stage
(lines, literals, N-Triples) sees one kind of line end and no control character.
"""

from __future__ import annotations

import codecs
import re
import threading

from pressgraph.errors import ReadError

MAX_BYTES = 20 * 1024 * 1024
_MAX_BYTES = MAX_BYTES  # the name older callers import

# U+2029 ends a paragraph: a blank line. The others end a line. The remaining C0 controls (and
# DEL is left alone: N-Triples and every parser take it) become spaces.
_BREAKS = {"\r\n": "\n", "\r": "\n", "\f": "\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
_BREAK_RE = re.compile("\r\n|[\r\f\v\x85\u2028\u2029]")
_CONTROLS = {c: " " for c in [*range(0, 9), *range(14, 32)]}
_TEXT_BYTES = bytes([9, 10, 11, 12, 13, *range(32, 256)])  # deleted by translate: what is left are controls
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_release(data: bytes, source: str) -> str:
    """Decode ``data`` or raise :class:`ReadError` naming ``source`` and the reason."""
    return decode_with_warnings(data, source)[0]


def decode_with_warnings(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """The text of ``data`` and what was noticed on the way (a mixed encoding)."""
    if len(data) > MAX_BYTES:
        raise ReadError(f"{source}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise ReadError(f"{source}: the file is empty")
    text, warnings = _decode_bytes(data, source)
    if not _looks_like_text(text):
        raise ReadError(f"{source}: the file is binary, not a text or HTML release")
    return normalise_text(text), warnings


def normalise_text(text: str) -> str:
    """One line end (``\\n``) for every spelling of one, and spaces for other control characters."""
    if _BREAK_RE.search(text):
        text = _BREAK_RE.sub(lambda m: _BREAKS[m.group()], text)
    return text.translate(_CONTROLS)


def _decode_bytes(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(data, "utf-32", source), ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", source), ()
    head = data[:4096]
    if len(head.translate(None, _TEXT_BYTES)) > len(head) // 100:  # a stray NUL is a space; many are binary
        raise ReadError(f"{source}: the file is binary, not a text or HTML release")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        return _mixed(data, source)
    try:
        return data.decode("cp1252"), ()
    except UnicodeDecodeError:
        raise ReadError(f"{source}: unknown text encoding (neither UTF-8 nor Windows-1252)") from None


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(f"{source}: invalid {encoding.upper()} text ({exc.reason})") from None


def _mixed(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """UTF-8 where the bytes are UTF-8, Windows-1252 for each byte that is not."""
    _strays.count = 0
    try:
        text = data.decode("utf-8", errors=_FALLBACK)
    except UnicodeDecodeError:
        raise ReadError(f"{source}: unknown text encoding (neither UTF-8 nor Windows-1252)") from None
    return text, (f"mixed encodings: {_strays.count} byte(s) that are not UTF-8 were read as Windows-1252",)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refused as Windows-1252 (raises for the five bytes it leaves undefined)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    _strays.count += len(bad)
    return bytes(bad).decode("cp1252"), exc.end


_FALLBACK = "pressgraph-cp1252-fallback"
_strays = threading.local()
codecs.register_error(_FALLBACK, _cp1252_fallback)


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample.strip():
        return False
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return control <= len(sample) * 0.01
