"""A Qt table model over a list that lives in SQL: filtered, sorted and paged by a service query."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pcc_desktop.ui.table_models import Column, header_data

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")
FilterT = TypeVar("FilterT")


class Page(Protocol[RowT]):
    """What a service's list query returns: the matching total and one page of rows."""

    total: int
    rows: Sequence[RowT]


class PagedTableModel(QAbstractTableModel, Generic[RowT, FilterT]):
    """Rows fetched a page at a time (``canFetchMore``); filter and sort changes go back to SQL.

    Subclasses give the columns, the first filter and sort, and ``fetch_page(offset, limit)``,
    which calls the service with ``current_filter`` and the sort key. 200,000 records cost no
    more than the first page. Nothing is fetched before the first ``reload()``: Qt calls
    ``sort()`` while the view is being set up, and that must not query the whole table.
    """

    def __init__(
        self,
        columns: Sequence[Column[RowT]],
        flt: FilterT,
        sort_key: str,
        descending: bool,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._filter = flt
        self._sort_key, self._descending = sort_key, descending
        self._rows: list[RowT] = []
        self._total = 0
        self._loaded = False

    def fetch_page(self, offset: int, limit: int) -> Page[RowT]:
        """One page of rows for the current filter and sort (subclasses call their service)."""
        raise NotImplementedError

    def page_size(self) -> int:
        """Rows fetched at a time."""
        return 200

    def sortable(self, key: str) -> bool:
        """Whether the list can be sorted by the column ``key``."""
        return True

    @property
    def total(self) -> int:
        """How many records match the filter (not just those loaded)."""
        return self._total

    @property
    def current_filter(self) -> FilterT:
        """The filter in force."""
        return self._filter

    def set_filter(self, flt: FilterT) -> None:
        """Show the records matching ``flt``."""
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Fetch the first page again."""
        self._loaded = True
        page = self.fetch_page(0, self.page_size())
        self.beginResetModel()
        self._rows, self._total = list(page.rows), page.total
        self.endResetModel()

    def row_at(self, row: int) -> RowT:
        """The record shown in ``row``."""
        return self._rows[row]

    def row_of(self, record_id: object) -> int:
        """The row showing ``record_id``, or -1 if it is not loaded."""
        return next((i for i, r in enumerate(self._rows) if getattr(r, "id", None) == record_id), -1)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = self.fetch_page(len(self._rows), self.page_size())
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
        return 0 if parent.isValid() else len(self._columns)

    def foreground(self, row: RowT, column: Column[RowT]) -> Any:
        """A brush for cells that need one (always with text saying the same, never colour alone)."""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, column)
        return column.data(row, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self._columns, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self.sortable(self._columns[column].key):
            return
        self._sort_key = self._columns[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:
            self.reload()
