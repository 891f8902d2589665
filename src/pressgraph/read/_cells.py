"""Tables that lost their grid on the way to plain text: one cell per line, or rows flattened.

Wire services and HTML-to-markdown converters print a financial table either as one cell per
line (label, "$", "1,973", "$", "4,595", next label...; blank lines between) or as a whole
statement run onto one line ("2026 2025 Revenue$ — $ — Operating expenses: Research and
development 2,669,779 2,436,998 Total operating expenses..."). Both are read into the common
:class:`Table` model: header cells first (titles, period words, scale notes), then one row per
label with its figures, every cell keeping its offsets in the document text. The layout names
(``cells``, ``flat``) tell the table stage that positions mean nothing here: columns are the
figures' order in a row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressgraph.model import Cell, Table, TableRow
from pressgraph.read._lines import Line

_NBSP = "\u00a0"
_AMOUNT_CELL = re.compile(
    r"^(?:\$|US\$|€|£)?\s*(?:\(\s*\$?\s*\d[\d,]*(?:\.\d+)?\s*\)|-?\$?\s*\d[\d,]*(?:\.\d+)?|-?\$?\s*\.\d+)\s*%?$"
    r"|^\$?\s*[-—–]{1,3}\s*\$?$|^\(\$\s*[\d,.]+\)$"
)
_YEAR_CELL = re.compile(r"^(?:19|20)\d\d$")
_PERIODISH = re.compile(
    r"""\b(?:months?|weeks?|quarters?|years?|ended|ending|fiscal   # "Three Months Ended", "Fiscal Year"
          |unaudited|audited|change|thousands|millions|dollars     # "(unaudited)", "% Change", "(in thousands)"
          |as\ of|(?:19|20)\d\d)\b                                 # "As of", "2024"
      | \b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)
        [a-z]*\.?(?:\s+\d|-|$)                                     # "September 30", "Dec. 31", "Mar-24"
      | ^\d{1,2}-[A-Z][a-z]{2}$                                    # "30-Sep"
    """,
    re.I | re.VERBOSE,
)
_MAX_CELL = 420
_MIN_FIGURES = 6


def clean(text: str) -> str:
    return " ".join(text.replace(_NBSP, " ").split())


_STRAY_SPACE = re.compile(r"(?<=\d),\s+(?=\d{3}(?!\d))")
_PLACEHOLDER = re.compile(r"^\*{1,3}$")  # "*": an amount too small to print, a figure with no value


def is_amount_cell(text: str) -> bool:
    t = _STRAY_SPACE.sub(",", clean(text))
    return bool(t) and bool(_AMOUNT_CELL.match(t)) and not _YEAR_CELL.match(t) and t not in ("$",)


def _is_figure_like(text: str) -> bool:
    return is_amount_cell(text) or bool(_PLACEHOLDER.match(clean(text))) or _is_dollar(text)


def _is_dollar(text: str) -> bool:
    return clean(text) in ("$", "US$", "€", "£")


def _cell(line: Line) -> Cell:
    text = line.text
    lead = len(text) - len(text.lstrip(" \t" + _NBSP))
    body = clean(text)
    return Cell(body, line.start + lead, line.start + len(text.rstrip(" \t" + _NBSP)))


# --- one cell per line ------------------------------------------------------------------------


def cell_tables(lines: Sequence[Line], skip: set[int]) -> tuple[list[Table], set[int]]:
    """Runs of short one-cell lines with many figures among them, as tables.

    A run that holds too few figures is tried again without its first item (a title or a line
    of prose before the cells), so the count of figures in each tail is kept, not recounted.
    """
    items = [(i, line) for i, line in enumerate(lines) if i not in skip and clean(line.text)]
    tables: list[Table] = []
    covered: set[int] = set()
    k = 0
    while k < len(items):
        run_end = _run_end(items, k)
        if run_end == k:
            k += 1
            continue
        figures = sum(1 for _, line in items[k:run_end] if is_amount_cell(line.text))
        while k < run_end and not (figures >= _MIN_FIGURES and figures >= 0.3 * (run_end - k)):
            figures -= is_amount_cell(items[k][1].text)
            k += 1  # the run without its first item ends where the run ended
        if k == run_end:
            continue
        run = items[k:run_end]
        for part in _split_at_headers(run):
            table = _cells_table(part)
            if table is not None:
                tables.append(table)
        covered.update(i for i, _ in run)
        k = run_end
    return tables, covered


def _run_end(items: list[tuple[int, Line]], k: int) -> int:
    """End of the run of cell-like items starting at ``k`` (blank lines between them allowed,
    at most one blank line: a table's cells are never paragraphs apart)."""
    j = k
    while j < len(items):
        index, line = items[j]
        text = clean(line.text)
        if len(text) > _MAX_CELL or "|" in text:
            break
        if j > k and index - items[j - 1][0] > 3:
            break
        if len(text) > 160 and not _label_before_figures(items, j):
            break  # prose, not a long row label followed by its figures
        j += 1
    return j


def _label_before_figures(items: list[tuple[int, Line]], j: int) -> bool:
    """A long item is a row label (not prose) when figures follow within a few cells and it
    reads as one clause, not sentences."""
    text = clean(items[j][1].text)
    if re.search(r"[a-z]{2}\.\s+[A-Z]", text):
        return False
    return any(_is_figure_like(items[m][1].text) for m in range(j + 1, min(len(items), j + 7)))


def _header_block(run: list[tuple[int, Line]], k: int) -> int:
    """Length of the run of header cells (period words, years, scale notes) starting at ``k``."""
    j = k
    while j < len(run):
        text = clean(run[j][1].text)
        if _YEAR_CELL.match(text) or (_PERIODISH.search(text) and len(text) <= 60 and not is_amount_cell(text)):
            j += 1
            continue
        break
    return j - k


def _split_at_headers(run: list[tuple[int, Line]]) -> list[list[tuple[int, Line]]]:
    """A statement printed in parts repeats its period header: each part is a table of its own
    (the title lines before a header belong to it)."""
    parts: list[list[tuple[int, Line]]] = []
    current: list[tuple[int, Line]] = []
    k = 0
    seen_figure = False
    while k < len(run):
        size = _header_block(run, k)
        if size >= 2 and seen_figure:
            titles = _trailing_titles(current)
            parts.append(current[: len(current) - len(titles)])
            current, seen_figure = titles, False
        if size:
            current.extend(run[k : k + size])
            k += size
            continue
        seen_figure = seen_figure or is_amount_cell(run[k][1].text)
        current.append(run[k])
        k += 1
    parts.append(current)
    return [p for p in parts if p]


def _trailing_titles(cells: list[tuple[int, Line]]) -> list[tuple[int, Line]]:
    """All-capitals title lines at the end of a part ("SILEXION CORP", "STATEMENTS OF ...")."""
    out: list[tuple[int, Line]] = []
    for item in reversed(cells):
        text = clean(item[1].text)
        if text.isupper() and len(text) <= 120 and not text.endswith(":") and not is_amount_cell(text):
            out.insert(0, item)
            continue
        break
    return out if len(out) < len(cells) else []


def _is_header_cell(text: str) -> bool:
    return bool(_YEAR_CELL.match(text)) or (
        bool(_PERIODISH.search(text)) and len(text) <= 60 and not is_amount_cell(text)
    )


def _cells_table(part: list[tuple[int, Line]]) -> Table | None:
    """Titles, then the header block (period words, years, scale notes), then the rows."""
    first = next((k for k, (_, line) in enumerate(part) if _is_figure_like(line.text)), None)
    if first is None:
        return None
    texts = [clean(line.text) for _, line in part]
    header_at = [k for k in range(first) if _is_header_cell(texts[k])]
    body_at = header_at[-1] + 1 if header_at else max(0, first - 1)
    header_start = header_at[0] if header_at else body_at
    titles = texts[:header_start]
    header = tuple(TableRow((c,), c.start, c.end) for c in (_cell(line) for _, line in part[header_start:body_at]))
    body = [_cell(line) for _, line in part[body_at:]]
    rows = _rows(body, _header_width([c.cells[0].text for c in header]) or _widest(body))
    if not rows:
        return None
    return Table(header, tuple(rows), part[0][1].start, rows[-1].end, " ".join(titles[-2:]), "\n".join(titles), "cells")


_CHANGE_WORD = re.compile(r"\bchange\b|\bvariance\b|%", re.I)
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*(?:to|vs\.?|versus|-|/)\s*(?:19|20)\d\d")


def _header_width(texts: list[str]) -> int:
    """How many figure columns the header announces: one per year, plus the change columns
    ("% Change" or "2024 to 2023", whichever is printed more often)."""
    years = sum(1 for t in texts if _YEAR_CELL.match(t))
    changes = max(sum(1 for t in texts if _CHANGE_WORD.search(t)), sum(1 for t in texts if _YEAR_RANGE.search(t)))
    return years + changes if years else 0


def _widest(cells: list[Cell]) -> int:
    """The most figures in a row when the header does not count the columns."""
    best = run = 0
    for cell in cells:
        run = run + 1 if is_amount_cell(cell.text) else 0
        best = max(best, run)
    return max(1, best)


def _rows(cells: list[Cell], width: int) -> list[TableRow]:
    """A row is a label and the figures after it (``width`` of them at most); figures with no
    label before them are an unlabelled (total) row; "$" cells join the figure after them.

    Converters sometimes print a row's figures before its label. Two shapes are repaired, both
    unambiguous: figures right after a section heading ("NON-CURRENT LIABILITIES:") belong to
    the label that follows when that label has none of its own; a "Total ..." label with no
    figures names the unlabelled figures just before it.
    """
    groups = _groups(cells, width)
    groups = _join_open_labels(groups)
    _move_heading_figures(groups)
    groups = _name_trailing_totals(groups)
    out = []
    for label, figs in groups:
        kept = [f for f in figs if not _PLACEHOLDER.match(f.text)]
        if not kept:
            figs = []  # placeholders alone are no row of figures
        label_cell = label or Cell("", kept[0].start if kept else 0, kept[0].start if kept else 0)
        row_cells = (label_cell, *figs)  # a placeholder keeps its column (the grid gives it no value)
        start = label.start if label else (kept[0].start if kept else label_cell.start)
        out.append(TableRow(row_cells, start, row_cells[-1].end))
    return [r for r in out if r.cells[0].text or len(r.cells) > 1]


_Group = tuple[Cell | None, list[Cell]]


def _groups(cells: list[Cell], width: int) -> list[_Group]:
    groups: list[tuple[Cell | None, list[Cell]]] = []
    dollar: Cell | None = None
    for cell in cells:
        if _is_dollar(cell.text):
            dollar = cell
            continue
        if is_amount_cell(cell.text) or _PLACEHOLDER.match(cell.text):
            if dollar is not None:
                cell = Cell(f"$ {cell.text}", dollar.start, cell.end)
                dollar = None
            if not groups or len(groups[-1][1]) >= width:
                groups.append((None, []))
            groups[-1][1].append(cell)
            continue
        dollar = None
        groups.append((cell, []))
    return groups


def _join_open_labels(groups: list[_Group]) -> list[_Group]:
    """A label cut in two by the converter (an unclosed parenthesis) is one label."""
    out: list[_Group] = []
    for label, figs in groups:
        if out and label is not None and not out[-1][1] and out[-1][0] is not None:
            prev = out[-1][0]
            if prev.text.count("(") > prev.text.count(")"):
                out[-1] = (Cell(f"{prev.text} {label.text}", prev.start, label.end), figs)
                continue
        out.append((label, figs))
    return out


def _move_heading_figures(groups: list[_Group]) -> None:
    for k in range(len(groups) - 1):
        label, figs = groups[k]
        nxt_label, nxt_figs = groups[k + 1]
        if label is not None and label.text.endswith(":") and figs and nxt_label is not None and not nxt_figs:
            groups[k] = (label, [])
            groups[k + 1] = (nxt_label, figs)


def _name_trailing_totals(groups: list[_Group]) -> list[_Group]:
    out: list[_Group] = []
    for label, figs in groups:
        if (
            out
            and label is not None
            and not figs
            and out[-1][0] is None
            and out[-1][1]
            and re.match(r"total\b", label.text, re.I)
        ):
            out[-1] = (label, out[-1][1])
            continue
        out.append((label, figs))
    return out


# --- rows flattened onto one line ------------------------------------------------------------

_FLAT_FIGURE = re.compile(
    r"""(?:\$\s*)?(?<![\d,.])
        (?:-?\d+(?:\.\d+)?(?=%)                                     # "-1012%", "1012%": a change
          |\(\s*\$?\s*\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*\)           # "(1,234)", "$ (12,345.6)"
          |\(\s*\$?\s*\d+\.\d+\s*\)                               # "(0.45)"
          |-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])                # "12,345", "-1,234.5"
          |-?\d+\.\d+(?![\d.])                                    # "0.45", "-1.2"
          |\d{1,3}(?![\d,.]))                                     # "45"
      | \$\s*[—–-]{1,3}(?=\s*(?:$|[A-Z($\d—–-]))                  # "$ —": a nil figure
      | (?<=\s)[—–](?=\s*(?:$|[A-Z($\d—–-]))                      # " — ": a nil figure
      | (?<=\d\s)-(?=\s*(?:$|[A-Z($\d]))                          # "12 - ": a nil figure after another
    """,
    re.VERBOSE,
)
_SECTION_WORDS = re.compile(
    r"(?:expenses?|costs|revenues?|sales|profit|income\s*\(expense\)|other\s+income|assets|liabilities|equity|activities|operations|data)$",
    re.I,
)


def flat_tables(lines: Sequence[Line], skip: set[int]) -> tuple[list[Table], set[int]]:
    """Lines that hold a whole statement run together, as tables."""
    tables: list[Table] = []
    covered: set[int] = set()
    for i, line in enumerate(lines):
        if i in skip or len(line.text) < 60:
            continue
        table = _flat_table(line, _caption_above(lines, i, skip))
        if table is not None:
            tables.append(table)
            covered.add(i)
    return tables, covered


def _caption_above(lines: Sequence[Line], i: int, skip: set[int]) -> str:
    """The short lines just above (a title, "Three Months Ended March 31,")."""
    found: list[str] = []
    k, blank = i - 1, 0
    while k >= 0 and len(found) < 3 and k not in skip:
        text = clean(lines[k].text)
        if text:
            if len(text) > 160:
                break
            found.insert(0, text)
            blank = 0
        elif found and (blank := blank + 1) > 1:
            break  # one blank line between caption lines (wire copy), not two
        k -= 1
    return "\n".join(found)


def _figures(text: str) -> list[re.Match[str]]:
    out = []
    for m in _FLAT_FIGURE.finditer(text):
        token = m.group().strip()
        if re.fullmatch(r"\d{1,3}", token) and (loss := _SMALL_LOSS.match(text, max(0, m.start() - 1))):
            out.append(loss)  # "(563)": a small loss in parentheses, its sign kept
            continue
        if re.fullmatch(r"\d{1,3}", token) and not _bounded_small(text, m):
            continue
        if _in_label(text, m):
            continue
        if text[m.end() : m.end() + 1] == "%":  # "56%": the percent sign is the cell's, not the next label's
            m = _TO_PERCENT.match(text, m.start(), m.end() + 1) or m
        out.append(m)
    return out


_TO_PERCENT = re.compile(r".*%", re.DOTALL)


# A number that is words of a label, not a cell: it goes on in lower case ("31,202,312 issued and
# outstanding", "($6,000,000 in principal is held by ...)") or sits between semicolons ("par value
# $0.001; 5,000,000 Shares authorized;"). Cells are followed by the next cell or a capitalised label.
_LABEL_WORDS_AFTER = re.compile(r"\s*(?:[a-z]|;)")
_LABEL_WORDS_BEFORE = re.compile(r";\s*(?:\$\s*)?$")


def _in_label(text: str, m: re.Match[str]) -> bool:
    if m.group().strip().startswith(("—", "–", "-")) and not any(ch.isdigit() for ch in m.group()):
        return False  # a nil dash
    return bool(_LABEL_WORDS_AFTER.match(text, m.end()) or _LABEL_WORDS_BEFORE.search(text, 0, m.start()))


# Two or three digits in parentheses between cells; "(1)" is a footnote marker, not a figure.
_SMALL_LOSS = re.compile(r"\(\d{2,3}\)(?=\s|$|[A-Z])")


def _bounded_small(text: str, m: re.Match[str]) -> bool:
    """A small bare number is a figure only between other figures or right after a label's end
    and before the next label ("Other income 6,002 - Loss ..." / "Sublease income 19,455 —")."""
    before = text[max(0, m.start() - 60) : m.start()]  # padding may be dozens of (no-break) spaces
    if re.search(r"(?:\d|\)|—|-)\s*$", before):
        return True
    # "... warrant liability      20      1,594": set off by a wide gap, and another cell follows
    return bool(re.search(r"[a-z]\s{3,}$", before) and re.match(r"\s+[\d($—–-]", text[m.end() : m.end() + 60]))


_GLUES = (
    re.compile(r"(?<=,\d{3})(?=\d{1,3}(?:,\d{3})+)"),  # "42,556,75744,460,091": two figures run together
    re.compile(r"(?<=[\d)%])(?=[A-Z][a-z])|(?<=[a-z])(?=[$(]?\d)"),  # "74,896,867Source", "assets1,932,535"
    re.compile(r"(?<=(?<![\d,.$])(?:19|20)\d\d)(?=(?:19|20)\d\d(?:[A-Z]|\s|$))"),  # "June 30, 20252024": two years
    re.compile(r"(?<=(?<![\d,.])(?:19|20)\d\d)(?=[A-Z]{2})"),  # "2023CASH FLOWS": a year, then a capitalised heading
    re.compile(r"(?<=[A-Z]{3})(?=[A-Z][a-z])|(?<=[a-z]{4})(?=[A-Z][a-z])"),  # "ASSETSCurrent", "contingenciesStock"
    re.compile(r"(?<=[a-z]:)(?=[A-Z])"),  # "assets:Cash"
    re.compile(r"(?<=\d)(?=\(\d)"),  # "46,076(2,970,478)": a figure, then a loss in parentheses
    re.compile(r"(?<=,\d{3})(?=\d{1,4}%)"),  # "4,777,10156%": a figure, then a percentage change
)

# A nil cell printed as an ASCII hyphen run into its neighbours: "expenses-942,311- 1,151,276" is
# four cells (-, 942,311, -, 1,151,276), "investment- - - 48,612" four, "2024--Common Stock" two
# nils before the next label. A hyphen is a nil when it follows a label's last (lower-case) letter
# and precedes a figure or another hyphen (spaces between allowed); or follows a figure, a parenthesis or another
# nil and precedes a space, a hyphen, "$", "(" or a capitalised word. Hyphens inside words
# ("Weighted-average", "Non-GAAP", "10-K", "2024-2025") stay. Negative figures in these
# statements are printed in parentheses, so "-942,311" glued to a label is not one.
_NIL_AFTER_LABEL = re.compile(
    r"(?<=[a-z])-(?=\s*[\d$(-])(?!\s*(?:19|20)\d\d\b)"
)  # not "Period-over- Period", "-over- 2025"
_NIL_SPACED = re.compile(r"[a-z]\s+(-)\s+(?=[\d$(-])(?!(?:19|20)\d\d\b)")  # "redemption  -  111,151"
_NIL_AFTER_FIGURE = re.compile(r"(?<=[\d)\-—])-(?=\s|-|[$(]|[A-Z][a-z])")
_NIL_AFTER_SPACE = re.compile(  # "-   -   (94,427)", "225,000   -Stock-based compensation"
    r"(?=[\d)\-—]\s+(-)(?:(?=\s*[\d$(-])(?!\s*(?:19|20)\d\d\b)(?!\d+(?:\.\d+)?%)|(?=\s*[A-Z][a-z])))"
)


class _View:
    """A line with spaces put back where the converter ran words and figures together; every
    character of the view knows its offset in the document."""

    def __init__(self, line: Line) -> None:
        text, offsets = line.text, list(range(len(line.text)))
        for glue in _GLUES:
            cuts = [m.start() for m in glue.finditer(text)]
            if cuts:
                text, offsets = _spaced(text, offsets, cuts, len(line.text))
        text, offsets = _spaced_nils(text, offsets, len(line.text))
        self.text, self.offsets, self.base = text, offsets, line.start

    def cell(self, text: str, start: int) -> Cell:
        first = self.base + self.offsets[start] if start < len(self.offsets) else self.base + len(self.offsets)
        last = start + len(text) - 1
        end = self.base + (self.offsets[last] + 1 if 0 <= last < len(self.offsets) else self.offsets[-1] + 1)
        return Cell(text, first, max(first, end))


def _spaced_nils(text: str, offsets: list[int], end: int) -> tuple[str, list[int]]:
    """Nil hyphens (see ``_NIL_AFTER_LABEL``) as "—" cells with a space on each side, so that
    the figure pattern reads them as nils and the figure after one keeps its sign."""
    found = {m.start() for m in _NIL_AFTER_LABEL.finditer(text)} | {m.start() for m in _NIL_AFTER_FIGURE.finditer(text)}
    found |= {m.start(1) for pattern in (_NIL_SPACED, _NIL_AFTER_SPACE) for m in pattern.finditer(text)}
    nils = sorted(i for i in found if not _in_link(text, i))
    if not nils:
        return text, offsets
    chars = list(text)
    for i in nils:
        chars[i] = "—"
    cuts = sorted(
        {
            c
            for i in nils
            for c in (i, i + 1)
            if 0 < c < len(text) and not text[c - 1].isspace() and not text[c].isspace()
        }
    )
    return _spaced("".join(chars), offsets, cuts, end) if cuts else ("".join(chars), offsets)


def _in_link(text: str, i: int) -> bool:
    """Whether position ``i`` is inside a URL or path ("…/article/1-16-and-1-24-per-share/")."""
    start = text.rfind(" ", 0, i) + 1
    stop = text.find(" ", i)
    return "/" in text[start : stop if stop >= 0 else len(text)]


def _spaced(text: str, offsets: list[int], cuts: list[int], end: int) -> tuple[str, list[int]]:
    """``text`` with a space put in before each cut; the space takes the offset of the character
    after it (``end`` at the end). One pass, so a line glued in many places costs its length."""
    parts: list[str] = []
    spaced: list[int] = []
    prev = 0
    for cut in cuts:
        parts += (text[prev:cut], " ")
        spaced += offsets[prev:cut]
        spaced.append(offsets[cut] if cut < len(offsets) else end)
        prev = cut
    parts.append(text[prev:])
    spaced += offsets[prev:]
    return "".join(parts), spaced


def _flat_table(line: Line, caption: str) -> Table | None:
    view = _View(line)
    text = view.text
    figures = _figures(text)
    if len(figures) < _MIN_FIGURES:
        return None
    segments = _until_prose(_segments(text, figures))
    rows_with_figures = [s for s in segments if s[1]]
    if len(rows_with_figures) < 3:
        return None
    widths = [len(f) for _, f in rows_with_figures]
    if max(set(widths), key=widths.count) < 1 or sum(w == 1 for w in widths) > 0.5 * len(widths):
        return None  # prose with numbers, not rows of a table
    segments = _dash_in_label(text, segments, max(set(widths), key=widths.count))
    header_text, first_label = _split_header(segments[0][0])
    rows: list[TableRow] = []
    for k, (label, figs) in enumerate(segments):
        label_text, label_start = first_label if k == 0 else label
        rows.extend(_flat_rows(view, label_text, label_start, figs))
    header_cells = tuple(view.cell(t, s) for t, s in _header_units(header_text[0], header_text[1]))
    header = tuple(TableRow((c,), c.start, c.end) for c in header_cells)
    title = next((c for c in reversed(caption.split("\n")) if c and not _PERIODISH.search(c)), "")
    context = caption + ("\n" + header_text[0] if header_text[0] else "")
    return Table(header, tuple(rows), line.start, line.start + len(text), title, context, "flat")


def _dash_in_label(text: str, segments: list[_Segment], width: int) -> list[_Segment]:
    """ "Weighted average shares outstanding – Basic and diluted 32,884,882 32,603,767": a dash
    between a label and a short capitalised phrase that a full row of figures follows joins the
    two into one label. Read as a nil it would leave a row of one empty figure and a row named
    "Basic and diluted"."""
    out: list[_Segment] = []
    k = 0
    while k < len(segments):
        (label, start), figs = segments[k]
        if (
            width > 1
            and k + 1 < len(segments)
            and len(figs) == 1
            and label.strip()
            and not any(ch.isdigit() for ch in figs[0].group())
            and not text[max(0, figs[0].start() - 1) : figs[0].start()].strip(" " + _NBSP) == "$"
        ):
            (nxt, nxt_start), nxt_figs = segments[k + 1]
            if len(nxt_figs) == width and nxt[:1].isupper() and len(nxt.split()) <= 5:
                out.append(((text[start : nxt_start + len(nxt)], start), nxt_figs))
                k += 2
                continue
        out.append(segments[k])
        k += 1
    return out


_Segment = tuple[tuple[str, int], list[re.Match[str]]]


def _segments(text: str, figures: list[re.Match[str]]) -> list[tuple[tuple[str, int], list[re.Match[str]]]]:
    """``((label, start), figures)`` runs: the text before a run of figures is its label."""
    out: list[tuple[tuple[str, int], list[re.Match[str]]]] = []
    pos = 0
    k = 0
    while k < len(figures) or pos < len(text):
        run: list[re.Match[str]] = []
        label_end = figures[k].start() if k < len(figures) else len(text)
        label = text[pos:label_end]
        while k < len(figures) and not text[(run[-1].end() if run else label_end) : figures[k].start()].strip(
            " )" + _NBSP
        ):
            run.append(figures[k])
            k += 1
        lead = len(label) - len(label.lstrip(" )" + _NBSP))
        out.append(((label.strip(" " + _NBSP), pos + lead), run))
        pos = run[-1].end() if run else len(text)
        if not run:
            break
    return out


_PROSE = re.compile(r"\b(?:the|reported|compared|was|were|is|are|has|had|of)\b.*\b(?:the|was|were|of|to)\b", re.I)


def _until_prose(
    segments: list[tuple[tuple[str, int], list[re.Match[str]]]],
) -> list[tuple[tuple[str, int], list[re.Match[str]]]]:
    """A flattened table ends where prose resumes on the same line: a label that reads as a
    clause of a sentence ("For the three months ended ... the Company reported ...")."""
    for k, ((label, _start), _figs) in enumerate(segments):
        if k and _reads_as_prose(label):
            return segments[:k]
    return segments


_VERB = re.compile(r"\b(?:is|are|was|were|has|had|have|reported|compared|announced|recorded|said)\b", re.I)
_ASIDE = re.compile(r"\([^()]*\)|\([^()]*$")


def _reads_as_prose(label: str) -> bool:
    """Whether a long label is a clause of a sentence. Statement labels run long too ("Preferred
    Stock; par value $0.001; 5,000,000 shares authorized; ...", "Amortization of discount - proceeds
    from sale of discontinued operations", "... costs ($6,000,000 in principal was held by ...)"):
    asides in parentheses do not count, semicolons mark a label, and up to a dozen words a clause
    needs a verb."""
    words = _ASIDE.sub(" ", label)
    n = len(words.split())
    if n < 8 or ";" in words or not _PROSE.search(words):
        return False
    return n > 12 or bool(_VERB.search(words))


# Words of a column header that may follow its last year: audit state, change columns.
_HEADER_WORDS = re.compile(
    r"(?:\s*(?:\(?(?:un)?audited\)?|period|%|change|variance|increase|\(?decrease\)?|/|\bvs\.?))+(?=\s)", re.I
)


def _split_header(label: tuple[str, int]) -> tuple[tuple[str, int], tuple[str, int]]:
    """The first segment holds the header and the first label: split after the last year."""
    text, start = label
    years = list(re.finditer(r"(?:19|20)\d\d\b", text))
    if not years:
        return ("", start), (text, start)
    cut = years[-1].end()
    words = _HEADER_WORDS.match(text, cut)  # "2025 2024 Period % Unaudited Unaudited Change Revenue"
    if words and text[words.end() :].strip():
        cut = words.end()
    rest = text[cut:]
    lead = len(rest) - len(rest.lstrip())
    return (text[:cut], start), (rest.strip(), start + cut + lead)


def _header_units(text: str, start: int) -> list[tuple[str, int]]:
    """Header text cut into units: each date or duration phrase, each year."""
    units = []
    for m in re.finditer(
        r"(?:(?:for\s+the\s+)?(?:three|six|nine|twelve|\d{1,2})\s+months?\s+ended|(?:for\s+the\s+)?(?:fiscal\s+)?years?\s+ended|"
        r"quarter\s+ended)?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},?|(?:19|20)\d\d",
        text,
        re.I,
    ):
        units.append((m.group().strip(), start + m.start() + (len(m.group()) - len(m.group().lstrip()))))
    return units


# A section heading set off from its first row's label by a wide gap instead of a colon.
_HEADING_GAP = re.compile(r"(?<=[a-z])\s{3,}(?=[A-Z])")


def _flat_rows(view: _View, label: str, start: int, figs: list[re.Match[str]]) -> list[TableRow]:
    """A label run with its figures; "Operating expenses: Research and development" is a
    section heading and a row."""
    rows: list[TableRow] = []
    head, sep, tail = label.partition(":")
    if not sep and (gap := _HEADING_GAP.search(label)):  # "Gross Profit          Devices"
        head, sep, tail = label[: gap.start()], label[gap.start()], label[gap.start() + 1 :]
    if sep and tail.strip()[:1].isupper() and _SECTION_WORDS.search(head.strip()):
        h = view.cell(head.strip(), start)
        rows.append(TableRow((h,), h.start, h.end))
        offset = len(head) + 1 + (len(tail) - len(tail.lstrip()))
        label, start = tail.strip(), start + offset
    elif sep and not tail.strip():
        label = head.strip()
    cells = [view.cell(label, start)]
    cells += [view.cell(m.group().strip(), m.start() + (len(m.group()) - len(m.group().lstrip()))) for m in figs]
    if figs or label:
        rows.append(TableRow(tuple(cells), cells[0].start if label else cells[1].start, cells[-1].end))
    return rows
