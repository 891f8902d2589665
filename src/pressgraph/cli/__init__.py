"""The ``pressgraph`` command: one sub-command module per pipeline stage.

Each module in :data:`_COMMAND_MODULES` exposes ``register(subparsers)``; they are imported
lazily so that ``pressgraph --help`` stays fast. Every failure becomes one line on stderr and a
non-zero exit code, never a traceback: a :class:`PressgraphError`, a bad argument, an OS error
(disk full, a missing folder for ``-o``), and a closed pipe (``| head``: no message, exit 141 as
the shell gives a process killed by SIGPIPE). Anything else is a bug and says so in one line;
``PRESSGRAPH_DEBUG=1`` shows its traceback.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from pressgraph.config import VERSION
from pressgraph.errors import PressgraphError

_WRITE_ERRORS = {errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG}


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line (usage stays behind ``--help``)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


_COMMAND_MODULES = (
    "pressgraph.cli._extract",  # extract, validate
    "pressgraph.cli._evaluate",  # evaluate
    "pressgraph.cli._store",  # ingest, query, export, stats, load
    "pressgraph.cli._serve",  # serve
    "pressgraph.cli._fetch",  # fetch
    "pressgraph.cli._completion",  # completion
)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="pressgraph",
        description="Turn press releases into a validated, queryable knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"pressgraph {VERSION}")
    _quiet_option(parser, False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    for command in sub.choices.values():
        _quiet_option(command, argparse.SUPPRESS)  # also after the command; unset keeps the global
    return parser


def _quiet_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "-q", "--quiet", action="store_true", default=default, help="no progress bar, summaries or warnings"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        from pressgraph.config import base_iri

        base_iri()  # a bad PRESSGRAPH_BASE is one line now, not a traceback deep in a serializer
        code = int(args.handler(args) or 0)
        sys.stdout.flush()  # inside the try: a full disk or closed pipe shows up here
        return code
    except BrokenPipeError:
        _drop_stdout()
        return 141
    except PressgraphError as exc:
        return _fail(str(exc))
    except OSError as exc:
        _drop_stdout()
        return _fail(os_error_message(exc))
    except KeyboardInterrupt:
        print("pressgraph: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("PRESSGRAPH_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        return _fail(f"internal error: {type(exc).__name__}: {first} (PRESSGRAPH_DEBUG=1 shows the traceback)", 70)


def os_error_message(exc: OSError) -> str:
    """``dump/x.nq: No such file or directory``; ``cannot write output: No space left on device``."""
    reason = exc.strerror or str(exc)
    if exc.filename:
        return f"{exc.filename}: {reason}"
    if exc.errno in _WRITE_ERRORS:
        return f"cannot write output: {reason}"
    return reason


def _fail(message: str, code: int = 1) -> int:
    print(f"pressgraph: error: {message}", file=sys.stderr)
    return code


def _drop_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
