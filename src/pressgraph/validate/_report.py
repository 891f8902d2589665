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

    def __post_init__(self) -> None:
        if self.shape.endswith("SumRule"):
            object.__setattr__(self, "message", parts_in_order(self.message))


def parts_in_order(message: str) -> str:
    """A sum rule's message with its parts sorted: "Total (9) ≠ sum of its parts (8): b 5 + a 3
    − c 1" lists them in whatever order the engine grouped them (SPARQL leaves GROUP_CONCAT's
    order open, and it differs between engines and between runs), so the same violation would
    read differently from one run to the next."""
    start = message.find("sum of its parts (")
    cut = message.find("): ", start) + 3 if start >= 0 else 2
    if cut < 3:
        return message
    plus, *minus = message[cut:].split(" − ")
    return message[:cut] + " + ".join(sorted(plus.split(" + "))) + "".join(f" − {m}" for m in sorted(minus))


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
