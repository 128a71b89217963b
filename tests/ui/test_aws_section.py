"""The Animal Welfare Scheme section inside the main window: tabs built on use, Edit commands, review."""

from __future__ import annotations

from pathlib import Path

import pytest

from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_section import LAZY_TABS
from pcc_desktop.ui.main_window import MainWindow
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner


@pytest.fixture
def win(qtbot, seeded: Workspace, tmp_path: Path) -> MainWindow:
    window = MainWindow(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(window)
    window.show_page("AWS")
    return window


def test_section_has_reports_schedule_dogs_register_and_statistics(win: MainWindow) -> None:
    tabs = win.aws.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Visit &reports",
        "&Schedule",
        "&Dogs seen and not seen",
        "Re&gister",
        "S&tatistics",
    ]


@pytest.mark.parametrize(("key", "object_name"), [
    ("schedule", "aws_schedule_panel"),
    ("dogs", "aws_dogs_panel"),
    ("register", "aws_register_panel"),
    ("statistics", "aws_statistics_panel"),
])  # fmt: skip
def test_each_tab_is_built_when_first_opened(win: MainWindow, key: str, object_name: str) -> None:
    assert key not in win.aws._panels
    index = 1 + [k for k, _label, _factory in LAZY_TABS].index(key)
    win.aws.tabs.setCurrentIndex(index)
    panel = win.aws.tabs.currentWidget()
    assert panel.objectName() == object_name
    assert win.aws.panel(key) is panel, "built once, then kept"


def test_edit_new_starts_a_dog_unit_report_from_any_tab(win: MainWindow) -> None:
    win.aws.show_tab("schedule")
    win.commands["new"].trigger()
    assert win.aws.tabs.currentWidget() is win.aws.visits
    assert win.aws.visits.current is None


def test_review_commands_of_icv_and_aws_never_both_enabled(win: MainWindow) -> None:
    aws_review = win.aws.commands["review"]
    icv_review = win.icv.commands["review"]
    win.show_page("AWS")
    assert aws_review.isEnabled() and not icv_review.isEnabled()
    win.show_page("ICV")
    assert icv_review.isEnabled() and not aws_review.isEnabled()


def test_the_section_is_reached_from_the_view_menu(win: MainWindow) -> None:
    win.show_page("Actions")
    win.commands["show_aws"].trigger()
    assert win.stack.currentWidget() is win.aws
