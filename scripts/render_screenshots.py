"""Render each page and the main dialogs of PCC Desktop to PNG files (run by scripts/screenshots)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pcc_desktop import paths
from pcc_desktop.app import create_application
from pcc_desktop.models import ActionStatus
from pcc_desktop.services import staff, startup
from pcc_desktop.services.action_io import ImportFailed, import_actions
from pcc_desktop.ui.dialogs import StatusDialog
from pcc_desktop.ui.help_dialogs import AboutDialog, ShortcutsDialog
from pcc_desktop.ui.import_dialog import ImportErrorsDialog
from pcc_desktop.ui.main_window import MainWindow
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.who_dialog import WhoDialog


def _save(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def _dialog(dialog: QWidget, out: Path, name: str) -> None:
    dialog.show()
    _save(dialog, out, name)
    dialog.close()


def render(window: MainWindow, ws: object, out: Path) -> None:
    page = window.action_page
    _save(window, out, "actions")
    page.filter_bar.apply(page.filter_bar._presets["Overdue"], keep_view=True)
    _save(window, out, "actions-overdue")
    page.detail.tabs.setCurrentIndex(2)
    _save(window, out, "action-history")
    page.detail.tabs.setCurrentIndex(1)
    _save(window, out, "action-updates")
    page.new_action()
    page.save_current()  # empty title: shows the messages at the fields
    _save(window, out, "action-new-errors")
    window.show_page("Engagement")
    _save(window, out, "window-engagement")
    window.engagement.tabs.setCurrentWidget(window.engagement.coverage)
    QApplication.processEvents()
    _save(window, out, "window-coverage")
    window.show_page("ICV")
    _save(window, out, "window-icv")
    window.icv.tabs.setCurrentIndex(2)
    QApplication.processEvents()
    _save(window, out, "window-icv-statistics")
    window.show_page("Volunteers")
    _save(window, out, "window-volunteers")
    window.show_page("Admin")
    for index, key in enumerate(("staff", "areas", "organisations", "themes", "custody_suites")):
        window.admin_page.show_tab(key)
        _save(window, out, f"admin-{index + 1}-{key}")
    _dialog(
        StatusDialog(
            [ActionStatus.IN_PROGRESS], 1, window, "ACT-2026-0164: Raise trespass in Melton (In progress)"
        ),
        out,
        "dialog-status",
    )
    _dialog(ShortcutsDialog(window.commands.values(), window), out, "dialog-shortcuts")
    _dialog(AboutDialog(ws.db_file, window), out, "dialog-about")  # type: ignore[attr-defined]
    _dialog(WhoDialog(ws, "", window), out, "dialog-who")  # type: ignore[arg-type]
    _dialog(ImportErrorsDialog("action-log.csv", _import_errors(ws), window), out, "dialog-import-errors")


def _import_errors(ws: object) -> list:
    """The row problems of a small, deliberately wrong action log."""
    bad = paths.data_dir() / "action-log.csv"
    bad.write_text(
        "Title,Owner,Logged,Due,Status,Outcome\n"
        "Speeding on Main Street,Lizzie Starr,03/02/2025,28/02/2025,In progress,\n"
        ",Lizzie Starr,04/02/2025,,Open,\n"
        "Write to the parish council,Jo Bloggs,05/02/2025,01/02/2025,Open,\n"
        "Check CCTV request,Lizzie Starr,31/02/2025,,Completed,\n",
        encoding="utf-8",
    )
    try:
        ws.act(import_actions, bad)  # type: ignore[attr-defined]
    except ImportFailed as exc:
        return list(exc.errors)
    return []


def main() -> int:
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    ws = startup.open_database(db).workspace
    me = ws.run(staff.find_staff_by_name, "Lizzie Starr")
    ws.actor_id = me.id
    window = MainWindow(
        ws, AppSettings(paths.data_dir() / "shots.ini"), TaskRunner(synchronous=True), me.name
    )
    window.resize(1400, 860)
    window.show()
    QTimer.singleShot(300, lambda: (render(window, ws, out), app.quit()))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
