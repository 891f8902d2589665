"""The financial consistency rules firing on deliberately corrupted copies of the seed, and
passing on the real documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressgraph.pipeline import build_release_graphs
from pressgraph.validate import validate_graph
from tests.conftest import SEED, shared_path

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _corrupt(tmp_path: Path, old: str, new: str) -> Path:
    assert SEED_TEXT.count(old) == 1, old
    path = tmp_path / "aastrom-2003-11-10.txt"
    path.write_text(SEED_TEXT.replace(old, new), encoding="utf-8")
    return path


def _messages(path: Path) -> list[str]:
    (release,) = build_release_graphs(path)
    report = validate_graph(release.graph)
    assert not report.conforms
    return [v.message for v in report.violations]


def test_seed_conforms() -> None:
    (release,) = build_release_graphs(SEED)
    report = validate_graph(release.graph)
    assert report.conforms, report.text


def test_changed_total_fires_sum_rule(tmp_path: Path) -> None:
    path = _corrupt(
        tmp_path,
        "Total revenues ...........................................................            93,000            300,000",  # noqa: E501
        "Total revenues ...........................................................            93,000            310,000",  # noqa: E501
    )
    messages = _messages(path)
    assert any("Total revenues" in m and "310000" in m and "300000" in m for m in messages), messages


def test_changed_equity_fires_sum_rule(tmp_path: Path) -> None:
    path = _corrupt(tmp_path, "11,575,000       14,315,000", "11,575,000       14,415,000")
    messages = _messages(path)
    assert any(
        "Total liabilities and shareholders' equity" in m and "14958000" in m and "15058000" in m for m in messages
    ), messages


def test_wrong_eps_fires_eps_rule(tmp_path: Path) -> None:
    path = _corrupt(tmp_path, "$       (.05)      $       (.04)", "$       (.05)      $       (.09)")
    messages = _messages(path)
    assert any("-0.09" in m and "-2838000" in m and "70662000" in m for m in messages), messages


def test_prose_disagreeing_with_table_fires(tmp_path: Path) -> None:
    path = _corrupt(tmp_path, "including a net loss of $2.8 million", "including a net loss of $3.8 million")
    messages = _messages(path)
    assert any("-3800000" in m and "-2838000" in m for m in messages), messages


@pytest.mark.parametrize(
    "parts",
    [
        ("releases", "cogentix-medical-2017-05-02.txt"),
        ("releases", "biomarin-pharmaceutical-2013-07-25.txt"),
        ("submissions", "sears-2004-07-22-0000891092-04-003383.txt"),
        ("submissions", "apple-2011-01-18-0001193125-11-009392.txt"),
    ],
)
def test_arithmetic_shapes_pass_on_real_documents(parts: tuple[str, str]) -> None:
    for release in build_release_graphs(shared_path("corpus", *parts)):
        report = validate_graph(release.graph)
        financial = [v for v in report.violations if "financial" in v.shape.lower() or "sum" in v.message.lower()]
        assert financial == [], [v.message for v in financial]
