"""Dialogs of the custody visiting rota: generate a rota, and give a slot a new pair of visitors.

Both are :class:`~pcc_desktop.ui.dialogs.SubmitDialog` forms: OK calls the service through the
workspace, and a ``ValidationError`` keeps the dialog open with the message at its field. Closing a
slot as missed or cancelled, or reopening it, reuses :class:`~pcc_desktop.ui.dialogs.ReasonDialog`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QSpinBox, QWidget

from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.rota import (
    MAX_WEEKS,
    RotaResult,
    SlotRow,
    assign_slot,
    available_volunteers,
    generate_rota,
)
from pcc_desktop.services.rota_planner import RotaRules
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.widgets import ChoiceCombo

CUSTOM = 0
LENGTHS: list[tuple[int, str]] = [
    (4, "A month (4 weeks)"),
    (5, "A month (5 weeks)"),
    (13, "A quarter (13 weeks)"),
    (CUSTOM, "Custom number of weeks"),
]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def next_monday(after: date) -> date:
    """The first Monday after ``after`` (a week on when ``after`` is itself a Monday)."""
    return after + timedelta(days=7 - after.weekday())


def volunteer_choices(workspace: Workspace, on: date) -> list[tuple[uuid.UUID, str]]:
    """(id, "Name (VOL-…)") for every custody visitor who may be rostered on ``on``."""
    return workspace.run(
        lambda session: [(v.id, f"{v.name} ({v.reference})") for v in available_volunteers(session, on)]
    )


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


class GenerateRotaDialog(_FittingDialog):
    """Plan a rota for every open custody suite: a start Monday, a length and the pairing rule.

    After a successful OK, :attr:`outcome` holds the service's :class:`RotaResult`.
    """

    def __init__(
        self, workspace: Workspace, start: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Generate rota", parent)
        self.setObjectName("generate_rota_dialog")
        self.setMinimumWidth(540)
        self.workspace = workspace
        self.outcome: RotaResult | None = None
        intro = QLabel(
            "Pairs are drawn at random from the active custody visitors, with a suggested day and time "
            "window for each suite every week. The pair chooses the moment within the window.",
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self._build_fields(start or next_monday(today()))
        self.submit = self._generate

    def _build_fields(self, start: date) -> None:
        self.start_edit = QDateEdit(QDate(start), self)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("ddd dd/MM/yyyy")
        self.length_combo = QComboBox(self)
        for weeks, label in LENGTHS:
            self.length_combo.addItem(label, weeks)
        self.weeks_spin = QSpinBox(self)
        self.weeks_spin.setRange(1, MAX_WEEKS)
        self.weeks_spin.setSuffix(" weeks")
        self.gap_spin = QSpinBox(self)
        self.gap_spin.setRange(0, MAX_WEEKS)
        self.gap_spin.setValue(RotaRules().no_repeat_rounds)
        self.gap_spin.setSuffix(" weeks")
        self.replace_check = QCheckBox("&Replace scheduled slots already in these dates", self)
        self.add_field("&Start (a Monday):", "start", self.start_edit)
        self.add_field("&Length:", "length", self.length_combo)
        self.add_field("&Weeks:", "weeks", self.weeks_spin)
        self.add_field("&Don't repeat a pair within:", "no_repeat_rounds", self.gap_spin)
        self.add_field("", "replace_scheduled", self.replace_check)
        self.replace_check.setAccessibleName(self.replace_check.text().replace("&", ""))
        self.period_label = QLabel(self)
        self.period_label.setObjectName("rota_period")
        self.form.addRow(self.period_label)
        self.length_combo.currentIndexChanged.connect(self._length_changed)
        self.start_edit.dateChanged.connect(lambda _d: self._show_period())
        self.weeks_spin.valueChanged.connect(lambda _v: self._show_period())
        self.length_combo.setCurrentIndex(2)
        self._length_changed()

    def set_weeks(self, weeks: int) -> None:
        """Choose the length in weeks (a custom length when it is not a month or a quarter)."""
        index = self.length_combo.findData(weeks)
        self.length_combo.setCurrentIndex(index if index >= 0 else self.length_combo.findData(CUSTOM))
        self.weeks_spin.setValue(weeks)

    def _length_changed(self, *_args: object) -> None:
        weeks = self.length_combo.currentData()
        custom = weeks == CUSTOM
        self.weeks_spin.setEnabled(custom)
        if not custom:
            self.weeks_spin.setValue(int(weeks))
        self._show_period()

    def _show_period(self) -> None:
        """Say in words which dates the rota covers, and warn early when the start is not a Monday."""
        start = self.start_date()
        end = start + timedelta(weeks=self.weeks_spin.value()) - timedelta(days=1)
        text = (
            f"The rota covers {format_date(start)} to {format_date(end)} ({self.weeks_spin.value()} weeks)."
        )
        if start.weekday() != 0:
            text = f"{format_date(start)} is a {WEEKDAYS[start.weekday()]}: a rota starts on a Monday."
        self.period_label.setText(text)

    def start_date(self) -> date:
        """The start chosen."""
        return self.start_edit.date().toPython()  # type: ignore[no-any-return]

    def rules(self) -> RotaRules:
        """The pairing rule chosen (window length and seed stay at their defaults)."""
        return RotaRules(no_repeat_rounds=self.gap_spin.value())

    def _generate(self) -> None:
        self.outcome = self.workspace.act(
            generate_rota,
            self.start_date(),
            self.weeks_spin.value(),
            rules=self.rules(),
            replace_scheduled=self.replace_check.isChecked(),
        )


class ChangeVisitorsDialog(_FittingDialog):
    """Give one scheduled slot a pair of visitors by hand; the service checks the rota's rules.

    After a successful OK, :attr:`outcome` holds the updated :class:`SlotRow`.
    """

    def __init__(
        self,
        workspace: Workspace,
        slot: SlotRow,
        choices: Sequence[tuple[uuid.UUID, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Change visitors", parent)
        self.setObjectName("change_visitors_dialog")
        self.setMinimumWidth(460)
        self.workspace = workspace
        self.slot = slot
        self.outcome: SlotRow | None = None
        intro = QLabel(f"{slot.suite_name}, {slot.window_text}.\nNow: {slot.volunteers}.", self)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.a_combo = self._combo(choices, slot.volunteer_a_id)
        self.b_combo = self._combo(choices, slot.volunteer_b_id)
        self.add_field("&First visitor:", "volunteer_a_id", self.a_combo)
        self.add_field("&Second visitor:", "volunteer_b_id", self.b_combo)
        note = QLabel("Leave both blank to take the pair off this visit.", self)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.submit = self._assign

    def _combo(self, choices: Sequence[tuple[uuid.UUID, str]], current: uuid.UUID | None) -> ChoiceCombo:
        combo = ChoiceCombo(blank_text="", parent=self)
        combo.set_choices(choices)
        combo.set_current_id(current)
        return combo

    def chosen(self) -> tuple[Any, Any]:
        """The two volunteer ids chosen (None for a blank)."""
        return self.a_combo.current_id(), self.b_combo.current_id()

    def _assign(self) -> None:
        first, second = self.chosen()
        self.outcome = self.workspace.act(assign_slot, self.slot.id, first, second)
