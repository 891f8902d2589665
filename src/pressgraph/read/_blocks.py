"""Build :class:`Block` objects from pieces of the source text, keeping the offset map.

Readers hand over ``(offset, raw_text)`` segments (lines, or lines cut by page furniture);
whitespace is collapsed inside the block while each kept character remembers where it came from.
"""

from __future__ import annotations

from collections.abc import Iterable

from pressgraph.model import Block, BlockKind


def block_from_segments(kind: BlockKind, segments: Iterable[tuple[int, str]], level: int = 0) -> Block | None:
    """Join segments with single spaces; ``None`` when nothing but whitespace remains."""
    chars: list[str] = []
    offsets: list[int] = []
    pending_space: int | None = None
    for start, raw in segments:
        for i, ch in enumerate(raw):
            if ch.isspace():
                if chars and pending_space is None:
                    pending_space = start + i
                continue
            if pending_space is not None:
                chars.append(" ")
                offsets.append(pending_space)
                pending_space = None
            chars.append(ch)
            offsets.append(start + i)
        if chars and pending_space is None:
            pending_space = start + len(raw)
    if not chars:
        return None
    return Block(kind=kind, text="".join(chars), char_offsets=tuple(offsets), level=level)
