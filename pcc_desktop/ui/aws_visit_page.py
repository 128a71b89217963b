"""The Dog Unit visit reports page: find reports, write one, add the dogs seen, submit, review.

Every change goes through the Dog Unit visit services (``workspace.run`` / ``workspace.act``). The
scheme's rules are the services' rules: their messages appear at the fields they concern, and the
page brings forward the tab that holds the first one. A submitted report opens read-only. The list,
selection and save / submit flow are ``VisitPageBase``'s.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout, QWidget

from pcc_desktop.models import ReportStatus
from pcc_desktop.services import aws_visits
from pcc_desktop.services.aws_choices import AwsChoices, aws_choices, volunteers_on
from pcc_desktop.services.aws_details import AwsVisitDetail, AwsVisitSummary
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_visit_commands import DOGS_TAB, FINDINGS_TAB, ReportCommands
from pcc_desktop.ui.aws_visit_form import AwsVisitForm
from pcc_desktop.ui.aws_visit_list import AWS_VISIT_COLUMNS, AwsFilterBar, build_aws_visit_table
from pcc_desktop.ui.aws_visit_tabs import ChecklistsPanel, DogsPanel, FindingsPanel
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.visit_page_base import VisitPageBase

VISIT_TAB, CHECKLISTS_TAB = 0, 1
TAB_TITLES = ("&Visit", "C&hecklists", "Do&gs seen", "&Findings")
ERROR_MARK = " ⚠"  # after the title of a tab that holds a message, so none is missed


class AwsVisitPage(ReportCommands, VisitPageBase[AwsVisitDetail, AwsVisitSummary]):
    """The list of Dog Unit reports, with the Visit, Checklists, Dogs seen and Findings tabs of one."""

    PREFIX = "aws_"
    NOUN = "Dog Unit visit report"
    ERRORS_ON = "report"
    DRAFT_COMMAND = "add_dog"
    SUBMIT_TIP = "Check the scheme's rules and submit (Ctrl+Shift+U)"

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, settings, tasks, parent)
        self._choices = AwsChoices([], {})
        self.filter_bar = AwsFilterBar(self)
        self._build_list(
            AWS_VISIT_COLUMNS,
            build_aws_visit_table,
            "No Dog Unit visit reports match.\n\nClear the search or status, or press Ctrl+N to write one.",
        )
        self.form = AwsVisitForm(self)
        self.form.volunteers_for = lambda day: self._ws.run(volunteers_on, day)
        self.checklists = ChecklistsPanel(self)
        self.dogs = DogsPanel(self)
        self.findings = FindingsPanel(self)
        self.tabs = self._build_tabs()
        self.splitter = self._build_splitter((self.filter_bar,), (), [700, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        self.commands = self._create_commands()
        self._connect()
        self._display(None)

    # -- building --------------------------------------------------------------------------------

    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget(self, objectName="aws_visit_tabs")
        tabs.setAccessibleName("Dog Unit visit report")
        self._add_scrolling_tab(tabs, self.form, TAB_TITLES[VISIT_TAB])
        self._add_scrolling_tab(tabs, self.checklists, TAB_TITLES[CHECKLISTS_TAB])
        tabs.addTab(self.dogs, TAB_TITLES[DOGS_TAB])
        tabs.addTab(self.findings, TAB_TITLES[FINDINGS_TAB])
        return tabs

    def _extra_buttons(self) -> list[QPushButton]:
        self.review_button = QPushButton("Re&view…", self, objectName="aws_review_button")
        self.review_button.setToolTip("Review a submitted report and raise findings for the Dog Unit")
        return [self.review_button]

    def _create_commands(self) -> dict[str, QAction]:
        """Commands of this page only; New, Save, Revert, Find and Refresh are the window's."""
        return {
            "submit": self._command("S&ubmit Dog Unit report", self.submit_current, "Ctrl+Shift+U"),
            "add_dog": self._command("Add &dog seen…", self.add_dog, "Ctrl+Shift+A"),
            "export": self._command("&Export this list…", self.export_list, "Ctrl+E"),
        }

    def _connect(self) -> None:
        self._connect_list()
        self.form.changed.connect(lambda: self._set_dirty(True))
        self.form.areas_changed.connect(self.checklists.show_areas)
        self.checklists.changed.connect(lambda: self._set_dirty(True))
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

    def _fetch_rows(self) -> list[AwsVisitSummary]:
        flt = self.filter_bar.current()
        return self._ws.run(aws_visits.list_visits, None, None, flt.status, flt.text)

    def _row_id(self, row: AwsVisitSummary) -> uuid.UUID:
        return row.id

    def _fetch_detail(self, visit_id: uuid.UUID) -> AwsVisitDetail:
        return self._ws.run(aws_visits.get_visit, visit_id)

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

    def _update_buttons(self, current: AwsVisitDetail | None) -> None:
        self.review_button.setEnabled(current is not None and current.status == ReportStatus.SUBMITTED)

    def _first_field(self) -> QWidget:
        return self.form.site_combo

    # -- window commands -------------------------------------------------------------------------

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

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.show_errors(errors)

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
        self._submit(current.id, aws_visits.submit_visit)
