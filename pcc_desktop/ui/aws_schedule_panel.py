"""The Dog Unit's monthly visit schedule: plan months, change a pair, record how each month ended.

Every rule comes from ``services.aws_schedule`` through the workspace (docs/domain.md §2.6): the
planner pairs fairly and never repeats last month's pair, ``assign_pair`` checks a hand edit, and
``close_slot`` insists on a reason for a missed or cancelled month. The visit is unannounced, so the
schedule shows months, not dates. How many visits a month is a shared setting
(``aws_settings.set_visits_per_month``), changed in the row above the table.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import SlotStatus
from pcc_desktop.services.aws_schedule import AwsSlotRow, PlanResult, list_schedule, reopen_slot
from pcc_desktop.services.aws_schedule_planner import shift_month
from pcc_desktop.services.aws_settings import VISITS_PER_MONTH_RANGE, set_visits_per_month, visits_per_month
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_schedule_dialogs import (
    ChangePairDialog,
    CloseMonthDialog,
    PlanMonthsDialog,
    month_edit,
    month_of,
    slot_title,
)
from pcc_desktop.ui.dialogs import ReasonDialog
from pcc_desktop.ui.table_models import Column, Index, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.widgets import FieldError

EMPTY = "No visits are scheduled in this period. Use Plan months… to schedule the next six months."
MONTHS_BACK = 3
MONTHS_AHEAD = 9
STATUS_COLOURS = {SlotStatus.MISSED: QColor("#a4262c"), SlotStatus.CANCELLED: QColor("#5c5c5c")}


def default_period(day: date) -> tuple[date, date]:
    """Three months before ``day``'s month to nine after it (first days of the months)."""
    month = day.replace(day=1)
    return shift_month(month, -MONTHS_BACK), shift_month(month, MONTHS_AHEAD)


def plan_text(result: PlanResult) -> str:
    """What planning did, in a sentence, with the warnings under it."""
    months = len(result.months)
    text = f"{result.slots_created} visits planned in {months} month{'' if months == 1 else 's'}."
    return "\n\n".join([text, *result.warnings])


class ScheduleModel(RowTableModel[AwsSlotRow]):
    """The month table: missed months in red and cancelled ones in grey (the Status column says so too)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As :class:`RowTableModel`, plus a foreground colour for missed and cancelled months."""
        if role == Qt.ItemDataRole.ForegroundRole:
            if not index.isValid() or not 0 <= index.row() < self.rowCount():
                return None
            return STATUS_COLOURS.get(self.row_at(index.row()).status)
        return super().data(index, role)


COLUMNS: list[Column[AwsSlotRow]] = [
    Column(
        "month",
        "Month",
        lambda r: (r.month, r.position),
        display=lambda r: r.month_text if r.position == 1 else f"{r.month_text} (visit {r.position})",
    ),
    Column("site", "Site", lambda r: r.site_name),
    Column("visitor_a", "Visitor A", lambda r: r.volunteer_a_name),
    Column("visitor_b", "Visitor B", lambda r: r.volunteer_b_name),
    Column("status", "Status", lambda r: r.status_label),
    Column("reason", "Reason", lambda r: r.reason.replace("\n", " ")),
    Column("visit", "Visit report", lambda r: r.visit_reference),
]
REASON_COLUMN = 5


class AwsSchedulePanel(QWidget):
    """The months of a period with their pairs and outcomes, the coordinator's commands and a setting."""

    message = Signal(str)

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aws_schedule_panel")
        self.setAccessibleName("Dog Unit visit schedule")
        self.workspace = workspace
        self.tasks = tasks
        self._build_filters()
        self._build_table()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters)
        layout.addWidget(self.visits_error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(self._buttons)
        self.reload()

    def _labelled(self, text: str, widget: QWidget, name: str) -> None:
        widget.setObjectName(name)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        label = QLabel(text, self)
        label.setBuddy(widget)
        self._filters.addWidget(label)
        self._filters.addWidget(widget)

    def _build_filters(self) -> None:
        first, last = default_period(today())
        self.from_edit = month_edit(first, self)
        self.to_edit = month_edit(last, self)
        self.visits_spin = QSpinBox(self)
        self.visits_spin.setRange(*VISITS_PER_MONTH_RANGE)
        self.visits_spin.setToolTip("How many Dog Unit visits Plan months… schedules in each month")
        self._filters = QHBoxLayout()
        self._labelled("Fro&m:", self.from_edit, "aws_schedule_from")
        self._labelled("&Up to:", self.to_edit, "aws_schedule_to")
        self._filters.addStretch(1)
        self._labelled("&Visits each month:", self.visits_spin, "aws_visits_per_month")
        self.visits_button = QPushButton("Appl&y", self)
        self.visits_button.setObjectName("aws_visits_per_month_apply")
        self.visits_button.setAccessibleName("Apply visits each month")
        self.visits_button.clicked.connect(lambda _checked=False: self.save_visits_per_month())
        self._filters.addWidget(self.visits_button)
        self.visits_error = FieldError(self)
        self.visits_error.setObjectName("aws_visits_per_month_error")
        self.visits_error.setAccessibleName("Visits each month error")
        self.visits_error.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.from_edit.dateChanged.connect(lambda _d: self._refresh())
        self.to_edit.dateChanged.connect(lambda _d: self._refresh())

    def _build_table(self) -> None:
        self.model = ScheduleModel(COLUMNS, self)
        self.table = QTableView(self)
        self.table.setObjectName("aws_schedule_table")
        self.table.setAccessibleName("Scheduled Dog Unit visits")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the reason takes the spare width, not the visit reference
        header.setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.activated.connect(lambda _i: self.change_pair())
        self.empty_label = QLabel(EMPTY, self)
        self.empty_label.setObjectName("aws_schedule_empty")
        self.empty_label.setAccessibleName("No visits scheduled")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda _checked=False: slot())
        self._buttons.addWidget(button)
        return button

    def _build_buttons(self) -> None:
        self._buttons = QHBoxLayout()
        self.plan_button = self._button("&Plan months…", "aws_plan_months", self.plan)
        self.change_button = self._button("&Change pair…", "aws_change_pair", self.change_pair)
        self.close_button = self._button(
            "Comp&leted, missed or cancelled…", "aws_close_month", self.close_month
        )
        self.reopen_button = self._button("Re&open…", "aws_reopen_month", self.reopen)
        self._buttons.addStretch(1)

    # --- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the setting and the months again, keeping the selected month."""
        self.visits_spin.setValue(self.workspace.run(visits_per_month))
        self.visits_error.show_message("")
        self._refresh()

    def period(self) -> tuple[date, date]:
        """The first days of the From and Up to months."""
        return month_of(self.from_edit), month_of(self.to_edit)

    def set_period(self, first: date, last: date) -> None:
        """Show the months from ``first``'s to ``last``'s (one reload)."""
        for edit, value in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.replace(day=1)))
            edit.blockSignals(False)
        self._refresh()

    def _refresh(self, select: Any = None) -> None:
        current = self.current_slot()
        keep = select or (current.id if current else None)
        first, last = self.period()
        rows = self.workspace.run(list_schedule, first, last)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        ids = [r.id for r in rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        self._update_buttons()

    def current_slot(self) -> AwsSlotRow | None:
        """The selected month, if any."""
        selected = self.table.selectionModel().selectedRows()
        return self.model.row_at(selected[0].row()) if selected else None

    def _update_buttons(self) -> None:
        slot = self.current_slot()
        scheduled = slot is not None and slot.status == SlotStatus.SCHEDULED
        self.change_button.setEnabled(scheduled)
        self.close_button.setEnabled(slot is not None)
        self.reopen_button.setEnabled(slot is not None and not scheduled)

    # --- commands --------------------------------------------------------------------------------

    def save_visits_per_month(self) -> bool:
        """Store the visits-a-month setting for everyone; a refusal is shown under the field."""
        self.visits_error.show_message("")
        try:
            value = self.workspace.act(set_visits_per_month, self.visits_spin.value())
        except ValidationError as exc:
            self.visits_error.show_message(next(iter(exc.errors.values())))
            self.visits_spin.setFocus()
            return False
        self.message.emit(f"Plan months… now schedules {value} visit{'' if value == 1 else 's'} each month.")
        return True

    def plan(self) -> PlanMonthsDialog:
        """Open Plan months…; on OK show the months planned and what the planner had to say."""
        dialog = PlanMonthsDialog(self.workspace, self)
        if dialog.exec() and dialog.outcome is not None:
            result = dialog.outcome
            if result.months:
                first, last = self.period()
                self.set_period(min(first, result.months[0]), max(last, result.months[-1]))
            text = plan_text(result)
            self.message.emit(text.split("\n\n")[0])
            if result.warnings:
                QMessageBox.information(self, "Months planned", text)
        return dialog

    def change_pair(self) -> ChangePairDialog | None:
        """Give the selected scheduled month a new pair of visitors."""
        slot = self.current_slot()
        if slot is None or slot.status != SlotStatus.SCHEDULED:
            return None
        dialog = ChangePairDialog(self.workspace, slot, self)
        if dialog.exec() and dialog.outcome is not None:
            self._refresh(select=slot.id)
            self.message.emit(f"{slot_title(slot)}: {dialog.outcome.volunteers}.")
        return dialog

    def close_month(self) -> CloseMonthDialog | None:
        """Record the selected month as completed, missed or cancelled (with a reason for the last two)."""
        slot = self.current_slot()
        if slot is None:
            return None
        dialog = CloseMonthDialog(self.workspace, slot, self)
        if dialog.exec() and dialog.outcome is not None:
            self._refresh(select=slot.id)
            self.message.emit(f"{slot_title(slot)}: {dialog.outcome.status_label.lower()}.")
        return dialog

    def reopen(self) -> ReasonDialog | None:
        """Put the selected closed month back to scheduled, saying why."""
        slot = self.current_slot()
        if slot is None or slot.status == SlotStatus.SCHEDULED:
            return None
        dialog = ReasonDialog(
            "Reopen month", f"{slot_title(slot)} is {slot.status_label.lower()}.\nWhy reopen it?", self
        )
        dialog.submit = lambda: self.workspace.act(reopen_slot, slot.id, dialog.reason())
        if dialog.exec():
            self._refresh(select=slot.id)
            self.message.emit(f"{slot_title(slot)}: scheduled again.")
        return dialog
