"""``pressgraph serve``: the SPARQL endpoint and entity browser over a store, on 127.0.0.1.

The write token may also come from ``PRESSGRAPH_WRITE_TOKEN`` so it stays out of ``ps`` output.
"""

from __future__ import annotations

import argparse
import os
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("serve", help="serve the SPARQL endpoint and the entity browser")
    parser.add_argument("--store", metavar="DIR", help="embedded store directory")
    parser.add_argument("--endpoint", metavar="URL", help="remote SPARQL endpoint instead")
    parser.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--write-token",
        metavar="T",
        default=os.environ.get("PRESSGRAPH_WRITE_TOKEN"),
        help="require 'Authorization: Bearer T' for POST /releases",
    )
    parser.add_argument(
        "--query-timeout", type=float, default=10.0, metavar="S", help="SPARQL time limit in seconds (default 10)"
    )
    parser.add_argument(
        "--row-cap", type=int, default=10_000, metavar="N", help="largest SPARQL result allowed (default 10000 rows)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from pressgraph.api import create_app
    from pressgraph.store import open_store

    store = open_store(args.store, args.endpoint)
    app = create_app(store, write_token=args.write_token, query_timeout=args.query_timeout, row_cap=args.row_cap)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    finally:
        store.close()
    return 0
