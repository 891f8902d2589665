"""Readable words for the pages where the graph has no label: ``has partner`` for
``pg:hasPartner``, ``3 months ended Sep 30, 2003`` for a period IRI, ``$ (2,452)`` for a figure.

The JSON views keep IRIs and CURIEs (programs want them); only HTML goes through here, and
each page keeps the CURIE or IRI in a ``title`` attribute for the reader who wants it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from pressgraph.config import base_iri
from pressgraph.names import SHORT_MONTHS

_WORD_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NAMESPACE_ENDS = ("#", "/")
_ACRONYM = re.compile(r"^[A-Z0-9]{2,}$")


def words(local_name: str) -> str:
    """``hasPartner`` → ``has partner``; ``ClinicalTrial`` → ``clinical trial``; acronyms stay
    (``USDPerShare`` → ``USD per share``)."""
    parts = _WORD_BREAK.sub(" ", local_name.replace("_", " ")).split()
    return " ".join(p if _ACRONYM.match(p) else p.lower() for p in parts)


def sentence(local_name: str) -> str:
    """``ClinicalTrial`` → ``Clinical trial`` (a class or a heading)."""
    text = words(local_name)
    return text[:1].upper() + text[1:]


def curie(text: str) -> str:
    """A CURIE as the pages show it: ``pg:hasPartner`` → ``has partner``, ``id:…`` as its IRI."""
    prefix, sep, local = text.partition(":")
    if not sep or "//" in text:
        return iri(text)
    if prefix == "id":
        return iri(base_iri() + local)
    return words(local)


def iri(value: str) -> str:
    """The readable form of an IRI that has no label: periods, releases' parts, or its last part."""
    base = base_iri()
    if value.startswith(base):
        local = value[len(base) :]
        if local.startswith("period/"):
            return period_key(local[len("period/") :])
        if local.startswith("release/") and local.count("/") == 1:
            return local[len("release/") :]  # the release id, as the release pages name it
        if "/evidence/" in local:
            return "evidence, characters " + local.rsplit("/", 1)[-1].replace("-", "–")
        return local.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    for end in _NAMESPACE_ENDS:
        if end in value[8:]:
            return words(value.rstrip(end).rsplit(end, 1)[-1]) or value
    return value


def day(when: date) -> str:
    """``Sep 30, 2003``."""
    return f"{SHORT_MONTHS[when.month - 1]} {when.day}, {when.year}"


def period(start: date | None, end: date, months: int | None = None) -> str:
    """``3 months ended Sep 30, 2003`` for a duration, ``Sep 30, 2003`` for an instant."""
    if start is None:
        return day(end)
    if months is None and start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months:
        return f"{months} month{'s' if months != 1 else ''} ended {day(end)}"
    return f"{day(start)} – {day(end)}"


def period_key(key: str) -> str:
    """A period IRI's key (``2003-07-01--2003-09-30`` or ``2003-09-30``) in words."""
    try:
        if "--" in key:
            start, end = key.split("--", 1)
            return period(date.fromisoformat(start), date.fromisoformat(end))
        return period(None, date.fromisoformat(key))
    except ValueError:
        return key


def number(value: Decimal, decimals: int = 0) -> str:
    """``2,452`` or ``(2,452)`` for a negative figure, as financial statements print them."""
    text = f"{abs(value):,.{decimals}f}"
    return f"({text})" if value < 0 else text


def amount(value: str | Decimal, unit: str, scale: int = 1) -> str:
    """A figure in its unit and the statement's scale: ``$ (2,452)``, ``$ (0.05)``, ``44,886``,
    ``12.5%``; ``—`` for zero, as the releases print it."""
    try:
        figure = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if figure == 0:
        return "—"
    if unit in ("USD/share", "USD per share"):
        return f"$ {number(figure, max(2, _decimals(figure)))}"
    if unit == "percent":
        return f"{number(figure, _decimals(figure))}%"
    scaled = figure / scale
    text = number(scaled, _decimals(scaled))
    return f"$ {text}" if unit == "USD" else text


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
