"""A small inline SVG chart of the funds composition (基本支出, 项目支出, 其他).

A horizontal stacked bar with a legend that names each part with its amount and share, so the
chart stays readable when printed in black and white: each part has its own fill pattern
(solid grey, diagonal hatching, dots) and its numbers are written out, never carried by colour
alone. Shares are computed in Decimal; floats appear only as SVG coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfdecl.model import Funds
from perfdecl.render.base import YUAN, money, percent

WIDTH = 640
BAR_X = 8
BAR_Y = 8
BAR_W = WIDTH - 2 * BAR_X
BAR_H = 28
LEGEND_Y = BAR_Y + BAR_H + 22
LEGEND_STEP = 22

# (field, label, pattern id). The patterns are defined in templates/funds-chart.svg.j2.
PARTS: tuple[tuple[str, str, str], ...] = (
    ("basic", "基本支出", "pd-fill-basic"),
    ("project", "项目支出", "pd-fill-project"),
    ("other", "其他", "pd-fill-other"),
)


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


@dataclass(frozen=True, slots=True)
class Segment:
    """One part's stretch of the bar; ``share`` ("74.8%") is written inside when it fits."""

    name: str
    label: str
    pattern: str
    x: str
    width: str
    share: str | None
    share_x: str
    center: str


@dataclass(frozen=True, slots=True)
class LegendLine:
    name: str
    label: str
    pattern: str
    y: int
    amount: str
    percent: Decimal


@dataclass(frozen=True, slots=True)
class Chart:
    """What ``funds-chart.svg.j2`` draws: coordinates as strings, numbers as written."""

    height: int
    summary: str
    segments: tuple[Segment, ...]
    legend: tuple[LegendLine, ...]
    width: int = WIDTH
    bar_x: int = BAR_X
    bar_y: int = BAR_Y
    bar_h: int = BAR_H
    unit: str = YUAN


def chart_data(funds: Funds) -> Chart | None:
    """The chart's geometry and labels, or None when the funds cannot be charted."""
    parts = funds_parts(funds)
    if parts is None:
        return None
    whole = sum((amount for *_, amount in parts), Decimal(0))
    summary = "；".join(
        f"{label} {money(amount)}{YUAN}（{percent(amount, whole)}%）"
        for _, label, _, amount in parts
    )
    segments = []
    x = Decimal(BAR_X)
    for name, label, pattern, amount in parts:
        width = Decimal(BAR_W) * amount / whole
        if width > 0:
            center = x + width / 2
            segments.append(
                Segment(
                    name,
                    label,
                    pattern,
                    _coord(x),
                    _coord(width),
                    # room for the share inside the segment, on a white label
                    f"{percent(amount, whole)}%" if width >= 60 else None,
                    _coord(center - 24),
                    _coord(center),
                )
            )
        x += width
    legend = tuple(
        LegendLine(
            name, label, pattern, LEGEND_Y + LEGEND_STEP * n, money(amount), percent(amount, whole)
        )
        for n, (name, label, pattern, amount) in enumerate(parts)
    )
    return Chart(LEGEND_Y + LEGEND_STEP * len(parts), summary, tuple(segments), legend)


def funds_chart(funds: Funds) -> str | None:
    """The chart as an ``<svg>`` element, or None when the funds cannot be charted."""
    from perfdecl.render.jinja import render_template

    chart = chart_data(funds)
    if chart is None:
        return None
    return render_template("funds-chart.svg.j2", chart=chart)


__all__ = ["PARTS", "Chart", "chart_data", "funds_chart", "funds_parts"]
