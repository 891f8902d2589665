"""The ``pressgraph`` command: one sub-command module per pipeline stage.

Each module in :data:`_COMMAND_MODULES` exposes ``register(subparsers)``; they are imported
lazily so that ``pressgraph --help`` stays fast. Every :class:`PressgraphError` becomes one line
on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pressgraph.errors import PressgraphError

_COMMAND_MODULES = (
    "pressgraph.cli._extract",  # extract, validate
    "pressgraph.cli._evaluate",  # evaluate
    "pressgraph.cli._store",  # ingest, query, export, stats, load
    "pressgraph.cli._serve",  # serve
    "pressgraph.cli._fetch",  # fetch
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pressgraph",
        description="Turn press releases into a validated, queryable knowledge graph.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except PressgraphError as exc:
        print(f"pressgraph: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pressgraph: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
