"""The Actions page: find actions, edit one, move several along, import and export."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services import action_queries, actions, choices, history
from pcc_desktop.services.action_queries import ActionFilter, ActionSort
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.action_detail_panel import ActionDetailPanel
from pcc_desktop.ui.action_filter_bar import ActionFilterBar, filter_from_json, filter_to_json
from pcc_desktop.ui.action_table_model import DUE_COLUMN, ActionTableModel
from pcc_desktop.ui.dialogs import ChooseDialog, ReasonDialog, StatusDialog, ask_to_save
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner


class ActionPage(QWidget):
    """List, filters and detail of the action tracker."""

    message = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("action_page")
        self._ws, self._settings, self._tasks = workspace, settings, tasks
        self._current: actions.ActionDetail | None = None
        self.filter_bar = ActionFilterBar(self)
        self.model = ActionTableModel(self._fetch, self)
        self.table = self._build_table()
        self.detail = ActionDetailPanel(self)
        self.count_label = QLabel(self, objectName="count_label")
        self.empty_label = QLabel(self, objectName="empty_label", wordWrap=True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setText(
            "No actions in this view.\n\nChoose another view or clear the filters, "
            "or press Ctrl+N to log a new action."
        )
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="action_splitter")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addWidget(self.count_label)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([820, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.commands = self._create_commands()
        self._connect()

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("actions_table")
        table.setAccessibleName("Actions")
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(DUE_COLUMN, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((105, 260, 120, 80, 65, 120, 180, 65, 130, 150, 150, 80)):
            table.setColumnWidth(column, width)
        return table

    def _command(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def _create_commands(self) -> dict[str, QAction]:
        """Commands of this page only; New, Save, Revert, Find and Refresh are the window's."""
        return {
            "status": self._command("Change &status…", self.change_status, "Ctrl+Shift+S"),
            "reassign": self._command("Reassi&gn…", self.reassign, "Ctrl+Shift+O"),
            "update": self._command("Add &update", self.focus_update, "Ctrl+U"),
            "delete": self._command("&Delete action…", self.delete_current, "Ctrl+Del"),
            "export": self._command("&Export this view…", self.export_view, "Ctrl+E"),
            "import": self._command("&Import actions…", self.import_file, "Ctrl+I"),
            "save_view": self._command("Save this &view…", self.save_view),
        }

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._on_filter_changed)
        self.filter_bar.save_requested.connect(self.save_view)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(lambda _index: self.detail.form.title_edit.setFocus())
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.detail.save_requested.connect(self.save_current)
        self.detail.revert_requested.connect(self.revert_current)
        self.detail.update_requested.connect(self._on_update_requested)

    # -- loading ---------------------------------------------------------------------------------

    def _fetch(
        self, flt: ActionFilter, sort: ActionSort, offset: int, limit: int
    ) -> action_queries.ActionPage:
        return self._ws.run(action_queries.list_actions, flt, sort, offset, limit)

    def reload(self) -> None:
        """Refresh choices, presets and the list, keeping the current action if still shown."""
        lists = self._ws.run(choices.action_choices)
        self.filter_bar.set_choices(lists)
        self.detail.form.set_choices(lists)
        self._refresh_presets()
        keep = self._current.id if self._current else None
        self.model.reload()
        self._select(keep)

    def start(self) -> None:
        """First show: open the user's own open actions."""
        lists = self._ws.run(choices.action_choices)
        self.filter_bar.set_choices(lists)
        self.detail.form.set_choices(lists)
        presets = self._refresh_presets()
        first = next(iter(presets))
        self.filter_bar.set_presets(presets, first)
        self.filter_bar.apply(presets[first], keep_view=True)

    def _refresh_presets(self) -> dict[str, ActionFilter]:
        presets = action_queries.preset_filters(self._ws.actor_id)
        presets.update(
            {name: filter_from_json(data) for name, data in self._settings.saved_filters().items()}
        )
        current = self.filter_bar.view_combo.current_id()
        self.filter_bar.set_presets(presets, str(current) if current else None)
        return presets

    def _on_filter_changed(self, flt: ActionFilter) -> None:
        if not self.confirm_discard():
            return
        self.model.set_filter(flt)
        self._select(self._current.id if self._current else None)

    def _update_count(self, *_args: object) -> None:
        shown, total = self.model.rowCount(), self.model.total
        text = f"{total:,} action{'s' if total != 1 else ''}"
        if shown < total:
            text += f" (first {shown:,} loaded; scroll for more)"
        self.count_label.setText(text)
        self.list_stack.setCurrentWidget(self.table if total else self.empty_label)

    def _select(self, action_id: uuid.UUID | None) -> None:
        row = self.model.row_of(action_id) if action_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row < 0:
            self._show(None if self._current is None else self._current.id)
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self._show(self.model.row_at(row).id)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            action_id = self.model.row_at(current.row()).id
            changed = self._current is None or self._current.id != action_id
            if changed and self.confirm_discard():
                self._show(action_id)

    def _show(self, action_id: uuid.UUID | None) -> None:
        detail = None
        if action_id is not None:
            try:
                detail = self._ws.run(actions.get_action, action_id)
            except NotFoundError:
                detail = None
        self._current = detail
        entries = self._ws.run(history.history_for, "action", detail.id) if detail else []
        self.detail.show_action(detail, entries, self._ws.actor_id)
        self.detail.set_dirty(False)

    # -- commands --------------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        if not self.detail.dirty:
            return True
        return ask_to_save(self, "action", self.save_current, lambda: None)

    def new_record(self) -> None:
        """Edit → New: a new action."""
        self.new_action()

    def new_action(self) -> None:
        """Start a blank action owned by the current user."""
        if not self.confirm_discard():
            return
        self._current = None
        self.table.clearSelection()
        self.detail.show_action(None, [], self._ws.actor_id)
        self.detail.tabs.setCurrentIndex(0)
        self.detail.form.title_edit.setFocus()

    def save_current(self) -> bool:
        """Save the form through the service; messages appear at the fields."""
        data = self.detail.form.read_input()
        try:
            if self._current is None:
                saved = self._ws.act(actions.create_action, data)
            else:
                reason = self._due_change_reason(data)
                if reason is None:
                    return False
                saved = self._ws.act(
                    actions.update_action, self._current.id, data, self._current.row_version, reason
                )
        except ValidationError as exc:
            rest = self.detail.form.show_errors(exc.errors)
            if rest:
                QMessageBox.warning(self, "Not saved", "\n".join(rest))
            return False
        except (ConflictError, NotFoundError) as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return False
        self._current = saved
        self.message.emit(f"Saved {saved.reference}")
        self.model.reload()
        self._select(saved.id)
        return True

    def _due_change_reason(self, data: actions.ActionInput) -> str | None:
        """Ask why an existing due date moves; None when the user cancels."""
        assert self._current is not None
        if self._current.due_on is None or data.due_on == self._current.due_on:
            return ""
        dialog = ReasonDialog(
            "Due date moved", "Say why the due date is changing; it goes in the history.", self
        )
        dialog.submit = lambda: (
            dialog.reason()
            or (_ for _ in ()).throw(ValidationError.single("reason", "Say why the due date is moving."))
        )
        return dialog.reason() if dialog.exec() else None

    def revert_current(self) -> None:
        """Throw away unsaved edits."""
        self._show(self._current.id if self._current else None)

    def focus_search(self) -> None:
        """Ctrl+F: jump to the search box."""
        self.filter_bar.search_edit.setFocus()
        self.filter_bar.search_edit.selectAll()

    def focus_update(self) -> None:
        """Jump to the new-update box of the current action."""
        if self._current is not None:
            self.detail.tabs.setCurrentIndex(1)
            self.detail.update_edit.setFocus()

    def selected_ids(self) -> list[uuid.UUID]:
        """Ids of the selected rows (the current action when nothing is selected)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.model.row_at(row).id for row in rows]
        return ids or ([self._current.id] if self._current else [])

    def change_status(self) -> None:
        """Move the selected actions to a new status."""
        ids = self.selected_ids()
        if not ids or not self.confirm_discard():
            return
        statuses = [self._ws.run(actions.get_action, i).status for i in ids]
        subject = (
            f"{self._current.reference}: {self._current.title} ({self._current.status_label})"
            if self._current
            else ""
        )
        dialog = StatusDialog(statuses, len(ids), self, subject)

        def submit() -> None:
            status, note, outcome = dialog.chosen()
            self._ws.act(actions.bulk_change_status, ids, status, note, outcome)

        dialog.submit = submit
        if dialog.exec():
            self.message.emit(f"Status changed on {len(ids)} action{'s' if len(ids) != 1 else ''}")
            self.reload()

    def reassign(self) -> None:
        """Give the selected actions a new owner."""
        ids = self.selected_ids()
        if not ids or not self.confirm_discard():
            return
        staff = self._ws.run(choices.action_choices).active_staff
        dialog = ChooseDialog("Reassign", "New &owner:", staff, self)
        dialog.submit = lambda: self._ws.act(actions.bulk_reassign, ids, dialog.chosen())
        if dialog.exec():
            self.message.emit(f"Reassigned {len(ids)} action{'s' if len(ids) != 1 else ''}")
            self.reload()

    def _on_update_requested(self, text: str) -> None:
        if self._current is None:
            return
        try:
            self._current = self._ws.act(actions.add_update, self._current.id, text)
        except ValidationError as exc:
            QMessageBox.warning(self, "Update not added", str(exc))
            return
        self._show(self._current.id)
        self.detail.tabs.setCurrentIndex(1)
        self.message.emit("Update added")

    def delete_current(self) -> None:
        """Delete an action logged in error (kept as a tombstone with the reason)."""
        if self._current is None:
            return
        current = self._current
        dialog = ReasonDialog(
            "Delete action", f"Delete {current.reference}? Say why; it stays in the history.", self
        )
        dialog.submit = lambda: self._ws.act(actions.delete_action, current.id, dialog.reason())
        if dialog.exec():
            self._current = None
            self.message.emit(f"Deleted {current.reference}")
            self.reload()

    def save_view(self) -> None:
        """Save the current filters as a named view."""
        name, ok = QInputDialog.getText(self, "Save view", "Name for this view:")
        if ok and name.strip():
            saved = self._settings.saved_filters()
            saved[name.strip()] = filter_to_json(self.filter_bar.current_filter())
            self._settings.set_saved_filters(saved)
            presets = self._refresh_presets()
            self.filter_bar.set_presets(presets, name.strip())

    def export_view(self) -> None:
        """Export every action in the current view to CSV or Excel (in the background)."""
        from pcc_desktop.services.action_io import export_actions

        folder = self._settings.export_folder or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export actions",
            str(Path(folder) / "actions.xlsx"),
            "Excel workbook (*.xlsx);;CSV file (*.csv)",
        )
        if not path:
            return
        self._settings.export_folder = str(Path(path).parent)
        flt, sort = self.model.current_filter, self.model.current_sort
        self.message.emit("Exporting…")
        self._tasks.run(
            lambda: self._ws.run(export_actions, flt, sort, Path(path)),
            on_success=lambda n: self.message.emit(f"Exported {n:,} actions to {path}"),
            on_error=lambda exc: QMessageBox.warning(self, "Export failed", str(exc)),
        )

    def import_file(self) -> None:
        """Import an action log; every bad row is listed and nothing is imported."""
        from pcc_desktop.ui.import_dialog import run_import

        run_import(self, self._ws, self._tasks, on_imported=self._on_imported)

    def _on_imported(self, count: int) -> None:
        self.message.emit(f"Imported {count:,} actions")
        self.reload()
