"""Statements flattened onto one line by a wire service's converter: nil hyphens run into their
neighbours, numbers that are words of a label, long labels that are not prose."""

from __future__ import annotations

from pressgraph.read import read_bytes

_HEAD = (
    "ACME CORP. CONDENSED STATEMENTS OF OPERATIONS\n\n"
    "For the Three Months Ended June 30,For the Six Months Ended June 30, 2025202420252024\n\n"
)


def _rows(line: str) -> list[list[str]]:
    doc = read_bytes((_HEAD + line + "\n").encode(), source="flat.md")[0]
    (table,) = doc.tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_nil_hyphens_run_into_labels_and_figures_are_cells() -> None:
    rows = _rows(
        "Revenue$ 7,476,140 $ 4,777,101 $ 14,532,256 $ 9,654,479 Costs and expenses: "
        "Cost of revenue 3,228,169 1,806,918 6,359,791 3,510,275"
        "Settlements and related expenses-942,311- 1,151,276"
        "Gain on sale of investment- - - 48,612"
        "Gain on redemption   -   111,151   137,356   111,151"
        "Operating income (loss)   46,076(2,970,478) (1,348,589) (4,742,828)"
        "Weighted-average shares outstanding - basic31,202,312 31,098,497 31,163,137 31,049,647"
    )
    assert rows[-6:] == [
        ["Cost of revenue", "3,228,169", "1,806,918", "6,359,791", "3,510,275"],
        ["Settlements and related expenses", "—", "942,311", "—", "1,151,276"],
        ["Gain on sale of investment", "—", "—", "—", "48,612"],
        ["Gain on redemption", "—", "111,151", "137,356", "111,151"],
        ["Operating income (loss)", "46,076", "(2,970,478)", "(1,348,589)", "(4,742,828)"],
        ["Weighted-average shares outstanding - basic", "31,202,312", "31,098,497", "31,163,137", "31,049,647"],
    ]


def test_numbers_inside_a_label_stay_in_the_label() -> None:
    rows = _rows(
        "Accounts payable$ 1,875,222 $ 982,665 $ 1,875,222 $ 982,665"
        "Notes payable, net of costs ($6,000,000 in principal is held by a related party)"
        "6,804,0166,697,6496,804,0166,697,649"
        "Preferred Stock; par value $0.001; 5,000,000 Shares authorized; 0 issued and outstanding as of "
        "June 30, 2025 and December 31, 2024--Common Stock; par value $0.001; 95,000,000 Shares authorized; "
        "31,202,312 issued and outstanding as of June 30, 2025 and 31,010,788 issued and outstanding as of "
        "December 31, 2024 31,203 31,011 31,203 31,011"
        "Additional paid-in capital 81,726,637 79,937,115 81,726,637 79,937,115"
    )
    labels = [row[0] for row in rows]
    assert labels[1] == "Notes payable, net of costs ($6,000,000 in principal is held by a related party)"
    assert rows[1][1:] == ["6,804,016", "6,697,649", "6,804,016", "6,697,649"]
    assert rows[2][1:] == ["—", "—"] and labels[2].startswith("Preferred Stock; par value $0.001; 5,000,000")
    assert labels[3].startswith("Common Stock; par value $0.001;") and rows[3][1:] == [
        "31,203",
        "31,011",
        "31,203",
        "31,011",
    ]
    assert rows[4] == ["Additional paid-in capital", "81,726,637", "79,937,115", "81,726,637", "79,937,115"]


def test_hyphens_in_words_links_and_year_ranges_are_not_nils() -> None:
    rows = _rows(
        "Revenue$ 7,476,140 $ 4,777,101 $ 14,532,256 $ 9,654,479 "
        "Non-GAAP adjusted income 1,234,567 2,345,678 3,456,789 4,567,890"
        "Period-over- 2025 change 1,111,111 2,222,222 3,333,333 4,444,444"
    )
    assert rows[1] == ["Non-GAAP adjusted income", "1,234,567", "2,345,678", "3,456,789", "4,567,890"]
    assert rows[2][0] == "Period-over- 2025 change"


def test_a_small_loss_in_parentheses_and_a_nil_before_the_next_label() -> None:
    rows = _rows(
        "Revenue$ 7,476,140 $ 4,777,101 $ 14,532,256 $ 9,654,479 "
        "Allowance for credit losses \u00a0 \u00a0 225,000 \u00a0 \u00a0 -Stock-based compensation expense "
        "\u00a0 4,873,593 \u00a0 4,920,572 \u00a0 4,873,593 \u00a0 4,920,572"
        "Change in fair value of warrant liability \u00a0 (563) \u00a0 (4,088) \u00a0 (563) \u00a0 (4,088)"
        "Net loss(1) \u00a0 (1,234,567) \u00a0 (2,345,678) \u00a0 (3,456,789) \u00a0 (4,567,890)"
    )
    assert [[c.replace("\u00a0", " ").strip() for c in row] for row in rows[1:]] == [
        ["Allowance for credit losses", "225,000", "—"],
        ["Stock-based compensation expense", "4,873,593", "4,920,572", "4,873,593", "4,920,572"],
        ["Change in fair value of warrant liability", "(563)", "(4,088)", "(563)", "(4,088)"],
        ["Net loss (1)", "(1,234,567)", "(2,345,678)", "(3,456,789)", "(4,567,890)"],
    ]


def test_small_figures_padded_by_runs_of_no_break_spaces() -> None:
    pad = "\u00a0" * 17
    rows = _rows(
        "Revenue$ 7,476,140 $ 4,777,101 $ 14,532,256 $ 9,654,479 "
        f"Change in fair value of warrant liability {pad} 20 {pad} 1,594 {pad} 563 {pad} 4,088"
        f"Interest and investment income {pad} 658,339 {pad} 646,832 {pad} 1,951,812 {pad} 1,666,786"
    )
    assert [[c.replace("\u00a0", " ").strip() for c in row] for row in rows[1:]] == [
        ["Change in fair value of warrant liability", "20", "1,594", "563", "4,088"],
        ["Interest and investment income", "658,339", "646,832", "1,951,812", "1,666,786"],
    ]


def test_a_percentage_change_run_into_a_figure_is_its_own_cell() -> None:
    rows = _rows(
        "Revenue $ 7,476,140$ 4,777,10156% Net income (loss)$ 224,793$ (2,553,259)109% "
        "Income (loss) per share - diluted$ 0.01$ (0.08)113% Adjusted EBITDA $ 591,073$ 78,202656% "
    )
    assert rows == [
        ["Revenue", "$ 7,476,140", "$ 4,777,101", "56%"],
        ["Net income (loss)", "$ 224,793", "$ (2,553,259)", "109%"],
        ["Income (loss) per share - diluted", "$ 0.01", "$ (0.08)", "113%"],
        ["Adjusted EBITDA", "$ 591,073", "$ 78,202", "656%"],
    ]


def test_a_spaced_nil_before_the_next_label_is_a_cell_not_part_of_the_label() -> None:
    """ "Other income 6,002   -  Loss on ..." and "taxes   -   -  Net loss ...": the hyphen set off
    by spaces between a figure (or another nil) and a capitalised label is the row's empty cell;
    read as a label's first character it would shift the row's figure into the other column."""
    pad = " " * 20
    rows = _rows(
        "Revenue $1,589,324 $1,460,604 Cost of goods sold 166,809 144,950"
        f"Other income    6,002{pad}-  Loss on exchange{pad}(230){pad}(206)"
        f"Provision for income taxes{pad}-{pad}-  Net loss (106,951) (63,080)"
    )
    assert [[c.strip() for c in row] for row in rows[2:]] == [
        ["Other income", "6,002", "—"],
        ["Loss on exchange", "(230)", "(206)"],
        ["Provision for income taxes", "—", "—"],
        ["Net loss", "(106,951)", "(63,080)"],
    ]


def test_a_dash_between_a_label_and_its_qualifier_is_part_of_the_label() -> None:
    rows = _rows(
        "Revenue $1,589,324 $1,460,604 Cost of goods sold 166,809 144,950 Net loss (107,200) (69,691)"
        "Weighted Average Number of Shares Outstanding – Basic and Diluted 32,884,882 32,603,767"
    )
    assert rows[-1] == ["Weighted Average Number of Shares Outstanding – Basic and Diluted", "32,884,882", "32,603,767"]
