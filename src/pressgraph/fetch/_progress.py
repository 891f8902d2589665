"""What a fetch run tells its user: a one-line bar on a terminal while it runs, a summary at the end."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from pressgraph.fetch._run import CACHED, DOWNLOADED, FAILED, Fetched

_WIDTH = 30


@dataclass
class FetchSummary:
    """Counts of one run: filings found in the window, and what became of them."""

    companies: int = 0
    found: int = 0
    downloaded: int = 0
    cached: int = 0
    not_releases: int = 0
    ingested: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, fetched: Fetched) -> None:
        if fetched.status == DOWNLOADED:
            self.downloaded += 1
        elif fetched.status == CACHED:
            self.cached += 1
        elif fetched.status == FAILED:
            self.failed.append((fetched.filing.accession, fetched.reason))
        else:
            self.not_releases += 1

    def lines(self, ingest: bool) -> list[str]:
        line = (
            f"companies: {self.companies}  filings: {self.found}  press releases: {self.downloaded + self.cached}  "
            f"downloaded: {self.downloaded}  cached: {self.cached}  not press releases: {self.not_releases}"
        )
        if ingest:
            line += f"  ingested: {self.ingested}"
        return [f"{line}  failed: {len(self.failed)}"] + [f"failed {acc}: {why}" for acc, why in self.failed]


class FetchProgress:
    """``[####....] 7/12 filings  downloaded 3  cached 4  ingested 2`` redrawn on a terminal's stderr.

    Silent when stderr is not a terminal: logs and pipes get the summary, not carriage returns.
    """

    def __init__(self, found: int, ingest: bool, stream: TextIO | None = None) -> None:
        self.found, self.done, self.ingest = found, 0, ingest
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() and found > 0

    def clear(self) -> None:
        """Blank the bar's line, so that a line printed to the same terminal starts clean."""
        if self.enabled and self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def step(self, summary: FetchSummary, accession: str) -> None:
        """Redraw after one more filing is done (fetched, and ingested when asked)."""
        self.done += 1
        if not self.enabled:
            return
        filled = _WIDTH * self.done // max(1, self.found)
        ingested = f"  ingested {summary.ingested}" if self.ingest else ""
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done}/{self.found} filings  "
            f"downloaded {summary.downloaded}  cached {summary.cached}{ingested}  {accession}"
        )
        if self.done == self.found:
            self.stream.write("\n")
        self.stream.flush()
