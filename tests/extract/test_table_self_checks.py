"""Statements whose layout leaves a reading open, settled by the table itself: which column a
lone figure sits in (the totals decide, or nothing is read), columns the header does not tell
apart, rows that name a segment under two headings, highlights tables, cash flows to date.

Every release here is invented; the shapes are those of wire-service copies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pressgraph.extractors.financials import read_financials
from pressgraph.model import FinancialFact
from pressgraph.pipeline import extract_document
from pressgraph.read import read_bytes

_PAD = " " * 12


def _facts(text: str) -> tuple[list[FinancialFact], list[str]]:
    doc = read_bytes(text.encode(), source="release.md")[0]
    metadata = extract_document(doc).metadata
    result = read_financials(doc, metadata)
    return result.facts, result.warnings


def _by_label(facts: list[FinancialFact], label: str) -> list[tuple[str, Decimal]]:
    return sorted((f.period.key, f.value) for f in facts if f.label == label)


_RELEASE = (
    "WIDGETRON INC. Reports Results\n\nBOSTON, March 3, 2025 -- Widgetron Inc. reported results for the period, "
    "with revenue up on the year before and costs held flat, and said it would report again in the next quarter as "
    "usual.\n\n"
)


def test_a_lone_figure_goes_to_the_column_whose_total_adds_up() -> None:
    """ "Notes payable 24,000" with the other year's cell left blank: placed under 2024 the
    current liabilities add up, under 2023 they do not."""
    line = (
        "Current liabilities: Accounts payable 1,000 2,000 Accrued expenses 3,000 4,000"
        f"Notes payable{_PAD}24,000{_PAD}Total current liabilities 28,000 6,000"
        "Long-term debt 5,000 5,000 Total liabilities 33,000 11,000"
    )
    text = _RELEASE + "WIDGETRON INC. CONDENSED BALANCE SHEETS\n\nDecember 31, 2024 2023 " + line + "\n"
    facts, _ = _facts(text)
    assert _by_label(facts, "Notes payable") == [("2024-12-31", Decimal(24000))]
    total = next(f for f in facts if f.label == "Total current liabilities" and f.period.key == "2024-12-31")
    assert total.is_total and len(total.addends) == 3


def test_a_lone_figure_no_total_places_is_not_read_and_a_warning_says_so() -> None:
    line = (
        "Revenue 10,000 9,000 Cost of revenue 4,000 3,000 Gross profit 6,000 6,000"
        "Operating expenses 5,000 5,000 Net income 1,000 1,000"
        f"Weighted average shares outstanding{_PAD}32,000{_PAD}Diluted shares 33,000 32,500"
    )
    text = _RELEASE + "WIDGETRON INC. STATEMENTS OF OPERATIONS\n\nYear Ended December 31, 2024 2023 " + line + "\n"
    facts, warnings = _facts(text)
    assert _by_label(facts, "Weighted average shares outstanding") == []
    assert any(
        "row 'Weighted average shares outstanding': 1 figure(s) for 2 columns, and no total says which column" in w
        for w in warnings
    )
    assert _by_label(facts, "Gross profit") == [
        ("2023-01-01--2023-12-31", Decimal(6000)),
        ("2024-01-01--2024-12-31", Decimal(6000)),
    ]


def test_an_amount_too_small_to_print_keeps_its_column() -> None:
    """One cell per line: "*" (less than a thousand) under 2024, "1" under 2023."""
    cells = [
        "December 31,", "2024", "2023", "U.S. dollars in thousands",
        "Cash", "5,000", "4,000", "Receivables", "1,000", "2,000", "Total assets", "6,000", "6,000",
        "Ordinary shares", "*", "1", "Additional paid-in capital", "37,003", "11,335",
        "Accumulated deficit", "(31,003)", "(5,336)", "Total equity", "6,000", "6,000",
    ]  # fmt: skip
    text = _RELEASE + "WIDGETRON INC. BALANCE SHEETS\n\n" + "\n\n".join(cells) + "\n"
    facts, _ = _facts(text)
    assert _by_label(facts, "Ordinary shares") == [("2023-12-31", Decimal(1000))]


def test_columns_the_header_does_not_tell_apart_are_not_read() -> None:
    """ "2024 Unaudited" printed once over two figure columns: both would be 2024."""
    text = (
        _RELEASE
        + "Three Months Ended June 30,\n\n2024 Unaudited\n\n"
        + "Revenue $ 7,476 $ 4,777 Net loss $ (224) $ (2,553) Cost of revenue 1,000 900 Gross profit 6,476 3,877\n"
    )
    facts, warnings = _facts(text)
    assert _by_label(facts, "Revenue") == []
    assert any("the header gives it the same period as column 2 and nothing tells them apart" in w for w in warnings)


def test_caption_lines_one_blank_line_apart_all_count() -> None:
    text = (
        _RELEASE
        + " Three Months Ended June 30, 2025 Unaudited\n\n 2024 Unaudited\n\n Period-over- Period % Change\n\n"
        + " Revenue $ 7,476,140$ 4,777,10156% Net income (loss)$ 224,793$ (2,553,259)109% "
        + "Adjusted EBITDA $ 591,073$ 78,202656% * Revenue for the quarter was $7.5 million.\n"
    )
    facts, warnings = _facts(text)
    assert _by_label(facts, "Net income (loss)") == [
        ("2024-04-01--2024-06-30", Decimal(-2553259)),
        ("2025-04-01--2025-06-30", Decimal(224793)),
    ]
    # a highlights table: net income is not the sum of the revenue line above it
    assert not any("'Net income (loss)' is not the sum" in w for w in warnings)


def test_header_words_after_the_years_and_negative_changes() -> None:
    text = (
        _RELEASE
        + "Three Months Ended December 31, Period-over- 2025 2024 Period % Unaudited Unaudited Change "
        + "Revenue$ 7,962,480 $ 5,812,472 37% Net income (loss) $ (1,821,752) $ 199,711 -1012% "
        + "Net income (loss) per share - diluted $ (0.06) $ 0.01 -700% Adjusted EBITDA $ (170,531) $ 120,599 -241%\n"
    )
    facts, _ = _facts(text)
    assert _by_label(facts, "Revenue") == [
        ("2024-10-01--2024-12-31", Decimal(5812472)),
        ("2025-10-01--2025-12-31", Decimal(7962480)),
    ]
    assert [f.value for f in facts if f.label.startswith("Net income (loss) per share")] == [
        Decimal("-0.06"),
        Decimal("0.01"),
    ]


def test_the_same_segment_under_two_headings_is_two_concepts() -> None:
    line = (
        "Twelve Months Ended December 31, 2024 2023Revenue:      Devices $1,515,744 $1,378,598     "
        "Software 73,580 82,006 $1,589,324 $1,460,604Gross Profit          Devices $1,355,878 $1,238,878     "
        "Software 66,637 76,776 $1,422,515 $1,315,654 "
    )
    facts, _ = _facts(_RELEASE + line + "\n")
    devices = {f.concept: f.value for f in facts if f.label == "Devices" and f.period.key.startswith("2024")}
    assert devices == {"RevenueDevices": Decimal(1515744), "GrossProfitDevices": Decimal(1355878)}
    gross = next(f for f in facts if f.concept == "GrossProfit" and f.period.key.startswith("2024"))
    assert gross.value == Decimal(1422515) and len(gross.addends) == 2


def test_cash_flows_headed_by_an_end_date_only_run_from_the_fiscal_year_start() -> None:
    balance = (
        "WIDGETRON INC. BALANCE SHEETS\n\nJune 30, 2025 December 31, 2024 Cash 5,000 4,000 Receivables 1,000 2,000 "
        "Total assets 6,000 6,000 Payables 1,000 1,000 Equity 5,000 5,000 Total liabilities and equity 6,000 6,000\n\n"
    )
    cash = (
        "WIDGETRON INC. STATEMENTS OF CASH FLOWS\n\nFor the Period Ended June 30, 20252024CASH FLOWS FROM "
        "OPERATING ACTIVITIES: Net loss$ (901,069)$ (3,765,874)Depreciation 103,451 16,776"
        "Net cash used in operating activities - continuing operations (797,618) (3,749,098)"
        "Net cash used in operating activities - discontinued operations - (100,000)"
        "Net cash used in operating activities (797,618) (3,849,098)\n"
    )
    facts, warnings = _facts(_RELEASE + balance + cash)
    assert _by_label(facts, "Net loss") == [
        ("2024-01-01--2024-06-30", Decimal(-3765874)),
        ("2025-01-01--2025-06-30", Decimal(-901069)),
    ]
    concepts = {f.concept for f in facts if f.label.startswith("Net cash used in operating activities")}
    assert concepts == {
        "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations",
        "NetCashProvidedByUsedInOperatingActivitiesDiscontinuedOperations",
        "NetCashProvidedByUsedInOperatingActivities",
    }
    assert any("is read as 6 months" in w for w in warnings)


def test_figures_of_two_kinds_in_a_label_are_not_paired_with_its_dates() -> None:
    """ "$0.001 par value, 50,000,000 shares authorized as of June 30, 2025 and December 31, 2024":
    the par value is not June's and the authorised count December's; only the issued counts,
    one per date, are read."""
    from pressgraph.extractors._label_figures import label_figures
    from pressgraph.model import Period

    columns: list[Period | None] = [Period(end=date(2025, 6, 30)), Period(end=date(2024, 12, 31))]
    mixed = "Common stock, $0.001 par value, 50,000,000 shares authorized as of June 30, 2025 and December 31, 2024"
    assert label_figures(mixed, columns, Decimal(1000)) == []
    issued = "Common stock (12,000,000 and 11,500,000 shares issued as of June 30, 2025 and December 31, 2024)"
    assert [(f.period.key, f.value) for f in label_figures(issued, columns, Decimal(1000))] == [
        ("2025-06-30", Decimal(12000000)),
        ("2024-12-31", Decimal(11500000)),
    ]


def test_a_share_count_named_by_its_use_in_per_share_figures_is_shares() -> None:
    cells = [
        "Year Ended December 31,", "2024", "2023", "Revenue", "10,000", "9,000", "Cost of revenue", "4,000", "3,000",
        "Net income", "6,000", "6,000", "Net income per share, basic and diluted", "0.60", "0.55",
        "Weighted average number of ordinary shares used in computation of basic and diluted loss per share",
        "10,000,000", "10,900,000",
    ]  # fmt: skip
    text = _RELEASE + "WIDGETRON INC. STATEMENTS OF OPERATIONS\n\n" + "\n\n".join(cells) + "\n"
    facts, _ = _facts(text)
    counts = [(f.unit.value, f.value) for f in facts if f.label.startswith("Weighted average")]
    assert counts == [("shares", Decimal(10000000)), ("shares", Decimal(10900000))]


_SEGMENTS = """WIDGETRON INC. REPORTS SECOND QUARTER RESULTS

BOSTON, July 22, 2004 -- Widgetron Inc. today reported results for its second quarter, with revenue up on the year before and costs held flat; it will report again next quarter as usual.

                          WIDGETRON INC.
                   Segment Income Statements
                          (millions)
          For the 13 Weeks Ended July 3, 2004 and June 28, 2003
                          Devices          Software           Total
                       2004     2003     2004     2003     2004     2003
Revenues              $ 700    $ 650    $ 100    $  90    $ 800    $ 740
Costs                   400      380       60       50      460      430
Operating income        300      270       40       40      340      310
"""  # noqa: E501


def test_segment_columns_of_one_period_leave_the_total_column() -> None:
    """Two dates printed once over segment × year columns: each column takes the date of its
    own year (the total columns too, though the caption stops short of them); the segments'
    columns, one concept with several values for one period, are not read."""
    doc = read_bytes(_SEGMENTS.encode(), source="segments.txt")[0]
    result = read_financials(doc, extract_document(doc).metadata)
    assert sorted((f.label, f.period.key, f.value) for f in result.facts if f.label == "Revenues") == [
        ("Revenues", "2003-03-30--2003-06-28", Decimal(740000000)),
        ("Revenues", "2004-04-04--2004-07-03", Decimal(800000000)),
    ]
    assert sum("told apart by name (a segment or a measure), beside column" in w for w in result.warnings) == 4
