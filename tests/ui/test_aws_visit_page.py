"""The Dog Unit visit page: the form, the rules at the fields, dogs seen, checklists, submit and review."""

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
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pcc_desktop.models import (
    AwsSite,
    ChecklistArea,
    CheckResult,
    Dog,
    MembershipStatus,
    OriginKind,
    RaiserTold,
    ReportStatus,
    Scheme,
    SchemeMembership,
    SiteKind,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.services import aws_visits
from pcc_desktop.services.actions import get_action
from pcc_desktop.services.aws_visits import AwsVisitInput, ObservationInput
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_observation_dialog import ObservationDialog
from pcc_desktop.ui.aws_review_dialog import AwsReviewDialog
from pcc_desktop.ui.aws_visit_list import AWS_VISIT_COLUMNS
from pcc_desktop.ui.aws_visit_page import CHECKLISTS_TAB, FINDINGS_TAB, VISIT_TAB, AwsVisitPage
from pcc_desktop.ui.aws_visit_tabs import ACTION_COLUMNS, DogsPanel, FindingsPanel
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_models import RowTableModel
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui
DAY = date(2025, 6, 16)


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would block the test: fail loudly instead."""

    def unexpected(*args: object, **_kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def aws(seeded: Workspace) -> Workspace:
    """Seeded reference data, the Dog Unit checklists, the Dog Unit, two AWS visitors and a dog."""
    seeded.run(seed_custody_reference)
    with seeded.session() as s:
        people = [
            Volunteer(reference=f"VOL-2025-000{n}", name=f"{name} Visitor") for n, name in enumerate("AB")
        ]
        s.add_all([AwsSite(name="Dog Unit, Enderby", kind=SiteKind.DOG_UNIT), *people])
        s.add(Dog(name="Rex", collar_number="PD101", in_service_on=date(2021, 5, 1)))
        s.flush()
        for person in people:
            s.add(
                SchemeMembership(
                    volunteer_id=person.id,
                    scheme=Scheme.AWS,
                    status=MembershipStatus.ACTIVE,
                    started_on=date(2023, 1, 1),
                )
            )
    return seeded


@pytest.fixture
def page(qtbot: QtBot, aws: Workspace, tmp_path: Path) -> Iterator[AwsVisitPage]:
    widget = AwsVisitPage(aws, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.start()
    widget.show()
    yield widget


def fill_report(page: AwsVisitPage, visitors: int = 2) -> None:
    """Type a full report into the Visit tab."""
    form = page.form
    form.site_combo.setCurrentIndex(1)
    form.date_edit.set_value(DAY)
    form.arrived_edit.setTime(QTime(10, 0))
    form.departed_edit.setTime(QTime(12, 15))
    for index in range(visitors):
        form.visitor_combos[index].setCurrentIndex(index + 1)
    form.received_edit.setText("PS 1234")
    form.brief_check.setChecked(True)
    form.area_checks[ChecklistArea.AWS_KENNELS].setChecked(True)
    form.training_check.setChecked(True)
    form.training_notes_edit.setPlainText("Bite work on the field; humane, rewards used.")
    form.enrichment_edit.setText("Sandpit and pool")
    form.observations_edit.setPlainText("Kennels clean; dogs settled.")


def site_id(ws: Workspace) -> uuid.UUID:
    with ws.session() as s:
        return s.query(AwsSite.id).one()[0]


def new_draft(ws: Workspace, **changes: object) -> aws_visits.AwsVisitDetail:
    with ws.session() as s:
        people = tuple(row[0] for row in s.query(Volunteer.id).order_by(Volunteer.reference))
    values: dict = {
        "site_id": site_id(ws),
        "visited_on": DAY,
        "arrived_at": time(10),
        "departed_at": time(11),
        "visitor_ids": people,
        "saw_kennels": True,
    }
    values.update(changes)
    return ws.act(aws_visits.create_visit, AwsVisitInput(**values))


def dog_id(ws: Workspace) -> uuid.UUID:
    with ws.session() as s:
        return s.query(Dog.id).one()[0]


def test_a_full_report_with_two_visitors_saves_a_draft(page: AwsVisitPage) -> None:
    assert page.list_stack.currentWidget() is page.empty_label
    page.new_record()
    fill_report(page)
    assert [c.count() for c in page.form.visitor_combos] == [3, 3], "blank plus the two active visitors"
    kennel_item = next(iter(page.checklists.combos))
    assert page.checklists.groups[ChecklistArea.AWS_KENNELS].isVisibleTo(page.checklists)
    assert not page.checklists.groups[ChecklistArea.AWS_VEHICLES].isVisibleTo(page.checklists)
    page.checklists.combos[kennel_item].set_current_id(CheckResult.NO)
    page.checklists.notes[kennel_item].setText("Run 3 wet")
    assert page.dirty and page.save_button.isEnabled()
    assert page.save_current()
    detail = page.current
    assert detail is not None and detail.status == ReportStatus.DRAFT
    assert detail.reference == "AWS-2025-0001"
    assert [v.name for v in detail.visitors] == ["A Visitor", "B Visitor"]
    assert (detail.received_by, detail.brief_given, detail.saw_kennels) == ("PS 1234", True, True)
    assert detail.answers() == {kennel_item: (CheckResult.NO, "Run 3 wet")}
    assert page.model.rowCount() == 1 and page.model.row_at(0).visitors == "A Visitor, B Visitor"
    assert not page.dirty and page.submit_button.isEnabled() and not page.review_button.isEnabled()


def test_one_visitor_is_refused_at_submit_at_the_visitors_field(page: AwsVisitPage) -> None:
    page.new_record()
    fill_report(page, visitors=1)
    assert page.save_current(), "a draft may have one visitor"
    page.submit_current()
    assert page.current is not None and page.current.status == ReportStatus.DRAFT
    error = page.form._errors["visitor_ids"]
    assert error.isVisibleTo(page) and "pair" in error.text()
    assert page.tabs.currentIndex() == VISIT_TAB


def test_a_serious_issue_without_escalation_is_refused_at_the_field(page: AwsVisitPage) -> None:
    page.new_record()
    fill_report(page)
    form = page.form
    assert not form.serious_notes_edit.isEnabled() and not form.escalated_to_edit.isEnabled()
    form.serious_check.setChecked(True)
    assert form.serious_notes_edit.isEnabled() and form.escalated_date.isEnabled()
    form.serious_notes_edit.setPlainText("Van 2 heat alarm not working.")
    page.submit_current()
    assert page.current is not None and page.current.status == ReportStatus.DRAFT
    assert "at once" in form._errors["escalated_at"].text()
    assert "escalated to" in form._errors["escalated_to"].text()
    assert not form._errors["serious_issue_notes"].isVisibleTo(page)
    form.escalated_date.set_value(DAY)
    assert not page.save_current()
    assert "both the date and the time" in form._errors["escalated_at"].text()
    form.escalated_time.setTime(QTime(10, 20))
    form.escalated_to_edit.setText("Dog Unit Sergeant")
    page.submit_current()
    assert page.current is not None and page.current.status == ReportStatus.SUBMITTED
    assert page.current.escalated_to == "Dog Unit Sergeant"
    assert form.escalated_time.time() == QTime(10, 20), "shown again in London time"


def test_a_dog_with_a_concern_needs_notes(
    page: AwsVisitPage, aws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.new_record()
    fill_report(page)
    seen: list[str] = []

    def fill(dialog: ObservationDialog) -> int:
        assert dialog.dog_combo.count() == 2, "blank plus Rex, the one dog in service"
        dialog.dog_combo.setCurrentIndex(1)
        dialog.need_combos["health"].set_current_id(WelfareRating.CONCERN)
        assert dialog.concern_hint.isVisibleTo(dialog) and "health" in dialog.concern_hint.text()
        dialog._on_ok()
        seen.append(dialog._errors["condition_notes"].text())
        dialog.notes_edit.setPlainText("Limping on the left foreleg; handler aware.")
        dialog.need_combos["environment"].set_current_id(WelfareRating.MET)
        dialog._on_ok()
        return dialog.result()

    monkeypatch.setattr(ObservationDialog, "exec", fill)
    page.add_dog()  # saves the new report first
    assert "concern" in seen[0]
    detail = page.current
    assert detail is not None and len(detail.dogs) == 1
    dog = detail.dogs[0]
    assert (dog.dog_name, dog.health, dog.environment) == ("Rex", WelfareRating.CONCERN, WelfareRating.MET)
    assert page.tabs.currentIndex() == 2 and page.dogs.model.index(0, 6).data() == "Concern"
    assert page.model.row_at(0).concerns == 1


def test_submit_then_review_raises_an_action_shown_on_the_findings_tab(
    page: AwsVisitPage, aws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = new_draft(aws)
    page.reload()
    assert page.current is not None and page.current.id == draft.id
    page.review()
    assert page.current.status == ReportStatus.DRAFT, "a draft is politely refused"
    page.submit_current()
    assert page.current is not None and page.current.status == ReportStatus.SUBMITTED
    assert not page.form.site_combo.isEnabled() and "Read-only" in page.dirty_label.text()
    assert page.review_button.isEnabled()

    def review(dialog: AwsReviewDialog) -> int:
        dialog.notes.setPlainText("Raised with the Dog Unit Inspector.")
        dialog.add_finding("Replace the bedding in run 3")
        dialog._on_ok()
        return dialog.result()

    monkeypatch.setattr(AwsReviewDialog, "exec", review)
    page.review()
    detail = page.current
    assert detail is not None and detail.status == ReportStatus.REVIEWED
    assert len(detail.actions) == 1
    action = aws.run(get_action, detail.actions[0].id)
    assert action.origin_kind == OriginKind.AWS_VISIT and action.aws_visit_id == draft.id
    assert action.raiser_told == RaiserTold.NOT_YET
    assert page.tabs.currentIndex() == FINDINGS_TAB
    findings = page.findings
    assert findings.model.index(0, 1).data() == "Replace the bedding in run 3"
    assert findings.model.index(0, 4).data() == "Not yet told" and findings.told_label.isVisibleTo(page)
    assert findings.notes_view.toPlainText() == "Raised with the Dog Unit Inspector."


def test_an_unchecked_area_hides_its_checklist_and_drops_its_answers(
    page: AwsVisitPage, aws: Workspace
) -> None:
    new_draft(aws, saw_vehicles=True)
    page.reload()
    van = next(i for i, a in page.checklists._area_of.items() if a == ChecklistArea.AWS_VEHICLES)
    page.checklists.combos[van].set_current_id(CheckResult.YES)
    assert page.save_current() and page.current is not None and van in page.current.answers()
    page.form.area_checks[ChecklistArea.AWS_VEHICLES].setChecked(False)
    assert not page.checklists.groups[ChecklistArea.AWS_VEHICLES].isVisibleTo(page.checklists)
    assert page.save_current()
    assert page.current.answers() == {}
    assert page.tabs.isTabEnabled(CHECKLISTS_TAB)


def test_search_and_status_filter_the_list(page: AwsVisitPage, aws: Workspace) -> None:
    new_draft(aws)
    new_draft(aws, visited_on=date(2025, 5, 1))
    page.reload()
    assert page.model.rowCount() == 2
    page.filter_bar.search_edit.setText("AWS-2025-0002")
    page.filter_bar.flush()
    assert [r.reference for r in page.model.rows()] == ["AWS-2025-0002"]
    page.filter_bar.status_combo.set_current_id(ReportStatus.SUBMITTED)
    assert page.list_stack.currentWidget() is page.empty_label
    first = aws.run(aws_visits.list_visits)[-1]
    page.show_visit(first.id)
    assert page.current is not None and page.current.id == first.id and page.model.rowCount() == 2


def stale_combo_edit(widget: QWidget) -> bool:
    """The edit box a combo made editable and then not (deleted later by Qt)."""
    parent = widget.parent()
    return isinstance(parent, QComboBox) and parent.lineEdit() is not widget


def unnamed_inputs(*roots: QWidget) -> list[str]:
    inputs = (QComboBox, QLineEdit, QPlainTextEdit, QAbstractSpinBox, QAbstractButton)
    return [
        f"{type(w).__name__} {w.objectName()!r} in {w.parent().accessibleName()!r}"
        for root in roots
        for w in root.findChildren(QWidget)
        if isinstance(w, inputs)
        and not w.objectName().startswith("qt_")
        and not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text())
        and not stale_combo_edit(w)
    ]


def test_every_input_has_an_accessible_name(page: AwsVisitPage, aws: Workspace, qtbot: QtBot) -> None:
    new_draft(aws, saw_training=True, saw_vehicles=True, saw_home_kennels=True)
    page.reload()
    dialog = ObservationDialog([(dog_id(aws), "Rex")], None, page)
    qtbot.addWidget(dialog)
    assert unnamed_inputs(page, dialog) == []


def test_the_visit_tab_fits_a_laptop_screen(page: AwsVisitPage) -> None:
    scroll = page.tabs.widget(VISIT_TAB)
    assert scroll.widget() is page.form, "the Visit tab scrolls rather than grow the window"
    assert page.minimumSizeHint().height() < 700


def test_models_pass_the_model_tester(qtmodeltester, aws: Workspace) -> None:
    draft = new_draft(aws)
    aws.act(aws_visits.save_observation, draft.id, ObservationInput(dog_id(aws), diet=WelfareRating.MET))
    aws.act(aws_visits.submit_visit, draft.id)
    aws.act(
        aws_visits.review_visit,
        draft.id,
        aws_visits.AwsReviewInput(findings=(aws_visits.AwsFinding(title="Fix the van alarm"),)),
    )
    visits: RowTableModel = RowTableModel(AWS_VISIT_COLUMNS)
    visits.set_rows(aws.run(aws_visits.list_visits))
    qtmodeltester.check(visits)
    detail = aws.run(aws_visits.get_visit, draft.id)
    dogs, findings = DogsPanel(), FindingsPanel()
    dogs.load(detail, editable=False)
    findings.load(detail)
    assert dogs.model.rowCount() == 1 and findings.model.rowCount() == 1
    qtmodeltester.check(dogs.model)
    qtmodeltester.check(findings.model)
    actions: RowTableModel = RowTableModel(ACTION_COLUMNS)
    qtmodeltester.check(actions)
    dogs.deleteLater()
    findings.deleteLater()
