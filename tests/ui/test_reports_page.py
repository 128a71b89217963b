"""The Reports page: generate a draft, edit a paragraph, save, print to PDF, list and check records."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pcc_desktop.models import DraftStatus
from pcc_desktop.reports.registry import REPORTS
from pcc_desktop.services.actions import ActionInput, create_action
from pcc_desktop.services.report_drafts import MAX_TEXT, list_drafts
from pcc_desktop.services.report_records import list_records
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.reports_layout import CUSTOM, LAST_QUARTER, LAST_YEAR, THIS_YEAR, preset_period
from pcc_desktop.ui.reports_page import ReportsPage
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui
EDITED = "The office has closed most of what the Board asked for; the rest is in hand."


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would block the test: fail loudly instead."""

    def unexpected(*args: object, **_kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def opened() -> list[Path]:
    """The files the page asked the desktop to open."""
    return []


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, tmp_path: Path, opened: list[Path]) -> Iterator[ReportsPage]:
    workspace.act(
        create_action,
        ActionInput(
            title="Write to Oakham residents", owner_id=workspace.actor_id, logged_on=date(2025, 5, 1)
        ),
    )
    widget = ReportsPage(workspace, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True))
    widget.open_file = opened.append
    qtbot.addWidget(widget)
    widget.resize(1400, 860)
    widget.start()
    widget.show()
    yield widget


def _cell(page: ReportsPage, key: str, row: int = 0) -> str:
    column = [c.key for c in page.records_model.columns].index(key)
    return page.records_model.index(row, column).data()


def _generate(page: ReportsPage, name: str = "action-log") -> None:
    page.report_list.select_name(name)
    page.preset_combo.setCurrentText(CUSTOM)
    page.from_edit.setDate(date(2025, 4, 1))
    page.to_edit.setDate(date(2025, 6, 18))
    page.generate_button.click()


def test_the_presets_are_quarters_and_financial_years() -> None:
    day = date(2025, 6, 18)
    assert preset_period(LAST_QUARTER, day) == (date(2025, 1, 1), date(2025, 3, 31))
    assert preset_period(THIS_YEAR, day) == (date(2025, 4, 1), day)
    assert preset_period(LAST_YEAR, day) == (date(2024, 4, 1), date(2025, 3, 31))
    assert preset_period(LAST_QUARTER, date(2025, 2, 3)) == (date(2024, 10, 1), date(2024, 12, 31))
    with pytest.raises(ValueError):
        preset_period(CUSTOM, day)


def test_it_lists_every_registered_report_and_says_when_lists_are_empty(page: ReportsPage) -> None:
    titles = [page.report_list.item(row).text() for row in range(page.report_list.count())]
    assert titles == [spec.title for spec in REPORTS.values()]
    assert page.report_list.current_name() == next(iter(REPORTS))
    assert page.report_description.text() == next(iter(REPORTS.values())).description
    assert page.drafts_stack.currentIndex() == 1 and page.records_stack.currentIndex() == 1
    assert "No draft is open" in page.editor.findChild(QLabel, "draft_empty_label").text()
    assert not page.print_button.isEnabled() and not page.open_button.isEnabled()
    page.preset_combo.setCurrentText(LAST_YEAR)
    assert page.period() == (date(2024, 4, 1), date(2025, 3, 31))
    assert not page.from_edit.isEnabled()


def test_generate_edit_save_print_and_the_record_is_listed(
    page: ReportsPage, workspace: Workspace, tmp_path: Path, opened: list[Path]
) -> None:
    _generate(page)
    draft = page.current
    assert draft is not None and draft.name == "action-log"
    assert page.drafts_model.rowCount() == 1
    fixed = [
        label.text() for label in page.editor.findChildren(QLabel) if label.objectName() == "fixed_table"
    ]
    assert "▦ Table One: Outstanding actions by origin and owner (figures, not editable)" in fixed

    box = page.editor.text_box("summary/1")
    assert box.toPlainText() == draft.paragraph("summary/1").text
    box.setPlainText(EDITED)
    assert page.save_button.isEnabled() and page.dirty_label.text() == "Unsaved changes"
    assert page.save_edits()
    assert page.current.paragraph("summary/1").edited
    assert not page.save_button.isEnabled()
    assert workspace.run(list_drafts)[0].edits == 1

    page.print_to_pdf(tmp_path)
    record = workspace.run(list_records)[0]
    assert record.file_path.parent == tmp_path and record.file_path.name.endswith("_v1.pdf")
    assert opened == [record.file_path]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(record.file_path).pages).split())
    assert EDITED in text
    assert page.records_model.rowCount() == 1
    assert _cell(page, "file") == "checksum OK"
    assert _cell(page, "version") == "v1"
    assert page.current.status == DraftStatus.PRODUCED
    assert page.editor.text_box("summary/1").isReadOnly() and not page.print_button.isEnabled()
    assert page.drafts_stack.currentIndex() == 1, "a produced draft is no longer in progress"

    page.open_record()
    assert opened == [record.file_path, record.file_path]
    page.reopen_record()
    assert page.current.status == DraftStatus.DRAFT and page.print_button.isEnabled()
    assert page.editor.text_box("summary/1").toPlainText() == EDITED


def test_generating_runs_off_the_gui_thread_with_progress_shown(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    tasks = TaskRunner()
    widget = ReportsPage(workspace, AppSettings(tmp_path / "s.ini"), tasks)
    qtbot.addWidget(widget)
    widget.show()
    widget.start()
    widget.report_list.select_name("action-log")
    widget.generate()
    assert widget.progress.isVisible() and widget.progress_label.text().startswith("Generating the draft")
    assert not widget.generate_button.isEnabled()
    qtbot.waitUntil(lambda: widget.current is not None and not tasks.busy, timeout=10_000)
    assert not widget.progress.isVisible() and widget.generate_button.isEnabled()
    assert widget.current.name == "action-log"
    tasks.wait()


def test_a_changed_file_is_flagged_in_the_records(
    page: ReportsPage, workspace: Workspace, tmp_path: Path
) -> None:
    _generate(page)
    page.print_to_pdf(tmp_path)
    record = workspace.run(list_records)[0]
    record.file_path.write_bytes(b"not the PDF that was printed")
    page.reload()
    assert _cell(page, "file") == "⚠ file changed or missing"


def test_errors_show_at_the_paragraph_and_at_the_period(page: ReportsPage) -> None:
    page.preset_combo.setCurrentText(CUSTOM)
    page.from_edit.setDate(date(2025, 6, 18))
    page.to_edit.setDate(date(2025, 4, 1))
    page.generate_button.click()
    assert "end on or after" in page.period_error.text() and page.period_error.isVisibleTo(page)
    assert page.current is None

    _generate(page)
    page.editor.text_box("purpose/1").setPlainText("   ")
    page.editor.text_box("summary/1").setPlainText("x" * (MAX_TEXT + 1))
    assert not page.save_edits()
    errors = {key: box.error.text() for key, box in page.editor.boxes.items() if box.error.text()}
    assert set(errors) == {"purpose/1", "summary/1"}
    assert "Write something" in errors["purpose/1"]
    page.editor.restore_generated("purpose/1")
    page.revert()
    assert not page.editor.is_dirty()


def test_unsaved_edits_are_asked_about_before_they_are_lost(
    page: ReportsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generate(page)
    assert page.confirm_discard()
    page.editor.text_box("summary/1").setPlainText(EDITED)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel)
    assert not page.confirm_discard()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Save)
    assert page.confirm_discard()
    assert page.current.paragraph("summary/1").text == EDITED


def test_a_draft_in_progress_reopens_from_the_list_and_can_be_discarded(
    page: ReportsPage, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generate(page, "you-said-we-did")
    first = page.current
    _generate(page, "action-log")
    assert page.drafts_model.rowCount() == 2
    row = next(i for i, r in enumerate(page.drafts_model.rows()) if r.id == first.id)
    page.drafts_table.clicked.emit(page.drafts_model.index(row, 0))
    assert page.current.id == first.id
    assert page.report_list.current_name() == "you-said-we-did"
    assert page.period() == (date(2025, 4, 1), date(2025, 6, 18))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    page.discard_current()
    assert page.current is None and page.drafts_model.rowCount() == 1
    assert [d.name for d in workspace.run(list_drafts)] == ["action-log"]


def test_an_edit_over_changed_figures_is_flagged_and_can_be_kept(
    page: ReportsPage, workspace: Workspace
) -> None:
    _generate(page)
    page.editor.text_box("summary/1").setPlainText(EDITED)
    assert page.save_edits()
    assert not page.editor.boxes["summary/1"].keep.isVisibleTo(page)
    workspace.act(
        create_action,
        ActionInput(title="Another one", owner_id=workspace.actor_id, logged_on=date(2025, 6, 18)),
    )
    page.generate_button.click()  # the open draft for the period, regenerated with its edits
    warning = page.editor.findChild(QLabel, "outdated_warning")
    assert warning is not None and "2 outstanding actions" in warning.text()
    box = page.editor.boxes["summary/1"]
    assert box.keep.isVisibleTo(page) and box.text.toPlainText() == EDITED
    box.keep.click()
    assert page.save_button.isEnabled()
    assert page.save_edits()
    assert not page.current.paragraph("summary/1").outdated
    assert page.editor.findChild(QLabel, "outdated_warning") is None


def test_every_control_has_an_accessible_name(
    page: ReportsPage, workspace: Workspace, tmp_path: Path
) -> None:
    """As the main window's check: every visible control, the edit boxes inside date boxes too."""
    _generate(page)
    page.print_to_pdf(tmp_path)
    page.reopen_record()
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit)
    unnamed = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget, QHeaderView) or not widget.isVisible():
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if not (interface and interface.text(QAccessible.Text.Name).strip()):
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert unnamed == []
