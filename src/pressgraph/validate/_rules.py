"""The SPARQL-based rules of ``shapes/`` (the financial arithmetic, typed-once) run as they are
written, once over the whole release on Oxigraph, instead of once per focus node in rdflib.

Every rule's SELECT already asks for what its target selects (``$this pg:addend ...``,
``$this pg:concept us-gaap:Assets``...), so one pass with ``$this`` free returns exactly the
rows pySHACL gets focus node by focus node; ``tests/shapes/test_engine.py`` checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class RuleCheck:
    """One SHACL-SPARQL constraint: its SELECT (``$this`` as ``?this``) and message template."""

    shape: str
    message: str
    severity: str
    query: str


def rule_checks(shapes: Graph) -> list[RuleCheck]:
    """The SPARQL constraints of every shape, with the prefixes their shapes declare."""
    prefixes = _prefixes(shapes)
    checks = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql), key=lambda pair: str(pair[0])):
        select = str(shapes.value(constraint, SH.select))
        severity = shapes.value(constraint, SH.severity) or SH.Violation
        checks.append(
            RuleCheck(
                shape=str(shape),
                message=str(shapes.value(constraint, SH.message) or ""),
                severity=str(severity).rsplit("#", 1)[-1],
                query=prefixes + select.replace("$this", "?this"),
            )
        )
    return checks


def _prefixes(shapes: Graph) -> str:
    declared: dict[str, str] = {}
    for declaration in shapes.objects(None, SH.declare):
        prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
        if prefix is not None and namespace is not None:
            declared[str(prefix)] = str(namespace)
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(declared.items()))


def render(template: str, values: dict[str, str]) -> str:
    """``{?label}`` → the bound value's lexical form, as pySHACL writes it; unbound stay as is."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
