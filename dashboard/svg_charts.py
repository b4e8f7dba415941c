"""The dashboard's charts drawn as SVG on the server, for the PDF report.

WeasyPrint runs no JavaScript, so the page's Chart.js charts are drawn again here from the
same ``figures.Chart``: bars ("bar" and "hbar", horizontal so that long labels stay
readable, whole and wrapped; rates on a 0–100% scale), lines ("line") and, for "doughnut",
one 100% bar per series with its shares. Numbers are written in the active language. A year
not yet held is drawn hollow and dashed. The numbers are in the data table printed under
each chart.
"""

import textwrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.templatetags.formats import grouped, rupiah

from .figures import Chart

WIDTH = 640
LABEL_WIDTH = 190  # the row labels of the bar charts
LABEL_CHARACTERS = 34  # on one line of a row label, wrapped between words
LINE = 11  # the height of a line of text
MUTED = "#6c757d"
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
        (str(label), name, [max(chart.value(row, name) or 0.0, 0.0) for row in chart.drawn])
        for label, name in chart.columns
    ]


def _short(text, length: int = 30) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _wrap(text, width: int = LABEL_CHARACTERS) -> list[str]:
    """``text`` in lines of at most ``width`` characters, cut between words: whole names."""
    return textwrap.wrap(str(text), width) or [""]


def _text(x: float, y: float, text, *, anchor: str = "start", fill: str = "#212529") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}">{escape(text)}</text>'
    )


def _rect(x: float, y: float, width: float, height: float, colour: str, *, hollow=False) -> str:
    """A filled rectangle, or a ``hollow`` one (a planned year): a pale fill in a border."""
    paint = (
        f'fill="{colour}" fill-opacity="0.2" stroke="{colour}" stroke-width="0.8" '
        'stroke-dasharray="3 2"'
        if hollow
        else f'fill="{colour}"'
    )
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" {paint}/>'
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
    """One group of horizontal bars per row, one bar per series, on one scale: the rows'
    whole names wrapped beside them, the height growing with the rows; rates on a 0–100%
    scale with their counts after the bar."""
    series = _series(chart)
    bar, gap = 10, 6
    top = LEGEND_HEIGHT if len(series) > 1 else 2
    if chart.percent:
        top += 12  # the 0–100% ticks above the bars
        peak = 100.0
        plot = WIDTH - LABEL_WIDTH - 150  # room for "77,7% · 1.170 dari 1.505"
    else:
        peak = max((value for *_names, values in series for value in values), default=0) or 1
        plot = WIDTH - LABEL_WIDTH - 95  # room for the value after the longest bar
    parts = [_legend(label for label, _name, _values in series)] if len(series) > 1 else []
    if chart.percent:
        for share in (0, 25, 50, 75, 100):
            x = LABEL_WIDTH + plot * share / 100
            parts.append(_text(x, top - 5, f"{grouped(share)}%", anchor="middle", fill=MUTED))
    y = float(top)
    for index, row in enumerate(chart.drawn):
        lines = _wrap(chart.label(row))
        group = max(bar * len(series), LINE * len(lines))
        first_line = y + group / 2 - (len(lines) - 1) * LINE / 2 + 3
        parts.extend(
            _text(LABEL_WIDTH - 5, first_line + number * LINE, line, anchor="end")
            for number, line in enumerate(lines)
        )
        bars_top = y + (group - bar * len(series)) / 2
        for number, (_label, name, values) in enumerate(series):
            width = plot * min(values[index], peak) / peak
            colour = PALETTE[number % len(PALETTE)]
            bar_y = bars_top + number * bar
            hollow = chart.planned(row)
            parts.append(_rect(LABEL_WIDTH + 1, bar_y, width, bar - 1, colour, hollow=hollow))
            drawn = chart.value(row, name)
            shown = chart.shown(name, None if drawn is None else row[name])
            if chart.percent:
                shown = f"{shown} · {chart.detail(row)}"
            parts.append(_text(LABEL_WIDTH + width + 5, bar_y + bar - 2, shown))
        y += group + gap
    height = round(y) + 2
    if chart.percent:
        parts.extend(
            f'<line x1="{LABEL_WIDTH + plot * share / 100:.1f}" y1="{top - 2}" '
            f'x2="{LABEL_WIDTH + plot * share / 100:.1f}" y2="{height}" stroke="{AXIS}" '
            'stroke-width="0.4" stroke-dasharray="2 2"/>'
            for share in (25, 50, 75, 100)
        )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top - 2}" x2="{LABEL_WIDTH}" y2="{height}" '
        f'stroke="{AXIS}"/>'
    )
    return height, "".join(parts)


def _lines(chart: Chart) -> tuple[int, str]:
    """A polyline with dots per series over the rows (years), on one scale from 0; Rupiah
    series on a scale of their own (on the right) when counts are drawn with them. A planned
    year's dot is hollow and the line to it dashed."""
    series = _series(chart)
    money = [name in chart.money for _label, name, _values in series]
    mixed = any(money) and not all(money)
    left, right, top, bottom = 70, 95 if mixed else 20, LEGEND_HEIGHT + 8, 32
    height = 200
    plot_width, plot_height = WIDTH - left - right, height - top - bottom
    rows = chart.drawn
    count = len(rows)

    def peak_of(in_rupiah: bool) -> float:
        values = [
            value
            for (_label, _name, values), is_money in zip(series, money, strict=True)
            if is_money == in_rupiah or not mixed
            for value in values
        ]
        return max(values, default=0) or 1

    def x(index: int) -> float:
        return left + (plot_width * index / (count - 1) if count > 1 else plot_width / 2)

    def y(value: float, peak: float) -> float:
        return top + plot_height * (1 - value / peak)

    parts = [_legend(label for label, _name, _values in series)]
    scales = [(False, left - 5, "end")]
    if mixed:
        scales.append((True, WIDTH - right + 5, "start"))
    for share in (0, 0.5, 1):
        level = top + plot_height * (1 - share)
        parts.append(
            f'<line x1="{left}" y1="{level:.1f}" x2="{WIDTH - right}" y2="{level:.1f}" '
            f'stroke="{AXIS}" stroke-width="0.5"/>'
        )
        for in_rupiah, tick_x, anchor in scales:
            peak = peak_of(in_rupiah)
            rupiah_scale = in_rupiah if mixed else all(money)
            tick = rupiah(peak * share) if rupiah_scale else grouped(round(peak * share))
            parts.append(_text(tick_x, level + 3, tick, anchor=anchor))
    for index, row in enumerate(rows):
        for number, line in enumerate(_wrap(chart.label(row), 12)):
            parts.append(_text(x(index), height - 18 + number * LINE, line, anchor="middle"))
    for number, (_label, _name, values) in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        peak = peak_of(money[number])
        for index in range(1, count):
            dash = ' stroke-dasharray="4 3"' if chart.planned(rows[index]) else ""
            parts.append(
                f'<line x1="{x(index - 1):.1f}" y1="{y(values[index - 1], peak):.1f}" '
                f'x2="{x(index):.1f}" y2="{y(values[index], peak):.1f}" stroke="{colour}" '
                f'stroke-width="1.5"{dash}/>'
            )
        for index, value in enumerate(values):
            fill = "#fff" if chart.planned(rows[index]) else colour
            parts.append(
                f'<circle cx="{x(index):.1f}" cy="{y(value, peak):.1f}" r="2.5" fill="{fill}" '
                f'stroke="{colour}" stroke-width="1"/>'
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
        shown = f"{chart.label(row)}: {chart.shown(name, row[name])}" if name else ""
        parts.append(_text(x + 11, y, shown))
    height = key_top + ((len(chart.rows) + 1) // 2) * 13
    return height, "".join(parts)
