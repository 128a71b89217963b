"""The Checklists, Dogs seen and Findings tabs of a Dog Unit visit report."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import ChecklistArea, CheckResult, RaiserTold, ReportStatus, WelfareRating
from pcc_desktop.services.action_details import RAISER_LABELS
from pcc_desktop.services.action_lifecycle import STATUS_LABELS as ACTION_STATUS_LABELS
from pcc_desktop.services.aws_details import WELFARE_NEEDS, AwsVisitDetail, ObservationDetail, RaisedAction
from pcc_desktop.services.clock import format_date
from pcc_desktop.ui.aws_visit_list import AREA_TITLES, NEED_LABELS, RATING_LABELS
from pcc_desktop.ui.conversation_dialog import result_combo
from pcc_desktop.ui.table_models import Column, Index, RowTableModel
from pcc_desktop.ui.widgets import Choice, ChoiceCombo, FieldError

CONCERN_COLOUR = QColor("#a4262c")  # the red of the dogs seen and not seen list


def _actions(count: int) -> str:
    return f"{count} action{'' if count == 1 else 's'}"


def _need_column(need: str) -> Column[ObservationDetail]:
    return Column(
        need, NEED_LABELS[need], lambda r: getattr(r, need), lambda r: RATING_LABELS[getattr(r, need)]
    )


OBSERVATION_COLUMNS: list[Column[ObservationDetail]] = [
    Column("dog", "Dog", lambda r: r.dog_name),
    Column("collar", "Collar", lambda r: r.collar_number),
    *(_need_column(need) for need in WELFARE_NEEDS),
    Column("notes", "Notes", lambda r: r.condition_notes),  # short: the column is narrow
]
ACTION_COLUMNS: list[Column[RaisedAction]] = [
    Column("reference", "Reference", lambda r: r.reference),
    Column("title", "Title", lambda r: r.title),
    Column("status", "Status", lambda r: r.status, lambda r: ACTION_STATUS_LABELS[r.status]),
    Column("due", "Due", lambda r: r.due_on, lambda r: format_date(r.due_on)),
    Column("told", "Visitors told", lambda r: r.raiser_told, lambda r: RAISER_LABELS[r.raiser_told]),
]


class ObservationModel(RowTableModel[ObservationDetail]):
    """The dogs seen: a need rated a concern is shown in red as well as in words."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As :class:`RowTableModel`, plus a red foreground on concerns."""
        if role == Qt.ItemDataRole.ForegroundRole:
            if not index.isValid() or not 0 <= index.row() < self.rowCount():
                return None
            key = self.columns[index.column()].key
            row = self.row_at(index.row())
            return (
                CONCERN_COLOUR
                if key in WELFARE_NEEDS and getattr(row, key) == WelfareRating.CONCERN
                else None
            )
        return super().data(index, role)


def _table(parent: QWidget, name: str, model: RowTableModel, accessible: str, stretch: int) -> QTableView:
    """A table sized to its contents, except column ``stretch``, which takes the width left."""
    view = QTableView(parent, objectName=name)
    view.setModel(model)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    return view


class ChecklistsPanel(QWidget):
    """One group per area seen: each item answered Yes, No, Not checked or N/A, with a note."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aws_checklists_panel")
        self._loading = False
        self.groups: dict[ChecklistArea, QGroupBox] = {}
        self.combos: dict[uuid.UUID, ChoiceCombo] = {}
        self.notes: dict[uuid.UUID, QLineEdit] = {}
        self._area_of: dict[uuid.UUID, ChecklistArea] = {}
        self._shown: set[ChecklistArea] = set()
        self._editable = True
        self._items: dict[ChecklistArea, list[Choice]] = {}
        self.hint = QLabel(self, objectName="aws_checklists_hint", wordWrap=True)
        self.error = FieldError(self)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.hint)
        self._layout.addWidget(self.error)
        self._layout.addStretch(1)

    def set_items(self, items: dict[ChecklistArea, list[Choice]]) -> None:
        """One group per area, one line per item (hidden until the area is ticked as seen)."""
        if items == self._items:
            return  # rebuilding would throw away answers being typed
        self._items = {area: list(rows) for area, rows in items.items()}
        for group in self.groups.values():
            self._layout.removeWidget(group)
            group.deleteLater()
        self.groups, self.combos, self.notes, self._area_of = {}, {}, {}, {}
        for area, area_items in items.items():
            group = QGroupBox(AREA_TITLES[area], self)
            group.setAccessibleName(f"{AREA_TITLES[area]} checklist")
            grid = QGridLayout(group)
            for row, (item_id, text) in enumerate(area_items):
                combo = result_combo(group, text)
                note = QLineEdit(group, maxLength=5000, placeholderText="Note (optional)")
                note.setAccessibleName(f"{text}: note")
                label = QLabel(text, group, wordWrap=True)
                label.setBuddy(combo)
                for column, widget in enumerate((label, combo, note)):
                    grid.addWidget(widget, row, column)
                combo.currentIndexChanged.connect(self._on_edited)
                note.textEdited.connect(self._on_edited)
                self.combos[item_id], self.notes[item_id], self._area_of[item_id] = combo, note, area
            grid.setColumnStretch(0, 3)  # the item text wraps to two lines, not four
            grid.setColumnStretch(2, 3)
            self._layout.insertWidget(self._layout.count() - 1, group)
            self.groups[area] = group
        self.show_areas(tuple(self._shown))

    def show_areas(self, areas: tuple) -> None:
        """Show the groups of the areas ticked as seen on the Visit tab."""
        self._shown = set(areas)
        for area, group in self.groups.items():
            group.setVisible(area in areas)
        self._show_hint()

    def _show_hint(self) -> None:
        if not self._editable:
            text = "The checklists of the areas seen, as the visitors answered them."
        elif self._shown:
            text = "Answer the checklist of each area you saw (Not checked is left out)."
        else:
            text = "Tick the areas you saw on the Visit tab: their checklists appear here."
        self.hint.setText(text)

    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def load(self, detail: AwsVisitDetail | None, editable: bool) -> None:
        """Show the report's answers (Not checked where none)."""
        self._loading = True
        self.error.show_message("")
        answers = detail.answers() if detail else {}
        self._editable = editable
        for item_id, combo in self.combos.items():
            result, note = answers.get(item_id, (CheckResult.NOT_CHECKED, ""))
            combo.set_current_id(result)
            edit = self.notes[item_id]
            edit.setText(note)
            edit.setCursorPosition(0)  # a long note shows its start, the rest in the tooltip
            edit.setToolTip(note)
            edit.setPlaceholderText("Note (optional)" if editable else "")
            combo.setEnabled(editable)
            edit.setEnabled(editable)
        self._loading = False
        self._show_hint()

    def answers(self) -> dict[uuid.UUID, tuple[CheckResult, str]]:
        """Answered items of the areas shown: ``{item id: (result, note)}``."""
        found = {}
        for item_id, combo in self.combos.items():
            if self._area_of[item_id] not in self._shown:
                continue
            result, note = combo.current_id(), self.notes[item_id].text().strip()
            if result != CheckResult.NOT_CHECKED or note:
                found[item_id] = (result, note)
        return found  # type: ignore[return-value]


class DogsPanel(QWidget):
    """The dogs seen, with their five needs; Add, Edit and Remove (the page does the saving)."""

    add_requested = Signal()
    edit_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aws_dogs_panel")
        self.model = ObservationModel(OBSERVATION_COLUMNS, self)
        self.view = _table(self, "aws_dogs_table", self.model, "Dogs seen", len(OBSERVATION_COLUMNS) - 1)
        self.view.setWordWrap(False)
        self.view.doubleClicked.connect(lambda _index: self._emit(self.edit_requested))
        # The notes column is narrow beside the five needs: the chosen dog's notes are shown whole below.
        self.notes_label = QLabel(self, objectName="aws_dog_notes", wordWrap=True)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_label.setAccessibleName("Condition notes of the dog chosen")
        self.view.selectionModel().currentRowChanged.connect(lambda *_args: self._show_notes())
        self.summary_label = QLabel(self, objectName="aws_dogs_summary", wordWrap=True)
        self.error = FieldError(self)
        self.add_button = QPushButton("&Add dog…", self, objectName="add_dog_button")
        self.edit_button = QPushButton("&Edit…", self, objectName="edit_dog_button")
        self.remove_button = QPushButton("Re&move", self, objectName="remove_dog_button")
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.remove_button.clicked.connect(lambda: self._emit(self.remove_requested))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        label = QLabel("&Dogs seen, against the five welfare needs (Animal Welfare Act 2006 s.9):", self)
        label.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def selected(self) -> ObservationDetail | None:
        """The row chosen in the table."""
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_notes(self) -> None:
        row = self.selected()
        if row is None:
            text = ""
        else:
            collar = f" ({row.collar_number})" if row.collar_number else ""
            text = f"{row.dog_name}{collar}: {row.condition_notes or 'no condition notes.'}"
        self.notes_label.setText(text)
        self.notes_label.setVisible(bool(text))

    def _emit(self, signal: Signal) -> None:
        row = self.selected()
        if row is not None:
            signal.emit(row)  # type: ignore[attr-defined]

    def load(self, detail: AwsVisitDetail | None, editable: bool) -> None:
        """Show the report's dogs; Add, Edit and Remove only on a draft."""
        rows = list(detail.dogs) if detail else []
        self.model.set_rows(rows)
        self.error.show_message("")
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._show_notes()
        concerns = sum(1 for row in rows if row.concerns())
        self.summary_label.setText(
            f"{len(rows)} dog{'s' if len(rows) != 1 else ''} seen, {concerns} with a concern."
            if detail
            else "Save the report first, then add the dogs you saw."
        )
        self.add_button.setEnabled(editable)
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(editable and bool(rows))


class FindingsPanel(QWidget):
    """The coordinator's review: its notes and the actions raised, followed to closure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aws_findings_panel")
        self.status_label = QLabel(self, objectName="aws_review_status", wordWrap=True)
        self.notes_view = QPlainTextEdit(self, readOnly=True, objectName="aws_review_notes")
        self.notes_view.setAccessibleName("Review notes")
        self.notes_view.setFixedHeight(80)
        self.model: RowTableModel[RaisedAction] = RowTableModel(ACTION_COLUMNS, self)
        self.view = _table(self, "aws_actions_table", self.model, "Actions raised by the review", 1)
        self.view.setWordWrap(False)  # a long title is cut short; its tooltip has it whole
        self.told_label = QLabel(self, objectName="aws_told_label", wordWrap=True)
        notes_label = QLabel("Review &notes:", self)
        notes_label.setBuddy(self.notes_view)
        actions_label = QLabel("Actions &raised (the visitors are told the outcome):", self)
        actions_label.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes_view)
        layout.addWidget(actions_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.told_label)

    def load(self, detail: AwsVisitDetail | None) -> None:
        """Show the review of ``detail`` (or say it is still to come)."""
        actions = list(detail.actions) if detail else []
        self.model.set_rows(actions)
        self.notes_view.setPlainText(detail.review_notes if detail else "")
        if detail is None or detail.status == ReportStatus.DRAFT:
            text = "Submit the report first; the coordinator then reviews it and raises any findings."
        elif detail.status == ReportStatus.SUBMITTED:
            text = "Submitted, waiting for the coordinator's review (Review… below)."
        else:
            text = f"Reviewed on {format_date(detail.reviewed_on)}: {_actions(len(actions))} raised."
        self.status_label.setText(text)
        untold = sum(1 for a in actions if a.raiser_told == RaiserTold.NOT_YET)
        self.told_label.setText(
            f"⚠ The visitors are still to be told the outcome of {_actions(untold)}." if untold else ""
        )
        self.told_label.setVisible(bool(untold))

    def focus_first(self) -> None:
        """Put the cursor on the actions."""
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
