"""The query pool's bookkeeping: snapshot folders of dead servers go, live ones stay."""

from __future__ import annotations

import os
from pathlib import Path

from pressgraph.store.embedded import EmbeddedStore
from pressgraph.store.query_pool import QueryPool


def test_snapshots_of_a_dead_server_are_removed_and_a_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / ".store-snapshots-999999999-abc"
    live = tmp_path / f".store-snapshots-{os.getpid()}-xyz"
    for folder in (dead, live):
        (folder / "gen-1").mkdir(parents=True)
    store = EmbeddedStore(tmp_path / "store")
    pool = QueryPool(store, workers=1)
    try:
        root = pool._snapshots.root
        assert root is not None and root.name.startswith(f".store-snapshots-{os.getpid()}-")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, root.name, "store"])
    finally:
        pool.close()
        store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "store"]
