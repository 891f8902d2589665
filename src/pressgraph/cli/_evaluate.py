"""``pressgraph evaluate``: score narrative extraction against gold files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pressgraph.errors import ReadError


def register(sub: Any) -> None:
    p = sub.add_parser("evaluate", help="score extraction against *.gold.json answer keys")
    p.add_argument("gold", nargs="+", type=Path, help="gold files or directories of *.gold.json")
    p.add_argument(
        "--releases", action="append", type=Path, default=None, help="directory holding the release files (repeatable)"
    )
    p.add_argument("--summary", action="store_true", help="print the table only, not misses/false hits")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from pressgraph.evaluate import DEFAULT_RELEASE_DIRS, evaluate, report

    for path in [*args.gold, *(args.releases or [])]:
        if not path.exists():
            raise ReadError(f"no such file or folder: {path}")
    dirs = args.releases or [Path(d) for d in DEFAULT_RELEASE_DIRS]
    print(report(evaluate(args.gold, dirs), details=not args.summary))
    return 0
