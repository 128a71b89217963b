"""The action list's Qt model: pages rows in from SQL as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from pcc_desktop.services.action_queries import ActionFilter, ActionPage, ActionRow, ActionSort
from pcc_desktop.services.clock import format_date
from pcc_desktop.ui.table_models import RIGHT, Column, header_data

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[ActionFilter, ActionSort, int, int], ActionPage]

PAGE_SIZE = 200
OVERDUE_COLOUR = QColor("#a4262c")


def _overdue_text(row: ActionRow) -> str:
    if not row.days_overdue:
        return ""
    return f"{row.days_overdue} day" + ("" if row.days_overdue == 1 else "s")


DUE_COLUMN = 3

ACTION_COLUMNS: list[Column[ActionRow]] = [
    Column("reference", "Reference", lambda r: r.reference),
    Column("title", "Title", lambda r: r.title),
    Column("status", "Status", lambda r: r.status_label),
    Column("due_on", "Due", lambda r: r.due_on, lambda r: format_date(r.due_on), RIGHT),
    Column(
        "days_overdue",
        "Overdue",
        lambda r: r.days_overdue,
        _overdue_text,
        RIGHT,
        tooltip=lambda r: f"{_overdue_text(r)} overdue (working days)" if r.days_overdue else "",
    ),
    Column("owner", "Owner", lambda r: r.owner_name),
    Column("assignee", "Assigned to", lambda r: r.assignee),
    Column("priority", "Priority", lambda r: r.priority_label),
    Column("area", "Area", lambda r: r.area_name),
    Column("themes", "Themes", lambda r: r.themes),
    Column("origin", "Origin", lambda r: r.origin),
    Column("logged_on", "Logged", lambda r: r.logged_on, lambda r: format_date(r.logged_on), RIGHT),
]
SORTABLE = {
    "reference",
    "title",
    "status",
    "priority",
    "owner",
    "assignee",
    "area",
    "origin",
    "logged_on",
    "due_on",
    "days_overdue",
}


class ActionTableModel(QAbstractTableModel):
    """Filtered, sorted actions; rows are fetched a page at a time (``canFetchMore``).

    Filtering and sorting are pushed to SQL through ``fetch``, so 200,000 actions cost no more
    than the first page.
    """

    def __init__(self, fetch: Fetch, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._filter = ActionFilter()
        self._sort = ActionSort()
        self._rows: list[ActionRow] = []
        self._total = 0
        # Qt calls sort() while the view is being set up; nothing is fetched until the first reload.
        self._loaded = False

    @property
    def total(self) -> int:
        """How many actions match the filter (not just those loaded)."""
        return self._total

    @property
    def current_filter(self) -> ActionFilter:
        """The filter in force."""
        return self._filter

    @property
    def current_sort(self) -> ActionSort:
        """The sort in force."""
        return self._sort

    def set_filter(self, flt: ActionFilter) -> None:
        """Show the actions matching ``flt``."""
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Fetch the first page again."""
        self._loaded = True
        page = self._fetch(self._filter, self._sort, 0, PAGE_SIZE)
        self.beginResetModel()
        self._rows, self._total = list(page.rows), page.total
        self.endResetModel()

    def row_at(self, row: int) -> ActionRow:
        """The action shown in ``row``."""
        return self._rows[row]

    def row_of(self, action_id: object) -> int:
        """The row showing ``action_id``, or -1 if it is not loaded."""
        return next((i for i, r in enumerate(self._rows) if r.id == action_id), -1)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = self._fetch(self._filter, self._sort, len(self._rows), PAGE_SIZE)
        if not page.rows:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ACTION_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], ACTION_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            overdue_cell = row.days_overdue and column.key in ("due_on", "days_overdue")
            return QBrush(OVERDUE_COLOUR) if overdue_cell else None
        return column.data(row, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(ACTION_COLUMNS, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = ACTION_COLUMNS[column].key
        if key not in SORTABLE:
            return
        self._sort = ActionSort(key, order == Qt.SortOrder.DescendingOrder)
        if self._loaded:
            self.reload()
