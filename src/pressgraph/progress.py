"""The one progress bar of the CLI: ``[####......] 7/12 files  eta 0:04  name.txt`` on a terminal.

Drawn on stderr and only when stderr is a terminal: logs and pipes get the summary, not
carriage returns. ``ingest`` and ``fetch`` both draw with it, each adding its own counts. The
line is cut to the terminal's width (the current file's name gives way first), so that a
narrow window does not wrap the bar into a new line at every redraw.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 30


def clock_text(seconds: float) -> str:
    """``0:07``, ``12:30``, ``1:02:03``: minutes and seconds, hours when there are any."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressBar:
    """A bar with counts, the time left (at the rate so far) and the item being worked on.

    ``clock`` and ``columns`` are there for the tests; by default the monotonic clock and the
    terminal's width (``COLUMNS`` when set)."""

    def __init__(
        self,
        total: int,
        noun: str,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
        columns: int | None = None,
    ) -> None:
        self.total, self.noun, self.done = total, noun, 0
        self.stream = stream or sys.stderr
        self.clock, self.columns = clock, columns
        self.started = clock()
        self.enabled = total > 0 and self.stream.isatty()

    def clear(self) -> None:
        """Blank the bar's line, so that a line printed to the same terminal starts clean."""
        if self.enabled and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def step(self, label: str, counts: str = "") -> None:
        """One more item is done; redraw with ``counts`` (``downloaded 3  cached 4``) and ``label``."""
        self.done += 1
        if not self.enabled:
            return
        self.stream.write("\r" + self.line(label, counts) + "\033[K")
        if self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()

    def line(self, label: str, counts: str = "") -> str:
        """The bar's text after ``done`` items, cut to the terminal's width."""
        filled = BAR_WIDTH * min(self.done, self.total) // max(1, self.total)
        elapsed = self.clock() - self.started
        if self.done >= self.total:
            timing = f"done in {clock_text(elapsed)}"
        else:
            timing = f"eta {clock_text(elapsed / max(1, self.done) * (self.total - self.done))}"
        head = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} {self.noun}"
        text = "  ".join(part for part in (head, counts, timing) if part)
        width = (self.columns or shutil.get_terminal_size().columns) - 1  # the last column would wrap
        room = width - len(text) - 2
        if room >= 8:
            text += "  " + (label if len(label) <= room else "…" + label[len(label) - room + 1 :])
        return text[: max(1, width)]
