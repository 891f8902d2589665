"""Entity resolution within a release: one record per real-world thing, however it is named.

"Acme", "Acme Biosciences, Inc." and "ACME" (ticker) are one company; "FDA" and "U.S. Food and
Drug Administration" one agency. Names compare after dropping punctuation, trademark marks and
legal suffixes; the first full name seen becomes the canonical name, the rest become aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pressgraph.model import Entity, Evidence, Mention
from pressgraph.names import slugify, strip_legal_suffix

_KEEP_DOT = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Jr|Sr|L\.P|S\.A|N\.V|B\.V)\.$")
_MARKS = re.compile(r"\((?:tm|r|sm)\)|[™®℠Ⓡ]|(?<=[A-Za-z][a-z][A-Za-z])TM\b|(?<=[a-z][A-Z]{2})TM\b", re.I)


def norm(name: str) -> str:
    """Comparison key: no marks, no legal suffix, no punctuation, lower case."""
    name = _MARKS.sub("", name)
    name = strip_legal_suffix(name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return " ".join(re.sub(r"[^\w\s]", "", name.lower()).split())


def clean(name: str) -> str:
    """Display form: marks removed, whitespace collapsed."""
    name = " ".join(_MARKS.sub("", name).split()).strip(" ,;:")
    if name.endswith(".") and not _KEEP_DOT.search(name):
        name = name[:-1]
    return name


ORG_KINDS = frozenset({"company", "organization", "university", "hospital", "foundation"})


def org_aliases(name: str) -> tuple[str, ...]:
    """Other names an organisation's printed name implies: "Harvard Medical School Department of
    Neurology" is also "Harvard Medical School"."""
    m = re.match(r"^(.+?)\s+(?:Department|Division|School|Center|Centre)\s+(?:of|for)\s+.+$", name)
    return (m.group(1),) if m and len(m.group(1).split()) >= 2 else ()


@dataclass
class _Draft:
    key: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    same_as: tuple[str, ...] = ()


class Registry:
    """Collects mentions and merges them into entities keyed by a stable local key."""

    def __init__(self) -> None:
        self._by_key: dict[str, _Draft] = {}
        self._by_norm: dict[str, str] = {}

    def find(self, name: str) -> str | None:
        return self._by_norm.get(norm(name))

    def add(
        self,
        kind: str,
        name: str,
        evidence: Evidence | None = None,
        *,
        key: str | None = None,
        aliases: tuple[str, ...] = (),
        attributes: dict[str, str] | None = None,
        same_as: tuple[str, ...] = (),
    ) -> str:
        """Add a mention (or a new entity) and return the entity key."""
        shown = clean(name)
        existing = key if key in self._by_key else self.find(shown)
        if existing is None:
            for alias in aliases:
                existing = self.find(alias)
                if existing:
                    break
        if existing is None and kind in ORG_KINDS:
            existing = self._same_org(shown)
        aliases = (*aliases, *org_aliases(shown)) if kind in ORG_KINDS else aliases
        if existing is None:
            existing = key or f"{kind}:{slugify(strip_legal_suffix(shown))}"
            self._by_key[existing] = _Draft(existing, kind, shown, same_as=same_as)
        draft = self._by_key[existing]
        for alias in (shown, *aliases):
            alias = clean(alias or "")
            if alias and norm(alias) and alias != draft.name and alias not in draft.aliases:
                draft.aliases.append(alias)
            if norm(alias):
                self._by_norm.setdefault(norm(alias), existing)
        if evidence is not None:
            draft.mentions.append(Mention(shown, evidence))
        if attributes:
            for k, v in attributes.items():
                draft.attributes.setdefault(k, v)
        return existing

    def _same_org(self, name: str) -> str | None:
        """ "Children's Hospital" after "Children's Hospital of Boston" (or before it) is the same
        organisation: a name that is another's up to an "of"/"at" place."""
        key = norm(name)
        for draft in self._by_key.values():
            if draft.kind not in ORG_KINDS:
                continue
            other = norm(draft.name)
            if other.startswith(key + " of ") or key.startswith(other + " of "):
                return draft.key
        return None

    def get(self, key: str) -> _Draft | None:
        return self._by_key.get(key)

    def entities(self) -> tuple[Entity, ...]:
        return tuple(
            Entity(d.key, d.kind, d.name, tuple(d.aliases), tuple(d.mentions), dict(d.attributes), d.same_as)
            for d in self._by_key.values()
        )
