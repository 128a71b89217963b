"""The Detainees-spoken-to and Conditions tabs of a visit report."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import CheckResult
from pcc_desktop.services.custody_details import ConversationDetail, VisitDetail
from pcc_desktop.ui.conversation_dialog import result_combo
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel
from pcc_desktop.ui.widgets import Choice, ChoiceCombo


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _of(row: ConversationDetail, attribute: str) -> str:
    done = sum(1 for r in row.requests if getattr(r, attribute))
    return f"{done} of {len(row.requests)}" if row.requests else ""


CONVERSATION_COLUMNS: list[Column[ConversationDetail]] = [
    Column("position", "#", lambda r: r.position, align=RIGHT),
    Column("juvenile", "Juvenile", lambda r: r.juvenile, lambda r: _yes(r.juvenile)),
    Column("vulnerable", "Vulnerable", lambda r: r.vulnerable, lambda r: _yes(r.vulnerable)),
    Column("talk", "Talk consent", lambda r: r.consent_to_talk, lambda r: _yes(r.consent_to_talk)),
    Column(
        "record",
        "Consent to view record",
        lambda r: r.consent_to_view_record,
        lambda r: _yes(r.consent_to_view_record),
    ),
    Column("requests", "Requests", lambda r: ", ".join(q.category for q in r.requests)),
    Column("raised", "To sergeant", lambda r: _of(r, "raised_with_sergeant")),
    Column("resolved", "Resolved", lambda r: _of(r, "resolved_during_visit")),
]


class DetaineesPanel(QWidget):
    """The anonymous detainee rows of a report, with Add, Edit and Remove (the page does the saving)."""

    add_requested = Signal()
    edit_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detainees_panel")
        self.model: RowTableModel[ConversationDetail] = RowTableModel(CONVERSATION_COLUMNS, self)
        self.view = QTableView(self, objectName="detainees_table")
        self.view.setModel(self.model)
        self.view.setAccessibleName("Detainees spoken to")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(True)  # the requests are the point: show all of them
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda _index: self._edit())
        self.summary_label = QLabel(self, objectName="detainees_summary", wordWrap=True)
        self.add_button = QPushButton("&Add detainee…", self, objectName="add_detainee_button")
        self.edit_button = QPushButton("&Edit…", self, objectName="edit_detainee_button")
        self.remove_button = QPushButton("Re&move", self, objectName="remove_detainee_button")
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        label = QLabel("&Detainees spoken to (one anonymous row each; no names):", self)
        label.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)

    def selected(self) -> ConversationDetail | None:
        """The row chosen in the table."""
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _edit(self) -> None:
        row = self.selected()
        if row is not None:
            self.edit_requested.emit(row)

    def _remove(self) -> None:
        row = self.selected()
        if row is not None:
            self.remove_requested.emit(row)

    def load(self, detail: VisitDetail | None, editable: bool) -> None:
        """Show the report's rows; Add, Edit and Remove only on a draft."""
        rows = list(detail.conversations) if detail else []
        self.model.set_rows(rows)
        if rows:
            self.view.setCurrentIndex(self.model.index(len(rows) - 1, 0))
        seen = detail.seen if detail else 0
        self.summary_label.setText(
            f"{len(rows)} of {seen} detainees seen recorded here."
            if detail
            else "Save the report first, then add the detainees spoken to."
        )
        self.add_button.setEnabled(editable and len(rows) < seen)
        self.add_button.setToolTip(
            "" if len(rows) < seen else "Raise the number seen on the Report tab first."
        )
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(editable and bool(rows))


class ConditionsPanel(QWidget):
    """The conditions-and-facilities checklist: an answer and a note per item."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conditions_panel")
        self._loading = False
        self.grid = QGridLayout()
        self.combos: dict[uuid.UUID, ChoiceCombo] = {}
        self.notes: dict[uuid.UUID, QLineEdit] = {}
        intro = QLabel("Conditions and facilities seen on this visit (Not checked is left out):", self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.grid)
        layout.addStretch(1)

    def set_items(self, items: list[Choice]) -> None:
        """One line per conditions checklist item."""
        for widget in (*self.combos.values(), *self.notes.values()):
            widget.deleteLater()
        for index in reversed(range(self.grid.count())):
            item = self.grid.takeAt(index)
            if item.widget():
                item.widget().deleteLater()
        self.combos, self.notes = {}, {}
        for row, (item_id, text) in enumerate(items):
            combo = result_combo(self, text)
            note = QLineEdit(self, maxLength=5000, placeholderText="Note (optional)")
            note.setAccessibleName(f"{text}: note")
            label = QLabel(text, self, wordWrap=True)
            label.setBuddy(combo)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(combo, row, 1)
            self.grid.addWidget(note, row, 2)
            combo.currentIndexChanged.connect(self._on_edited)
            note.textEdited.connect(self._on_edited)
            self.combos[item_id], self.notes[item_id] = combo, note
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(2, 3)

    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def load(self, detail: VisitDetail | None, editable: bool) -> None:
        """Show the report's answers (Not checked where none)."""
        self._loading = True
        answers = {a.item_id: a for a in detail.conditions} if detail else {}
        for item_id, combo in self.combos.items():
            answer = answers.get(item_id)
            combo.set_current_id(answer.result if answer else CheckResult.NOT_CHECKED)
            self.notes[item_id].setText(answer.note if answer else "")
            combo.setEnabled(editable)
            self.notes[item_id].setEnabled(editable)
        self._loading = False

    def answers(self) -> dict[uuid.UUID, tuple[CheckResult, str]]:
        """Answered items only: ``{item id: (result, note)}``."""
        found = {}
        for item_id, combo in self.combos.items():
            result, note = combo.current_id(), self.notes[item_id].text().strip()
            if result != CheckResult.NOT_CHECKED or note:
                found[item_id] = (result, note)
        return found

    def focus_first(self) -> None:
        """Put the cursor on the first answer."""
        first = next(iter(self.combos.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
