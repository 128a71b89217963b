"""Render the Dashboard page to PNG files at 1280×800 and 1366×768.

Usage: ``python scripts/render_dashboard_screenshots.py DB OUT_DIR`` on a demo database
(``pcc-desktop --db DB demo``), under Xvfb or ``QT_QPA_PLATFORM=offscreen``. The page sits in a
window laid out like the main one (menus, the navigation list, a status bar) so it gets the width
it will really have. For each size it saves the top of the page, the page scrolled to the end, and
the whole page; then the charts shown as tables, and the last financial year.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow, QSplitter, QWidget

from pcc_desktop.app import create_application
from pcc_desktop.services import staff, startup
from pcc_desktop.services.dashboard import LAST_YEAR
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dashboard_page import DashboardPage
from pcc_desktop.ui.tasks import TaskRunner

SIZES = ((1280, 800), (1366, 768))
SECTIONS = ("Dashboard", "Engagement", "Actions", "ICV", "AWS", "Volunteers", "Admin")


def _save(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def _window(page: DashboardPage) -> QMainWindow:
    """A window shaped like the main one: menus, navigation on the left, the page, a status bar."""
    window = QMainWindow()
    window.setWindowTitle("PCC Desktop")
    for title in ("&File", "&Edit", "&View", "E&ngagement", "&Actions", "&ICV", "Animal &welfare", "&Help"):
        window.menuBar().addMenu(title)
    nav = QListWidget()
    nav.addItems(list(SECTIONS))
    nav.setCurrentRow(0)
    nav.setMaximumWidth(180)
    split = QSplitter()
    split.addWidget(nav)
    split.addWidget(page)
    split.setStretchFactor(1, 1)
    split.setSizes([150, 1100])
    window.setCentralWidget(split)
    window.statusBar().showMessage("Signed in as Lizzie Starr")
    page.open_list.connect(
        lambda target, arg: window.statusBar().showMessage(f"open_list({target!r}, {arg!r})")
    )
    return window


def render(ws: Workspace, out: Path) -> None:
    """Each size: the top, the end and the whole page; then tables, and last year, at 1280×800."""
    page = DashboardPage(ws, TaskRunner(synchronous=True))
    window = _window(page)
    window.show()
    window.activateWindow()
    page.start()
    page.tiles["overdue_actions"].setFocus()  # to see the keyboard focus
    for width, height in SIZES:
        window.resize(width, height)
        QApplication.processEvents()
        bar = page.scroll.verticalScrollBar()
        bar.setValue(0)
        _save(window, out, f"dashboard-{width}x{height}-1-top")
        bar.setValue(bar.maximum() // 2)
        _save(window, out, f"dashboard-{width}x{height}-2-middle")
        bar.setValue(bar.maximum())
        _save(window, out, f"dashboard-{width}x{height}-3-end")
        _save(page.scroll.widget(), out, f"dashboard-{width}x{height}-4-whole")
    window.resize(*SIZES[0])
    for card in page.cards.values():
        card.table_button.setChecked(True)
    _save(page.scroll.widget(), out, "dashboard-5-tables")
    for card in page.cards.values():
        card.table_button.setChecked(False)
    page.set_period(LAST_YEAR)
    _save(page.scroll.widget(), out, "dashboard-6-last-year")
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
