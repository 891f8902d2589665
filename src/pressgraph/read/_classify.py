"""Group text lines into blocks and name their kind (headline, dateline, bullet, heading...).

Shared by the EDGAR-text and plain-text readers, so both see a release the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressgraph.model import Block, BlockKind
from pressgraph.read._blocks import block_from_segments
from pressgraph.read._lines import Line

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATELINE = re.compile(
    r"""^(?!for\s+immediate\b)                                    # not "FOR IMMEDIATE RELEASE"
        (?P<city>[A-Z][A-Za-zÀ-ÿ.'\- ]{1,40}                      # "SAN DIEGO"
                 (?:,\s*[A-Z][A-Za-zÀ-ÿ.'\- ]{1,30}){0,2}),?\s*   # ", Calif.", ", Germany"
        (?:[-–—]\s*)?                                             # "BOSTON --"
        (?:\((?:[A-Za-z ]+)\)\s*)?                                # "(BUSINESS WIRE)" before the date
        (?P<date>"""  # "Jan. 6, 2025", "March 3rd"
    + MONTH
    + r"""\s*\d{1,2}(?:st|nd|rd|th)?,?\s*(?:\d{4})?)
        \s*(?:/?\s*\(?(?:PRNewswire|GLOBE\ NEWSWIRE|BUSINESS\ WIRE|Business\ Wire|PR\ Newswire
                        |Marketwired|ACCESSWIRE)[^)]*\)?)?        # "/PRNewswire/", "(GLOBE NEWSWIRE)"
        \s*(?:/[^/]{0,40}/)?                                      # "/PRNewswire-HISPANIC PR WIRE/"
        \s*(?:[-–—:]|(?<=\d{4})\.\s|(?<=\d{4})$)                  # the dash that ends the dateline
    """,
    re.IGNORECASE | re.VERBOSE,
)
BULLET_MARK = re.compile(r"^(?:[-*•·▪●o]|\d{1,2}[.)])\s+(?=\S)")
_END_MARKS = re.compile(r"^(?:#\s*){3}$|^-?\s*(?:more|end)\s*-?$|^-.*follows?\s*-$", re.IGNORECASE)
OTHER_LINE = re.compile(
    r"^(?:exhibit\s+99[\d.]*|for\s+immediate\s+release:?|press\s+release|news\s+release|\[.*\])$",
    re.IGNORECASE,
)
_TERMINAL = (".", "!", "?", ":", '"', "”", ")", "'", "’")


def group_lines(lines: Sequence[Line], breaks: set[int]) -> list[list[tuple[int, Line]]]:
    """Blank-line separated groups; ``breaks`` are indices (furniture, tables) that also separate.

    A group ending without terminal punctuation that is followed, across a page break, by one
    starting in lower case is the same paragraph and is joined.
    """
    groups: list[list[tuple[int, Line]]] = []
    current: list[tuple[int, Line]] = []
    crossed_page = False
    for index, line in enumerate(lines):
        if index in breaks or not line.stripped:
            if current:
                groups.append(current)
                current = []
                crossed_page = False
            if index in breaks:
                crossed_page = True
            continue
        if not current and crossed_page and groups and _continues(groups[-1], line):
            current = groups.pop()
        current.append((index, line))
    if current:
        groups.append(current)
    return groups


def _continues(group: list[tuple[int, Line]], line: Line) -> bool:
    last = group[-1][1].stripped
    return not last.endswith(_TERMINAL) and line.stripped[:1].islower()


def blocks_from_group(group: list[tuple[int, Line]]) -> list[tuple[bool, int, list[tuple[int, str]]]]:
    """Split a group at bullet markers: ``(is_bullet, indent, segments)`` pieces."""
    pieces: list[tuple[bool, int, list[tuple[int, str]]]] = []
    for _, line in group:
        text = line.text
        mark = BULLET_MARK.match(line.stripped)
        if mark:
            skip = line.indent + mark.end()
            pieces.append((True, line.indent, [(line.start + skip, text[skip:])]))
        elif pieces:
            pieces[-1][2].append((line.start, text))
        else:
            pieces.append((False, line.indent, [(line.start, text)]))
    return pieces


def classify_blocks(raw: list[tuple[bool, int, list[tuple[int, str]]]]) -> list[Block]:
    """Turn raw pieces into typed blocks in reading order."""
    blocks: list[Block] = []
    seen_dateline = False
    bullet_indents: list[int] = []
    for is_bullet, indent, segments in raw:
        probe = block_from_segments(BlockKind.PARAGRAPH, segments)
        if probe is None:
            continue
        text = probe.text
        if is_bullet:
            bullet_indents = [i for i in bullet_indents if i < indent] + [indent]
            kind, level = BlockKind.BULLET, len(bullet_indents) - 1
        else:
            kind, level = _kind_of(text, seen_dateline, blocks), 0
        seen_dateline = seen_dateline or kind is BlockKind.DATELINE
        block = block_from_segments(kind, segments, level=level)
        if block is not None:
            blocks.append(block)
    return blocks


def _kind_of(text: str, seen_dateline: bool, before: list[Block]) -> BlockKind:
    if OTHER_LINE.match(text) or _END_MARKS.match(text):
        return BlockKind.OTHER
    if re.match(r"^contacts?\s*:", text, re.IGNORECASE) or re.match(
        r"^(?:investor|media)\s+(?:relations\s+)?contacts?\s*:?", text, re.IGNORECASE
    ):
        return BlockKind.CONTACT
    if not seen_dateline and DATELINE.match(text):
        return BlockKind.DATELINE
    words = len(text.split())
    if not seen_dateline:
        if (
            text.startswith(("--", "—", "–"))
            or text.startswith("(")
            or (any(b.kind is BlockKind.HEADLINE for b in before) and words <= 30)
        ):
            return BlockKind.SUBHEADLINE
        if words <= 40 and not text.endswith("."):
            return BlockKind.HEADLINE
    if words <= 12 and (text.isupper() or text.endswith(":") or not text.endswith(_TERMINAL)):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH
