"""Render the Reports page to PNG files: empty, a draft, edits and errors, printed, figures changed.

Usage: ``python scripts/render_reports_screenshots.py DB OUT_DIR`` on a demo database
(``pcc-desktop --db DB demo``), under Xvfb or ``QT_QPA_PLATFORM=offscreen``. The PDFs it prints go
to ``OUT_DIR/pdf`` (nothing is opened), and the first page of the last one to a PNG beside them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from pcc_desktop.app import create_application
from pcc_desktop.services import staff, startup
from pcc_desktop.services.actions import ActionInput, create_action
from pcc_desktop.services.report_records import list_records
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.reports_layout import LAST_QUARTER
from pcc_desktop.ui.reports_page import ReportsPage
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner

EDITED = (
    "The office is working through the actions below. Most of those overdue are waiting on replies "
    "from partners; the Chief Executive reviews them each month with their owners."
)


def _save(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def _host(panel: QWidget) -> QWidget:
    window = QWidget()
    window.setWindowTitle("PCC Desktop")
    layout = QVBoxLayout(window)
    layout.addWidget(panel)
    window.resize(1400, 860)
    window.show()
    return window


def render(ws: Workspace, out: Path) -> None:
    """Each state of the page in turn."""
    page = ReportsPage(ws, AppSettings(out / "settings.ini"), TaskRunner(synchronous=True))
    page.open_file = lambda _path: None
    window = _host(page)
    page.start()
    _save(window, out, "reports-1-start")
    page.report_list.select_name("action-log")
    page.preset_combo.setCurrentText(LAST_QUARTER)
    page.generate()
    _save(window, out, "reports-2-draft")
    page.editor.text_box("summary/1").setPlainText(EDITED)
    page.save_edits()
    page.editor.text_box("purpose/2").setPlainText("  ")
    page.save_edits()  # the empty paragraph's message shows under it
    _save(window, out, "reports-3-edited-and-error")
    page.revert()
    page.print_to_pdf(out / "pdf")
    page.editor.verticalScrollBar().setValue(page.editor.verticalScrollBar().maximum())
    _save(window, out, "reports-4-printed")
    last_day = page.period()[1]  # a new action in the period: the summary's figures change
    action = ActionInput(title="Reply to the parish council", owner_id=ws.actor_id, logged_on=last_day)
    ws.act(create_action, action)
    page.reopen_record()
    page.editor.ensureWidgetVisible(page.editor.text_box("summary/1"))
    _save(window, out, "reports-5-reopened-figures-changed")
    record = ws.run(list_records)[0]
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "2",
            str(record.file_path),
            str(out / "reports-pdf"),
        ],
        check=False,
    )
    record.file_path.write_bytes(record.file_path.read_bytes() + b"%% changed\n")
    page.reload()
    _save(window, out, "reports-6-file-changed")
    window.close()


def main() -> int:
    """Open the database given, sign in as the demo's Lizzie Starr and render."""
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    ws = startup.open_database(db).workspace
    ws.actor_id = ws.run(staff.find_staff_by_name, "Lizzie Starr").id
    QTimer.singleShot(300, lambda: (render(ws, out), app.quit()))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
