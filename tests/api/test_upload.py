"""POST /releases: token, size and type checks, and ingest through the pipeline."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.server

AUTH = {"Authorization": "Bearer test-token"}  # conftest.TOKEN


def _post(live, files, headers=AUTH) -> httpx.Response:
    return httpx.post(live.url + "/releases", files=files, headers=headers, timeout=60)


def test_writes_need_the_token(live) -> None:
    files = {"file": ("x.txt", b"Some release text.", "text/plain")}
    r = _post(live, files, headers={})
    assert (r.status_code, r.json()) == (401, {"error": "writes need 'Authorization: Bearer <token>'"})
    r = _post(live, files, headers={"Authorization": "Bearer wrong"})
    assert (r.status_code, r.json()) == (403, {"error": "wrong write token"})


def test_oversized_upload_is_413(live) -> None:
    r = _post(live, {"file": ("big.txt", b"a" * 5_000_001, "text/plain")})
    assert (r.status_code, r.json()) == (413, {"error": "upload is larger than 5 MB"})


def test_binary_or_unknown_upload_is_415(live) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    r = _post(live, {"file": ("release.txt", png, "text/plain")})
    assert (r.status_code, r.json()) == (415, {"error": "upload looks binary; send the release as text or HTML"})
    r = _post(live, {"file": ("release.pdf", b"%PDF-1.4 text", "application/pdf")})
    assert r.status_code == 415
    r = _post(live, {"file": ("empty.txt", b"  \n", "text/plain")})
    assert (r.status_code, r.json()) == (422, {"error": "upload is empty"})


def test_missing_file_is_422_json(live) -> None:
    r = httpx.post(live.url + "/releases", headers=AUTH, data={"x": "y"})
    assert r.status_code == 422
    assert r.json()["error"].startswith("invalid request: body.file")


def test_ingest_seed_upload(live, seed_path) -> None:
    r = _post(live, {"file": (seed_path.name, seed_path.read_bytes(), "text/plain")})
    assert r.status_code == 201
    (summary,) = r.json()["releases"]
    assert summary["iri"] == "https://w3id.org/pressgraph/id/release/" + live.seed_id
    assert summary["changed"] is False  # the fixture ingested the same bytes already
    assert summary["counts"]["Release"] == 1
