"""A small inline SVG chart of the funds composition (基本支出, 项目支出, 其他).

A horizontal stacked bar with a legend that names each part with its amount and share, so the
chart stays readable when printed in black and white: each part has its own fill pattern
(solid grey, diagonal hatching, dots) and its numbers are written out, never carried by colour
alone. Shares are computed in Decimal; floats appear only as SVG coordinates.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from perfdecl.model import Funds
from perfdecl.render.base import YUAN, money, percent

WIDTH = 640
BAR_X = 8
BAR_Y = 8
BAR_W = WIDTH - 2 * BAR_X
BAR_H = 28
LEGEND_Y = BAR_Y + BAR_H + 22
LEGEND_STEP = 22

# (field, label, pattern id, fill). The patterns are defined in _DEFS.
PARTS: tuple[tuple[str, str, str], ...] = (
    ("basic", "基本支出", "pd-fill-basic"),
    ("project", "项目支出", "pd-fill-project"),
    ("other", "其他", "pd-fill-other"),
)

_DEFS = """<defs>
<pattern id="pd-fill-basic" width="6" height="6" patternUnits="userSpaceOnUse">
<rect width="6" height="6" fill="#9a9a9a"/>
</pattern>
<pattern id="pd-fill-project" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
<rect width="8" height="8" fill="#ffffff"/>
<rect width="3" height="8" fill="#333333"/>
</pattern>
<pattern id="pd-fill-other" width="6" height="6" patternUnits="userSpaceOnUse">
<rect width="6" height="6" fill="#ffffff"/>
<circle cx="3" cy="3" r="1.3" fill="#333333"/>
</pattern>
</defs>"""


def _coord(value: Decimal) -> str:
    """An SVG coordinate: the one place a Decimal becomes a float, rounded for stable output."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def funds_parts(funds: Funds) -> list[tuple[str, str, str, Decimal]] | None:
    """(field, label, pattern, amount) for the parts, or None when no chart can be drawn.

    A chart needs every part known, none negative, and a positive sum; otherwise the form's
    numbers speak for themselves (and the rules report what is wrong with them).
    """
    amounts = [getattr(funds, name) for name, _, _ in PARTS]
    if any(a is None or a < 0 for a in amounts):
        return None
    if sum(a for a in amounts if a is not None) <= 0:
        return None
    return [
        (name, label, pattern, amount)
        for (name, label, pattern), amount in zip(PARTS, amounts, strict=True)
        if amount is not None
    ]


def funds_chart(funds: Funds) -> str | None:
    """The chart as an ``<svg>`` element, or None when the funds cannot be charted."""
    parts = funds_parts(funds)
    if parts is None:
        return None
    whole = sum((amount for *_, amount in parts), Decimal(0))
    height = LEGEND_Y + LEGEND_STEP * len(parts)
    summary = "；".join(
        f"{label} {money(amount)}{YUAN}（{percent(amount, whole)}%）"
        for _, label, _, amount in parts
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="funds-chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-label="{escape("资金构成：" + summary)}">',
        f"<title>{escape('资金构成：' + summary)}</title>",
        _DEFS,
    ]
    x = Decimal(BAR_X)
    for name, label, pattern, amount in parts:
        width = Decimal(BAR_W) * amount / whole
        if width > 0:
            out.append(
                f'<rect class="seg seg-{name}" x="{_coord(x)}" y="{BAR_Y}" '
                f'width="{_coord(width)}" height="{BAR_H}" fill="url(#{pattern})" '
                f'stroke="#000" stroke-width="0.8"><title>{escape(label)}</title></rect>'
            )
            if width >= 60:  # room for the share inside the segment, on a white label
                cx = x + width / 2
                share = f"{percent(amount, whole)}%"
                out.append(
                    f'<rect x="{_coord(cx - 24)}" y="{BAR_Y + 7}" width="48" height="14" '
                    f'fill="#ffffff" stroke="none"/>'
                    f'<text x="{_coord(cx)}" y="{BAR_Y + 18}" text-anchor="middle" '
                    f'font-size="11">{escape(share)}</text>'
                )
        x += width
    for n, (name, label, pattern, amount) in enumerate(parts):
        y = LEGEND_Y + LEGEND_STEP * n
        out.append(
            f'<rect class="key key-{name}" x="{BAR_X}" y="{y - 12}" width="28" height="14" '
            f'fill="url(#{pattern})" stroke="#000" stroke-width="0.8"/>'
            f'<text x="{BAR_X + 36}" y="{y}" font-size="12">'
            f"{escape(label)}　{escape(money(amount))} {YUAN}（{percent(amount, whole)}%）</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


__all__ = ["PARTS", "funds_chart", "funds_parts"]
