"""Rota panel: generate, hand edits checked by the service, closing slots, summary, export, print, a11y."""

from __future__ import annotations

import csv
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QCheckBox, QComboBox, QTableView
from sqlalchemy.orm import Session

from pcc_desktop.models import SchemeMembership, Volunteer
from pcc_desktop.models.custody import SlotStatus
from pcc_desktop.models.volunteer import MembershipStatus, Scheme
from pcc_desktop.services.rota import generate_rota, list_slots, rota_statistics
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui import rota_panel as rota_panel_module
from pcc_desktop.ui.dialogs import ReasonDialog
from pcc_desktop.ui.rota_dialogs import ChangeVisitorsDialog, GenerateRotaDialog
from pcc_desktop.ui.rota_panel import EMPTY, RotaPanel, quarter_dates, summary_text
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui
START = date(2025, 6, 30)  # the Monday after the pinned "today" (Wednesday 18/06/2025)


def add_volunteers(ws: Workspace, count: int) -> list[uuid.UUID]:
    """Active ICV volunteers VOL-2025-0001… who joined in January 2024."""

    def add(session: Session) -> list[uuid.UUID]:
        people = []
        for i in range(count):
            person = Volunteer(reference=f"VOL-2025-{i + 1:04d}", name=f"Visitor {i + 1:02d}")
            session.add(person)
            session.flush()
            session.add(
                SchemeMembership(
                    volunteer_id=person.id,
                    scheme=Scheme.ICV,
                    status=MembershipStatus.ACTIVE,
                    started_on=date(2024, 1, 1),
                )
            )
            people.append(person)
        session.flush()
        return [p.id for p in people]

    return ws.run(add)


@pytest.fixture
def team(seeded: Workspace) -> list[uuid.UUID]:
    """Eighteen custody visitors in the seeded workspace (three suites)."""
    return add_volunteers(seeded, 18)


@pytest.fixture
def panel(qtbot, seeded: Workspace, team: list[uuid.UUID]) -> RotaPanel:
    widget = RotaPanel(seeded, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def _generate_quarter(ws: Workspace, start: date = START) -> None:
    ws.act(generate_rota, start, 13)


def _fill_generate(monkeypatch: pytest.MonkeyPatch, start: date, weeks: int, seen: list) -> None:
    def fake_exec(dialog: GenerateRotaDialog) -> int:
        dialog.start_edit.setDate(start)
        dialog.set_weeks(weeks)
        dialog._on_ok()
        seen.append(dialog)
        return dialog.result()

    monkeypatch.setattr(GenerateRotaDialog, "exec", fake_exec)


def _reason(monkeypatch: pytest.MonkeyPatch, text: str, seen: list) -> None:
    def fake_exec(dialog: ReasonDialog) -> int:
        dialog.reason_edit.setPlainText(text)
        dialog._on_ok()
        seen.append(dialog)
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", fake_exec)


def _select_first(
    panel: RotaPanel, status: SlotStatus = SlotStatus.SCHEDULED, before: date | None = None
) -> int:
    for row, slot in enumerate(panel.model.rows()):
        if slot.status == status and (before is None or slot.window_starts.date() < before):
            panel.table.selectRow(row)
            return row
    raise AssertionError("no such slot")


def test_defaults_to_the_current_quarter_in_whole_weeks_and_says_when_empty(panel: RotaPanel) -> None:
    assert quarter_dates(date(2025, 6, 18)) == (date(2025, 3, 31), date(2025, 7, 6))
    assert quarter_dates(date(2025, 11, 3)) == (date(2025, 9, 29), date(2026, 1, 4))
    assert panel.period() == (date(2025, 3, 31), date(2025, 7, 6))
    assert panel.model.rowCount() == 0
    assert panel.empty_label.isVisible() and panel.empty_label.text() == EMPTY
    assert not panel.table.isVisible()
    assert not panel.export_button.isEnabled() and not panel.change_button.isEnabled()


def test_generating_a_quarter_fills_the_table(
    panel: RotaPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    seen: list[GenerateRotaDialog] = []
    _fill_generate(monkeypatch, START, 13, seen)
    informed: list[str] = []
    monkeypatch.setattr(rota_panel_module.QMessageBox, "information", lambda *a: informed.append(a[2]))
    with qtbot.waitSignal(panel.message) as signal:
        panel.generate()
    assert seen[0].outcome is not None and seen[0].outcome.slots_created == 39
    assert panel.period() == (START, START + timedelta(weeks=13, days=-1))
    assert panel.model.rowCount() == 39
    assert panel.table.isVisible() and not panel.empty_label.isVisible()
    assert "39 visits planned" in signal.args[0]
    assert all(r.volunteer_a_id and r.volunteer_b_id for r in panel.model.rows())
    assert panel.summary.text().startswith("39 scheduled · 0 completed")
    assert informed == []  # eighteen visitors are enough: nothing unfilled, nothing to warn about


def test_a_start_that_is_not_a_monday_is_refused_at_the_start_field(
    panel: RotaPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[GenerateRotaDialog] = []
    _fill_generate(monkeypatch, START + timedelta(days=1), 13, seen)
    panel.generate()
    dialog = seen[0]
    assert dialog.outcome is None and not dialog.result()
    assert "Monday" in dialog._errors["start"].text()
    assert "Tuesday" in dialog.period_label.text()
    assert seeded.run(list_slots, START, START + timedelta(weeks=13)) == []


def test_generating_over_a_rota_needs_replace(
    panel: RotaPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generate_quarter(seeded)
    seen: list[GenerateRotaDialog] = []
    _fill_generate(monkeypatch, START, 4, seen)
    panel.generate()
    assert "already scheduled" in seen[0]._errors["start"].text()
    dialog = GenerateRotaDialog(seeded)
    dialog.start_edit.setDate(START)
    dialog.set_weeks(4)
    dialog.replace_check.setChecked(True)
    dialog._on_ok()
    assert dialog.outcome is not None and dialog.outcome.slots_created == 12


def test_custom_length_and_the_pair_rule_reach_the_service(seeded: Workspace, team, qtbot) -> None:
    dialog = GenerateRotaDialog(seeded)
    qtbot.addWidget(dialog)
    assert dialog.start_date() == START - timedelta(days=7)  # the next Monday after Wednesday 18/06
    assert dialog.weeks_spin.value() == 13 and not dialog.weeks_spin.isEnabled()
    dialog.set_weeks(2)
    assert dialog.weeks_spin.isEnabled() and dialog.length_combo.currentText().startswith("Custom")
    dialog.gap_spin.setValue(6)
    assert dialog.rules().no_repeat_rounds == 6
    dialog._on_ok()
    assert dialog.outcome is not None and dialog.outcome.slots_created == 6


def test_changing_visitors_to_a_repeated_pair_shows_the_service_message(
    panel: RotaPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generate_quarter(seeded)
    panel.set_period(START, START + timedelta(weeks=13, days=-1))
    rows = panel.model.rows()
    first = rows[0]
    pair = {first.volunteer_a_id, first.volunteer_b_id}

    def week(slot) -> int:
        return (slot.window_starts.date() - START).days // 7

    busy = {(week(r), r.suite_id) for r in rows if pair & {r.volunteer_a_id, r.volunteer_b_id}}
    target = next(
        r
        for r in rows
        if week(r) in (2, 3)
        and not any(w == week(r) for w, _ in busy)
        and not busy & {(week(r) - 1, r.suite_id), (week(r) + 1, r.suite_id)}
    )
    panel.table.selectRow(rows.index(target))
    seen: list[ChangeVisitorsDialog] = []

    def fake_exec(dialog: ChangeVisitorsDialog) -> int:
        dialog.a_combo.set_current_id(first.volunteer_a_id)
        dialog.b_combo.set_current_id(first.volunteer_b_id)
        dialog._on_ok()
        seen.append(dialog)
        return dialog.result()

    monkeypatch.setattr(ChangeVisitorsDialog, "exec", fake_exec)
    panel.edit_slot()
    dialog = seen[0]
    assert "a pair is not repeated within 4 weeks" in dialog._errors["volunteer_b_id"].text()
    assert dialog._errors["volunteer_b_id"].isVisibleTo(dialog)
    assert dialog.outcome is None
    assert panel.current_slot() is not None and panel.current_slot().volunteers == target.volunteers


def test_changing_visitors_by_hand_saves_the_new_pair(
    panel: RotaPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generate_quarter(seeded)
    panel.set_period(START, START + timedelta(days=6))
    panel.table.selectRow(0)
    before = panel.current_slot()
    assert before is not None

    def fake_exec(dialog: ChangeVisitorsDialog) -> int:
        dialog.a_combo.set_current_id(None)
        dialog.b_combo.set_current_id(None)
        dialog._on_ok()
        return dialog.result()

    monkeypatch.setattr(ChangeVisitorsDialog, "exec", fake_exec)
    panel.edit_slot()
    after = panel.current_slot()
    assert after is not None and after.id == before.id
    assert after.volunteer_a_id is None and after.volunteer_b_id is None


def test_marking_missed_needs_a_reason_then_shows_it(
    panel: RotaPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generate_quarter(seeded, date(2025, 6, 2))
    panel.set_period(date(2025, 6, 2), date(2025, 6, 15))
    _select_first(panel, before=date(2025, 6, 15))
    seen: list[ReasonDialog] = []
    _reason(monkeypatch, "", seen)
    panel.close_current(SlotStatus.MISSED)
    assert "Say why" in seen[0]._errors["reason"].text()
    assert panel.current_slot().status == SlotStatus.SCHEDULED
    _reason(monkeypatch, "Both visitors ill", seen)
    panel.close_current(SlotStatus.MISSED)
    slot = panel.current_slot()
    assert slot is not None and slot.status == SlotStatus.MISSED and slot.reason == "Both visitors ill"
    row = panel.model.rows().index(slot)
    assert panel.model.index(row, 3).data() == "Missed"
    assert panel.model.index(row, 4).data() == "Both visitors ill"
    assert panel.model.index(row, 0).data(rota_panel_module.Qt.ItemDataRole.ForegroundRole) is not None
    assert panel.reopen_button.isEnabled() and not panel.missed_button.isEnabled()
    _reason(monkeypatch, "Recorded by mistake", seen)
    panel.close_current(SlotStatus.SCHEDULED)
    assert panel.current_slot().status == SlotStatus.SCHEDULED


def test_summary_line_matches_rota_statistics(
    panel: RotaPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generate_quarter(seeded, date(2025, 5, 5))
    panel.set_period(date(2025, 5, 5), date(2025, 8, 3))
    _select_first(panel, before=date(2025, 6, 1))
    panel.close_current(SlotStatus.COMPLETED)
    _select_first(panel, before=date(2025, 6, 1))
    panel.close_current(SlotStatus.COMPLETED)
    _reason(monkeypatch, "Suite closed for repairs", [])
    _select_first(panel)
    panel.close_current(SlotStatus.CANCELLED)
    stats = seeded.run(rota_statistics, date(2025, 5, 5), date(2025, 8, 3))
    assert (stats.scheduled, stats.completed, stats.cancelled, stats.open) == (39, 2, 1, 36)
    assert panel.summary.text() == summary_text(stats)
    pct = f"{stats.achieved_pct:.1f}% achieved"
    assert (
        panel.summary.text()
        == f"39 scheduled · 2 completed · 0 missed · 1 cancelled · 36 still to do · {pct}"
    )
    suite = panel.model.rows()[0].suite_id
    panel.suite_combo.set_current_id(suite)
    assert panel.model.rowCount() == 13
    assert panel.summary.text() == summary_text(
        seeded.run(rota_statistics, date(2025, 5, 5), date(2025, 8, 3), suite)
    )


def test_export_writes_the_rows_shown(
    panel: RotaPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _generate_quarter(seeded)
    panel.set_period(START, START + timedelta(days=13))
    target = tmp_path / "rota.csv"
    monkeypatch.setattr(rota_panel_module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    panel.export()
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["Suite", "Window"]
    assert len(rows) == 1 + 6


def test_print_renders_the_rota(
    panel: RotaPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _generate_quarter(seeded)
    panel.set_period(START, START + timedelta(days=6))
    pdf = tmp_path / "rota.pdf"

    class FakePrintDialog:
        """Stands in for the modal print dialog: "prints" to a PDF file."""

        def __init__(self, printer: QPrinter, _parent: object) -> None:
            self.printer = printer

        def exec(self) -> int:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(pdf))
            return 1

    monkeypatch.setattr(rota_panel_module, "QPrintDialog", FakePrintDialog)
    assert panel.print_rota() is True
    assert pdf.stat().st_size > 1000
    html = rota_panel_module.rota_html("Rota", panel.summary.text(), panel.model.rows())
    assert html.count("<tr>") == 1 + 3
    monkeypatch.setattr(FakePrintDialog, "exec", lambda _self: 0)
    assert panel.print_rota() is False


def test_model_passes_qt_checks(qtmodeltester, panel: RotaPanel, seeded: Workspace) -> None:
    _generate_quarter(seeded)
    panel.set_period(START, START + timedelta(weeks=2))
    qtmodeltester.check(panel.model)


def test_every_input_has_an_accessible_name(panel: RotaPanel, seeded: Workspace, qtbot) -> None:
    _generate_quarter(seeded)
    panel.set_period(START, START + timedelta(days=6))
    panel.table.selectRow(0)
    generate = GenerateRotaDialog(seeded, parent=panel)
    slot = panel.current_slot()
    assert slot is not None
    change = ChangeVisitorsDialog(seeded, slot, [], parent=panel)
    for root in (panel, generate, change):
        widgets = [
            *root.findChildren(QAbstractButton),
            *root.findChildren(QComboBox),
            *root.findChildren(QAbstractSpinBox),
            *root.findChildren(QCheckBox),
            *root.findChildren(QTableView),
        ]
        for widget in widgets:
            if widget.objectName() == "qt_tableview_cornerbutton" or widget.window() is not root:
                continue
            interface = QAccessible.queryAccessibleInterface(widget)
            assert interface.text(QAccessible.Text.Name), widget
