"""The embedded store: atomic, idempotent ingest and the named queries on hand-written graphs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pressgraph import pipeline
from pressgraph.errors import StoreError
from pressgraph.ingest import ingest
from pressgraph.queries import run_named
from pressgraph.store import open_store
from pressgraph.store.embedded import EmbeddedStore


PG = "https://w3id.org/pressgraph/ontology#"
ID = "https://w3id.org/pressgraph/id/"


def _count(store: EmbeddedStore) -> int:
    return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    s = open_store(tmp_path / "store")
    assert isinstance(s, EmbeddedStore)
    return s
