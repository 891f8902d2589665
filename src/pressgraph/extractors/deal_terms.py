"""Deal terms of a licence or collaboration: upfront payment, milestone payments, equity
investment, royalty, and the deal's status, as the release prints them.

A figure is a term only when the words around it say which term it is ("an upfront payment of
$25 million", "up to $1.2 billion in development and sales milestones", "a $10 million equity
investment", "tiered royalties ranging from 8% to 12%"); any other dollar figure in the sentence
(a cash balance, a market size) is left alone.
"""

from __future__ import annotations

import re

from pressgraph.extractors.numbers import scaled_value, whole_units


def _money(i: int) -> str:
    """A dollar amount with groups n<i> (digits) and s<i> (scale word): alternatives need their own names.
    It goes into verbose patterns, so it holds no literal space."""
    return rf"(?:US)?\$\s?(?P<n{i}>[\d,]+(?:\.\d+)?)\s*(?P<s{i}>million|billion|thousand|[MB]\b)?"


_UPFRONT = re.compile(
    rf"""\b(?:up-?front|initial|signing)\s+(?:cash\s+)?                     # "an upfront cash"
         (?:payment|fee|license\s+fee|consideration)s?\s+(?:of\s+)?        # "... payment of"
         (?:approximately\s+)?{_money(1)}                                  # "... approximately $25 million"
       | {_money(2)}\s+(?:in\s+)?(?:an?\s+)?(?:up-?front|initial|signing)\b  # "$25 million in upfront ..."
    """,
    re.I | re.VERBOSE,
)
_MILESTONES = re.compile(
    rf"""\bmilestone\s+payments?\s+(?:of\s+)?                             # "milestone payments of"
         (?:up\s+to\s+|totaling\s+|totalling\s+|of\s+)?(?:approximately\s+)?{_money(3)}  # "... up to $1.2 billion"
       | (?:up\s+to|totaling|totalling|additional)\s+(?:approximately\s+)?{_money(4)}   # "up to $1.2 billion"
         \s+(?:in\s+)?(?:(?:potential|future|development|clinical|regulatory  # "... in potential development,
                           |commercial|sales|sales-based|and)[,\s]+){{0,6}}  #  regulatory and sales-based
         milestones?\b                                                     #  milestones"
    """,
    re.I | re.VERBOSE,
)
_EQUITY = re.compile(
    rf"""\bequity\s+investment\s+of\s+(?:approximately\s+)?{_money(5)}  # "an equity investment of $10 million"
       | {_money(6)}\s+(?:equity\s+investment                         # "$10 million equity investment"
                        |investment\s+in\s+(?:the\s+Company['’]s\s+|our\s+)?
                         (?:common\s+stock|shares))                  # "$10 million investment in our common stock"
    """,
    re.I | re.VERBOSE,
)
_ROYALTY = re.compile(
    r"""\b(?P<r>
        (?:tiered\s+)?(?:(?:low|mid|high)[- ])?(?:single|double)[- ]digit   # "tiered mid-single-digit"
        (?:\s+to\s+(?:(?:low|mid|high)[- ])?(?:single|double)[- ]digit)?    # "... to low double-digit"
        \s+(?:percentage\s+)?royalt(?:y|ies)                                # "... percentage royalties"
      | (?:tiered\s+)?royalt(?:y|ies)\s+(?:on\s+[\w\s]{0,30}?)?              # "royalties on net sales"
        (?:of|ranging\s+from|at)\s+(?:up\s+to\s+)?\d+(?:\.\d+)?\s?%          # "ranging from 8%", "of up to 12.5%"
        (?:\s+(?:to|and)\s+\d+(?:\.\d+)?\s?%)?                              # "... to 15%"
    )""",
    re.I | re.VERBOSE,
)
_STATUS = (
    ("terminated", re.compile(r"\b(?:terminat(?:ed|es|ion)|ended|cancel(?:l)?ed)\b", re.I)),
    (
        "planned",
        re.compile(
            r"\b(?:term\s+sheet|letter\s+of\s+intent|non-binding|expects?\s+to\s+(?:enter|sign)|"
            r"intends?\s+to\s+(?:enter|sign)|negotiat)",
            re.I,
        ),
    ),
    ("amended", re.compile(r"\bamend(?:ed|ment|s)\b", re.I)),
    (
        "signed",
        re.compile(
            r"""\b(?:entered\s+into|signed|executed                       # "has entered into", "signed"
                  |announced\s+(?:an?|the)\s+(?:exclusive\s+)?
                   (?:licen[cs]e|collaboration|agreement)                 # "announced an exclusive license"
                  |granted|has\s+licen[cs]ed|in-?licen[cs]ed)\b           # "granted", "has in-licensed"
            """,
            re.I | re.VERBOSE,
        ),
    ),
)


def _amount(m: re.Match[str]) -> str:
    digits = next(v for k, v in m.groupdict().items() if k.startswith("n") and v)
    scale = next((v for k, v in m.groupdict().items() if k.startswith("s") and v), None)
    word = {"m": "million", "b": "billion"}.get((scale or "").lower(), scale)
    return whole_units(scaled_value(digits, word))


def terms_in(text: str) -> dict[str, str]:
    """The deal terms the text states, as values of a partnership event."""
    out: dict[str, str] = {}
    for key, regex in (("upfront_usd", _UPFRONT), ("milestones_usd", _MILESTONES), ("equity_usd", _EQUITY)):
        m = regex.search(text)
        if m:
            out[key] = _amount(m)
    if m := _ROYALTY.search(text):
        out["royalty"] = " ".join(m.group("r").split())
    return out


def deal_status(text: str) -> str | None:
    """What has happened to the deal: signed, planned, amended or terminated."""
    return next((status for status, regex in _STATUS if regex.search(text)), None)
