"""``pressgraph extract`` and ``pressgraph validate``: one release file in, RDF or a report out."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rdflib import Dataset, URIRef

from pressgraph.cli._output import emit, print_warnings, write_file
from pressgraph.errors import PressgraphError
from pressgraph.pipeline import ReleaseGraph, build_release_graphs
from pressgraph.rdf.writer import write_graphs

_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld"}


def register(sub: Any) -> None:
    extract = sub.add_parser("extract", help="extract RDF from release files and print it")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("--format", choices=sorted(_FORMATS), default="turtle")
    extract.add_argument("-o", "--output", help="write to this file instead of standard output")
    extract.set_defaults(handler=run_extract)
    validate = sub.add_parser("validate", help="extract and validate against the SHACL shapes")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.set_defaults(handler=run_validate)


def _graphs(files: list[str]) -> list[ReleaseGraph]:
    graphs: list[ReleaseGraph] = []
    for path in files:
        graphs.extend(build_release_graphs(path))
    return graphs


def _warn(graphs: list[ReleaseGraph], quiet: bool) -> None:
    if not quiet:
        print_warnings(f"{rg.source}: {warning}" for rg in graphs for warning in rg.warnings)


def run_extract(args: argparse.Namespace) -> int:
    graphs = _graphs(args.files)
    _warn(graphs, args.quiet)
    fmt = _FORMATS[args.format]
    if fmt == "json-ld":
        data = _jsonld(graphs).encode("utf-8")
    else:
        # several releases in Turtle or N-Triples: TriG, which keeps each in its named graph
        out = fmt if len(graphs) == 1 or fmt in ("trig", "nquads") else "trig"
        data = write_graphs(((rg.graph_iri, rg.graph) for rg in graphs), out)
    if args.output:
        try:
            write_file(Path(args.output), data)
        except OSError as exc:
            raise PressgraphError(f"{args.output}: cannot write ({exc.strerror})") from None
    else:
        emit(data)
    return 0


def _jsonld(graphs: list[ReleaseGraph]) -> str:
    if len(graphs) == 1:
        return graphs[0].graph.serialize(format="json-ld")
    dataset = Dataset()
    for rg in graphs:
        named = dataset.graph(URIRef(rg.graph_iri))
        for prefix, ns in rg.graph.namespaces():
            dataset.bind(prefix, ns)
        for triple in rg.graph:
            named.add(triple)
    return dataset.serialize(format="json-ld")


def run_validate(args: argparse.Namespace) -> int:
    from pressgraph.validate import validate_graph

    graphs = _graphs(args.files)
    _warn(graphs, args.quiet)
    failed = False
    reports = []
    for rg in graphs:
        report = validate_graph(rg.graph)
        failed = failed or not report.conforms
        reports.append({"release": rg.release_iri, "source": rg.source, **report.to_dict()})
        if not args.json:
            status = "conforms" if report.conforms else f"{len(report.violations)} violation(s)"
            print(f"{rg.source}: {status} ({len(rg.graph)} triples)")
            for v in report.violations:
                print(f"  {v.severity}: {v.message}  [{v.focus_node}]")
    if args.json:
        print(json.dumps(reports, indent=2))
    return 1 if failed else 0
