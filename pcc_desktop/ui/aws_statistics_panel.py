"""Animal Welfare Scheme statistics for a period: the figures, and the visits made each month.

The figures come from ``services.aws_statistics`` through the workspace, calculated off the GUI
thread ("Calculating…" shows meanwhile). They are shown as a labelled table, the same rows the
reports and the command line use (``aws_statistics_rows``), and the visits by month as a bar chart
with a table beside it giving the same figures, which is its text alternative (tech-notes §5.9).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pcc_desktop.models import AWS_LAUNCHED_ON
from pcc_desktop.services.aws_statistics import AwsStats, aws_statistics, aws_statistics_rows
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.coverage_panel import BAR_MET, INK, _split, _table, _wrapping_label, make_plot
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner

THIS_YEAR, LAST_YEAR = "This financial year", "Last financial year"
CALENDAR, SINCE_LAUNCH, CUSTOM = "This calendar year", "Since the launch", "Custom"
PRESETS = (THIS_YEAR, LAST_YEAR, CALENDAR, SINCE_LAUNCH, CUSTOM)
MAX_TICKS = 12
Period = tuple[date, date]


def financial_year(day: date) -> Period:
    """The financial year (1 April to 31 March) holding ``day``."""
    start = day.year if day.month >= 4 else day.year - 1
    return date(start, 4, 1), date(start + 1, 3, 31)


def preset_period(kind: str, day: date) -> Period | None:
    """The dates a preset stands for on ``day`` (periods that are still running end on ``day``)."""
    if kind == THIS_YEAR:
        return financial_year(day)[0], day
    if kind == LAST_YEAR:
        return financial_year(financial_year(day)[0].replace(day=1, month=3))
    if kind == CALENDAR:
        return date(day.year, 1, 1), day
    if kind == SINCE_LAUNCH:
        return AWS_LAUNCHED_ON, day
    return None


def period_label(kind: str, period: Period) -> str:
    """``2024/25``, ``2025/26 (to date)``, ``2025 (to date)`` or the dates."""
    first, last = period
    if kind in (THIS_YEAR, LAST_YEAR):
        to_date = " (to date)" if last < financial_year(first)[1] else ""
        return f"{first.year}/{(first.year + 1) % 100:02d}{to_date}"
    if kind == CALENDAR:
        return f"{first.year}{' (to date)' if last < date(first.year, 12, 31) else ''}"
    if kind == SINCE_LAUNCH:
        return f"Since the launch ({format_date(first)}–{format_date(last)})"
    return f"{format_date(first)}–{format_date(last)}"


def summary_text(stats: AwsStats, label: str) -> str:
    """The period's headline as plain sentences (the Commissioner's update wording)."""
    achieved = "–" if stats.pct_achieved is None else f"{stats.pct_achieved:.1f}%"
    count = stats.serious_issues
    serious = "no serious issues" if not count else f"{count} serious issue{'s' if count > 1 else ''}"
    return (
        f"{label}: {stats.visits} visits made; {stats.completed} of {stats.scheduled} scheduled visits "
        f"achieved ({achieved}); {serious}. {stats.visits_since_launch} visits since the launch on "
        f"{format_date(AWS_LAUNCHED_ON)}."
    )


@dataclass(frozen=True)
class MonthRow:
    """Visits made in one month."""

    month: date
    visits: int


FIGURE_COLUMNS: list[Column[tuple[str, str]]] = [
    Column("figure", "Figure", lambda r: r[0]),
    Column("value", "Value", lambda r: r[1], align=RIGHT),
]
MONTH_COLUMNS: list[Column[MonthRow]] = [
    Column("month", "Month", lambda r: r.month, display=lambda r: f"{r.month:%b %Y}"),
    Column("visits", "Visits", lambda r: r.visits, align=RIGHT),
]


def draw_month_bars(plot: pg.PlotWidget, months: list[MonthRow]) -> None:
    """Vertical bars of visits per month with each count above its bar; at most twelve month labels."""
    plot.clear()
    xs = list(range(len(months)))
    heights = [row.visits for row in months]
    plot.addItem(pg.BarGraphItem(x=xs, height=heights, width=0.6, brush=BAR_MET, pen=None))
    for x, n in zip(xs, heights, strict=True):
        item = pg.TextItem(str(n), color=INK, anchor=(0.5, 1))
        item.setPos(x, n)
        plot.addItem(item)
    step = max(1, math.ceil(len(months) / MAX_TICKS))
    bottom = plot.getAxis("bottom")
    bottom.setTicks([[(x, f"{months[x].month:%b}\n{months[x].month:%Y}") for x in xs[::step]]])
    bottom.setHeight(QFontMetrics(plot.font()).height() * 2 + 14)
    left = plot.getAxis("left")
    left.setLabel("Visits made", color=INK.name())
    whole = max(1, math.ceil(max([*heights, 1]) / 6))  # whole visits only: no 0.1 of a visit
    left.setTickSpacing(whole, whole)
    plot.showGrid(x=False, y=True, alpha=0.2)
    plot.setXRange(-0.6, max(len(months), 1) - 0.4, padding=0)
    plot.setYRange(0, max([*heights, 1]) * 1.3 + 0.5, padding=0)


class AwsStatisticsPanel(QWidget):
    """AWS figures for a financial year, a calendar year, since the launch or any dates."""

    message = Signal(str)

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aws_statistics_panel")
        self.setAccessibleName("Animal welfare statistics")
        self.workspace, self.tasks = workspace, tasks
        self.stats: AwsStats | None = None
        self._request = 0
        self._build_top()
        self._build_views()
        layout = QVBoxLayout(self)
        layout.addLayout(self._top)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addWidget(self.split, 1)
        self.reload()

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(today()))
        edit.setObjectName(f"aws_{name.lower()}")
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setAccessibleName(name)
        edit.lineEdit().setAccessibleName(name)
        edit.dateChanged.connect(lambda _d: self._refresh())
        return edit

    def _build_top(self) -> None:
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("aws_period")
        self.kind_combo.setAccessibleName("Period")
        self.kind_combo.addItems(list(PRESETS))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._apply_preset())
        self.from_edit, self.to_edit = self._date("From"), self._date("To")
        self._top = QHBoxLayout()
        for text, widget in (
            ("P&eriod:", self.kind_combo),
            ("&From:", self.from_edit),
            ("&To:", self.to_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self._top.addWidget(label)
            self._top.addWidget(widget)
        self._top.addStretch(1)
        self.status = _wrapping_label("aws_statistics_status", "Statistics status")
        self.summary = _wrapping_label("aws_statistics_summary", "Statistics summary")

    def _build_views(self) -> None:
        self.figure_model: RowTableModel[tuple[str, str]] = RowTableModel(FIGURE_COLUMNS, self)
        self.figure_table = _table("Animal welfare figures", self.figure_model)
        self.month_model: RowTableModel[MonthRow] = RowTableModel(MONTH_COLUMNS, self)
        self.month_table = _table("Visits by month", self.month_model)
        self.plot = make_plot(
            "Visits by month chart",
            "Bar chart of the Dog Unit visits made each month. The table beside it gives the same figures.",
        )
        # The figures' values ("12 visits (1 a month × 12 months)") need ~220 pixels; the months far less.
        self.split = _split([self.figure_table, self.plot, self.month_table], [520, 560, 190])

    # --- choosing the period -------------------------------------------------------------------

    def reload(self) -> None:
        """Recalculate for the period chosen (a preset moves on with today)."""
        self._apply_preset()

    def _apply_preset(self) -> None:
        period = preset_period(self.kind_combo.currentText(), today())
        custom = period is None
        for edit in (self.from_edit, self.to_edit):
            edit.setEnabled(custom)
        if period is not None:
            self._set_dates(period)
        self._refresh()

    def _set_dates(self, period: Period) -> None:
        for edit, day in zip((self.from_edit, self.to_edit), period, strict=True):
            edit.blockSignals(True)
            edit.setDate(QDate(day))
            edit.blockSignals(False)

    def set_period(self, kind: str, period: Period | None = None) -> None:
        """Choose a preset, or ``CUSTOM`` with the dates of ``period``."""
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentText(kind)
        self.kind_combo.blockSignals(False)
        if kind == CUSTOM and period is not None:
            self._set_dates(period)
        self._apply_preset()

    def period(self) -> Period:
        """The From and To dates shown."""
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    # --- calculating (off the GUI thread) ------------------------------------------------------

    def _refresh(self) -> None:
        self._request += 1
        first, last = self.period()
        if last < first:
            self._set_status("⚠ The period ends before it starts: choose a later To date.")
            return
        request, label = self._request, period_label(self.kind_combo.currentText(), (first, last))
        self._set_status("Calculating…")
        self.tasks.run(
            lambda: self.workspace.run(aws_statistics, first, last),
            lambda stats: self._show(request, label, stats),
            lambda exc: self._failed(request, exc),
        )

    def _set_status(self, text: str) -> None:
        """Say ``text`` above the figures; with nothing to say the line takes no room."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _is_current(self, request: int) -> bool:
        return shiboken6.isValid(self) and request == self._request

    def _failed(self, request: int, exc: Exception) -> None:
        if self._is_current(request):
            self._set_status(f"⚠ The statistics could not be calculated: {exc}")

    def _show(self, request: int, label: str, stats: AwsStats) -> None:
        if not self._is_current(request):
            return
        self.stats = stats
        self._set_status("" if stats.months else "The scheme had not started in this period.")
        self.summary.setText(summary_text(stats, label))
        self.figure_model.set_rows(aws_statistics_rows(stats))
        months = [MonthRow(month, count) for month, count in stats.visits_by_month]
        self.month_model.set_rows(months)
        for view in (self.figure_table, self.month_table):
            view.resizeColumnsToContents()
        draw_month_bars(self.plot, months)
