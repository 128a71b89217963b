"""The action log: outstanding actions by origin and owner, ages, working days overdue, withheld ones.

Also covers ``services/report_data.outstanding_actions``, which gathers the log's data. Today is
pinned to Wednesday 18 June 2025 (tests/conftest.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import new_staff
from pdf_text import all_text, pages_text
from report_db import module_workspace

from pcc_desktop.models import ActionStatus, Classification, Meeting, MeetingKind, OriginKind
from pcc_desktop.reports import action_log
from pcc_desktop.reports.house_style import render
from pcc_desktop.services import clock
from pcc_desktop.services.action_queries import ActionFilter, list_actions
from pcc_desktop.services.actions import ActionInput, change_status, create_action, delete_action
from pcc_desktop.services.report_data import outstanding_actions
from pcc_desktop.services.workspace import Workspace

AUTHOR = "Lizzie Starr, Director of Governance and Performance"
TODAY = date(2025, 6, 18)
SECRET = "Warrant at number 12"
SENSITIVE = "Operation Falcon briefing"


def _meeting(ws: Workspace) -> uuid.UUID:
    with ws.session() as s:
        meeting = Meeting(kind=MeetingKind.CGB, held_on=date(2025, 6, 4), title="June CGB")
        s.add(meeting)
        s.flush()
        return meeting.id


def _action(ws: Workspace, title: str, logged_on: date, **changes: object) -> uuid.UUID:
    data = ActionInput(title=title, owner_id=ws.actor_id, logged_on=logged_on)
    return ws.act(create_action, replace(data, **changes)).id  # type: ignore[arg-type]


def _record_actions(ws: Workspace) -> None:
    """Three outstanding actions for two owners, plus every kind that must stay out of the log."""
    bea = new_staff(ws, "Bea Owner")
    made = {
        # Due Tue 10 June: overdue on Wed 11, Thu 12, Fri 13, Mon 16, Tue 17, Wed 18 June = 6 days.
        "speeding": _action(
            ws, "Ask the Force about speeding on the A6", date(2025, 6, 2), due_on=date(2025, 6, 10)
        ),
        "cgb": _action(
            ws,
            "Report shoplifting figures to the Board",
            date(2025, 6, 4),
            due_on=date(2025, 7, 1),
            owner_id=bea,
            origin_kind=OriginKind.MEETING,
            meeting_id=_meeting(ws),
            meeting_item="b",
        ),
        # Due Fri 30 May: 13 working days overdue by 18 June (no bank holiday in between).
        "letter": _action(
            ws, "Write to Oakham residents", date(2025, 5, 1), due_on=date(2025, 5, 30), owner_id=bea
        ),
        "done": _action(ws, "Already completed", date(2025, 6, 3)),
        "secret": _action(ws, SECRET, date(2025, 6, 5), publishable=False),
        "sensitive": _action(
            ws, SENSITIVE, date(2025, 6, 5), classification=Classification.OFFICIAL_SENSITIVE
        ),
        "parked": _action(ws, "Parked until the autumn", date(2025, 6, 5)),
        "gone": _action(ws, "Logged in error", date(2025, 6, 5)),
    }
    ws.act(change_status, made["cgb"], ActionStatus.IN_PROGRESS)
    ws.act(change_status, made["letter"], ActionStatus.AWAITING_RESPONSE)
    ws.act(change_status, made["done"], ActionStatus.COMPLETED, "", "Done and dusted")
    ws.act(change_status, made["parked"], ActionStatus.DEFERRED, "Waiting for the new financial year")
    ws.act(delete_action, made["gone"], "Duplicate")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """One database with the actions above for the whole module."""
    with module_workspace(tmp_path_factory.mktemp("log"), TODAY) as workspace:
        _record_actions(workspace)
        yield workspace


# --- the data ------------------------------------------------------------------------------------


def test_outstanding_actions_with_age_and_working_days_overdue(ws: Workspace) -> None:
    data = ws.run(outstanding_actions, TODAY)
    assert (data.as_at, data.withheld, data.deferred) == (TODAY, 2, 1)
    rows = [
        (a.title, a.owner_name, a.origin_kind, a.age_days, a.days_overdue, a.status_label)
        for a in data.actions
    ]
    # Meetings come before stand-alone actions; within an origin, by owner, the oldest first.
    assert rows == [
        ("Report shoplifting figures to the Board", "Bea Owner", OriginKind.MEETING, 14, 0, "In progress"),
        ("Ask the Force about speeding on the A6", "Alex Tester", OriginKind.STANDALONE, 16, 6, "Open"),
        ("Write to Oakham residents", "Bea Owner", OriginKind.STANDALONE, 48, 13, "Awaiting response"),
    ]
    assert data.actions[0].origin == "Corporate Governance Board 04/06/2025, item b"


def test_days_overdue_agree_with_the_action_list(ws: Workspace) -> None:
    listed = ws.run(list_actions, ActionFilter(), None, 0, None).rows
    by_reference = {row.reference: row.days_overdue for row in listed}
    for action in ws.run(outstanding_actions, TODAY).actions:
        assert action.days_overdue == by_reference[action.reference]


def test_a_past_period_leaves_out_later_actions_and_measures_on_its_last_day(ws: Workspace) -> None:
    data = ws.run(outstanding_actions, date(2025, 6, 3))
    assert data.as_at == date(2025, 6, 3)
    assert [(a.title, a.age_days, a.days_overdue) for a in data.actions] == [
        ("Ask the Force about speeding on the A6", 1, 0),
        ("Write to Oakham residents", 33, 2),  # overdue on Mon 2 and Tue 3 June
    ]
    assert (data.withheld, data.deferred) == (0, 0)  # both logged on 5 June


def test_a_period_ending_in_the_future_is_measured_today(ws: Workspace) -> None:
    assert ws.run(outstanding_actions, date(2025, 12, 31)).as_at == TODAY


# --- the printed log -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(ws: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Path:
    clock.pin_today(TODAY)
    report = ws.run(action_log.build, date(2025, 6, 1), TODAY, AUTHOR)
    return render(report, tmp_path_factory.mktemp("pdf") / "action-log.pdf").path


def test_the_log_counts_what_is_outstanding_and_what_is_withheld(printed: Path) -> None:
    text = all_text(printed)
    assert "Action Log: Outstanding Actions" in text
    assert f"Report Date 18 June 2025 Report Author {AUTHOR} Security Classification OFFICIAL" in text
    assert (
        "On 18 June 2025 there were 3 outstanding actions, 2 of them overdue by at least one working day. "
        "2 of them were logged between 1 June 2025 and 18 June 2025; the oldest has been open for 48 days."
    ) in text
    assert "2 further outstanding actions are withheld from this report" in text
    assert "1 action has been deferred and is not counted as outstanding." in text
    assert "Office of the Police and Crime Commissioner (OPCC)" in text


def test_the_count_table_groups_by_origin_then_owner(printed: Path) -> None:
    text = all_text(printed)
    assert "Table One: Outstanding actions by origin and owner" in text
    assert "Meetings Bea Owner 1 0 14 Stand-alone actions Alex Tester 1 1 16 Bea Owner 1 1 48" in text
    assert "All outstanding actions 3 2 48" in text
    assert "Chart One: Outstanding actions by origin" in text
    assert "Raised by Number of outstanding actions Meetings 1 Stand-alone actions 2" in text


def test_each_origin_lists_its_actions_by_owner_with_age_and_overdue(printed: Path) -> None:
    text = all_text(printed)
    assert "Meetings: 1 outstanding action, 0 of them overdue." in text
    assert (
        "Bea Owner (1) ACT-2025-0002 Report shoplifting figures to the Board "
        "Corporate Governance Board 04/06/2025, item b 14 01/07/2025 – In progress"
    ) in text
    assert "Alex Tester (1) ACT-2025-0001 Ask the Force about speeding on the A6 16 10/06/2025 6 Open" in text
    assert "Bea Owner (1) ACT-2025-0003 Write to Oakham residents 48 30/05/2025 13 Awaiting response" in text


def test_withheld_completed_deferred_and_deleted_actions_are_not_printed(printed: Path) -> None:
    text = all_text(printed)
    for title in (SECRET, SENSITIVE, "Already completed", "Parked until the autumn", "Logged in error"):
        assert title not in text


def test_the_log_has_the_house_chrome(printed: Path) -> None:
    pages = pages_text(printed)
    assert "Page 1 of" in pages[0]
    assert "End of Report" in pages[-1]
    assert all(page.count("OFFICIAL") >= 2 for page in pages)


def test_an_empty_log_still_prints(workspace: Workspace, tmp_path: Path) -> None:
    report = workspace.run(action_log.build, date(2025, 6, 1), TODAY, AUTHOR)
    text = all_text(render(report, tmp_path / "empty.pdf").path)
    assert "On 18 June 2025 there were no outstanding actions to report." in text
    assert "There are no outstanding actions to count." in text
    assert "There are no figures to chart for this period." in text
    assert "withheld" not in text
