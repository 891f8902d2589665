"""Store commands: ingest, remove, query, export, stats, load, demo."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from pressgraph.cli._output import emit, print_warnings, terminal_columns, write_file
from pressgraph.errors import QueryError, StoreError
from pressgraph.namespaces import PG_NS


def _store_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("store (embedded by default)")
    g.add_argument("--store", metavar="DIR", help="embedded store directory (default: user data dir)")
    g.add_argument(
        "--endpoint",
        metavar="URL",
        help="a triple store's base URL (Oxigraph, Fuseki /DS, GraphDB /repositories/X, Virtuoso) or query URL",
    )
    g.add_argument("--update-url", metavar="URL", help="SPARQL Update endpoint (default: found from --endpoint)")
    g.add_argument("--gsp-url", metavar="URL", help="Graph Store Protocol endpoint (PUT per graph)")
    g.add_argument("--user", help="user name for the remote store")
    g.add_argument("--password", help="password for the remote store")
    g.add_argument(
        "--auth", choices=("basic", "digest"), default="basic", help="HTTP authentication scheme (Virtuoso: digest)"
    )


def _open(args: argparse.Namespace, read_only: bool = False) -> Any:
    from pressgraph.store import open_store

    if args.endpoint and args.store:
        raise StoreError("give either --store or --endpoint, not both")
    if read_only and not args.endpoint:
        from pressgraph.config import default_store_dir

        path = Path(args.store) if args.store else default_store_dir()
        if not path.is_dir():
            raise StoreError(f"no store at {path} (run pressgraph ingest first)")
    return open_store(
        args.store,
        args.endpoint,
        update_url=args.update_url,
        gsp_url=args.gsp_url,
        user=args.user,
        password=args.password,
        auth_scheme=args.auth,
        read_only=read_only,
    )


def warn_unless_union(store: Any) -> None:
    """One warning line when a remote store's default graph is not the union of its named graphs:
    every named query would silently give 0 rows there."""
    check = getattr(store, "default_graph_is_union", None)
    if check is not None and check() is False:
        print(
            f"warning: the default graph of {store.endpoint} is not the union of its named graphs, so named "
            "queries find nothing there; start Oxigraph with --union-default-graph (Fuseki: unionDefaultGraph; "
            "see docs/STORES.md)",
            file=sys.stderr,
        )


def register(sub: Any) -> None:
    p = sub.add_parser("ingest", help="extract release files and store one named graph per release")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or glob patterns")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument(
        "--no-validate",
        action="store_true",
        help="skip the validation against shapes/ (by default each release's report is stored with it)",
    )
    _store_options(p)
    p.set_defaults(handler=_ingest)

    p = sub.add_parser("remove", help="remove a release (its graph and catalog entry) by id or file name")
    p.add_argument("release", metavar="RELEASE", help="release id, release or graph IRI, or the file's name")
    _store_options(p)
    p.set_defaults(handler=_remove)

    p = sub.add_parser("query", help="run a named query, a .rq file or SPARQL text")
    p.add_argument("name", nargs="?", metavar="NAME|FILE.rq", help="named query or .rq file")
    p.add_argument("--sparql", metavar="TEXT", help="SPARQL query text")
    p.add_argument("--param", action="append", metavar="K=V", help="query parameter (repeatable)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    _store_options(p)
    p.set_defaults(handler=_query)

    p = sub.add_parser("export", help="dump the store as N-Quads or TriG")
    p.add_argument("--format", choices=("nquads", "trig"), default="nquads")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    _store_options(p)
    p.set_defaults(handler=_export)

    p = sub.add_parser("stats", help="releases, graphs and triples in the store")
    _store_options(p)
    p.set_defaults(handler=_stats)

    p = sub.add_parser("load", help="push the embedded store's graphs to a remote triple store")
    _store_options(p)
    p.set_defaults(handler=_load)

    p = sub.add_parser("demo", help="ingest the bundled example release and show what it holds")
    p.add_argument("--store", metavar="DIR", help="embedded store directory")
    p.set_defaults(handler=_demo)


def _ingest(args: argparse.Namespace) -> int:
    from pressgraph.ingest import ingest

    if args.workers < 1:
        raise StoreError("--workers must be at least 1")
    store = _open(args)
    try:
        summary = ingest(
            store, args.paths, workers=args.workers, progress=not args.quiet, validate=not args.no_validate
        )
        warn_unless_union(store)
    finally:
        store.close()
    if args.quiet:  # a file that could not be read is still said, on stderr
        for path, reason in summary.skipped:
            print(f"pressgraph: skipped {path}: {reason}", file=sys.stderr)
    else:
        for line in summary.lines():
            print(line)
        print_warnings(summary.warnings)
    return 1 if summary.skipped and not summary.releases else 0


def _remove(args: argparse.Namespace) -> int:
    """Every release the name matches goes (all exhibits of a submission named by its file);
    each removal is one update, graph and catalog entry together."""
    from pressgraph.store.base import matching_releases

    if args.endpoint is None:
        _open(args, read_only=True).close()  # a missing store is "no store at ...", not a new one
    store = _open(args)
    try:
        found = matching_releases(store.releases(), args.release)
        if not found:
            raise StoreError(f"no release {args.release!r} in the store (pressgraph stats lists them)")
        for record in found:
            store.remove_release(record.graph_iri)
            print(f"removed {record.release_iri.rsplit('/', 1)[-1]}  {record.triples} triples  {record.source}")
    finally:
        store.close()
    return 0


def _query(args: argparse.Namespace) -> int:
    from pressgraph import queries

    if args.list:
        for q in queries.list_queries():
            params = " ".join(f"{p.name}{'' if p.required else '?'}:{p.type}" for p in q.params)
            print(f"{q.name:20} {params}")
        return 0
    if bool(args.name) == bool(args.sparql):
        raise QueryError("give a query NAME, a FILE.rq or --sparql TEXT (one of them)")
    values = queries.parse_param_args(args.param)
    store = _open(args, read_only=True)
    try:
        warn_unless_union(store)
        if args.sparql:
            if values:
                raise QueryError("--param works with named queries, not --sparql")
            result = store.query(args.sparql)
        else:
            result = queries.run_named(store, args.name, values)
    finally:
        store.close()
    if not args.quiet:
        print_warnings(result.warnings)
    emit(queries.format_result(result, args.format, terminal_columns()) + "\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    store = _open(args, read_only=True)
    try:
        data = store.export(args.format)
    finally:
        store.close()
    if args.output:
        write_file(Path(args.output), data)
    else:
        emit(data)
    return 0


def _stats(args: argparse.Namespace) -> int:
    from pressgraph.store.base import ontology_graph_iri

    store = _open(args, read_only=True)
    try:
        records = store.catalog()
        size = getattr(store, "size_on_disk", lambda: 0)()
    finally:
        store.close()
    releases = [r for r in records if r.graph_iri != ontology_graph_iri()]
    print(f"releases: {len(releases)}")
    print(f"triples: {sum(r.triples for r in releases)}")
    print(f"ontology: {'loaded' if len(releases) != len(records) else 'not loaded'}")
    if size:
        print(f"size on disk: {size / 1e6:.1f} MB")
    checked = [r for r in releases if r.conforms is not None]
    failing = [r for r in checked if not r.conforms]
    print(f"validated: {len(checked)}  conforming: {len(checked) - len(failing)}  not conforming: {len(failing)}")
    for r in releases:
        print(f"  {r.graph_iri}  {r.triples} triples  {_verdict(r)}  {r.source}")
    return 0


def _verdict(record: Any) -> str:
    if record.conforms is None:
        return "not validated"
    return "conforms" if record.conforms else f"{record.violation_count} violation(s)"


def _load(args: argparse.Namespace) -> int:

    if not args.endpoint:
        raise StoreError("pressgraph load needs --endpoint URL (the store to push to)")
    local = _open(argparse.Namespace(**{**vars(args), "endpoint": None}), read_only=True)
    remote = _open(argparse.Namespace(**{**vars(args), "store": None}))
    written = unchanged = 0
    try:
        for record in local.catalog():  # releases and the ontology graph
            changed = remote.replace_release(record.graph_iri, local.graph_ntriples(record.graph_iri), record)
            written += int(changed)
            unchanged += int(not changed)
        warn_unless_union(remote)
    finally:
        local.close()
        remote.close()
    if not args.quiet:
        print(f"graphs written: {written}  unchanged: {unchanged}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from pressgraph.config import default_store_dir
    from pressgraph.ingest import ingest
    from pressgraph.resources import data_dir
    from pressgraph.store import open_store

    examples = sorted(str(p) for p in data_dir("examples").glob("*.txt"))
    if not examples:
        raise StoreError(f"no example releases in {data_dir('examples')}")
    where = Path(args.store) if args.store else default_store_dir()
    store = open_store(where)
    try:
        summary = ingest(store, examples, progress=False)
        print(f"store: {where}")
        for line in summary.lines():
            print(line)
        print_warnings(summary.warnings)
        _demo_answers(store)
    finally:
        store.close()
    option = f" --store {shlex.quote(str(where))}" if args.store else ""
    print(
        f"\nnext: pressgraph serve{option}   (browser and SPARQL endpoint on http://127.0.0.1:8000/)\n"
        f"      pressgraph query --list{option}   (the named queries and their parameters)"
    )
    return 0


def _demo_answers(store: Any) -> None:
    """The company profile, trials and partners of each example release's issuer."""
    from pressgraph import queries

    for record in store.releases():
        company = _issuer(store, record.release_iri)
        if company is None:
            continue
        for name in ("company-profile", "trials", "partners"):
            result = queries.run_named(store, name, {"company": company})
            print(f"\n== {name} ({queries.compact(company)}) ==")
            print(queries.format_result(result, "table", terminal_columns()))


def _issuer(store: Any, release_iri: str) -> str | None:
    rows = store.query(f"SELECT ?c WHERE {{ <{release_iri}> <{PG_NS}issuer> ?c }}").rows
    return str(rows[0][0]) if rows else None
