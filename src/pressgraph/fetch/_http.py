"""HTTP under EDGAR's fair-access rules: a declared User-Agent, ≤ 10 requests a second, polite retries.

SEC asks every automated client to name itself and a contact in the User-Agent, to stay under
10 requests per second, and to back off when told (https://www.sec.gov/os/accessing-edgar-data).
A client that ignores this gets its IP blocked for a while, so the rules are not options here:
:class:`EdgarClient` refuses to start without a contact, every request of the process waits on
one shared :class:`RateLimiter`, and 429/5xx answers are retried after ``Retry-After`` (or an
exponential backoff). Failures become :class:`~pressgraph.errors.FetchError` with one line.
"""

from __future__ import annotations

import email.utils
import json
import math
import re
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from pressgraph.errors import FetchError

T = TypeVar("T")

MAX_REQUESTS_PER_SECOND = 10
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_CONTACT_RE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_USER_AGENT_HELP = (
    "EDGAR's fair-access policy requires a User-Agent naming you and a contact e-mail "
    "(SEC blocks anonymous clients): give --user-agent 'Jane Doe jane@example.com' "
    "or set PRESSGRAPH_USER_AGENT"
)


def check_user_agent(user_agent: str | None) -> str:
    """The User-Agent to declare, or a FetchError saying why one with a contact e-mail is needed."""
    value = (user_agent or "").strip()
    if not value:
        raise FetchError(f"no User-Agent: {_USER_AGENT_HELP}")
    if not _CONTACT_RE.search(value):
        raise FetchError(f"User-Agent {value!r} has no contact e-mail: {_USER_AGENT_HELP}")
    if not value.isascii() or not value.isprintable():
        raise FetchError(f"User-Agent {value!r} must be one line of plain ASCII (an HTTP header)")
    return value


class _Slot:
    """One request's place in the window: ``answered`` is when its answer began to arrive."""

    __slots__ = ("answered",)

    def __init__(self) -> None:
        self.answered = math.inf  # in flight


class RateLimiter:
    """At most ``limit`` requests in any ``window`` seconds *as the server counts them*, across threads.

    A request holds its slot from before it is sent until ``window`` seconds after its answer
    began to arrive. The server saw it somewhere in between, so the eleventh request cannot reach
    the server within a second of the first, however the network delays either of them; a
    limiter counting send times only would let jitter put eleven arrivals in one second.
    """

    def __init__(self, limit: int = MAX_REQUESTS_PER_SECOND, window: float = 1.0) -> None:
        self.limit, self.window = limit, window
        self._slots: list[_Slot] = []
        self._changed = threading.Condition()

    def acquire(self) -> _Slot:
        """Block until one more request may be sent; the returned slot is held until :meth:`release`."""
        with self._changed:
            while True:
                now = time.monotonic()
                self._slots = [s for s in self._slots if now - s.answered < self.window]
                if len(self._slots) < self.limit:
                    slot = _Slot()
                    self._slots.append(slot)
                    return slot
                soonest = min(s.answered for s in self._slots) + self.window - now
                self._changed.wait(timeout=min(soonest, self.window))

    def release(self, slot: _Slot) -> None:
        """The answer (or the failure) is here: the slot frees ``window`` seconds from now."""
        with self._changed:
            if slot.answered == math.inf:
                slot.answered = time.monotonic()
                self._changed.notify_all()


# One limiter for the whole process: two clients (or threads) must not get 10 a second each.
PROCESS_LIMITER = RateLimiter()


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds to wait: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _status_error(url: str, response: httpx.Response, attempts: int) -> FetchError:
    tried = f" after {attempts} attempts" if attempts > 1 else ""
    # SEC answers 403 to a User-Agent it does not accept, and to an IP it has blocked for a while.
    hint = (
        " (EDGAR refuses: check the User-Agent, or wait if this address was rate-limited)"
        if response.status_code == 403
        else ""
    )
    return FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}{tried}{hint}")


def _transport_error(url: str, exc: httpx.HTTPError) -> FetchError:
    """One line for a network failure: the host, and the reason without the exception's class."""
    reason = str(exc).strip() or type(exc).__name__
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        return FetchError(f"cannot reach {_host(url)} ({reason}); check --edgar-url and the network")
    return FetchError(f"{url}: {reason}")


class EdgarClient:
    """GET from EDGAR with the declared User-Agent, the process-wide rate limit and retries.

    ``retries`` extra attempts follow a 429, a 5xx or a dropped transfer; each waits what
    ``Retry-After`` asks (at most ``max_wait`` seconds, beyond which EDGAR is saying "come back
    later" and we stop) or else ``backoff`` × 2^attempt seconds.
    """

    def __init__(
        self,
        user_agent: str,
        *,
        limiter: RateLimiter | None = None,
        retries: int = 4,
        backoff: float = 0.5,
        max_wait: float = 120.0,
        timeout: float = 30.0,
    ) -> None:
        self.limiter = limiter or PROCESS_LIMITER
        self.retries, self.backoff, self.max_wait = retries, backoff, max_wait
        headers = {"User-Agent": check_user_agent(user_agent), "Accept-Encoding": "gzip, deflate"}
        # Hooks, not calls around stream(): every request httpx sends, redirects included, takes a slot.
        hooks: dict[str, list[Callable[..., Any]]] = {"request": [self._take_slot], "response": [self._free_slot]}
        self._http = httpx.Client(headers=headers, timeout=timeout, follow_redirects=True, event_hooks=hooks)
        self._held = threading.local()

    def _take_slot(self, request: httpx.Request) -> None:
        self._free_slot()
        self._held.slot = self.limiter.acquire()

    def _free_slot(self, response: httpx.Response | None = None) -> None:
        slot = getattr(self._held, "slot", None)
        if slot is not None:
            self.limiter.release(slot)
            self._held.slot = None

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get_bytes(self, url: str, missing_ok: bool = False) -> bytes | None:
        """The body of ``url``; None for a 404 when ``missing_ok``."""
        return self.request(url, lambda response: response.read(), missing_ok)

    def get_json(self, url: str, missing_ok: bool = False) -> Any:
        """The JSON body of ``url``; None for a 404 when ``missing_ok``."""
        body = self.get_bytes(url, missing_ok)
        if body is None:
            return None
        try:
            return json.loads(body)
        except ValueError:
            raise FetchError(f"{url}: the answer is not JSON") from None

    def request(self, url: str, consume: Callable[[httpx.Response], T], missing_ok: bool = False) -> T | None:
        """Stream ``url`` into ``consume`` (called only for a 2xx), retrying politely.

        ``consume`` may run more than once, when a transfer breaks midway; it must start afresh.
        """
        for attempt in range(self.retries + 1):
            try:
                with self._http.stream("GET", url) as response:
                    if response.status_code == 404 and missing_ok:
                        return None
                    if response.status_code not in RETRY_STATUSES:
                        if response.is_error:
                            raise _status_error(url, response, attempt + 1)
                        return consume(response)
                    if attempt == self.retries:
                        raise _status_error(url, response, attempt + 1)
                    delay = self._delay(url, response, attempt)
                    response.read()  # the short error page, so that the connection can be reused
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol) as exc:
                raise _transport_error(url, exc) from None
            except httpx.TransportError as exc:
                if attempt == self.retries:
                    raise _transport_error(url, exc) from None
                delay = self.backoff * 2**attempt
            except (httpx.HTTPError, httpx.InvalidURL) as exc:  # too many redirects, a malformed URL
                raise FetchError(f"{url}: {exc}") from None
            finally:
                self._free_slot()  # a request that failed before its answer
            time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _delay(self, url: str, response: httpx.Response, attempt: int) -> float:
        """How long to wait before retrying: Retry-After when given, else exponential backoff."""
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        if asked is not None and asked > self.max_wait:
            raise FetchError(f"{url}: HTTP {response.status_code}, EDGAR asks to wait {asked:.0f} s; try again later")
        return asked if asked is not None else self.backoff * 2**attempt
