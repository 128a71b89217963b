"""Render the Coverage and themes panel and the coverage settings panel to PNG files.

Usage: ``python scripts/render_coverage_screenshots.py DB OUT_DIR`` on a demo database
(``pcc-desktop --db DB demo``), under Xvfb or ``QT_QPA_PLATFORM=offscreen``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from pcc_desktop.app import create_application
from pcc_desktop.services import staff, startup
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.coverage_panel import CoveragePanel
from pcc_desktop.ui.engagement_settings_panel import EngagementSettingsPanel
from pcc_desktop.ui.tasks import TaskRunner


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
    """Every tab of the coverage panel for this year and last, then the settings and a dialog."""
    panel = CoveragePanel(ws, TaskRunner(synchronous=True))
    window = _host(panel)
    for index, name in enumerate(("npa", "months", "themes")):
        panel.tabs.setCurrentIndex(index)
        _save(window, out, f"coverage-{index + 1}-{name}")
    panel.set_year(panel.selected_year().year - 1)  # type: ignore[union-attr]
    panel.tabs.setCurrentIndex(0)
    _save(window, out, "coverage-4-last-year")
    panel.set_year(2024)  # the 2024 pre-election period
    _save(window, out, "coverage-5-2024-blackout")
    window.close()
    settings = EngagementSettingsPanel(ws)
    window = _host(settings)
    _save(window, out, "coverage-settings")
    settings.target_error.show_message("Enter a whole number from 0 to 52.")
    _save(window, out, "coverage-settings-error")
    settings.target_error.show_message("")
    settings.table.selectRow(0)
    dialog = settings.edit() or settings.add()
    dialog.name_edit.clear()
    dialog.buttons.accepted.emit()  # no name: shows the message at the field
    _save(dialog, out, "dialog-blackout-errors")
    dialog.reject()
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
