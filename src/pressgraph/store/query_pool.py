"""Run untrusted SPARQL in a pool of sandboxed worker processes over snapshots of the store.

Why processes: pyoxigraph cannot interrupt a query, and a deep query can overflow the engine's
stack. A worker that passes the time limit is killed (its memory and its slot come back at once)
and a worker that crashes costs one request; a fresh worker takes its place in the background.

Why snapshots: only one process may open the RocksDB store read-write, and opening it read-only
while it is written is undefined behaviour (pyoxigraph's ``Store.read_only``). So the server keeps
the store, and after every write takes a checkpoint (``Store.backup``: hard links to the immutable
table files, milliseconds) that the workers open read-only. A worker moves to the newest snapshot
before its next query; a snapshot no worker holds is deleted. An in-memory store (tests) is
handed to the workers as N-Quads instead.

The common path costs one round trip over a pipe: a JSON header to the worker, the answer
serialised natively by pyoxigraph in the client's format back (measured in README).
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from pressgraph.errors import (
    EngineCrashed,
    ForbiddenQuery,
    QueryError,
    QueryTimeout,
    QueryUnavailable,
    RowCapExceeded,
    TooBusy,
)
from pressgraph.store.embedded import EmbeddedStore
from pressgraph.store.query_worker import MAX_HEADER, RowCap, serialize_answer

_LENGTH = 8
SPAWN_TIMEOUT = 60.0


class FormatNotAcceptable(QueryError):
    """The client accepts no format for this kind of answer (``kind``: results or graph) → 406."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"no acceptable format for a {kind} answer")
        self.kind = kind


@dataclass(frozen=True)
class Answer:
    """A query's answer as the worker serialised it: ``kind`` is solutions, boolean or graph."""

    kind: str
    format: str
    body: bytes
    count: int


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a request names (SPARQL 1.1 Protocol ``default-graph-uri``/``named-graph-uri``).

    When a request names one, it replaces both the union default graph and any FROM/FROM NAMED
    of the query text (the protocol's rule: the parameters win); a list not given is empty, as
    in the protocol and in Oxigraph's own server. The IRIs are checked before they get here.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def job(self) -> dict[str, list[str]]:
        return {"default_graph": list(self.default_graphs), "named_graphs": list(self.named_graphs)}


@dataclass(frozen=True)
class WorkerSettings:
    """How each worker process is started: its stack (deep queries) and address-space limit."""

    stack_mb: int = 512
    memory_mb: int = 2048  # address space beyond the stack; past it the engine aborts (one request)
    max_answer_bytes: int = 256 << 20


class QueryRunner(Protocol):
    """What the API runs queries through: the worker pool, or a remote store's own endpoint."""

    accepts_user_queries: bool

    def run(
        self,
        text: str,
        results: str | None,
        graph: str | None,
        row_cap: int,
        timeout: float,
        dataset: Dataset | None = None,
    ) -> Answer: ...

    def refresh(self) -> None: ...

    def close(self) -> None: ...


class _Died(Exception):
    """The worker process ended (crash, kill) or broke the protocol."""


class _Late(Exception):
    """The deadline passed before the worker answered."""


class _Worker:
    """One worker process and the snapshot generation it has open."""

    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self.gen: int | None = None
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pressgraph.store.query_worker", json.dumps(settings.__dict__)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_worker_env(),
            close_fds=True,
        )

    def send(self, header: dict[str, Any], payload: bytes = b"") -> None:
        head = json.dumps(header).encode("utf-8")
        data = len(head).to_bytes(_LENGTH, "big") + head + len(payload).to_bytes(_LENGTH, "big") + payload
        stdin = self._pipe(self.proc.stdin)
        try:
            stdin.write(data)
            stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise _Died(str(exc)) from None

    def receive(self, deadline: float) -> tuple[dict[str, Any], bytes]:
        fd = self._pipe(self.proc.stdout).fileno()
        head_len = int.from_bytes(_read_exact(fd, _LENGTH, deadline), "big")
        if head_len > MAX_HEADER:
            raise _Died("oversized header")
        try:
            header = json.loads(_read_exact(fd, head_len, deadline))
        except ValueError:
            raise _Died("unreadable header") from None
        size = int.from_bytes(_read_exact(fd, _LENGTH, deadline), "big")
        if size > self.settings.max_answer_bytes:
            raise _Died("answer larger than the limit")
        return header, _read_exact(fd, size, deadline)

    @staticmethod
    def _pipe(stream: IO[bytes] | None) -> IO[bytes]:
        if stream is None:  # pragma: no cover - Popen was given PIPE for both
            raise _Died("no pipe")
        return stream

    def kill(self) -> None:
        """SIGKILL and reap: the engine cannot be asked to stop, so the process is."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


def _worker_env() -> dict[str, str]:
    """The server's environment, with this package importable even from a source checkout."""
    env = dict(os.environ)
    env["RUST_BACKTRACE"] = "0"  # an engine abort logs one line, not a backtrace
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _read_exact(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise _Late
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise _Died("worker closed its pipe")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _remove_orphans(folder: Path, prefix: str) -> None:
    """Delete snapshot folders whose server process (the pid in the name) is gone."""
    for path in folder.glob(prefix + "*"):
        pid = path.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Snapshots:
    """Numbered read-only copies of the store for the workers, and their clean-up."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.gen = 0
        self.root: Path | None = None
        self.nquads: dict[int, bytes] = {}
        if store.path is not None:
            prefix = f".{store.path.name}-snapshots-"
            _remove_orphans(store.path.parent, prefix)
            self.root = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=store.path.parent))

    def take(self) -> int:
        """A new generation with the store's current content."""
        self.gen += 1
        if self.root is None:
            self.nquads = {self.gen: self.store.export("nquads")}
        else:
            self.store.snapshot(self.root / f"gen-{self.gen}")
        return self.gen

    def open_message(self, gen: int) -> tuple[dict[str, Any], bytes]:
        if self.root is None:
            return {"op": "open", "kind": "nquads", "gen": gen}, self.nquads[gen]
        return {"op": "open", "kind": "dir", "path": str(self.root / f"gen-{gen}"), "gen": gen}, b""

    def collect(self, in_use: set[int]) -> None:
        """Delete every older generation that no worker has open."""
        if self.root is None:
            return
        for path in self.root.glob("gen-*"):
            gen = int(path.name[4:])
            if gen != self.gen and gen not in in_use:
                shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)


class QueryPool:
    """Sandboxed worker processes that run queries over the newest snapshot of ``store``."""

    accepts_user_queries = True

    def __init__(self, store: EmbeddedStore, workers: int = 2, settings: WorkerSettings | None = None) -> None:
        self.settings = settings or WorkerSettings()
        self.size = max(1, workers)
        self.unavailable: str | None = None
        self._lock = threading.Lock()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._closed = False
        self._snapshots = _Snapshots(store)
        self._snapshots.take()
        for _ in range(self.size):
            self._spawn_soon()

    # --- running -----------------------------------------------------------------------------

    def run(
        self,
        text: str,
        results: str | None,
        graph: str | None,
        row_cap: int,
        timeout: float,
        dataset: Dataset | None = None,
    ) -> Answer:
        """Run one query; results/graph name the formats acceptable for each kind of answer."""
        worker = self._acquire(timeout)
        deadline = time.monotonic() + timeout
        job: dict[str, Any] = {"op": "query", "text": text, "results": results, "graph": graph, "row_cap": row_cap}
        if dataset is not None:
            job |= dataset.job()
        try:
            self._bring_up_to_date(worker, deadline)  # QueryUnavailable: the worker is given back
            worker.send(job)
            header, payload = worker.receive(deadline)
        except _Late:
            self._replace(worker)
            raise QueryTimeout(f"query exceeded the {timeout:g} s limit") from None
        except _Died:
            self._replace(worker)
            raise EngineCrashed("the query crashed the query engine; the server goes on (worker restarted)") from None
        self._release(worker)
        return _answer(header, payload, row_cap)

    def _acquire(self, timeout: float) -> _Worker:
        if self.unavailable:
            raise QueryUnavailable(self.unavailable)
        try:
            return self._idle.get(timeout=timeout)
        except queue.Empty:
            if self.unavailable:
                raise QueryUnavailable(self.unavailable) from None
            raise TooBusy("too many queries are running; retry later") from None

    def _bring_up_to_date(self, worker: _Worker, deadline: float) -> None:
        with self._lock:
            gen = self._snapshots.gen
            message = self._snapshots.open_message(gen) if worker.gen != gen else None
        if message is None:
            return
        worker.send(*message)
        header, _ = worker.receive(deadline)
        if not header.get("ok"):
            worker.gen = None
            self._idle.put(worker)
            raise QueryUnavailable(str(header.get("message") or "the query worker cannot open the data"))
        worker.gen = gen

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            self._snapshots.collect({w.gen for w in self._all if w.gen is not None})
        self._idle.put(worker)

    # --- workers -----------------------------------------------------------------------------

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        self._spawn_soon()

    def _spawn_soon(self) -> None:
        threading.Thread(target=self._spawn, name="pressgraph-spawn", daemon=True).start()

    def _spawn(self) -> None:
        """Start one worker and wait until it is sandboxed and ready, then make it idle."""
        if self._closed:
            return
        worker = _Worker(self.settings)
        try:
            header, _ = worker.receive(time.monotonic() + SPAWN_TIMEOUT)
        except (_Died, _Late):
            worker.kill()
            self.unavailable = self.unavailable or "the query worker did not start"
            return
        if not header.get("ok"):
            worker.kill()
            self.unavailable = str(header.get("message") or "the query worker refused to start")
            return
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._all.add(worker)
        self._idle.put(worker)

    # --- data changes and shutdown -----------------------------------------------------------

    def refresh(self) -> None:
        """The store changed: take a new snapshot; workers move to it before their next query."""
        with self._lock:
            self._snapshots.take()
            self._snapshots.collect({w.gen for w in self._all if w.gen is not None})

    def wait_ready(self, timeout: float = SPAWN_TIMEOUT) -> bool:
        """Whether every worker is up (for tests and benchmarks that must not race the start)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.unavailable:
            if self._idle.qsize() >= self.size:
                return True
            time.sleep(0.02)
        return False

    def worker_pids(self) -> list[int]:
        with self._lock:
            return sorted(w.proc.pid for w in self._all)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        self._snapshots.close()


_ERRORS: dict[str, type[QueryError]] = {"syntax": QueryError, "engine": QueryError, "update": ForbiddenQuery}
_ERRORS |= {"forbidden": ForbiddenQuery}


def _answer(header: dict[str, Any], payload: bytes, row_cap: int) -> Answer:
    """The worker's reply as an Answer, or the matching QueryError."""
    if header.get("ok"):
        return Answer(str(header["kind"]), str(header["format"]), payload, int(header["count"]))
    kind = header.get("error")
    if kind == "format":
        raise FormatNotAcceptable(str(header.get("kind")))
    if kind == "rowcap":
        unit = header.get("unit", "rows")
        raise RowCapExceeded(f"query returned more than {row_cap} {unit}; add LIMIT or narrow the pattern")
    raise _ERRORS.get(str(kind), QueryError)(str(header.get("message") or "query failed"))


class RemoteRunner:
    """Queries answered by a remote SPARQL store, re-serialised here by pyoxigraph.

    The remote engine evaluates whatever it is sent, SERVICE included, and this process cannot
    sandbox it; so user queries are refused unless the operator says the remote store is set up
    to refuse SERVICE itself (``serve --remote-sparql``). Named queries (our own text) always run.
    """

    def __init__(self, store: Any, accepts_user_queries: bool = False) -> None:
        self.store = store
        self.accepts_user_queries = accepts_user_queries

    def run(
        self,
        text: str,
        results: str | None,
        graph: str | None,
        row_cap: int,
        timeout: float,
        dataset: Dataset | None = None,
    ) -> Answer:
        import pyoxigraph as ox

        params = (
            {}
            if dataset is None
            else {"default-graph-uri": dataset.default_graphs, "named-graph-uri": dataset.named_graphs}
        )
        ctype, body = self.store.raw_query(text, timeout, params)
        job = {"results": results, "graph": graph, "row_cap": row_cap}
        if "json" in ctype or "sparql-results" in ctype:
            answer: Any = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        else:
            answer = _Triples(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        try:
            header, payload = serialize_answer(answer, job)
        except RowCap as exc:
            header, payload = {"ok": False, "error": "rowcap", "unit": str(exc)}, b""
        return _answer(header, payload, row_cap)

    def refresh(self) -> None:
        """Nothing to do: the remote store is always current."""

    def close(self) -> None:
        """The store is closed by its owner."""


class _Triples:
    """Parsed triples that serialise like the engine's QueryTriples (for serialize_answer)."""

    def __init__(self, triples: Any) -> None:
        self.triples = triples

    def serialize(self, output: Any, format: Any) -> None:  # noqa: A002 - pyoxigraph's name
        import pyoxigraph as ox

        ox.serialize(self.triples, output, format)
