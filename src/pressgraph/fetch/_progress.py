"""What a fetch run tells its user: a one-line bar on a terminal while it runs, a summary at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TextIO

from pressgraph.fetch._run import CACHED, DOWNLOADED, FAILED, Fetched
from pressgraph.progress import ProgressBar


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
    """``[####....] 7/12 filings  downloaded 3  cached 4  ingested 2  eta 0:05  ACCESSION`` on a
    terminal's stderr (:class:`pressgraph.progress.ProgressBar`), silent elsewhere."""

    def __init__(self, found: int, ingest: bool, stream: TextIO | None = None, **bar: Any) -> None:
        self.ingest = ingest
        self.bar = ProgressBar(found, "filings", stream, **bar)

    @property
    def enabled(self) -> bool:
        return self.bar.enabled

    def clear(self) -> None:
        """Blank the bar's line, so that a line printed to the same terminal starts clean."""
        self.bar.clear()

    def step(self, summary: FetchSummary, accession: str) -> None:
        """Redraw after one more filing is done (fetched, and ingested when asked)."""
        ingested = f"  ingested {summary.ingested}" if self.ingest else ""
        self.bar.step(accession, f"downloaded {summary.downloaded}  cached {summary.cached}{ingested}")
