"""The plain data model passed between pipeline stages.

Readers produce a :class:`Document`; extractors return typed records (facts, entities, events),
each carrying :class:`Evidence`; only the RDF mapper knows about triples. Offsets always point into
``Document.text``: for EDGAR text and plain-text releases that is the decoded file itself, for
HTML it is the reader's text rendering (kept with the release so evidence can be shown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum


class BlockKind(str, Enum):
    """What a block of a release is, as a reader of the release would call it."""

    HEADLINE = "headline"
    SUBHEADLINE = "subheadline"
    DATELINE = "dateline"  # the opening paragraph that starts "CITY, STATE, DATE -"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    HEADING = "heading"  # section headings such as "ABOUT X" or "FIRST QUARTER HIGHLIGHTS"
    CONTACT = "contact"  # the CONTACTS: box
    TABLE = "table"
    OTHER = "other"  # letterhead, "FOR IMMEDIATE RELEASE", end marks


@dataclass(frozen=True)
class Block:
    """One block of text with a map from each of its characters back to ``Document.text``.

    ``text`` is normalised (whitespace runs collapsed, page furniture removed), so a paragraph
    that runs across a page break is one block whose ``char_offsets`` jump over the furniture.
    """

    kind: BlockKind
    text: str
    char_offsets: tuple[int, ...]
    level: int = 0  # nesting depth of bullets

    @property
    def start(self) -> int:
        return self.char_offsets[0] if self.char_offsets else 0

    @property
    def end(self) -> int:
        return self.char_offsets[-1] + 1 if self.char_offsets else 0

    def doc_span(self, i: int, j: int) -> tuple[int, int]:
        """Map the block-text slice ``[i, j)`` to a ``(start, end)`` span of ``Document.text``."""
        if not self.char_offsets or j <= i:
            return (self.start, self.start)
        i = max(0, min(i, len(self.char_offsets) - 1))
        j = max(i + 1, min(j, len(self.char_offsets)))
        return (self.char_offsets[i], self.char_offsets[j - 1] + 1)


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, its span in ``Document.text`` and, where the layout has a grid
    (HTML ``colspan``, pipe tables), the logical columns ``[col, col + span)`` it covers.

    ``col`` is -1 when the layout gives no grid: fixed-width text (positions come from the
    offsets), or cells whose geometry belongs to another table (a header table merged above).
    """

    text: str
    start: int
    end: int
    col: int = -1
    span: int = 1


@dataclass(frozen=True)
class TableRow:
    """One row of a table; ``rule`` is ``"-"`` or ``"="`` for an underline row, else ``""``."""

    cells: tuple[Cell, ...]
    start: int
    end: int
    rule: str = ""
    indent: int = 0  # leading spaces of the label in fixed-width tables (section nesting)


@dataclass(frozen=True)
class Table:
    """A table as the reader found it: header rows, body rows, and the text around it.

    ``header`` holds the caption/heading rows (period headers such as "Quarter ended September 30,"
    and "2002 2003"); ``title`` is the heading just above the table ("CONSOLIDATED BALANCE SHEET
    DATA:"); ``context`` is nearby text that may state the scale ("(in thousands)").
    """

    header: tuple[TableRow, ...]
    rows: tuple[TableRow, ...]
    start: int
    end: int
    title: str = ""
    context: str = ""
    layout: str = ""  # "html" | "fixed" | "pipe" | "cells" | "flat": how positions are read
    footnote: str = ""  # short text just below the table (a scale note printed underneath)


@dataclass(frozen=True)
class Document:
    """A release as read: its text, blocks in reading order, and tables."""

    release_id: str  # the content's id: sha256 of the text, 16 hex digits (names.content_release_id)
    source: str  # file name (or "file.txt#EX-99.1" for an exhibit of a submission)
    text: str
    format: str  # "edgar-text" | "html" | "submission-text" | "submission-html" | "plain"
    blocks: tuple[Block, ...]
    tables: tuple[Table, ...]
    sha256: str
    header_fields: dict[str, str] = field(default_factory=dict)  # corpus/SEC header fields
    warnings: tuple[str, ...] = ()

    @property
    def body(self) -> tuple[int, int]:
        """The span of ``text`` the release's blocks cover. An exhibit of a submission keeps the
        whole submission as its text (so that offsets are the file's), and whatever scans the
        text line by line must stay inside its own exhibit."""
        if not self.blocks:
            return (0, 0)
        return (min(b.start for b in self.blocks), max(b.end for b in self.blocks))


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: span of ``Document.text``, the quote, and how it was found."""

    start: int
    end: int
    quote: str
    method: str  # e.g. "table", "prose-figure", "metadata:dateline", "pattern:regulatory"


# --- release metadata ------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str | None
    organization: str | None
    title: str | None
    evidence: Evidence


@dataclass(frozen=True)
class ReleaseMetadata:
    """Who issued the release, when and where (competency question 1)."""

    issuer_name: str | None
    issuer_short_names: tuple[str, ...]
    ticker: str | None
    exchange: str | None
    release_date: date | None
    dateline_city: str | None
    headline: str | None
    contacts: tuple[Contact, ...]
    reporting_period_end: date | None
    reporting_period_months: int | None
    evidence: dict[str, Evidence] = field(default_factory=dict)  # field name -> evidence


# --- financial facts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A duration (``start``..``end``) or an instant (``start is None``)."""

    end: date
    start: date | None = None
    months: int | None = None

    @property
    def is_instant(self) -> bool:
        return self.start is None

    @property
    def key(self) -> str:
        """A readable, unique key: ``2003-07-01--2003-09-30`` or ``2003-09-30``."""
        return self.end.isoformat() if self.start is None else f"{self.start}--{self.end}"


class Unit(str, Enum):
    USD = "USD"
    USD_PER_SHARE = "USD/share"
    SHARES = "shares"
    PERCENT = "percent"


@dataclass(frozen=True)
class FinancialFact:
    """One reported figure: a table cell or a figure stated in prose.

    ``value`` is in full units (a "$ in thousands" 9,426 is 9426000). ``precision`` is the
    rounding step of the printed figure in full units (1000 for a table in thousands, 100000 for
    "$2.8 million", 0.01 for "$(.04)"), which the arithmetic checks use as their tolerance.
    ``addends``/``subtrahends`` name other facts (by ``key``) that this total is made of, as the
    table structures them.
    """

    key: str  # unique within the release, stable: "t1-r12-c1" or "x3"
    label: str
    concept: str  # US-GAAP local name ("NetIncomeLoss") or a minted CamelCase name
    concept_is_gaap: bool
    value: Decimal
    unit: Unit
    period: Period
    precision: Decimal
    source: str  # "table" | "text"
    evidence: Evidence
    table_index: int | None = None
    row_index: int | None = None
    column_index: int | None = None
    is_total: bool = False
    addends: tuple[str, ...] = ()
    subtrahends: tuple[str, ...] = ()
    rounds: str | None = None  # for text facts: key of the table fact this figure rounds


# --- narrative records (entities and events; issue 3) -----------------------------------------


@dataclass(frozen=True)
class Mention:
    text: str
    evidence: Evidence


@dataclass(frozen=True)
class Entity:
    """A real-world thing named in the release, after resolution within the release.

    ``kind``: "company" | "agency" | "organization" | "university" | "hospital" | "foundation" |
    "product" | "person" | "place" | "business-unit". ``key`` is the stable local id that events use
    to point at it; the mapper mints the IRI.
    """

    key: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)  # ticker, jobTitle, productKind...
    same_as: tuple[str, ...] = ()  # verified external IRIs (Wikidata)


@dataclass(frozen=True)
class Event:
    """An n-ary relation found in the prose, with its participants (entity keys) and evidence.

    ``kind``: "regulatory-action" | "grant" | "clinical-trial" | "partnership" | "financing".
    ``roles`` maps a participant role ("regulator", "product", "funder", "partner", "site",
    "counterparty", "location") to entity keys; ``values`` holds literal fields ("action", "what",
    "phase", "indication", "status", "amount_usd", "role", "kind", "when", "by_issuer").
    """

    key: str
    kind: str
    roles: dict[str, tuple[str, ...]]
    values: dict[str, str]
    evidence: Evidence


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one release: the mapper's only input."""

    document: Document
    metadata: ReleaseMetadata
    facts: tuple[FinancialFact, ...]
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
