"""Key figures stated in prose ("a net loss of $2.8 million, or $.04 per common share, up from
a net loss of $2.5 million ... for the same period in 2002") → text facts.

Each text fact records its rounding step (``precision``) and is linked (``rounds``) to the table
fact of the same concept and period, so the shapes can check that prose agrees with the tables.
Only durations are read, and only where the sentence or the release states the period: a figure
whose period is unclear is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from pressgraph.extract.numbers import prose_amounts
from pressgraph.extract.periods import DATE_RE, MONTHS, duration_months, make_date, period_for
from pressgraph.model import Block, BlockKind, Evidence, FinancialFact, Period, ReleaseMetadata, Unit
from pressgraph.rdf.iris import strip_legal_suffix
from pressgraph.resources import lexicon_path

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_EPS = re.compile(
    r"^\s*,?\s*\(?\s*(?:or\s+)?\$\s?\(?(?P<num>\d*\.\d+)\)?\s+per\s+(?P<kind>basic\s+and\s+diluted\s+|diluted\s+|basic\s+|common\s+)?(?:common\s+)?share",
    re.IGNORECASE,
)
_COMPARE = re.compile(r"\b(?:compared\s+(?:to|with)|up\s+from|down\s+from|from|versus|vs\.?)\b", re.IGNORECASE)
_PRIOR = re.compile(
    r"(?:same\s+period|quarter|months|year)\s+(?:in|of)\s+(?P<year>(?:19|20)\d\d)|\bin\s+(?P<year2>(?:19|20)\d\d)\b|prior[- ]year|year[- ]ago|last\s+year",  # noqa: E501
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"(?P<dur>(?:first|second|third|fourth)\s+(?:fiscal\s+)?quarter|(?:three|six|nine|twelve)\s+months|(?:fiscal\s+)?year|quarter)\s+ended\s+(?P<date>"
    + DATE_RE.pattern
    + r")",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Metric:
    pattern: re.Pattern[str]
    concept: str
    sign: int


@lru_cache(maxsize=1)
def _metrics() -> tuple[_Metric, ...]:
    metrics = []
    for line in lexicon_path("prose_metrics.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, concept, sign, _period = line.split("\t")
            metrics.append(_Metric(re.compile(r"\b(?:" + phrase + r")\b", re.IGNORECASE), concept, int(sign)))
    return tuple(metrics)


def prose_facts(
    blocks: tuple[Block, ...], metadata: ReleaseMetadata, table_facts: list[FinancialFact]
) -> list[FinancialFact]:
    """Text facts from paragraphs and bullets, linked to the table facts they round."""
    current = _release_period(metadata)
    facts: list[FinancialFact] = []
    in_segment = False
    for block in blocks:
        if block.kind in (BlockKind.HEADING, BlockKind.SUBHEADLINE):
            in_segment = False
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.BULLET, BlockKind.DATELINE):
            continue
        in_segment = in_segment or _about_a_segment(block.text, metadata)
        if in_segment:
            continue
        for s_start, sentence in _sentences(block.text):
            period = _sentence_period(sentence) or (current if _names_reporting_period(sentence, current) else None)
            if period is None:
                continue
            facts.extend(_facts_in_sentence(block, s_start, sentence, period, len(facts)))
    periods = {f.period for f in table_facts if not f.period.is_instant}
    return [_link(_snap(f, periods), table_facts) for f in _dedupe(facts)]


def _snap(fact: FinancialFact, periods: set[Period]) -> FinancialFact:
    """A prior period found by shifting a year ("the same period in 2003") is the tables' period of
    the same length ending within a week of it: 52/53-week fiscal quarters do not end on the
    same date each year."""
    if fact.period in periods:
        return fact
    near = [p for p in periods if p.months == fact.period.months and abs((p.end - fact.period.end).days) <= 7]
    return replace(fact, period=near[0]) if len(near) == 1 else fact


_REPORTING = re.compile(
    r"\b(?:for|in|during)\s+the\s+(?:(?:first|second|third|fourth)\s+)?(?:fiscal\s+)?quarter"
    r"(?:\s+of\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)


def _names_reporting_period(sentence: str, current: Period | None) -> bool:
    """The sentence says it reports the release's own quarter ("for the second quarter of 2004")."""
    if current is None or current.months != 3:
        return False
    m = _REPORTING.search(sentence)
    return bool(m) and (not m.group("year") or abs(int(m.group("year")) - current.end.year) <= 1)


def _about_a_segment(text: str, metadata: ReleaseMetadata) -> bool:
    """A paragraph about a part of the company ("<Issuer> Canada reported ..."): its figures are
    not the consolidated ones, so they are left out."""
    if re.search(r"\bsegments?\b|\bdivisions?\b", text[:300], re.IGNORECASE):
        return True
    subject = re.match(r"^((?:[A-Z][\w&.'-]*,?\s+){1,4}?)(?:reported|posted|recorded|generated|had)\b", text)
    names = [metadata.issuer_name or "", *metadata.issuer_short_names, "The Company", "We"]
    if subject and not any(_same_name(subject.group(1), n) for n in names if n):
        return True
    legal = metadata.issuer_name or ""
    for short in metadata.issuer_short_names:
        for m in re.finditer(r"\b" + re.escape(short) + r"\s+([A-Z][a-z]+)\b", text[:200]):
            if not legal.startswith(m.group()):
                return True
    return False


def _same_name(a: str, b: str) -> bool:
    def norm(x: str) -> str:
        return re.sub(r"[^a-z]+", " ", strip_legal_suffix(x.strip(" ,")).lower()).strip()

    return norm(a) == norm(b)


def _sentences(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out


def _release_period(metadata: ReleaseMetadata) -> Period | None:
    if metadata.reporting_period_end and metadata.reporting_period_months:
        return period_for(metadata.reporting_period_end, metadata.reporting_period_months)
    return None


def _sentence_period(sentence: str) -> Period | None:
    m = _PERIOD.search(sentence)
    if not m or not m.group("year"):
        return None
    end = make_date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
    months = duration_months(m.group("dur"))
    return period_for(end, months) if end and months else None


def _facts_in_sentence(block: Block, s_start: int, sentence: str, period: Period, n: int) -> list[FinancialFact]:
    amounts = prose_amounts(sentence)
    found: list[FinancialFact] = []
    used: set[int] = set()
    for metric, m_start, m_end in _metric_mentions(sentence):
        first = next((a for a in amounts if m_end <= a[0] <= m_end + 60), None)
        if first is None or first[0] in used or _metric_between(sentence, m_end, first[0]):
            continue
        if _COMPARE.search(sentence[max(0, m_start - 40) : m_start]):
            continue  # a comparative figure whose period was not stated: left out, not guessed
        found.append(_fact(block, s_start, sentence, metric, m_start, first, period, n + len(found)))
        eps = _EPS.match(sentence[first[1] :])
        if eps:
            found.append(_eps_fact(block, s_start, first[1], eps, metric.sign, period, n + len(found)))
        after = first[1] + (eps.end() if eps else 0)
        prior = _prior_amount(sentence, after, amounts, period)
        if prior is not None:
            amount, prior_period, named = prior
            used.add(amount[0])
            metric_then, quote_from = named or (metric, amount[0])
            found.append(_fact(block, s_start, sentence, metric_then, quote_from, amount, prior_period, n + len(found)))
            prior_eps = _EPS.match(sentence[amount[1] :])
            if prior_eps:
                found.append(
                    _eps_fact(block, s_start, amount[1], prior_eps, metric_then.sign, prior_period, n + len(found))
                )
    return found


def _metric_mentions(sentence: str) -> list[tuple[_Metric, int, int]]:
    mentions: list[tuple[_Metric, int, int]] = []
    taken: list[tuple[int, int]] = []
    for metric in _metrics():
        for m in metric.pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            mentions.append((metric, m.start(), m.end()))
    return sorted(mentions, key=lambda x: x[1])


def _metric_between(sentence: str, start: int, end: int) -> bool:
    return any(m.pattern.search(sentence[start:end]) for m in _metrics())


def _prior_amount(
    sentence: str, after: int, amounts: list[tuple[int, int, Decimal, Decimal]], period: Period
) -> tuple[tuple[int, int, Decimal, Decimal], Period, tuple[_Metric, int] | None] | None:
    """The comparative figure after ``after`` ("compared to a net loss of $4.1 million ... for the
    same period in 2009"), its period, and the metric it is named by when the comparison names one.

    The prior period must be stated: explicitly ("for the year ended December 31, 2002") or as a
    year ("for the same period in 2002"), before the clause ends or another figure's period starts.
    """
    window = sentence[after : after + 200]
    compare = _COMPARE.search(window)
    if not compare or compare.start() > 120:
        return None
    nxt = next((a for a in amounts if a[0] > after + compare.end()), None)
    if nxt is None or nxt[0] > after + compare.end() + 60:
        return None
    lead = after + compare.end()
    named = next(
        ((m, lead + hit.start()) for m in _metrics() if (hit := m.pattern.search(sentence[lead : nxt[0]]))), None
    )
    tail = sentence[nxt[1] : nxt[1] + 160].split(";")[0]
    explicit = _PERIOD.search(tail)
    if explicit and explicit.group("year"):
        prior_period = _sentence_period(explicit.group())
        if prior_period is not None and prior_period.months == period.months and prior_period.end < period.end:
            return nxt, prior_period, named
        return None
    prior = _PRIOR.search(tail)
    if not prior:
        return None
    year = prior.group("year") or prior.group("year2")
    end = _shift_year(period.end, int(year) - period.end.year if year else -1)
    return (nxt, period_for(end, period.months), named) if end else None


def _shift_year(d: date, years: int) -> date | None:
    return make_date(d.year + years, d.month, d.day) or make_date(d.year + years, d.month, 28)


def _fact(
    block: Block,
    s_start: int,
    sentence: str,
    metric: _Metric,
    q_start: int,
    amount: tuple[int, int, Decimal, Decimal],
    period: Period,
    n: int,
) -> FinancialFact:
    start, end = block.doc_span(s_start + q_start, s_start + amount[1])
    quote = sentence[q_start : amount[1]]
    return FinancialFact(
        key=f"x{n + 1}",
        label=_label(sentence, metric),
        concept=metric.concept,
        concept_is_gaap=True,
        value=amount[2] * metric.sign,
        unit=Unit.USD,
        period=period,
        precision=amount[3],
        source="text",
        evidence=Evidence(start, end, quote, "prose-figure"),
    )


def _label(sentence: str, metric: _Metric) -> str:
    m = metric.pattern.search(sentence)
    return m.group() if m else metric.concept


def _eps_fact(
    block: Block, s_start: int, offset: int, eps: re.Match[str], sign: int, period: Period, n: int
) -> FinancialFact:
    kind = (eps.group("kind") or "").lower()
    concept = (
        "EarningsPerShareDiluted"
        if kind.startswith("diluted")
        else "EarningsPerShareBasic"
        if kind.startswith("basic ") and "diluted" not in kind
        else "EarningsPerShareBasicAndDiluted"
    )
    digits = eps.group("num")
    step = Decimal(1).scaleb(-len(digits.split(".")[1]))
    start, end = block.doc_span(s_start + offset + eps.start(), s_start + offset + eps.end())
    quote = eps.group().strip(" ,")
    return FinancialFact(
        key=f"x{n + 1}",
        label="net loss per share" if sign < 0 else "net income per share",
        concept=concept,
        concept_is_gaap=True,
        value=Decimal(digits) * sign,
        unit=Unit.USD_PER_SHARE,
        period=period,
        precision=step,
        source="text",
        evidence=Evidence(start, end, quote, "prose-figure"),
    )


def _dedupe(facts: list[FinancialFact]) -> list[FinancialFact]:
    seen: set[tuple[str, str, Decimal]] = set()
    out = []
    for fact in facts:
        key = (fact.concept, fact.period.key, fact.value)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


def _link(fact: FinancialFact, table_facts: list[FinancialFact]) -> FinancialFact:
    same = [t for t in table_facts if t.concept == fact.concept and t.period == fact.period and t.unit == fact.unit]
    if not same and fact.concept.startswith("EarningsPerShare"):
        same = [
            t
            for t in table_facts
            if t.concept_is_gaap and t.concept.startswith("EarningsPerShare") and t.period == fact.period
        ]
    return replace(fact, rounds=same[0].key) if len(same) == 1 else fact
