"""The dashboard's charts drawn as SVG on the server, for the PDF report.

WeasyPrint runs no JavaScript, so the page's Chart.js charts are drawn again here from the
same ``figures.Chart``: bars ("bar" and "hbar", horizontal so that long labels stay
readable), lines ("line") and, for "doughnut", one 100% bar per series with its shares. The
numbers are in the data table printed under each chart.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.templatetags.formats import rupiah

from .figures import Chart

WIDTH = 640
LABEL_WIDTH = 170  # the row labels of the bar charts
LEGEND_HEIGHT = 18
PALETTE = ("#1d6fa5", "#e8833a", "#3f9b57", "#8e5ea2", "#c44e52", "#7f7f7f", "#b5a82c", "#17a2b8")
AXIS = "#9aa5b1"


def chart_svg(chart: Chart) -> SafeString:
    """``chart`` as an inline ``<svg>`` element for the PDF report."""
    draw = {"line": _lines, "doughnut": _shares}.get(chart.kind, _bars)
    height, body = draw(chart)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(chart.title)}" '
        f'font-family="DejaVu Sans" font-size="9">{body}</svg>'
    )
    # Every text in the SVG went through escape(); the rest is built here from numbers.
    return mark_safe(svg)  # noqa: S308


def _series(chart: Chart) -> list[tuple[str, str, list[float]]]:
    """(label, name, values) of each series, a missing value counting as 0."""
    return [
        (str(label), name, [max(float(row[name] or 0), 0.0) for row in chart.rows])
        for label, name in chart.columns
    ]


def _shown(chart: Chart, name: str, value) -> str:
    return rupiah(value or 0) if name in chart.money else number_format(value or 0)


def _short(text, length: int = 30) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _text(x: float, y: float, text, *, anchor: str = "start", fill: str = "#212529") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}">{escape(text)}</text>'
    )


def _rect(x: float, y: float, width: float, height: float, colour: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" '
        f'fill="{colour}"/>'
    )


def _legend(labels, y: float = 10) -> str:
    """A coloured square and a label for each series, side by side from the left."""
    parts, x = [], 0.0
    for index, label in enumerate(labels):
        parts.append(_rect(x, y - 7, 8, 8, PALETTE[index % len(PALETTE)]))
        parts.append(_text(x + 11, y, _short(label, 40)))
        x += 24 + 5.5 * len(_short(label, 40))
    return "".join(parts)


def _bars(chart: Chart) -> tuple[int, str]:
    """One group of horizontal bars per row, one bar per series, on one scale."""
    series = _series(chart)
    bar, gap = 10, 6
    top = LEGEND_HEIGHT if len(series) > 1 else 2
    group = bar * len(series) + gap
    height = top + group * len(chart.rows) + 2
    peak = max((value for *_names, values in series for value in values), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - 95  # room for the value after the longest bar
    parts = [_legend(label for label, _name, _values in series)] if len(series) > 1 else []
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top - 2}" x2="{LABEL_WIDTH}" y2="{height}" '
        f'stroke="{AXIS}"/>'
    )
    for index, row in enumerate(chart.rows):
        y = top + index * group
        parts.append(_text(LABEL_WIDTH - 5, y + group / 2, _short(row.label), anchor="end"))
        for number, (_label, name, values) in enumerate(series):
            width = plot * values[index] / peak
            colour = PALETTE[number % len(PALETTE)]
            parts.append(_rect(LABEL_WIDTH + 1, y + number * bar, width, bar - 1, colour))
            shown = _shown(chart, name, row[name])
            parts.append(_text(LABEL_WIDTH + width + 5, y + number * bar + bar - 2, shown))
    return height, "".join(parts)


def _lines(chart: Chart) -> tuple[int, str]:
    """A polyline with dots per series over the rows (years), on one scale from 0."""
    series = _series(chart)
    left, right, top, bottom = 70, 20, LEGEND_HEIGHT + 8, 22
    height = 190
    plot_width, plot_height = WIDTH - left - right, height - top - bottom
    peak = max((value for *_names, values in series for value in values), default=0) or 1
    count = len(chart.rows)

    def x(index: int) -> float:
        return left + (plot_width * index / (count - 1) if count > 1 else plot_width / 2)

    def y(value: float) -> float:
        return top + plot_height * (1 - value / peak)

    parts = [_legend(label for label, _name, _values in series)]
    money = all(name in chart.money for _label, name, _values in series)
    for share in (0, 0.5, 1):
        level = y(peak * share)
        parts.append(
            f'<line x1="{left}" y1="{level:.1f}" x2="{WIDTH - right}" y2="{level:.1f}" '
            f'stroke="{AXIS}" stroke-width="0.5"/>'
        )
        tick = rupiah(peak * share) if money else number_format(round(peak * share))
        parts.append(_text(left - 5, level + 3, tick, anchor="end"))
    for index, row in enumerate(chart.rows):
        parts.append(_text(x(index), height - 8, _short(row.label, 12), anchor="middle"))
    for number, (_label, _name, values) in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        points = " ".join(f"{x(index):.1f},{y(value):.1f}" for index, value in enumerate(values))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
        )
        parts.extend(
            f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="2.5" fill="{colour}"/>'
            for index, value in enumerate(values)
        )
    return height, "".join(parts)


def _shares(chart: Chart) -> tuple[int, str]:
    """For each series, one bar split into the rows' shares, then a key of the rows."""
    series = _series(chart)
    bar, gap = 14, 8
    parts = []
    for number, (label, _name, values) in enumerate(series):
        y = number * (bar + gap) + 2
        parts.append(_text(LABEL_WIDTH - 5, y + bar - 3, _short(label), anchor="end"))
        total = sum(values)
        if not total:
            parts.append(_rect(LABEL_WIDTH, y, WIDTH - LABEL_WIDTH, bar, "#e9ecef"))
            continue
        x = float(LABEL_WIDTH)
        for index, value in enumerate(values):
            width = (WIDTH - LABEL_WIDTH) * value / total
            parts.append(_rect(x, y, width, bar, PALETTE[index % len(PALETTE)]))
            x += width
    key_top = len(series) * (bar + gap) + 12
    column = WIDTH / 2
    for index, row in enumerate(chart.rows):
        x, y = (index % 2) * column, key_top + (index // 2) * 13
        parts.append(_rect(x, y - 7, 8, 8, PALETTE[index % len(PALETTE)]))
        name = series[0][1] if series else ""
        shown = f"{_short(row.label, 45)}: {_shown(chart, name, row[name])}" if name else ""
        parts.append(_text(x + 11, y, shown))
    height = key_top + ((len(chart.rows) + 1) // 2) * 13
    return height, "".join(parts)
