"""The dashboard's pieces: its tiles, the grid that lays tiles and charts out, and how a chart is drawn.

A tile is a push button, so it takes the keyboard focus in turn and opens its list on a click, on
Space or on Enter. What each tile says comes from :func:`tile_specs`, which reads only the figures
of ``services.dashboard`` (the statistics services' own numbers), so it can be tested without a
window. :class:`ResponsiveGrid` puts its widgets in as many balanced columns as the width allows.
:func:`draw_chart` draws a chart's :class:`~pcc_desktop.ui.dashboard_charts.ChartData` as bars.

pyqtgraph takes half a second to import, so it is imported when the first chart is drawn, not when
the main window starts (the dashboard is its first page).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from pcc_desktop.services.clock import format_date
from pcc_desktop.services.dashboard import DashboardFigures
from pcc_desktop.services.icv_statistics import BASIS_ROTA
from pcc_desktop.ui.dashboard_charts import ACCENT, ALL_OPEN, INK, MUTED, OVERDUE, WARNING, ChartData

if TYPE_CHECKING:
    import pyqtgraph as pg

GROUP_WIDTH = 0.8
MAX_VALUE_LABELS = 24
MAX_TICKS = 12

TILE_STYLE = f"""
QPushButton[dashboard_tile="true"] {{
    background: #ffffff; border: 1px solid #c9d1d9; border-left: 6px solid {ACCENT};
    border-radius: 6px; padding: 0px; text-align: left;
}}
QPushButton[dashboard_tile="true"][tone="warning"] {{ border-left-color: {WARNING}; }}
QPushButton[dashboard_tile="true"]:hover {{ background: #f1f6fb; }}
QPushButton[dashboard_tile="true"]:pressed {{ background: #e1ecf7; }}
QPushButton[dashboard_tile="true"]:focus {{ border: 2px solid #1a4f8b; border-left: 6px solid #1a4f8b; }}
"""


@dataclass(frozen=True)
class TileSpec:
    """What one tile shows and the list it opens: ``open_list(target, argument)``."""

    key: str
    value: str
    label: str
    sub: str
    target: str
    argument: Any = None
    warning: bool = False


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {many or word + 's'}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%".replace(".0%", "%")


def _engagement_tiles(figures: DashboardFigures, label: str) -> list[TileSpec]:
    stats = figures.engagement
    period = {"date_from": figures.date_from, "date_to": figures.date_to}
    missing = len(stats.npas_not_visited)
    if not stats.npas_total:
        npa_sub = "No NPAs are set up yet"
    elif missing:
        npa_sub = f"{_plural(missing, 'NPA')} not visited yet"
    else:
        npa_sub = "Every NPA has been visited"
    return [
        TileSpec(
            "community_days",
            str(stats.community_days),
            "Community days",
            f"Held in {label}; {_plural(stats.people_met, 'person', 'people')} met at engagements",
            "engagements",
            period,
        ),
        TileSpec(
            "npas_visited",
            f"{stats.npas_visited} of {stats.npas_total}",
            "NPAs visited",
            npa_sub,
            "coverage",
            figures.coverage.year_from,
            warning=bool(missing),
        ),
    ]


def _action_tiles(figures: DashboardFigures) -> list[TileSpec]:
    stats = figures.actions
    share = f"{stats.overdue * 100 / stats.open_at_end:.0f}% of those open" if stats.open_at_end else ""
    return [
        TileSpec(
            "open_actions",
            str(stats.open_at_end),
            "Open actions",
            f"As of {format_date(stats.as_of)}; {stats.logged} logged in the period",
            "actions",
            ALL_OPEN,
        ),
        TileSpec(
            "overdue_actions",
            str(stats.overdue),
            "Overdue actions",
            share or "Nothing is open",
            "actions",
            OVERDUE,
            warning=stats.overdue > 0,
        ),
    ]


def _visit_tiles(figures: DashboardFigures) -> list[TileSpec]:
    icv, aws = figures.icv, figures.aws
    period = (figures.date_from, figures.date_to)
    icv_sub = f"{icv.completed} of {_plural(icv.scheduled, 'scheduled visit')}"
    if icv.achievement_basis != BASIS_ROTA:
        icv_sub = f"{icv.completed} of {icv.scheduled} expected (no rota: the weekly standard)"
    if not icv.scheduled:
        icv_sub = "No visits were scheduled in the period"
    aws_sub = f"{aws.completed} of {_plural(aws.scheduled, 'scheduled visit')}"
    if not aws.months:
        aws_sub = "The scheme had not started in the period"
    elif not aws.scheduled:
        aws_sub = "No visits were scheduled in the period"
    custody = "custody_visits", _pct(icv.achieved_pct), "Custody visits achieved", icv_sub
    dog_unit = "dog_unit_visits", _pct(aws.pct_achieved), "Dog Unit visits achieved", aws_sub
    return [
        TileSpec(*custody, "icv_statistics", period),
        TileSpec(*dog_unit, "aws_statistics", period),
        _dogs_tile(figures),
    ]


def _dogs_tile(figures: DashboardFigures) -> TileSpec:
    dogs, on = figures.dogs, format_date(figures.dogs.as_of)
    in_service = len(dogs.rows)
    sub = (
        f"Of {_plural(in_service, 'dog')} in service on {on}"
        if in_service
        else f"No dogs were in service on {on}"
    )
    label = f"Dogs not seen in {_plural(dogs.months, 'month')}"
    return TileSpec(
        "dogs_not_seen", str(dogs.not_seen_count), label, sub, "aws_dogs", None, dogs.not_seen_count > 0
    )


def tile_specs(figures: DashboardFigures, label: str) -> list[TileSpec]:
    """The seven tiles, in reading order, for the figures of the period called ``label``."""
    return [*_engagement_tiles(figures, label), *_action_tiles(figures), *_visit_tiles(figures)]


def _label(name: str, style: str, wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(style)
    label.setWordWrap(wrap)
    # The button underneath takes the clicks; the labels only draw.
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class Tile(QPushButton):
    """A figure as a button: big number, label, sub-line; Enter or Space opens its list."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.spec: TileSpec | None = None
        self.setObjectName(f"tile_{key}")
        self.setProperty("dashboard_tile", True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.value_label = _label("tile_value", f"font-size: 22pt; font-weight: bold; color: {INK};")
        self.name_label = _label("tile_label", f"font-size: 10.5pt; font-weight: bold; color: {INK};", True)
        self.sub_label = _label("tile_sub", f"color: {MUTED};", True)
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 8, 10, 10)
        box.setSpacing(2)
        for label in (self.value_label, self.name_label, self.sub_label):
            box.addWidget(label)
        box.addStretch(1)
        self.set_spec(TileSpec(key, "…", "", "", ""))

    def set_spec(self, spec: TileSpec) -> None:
        """Show ``spec``: its words, its accessible name and its tone."""
        self.spec = spec
        self.value_label.setText(spec.value)
        self.name_label.setText(spec.label)
        self.sub_label.setText(spec.sub)
        self.setAccessibleName(f"{spec.label}: {spec.value}" if spec.label else "Working…")
        self.setAccessibleDescription(f"{spec.sub}. Press Enter to open the list." if spec.sub else "")
        self.setToolTip(f"{spec.sub}\nOpen the list (Enter)" if spec.sub else "")
        self.setProperty("tone", "warning" if spec.warning else "")
        self.style().unpolish(self)
        self.style().polish(self)

    def sizeHint(self) -> QSize:
        """The labels' size (a push button's own hint only measures its text, which is empty)."""
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for the grid to drop a column rather than push the page sideways."""
        return QSize(150, self.layout().minimumSize().height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter and Return open the list too (a push button outside a dialog only takes Space)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            event.accept()
            self.click()
            return
        super().keyPressEvent(event)


class ResponsiveGrid(QWidget):
    """Widgets in balanced rows: as many columns as fit ``min_width`` each, up to ``max_columns``."""

    def __init__(self, name: str, min_width: int, max_columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.min_width, self.max_columns = min_width, max_columns
        self.items: list[QWidget] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        self.columns = 0
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)

    def add(self, widget: QWidget) -> None:
        """Add a widget at the end."""
        self.items.append(widget)
        self.columns = 0  # lay out again
        self.arrange(self.width())

    def columns_for(self, width: int) -> int:
        """How many columns a width holds, balanced so the last row is as full as it can be."""
        if not self.items:
            return 1
        spacing = self.grid.spacing()
        fit = max(1, min(self.max_columns, (width + spacing) // (self.min_width + spacing)))
        rows = math.ceil(len(self.items) / fit)
        return math.ceil(len(self.items) / rows)

    def arrange(self, width: int) -> None:
        """Put the widgets in the columns the width holds (nothing moves if that number is the same)."""
        columns = self.columns_for(width)
        if columns == self.columns:
            return
        for widget in self.items:
            self.grid.removeWidget(widget)
        for index, widget in enumerate(self.items):
            self.grid.addWidget(widget, index // columns, index % columns)
        for column in range(max(columns, self.columns)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.columns = columns

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Lay out again for the new width."""
        self.arrange(event.size().width())
        super().resizeEvent(event)


# --- drawing (pyqtgraph imported on first use) ---------------------------------------------------


def make_chart(name: str, description: str) -> pg.PlotWidget:
    """A white, static plot in the coverage panel's style, with an accessible name and description."""
    from pcc_desktop.ui.coverage_panel import make_plot

    plot = make_plot(name, description)
    plot.setMinimumSize(240, 160)
    return plot


def _step(top: float) -> int:
    """A whole-number tick spacing giving at most about six ticks up to ``top``."""
    raw = max(1.0, top / 6)
    magnitude = 10 ** math.floor(math.log10(raw))
    return int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))


def _positions(data: ChartData, series: int) -> list[float]:
    width = GROUP_WIDTH / len(data.series)
    return [i - GROUP_WIDTH / 2 + (series + 0.5) * width for i in range(len(data.groups))]


def _value_labels(plot: pg.PlotWidget, data: ChartData) -> None:
    import pyqtgraph as pg

    if len(data.groups) * len(data.series) > MAX_VALUE_LABELS:
        return  # too many to read: the table has them
    count = len(data.groups)
    for index, series in enumerate(data.series):
        texts = series.texts or tuple(str(v) for v in series.values)
        for at, value, text in zip(_positions(data, index), series.values, texts, strict=True):
            if data.horizontal:  # white behind the words, over the target line
                item = pg.TextItem(f" {text}", color=INK, anchor=(0, 0.5), fill="w")
                item.setPos(value, count - 1 - at)
            else:
                item = pg.TextItem(text, color=INK, anchor=(0.5, 1))
                item.setPos(at, value)
            item.setZValue(10)  # over the reference line
            plot.addItem(item)


def _tick_labels(data: ChartData) -> list[tuple[float, str]]:
    step = max(1, math.ceil(len(data.groups) / MAX_TICKS))
    count = len(data.groups)
    return [
        (count - 1 - i if data.horizontal else i, label)
        for i, label in enumerate(data.groups)
        if i % step == 0
    ]


def _reference_line(plot: pg.PlotWidget, data: ChartData) -> None:
    """A dashed line at the target or standard; the key above the chart names it (no label to clip)."""
    import pyqtgraph as pg

    if data.line is not None:
        pen = pg.mkPen(INK, width=2, style=Qt.PenStyle.DashLine)
        plot.addItem(pg.InfiniteLine(pos=data.line, angle=90 if data.horizontal else 0, pen=pen))


def draw_chart(plot: pg.PlotWidget, data: ChartData) -> None:
    """Grouped bars (one colour per series), each value written by its bar, and the ticks."""
    import pyqtgraph as pg

    plot.clear()
    count = len(data.groups)
    width = GROUP_WIDTH / max(len(data.series), 1) * 0.92
    for index, series in enumerate(data.series):
        at = _positions(data, index)
        brushes = [QColor(c) for c in series.colours or [series.colour] * count]
        values = list(series.values)
        if data.horizontal:
            ys = [count - 1 - y for y in at]
            bars = pg.BarGraphItem(x0=0, y=ys, width=values, height=width, brushes=brushes, pen=None)
        else:
            bars = pg.BarGraphItem(x=at, height=values, width=width, brushes=brushes, pen=None)
        plot.addItem(bars)
    _value_labels(plot, data)
    _reference_line(plot, data)
    top = max([data.line or 0, 1, *(v for s in data.series for v in s.values)])
    category, value = ("left", "bottom") if data.horizontal else ("bottom", "left")
    axis = plot.getAxis(category)
    axis.setTicks([_tick_labels(data)])
    metrics = QFontMetrics(plot.font())
    if data.horizontal:
        axis.setWidth(max([metrics.horizontalAdvance(g) for g in data.groups] or [40]) + 16)
    else:
        lines = max([g.count("\n") + 1 for g in data.groups] or [1])
        axis.setHeight(metrics.height() * lines + 14)
    plot.getAxis(value).setTickSpacing(levels=[(_step(top), 0)])  # whole numbers only
    plot.getAxis(value).setLabel(data.value_axis, color=INK)
    plot.showGrid(x=data.horizontal, y=not data.horizontal, alpha=0.2)
    span = (-0.6, max(count, 1) - 0.4)
    reach = (0, top * (1.3 if data.horizontal else 1.2) + 0.5)
    plot.setXRange(*(reach if data.horizontal else span), padding=0)
    plot.setYRange(*(span if data.horizontal else reach), padding=0)


def pick(data: ChartData, x: float, y: float) -> tuple[int, int] | None:
    """The (group, series) of the bar at plot coordinates (x, y), or None between bars."""
    along = (len(data.groups) - 1 - y) if data.horizontal else x
    group = round(along)
    offset = along - group + GROUP_WIDTH / 2
    if not (0 <= group < len(data.groups) and 0 <= offset < GROUP_WIDTH) or not data.series:
        return None
    return group, min(int(offset / (GROUP_WIDTH / len(data.series))), len(data.series) - 1)
