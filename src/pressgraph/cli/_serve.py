"""``pressgraph serve``: the SPARQL endpoint and entity browser over a store, on 127.0.0.1.

The write token may also come from ``PRESSGRAPH_WRITE_TOKEN`` so it stays out of ``ps`` output.
Without a token the server is read-only unless ``--allow-anonymous-writes`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from pressgraph.errors import ConfigError


def port_number(text: str) -> int:
    """A TCP port 1-65535 (argparse type), so a typo is one line, not a traceback from bind()."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, got {port}")
    return port


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def cors_origin(text: str) -> str:
    """An origin ``scheme://host[:port]`` or ``*`` (argparse type): a typo is one line at start."""
    from pressgraph.api._cors import normal_origin

    try:
        return normal_origin(text)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: Any) -> None:
    parser = sub.add_parser("serve", help="serve the SPARQL endpoint and the entity browser")
    parser.add_argument("--store", metavar="DIR", help="embedded store directory")
    parser.add_argument("--endpoint", metavar="URL", help="remote SPARQL endpoint instead")
    parser.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    parser.add_argument("--port", type=port_number, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--write-token",
        metavar="T",
        default=os.environ.get("PRESSGRAPH_WRITE_TOKEN"),
        help="require 'Authorization: Bearer T' for POST /releases (without it, writes are off)",
    )
    parser.add_argument(
        "--allow-anonymous-writes",
        action="store_true",
        help="accept uploads without a token (same-site requests with the X-Pressgraph-Upload header)",
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a Host name the server answers besides 127.0.0.1/localhost (repeatable; '*' for any)",
    )
    parser.add_argument(
        "--cors-origin",
        action="append",
        type=cors_origin,
        default=[],
        metavar="ORIGIN",
        help="an origin (https://host[:port]) whose pages may query this server; repeatable "
        "(default: any origin, '*'); reads only, writes never get CORS",
    )
    parser.add_argument("--no-cors", action="store_true", help="no page on another origin may read from this server")
    parser.add_argument(
        "--query-timeout", type=float, default=10.0, metavar="S", help="SPARQL time limit in seconds (default 10)"
    )
    parser.add_argument(
        "--row-cap", type=positive, default=10_000, metavar="N", help="largest SPARQL result (default 10000 rows)"
    )
    parser.add_argument("--query-workers", type=positive, default=2, metavar="N", help="query processes (default 2)")
    parser.add_argument(
        "--query-memory",
        type=positive,
        default=2048,
        metavar="MB",
        help="memory one query process may use; past it that query fails, not the server (default 2048)",
    )
    parser.add_argument(
        "--remote-sparql",
        action="store_true",
        help="with --endpoint: forward user SPARQL (only if the remote store refuses SERVICE itself)",
    )
    parser.set_defaults(handler=run)


def _hosts(args: argparse.Namespace) -> list[str]:
    """The allow-list: the names given, and the bind address when it is a specific one."""
    hosts = list(args.allowed_host)
    if args.host not in ("0.0.0.0", "::", ""):
        hosts.append(args.host)
    return hosts


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from pressgraph.api import create_app
    from pressgraph.cli._store import warn_unless_union
    from pressgraph.store import open_store
    from pressgraph.store.embedded import EmbeddedStore
    from pressgraph.store.query_pool import QueryPool, WorkerSettings

    if args.query_timeout <= 0:
        raise ConfigError(f"--query-timeout must be positive, got {args.query_timeout:g}")
    store = open_store(args.store, args.endpoint)
    warn_unless_union(store)
    settings = WorkerSettings(memory_mb=args.query_memory)
    runner = QueryPool(store, args.query_workers, settings) if isinstance(store, EmbeddedStore) else None
    try:
        app = create_app(
            store,
            write_token=args.write_token,
            allow_anonymous_writes=args.allow_anonymous_writes,
            query_timeout=args.query_timeout,
            row_cap=args.row_cap,
            allowed_hosts=_hosts(args),
            runner=runner,
            remote_sparql=args.remote_sparql,
            cors_origins=() if args.no_cors else (args.cors_origin or ["*"]),
        )
        uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    finally:
        if runner is not None:
            runner.close()
        store.close()
    return 0
