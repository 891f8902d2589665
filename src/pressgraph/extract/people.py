"""People: the release's contacts and quoted executives, with title and organization.

Quotes are attributed as ``said NAME[, M.D.], TITLE [of ORG]`` or ``NAME, TITLE [of ORG], said``;
a title must contain a word from titles.txt, so "said the company" never becomes a person.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pressgraph.extract._sentences import Sentence, is_boilerplate, lexicon_rows
from pressgraph.model import Document, Evidence, ReleaseMetadata
from pressgraph.resolve import Registry

_NAME = r"[A-Z][a-z]+(?:\s+\([A-Z][a-z]+\))?(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’-]+){1,2}(?:,\s+(?:Jr|Sr)\.)?"
_HONORIFIC = r"(?:(?:Dr|Prof|Mr|Ms|Mrs)\.\s+)?"
_VERB = r"(?:said|stated|commented|added|noted|explained)"
_DEGREES = r"(?:,\s*(?:M\.D\.|Ph\.D\.|MD|PhD|Pharm\.D\.|J\.D\.|MBA|Jr\.|Sr\.))*"


@lru_cache(maxsize=1)
def _quote_regexes() -> tuple[re.Pattern[str], ...]:
    titles = "|".join(re.escape(t[0]) for t in sorted(lexicon_rows("titles.txt"), key=lambda r: -len(r[0])))
    title = rf"(?P<title>[^.;“”\"]*?\b(?i:{titles})\b[^.;“”\"]*?)"
    org = r"(?:\s+(?:of|at)\s+(?P<org>[A-Z][^.;,“”\"]*?(?:,?\s+(?:Inc|Corp|Ltd)\.?)?))?"
    lead = (
        rf"(?P<title>[A-Z][\w&'’]*(?:\s+[A-Z][\w&'’]*)*?\s+(?:{titles})(?:\s+(?:and|of)\s+[A-Z][\w]*|\s+[A-Z][\w]*)*?)"
    )
    return (
        re.compile(rf"\b(?:Dr|Prof)\.\s+(?P<name>{_NAME})\b"),
        re.compile(
            r"(?<![\w.])(?<![A-Z][a-z] )(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+)(?=,\s*(?:M\.D\.|Ph\.D\.|Pharm\.D\.))"  # noqa: E501
        ),
        re.compile(rf"\b{_VERB}\s+{_HONORIFIC}(?P<name>{_NAME}){_DEGREES},\s*{title}{org}\s*(?:[.,;]|$)"),
        re.compile(rf"{_HONORIFIC}(?P<name>{_NAME}){_DEGREES},\s*{title}{org},?\s*{_VERB}\b"),
        re.compile(
            rf"\b{_VERB}\s+{lead}\s+{_HONORIFIC}(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+)(?=\s*[,.])"
        ),
    )


_CONTACT_HEAD = re.compile(r"\bContacts?\b\s*:?", re.I)
_SEGMENT = re.compile(r"[^|\n]+?(?=\s{3,}|\||\n|$)")
_CONTACT_NAME = re.compile(r"([A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'’-]+)(?:\s+(?:ext\.|at\b|\(|or\b).*)?")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    words = {r[0] for r in lexicon_rows("contact_stopwords.txt")}
    words |= {r[0].rstrip(".") for r in lexicon_rows("legal_suffixes.txt")}
    words |= {w for r in lexicon_rows("org_types.tsv") for w in r[0].split()}
    return frozenset(words)


def contact_box_people(document: Document) -> list[tuple[str, Evidence]]:
    """Names standing alone in the contact box near the top (one per column cell)."""
    head = _CONTACT_HEAD.search(document.text, 0, 4000)
    if head is None:
        return []
    out = []
    end = min(len(document.text), head.end() + 700)
    for seg in _SEGMENT.finditer(document.text, head.end(), end):
        text = seg.group(0).strip()
        m = _CONTACT_NAME.fullmatch(text)
        if not m or any(w.strip(".") in _stopwords() for w in m.group(1).split()):
            continue
        start = seg.start() + seg.group(0).index(m.group(1))
        out.append((m.group(1), Evidence(start, start + len(m.group(1)), m.group(1), "pattern:contact-box")))
    return out


def add_contacts(document: Document, reg: Registry, metadata: ReleaseMetadata, issuer_key: str | None) -> None:
    for contact in metadata.contacts:
        attrs = {"jobTitle": contact.title or "Contact"}
        org = contact.organization or metadata.issuer_name
        if org:
            attrs["organization"] = org
        if contact.phone:
            attrs["telephone"] = contact.phone
        if issuer_key and (not contact.organization or contact.organization == metadata.issuer_name):
            attrs["affiliation"] = issuer_key
        reg.add("person", contact.name, contact.evidence, attributes=attrs)
    for name, evidence in contact_box_people(document):
        if reg.find(name) is None:
            reg.add("person", name, evidence, attributes={"jobTitle": "Contact"})


def extract(
    document: Document, metadata: ReleaseMetadata, sents: list[Sentence], reg: Registry, issuer_key: str | None
) -> list[str]:
    add_contacts(document, reg, metadata, issuer_key)
    for s in sents:
        if is_boilerplate(s):
            continue
        for regex in _quote_regexes():
            for m in regex.finditer(s.text):
                title = " ".join((m.groupdict().get("title") or "").split())
                if len(title.split()) > 8:
                    continue
                attrs = {"jobTitle": title} if title else {}
                org = (m.groupdict().get("org") or "").strip()
                attrs["organization"] = org or (metadata.issuer_name or "")
                if issuer_key and (not org or org in (metadata.issuer_name, *metadata.issuer_short_names)):
                    attrs["affiliation"] = issuer_key
                reg.add(
                    "person",
                    m.group("name"),
                    s.evidence(document, "pattern:quoted-person", m.start("name"), m.end("name")),
                    attributes=attrs,
                )
    return []
