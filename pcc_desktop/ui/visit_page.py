"""The custody visit reports page: find reports, write one, add detainees spoken to, submit it.

Every change goes through the custody-visit services (``workspace.run`` / ``workspace.act``). The
Code's rules are the services' rules: their messages appear at the fields they concern. Name
warnings are shown above the report and never block saving.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import ReportStatus, Scheme
from pcc_desktop.services import custody_visits
from pcc_desktop.services.custody_choices import CustodyChoices, VisitRow, custody_choices, list_visit_rows
from pcc_desktop.services.custody_details import VisitDetail
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.volunteers import active_volunteers
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import ask_to_save
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import export_table
from pcc_desktop.ui.table_models import RowTableModel
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.visit_detainee_commands import DETAINEES_TAB, DetaineeCommands
from pcc_desktop.ui.visit_form import VisitForm
from pcc_desktop.ui.visit_list import VISIT_COLUMNS, VisitFilterBar, build_visit_table, warnings_html
from pcc_desktop.ui.visit_tabs import ConditionsPanel, DetaineesPanel

REPORT_TAB, CONDITIONS_TAB = 0, 2
WARNING_STYLE = "background: #fff4ce; color: #3b2e00; border: 1px solid #c8a600; padding: 6px;"


class VisitPage(DetaineeCommands, QWidget):
    """List and filters of visit reports, with the Report, Detainees and Conditions tabs of one."""

    message = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visit_page")
        self._ws, self._settings, self._tasks = workspace, settings, tasks
        self._current: VisitDetail | None = None
        self._choices = CustodyChoices([], [], [], [])
        self.dirty = False
        self.filter_bar = VisitFilterBar(self)
        self.model: RowTableModel[VisitRow] = RowTableModel(VISIT_COLUMNS, self)
        self.table = build_visit_table(self.model, self)
        self.count_label = QLabel(self, objectName="visit_count_label")
        self.empty_label = QLabel(
            "No visit reports in these dates.\n\nWiden the dates or clear the suite and status, "
            "or press Ctrl+N to write a new report.",
            self,
            objectName="visit_empty_label",
            wordWrap=True,
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        self.warning_strip = QLabel(self, objectName="visit_warning_strip", wordWrap=True)
        self.warning_strip.setStyleSheet(WARNING_STYLE)
        self.warning_strip.setAccessibleName("Name warnings")
        self.warning_strip.hide()
        self.form = VisitForm(self)
        self.detainees = DetaineesPanel(self)
        self.conditions = ConditionsPanel(self)
        self.tabs = self._build_tabs()
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        self.splitter = self._build_splitter()
        layout.addWidget(self.splitter, 1)
        self.commands = self._create_commands()
        self._connect()
        self._display(None)

    @property
    def current(self) -> VisitDetail | None:
        """The report shown on the right (None for a new, unsaved one)."""
        return self._current

    # -- building --------------------------------------------------------------------------------

    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget(self, objectName="visit_tabs")
        for widget, title in ((self.form, "&Report"), (self.conditions, "&Conditions")):
            scroll = QScrollArea(self, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
            scroll.setWidget(widget)
            tabs.addTab(scroll, title)
        tabs.insertTab(DETAINEES_TAB, self.detainees, "&Detainees spoken to")
        return tabs

    def _build_buttons(self) -> QHBoxLayout:
        self.submit_button = QPushButton("S&ubmit report", self, objectName="submit_button")
        self.submit_button.setToolTip("Check the Code's rules and submit (Ctrl+Shift+U)")
        self.dirty_label = QLabel("", self, objectName="visit_dirty_label")
        self.revert_button = QPushButton("Revert", self, objectName="revert_button", toolTip="Esc")
        self.save_button = QPushButton("Save draft", self, objectName="save_button", toolTip="Ctrl+S")
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.dirty_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        return buttons

    def _build_splitter(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="visit_splitter")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addWidget(self.count_label)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.warning_strip)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addLayout(self._build_buttons())
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([820, 600])
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
            "submit": self._command("S&ubmit report", self.submit_current, "Ctrl+Shift+U"),
            "add_detainee": self._command("Add &detainee spoken to…", self.add_detainee, "Ctrl+Shift+A"),
            "export": self._command("&Export this list…", self.export_list, "Ctrl+E"),
        }

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(lambda _index: self.form.suite_combo.setFocus())
        self.form.changed.connect(lambda: self._set_dirty(True))
        self.conditions.changed.connect(lambda: self._set_dirty(True))
        self.save_button.clicked.connect(self.save_current)
        self.revert_button.clicked.connect(self.revert_current)
        self.submit_button.clicked.connect(self.submit_current)
        self.detainees.add_requested.connect(self.add_detainee)
        self.detainees.edit_requested.connect(self.edit_detainee)
        self.detainees.remove_requested.connect(self.remove_detainee)

    # -- loading ---------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        self._choices = self._ws.run(custody_choices)
        volunteers = [(v.id, v.name) for v in self._ws.run(active_volunteers, Scheme.ICV, None)]
        self.filter_bar.set_suites(self._choices.suites)
        self.form.set_choices(self._choices.suites, volunteers)
        self.conditions.set_items(self._choices.condition_items)

    def start(self) -> None:
        """First show: reports of the last three months, newest first."""
        self.filter_bar.reset_dates()
        self.reload()

    def reload(self) -> None:
        """Refresh choices and the list, keeping the current report if still shown."""
        self._load_choices()
        keep = self._current.id if self._current else None
        self._reload_list()
        self._select(keep)

    def _reload_list(self) -> None:
        flt = self.filter_bar.current()
        rows = self._ws.run(list_visit_rows, flt.date_from, flt.date_to, flt.suite_id, flt.status)  # type: ignore[arg-type]
        self.model.set_rows(rows)
        count = len(rows)
        self.count_label.setText(f"{count:,} visit report{'s' if count != 1 else ''}")
        self.list_stack.setCurrentWidget(self.table if count else self.empty_label)

    def _on_filter_changed(self, _flt: object) -> None:
        if not self.confirm_discard():
            return
        self._reload_list()
        self._select(self._current.id if self._current else None)

    def _row_of(self, visit_id: uuid.UUID | None) -> int:
        return next((i for i, r in enumerate(self.model.rows()) if r.summary.id == visit_id), -1)

    def _select(self, visit_id: uuid.UUID | None) -> None:
        row = self._row_of(visit_id)
        if row < 0 and visit_id is None and self.model.rowCount():
            row = 0
        if row < 0:
            self._show(visit_id)
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        self._show(self.model.row_at(row).summary.id)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            visit_id = self.model.row_at(current.row()).summary.id
            if (self._current is None or self._current.id != visit_id) and self.confirm_discard():
                self._show(visit_id)

    def _show(self, visit_id: uuid.UUID | None) -> None:
        detail = None
        if visit_id is not None:
            try:
                detail = self._ws.run(custody_visits.get_visit, visit_id)
            except NotFoundError:
                detail = None
        self._display(detail)

    def _display(self, detail: VisitDetail | None) -> None:
        """Show ``detail`` in every tab (read-only unless it is a draft)."""
        self._current = detail
        editable = detail is None or detail.status == ReportStatus.DRAFT
        self.form.load(detail)
        self.form.set_read_only(not editable)
        self.detainees.load(detail, editable)
        self.conditions.load(detail, editable)
        self._show_warnings(detail.warnings if detail else ())
        for tab in (DETAINEES_TAB, CONDITIONS_TAB):
            self.tabs.setTabEnabled(tab, detail is not None)
        self._set_dirty(False)

    def _show_warnings(self, warnings: tuple[str, ...]) -> None:
        self.warning_strip.setText(warnings_html(warnings))
        self.warning_strip.setVisible(bool(warnings))

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        draft = self._current is None or self._current.status == ReportStatus.DRAFT
        self.dirty_label.setText(
            "Unsaved changes"
            if dirty
            else ("" if draft else f"Read-only: this report is {self._current.status.value}")
        )  # type: ignore[union-attr]
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        can_submit = self._current is not None and self._current.status == ReportStatus.DRAFT
        self.submit_button.setEnabled(can_submit)
        if hasattr(self, "commands"):
            self.commands["submit"].setEnabled(can_submit)
            self.commands["add_detainee"].setEnabled(draft)

    # -- window commands -------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask about unsaved edits. False means stay put."""
        if not self.dirty:
            return True
        return ask_to_save(self, "visit report", self.save_current, lambda: self._set_dirty(False))

    def new_record(self) -> None:
        """Edit → New: a blank report (in person, today)."""
        if not self.confirm_discard():
            return
        self.table.clearSelection()
        self._display(None)
        self.tabs.setCurrentIndex(REPORT_TAB)
        self.form.suite_combo.setFocus()

    def _save(self) -> VisitDetail:
        data = self.form.read_input()
        if self._current is None:
            return self._ws.act(custody_visits.create_visit, data)
        saved = self._ws.act(custody_visits.update_visit, self._current.id, data)
        answers = self.conditions.answers()
        if answers != {a.item_id: (a.result, a.note) for a in self._current.conditions}:
            saved = self._ws.act(custody_visits.set_conditions, saved.id, answers)
        return saved

    def save_current(self) -> bool:
        """Save the draft (header and conditions); messages appear at the fields."""
        if self._current is not None and self._current.status != ReportStatus.DRAFT:
            return True
        try:
            saved = self._save()
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self.tabs.setCurrentIndex(REPORT_TAB)
            self.message.emit("Not saved: see the messages on the form")
            return False
        except (ConflictError, NotFoundError) as exc:
            self.form.show_errors({"": str(exc)})
            return False
        self._after_change(saved, f"Saved {saved.reference}")
        return True

    def _after_change(self, detail: VisitDetail, text: str) -> None:
        self._display(detail)
        self._reload_list()
        row = self._row_of(detail.id)
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
        self.message.emit(text)

    def revert_current(self) -> None:
        """Throw away unsaved edits."""
        self._show(self._current.id if self._current else None)

    def focus_search(self) -> None:
        """Edit → Find: the first filter (the list has no free text, no names)."""
        self.filter_bar.from_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def submit_current(self) -> None:
        """Save, then submit the draft: the Code's rules are checked and messages shown at the fields."""
        current = self._current
        if current is None or current.status != ReportStatus.DRAFT:
            self.message.emit("Only a saved draft report can be submitted")
            return
        if self.dirty and not self.save_current():
            return
        try:
            submitted = self._ws.act(custody_visits.submit_visit, current.id)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self.tabs.setCurrentIndex(REPORT_TAB)
            self.message.emit("Not submitted: see the messages on the form")
            return
        except NotFoundError as exc:
            self.form.show_errors({"": str(exc)})
            return
        self._after_change(submitted, f"Submitted {submitted.reference}")

    def export_list(self) -> None:
        """Export the list as shown to Excel or CSV."""
        count = export_table(self.table, "Visit reports", self)
        if count is not None:
            self.message.emit(f"Exported {count:,} visit reports")
