"""A CPU-time budget per release file, so that a hostile or pathological file ends in a warning
rather than a hang.

The readers and extractors are meant to be linear in the size of their input; the budget is
the backstop for what that promise misses. It is *cooperative*: the loops that walk a file's
pieces (HTML parser events, lines, tables, sentences) call :func:`checkpoint`, which raises
:class:`TimeBudgetExceeded` once the thread has spent more CPU time on the file than allowed.
The exception unwinds the work itself (it is not a watchdog that reports while the work goes
on), and the pipeline turns it into a warning naming the stage that ran out.

CPU time of the calling thread (:func:`time.thread_time`) is what is counted: wall time on a
shared machine says more about the neighbours than about the file, and the API reads uploads
in worker threads that must not be charged for each other.

The allowance is ``PER_100KB_SECONDS`` per 100 KB of input, and never less than
``FLOOR_SECONDS``; ``PRESSGRAPH_FILE_BUDGET`` (seconds) replaces it with a fixed figure.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from pressgraph.errors import ConfigError

FLOOR_SECONDS = 10.0
# 1.5 s of the 2 s per 100 KB that a file may cost end to end: the rest is left for mapping the
# extraction to RDF and writing it, which come after the budget's last checkpoint
PER_100KB_SECONDS = 1.5
_ENV = "PRESSGRAPH_FILE_BUDGET"

T = TypeVar("T")


class TimeBudgetExceeded(Exception):
    """The file's CPU-time budget ran out during ``stage``."""

    def __init__(self, stage: str, seconds: float) -> None:
        super().__init__(f"the {seconds:g} s CPU time budget for one file ran out while {stage}")
        self.stage = stage
        self.seconds = seconds


_deadline: ContextVar[tuple[float, float] | None] = ContextVar("pressgraph_budget", default=None)


def allowance(size: int) -> float:
    """CPU seconds allowed for a file of ``size`` bytes (see the module docstring)."""
    fixed = os.environ.get(_ENV)
    if fixed is not None:
        try:
            seconds = float(fixed)
        except ValueError:
            seconds = -1.0
        if not seconds >= 0:  # also refuses NaN
            raise ConfigError(f"{_ENV} is not a number of seconds (0 or more): {fixed!r}")
        return seconds
    return max(FLOOR_SECONDS, PER_100KB_SECONDS * size / 100_000)


@contextmanager
def file_budget(size: int) -> Iterator[None]:
    """Run the block under the budget of a ``size``-byte file. A budget already running (a
    submission's exhibits inside the file that holds them) is kept, not renewed."""
    if _deadline.get() is not None:
        yield
        return
    seconds = allowance(size)
    token = _deadline.set((time.thread_time() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def checkpoint(stage: str) -> None:
    """Raise :class:`TimeBudgetExceeded` if the running file's budget is spent (else do nothing;
    outside :func:`file_budget` nothing is ever raised)."""
    limit = _deadline.get()
    if limit is not None and time.thread_time() > limit[0]:
        raise TimeBudgetExceeded(stage, limit[1])


def checked(items: Iterable[T], stage: str, every: int = 16) -> Iterator[T]:
    """Iterate ``items`` with a :func:`checkpoint` every ``every`` items (and before the first)."""
    for i, item in enumerate(items):
        if i % every == 0:
            checkpoint(stage)
        yield item
