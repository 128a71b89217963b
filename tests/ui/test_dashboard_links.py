"""A dashboard tile or chart opens the list or panel holding its figures, filtered to match."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pcc_desktop.models import EngagementType, OriginKind
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dashboard_links import follow
from pcc_desktop.ui.main_window import MainWindow
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner

PERIOD = (date(2024, 4, 1), date(2025, 3, 31))


@pytest.fixture
def win(qtbot, seeded: Workspace, tmp_path: Path) -> MainWindow:
    window = MainWindow(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(window)
    return window


def test_the_overdue_tile_opens_the_overdue_view(win: MainWindow) -> None:
    win.dashboard.open_list.emit("actions", "Overdue")  # type: ignore[attr-defined]
    assert win.stack.currentWidget() is win.action_page
    bar = win.action_page.filter_bar
    assert bar.view_combo.current_id() == "Overdue"
    assert bar.current_filter().overdue_only


def test_a_bar_of_the_origin_chart_filters_the_actions_by_origin(win: MainWindow) -> None:
    follow(win, "actions", {"origin_kind": "aws_visit", "overdue_only": True})
    flt = win.action_page.filter_bar.current_filter()
    assert (flt.origin_kind, flt.overdue_only) == (OriginKind.AWS_VISIT, True)


def test_community_days_open_the_engagement_list_for_the_period(win: MainWindow) -> None:
    follow(win, "engagements", {"date_from": PERIOD[0], "date_to": PERIOD[1]})
    section = win.engagement
    assert win.stack.currentWidget() is section and section.tabs.currentWidget() is section.page
    flt = section.page.filter_bar.current_filter()
    assert (flt.date_from, flt.date_to) == PERIOD
    assert EngagementType.COMMUNITY_DAY in flt.kinds or not flt.kinds


def test_scheme_tiles_open_their_statistics_for_the_period(win: MainWindow) -> None:
    follow(win, "aws_statistics", PERIOD)
    assert win.aws.tabs.currentWidget().objectName() == "aws_statistics_panel"  # type: ignore[attr-defined]
    assert win.aws.panel("statistics").period() == PERIOD  # type: ignore[attr-defined]
    follow(win, "icv_statistics", PERIOD)
    assert win.stack.currentWidget() is win.icv
    assert win.icv.tabs.currentWidget() is win.icv.statistics  # type: ignore[attr-defined]


def test_dogs_not_seen_and_coverage_open_their_tabs(win: MainWindow) -> None:
    follow(win, "aws_dogs", None)
    assert win.aws.tabs.currentWidget().objectName() == "aws_dogs_panel"  # type: ignore[attr-defined]
    follow(win, "coverage", date(2024, 4, 1))
    assert win.engagement.tabs.currentWidget() is win.engagement.coverage


def test_an_unknown_target_changes_nothing(win: MainWindow) -> None:
    win.show_page("Actions")
    follow(win, "nowhere", None)
    assert win.stack.currentWidget() is win.action_page
