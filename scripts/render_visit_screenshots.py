"""Render the custody visit report page (its three tabs, messages) and the detainee dialog to PNG files.

Usage: render_visit_screenshots.py DEMO_DB OUT_FOLDER (run under Xvfb, like render_screenshots.py).
Adds the demo volunteers and the custody checklists if missing, then three visit reports through the
services: a draft with a delay, detainee rows and requests; a submitted one; a draft naming someone.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import replace
from datetime import time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QTime, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from pcc_desktop import paths
from pcc_desktop.app import create_application
from pcc_desktop.models import CheckResult, Scheme
from pcc_desktop.services import custody_visits, staff, startup, volunteers
from pcc_desktop.services.clock import today
from pcc_desktop.services.custody_choices import CustodyChoices, custody_choices
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.custody_visits import ConversationInput, RequestInput, VisitInput
from pcc_desktop.services.demo_volunteers import add_demo_volunteers
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.conversation_dialog import ConversationDialog
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.visit_page import CONDITIONS_TAB, DETAINEES_TAB, REPORT_TAB, VisitPage


def _save(widget: QWidget, out: Path, name: str) -> None:
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def _conversations(choices: CustodyChoices) -> list[ConversationInput]:
    cats = [c for c, _ in choices.request_categories]
    welfare = {item: CheckResult.YES for item, _ in choices.welfare_items[:6]}
    return [
        ConversationInput(
            consent_to_talk=True,
            consent_to_view_record=True,
            juvenile=True,
            custody_number="LE/4521/25",
            welfare={**welfare, choices.welfare_items[6][0]: CheckResult.NO},
            requests=(RequestInput(cats[0], True, True), RequestInput(cats[2], True, False)),
            notes="Had not been offered a meal since arrival; sergeant arranged one.",
        ),
        ConversationInput(
            consent_to_talk=True, vulnerable=True, requests=(RequestInput(cats[6], True, True),)
        ),
        ConversationInput(consent_to_talk=False),
    ]


def add_demo_visits(ws: Workspace) -> list[uuid.UUID]:
    """Three reports: a delayed draft with detainees, a submitted one, a draft with a name in it."""
    choices = ws.run(custody_choices)
    icv = [v.id for v in ws.run(volunteers.active_volunteers, Scheme.ICV, None)]
    base = VisitInput(
        suite_id=choices.suites[0][0],
        visited_on=today() - timedelta(days=2),
        arrived_at=time(21, 40),
        admitted_at=time(22, 5),
        departed_at=time(23, 30),
        delay_reason="Cell block locked down while a violent detainee was moved",
        delay_authorised_rank="Inspector",
        escorted_by_rank="Custody Sergeant",
        visitor_ids=tuple(icv[:2]),
        in_custody=14,
        offered=9,
        seen=5,
        declined=4,
        not_seen=5,
        not_seen_reason="Asleep or in interview",
        serious_issue=True,
        serious_issue_notes="Cell 12 call bell not working; sergeant moved the detainee at once.",
        observations="Busy suite, staff stretched but courteous. Hygiene packs running low.",
    )
    draft = ws.act(custody_visits.create_visit, base)
    for conversation in _conversations(choices):
        ws.act(custody_visits.add_conversation, draft.id, conversation)
    answers = {item: (CheckResult.YES, "") for item, _ in choices.condition_items}
    answers[choices.condition_items[5][0]] = (CheckResult.NO, "Camera in cell 3 dark")
    ws.act(custody_visits.set_conditions, draft.id, answers)
    quiet = replace(
        base, suite_id=choices.suites[1][0], visited_on=today() - timedelta(days=9), arrived_at=time(14, 0),
        admitted_at=time(14, 4), departed_at=time(15, 0), delay_reason="", delay_authorised_rank="",
        visitor_ids=tuple(icv[2:4]), in_custody=6, offered=4, seen=3, declined=1, not_seen=0,
        not_seen_reason="", serious_issue=False, serious_issue_notes="", observations="Clean and calm.",
    )  # fmt: skip
    submitted = ws.act(custody_visits.create_visit, quiet)
    ws.act(custody_visits.submit_visit, submitted.id)
    named = replace(quiet, suite_id=choices.suites[2][0], visited_on=today() - timedelta(days=20))
    named = replace(named, observations="Mr Patel asked us to call his sister; spoke to John Smith too.")
    return [draft.id, submitted.id, ws.act(custody_visits.create_visit, named).id]


def _open(page: VisitPage, visit_id: uuid.UUID) -> None:
    page.table.selectRow(page._row_of(visit_id))


def render(host: QMainWindow, page: VisitPage, out: Path, ids: list[uuid.UUID]) -> None:
    """Every state a user meets, one PNG each."""
    _open(page, ids[0])
    _save(host, out, "visit-1-report-draft")
    page.tabs.setCurrentIndex(DETAINEES_TAB)
    _save(host, out, "visit-2-detainees")
    page.tabs.setCurrentIndex(CONDITIONS_TAB)
    _save(host, out, "visit-3-conditions")
    _open(page, ids[1])
    page.tabs.setCurrentIndex(REPORT_TAB)
    _save(host, out, "visit-4-submitted-read-only")
    _open(page, ids[2])
    _save(host, out, "visit-5-name-warning")
    page.new_record()
    page.form.arrived_edit.setTime(QTime(20, 0))
    page.form.admitted_edit.setTime(QTime(20, 30))
    page.save_current()
    _save(host, out, "visit-6-new-errors")
    page.revert_current()
    page.filter_bar.to_edit.setDate(QDate(2001, 1, 31))
    page.filter_bar.from_edit.setDate(QDate(2001, 1, 1))
    _save(host, out, "visit-7-empty")
    page.filter_bar.reset_dates()
    page.reload()
    _open(page, ids[0])
    choices = page._choices
    for name, row in (("dialog-detainee-new", None), ("dialog-detainee-edit", page.current.conversations[0])):  # type: ignore[union-attr]
        dialog = ConversationDialog(choices.request_categories, choices.welfare_items, row, host)
        dialog.show()
        _save(dialog, out, name)
        dialog.close()


def main() -> int:
    """Open the demo database as Lizzie Starr, add the demo reports and render the page."""
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    ws = startup.open_database(db).workspace
    ws.actor_id = ws.run(staff.find_staff_by_name, "Lizzie Starr").id
    ws.run(seed_custody_reference)
    if not ws.run(volunteers.list_volunteers, include_left=True):
        add_demo_volunteers(ws)
    ids = add_demo_visits(ws)
    host = QMainWindow()
    host.setWindowTitle("PCC Desktop – Custody visit reports")
    page = VisitPage(
        ws, AppSettings(paths.data_dir() / "visit-shots.ini"), TaskRunner(synchronous=True), host
    )
    host.setCentralWidget(page)
    for action in page.commands.values():
        host.addAction(action)
    host.resize(1400, 860)
    host.show()
    page.start()
    QTimer.singleShot(300, lambda: (render(host, page, out, ids), app.quit()))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
