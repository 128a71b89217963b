"""The list side of the visit report page: its filter row, table columns and labels."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QTableView,
    QWidget,
)

from pcc_desktop.models import CheckResult, ReportStatus, VisitMode
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.custody_choices import VisitRow
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel
from pcc_desktop.ui.widgets import Choice, ChoiceCombo

MODE_LABELS = {VisitMode.IN_PERSON: "In person", VisitMode.TELEPHONE: "Telephone", VisitMode.VIDEO: "Video"}
STATUS_LABELS = {
    ReportStatus.DRAFT: "Draft",
    ReportStatus.SUBMITTED: "Submitted",
    ReportStatus.REVIEWED: "Reviewed",
}
RESULT_LABELS = {
    CheckResult.NOT_CHECKED: "Not checked",
    CheckResult.YES: "Yes",
    CheckResult.NO: "No",
    CheckResult.NOT_APPLICABLE: "N/A",
}
LOOKBACK_MONTHS = 3


def _yes(flag: bool) -> str:
    return "Yes" if flag else ""


VISIT_COLUMNS: list[Column[VisitRow]] = [
    Column("reference", "Reference", lambda r: r.summary.reference),
    Column("visited_on", "Date", lambda r: r.summary.visited_on, lambda r: format_date(r.summary.visited_on)),
    Column("suite", "Suite", lambda r: r.summary.suite_name),
    Column("visitors", "Visitors", lambda r: r.visitors),
    Column("seen", "Seen", lambda r: r.summary.seen, align=RIGHT),
    Column("requests", "Requests", lambda r: r.requests, align=RIGHT),
    Column(
        "serious", "Serious issue", lambda r: r.summary.serious_issue, lambda r: _yes(r.summary.serious_issue)
    ),
    Column("status", "Status", lambda r: r.summary.status, lambda r: STATUS_LABELS[r.summary.status]),
]


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (clamped to the month's end)."""
    return QDate(day).addMonths(-months).toPython()  # type: ignore[no-any-return]


@dataclass(frozen=True)
class VisitFilter:
    """What the list shows: reports made between two dates, optionally one suite and one status."""

    date_from: date
    date_to: date
    suite_id: object = None
    status: ReportStatus | None = None


def _date_edit(parent: QWidget) -> QDateEdit:
    return QDateEdit(parent, calendarPopup=True, displayFormat="dd/MM/yyyy")


class VisitFilterBar(QWidget):
    """From, To, Suite and Status; ``filter_changed`` fires with a ``VisitFilter`` on each edit."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.from_edit = _date_edit(self)
        self.to_edit = _date_edit(self)
        self.suite_combo = ChoiceCombo("Any suite", self)
        self.suite_combo.setEditable(False)
        self.status_combo = ChoiceCombo("Any status", self)
        self.status_combo.setEditable(False)
        self.status_combo.set_choices(list(STATUS_LABELS.items()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            ("Fro&m:", self.from_edit),
            ("&To:", self.to_edit),
            ("Su&ite:", self.suite_combo),
            ("Stat&us:", self.status_combo),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            widget.setAccessibleName(f"Visits {text.replace('&', '').rstrip(':').lower()}")
            if widget.lineEdit() is not None:
                widget.lineEdit().setAccessibleName(widget.accessibleName())
            layout.addWidget(caption)
            layout.addWidget(widget)
        layout.addStretch(1)
        self.reset_dates()
        self.from_edit.dateChanged.connect(self._emit)
        self.to_edit.dateChanged.connect(self._emit)
        self.suite_combo.currentIndexChanged.connect(self._emit)
        self.status_combo.currentIndexChanged.connect(self._emit)

    def reset_dates(self) -> None:
        """The last three months up to today (no signal)."""
        for edit, day in (
            (self.from_edit, months_before(today(), LOOKBACK_MONTHS)),
            (self.to_edit, today()),
        ):
            edit.blockSignals(True)
            edit.setDate(QDate(day))
            edit.blockSignals(False)

    def set_suites(self, suites: list[Choice]) -> None:
        """The suites offered (keeps the choice; no signal)."""
        self.suite_combo.blockSignals(True)
        self.suite_combo.set_choices(suites)
        self.suite_combo.blockSignals(False)

    def current(self) -> VisitFilter:
        """The filter as set."""
        return VisitFilter(
            date_from=self.from_edit.date().toPython(),  # type: ignore[arg-type]
            date_to=self.to_edit.date().toPython(),  # type: ignore[arg-type]
            suite_id=self.suite_combo.current_id(),
            status=self.status_combo.current_id(),  # type: ignore[arg-type]
        )

    def _emit(self, *_args: object) -> None:
        self.filter_changed.emit(self.current())


def build_visit_table(model: RowTableModel[VisitRow], parent: QWidget) -> QTableView:
    """The list of reports: one row each, the visitors' column taking the spare width."""
    table = QTableView(parent, objectName="visits_table")
    table.setAccessibleName("Visit reports")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    # Visitors get a readable width of their own; the list scrolls sideways rather than squash it.
    for column, width in enumerate((100, 78, 100, 190, 44, 66, 92, 72)):
        table.setColumnWidth(column, width)
    header.setStretchLastSection(True)
    return table


def warnings_html(warnings: tuple[str, ...]) -> str:
    """The name warnings as a short list under a heading that says they do not block saving."""
    items = "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
    return f"<b>⚠ Check for names (this does not stop you saving):</b><ul style='margin:0'>{items}</ul>"
