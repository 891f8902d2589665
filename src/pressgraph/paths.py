"""How two entities connect: the ``related`` query as a bounded bidirectional search in code.

``queries/related.rq`` answers with every path of up to three links between two entities; on a
store of a million triples it costs seconds, because the engine walks out three links from one
end through every fact a company reports. On a store that can list an IRI's links directly (the
embedded one, :class:`~pressgraph.store.base.NeighbourLookup`), this module gives the same rows
(same columns, same order, same ``LIMIT``) from neighbour look-ups instead:

1. one look-up at each end: the links of ``from`` and of ``to``;
2. one-link paths are the links between them; two-link paths meet in a node both ends link to;
3. three-link paths: the side with fewer neighbours is expanded one more link, and a path is
   found wherever that link reaches a neighbour of the other end. Skipped when the shorter paths
   already fill the ``LIMIT`` (the rows are ordered by length first).

Step 3 expands at most :data:`MAX_EXPANSIONS` nodes, so a hub (the FDA, a shared release) cannot
blow the search up; when the bound cuts it, the result says so in ``warnings``. The excluded
links (types, evidence, periods, units...) and the ``LIMIT`` are read from the ``.rq`` itself, the
one home of that rule; remote stores run the ``.rq``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from pressgraph.resources import data_dir
from pressgraph.store.base import NeighbourLookup, QueryResult

MAX_HOPS = 3
MAX_EXPANSIONS = 2000
VARIABLES = ("hops", "p1", "d1", "n1", "p2", "d2", "n2", "p3", "d3")

Link = tuple[str, str, str]  # predicate, neighbour, direction seen from the node looked up
Row = tuple[int, str, str, str | None, str | None, str | None, str | None, str | None, str | None]
_FLIP = {"->": "<-", "<-": "->"}


@cache
def _rule() -> tuple[frozenset[str], int]:
    """The predicates ``related.rq`` never follows and its ``LIMIT``, from the query text."""
    text = (data_dir("queries") / "related.rq").read_text(encoding="utf-8")
    prefixes = dict(re.findall(r"^PREFIX\s+([\w-]*):\s*<([^>]*)>", text, re.MULTILINE))
    listed = re.search(r"FILTER\(\?p1 NOT IN \(([^)]*)\)\)", text)
    limit = re.search(r"^LIMIT\s+(\d+)", text, re.MULTILINE)
    if listed is None or limit is None:
        raise RuntimeError("queries/related.rq: no '?p1 NOT IN (...)' filter or LIMIT to read")
    names = [n.split(":", 1) for n in listed.group(1).replace(",", " ").split()]
    return frozenset(prefixes[p] + local for p, local in names), int(limit.group(1))


def excluded_predicates() -> frozenset[str]:
    return _rule()[0]


def _index(links: Iterable[Link], ends: set[str], toward: bool) -> dict[str, list[tuple[str, str]]]:
    """neighbour → its links ``(predicate, direction)``, the direction read along the path: away
    from the end looked up (``toward`` False, the ``from`` side) or toward it (the ``to`` side)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for pred, other, direction in links:
        if other not in ends:
            out.setdefault(other, []).append((pred, _FLIP[direction] if toward else direction))
    return out


def _short_rows(
    target: str, links_a: set[Link], near_a: dict[str, list[tuple[str, str]]], near_b: dict[str, list[tuple[str, str]]]
) -> set[Row]:
    """One- and two-link paths: ``from``'s links that reach ``to``, or a node ``to`` links to."""
    rows: set[Row] = {(1, p1, d1, None, None, None, None, None, None) for p1, n1, d1 in links_a if n1 == target}
    for n1, firsts in near_a.items():
        for p2, d2 in near_b.get(n1, ()):
            rows.update((2, p1, d1, n1, p2, d2, None, None, None) for p1, d1 in firsts)
    return rows


def _long_rows(
    store: NeighbourLookup,
    near_a: dict[str, list[tuple[str, str]]],
    near_b: dict[str, list[tuple[str, str]]],
    ends: set[str],
) -> tuple[set[Row], list[str]]:
    """Three-link paths ``from · n1 · n2 · to``, expanding the smaller side by one link."""
    a_side = len(near_a) <= len(near_b)
    near, far = (near_a, near_b) if a_side else (near_b, near_a)
    nodes = sorted(near)
    warnings = []
    if len(nodes) > MAX_EXPANSIONS:
        warnings.append(
            f"related: {len(nodes)} nodes next to one end, only the first {MAX_EXPANSIONS} were followed "
            "a further link, so some 3-link paths may be missing"
        )
        nodes = nodes[:MAX_EXPANSIONS]
    rows: set[Row] = set()
    for x, links in store.neighbours(nodes, excluded_predicates()).items():
        for pred, y, direction in links:
            if y in ends or y == x or y not in far:
                continue
            n1, n2, d2 = (x, y, direction) if a_side else (y, x, _FLIP[direction])
            for p1, d1 in near_a[n1]:
                rows.update((3, p1, d1, n1, pred, d2, n2, p3, d3) for p3, d3 in near_b[n2])
    return rows, warnings


def _order(row: Row) -> tuple[object, ...]:
    """The ``.rq``'s ``ORDER BY ?hops ?p1 ?n1 ?p2 ?n2 ?p3`` (unbound first), then the directions."""
    hops, p1, d1, n1, p2, d2, n2, p3, d3 = row
    return (hops, p1, n1 or "", p2 or "", n2 or "", p3 or "", d1, d2 or "", d3 or "")


def related(store: NeighbourLookup, source: str, target: str) -> QueryResult:
    """The rows of ``related.rq`` for two entity IRIs, found by neighbour look-ups."""
    skip, limit = _rule()
    ends = {source, target}
    both = store.neighbours((source, target), skip)
    links_a = both[source]
    near_a, near_b = _index(links_a, ends, False), _index(both[target], ends, True)
    rows = _short_rows(target, links_a, near_a, near_b)
    warnings: list[str] = []
    if len(rows) < limit:
        long_rows, warnings = _long_rows(store, near_a, near_b, ends)
        rows |= long_rows
    ordered = sorted(rows, key=_order)[:limit]
    shown = [tuple(f"<{v}>" if isinstance(v, str) and v not in _FLIP else v for v in row) for row in ordered]
    return QueryResult(variables=VARIABLES, rows=tuple(shown), warnings=tuple(warnings))
