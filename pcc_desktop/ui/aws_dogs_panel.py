"""Dogs seen and not seen: every dog in service, when it was last seen, and each dog's history.

The list comes from ``services.aws_history.dog_coverage`` and the history from ``dog_history``,
both through the workspace. Dogs not seen within the coverage period (a scheme setting, changed
here and saved for everyone) come first; they are marked "Not seen" in words and in red, so colour
is never the only cue. Selecting a dog shows what each submitted visit found.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import WelfareRating
from pcc_desktop.services import aws_settings
from pcc_desktop.services.aws_history import (
    NEEDS,
    RATING_LABELS,
    DogCoverage,
    DogCoverageRow,
    DogHistoryEntry,
    dog_coverage,
    dog_history,
)
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.table_models import RIGHT, Column, Index, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.widgets import FieldError

WARNING = QColor("#a4262c")
NO_DOGS = (
    "No dogs are in service. Add the Dog Unit's dogs in the Register tab and they will be listed "
    "here with when each was last seen."
)
CHOOSE = "Choose a dog above to see what each visit found."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def coverage_summary(coverage: DogCoverage) -> str:
    """``3 of 20 dogs not seen in the last 6 months (1 never seen).`` or the all-seen sentence."""
    total = len(coverage.rows)
    period = "month" if coverage.months == 1 else f"{coverage.months} months"
    if not total:
        return "No dogs in service."
    if not coverage.not_seen_count:
        return f"All {_plural(total, 'dog')} in service seen in the last {period}."
    never = sum(1 for r in coverage.rows if r.never_seen)
    extra = f" ({never} never seen)" if never else ""
    dogs = "dog" if total == 1 else "dogs"
    return f"{coverage.not_seen_count} of {total} {dogs} not seen in the last {period}{extra}."


def status_text(row: DogCoverageRow) -> str:
    """``Not seen`` or ``Seen``."""
    return "Not seen" if row.not_seen else "Seen"


def last_seen_text(row: DogCoverageRow) -> str:
    """The date last seen, or ``Never``."""
    return format_date(row.last_seen) if row.last_seen else "Never"


def months_text(row: DogCoverageRow) -> str:
    """Whole months since last seen, or ``–`` for a dog never seen."""
    return "–" if row.months_since is None else str(row.months_since)


def rating_text(rating: WelfareRating) -> str:
    """``Met``, ``Concern`` or ``Not assessed``."""
    return RATING_LABELS.get(rating, str(rating))


def history_notes(entry: DogHistoryEntry) -> str:
    """The condition notes, after a warning when the visit reported a serious issue."""
    serious = "Serious issue reported on this visit." if entry.serious_issue else ""
    return " ".join(part for part in (serious, entry.condition_notes) if part)


DOG_COLUMNS: list[Column[DogCoverageRow]] = [
    Column("name", "Name", lambda r: r.name),
    Column("collar", "Collar no.", lambda r: r.collar_number),
    Column("role", "Role", lambda r: r.role_label),
    Column("last_seen", "Last seen", lambda r: r.last_seen, display=last_seen_text),
    Column("months", "Months since", lambda r: r.months_since, display=months_text, align=RIGHT),
    Column("concerns", "Concerns (12 months)", lambda r: r.concerns, align=RIGHT),
    Column("status", "Status", status_text),
]
HISTORY_COLUMNS: list[Column[DogHistoryEntry]] = [
    Column("date", "Date", lambda e: e.visited_on, display=lambda e: format_date(e.visited_on)),
    Column("visit", "Visit", lambda e: e.reference),
    *[
        Column(need, need.capitalize(), lambda e, need=need: getattr(e, need),
               display=lambda e, need=need: rating_text(getattr(e, need)))
        for need in NEEDS
    ],
    Column("notes", "Notes", history_notes),
]  # fmt: skip


class DogCoverageModel(RowTableModel[DogCoverageRow]):
    """The dogs: a dog not seen is shown in red as well as marked "Not seen"."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As :class:`RowTableModel`, plus a red foreground on the rows of dogs not seen."""
        if role == Qt.ItemDataRole.ForegroundRole:
            if not index.isValid() or not 0 <= index.row() < self.rowCount():
                return None
            return WARNING if self.row_at(index.row()).not_seen else None
        return super().data(index, role)


class DogHistoryModel(RowTableModel[DogHistoryEntry]):
    """A dog's observations: a need rated a concern is shown in red as well as in words."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """As :class:`RowTableModel`, plus a red foreground on concerns."""
        if role == Qt.ItemDataRole.ForegroundRole:
            if not index.isValid() or not 0 <= index.row() < self.rowCount():
                return None
            key = self.columns[index.column()].key
            entry = self.row_at(index.row())
            return WARNING if key in NEEDS and getattr(entry, key) == WelfareRating.CONCERN else None
        return super().data(index, role)


def _table(name: str, accessible: str, model: RowTableModel[Any]) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _label(name: str, accessible: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AwsDogsPanel(QWidget):
    """The coverage period, the dogs in service (not seen first) and the chosen dog's history."""

    message = Signal(str)

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aws_dogs_panel")
        self.setAccessibleName("Dogs seen and not seen")
        self.workspace, self.tasks = workspace, tasks
        self.coverage: DogCoverage | None = None
        self._build_top()
        self._build_tables()
        layout = QVBoxLayout(self)
        layout.addLayout(self._top)
        layout.addWidget(self.months_error)
        layout.addWidget(self.summary)
        layout.addWidget(self.split, 1)
        self.reload()

    def _build_top(self) -> None:
        self.months_spin = QSpinBox()
        self.months_spin.setObjectName("aws_coverage_months")
        self.months_spin.setRange(*aws_settings.COVERAGE_MONTHS_RANGE)
        self.months_spin.setKeyboardTracking(False)  # save once the number is typed, not per key
        self.months_spin.setAccessibleName("Not seen in how many months")
        self.months_spin.lineEdit().setAccessibleName("Not seen in how many months")
        self.months_spin.valueChanged.connect(self.save_months)
        before = QLabel("&Not seen in")
        before.setBuddy(self.months_spin)
        self._top = QHBoxLayout()
        for widget in (before, self.months_spin, QLabel("months")):
            self._top.addWidget(widget)
        self._top.addStretch(1)
        self.months_error = FieldError()
        self.months_error.setObjectName("aws_coverage_months_error")
        self.summary = _label("aws_dogs_summary", "Dog coverage summary")

    def _build_tables(self) -> None:
        self.model = DogCoverageModel(DOG_COLUMNS, self)
        self.table = _table("aws_dogs_table", "Dogs in service", self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_history())
        self.empty_label = _label("aws_dogs_empty", "No dogs", NO_DOGS)
        self.history_model = DogHistoryModel(HISTORY_COLUMNS, self)
        self.history_table = _table("aws_dog_history", "Dog's history", self.history_model)
        self.history_heading = _label("aws_dog_history_heading", "Dog's history heading")
        self.history_empty = _label("aws_dog_history_empty", "No history", CHOOSE)
        top, bottom = QWidget(), QWidget()
        upper, lower = QVBoxLayout(top), QVBoxLayout(bottom)
        for box in (upper, lower):
            box.setContentsMargins(0, 0, 0, 0)  # the tables line up with the row above them
        upper.addWidget(self.table, 1)
        upper.addWidget(self.empty_label, 1)
        for widget, stretch in ((self.history_heading, 0), (self.history_table, 1), (self.history_empty, 1)):
            lower.addWidget(widget, stretch)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(top)
        self.split.addWidget(bottom)
        self.split.setSizes([420, 300])

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the coverage setting and the dogs again, keeping the dog selected."""
        months = self.workspace.run(aws_settings.coverage_months)
        self.months_spin.blockSignals(True)
        self.months_spin.setValue(months)
        self.months_spin.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        keep = self.current_dog()
        self.coverage = self.workspace.run(dog_coverage)
        rows = list(self.coverage.rows)
        self.summary.setText(coverage_summary(self.coverage))
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        ids = [r.dog_id for r in rows]
        if keep is not None and keep.dog_id in ids:
            self.table.selectRow(ids.index(keep.dog_id))
        self._show_history()

    def current_dog(self) -> DogCoverageRow | None:
        """The selected dog, if any."""
        selected = self.table.selectionModel().selectedRows()
        return self.model.row_at(selected[0].row()) if selected else None

    def select_dog(self, dog_id: uuid.UUID) -> bool:
        """Select the dog with ``dog_id`` (False when it is not listed)."""
        ids = [r.dog_id for r in self.model.rows()]
        if dog_id not in ids:
            return False
        self.table.selectRow(ids.index(dog_id))
        return True

    def _show_history(self) -> None:
        dog = self.current_dog()
        entries: list[DogHistoryEntry] = []
        if dog is None:
            self.history_heading.setText("")
            self.history_empty.setText(CHOOSE)
        else:
            try:
                entries = self.workspace.run(dog_history, dog.dog_id)
            except NotFoundError as exc:
                self.history_empty.setText(str(exc))
            else:
                self.history_empty.setText(f"{dog.name} has not been seen on a submitted visit yet.")
            collar = f" ({dog.collar_number})" if dog.collar_number else ""
            self.history_heading.setText(f"<b>{dog.name}{collar}</b>: {_plural(len(entries), 'visit')}")
        self.history_model.set_rows(entries)
        self.history_table.resizeColumnsToContents()
        self.history_table.setVisible(bool(entries))
        self.history_empty.setVisible(not entries)

    # --- the coverage setting ------------------------------------------------------------------

    def save_months(self, months: int) -> bool:
        """Save the coverage period for everyone and list the dogs again; an error shows at the field."""
        try:
            saved = self.workspace.act(aws_settings.set_coverage_months, months)
        except ValidationError as exc:
            self.months_error.show_message(exc.errors.get("coverage_months") or str(exc))
            return False
        self.months_error.show_message("")
        self._refresh()
        self.message.emit(f"Dogs not seen in {_plural(saved, 'month')} are now listed first.")
        return True
