"""Split an EDGAR full-submission ``.txt`` into its documents and read its SEC header.

A submission is what EDGAR serves as ``<accession>.txt``: an optional PEM wrapper
(``-----BEGIN PRIVACY-ENHANCED MESSAGE-----``), an ``<SEC-HEADER>`` of tab-indented
``KEY: value`` lines, then one ``<DOCUMENT>`` per file, each with ``<TYPE>``, ``<SEQUENCE>``,
``<FILENAME>`` and ``<DESCRIPTION>`` lines and the content between ``<TEXT>`` and ``</TEXT>``.
Graphics, PDFs and XBRL arrive as documents too (uuencoded or wrapped in ``<PDF>``/``<XBRL>``);
they are split like any other and left to the caller to skip. Offsets into the submission are
kept so that evidence can point back into the file as served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOCUMENT_RE = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.S | re.I)
_TEXT_OPEN_RE = re.compile(r"<TEXT>[ \t]*\r?\n?", re.I)
_TEXT_CLOSE_RE = re.compile(r"</TEXT>", re.I)
_FIELD_RE = r"^[ \t]*<{tag}>[ \t]*([^\r\n<]*)"
_MARKER_RE = re.compile(r"<SEC-DOCUMENT>|<SEC-HEADER>|<IMS-HEADER>|<DOCUMENT>\s*<TYPE>", re.I)
_HTML_RE = re.compile(r"<\s*(html|body|p|div|table|font)\b", re.I)
_PRESS_TYPE_RE = re.compile(r"^EX-99(\.\d+)?[A-Z]?$", re.I)

# SEC header keys (as printed, upper case) -> the names the pipeline uses.
_HEADER_KEYS = {
    "COMPANY CONFORMED NAME": "company_name",
    "CENTRAL INDEX KEY": "cik",
    "FILED AS OF DATE": "filed_as_of_date",
    "CONFORMED PERIOD OF REPORT": "period_of_report",
    "FORM TYPE": "form_type",
    "CONFORMED SUBMISSION TYPE": "submission_type",
    "ACCESSION NUMBER": "accession_number",
    "STANDARD INDUSTRIAL CLASSIFICATION": "sic",
}
_ADDRESS_KEYS = {"CITY": "business_city", "STATE": "business_state"}


@dataclass(frozen=True)
class Exhibit:
    """One ``<DOCUMENT>`` of a submission; ``body_offset`` is where ``body`` starts in the file."""

    type: str
    sequence: str
    filename: str
    description: str
    body: str
    body_offset: int
    is_html: bool


def is_submission(text: str) -> bool:
    """True when ``text`` looks like a full submission (header or document markers early on)."""
    return bool(_MARKER_RE.search(text[:20000]))


def split_submission(text: str) -> list[Exhibit]:
    """Every ``<DOCUMENT>`` of the submission in file order (all types, graphics included)."""
    return [_exhibit(text, m.start(1), m.group(1)) for m in _DOCUMENT_RE.finditer(text)]


def press_release_exhibits(exhibits: list[Exhibit]) -> list[Exhibit]:
    """The EX-99 family (EX-99, EX-99.1, EX-99.01, ...) where 8-K press releases are filed."""
    return [ex for ex in exhibits if is_press_release_type(ex.type)]


def is_press_release_type(document_type: str) -> bool:
    """True for an EX-99 family type; ``pressgraph fetch`` asks this of a filing index's types,
    so that what it downloads and what the reader reads never disagree."""
    return bool(_PRESS_TYPE_RE.match(document_type.strip()))


_REPORT_TYPE_RE = re.compile(r"^(?:6-K|8-K|6-K/A|8-K/A|425|DEFA14A)$", re.I)


def main_report(exhibits: list[Exhibit]) -> list[Exhibit]:
    """A 6-K (or an 8-K) whose own body is the press release, when no EX-99 carries it.

    Foreign issuers often file the release as the 6-K document itself, after its cover page.
    """
    return [ex for ex in exhibits if _REPORT_TYPE_RE.match(ex.type.strip()) and ex.body.strip()][:1]


def _field(chunk: str, tag: str) -> str:
    """The value of a one-line SGML field such as ``<TYPE>EX-99.1`` (``""`` when absent)."""
    m = re.search(_FIELD_RE.format(tag=tag), chunk, re.M | re.I)
    return m.group(1).strip() if m else ""


def _exhibit(text: str, chunk_start: int, chunk: str) -> Exhibit:
    """Build one exhibit from the inside of a ``<DOCUMENT>`` element starting at ``chunk_start``."""
    opened = _TEXT_OPEN_RE.search(chunk)
    if opened is None:
        body, offset = "", chunk_start + len(chunk)
    else:
        closed = _TEXT_CLOSE_RE.search(chunk, opened.end())
        end = closed.start() if closed else len(chunk)
        body, offset = chunk[opened.end() : end], chunk_start + opened.end()
    head = chunk[: opened.start()] if opened else chunk
    return Exhibit(
        type=_field(head, "TYPE"),
        sequence=_field(head, "SEQUENCE"),
        filename=_field(head, "FILENAME"),
        description=_field(head, "DESCRIPTION"),
        body=body,
        body_offset=offset,
        is_html=_looks_html(_field(head, "FILENAME"), body),
    )


def _looks_html(filename: str, body: str) -> bool:
    """HTML by file extension, else by an HTML tag near the start of the body."""
    if filename:
        return filename.lower().endswith((".htm", ".html"))
    return bool(_HTML_RE.search(body[:5000]))


def sec_header_fields(text: str) -> dict[str, str]:
    """The useful ``KEY: value`` lines of the ``<SEC-HEADER>`` (first occurrence of each key).

    ``business_city``/``business_state`` come from the first BUSINESS ADDRESS block only, so a
    MAIL ADDRESS or a second filer does not overwrite them.
    """
    header = _header_text(text)
    fields: dict[str, str] = {}
    section = ""
    for line in header.splitlines():
        key, sep, value = line.strip().partition(":")
        key, value = key.strip().upper(), value.strip()
        if not sep:
            continue
        if not value:
            section = key
            continue
        name = _HEADER_KEYS.get(key)
        if name is None and section == "BUSINESS ADDRESS":
            name = _ADDRESS_KEYS.get(key)
        if name and name not in fields:
            fields[name] = value
    return fields


def _header_text(text: str) -> str:
    """The text of the SEC header: up to ``</SEC-HEADER>`` or the first ``<DOCUMENT>``."""
    m = re.search(r"</SEC-HEADER>|</IMS-HEADER>|<DOCUMENT>", text, re.I)
    return text[: m.start()] if m else text[:20000]
