"""Issue 12, item 1: ReDoc at /redoc renders every operation from files this server serves,
with a clean console under its CSP (no CDN request, no refused script)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api._cdp import WatchedPage, in_chromium

pytestmark = pytest.mark.server


async def _redoc(page: WatchedPage, base: str) -> dict[str, Any]:
    await page.call("Page.navigate", url=base + "/redoc")
    shown = await page.wait_for("document.querySelectorAll('[data-section-id^=\"operation/\"]').length", 30)
    loaded = await page.eval("performance.getEntriesByType('resource').map(e => e.name)")
    await page.eval("1")  # read the events still queued
    return {"operations": shown, "loaded": loaded, "problems": page.problems}


def test_redoc_works_offline_under_the_csp(live) -> None:
    spec = httpx.get(live.url + "/openapi.json").json()
    operations = sum(len(methods) for methods in spec["paths"].values())
    seen = in_chromium(lambda page: _redoc(page, live.url))
    assert seen["problems"] == []
    assert seen["operations"] == operations
    loaded = {u.split("?")[0] for u in seen["loaded"]} - {f"{live.url}/favicon.ico"}
    assert loaded == {
        f"{live.url}/static/docs/redoc.standalone.js",
        f"{live.url}/static/docs/redoc-start.js",
        f"{live.url}/openapi.json",
    }
