"""Entities, paths, named queries and releases over the live server (fixture release)."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, URIRef

from pressgraph.api._pages import neighbourhood_svg
from pressgraph.api._releases import highlight

pytestmark = pytest.mark.server

ID = "https://w3id.org/pressgraph/id/"
JSON = {"Accept": "application/json"}


def _ids(values: list[dict]) -> list[str]:
    return sorted(v["id"] for v in values)


def test_search_by_alias_and_type(live) -> None:
    r = httpx.get(live.url + "/entities", params={"q": "fda", "limit": 5}, headers=JSON)
    body = r.json()
    assert (body["total"], body["limit"], body["offset"]) == (1, 5, 0)
    assert body["items"][0]["id"] == "org/fda"
    assert body["items"][0]["label"] == "U.S. Food and Drug Administration"
    # the fixture's types; the seed's copy adds the materialised super-classes
    fixture_types = ["pg:GovernmentAgency", "pg:Organization", "pg:RegulatoryAgency"]
    assert [t for t in body["items"][0]["types"] if t.startswith("pg:")] == fixture_types
    r = httpx.get(live.url + "/entities", params={"type": "University", "q": "state"}, headers=JSON)
    assert [i["id"] for i in r.json()["items"]] == ["org/state-university"]


def test_search_pagination(live) -> None:
    params = {"q": "i", "type": "Organization"}
    full = httpx.get(live.url + "/entities", params={**params, "limit": 500}, headers=JSON).json()
    ids = [i["id"] for i in full["items"]]
    # the fixture's organizations containing "i", in label order (the seed adds its own)
    fixture = ["org/acme-bio", "org/city-hospital", "org/state-university", "org/fda", "org/widget"]
    assert [i for i in ids if i in fixture] == fixture
    assert full["total"] == len(ids)
    pages = []
    for offset in range(0, len(ids), 2):
        page = httpx.get(live.url + "/entities", params={**params, "limit": 2, "offset": offset}, headers=JSON).json()
        assert (page["total"], page["offset"]) == (len(ids), offset)
        pages += [i["id"] for i in page["items"]]
    assert pages == ids


def test_company_entity_json(live) -> None:
    e = httpx.get(live.url + "/entities/org/acme-bio", headers=JSON).json()
    assert e["label"] == "Acme Bio, Inc."
    assert e["aliases"] == ["ACMB", "Acme"]
    assert e["types"] == ["pg:Company", "pg:Organization"]
    assert _ids(e["outgoing"]["pg:hasPartner"]) == ["org/state-university", "org/widget"]
    assert _ids(e["outgoing"]["pg:hasProduct"]) == ["product/acme-bio/novacell"]
    events = {ev["id"]: ev for ev in e["events"]}
    assert sorted(events) == [
        "release/acme-2020-01-02/event/partnership-1",
        "release/acme-2020-01-02/event/regulatory-1",
        "release/acme-2020-01-02/event/trial-1",
    ]
    trial = events["release/acme-2020-01-02/event/trial-1"]
    assert (trial["class"], trial["roles"]) == ("pg:ClinicalTrial", ["pg:sponsor"])
    assert trial["details"]["pg:phase"][0]["value"] == "Phase 1/2"
    assert [v["label"] for v in trial["details"]["pg:site"]] == ["City Hospital"]
    quotes = [q["quote"] for q in e["evidence"]]
    assert quotes == [
        "Acme Bio, Inc.",
        "U.S. Food and Drug Administration cleared its IND for NovaCell",
        "A Phase 1/2 trial will run with State University at City Hospital",
        "Acme signed a supply agreement with Widget GmbH",
    ]
    assert sorted((f["value"], f["printed"]) for f in e["figures"]) == [
        ("-2800000", "Net loss"),
        ("-2838000", "Net loss"),
    ]


def test_entity_page_parameter_and_links(live) -> None:
    e = httpx.get(live.url + "/entities/org/aastrom-biosciences", params={"page": 1}, headers=JSON).json()
    assert e["page"] == {
        "number": 1,
        "size": 20,
        "last": 3,
        "prev": None,
        "next": "/entities/org/aastrom-biosciences?page=2",
    }
    assert (e["totals"]["figures"], len(e["figures"]), e["figure_summary"]["total"]) == (49, 20, 49)
    later = httpx.get(live.url + "/entities/org/aastrom-biosciences", params={"page": 4}, headers=JSON).json()
    assert (later["page"]["prev"], later["page"]["next"], later["figures"]) == (
        "/entities/org/aastrom-biosciences?page=3",
        None,
        [],
    )
    html = httpx.get(live.url + "/entities/org/aastrom-biosciences", params={"page": 2}).text
    assert '<a rel="prev" href="/entities/org/aastrom-biosciences?page=1">previous</a>' in html
    assert '<a rel="next" href="/entities/org/aastrom-biosciences?page=3">next</a>' in html
    assert "<h2>Financial figures <small>(49)</small></h2>" in html and '<table id="figures-by-concept">' in html
    assert httpx.get(live.url + "/entities/org/fda", params={"page": 0}).status_code == 422


def test_entity_rdf_views(live) -> None:
    r = httpx.get(live.url + "/entities/org/fda", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    fda = URIRef(ID + "org/fda")
    assert (
        URIRef(ID + "product/acme-bio/novacell"),
        URIRef("https://w3id.org/pressgraph/ontology#regulatedBy"),
        fda,
    ) in g
    r = httpx.get(live.url + "/entities/org/fda", headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=r.text, format="json-ld")) == len(g)


def test_entity_html_page(live) -> None:
    html = httpx.get(live.url + "/entities/org/acme-bio").text
    assert '<h1 id="label">Acme Bio, Inc.</h1>' in html
    assert '<a href="/entities/org/state-university">State University</a>' in html
    assert '<td class="sites"><a href="/entities/org/city-hospital">City Hospital</a></td>' in html
    assert "<svg" in html and 'aria-label="neighbourhood of Acme Bio, Inc."' in html
    assert '<td class="num" title="-2838000">$ (2,838,000)</td>' in html  # formatted, raw in the title


def test_unknown_entity_is_404_json(live) -> None:
    r = httpx.get(live.url + "/entities/org/nowhere")
    assert (r.status_code, r.json()) == (404, {"error": "unknown entity: org/nowhere"})
    r = httpx.get(live.url + "/entities/org/a%3Eb")
    assert r.status_code == 404


def test_paths(live) -> None:
    r = httpx.get(live.url + "/paths", params={"from": "org/acme-bio", "to": "org/fda"}, headers=JSON)
    paths = r.json()["paths"]
    shortest = [[(s["predicate"], s["direction"], s["to"]["id"]) for s in p] for p in paths if len(p) == 2]
    assert [("pg:hasProduct", "out", "product/acme-bio/novacell"), ("pg:regulatedBy", "out", "org/fda")] in shortest
    assert min(len(p) for p in paths) == 2 and max(len(p) for p in paths) <= 3
    via_product = next(p for p in paths if p[0]["predicate"] == "pg:hasProduct")
    assert [s["to"]["label"] for s in via_product] == ["NovaCell", "U.S. Food and Drug Administration"]
    html = httpx.get(live.url + "/paths", params={"from": "org/acme-bio", "to": "org/fda"}).text
    assert '<a href="/entities/product/acme-bio/novacell">NovaCell</a>' in html
    r = httpx.get(live.url + "/paths", params={"from": "org/acme-bio", "to": "org/none"})
    assert r.status_code == 404


def test_named_queries(live) -> None:
    listing = httpx.get(live.url + "/queries", headers=JSON).json()
    trials = next(q for q in listing if q["name"] == "trials")
    assert [p["name"] for p in trials["params"]] == ["company", "product"]
    r = httpx.get(live.url + "/queries/trials", params={"company": "ACMB"}, headers=JSON)
    rows = r.json()["results"]["bindings"]
    assert [(b["trial"]["value"], b["phase"]["value"], b["partners"]["value"]) for b in rows] == [
        (ID + "release/acme-2020-01-02/event/trial-1", "Phase 1/2", "State University")
    ]
    html = httpx.get(live.url + "/queries/trials", params={"company": "org/acme-bio"}).text
    assert ("<td>Phase 1/2</td><td></td><td>planned</td><td>State University</td><td>City Hospital</td>") in html
    r = httpx.get(live.url + "/queries/nope")
    assert r.status_code == 400
    assert r.json()["error"].startswith("unknown query 'nope' (known: company-profile, ")
    r = httpx.get(live.url + "/queries/company-profile")
    assert (r.status_code, r.json()) == (400, {"error": "query company-profile needs --param company=..."})


def test_releases(live) -> None:
    listing = httpx.get(live.url + "/releases", headers=JSON).json()
    fixture = next(r for r in listing if r["id"] == "acme-2020-01-02")
    assert (fixture["date"], fixture["issuer"]["id"], fixture["triples"]) == ("2020-01-02", "org/acme-bio", 114)
    data = httpx.get(live.url + "/releases/acme-2020-01-02", headers=JSON).json()
    assert data["text"].startswith("Acme Bio, Inc. (ACMB) said")
    assert [(s["start"], s["end"]) for s in data["evidence"]] == [(0, 14), (31, 93), (95, 160), (162, 209), (211, 236)]
    # the fixture has no pg:sha256, which the shapes require of every release
    assert data["validation"]["conforms"] is False
    assert {
        "severity": "Violation",
        "focus_node": ID + "release/acme-2020-01-02",
        "path": "https://w3id.org/pressgraph/ontology#sha256",
        "message": "a release needs exactly one pg:sha256 of 64 lowercase hex digits",
        "shape": "https://w3id.org/pressgraph/shapes#ReleaseShape",
    } in data["validation"]["violations"]
    html = httpx.get(live.url + "/releases/acme-2020-01-02").text
    assert '<p id="conforms">does not conform</p>' in html
    assert '<mark title="pattern:trial" id="ev-95-160">A Phase 1/2 trial will run' in html
    assert httpx.get(live.url + "/releases/nope").status_code == 404


def test_home_counts(live) -> None:
    html = httpx.get(live.url + "/").text
    assert '<div class="count" id="count-releases"><b>2</b>releases</div>' in html  # fixture + seed


def test_highlight_merges_overlaps_and_escapes() -> None:
    spans = [{"start": 0, "end": 3, "method": "a"}, {"start": 2, "end": 5, "method": "b"}]
    assert highlight("<b>&cd", spans) == '<mark title="a, b" id="ev-0-5">&lt;b&gt;&amp;c</mark>d'


def test_svg_escapes_labels() -> None:
    svg = neighbourhood_svg("A<B", [("p", {"kind": "iri", "iri": "x", "id": "org/x", "label": "<x>"}, "out")])
    assert "&lt;x&gt;" in svg and "<x>" not in svg and 'href="/entities/org/x"' in svg
