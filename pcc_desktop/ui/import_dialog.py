"""Importing an action log: choose a file, run it in the background, list every bad row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.table_models import Column, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner


class ImportErrorsDialog(QDialog):
    """Every row that stopped an import, with its line number and reason."""

    def __init__(self, file_name: str, errors: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import not done")
        self.resize(720, 420)
        columns = [
            Column("line", "Line", lambda e: e.line),
            Column("column", "Column", lambda e: e.column),
            Column("message", "Problem", lambda e: e.message[:1].upper() + e.message[1:]),
        ]
        model: RowTableModel = RowTableModel(columns, self)
        model.set_rows(errors)
        table = QTableView(self)
        table.setObjectName("import_errors_table")
        table.setAccessibleName("Import problems")
        table.setModel(model)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        intro = QLabel(
            f"Nothing was imported from {file_name}: {len(errors)} row problem"
            f"{'s' if len(errors) != 1 else ''} must be fixed first. Correct the file and import it again.",
            self,
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table, 1)
        layout.addWidget(buttons)


def run_import(
    parent: QWidget,
    workspace: Workspace,
    tasks: TaskRunner,
    on_imported: Callable[[int], None],
    what: str = "actions",
) -> None:
    """Ask for a file and import it in the background; all rows or none.

    Args:
        parent: The window the dialogs belong to.
        workspace: The open database and signed-in user.
        tasks: Runs the import off the GUI thread.
        on_imported: Called on the GUI thread with the number of records created.
        what: A kind of ``services.importers.IMPORTERS``: actions, engagements, volunteers, visits.
    """
    from pcc_desktop.services.action_io import ImportFailed
    from pcc_desktop.services.importers import importer

    run = importer(what)
    path, _ = QFileDialog.getOpenFileName(
        parent, f"Import {what}", str(Path.home()), f"{what.capitalize()} logs (*.xlsx *.csv);;All files (*)"
    )
    if not path:
        return

    def failed(exc: Exception) -> None:
        if isinstance(exc, ImportFailed):
            ImportErrorsDialog(Path(path).name, list(exc.errors), parent).exec()
        else:
            QMessageBox.warning(parent, "Import failed", f"Nothing was imported: {exc}")

    tasks.run(
        lambda: workspace.act(run, Path(path)),
        on_success=lambda result: on_imported(result.created),
        on_error=failed,
    )
