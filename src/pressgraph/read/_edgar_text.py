"""EDGAR text-era releases: ``<PAGE>`` markers, running page headers, ``-more-`` lines and
``<TABLE>``/``<CAPTION>``/``<S>``/``<C>`` tagged tables, plus untagged fixed-width tables.

Page furniture is recognised by position and repetition, never by wording: lines that open more
than one page after a ``<PAGE>`` marker (digits ignored), and bare page numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pressgraph.budget import checkpoint
from pressgraph.model import Block, Table
from pressgraph.names import MONTH_ALTERNATION
from pressgraph.read._classify import blocks_from_group, classify_blocks, group_lines
from pressgraph.read._lines import Line, is_rule, make_table, row_of_line

_PAGE = re.compile(r"^\s*<PAGE>\s*\d*\s*$", re.IGNORECASE)
_MORE = re.compile(r"^\s*[-(]?\s*more\s*[-)]?\s*$|^\s*-?\s*\d{1,3}\s*-?\s*$|^\s*page\s+\d+\s*$", re.IGNORECASE)
_TAG_LINE = re.compile(r"^\s*</?(?:TABLE|CAPTION|S|C|FN|/?PRE|TEXT)>.*$", re.IGNORECASE)
_HEADER_WORDS = re.compile(
    r"""\b(?:19|20)\d\d\b                                             # "2024"
      | \b(?:months?|weeks?|quarters?|years?|ended|ending|fiscal|Q[1-4]  # "Three Months Ended", "Q3"
           |thousands|millions|billions                                 # "(in thousands)"
           |unaudited|restated|actual|change)\b                         # "(unaudited)", "As restated"
      | \b(?:"""  # "September 30"
    + MONTH_ALTERNATION
    + r""")\.?\s+\d{1,2}\b""",
    re.IGNORECASE | re.VERBOSE,
)

_NEW_HEADER = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:months?|weeks?|quarters?|years?)\s+ended\b|\bQ[1-4]\b|\b(?:thousands|millions|billions)\b",
    re.IGNORECASE,
)


def furniture_lines(lines: Sequence[Line]) -> set[int]:
    """Indices of page furniture: markers, "-more-", page numbers, repeated page-top lines."""
    furniture = {i for i, line in enumerate(lines) if _PAGE.match(line.text) or _MORE.match(line.text)}
    tops: dict[int, str] = {}
    for i, line in enumerate(lines):
        if _PAGE.match(line.text):
            for j in _page_top(lines, i + 1):
                tops[j] = re.sub(r"\d+", "#", lines[j].stripped.lower())
    counts = Counter(tops.values())
    furniture.update(j for j, key in tops.items() if counts[key] >= 2)
    return furniture


def _page_top(lines: Sequence[Line], start: int) -> list[int]:
    """The first few non-blank lines of a page, up to the first blank line after them."""
    found: list[int] = []
    for j in range(start, min(start + 8, len(lines))):
        if lines[j].stripped:
            found.append(j)
        elif found:
            break
    return found[:4]


def tagged_tables(lines: Sequence[Line], skip: set[int]) -> tuple[list[Table], set[int]]:
    """``<TABLE>`` ... ``</TABLE>`` regions as tables, and the line indices they cover."""
    tables: list[Table] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        if not lines[i].stripped.upper().startswith("<TABLE"):
            i += 1
            continue
        end = next(
            (k for k in range(i + 1, len(lines)) if lines[k].stripped.upper().startswith("</TABLE")), len(lines) - 1
        )
        table = _tagged_table(lines, i, end, skip)
        used.update(range(i, end + 1))
        if table is not None:
            tables.append(table)
        i = end + 1
    return tables, used


def _tagged_table(lines: Sequence[Line], start: int, end: int, skip: set[int]) -> Table | None:
    inner = [k for k in range(start + 1, end) if k not in skip]
    s_at = next((k for k in inner if lines[k].stripped.upper().startswith("<S>")), None)
    cap_at = next((k for k in inner if lines[k].stripped.upper().startswith("<CAPTION>")), None)
    if s_at is None:
        header_idx: list[int] = []
        body_idx = [k for k in inner if not _TAG_LINE.match(lines[k].text)]
    else:
        header_idx = [k for k in inner if (cap_at or start) < k < s_at and not _TAG_LINE.match(lines[k].text)]
        body_idx = [k for k in inner if k > s_at and not _TAG_LINE.match(lines[k].text)]
    title, context = _title_above(lines, start, skip)
    header = [lines[k] for k in header_idx]
    return make_table(header, [lines[k] for k in body_idx], title, context + " " + _text(header))


def _title_above(lines: Sequence[Line], start: int, skip: set[int]) -> tuple[str, str]:
    """The heading just above a table, and a few more lines of context (scale statements)."""
    collected: list[str] = []
    k = start - 1
    blanks = 0
    while k >= 0 and len(collected) < 6 and blanks < 3:
        if k in skip or _TAG_LINE.match(lines[k].text):
            k -= 1
            continue
        if not lines[k].stripped:
            blanks += 1 if collected else 0
        elif len(lines[k].stripped) <= 100:
            collected.insert(0, lines[k].stripped)
        else:
            break
        k -= 1
    title = next((t for t in reversed(collected) if not t.startswith("(")), "")
    return title, " ".join(collected)


def _text(lines: Sequence[Line]) -> str:
    return " ".join(line.stripped for line in lines if line.stripped)


def untagged_tables(lines: Sequence[Line], used: set[int]) -> tuple[list[Table], set[int]]:
    """Fixed-width tables without tags: runs of amount rows with their labels and header."""
    tables: list[Table] = []
    covered: set[int] = set()
    i = 0
    while i < len(lines):
        if i % 256 == 0:
            checkpoint("looking for its fixed-width tables")
        if i in used or not _is_body_row(lines[i]):
            i += 1
            continue
        first, last = _extend_region(lines, i, used)
        amount_rows = sum(1 for k in range(first, last + 1) if _is_body_row(lines[k]))
        if amount_rows >= 3:
            head_first = _header_start(lines, first, used)
            header = [lines[k] for k in range(head_first, first)]
            title, context = _title_above(lines, head_first, used)
            body = [lines[k] for k in range(first, last + 1)]
            table = make_table(header, body, title, context + " " + _text(header))
            if table is not None:
                tables.append(table)
                covered.update(range(head_first, last + 1))
        i = last + 1
    return tables, covered


def _is_body_row(line: Line) -> bool:
    parsed = row_of_line(line)
    if parsed is None:
        return False
    label, values = parsed
    if all(re.fullmatch(r"(?:19|20)\d\d", v.text) for v in values):
        return False  # a header line of years
    return len(values) >= 2 or (len(values) == 1 and len(label.text) <= 60)


def _extend_region(lines: Sequence[Line], i: int, used: set[int]) -> tuple[int, int]:
    last = i
    blanks = 0
    k = i + 1
    while k < len(lines) and k not in used and blanks <= 2:
        line = lines[k]
        if not line.stripped:
            blanks += 1
        elif _is_body_row(line) or is_rule(line.stripped):
            last, blanks = k, 0
        elif _short_label(line.stripped) and not _NEW_HEADER.search(line.stripped):
            blanks = 0
        else:
            break
        k += 1
    first = i
    k = i - 1
    while k >= 0 and k not in used:
        line = lines[k]
        if line.stripped and (
            not _short_label(line.stripped) or _NEW_HEADER.search(line.stripped) or _is_body_row(line)
        ):
            break
        if line.stripped:
            first = k
        k -= 1
    return first, last


def _short_label(text: str) -> bool:
    """A row label on a line of its own: not a sentence of prose."""
    return len(text) <= 120 and not text.endswith((".", ":", ";")) or len(text) <= 60


def _header_start(lines: Sequence[Line], first: int, used: set[int]) -> int:
    """Walk up over header-like lines (years, dates, "months ended", scale, column heads)."""
    start = first
    blanks = 0
    k = first - 1
    while k >= 0 and k not in used and blanks <= 3:
        line = lines[k]
        if not line.stripped:
            blanks += 1
        elif len(line.stripped) <= 110 and (_HEADER_WORDS.search(line.stripped) or line.indent >= 20):
            start, blanks = k, 0
        else:
            break
        k -= 1
    return start


def read_edgar_lines(lines: Sequence[Line]) -> tuple[list[Block], list[Table]]:
    """Blocks and tables of an EDGAR text document (or a text exhibit of a submission)."""
    furniture = furniture_lines(lines)
    tagged, used = tagged_tables(lines, furniture)
    untagged, covered = untagged_tables(lines, used | furniture)
    tables = sorted(tagged + untagged, key=lambda t: t.start)
    breaks = furniture | used | covered | {i for i, line in enumerate(lines) if _TAG_LINE.match(line.text)}
    pieces = []
    for group in group_lines(lines, breaks):
        pieces.extend(blocks_from_group(group))
    return classify_blocks(pieces), tables
