"""The Dog Unit register: police dogs, dog vans and sites, each a list with Add, Edit and Delete.

Every rule is in ``services.aws_register``: the forms (``aws_register_dialogs``) show its messages at
the field, and a delete the service refuses (a dog seen on visits, a site in use) is explained in a
message box. A dog or van that leaves the unit is given an out-of-service date and drops out of the
list unless "Show out of service" is ticked, so past visit reports keep their dogs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services.aws_register import (
    DogRow,
    SiteRow,
    VehicleRow,
    delete_dog,
    delete_site,
    delete_vehicle,
    list_dogs,
    list_sites,
    list_vehicles,
)
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_register_dialogs import DogDialog, SiteDialog, VehicleDialog
from pcc_desktop.ui.reference_dialogs import RecordDialog
from pcc_desktop.ui.table_models import Column, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


@dataclass(frozen=True)
class ListSpec:
    """One list of the register: what it shows, how it loads, edits and deletes."""

    key: str
    title: str
    noun: str
    columns: Sequence[Column[Any]]
    load: Callable[[Workspace, bool], list[Any]]
    editor: Callable[..., RecordDialog]
    delete: Callable[..., None]
    label: Callable[[Any], str]
    show_text: str
    empty_text: str


DOG_COLUMNS: list[Column[DogRow]] = [
    Column("name", "Name", lambda r: r.name),
    Column("collar_number", "Collar no.", lambda r: r.collar_number),
    Column("breed", "Breed", lambda r: r.breed),
    Column("role", "Role", lambda r: r.role_label),
    Column("site", "Site", lambda r: r.site_name),
    Column("kennel", "Kennel", lambda r: r.kennel),
    Column("handler", "Handler ref.", lambda r: r.handler_reference),
    Column(
        "in_service_on", "In service from", lambda r: r.in_service_on, lambda r: format_date(r.in_service_on)
    ),
    Column(
        "out_of_service_on",
        "Out of service from",
        lambda r: r.out_of_service_on,
        lambda r: format_date(r.out_of_service_on),
    ),
    Column("in_service", "In service", lambda r: _yes_no(r.in_service)),
]
VEHICLE_COLUMNS: list[Column[VehicleRow]] = [
    Column("call_sign", "Call sign", lambda r: r.call_sign),
    Column("description", "Description", lambda r: r.description),
    Column("site", "Site", lambda r: r.site_name),
    Column("heat_alarm", "Heat alarm", lambda r: _yes_no(r.heat_alarm)),
    Column(
        "in_service_on", "In service from", lambda r: r.in_service_on, lambda r: format_date(r.in_service_on)
    ),
    Column(
        "out_of_service_on",
        "Out of service from",
        lambda r: r.out_of_service_on,
        lambda r: format_date(r.out_of_service_on),
    ),
]
SITE_COLUMNS: list[Column[SiteRow]] = [
    Column("name", "Name", lambda r: r.name),
    Column("kind", "Kind", lambda r: r.kind_label),
    Column("active", "Active", lambda r: _yes_no(r.active)),
    Column("notes", "Notes", lambda r: r.notes.replace("\n", " ")),
]

SPECS: tuple[ListSpec, ...] = (
    ListSpec(
        key="dogs",
        title="&Police dogs",
        noun="dog",
        columns=DOG_COLUMNS,
        load=lambda ws, every: ws.run(list_dogs, every),
        editor=DogDialog,
        delete=delete_dog,
        label=lambda row: row.name,
        show_text="Show o&ut of service",
        empty_text="No dogs on the register. Use Add dog… to add the Dog Unit's dogs.",
    ),
    ListSpec(
        key="vehicles",
        title="Vehi&cles",
        noun="vehicle",
        columns=VEHICLE_COLUMNS,
        load=lambda ws, every: ws.run(list_vehicles, every),
        editor=VehicleDialog,
        delete=delete_vehicle,
        label=lambda row: row.call_sign,
        show_text="Show o&ut of service",
        empty_text="No dog vans on the register. Use Add vehicle… to add them.",
    ),
    ListSpec(
        key="sites",
        title="Sites and &kennels",
        noun="site",
        columns=SITE_COLUMNS,
        load=lambda ws, every: ws.run(list_sites, every),
        editor=SiteDialog,
        delete=delete_site,
        label=lambda row: row.name,
        show_text="Show sites o&ut of use",
        empty_text="No sites on the register. Use Add site… to add the Dog Unit.",
    ),
)


class RegisterList(QWidget):
    """One list of the register: a table, Add…/Edit…/Delete… and a check box for records out of use."""

    changed = Signal(str)

    def __init__(self, workspace: Workspace, spec: ListSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.workspace = workspace
        self.editor: RecordDialog | None = None
        self.setObjectName(f"aws_{spec.key}_list")
        self.model: RowTableModel[Any] = RowTableModel(spec.columns, self)
        self._build_table()
        self._build_controls()
        layout = QVBoxLayout(self)
        layout.addWidget(self.show_all)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(self._buttons)
        self._update_buttons()

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName(f"aws_{self.spec.key}_table")
        self.table.setAccessibleName(self.spec.title.replace("&", ""))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # Activated is a double-click or Enter on a row.
        self.table.activated.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.empty_label = QLabel(self.spec.empty_text, self)
        self.empty_label.setObjectName(f"aws_{self.spec.key}_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

    def _build_controls(self) -> None:
        noun = self.spec.noun
        self.show_all = QCheckBox(self.spec.show_text, self)
        self.show_all.setObjectName(f"aws_{self.spec.key}_show_all")
        self.show_all.setAccessibleName(self.spec.show_text.replace("&", ""))
        self.show_all.toggled.connect(lambda _on: self.reload())
        self._buttons = QHBoxLayout()
        self.add_button = self._button(f"&Add {noun}…", "add", f"Add {noun}", self.add)
        self.edit_button = self._button("&Edit…", "edit", f"Edit {noun}", self.edit)
        self.delete_button = self._button("De&lete…", "delete", f"Delete {noun}", self.delete)
        self._buttons.addStretch(1)

    def _button(self, text: str, key: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"aws_{self.spec.key}_{key}")
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda _checked=False: slot())
        self._buttons.addWidget(button)
        return button

    def reload(self) -> None:
        """Read the list again, keeping the selected record selected."""
        selected = self.current_row()
        self.model.set_rows(self.spec.load(self.workspace, self.show_all.isChecked()))
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select_id(selected.id)
        self._update_buttons()

    def select_id(self, record_id: Any) -> None:
        """Select the row of the record with ``record_id``, if it is listed."""
        for row, item in enumerate(self.model.rows()):
            if item.id == record_id:
                self.table.selectRow(row)
                return

    def current_row(self) -> Any | None:
        """The selected record, or None."""
        selected = self.table.selectionModel().selectedRows()
        return self.model.row_at(selected[0].row()) if selected else None

    def _update_buttons(self) -> None:
        has_row = self.current_row() is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    def add(self) -> RecordDialog:
        """Open the form for a new record (the list reloads after a save)."""
        return self.open_editor(None)

    def edit(self) -> RecordDialog | None:
        """Open the form for the selected record."""
        row = self.current_row()
        return self.open_editor(row) if row is not None else None

    def open_editor(self, row: Any | None) -> RecordDialog:
        """Show the add/edit form without blocking; the saved record is selected afterwards."""
        dialog = self.spec.editor(self.workspace, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_save(dialog.saved, row is None))
        self.editor = dialog
        dialog.open()
        return dialog

    def _after_save(self, saved: Any, added: bool) -> None:
        self.editor = None
        self.reload()
        if saved is not None:
            self.select_id(saved.id)
            verb = "added to" if added else "saved on"
            self.changed.emit(f"{self.spec.label(saved)} {verb} the register.")

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        answer = QMessageBox.question(self, "Delete", question, defaultButton=QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def delete(self) -> None:
        """Delete the selected record after confirmation; a refusal is explained."""
        row = self.current_row()
        if row is None:
            return
        label = self.spec.label(row)
        if not self.confirm(
            f"Delete the {self.spec.noun} “{label}”? Do this only for a record made by mistake."
        ):
            return
        try:
            self.workspace.act(self.spec.delete, row.id)
        except (ValidationError, NotFoundError) as exc:
            QMessageBox.warning(self, "Not deleted", str(exc))
        else:
            self.changed.emit(f"{label} deleted from the register.")
        self.reload()


class AwsRegisterPanel(QWidget):
    """The Dog Unit register: tabs for police dogs, dog vans and sites."""

    message = Signal(str)

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aws_register_panel")
        self.setAccessibleName("Dog Unit register")
        self.workspace = workspace
        self.tasks = tasks
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("aws_register_tabs")
        self.tabs.setAccessibleName("Dog Unit register lists")
        self.lists: dict[str, RegisterList] = {}
        for spec in SPECS:
            widget = RegisterList(workspace, spec, self)
            widget.changed.connect(self.message)
            self.lists[spec.key] = widget
            self.tabs.addTab(widget, spec.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.reload()

    def register_list(self, key: str) -> RegisterList:
        """The list called ``key``: ``dogs``, ``vehicles`` or ``sites``."""
        return self.lists[key]

    def show_list(self, key: str) -> RegisterList:
        """Bring the list called ``key`` to the front and return it."""
        widget = self.lists[key]
        self.tabs.setCurrentWidget(widget)
        return widget

    def reload(self) -> None:
        """Read every list again (after a restore, an import or a change elsewhere)."""
        for widget in self.lists.values():
            widget.reload()
