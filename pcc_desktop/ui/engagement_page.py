"""The Engagement page: find engagements, plan one, capture it live, record councillors contacted."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import AreaKind, EngagementStatus
from pcc_desktop.services import choices, engagement_export, engagements, reference_data
from pcc_desktop.services.clock import today
from pcc_desktop.services.engagements import EngagementDetail, EngagementFilter
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.capture_panel import CapturePanel
from pcc_desktop.ui.councillor_panel import CouncillorPanel
from pcc_desktop.ui.dialogs import ReasonDialog, ask_to_save
from pcc_desktop.ui.engagement_form import PlanTab
from pcc_desktop.ui.engagement_table_model import (
    DATE_COLUMN,
    UPCOMING_AND_RECENT,
    EngagementFilterBar,
    EngagementTableModel,
)
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner

PLAN_TAB, CAPTURE_TAB, COUNCILLORS_TAB = 0, 1, 2


def export_engagements(ws: Workspace, flt: EngagementFilter, sort: tuple[str, bool], path: Path) -> int:
    """Write every engagement matching ``flt`` to CSV or Excel (by the file's suffix); return the count."""
    return ws.run(engagement_export.export_engagements, flt, sort[0], sort[1], path)


class EngagementPage(QWidget):
    """List and filters of engagements, with the plan, capture and councillor tabs of the current one."""

    message = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("engagement_page")
        self._ws, self._settings, self._tasks = workspace, settings, tasks
        self._current: EngagementDetail | None = None
        self.dirty = False
        self.filter_bar = EngagementFilterBar(self)
        self.model = EngagementTableModel(self._fetch, self)
        self.table = self._build_table()
        self.count_label = QLabel(self, objectName="count_label")
        self.empty_label = QLabel(
            "No engagements in this view.\n\nChoose another view or clear the filters, "
            "or press Ctrl+N to plan a new engagement.",
            self,
            objectName="empty_label",
            wordWrap=True,
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        self.plan = PlanTab(lambda area: self._ws.run(engagements.default_npa, area), self)
        self.form = self.plan.form
        self.capture = CapturePanel(workspace, settings, self)
        self.councillors = CouncillorPanel(workspace, self)
        self.tabs = self._build_tabs()
        self.splitter = self._build_splitter()
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.commands = self._create_commands()
        self._connect()
        self._show(None)

    @property
    def current(self) -> EngagementDetail | None:
        """The engagement shown on the right (None for a new, unsaved one)."""
        return self._current

    def _build_table(self) -> QTableView:
        table = QTableView(self, objectName="engagements_table")
        table.setAccessibleName("Engagements")
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(DATE_COLUMN, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((112, 86, 125, 76, 150, 150, 130, 70, 60, 80)):
            table.setColumnWidth(column, width)
        return table

    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget(self, objectName="engagement_tabs")
        tabs.addTab(self.plan, "&Plan")
        # In a scroll area so the window still fits a small laptop screen at 125% scaling.
        scroll = QScrollArea(self, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(self.capture)
        tabs.addTab(scroll, "Capt&ure")
        tabs.addTab(self.councillors, "&Councillors")
        return tabs

    def _build_splitter(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="engagement_splitter")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addWidget(self.count_label)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 700])
        return splitter

    def _command(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def _create_commands(self) -> dict[str, QAction]:
        """Commands of this page only; New, Save, Revert, Find and Refresh are the window's."""
        return {
            "capture": self._command("&Capture feedback", self.focus_capture, "Ctrl+Shift+C"),
            "held": self._command("Mark as &held", self.mark_held, "Ctrl+Shift+H"),
            "cancel": self._command("Cancel engagement…", self.cancel_engagement),
            "replan": self._command("Back to &planned", self.back_to_planned),
            "export": self._command("&Export this list…", self.export_list, "Ctrl+E"),
        }

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(lambda _index: self.form.kind_combo.setFocus())
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.form.changed.connect(lambda: self._set_dirty(True))
        self.plan.save_button.clicked.connect(self.save_current)
        self.plan.revert_button.clicked.connect(self.revert_current)
        self.plan.held_button.clicked.connect(self.mark_held)
        self.plan.cancel_button.clicked.connect(self.cancel_engagement)
        self.plan.replan_button.clicked.connect(self.back_to_planned)
        self.capture.saved.connect(self._on_capture_saved)
        self.capture.items_changed.connect(self._refresh_current)
        self.councillors.changed.connect(self._refresh_current)
        self.tabs.currentChanged.connect(self._on_tab_changed)

    # -- loading ---------------------------------------------------------------------------------

    def _fetch(
        self, flt: EngagementFilter, key: str, descending: bool, offset: int, limit: int
    ) -> engagements.EngagementPage:
        return self._ws.run(engagements.list_engagements, flt, key, descending, offset, limit)

    def _load_choices(self) -> None:
        lists = self._ws.run(choices.action_choices)
        npas = [
            (a.id, a.name)
            for a in self._ws.run(reference_data.list_areas, AreaKind.NPA, False)
            if a.id is not None
        ]
        self.filter_bar.set_npas(npas)
        self.form.set_choices(lists, npas)
        self.capture.set_choices(lists.themes, lists.areas)

    def start(self) -> None:
        """First show: the "Upcoming and recent" view."""
        self._load_choices()
        self.filter_bar.apply_view(UPCOMING_AND_RECENT)

    def reload(self) -> None:
        """Refresh choices and the list, keeping the current engagement if still shown."""
        self._load_choices()
        keep = self._current.id if self._current else None
        self.model.reload()
        self._select(keep)

    def _on_filter_changed(self, flt: EngagementFilter) -> None:
        if not self.confirm_discard():
            return
        self.model.set_filter(flt)
        self._select(self._current.id if self._current else None)

    def _update_count(self, *_args: object) -> None:
        shown, total = self.model.rowCount(), self.model.total
        text = f"{total:,} engagement{'s' if total != 1 else ''}"
        if shown < total:
            text += f" (first {shown:,} loaded; scroll for more)"
        self.count_label.setText(text)
        self.list_stack.setCurrentWidget(self.table if total else self.empty_label)

    def _select(self, engagement_id: uuid.UUID | None) -> None:
        row = self.model.row_of(engagement_id) if engagement_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row < 0:
            self._show(self._current.id if self._current else None)
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        self._show(self.model.row_at(row).id)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            engagement_id = self.model.row_at(current.row()).id
            if (self._current is None or self._current.id != engagement_id) and self.confirm_discard():
                self._show(engagement_id)

    def _show(self, engagement_id: uuid.UUID | None) -> None:
        detail = None
        if engagement_id is not None:
            try:
                detail = self._ws.run(engagements.get_engagement, engagement_id)
            except NotFoundError:
                detail = None
        self._current = detail
        self.form.load(detail)
        self.capture.load(detail)
        self.councillors.load(detail)
        for tab in (CAPTURE_TAB, COUNCILLORS_TAB):
            self.tabs.setTabEnabled(tab, detail is not None)
        self._set_dirty(False)

    def _refresh_current(self) -> None:
        """Take the current engagement's latest counts (after items or contacts changed)."""
        if self._current is not None:
            self._on_capture_saved(self._ws.run(engagements.get_engagement, self._current.id))

    def _on_capture_saved(self, detail: EngagementDetail) -> None:
        """Autosave moved the engagement on: keep its version, and show its notes if not editing."""
        self._current = detail
        if not self.dirty:
            self.form.load(detail)
        self._update_status_buttons()

    def _on_tab_changed(self, index: int) -> None:
        if index != PLAN_TAB and self.dirty and not self.confirm_discard():
            self.tabs.setCurrentIndex(PLAN_TAB)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.plan.set_dirty(dirty)
        self._update_status_buttons()

    def _update_status_buttons(self) -> None:
        status = self._current.status if self._current else None
        can = {
            "held": status == EngagementStatus.PLANNED and self._current.held_on <= today(),  # type: ignore[union-attr]
            "cancel": status == EngagementStatus.PLANNED,
            "replan": status in (EngagementStatus.HELD, EngagementStatus.CANCELLED),
        }
        for key, button in (
            ("held", self.plan.held_button),
            ("cancel", self.plan.cancel_button),
            ("replan", self.plan.replan_button),
        ):
            button.setEnabled(can[key] and not self.dirty)
            if hasattr(self, "commands"):
                self.commands[key].setEnabled(can[key])
        if hasattr(self, "commands"):
            self.commands["capture"].setEnabled(self._current is not None)

    # -- window commands -------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Save pending capture changes; ask about unsaved plan edits. False means stay put."""
        self.capture.flush()
        if not self.dirty:
            return True
        return ask_to_save(self, "engagement", self.save_current, lambda: self._set_dirty(False))

    def new_record(self) -> None:
        """Edit → New: a blank engagement (a community day today, planned)."""
        if not self.confirm_discard():
            return
        self.table.clearSelection()
        self._show(None)
        self.tabs.setCurrentIndex(PLAN_TAB)
        self.form.kind_combo.setFocus()

    def save_current(self) -> bool:
        """Save the plan through the service; messages appear at the fields."""
        data = self.form.read_input()
        try:
            if self._current is None:
                saved = self._ws.act(engagements.create_engagement, data)
            else:
                data = replace(data, attendance=self._current.attendance)
                saved = self._ws.act(
                    engagements.update_engagement, self._current.id, data, self._current.row_version
                )
        except ValidationError as exc:
            rest = self.form.show_errors(exc.errors)
            if rest:
                QMessageBox.warning(self, "Not saved", "\n".join(rest))
            return False
        except (ConflictError, NotFoundError) as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return False
        self._current = saved
        self._set_dirty(False)
        self.message.emit(f"Saved {saved.reference}")
        self.model.reload()
        self._select(saved.id)
        return True

    def revert_current(self) -> None:
        """Throw away unsaved plan edits."""
        self._show(self._current.id if self._current else None)

    def focus_search(self) -> None:
        """Ctrl+F: jump to the search box."""
        self.filter_bar.search_edit.setFocus()
        self.filter_bar.search_edit.selectAll()

    # -- page commands ---------------------------------------------------------------------------

    def focus_capture(self) -> None:
        """Switch to the Capture tab with the cursor in What-was-raised."""
        if self._current is None:
            self.message.emit("Save the engagement first, then capture what is raised.")
            return
        self.tabs.setCurrentIndex(CAPTURE_TAB)
        if self.tabs.currentIndex() == CAPTURE_TAB:
            self.capture.focus_text()

    def _move(self, status: EngagementStatus, reason: str = "") -> bool:
        assert self._current is not None
        try:
            self._current = self._ws.act(engagements.set_status, self._current.id, status, reason)
        except (ValidationError, NotFoundError) as exc:
            QMessageBox.warning(self, "Status not changed", str(exc))
            return False
        self.message.emit(f"{self._current.reference} is now {self._current.status_label.lower()}")
        self.reload()
        return True

    def mark_held(self) -> None:
        """Record that the current (planned) engagement took place."""
        if self._current is not None and self.confirm_discard():
            self._move(EngagementStatus.HELD)

    def back_to_planned(self) -> None:
        """Return a held or cancelled engagement to planned."""
        if self._current is not None and self.confirm_discard():
            self._move(EngagementStatus.PLANNED)

    def cancel_engagement(self) -> None:
        """Cancel the current engagement, asking why (the reason goes in the history)."""
        if self._current is None or not self.confirm_discard():
            return
        current = self._current
        dialog = ReasonDialog("Cancel engagement", f"Cancel {current.reference}? Say why.", self)
        dialog.submit = lambda: self._ws.act(
            engagements.set_status, current.id, EngagementStatus.CANCELLED, dialog.reason()
        )
        if dialog.exec():
            self.message.emit(f"Cancelled {current.reference}")
            self.reload()

    def export_list(self) -> None:
        """Export every engagement in the current list to Excel or CSV (in the background)."""
        folder = self._settings.export_folder or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export engagements",
            str(Path(folder) / "engagements.xlsx"),
            "Excel workbook (*.xlsx);;CSV file (*.csv)",
        )
        if not path:
            return
        self._settings.export_folder = str(Path(path).parent)
        flt, sort = self.model.current_filter, self.model.current_sort
        self.message.emit("Exporting…")
        self._tasks.run(
            lambda: export_engagements(self._ws, flt, sort, Path(path)),
            on_success=lambda n: self.message.emit(f"Exported {n:,} engagements to {path}"),
            on_error=lambda exc: QMessageBox.warning(self, "Export failed", str(exc)),
        )
