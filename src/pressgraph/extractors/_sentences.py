"""Sentence splitting over a Document's prose blocks, and regex lexicons compiled once.

Extractors work sentence by sentence; every match must map back to ``Document.text`` so that
evidence offsets point at the words quoted. Tables and contact boxes are not prose and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pressgraph.budget import checked
from pressgraph.model import Block, BlockKind, Document, Evidence
from pressgraph.names import ABBREVIATION_END
from pressgraph.resources import lexicon_rows

_PROSE = {
    BlockKind.HEADLINE,
    BlockKind.SUBHEADLINE,
    BlockKind.DATELINE,
    BlockKind.PARAGRAPH,
    BlockKind.BULLET,
    BlockKind.HEADING,
}
# a sentence ends at . ! ? followed by space + capital/quote/dash, unless the dot ends an abbreviation
_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“A-Z(\-])")


_SAFE_HARBOR = re.compile(r"forward[- ]looking statements?|safe harbor", re.I)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, the block it is in and its offset inside the block text."""

    text: str
    block: Block
    offset: int
    index: int  # running number in the document
    paragraph: int  # index of the block among prose blocks
    boilerplate: bool = False  # inside a safe-harbor (forward-looking statements) passage

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.block.doc_span(self.offset + i, self.offset + j)

    def evidence(self, document: Document, method: str, i: int = 0, j: int | None = None) -> Evidence:
        """Evidence for ``text[i:j]`` (whole sentence by default), quoted from ``Document.text``."""
        j = len(self.text) if j is None else j
        start, end = self.span(i, j)
        return Evidence(start, end, " ".join(document.text[start:end].split()), method)


# The longest a sentence may be. Prose sentences are a few hundred characters; a "sentence" of
# ten thousand (a flattened list, or a hostile file without a full stop) is cut at spaces into
# pieces of at most this length, so that one pattern over one sentence is a bounded amount of
# work and the time budget, checked between sentences, can stop the rest.
MAX_SENTENCE = 1000


def split_block(text: str) -> list[tuple[int, str]]:
    """``[(offset, sentence)]`` for one block's text."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in _END.finditer(text):
        # the abbreviation test looks at the candidate's last characters only (no abbreviation
        # is longer than 16): testing the whole candidate made "A. A. A. ..." quadratic
        if ABBREVIATION_END.search(text[max(start, match.start() - 16) : match.start()].rstrip()):
            continue
        candidate = text[start : match.start()].rstrip()
        if candidate.strip():
            out.extend(_pieces(start, candidate))
        start = match.end()
    rest = text[start:].rstrip()
    if rest.strip():
        out.extend(_pieces(start, rest))
    return out


def _pieces(offset: int, sentence: str) -> list[tuple[int, str]]:
    """``sentence`` (at ``offset``), cut at spaces into pieces of at most :data:`MAX_SENTENCE`."""
    out: list[tuple[int, str]] = []
    while len(sentence) > MAX_SENTENCE:
        cut = sentence.rfind(" ", MAX_SENTENCE // 2, MAX_SENTENCE)
        cut = MAX_SENTENCE if cut < 0 else cut
        out.append((offset, sentence[:cut].rstrip()))
        rest = sentence[cut:]
        skipped = len(rest) - len(rest.lstrip())
        offset, sentence = offset + cut + skipped, rest.lstrip()
    if sentence:
        out.append((offset, sentence))
    return out


class Sentences(list[Sentence]):
    """A release's sentences. Every extractor walks them, often several times; walking them
    checks the file's time budget (:mod:`pressgraph.budget`), so that no extractor can spend
    more than the budget on a pathological release however its own loop is written."""

    def __iter__(self) -> Iterator[Sentence]:
        return checked(list.__iter__(self), "reading its sentences")


def sentences(document: Document) -> Sentences:
    """All prose sentences in reading order (tables and contact boxes are not prose)."""
    out = Sentences()
    para = 0
    for block in document.blocks:
        if block.kind not in _PROSE or not block.text.strip():
            continue
        safe_harbor = False
        for offset, text in split_block(block.text):
            safe_harbor = safe_harbor or bool(_SAFE_HARBOR.search(text))
            out.append(Sentence(text, block, offset, len(out), para, safe_harbor))
        para += 1
    return out


def is_boilerplate(sentence: Sentence) -> bool:
    """Safe-harbor paragraphs talk about risks, not facts: extractors skip them."""
    return sentence.boilerplate


@cache
def compiled(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A two-column ``regex<TAB>value`` lexicon, compiled case-insensitively."""
    return tuple((re.compile(row[0], re.I), row[1] if len(row) > 1 else "") for row in lexicon_rows(name))


def first_label(name: str, text: str) -> str | None:
    """The value of the first row of a ``regex<TAB>value`` lexicon whose regex occurs in ``text``
    (lexicons are ordered most specific first)."""
    return next((value for regex, value in compiled(name) if regex.search(text)), None)
