"""Shared fixtures: where the example and the shared corpus are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "aastrom-2003-11-10.txt"
SEED_ID = "c0669b98d8e1d350"  # the seed's release id: the first 16 hex digits of its text's sha256
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "gold"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is not beside the checkout ({path} missing)")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED
