"""The structural shapes (SHACL Core) of ``shapes/`` as SPARQL SELECTs for Oxigraph.

pySHACL walks every focus node in Python: ~0.35 ms per node and property shape group, 370 ms
on the largest corpus release (~700 facts and evidence spans) even on a trimmed graph. The
shapes use a dozen core constraint components on simple paths, so each (property shape,
component) pair becomes one SELECT of the failing ``?this`` (and ``?v``) over the whole release,
one result per focus node for the counts and per value node for the others, as pySHACL reports
them. ``tests/shapes/test_engine.py`` holds this to pySHACL's results on every fixture and on
corpus releases; a component or path form not listed here is refused when the shapes load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from pressgraph.errors import ValidationError

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
_CASTABLE = {XSD.integer, XSD.decimal, XSD.boolean, XSD.date, XSD.double, XSD.float, XSD.dateTime}
FOCUS_GRAPH = "urn:x-pressgraph:validation:focus"  # in the validation's own in-memory store only
FOCUS_OF = "urn:x-pressgraph:validation:focusOf"
_SHAPE_KEYS = {SH.path, SH.message, SH.severity, SH.name, SH.description}


@dataclass(frozen=True)
class CoreCheck:
    """One SELECT of ``?this`` (the failing focus node), with what its results say."""

    shape: str
    path: str | None
    message: str
    severity: str
    query: str


def _nt(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise ValidationError(f"a shape uses a blank node where a term is expected: {node}")


def _focus(shape: Node) -> str:
    """The shape's focus nodes, as :func:`focus_updates` marked them in the focus graph."""
    return f"GRAPH <{FOCUS_GRAPH}> {{ ?this <{FOCUS_OF}> {_nt(shape)} }}"


def focus_updates(shapes: Graph) -> list[str]:
    """One SPARQL Update per shape marking its focus nodes (``sh:targetClass``, subclasses
    included) in a graph of their own: the class hierarchy is walked once per shape, not once
    per check (it was 30 % of the checks' time on the largest release)."""
    updates = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, None)), key=str):
        classes = " ".join(_nt(c) for c in sorted(shapes.objects(shape, SH.targetClass), key=str))
        updates.append(
            f"INSERT {{ GRAPH <{FOCUS_GRAPH}> {{ ?this <{FOCUS_OF}> {_nt(shape)} }} }} "
            f"WHERE {{ VALUES ?target {{ {classes} }} ?this {_TYPE} ?target }}"
        )
    return updates


def _count(op: str) -> Callable[[str, Node, Node], str]:
    def where(path: str, value: Node, _shape: Node) -> str:
        return (
            f"{{ SELECT ?this (COUNT(?v) AS ?n) WHERE {{ FOCUS OPTIONAL {{ ?this {path} ?v }} }} GROUP BY ?this }} "
            f"FILTER (?n {op} {int(value)})"  # type: ignore[call-overload]
        )

    return where


def _value(condition: Callable[[Node], str]) -> Callable[[str, Node, Node], str]:
    """A per-value component: ``condition`` is true for a conforming ``?v``."""

    def where(path: str, value: Node, _shape: Node) -> str:
        return f"FOCUS ?this {path} ?v FILTER (!COALESCE({condition(value)}, false))"

    return where


def _datatype(datatype: Node) -> str:
    """A literal of exactly that datatype, and well-formed (a cast of an ill-formed one fails)."""
    test = f"isLiteral(?v) && DATATYPE(?v) = {_nt(datatype)}"
    return test + (f" && isLiteral({_nt(datatype)}(?v))" if datatype in _CASTABLE else "")


def _in(shapes: Graph) -> Callable[[Node], str]:
    def condition(head: Node) -> str:
        members = [f"sameTerm(?v, {_nt(m)})" for m in Collection(shapes, head)]
        return " || ".join(members) or "false"

    return condition


def _less_than_or_equals(path: str, other: Node, _shape: Node) -> str:
    return f"FOCUS ?this {path} ?v . ?this {_nt(other)} ?o FILTER (!COALESCE(?v <= ?o, false))"


def _components(shapes: Graph) -> dict[Node, Callable[[str, Node, Node], str]]:
    return {
        SH.minCount: _count("<"),
        SH.maxCount: _count(">"),
        SH.datatype: _value(_datatype),
        SH.nodeKind: _value(lambda kind: {SH.IRI: "isIRI(?v)", SH.Literal: "isLiteral(?v)"}[kind]),  # type: ignore[index]
        SH["class"]: _value(lambda c: f"EXISTS {{ ?v {_TYPE} {_nt(c)} }}"),
        SH["in"]: _value(_in(shapes)),
        SH.minExclusive: _value(lambda x: f"?v > {_nt(x)}"),
        SH.minInclusive: _value(lambda x: f"?v >= {_nt(x)}"),
        SH.pattern: _value(lambda rx: f"REGEX(STR(?v), {_nt(Literal(str(rx)))})"),
        SH.minLength: _value(lambda n: f"STRLEN(STR(?v)) >= {int(n)}"),  # type: ignore[call-overload]
        SH.lessThanOrEquals: _less_than_or_equals,
    }


def core_checks(shapes: Graph) -> list[CoreCheck]:
    """Every structural check of the shapes with an ``sh:targetClass`` (the SPARQL-based
    rules are run from their own text, see :mod:`pressgraph.validate._rules`); they expect the
    focus graph that :func:`focus_updates` writes."""
    components = _components(shapes)
    checks: list[CoreCheck] = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, None)), key=str):
        if (shape, SH.sparql, None) in shapes:
            raise ValidationError(f"{shape}: a targetClass shape with SPARQL constraints is not supported")
        focus = _focus(shape)
        for prop in shapes.objects(shape, SH.property):
            checks += _property_checks(shapes, shape, prop, components, focus)
        checks += _node_checks(shapes, shape, focus)
    return checks


def _property_checks(
    shapes: Graph, shape: Node, prop: Node, components: dict[Node, Callable[[str, Node, Node], str]], focus: str
) -> Iterator[CoreCheck]:
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise ValidationError(f"{shape}: only simple property paths are supported")
    message, severity = _message(shapes, prop, shape), _severity(shapes, prop)
    for key, value in shapes.predicate_objects(prop):
        if key in _SHAPE_KEYS:
            continue
        if key not in components:
            raise ValidationError(f"{shape}: the constraint {key} is not supported by the fast validator")
        where = components[key](_nt(path), value, shape).replace("FOCUS", focus)
        yield CoreCheck(str(shape), str(path), message, severity, f"SELECT ?this ?v WHERE {{ {where} }}")


def _node_checks(shapes: Graph, shape: Node, focus: str) -> Iterator[CoreCheck]:
    """``sh:xone`` of ``sh:class`` shapes (a period is a duration or an instant, not both)."""
    for key, value in shapes.predicate_objects(shape):
        if key in {SH.targetClass, SH.property, SH.message, SH.severity, RDF.type, SH.name, SH.description}:
            continue
        if key != SH.xone:
            raise ValidationError(f"{shape}: the node constraint {key} is not supported by the fast validator")
        classes = [shapes.value(member, SH["class"]) for member in Collection(shapes, value)]
        if any(c is None for c in classes):
            raise ValidationError(f"{shape}: sh:xone is supported over sh:class shapes only")
        matched = " + ".join(f"IF(EXISTS {{ ?this {_TYPE} {_nt(c)} }}, 1, 0)" for c in classes if c is not None)
        query = f"SELECT ?this WHERE {{ {focus} FILTER (({matched}) != 1) }}"
        yield CoreCheck(str(shape), None, _message(shapes, shape, shape), _severity(shapes, shape), query)


def _message(shapes: Graph, node: Node, shape: Node) -> str:
    message = shapes.value(node, SH.message)
    if message is None:
        raise ValidationError(f"{shape}: every structural shape needs an sh:message for the fast validator")
    return str(message)


def _severity(shapes: Graph, node: Node) -> str:
    severity = shapes.value(node, SH.severity) or SH.Violation
    return str(severity).rsplit("#", 1)[-1]
