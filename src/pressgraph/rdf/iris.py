"""The one place where instance IRIs are minted (see docs/MODEL.md, "Instance IRIs").

IRIs are readable and deterministic: the same company, agency, person or period gets the same
IRI in every release, so graphs from many releases join without a separate linking step.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from pressgraph.config import base_iri

_LEGAL_SUFFIX = re.compile(
    r"[,\s]+(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|ag|sa|nv|gmbh|lp|l\.p)\.?$",
    re.IGNORECASE,
)


def slugify(text: str) -> str:
    """``"Acme Biologics, Inc."`` → ``"acme-biologics-inc"`` (ASCII, lower, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "unnamed"


def strip_legal_suffix(name: str) -> str:
    """Drop trailing legal-form words: ``"Acme Pharma, Inc."`` → ``"Acme Pharma"``."""
    previous = None
    while previous != name:
        previous = name
        name = _LEGAL_SUFFIX.sub("", name).strip(" ,.")
        name = re.sub(r"[,\s]+(?:and|&)$", "", name)
    return name


def _iri(path: str) -> URIRef:
    return URIRef(base_iri() + path)


_RELEASE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_release_id(release_id: str) -> str:
    """A release id is a slug (``acme-2003-11-10``): anything else would mint odd IRIs.

    Release graphs are ``id:graph/{release_id}``; the store's own graphs live under
    ``id:store/`` (store.base), so even a release called ``catalog`` cannot take one.
    """
    if not _RELEASE_ID.match(release_id):
        from pressgraph.errors import ExtractionError

        raise ExtractionError(f"not a valid release id {release_id!r} (lower-case letters, digits and '-')")
    return release_id


RELEASE_ID_LENGTH = 16


def content_release_id(sha256: str) -> str:
    """A release's id: the first 16 hex digits of the sha256 of its text.

    Identity by content, not by file name (issue 12): the same text read under another name
    mints the same IRIs, so storing it again replaces its graph instead of doubling its trials
    and figures, and two different texts that share a file name stay two releases. The file
    name stays on the release as ``pg:sourceFile`` and in the store's catalog, which is where
    ``pressgraph remove NAME`` finds it. 64 bits: a collision needs 2^32 crafted texts, and
    whoever can write to the store can remove a release outright anyway.
    """
    digest = sha256.lower()
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        from pressgraph.errors import ExtractionError

        raise ExtractionError(f"not a sha256 digest: {sha256[:80]!r}")
    return digest[:RELEASE_ID_LENGTH]


def release_iri(release_id: str) -> URIRef:
    return _iri(f"release/{check_release_id(release_id)}")


def graph_iri(release_id: str) -> URIRef:
    return _iri(f"graph/{check_release_id(release_id)}")


def org_iri(name_or_id: str) -> URIRef:
    """Organizations by canonical name without legal suffix (agencies pass their lexicon id)."""
    return _iri(f"org/{slugify(strip_legal_suffix(name_or_id))}")


def product_iri(org_name: str, product_name: str) -> URIRef:
    return _iri(f"product/{slugify(strip_legal_suffix(org_name))}/{slugify(product_name)}")


def person_iri(name: str) -> URIRef:
    return _iri(f"person/{slugify(name)}")


def place_iri(name: str) -> URIRef:
    return _iri(f"place/{slugify(name)}")


def period_iri(key: str) -> URIRef:
    """``key`` is :attr:`pressgraph.model.Period.key`."""
    return _iri(f"period/{key}")


def concept_iri(local_name: str) -> URIRef:
    return _iri(f"concept/{local_name}")


def fact_iri(release_id: str, key: str) -> URIRef:
    return URIRef(f"{release_iri(release_id)}/fact/{key}")


def event_iri(release_id: str, key: str) -> URIRef:
    return URIRef(f"{release_iri(release_id)}/event/{slugify(key)}")


def evidence_iri(release_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{release_iri(release_id)}/evidence/{start}-{end}")
