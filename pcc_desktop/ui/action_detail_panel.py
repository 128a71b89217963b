"""The right-hand panel of the action page: the form, the updates and the history timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services.action_details import ActionDetail, UpdateData
from pcc_desktop.services.clock import format_date, format_moment
from pcc_desktop.services.history import HistoryEntry
from pcc_desktop.ui.action_form import ActionForm
from pcc_desktop.ui.table_models import Column, RowTableModel

FIELD_NAMES = {
    "created": "Created",
    "deleted": "Deleted",
    "status": "Status",
    "outcome": "Outcome",
    "title": "Title",
    "description": "Description",
    "owner_id": "Owner",
    "assignee_org_id": "Assigned to",
    "assignee_person": "Assigned person",
    "area_id": "Area",
    "themes": "Themes",
    "priority": "Priority",
    "logged_on": "Logged on",
    "due_on": "Due date",
    "completed_on": "Completed on",
    "update": "Update added",
    "origin_kind": "Origin",
    "meeting_id": "Meeting",
    "meeting_item": "Meeting item",
    "raiser_told": "Person told",
    "told_method": "Told by",
    "told_on": "Told on",
    "classification": "Classification",
    "publishable": "Publishable",
}


def _change_text(entry: HistoryEntry) -> str:
    if entry.field in ("created", "update"):
        return entry.new_value or ""
    old = entry.old_value if entry.old_value not in (None, "") else "(blank)"
    new = entry.new_value if entry.new_value not in (None, "") else "(blank)"
    return f"{old} → {new}"


HISTORY_COLUMNS: list[Column[HistoryEntry]] = [
    Column("when", "When", lambda e: e.changed_at, lambda e: format_moment(e.changed_at)),
    Column("who", "Who", lambda e: e.changed_by),
    Column("what", "What", lambda e: FIELD_NAMES.get(e.field, e.field)),
    Column("change", "Change", _change_text),
    Column("reason", "Reason", lambda e: e.reason),
]
UPDATE_COLUMNS: list[Column[UpdateData]] = [
    Column("noted_on", "Date", lambda u: u.noted_on, lambda u: format_date(u.noted_on)),
    Column("author", "By", lambda u: u.author),
    Column("text", "Update", lambda u: u.text),
]


def _table(model: RowTableModel, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return view


class ActionDetailPanel(QWidget):
    """Details, updates and history of the current action, with Save and Revert."""

    save_requested = Signal()
    revert_requested = Signal()
    update_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action_detail_panel")
        self.form = ActionForm(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("detail_tabs")
        self.tabs.addTab(scroll, "&Details")
        self.tabs.addTab(self._build_updates(), "U&pdates")
        self.history_model: RowTableModel[HistoryEntry] = RowTableModel(HISTORY_COLUMNS, self)
        self.history_view = _table(self.history_model, "history_table", self)
        self.history_view.setAccessibleName("Change history")
        self.tabs.addTab(self.history_view, "Histor&y")
        self.save_button = QPushButton("&Save", self, objectName="save_button")
        self.revert_button = QPushButton("Revert", self, objectName="revert_button")
        self.save_button.setToolTip("Save this action (Ctrl+S)")
        self.revert_button.setToolTip("Throw away unsaved edits (Esc)")
        self.dirty_label = QLabel("", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.dirty_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save_requested.emit)
        self.revert_button.clicked.connect(self.revert_requested.emit)
        self.form.changed.connect(lambda: self.set_dirty(True))
        self.set_dirty(False)

    def _build_updates(self) -> QWidget:
        page = QWidget(self)
        self.updates_model: RowTableModel[UpdateData] = RowTableModel(UPDATE_COLUMNS, self)
        self.updates_view = _table(self.updates_model, "updates_table", page)
        self.updates_view.setAccessibleName("Progress updates")
        self.update_edit = QLineEdit(
            page, objectName="update_edit", placeholderText="Type a progress update…"
        )
        self.update_edit.setAccessibleName("New update")
        self.add_update_button = QPushButton("&Add update", page, objectName="add_update_button")
        row = QHBoxLayout()
        row.addWidget(self.update_edit, 1)
        row.addWidget(self.add_update_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.updates_view, 1)
        layout.addLayout(row)
        self.add_update_button.clicked.connect(self._on_add_update)
        self.update_edit.returnPressed.connect(self._on_add_update)
        return page

    def _on_add_update(self) -> None:
        if self.update_edit.text().strip():
            self.update_requested.emit(self.update_edit.text())

    def show_action(
        self, detail: ActionDetail | None, history: list[HistoryEntry], owner_id: object = None
    ) -> None:
        """Show one action (or a blank new one) with its updates and history."""
        self.form.load(detail, owner_id)
        self.updates_model.set_rows(list(detail.updates) if detail else [])
        self.history_model.set_rows(list(reversed(history)))
        self.tabs.setTabEnabled(1, detail is not None)
        self.tabs.setTabEnabled(2, detail is not None)
        self.update_edit.clear()
        # A blank new form is not an unsaved change until something is typed into it.
        self.set_dirty(False)

    def set_dirty(self, dirty: bool) -> None:
        """Whether there are unsaved edits."""
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.dirty_label.setText("Unsaved changes" if dirty else "")
        self.dirty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
