"""Hostile release files (issue 11): what is not a regular file, odd line breaks and encodings,
file names with control characters, inputs shaped to make a reader or extractor superlinear,
and the per-file time budget that turns a pathological file into a warning.

Nothing here is timed. Growth is measured as a count of Python function calls (cProfile's
total), which is the same on every machine: doubling the input must about double the count.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pressgraph import budget
from pressgraph.errors import ReadError
from pressgraph.pipeline import extract_document
from pressgraph.read import MAX_BYTES, read_bytes, read_path
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI; the timeout only turns a hang into a failure (nothing here is near it)."""
    return subprocess.run(
        [sys.executable, "-m", "pressgraph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def _one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


# --- what is not a release file ------------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "release.txt"
    os.mkfifo(fifo)
    line = _one_line_error(_cli("extract", str(fifo), cwd=tmp_path))
    assert line.startswith("pressgraph: error: ")
    assert "release.txt" in line and "not a regular file" in line


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="/dev/zero is absent")
def test_a_character_device_is_refused_without_reading_it() -> None:
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode)
    with pytest.raises(ReadError, match="not a regular file"):
        read_path("/dev/zero")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no disk is spent
    with pytest.raises(ReadError, match="huge.txt"):
        read_path(big)


def test_a_control_character_in_a_file_name_does_not_break_the_message(tmp_path: Path) -> None:
    name = "bad\nname\x1b.txt"
    (tmp_path / name).write_bytes(b"\x00\x01\x02" * 2000)  # binary: refused
    line = _one_line_error(_cli("extract", str(tmp_path / name), cwd=tmp_path))
    assert "bad?name?.txt" in line


# --- line breaks and encodings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "separator"),
    [("form-feed", "\f"), ("line-separator", "\u2028"), ("paragraph-separator", "\u2029"), ("cr", "\r")],
)
def test_odd_line_breaks_read_as_line_breaks(name: str, separator: str) -> None:
    plain = read_bytes(SEED_TEXT.encode(), source="seed.txt")[0]
    odd = read_bytes(SEED_TEXT.replace("\n", separator).encode(), source=f"{name}.txt")[0]
    assert len(odd.tables) == len(plain.tables)
    assert [b.kind for b in odd.blocks][:6] == [b.kind for b in plain.blocks][:6]
    assert separator not in odd.text


def test_a_form_feed_release_does_not_stop_a_folder_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-plain.txt").write_text(SEED_TEXT, encoding="utf-8")
    paged = SEED_TEXT.replace("\n\n", "\n\f\n", 3).replace("release", "release\u2028", 1)
    (folder / "b-paged.txt").write_text(paged.replace("Aastrom", "Paged"), encoding="utf-8")
    proc = _cli("ingest", str(folder), "--store", str(tmp_path / "store"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "files: 2  releases: 2  written: 2" in proc.stdout + proc.stderr


def test_mixed_utf8_and_cp1252_bytes_are_read_with_a_warning() -> None:
    data = "Café Inc. announced".encode() + b" \x93quoted\x94 text.\n"
    doc = read_bytes(data, source="mixed.txt")[0]
    assert "Café Inc." in doc.text and "\u201cquoted\u201d" in doc.text
    assert any("mixed encodings" in w for w in doc.warnings)


# --- linear growth -------------------------------------------------------------------------------

_SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "unclosed inline tags": ("x.html", lambda n: "<html><body>" + "<p><b><i><font>text " * n),
    "unclosed nested tables": ("x.html", lambda n: "<html><body>" + "<table><tr><td>1 " * n),
    "unclosed divs": ("x.html", lambda n: "<html><body>" + "<div>x " * n),
    "many short lines": ("x.txt", lambda n: "a\n" * n),
    "one long line of capitals": ("x.txt", lambda n: "ABC " * n),
    "capitals and dashes": ("x.txt", lambda n: "A-" * n),
    "amount lines": ("x.txt", lambda n: "Revenue  1,000  2,000\n" * n),
    "html cells": ("x.html", lambda n: "<html><body><table>" + "<tr><td>Revenue<td>1,000<td>2,000" * n),
    "sentences with names": ("x.txt", lambda n: "Acme Corp. signed a licence with Beta Inc. for XR-12. " * n),
    "quotes and titles": ("x.txt", lambda n: '"We are pleased," said Dr. John Smith, Chief Executive Officer. ' * n),
    "pipe rows": ("x.md", lambda n: "| Revenue | 1,000 | 900 |\n" * n),
    "initials": ("x.txt", lambda n: "A. " * n),
    "one camel-case token": ("x.txt", lambda n: "AbCd" * n + " platform"),
    "exhibits of a submission": (
        "x.txt",
        lambda n: (
            "<SEC-DOCUMENT>\n"
            + "<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\nAcme Inc. announced results.\n</TEXT>\n</DOCUMENT>\n" * (n // 10)
        ),
    ),
}


def _calls(data: bytes, name: str) -> int:
    profile = cProfile.Profile()
    profile.enable()
    try:
        for doc in read_bytes(data, source=name):
            extract_document(doc)
    finally:
        profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def _warm() -> None:
    """Imports and compiled patterns are paid once, not by the first shape measured."""
    for name, text in [("w.txt", SEED_TEXT[:3000]), ("w.html", "<p>x</p>"), ("w.md", "| a | 1 |")]:
        _calls(text.encode(), name)


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_reading_and_extracting_grow_linearly(shape: str, _warm: None) -> None:
    name, make = _SHAPES[shape]
    small, large = _calls(make(1000).encode(), name), _calls(make(2000).encode(), name)
    assert large < 2.5 * small, f"{shape}: {small} calls for n, {large} for 2n"


def test_the_abbreviation_test_sees_only_the_end_of_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text "A. A. A. ..." is one sentence (every full stop follows an initial); testing the whole
    sentence so far for an abbreviation at each full stop was quadratic, in C where call counts
    do not see it."""
    from pressgraph.extractors import _sentences

    seen: list[int] = []
    real = _sentences.ABBREVIATION_END

    class Recording:
        def search(self, text: str) -> object:
            seen.append(len(text))
            return real.search(text)

    monkeypatch.setattr(_sentences, "ABBREVIATION_END", Recording())
    pieces = _sentences.split_block("A. " * 2000 + "Then it ends. Here.")
    assert max(seen) <= 16 and len(seen) == 2001
    assert max(len(piece) for _offset, piece in pieces) <= _sentences.MAX_SENTENCE
    assert pieces[-1] == (6014, "Here.")


def test_a_submission_of_many_exhibits_reads_the_first_twenty_and_says_so() -> None:
    body = "<DOCUMENT>\n<TYPE>EX-99.{n}\n<TEXT>\nAcme Inc. announced results.\n</TEXT>\n</DOCUMENT>\n"
    text = "<SEC-DOCUMENT>\n" + "".join(body.format(n=i) for i in range(1, 31))
    docs = read_bytes(text.encode(), source="many.txt")
    assert [d.source for d in docs][:2] == ["many.txt#EX-99.1", "many.txt#EX-99.2"]
    assert len(docs) == 20
    assert (
        "many.txt: the submission has 30 press-release exhibits; only the first 20 are read "
        "(the 10 after EX-99.20 are left out)"
    ) in docs[0].warnings


# --- the time budget -----------------------------------------------------------------------------


def test_the_budget_grows_with_the_file_and_has_a_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESSGRAPH_FILE_BUDGET", raising=False)
    assert budget.allowance(1_000) == budget.FLOOR_SECONDS
    assert budget.allowance(5_000_000) == 75.0
    monkeypatch.setenv("PRESSGRAPH_FILE_BUDGET", "3.5")
    assert budget.allowance(5_000_000) == 3.5


@pytest.mark.parametrize("value", ["-1", "soon", "nan"])
def test_a_budget_that_is_not_seconds_is_a_config_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from pressgraph.errors import ConfigError

    monkeypatch.setenv("PRESSGRAPH_FILE_BUDGET", value)
    with pytest.raises(ConfigError, match="PRESSGRAPH_FILE_BUDGET"):
        budget.allowance(1)


def test_a_spent_budget_while_reading_is_a_one_line_read_error(tmp_path: Path) -> None:
    release = tmp_path / "slow.txt"
    release.write_text(SEED_TEXT, encoding="utf-8")
    line = _one_line_error(_cli("extract", str(release), cwd=tmp_path, env={"PRESSGRAPH_FILE_BUDGET": "0"}))
    assert line.startswith("pressgraph: error: slow.txt: the 0 s CPU time budget for one file ran out while ")
    assert line.endswith("; the file was not read")


def test_a_spent_budget_while_extracting_keeps_the_text_and_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = read_bytes(SEED_TEXT.encode(), source="seed.txt")[0]
    monkeypatch.setattr(budget, "allowance", lambda size: -1.0)  # spent before the first checkpoint
    with budget.file_budget(len(SEED_TEXT)):
        extraction = extract_document(doc)
    assert extraction.facts == () and extraction.entities == () and extraction.events == ()
    assert extraction.warnings[-1].startswith("seed.txt: the -1 s CPU time budget for one file ran out while ")
    assert extraction.warnings[-1].endswith("; its figures, entities and events left out")


def test_a_file_over_budget_is_skipped_by_a_folder_ingest_and_the_rest_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pressgraph.ingest import ingest
    from pressgraph.store.embedded import EmbeddedStore

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    slow = SEED_TEXT + "\n" * 100  # a different size: the budget below is spent for it alone
    (folder / "b.txt").write_text(slow, encoding="utf-8")
    real = budget.allowance
    monkeypatch.setattr(budget, "allowance", lambda size: -1.0 if size == len(slow.encode()) else real(size))
    store = EmbeddedStore(tmp_path / "store")
    summary = ingest(store, [str(folder)], workers=1, progress=False)
    assert (summary.files, summary.releases, summary.written) == (2, 1, 1)
    assert [(Path(path).name, reason.split(" ran out")[0]) for path, reason in summary.skipped] == [
        ("b.txt", "b.txt: the -1 s CPU time budget for one file")
    ]
    assert [r.source for r in store.releases()] == ["a.txt"]


def test_a_table_of_thousands_of_rows_is_read_to_its_first_four_hundred_and_says_so() -> None:
    from pressgraph.extractors.tables import MAX_ROWS

    rows = "".join(f"| Item {i} | {1000 + i:,} | {900 + i:,} |\n" for i in range(1, 1201))
    text = (
        "Acme Inc. reported results for the year ended December 31, 2024.\n\n"
        "| (in thousands) | Year ended December 31, 2024 | Year ended December 31, 2023 |\n"
        "|---|---|---|\n" + rows
    )
    (doc,) = read_bytes(text.encode(), source="long.md")
    extraction = extract_document(doc)
    table_facts = [f for f in extraction.facts if f.evidence.method == "table"]
    assert len(table_facts) == 2 * MAX_ROWS
    assert any(w.endswith(f"1200 rows; only the first {MAX_ROWS} are read") for w in extraction.warnings)
