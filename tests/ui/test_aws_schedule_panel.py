"""Dog Unit schedule panel: plan months, change a pair, close a month, the visits-a-month setting."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.orm import Session

from pcc_desktop.models import MembershipStatus, Scheme, SchemeMembership, SlotStatus, Volunteer
from pcc_desktop.services.aws_register import seed_dog_unit
from pcc_desktop.services.aws_schedule import list_schedule, plan_schedule
from pcc_desktop.services.aws_settings import visits_per_month
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui import aws_schedule_panel as panel_module
from pcc_desktop.ui.aws_schedule_dialogs import ChangePairDialog, CloseMonthDialog, PlanMonthsDialog
from pcc_desktop.ui.aws_schedule_panel import EMPTY, AwsSchedulePanel, default_period
from pcc_desktop.ui.dialogs import ReasonDialog
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui
JUNE = date(2025, 6, 1)
JULY = date(2025, 7, 1)


def add_visitors(ws: Workspace, count: int) -> list[uuid.UUID]:
    """Active AWS visitors "Visitor NN" (VOL-2025-00NN) since January 2024."""

    def add(session: Session) -> list[uuid.UUID]:
        ids = []
        for n in range(1, count + 1):
            person = Volunteer(reference=f"VOL-2025-{n:04d}", name=f"Visitor {n:02d}")
            session.add(person)
            session.flush()
            session.add(
                SchemeMembership(
                    volunteer_id=person.id,
                    scheme=Scheme.AWS,
                    status=MembershipStatus.ACTIVE,
                    started_on=date(2024, 1, 1),
                )
            )
            ids.append(person.id)
        return ids

    return ws.run(add)


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    workspace.run(seed_dog_unit)
    return workspace


@pytest.fixture
def team(ws: Workspace) -> list[uuid.UUID]:
    return add_visitors(ws, 5)


@pytest.fixture
def panel(qtbot, ws: Workspace) -> AwsSchedulePanel:
    widget = AwsSchedulePanel(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    return widget


def fake_exec(monkeypatch: pytest.MonkeyPatch, cls: type, fill: Callable[[object], None], seen: list) -> None:
    """Make ``cls.exec`` fill the form, press OK and return at once."""

    def run(dialog) -> int:
        fill(dialog)
        dialog._on_ok()
        seen.append(dialog)
        return dialog.result()

    monkeypatch.setattr(cls, "exec", run)


def select_month(panel: AwsSchedulePanel, month: date) -> None:
    row = next(i for i, r in enumerate(panel.model.rows()) if r.month == month)
    panel.table.selectRow(row)


def test_three_months_back_to_nine_ahead_and_an_empty_state(panel: AwsSchedulePanel) -> None:
    assert panel.objectName() == "aws_schedule_panel"
    assert default_period(date(2025, 6, 18)) == (date(2025, 3, 1), date(2026, 3, 1))
    assert panel.period() == (date(2025, 3, 1), date(2026, 3, 1))
    assert panel.from_edit.text() == "March 2025" and panel.to_edit.text() == "March 2026"
    assert panel.empty_label.isVisible() and panel.empty_label.text() == EMPTY
    assert not panel.table.isVisible()
    assert not panel.change_button.isEnabled() and not panel.close_button.isEnabled()
    assert panel.visits_spin.value() == 1


def test_planning_six_months_shows_six_rows(
    panel: AwsSchedulePanel, team: list[uuid.UUID], monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    seen: list[PlanMonthsDialog] = []
    informed: list[str] = []
    monkeypatch.setattr(panel_module.QMessageBox, "information", lambda *a: informed.append(a[2]))

    def fill(dialog: PlanMonthsDialog) -> None:
        assert dialog.first_edit.text() == "June 2025", "the first month with nothing scheduled"
        assert dialog.months_spin.value() == 6
        assert dialog.site_combo.currentText() == "Leicestershire Police Dog Unit"
        dialog.first_edit.setDate(QDate(2025, 7, 1))
        assert dialog.period_label.text() == "Plans July 2025 to December 2025."

    fake_exec(monkeypatch, PlanMonthsDialog, fill, seen)
    with qtbot.waitSignal(panel.message) as signal:
        panel.plan()
    assert signal.args == ["6 visits planned in 6 months."]
    assert seen[0].outcome is not None and seen[0].outcome.slots_created == 6
    assert panel.model.rowCount() == 6 and panel.table.isVisible() and not panel.empty_label.isVisible()
    assert [panel.model.index(r, 0).data() for r in range(6)] == [
        "July 2025",
        "August 2025",
        "September 2025",
        "October 2025",
        "November 2025",
        "December 2025",
    ]
    assert all(r.volunteer_a_name and r.volunteer_b_name for r in panel.model.rows())
    assert panel.model.index(0, 4).data() == "Scheduled"
    assert informed == []


def test_warnings_of_a_plan_are_shown(panel: AwsSchedulePanel, ws: Workspace, monkeypatch) -> None:
    add_visitors(ws, 1)
    informed: list[str] = []
    monkeypatch.setattr(panel_module.QMessageBox, "information", lambda *a: informed.append(a[2]))
    fake_exec(monkeypatch, PlanMonthsDialog, lambda d: d.months_spin.setValue(2), [])
    panel.plan()
    assert panel.model.rowCount() == 2
    assert len(informed) == 1 and "Fewer than two Animal Welfare Scheme visitors" in informed[0]
    assert panel.model.index(0, 2).data() == ""


def test_a_plan_refused_stays_open_with_the_message_at_the_field(
    panel: AwsSchedulePanel, team: list[uuid.UUID], monkeypatch
) -> None:
    seen: list[PlanMonthsDialog] = []
    fake_exec(monkeypatch, PlanMonthsDialog, lambda d: d.first_edit.setDate(QDate(2025, 5, 1)), seen)
    panel.plan()
    dialog = seen[0]
    assert not dialog.result() and dialog.outcome is None
    assert dialog._errors["first_month"].text() == (
        "⚠ Plan from this month on: May 2025 is over (June 2025 is the earliest)."
    )
    assert panel.model.rowCount() == 0


def test_a_month_closed_as_missed_needs_a_reason(
    panel: AwsSchedulePanel, ws: Workspace, team: list[uuid.UUID], monkeypatch
) -> None:
    ws.act(plan_schedule, JUNE, 3)
    panel.reload()
    select_month(panel, JUNE)
    seen: list[CloseMonthDialog] = []

    def no_reason(dialog: CloseMonthDialog) -> None:
        dialog.set_status(SlotStatus.MISSED)

    fake_exec(monkeypatch, CloseMonthDialog, no_reason, seen)
    panel.close_month()
    assert seen[0]._errors["reason"].text() == "⚠ Say why the visit was missed."
    assert seen[0]._errors["reason"].isVisibleTo(seen[0])
    assert not seen[0].result() and panel.current_slot().status == SlotStatus.SCHEDULED

    def with_reason(dialog: CloseMonthDialog) -> None:
        dialog.set_status(SlotStatus.MISSED)
        dialog.reason_edit.setPlainText("Both visitors were ill")

    fake_exec(monkeypatch, CloseMonthDialog, with_reason, seen)
    panel.close_month()
    slot = panel.current_slot()
    assert slot is not None and slot.month == JUNE
    assert (slot.status, slot.reason) == (SlotStatus.MISSED, "Both visitors were ill")
    row = panel.model.rows().index(slot)
    assert panel.model.index(row, 4).data() == "Missed"
    assert panel.model.index(row, 5).data() == "Both visitors were ill"
    assert panel.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert not panel.change_button.isEnabled() and panel.reopen_button.isEnabled()
    fake_exec(monkeypatch, ReasonDialog, lambda d: d.reason_edit.setPlainText("Wrong month"), [])
    panel.reopen()
    assert panel.current_slot().status == SlotStatus.SCHEDULED


def test_a_month_not_begun_cannot_be_missed(
    panel: AwsSchedulePanel, ws: Workspace, team: list[uuid.UUID], monkeypatch
) -> None:
    ws.act(plan_schedule, JULY, 1)
    panel.reload()
    select_month(panel, JULY)
    seen: list[CloseMonthDialog] = []

    def fill(dialog: CloseMonthDialog) -> None:
        dialog.set_status(SlotStatus.MISSED)
        dialog.reason_edit.setPlainText("No one free")

    fake_exec(monkeypatch, CloseMonthDialog, fill, seen)
    panel.close_month()
    assert seen[0]._errors["status"].text() == "⚠ July 2025 has not begun: its visit cannot be missed yet."


def test_a_pair_is_changed_by_hand(
    panel: AwsSchedulePanel, ws: Workspace, team: list[uuid.UUID], monkeypatch, qtbot
) -> None:
    ws.act(plan_schedule, JULY, 1)
    panel.reload()
    select_month(panel, JULY)
    seen: list[ChangePairDialog] = []

    def same_person(dialog: ChangePairDialog) -> None:
        assert dialog.a_combo.count() == 6  # a blank and the five visitors
        dialog.a_combo.set_current_id(team[3])
        dialog.b_combo.set_current_id(team[3])

    fake_exec(monkeypatch, ChangePairDialog, same_person, seen)
    panel.change_pair()
    assert "Choose two different visitors" in seen[0]._errors["volunteer_b_id"].text()

    def fill(dialog: ChangePairDialog) -> None:
        dialog.a_combo.set_current_id(team[3])
        dialog.b_combo.set_current_id(team[4])

    fake_exec(monkeypatch, ChangePairDialog, fill, seen)
    with qtbot.waitSignal(panel.message) as signal:
        panel.change_pair()
    assert signal.args == ["July 2025, Leicestershire Police Dog Unit: Visitor 04 and Visitor 05."]
    row = panel.current_slot()
    assert row is not None and (row.volunteer_a_name, row.volunteer_b_name) == ("Visitor 04", "Visitor 05")
    assert (panel.model.index(0, 2).data(), panel.model.index(0, 3).data()) == ("Visitor 04", "Visitor 05")
    assert ws.run(list_schedule, JULY, JULY)[0].volunteer_b_id == team[4]


def test_visits_each_month_is_saved_and_a_refusal_shown_at_the_field(
    panel: AwsSchedulePanel, ws: Workspace, qtbot
) -> None:
    panel.visits_spin.setValue(2)
    with qtbot.waitSignal(panel.message) as signal:
        panel.visits_button.click()
    assert signal.args == ["Plan months… now schedules 2 visits each month."]
    assert ws.run(visits_per_month) == 2
    panel.visits_spin.setRange(0, 9)  # as if the range allowed it: the service still refuses
    panel.visits_spin.setValue(7)
    assert panel.save_visits_per_month() is False
    assert panel.visits_error.isVisible() and panel.visits_error.text().startswith("⚠")
    assert ws.run(visits_per_month) == 2


def test_every_control_has_an_accessible_name(panel: AwsSchedulePanel, ws: Workspace, team) -> None:
    for widget in (
        panel.from_edit,
        panel.to_edit,
        panel.visits_spin,
        panel.visits_button,
        panel.plan_button,
        panel.change_button,
        panel.close_button,
        panel.reopen_button,
        panel.table,
    ):
        assert widget.accessibleName(), widget.objectName()
    labels = {
        label.buddy(): label.text() for label in panel.findChildren(QLabel) if label.buddy() is not None
    }
    assert {panel.from_edit, panel.to_edit, panel.visits_spin} <= set(labels)
    ws.act(plan_schedule, JULY, 1)
    panel.reload()
    select_month(panel, JULY)
    slot = panel.current_slot()
    for dialog in (
        PlanMonthsDialog(ws, panel),
        ChangePairDialog(ws, slot, panel),
        CloseMonthDialog(ws, slot, panel),
    ):
        fields = [w for w in dialog._fields.values() if isinstance(w, QWidget)]
        assert fields and all(w.accessibleName() for w in fields)
        texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() in fields]
        assert len(texts) == len(fields) and all("&" in t for t in texts)
        dialog.deleteLater()
