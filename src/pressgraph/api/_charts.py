"""Bar charts of a key figure across periods, drawn on the server as SVG: the page needs no script.

A series is what :func:`pressgraph.api._financials.key_figures` gives: a title, a period length
and points (``label`` under the bar, ``text`` over it, ``value`` its height). Every text is
escaped, since labels come from the releases.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def chart_svg(series: dict[str, Any], width: int = 340, height: int = 210) -> Markup:
    """A bar per period, a zero line, each bar labelled with its amount and period end."""
    points = series["points"]
    values = [float(p["value"]) for p in points]
    top, bottom = max(0.0, *values), min(0.0, *values)
    span = (top - bottom) or 1.0
    plot_top, plot_height, left = 28, height - 70, 12
    zero_y = plot_top + plot_height * top / span
    slot = (width - 2 * left) / max(1, len(points))
    scale = f", in {series['caption']}" if series.get("caption") else ""
    title = f"{series['title']} ({series['period']}{scale})"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{left}" y="16" font-size="13" font-weight="bold" class="chart-title">{escape(title)}</text>',
        f'<line x1="{left}" y1="{zero_y:.1f}" x2="{width - left}" y2="{zero_y:.1f}" stroke="#567"/>',
    ]
    for index, (point, value) in enumerate(zip(points, values, strict=True)):
        parts.append(_bar(point, value, left + slot * index, slot, zero_y, plot_height / span, height))
    parts.append("</svg>")
    return Markup("".join(parts))


def _bar(
    point: dict[str, Any], value: float, x: float, slot: float, zero_y: float, per_unit: float, height: int
) -> str:
    bar_height = abs(value) * per_unit
    y = zero_y - bar_height if value >= 0 else zero_y
    colour = "#4a7fb0" if value >= 0 else "#c0392b"
    label_y = y - 4 if value >= 0 else y + bar_height + 12
    mid = x + slot / 2
    return (
        f'<g class="bar"><title>{escape(point["label"])}: {escape(point["text"])}</title>'
        f'<rect x="{x + slot * 0.2:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" height="{max(bar_height, 1):.1f}" '
        f'fill="{colour}"/>'
        f'<text x="{mid:.1f}" y="{label_y:.1f}" font-size="11" text-anchor="middle" class="value">'
        f"{escape(point['text'])}</text>"
        f'<text x="{mid:.1f}" y="{height - 8}" font-size="11" text-anchor="middle" class="period">'
        f"{escape(point['label'])}</text></g>"
    )
