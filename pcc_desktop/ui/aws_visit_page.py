"""The Dog Unit visit reports page: find reports, write one, add the dogs seen, submit, review.

Every change goes through the Dog Unit visit services (``workspace.run`` / ``workspace.act``). The
scheme's rules are the services' rules: their messages appear at the fields they concern, and the
page brings forward the tab that holds the first one. A submitted report opens read-only.
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

from pcc_desktop.models import ReportStatus
from pcc_desktop.services import aws_visits
from pcc_desktop.services.aws_choices import AwsChoices, aws_choices, volunteers_on
from pcc_desktop.services.aws_details import AwsVisitDetail, AwsVisitSummary
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_visit_commands import DOGS_TAB, FINDINGS_TAB, ReportCommands
from pcc_desktop.ui.aws_visit_form import AwsVisitForm
from pcc_desktop.ui.aws_visit_list import AWS_VISIT_COLUMNS, AwsFilterBar, build_aws_visit_table
from pcc_desktop.ui.aws_visit_tabs import ChecklistsPanel, DogsPanel, FindingsPanel
from pcc_desktop.ui.dialogs import ask_to_save
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import export_table
from pcc_desktop.ui.table_models import RowTableModel
from pcc_desktop.ui.tasks import TaskRunner

VISIT_TAB, CHECKLISTS_TAB = 0, 1
TAB_TITLES = ("&Visit", "C&hecklists", "Do&gs seen", "&Findings")
ERROR_MARK = " ⚠"  # after the title of a tab that holds a message, so none is missed


class AwsVisitPage(ReportCommands, QWidget):
    """The list of Dog Unit reports, with the Visit, Checklists, Dogs seen and Findings tabs of one."""

    message = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aws_visit_page")
        self._ws, self._settings, self._tasks = workspace, settings, tasks
        self._current: AwsVisitDetail | None = None
        self._choices = AwsChoices([], {})
        self.dirty = False
        self.filter_bar = AwsFilterBar(self)
        self.model: RowTableModel[AwsVisitSummary] = RowTableModel(AWS_VISIT_COLUMNS, self)
        self.table = build_aws_visit_table(self.model, self)
        self.count_label = QLabel(self, objectName="aws_visit_count_label")
        self.empty_label = QLabel(
            "No Dog Unit visit reports match.\n\nClear the search or status, or press Ctrl+N to write one.",
            self,
            objectName="aws_visit_empty_label",
            wordWrap=True,
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        self.form = AwsVisitForm(self)
        self.form.volunteers_for = lambda day: self._ws.run(volunteers_on, day)
        self.checklists = ChecklistsPanel(self)
        self.dogs = DogsPanel(self)
        self.findings = FindingsPanel(self)
        self.tabs = self._build_tabs()
        self.splitter = self._build_splitter()
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        self.commands = self._create_commands()
        self._connect()
        self._display(None)

    @property
    def current(self) -> AwsVisitDetail | None:
        """The report shown on the right (None for a new, unsaved one)."""
        return self._current

    # -- building --------------------------------------------------------------------------------

    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget(self, objectName="aws_visit_tabs")
        tabs.setAccessibleName("Dog Unit visit report")
        for widget, title in (
            (self.form, TAB_TITLES[VISIT_TAB]),
            (self.checklists, TAB_TITLES[CHECKLISTS_TAB]),
        ):
            # Scrolls, so the Visit tab fits a 768-pixel-high laptop screen.
            scroll = QScrollArea(self, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
            scroll.setWidget(widget)
            tabs.addTab(scroll, title)
        tabs.addTab(self.dogs, TAB_TITLES[DOGS_TAB])
        tabs.addTab(self.findings, TAB_TITLES[FINDINGS_TAB])
        return tabs

    def _build_buttons(self) -> QHBoxLayout:
        self.submit_button = QPushButton("S&ubmit report", self, objectName="aws_submit_button")
        self.submit_button.setToolTip("Check the scheme's rules and submit (Ctrl+Shift+U)")
        self.review_button = QPushButton("Re&view…", self, objectName="aws_review_button")
        self.review_button.setToolTip("Review a submitted report and raise findings for the Dog Unit")
        self.dirty_label = QLabel("", self, objectName="aws_visit_dirty_label")
        self.revert_button = QPushButton("Revert", self, objectName="aws_revert_button", toolTip="Esc")
        self.save_button = QPushButton("Save draft", self, objectName="aws_save_button", toolTip="Ctrl+S")
        buttons = QHBoxLayout()
        for widget, stretch in (
            (self.submit_button, 0),
            (self.review_button, 0),
            (self.dirty_label, 1),
            (self.revert_button, 0),
            (self.save_button, 0),
        ):
            buttons.addWidget(widget, stretch)
        return buttons

    def _build_splitter(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="aws_visit_splitter")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addWidget(self.count_label)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addLayout(self._build_buttons())
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 700])
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
            "submit": self._command("S&ubmit Dog Unit report", self.submit_current, "Ctrl+Shift+U"),
            "add_dog": self._command("Add &dog seen…", self.add_dog, "Ctrl+Shift+A"),
            "export": self._command("&Export this list…", self.export_list, "Ctrl+E"),
        }

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(lambda _index: self.form.site_combo.setFocus())
        self.form.changed.connect(lambda: self._set_dirty(True))
        self.form.areas_changed.connect(self.checklists.show_areas)
        self.checklists.changed.connect(lambda: self._set_dirty(True))
        self.save_button.clicked.connect(self.save_current)
        self.revert_button.clicked.connect(self.revert_current)
        self.submit_button.clicked.connect(self.submit_current)
        self.review_button.clicked.connect(self.review)
        self.dogs.add_requested.connect(self.add_dog)
        self.dogs.edit_requested.connect(self.edit_dog)
        self.dogs.remove_requested.connect(self.remove_dog)

    # -- loading ---------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        self._choices = self._ws.run(aws_choices)
        self.form.set_sites(self._choices.sites)
        self.checklists.set_items(self._choices.checklist_items)

    def start(self) -> None:
        """First show: every report, newest first."""
        self.reload()

    def reload(self) -> None:
        """Refresh choices and the list, keeping the current report if still shown."""
        self._load_choices()
        keep = self._current.id if self._current else None
        self._reload_list()
        self._select(keep)

    def _reload_list(self) -> None:
        flt = self.filter_bar.current()
        rows = self._ws.run(aws_visits.list_visits, None, None, flt.status, flt.text)
        self.model.set_rows(rows)
        count = len(rows)
        self.count_label.setText(f"{count:,} Dog Unit visit report{'s' if count != 1 else ''}")
        self.list_stack.setCurrentWidget(self.table if count else self.empty_label)

    def _on_filter_changed(self, _flt: object) -> None:
        if not self.confirm_discard():
            return
        self._reload_list()
        self._select(self._current.id if self._current else None)

    def _row_of(self, visit_id: uuid.UUID | None) -> int:
        return next((i for i, r in enumerate(self.model.rows()) if r.id == visit_id), -1)

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
        self._show(self.model.row_at(row).id)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            visit_id = self.model.row_at(current.row()).id
            if (self._current is None or self._current.id != visit_id) and self.confirm_discard():
                self._show(visit_id)

    def _show(self, visit_id: uuid.UUID | None) -> None:
        detail = None
        if visit_id is not None:
            try:
                detail = self._ws.run(aws_visits.get_visit, visit_id)
            except NotFoundError:
                detail = None
        self._display(detail)

    def show_visit(self, visit_id: uuid.UUID) -> None:
        """Bring one report forward (from an action's origin link, say), clearing the filters if need be."""
        if not self.confirm_discard():
            return
        if self._row_of(visit_id) < 0:
            self.filter_bar.clear_filters()
            self._reload_list()
        self._select(visit_id)

    def _display(self, detail: AwsVisitDetail | None) -> None:
        """Show ``detail`` in every tab (read-only unless it is a draft)."""
        self._current = detail
        editable = detail is None or detail.status == ReportStatus.DRAFT
        self.form.load(detail)
        self.form.set_read_only(not editable)
        self.checklists.load(detail, editable)
        self.dogs.load(detail, editable and detail is not None)
        self.findings.load(detail)
        self.tabs.setTabEnabled(DOGS_TAB, detail is not None)
        self.tabs.setTabEnabled(FINDINGS_TAB, detail is not None)
        self._mark_tabs(set())
        self._set_dirty(False)

    def _mark_tabs(self, marked: set[int]) -> None:
        for index, title in enumerate(TAB_TITLES):
            self.tabs.setTabText(index, title + (ERROR_MARK if index in marked else ""))

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        current = self._current
        draft = current is None or current.status == ReportStatus.DRAFT
        read_only = "" if draft else f"Read-only: this report is {current.status.value}"  # type: ignore[union-attr]
        self.dirty_label.setText("Unsaved changes" if dirty else read_only)
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        can_submit = current is not None and current.status == ReportStatus.DRAFT
        self.submit_button.setEnabled(can_submit)
        self.review_button.setEnabled(current is not None and current.status == ReportStatus.SUBMITTED)
        if hasattr(self, "commands"):
            self.commands["submit"].setEnabled(can_submit)
            self.commands["add_dog"].setEnabled(draft)

    # -- window commands -------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask about unsaved edits. False means stay put."""
        if not self.dirty:
            return True
        return ask_to_save(self, "Dog Unit visit report", self.save_current, lambda: self._set_dirty(False))

    def new_record(self) -> None:
        """Edit → New: a blank report (unannounced, today)."""
        if not self.confirm_discard():
            return
        self.table.clearSelection()
        self._display(None)
        self.tabs.setCurrentIndex(VISIT_TAB)
        self.form.site_combo.setFocus()

    def _save(self) -> AwsVisitDetail:
        local = self.form.local_errors()
        if local:
            raise ValidationError(local)
        data, answers = self.form.read_input(), self.checklists.answers()
        if self._current is None:
            saved = self._ws.act(aws_visits.create_visit, data)
            self._current = saved  # a refused checklist below must not create the report twice
        else:
            saved = self._ws.act(aws_visits.update_visit, self._current.id, data)
        if answers != saved.answers():
            saved = self._ws.act(aws_visits.set_checks, saved.id, answers)
        return saved

    def show_errors(self, errors: dict[str, str]) -> None:
        """Messages at their fields on every tab; the tab with the first one comes forward."""
        self.checklists.error.show_message(errors.get("checks", ""))
        self.dogs.error.show_message(errors.get("dogs", ""))
        self.form.show_errors({k: v for k, v in errors.items() if k not in ("checks", "dogs")})
        tab_of = {"checks": CHECKLISTS_TAB, "dogs": DOGS_TAB}
        self._mark_tabs({tab_of.get(name, VISIT_TAB) for name in errors})
        first = next(iter(errors), "")
        tab = tab_of.get(first, VISIT_TAB)
        self.tabs.setCurrentIndex(tab if self.tabs.isTabEnabled(tab) else VISIT_TAB)

    def save_current(self) -> bool:
        """Save the draft (Visit tab and checklists); messages appear at the fields."""
        if self._current is not None and self._current.status != ReportStatus.DRAFT:
            return True
        created = self._current is None
        try:
            saved = self._save()
        except ValidationError as exc:
            if created and self._current is not None:
                self._reload_list()
            self.show_errors(exc.errors)
            self.message.emit("Not saved: see the messages on the report")
            return False
        except (ConflictError, NotFoundError) as exc:
            self.form.show_errors({"": str(exc)})
            return False
        self._after_change(saved, f"Saved {saved.reference}")
        return True

    def _after_change(self, detail: AwsVisitDetail, text: str) -> None:
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
        """Edit → Find: the search box."""
        self.filter_bar.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search_edit.selectAll()

    def submit_current(self) -> None:
        """Save, then submit the draft: the scheme's rules are checked and messages shown at the fields."""
        if self.dirty and not self.save_current():  # a new report is saved first
            return
        current = self._current
        if current is None or current.status != ReportStatus.DRAFT:
            self.message.emit("Only a draft report can be submitted")
            return
        try:
            submitted = self._ws.act(aws_visits.submit_visit, current.id)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            self.message.emit("Not submitted: see the messages on the report")
            return
        except NotFoundError as exc:
            self.form.show_errors({"": str(exc)})
            return
        self._after_change(submitted, f"Submitted {submitted.reference}")

    def export_list(self) -> None:
        """Export the list as shown to Excel or CSV."""
        count = export_table(self.table, "Dog Unit visit reports", self)
        if count is not None:
            self.message.emit(f"Exported {count:,} Dog Unit visit reports")
