"""Councillors contacted before a visit: who, their council, when, and their views."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services import engagements
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.engagements import CouncillorContactData, EngagementDetail
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.table_models import Column, RowTableModel
from pcc_desktop.ui.widgets import OptionalDateEdit

CONTACT_COLUMNS: list[Column[CouncillorContactData]] = [
    Column("name", "Councillor", lambda c: c.councillor_name),
    Column("council", "Council", lambda c: c.council),
    Column("contacted_on", "Contacted on", lambda c: c.contacted_on, lambda c: format_date(c.contacted_on)),
    Column("views", "Their views", lambda c: c.views.replace("\n", " ")),
]


class CouncillorDialog(SubmitDialog):
    """Add or edit one councillor contact; the councillor's name is personal data."""

    def __init__(self, data: CouncillorContactData | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Edit councillor contact" if data and data.id else "Add councillor contact", parent)
        self.setObjectName("councillor_dialog")
        self.setMinimumWidth(480)
        self._data = data or CouncillorContactData(contacted_on=today())
        self.name_edit = QLineEdit(self, maxLength=160, text=self._data.councillor_name)
        self.council_edit = QLineEdit(
            self, maxLength=160, text=self._data.council, placeholderText="e.g. Melton Borough Council"
        )
        self.contacted_edit = OptionalDateEdit("Not yet", self)
        self.contacted_edit.set_value(self._data.contacted_on)
        self.views_edit = QPlainTextEdit(self._data.views, self, tabChangesFocus=True)
        self.views_edit.setPlaceholderText("What they said about the visit and local issues")
        self.add_field("&Name:", "councillor_name", self.name_edit)
        self.add_field("&Council:", "council", self.council_edit)
        self.add_field("Contacted &on:", "contacted_on", self.contacted_edit)
        self.add_field("&Views:", "views", self.views_edit)

    def result_data(self) -> CouncillorContactData:
        """The contact as typed."""
        return CouncillorContactData(
            id=self._data.id,
            councillor_name=self.name_edit.text(),
            council=self.council_edit.text(),
            contacted_on=self.contacted_edit.value(),
            views=self.views_edit.toPlainText(),
            row_version=self._data.row_version,
        )


class CouncillorPanel(QWidget):
    """The councillor contacts of one engagement, with Add, Edit and Remove.

    Signals:
        changed: a contact was added, edited or removed.
    """

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("councillor_panel")
        self._ws = workspace
        self._engagement_id: uuid.UUID | None = None
        self.model: RowTableModel[CouncillorContactData] = RowTableModel(CONTACT_COLUMNS, self)
        self.view = QTableView(self, objectName="councillor_table")
        self.view.setModel(self.model)
        self.view.setAccessibleName("Councillors contacted")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((170, 200, 100)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(lambda _index: self.edit_contact())
        self.view.activated.connect(lambda _index: self.edit_contact())
        self.empty_label = QLabel(
            "No councillors recorded yet. Every local councillor is contacted before a community day: "
            "press Add to record who was contacted and what they said.",
            self,
            wordWrap=True,
        )
        self.add_button = QPushButton("&Add councillor…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.remove_button = QPushButton("&Remove…", self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_contact)
        self.remove_button.clicked.connect(self.remove_contact)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())

    def load(self, detail: EngagementDetail | None) -> None:
        """Show the contacts of ``detail`` (none for a new engagement)."""
        self._engagement_id = detail.id if detail else None
        self.model.set_rows(list(detail.councillor_contacts) if detail else [])
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.empty_label.setVisible(not has_rows)
        self.add_button.setEnabled(self._engagement_id is not None)
        selected = self.view.currentIndex().isValid()
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def _selected(self) -> CouncillorContactData | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _run_dialog(self, data: CouncillorContactData | None) -> None:
        engagement_id = self._engagement_id
        if engagement_id is None:
            return
        dialog = CouncillorDialog(data, self)

        def submit() -> None:
            contact = dialog.result_data()
            try:
                if contact.id is None:
                    self._ws.act(engagements.add_councillor_contact, engagement_id, contact)
                else:
                    self._ws.act(engagements.update_councillor_contact, contact.id, contact)
            except (ConflictError, NotFoundError) as exc:
                raise ValidationError.single("record", str(exc)) from exc

        dialog.submit = submit
        if dialog.exec():
            self._reload()

    def add_contact(self) -> None:
        """Record a councillor contacted before the visit."""
        self._run_dialog(None)

    def edit_contact(self) -> None:
        """Edit the selected contact."""
        contact = self._selected()
        if contact is not None:
            self._run_dialog(contact)

    def remove_contact(self) -> None:
        """Remove the selected contact (entered in error) after asking."""
        contact = self._selected()
        if contact is None:
            return
        answer = QMessageBox.question(
            self, "Remove councillor", f"Remove {contact.councillor_name} from this engagement?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._ws.act(engagements.remove_councillor_contact, contact.id)
        except NotFoundError as exc:
            QMessageBox.warning(self, "Not removed", str(exc))
        self._reload()

    def _reload(self) -> None:
        if self._engagement_id is not None:
            self.load(self._ws.run(engagements.get_engagement, self._engagement_id))
            self.changed.emit()
