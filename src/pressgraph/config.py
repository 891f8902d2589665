"""Settings that a deployment may change: the IRI base, the data directory and the fetch cache.

Both come from the environment so that every entry point (CLI, API, tests) agrees on them.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import platformdirs

from pressgraph.errors import ConfigError

VERSION = "0.1.0"  # the package version (pyproject.toml says the same; tests/library checks)

DEFAULT_BASE = "https://w3id.org/pressgraph/id/"
# An absolute IRI (scheme, then no character IRIs forbid): what every minted IRI starts with.
_IRI_BASE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f]+$")


def base_iri() -> str:
    """The namespace under which every instance IRI is minted (``PRESSGRAPH_BASE``)."""
    return _checked_base(os.environ.get("PRESSGRAPH_BASE", DEFAULT_BASE))


@lru_cache(maxsize=8)
def _checked_base(base: str) -> str:
    """``base`` ending in / or #, or ConfigError: a space would break every IRI minted under it."""
    if not _IRI_BASE.match(base):
        raise ConfigError(
            f"PRESSGRAPH_BASE is not an absolute IRI: {base!r} "
            '(a scheme such as https:, and no spaces or <>"{}|\\^` characters)'
        )
    return base if base.endswith(("/", "#")) else base + "/"


def default_store_dir() -> Path:
    """Where the embedded store lives unless ``--store`` says otherwise (``PRESSGRAPH_STORE``)."""
    env = os.environ.get("PRESSGRAPH_STORE")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("pressgraph")) / "store"


def default_cache_dir() -> Path:
    """Where ``pressgraph fetch`` keeps EDGAR downloads unless ``--cache`` says otherwise (``PRESSGRAPH_CACHE``).

    A cache, not data: deleting it only costs a re-download.
    """
    env = os.environ.get("PRESSGRAPH_CACHE")
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir("pressgraph")) / "edgar"
