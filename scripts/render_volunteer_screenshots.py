"""Render the Volunteers page (register, alerts, Details, Schemes, records) and its dialogs to PNG files.

Usage: render_volunteer_screenshots.py DEMO_DB OUT_FOLDER (run under Xvfb, like render_screenshots.py).
Adds the demo volunteers first if the database has none.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from pcc_desktop import paths
from pcc_desktop.app import create_application
from pcc_desktop.models import Scheme
from pcc_desktop.services import staff, startup, volunteer_alerts, volunteers
from pcc_desktop.services.demo_volunteers import add_demo_volunteers
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.volunteer_form import HoursDialog, MembershipDialog, TrainingDialog
from pcc_desktop.ui.volunteer_list import AlertsDialog
from pcc_desktop.ui.volunteer_page import RECORDS_TAB, SCHEMES_TAB, VolunteerPage


def _save(widget: QWidget, out: Path, name: str) -> None:
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def _dialog(dialog: QWidget, out: Path, name: str) -> None:
    dialog.show()
    _save(dialog, out, name)
    dialog.close()


def _richest(page: VolunteerPage) -> volunteers.VolunteerRow:
    """The volunteer in two schemes (the demo has a couple)."""
    rows = page._ws.run(volunteers.list_volunteers)
    return max(rows, key=lambda r: (len(r.memberships), r.name))


def render(host: QMainWindow, page: VolunteerPage, out: Path) -> None:
    """Every state a user meets, one PNG each."""
    _save(host, out, "volunteer-1-list-details")
    page.open_volunteer(_richest(page).id)
    page.tabs.setCurrentIndex(SCHEMES_TAB)
    _save(host, out, "volunteer-2-schemes")
    page.tabs.setCurrentIndex(RECORDS_TAB)
    _save(host, out, "volunteer-3-records")
    page.tabs.setCurrentIndex(0)
    page.new_record()
    page.form.email_edit.setText("not an email")
    page.save_current()  # no name, a bad email: messages at the fields
    _save(host, out, "volunteer-4-new-errors")
    page.form.load(None)
    page._set_dirty(False)
    page.filter_bar.scheme_combo.set_current_id(Scheme.AWS)
    _save(host, out, "volunteer-5-filter-aws")
    page.filter_bar.search_edit.setText("nobody by this name")
    _save(host, out, "volunteer-6-empty")
    page.filter_bar.search_edit.clear()
    page.filter_bar.scheme_combo.setCurrentIndex(0)
    current = page.schemes.model.row_at(0) if page.schemes.model.rowCount() else None
    _dialog(
        MembershipDialog(None, [s for s in Scheme if s != Scheme.ICV], host), out, "dialog-membership-add"
    )
    if current is not None:
        _dialog(MembershipDialog(current, [current.scheme], host), out, "dialog-membership-edit")
    _dialog(TrainingDialog(host), out, "dialog-training")
    _dialog(HoursDialog(host), out, "dialog-hours")
    _dialog(AlertsDialog(page._ws.run(volunteer_alerts.expiry_alerts), host), out, "dialog-alerts")


def main() -> int:
    """Open the demo database as Lizzie Starr and render the page."""
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    ws = startup.open_database(db).workspace
    me = ws.run(staff.find_staff_by_name, "Lizzie Starr")
    ws.actor_id = me.id
    if not ws.run(volunteers.list_volunteers, include_left=True):
        add_demo_volunteers(ws)
    host = QMainWindow()
    host.setWindowTitle("PCC Desktop – Volunteers")
    settings = AppSettings(paths.data_dir() / "volunteer-shots.ini")
    page = VolunteerPage(ws, settings, TaskRunner(synchronous=True), host)
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
