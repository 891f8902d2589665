"""Validation on Oxigraph: the release's triples and the ontology in one in-memory store, every
shape run as SPARQL over it (:mod:`._core` for the structural shapes, :mod:`._rules` for the
SPARQL-based rules). The same results as pySHACL (``validate_graph``), at a fraction of the CPU:
benchmarks/validation.py measures both in one run.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from pressgraph.errors import ValidationError
from pressgraph.validate._core import FOCUS_GRAPH, FOCUS_OF, CoreCheck, core_checks, focus_updates
from pressgraph.validate._report import ValidationReport, Violation
from pressgraph.validate._rules import RuleCheck, render, rule_checks


@lru_cache(maxsize=1)
def _prepared(
    shapes: Graph, ontology: Graph
) -> tuple[tuple[CoreCheck, ...], tuple[RuleCheck, ...], tuple[ox.Quad, ...], str]:
    """Once per process: the checks compiled, the focus updates joined and the ontology as
    Oxigraph quads (added to each release's validation store without parsing it again)."""
    ontology_nt = ontology.serialize(format="nt", encoding="utf-8")
    ontology_quads = tuple(
        ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(ontology_nt, ox.RdfFormat.N_TRIPLES)
    )
    focus = " ;\n".join(focus_updates(shapes))
    return tuple(core_checks(shapes)), tuple(rule_checks(shapes)), ontology_quads, focus


_FOCUSED_SHAPES = f"SELECT DISTINCT ?shape WHERE {{ GRAPH <{FOCUS_GRAPH}> {{ ?this <{FOCUS_OF}> ?shape }} }}"


def check_ntriples(data: str | bytes, shapes: Graph, ontology: Graph) -> ValidationReport:
    """Validate a release given as N-Triples (or N-Quads: graph names are dropped)."""
    core, rules, ontology_quads, focus = _prepared(shapes, ontology)
    store = ox.Store()
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        store.load(raw, format=ox.RdfFormat.N_QUADS, to_graph=ox.DefaultGraph())
    except (SyntaxError, ValueError) as exc:
        raise ValidationError(f"cannot validate: not N-Triples: {exc}".splitlines()[0]) from exc
    store.extend(ontology_quads)
    store.update(focus)  # marks each shape's focus nodes (_core.focus_updates)
    # every structural check starts from its shape's focus nodes: a shape with none in this
    # release has nothing to report, and its checks are not run (a third of them, typically)
    focused = {row[0].value for row in store.query(_FOCUSED_SHAPES)}  # type: ignore[union-attr]
    found = [*_core_results(store, tuple(c for c in core if c.shape in focused)), *_rule_results(store, rules)]
    found.sort(key=lambda v: (v.focus_node, v.message))
    conforms = not any(v.severity == "Violation" for v in found)
    return ValidationReport(conforms=conforms, violations=found, text=_text(conforms, found))


def _core_results(store: ox.Store, checks: tuple[CoreCheck, ...]) -> Iterator[Violation]:
    for check in checks:
        for row in _select(store, check.query, check.shape):
            yield Violation(check.severity, _term(row["this"]), check.path, check.message, check.shape)


def _rule_results(store: ox.Store, checks: tuple[RuleCheck, ...]) -> Iterator[Violation]:
    for check in checks:
        for row in _select(store, check.query, check.shape):
            values = {name: _term(term) for name, term in row.items() if term is not None}
            yield Violation(check.severity, values.get("this", ""), None, render(check.message, values), check.shape)


def _select(store: ox.Store, query: str, shape: str) -> Iterator[dict[str, Any]]:
    try:
        solutions = store.query(query)
    except (SyntaxError, OSError) as exc:
        raise ValidationError(f"{shape}: its SPARQL failed: {exc}".splitlines()[0]) from exc
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {name: solution[name] for name in names}


def _term(term: Any) -> str:
    """IRIs and literals as their text (pySHACL's ``str(node)``), blank nodes by their id."""
    return str(term.value)


def _text(conforms: bool, found: list[Violation]) -> str:
    lines = ["Validation Report", f"Conforms: {conforms}", f"Results ({len(found)}):"]
    lines += [f"  {v.severity}: {v.focus_node}: {v.message}" for v in found]
    return "\n".join(lines) + "\n"
