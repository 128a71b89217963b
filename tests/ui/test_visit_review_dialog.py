"""The visit review dialog: the report summary, issues into actions for the Force, errors at the row."""

from __future__ import annotations

import uuid
from datetime import date, time

import pytest
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QPushButton
from sqlalchemy import select

from pcc_desktop.models import (
    CustodySuite,
    OriginKind,
    RaiserTold,
    ReportStatus,
    RequestCategory,
    Volunteer,
)
from pcc_desktop.services.action_queries import ActionFilter, list_actions
from pcc_desktop.services.actions import get_action
from pcc_desktop.services.custody_details import force_custody_organisation_id
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.custody_visits import (
    ConversationInput,
    RequestInput,
    VisitInput,
    add_conversation,
    create_visit,
    get_visit,
    submit_visit,
)
from pcc_desktop.services.workdays import add_working_days
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.visit_review_dialog import VisitReviewDialog

pytestmark = pytest.mark.gui


def _submitted(ws: Workspace, submit: bool = True) -> uuid.UUID:
    ws.run(seed_custody_reference)
    with ws.session() as s:
        s.add_all([Volunteer(reference=f"VOL-2025-000{n}", name=f"Visitor {n}") for n in (1, 2)])
    with ws.session() as s:
        suite = s.scalars(select(CustodySuite.id).where(CustodySuite.name == "Keyham Lane")).one()
        people = tuple(s.scalars(select(Volunteer.id).order_by(Volunteer.reference)))
        food = s.scalars(select(RequestCategory.id).where(RequestCategory.name == "Food or drink")).one()
    visit = ws.act(
        create_visit,
        VisitInput(
            suite_id=suite,
            visited_on=date(2025, 6, 16),
            arrived_at=time(19, 0),
            admitted_at=time(19, 5),
            departed_at=time(20, 30),
            visitor_ids=people,
            in_custody=10,
            offered=6,
            seen=3,
            declined=3,
            escorted_by_rank="Sergeant",
            serious_issue=True,
            serious_issue_notes="Cell 4 call bell not working.",
            observations="Suite clean and calm.",
        ),
    )
    request = RequestInput(category_id=food, raised_with_sergeant=True, resolved_during_visit=False)
    ws.act(add_conversation, visit.id, ConversationInput(consent_to_talk=True, requests=(request,)))
    if submit:
        ws.act(submit_visit, visit.id)
    return visit.id


@pytest.fixture
def visit_id(seeded: Workspace) -> uuid.UUID:
    return _submitted(seeded)


@pytest.fixture
def dialog(qtbot, seeded: Workspace, visit_id: uuid.UUID) -> VisitReviewDialog:
    dlg = VisitReviewDialog(seeded, visit_id)
    qtbot.addWidget(dlg)
    return dlg


def _review_actions(ws: Workspace) -> list:
    return ws.run(list_actions, ActionFilter(origin_kind=OriginKind.CUSTODY_VISIT)).rows


def test_the_summary_shows_what_the_visitors_reported(dialog: VisitReviewDialog) -> None:
    text = dialog.summary.toPlainText()
    assert "ICV-2025-0001 — Keyham Lane, Monday 16/06/2025, arrived 19:00" in text
    assert "Visitor 1, Visitor 2" in text
    assert "10 in custody, 6 offered a visit, 3 seen, 3 declined" in text
    assert "Detainee 1: Food or drink (raised with the sergeant)" in text
    assert "Cell 4 call bell not working." in text
    assert "Suite clean and calm." in text
    assert dialog.row_count() == 0


def test_a_new_issue_row_has_the_defaults(dialog: VisitReviewDialog, seeded: Workspace) -> None:
    dialog.add_issue()
    row = dialog.row(0)
    assert row.owner.current_id() == seeded.actor_id
    assert row.org.current_id() == seeded.run(force_custody_organisation_id) is not None
    assert row.due.value() == add_working_days(date(2025, 6, 18), 20)
    dialog.add_issue()
    dialog.table.setCurrentCell(0, 0)
    dialog.remove_button.click()
    assert dialog.row_count() == 1
    assert dialog.row(0).title.accessibleName() == "Action title, issue 1"


def test_two_issues_become_two_actions_and_the_visit_is_reviewed(
    dialog: VisitReviewDialog, seeded: Workspace, visit_id: uuid.UUID
) -> None:
    dialog.show()
    dialog.notes.setPlainText("Call bell fault to the custody inspector.")
    dialog.add_issue("Repair the call bell in cell 4", "Reported not working at the visit.")
    dialog.add_issue("Food for detainees after 19:00")
    dialog._on_ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    references = dialog.result_references()
    assert len(references) == 2
    rows = _review_actions(seeded)
    assert {r.reference for r in rows} == set(references)
    force = seeded.run(force_custody_organisation_id)
    for row in rows:
        action = seeded.run(get_action, row.id)
        assert action.origin_kind == OriginKind.CUSTODY_VISIT
        assert action.custody_visit_id == visit_id
        assert action.assignee_org_id == force
        assert action.owner_id == seeded.actor_id
        assert action.raiser_told == RaiserTold.NOT_YET
    visit = seeded.run(get_visit, visit_id)
    assert visit.status == ReportStatus.REVIEWED
    assert visit.review_notes == "Call bell fault to the custody inspector."


def test_an_empty_title_is_shown_at_its_row_and_nothing_is_created(
    dialog: VisitReviewDialog, seeded: Workspace, visit_id: uuid.UUID
) -> None:
    dialog.show()
    dialog.add_issue("Repair the call bell in cell 4")
    dialog.add_issue("")
    dialog._on_ok()
    assert dialog.isVisible() and dialog.result() == 0
    assert "Issue 2, action title:" in dialog.table_error.text()
    assert dialog.row(1).title.toolTip().startswith("⚠")
    assert dialog.row(0).title.toolTip() == ""
    assert _review_actions(seeded) == []
    assert seeded.run(get_visit, visit_id).status == ReportStatus.SUBMITTED
    dialog.row(1).title.setText("Food after 19:00")
    dialog._on_ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(_review_actions(seeded)) == 2


def test_an_unknown_organisation_is_refused_at_the_row(dialog: VisitReviewDialog, seeded: Workspace) -> None:
    dialog.add_issue("Repair the call bell")
    dialog.row(0).org.setEditText("Nobody in particular")
    dialog._on_ok()
    assert dialog.result() == 0
    assert "Issue 1, assign to:" in dialog.table_error.text()
    assert _review_actions(seeded) == []


def test_a_review_with_no_issues_only_marks_the_visit(
    dialog: VisitReviewDialog, seeded: Workspace, visit_id: uuid.UUID
) -> None:
    dialog._on_ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_references() == ()
    assert seeded.run(get_visit, visit_id).status == ReportStatus.REVIEWED


def test_a_draft_cannot_be_reviewed(qtbot, seeded: Workspace) -> None:
    draft = _submitted(seeded, submit=False)
    dlg = VisitReviewDialog(seeded, draft)
    qtbot.addWidget(dlg)
    dlg._on_ok()
    assert dlg.result() == 0
    assert "Only a submitted report" in dlg.general_error.text()


def test_every_input_has_an_accessible_name(dialog: VisitReviewDialog) -> None:
    dialog.add_issue()
    inputs = [*dialog.findChildren(QLineEdit), *dialog.findChildren(QComboBox)]
    inputs += [*dialog.findChildren(QDateEdit), *dialog.findChildren(QPlainTextEdit)]
    inputs += [*dialog.findChildren(QPushButton), dialog.table, dialog.summary]
    unnamed = [w for w in inputs if not w.accessibleName() and not isinstance(w, QPushButton)]
    assert unnamed == []
    names = {w.accessibleName() for w in inputs}
    assert {"Review notes", "Action title, issue 1", "Assign to, issue 1", "Add issue"} <= names
