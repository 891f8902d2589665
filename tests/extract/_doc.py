"""Test helper: a Document from plain text (one PARAGRAPH block per blank-line paragraph)."""

from __future__ import annotations

import re
from datetime import date

from pressgraph.model import Block, BlockKind, Contact, Document, Evidence, ReleaseMetadata


def make_document(text: str, release_id: str = "test") -> Document:
    blocks = []
    for para in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text):
        chars: list[str] = []
        offsets: list[int] = []
        for m in re.finditer(r"\S+", para.group(0)):
            if chars:
                chars.append(" ")
                offsets.append(para.start() + m.start() - 1)
            chars.extend(m.group(0))
            offsets.extend(range(para.start() + m.start(), para.start() + m.end()))
        kind = BlockKind.BULLET if para.group(0).lstrip().startswith("-") else BlockKind.PARAGRAPH
        blocks.append(Block(kind, "".join(chars), tuple(offsets)))
    return Document(release_id, f"{release_id}.txt", text, "plain", tuple(blocks), (), "0" * 64)


def make_metadata(
    name: str,
    short: tuple[str, ...] = (),
    ticker: str | None = None,
    contacts: tuple[tuple[str, int], ...] = (),
    when: date | None = None,
    text: str = "",
) -> ReleaseMetadata:
    people = tuple(
        Contact(n, None, name, "Investor Relations", Evidence(s, s + len(n), text[s : s + len(n)], "metadata:contact"))
        for n, s in contacts
    )
    return ReleaseMetadata(name, short, ticker, None, when, None, None, people, None, None)
