"""The one number parser: printed amounts → exact decimals.

Handles ``$``, thousands separators, parentheses as negatives, a trailing ``)`` split off by HTML
conversion, dashes as zero, and footnote markers such as ``(1)`` that are not amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_DASHES = {"-", "--", "—", "–", "---"}
_NUMBER = re.compile(
    r"^(?P<neg>\()?-?\$?\s*(?P<minus>-)?(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+)\s*(?P<close>\))?\s*(?P<pct>%)?$"
)


# currency marks printed with a figure ("€ 1,234", "US$ 5.0", "C$(12)"); the unit comes from the table
_CURRENCY = re.compile(r"(?:US\$|C\$|A\$|NZ\$|HK\$|€|£|¥|CHF\s|EUR\s|NIS\s|₪)\s*")
_STRAY_SPACE = re.compile(r"(?<=\d),\s+(?=\d{3}(?!\d))")


@dataclass(frozen=True)
class Amount:
    """A parsed amount: its value, the step of its last printed digit, and whether it is a %."""

    value: Decimal
    step: Decimal
    percent: bool = False


def parse_amount(token: str) -> Amount | None:
    """``"$ (2,452,000)"`` → -2452000 (step 1); ``"(.05)"`` → -0.05 (step 0.01); ``"--"`` → 0.

    Returns None for anything that is not an amount (words, footnote markers, years in headers
    are the caller's business).
    """
    text = token.strip().replace("\u00a0", " ")
    text = _CURRENCY.sub("", text)
    text = _STRAY_SPACE.sub(",", text)  # "5,828, 109": a space slipped into a thousands group
    text = re.sub(r"^\$\s*", "", text)
    if text in _DASHES:
        return Amount(Decimal(0), Decimal(1))
    negative = text.startswith("(") or text.startswith("-")
    text = text.lstrip("(-").lstrip("$").strip()
    match = _NUMBER.match(text)
    if not match or (match.group("close") and not negative):
        return None
    digits = match.group("digits").replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    step = Decimal(1).scaleb(-decimals)
    return Amount(-value if negative else value, step, bool(match.group("pct")))


_SCALE_WORDS = {"thousand": Decimal(1000), "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9}
_PROSE_AMOUNT = re.compile(
    r"\$\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+)\s*(?P<scale>thousand|million|billion)?\b",
    re.IGNORECASE,
)


def scaled_value(digits: str, scale_word: str | None = None) -> Decimal:
    """``("2.8", "million")`` → 2800000, exactly (no float rounding)."""
    return Decimal(digits.replace(",", "")) * _SCALE_WORDS.get((scale_word or "").lower().rstrip("s"), Decimal(1))


def whole_units(value: Decimal) -> str:
    """A figure as the plain integer string that events record (``"800000"``)."""
    return str(int(value.to_integral_value()))


def prose_amounts(text: str) -> list[tuple[int, int, Decimal, Decimal]]:
    """Dollar figures in prose: ``(start, end, value, step)``; "$2.8 million" → 2800000, step 100000."""
    found = []
    for match in _PROSE_AMOUNT.finditer(text):
        digits = match.group("num").replace(",", "")
        scale = _SCALE_WORDS.get((match.group("scale") or "").lower(), Decimal(1))
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        value = Decimal(digits) * scale
        step = Decimal(1).scaleb(-decimals) * scale
        found.append((match.start(), match.end(), value, step))
    return found
