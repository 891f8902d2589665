"""Bytes → text, refusing what is not a text release (empty, binary, undecodable).

EDGAR documents of every era are ASCII, Windows-1252 or UTF-8; anything else is reported rather
than guessed, because a wrong guess silently corrupts names and figures.
"""

from __future__ import annotations

from pressgraph.errors import ReadError

_MAX_BYTES = 20 * 1024 * 1024


def decode_release(data: bytes, source: str) -> str:
    """Decode ``data`` or raise :class:`ReadError` naming ``source`` and the reason."""
    if not data.strip():
        raise ReadError(f"{source}: the file is empty")
    if len(data) > _MAX_BYTES:
        raise ReadError(f"{source}: the file is larger than {_MAX_BYTES // (1024 * 1024)} MB")
    text = _decode_bytes(data, source)
    if not _looks_like_text(text):
        raise ReadError(f"{source}: the file is binary, not a text or HTML release")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bytes(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"{source}: invalid UTF-16 text ({exc.reason})") from None
    if b"\x00" in data[:4096]:
        raise ReadError(f"{source}: the file is binary, not a text or HTML release")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(f"{source}: unknown text encoding (neither UTF-8 nor Windows-1252)")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample.strip():
        return False
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return control <= len(sample) * 0.01
