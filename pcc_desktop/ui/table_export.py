"""'Export this table…' on every list: what the table shows, written to CSV or Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableView, QWidget

from pcc_desktop.services.table_export import write_table


def table_contents(model: QAbstractItemModel) -> tuple[list[str], list[list[object]]]:
    """Headers and rows as shown (display text); all rows are fetched first if the model pages."""
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    columns = range(model.columnCount())
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    rows = [[model.index(r, c).data() for c in columns] for r in range(model.rowCount())]
    return headers, rows


def export_table(view: QTableView, title: str, parent: QWidget | None = None) -> int | None:
    """Ask where, then write the table; returns the row count, or None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent or view,
        f"Export {title}",
        str(Path.home() / f"{title}.xlsx"),
        "Excel workbook (*.xlsx);;CSV file (*.csv)",
    )
    if not path:
        return None
    target = Path(path) if Path(path).suffix else Path(path + ".xlsx")
    headers, rows = table_contents(view.model())
    try:
        return write_table(headers, rows, target, title)
    except (OSError, ValueError) as exc:
        QMessageBox.warning(parent or view, "Export failed", str(exc))
        return None


def add_export_action(view: QTableView, title: str) -> QAction:
    """Give ``view`` a right-click 'Export this table…' command."""
    action = QAction("Export this table…", view)
    action.setToolTip(f"Save the {title} as shown to Excel or CSV")
    action.triggered.connect(lambda _checked=False: export_table(view, title))
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action


def install_table_exports(root: QWidget) -> int:
    """Add 'Export this table…' to every table under ``root`` that has no menu of its own."""
    added = 0
    for view in root.findChildren(QTableView):
        if view.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
            title = view.accessibleName() or view.objectName().replace("_", " ") or "table"
            add_export_action(view, title)
            added += 1
    return added
