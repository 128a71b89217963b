"""Independent Custody Visiting statistics for a period, and how unpredictable the visits were.

The figures come from ``services.icv_statistics`` and the weekday × time-band patterns from
``services.visit_pattern``, both through the workspace and off the GUI thread ("Calculating…"
shows meanwhile). The figures are given as plain sentences and as tables; each suite's heat map has
its counts written in the cells and a table beside it with the same figures (tech-notes §5.9).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.icv_statistics import BASIS_ROTA, CategoryFigures, IcvStats, icv_statistics
from pcc_desktop.services.reference_data import list_custody_suites
from pcc_desktop.services.visit_pattern import (
    BANDS,
    WEEKDAYS,
    VisitPattern,
    all_suite_patterns,
    visit_pattern,
)
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.coverage_panel import INK, _split, _table, _wrapping_label, make_plot
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner

QUARTER, YEAR, CUSTOM = "Quarter", "Financial year", "Custom"
WARNING_STYLE = "color: #a4262c;"
HEAT = pg.ColorMap([0.0, 1.0], [(255, 255, 255), (43, 108, 176)])
Period = tuple[date, date]


def quarter_of(day: date) -> Period:
    """The financial-year quarter (Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar) holding ``day``."""
    first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    last = (first.replace(day=28) + timedelta(days=70)).replace(day=1) - timedelta(days=1)
    return first, last


def year_of(day: date) -> Period:
    """The financial year (1 April to 31 March) holding ``day``."""
    start = day.year if day.month >= 4 else day.year - 1
    return date(start, 4, 1), date(start + 1, 3, 31)


def previous_period(kind: str, period: Period) -> Period:
    """The period before: the quarter or year before, or as many days just before a custom one."""
    if kind == QUARTER:
        return quarter_of(period[0] - timedelta(days=1))
    if kind == YEAR:
        return year_of(period[0] - timedelta(days=1))
    length = period[1] - period[0]
    return period[0] - timedelta(days=1) - length, period[0] - timedelta(days=1)


def period_label(kind: str, period: Period) -> str:
    """``Apr–Jun 2025``, ``2025/26`` or ``01/04/2025–18/06/2025``."""
    whole = quarter_of(period[0]) if kind == QUARTER else year_of(period[0])
    to_date = " (to date)" if kind != CUSTOM and period[1] < whole[1] else ""
    if kind == QUARTER:
        return f"{whole[0]:%b}–{whole[1]:%b %Y}{to_date}"
    if kind == YEAR:
        return f"{period[0].year}/{(period[0].year + 1) % 100:02d}{to_date}"
    return f"{format_date(period[0])}–{format_date(period[1])}"


def _pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "–"


def _num(value: float | None, suffix: str = "") -> str:
    return "–" if value is None else f"{value:g}{suffix}"


def basis_text(stats: IcvStats) -> str:
    """What "% achieved" was measured against."""
    if stats.achievement_basis == BASIS_ROTA:
        return "against the rota"
    return "against the standard visits per suite per week (no rota in the period)"


def summary_text(stats: IcvStats, label: str) -> str:
    """The period's figures as plain sentences."""
    top = ", ".join(stats.top_categories) or "none"
    parts = [
        f"{label}: {stats.visits_completed} visits completed. {stats.completed} of {stats.scheduled} "
        f"scheduled visits achieved ({_num(stats.achieved_pct, '%')}, {basis_text(stats)}); "
        f"{stats.missed} missed, {stats.cancelled} cancelled.",
        f"Detainees: {stats.in_custody} in custody, {stats.offered} offered a visit "
        f"({_pct(stats.offered, stats.in_custody)}), {stats.seen} seen ({_pct(stats.seen, stats.offered)} "
        f"of those offered), {stats.declined} declined ({_pct(stats.declined, stats.offered)}).",
        f"Requests: {stats.requests_total}; {_num(stats.requests_raised_pct, '%')} raised with the "
        f"custody sergeant, {_num(stats.requests_resolved_pct, '%')} resolved during the visit. "
        f"Most raised: {top}.",
        f"Serious issues: {stats.serious_issues}. Volunteer hours on visits: {stats.volunteer_hours:g}. "
        f"Active volunteers at the period's end: {stats.active_volunteers}.",
    ]
    before = stats.comparison
    if before is not None:
        parts.append(
            f"Previous period ({format_date(before.date_from)}–{format_date(before.date_to)}): "
            f"{before.visits_completed} visits completed, {_num(before.achieved_pct, '%')} achieved."
        )
    return "\n".join(parts)


@dataclass(frozen=True)
class FigureRow:
    """One line of the figures table: this period and (if asked) the comparison period."""

    figure: str
    value: str
    comparison: str = ""


def _figures(stats: IcvStats) -> list[tuple[str, str]]:
    rows = [
        ("Scheduled visits", str(stats.scheduled)),
        ("Completed", str(stats.completed)),
        ("Missed", str(stats.missed)),
        ("Cancelled", str(stats.cancelled)),
        ("% achieved", _num(stats.achieved_pct, "%")),
        ("Measured", "against the rota" if stats.achievement_basis == BASIS_ROTA else "against the standard"),
        ("Visit reports", str(stats.visits_completed)),
    ]
    rows += [(f"Visits at {s.name}", str(s.visits)) for s in stats.per_suite]
    rows += [
        ("Detainees in custody", str(stats.in_custody)),
        ("Offered a visit", f"{stats.offered} ({_pct(stats.offered, stats.in_custody)})"),
        ("Seen", f"{stats.seen} ({_pct(stats.seen, stats.offered)} of offered)"),
        ("Declined", f"{stats.declined} ({_pct(stats.declined, stats.offered)} of offered)"),
        ("Requests", str(stats.requests_total)),
        ("Raised with the custody sergeant", _num(stats.requests_raised_pct, "%")),
        ("Resolved during the visit", _num(stats.requests_resolved_pct, "%")),
        ("Serious issues", str(stats.serious_issues)),
        ("Volunteer hours on visits", f"{stats.volunteer_hours:g}"),
        ("Active volunteers", str(stats.active_volunteers)),
    ]
    return rows


def figure_rows(stats: IcvStats) -> list[FigureRow]:
    """The figures table; the comparison column is matched by figure name."""
    before = dict(_figures(stats.comparison)) if stats.comparison else {}
    return [
        FigureRow(name, value, before.get(name, "–" if before else "")) for name, value in _figures(stats)
    ]


@dataclass(frozen=True)
class CategoryRow:
    """A request category in the period, with its count in the comparison period."""

    figures: CategoryFigures
    comparison: str


FIGURE_COLUMNS: list[Column[FigureRow]] = [
    Column("figure", "Figure", lambda r: r.figure),
    Column("value", "This period", lambda r: r.value, align=RIGHT),
    Column("comparison", "Previous period", lambda r: r.comparison, align=RIGHT),
]
CATEGORY_COLUMNS: list[Column[CategoryRow]] = [
    Column("category", "Category", lambda r: r.figures.category),
    Column("count", "Requests", lambda r: r.figures.count, align=RIGHT),
    Column("raised", "Raised with sergeant", lambda r: _num(r.figures.raised_pct, "%"), align=RIGHT),
    Column("resolved", "Resolved during visit", lambda r: _num(r.figures.resolved_pct, "%"), align=RIGHT),
    Column("comparison", "Requests, previous period", lambda r: r.comparison, align=RIGHT),
]
PATTERN_COLUMNS: list[Column[tuple[str, tuple[int, ...]]]] = [
    Column("day", "Day", lambda r: r[0]),
    *[Column(f"b{i}", label, lambda r, i=i: r[1][i], align=RIGHT) for i, (_, label) in enumerate(BANDS)],
    Column("total", "Total", lambda r: sum(r[1]), align=RIGHT),
]


def category_rows(stats: IcvStats) -> list[CategoryRow]:
    """One row per category raised in the period."""
    before = {c.category: c.count for c in stats.comparison.requests_by_category} if stats.comparison else {}
    mark = "0" if stats.comparison else ""
    return [CategoryRow(c, str(before.get(c.category, mark))) for c in stats.requests_by_category]


@dataclass(frozen=True)
class Query:
    """What the panel asks for."""

    period: Period
    compare: Period | None
    suite_id: Any
    label: str


@dataclass(frozen=True)
class PanelFigures:
    """What a background calculation hands back to the panel."""

    stats: IcvStats
    patterns: list[VisitPattern]


def panel_figures(workspace: Workspace, query: Query) -> PanelFigures:
    """Read the statistics and the visit patterns (slow: call it off the GUI thread)."""
    compare = query.compare or (None, None)
    stats = workspace.run(icv_statistics, *query.period, query.suite_id, *compare)
    if query.suite_id is None:
        patterns = workspace.run(all_suite_patterns, *query.period)
    else:
        patterns = [workspace.run(visit_pattern, query.suite_id, *query.period)]
    return PanelFigures(stats, patterns)


def draw_heat_map(plot: pg.PlotWidget, pattern: VisitPattern) -> None:
    """Weekday (rows, Monday at the top) × time band (columns), each cell with its count written."""
    plot.clear()
    grid = np.array(pattern.counts, dtype=float)  # 7 × 5
    top = max(float(grid.max()), 1.0)
    image = pg.ImageItem(grid.T, levels=(0, top), lut=HEAT.getLookupTable(nPts=256))
    plot.addItem(image)
    for day, row in enumerate(pattern.counts):
        for band, count in enumerate(row):
            colour = "w" if count > top * 0.55 else INK
            text = pg.TextItem(str(count), color=colour, anchor=(0.5, 0.5))
            text.setPos(band + 0.5, day + 0.5)
            plot.addItem(text)
    plot.getAxis("bottom").setTicks([[(i + 0.5, label) for i, (_, label) in enumerate(BANDS)]])
    plot.getAxis("left").setTicks([[(i + 0.5, name) for i, name in enumerate(WEEKDAYS)]])
    plot.invertY(True)
    plot.setXRange(0, len(BANDS), padding=0)
    plot.setYRange(0, len(WEEKDAYS), padding=0)


class IcvStatisticsPanel(QWidget):
    """ICV figures for a quarter, a financial year or any dates, with the visits' unpredictability."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("icv_statistics_panel")
        self.setAccessibleName("Custody visiting statistics")
        self.workspace, self.tasks = workspace, tasks
        self.figures: PanelFigures | None = None
        self._request = 0
        self._periods: list[Period] = []
        self.pattern_models: list[RowTableModel[Any]] = []
        self.pattern_plots: list[pg.PlotWidget] = []
        self.warning_labels: list[QLabel] = []
        self._build_top()
        self._build_tabs()
        layout = QVBoxLayout(self)
        layout.addLayout(self._top)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.currentIndexChanged.connect(lambda _i: self._refresh())
        return combo

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(today()))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setAccessibleName(name)
        edit.dateChanged.connect(lambda _d: self._refresh())
        return edit

    def _build_top(self) -> None:
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("icv_period_kind")
        self.kind_combo.setAccessibleName("Period kind")
        self.kind_combo.addItems([QUARTER, YEAR, CUSTOM])
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._fill_periods())
        self.period_combo = self._combo("icv_period", "Period")
        self.from_edit, self.to_edit = self._date("From"), self._date("To")
        self.compare_box = QCheckBox("Compare with the &previous period")
        self.compare_box.setAccessibleName("Compare with the previous period")
        self.compare_box.toggled.connect(lambda _on: self._refresh())
        self.suite_combo = self._combo("icv_suite", "Custody suite")
        self._top = QHBoxLayout()
        controls = [
            ("P&eriod:", self.kind_combo),
            ("", self.period_combo),
            ("&From:", self.from_edit),
            ("&To:", self.to_edit),
            ("", self.compare_box),
            ("&Suite:", self.suite_combo),
        ]
        self._labels: dict[QWidget, QLabel] = {}
        for text, widget in controls:
            if text:
                self._labels[widget] = QLabel(text)
                self._labels[widget].setBuddy(widget)
                self._top.addWidget(self._labels[widget])
            self._top.addWidget(widget)
        self._top.addStretch(1)
        self.status = _wrapping_label("icv_status", "Statistics status")
        self.summary = _wrapping_label("icv_summary", "Statistics summary")

    def _build_tabs(self) -> None:
        self.figure_model: RowTableModel[FigureRow] = RowTableModel(FIGURE_COLUMNS, self)
        self.figure_table = _table("Figures for the period", self.figure_model)
        self.category_model: RowTableModel[CategoryRow] = RowTableModel(CATEGORY_COLUMNS, self)
        self.category_table = _table("Requests by category", self.category_model)
        self.patterns_box = QWidget()
        self.patterns_layout = QVBoxLayout(self.patterns_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.patterns_box)
        scroll.setAccessibleName("Unpredictability of visits per suite")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Statistics views")
        self.tabs.addTab(_split([self.figure_table, self.category_table], [520, 760]), "F&igures")
        self.tabs.addTab(scroll, "&Unpredictability")

    # --- choosing the period -------------------------------------------------------------------

    def reload(self) -> None:
        """Read the suites again and recalculate for the period chosen."""
        chosen = self.suite_combo.currentData()
        self.suite_combo.blockSignals(True)
        self.suite_combo.clear()
        self.suite_combo.addItem("All suites", None)
        for suite in self.workspace.run(list_custody_suites):
            self.suite_combo.addItem(suite.name, suite.id)
        self.suite_combo.setCurrentIndex(max(self.suite_combo.findData(chosen), 0))
        self.suite_combo.blockSignals(False)
        self._fill_periods()

    def _fill_periods(self) -> None:
        kind = self.kind_combo.currentText()
        step = quarter_of if kind == QUARTER else year_of
        periods = [step(today())]
        for _ in range(7 if kind == QUARTER else 4):
            periods.append(step(periods[-1][0] - timedelta(days=1)))
        periods[0] = (periods[0][0], min(periods[0][1], today()))  # the current one, to date
        self._periods = periods if kind != CUSTOM else []
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        self.period_combo.addItems([period_label(kind, p) for p in self._periods])
        self.period_combo.blockSignals(False)
        self.period_combo.setVisible(kind != CUSTOM)
        for edit in (self.from_edit, self.to_edit):
            edit.setVisible(kind == CUSTOM)
            self._labels[edit].setVisible(kind == CUSTOM)
        self._refresh()

    def set_period(self, kind: str, period: Period) -> None:
        """Choose a period: a quarter or a year offered in the list, or any dates for Custom."""
        self.kind_combo.setCurrentText(kind)
        if kind == CUSTOM:
            for edit, day in ((self.from_edit, period[0]), (self.to_edit, period[1])):
                edit.blockSignals(True)
                edit.setDate(QDate(day))
                edit.blockSignals(False)
            self._refresh()
        elif period in self._periods:
            self.period_combo.setCurrentIndex(self._periods.index(period))

    def query(self) -> Query | None:
        """What is chosen (None for a custom period that ends before it starts)."""
        kind = self.kind_combo.currentText()
        if kind == CUSTOM:
            period = (self.from_edit.date().toPython(), self.to_edit.date().toPython())
            if period[1] < period[0]:
                return None
        else:
            index = self.period_combo.currentIndex()
            if not 0 <= index < len(self._periods):
                return None
            period = self._periods[index]
        compare = previous_period(kind, period) if self.compare_box.isChecked() else None
        return Query(period, compare, self.suite_combo.currentData(), period_label(kind, period))

    # --- calculating (off the GUI thread) ------------------------------------------------------

    def _refresh(self) -> None:
        query = self.query()
        self._request += 1
        if query is None:
            self.status.setText("⚠ The period ends before it starts: choose a later To date.")
            return
        request = self._request
        self.status.setText("Calculating…")
        self.tasks.run(
            lambda: panel_figures(self.workspace, query),
            lambda figures: self._show(request, query, figures),
            lambda exc: self._failed(request, exc),
        )

    def _is_current(self, request: int) -> bool:
        return shiboken6.isValid(self) and request == self._request

    def _failed(self, request: int, exc: Exception) -> None:
        if self._is_current(request):
            self.status.setText(f"⚠ The statistics could not be calculated: {exc}")

    def _show(self, request: int, query: Query, figures: PanelFigures) -> None:
        if not self._is_current(request):
            return
        self.figures = figures
        self.status.setText("")
        self.summary.setText(summary_text(figures.stats, query.label))
        comparing = figures.stats.comparison is not None
        self.figure_model.set_rows(figure_rows(figures.stats))
        self.category_model.set_rows(category_rows(figures.stats))
        self.figure_table.setColumnHidden(2, not comparing)
        self.category_table.setColumnHidden(4, not comparing)
        for view in (self.figure_table, self.category_table):
            view.resizeColumnsToContents()
        self._show_patterns(figures.patterns)

    def _show_patterns(self, patterns: list[VisitPattern]) -> None:
        while self.patterns_layout.count():
            old = self.patterns_layout.takeAt(0).widget()
            if old is not None:  # off screen now: deleteLater alone leaves it painted until then
                old.hide()
                old.setParent(None)  # type: ignore[call-overload]
                old.deleteLater()
        self.pattern_models, self.pattern_plots, self.warning_labels = [], [], []
        for pattern in patterns:
            self.patterns_layout.addWidget(self._pattern_section(pattern))
        self.patterns_layout.addStretch(1)

    def _pattern_section(self, pattern: VisitPattern) -> QWidget:
        section = QWidget()
        box = QVBoxLayout(section)
        untimed = f", {pattern.untimed} with no arrival time" if pattern.untimed else ""
        heading = QLabel(f"<b>{pattern.suite_name}</b>: {pattern.total} visits by arrival time{untimed}")
        warnings = _wrapping_label("pattern_warnings", f"Warnings for {pattern.suite_name}")
        warnings.setText("\n".join(f"⚠ {w}" for w in pattern.warnings) or "No clustering found.")
        warnings.setStyleSheet(WARNING_STYLE if pattern.warnings else "")
        plot = make_plot(
            f"Visits to {pattern.suite_name} by day and time chart",
            "Heat map of visits by weekday and time of arrival, with the count in each cell. "
            "The table beside it gives the same figures.",
        )
        draw_heat_map(plot, pattern)
        model: RowTableModel[Any] = RowTableModel(PATTERN_COLUMNS, section)
        model.set_rows(list(zip(WEEKDAYS, pattern.counts, strict=True)))
        table = _table(f"Visits to {pattern.suite_name} by day and time", model)
        table.resizeColumnsToContents()
        split = _split([plot, table], [640, 560])
        split.setFixedHeight(290)
        for widget in (heading, warnings, split):
            box.addWidget(widget)
        self.pattern_models.append(model)
        self.pattern_plots.append(plot)
        self.warning_labels.append(warnings)
        return section
