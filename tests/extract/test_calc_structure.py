"""The arithmetic structure of a cash-flow statement split into continuing and discontinued
operations: the split's halves are items, a total over one qualified total is a sum, and the net
change adds the three section totals."""

from __future__ import annotations

from decimal import Decimal

from pressgraph.extractors._calc import CalcRow, infer_structure


def _row(n: int, label: str, *values: int | None) -> CalcRow:
    return CalcRow(
        label=label,
        is_rule=False,
        has_label=True,
        headings=(),
        concept="X",
        nature=None,
        unit="USD",
        keys=tuple(f"r{n}-c{c}" if v is not None else None for c, v in enumerate(values)),
        values=tuple(Decimal(v) if v is not None else None for v in values),
        steps=tuple(Decimal(1) if v is not None else None for v in values),
    )


ROWS = [
    _row(1, "Net loss", -3970, 9717),
    _row(2, "Stock-based compensation", 4873, -8330),
    _row(3, "Net cash provided by operating activities - continuing operations", 903, 1387),
    _row(4, "Net cash used in operating activities - discontinued operations", 0, -59),
    _row(5, "Net cash provided by operating activities", 903, 1328),
    _row(6, "Purchase of securities", -1400, -2500),
    _row(12, "Sale of securities", 400, 500),
    _row(7, "Net cash used in investing activities - continuing operations", -1000, -2000),
    _row(8, "Net cash used in investing activities", -1000, -2000),
    _row(9, "Repayment of notes", -950, -960),
    _row(13, "Repurchase of common stock", 0, 0),
    _row(10, "Net cash used in financing activities", -950, -960),
    _row(11, "Net change in cash", -1047, -1632),
]


def test_a_statement_split_by_discontinued_operations_adds_up() -> None:
    links, warnings = infer_structure(ROWS, "table 4", results=False)
    assert warnings == []
    assert links["r5-c1"] == (["r3-c1", "r4-c1"], [])
    assert links["r8-c0"] == (["r7-c0"], [])
    assert links["r11-c0"] == (["r5-c0", "r8-c0", "r10-c0"], [])
