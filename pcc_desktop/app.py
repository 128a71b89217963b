"""Start-up of the GUI: application, fonts, logging and crash handling, database, user, window."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from pcc_desktop import __version__, paths
from pcc_desktop.models.database import SchemaTooNewError

log = logging.getLogger("pcc_desktop")


def configure_logging() -> Path:
    """Log to a rotating file in the data folder (windowed builds have no console)."""
    log_file = paths.logs_dir() / "pcc-desktop.log"
    handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for old in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(old)  # one log file at a time, in the current data folder
        old.close()
    root.addHandler(handler)
    return log_file


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Log an uncaught error and show it; the app keeps running and committed data is safe."""
    text = "".join(traceback.format_exception(kind, value, tb))
    log.error("uncaught exception:\n%s", text)
    if QApplication.instance() is not None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Something went wrong",
            f"PCC Desktop hit an unexpected error: {value}\n\nYour saved work is safe. "
            f"The details are in the log at {paths.logs_dir()}.",
        )
        box.setDetailedText(text)
        box.exec()


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with names, bundled fonts and style set."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(argv)
    QCoreApplication.setOrganizationName(paths.APP_AUTHOR)
    QCoreApplication.setApplicationName(paths.APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    for font in sorted(paths.fonts_dir().glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font))
    app.setFont(QFont("DejaVu Sans", 9))
    app.setStyle("Fusion")
    return app  # type: ignore[return-value]


def _open(target: str | None) -> object | None:
    """Open the database, offering the newest good backup when it is damaged."""
    from pcc_desktop.services import backups, startup

    try:
        return startup.open_database(target)
    except SchemaTooNewError as exc:
        QMessageBox.critical(None, "Newer database", str(exc))
        return None
    except startup.DamagedDatabaseError as exc:
        if exc.backup is None:
            QMessageBox.critical(None, "Database damaged", f"{exc}\n\nNothing has been changed.")
            return None
        answer = QMessageBox.question(
            None,
            "Database damaged",
            f"{exc}\n\nRestore that backup? The damaged file is kept beside it, renamed.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        backups.quarantine_damaged(exc.db_file)
        backups.restore_backup(exc.backup, exc.db_file, paths.backups_dir())
        return startup.open_database(target)


def run_gui(db: str | None = None, user: str | None = None) -> int:
    """Open the main window on ``db`` (the default database when None)."""
    from pcc_desktop.services import backups, staff
    from pcc_desktop.ui.main_window import MainWindow
    from pcc_desktop.ui.settings import AppSettings
    from pcc_desktop.ui.tasks import TaskRunner
    from pcc_desktop.ui.who_dialog import WhoDialog

    configure_logging()
    sys.excepthook = _excepthook
    app = create_application(sys.argv)
    opened = _open(db)
    if opened is None:
        return 1
    ws = opened.workspace  # type: ignore[attr-defined]
    settings = AppSettings(paths.settings_path())
    if user:
        found = ws.run(staff.find_staff_by_name, user)
        ws.actor_id = found.id if found else None
    if ws.actor_id is None:
        who = WhoDialog(ws, settings.last_user_id)
        if not who.exec():
            return 0
        ws.actor_id = who.chosen_id
    settings.last_user_id = str(ws.actor_id)
    me = ws.run(staff.get_staff, ws.actor_id)
    window = MainWindow(ws, settings, TaskRunner(), me.name)
    window.show()
    code = app.exec()
    if ws.db_file is not None:
        backups.take_backup(ws.engine, paths.backups_dir(), automatic=True)
    return code
