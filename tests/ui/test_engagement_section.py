"""The Engagement section inside the main window: tabs, Edit commands, debrief, remembered page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from pcc_desktop.models import Engagement, EngagementStatus, EngagementType, FeedbackItem, Sentiment
from pcc_desktop.services.debrief import actions_for_engagement
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.debrief_dialog import DebriefDialog
from pcc_desktop.ui.main_window import MainWindow
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner


@pytest.fixture
def win(qtbot, seeded: Workspace, tmp_path: Path) -> MainWindow:
    window = MainWindow(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(window)
    window.show_page("Engagement")
    return window


def _held_engagement(ws: Workspace) -> Engagement:
    with ws.session() as s:
        engagement = Engagement(
            reference="ENG-2025-0001",
            kind=EngagementType.COMMUNITY_DAY,
            status=EngagementStatus.HELD,
            held_on=date(2025, 6, 12),
            place_name="Oakham",
        )
        s.add(engagement)
        s.flush()
        s.add(
            FeedbackItem(
                engagement_id=engagement.id,
                text="Speeding on the bypass",
                position=1,
                sentiment=Sentiment.NEGATIVE,
            )
        )
        return engagement


def test_section_has_the_three_views(win: MainWindow) -> None:
    tabs = win.engagement.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "&Engagements",
        "Coverage and t&hemes",
        "&You said, we did",
    ]


def test_edit_new_plans_an_engagement_from_any_tab(win: MainWindow) -> None:
    win.engagement.tabs.setCurrentWidget(win.engagement.coverage)
    win.commands["new"].trigger()
    assert win.engagement.tabs.currentWidget() is win.engagement.page
    assert win.engagement.page.current is None


def test_debrief_command_only_on_the_engagement_page(win: MainWindow) -> None:
    debrief = win.engagement.commands["debrief"]
    assert debrief.isEnabled()
    win.show_page("Actions")
    assert not debrief.isEnabled()
    assert win.action_page.commands["export"].isEnabled()
    assert not win.engagement.commands["export"].isEnabled(), "Ctrl+E must mean one thing at a time"


def test_debrief_turns_feedback_into_actions(
    win: MainWindow, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    engagement = _held_engagement(seeded)
    win.engagement.page.reload()
    win.engagement.page._show(engagement.id)

    def accept(dialog: DebriefDialog) -> int:
        dialog._on_ok()
        return dialog.result()

    monkeypatch.setattr(DebriefDialog, "exec", accept)
    win.engagement.debrief()
    linked = seeded.run(actions_for_engagement, engagement.id)
    assert [a.title for a in linked] == ["Speeding on the bypass"]


def test_debrief_of_a_planned_engagement_explains_why_not(
    win: MainWindow, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    engagement = _held_engagement(seeded)
    with seeded.session() as s:
        s.get(Engagement, engagement.id).status = EngagementStatus.PLANNED
    win.engagement.page.reload()
    win.engagement.page._show(engagement.id)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    win.engagement.debrief()
    assert told == ["Mark the engagement as held before debriefing it."]


def test_the_window_reopens_on_the_last_section(qtbot, seeded: Workspace, tmp_path: Path) -> None:
    ini = tmp_path / "again.ini"
    first = MainWindow(seeded, AppSettings(ini), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(first)
    first.show_page("Engagement")
    assert first.close()
    second = MainWindow(seeded, AppSettings(ini), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(second)
    assert second.stack.currentWidget() is second.engagement


def test_import_engagements_from_the_section(
    win: MainWindow, seeded: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    log = tmp_path / "engagements.csv"
    log.write_text("Date,Type,Place,Status\n12/06/2025,Surgery,Oakham,Held\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(log), ""))
    win.engagement.commands["import"].trigger()
    assert win.engagement.page.model.total >= 1
    assert "Imported 1 engagements" in win.statusBar().currentMessage()
