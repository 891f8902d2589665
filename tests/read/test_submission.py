"""The submission splitter on the eight real EDGAR 8-K submissions of the shared corpus."""

from __future__ import annotations

import pytest

from pressgraph.read._submission import (
    is_submission,
    press_release_exhibits,
    sec_header_fields,
    split_submission,
)
from tests.conftest import shared_path

# file -> (type, sequence, filename, is_html) of every <DOCUMENT>, in order
EXPECTED = {
    "alabama-power-2005-01-25-0000092122-05-000042.txt": [
        ("8-K", "1", "yearend048k.txt", False),
        ("EX-99.01", "2", "x9901.txt", False),
        ("EX-99.02", "3", "x9902.txt", False),
        ("EX-99.03", "4", "x9903.txt", False),
        ("EX-99.04", "5", "x9904.txt", False),
        ("EX-99.05", "6", "x9905.txt", False),
        ("EX-99.06", "7", "x9906.txt", False),
    ],
    "apple-1996-12-24-0000320193-96-000027.txt": [
        ("8-K", "1", "", False),
        ("EX-99", "2", "", False),
    ],
    "apple-2000-01-24-0000912057-00-002128.txt": [
        ("8-K", "1", "", False),
        ("EX-99.1", "2", "", False),
    ],
    "apple-2011-01-18-0001193125-11-009392.txt": [
        ("8-K", "1", "d8k.htm", True),
        ("EX-99.1", "2", "dex991.htm", True),
        ("EX-99.2", "3", "dex992.htm", True),
    ],
    "atrinsic-2016-04-26-0001144204-16-096273.txt": [
        ("8-K", "1", "v437868_8k.htm", True),
        ("EX-99.1", "2", "v437868_ex99-1.htm", True),
        ("EX-99.2", "3", "v437868_ex99-2.htm", True),
        ("EX-99.3", "4", "v437868_ex99-3.htm", True),
    ],
    "oracle-2019-07-10-0001193125-19-191922.txt": [
        ("8-K", "1", "d776427d8k.htm", True),
        ("EX-99.1", "2", "d776427dex991.htm", True),
        ("GRAPHIC", "3", "g776427g33t06.jpg", False),
    ],
    "rock-of-ages-2000-09-27-0000084581-00-500009.txt": [
        ("8-K", "1", "formacqui.htm", True),
        ("EX-99", "2", "pressacqui.htm", True),
    ],
    "sears-2004-07-22-0000891092-04-003383.txt": [
        ("8-K", "1", "e18506_8k.txt", False),
        ("EX-99", "2", "e18506ex_99.txt", False),
    ],
}


def _read(name: str) -> str:
    return shared_path("corpus", "submissions", name).read_text(encoding="latin-1")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_split_finds_every_document(name: str) -> None:
    text = _read(name)
    exhibits = split_submission(text)
    assert [(e.type, e.sequence, e.filename, e.is_html) for e in exhibits] == EXPECTED[name]
    assert is_submission(text) is True
    for ex in exhibits:
        assert text[ex.body_offset : ex.body_offset + 20] == ex.body[:20]
        assert text[ex.body_offset + len(ex.body) :].startswith("</TEXT>")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_press_release_exhibits_are_the_ex99_family(name: str) -> None:
    picked = press_release_exhibits(split_submission(_read(name)))
    assert [e.type for e in picked] == [t for t, *_ in EXPECTED[name] if t.startswith("EX-99")]


def test_bodies_start_and_end_where_the_file_says() -> None:
    text = _read("oracle-2019-07-10-0001193125-19-191922.txt")
    exhibits = split_submission(text)
    assert exhibits[1].body.startswith("<HTML><HEAD>\n<TITLE>EX-99.1</TITLE>")
    assert exhibits[1].description == "EX-99.1"
    assert exhibits[2].body.startswith("begin 644 g776427g33t06.jpg\n")


def test_descriptions() -> None:
    exhibits = split_submission(_read("apple-2011-01-18-0001193125-11-009392.txt"))
    assert exhibits[2].description == "DATA SHEET ISSUED BY APPLE INC. ON JANUARY 18, 2011"
    assert exhibits[1].description == ("TEXT OF PRESS RELEASE ISSUED BY APPLE INC. ON JANUARY 18, 2011")


def test_sec_header_fields_of_a_pem_wrapped_header() -> None:
    fields = sec_header_fields(_read("apple-2011-01-18-0001193125-11-009392.txt"))
    assert fields["company_name"] == "APPLE INC"
    assert fields["cik"] == "0000320193"
    assert fields["filed_as_of_date"] == "20110118"
    assert fields["period_of_report"] == "20110118"
    assert fields["form_type"] == "8-K"
    assert fields["business_city"] == "CUPERTINO"
    assert fields["business_state"] == "CA"


def test_sec_header_fields_without_pem_wrapper() -> None:
    fields = sec_header_fields(_read("oracle-2019-07-10-0001193125-19-191922.txt"))
    assert (fields["company_name"], fields["cik"]) == ("ORACLE CORP", "0001341439")
    assert (fields["filed_as_of_date"], fields["period_of_report"]) == ("20190710", "20190703")
    assert (fields["business_city"], fields["business_state"]) == ("REDWOOD CITY", "CA")


def test_plain_release_is_not_a_submission() -> None:
    assert is_submission("ACME, Inc. announced today that <b>revenue</b> grew.") is False
    assert split_submission("no documents here") == []


def test_truncated_document_keeps_the_rest_as_body() -> None:
    text = "<SEC-HEADER>\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<TEXT>\nHello"
    (ex,) = split_submission(text)
    assert (ex.type, ex.sequence, ex.body) == ("EX-99.1", "2", "Hello")
    assert ex.body_offset == text.index("Hello")
    assert text[ex.body_offset :] == "Hello"
