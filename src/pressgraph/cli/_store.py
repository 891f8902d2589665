"""Placeholder: sub-commands of this module are being built (see docs/MODEL.md)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    del sub
