"""Score narrative extraction against hand-written gold files (shared/corpus/GOLD-SCHEMA.md).

Matching follows the schema's rules: names compare case-insensitively without punctuation and
legal suffixes, an alias matches its entity, and an event matches when its key fields agree
(regulator+action+product, funder+product, product+phase, partner+role, financing kind).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pressgraph.errors import ExtractionError
from pressgraph.extractors.families import families
from pressgraph.extractors.narrative import extract_narrative
from pressgraph.model import Document, Entity, Event, ReleaseMetadata
from pressgraph.resolve import norm

ENTITY_CATEGORIES = ("products", "regulators", "partners", "people")
# Events are scored per family, as each family declares (pressgraph.extractors.families): see
# event_categories(); partners are scored as an entity although the partnership family finds them.


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.false_hits += other.false_hits

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _names(*groups: Iterable[str | None]) -> set[str]:
    return {norm(n) for group in groups for n in group if n and norm(n)}


def match(
    gold: list[Any], predicted: list[Any], same: Callable[[Any, Any], bool], show: Callable[[Any], str], label: str
) -> Score:
    """The largest one-to-one matching of gold to predictions (augmenting paths, so a prediction
    that two gold items could take goes to the one that has no other); unmatched gold are misses,
    unmatched predictions false hits."""
    options = [[j for j, p in enumerate(predicted) if same(g, p)] for g in gold]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    matched = {i for i in range(len(gold)) if options[i] and augment(i, set())}
    score = Score()
    score.tp = len(matched)
    score.fn = len(gold) - len(matched)
    score.misses = [f"{label}: {show(g)}" for i, g in enumerate(gold) if i not in matched]
    score.false_hits = [f"{label}: {show(p)}" for j, p in enumerate(predicted) if j not in owner]
    score.fp = len(score.false_hits)
    return score


class _Release:
    """Gold and prediction for one release, with name lookups for both sides."""

    def __init__(self, gold: dict[str, Any], entities: tuple[Entity, ...], events: tuple[Event, ...]) -> None:
        self.gold = gold
        self.entities = {e.key: e for e in entities}
        self.events = events
        self.gold_products = [_names([p["name"]], p.get("aliases", [])) for p in gold.get("products", [])]
        self.gold_regulators = [_names([r["name"]], r.get("aliases", [])) for r in gold.get("regulators", [])]
        self.gold_orgs = self.gold_regulators + [
            _names([f["funder"]], f.get("funder_aliases", [])) for f in gold.get("grants", [])
        ]

    def names(self, key: str | None) -> set[str]:
        e = self.entities.get(key or "")
        return _names([e.name], e.aliases) if e else set()

    def role_names(self, ev: Event, role: str) -> set[str]:
        keys = ev.roles.get(role, ())
        return self.names(keys[0]) if keys else set()

    def expand(self, name: str | None, kind: str) -> set[str]:
        """A gold name plus the aliases the gold file gives it (``kind``: "regulator",
        "funder", "organization" — which of the file's alias lists to look in)."""
        if not name:
            return set()
        groups = self.gold_regulators if kind == "regulator" else self.gold_orgs
        key = norm(name)
        for group in groups:
            if key in group:
                return group
        return {key}

    def product_ok(self, gold_product: str | None, ev: Event) -> bool:
        mine = self.role_names(ev, "product")
        gold = self._expand_in(gold_product, self.gold_products)
        return (not gold and not mine) or bool(gold & mine)

    def _expand_in(self, name: str | None, groups: list[set[str]]) -> set[str]:
        if not name:
            return set()
        key = norm(name)
        return next((group for group in groups if key in group), {key})

    def show(self, key: str | None) -> str:
        e = self.entities.get(key or "")
        return e.name if e else "-"

    def of(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.kind == kind]

    def score(self) -> dict[str, Score]:
        g, ents = self.gold, list(self.entities.values())
        out: dict[str, Score] = {}
        products = [e for e in ents if e.kind == "product"]
        out["products"] = match(
            g.get("products", []),
            products,
            lambda a, b: bool(_names([a["name"]], a.get("aliases", [])) & _names([b.name], b.aliases)),
            lambda x: x["name"] if isinstance(x, dict) else x.name,
            "product",
        )
        regulators = [e for e in ents if e.kind == "agency" and e.attributes.get("agencyKind") == "regulatory"]
        out["regulators"] = match(
            g.get("regulators", []),
            regulators,
            lambda a, b: bool(_names([a["name"]], a.get("aliases", [])) & _names([b.name], b.aliases)),
            lambda x: x["name"] if isinstance(x, dict) else x.name,
            "regulator",
        )
        people = [e for e in ents if e.kind == "person"]
        out["people"] = match(
            g.get("people", []),
            people,
            lambda a, b: norm(a["name"]) in _names([b.name], b.aliases),
            lambda x: x["name"] if isinstance(x, dict) else x.name,
            "person",
        )
        for fam in families():
            if fam.category and fam.gold_key and fam.same and fam.show and fam.show_gold:
                out[fam.category] = match(
                    g.get(fam.gold_key, []) or [],
                    self.of(fam.kind),
                    _bind(fam.same, self),
                    _shower(fam.show_gold, fam.show, self),
                    fam.kind,
                )
        return out


def _bind(same: Callable[[dict[str, Any], Event, Any], bool], judge: Any) -> Callable[[Any, Any], bool]:
    return lambda gold, event: same(gold, event, judge)


def _shower(
    gold: Callable[[dict[str, Any]], str], event: Callable[[Event, Any], str], judge: Any
) -> Callable[[Any], str]:
    return lambda x: gold(x) if isinstance(x, dict) else event(x, judge)


# --- running extraction for a gold file --------------------------------------------------------

DEFAULT_RELEASE_DIRS = ("examples", "../shared/corpus/releases", "../shared/seed", "../shared/corpus/submissions")
_ENTITY_GOLD_KEYS = {"products": "products", "regulators": "regulators", "people": "people"}


def gold_keys() -> dict[str, str]:
    """Category → answer-key list: the entity categories, then each scored event family's."""
    keys = dict(_ENTITY_GOLD_KEYS)
    keys.update({f.category: f.gold_key for f in families() if f.category and f.gold_key})
    return keys


def event_categories() -> tuple[str, ...]:
    return tuple(f.category for f in families() if f.category and f.category not in ENTITY_CATEGORIES)


def find_release(name: str, dirs: Sequence[Path]) -> Path:
    for d in dirs:
        if (d / name).is_file():
            return d / name
    raise ExtractionError(f"release {name} not found in {', '.join(str(d) for d in dirs)}")


def metadata_for(document: Document) -> ReleaseMetadata:
    """The metadata extractor's result, or a minimal fallback while it is not available."""
    try:
        from pressgraph.extractors.metadata import extract_metadata
    except ImportError:
        return fallback_metadata(document)
    return extract_metadata(document)


def fallback_metadata(document: Document) -> ReleaseMetadata:
    """Issuer from the corpus header or the first ``Name, Inc. (EXCHANGE: TICKER)`` in the text."""
    text = document.text
    header = dict(re.findall(r"^(company|date):\s*(.+)$", text[:600], re.M))
    name = header.get("company")
    m = re.search(
        r"([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4},?\s+(?:Inc|Corp|Corporation|Ltd|plc)\.?)\s*\(\s*"
        r"(?:[A-Za-z ]+?)\s*:\s*([A-Z.]{1,6})\s*\)",
        text,
    )
    if m and not name:
        name = m.group(1)
    ticker = m.group(2) if m else None
    short = tuple(n for n in ({name.split()[0].rstrip(",")} if name else set()) if n)
    when = date.fromisoformat(header["date"].strip()) if "date" in header else None
    return ReleaseMetadata(name, short, ticker, None, when, None, None, (), None, None)


def _pick(documents: list[Document], wanted: str | None) -> Document:
    """The exhibit a gold file is about ("document": "EX-99"), else the first one."""
    if wanted:
        key = re.sub(r"[^a-z0-9]", "", wanted.lower())
        for doc in documents:
            if re.sub(r"[^a-z0-9]", "", doc.source.lower()).endswith(key) or key in doc.release_id.replace("-", ""):
                return doc
    return documents[0]


def score_financial_facts(gold: list[dict[str, Any]], facts: Iterable[Any]) -> Score:
    """Concept (or label), period and value agree; text figures within their printed rounding."""

    def same(g: dict[str, Any], f: Any) -> bool:
        if not ((g.get("concept") and g["concept"] == f.concept) or norm(g["label"]) == norm(f.label)):
            return False
        if g["period_end"] != f.period.end.isoformat() or bool(g.get("instant")) != f.period.is_instant:
            return False
        if not f.period.is_instant and g.get("period_months") not in (None, f.period.months):
            return False
        return abs(float(f.value) - float(g["value"])) <= max(float(f.precision), 1e-6)

    return match(
        gold,
        list(facts),
        same,
        lambda x: (
            f"{x['label']} {x['period_end']} {x['value']}"
            if isinstance(x, dict)
            else f"{x.label} {x.period.end} {x.value}"
        ),
        "financial fact",
    )


def evaluate_file(gold_path: Path, release_dirs: Sequence[Path]) -> dict[str, Score]:
    from pressgraph.read import read_path

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    document = _pick(read_path(find_release(gold["file"], release_dirs)), gold.get("document"))
    metadata = metadata_for(document)
    entities, events, _warnings = extract_narrative(document, metadata)
    keys = gold_keys()
    scores = {cat: sc for cat, sc in _Release(gold, entities, events).score().items() if keys.get(cat) in gold}
    if gold.get("financial_facts"):
        from pressgraph.extractors.financials import extract_financials

        facts, _notes = extract_financials(document, metadata)
        scores["financial facts"] = score_financial_facts(gold["financial_facts"], facts)
    for s in scores.values():
        s.misses = [f"{gold['file']}: {m}" for m in s.misses]
        s.false_hits = [f"{gold['file']}: {m}" for m in s.false_hits]
    return scores


def gold_files(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.gold.json")) if p.is_dir() else [p])
    if not out:
        raise ExtractionError("no gold files given (expected *.gold.json files or directories)")
    return out


def evaluate(paths: Sequence[Path], release_dirs: Sequence[Path]) -> dict[str, Score]:
    total = {c: Score() for c in (*ENTITY_CATEGORIES, *event_categories(), "financial facts")}
    for path in gold_files(paths):
        for cat, s in evaluate_file(path, release_dirs).items():
            total[cat].add(s)
    total["entities (micro)"] = Score()
    total["events (micro)"] = Score()
    for c in ENTITY_CATEGORIES:
        total["entities (micro)"].add(Score(total[c].tp, total[c].fp, total[c].fn))
    for c in event_categories():
        total["events (micro)"].add(Score(total[c].tp, total[c].fp, total[c].fn))
    return total


def report(total: dict[str, Score], details: bool = True) -> str:
    lines = [f"{'category':<20} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    for cat, s in total.items():
        lines.append(f"{cat:<20} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>6.2f} {s.recall:>6.2f} {s.f1:>6.2f}")
    if details:
        for cat in (*ENTITY_CATEGORIES, *event_categories(), "financial facts"):
            for m in total[cat].misses:
                lines.append(f"MISS  {m}")
            for m in total[cat].false_hits:
                lines.append(f"FALSE {m}")
    return "\n".join(lines)
