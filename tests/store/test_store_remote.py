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
    return server.remote(gsp)


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

    assert_same_rows_as_embedded(remote, server.name, fake_pipeline, tmp_path)
    remote.close()


def assert_same_rows_as_embedded(remote: RemoteStore, engine: str, releases: Path, tmp_path: Path) -> None:
    """Every named query gives the remote store the rows it gives an embedded store of the same releases."""
    local = open_store(tmp_path / "local")
    ingest(local, [str(releases)], progress=False)
    for name, params in CHECKS:
        want = run_named(local, name, params)
        got = run_named(remote, name, params)
        assert got.variables == want.variables, name
        if engine == "virtuoso" and name == "timeline":
            # Virtuoso 7.2 does not let a FILTER inside OPTIONAL see outer variables, so the
            # previous-release columns stay empty there (docs/STORES.md); the figures agree.
            assert _normal(tuple(r[:6] for r in got.rows)) == _normal(tuple(r[:6] for r in want.rows))
            continue
        assert len(got.rows) == len(want.rows) and _normal(got.rows) == _normal(want.rows), name
    local.close()


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


# --- one base URL (issue 12 item 4) ---------------------------------------------------------------

UNION_WARNING = (
    "warning: the default graph of {} is not the union of its named graphs, so named queries find "
    "nothing there; start Oxigraph with --union-default-graph (Fuseki: unionDefaultGraph; see docs/STORES.md)"
)


def _auth(server: Server) -> list[str]:
    return ["--user", server.user, "--password", server.password or "", "--auth", server.auth] if server.user else []


def test_ingest_from_the_base_url_finds_query_and_update_urls(
    server: Server, fake_pipeline: Path, tmp_path: Path
) -> None:
    remote = RemoteStore(server.base, user=server.user, password=server.password, auth_scheme=server.auth)
    _clear(remote)
    summary = ingest(remote, [str(fake_pipeline)], progress=False)
    assert (summary.releases, summary.written) == (2, 2)
    assert (remote.endpoint, remote.update_url) == (server.endpoint, server.update_url)
    assert remote.default_graph_is_union() is True
    assert_same_rows_as_embedded(remote, server.name, fake_pipeline, tmp_path)
    remote.close()


def test_cli_ingest_load_and_query_with_the_base_url(
    server: Server, fake_pipeline: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = _remote(server, gsp=False)
    _clear(remote)
    remote.close()
    auth = _auth(server)
    assert main(["ingest", str(fake_pipeline), "--endpoint", server.base, *auth]) == 0
    out, err = capsys.readouterr()
    assert (out.splitlines()[0].split("  ")[:3], err) == (
        ["files: 2", "releases: 2", "written: 2"],
        "",  # no progress lines off a terminal
    )
    store = str(tmp_path / "s")
    assert main(["ingest", str(fake_pipeline), "--store", store]) == 0
    capsys.readouterr()
    assert main(["load", "--store", store, "--endpoint", server.base + "/", *auth]) == 0
    assert capsys.readouterr() == ("graphs written: 0  unchanged: 3\n", "")  # the ingest above wrote them
    query = ["query", "products", "--endpoint", server.base, "--param", "company=zeta", "--format", "csv", *auth]
    assert main(query) == 0
    assert capsys.readouterr() == (
        "company,product,name,kind,aliases\n"
        "https://w3id.org/pressgraph/id/org/zeta-cell,"
        "https://w3id.org/pressgraph/id/product/zeta-cell/bone-kit,bone kit,kit,\n",
        "",
    )


@pytest.mark.parametrize(
    "layout,query_path,update_path",
    [
        ("/ds", "/ds", "/ds/update"),
        ("/ds/sparql", "/ds/sparql", "/ds/update"),
        ("/ds/query", "/ds/query", "/ds/update"),
        ("/repositories/X", "/repositories/X", "/repositories/X/statements"),
    ],
    ids=["fuseki-dataset", "fuseki-sparql", "fuseki-query", "graphdb"],
)
def test_fuseki_and_graphdb_layouts_from_one_url(
    layout_proxy: str, layout: str, query_path: str, update_path: str, fake_pipeline: Path, tmp_path: Path
) -> None:
    remote = RemoteStore(layout_proxy + layout)
    _clear(remote)
    ingest(remote, [str(fake_pipeline)], progress=False)
    assert (remote.endpoint, remote.update_url) == (layout_proxy + query_path, layout_proxy + update_path)
    assert sorted(r.triples for r in remote.releases()) == [28, 162]
    assert_same_rows_as_embedded(remote, "oxigraph", fake_pipeline, tmp_path)
    remote.close()


def test_gsp_url_configured_with_a_discovered_base(layout_proxy: str, fake_pipeline: Path) -> None:
    remote = RemoteStore(layout_proxy + "/ds", gsp_url=layout_proxy + "/ds/data")
    _clear(remote)
    assert ingest(remote, [str(fake_pipeline)], progress=False).written == 2
    assert len(remote.graph_ntriples(f"{ID}graph/zeta-2004-05-01").splitlines()) == 28
    remote.close()


def test_a_url_with_no_sparql_service_is_one_line(
    layout_proxy: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = layout_proxy + "/nothing"
    assert main(["stats", "--endpoint", base]) == 1
    tried = ", ".join([base, base + "/query", base + "/sparql"])
    assert capsys.readouterr().err == (
        f"pressgraph: error: no SPARQL query endpoint at {base}: tried {tried} "
        "(give the query URL with --endpoint, and --update-url for writes)\n"
    )
    from tests.store.conftest import free_port

    closed = f"http://127.0.0.1:{free_port()}"
    assert main(["stats", "--endpoint", closed]) == 1
    assert capsys.readouterr().err.startswith(f"pressgraph: error: cannot reach {closed}: ")


def test_warning_when_the_default_graph_is_not_the_union(
    oxigraph_plain_server: Server, fake_pipeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Oxigraph started without --union-default-graph: before, every named query gave 0 rows
    and said nothing."""
    base = oxigraph_plain_server.base
    fresh = RemoteStore(base)
    assert fresh.default_graph_is_union() is None  # nothing stored yet: nothing to tell by
    fresh.close()
    assert main(["ingest", str(fake_pipeline), "--endpoint", base]) == 0
    warning = UNION_WARNING.format(oxigraph_plain_server.endpoint)
    assert capsys.readouterr().err == f"{warning}\n"  # no progress lines off a terminal
    assert main(["query", "grants", "--endpoint", base, "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert (len(out.splitlines()), err) == (1, warning + "\n")  # the header only: the store hides its rows
    assert main(["stats", "--endpoint", base]) == 0  # the catalog is read by graph name: unaffected
    assert capsys.readouterr().out.startswith("releases: 2\ntriples: 190\n")


def test_graph_store_routes_over_a_remote_store(oxigraph_server: Server, fake_pipeline: Path) -> None:
    """/store and DELETE /releases/{id} of `pressgraph serve --endpoint` read and write the remote store."""
    import httpx

    from pressgraph.api import create_app
    from tests.api.conftest import serve_app

    store = RemoteStore(oxigraph_server.base)
    _clear(store)
    ingest(store, [str(fake_pipeline)], progress=False)
    graph = f"{ID}graph/zeta-2004-05-01"
    auth = {"Authorization": "Bearer t"}
    try:
        with serve_app(create_app(store, write_token="t")) as url:
            got = httpx.get(url + "/store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
            want = set(store.graph_ntriples(graph).splitlines())
            assert (got.status_code, set(got.text.splitlines())) == (200, want)
            assert len(want) == 28
            gone = httpx.delete(url + "/releases/zeta-2004-05-01", headers=auth, timeout=30)
            again = httpx.delete(url + "/releases/zeta-2004-05-01", headers=auth, timeout=30)
        assert (gone.status_code, again.status_code, again.json()) == (
            204,
            404,
            {"error": "unknown release: zeta-2004-05-01"},
        )
        assert ([r.graph_iri for r in store.releases()], store.has_graph(graph)) == (
            [f"{ID}graph/zeta-2004-02-01"],
            False,
        )
    finally:
        store.close()
