"""What a validation says: ``conforms`` and the violations, as plain values (JSON-ready)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Violation:
    """One validation result, with IRIs as strings so it serialises as JSON."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus_node: str
    path: str | None
    message: str
    shape: str


@dataclass
class ValidationReport:
    """The outcome of :func:`validate_graph`: ``conforms`` and what did not."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": [asdict(v) for v in self.violations],
            "text": self.text,
        }
