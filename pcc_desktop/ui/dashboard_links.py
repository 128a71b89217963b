"""Following a dashboard tile or chart to the list or panel that holds its figures.

The dashboard only says where to go (``DashboardPage.open_list``: a target and an argument); this
module knows the window's pages and how each one is told what to show, so the dashboard stays free
of them and each page keeps its own way of being filtered.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from pcc_desktop.models import EngagementStatus, EngagementType
from pcc_desktop.services.engagement_details import EngagementFilter

if TYPE_CHECKING:
    from pcc_desktop.ui.main_window import MainWindow


def _actions(window: MainWindow, argument: Any) -> None:
    from pcc_desktop.ui.action_filter_bar import filter_from_json

    window.show_page("Actions")
    bar = window.action_page.filter_bar
    if isinstance(argument, str):
        bar.choose_view(argument)
    elif isinstance(argument, dict):
        bar.apply(filter_from_json(argument))


def _engagements(window: MainWindow, argument: dict[str, date]) -> None:
    window.show_page("Engagement")
    section = window.engagement
    section.tabs.setCurrentWidget(section.page)
    section.page.filter_bar.apply(
        EngagementFilter(
            kinds=(EngagementType.COMMUNITY_DAY,),
            statuses=(EngagementStatus.HELD,),
            date_from=argument.get("date_from"),
            date_to=argument.get("date_to"),
        )
    )


def _coverage(window: MainWindow, year_start: date) -> None:
    window.show_page("Engagement")
    section = window.engagement
    section.tabs.setCurrentWidget(section.coverage)
    section.coverage.set_year(year_start.year)  # type: ignore[attr-defined]


def _icv_statistics(window: MainWindow, period: tuple[date, date]) -> None:
    from pcc_desktop.ui.icv_statistics_panel import CUSTOM

    window.show_page("ICV")
    section = window.icv
    section.tabs.setCurrentWidget(section.statistics)  # type: ignore[attr-defined]
    section.statistics.set_period(CUSTOM, period)  # type: ignore[attr-defined]


def _aws_statistics(window: MainWindow, period: tuple[date, date]) -> None:
    from pcc_desktop.ui.aws_statistics_panel import CUSTOM

    window.show_page("AWS")
    window.aws.show_tab("statistics").set_period(CUSTOM, period)  # type: ignore[attr-defined]


def _aws_dogs(window: MainWindow, _argument: object) -> None:
    window.show_page("AWS")
    window.aws.show_tab("dogs")  # type: ignore[attr-defined]


FOLLOWERS = {
    "actions": _actions,
    "engagements": _engagements,
    "coverage": _coverage,
    "icv_statistics": _icv_statistics,
    "aws_statistics": _aws_statistics,
    "aws_dogs": _aws_dogs,
}


def follow(window: MainWindow, target: str, argument: object) -> None:
    """Open the page ``target`` names, showing what ``argument`` selects; unknown targets do nothing."""
    follower = FOLLOWERS.get(target)
    if follower is not None:
        follower(window, argument)  # type: ignore[operator]
