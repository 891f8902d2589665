"""Settings that a deployment may change: the IRI base, the data directory and the fetch cache.

Both come from the environment so that every entry point (CLI, API, tests) agrees on them.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DEFAULT_BASE = "https://w3id.org/pressgraph/id/"


def base_iri() -> str:
    """The namespace under which every instance IRI is minted (``PRESSGRAPH_BASE``)."""
    base = os.environ.get("PRESSGRAPH_BASE", DEFAULT_BASE)
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
