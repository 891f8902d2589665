"""Which statement a table (or a part of one) is, and what that says about its figures.

The statement decides what a figure is: on a balance sheet every figure is a balance at an
instant; in a cash-flow statement "Accounts receivable" is the change over the period, not the
balance, and "Cash at end of period" is a balance at the period's end; an income statement's
figures are flows over the column's period. The kind is read from the table's own title, the
heading rows inside it ("Balance Sheet Data:"), and, failing those, from its row labels.
"""

from __future__ import annotations

import re

BALANCE = "balance-sheet"
CASH_FLOW = "cash-flow"
OPERATIONS = "operations"
EQUITY = "equity"
NON_GAAP = "non-gaap"
SEGMENT = "segment"

_TITLE_KINDS = (
    (CASH_FLOW, re.compile(r"\bcash\s+flows?\b|\bsources\s+and\s+uses\s+of\s+cash\b", re.I)),
    (BALANCE, re.compile(r"balance\s+sheets?|financial\s+(?:position|condition)|statements?\s+of\s+condition", re.I)),
    (EQUITY, re.compile(r"changes\s+in\s+(?:stock|share)holders", re.I)),
    (NON_GAAP, re.compile(r"non[- ]?gaap|reconciliation|\badjusted\b|\bebitda\b", re.I)),
    (SEGMENT, re.compile(r"\bsegments?\b|\bby\s+(?:region|geography|product\s+line)\b", re.I)),
    (
        OPERATIONS,
        re.compile(
            r"""statements?\s+of\s+(?:consolidated\s+)?
                (?:operations|income|earnings|loss|comprehensive)  # "Consolidated Statements of Operations"
              | income\s+statements?                               # "Condensed Income Statement"
              | operations\s+data                                  # "Selected Statement of Operations Data"
              | results\s+of\s+operations                          # "Results of Operations"
              | \bprofit\s+(?:and|&)\s+loss                        # "Profit and Loss Account"
            """,
            re.I | re.VERBOSE,
        ),
    ),
)
_BALANCE_LABELS = re.compile(
    r"^total\s+(?:current\s+)?(?:assets|liabilities)\b|^total\s+(?:stock|share)holders|working\s+capital", re.I
)
_CASH_LABELS = re.compile(r"\b(?:operating|investing|financing)\s+activities\b", re.I)
_OPS_LABELS = re.compile(
    r"""^(?:total\s+)?(?:net\s+)?(?:revenues?|sales)\b             # "Total revenues", "Net sales"
      | ^net\s+(?:income|loss)                                    # "Net loss"
      | ^(?:net\s+)?(?:loss|income|earnings)\s+per\s+share        # "Net loss per share"
      | ^(?:operating\s+(?:income|loss)                           # "Operating loss"
           |(?:income|loss)\s+from\s+operations)                  # "Loss from operations"
    """,
    re.I | re.VERBOSE,
)
_END_CASH = re.compile(r"\bcash\b.*\b(?:at|as\s+of)?\s*(?:the\s+)?end\s+of\s+(?:the\s+)?(?:period|year|quarter)", re.I)
_START_CASH = re.compile(
    r"\bcash\b.*\b(?:at|as\s+of)?\s*(?:the\s+)?beginning\s+of\s+(?:the\s+)?(?:period|year|quarter)", re.I
)


def kind_of_title(text: str) -> str | None:
    """The statement a title or heading names, if any."""
    for kind, pattern in _TITLE_KINDS:
        if pattern.search(text):
            return kind
    return None


def kind_of_labels(labels: list[str]) -> str | None:
    """The statement a table's row labels suggest, when nothing names it."""
    if sum(bool(_CASH_LABELS.search(x)) for x in labels) >= 2:
        return CASH_FLOW
    balance = sum(bool(_BALANCE_LABELS.search(x)) for x in labels)
    ops = sum(bool(_OPS_LABELS.search(x)) for x in labels)
    if balance > ops:
        return BALANCE
    if ops > balance:
        return OPERATIONS
    return None


def balance_in_cash_flow(label: str) -> str | None:
    """ "end" or "start" for a cash-flow row that states a balance ("Cash at end of period")."""
    if _END_CASH.search(label):
        return "end"
    if _START_CASH.search(label):
        return "start"
    return None


_FLOW_PREFIX = "IncreaseDecreaseIn"
_NO_FLOW_PREFIX = re.compile(r"^(?:IncreaseDecrease|NetCash|Payments|Proceeds|Repayments|CashCash|CashAnd)")


def cash_flow_concept(concept: str, is_gaap: bool, period: str | None) -> str:
    """The cash-flow element for a balance-sheet label reused in a cash-flow statement
    ("Accounts receivable" → IncreaseDecreaseInAccountsReceivable)."""
    if not is_gaap or period != "instant" or _NO_FLOW_PREFIX.match(concept):
        return concept
    base = re.sub(r"(?:NetCurrent|Current|Net|Noncurrent)$", "", concept)
    return _FLOW_PREFIX + base
