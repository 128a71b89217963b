"""The ICV section inside the main window: tabs, Edit commands, review, lazy statistics."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.main_window import MainWindow
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner


@pytest.fixture
def win(qtbot, seeded: Workspace, tmp_path: Path) -> MainWindow:
    window = MainWindow(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(window)
    window.show_page("ICV")
    return window


def test_section_has_reports_rota_and_statistics(win: MainWindow) -> None:
    tabs = win.icv.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Visit &reports", "R&ota", "&Statistics"]


def test_statistics_are_built_only_when_opened(win: MainWindow) -> None:
    assert win.icv._statistics is None
    win.icv.tabs.setCurrentIndex(2)
    assert win.icv._statistics is not None
    assert win.icv.tabs.currentWidget() is win.icv.statistics


def test_edit_new_starts_a_visit_report_from_any_tab(win: MainWindow) -> None:
    win.icv.tabs.setCurrentWidget(win.icv.rota)
    win.commands["new"].trigger()
    assert win.icv.tabs.currentWidget() is win.icv.visits
    assert win.icv.visits.current is None


def test_review_command_only_on_the_icv_page(win: MainWindow) -> None:
    review = win.icv.commands["review"]
    assert review.isEnabled()
    win.show_page("Actions")
    assert not review.isEnabled()


def test_review_needs_a_submitted_report(win: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    win.icv.review()  # nothing selected: nothing happens
    assert told == []


def test_print_visit_record_asks_for_a_report_first(win: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    win.icv.commands["print_record"].trigger()
    assert told == ["Choose a visit report in the list first."]
