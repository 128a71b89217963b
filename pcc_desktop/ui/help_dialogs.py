"""Help menu dialogs: keyboard shortcuts and About."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop import __version__, paths


def _dialog_layout(dialog: QDialog) -> QVBoxLayout:
    layout = QVBoxLayout(dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    dialog.finish = lambda: layout.addWidget(buttons)  # type: ignore[attr-defined]
    return layout


class ShortcutsDialog(QDialog):
    """Every command that has a keyboard shortcut, in one list."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(480, 520)
        rows = [
            (a.text().replace("&", ""), a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
            for a in actions
            if not a.shortcut().isEmpty()
        ]
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcuts_table")
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Command", "Shortcut"])
        for row, (text, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(text))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        layout = _dialog_layout(self)
        layout.addWidget(QLabel("In lists, Enter opens the selected action; Tab moves between fields.", self))
        layout.addWidget(table)
        self.finish()  # type: ignore[attr-defined]


class AboutDialog(QDialog):
    """Version, database path and data folder."""

    def __init__(self, db_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About PCC Desktop")
        text = QLabel(
            f"<h3>PCC Desktop {__version__}</h3>"
            "<p>For the Office of the Police and Crime Commissioner: engagement, actions to closure, "
            "custody and animal welfare visiting, and Panel reports.</p>"
            f"<p><b>Database:</b> {db_file or 'server database'}<br>"
            f"<b>Data folder:</b> {paths.data_dir()}<br>"
            f"<b>Backups:</b> {paths.backups_dir()}<br>"
            f"<b>Logs:</b> {paths.logs_dir()}</p>",
            self,
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(
            text.textInteractionFlags() | text.textInteractionFlags().TextSelectableByMouse
        )
        layout = _dialog_layout(self)
        layout.addWidget(text)
        self.finish()  # type: ignore[attr-defined]
