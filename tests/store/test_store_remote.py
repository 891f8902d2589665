"""The same round trip on two independent real SPARQL 1.1 servers: Oxigraph server and Virtuoso.

Ingest through the Graph Store Protocol (PUT per named graph) and through SPARQL Update, re-ingest
(no-op), push an embedded store with ``pressgraph load``, and check the named queries give the
same rows as the embedded store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pressgraph.cli import main
from pressgraph.ingest import ingest
from pressgraph.queries import run_named
from pressgraph.store import open_store
from pressgraph.store.remote import RemoteStore

Server = Any  # tests/store/conftest.py Server (conftest modules are not importable by name)

pytestmark = pytest.mark.server

CHECKS = [
    ("company-profile", {"company": "zeta"}),
    ("products", {"company": "ZETA"}),
    ("regulatory-events", {"regulator": "FDA"}),
    ("grants", {}),
    ("trials", {"company": "zeta"}),
    ("partners", {"company": "zeta"}),
    ("financings", {}),
    ("people", {}),
    ("financial-facts", {"concept": "NetIncomeLoss"}),
    ("timeline", {"company": "zeta"}),
    ("related", {"from": "zeta", "to": "City Hospital"}),
    ("consistency", {}),
]
ID = "https://w3id.org/pressgraph/id/"


def _remote(server: Server, gsp: bool) -> RemoteStore:
    return RemoteStore(
        server.endpoint,
        update_url=server.update_url,
        gsp_url=server.gsp_url if gsp else None,
        user=server.user,
        password=server.password,
        auth_scheme=server.auth,
    )


def _clear(store: RemoteStore) -> None:
    for rec in store.catalog():
        store.remove_release(rec.graph_iri)


def _normal(rows: tuple[tuple[object, ...], ...]) -> list[tuple[object, ...]]:
    """GROUP_CONCAT order and empty-vs-unbound differ between engines: compare as sets."""

    def cell(v: object) -> object:
        if isinstance(v, str) and "; " in v:
            return tuple(sorted(v.split("; ")))
        return None if v == "" else v

    return sorted((tuple(cell(v) for v in r) for r in rows), key=repr)


@pytest.mark.parametrize("gsp", [True, False], ids=["gsp-put", "sparql-update"])
def test_round_trip(server: Server, gsp: bool, fake_pipeline: Path, tmp_path: Path) -> None:
    remote = _remote(server, gsp)
    _clear(remote)
    summary = ingest(remote, [str(fake_pipeline)], progress=False)
    assert (summary.releases, summary.written) == (2, 2)
    assert sorted(r.graph_iri for r in remote.releases()) == [
        f"{ID}graph/zeta-2004-02-01",
        f"{ID}graph/zeta-2004-05-01",
    ]
    assert [r.triples for r in sorted(remote.releases(), key=lambda r: r.graph_iri)] == [162, 28]
    again = ingest(remote, [str(fake_pipeline)], progress=False)
    assert (again.written, again.unchanged) == (0, 2)
    assert len(remote.graph_ntriples(f"{ID}graph/zeta-2004-05-01").splitlines()) == 28

    local = open_store(tmp_path / "local")
    ingest(local, [str(fake_pipeline)], progress=False)
    for name, params in CHECKS:
        want = run_named(local, name, params)
        got = run_named(remote, name, params)
        assert got.variables == want.variables, name
        if server.name == "virtuoso" and name == "timeline":
            # Virtuoso 7.2 does not let a FILTER inside OPTIONAL see outer variables, so the
            # previous-release columns stay empty there (docs/STORES.md); the figures agree.
            assert _normal(tuple(r[:6] for r in got.rows)) == _normal(tuple(r[:6] for r in want.rows))
            continue
        assert _normal(got.rows) == _normal(want.rows), name
    remote.close()


def test_cli_load_pushes_embedded_store(
    server: Server, fake_pipeline: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = _remote(server, gsp=True)
    _clear(remote)
    store = str(tmp_path / "s")
    assert main(["ingest", str(fake_pipeline), "--store", store]) == 0
    capsys.readouterr()
    auth = ["--user", server.user, "--password", server.password or "", "--auth", server.auth] if server.user else []
    argv = [
        "load",
        "--store",
        store,
        "--endpoint",
        server.endpoint,
        "--update-url",
        server.update_url,
        "--gsp-url",
        server.gsp_url or "",
        *auth,
    ]
    assert main(argv) == 0
    assert capsys.readouterr().out == "graphs written: 3  unchanged: 0\n"  # 2 releases + ontology
    assert main(argv) == 0
    assert capsys.readouterr().out == "graphs written: 0  unchanged: 3\n"
    assert (
        main(["query", "products", "--endpoint", server.endpoint, "--param", "company=zeta", "--format", "csv", *auth])
        == 0
    )
    assert capsys.readouterr().out.splitlines()[1] == (
        "https://w3id.org/pressgraph/id/org/zeta-cell,"
        "https://w3id.org/pressgraph/id/product/zeta-cell/bone-kit,bone kit,kit,"
    )
    remote.close()


def test_api_over_a_remote_store_refuses_user_sparql_unless_asked(oxigraph_server: Server) -> None:
    """The remote engine would evaluate SERVICE itself, so /sparql is off by default there;
    named queries (our text) run, answers re-serialised by pyoxigraph."""
    import httpx

    from pressgraph.api import create_app
    from tests.api.conftest import serve_app

    store = _remote(oxigraph_server, gsp=True)
    ask = {"query": "ASK { }"}
    try:
        with serve_app(create_app(store)) as url:
            off = httpx.get(url + "/sparql", params=ask, timeout=30)
            named = httpx.get(url + "/queries/grants", headers={"Accept": "application/json"}, timeout=30)
        with serve_app(create_app(store, remote_sparql=True)) as url:
            on = httpx.get(url + "/sparql", params=ask, headers={"Accept": "text/tab-separated-values"}, timeout=30)
    finally:
        store.close()
    assert (off.status_code, off.json()["error"].split(":")[0]) == (403, "SPARQL over a remote store is off")
    assert (named.status_code, named.json()["head"]["vars"][:1]) == (200, ["company"])
    assert (on.status_code, on.text) == (200, "true")
