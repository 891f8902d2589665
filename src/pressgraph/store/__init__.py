"""Open the configured store: embedded pyoxigraph on disk by default, a SPARQL endpoint if given."""

from __future__ import annotations

from pathlib import Path

from pressgraph.config import default_store_dir
from pressgraph.store.base import GraphStore, QueryResult, ReleaseRecord

__all__ = ["GraphStore", "QueryResult", "ReleaseRecord", "open_store"]


def open_store(
    store_dir: str | Path | None = None,
    endpoint: str | None = None,
    *,
    update_url: str | None = None,
    gsp_url: str | None = None,
    user: str | None = None,
    password: str | None = None,
    auth_scheme: str = "basic",
    read_only: bool = False,
) -> GraphStore:
    """Return a remote store when ``endpoint`` is set, else the embedded store in ``store_dir``."""
    if endpoint:
        from pressgraph.store.remote import RemoteStore

        return RemoteStore(
            endpoint, update_url=update_url, gsp_url=gsp_url, user=user, password=password, auth_scheme=auth_scheme
        )
    from pressgraph.store.embedded import EmbeddedStore

    return EmbeddedStore(Path(store_dir) if store_dir else default_store_dir(), read_only=read_only)
