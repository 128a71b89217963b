"""The custody visiting rota: generate it, edit it by hand, close each slot, print and export it.

Every figure and rule comes from ``services.rota`` through the workspace (issue 4, docs/domain.md
§2.5): the planner keeps the pairing rules, ``assign_slot`` checks hand edits against them, and
``close_slot`` insists on a reason for a missed or cancelled visit. The summary line is
``rota_statistics`` for the dates and suite shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models.custody import SlotStatus
from pcc_desktop.services.clock import format_date, local_time, today
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.reference_data import list_custody_suites
from pcc_desktop.services.rota import (
    RotaResult,
    RotaStats,
    SlotRow,
    close_slot,
    export_rota,
    list_slots,
    rota_statistics,
)
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import ReasonDialog
from pcc_desktop.ui.rota_dialogs import ChangeVisitorsDialog, GenerateRotaDialog, volunteer_choices
from pcc_desktop.ui.table_models import Column, Index, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.widgets import ChoiceCombo

EMPTY = "No rota for these dates. Press Generate rota… to plan one."
STATUS_COLOURS = {SlotStatus.MISSED: QColor("#a4262c"), SlotStatus.CANCELLED: QColor("#5c5c5c")}
CLOSING = {
    SlotStatus.MISSED: ("Mark visit missed", "Why was the visit missed?"),
    SlotStatus.CANCELLED: ("Cancel visit", "Why is the visit cancelled (e.g. suite closed)?"),
    SlotStatus.SCHEDULED: ("Reopen visit", "Why reopen it (what was recorded by mistake)?"),
}


def quarter_dates(day: date) -> tuple[date, date]:
    """The quarter holding ``day``, widened to whole Monday-to-Sunday weeks."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    after = date(first.year + (first.month + 3 > 12), (first.month + 2) % 12 + 1, 1)
    last = after - timedelta(days=1)
    return first - timedelta(days=first.weekday()), last + timedelta(days=6 - last.weekday())


def summary_text(stats: RotaStats) -> str:
    """``39 scheduled · 30 completed · 2 missed · 1 cancelled · 6 still to do · 93.8% achieved``."""
    achieved = (
        "no visits to measure yet" if stats.achieved_pct is None else f"{stats.achieved_pct:.1f}% achieved"
    )
    return (
        f"{stats.scheduled} scheduled · {stats.completed} completed · {stats.missed} missed · "
        f"{stats.cancelled} cancelled · {stats.open} still to do · {achieved}"
    )


def result_text(result: RotaResult) -> str:
    """What generating did, in a sentence or two, with the planner's warnings under it."""
    text = f"{result.label}: {result.slots_created} visits planned."
    if result.unfilled:
        text += (
            f" {result.unfilled} have no pair yet: there were not enough visitors free without breaking "
            "the rules. Use Change visitors… to fill them by hand."
        )
    return "\n\n".join([text, *result.warnings])


def rota_html(title: str, summary: str, rows: Sequence[SlotRow]) -> str:
    """The rota as an HTML page for printing: a heading, the summary and one table row per slot."""
    cells = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(v)}</td>"
            for v in (r.window_text, r.suite_name, r.volunteers, r.status_label, r.reason)
        )
        + "</tr>"
        for r in rows
    )
    head = "".join(f"<th align='left'>{h}</th>" for h in ("Window", "Suite", "Visitors", "Status", "Reason"))
    return (
        f"<h2>{escape(title)}</h2><p>{escape(summary)}</p>"
        f"<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>{head}</tr>{cells}</table>"
    )


class RotaModel(RowTableModel[SlotRow]):
    """The slot table: missed visits in red and cancelled ones in grey (the Status column says so too)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As :class:`RowTableModel`, plus a foreground colour for missed and cancelled slots."""
        if role == Qt.ItemDataRole.ForegroundRole:
            if not index.isValid() or not 0 <= index.row() < self.rowCount():
                return None
            return STATUS_COLOURS.get(self.row_at(index.row()).status)
        return super().data(index, role)


COLUMNS: list[Column[SlotRow]] = [
    Column("window", "Window", lambda r: r.window_starts, display=lambda r: r.window_text),
    Column("suite", "Suite", lambda r: r.suite_name),
    Column("visitors", "Visitors", lambda r: r.volunteers),
    Column("status", "Status", lambda r: r.status_label),
    Column("reason", "Reason", lambda r: r.reason),
]


def _date_edit(name: str, value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value))
    edit.setObjectName(name.lower().replace(" ", "_"))
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class RotaPanel(QWidget):
    """The rota for a period and suite: a summary line, the slot table and the coordinator's commands."""

    message = Signal(str)

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rota_panel")
        self.setAccessibleName("Custody visiting rota")
        self.workspace = workspace
        self.tasks = tasks
        self.stats: RotaStats | None = None
        self._build_filters()
        self._build_table()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(self._buttons)
        self.reload()

    def _build_filters(self) -> None:
        first, last = quarter_dates(today())
        self.from_edit = _date_edit("From", first)
        self.to_edit = _date_edit("To", last)
        self.suite_combo = ChoiceCombo(blank_text="All suites")
        self.suite_combo.setEditable(False)
        self.suite_combo.setObjectName("rota_suite")
        self.suite_combo.setAccessibleName("Suite")
        self._filters = QHBoxLayout()
        for text, widget in (
            ("&From:", self.from_edit),
            ("&To:", self.to_edit),
            ("S&uite:", self.suite_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self._filters.addWidget(label)
            self._filters.addWidget(widget)
        self._filters.addStretch(1)
        self.from_edit.dateChanged.connect(lambda _d: self._refresh())
        self.to_edit.dateChanged.connect(lambda _d: self._refresh())
        self.suite_combo.currentIndexChanged.connect(lambda _i: self._refresh())
        self.summary = QLabel()
        self.summary.setObjectName("rota_summary")
        self.summary.setAccessibleName("Rota summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_table(self) -> None:
        self.model = RotaModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("rota_table")
        self.table.setAccessibleName("Rota slots")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.edit_slot())
        self.empty_label = QLabel(EMPTY)
        self.empty_label.setObjectName("rota_empty")
        self.empty_label.setAccessibleName("No rota")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        self._buttons.addWidget(button)
        return button

    def _build_buttons(self) -> None:
        self._buttons = QHBoxLayout()
        self.generate_button = self._button("&Generate rota…", "rota_generate", self.generate)
        self.change_button = self._button("C&hange visitors…", "rota_change", self.edit_slot)
        self.completed_button = self._button(
            "Mark c&ompleted", "rota_completed", lambda: self.close_current(SlotStatus.COMPLETED)
        )
        self.missed_button = self._button(
            "Mark &missed…", "rota_missed", lambda: self.close_current(SlotStatus.MISSED)
        )
        self.cancelled_button = self._button(
            "Mark &cancelled…", "rota_cancelled", lambda: self.close_current(SlotStatus.CANCELLED)
        )
        self.reopen_button = self._button(
            "&Reopen…", "rota_reopen", lambda: self.close_current(SlotStatus.SCHEDULED)
        )
        self._buttons.addStretch(1)
        self.print_button = self._button("&Print…", "rota_print", self.print_rota)
        self.export_button = self._button("&Export…", "rota_export", self.export)

    # --- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the suites and the slots again, keeping the suite and the selected slot."""
        suites = self.workspace.run(list_custody_suites)
        self.suite_combo.blockSignals(True)
        self.suite_combo.set_choices([(s.id, s.name) for s in suites])
        self.suite_combo.blockSignals(False)
        self._refresh()

    def period(self) -> tuple[date, date]:
        """The From and To dates shown."""
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def set_period(self, first: date, last: date) -> None:
        """Show the slots from ``first`` to ``last`` (one reload)."""
        for edit, value in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(value))
            edit.blockSignals(False)
        self._refresh()

    def _refresh(self, select: uuid.UUID | None = None) -> None:
        keep = select or (self.current_slot().id if self.current_slot() else None)
        first, last = self.period()
        suite = self.suite_combo.current_id()
        rows = self.workspace.run(list_slots, first, last, suite)
        self.stats = self.workspace.run(rota_statistics, first, last, suite)
        self.summary.setText(summary_text(self.stats))
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        ids = [r.id for r in rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        self._update_buttons()

    def current_slot(self) -> SlotRow | None:
        """The selected slot, if any."""
        selected = self.table.selectionModel().selectedRows()
        return self.model.row_at(selected[0].row()) if selected else None

    def _update_buttons(self) -> None:
        slot = self.current_slot()
        status = slot.status if slot else None
        self.change_button.setEnabled(status == SlotStatus.SCHEDULED)
        self.completed_button.setEnabled(status == SlotStatus.SCHEDULED)
        self.missed_button.setEnabled(status == SlotStatus.SCHEDULED)
        self.cancelled_button.setEnabled(status == SlotStatus.SCHEDULED)
        self.reopen_button.setEnabled(status is not None and status != SlotStatus.SCHEDULED)
        has_rows = self.model.rowCount() > 0
        self.print_button.setEnabled(has_rows)
        self.export_button.setEnabled(has_rows)

    # --- commands --------------------------------------------------------------------------------

    def generate(self) -> GenerateRotaDialog:
        """Open the Generate rota dialog; on OK show the new rota and what the planner had to say."""
        dialog = GenerateRotaDialog(self.workspace, parent=self)
        if dialog.exec() and dialog.outcome is not None:
            start = dialog.start_date()
            self.set_period(start, start + timedelta(weeks=dialog.weeks_spin.value(), days=-1))
            text = result_text(dialog.outcome)
            self.message.emit(text.split("\n\n")[0])
            if dialog.outcome.unfilled or dialog.outcome.warnings:
                QMessageBox.information(self, "Rota generated", text)
        return dialog

    def edit_slot(self) -> ChangeVisitorsDialog | None:
        """Give the selected scheduled slot a new pair of visitors."""
        slot = self.current_slot()
        if slot is None or slot.status != SlotStatus.SCHEDULED:
            return None
        choices = volunteer_choices(self.workspace, local_time(slot.window_starts).date())
        dialog = ChangeVisitorsDialog(self.workspace, slot, choices, parent=self)
        if dialog.exec() and dialog.outcome is not None:
            self._refresh(select=slot.id)
            self.message.emit(f"{slot.suite_name}, {slot.window_text}: {dialog.outcome.volunteers}.")
        return dialog

    def close_current(self, status: SlotStatus) -> ReasonDialog | None:
        """Mark the selected slot completed, missed or cancelled, or reopen it (with a reason)."""
        slot = self.current_slot()
        if slot is None:
            return None
        if status == SlotStatus.COMPLETED:
            self._close(slot, status, "")
            return None
        title, prompt = CLOSING[status]
        dialog = ReasonDialog(
            title, f"{slot.suite_name}, {slot.window_text} ({slot.volunteers}).\n{prompt}", self
        )
        dialog.submit = lambda: self.workspace.act(close_slot, slot.id, status, dialog.reason())
        if dialog.exec():
            self._refresh(select=slot.id)
            self.message.emit(f"{slot.suite_name}, {slot.window_text}: {status.value}.")
        return dialog

    def _close(self, slot: SlotRow, status: SlotStatus, reason: str) -> None:
        try:
            self.workspace.act(close_slot, slot.id, status, reason)
        except ValidationError as exc:
            QMessageBox.warning(self, "Rota", "\n".join(exc.errors.values()))
            return
        self._refresh(select=slot.id)
        self.message.emit(f"{slot.suite_name}, {slot.window_text}: {status.value}.")

    def export(self) -> None:
        """Ask where, then write the slots shown to Excel or CSV off the GUI thread."""
        first, last = self.period()
        name = f"Rota {first:%Y-%m-%d} to {last:%Y-%m-%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export rota", str(Path.home() / name), "Excel workbook (*.xlsx);;CSV file (*.csv)"
        )
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path + ".xlsx")
        rows = self.model.rows()
        self.tasks.run(
            lambda: export_rota(rows, target),
            lambda count: self.message.emit(f"Exported {count} visits to {target.name}."),
            lambda exc: QMessageBox.warning(self, "Export failed", str(exc)),
        )

    def print_rota(self, printer: QPrinter | None = None) -> bool:
        """Print the slots shown as a table; returns False when the print dialog is cancelled."""
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        if not QPrintDialog(printer, self).exec():
            return False
        first, last = self.period()
        suite = self.suite_combo.currentText()
        title = f"Custody visiting rota, {format_date(first)} to {format_date(last)} ({suite})"
        document = QTextDocument()
        document.setHtml(rota_html(title, self.summary.text(), self.model.rows()))
        document.print_(printer)
        self.message.emit("The rota was sent to the printer.")
        return True
