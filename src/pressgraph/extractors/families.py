"""Event families, each declared once: what the mapper, the entity pages and ``evaluate`` read.

An event family (regulatory action, grant, clinical trial, partnership, financing, acquisition)
is an n-ary relation found in prose. Its declaration names everything the later stages need:
the ontology class, which role (a participant) becomes which property, which values become
literals (text, decimals, booleans), the shortcut edges that keep browsing simple ("the issuer
pg:fundedBy the funder"), the extractor that finds it, and how an answer key's entry matches
one. The way pySHACL lists its constraint components in one place, ``FAMILIES`` is the one
list; adding a family means writing its module and calling :func:`register`.

Shortcut ends are ``"issuer"``, ``"event"`` or a role name (its first participant).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from pressgraph.model import Document, Event, ReleaseMetadata

if TYPE_CHECKING:
    from pressgraph.extractors._sentences import Sentence
    from pressgraph.resolve import Registry

Extractor = Callable[[Document, ReleaseMetadata, "list[Sentence]", "Registry"], tuple[list[Event], list[str]]]


class Judge(Protocol):
    """What ``evaluate`` offers a family's matcher: the names of participants on both sides."""

    def role_names(self, event: Event, role: str) -> set[str]: ...

    def expand(self, name: str | None, kind: str) -> set[str]: ...

    def product_ok(self, gold_product: str | None, event: Event) -> bool: ...

    def show(self, key: str | None) -> str: ...


@dataclass(frozen=True)
class Shortcut:
    """A direct edge the family adds beside the event node (``subject prop object``)."""

    subject: str
    prop: str
    obj: str
    when: Callable[[Event], bool] | None = None


@dataclass(frozen=True)
class EventFamily:
    kind: str  # the Event.kind the extractor emits, e.g. "regulatory-action"
    label: str  # how pages name one ("Regulatory action")
    ontology_class: str  # local name under pg:
    roles: Mapping[str, str]  # role → pg property (entity-valued)
    values: Mapping[str, str] = field(default_factory=dict)  # value → pg property (string literal)
    decimals: Mapping[str, str] = field(default_factory=dict)  # value → pg property (xsd:decimal)
    booleans: Mapping[str, str] = field(default_factory=dict)  # value ("true"/"false") → pg property
    shortcuts: tuple[Shortcut, ...] = ()
    extractor: Extractor | None = None
    gold_key: str | None = None  # the answer-key list this family is scored against
    category: str | None = None  # the category name evaluate reports
    same: Callable[[dict[str, Any], Event, Judge], bool] | None = None
    show_gold: Callable[[dict[str, Any]], str] | None = None
    show: Callable[[Event, Judge], str] | None = None
    order: int = 100  # extractors run in this order (a family may use entities an earlier one added)


_FAMILIES: dict[str, EventFamily] = {}


def register(family: EventFamily) -> EventFamily:
    """Add (or replace) a family."""
    _FAMILIES[family.kind] = family
    return family


def unregister(kind: str) -> None:
    _FAMILIES.pop(kind, None)


def families() -> Iterator[EventFamily]:
    _load_builtin()
    yield from sorted(_FAMILIES.values(), key=lambda f: f.order)


def family(kind: str) -> EventFamily | None:
    _load_builtin()
    return _FAMILIES.get(kind)


_loaded = False


def _load_builtin() -> None:
    """Import the built-in family modules once; each registers itself."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from pressgraph.extractors import acquisitions, financings, grants, partners, regulatory, trials  # noqa: F401
