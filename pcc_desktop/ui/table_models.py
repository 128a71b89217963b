"""Qt table models over lists of frozen DTO rows produced by the services."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _text(value: object) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header, its raw value and how the value is shown."""

    key: str
    header: str
    value: Callable[[T], object]
    display: Callable[[T], str] | None = None
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[T], str] | None = None
    width: int = field(default=0)

    def text(self, row: T) -> str:
        """The text shown in the cell."""
        return self.display(row) if self.display else _text(self.value(row))

    def data(self, row: T, role: int) -> Any:
        """What a model returns for ``role`` in this column (None for roles it does not fill)."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row)
        if role == Qt.ItemDataRole.EditRole:
            return self.value(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row) if self.tooltip else (self.text(row) or None)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.align.value)
        return None


def header_data(columns: Sequence[Column[Any]], section: int, orientation: Qt.Orientation, role: int) -> Any:
    """Column headers across the top, row numbers down the side."""
    if role != Qt.ItemDataRole.DisplayRole:
        return None
    if orientation == Qt.Orientation.Horizontal:
        return columns[section].header if 0 <= section < len(columns) else None
    return str(section + 1)


class RowTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of frozen row objects; sorting is the caller's job."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    @property
    def columns(self) -> list[Column[T]]:
        """The column specs, in order."""
        return list(self._columns)

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        """The DTO shown in ``row``."""
        return self._rows[row]

    def rows(self) -> list[T]:
        """Every row, in display order."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        return self._columns[index.column()].data(self._rows[index.row()], role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self._columns, section, orientation, role)
