"""Admin: the staff list and the reference data (areas, organisations, themes, custody suites, ICV lists).

One tab per list, each a sortable, filterable table with Add…, Edit… and Delete. Every read and
write goes through the workspace; the services hold every rule (ARCHITECTURE §1, §5).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services import clock
from pcc_desktop.services.custody_reference_data import list_checklist_items, list_request_categories
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.reference_data import (
    delete_reference,
    list_areas,
    list_custody_suites,
    list_organisations,
    list_themes,
)
from pcc_desktop.services.staff import list_staff
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.custody_reference_dialogs import ChecklistItemDialog, RequestCategoryDialog
from pcc_desktop.ui.engagement_settings_panel import EngagementSettingsPanel
from pcc_desktop.ui.reference_dialogs import (
    AreaDialog,
    CustodySuiteDialog,
    OrganisationDialog,
    RecordDialog,
    StaffDialog,
    ThemeDialog,
)
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


@dataclass(frozen=True)
class TabSpec:
    """What one Admin tab lists and how it edits."""

    key: str
    title: str
    noun: str
    columns: Sequence[Column[Any]]
    load: Callable[[Workspace, bool], list[Any]]
    editor: Callable[[Workspace, Any, QWidget], RecordDialog]
    empty_text: str
    delete_kind: str | None = None
    has_inactive: bool = True
    label: Callable[[Any], str] = lambda row: row.name


def _active(row: Any) -> str:
    return _yes_no(row.active)


TAB_SPECS: tuple[TabSpec, ...] = (
    TabSpec(
        key="staff",
        title="&Staff",
        noun="member of staff",
        columns=[
            Column("name", "Name", lambda r: r.name),
            Column("job_title", "Job title", lambda r: r.job_title),
            Column("role", "Role", lambda r: r.role_label),
            Column("email", "Email", lambda r: r.email),
            Column("active", "Active", _active),
        ],
        load=lambda ws, inactive: ws.run(list_staff, inactive),
        editor=StaffDialog,
        empty_text="Nobody is on the staff list yet. Use Add… to add the first person.",
    ),
    TabSpec(
        key="areas",
        title="A&reas",
        noun="area",
        columns=[
            Column("name", "Name", lambda r: r.name),
            Column("kind", "Kind", lambda r: r.kind_label),
            Column("parent", "Inside", lambda r: r.parent_name),
            Column("command", "Command", lambda r: r.command),
            Column("rural", "Rural", lambda r: _yes_no(r.is_rural)),
            Column("active", "Active", _active),
            Column("notes", "Notes", lambda r: r.notes),
        ],
        load=lambda ws, inactive: ws.run(list_areas, None, inactive),
        editor=AreaDialog,
        empty_text="No areas yet. Use Add… to add the force area, councils and NPAs.",
        delete_kind="area",
    ),
    TabSpec(
        key="organisations",
        title="&Organisations",
        noun="organisation",
        columns=[
            Column("name", "Name", lambda r: r.name),
            Column("kind", "Kind", lambda r: r.kind_label),
            Column("active", "Active", _active),
        ],
        load=lambda ws, inactive: ws.run(list_organisations, None, inactive),
        editor=OrganisationDialog,
        empty_text="No organisations yet. Use Add… to add Force departments, councils and partners.",
        delete_kind="organisation",
    ),
    TabSpec(
        key="themes",
        title="&Themes",
        noun="theme",
        columns=[Column("name", "Name", lambda r: r.name), Column("active", "Active", _active)],
        load=lambda ws, inactive: ws.run(list_themes, inactive),
        editor=ThemeDialog,
        empty_text="No themes yet. Use Add… to add the topics residents raise.",
        delete_kind="theme",
    ),
    TabSpec(
        key="custody_suites",
        title="&Custody suites",
        noun="custody suite",
        columns=[
            Column("name", "Name", lambda r: r.name),
            Column("cells", "Cells", lambda r: r.cell_count, align=RIGHT),
            Column("visits", "Visits a week", lambda r: r.visits_per_week, align=RIGHT),
            Column(
                "from",
                "In use from",
                lambda r: r.active_from.isoformat() if r.active_from else "",
                display=lambda r: clock.format_date(r.active_from),
            ),
            Column(
                "to",
                "In use until",
                lambda r: r.active_to.isoformat() if r.active_to else "",
                display=lambda r: clock.format_date(r.active_to),
            ),
        ],
        load=lambda ws, inactive: ws.run(list_custody_suites, inactive),
        editor=CustodySuiteDialog,
        empty_text="No custody suites yet. Use Add… to add the suites the visitors go to.",
        delete_kind="custody_suite",
    ),
    TabSpec(
        key="request_categories",
        title="Re&quest categories",
        noun="request category",
        columns=[
            Column("name", "Name", lambda r: r.name),
            Column("position", "Position", lambda r: r.position, align=RIGHT),
            Column("active", "Active", _active),
        ],
        load=lambda ws, inactive: ws.run(list_request_categories, inactive),
        editor=RequestCategoryDialog,
        empty_text="No request categories yet. Use Add… to add the kinds of request detainees make.",
        delete_kind="request_category",
    ),
    TabSpec(
        key="checklist_items",
        title="Chec&klists",
        noun="checklist item",
        columns=[
            Column("area", "Checklist", lambda r: r.area_label),
            Column("position", "Position", lambda r: r.position, align=RIGHT),
            Column("text", "Question", lambda r: r.text),
            Column("active", "Active", _active),
        ],
        load=lambda ws, inactive: ws.run(list_checklist_items, None, inactive),
        editor=ChecklistItemDialog,
        empty_text="No checklist items yet. Use Add… to add the questions visitors answer.",
        delete_kind="checklist_item",
        label=lambda row: row.text,
    ),
)


class ReferenceTab(QWidget):
    """One Admin list: filter, table, Add…/Edit…/Delete and "Show inactive"."""

    def __init__(self, workspace: Workspace, spec: TabSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.workspace = workspace
        self.editor: RecordDialog | None = None
        self.setObjectName(f"{spec.key}_tab")
        self.model: RowTableModel[Any] = RowTableModel(spec.columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.EditRole)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self._build_controls()
        self._build_table()
        self._build_layout()
        self._update_buttons()

    def _build_controls(self) -> None:
        plain = self.spec.title.replace("&", "").lower()
        self.filter = QLineEdit()
        self.filter.setObjectName(f"{self.spec.key}_filter")
        self.filter.setPlaceholderText("Type to filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter {plain}")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_label = QLabel("Fi&lter:")
        self.filter_label.setBuddy(self.filter)
        self.show_inactive = QCheckBox("Show &inactive")
        self.show_inactive.setObjectName(f"{self.spec.key}_show_inactive")
        self.show_inactive.setAccessibleName(f"Show inactive {plain}")
        self.show_inactive.setVisible(self.spec.has_inactive)
        self.show_inactive.toggled.connect(self.reload)
        self.add_button = self._button("&Add…", "add", f"Add {self.spec.noun}", self.add)
        self.edit_button = self._button("&Edit…", "edit", f"Edit {self.spec.noun}", self.edit)
        self.delete_button = self._button("&Delete", "delete", f"Delete {self.spec.noun}", self.delete)
        self.delete_button.setVisible(self.spec.delete_kind is not None)

    def _button(self, text: str, key: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"{self.spec.key}_{key}")
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        return button

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName(f"{self.spec.key}_table")
        self.table.setAccessibleName(self.spec.title.replace("&", ""))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty_label = QLabel(self.spec.empty_text)
        self.empty_label.setObjectName(f"{self.spec.key}_empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(self.show_inactive)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        """Read the list again, keeping the selected record selected."""
        selected = self.current_row()
        self.model.set_rows(self.spec.load(self.workspace, self.show_inactive.isChecked()))
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if self.table.horizontalHeader().sectionSize(0) < 200:
            self.table.resizeColumnsToContents()
        if selected is not None:
            self.select_id(selected.id)
        self._update_buttons()

    def select_id(self, record_id: Any) -> None:
        """Select and show the row of the record with ``record_id``, if it is listed."""
        for row, item in enumerate(self.model.rows()):
            if item.id == record_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid():
                    self.table.setCurrentIndex(index)
                    self.table.scrollTo(index)
                return

    def current_row(self) -> Any | None:
        """The record of the current row, or None."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def _update_buttons(self) -> None:
        has_row = self.current_row() is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    def add(self) -> RecordDialog:
        """Open the form for a new record (window-modal; the list reloads after a save)."""
        return self.open_editor(None)

    def edit(self) -> RecordDialog | None:
        """Open the form for the selected record."""
        row = self.current_row()
        return self.open_editor(row) if row is not None else None

    def open_editor(self, row: Any | None) -> RecordDialog:
        """Show the add/edit form without blocking; a saved record is selected afterwards."""
        dialog = self.spec.editor(self.workspace, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_save(dialog.saved))
        self.editor = dialog
        dialog.open()
        return dialog

    def _after_save(self, saved: Any) -> None:
        self.editor = None
        self.reload()
        if saved is not None:
            self.select_id(saved.id)
            self._update_buttons()

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        answer = QMessageBox.question(self, "Delete", question, defaultButton=QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def delete(self) -> None:
        """Delete the selected record after confirmation; refusals are explained."""
        row = self.current_row()
        if row is None or self.spec.delete_kind is None:
            return
        if not self.confirm(f"Delete the {self.spec.noun} “{self.spec.label(row)}”?"):
            return
        try:
            self.workspace.act(delete_reference, self.spec.delete_kind, row.id)
        except (ValidationError, NotFoundError) as exc:
            QMessageBox.warning(self, "Not deleted", str(exc))
        self.reload()


class AdminPage(QWidget):
    """The Admin page: a tab for each list (staff, areas… checklists) and the coverage settings."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin_page")
        self.setAccessibleName("Admin")
        self.workspace = workspace
        self.tabs = QTabWidget()
        self.tabs.setObjectName("admin_tabs")
        self.tabs.setAccessibleName("Admin lists")
        self._tabs: dict[str, ReferenceTab] = {}
        for spec in TAB_SPECS:
            tab = ReferenceTab(workspace, spec)
            self._tabs[spec.key] = tab
            self.tabs.addTab(tab, spec.title)
        self.engagement_settings = EngagementSettingsPanel(workspace, self)
        self.tabs.addTab(self.engagement_settings, "Co&verage settings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.reload()

    def tab(self, key: str) -> ReferenceTab:
        """The tab for ``key``, a ``TabSpec.key`` such as "staff", "themes" or "checklist_items"."""
        return self._tabs[key]

    def show_tab(self, key: str) -> ReferenceTab:
        """Bring a tab to the front and return it."""
        tab = self._tabs[key]
        self.tabs.setCurrentWidget(tab)
        return tab

    def reload(self) -> None:
        """Read every list again (after a restore, an import or a change elsewhere)."""
        for tab in self._tabs.values():
            tab.reload()
        self.engagement_settings.reload()
