"""The Reports page: generate a Panel report as a draft, edit its wording, print it, keep the record.

Left: the reports in the registry, the drafts in progress and the reports produced (is each PDF as
printed?). Right: the period and "Generate draft" (built off the GUI thread), then the draft's
paragraphs to edit; tables and charts show as a line each, their figures always from the data.
"Print to PDF…" saves the edits, prints the next version and opens it. Changes go through the
services (``workspace.act``); messages appear at the field or paragraph they concern.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from pcc_desktop.models import DraftStatus
from pcc_desktop.reports.drafting import generate_draft, produce, reopen_draft
from pcc_desktop.reports.registry import REPORTS
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.report_drafts import (
    DraftDetail,
    DraftRow,
    discard_draft,
    discard_stale_edits,
    edit_paragraphs,
    get_draft,
    list_drafts,
)
from pcc_desktop.services.report_records import ReportRecordDetail, default_folder, list_records
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import ask_to_save
from pcc_desktop.ui.reports_draft_editor import stale_text, status_text
from pcc_desktop.ui.reports_layout import CUSTOM, ReportsLayout, fit_columns, period_text, preset_period
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner


def open_in_desktop(path: Path) -> None:
    """Open a file with the program the computer uses for it (a PDF viewer)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportsPage(ReportsLayout):
    """Report drafts and produced reports: generate, edit, print, verify and reopen."""

    message = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws, self._settings, self._tasks = workspace, settings, tasks
        self.current: DraftDetail | None = None
        self.folder: Path | None = None  # where the last PDF was printed this session
        self.open_file: Callable[[Path], None] = open_in_desktop  # tests replace it
        self._request = 0
        self.report_list.set_reports(list(REPORTS.values()))
        self._connect()
        self._on_preset_changed()
        self._display(None)

    def _connect(self) -> None:
        self.report_list.currentRowChanged.connect(lambda _row: self._on_report_changed())
        self.preset_combo.currentIndexChanged.connect(lambda _i: self._on_preset_changed())
        slots: dict[QPushButton, Callable[[], object]] = {
            self.generate_button: self.generate,
            self.save_button: self.save_edits,
            self.revert_button: self.revert,
            self.print_button: self.print_to_pdf,
            self.discard_button: self.discard_current,
            self.stale_button: self.discard_stale,
            self.open_button: self.open_record,
            self.reopen_button: self.reopen_record,
        }
        for button, slot in slots.items():
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
        self.drafts_table.activated.connect(lambda index: self._open_draft_at(index.row()))
        self.drafts_table.clicked.connect(lambda index: self._open_draft_at(index.row()))
        self.records_table.activated.connect(lambda _index: self.open_record())
        self.records_table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.editor.changed.connect(self._update_buttons)

    # --- loading -------------------------------------------------------------------------------

    def start(self) -> None:
        """First show: the first report chosen, the lists read."""
        if self.report_list.currentRow() < 0 and self.report_list.count():
            self.report_list.setCurrentRow(0)
        self.reload()

    def reload(self) -> None:
        """Read the drafts and records again (checking each PDF), keeping the draft on show."""
        drafts = self._ws.run(list_drafts)
        records = self._ws.run(list_records)
        chosen = self.selected_record()
        self.drafts_model.set_rows(drafts)
        self.records_model.set_rows(records)
        if chosen is not None:
            self._select_record(chosen.id)
        self.drafts_stack.setCurrentIndex(0 if drafts else 1)
        self.records_stack.setCurrentIndex(0 if records else 1)
        fit_columns(self.drafts_table, 0)
        fit_columns(self.records_table, 1)
        if self.current is not None and not self.editor.is_dirty():
            try:
                detail = self._ws.run(get_draft, self.current.id)
            except NotFoundError:
                detail = None
            if detail != self.current:  # rebuilding a long draft's editor takes a moment: only if changed
                self._display(detail)
        self._update_buttons()

    def _on_report_changed(self) -> None:
        spec = REPORTS.get(self.report_list.current_name() or "")
        self.report_heading.setText(spec.title if spec else "Choose a report")
        self.report_description.setText(spec.description if spec else "")
        self.period_error.show_message("")
        self._update_buttons()

    def _on_preset_changed(self) -> None:
        kind = self.preset_combo.currentText()
        custom = kind == CUSTOM
        for edit in (self.from_edit, self.to_edit):
            edit.setEnabled(custom)
        if not custom:
            first, last = preset_period(kind, today())
            self.from_edit.setDate(QDate(first))
            self.to_edit.setDate(QDate(last))

    def period(self) -> tuple[date, date]:
        """The period chosen."""
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def set_period(self, first: date, last: date) -> None:
        """Show a period: a preset if it is one, else as custom dates."""
        for index in range(self.preset_combo.count()):
            kind = self.preset_combo.itemText(index)
            if kind != CUSTOM and preset_period(kind, today()) == (first, last):
                self.preset_combo.setCurrentIndex(index)
                return
        self.preset_combo.setCurrentText(CUSTOM)
        self.from_edit.setDate(QDate(first))
        self.to_edit.setDate(QDate(last))

    def _run(self, busy_text: str, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run ``fn`` off the GUI thread with the progress shown; ``done`` gets its result."""
        self._request += 1
        request = self._request
        self._set_busy(busy_text)

        def finished(result: Any) -> None:
            if shiboken6.isValid(self) and request == self._request:
                self._set_busy("")
                done(result)

        def failed(exc: Exception) -> None:
            if shiboken6.isValid(self) and request == self._request:
                self._set_busy("")
                self._show_failure(exc)

        self._tasks.run(fn, finished, failed)

    def _set_busy(self, text: str) -> None:
        self.busy_text = text
        self.progress.setVisible(bool(text))
        self.progress_label.setText(text)
        self._update_buttons()

    def _show_failure(self, exc: Exception, what: str = "Not done") -> None:
        """A service's messages at their fields and paragraphs, the rest under the draft's heading."""
        self.general_error.show_message("")
        if isinstance(exc, ValidationError):
            rest = dict(exc.errors)
            period = {k: rest.pop(k) for k in ("report", "date_from", "date_to") if k in rest}
            self.period_error.show_message(" ".join(period.values()))
            rest = self.editor.show_errors(rest)
            self.general_error.show_message(" ".join(rest.values()))
        elif isinstance(exc, ConflictError | NotFoundError):
            self.general_error.show_message(str(exc))
        else:
            self.general_error.show_message(f"That did not work: {exc}")
        self.message.emit(f"{what}: see the messages on the page")

    # --- drafts --------------------------------------------------------------------------------

    def generate(self) -> None:
        """Generate the chosen report for the period as a draft (the open one for it, regenerated)."""
        name = self.report_list.current_name()
        self.period_error.show_message("")
        self.general_error.show_message("")
        if name is None:
            self.period_error.show_message("Choose a report from the list first.")
            return
        first, last = self.period()
        if last < first:
            self.period_error.show_message("The period must end on or after the day it starts.")
            self.to_edit.setFocus()
            return
        if not self.confirm_discard():
            return
        title = REPORTS[name].title
        self._run(
            f"Generating the draft of {title}…",
            lambda: self._ws.act(generate_draft, name, first, last),
            lambda detail: self._after_change(detail, f"Draft ready: {title}, {period_text(first, last)}"),
        )

    def _after_change(self, detail: DraftDetail, text: str) -> None:
        self._display(detail)
        self.reload()
        self.message.emit(text)

    def _open_draft_at(self, row: int) -> None:
        draft: DraftRow = self.drafts_model.row_at(row)
        if (self.current is None or self.current.id != draft.id) and self.confirm_discard():
            self.open_draft(draft.id)

    def open_draft(self, draft_id: uuid.UUID) -> None:
        """Show the draft ``draft_id`` in the editor, its report and period chosen above it."""
        try:
            detail = self._ws.run(get_draft, draft_id)
        except NotFoundError as exc:
            self.general_error.show_message(str(exc))
            self.reload()
            return
        self._display(detail)

    def _display(self, detail: DraftDetail | None) -> None:
        self.current = detail
        self.general_error.show_message("")
        produced = detail is not None and detail.status == DraftStatus.PRODUCED
        self.editor.load(detail, read_only=produced)
        if detail is None:
            self.draft_heading.setText("Draft")
            self.draft_status.setText("")
        else:
            self.report_list.select_name(detail.name)
            self.set_period(detail.date_from, detail.date_to)
            self.draft_heading.setText(
                f"Draft: {detail.title}, {period_text(detail.date_from, detail.date_to)}"
            )
            self.draft_status.setText(status_text(detail))
        stale = detail.stale_edits if detail is not None else ()
        self.stale_label.setText(stale_text(stale))
        self.stale_box.setVisible(bool(stale))
        self._update_buttons()

    def save_edits(self) -> bool:
        """Save the paragraphs changed since the draft was loaded; messages appear at them."""
        current = self.current
        edits = self.editor.edits()
        if current is None or not edits:
            return True
        self.general_error.show_message("")
        try:
            detail = self._ws.act(edit_paragraphs, current.id, edits, current.row_version)
        except (ValidationError, ConflictError, NotFoundError) as exc:
            self._show_failure(exc, "Not saved")
            return False
        count = len(edits)
        self._after_change(detail, f"Saved {count} paragraph{'s' if count != 1 else ''}")
        return True

    def revert(self) -> None:
        """Throw away unsaved changes to the draft."""
        if self.current is not None:
            self.open_draft(self.current.id)

    save_current = save_edits  # the window's Edit → Save (Ctrl+S) and Revert (Esc)
    revert_current = revert

    def discard_current(self, confirm: bool = True) -> None:
        """Throw the draft away (after asking): it leaves Drafts in progress."""
        current = self.current
        if current is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, "Discard draft", f"Discard this draft of {current.title}? Its edits will be lost."
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self._ws.act(discard_draft, current.id)
        except (ValidationError, NotFoundError) as exc:
            self._show_failure(exc)
            return
        self._display(None)
        self.reload()
        self.message.emit(f"Discarded the draft of {current.title}")

    def discard_stale(self) -> None:
        """Drop the edits whose paragraphs are no longer in the report."""
        if self.current is None or not self.save_edits() or self.current is None:
            return
        try:
            detail = self._ws.act(discard_stale_edits, self.current.id, self.current.row_version)
        except (ValidationError, ConflictError, NotFoundError) as exc:
            self._show_failure(exc)
            return
        self._after_change(detail, "Dropped the edits left over")

    def confirm_discard(self) -> bool:
        """Ask about unsaved edits to the draft. False means stay put."""
        if not self.editor.is_dirty():
            return True
        return ask_to_save(self, "report draft", self.save_edits, self.revert)

    # --- printing and records ------------------------------------------------------------------

    def _ask_folder(self) -> Path | None:
        start = self.folder or default_folder()
        chosen = QFileDialog.getExistingDirectory(self, "Print to PDF: choose the folder", str(start))
        return Path(chosen) if chosen else None

    def print_to_pdf(self, folder: Path | None = None) -> None:
        """Save the edits, print the draft as its next version, open the PDF and keep the record."""
        if self.current is None or self.current.status != DraftStatus.DRAFT or not self.save_edits():
            return
        folder = folder or self._ask_folder()
        if folder is None or self.current is None:
            return
        self.folder = folder
        draft_id, title = self.current.id, self.current.title
        self._run(
            f"Printing {title} to PDF…",
            lambda: self._ws.act(produce, draft_id, folder),
            self._after_print,
        )

    def _after_print(self, record: ReportRecordDetail) -> None:
        self.reload()
        self._select_record(record.id)
        left_out = len(record.stale_edits)
        note = (
            f"; {left_out} edit(s) left out: their paragraphs are no longer in the report" if left_out else ""
        )
        self.message.emit(f"Printed {record.file_name} ({record.pages} pages){note}")
        self.open_file(record.file_path)

    def _select_record(self, record_id: uuid.UUID) -> None:
        for row, record in enumerate(self.records_model.rows()):
            if record.id == record_id:
                self.records_table.selectionModel().setCurrentIndex(
                    self.records_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )

    def selected_record(self) -> ReportRecordDetail | None:
        """The produced report chosen in the list."""
        index: QModelIndex = self.records_table.selectionModel().currentIndex()
        return self.records_model.row_at(index.row()) if index.isValid() else None

    def open_record(self) -> None:
        """Open the chosen record's PDF (saying so if it is missing or has changed)."""
        record = self.selected_record()
        if record is None:
            return
        if not record.file_path.exists():
            self.general_error.show_message(f"The file is missing: {record.file_path}")
            return
        if not record.file_ok:
            self.message.emit(f"{record.file_name} has changed since it was printed")
        self.open_file(record.file_path)

    def reopen_record(self) -> None:
        """Reopen the chosen record's draft, regenerated from the data, to make a new version."""
        record = self.selected_record()
        if record is None or not self.confirm_discard():
            return
        self._run(
            f"Reopening the draft of {record.title}…",
            lambda: self._ws.act(reopen_draft, record.draft_id),
            lambda detail: self._after_change(
                detail, f"Reopened {record.title}: the next print is a new version"
            ),
        )

    def _update_buttons(self) -> None:
        busy = bool(getattr(self, "busy_text", ""))
        current = self.current
        editable = current is not None and current.status == DraftStatus.DRAFT
        dirty = editable and self.editor.is_dirty()
        self.generate_button.setEnabled(not busy and self.report_list.current_name() is not None)
        self.save_button.setEnabled(dirty and not busy)
        self.revert_button.setEnabled(dirty and not busy)
        self.print_button.setEnabled(editable and not busy)
        self.discard_button.setEnabled(editable and not busy)
        self.dirty_label.setText("Unsaved changes" if dirty else "")
        chosen = self.selected_record() is not None
        self.open_button.setEnabled(chosen)
        self.reopen_button.setEnabled(chosen and not busy)
