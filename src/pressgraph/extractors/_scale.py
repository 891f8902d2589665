"""Scale and currency of a table's figures, wherever the table states them.

"(in thousands)", "(In millions, except per share data)", "U.S. dollars in thousands", "$000s",
"(000's omitted)", "(€ in millions)" are printed in the title, a header cell, the first row's
label, the line above or a footnote below. Money and share counts may differ ("in millions,
except shares in thousands"); per-share figures and percentages are never scaled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pressgraph.extractors.numbers import scaled_value

_SCALE = re.compile(
    r"""\b(?P<word>thousands|millions|billions)\b      # "(in thousands, except per share data)"
      | (?:\$|€|£)\s?(?P<ooo>000)'?s?\b               # "$000", "$000's"
      | \(000'?s?\)                                    # "(000's)"
      | \b000'?s\s+omitted\b                           # "000's omitted"
      | \bin\s+000'?s\b                                # "in 000s"
      | (?:\$|€|£|\bUSD|\bEUR)\s?(?P<abbr>m|mn|bn|k)\b # "$m", "€ bn", "USD k"
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ABBR = {"k": "thousands", "m": "millions", "mn": "millions", "bn": "billions"}
_CURRENCIES = (
    ("EUR", re.compile(r"€|\bEUR\b|\beuros?\b", re.I)),
    ("GBP", re.compile(r"£|\bGBP\b|\bpounds?\s+sterling\b", re.I)),
    ("CAD", re.compile(r"\bC\$|\bCAD\b|\bCanadian\s+dollars?\b", re.I)),
    ("CHF", re.compile(r"\bCHF\b|\bSwiss\s+francs?\b", re.I)),
    ("ILS", re.compile(r"\bNIS\b|\bshekels?\b", re.I)),
    ("JPY", re.compile(r"¥|\bJPY\b|\byen\b", re.I)),
    ("CNY", re.compile(r"\bRMB\b|\bCNY\b|\byuan\b", re.I)),
    ("AUD", re.compile(r"\bA\$|\bAUD\b|\bAustralian\s+dollars?\b", re.I)),
)
_USD = re.compile(r"U\.?S\.?\s+dollars?|\bUSD\b|\bUS\$", re.I)


@dataclass(frozen=True)
class Scale:
    """Multipliers from printed figures to full units, and the currency of money figures."""

    money: Decimal = Decimal(1)
    shares: Decimal = Decimal(1)
    currency: str = "USD"
    stated: str = ""  # the words that said so, for messages


def scale_of(text: str) -> Scale:
    """The scale that ``text`` (title, header, caption, first labels, footnote) states."""
    match = _SCALE.search(text)
    currency = currency_of(text)
    if not match:
        return Scale(currency=currency)
    word = match.group("word") or _ABBR.get((match.group("abbr") or "").lower()) or "thousands"
    money = scaled_value("1", word)
    tail = text[match.end() : match.end() + 160].lower()
    return Scale(money, _share_scale(tail, money), currency, match.group(0))


def _share_scale(tail: str, money: Decimal) -> Decimal:
    """Share counts follow the money scale unless the note excepts or restates them."""
    shares_in = re.search(r"shares?[^.;)]*?(?:in|reflected in|are in)\s+(thousands|millions)", tail)
    if shares_in:
        return scaled_value("1", shares_in.group(1))
    if re.search(r"except[^)]*\b(?:share|shares)\b(?!\s*amounts?\s+in)", tail):
        if re.search(
            r"except\s+(?:for\s+)?per[- ](?:common\s+|basic\s+|diluted\s+)?share(?!s)(?!\s+and\s+share)", tail
        ):
            return money
        return Decimal(1)
    return money


def currency_of(text: str) -> str:
    """The currency a table's note names (USD unless another is named)."""
    if _USD.search(text):
        return "USD"
    for code, pattern in _CURRENCIES:
        if pattern.search(text):
            return code
    return "USD"


def row_scale(label: str, table: Scale) -> Scale | None:
    """A row label that states its own scale ("Weighted average shares (in thousands)")."""
    m = re.search(r"\((?:[^()]*\b)?in\s+(thousands|millions|billions)\b[^()]*\)|\b(?:in|\$)\s*(000s)\b", label, re.I)
    if not m:
        return None
    word = m.group(1) or "thousands"
    value = scaled_value("1", word)
    if re.search(r"\bshares?\b", label, re.I) and not re.search(r"per\s+share", label, re.I):
        return Scale(table.money, value, table.currency, m.group(0))
    return Scale(value, table.shares, table.currency, m.group(0))
