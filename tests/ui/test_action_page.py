"""The Actions page: create and edit through the form, filter, bulk status change, export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from pcc_desktop.models import ActionStatus
from pcc_desktop.services.action_queries import ActionFilter, list_actions
from pcc_desktop.services.actions import ActionInput, create_action, get_action
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.action_page import ActionPage
from pcc_desktop.ui.dialogs import ReasonDialog, StatusDialog
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A message box would block the test: record it and fail loudly instead."""
    shown: list[str] = []

    def unexpected(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        shown.append(str(args[1:3]))
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    return shown


@pytest.fixture
def page(qtbot, seeded: Workspace, tmp_path: Path) -> Iterator[ActionPage]:
    widget = ActionPage(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.start()
    widget.show()
    yield widget


def _add(ws: Workspace, title: str, due: date | None = None) -> ActionInput:
    data = ActionInput(title=title, owner_id=ws.actor_id, logged_on=date(2025, 6, 2), due_on=due)
    ws.act(create_action, data)
    return data


def _titles(page: ActionPage) -> list[str]:
    return [page.model.row_at(r).title for r in range(page.model.rowCount())]


def _all(ws: Workspace) -> list:
    return ws.run(list_actions, ActionFilter(), None, 0, None).rows


def test_new_action_through_the_form_appears_in_the_list(
    page: ActionPage, seeded: Workspace, qtbot: QtBot
) -> None:
    page.new_action()
    form = page.detail.form
    assert form.heading.text() == "New action"
    assert not page.detail.dirty, "an untouched blank form is not an unsaved change"
    qtbot.keyClicks(form.title_edit, "Write to Melton residents about speeding")
    assert page.detail.dirty
    form.owner_combo.set_current_id(seeded.actor_id)
    assert page.save_current() is True
    assert _titles(page) == ["Write to Melton residents about speeding"]
    assert form.heading.text().startswith("ACT-2025-0001")
    assert page.model.row_at(0).reference == "ACT-2025-0001"
    assert not page.detail.dirty
    assert "1 action" in page.count_label.text()


def test_empty_title_shows_the_message_under_title_and_saves_nothing(
    page: ActionPage, seeded: Workspace
) -> None:
    page.new_action()
    form = page.detail.form
    form.title_edit.setText("   ")
    assert page.save_current() is False
    error = form._errors["title"]
    assert error.isVisible()
    assert "title" in error.text().lower()
    assert not form._errors["owner_id"].isVisible()
    assert _all(seeded) == []
    assert page.model.rowCount() == 0


def test_moving_the_due_date_asks_why_and_the_reason_is_in_the_history(
    page: ActionPage, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(seeded, "Request Force data on burglary", due=date(2025, 6, 30))
    page.reload()
    assert _titles(page) == ["Request Force data on burglary"]
    asked: list[str] = []

    def fake_exec(dialog: ReasonDialog) -> int:
        asked.append(dialog.windowTitle())
        dialog.reason_edit.setPlainText("The Force asked for more time")
        dialog._on_ok()
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", fake_exec)
    page.detail.form.due_edit.set_value(date(2025, 7, 14))
    assert page.detail.dirty
    assert page.save_current() is True
    assert asked == ["Due date moved"]
    detail = seeded.run(get_action, page.model.row_at(0).id)
    assert detail.due_on == date(2025, 7, 14)
    history = page.detail.history_model.rows()
    due_rows = [e for e in history if e.field == "due_on"]
    assert len(due_rows) == 1
    assert due_rows[0].reason == "The Force asked for more time"


def test_cancelling_the_reason_keeps_the_old_due_date(
    page: ActionPage, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(seeded, "Check progress", due=date(2025, 6, 30))
    page.reload()
    monkeypatch.setattr(ReasonDialog, "exec", lambda _dialog: 0)
    page.detail.form.due_edit.set_value(date(2025, 7, 14))
    assert page.save_current() is False
    assert _all(seeded)[0].due_on == date(2025, 6, 30)


def test_search_narrows_the_list(page: ActionPage, seeded: Workspace, qtbot) -> None:
    for title in ("Write to Oakham residents", "Raise speeding at the board", "Write to the Chief Constable"):
        _add(seeded, title)
    page.reload()
    assert len(_titles(page)) == 3
    page.filter_bar.search_edit.setText("write to")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=2000)
    assert sorted(_titles(page)) == ["Write to Oakham residents", "Write to the Chief Constable"]
    page.filter_bar.search_edit.setText("oakham")
    page.filter_bar._emit()
    assert _titles(page) == ["Write to Oakham residents"]
    assert page.model.current_filter.text == "oakham"


def test_my_open_actions_is_the_first_view(page: ActionPage, seeded: Workspace) -> None:
    combo = page.filter_bar.view_combo
    assert combo.itemText(0) == "My open actions"
    assert combo.currentText() == "My open actions"
    assert page.model.current_filter.owner_id == seeded.actor_id
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Everything" in names and "Overdue" in names


def test_bulk_status_change_on_two_selected_rows(
    page: ActionPage, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    for title in ("First", "Second", "Third"):
        _add(seeded, title)
    page.reload()
    assert page.model.rowCount() == 3
    selection = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.clearSelection()
    selection.select(page.model.index(0, 0), flags)
    selection.select(page.model.index(1, 0), flags)
    chosen = {page.model.row_at(0).id, page.model.row_at(1).id}
    assert set(page.selected_ids()) == chosen
    seen: list[str] = []

    def fake_exec(dialog: StatusDialog) -> int:
        seen.append(dialog.windowTitle())
        dialog.status_combo.set_current_id(ActionStatus.IN_PROGRESS)
        dialog.note_edit.setPlainText("Started on both")
        dialog._on_ok()
        return dialog.result()

    monkeypatch.setattr(StatusDialog, "exec", fake_exec)
    page.change_status()
    assert seen == ["Change status"]
    statuses = {row.id: row.status for row in _all(seeded)}
    assert [statuses[i] for i in chosen] == [ActionStatus.IN_PROGRESS] * 2
    assert sorted(statuses.values()).count(ActionStatus.OPEN) == 1


def test_export_view_writes_a_workbook(
    page: ActionPage, seeded: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("pcc_desktop.services.action_io")
    openpyxl = pytest.importorskip("openpyxl")
    for title in ("Export me", "And me"):
        _add(seeded, title)
    page.reload()
    out = tmp_path / "exports" / "actions.xlsx"
    out.parent.mkdir()
    chosen = (str(out), "Excel workbook (*.xlsx)")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: chosen)
    messages: list[str] = []
    page.message.connect(messages.append)
    page.export_view()
    assert out.exists()
    sheet = openpyxl.load_workbook(out).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Export me" in cells and "And me" in cells
    assert any("Exported 2 actions" in m for m in messages)
    assert page._settings.export_folder == str(out.parent)


def test_an_empty_view_says_so_instead_of_showing_an_empty_grid(page: ActionPage) -> None:
    page.model.set_filter(ActionFilter(text="no action has this text"))
    assert page.list_stack.currentWidget() is page.empty_label
    assert "Ctrl+N" in page.empty_label.text()


def test_editing_a_debrief_action_keeps_its_feedback_link(page: ActionPage, seeded: Workspace) -> None:
    from pcc_desktop.models import Engagement, EngagementStatus, EngagementType, FeedbackItem, OriginKind
    from pcc_desktop.services.actions import update_action

    with seeded.session() as s:
        engagement = Engagement(
            reference="ENG-2025-0001",
            kind=EngagementType.COMMUNITY_DAY,
            status=EngagementStatus.HELD,
            held_on=date(2025, 6, 12),
            place_name="Oakham",
        )
        s.add(engagement)
        s.flush()
        item = FeedbackItem(engagement_id=engagement.id, text="Speeding on the bypass")
        s.add(item)
        s.flush()
        item_id = item.id
    created = seeded.act(
        create_action,
        ActionInput(
            title="Ask for speed checks",
            owner_id=seeded.actor_id,
            logged_on=date(2025, 6, 13),
            origin_kind=OriginKind.FEEDBACK,
            feedback_item_id=item_id,
        ),
    )
    page.reload()
    page._show(created.id)
    form = page.detail.form
    assert not form.origin_combo.isEnabled()
    assert "Oakham" in form.raised_at_label.text()
    data = form.read_input()
    assert data.feedback_item_id == item_id
    saved = seeded.act(update_action, created.id, replace(data, title="Ask for speed checks on the A606"))
    assert saved.feedback_item_id == item_id
    assert saved.origin_kind == OriginKind.FEEDBACK
