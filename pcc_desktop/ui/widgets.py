"""Small reusable widgets: choice combos, optional dates, field error labels."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

Choice = tuple[uuid.UUID, str]
NO_DATE = QDate(1900, 1, 1)


class ChoiceCombo(QComboBox):
    """A searchable combo over (id, label) pairs, with an optional blank first entry."""

    def __init__(self, blank_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._blank_text = blank_text
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def setAccessibleName(self, name: str) -> None:
        """Name the combo and its edit box, which is what takes focus when the combo is editable."""
        super().setAccessibleName(name)
        if self.lineEdit() is not None:
            self.lineEdit().setAccessibleName(name)

    def setEditable(self, editable: bool) -> None:
        """Keep the accessible name on a newly created edit box."""
        super().setEditable(editable)
        if editable and self.accessibleName():
            self.lineEdit().setAccessibleName(self.accessibleName())

    def set_choices(self, choices: Sequence[tuple[object, str]]) -> None:
        """Replace the items, keeping the current choice where it still exists."""
        current = self.current_id()
        self.blockSignals(True)
        self.clear()
        # Values stay on the Python side: QVariant round-trips of UUIDs do not compare equal.
        self._values: list[object] = []
        if self._blank_text is not None:
            self.addItem(self._blank_text)
            self._values.append(None)
        for value, label in choices:
            self.addItem(label)
            self._values.append(value)
        self.blockSignals(False)
        self.set_current_id(current)

    def current_id(self) -> object:
        """The chosen id (None for the blank entry or text that matches nothing)."""
        values = getattr(self, "_values", [])
        index = self.currentIndex()
        if self.isEditable():
            index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return values[index] if 0 <= index < len(values) else None

    def set_current_id(self, value: object) -> None:
        """Choose the item with ``value`` (the blank entry when absent)."""
        values = getattr(self, "_values", [])
        index = values.index(value) if value is not None and value in values else -1
        self.setCurrentIndex(index if index >= 0 else (0 if self._blank_text is not None else -1))


class OptionalDateEdit(QDateEdit):
    """A date that may be left empty: the lowest date shows as ``blank_text``."""

    def __init__(self, blank_text: str = "Not set", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(blank_text)
        self.setDate(NO_DATE)

    def setAccessibleName(self, name: str) -> None:
        """Name the date box and its edit box (which takes focus)."""
        super().setAccessibleName(name)
        self.lineEdit().setAccessibleName(name)

    def value(self) -> date | None:
        """The date, or None when blank."""
        return None if self.date() == NO_DATE else self.date().toPython()  # type: ignore[no-any-return]

    def set_value(self, value: date | None) -> None:
        """Show ``value`` (blank for None)."""
        self.setDate(QDate(value) if value else NO_DATE)


class FieldError(QLabel):
    """A red message under a form field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #a4262c;")
        self.hide()

    def show_message(self, text: str) -> None:
        """Show ``text`` (prefixed with a warning sign so colour is not the only cue)."""
        self.setText(f"⚠ {text}" if text else "")
        self.setVisible(bool(text))


class CheckList(QListWidget):
    """A list of checkable (id, label) items, for choosing several themes."""

    def set_choices(self, choices: Sequence[Choice], checked: Sequence[uuid.UUID] = ()) -> None:
        """Replace the items and tick those in ``checked``."""
        self.clear()
        for value, label in choices:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked)

    def checked_ids(self) -> tuple[uuid.UUID, ...]:
        """Ids of the ticked items."""
        return tuple(
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, ids: Sequence[uuid.UUID]) -> None:
        """Tick exactly ``ids``."""
        for i in range(self.count()):
            item = self.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)


def add_checked_row(form: QFormLayout, label: str, widget: QWidget) -> FieldError:
    """Add ``label: widget`` to ``form`` with an error line under the widget; return the error line.

    The label's mnemonic moves focus to the widget, and the widget's accessible name is the label.
    """
    holder = QWidget(form.parentWidget())
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    error = FieldError(holder)
    box.addWidget(error)
    form.addRow(label, holder)
    buddy = form.labelForField(holder)
    if isinstance(buddy, QLabel):
        buddy.setBuddy(widget)
    widget.setAccessibleName(label.replace("&", "").rstrip(":"))
    return error
