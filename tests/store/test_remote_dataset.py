"""Issue 12: over a remote store (``serve --endpoint … --remote-sparql``), the dataset parameters
of a user query reach the remote engine, on Oxigraph server and Virtuoso alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pressgraph.ingest import ingest
from pressgraph.store.query_pool import Dataset, RemoteRunner

Server = Any  # tests/store/conftest.py Server

pytestmark = pytest.mark.server

ID = "https://w3id.org/pressgraph/id/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(runner: RemoteRunner, dataset: Dataset) -> int:
    import json

    answer = runner.run(COUNT, "json", None, 10, 30.0, dataset)
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


def test_remote_runner_passes_the_dataset(server: Server, fake_pipeline: Path) -> None:
    remote = server.remote()
    for record in remote.catalog():
        remote.remove_release(record.graph_iri)
    ingest(remote, [str(fake_pipeline)], progress=False)
    runner = RemoteRunner(remote, accepts_user_queries=True)
    first, second = f"{ID}graph/zeta-2004-02-01", f"{ID}graph/zeta-2004-05-01"
    assert _count(runner, Dataset((first,))) == 162
    assert _count(runner, Dataset((second,))) == 28
    assert _count(runner, Dataset((first, second))) == 190
    remote.close()
