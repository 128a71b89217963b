"""The visit report page: the form, the Code's rules at the fields, detainee rows, submit, warnings."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pcc_desktop.models import CheckResult, MembershipStatus, ReportStatus, Scheme, VisitMode
from pcc_desktop.services import custody_visits, reference_data
from pcc_desktop.services.custody_choices import custody_choices, list_visit_rows
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.custody_visits import VisitInput
from pcc_desktop.services.volunteer_records import MembershipInput, set_membership
from pcc_desktop.services.volunteers import VolunteerInput, create_volunteer
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.conversation_dialog import ConversationDialog
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.visit_page import CONDITIONS_TAB, DETAINEES_TAB, REPORT_TAB, VisitPage
from pcc_desktop.ui.visit_tabs import DetaineesPanel

pytestmark = pytest.mark.gui
VISITORS = ("Ann Visitor", "Bob Visitor", "Cat Visitor")


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would block the test: fail loudly instead."""

    def unexpected(*args: object, **_kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def icv(seeded: Workspace) -> Workspace:
    """Seeded reference data, the custody checklists and three active custody visitors."""
    seeded.run(seed_custody_reference)
    for name in VISITORS:
        person = seeded.act(create_volunteer, VolunteerInput(name=name))
        membership = MembershipInput(Scheme.ICV, MembershipStatus.ACTIVE, started_on=date(2024, 1, 1))
        seeded.act(set_membership, person.id, membership)
    return seeded


@pytest.fixture
def page(qtbot: QtBot, icv: Workspace, tmp_path: Path) -> Iterator[VisitPage]:
    widget = VisitPage(icv, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1400, 860)
    widget.start()
    widget.show()
    yield widget


def suite_id(ws: Workspace) -> uuid.UUID:
    suite = ws.run(reference_data.list_custody_suites)[0].id
    assert suite is not None
    return suite


def fill_report(page: VisitPage, visitors: int = 2, admitted: QTime | None = None) -> None:
    """Type a full in-person report into the form."""
    form = page.form
    form.suite_combo.setCurrentIndex(1)
    form.date_edit.set_value(date(2025, 6, 17))
    form.arrived_edit.setTime(QTime(19, 0))
    form.admitted_edit.setTime(admitted or QTime(19, 5))
    form.departed_edit.setTime(QTime(20, 10))
    form.escort_edit.setText("Custody Sergeant")
    for index in range(visitors):
        form.visitor_combos[index].setCurrentIndex(index + 1)
    for name, value in (("in_custody", 9), ("offered", 6), ("seen", 4), ("declined", 2)):
        form.population_spins[name].setValue(value)
    form.observations_edit.setPlainText("Suite calm and clean; staff helpful.")


def new_draft(ws: Workspace, **changes: object) -> custody_visits.VisitDetail:
    values: dict = {
        "suite_id": suite_id(ws),
        "visited_on": date(2025, 6, 16),
        "arrived_at": time(10, 0),
        "admitted_at": time(10, 5),
        "departed_at": time(11, 0),
        "in_custody": 5,
        "offered": 4,
        "seen": 3,
        "declined": 1,
    }
    values.update(changes)
    return ws.act(custody_visits.create_visit, VisitInput(**values))


def test_a_full_report_with_two_visitors_saves_a_draft(page: VisitPage, icv: Workspace) -> None:
    assert page.list_stack.currentWidget() is page.empty_label
    page.new_record()
    assert not page.tabs.isTabEnabled(DETAINEES_TAB) and not page.tabs.isTabEnabled(CONDITIONS_TAB)
    fill_report(page)
    assert page.dirty and page.save_button.isEnabled()
    assert page.save_current()
    detail = page.current
    assert detail is not None and detail.status == ReportStatus.DRAFT
    assert detail.reference.startswith("ICV-2025-")
    assert [v.name for v in detail.visitors] == ["Ann Visitor", "Bob Visitor"]
    assert (detail.in_custody, detail.offered, detail.seen, detail.declined) == (9, 6, 4, 2)
    assert detail.escorted_by_rank == "Custody Sergeant" and detail.mode == VisitMode.IN_PERSON
    assert page.model.rowCount() == 1 and page.list_stack.currentWidget() is page.table
    row = page.model.row_at(0)
    assert row.visitors == "Ann Visitor, Bob Visitor" and row.summary.seen == 4
    assert page.tabs.isTabEnabled(DETAINEES_TAB) and not page.dirty
    assert not page.warning_strip.isVisibleTo(page)


def test_one_visitor_in_person_is_refused_at_the_visitors_field(page: VisitPage) -> None:
    page.new_record()
    fill_report(page, visitors=1)
    assert page.save_current(), "a draft may have one visitor"
    page.submit_current()
    assert page.current is not None and page.current.status == ReportStatus.DRAFT
    error = page.form._errors["visitor_ids"]
    assert error.isVisibleTo(page) and "pair" in error.text()
    assert page.tabs.currentIndex() == REPORT_TAB


def test_a_delay_needs_a_reason_and_a_rank(page: VisitPage) -> None:
    page.new_record()
    form = page.form
    assert not form.delay_reason_edit.isEnabled() and not form.delay_rank_edit.isEnabled()
    fill_report(page, admitted=QTime(19, 40))
    assert form.delay_reason_edit.isEnabled() and form.delay_rank_edit.isEnabled()
    assert "40 minutes" in form.delay_hint.text()
    assert not page.save_current()
    assert "reason for the delay" in form._errors["delay_reason"].text()
    assert "rank" in form._errors["delay_authorised_rank"].text()
    form.delay_reason_edit.setText("Cell block lockdown after a disturbance")
    form.delay_rank_edit.setText("Inspector")
    assert page.save_current()
    assert page.current is not None and page.current.delay_authorised_rank == "Inspector"


def test_conversation_dialog_needs_consent_to_talk_first(qtbot: QtBot, icv: Workspace) -> None:
    choices = icv.run(custody_choices)
    dialog = ConversationDialog(choices.request_categories, choices.welfare_items)
    qtbot.addWidget(dialog)
    assert dialog.consent_talk_check.isEnabled()
    assert all(not w.isEnabled() for w in dialog.detail_widgets())
    assert dialog.consent_note.isVisibleTo(dialog)
    dialog.consent_talk_check.setChecked(True)
    assert all(w.isEnabled() for w in dialog.detail_widgets())
    assert not dialog.consent_note.isVisibleTo(dialog)
    dialog.notes_edit.setPlainText("wanted a blanket")
    dialog.consent_talk_check.setChecked(False)
    assert dialog.result_input().notes == "" and not dialog.result_input().requests
    label = dialog.findChild(QLabel, "custody_number_label")
    assert "not stored" in label.text() and label.buddy() is dialog.custody_number_edit


def test_adding_a_detainee_with_a_request_then_submitting(
    page: VisitPage, icv: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.new_record()
    fill_report(page)
    choices = icv.run(custody_choices)
    food, first_item = choices.request_categories[0][0], choices.welfare_items[0][0]

    def fill(dialog: ConversationDialog) -> int:
        dialog.consent_talk_check.setChecked(True)
        dialog.juvenile_check.setChecked(True)
        dialog.custody_number_edit.setText("AB12345")
        dialog.welfare_combos[first_item].set_current_id(CheckResult.YES)
        request = dialog.add_request()
        request.category_combo.set_current_id(food)
        request.raised_check.setChecked(True)
        dialog._on_ok()
        return dialog.result()

    monkeypatch.setattr(ConversationDialog, "exec", fill)
    page.add_detainee()  # saves the new report first
    detail = page.current
    assert detail is not None and len(detail.conversations) == 1
    row = detail.conversations[0]
    assert row.juvenile and row.consent_to_talk and row.has_custody_number
    assert [(r.category_id, r.raised_with_sergeant) for r in row.requests] == [(food, True)]
    assert [(a.item_id, a.result) for a in row.welfare] == [(first_item, CheckResult.YES)]
    assert page.tabs.currentIndex() == DETAINEES_TAB
    assert page.detainees.model.index(0, 5).data() == choices.request_categories[0][1]
    assert page.model.row_at(0).requests == 1
    page.submit_current()
    assert page.current is not None and page.current.status == ReportStatus.SUBMITTED
    assert page.model.index(0, 7).data() == "Submitted"
    assert not page.form.suite_combo.isEnabled() and not page.detainees.add_button.isEnabled()
    assert not page.commands["submit"].isEnabled() and "Read-only" in page.dirty_label.text()


def test_dialog_refusal_keeps_it_open_with_the_message(
    page: VisitPage, icv: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.new_record()
    fill_report(page)
    page.form.population_spins["seen"].setValue(0)
    page.form.population_spins["declined"].setValue(0)
    seen: list[str] = []

    def fill(dialog: ConversationDialog) -> int:
        dialog.consent_talk_check.setChecked(True)
        dialog._on_ok()
        seen.append(dialog.general_error.text())
        return dialog.result()

    monkeypatch.setattr(ConversationDialog, "exec", fill)
    page.add_detainee()
    assert "raise that number" in seen[0]
    assert page.current is not None and not page.current.conversations


def test_conditions_are_saved_with_the_report(page: VisitPage, icv: Workspace) -> None:
    new_draft(icv)
    page.reload()
    item = next(iter(page.conditions.combos))
    page.conditions.combos[item].set_current_id(CheckResult.NO)
    page.conditions.notes[item].setText("Graffiti in cell 4")
    assert page.dirty
    assert page.save_current()
    assert page.current is not None
    assert [(a.result, a.note) for a in page.current.conditions] == [(CheckResult.NO, "Graffiti in cell 4")]


def test_a_name_in_observations_shows_the_warning_strip(page: VisitPage) -> None:
    page.new_record()
    fill_report(page)
    page.form.observations_edit.setPlainText("Spoke with John Smith about his solicitor.")
    assert page.save_current(), "a warning never blocks saving"
    assert page.warning_strip.isVisibleTo(page)
    assert "John Smith" in page.warning_strip.text()


def test_submitted_reports_open_read_only_and_filters_work(page: VisitPage, icv: Workspace) -> None:
    draft = new_draft(icv)
    other = new_draft(icv, visited_on=date(2025, 1, 10))
    assert other.visited_on < date(2025, 3, 18)
    page.reload()
    assert page.model.rowCount() == 1, "the last three months only"
    assert page.current is not None and page.current.id == draft.id
    assert page.form.suite_combo.isEnabled()
    page.filter_bar.status_combo.set_current_id(ReportStatus.SUBMITTED)
    assert page.list_stack.currentWidget() is page.empty_label


def test_revert_and_new_after_edits(page: VisitPage, icv: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    new_draft(icv)
    page.reload()
    page.form.escort_edit.setText("Sergeant")
    page.form.escort_edit.textEdited.emit("Sergeant")
    assert page.dirty
    page.revert_current()
    assert not page.dirty and page.form.escort_edit.text() == ""
    page.form.observations_edit.setPlainText("changed")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    page.new_record()
    assert page.current is None and page.form.heading.text() == "New visit report"


def stale_combo_edit(widget: QWidget) -> bool:
    """The edit box a combo made editable and then not (deleted later by Qt)."""
    parent = widget.parent()
    return isinstance(parent, QComboBox) and parent.lineEdit() is not widget


def test_every_input_has_an_accessible_name(page: VisitPage, icv: Workspace, qtbot: QtBot) -> None:
    new_draft(icv)
    page.reload()
    choices = icv.run(custody_choices)
    dialog = ConversationDialog(choices.request_categories, choices.welfare_items, None, page)
    qtbot.addWidget(dialog)
    dialog.consent_talk_check.setChecked(True)
    dialog.add_request()
    inputs = (QComboBox, QLineEdit, QPlainTextEdit, QAbstractSpinBox, QAbstractButton)
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r} in {w.parent().accessibleName()!r}"
        for root in (page, dialog)
        for w in root.findChildren(QWidget)
        if isinstance(w, inputs)
        and not w.objectName().startswith("qt_")
        and not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text())
        and not stale_combo_edit(w)
    ]
    assert unnamed == []


def test_models_pass_the_model_tester(qtmodeltester, icv: Workspace) -> None:
    draft = new_draft(icv)
    icv.act(custody_visits.add_conversation, draft.id, custody_visits.ConversationInput(consent_to_talk=True))
    page_rows = icv.run(list_visit_rows, date(2025, 1, 1), date(2025, 6, 30))
    from pcc_desktop.ui.table_models import RowTableModel
    from pcc_desktop.ui.visit_list import VISIT_COLUMNS

    visits: RowTableModel = RowTableModel(VISIT_COLUMNS)
    visits.set_rows(page_rows)
    qtmodeltester.check(visits)
    panel = DetaineesPanel()
    panel.load(icv.run(custody_visits.get_visit, draft.id), editable=True)
    assert panel.model.rowCount() == 1
    qtmodeltester.check(panel.model)
    panel.deleteLater()
