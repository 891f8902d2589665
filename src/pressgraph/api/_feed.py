"""The home page's feed: the latest releases, each with the events it states, in words.

Two queries whatever the store's size: the newest releases (by publication date), then the
events those releases state with the few properties that say what happened. An event reads as
its kind and its participants, e.g. ``Regulatory action: U.S. Food and Drug Administration ·
approval · investigational new drug (IND) application · bone graft product``.
"""

from __future__ import annotations

from typing import Any

from pressgraph.api import _entities as ent
from pressgraph.api import _labels as labels
from pressgraph.store.base import GraphStore

PG = ent.PG
SCHEMA = "https://schema.org/"
SUMMARY_PROPERTIES = (  # what an event's line names, in this order
    "regulator",
    "action",
    "subject",
    "funder",
    "partner",
    "counterparty",
    "acquired",
    "product",
    "phase",
    "indication",
    "financingKind",
    "role",
    "amount",
    "status",
    "when",
)
EVENTS_PER_RELEASE = 8
KIND_ORDER = ("regulatory", "trial", "acquisition", "partnership", "grant", "financing")  # news first


def recent(store: GraphStore, limit: int = 8) -> list[dict[str, Any]]:
    """The ``limit`` newest releases: date, headline, issuer and their events' one-line summaries."""
    rows = store.query(
        f"SELECT ?r (SAMPLE(?h) AS ?headline) (MAX(?d) AS ?date) (SAMPLE(?i) AS ?issuer) "
        f"(SAMPLE(?il) AS ?issuerName) WHERE {{ ?r a <{PG}Release> . "
        f"OPTIONAL {{ ?r <{SCHEMA}headline> ?h }} OPTIONAL {{ ?r <{SCHEMA}datePublished> ?d }} "
        f"OPTIONAL {{ ?r <{PG}issuer> ?i OPTIONAL {{ ?i <{ent.LABEL}> ?il }} }} }} "
        f"GROUP BY ?r ORDER BY DESC(?date) ?r LIMIT {int(limit)}"
    ).rows
    releases: list[dict[str, Any]] = [
        {
            "release": ent.node(r, headline),
            "date": labels.day(date) if hasattr(date, "year") else "",
            "issuer": ent.node(issuer, issuer_name) if issuer else None,
            "events": [],
        }
        for r, headline, date, issuer, issuer_name in rows
    ]
    by_iri = {item["release"]["iri"]: item for item in releases}
    for release_iri, event in _events(store, list(by_iri)):
        by_iri[release_iri]["events"].append(event)
    for item in releases:
        item["more"] = max(0, len(item["events"]) - EVENTS_PER_RELEASE)
        item["events"] = item["events"][:EVENTS_PER_RELEASE]
    return releases


def _events(store: GraphStore, release_iris: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """(release IRI, event) for every event the releases state, in the releases' order of events."""
    if not release_iris:
        return []
    classes = ", ".join(f"<{PG}{c}>" for c in ent.event_classes())
    props = ", ".join(f"<{PG}{p}>" for p in SUMMARY_PROPERTIES)
    rows = store.query(
        f"SELECT ?rel ?ev ?cls ?p ?o (SAMPLE(?l) AS ?ol) WHERE {{ "
        f"VALUES ?rel {{ {' '.join(f'<{r}>' for r in release_iris)} }} ?ev <{PG}statedIn> ?rel ; a ?cls . "
        f"FILTER(?cls IN ({classes})) OPTIONAL {{ ?ev ?p ?o FILTER(?p IN ({props})) "
        f"OPTIONAL {{ ?o <{ent.LABEL}> ?l }} }} }} GROUP BY ?rel ?ev ?cls ?p ?o"
    ).rows
    events: dict[str, tuple[str, dict[str, Any], dict[str, list[str]]]] = {}
    for rel, ev, cls, p, o, ol in rows:
        ev_iri = str(ev).strip("<>")
        kind = labels.sentence(str(cls).strip("<>").rsplit("#", 1)[-1])
        _, _, values = events.setdefault(ev_iri, (str(rel).strip("<>"), {**ent.node(ev), "kind": kind}, {}))
        if p is not None and o is not None:
            local = str(p).strip("<>").rsplit("#", 1)[-1]
            values.setdefault(local, []).append(labels.amount(o, "USD") if local == "amount" else _text(o, ol))
    ordered = sorted(events.items(), key=lambda item: _event_order(item[0]))
    return [(rel, {**event, "summary": _summary(values)}) for _, (rel, event, values) in ordered]


def _text(value: Any, label: Any) -> str:
    if label is not None:
        return str(label)
    if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
        return labels.iri(value[1:-1])
    return str(value)


def _summary(values: dict[str, list[str]]) -> str:
    return " · ".join(", ".join(sorted(set(values[p]))) for p in SUMMARY_PROPERTIES if p in values)


def _event_order(iri: str) -> tuple[int, str, int]:
    """Regulatory steps and trials first; ``…/event/trial-10`` after ``…/event/trial-2``."""
    kind, _, number = iri.rsplit("/", 1)[-1].rpartition("-")
    rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
    return (rank, kind, int(number)) if number.isdigit() else (rank, iri, 0)
