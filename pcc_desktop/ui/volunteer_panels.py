"""The Schemes and "Training, awards and hours" tabs of a volunteer.

Each change goes through a volunteer service as soon as its dialog is accepted (there is no Save
for these); ``changed`` then carries a line for the status bar and the page reloads the volunteer.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import Scheme
from pcc_desktop.services import volunteer_records as records
from pcc_desktop.services import volunteers
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.errors import NotFoundError
from pcc_desktop.services.volunteer_records import AwardData, HoursData, TrainingData
from pcc_desktop.services.volunteers import MembershipData, VolunteerDetail
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel
from pcc_desktop.ui.volunteer_form import AwardDialog, HoursDialog, MembershipDialog, TrainingDialog

MEMBERSHIP_COLUMNS: list[Column[MembershipData]] = [
    Column("scheme", "Scheme", lambda m: m.scheme_label),
    Column("status", "Status", lambda m: m.status_label),
    Column("started", "Started", lambda m: m.started_on, lambda m: format_date(m.started_on)),
    Column("ended", "Ended", lambda m: m.ended_on, lambda m: format_date(m.ended_on)),
    Column("term", "Term ends", lambda m: m.term_ends_on, lambda m: format_date(m.term_ends_on)),
]
TRAINING_COLUMNS: list[Column[TrainingData]] = [
    Column("course", "Course", lambda t: t.course),
    Column("completed", "Completed", lambda t: t.completed_on, lambda t: format_date(t.completed_on)),
    Column("provider", "Provider", lambda t: t.provider),
]
AWARD_COLUMNS: list[Column[AwardData]] = [
    Column("name", "Award", lambda a: a.name),
    Column("awarded", "Awarded", lambda a: a.awarded_on, lambda a: format_date(a.awarded_on)),
]
HOURS_COLUMNS: list[Column[HoursData]] = [
    Column("date", "Date", lambda h: h.worked_on, lambda h: format_date(h.worked_on)),
    Column("hours", "Hours", lambda h: h.hours, lambda h: f"{h.hours:g}", align=RIGHT),
    Column("activity", "Activity", lambda h: h.activity),
]


def make_table(model: RowTableModel, name: str, parent: QWidget, stretch: int | None = None) -> QTableView:
    """A read-only, single-row-select table over ``model`` with accessible name ``name``.

    ``stretch`` is a column that takes the spare width while the others fit their contents.
    """
    table = QTableView(parent, objectName=name.lower().replace(" ", "_") + "_table")
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(stretch is None)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    if stretch is not None:
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _selected(table: QTableView) -> Any:
    index = table.currentIndex()
    model = table.model()
    return model.row_at(index.row()) if index.isValid() and isinstance(model, RowTableModel) else None


class SchemesPanel(QWidget):
    """The volunteer's memberships (status, dates, term) with Add and Edit."""

    changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._detail: VolunteerDetail | None = None
        self.model: RowTableModel[MembershipData] = RowTableModel(MEMBERSHIP_COLUMNS, self)
        self.table = make_table(self.model, "Scheme memberships", self, stretch=0)
        self.add_button = QPushButton("&Add to a scheme…", self, objectName="add_membership_button")
        self.edit_button = QPushButton("&Edit membership…", self, objectName="edit_membership_button")
        hint = QLabel(
            "A volunteer may belong to several schemes. Record a leaver by setting the status to Left "
            "with the date they left: the history is kept.",
            self,
            wordWrap=True,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_membership)
        self.edit_button.clicked.connect(self.edit_membership)
        self.table.activated.connect(lambda _index: self.edit_membership())
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

    def load(self, detail: VolunteerDetail | None) -> None:
        """Show the memberships of ``detail`` (none for a new volunteer)."""
        self._detail = detail
        self.model.set_rows(detail.memberships if detail else ())
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        free = self._free_schemes()
        self.add_button.setEnabled(self._detail is not None and bool(free))
        self.edit_button.setEnabled(_selected(self.table) is not None)

    def _free_schemes(self) -> list[Scheme]:
        held = {m.scheme for m in self._detail.memberships} if self._detail else set()
        return [s for s in Scheme if s not in held]

    def add_membership(self) -> None:
        """Ask for a scheme, status and dates, and add the membership."""
        if self._detail is not None and self._free_schemes():
            self._run(MembershipDialog(None, self._free_schemes(), self))

    def edit_membership(self) -> None:
        """Change the selected membership's status, dates or term."""
        current = _selected(self.table)
        if self._detail is not None and current is not None:
            self._run(MembershipDialog(current, [current.scheme], self))

    def _run(self, dialog: MembershipDialog) -> None:
        assert self._detail is not None
        volunteer_id = self._detail.id
        dialog.submit = lambda: self._ws.act(volunteers.set_membership, volunteer_id, dialog.read())
        if dialog.exec():
            data = dialog.read()
            self.changed.emit(
                f"{self._detail.reference}: {volunteers.SCHEME_SHORT_LABELS[data.scheme]} "
                f"membership saved ({volunteers.MEMBERSHIP_LABELS[data.status].lower()})"
            )


class _RecordSection(QGroupBox):
    """One list on the records tab (training, awards or hours) with Add and Remove."""

    def __init__(
        self, title: str, columns: list[Column[Any]], add_text: str, parent: QWidget, stretch: int = 0
    ) -> None:
        super().__init__(title, parent)
        self.model: RowTableModel[Any] = RowTableModel(columns, self)
        self.table = make_table(self.model, title, self, stretch)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName(f"Remove from {title.lower()}")
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(self.update_buttons)

    def set_rows(self, rows: tuple[Any, ...], enabled: bool) -> None:
        """Show ``rows``; Add only when there is a saved volunteer to add to."""
        self.model.set_rows(rows)
        self.add_button.setEnabled(enabled)
        self.update_buttons()

    def update_buttons(self, *_args: object) -> None:
        """Remove only with a row selected."""
        self.remove_button.setEnabled(_selected(self.table) is not None)


class RecordsPanel(QWidget):
    """Training records, awards and hours logged, with the volunteer's total hours and years of service."""

    changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._detail: VolunteerDetail | None = None
        self.summary_label = QLabel(self, objectName="records_summary")
        self.summary_label.setStyleSheet("font-weight: bold;")
        self.training = _RecordSection("Training", TRAINING_COLUMNS, "Add &training…", self)
        self.awards = _RecordSection("Awards", AWARD_COLUMNS, "Add a&ward…", self)
        self.hours = _RecordSection("Hours", HOURS_COLUMNS, "Log &hours…", self, stretch=2)
        inner = QWidget(self)
        box = QVBoxLayout(inner)
        box.addWidget(self.summary_label)
        for section in (self.training, self.awards, self.hours):
            box.addWidget(section, 1)
        scroll = QScrollArea(self, widgetResizable=True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._connect()

    def _connect(self) -> None:
        self.training.add_button.clicked.connect(
            lambda: self._add(TrainingDialog(self), records.add_training)
        )
        self.awards.add_button.clicked.connect(lambda: self._add(AwardDialog(self), records.add_award))
        self.hours.add_button.clicked.connect(lambda: self._add(HoursDialog(self), records.add_hours))
        self.training.remove_button.clicked.connect(
            lambda: self._remove(self.training, records.remove_training, "training record")
        )
        self.awards.remove_button.clicked.connect(
            lambda: self._remove(self.awards, records.remove_award, "award")
        )
        self.hours.remove_button.clicked.connect(
            lambda: self._remove(self.hours, records.remove_hours, "entry")
        )

    def load(self, detail: VolunteerDetail | None) -> None:
        """Show the records of ``detail`` (none for a new volunteer)."""
        self._detail = detail
        saved = detail is not None
        self.training.set_rows(detail.training if detail else (), saved)
        self.awards.set_rows(detail.awards if detail else (), saved)
        self.hours.set_rows(detail.hours if detail else (), saved)
        if detail is None:
            self.summary_label.setText("Save the volunteer first, then add their training, awards and hours.")
            return
        years = detail.years_of_service
        self.summary_label.setText(
            f"Hours logged here: {detail.total_hours:g}   ·   Years of service: {years}"
            f"{' (from the earliest scheme start)' if years else ''}"
        )

    def _add(self, dialog: SubmitDialog, service: Callable[..., Any]) -> None:
        if self._detail is None:
            return
        volunteer_id = self._detail.id
        dialog.submit = lambda: self._ws.act(service, volunteer_id, dialog.read())  # type: ignore[attr-defined]
        if dialog.exec():
            self.changed.emit(f"{self._detail.reference}: {dialog.windowTitle().lower()} saved")

    def _remove(self, section: _RecordSection, service: Callable[..., Any], what: str) -> None:
        row = _selected(section.table)
        if self._detail is None or row is None:
            return
        answer = QMessageBox.question(
            self, "Remove", f"Remove this {what} from {self._detail.name}'s record?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        record_id: uuid.UUID = row.id
        try:
            self._ws.act(service, record_id)
        except NotFoundError as exc:
            QMessageBox.warning(self, "Not removed", str(exc))
        self.changed.emit(f"{self._detail.reference}: {what} removed")
