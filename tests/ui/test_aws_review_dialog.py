"""The Dog Unit review dialog: the summary, findings into actions for the Dog Unit, errors at the row."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

import pytest
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QPushButton
from sqlalchemy import select

from pcc_desktop.models import (
    AwsSite,
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    Dog,
    MembershipStatus,
    OriginKind,
    Priority,
    RaiserTold,
    ReportStatus,
    Scheme,
    SchemeMembership,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.services.action_queries import ActionFilter, list_actions
from pcc_desktop.services.actions import get_action
from pcc_desktop.services.aws_details import dog_unit_organisation_id
from pcc_desktop.services.aws_visits import (
    AwsVisitInput,
    ObservationInput,
    create_visit,
    get_visit,
    save_observation,
    set_checks,
    submit_visit,
)
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.workdays import add_working_days
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_review_dialog import AwsReviewDialog

pytestmark = pytest.mark.gui


def _report(ws: Workspace, submit: bool = True, serious: bool = True) -> uuid.UUID:
    ws.run(seed_custody_reference)
    with ws.session() as s:
        people = [Volunteer(reference=f"VOL-2025-000{n}", name=f"Visitor {n}") for n in (1, 2)]
        site, dog = AwsSite(name="Dog Unit"), Dog(name="Rex", collar_number="PD101")
        s.add_all([*people, site, dog])
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
        van = s.scalars(
            select(ChecklistItem.id)
            .where(ChecklistItem.area == ChecklistArea.AWS_VEHICLES)
            .order_by(ChecklistItem.position)
        ).first()
        ids = (site.id, tuple(p.id for p in people), dog.id, van)
    site_id, visitors, dog_id, van_item = ids
    extra = (
        {
            "serious_issue": True,
            "serious_issue_notes": "Van 2 heat alarm not working.\nDog left in the van.",
            "escalated_at": datetime(2025, 6, 16, 9, 30, tzinfo=UTC),
            "escalated_to": "Dog Unit Sergeant",
        }
        if serious
        else {}
    )
    visit = ws.act(
        create_visit,
        AwsVisitInput(
            site_id=site_id,
            visited_on=date(2025, 6, 16),
            arrived_at=time(10, 0),
            departed_at=time(12, 0),
            visitor_ids=visitors,
            saw_vehicles=True,
            enrichment="Sandpit",
            observations="Dogs calm.",
            **extra,
        ),
    )
    ws.act(set_checks, visit.id, {van_item: (CheckResult.NO, "no alarm in van 2")})
    concern = ObservationInput(dog_id, health=WelfareRating.CONCERN, condition_notes="Panting heavily")
    ws.act(save_observation, visit.id, concern)
    if submit:
        ws.act(submit_visit, visit.id)
    return visit.id


@pytest.fixture
def visit_id(seeded: Workspace) -> uuid.UUID:
    return _report(seeded)


@pytest.fixture
def dialog(qtbot, seeded: Workspace, visit_id: uuid.UUID) -> AwsReviewDialog:
    dlg = AwsReviewDialog(seeded, visit_id)
    qtbot.addWidget(dlg)
    return dlg


def _review_actions(ws: Workspace) -> list:
    return ws.run(list_actions, ActionFilter(origin_kind=OriginKind.AWS_VISIT)).rows


def test_the_summary_shows_what_the_visitors_reported(dialog: AwsReviewDialog) -> None:
    text = dialog.summary.toPlainText()
    assert "AWS-2025-0001 — Dog Unit, Monday 16/06/2025, arrived 10:00 (unannounced)" in text
    assert "Visitor 1, Visitor 2" in text
    assert "Rex (PD101): health — Panting heavily" in text
    assert "Vehicles: Cage in good condition — no alarm in van 2" in text
    assert "escalated 16/06/2025 10:30 to Dog Unit Sergeant" in text
    assert "Sandpit" in text and "Dogs calm." in text


def test_a_serious_issue_starts_the_list_with_a_finding(dialog: AwsReviewDialog, seeded: Workspace) -> None:
    assert dialog.row_count() == 1
    row = dialog.row(0)
    assert row.title.text() == "Serious issue: Van 2 heat alarm not working."
    assert "Escalated 16/06/2025 10:30 to Dog Unit Sergeant." in row.description.text()
    assert row.priority.currentText() == "High"
    assert row.org.current_id() == seeded.run(dog_unit_organisation_id) is not None
    assert row.owner.current_id() == seeded.actor_id
    assert row.due.value() == add_working_days(date(2025, 6, 18), 20)


def test_no_serious_issue_means_no_finding_to_start(qtbot, seeded: Workspace) -> None:
    dlg = AwsReviewDialog(seeded, _report(seeded, serious=False))
    qtbot.addWidget(dlg)
    assert dlg.row_count() == 0
    dlg.add_finding()
    dlg.add_finding()
    dlg.table.setCurrentCell(0, 0)
    dlg.remove_button.click()
    assert dlg.row_count() == 1 and dlg.row(0).title.accessibleName() == "Finding, finding 1"


def test_findings_become_actions_and_the_visit_is_reviewed(
    dialog: AwsReviewDialog, seeded: Workspace, visit_id: uuid.UUID
) -> None:
    dialog.show()
    dialog.notes.setPlainText("Heat alarm to the Dog Unit Inspector.")
    dialog.add_finding("Check Rex with the vet", "Panting heavily at the visit.")
    dialog._on_ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    references = dialog.result_references()
    rows = _review_actions(seeded)
    assert len(references) == 2 and {r.reference for r in rows} == set(references)
    for row in rows:
        action = seeded.run(get_action, row.id)
        assert action.origin_kind == OriginKind.AWS_VISIT and action.aws_visit_id == visit_id
        assert action.raiser_told == RaiserTold.NOT_YET
        assert action.description.endswith(
            "Raised at the review of Dog Unit visit AWS-2025-0001 (16/06/2025)."
        )
    assert {seeded.run(get_action, r.id).priority for r in rows} == {Priority.HIGH, Priority.NORMAL}
    visit = seeded.run(get_visit, visit_id)
    assert (
        visit.status == ReportStatus.REVIEWED
        and visit.review_notes == "Heat alarm to the Dog Unit Inspector."
    )
    assert [a.reference for a in visit.actions] == sorted(references)


def test_an_empty_title_is_shown_at_its_row_and_nothing_is_created(
    dialog: AwsReviewDialog, seeded: Workspace, visit_id: uuid.UUID
) -> None:
    dialog.show()
    dialog.add_finding("")
    dialog._on_ok()
    assert dialog.isVisible() and dialog.result() == 0
    assert "Finding 2, finding:" in dialog.table_error.text()
    assert dialog.row(1).title.toolTip().startswith("⚠")
    assert _review_actions(seeded) == []
    assert seeded.run(get_visit, visit_id).status == ReportStatus.SUBMITTED
    dialog.row(1).title.setText("Check Rex with the vet")
    dialog._on_ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(_review_actions(seeded)) == 2


def test_an_unknown_organisation_is_refused_at_the_row(dialog: AwsReviewDialog, seeded: Workspace) -> None:
    dialog.row(0).org.setEditText("Nobody in particular")
    dialog._on_ok()
    assert dialog.result() == 0
    assert "Finding 1, assign to:" in dialog.table_error.text()
    assert _review_actions(seeded) == []


def test_a_draft_cannot_be_reviewed(qtbot, seeded: Workspace) -> None:
    draft = _report(seeded, submit=False)
    dlg = AwsReviewDialog(seeded, draft)
    qtbot.addWidget(dlg)
    assert dlg.row_count() == 0, "no finding is offered for a report that cannot be reviewed"
    dlg._on_ok()
    assert dlg.result() == 0
    assert "Only a submitted report" in dlg.general_error.text()


def test_every_input_has_an_accessible_name(dialog: AwsReviewDialog) -> None:
    dialog.add_finding()
    inputs = [*dialog.findChildren(QLineEdit), *dialog.findChildren(QComboBox)]
    inputs += [*dialog.findChildren(QDateEdit), *dialog.findChildren(QPlainTextEdit)]
    inputs += [*dialog.findChildren(QPushButton), dialog.table, dialog.summary]
    unnamed = [w for w in inputs if not w.accessibleName() and not isinstance(w, QPushButton)]
    assert unnamed == []
    names = {w.accessibleName() for w in inputs}
    assert {"Review notes", "Finding, finding 2", "Assign to, finding 1", "Add finding"} <= names
