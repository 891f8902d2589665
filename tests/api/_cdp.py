"""Headless Chromium for the YASGUI tests: a page that also records what the console reports.

Built on tests/api/test_browser.py's CDP client (same flags, same start and stop); this one keeps
every console error, uncaught exception and browser log error (CSP violations, failed loads), so
a test can assert that a page ran clean.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from tests.api.test_browser import CHROMIUM, Page, _start_chromium, _stop_chromium

T = TypeVar("T")


class WatchedPage(Page):
    """A CDP page whose console errors, exceptions and log errors are kept in ``problems``."""

    def __init__(self, ws: Any) -> None:
        super().__init__(ws)
        self.problems: list[str] = []

    def _note(self, msg: dict[str, Any]) -> None:
        params = msg.get("params", {})
        if msg.get("method") == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.problems.append(
                "console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            )
        elif msg.get("method") == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.problems.append("exception: " + str(details.get("exception", {}).get("description", details)))
        elif msg.get("method") == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.problems.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())


def need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")


def in_chromium(walk: Callable[[WatchedPage], Awaitable[T]]) -> T:
    """Start Chromium, run ``walk`` on a watched page (console, log and runtime on), stop Chromium."""
    need_chromium()
    websockets = pytest.importorskip("websockets", reason="the CDP client needs websockets")

    async def run(devtools: str) -> T:
        port = devtools.split(":")[2].split("/")[0]
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list").json()
        page_ws = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        async with websockets.connect(page_ws, max_size=50_000_000) as ws:
            page = WatchedPage(ws)
            for domain in ("Page", "Runtime", "Log"):
                await page.call(f"{domain}.enable")
            return await walk(page)

    with tempfile.TemporaryDirectory(prefix="pg-chromium-", ignore_cleanup_errors=True) as profile:
        proc, devtools = _start_chromium(profile)
        try:
            return asyncio.run(run(devtools))
        finally:
            _stop_chromium(proc)


# JavaScript run in the page: set YASGUI's query, press its query button, wait for the answer.
RUN_QUERY = """(async (query) => {
  const tab = window.pressgraphYasgui.getTab();
  tab.getYasqe().setValue(query);
  document.querySelector('.yasqe_queryButton').click();
  for (let i = 0; i < 200; i++) {
    const results = tab.getYasr().results;
    if (results && results.getBindings && results.getBindings()) {
      return {
        endpoint: tab.getEndpoint(),
        status: results.getStatus ? results.getStatus() : null,
        vars: results.getVariables(),
        bindings: results.getBindings().map(b => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value]))),
        shown: document.querySelector('.yasr').innerText
      };
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return null;
})"""
