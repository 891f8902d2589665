"""Server-rendered HTML: Jinja2 templates shipped in the package, no scripts, no CDN.

The neighbourhood picture is an SVG drawn here (nodes on a circle around the entity), so a
page works with nothing but the server.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from pressgraph.api import _labels as labels

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    env.filters["link"] = link
    env.filters["readable"] = labels.curie
    env.filters["amount"] = labels.amount
    env.filters["label"] = readable_label
    return env


def render(template: str, **context: Any) -> str:
    """The HTML of one template."""
    return environment().get_template(template).render(**context)


def link(value: dict[str, Any] | None) -> Markup:
    """A node as HTML: an entity link for our IRIs, the IRI or literal text otherwise."""
    if not value:
        return Markup("")
    if value.get("kind") == "iri":
        label = escape(readable_label(value))
        if value.get("id"):
            if value["id"].startswith("release/") and value["id"].count("/") == 1:
                return Markup(f'<a href="/releases/{escape(value["id"][8:])}">{label}</a>')
            return Markup(f'<a href="/entities/{escape(value["id"])}">{label}</a>')
        return Markup(f'<span class="iri" title="{escape(value["iri"])}">{label}</span>')
    return Markup(f"{escape(value.get('value', ''))}")


def readable_label(value: dict[str, Any]) -> str:
    """The node's label, or words for it where the label is only its CURIE (``id:period/…``)."""
    label = str(value.get("label") or "")
    if not label or label == value["iri"] or ":" in label and label.split(":", 1)[0] in _CURIE_PREFIXES:
        return labels.iri(value["iri"])
    return label


_CURIE_PREFIXES = ("id", "pg", "schema", "prov", "skos", "us-gaap", "rdf", "rdfs", "xsd", "owl", "org")


def neighbourhood_svg(
    center: str, edges: list[tuple[str, dict[str, Any], str]], size: int = 420, limit: int = 14
) -> Markup:
    """An SVG: the entity in the middle, up to ``limit`` neighbours around it, edges labelled."""
    shown = edges[:limit]
    mid = size / 2
    radius = size / 2 - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="neighbourhood of '
        f'{escape(center)}" class="hood">'
    ]
    nodes = []
    for index, (pred, target, direction) in enumerate(shown):
        angle = 2 * math.pi * index / max(1, len(shown)) - math.pi / 2
        x, y = mid + radius * math.cos(angle), mid + radius * math.sin(angle)
        marker = "→" if direction == "out" else "←"
        parts.append(
            f'<line x1="{mid:.0f}" y1="{mid:.0f}" x2="{x:.0f}" y2="{y:.0f}" stroke="#9ab" stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{(mid + x) / 2:.0f}" y="{(mid + y) / 2:.0f}" font-size="9" '
            f'fill="#567" text-anchor="middle">{marker} {escape(labels.words(pred))}</text>'
        )
        nodes.append((x, y, target))
    for x, y, target in nodes:
        text = target.get("label") or target.get("iri", "")
        label = escape(_short(text.rsplit("/", 1)[-1] if text.startswith("id:") else text))
        href = f"/entities/{escape(target['id'])}" if target.get("id") else None
        circle = (
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="7" fill="#4a7fb0"/>'
            f'<text x="{x:.0f}" y="{y + 18:.0f}" font-size="10" text-anchor="middle">'
            f"{label}</text>"
        )
        parts.append(f'<a href="{href}">{circle}</a>' if href else circle)
    parts.append(
        f'<circle cx="{mid:.0f}" cy="{mid:.0f}" r="11" fill="#c0392b"/>'
        f'<text x="{mid:.0f}" y="{mid - 16:.0f}" font-size="12" font-weight="bold" '
        f'text-anchor="middle">{escape(_short(center, 34))}</text></svg>'
    )
    return Markup("".join(parts))


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def hood_edges(entity: dict[str, Any]) -> list[tuple[str, dict[str, Any], str]]:
    """Edges for the picture: outgoing and incoming IRI links, shortcut edges first."""
    edges: list[tuple[str, dict[str, Any], str]] = []
    seen: set[str] = set()
    for direction, groups in (("out", entity["outgoing"]), ("in", entity["incoming"])):
        for pred, values in groups.items():
            if pred in ("pg:evidence", "pg:statedIn", "pg:inRelease"):
                continue
            for value in values:
                if value.get("kind") == "iri" and value.get("id") and value["iri"] not in seen:
                    seen.add(value["iri"])
                    edges.append((pred.split(":")[-1], value, direction))
    return edges


STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;color:#222;
background:#fafbfc}
header{background:#1f3b57;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;
align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:1100px;margin:1rem auto;padding:0 1.2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
th,td{border:1px solid #d8dee4;padding:.3rem .5rem;text-align:left;vertical-align:top;
font-size:.92rem}
th{background:#eef2f6}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.types span,.pill{display:inline-block;background:#e3ecf5;border-radius:8px;padding:0 .45rem;
margin-right:.3rem;font-size:.8rem}
mark{background:#fff1a8;padding:0 1px}
pre.text{white-space:pre-wrap;background:#fff;border:1px solid #d8dee4;padding:1rem;
font-size:.85rem}
blockquote{margin:.3rem 0;padding:.2rem .7rem;border-left:3px solid #9ab;background:#fff}
.counts{display:flex;gap:1rem}.counts div{background:#fff;border:1px solid #d8dee4;
padding:.6rem 1rem;border-radius:6px}.counts b{display:block;font-size:1.4rem}
svg.hood{background:#fff;border:1px solid #d8dee4;border-radius:6px}
.charts{display:flex;flex-wrap:wrap;gap:1rem}svg.chart{background:#fff;border:1px solid #d8dee4;
border-radius:6px}
table.statement th[scope=row]{font-weight:normal;background:#fff}
table.statement td a{color:inherit;text-decoration:none}table.statement td a:hover{text-decoration:underline}
p.caption{color:#567;margin:0}
ul.feed{list-style:none;padding:0}ul.feed>li{background:#fff;border:1px solid #d8dee4;
border-radius:6px;padding:.5rem .8rem;margin-bottom:.6rem}ul.feed ul{margin:.3rem 0 0;padding-left:1.1rem;
font-size:.9rem}.date{color:#567;margin-right:.5rem}
input[type=search]{padding:.35rem;width:22rem}
"""
