"""File menu commands: back up now, restore from a backup."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from pcc_desktop import paths
from pcc_desktop.services import backups
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.tasks import TaskRunner


class FileCommands(QObject):
    """Backs up and restores the open database for the main window."""

    message = Signal(str)

    def __init__(self, window: QWidget, workspace: Workspace, tasks: TaskRunner) -> None:
        super().__init__(window)
        self._window, self._ws, self._tasks = window, workspace, tasks

    def back_up(self) -> None:
        """File → Back up now: a verified copy, chosen location, taken in the background."""
        db_file = self._ws.db_file
        if db_file is None:
            return
        suggested = paths.backups_dir() / backups.backup_name(db_file, automatic=False)
        target, _ = QFileDialog.getSaveFileName(
            self._window, "Back up the database", str(suggested), "PCC Desktop database (*.sqlite3)"
        )
        if not target:
            return
        self.message.emit("Backing up…")
        self._tasks.run(
            lambda: backups.take_backup(self._ws.engine, Path(target).parent, destination=Path(target)),
            on_success=lambda path: self.message.emit(f"Backed up to {path}"),
            on_error=lambda exc: QMessageBox.critical(self._window, "Backup failed", str(exc)),
        )

    def restore(self) -> None:
        """File → Restore: replace the database with a backup, keeping a copy of what is replaced."""
        db_file = self._ws.db_file
        if db_file is None:
            return
        source, _ = QFileDialog.getOpenFileName(
            self._window,
            "Restore from a backup",
            str(paths.backups_dir()),
            "PCC Desktop database (*.sqlite3);;All files (*)",
        )
        if not source:
            return
        answer = QMessageBox.warning(
            self._window,
            "Restore from backup",
            f"Replace the current database with {Path(source).name}?\n\nEverything entered since that backup "
            "will be replaced. A copy of the current database is kept in the backups folder first. "
            "PCC Desktop restarts afterwards.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._tasks.wait()
        self._ws.dispose()
        try:
            safety = backups.restore_backup(Path(source), db_file, paths.backups_dir())
        except ValueError as exc:
            QMessageBox.critical(self._window, "Restore failed", str(exc))
            return
        QMessageBox.information(
            self._window, "Restored", f"The database was restored. The replaced copy is {safety}."
        )
        self._restart()

    def _restart(self) -> None:
        QProcess.startDetached(sys.executable, [*sys.argv])  # type: ignore[call-overload]
        QApplication.quit()
