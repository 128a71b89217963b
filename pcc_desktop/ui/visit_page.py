"""The custody visit reports page: find reports, write one, add detainees spoken to, submit it.

Every change goes through the custody-visit services (``workspace.run`` / ``workspace.act``). The
Code's rules are the services' rules: their messages appear at the fields they concern. Name
warnings are shown above the report and never block saving. The list, selection and save / submit
flow are ``VisitPageBase``'s.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pcc_desktop.models import ReportStatus, Scheme
from pcc_desktop.services import custody_visits
from pcc_desktop.services.custody_choices import CustodyChoices, VisitRow, custody_choices, list_visit_rows
from pcc_desktop.services.custody_details import VisitDetail
from pcc_desktop.services.volunteers import active_volunteers
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.visit_detainee_commands import DETAINEES_TAB, DetaineeCommands
from pcc_desktop.ui.visit_form import VisitForm
from pcc_desktop.ui.visit_list import VISIT_COLUMNS, VisitFilterBar, build_visit_table, warnings_html
from pcc_desktop.ui.visit_page_base import VisitPageBase
from pcc_desktop.ui.visit_tabs import ConditionsPanel, DetaineesPanel

REPORT_TAB, CONDITIONS_TAB = 0, 2
WARNING_STYLE = "background: #fff4ce; color: #3b2e00; border: 1px solid #c8a600; padding: 6px;"


class VisitPage(DetaineeCommands, VisitPageBase[VisitDetail, VisitRow]):
    """List and filters of visit reports, with the Report, Detainees and Conditions tabs of one."""

    PREFIX = ""
    NOUN = "visit report"
    ERRORS_ON = "form"
    DRAFT_COMMAND = "add_detainee"
    SUBMIT_TIP = "Check the Code's rules and submit (Ctrl+Shift+U)"

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, settings, tasks, parent)
        self._choices = CustodyChoices([], [], [], [])
        self.filter_bar = VisitFilterBar(self)
        self._build_list(
            VISIT_COLUMNS,
            build_visit_table,
            "No visit reports in these dates.\n\nWiden the dates or clear the suite and status, "
            "or press Ctrl+N to write a new report.",
        )
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
        self.splitter = self._build_splitter((), (self.warning_strip,), [820, 600])
        layout.addWidget(self.splitter, 1)
        self.commands = self._create_commands()
        self._connect()
        self._display(None)

    # -- building --------------------------------------------------------------------------------

    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget(self, objectName="visit_tabs")
        self._add_scrolling_tab(tabs, self.form, "&Report")
        self._add_scrolling_tab(tabs, self.conditions, "&Conditions")
        tabs.insertTab(DETAINEES_TAB, self.detainees, "&Detainees spoken to")
        return tabs

    def _create_commands(self) -> dict[str, QAction]:
        """Commands of this page only; New, Save, Revert, Find and Refresh are the window's."""
        return {
            "submit": self._command("S&ubmit report", self.submit_current, "Ctrl+Shift+U"),
            "add_detainee": self._command("Add &detainee spoken to…", self.add_detainee, "Ctrl+Shift+A"),
            "export": self._command("&Export this list…", self.export_list, "Ctrl+E"),
        }

    def _connect(self) -> None:
        self._connect_list()
        self.form.changed.connect(lambda: self._set_dirty(True))
        self.conditions.changed.connect(lambda: self._set_dirty(True))
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

    def _fetch_rows(self) -> list[VisitRow]:
        flt = self.filter_bar.current()
        return self._ws.run(list_visit_rows, flt.date_from, flt.date_to, flt.suite_id, flt.status)  # type: ignore[arg-type]

    def _row_id(self, row: VisitRow) -> uuid.UUID:
        return row.summary.id

    def _fetch_detail(self, visit_id: uuid.UUID) -> VisitDetail:
        return self._ws.run(custody_visits.get_visit, visit_id)

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

    def _first_field(self) -> QWidget:
        return self.form.suite_combo

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)
        self.tabs.setCurrentIndex(REPORT_TAB)

    # -- window commands -------------------------------------------------------------------------

    def _save(self) -> VisitDetail:
        data = self.form.read_input()
        if self._current is None:
            return self._ws.act(custody_visits.create_visit, data)
        saved = self._ws.act(custody_visits.update_visit, self._current.id, data)
        answers = self.conditions.answers()
        if answers != {a.item_id: (a.result, a.note) for a in self._current.conditions}:
            saved = self._ws.act(custody_visits.set_conditions, saved.id, answers)
        return saved

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
        self._submit(current.id, custody_visits.submit_visit)
