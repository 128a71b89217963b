"""Render the Engagement page (list + Plan, Capture, Councillors) and its dialogs to PNG files.

Usage: render_engagement_screenshots.py DEMO_DB OUT_FOLDER (run under Xvfb, like render_screenshots.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from pcc_desktop import paths
from pcc_desktop.app import create_application
from pcc_desktop.models import EngagementStatus
from pcc_desktop.services import engagements, staff, startup
from pcc_desktop.services.engagements import CouncillorContactData, EngagementFilter
from pcc_desktop.ui.councillor_panel import CouncillorDialog
from pcc_desktop.ui.engagement_page import CAPTURE_TAB, COUNCILLORS_TAB, EngagementPage
from pcc_desktop.ui.feedback_dialog import FeedbackDialog
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner


def _save(widget: QWidget, out: Path, name: str) -> None:
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def _dialog(dialog: QWidget, out: Path, name: str) -> None:
    dialog.show()
    _save(dialog, out, name)
    dialog.close()


def _held_with_items(page: EngagementPage) -> None:
    """Show a held community day with feedback and councillors (the demo has plenty)."""
    ws = page._ws
    rows = ws.run(
        engagements.list_engagements,
        EngagementFilter(statuses=(EngagementStatus.HELD,)),
        "feedback",
        True,
        0,
        1,
    ).rows
    page.filter_bar.search_edit.setText(rows[0].reference)
    page.filter_bar._emit()
    page._select(rows[0].id)


def render(host: QMainWindow, page: EngagementPage, out: Path) -> None:
    _save(host, out, "engagement-1-list-plan")
    _held_with_items(page)
    _save(host, out, "engagement-2-plan-held")
    page.focus_capture()
    page.capture.text_edit.setText("Parking on the verge outside the school at pick-up")
    _save(host, out, "engagement-3-capture")
    page.tabs.setCurrentIndex(COUNCILLORS_TAB)
    _save(host, out, "engagement-4-councillors")
    page.tabs.setCurrentIndex(0)
    page.new_record()
    page.save_current()  # community day with no NPA or place: messages at the fields
    _save(host, out, "engagement-5-new-errors")
    page.filter_bar.search_edit.setText("no such place anywhere")
    page.filter_bar._emit()
    _save(host, out, "engagement-6-empty")
    _held_with_items(page)
    page.tabs.setCurrentIndex(CAPTURE_TAB)
    item = page.capture.items_model.row_at(0)
    dialog = FeedbackDialog(item, page.capture._themes, page.capture._areas, host)
    _dialog(dialog, out, "dialog-feedback")
    dialog = FeedbackDialog(item, page.capture._themes, page.capture._areas, host)
    dialog.consent_check.setChecked(True)
    dialog.contact_name_edit.setText("Mrs A. Resident")
    dialog.contact_details_edit.setText("01664 000000")
    _dialog(dialog, out, "dialog-feedback-consent")
    contact = CouncillorContactData(councillor_name="Cllr Pat Example", council="Melton Borough Council")
    _dialog(CouncillorDialog(contact, host), out, "dialog-councillor")


def main() -> int:
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    ws = startup.open_database(db).workspace
    me = ws.run(staff.find_staff_by_name, "Lizzie Starr")
    ws.actor_id = me.id
    host = QMainWindow()
    host.setWindowTitle("PCC Desktop – Engagement")
    settings = AppSettings(paths.data_dir() / "engagement-shots.ini")
    page = EngagementPage(ws, settings, TaskRunner(synchronous=True), host)
    host.setCentralWidget(page)
    for action in page.commands.values():
        host.addAction(action)
    host.resize(1400, 860)
    host.show()
    page.start()
    QTimer.singleShot(300, lambda: (render(host, page, out), app.quit()))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
