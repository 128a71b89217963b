"""Coverage and themes: community days, each NPA's visits against its target, and the themes raised.

The figures come from ``services.coverage`` through the workspace; the rules (what counts as a
visit, blackout periods, the effective target) are in ``docs/engagement.md``. Every chart has a
table beside it with the same figures, which is its text alternative (tech-notes §5.9). The theme
figures can take a second on a big database, so they are built off the GUI thread.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.coverage import (
    CoverageReport,
    NpaCoverage,
    PeriodCount,
    community_days,
    coverage_year,
    npa_coverage,
    themes_by_area,
    themes_over_time,
)
from pcc_desktop.services.db_settings import coverage_year_start_month
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.table_models import RIGHT, Column, Index, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner

SHORT_COLOUR = QColor("#a4262c")
NO_NPAS = (
    "There are no NPAs yet, so there is nothing to measure. Add the Neighbourhood Policing Areas "
    "in Admin → Areas (kind “NPA”) and their visits will show here."
)


def year_label(start: date, start_month: int) -> str:
    """``2024/25`` for a year from April 2024, or ``2024`` when coverage years start in January."""
    return str(start.year) if start_month == 1 else f"{start.year}/{(start.year + 1) % 100:02d}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def met_text(row: NpaCoverage) -> str:
    """``Yes`` or ``No — 2 short``: the words say it, the colour only repeats it."""
    return "Yes" if row.met else f"No — {row.shortfall} short"


def summary_text(report: CoverageReport, days_held: int, label: str) -> str:
    """The plain-sentence summary over the NPA table."""
    parts = [f"Community days in {label}: {days_held}."]
    total = len(report.rows)
    if report.short:
        parts.append(f"NPAs below target: {len(report.short)} of {total} ({', '.join(report.short)}).")
    else:
        parts.append(f"All {total} NPAs have met the target.")
    target = f"Target: {_plural(report.target, 'visit')} per NPA"
    if report.blackout_days:
        target += (
            f" (effective {report.effective_target} after {_plural(report.blackout_days, 'blackout day')})"
        )
    parts.append(target + ".")
    return " ".join(parts)


def blackout_text(report: CoverageReport) -> str:
    """One line per blackout period in the year: ``Pre-election 24/03/2024–02/05/2024: not counted``."""
    return "\n".join(
        f"{b.name} {format_date(b.starts_on)}–{format_date(b.ends_on)}: not counted" for b in report.blackouts
    )


@dataclass(frozen=True)
class ThemeRow:
    """One theme's feedback items per quarter of the year, and in all."""

    theme: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class AreaThemes:
    """One NPA's most raised themes."""

    npa: str
    mentions: int
    top: str


@dataclass(frozen=True)
class ThemeFigures:
    """The theme tables for one coverage year: quarter labels, rows by quarter, rows by NPA."""

    quarters: list[str]
    rows: list[ThemeRow]
    areas: list[AreaThemes]


def theme_figures(workspace: Workspace, year_from: date, year_to: date, top: int = 3) -> ThemeFigures:
    """Build the theme tables for a year (slow on big databases: call it off the GUI thread)."""
    quarters = [p.label for p in workspace.run(community_days, year_from, year_to, "Q")]
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for item in workspace.run(themes_over_time, year_from, year_to, "Q"):
        counts[item.theme][item.label] = item.count
    rows = [
        ThemeRow(theme, tuple(per.get(q, 0) for q in quarters), sum(per.values()))
        for theme, per in counts.items()
    ]
    rows.sort(key=lambda r: (-r.total, r.theme.lower()))
    by_npa: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for item in workspace.run(themes_by_area, year_from, year_to, "npa"):
        by_npa[item.area].append((item.theme, item.count))
    areas = [
        AreaThemes(npa, sum(n for _, n in found), "\n".join(f"{t} ({n})" for t, n in found[:top]))
        for npa, found in by_npa.items()
    ]
    return ThemeFigures(quarters, rows, areas)


class CoverageModel(RowTableModel[NpaCoverage]):
    """The NPA table: a short NPA's shortfall and "No — n short" are also shown in red."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As :class:`RowTableModel`, plus a red foreground on the shortfall of a short NPA."""
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < self.rowCount():
            key = self.columns[index.column()].key
            if key in ("shortfall", "met") and not self.row_at(index.row()).met:
                return SHORT_COLOUR
            return None
        return super().data(index, role)


NPA_COLUMNS: list[Column[NpaCoverage]] = [
    Column("npa", "NPA", lambda r: r.npa_name),
    Column("visits", "Visits", lambda r: r.visits, align=RIGHT),
    Column("target", "Target", lambda r: r.effective_target, align=RIGHT),
    Column("shortfall", "Shortfall", lambda r: r.shortfall, align=RIGHT),
    Column("planned", "Planned", lambda r: r.planned, align=RIGHT),
    Column("last", "Last visit", lambda r: r.last_visit, display=lambda r: format_date(r.last_visit)),
    Column("met", "Met", met_text),
    Column("blackout", "Held in blackout", lambda r: r.blackout_visits, align=RIGHT),
]
MONTH_COLUMNS: list[Column[PeriodCount]] = [
    Column("period", "Month", lambda p: p.label),
    Column("count", "Community days", lambda p: p.count, align=RIGHT),
]
AREA_COLUMNS: list[Column[AreaThemes]] = [
    Column("npa", "NPA", lambda r: r.npa),
    Column("mentions", "Theme mentions", lambda r: r.mentions, align=RIGHT),
    Column("top", "Top themes", lambda r: r.top),
]


def theme_columns(quarters: list[str]) -> list[Column[ThemeRow]]:
    """Theme, one column per quarter, Total."""
    columns: list[Column[ThemeRow]] = [Column("theme", "Theme", lambda r: r.theme)]
    for i, label in enumerate(quarters):
        columns.append(Column(f"q{i}", label, lambda r, i=i: r.counts[i], align=RIGHT))
    columns.append(Column("total", "Total", lambda r: r.total, align=RIGHT))
    return columns


def _table(name: str, model: RowTableModel[Any]) -> QTableView:
    view = QTableView()
    view.setObjectName(name.lower().replace(" ", "_"))
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _wrapping_label(name: str, accessible: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _split(widgets: list[QWidget], sizes: list[int]) -> QSplitter:
    split = QSplitter(Qt.Orientation.Horizontal)
    for widget in widgets:
        split.addWidget(widget)
    split.setSizes(sizes)
    return split


def _page(*widgets: tuple[QWidget, int]) -> QWidget:
    """A tab page with ``(widget, stretch)`` one under the other."""
    page = QWidget()
    box = QVBoxLayout(page)
    for widget, stretch in widgets:
        box.addWidget(widget, stretch)
    return page


# --- charts (the tables beside them are their text alternative) ----------------------------------

BAR_MET = QColor("#2b6cb0")
INK = QColor("#222222")


def make_plot(name: str, description: str) -> pg.PlotWidget:
    """A white, static pyqtgraph plot with an accessible name and description."""
    plot = pg.PlotWidget(background="w")
    plot.setAccessibleName(name)
    plot.setAccessibleDescription(description)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setPen(INK)
        axis.setTextPen(INK)
    return plot


def draw_visit_bars(plot: pg.PlotWidget, bars: list[tuple[str, int, int]], target: int) -> None:
    """Horizontal bars of visits per NPA (first at the top), a line at the target, counts as text."""
    plot.clear()
    count = len(bars)
    ys = [count - 1 - i for i in range(count)]
    brushes = [SHORT_COLOUR if short else BAR_MET for _, _, short in bars]
    widths = [visits for _, visits, _ in bars]
    plot.addItem(pg.BarGraphItem(x0=0, y=ys, width=widths, height=0.6, brushes=brushes, pen=None))
    for y, (_, visits, short) in zip(ys, bars, strict=True):
        text = f" {visits} ({short} short)" if short else f" {visits}"
        item = pg.TextItem(text, color=SHORT_COLOUR if short else INK, anchor=(0, 0.5), fill="w")
        item.setZValue(10)  # over the target line
        item.setPos(visits, y)
        plot.addItem(item)
    pen = pg.mkPen(INK, width=2, style=Qt.PenStyle.DashLine)
    options = {"position": 0.97, "color": INK, "anchors": [(0, 0), (0, 0)]}
    plot.addItem(pg.InfiniteLine(pos=target, angle=90, pen=pen, label=f"Target {target}", labelOpts=options))
    left = plot.getAxis("left")
    left.setTicks([[(y, name) for y, (name, _, _) in zip(ys, bars, strict=True)]])
    metrics = QFontMetrics(plot.font())
    left.setWidth(max([metrics.horizontalAdvance(name) for name, _, _ in bars] or [40]) + 16)
    plot.showGrid(x=True, y=False, alpha=0.2)
    plot.getAxis("bottom").setLabel("Counted community days", color=INK.name())
    top = max([target, *widths, 1])
    plot.setXRange(0, top * 1.3 + 0.5, padding=0)
    plot.setYRange(-0.7, max(count, 1) - 0.3, padding=0)


def draw_month_bars(plot: pg.PlotWidget, months: list[tuple[date, int]]) -> None:
    """Vertical bars of community days per month, with the count above each bar."""
    plot.clear()
    xs = list(range(len(months)))
    heights = [n for _, n in months]
    plot.addItem(pg.BarGraphItem(x=xs, height=heights, width=0.6, brush=BAR_MET, pen=None))
    for x, n in zip(xs, heights, strict=True):
        item = pg.TextItem(str(n), color=INK, anchor=(0.5, 1))
        item.setPos(x, n)
        plot.addItem(item)
    bottom = plot.getAxis("bottom")
    bottom.setTicks([[(x, f"{d:%b}\n{d:%Y}") for x, (d, _) in zip(xs, months, strict=True)]])
    bottom.setHeight(QFontMetrics(plot.font()).height() * 2 + 14)
    plot.getAxis("left").setLabel("Community days held", color=INK.name())
    plot.showGrid(x=False, y=True, alpha=0.2)
    plot.setXRange(-0.6, max(len(months), 1) - 0.4, padding=0)
    plot.setYRange(0, max([*heights, 1]) * 1.2 + 0.5, padding=0)


class CoveragePanel(QWidget):
    """Coverage and themes for one coverage year: summary, NPA table and chart, months, themes."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverage_panel")
        self.setAccessibleName("Coverage and themes")
        self.workspace = workspace
        self.tasks = tasks
        self.report: CoverageReport | None = None
        self._years: list[date] = []
        self._start_month = 4
        self._theme_request = 0
        self._build_top()
        self._build_tabs()
        layout = QVBoxLayout(self)
        layout.addLayout(self._top)
        layout.addWidget(self.summary)
        layout.addWidget(self.blackouts)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def _build_top(self) -> None:
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("coverage_year")
        self.year_combo.setAccessibleName("Coverage year")
        self.year_combo.currentIndexChanged.connect(lambda _i: self._refresh())
        label = QLabel("&Year:")
        label.setBuddy(self.year_combo)
        self._top = QHBoxLayout()
        self._top.addWidget(label)
        self._top.addWidget(self.year_combo)
        self._top.addStretch(1)
        self.summary = _wrapping_label("coverage_summary", "Coverage summary")
        self.blackouts = _wrapping_label("coverage_blackouts", "Blackout periods in the year")

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("coverage_tabs")
        self.tabs.setAccessibleName("Coverage views")
        self.tabs.addTab(self._build_npa_tab(), "&NPA visits")
        self.tabs.addTab(self._build_month_tab(), "&Community days")
        self.tabs.addTab(self._build_theme_tab(), "T&hemes")

    def _build_npa_tab(self) -> QWidget:
        self.npa_model = CoverageModel(NPA_COLUMNS, self)
        self.npa_table = _table("NPA visits against target", self.npa_model)
        self.visits_plot = make_plot(
            "Visits per NPA chart",
            "Bar chart of counted community days per NPA, with a line at the effective target. "
            "The NPA table beside it gives the same figures.",
        )
        self.npa_split = _split([self.npa_table, self.visits_plot], [700, 600])
        self.empty_label = _wrapping_label("coverage_empty", "No NPAs")
        self.empty_label.setText(NO_NPAS)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return _page((self.npa_split, 1), (self.empty_label, 1))

    def _build_month_tab(self) -> QWidget:
        self.month_model: RowTableModel[PeriodCount] = RowTableModel(MONTH_COLUMNS, self)
        self.month_table = _table("Community days per month", self.month_model)
        self.month_plot = make_plot(
            "Community days per month chart",
            "Bar chart of community days held each month of the year. "
            "The table beside it gives the same figures.",
        )
        return _split([self.month_plot, self.month_table], [900, 350])

    def _build_theme_tab(self) -> QWidget:
        self.theme_status = _wrapping_label("theme_status", "Themes status")
        self.theme_model: RowTableModel[ThemeRow] = RowTableModel(theme_columns([]), self)
        self.theme_table = _table("Themes by quarter", self.theme_model)
        self.area_model: RowTableModel[AreaThemes] = RowTableModel(AREA_COLUMNS, self)
        self.area_table = _table("Themes by NPA", self.area_model)
        self.area_table.setWordWrap(True)
        return _page((self.theme_status, 0), (_split([self.theme_table, self.area_table], [740, 560]), 1))

    # --- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the settings and figures again, keeping the chosen year where it is still offered."""
        chosen = self.selected_year()
        self._start_month = self.workspace.run(coverage_year_start_month)
        current = coverage_year(today(), self._start_month)[0]
        self._years = [date(current.year + n, self._start_month, 1) for n in range(-3, 2)]
        wanted = chosen.year if chosen is not None else current.year
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItems([year_label(y, self._start_month) for y in self._years])
        years = [y.year for y in self._years]
        self.year_combo.setCurrentIndex(years.index(wanted) if wanted in years else 3)
        self.year_combo.blockSignals(False)
        self._refresh()

    def selected_year(self) -> date | None:
        """The first day of the coverage year shown (None before the first load)."""
        index = self.year_combo.currentIndex()
        return self._years[index] if 0 <= index < len(self._years) else None

    def set_year(self, year: int) -> None:
        """Show the coverage year starting in ``year`` (e.g. 2024 for 2024/25), if it is offered."""
        years = [y.year for y in self._years]
        if year in years:
            self.year_combo.setCurrentIndex(years.index(year))

    def _refresh(self) -> None:
        start = self.selected_year()
        if start is None:
            return
        report = self.workspace.run(npa_coverage, start)
        months = self.workspace.run(community_days, report.year_from, report.year_to, "M")
        self.report = report
        label = year_label(start, self._start_month)
        self._show_npas(report, sum(m.count for m in months), label)
        self.month_model.set_rows(months)
        self.month_table.resizeColumnsToContents()
        draw_month_bars(self.month_plot, [(m.starts_on, m.count) for m in months])
        self._start_themes(report.year_from, report.year_to, label)

    def _show_npas(self, report: CoverageReport, days_held: int, label: str) -> None:
        empty = not report.rows
        self.summary.setText(NO_NPAS if empty else summary_text(report, days_held, label))
        self.blackouts.setText(blackout_text(report))
        self.blackouts.setVisible(bool(report.blackouts))
        self.npa_split.setVisible(not empty)
        self.empty_label.setVisible(empty)
        rows = sorted(report.rows, key=lambda r: (r.met, -r.shortfall, r.npa_name.lower()))
        self.npa_model.set_rows(rows)
        self.npa_table.resizeColumnsToContents()
        bars = [(r.npa_name, r.visits, r.shortfall) for r in rows]
        draw_visit_bars(self.visits_plot, bars, report.effective_target)

    # --- themes (off the GUI thread) ------------------------------------------------------------

    def _start_themes(self, year_from: date, year_to: date, label: str) -> None:
        self._theme_request += 1
        request = self._theme_request
        self.theme_status.setText("Calculating…")
        self.theme_status.show()
        self.tasks.run(
            lambda: theme_figures(self.workspace, year_from, year_to),
            lambda figures: self._show_themes(request, figures, label),
            lambda exc: self._theme_failed(request, exc),
        )

    def _is_current(self, request: int) -> bool:
        return shiboken6.isValid(self) and request == self._theme_request

    def _show_themes(self, request: int, figures: ThemeFigures, label: str) -> None:
        if not self._is_current(request):
            return
        old = (self.theme_model, self.theme_table.selectionModel())
        self.theme_model = RowTableModel(theme_columns(figures.quarters), self)
        self.theme_model.set_rows(figures.rows)
        self.theme_table.setModel(self.theme_model)
        for gone in old:  # columns change with the year, so the model is replaced
            gone.deleteLater()
        self.theme_table.resizeColumnsToContents()
        self.area_model.set_rows(figures.areas)
        for column in (0, 1):  # the top themes column takes the rest and wraps
            self.area_table.resizeColumnToContents(column)
        self.area_table.resizeRowsToContents()
        found = f"Feedback items by theme in {label}, most raised first."
        self.theme_status.setText(
            found if figures.rows else f"No feedback with themes was recorded in {label}."
        )

    def _theme_failed(self, request: int, exc: Exception) -> None:
        if self._is_current(request):
            self.theme_status.setText(f"The themes could not be calculated: {exc}")
