"""The EDGAR text reader on the seed: page furniture removed, blocks typed, offsets exact."""

from __future__ import annotations

import pytest

from pressgraph.model import BlockKind, Document
from pressgraph.read import detect_format, read_path
from tests.conftest import SEED, shared_path


@pytest.fixture(scope="module")
def doc() -> Document:
    (document,) = read_path(SEED)
    return document


def test_format_and_text_is_the_file(doc: Document) -> None:
    assert doc.format == "edgar-text"
    assert doc.text == SEED.read_text(encoding="utf-8")


def test_page_furniture_does_not_leak(doc: Document) -> None:
    prose = " ".join(b.text for b in doc.blocks if b.kind is not BlockKind.OTHER)
    assert "Page 2" not in prose and "Page 3" not in prose
    assert "-more-" not in prose
    assert "Aastrom-Q1 2004 Results" not in prose
    assert "<PAGE>" not in prose


def test_paragraph_split_across_page_break_is_one_block(doc: Document) -> None:
    block = next(
        b for b in doc.blocks if b.text.startswith("Aastrom Biosciences, Inc. (NasdaqSC: ASTM) is a late-stage")
    )
    assert "production of patient-specific cells - is the Company's core technology" in block.text
    assert block.text.endswith("visit Aastrom's website at www.aastrom.com.")
    i = block.text.index("the Company's core technology")
    start, end = block.doc_span(i, i + len("the Company's core technology"))
    assert doc.text[start:end] == "the Company's core technology"


def test_block_kinds_in_reading_order(doc: Document) -> None:
    kinds = [b.kind for b in doc.blocks]
    assert kinds.index(BlockKind.CONTACT) < kinds.index(BlockKind.HEADLINE) < kinds.index(BlockKind.DATELINE)
    bullets = [b for b in doc.blocks if b.kind is BlockKind.BULLET]
    assert len(bullets) == 8
    assert [b.level for b in bullets] == [0, 0, 0, 0, 1, 1, 1, 0]
    assert bullets[4].text.startswith("Reinstituting the previously successful equity financing")


def test_block_offsets_map_every_character(doc: Document) -> None:
    for block in doc.blocks:
        for i, ch in enumerate(block.text):
            if ch != " ":
                assert doc.text[block.char_offsets[i]] == ch


def test_tables_with_captions(doc: Document) -> None:
    assert [t.title for t in doc.tables] == [
        "CONSOLIDATED STATEMENT OF OPERATIONS DATA:",
        "CONSOLIDATED BALANCE SHEET DATA:",
    ]
    labels = [r.cells[0].text for r in doc.tables[0].rows if r.cells]
    assert "NET LOSS PER COMMON SHARE (Basic and Diluted)" in labels
    assert [c.text for c in doc.tables[1].header[0].cells] == ["June 30,", "September 30,"]


def test_detect_formats() -> None:
    assert detect_format("<html><body><p>x</p><div>y</div></body></html>") == "html"
    assert detect_format("source: x\ncompany: y\n\nText") == "plain"
    path = shared_path("corpus", "submissions", "sears-2004-07-22-0000891092-04-003383.txt")
    assert detect_format(path.read_text(encoding="latin-1")) == "submission"


def test_submission_yields_one_document_per_ex99() -> None:
    path = shared_path("corpus", "submissions", "alabama-power-2005-01-25-0000092122-05-000042.txt")
    docs = read_path(path)
    assert [d.source.split("#")[1] for d in docs] == [
        "EX-99.01",
        "EX-99.02",
        "EX-99.03",
        "EX-99.04",
        "EX-99.05",
        "EX-99.06",
    ]
    # ids are the exhibits' content hashes (issue 12): one per exhibit, the first 16 hex digits
    assert [d.release_id for d in docs] == [d.sha256[:16] for d in docs]
    assert len({d.release_id for d in docs}) == 6


def test_plain_pipe_table_cells_one_per_line() -> None:
    (doc,) = read_path(shared_path("corpus", "releases", "cogentix-medical-2017-05-02.txt"))
    assert doc.header_fields["company"] == "Cogentix Medical, Inc."
    (table,) = doc.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert ["Operating loss", "(1,216,107)", "(554,148)"] in rows
    assert ["Net sales", "$", "12,950,133", "$", "12,206,564"] in rows
