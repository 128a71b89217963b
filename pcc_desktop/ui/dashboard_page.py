"""The Dashboard: the headline figures for a period as tiles, and six charts each with its table.

Every figure comes from ``services.dashboard``, which calls the statistics services the Panel
reports and ``pcc-desktop stats`` use, so the dashboard always quotes their numbers. The figures
are built off the GUI thread ("Working…" shows meanwhile). Tiles and charts open the list behind
them through :attr:`DashboardPage.open_list`, which the main window connects to the pages.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, QModelIndex, QPointF, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.dashboard import (
    CUSTOM,
    PRESETS,
    DashboardFigures,
    Period,
    dashboard_figures,
    period_label,
    preset_period,
)
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dashboard_charts import CHARTS, INK, MUTED, ChartData
from pcc_desktop.ui.dashboard_tiles import (
    TILE_STYLE,
    ResponsiveGrid,
    Tile,
    TileSpec,
    draw_chart,
    make_chart,
    pick,
    tile_specs,
)
from pcc_desktop.ui.table_models import RowTableModel
from pcc_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    import pyqtgraph as pg

TILE_KEYS = (
    "community_days",
    "npas_visited",
    "open_actions",
    "overdue_actions",
    "custody_visits",
    "dog_unit_visits",
    "dogs_not_seen",
)
CHART_HEIGHT = 250
PAGE_STYLE = "QWidget#dashboard_content { background: #f3f5f7; }"
CARD_STYLE = "QFrame#chart_card { background: #ffffff; border: 1px solid #c9d1d9; border-radius: 6px; }"


def _table(name: str, model: RowTableModel[Any]) -> QTableView:
    view = QTableView()
    view.setObjectName(name.lower().replace(" ", "_").replace(":", "") + "_table")
    view.setAccessibleName(f"{name} table")
    view.setAccessibleDescription("The chart's figures. Press Enter on a row to open the list behind it.")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    return view


def _label(name: str, accessible: str, style: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


def _legend(data: ChartData) -> str:
    """The summary, and under it the chart's key: a coloured box per colour, a dashed line for the line."""
    keys = [
        f'<span style="color:{colour}; font-size:12pt;">■</span>&nbsp;{text}' for colour, text in data.legend
    ]
    if data.line is not None:
        keys.append(f'<span style="color:{INK}; font-weight:bold;">- - -</span>&nbsp;{data.line_label}')
    return f"{data.summary}<br>{' &nbsp; '.join(keys)}" if keys else data.summary


class ChartCard(QFrame):
    """A titled chart with its table: "Show as table" swaps them; activation emits ``activated``."""

    activated = Signal(str, object)

    def __init__(self, key: str, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.title, self.description = key, title, description
        self.data: ChartData | None = None
        self.plot: pg.PlotWidget | None = None  # made when first drawn (pyqtgraph loads then)
        self.setObjectName("chart_card")
        self.setAccessibleName(title)
        self.setStyleSheet(CARD_STYLE)
        # Cards in a row share its height; the stretch above the chart lines their axes up.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.heading = _label(f"{key}_title", title, f"font-size: 11pt; font-weight: bold; color: {INK};")
        self.heading.setText(title)
        self.open_button = QPushButton("Open list")
        self.open_button.setAccessibleName(f"Open the list behind {title}")
        self.open_button.clicked.connect(lambda: self._activate_row(-1, ""))
        self.table_button = QPushButton("Show as table")
        self.table_button.setObjectName(f"{key}_show_table")
        self.table_button.setCheckable(True)
        self.table_button.setAccessibleName(f"Show {title} as a table")
        self.table_button.toggled.connect(self._show_page)
        self.summary = _label(f"{key}_summary", f"{title}: summary", f"color: {MUTED};")
        self.model: RowTableModel[Any] = RowTableModel([], self)
        self.table = _table(title, self.model)
        self.table.activated.connect(self._on_table_activated)
        self.empty_label = _label(
            f"{key}_empty", f"{title}: nothing to show", f"color: {MUTED}; font-size: 11pt;"
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plot_holder = QWidget()
        QVBoxLayout(self.plot_holder).setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        for page in (self.plot_holder, self.table, self.empty_label):
            self.stack.addWidget(page)
        self.stack.setFixedHeight(CHART_HEIGHT)
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.table_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 10, 12, 12)
        box.addLayout(top)
        box.addWidget(self.summary)
        box.addStretch(1)
        box.addWidget(self.stack)

    def _ensure_plot(self) -> pg.PlotWidget:
        if self.plot is None:
            self.plot = make_chart(f"{self.title} chart", self.description)
            self.plot.scene().sigMouseClicked.connect(self._on_plot_clicked)
            self.plot_holder.layout().addWidget(self.plot)
        return self.plot

    def show_data(self, data: ChartData) -> None:
        """Show new figures: the chart (or the words when empty), the table and the summary."""
        self.data = data
        old = (self.model, self.table.selectionModel())
        self.model = RowTableModel(data.columns, self)  # the columns can change (custody suites)
        self.model.set_rows(data.rows)
        self.table.setModel(self.model)
        for gone in old:
            gone.deleteLater()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the labels take the spare width
        self.empty_label.setText(data.empty)
        if not data.empty:
            draw_chart(self._ensure_plot(), data)
        self._show_page(self.table_button.isChecked())

    def _show_page(self, as_table: bool) -> None:
        empty = self.data is None or bool(self.data.empty)
        page = self.table if as_table else (self.empty_label if empty else self.plot_holder)
        self.stack.setCurrentWidget(page)
        self.table_button.setText("Show as chart" if as_table else "Show as table")
        if self.data is not None:  # the key only goes with the chart
            self.summary.setText(_legend(self.data) if page is self.plot_holder else self.data.summary)

    def showing_table(self) -> bool:
        """Whether the table is shown in place of the chart."""
        return self.stack.currentWidget() is self.table

    def _activate_row(self, row: int, key: str) -> None:
        if self.data is not None:
            self.activated.emit(*self.data.target_of(row, key))

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self._activate_row(index.row(), self.model.columns[index.column()].key)

    def activate_bar(self, group: int, series: int) -> None:
        """Open the list behind one bar (what a click on it does)."""
        row = self.data.row_of(group, series) if self.data is not None else None
        if self.data is not None and row is not None:
            self._activate_row(row, self.data.series[series].key)

    def _on_plot_clicked(self, event: Any) -> None:
        if self.plot is None or self.data is None or event.button() != Qt.MouseButton.LeftButton:
            return
        point: QPointF = self.plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        found = pick(self.data, point.x(), point.y())
        if found is not None:
            self.activate_bar(*found)


class DashboardPage(QWidget):
    """The headline figures for a period: seven tiles and six charts, each chart with its table.

    Signals:
        message(str): A line for the status bar (a failure to build the figures).
        open_list(target, argument): A tile, bar, table row or "Open list" button was activated;
            show the list behind it. ``target`` is one of:

            * ``"actions"``: ``argument`` is a preset name of
              ``services.action_queries.preset_filters`` (``"All open actions"``, ``"Overdue"``), or a
              dict of ``ActionFilter`` fields in the JSON form ``ui.action_filter_bar.filter_from_json``
              reads, e.g. ``{"origin_kind": "aws_visit", "overdue_only": True}`` or
              ``{"statuses": ["open", …], "origin_kind": "meeting"}``;
            * ``"engagements"``: ``argument`` is ``{"date_from": date, "date_to": date}`` (the period,
              or one month of it);
            * ``"coverage"``: ``argument`` is the first day (a ``date``) of the coverage year shown;
            * ``"icv_statistics"`` and ``"aws_statistics"``: ``argument`` is ``(date_from, date_to)``,
              the period or one month of it;
            * ``"aws_dogs"``: ``argument`` is None (the dogs' coverage list).
    """

    message = Signal(str)
    open_list = Signal(str, object)

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard_page")
        self.setAccessibleName("Dashboard")
        self.workspace, self.tasks = workspace, tasks
        self.figures: DashboardFigures | None = None
        self.tiles: dict[str, Tile] = {}
        self.cards: dict[str, ChartCard] = {}
        self._request = 0
        self._build_top()
        self._build_grids()
        content = QWidget()
        content.setObjectName("dashboard_content")
        content.setStyleSheet(PAGE_STYLE + TILE_STYLE)
        box = QVBoxLayout(content)
        box.setContentsMargins(16, 12, 16, 16)
        box.setSpacing(12)
        for part in (self._top, self.status, self.tile_grid, self.chart_grid):
            box.addLayout(part) if isinstance(part, QHBoxLayout) else box.addWidget(part)
        box.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("dashboard_scroll")
        self.scroll.setAccessibleName("Dashboard figures")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(today()))
        edit.setObjectName(f"dashboard_{name.lower()}")
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setAccessibleName(name)
        edit.lineEdit().setAccessibleName(name)
        edit.dateChanged.connect(lambda _d: self._refresh())
        return edit

    def _build_top(self) -> None:
        self.heading = _label(
            "dashboard_heading", "Dashboard", f"font-size: 15pt; font-weight: bold; color: {INK};"
        )
        self.heading.setText("Dashboard")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("dashboard_period")
        self.kind_combo.setAccessibleName("Period")
        self.kind_combo.addItems(list(PRESETS))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._apply_preset())
        self.from_edit, self.to_edit = self._date("From"), self._date("To")
        self._top = QHBoxLayout()
        self._top.addWidget(self.heading)
        self._top.addStretch(1)
        for text, widget in (
            ("P&eriod:", self.kind_combo),
            ("&From:", self.from_edit),
            ("&To:", self.to_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self._top.addWidget(label)
            self._top.addWidget(widget)
        self.status = _label("dashboard_status", "Dashboard status", f"color: {MUTED};")

    def _build_grids(self) -> None:
        self.tile_grid = ResponsiveGrid("dashboard_tiles", 190, len(TILE_KEYS))
        self.tile_grid.setAccessibleName("Headline figures")
        for key in TILE_KEYS:
            tile = Tile(key)
            tile.clicked.connect(lambda _checked=False, t=tile: self._open_tile(t))
            self.tiles[key] = tile
            self.tile_grid.add(tile)
        self.chart_grid = ResponsiveGrid("dashboard_charts", 470, 2)
        self.chart_grid.setAccessibleName("Charts")
        for spec in CHARTS:
            card = ChartCard(spec.key, spec.title, spec.description)
            card.activated.connect(self.open_list)
            self.cards[spec.key] = card
            self.chart_grid.add(card)

    def _open_tile(self, tile: Tile) -> None:
        spec: TileSpec | None = tile.spec
        if spec is not None and spec.target:
            self.open_list.emit(spec.target, spec.argument)

    # --- choosing the period -------------------------------------------------------------------

    def start(self) -> None:
        """Build the figures the first time the page is shown."""
        self.reload()

    def reload(self) -> None:
        """Recalculate for the period chosen (a preset moves on with today)."""
        self._apply_preset()

    def _apply_preset(self) -> None:
        period = preset_period(self.kind_combo.currentText(), today())
        for edit in (self.from_edit, self.to_edit):
            edit.setEnabled(period is None)
        if period is not None:
            for edit, day in zip((self.from_edit, self.to_edit), period, strict=True):
                edit.blockSignals(True)
                edit.setDate(QDate(day))
                edit.blockSignals(False)
        self._refresh()

    def set_period(self, kind: str, period: Period | None = None) -> None:
        """Choose a preset, or :data:`CUSTOM` with the dates of ``period``."""
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentText(kind)
        self.kind_combo.blockSignals(False)
        if kind == CUSTOM and period is not None:
            for edit, day in zip((self.from_edit, self.to_edit), period, strict=True):
                edit.blockSignals(True)
                edit.setDate(QDate(day))
                edit.blockSignals(False)
        self._apply_preset()

    def period(self) -> Period:
        """The From and To dates shown."""
        first: date = self.from_edit.date().toPython()  # type: ignore[assignment]
        last: date = self.to_edit.date().toPython()  # type: ignore[assignment]
        return first, last

    # --- building the figures (off the GUI thread) ---------------------------------------------

    def _refresh(self) -> None:
        self._request += 1
        first, last = self.period()
        if last < first:
            self.status.setText("⚠ The period ends before it starts: choose a later To date.")
            return
        request, label = self._request, period_label(self.kind_combo.currentText(), (first, last))
        self.status.setText("Working…")
        self.tasks.run(
            lambda: self.workspace.run(dashboard_figures, first, last),
            lambda figures: self._show(request, label, figures),
            lambda exc: self._failed(request, exc),
        )

    def _is_current(self, request: int) -> bool:
        return shiboken6.isValid(self) and request == self._request

    def _failed(self, request: int, exc: Exception) -> None:
        if self._is_current(request):
            text = f"⚠ The dashboard figures could not be built: {exc}"
            self.status.setText(text)
            self.message.emit(text)

    def _show(self, request: int, label: str, figures: DashboardFigures) -> None:
        if not self._is_current(request):
            return
        self.figures = figures
        self.status.setText(
            f"Figures for {label}: {format_date(figures.date_from)} to {format_date(figures.date_to)}. "
            f"Open actions and dogs are as of {format_date(figures.as_of)}. "
            "Choose a tile or a bar to open the list behind it."
        )
        for spec in tile_specs(figures, label):
            self.tiles[spec.key].set_spec(spec)
        for chart in CHARTS:
            self.cards[chart.key].show_data(chart.build(figures, label))
