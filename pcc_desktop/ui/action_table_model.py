"""The action list's Qt model: pages rows in from SQL as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QBrush, QColor

from pcc_desktop.services.action_queries import ActionFilter, ActionPage, ActionRow, ActionSort
from pcc_desktop.services.clock import format_date
from pcc_desktop.ui.paged_table_model import PagedTableModel
from pcc_desktop.ui.table_models import RIGHT, Column

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


class ActionTableModel(PagedTableModel[ActionRow, ActionFilter]):
    """Filtered, sorted actions, fetched a page at a time through ``fetch`` (the action query)."""

    def __init__(self, fetch: Fetch, parent: Any = None) -> None:
        super().__init__(ACTION_COLUMNS, ActionFilter(), ActionSort().key, ActionSort().descending, parent)
        self._fetch = fetch

    @property
    def current_sort(self) -> ActionSort:
        """The sort in force."""
        return ActionSort(self._sort_key, self._descending)

    def fetch_page(self, offset: int, limit: int) -> ActionPage:
        return self._fetch(self._filter, self.current_sort, offset, limit)

    def page_size(self) -> int:
        return PAGE_SIZE  # read at call time, so a test can make pages small

    def sortable(self, key: str) -> bool:
        return key in SORTABLE

    def foreground(self, row: ActionRow, column: Column[ActionRow]) -> Any:
        overdue_cell = row.days_overdue and column.key in ("due_on", "days_overdue")
        return QBrush(OVERDUE_COLOUR) if overdue_cell else None
