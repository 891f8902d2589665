"""Releases: the list, one release with its highlighted text, and ingesting an upload.

Ingest goes through the same path as the CLI: ``pipeline.build_release_graphs`` →
``validate.validate_graph`` → ``store.replace_release``.
"""

from __future__ import annotations

import dataclasses
import html
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from pressgraph.api._entities import PG, UnknownEntity, _iri, entity_id, node
from pressgraph.config import base_iri
from pressgraph.errors import PressgraphError, ReadError
from pressgraph.store.base import GraphStore, ReleaseRecord

SCHEMA = "https://schema.org/"
ALLOWED_SUFFIXES = (".txt", ".htm", ".html", ".xml", ".sgml", ".nc")

# rdflib's SPARQL parser (pyparsing) is not thread-safe: two requests parsing at once on a fresh
# server left it broken for good (issue 11). Building a release graph and validating it with
# pySHACL both reach that parser, so in this server they take turns; nothing else here uses it.
RDFLIB_LOCK = threading.Lock()


class UploadRejected(PressgraphError):
    """An upload the server will not ingest; ``status`` is the HTTP code (413, 415, 422)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def list_releases(store: GraphStore) -> list[dict[str, Any]]:
    """Every release in the store with its headline, date and issuer."""
    records = {r.release_iri: r for r in store.releases()}
    rows = store.query(
        f"SELECT ?r (SAMPLE(?h) AS ?headline) (SAMPLE(?d) AS ?date) (SAMPLE(?i) AS ?issuer) "
        f"(SAMPLE(?il) AS ?issuerLabel) WHERE {{ ?r a <{PG}Release> . "
        f"OPTIONAL {{ ?r <{SCHEMA}headline> ?h }} OPTIONAL {{ ?r <{SCHEMA}datePublished> ?d }} "
        f"OPTIONAL {{ ?r <{PG}issuer> ?i OPTIONAL {{ ?i <http://www.w3.org/2000/01/rdf-schema#"
        f"label> ?il }} }} }} GROUP BY ?r ORDER BY DESC(?date) ?r"
    ).rows
    out = []
    for r, headline, date, issuer, issuer_label in rows:
        iri = _iri(r) or ""
        record = records.get(iri)
        out.append(
            {
                "iri": iri,
                "id": release_id(iri),
                "headline": str(headline or ""),
                "date": str(date or ""),
                "issuer": node(issuer, issuer_label) if issuer else None,
                "triples": record.triples if record else None,
                "source": record.source if record else None,
            }
        )
    return out


def release_id(iri: str) -> str:
    """``acme-2003-11-10`` for ``id:release/acme-2003-11-10``."""
    local = entity_id(iri) or iri
    return local.split("/", 1)[1] if local.startswith("release/") else local


def get_release(store: GraphStore, rid: str) -> dict[str, Any]:
    """Metadata, the full text with evidence spans, and the validation report of one release."""
    iri = base_iri() + "release/" + rid.strip("/")
    rows = store.query(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}").rows
    if not rows:
        raise UnknownEntity(f"unknown release: {rid}")
    meta: dict[str, list[Any]] = {}
    text = ""
    for p, o in rows:
        key = _iri(p) or ""
        if key == PG + "fullText":
            text = str(o)
            continue
        meta.setdefault(key, []).append(node(o))
    spans = store.query(
        f"SELECT ?ev ?start ?end ?quote ?method WHERE {{ ?ev <{PG}inRelease> <{iri}> ; "
        f"<{PG}startOffset> ?start ; <{PG}endOffset> ?end . OPTIONAL {{ ?ev <{PG}quote> ?quote }}"
        f" OPTIONAL {{ ?ev <{PG}method> ?method }} }} ORDER BY ?start ?end"
    ).rows
    evidence = [
        {"evidence": node(ev), "start": int(s), "end": int(e), "quote": str(q or ""), "method": str(m or "")}
        for ev, s, e, q, m in spans
    ]
    from pressgraph.api._entities import compact

    record = next((r for r in store.releases() if r.release_iri == iri), None)
    return {
        "iri": iri,
        "id": rid,
        "metadata": {compact(k): v for k, v in sorted(meta.items())},
        "record": dataclasses.asdict(record) if record else None,
        "text": text,
        "evidence": evidence,
    }


def highlight(text: str, spans: list[dict[str, Any]]) -> str:
    """HTML of ``text`` with each evidence span wrapped in ``<mark>`` (overlaps merged)."""
    merged: list[list[Any]] = []
    for span in sorted(spans, key=lambda s: (s["start"], s["end"])):
        start, end = max(0, span["start"]), min(len(text), span["end"])
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(span["method"])
        else:
            merged.append([start, end, [span["method"]]])
    out, pos = [], 0
    for start, end, methods in merged:
        out.append(html.escape(text[pos:start]))
        title = html.escape(", ".join(m for m in methods if m), quote=True)
        out.append(f'<mark title="{title}" id="ev-{start}-{end}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


_REPORTS: dict[tuple[str, str], dict[str, Any]] = {}
_REPORT_CACHE_SIZE = 256


def validation_report(store: GraphStore, graph_iri: str, sha256: str | None) -> dict[str, Any]:
    """The release graph checked against the shapes, cached per (graph, content hash).

    SHACL takes a second or more per release, so a page view must not pay it twice.
    """
    key = (graph_iri, sha256 or "")
    with RDFLIB_LOCK:
        if sha256 and key in _REPORTS:
            return _REPORTS[key]
        report = _validate_stored(store, graph_iri)
        if sha256 and report.get("available"):
            if len(_REPORTS) >= _REPORT_CACHE_SIZE:
                _REPORTS.pop(next(iter(_REPORTS)))
            _REPORTS[key] = report
    return report


def _validate_stored(store: GraphStore, graph_iri: str) -> dict[str, Any]:
    try:
        from rdflib import Graph

        from pressgraph.validate import validate_graph
    except ImportError:
        return {"available": False, "reason": "validation module not installed"}
    nt = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}").graph_ntriples or ""
    graph = Graph()
    graph.parse(data=nt, format="nt")
    try:
        return {"available": True, **report_dict(validate_graph(graph))}
    except PressgraphError as exc:
        return {"available": False, "reason": str(exc)}


def report_dict(report: Any) -> dict[str, Any]:
    """A validation report of whatever shape ``validate_graph`` returns, as JSON."""
    if dataclasses.is_dataclass(report) and not isinstance(report, type):
        as_dict: dict[str, Any] = _jsonable(dataclasses.asdict(report))
        return as_dict
    if isinstance(report, tuple) and len(report) == 3:  # pyshacl's (conforms, graph, text)
        return {"conforms": bool(report[0]), "text": str(report[2])}
    if isinstance(report, dict):
        plain: dict[str, Any] = _jsonable(report)
        return plain
    return {"conforms": bool(getattr(report, "conforms", False)), "text": str(report)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


# --- upload --------------------------------------------------------------------------------

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def check_upload(filename: str | None, data: bytes, max_bytes: int) -> str:
    """A safe file name for an upload, or UploadRejected (413 too big, 415 not text)."""
    if len(data) > max_bytes:
        raise UploadRejected(413, f"upload is larger than {max_bytes // 1_000_000} MB")
    if not data.strip():
        raise UploadRejected(422, "upload is empty")
    name = _SAFE_NAME.sub("-", Path(filename or "upload.txt").name).strip("-.") or "upload.txt"
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise UploadRejected(415, "upload a press release as .txt, .htm(l) or EDGAR .nc/.sgml")
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\x00" in sample or controls > len(sample) // 100:
        raise UploadRejected(415, "upload looks binary; send the release as text or HTML")
    return name


def ingest_upload(store: GraphStore, filename: str | None, data: bytes, max_bytes: int) -> dict[str, Any]:
    """Build, validate and store the release(s) in an uploaded file; a summary for the client."""
    name = check_upload(filename, data, max_bytes)
    with RDFLIB_LOCK:
        return _ingest_checked(store, name, data)


def _ingest_checked(store: GraphStore, name: str, data: bytes) -> dict[str, Any]:
    try:
        from pressgraph.pipeline import build_release_graphs
    except ImportError as exc:  # pragma: no cover - the pipeline ships with the package
        raise UploadRejected(422, f"ingest pipeline unavailable: {exc}") from exc
    with tempfile.TemporaryDirectory(prefix="pressgraph-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            graphs = build_release_graphs(path)
        except PressgraphError as exc:
            raise UploadRejected(422, str(exc)) from exc
        except NotImplementedError as exc:
            raise UploadRejected(422, f"ingest pipeline unavailable: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise ReadError(f"cannot decode upload: {exc.reason}") from exc
    return {"releases": [_store_one(store, rg) for rg in graphs]}


def _store_one(store: GraphStore, rg: Any) -> dict[str, Any]:
    try:
        from pressgraph.validate import validate_graph

        report: dict[str, Any] = {"available": True, **report_dict(validate_graph(rg.graph))}
    except ImportError:
        report = {"available": False, "reason": "validation module not installed"}
    changed = _write(store, rg)
    counts = _counts(rg.graph)
    return {
        "iri": rg.release_iri,
        "id": rg.release_id,
        "graph": rg.graph_iri,
        "changed": changed,
        "triples": len(rg.graph),
        "counts": counts,
        "warnings": list(rg.warnings),
        "validation": report,
    }


def _write(store: GraphStore, rg: Any) -> bool:
    """Store a release exactly as ``pressgraph ingest`` does (ontology types materialised)."""
    try:
        from pressgraph.ingest import write_release
    except ImportError:  # pragma: no cover - older layout: store the graph as extracted
        record = ReleaseRecord(
            release_iri=rg.release_iri,
            graph_iri=rg.graph_iri,
            source=rg.source,
            sha256=rg.sha256,
            triples=len(rg.graph),
        )
        return store.replace_release(rg.graph_iri, rg.to_nquads(), record)
    return bool(write_release(store, rg))


def _counts(graph: Any) -> dict[str, int]:
    """How many instances of each pg class the release graph holds."""
    from rdflib import RDF

    counts: dict[str, int] = {}
    for cls in graph.objects(None, RDF.type):
        text = str(cls)
        if text.startswith(PG):
            counts[text[len(PG) :]] = counts.get(text[len(PG) :], 0) + 1
    return dict(sorted(counts.items()))
