"""The query worker: a sandboxed process that runs SPARQL on a read-only copy of the store.

Started by :class:`pressgraph.store.query_pool.QueryPool` as ``python -m
pressgraph.store.query_worker``, it first shuts off its own network (:mod:`.sandbox`), then answers
jobs read from stdin. Only pyoxigraph parses the query text, so there is no second parser that
could read it differently. A query that runs too long is ended by killing this process, and an
engine crash (a deep query overflowing a stack) costs one answer, not the server.

Messages both ways are frames: a JSON header and a byte payload, each length-prefixed. JSON rather
than pickle: the server must not unpickle what a process running untrusted queries sends it.
Results are serialised by pyoxigraph itself in the format the client asked for; the row cap is
counted while the engine streams (TSV for solutions, N-Triples for graphs: one line per row), so
a huge answer is stopped at the cap instead of being collected.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import threading
import time
from typing import IO, Any, BinaryIO, cast

from pressgraph.namespaces import PREFIXES as ALL_PREFIXES
from pressgraph.store.sandbox import DENIED_ERRNO

_LENGTH = struct.Struct("!Q")
# Address space an idle worker holds without using it (interpreter, libraries, the allocator's
# per-thread arenas, RocksDB): ~650 MB measured with a store open. The memory limit comes on top,
# so it is close to what a query may really allocate.
BASELINE_MB = 1024
MAX_HEADER = 1 << 20

RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "json-ld", "nt", "xml")
PREFIXES = {p: ALL_PREFIXES[p] for p in ("pg", "schema", "prov", "skos", "rdfs", "us-gaap")}


# --- framing (shared with the pool) ----------------------------------------------------------


def write_frame(stream: BinaryIO, header: dict[str, Any], payload: bytes = b"") -> None:
    """One message: header length, JSON header, payload length, payload."""
    head = json.dumps(header).encode("utf-8")
    stream.write(_LENGTH.pack(len(head)) + head + _LENGTH.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def read_frame(stream: BinaryIO) -> tuple[dict[str, Any], bytes] | None:
    """The next message, or None at end of input."""
    size = stream.read(_LENGTH.size)
    if len(size) < _LENGTH.size:
        return None
    (head_len,) = _LENGTH.unpack(size)
    if head_len > MAX_HEADER:
        raise ValueError("frame header too large")
    header = json.loads(stream.read(head_len))
    (payload_len,) = _LENGTH.unpack(stream.read(_LENGTH.size))
    return header, stream.read(payload_len)


# --- running one query ----------------------------------------------------------------------


class RowCap(Exception):
    """Raised from inside the engine's serializer when the answer passes the cap."""


class _CappedLines:
    """A binary sink for pyoxigraph's serializers that stops them after ``cap`` lines."""

    def __init__(self, cap: int, unit: str) -> None:
        self.cap, self.unit, self.lines = cap, unit, 0
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.lines += data.count(b"\n")
        if self.lines > self.cap:
            raise RowCap(self.unit)
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """pyoxigraph flushes its sink at the end; nothing is buffered here."""

    def value(self) -> bytes:
        return b"".join(self.parts)


def _formats() -> tuple[dict[str, Any], dict[str, Any]]:
    import pyoxigraph as ox

    results = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
    results |= {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    graphs = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD}
    graphs |= {"nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}
    return results, graphs


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _parses_as_update(text: str) -> bool:
    """Whether the engine reads ``text`` as an update: run it on an empty throwaway store.

    Inside the sandbox a LOAD cannot fetch anything and nothing touches the real data, so the
    engine's own parser decides "update (403)" against "malformed (400)".
    """
    import pyoxigraph as ox

    try:
        ox.Store().update(text)
    except SyntaxError:
        return False
    except Exception:  # noqa: BLE001 - it parsed; evaluation failing on an empty store is fine
        return True
    return True


# How a SERVICE call fails in the sandbox: the denied socket, the denied name lookup, or a port
# Oxigraph's HTTP client refuses on its own. None of them depends on what listens at the target.
_SERVICE_SIGNS = (f"os error {DENIED_ERRNO}", "lookup address", "is not allowed for HTTP(S)")


def _engine_error(exc: BaseException) -> dict[str, Any]:
    """Evaluation errors: SERVICE blocked by the sandbox is 'forbidden', the rest 'engine'."""
    message = _first_line(exc)
    if any(sign in message for sign in _SERVICE_SIGNS):
        return {
            "ok": False,
            "error": "forbidden",
            "message": "SERVICE is refused: this endpoint makes no outbound requests",
        }
    return {"ok": False, "error": "engine", "message": f"query failed: {message}"}


def serialize_answer(answer: Any, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """The answer in the format the job names, row cap counted while the engine streams."""
    import pyoxigraph as ox

    results, graphs = _formats()
    if not isinstance(answer, (ox.QuerySolutions, ox.QueryBoolean)):  # CONSTRUCT, DESCRIBE
        if job.get("graph") is None:
            return {"ok": False, "error": "format", "kind": "graph"}, b""
        sink = _CappedLines(int(job["row_cap"]), "triples")
        answer.serialize(cast(IO[bytes], sink), format=ox.RdfFormat.N_TRIPLES)
        body = sink.value()
        if job["graph"] != "nt":
            triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            body = ox.serialize(triples, format=graphs[job["graph"]], prefixes=PREFIXES) or b""
        return {"ok": True, "kind": "graph", "format": job["graph"], "count": sink.lines}, body
    if job.get("results") is None:
        return {"ok": False, "error": "format", "kind": "results"}, b""
    if isinstance(answer, ox.QueryBoolean):
        body = answer.serialize(format=results[job["results"]]) or b""
        return {"ok": True, "kind": "boolean", "format": job["results"], "count": 1}, body
    sink = _CappedLines(int(job["row_cap"]) + 1, "rows")  # + the header line
    answer.serialize(cast(IO[bytes], sink), format=ox.QueryResultsFormat.TSV)
    body = sink.value()
    if job["results"] != "tsv":
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
        body = parsed.serialize(format=results[job["results"]]) or b""
    return {"ok": True, "kind": "solutions", "format": job["results"], "count": sink.lines - 1}, body


def _dataset_arguments(job: dict[str, Any]) -> dict[str, Any]:
    """The engine's dataset: the union of all graphs, or the graphs the request named.

    Named graphs replace the query's own FROM/FROM NAMED (protocol parameters win); the IRIs were
    checked by the server and are parsed again here, so a bad one is an error, never a guess.
    """
    import pyoxigraph as ox

    if "default_graph" not in job and "named_graphs" not in job:
        return {"use_default_graph_as_union": True}
    return {
        "default_graph": [ox.NamedNode(str(iri)) for iri in job.get("default_graph") or ()],
        "named_graphs": [ox.NamedNode(str(iri)) for iri in job.get("named_graphs") or ()],
    }


def run_query(store: Any, job: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """One job → (header, payload); every failure is an error header, never an exception."""
    text = job["text"]
    try:
        answer = store.query(text, **_dataset_arguments(job))
        return serialize_answer(answer, job)
    except SyntaxError as exc:
        if _parses_as_update(text):
            return {
                "ok": False,
                "error": "update",
                "message": "this endpoint is read-only: SPARQL updates are refused",
            }, b""
        return {"ok": False, "error": "syntax", "message": f"malformed SPARQL query: {_first_line(exc)}"}, b""
    except RowCap as exc:
        return {"ok": False, "error": "rowcap", "unit": str(exc)}, b""
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        return _engine_error(exc), b""


# --- the process ------------------------------------------------------------------------------


def open_source(header: dict[str, Any], payload: bytes) -> Any:
    """A read-only snapshot directory, or an in-memory store loaded from N-Quads."""
    import pyoxigraph as ox

    if header["kind"] == "dir":
        return ox.Store.read_only(header["path"])
    store = ox.Store()
    if payload:
        store.bulk_load(payload, format=ox.RdfFormat.N_QUADS)
    return store


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """Answer jobs until stdin closes: ``open`` switches the data, ``query`` runs one query."""
    store: Any = None
    while (message := read_frame(stdin)) is not None:
        header, payload = message
        if header["op"] == "open":
            store = None  # let the previous snapshot go before opening the next
            try:
                store = open_source(header, payload)
            except (OSError, ValueError, SyntaxError) as exc:
                write_frame(stdout, {"ok": False, "error": "open", "message": f"cannot open the snapshot: {exc}"})
                continue
            write_frame(stdout, {"ok": True, "gen": header["gen"]})
        elif header["op"] == "query":
            if store is None:
                write_frame(stdout, {"ok": False, "error": "engine", "message": "no data opened"})
                continue
            write_frame(stdout, *run_query(store, header))


def _watch_parent(parent: int) -> None:
    """End this process when the server goes away, even in the middle of a long query."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def main() -> int:
    """Sandbox first, then limits, then serve jobs on a thread with a deep stack."""
    import resource

    from pressgraph.store.sandbox import SandboxError, deny_network

    config = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    stdout = sys.stdout.buffer
    try:
        deny_network()
    except SandboxError as exc:
        write_frame(stdout, {"ok": False, "error": "sandbox", "message": str(exc)})
        return 3
    stack = int(config.get("stack_mb", 512)) << 20
    memory = int(config.get("memory_mb", 0)) << 20
    if memory:
        limit = memory + stack + (BASELINE_MB << 20)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    threading.stack_size(stack)
    worker = threading.Thread(target=serve, args=(sys.stdin.buffer, stdout), name="pressgraph-query")
    write_frame(stdout, {"ok": True, "ready": True})
    worker.start()
    worker.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
