"""Dialogs of the Dog Unit schedule: plan months, change a month's pair, record how a month ended.

Each is a :class:`~pcc_desktop.ui.dialogs.SubmitDialog`: OK calls the service through the workspace,
and a ``ValidationError`` keeps the dialog open with the message under its field. Reopening a
closed month reuses :class:`~pcc_desktop.ui.dialogs.ReasonDialog`.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDateEdit, QLabel, QPlainTextEdit, QSpinBox, QWidget

from pcc_desktop.models import SlotStatus
from pcc_desktop.services.aws_register import dog_unit_site_id, list_sites
from pcc_desktop.services.aws_schedule import (
    MAX_MONTHS,
    STATUS_LABELS,
    AwsSlotRow,
    PlanResult,
    assign_pair,
    close_slot,
    month_volunteers,
    next_free_month,
    plan_schedule,
)
from pcc_desktop.services.aws_schedule_planner import month_text, shift_month
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.widgets import ChoiceCombo

DEFAULT_MONTHS = 6
OUTCOMES = (SlotStatus.COMPLETED, SlotStatus.MISSED, SlotStatus.CANCELLED)


def month_edit(value: date, parent: QWidget | None = None) -> QDateEdit:
    """A month picker: shows "June 2025"; any day picked stands for its month."""
    edit = QDateEdit(QDate(value.replace(day=1)), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("MMMM yyyy")
    return edit


def month_of(edit: QDateEdit) -> date:
    """The first day of the month shown in ``edit``."""
    day: date = edit.date().toPython()  # type: ignore[assignment]
    return day.replace(day=1)


def slot_title(slot: AwsSlotRow) -> str:
    """``July 2025, Leicestershire Police Dog Unit`` (with ``visit 2`` when a month has several)."""
    visit = f" (visit {slot.position})" if slot.position > 1 else ""
    return f"{slot.month_text}{visit}, {slot.site_name}"


class _FittingDialog(SubmitDialog):
    """A SubmitDialog that grows to fit its wrapped labels and the error lines it shows."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.adjustSize)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Messages at their fields, then make room for them."""
        super().show_errors(errors)
        self.layout().activate()
        self.adjustSize()


class PlanMonthsDialog(_FittingDialog):
    """Plan the Dog Unit's visits for a run of months; after OK, :attr:`outcome` is the PlanResult."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Plan months", parent)
        self.setObjectName("plan_months_dialog")
        self.setMinimumWidth(500)
        self.workspace = workspace
        self.outcome: PlanResult | None = None
        intro = QLabel(
            "Each month is given its visits, each with a pair of active Animal Welfare Scheme visitors, "
            "shared fairly and never last month's pair. The visit is unannounced: the pair choose the day. "
            "Months already on the schedule are left as they are.",
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.site_combo = ChoiceCombo(parent=self)
        self.site_combo.setEditable(False)
        self.site_combo.set_choices([(s.id, s.name) for s in workspace.run(list_sites, False)])
        self.site_combo.set_current_id(workspace.run(dog_unit_site_id))
        self.first_edit = month_edit(workspace.run(next_free_month, self.site_combo.current_id()), self)
        self.months_spin = QSpinBox(self)
        self.months_spin.setRange(1, MAX_MONTHS)
        self.months_spin.setValue(DEFAULT_MONTHS)
        self.months_spin.setSuffix(" months")
        self.add_field("&First month:", "first_month", self.first_edit)
        self.add_field("&Number of months:", "months", self.months_spin)
        self.add_field("&Site:", "site_id", self.site_combo)
        self.period_label = QLabel(self)
        self.period_label.setObjectName("plan_period")
        self.form.addRow(self.period_label)
        self.first_edit.dateChanged.connect(lambda _d: self._show_period())
        self.months_spin.valueChanged.connect(lambda _v: self._show_period())
        self.site_combo.currentIndexChanged.connect(lambda _i: self._site_changed())
        self._show_period()
        self.submit = self._plan

    def _site_changed(self) -> None:
        """Start at the first month the chosen site has nothing scheduled."""
        site = self.site_combo.current_id()
        if site is not None:
            self.first_edit.setDate(QDate(self.workspace.run(next_free_month, site)))

    def _show_period(self) -> None:
        first = month_of(self.first_edit)
        last = shift_month(first, self.months_spin.value() - 1)
        span = month_text(first) if first == last else f"{month_text(first)} to {month_text(last)}"
        self.period_label.setText(f"Plans {span}.")

    def _plan(self) -> None:
        self.outcome = self.workspace.act(
            plan_schedule, month_of(self.first_edit), self.months_spin.value(), self.site_combo.current_id()
        )


class ChangePairDialog(_FittingDialog):
    """Give one scheduled month's visit a pair by hand; after OK, :attr:`outcome` is the updated row."""

    def __init__(self, workspace: Workspace, slot: AwsSlotRow, parent: QWidget | None = None) -> None:
        super().__init__("Change pair", parent)
        self.setObjectName("change_pair_dialog")
        self.setMinimumWidth(460)
        self.workspace = workspace
        self.slot = slot
        self.outcome: AwsSlotRow | None = None
        intro = QLabel(f"{slot_title(slot)}.\nNow: {slot.volunteers}.", self)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        choices = [(v.id, f"{v.name} ({v.reference})") for v in workspace.run(month_volunteers, slot.month)]
        self.a_combo = self._combo(choices, slot.volunteer_a_id)
        self.b_combo = self._combo(choices, slot.volunteer_b_id)
        self.add_field("&First visitor:", "volunteer_a_id", self.a_combo)
        self.add_field("&Second visitor:", "volunteer_b_id", self.b_combo)
        self.submit = self._assign

    def _combo(self, choices: list[tuple[uuid.UUID, str]], current: uuid.UUID | None) -> ChoiceCombo:
        combo = ChoiceCombo(blank_text="", parent=self)
        combo.set_choices(choices)
        combo.set_current_id(current)
        return combo

    def _assign(self) -> None:
        self.outcome = self.workspace.act(
            assign_pair, self.slot.id, self.a_combo.current_id(), self.b_combo.current_id()
        )


class CloseMonthDialog(_FittingDialog):
    """Record how a month's visit ended (completed, missed or cancelled) and why."""

    def __init__(self, workspace: Workspace, slot: AwsSlotRow, parent: QWidget | None = None) -> None:
        super().__init__("Completed, missed or cancelled", parent)
        self.setObjectName("close_month_dialog")
        self.setMinimumWidth(460)
        self.workspace = workspace
        self.slot = slot
        self.outcome: AwsSlotRow | None = None
        intro = QLabel(
            f"{slot_title(slot)} ({slot.volunteers}).\nA missed or cancelled visit needs a reason.", self
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.status_combo = ChoiceCombo(parent=self)
        self.status_combo.setEditable(False)
        self.status_combo.set_choices([(s, STATUS_LABELS[s]) for s in OUTCOMES if s != slot.status])
        self.status_combo.setCurrentIndex(0)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(90)
        self.add_field("&Outcome:", "status", self.status_combo)
        self.add_field("&Reason:", "reason", self.reason_edit)
        self.submit = self._close

    def set_status(self, status: SlotStatus) -> None:
        """Choose the outcome."""
        self.status_combo.set_current_id(status)

    def _close(self) -> None:
        status = self.status_combo.current_id()
        self.outcome = self.workspace.act(close_slot, self.slot.id, status, self.reason_edit.toPlainText())
