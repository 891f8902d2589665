"""Entities by any of their names: the one look-up rule wherever a company is given.

A company (any organisation: agencies, universities, funders too) may be given as

- its IRI: ``<https://w3id.org/pressgraph/id/org/acme-bio>``, ``id:org/acme-bio`` or the entity
  id the browser shows, ``org/acme-bio``;
- its legal name with or without the legal form: ``Acme Bio, Inc.``, ``Acme Bio Inc``, ``Acme Bio``;
- any short name the graph records for it (``skos:altLabel``): ``Acme``;
- its ticker, bare or behind an exchange: ``ACMB``, ``NASDAQ:ACMB``, ``Nasdaq: acmb`` (the exchange
  is not checked against ``pg:exchange``).

Names compare by :func:`pressgraph.resolve.norm`, the key that already decides at extraction that
two spellings are one company, and then without any trailing legal form of
``lexicons/legal_suffixes.txt``: case, punctuation, trademark marks, a leading "the" and legal
suffixes do not count. The store is asked a fixed query (every organisation's names) and the
comparison is made here, in Python, so the user's text never reaches the query text and the rule
is the same on every store: Virtuoso's ``LCASE`` and ``REPLACE`` garble non-ASCII text, so the
comparison cannot be handed to the engine portably. Other entities (products, people) are found
by a label or alias equal to the text up to case, as before.

A name that matches two organisations is refused with both (:class:`~pressgraph.errors.AmbiguousName`,
HTTP 409), never answered with two companies' rows mixed; a name or IRI that matches nothing is
:class:`~pressgraph.errors.UnknownName` (HTTP 404, one line and exit 1 on the command line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal as TypingLiteral

from rdflib import Literal

from pressgraph.config import base_iri
from pressgraph.errors import AmbiguousName, QueryError, UnknownName
from pressgraph.names import legal_suffixes
from pressgraph.namespaces import PREFIXES
from pressgraph.resolve import norm
from pressgraph.store.base import GraphStore

Kind = TypingLiteral["organization", "entity"]
ORGANIZATION: Kind = "organization"
ENTITY: Kind = "entity"

_PREFIXES = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("pg", "rdfs", "skos"))
# Every organisation's names, ranked: 0 legal name, 1 label, 2 short name, 3 ticker. The distinct
# organisations first, then their names: a plain scan of the name properties joined to the types
# would read each shared agency once per release graph that describes it (3x slower at 1M).
_ORG_NAMES = (
    _PREFIXES + "SELECT DISTINCT ?e ?rank ?name WHERE {\n"
    "  { SELECT DISTINCT ?e WHERE { ?e a pg:Organization } }\n"
    "  { ?e pg:legalName ?name BIND(0 AS ?rank) } UNION { ?e rdfs:label ?name BIND(1 AS ?rank) }\n"
    "  UNION { ?e skos:altLabel ?name BIND(2 AS ?rank) } UNION { ?e pg:ticker ?name BIND(3 AS ?rank) }\n"
    "}"
)
_TICKER_RANK = 3
# Anything with a label or alias equal to the text up to case (products, people, places...).
_LABELLED = (
    _PREFIXES + "SELECT ?e (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?name {{ {name} }}\n"
    "  ?e rdfs:label|skos:altLabel ?l . FILTER(isIRI(?e) && LCASE(STR(?l)) = ?name) }} GROUP BY ?e"
)
_ENTITY_ID = re.compile(r"^(?:org|product|person|place|release|period|concept)/[\w./-]+$")
_IRI = re.compile(r"^https?://\S+$")
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
# "NASDAQ:ACMB", "NYSE American: XYZ", "nasdaqsc: astm": an exchange, a colon, a ticker.
_EXCHANGE_TICKER = re.compile(r"^([A-Za-z][A-Za-z .&-]{0,40}?)\s*:\s*([A-Za-z0-9][A-Za-z0-9.-]{0,11})$")


@dataclass(frozen=True)
class Match:
    """One entity a text names: its IRI and the name to show for it (legal name first)."""

    iri: str
    label: str


def iri_of(text: str) -> str | None:
    """The IRI ``text`` writes: ``<iri>``, ``http(s)://…``, ``id:local`` or an entity id such as
    ``org/acme-bio`` (under the instance base); None for a name. A malformed IRI is a QueryError."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text.startswith("id:"):
        text = base_iri() + text[3:]
    elif _ENTITY_ID.match(text):
        text = base_iri() + text
    elif not _IRI.match(text):
        return None
    if _BAD_IRI_CHARS.search(text):
        raise QueryError(f"not a valid IRI: {text!r}")
    return text


def find(store: GraphStore, text: str, kind: Kind = ORGANIZATION) -> list[Match]:
    """Every entity ``text`` names (see the module's rule), by IRI; [] when none does.

    An IRI names itself when some triple mentions it. ``kind`` ``organization`` looks among
    organisations only; ``entity`` also finds other things by a label equal up to case.
    """
    iri = iri_of(text)
    if iri is not None:
        return [Match(iri, _short(iri))] if _mentioned(store, iri) else []
    found = {m.iri: m for m in _organizations(store, text)}
    if kind == ENTITY and text.strip():
        for m in _labelled(store, text):
            found.setdefault(m.iri, m)
    return [found[k] for k in sorted(found)]


def find_one(store: GraphStore, text: str, kind: Kind = ORGANIZATION, *, subject: str | None = None) -> Match:
    """The one entity ``text`` names, or UnknownName / AmbiguousName (``subject`` names the
    parameter in the message, e.g. ``company='Acme'``)."""
    subject = subject or repr(text)
    matches = find(store, text, kind)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        if iri_of(text) is not None:
            raise UnknownName(f"{subject}: no such entity in the store")
        noun = "organisation" if kind == ORGANIZATION else "entity"
        raise UnknownName(f"{subject}: no {noun} in the store has this name, short name or ticker")
    raise ambiguous(subject, matches, "organisations" if kind == ORGANIZATION else "entities")


def ambiguous(subject: str, matches: list[Match], nouns: str = "entities") -> AmbiguousName:
    """The refusal of a name that matches several entities, listing them."""
    listed = ", ".join(f"{_short(m.iri)} ({m.label})" for m in matches)
    return AmbiguousName(
        f"{subject} matches {len(matches)} {nouns}: {listed}; give one of them by its IRI",
        tuple((m.iri, m.label) for m in matches),
    )


def _organizations(store: GraphStore, text: str) -> list[Match]:
    name_key, ticker_key = _keys(text)
    if not name_key and not ticker_key:
        return []
    names: dict[str, list[tuple[int, str]]] = {}
    for e, rank, name in store.query(_ORG_NAMES).rows:
        names.setdefault(_strip(str(e)), []).append((int(rank), str(name)))
    found = []
    for iri, named in names.items():
        if any(_key(n) == name_key or (r == _TICKER_RANK and _key(n) == ticker_key) for r, n in named):
            found.append(Match(iri, min(named)[1]))
    return found


def _keys(text: str) -> tuple[str, str | None]:
    """The comparison key of the whole text, and of the ticker when it is ``EXCHANGE:TICKER``."""
    match = _EXCHANGE_TICKER.match(text.strip())
    return _key(text), (_key(match.group(2)) if match else None)


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    """:func:`pressgraph.resolve.norm`, then without the trailing legal forms of the lexicon that
    norm's shorter list keeps ("Société Biotech S.A.", "Zeta Pharma S.p.A.", "Acme Bio Pty")."""
    words = norm(name).split()
    while len(words) > 1 and words[-1] in _legal_forms():
        words.pop()
    return " ".join(words)


@cache
def _legal_forms() -> frozenset[str]:
    """``lexicons/legal_suffixes.txt`` as comparison words: "S.A." → "sa", "L.L.C." → "llc"."""
    return frozenset(re.sub(r"[^\w]", "", s.lower()) for s in legal_suffixes()) - {""}


def _labelled(store: GraphStore, text: str) -> list[Match]:
    sparql = _LABELLED.format(name=Literal(text.strip().lower()).n3())
    return [Match(_strip(str(e)), str(label)) for e, label in store.query(sparql).rows]


def _mentioned(store: GraphStore, iri: str) -> bool:
    return bool(store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}").boolean)


def _strip(term: str) -> str:
    return term[1:-1] if term.startswith("<") and term.endswith(">") else term


def _short(iri: str) -> str:
    """``id:org/acme-bio`` for an IRI under the instance base, else ``<iri>``."""
    base = base_iri()
    return "id:" + iri[len(base) :] if iri.startswith(base) else f"<{iri}>"
