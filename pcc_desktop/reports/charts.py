"""Labelled horizontal bar charts drawn with ReportLab's own graphics (vector, fonts embedded).

Horizontal bars leave room for long category names ("Feedback from the public"); each bar carries its
figure, and the value axis says what is counted (the Panel asked for properly labelled graphs,
domain.md §5.1). A label too long for its column is shortened with "…"; the figures table that always
follows a chart gives it in full.
"""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from pcc_desktop.reports.document import ChartBlock
from pcc_desktop.reports.fonts import REGULAR
from pcc_desktop.reports.styles import BAR, GREY

FONT_SIZE = 8.5
BAR_PITCH = 18  # points of height per category
AXIS_SPACE = 30  # below the bars: tick labels and the axis title
RIGHT_SPACE = 34  # beyond the longest bar: its figure


def _shorten(text: str, width: float) -> str:
    """``text``, cut with an ellipsis so that it fits in ``width`` points."""
    if stringWidth(text, REGULAR, FONT_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, FONT_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def axis_scale(top: float, whole: bool) -> tuple[float, float]:
    """A round axis maximum at or above ``top`` and a step giving about five ticks.

    Args:
        top: The largest figure.
        whole: Whether the figures are counts (steps are then whole numbers).

    Returns:
        ``(maximum, step)``.
    """
    if top <= 0:
        return 1.0, 1.0
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1.0, float(math.ceil(step)))
    return step * math.ceil(top / step), step


def _number_format(whole: bool) -> str:
    return "%d" if whole else "%.1f"


def bar_chart(block: ChartBlock, width: float) -> Drawing:
    """The chart of ``block`` as a drawing ``width`` points wide (first label at the top).

    Args:
        block: Labels and figures (at least one).
        width: The width of the text column.

    Returns:
        A drawing that can go straight into the story.
    """
    whole = all(float(v).is_integer() for v in block.values)
    label_width = min(max(stringWidth(label, REGULAR, FONT_SIZE) for label in block.labels) + 8, width * 0.4)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, AXIS_SPACE
    chart.width = width - label_width - RIGHT_SPACE
    chart.height = BAR_PITCH * len(block.labels)
    chart.data = [list(block.values)]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barSpacing = 0
    chart.groupSpacing = 5
    chart.categoryAxis.categoryNames = [_shorten(label, label_width - 8) for label in block.labels]
    chart.categoryAxis.reverseDirection = 1  # the first category at the top, as the table lists them
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.tickLeft = 0
    top, step = axis_scale(max(block.values), whole)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = FONT_SIZE
    chart.valueAxis.labelTextFormat = _number_format(whole)
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D0D5DE")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barLabelFormat = _number_format(whole)
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = FONT_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing = Drawing(
        width, chart.height + AXIS_SPACE + 6, initialFontName=REGULAR, initialFontSize=FONT_SIZE
    )
    drawing.add(chart)
    drawing.add(
        String(
            chart.x + chart.width / 2,
            4,
            block.value_label,
            fontName=REGULAR,
            fontSize=FONT_SIZE,
            fillColor=GREY,
            textAnchor="middle",
        )
    )
    return drawing
