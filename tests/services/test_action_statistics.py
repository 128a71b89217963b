"""Action figures for a period: exact counts, age bands, overdue with bank holidays, raisers to tell."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, timedelta

import pytest

from pcc_desktop.models import (
    Action,
    ActionStatus,
    Meeting,
    MeetingKind,
    OriginKind,
    RaiserTold,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services.action_details import days_overdue
from pcc_desktop.services.action_queries import ActionFilter, count_actions
from pcc_desktop.services.action_statistics import AGE_BANDS, action_statistics
from pcc_desktop.services.engagement_statistics import LabelCount
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workspace import Workspace
from tests.conftest import TODAY, new_staff

S = ActionStatus
_numbers = itertools.count(1)


def _meeting(ws: Workspace) -> uuid.UUID:
    with ws.session() as s:
        meeting = Meeting(kind=MeetingKind.CGB, held_on=date(2024, 10, 1))
        s.add(meeting)
        s.flush()
        return meeting.id


def _action(
    ws: Workspace,
    logged_on: date,
    status: ActionStatus = S.OPEN,
    *,
    owner_id: uuid.UUID | None = None,
    meeting_id: uuid.UUID | None = None,
    deleted: bool = False,
    **extra: object,
) -> None:
    with ws.session() as s:
        s.add(
            Action(
                reference=f"ACT-{next(_numbers):05d}",
                title="Follow up",
                owner_id=owner_id or ws.actor_id,
                logged_on=logged_on,
                status=status,
                origin_kind=OriginKind.MEETING if meeting_id else OriginKind.STANDALONE,
                meeting_id=meeting_id,
                deleted_at=utc_now() if deleted else None,
                **extra,
            )
        )


@pytest.fixture
def log(workspace: Workspace) -> Workspace:
    """Eleven actions around April–June 2025 (today is 18 June 2025); numbers match the comments."""
    ws = workspace
    bea = new_staff(ws, "Bea Owner")
    cgb = _meeting(ws)
    _action(ws, date(2025, 4, 10), due_on=date(2025, 6, 17))  # 1: overdue by a day
    _action(ws, date(2025, 6, 1), S.IN_PROGRESS, owner_id=bea, due_on=date(2025, 6, 18))  # 2: due today
    done = {"completed_on": date(2025, 6, 2), "raiser_told": RaiserTold.NOT_YET}
    _action(ws, date(2025, 5, 1), S.COMPLETED, **done)  # 3
    told = {"completed_on": date(2025, 5, 20), "raiser_told": RaiserTold.TOLD}
    _action(ws, date(2025, 4, 15), S.COMPLETED, **told)  # 4
    _action(
        ws, date(2024, 11, 1), S.AWAITING_RESPONSE, owner_id=bea, meeting_id=cgb, due_on=date(2025, 1, 10)
    )
    _action(ws, date(2024, 12, 20), S.DEFERRED)  # 6: deferred is not open
    _action(ws, date(2025, 1, 5), S.REOPENED, meeting_id=cgb)  # 7: no due date
    _action(ws, date(2025, 7, 2))  # 8: logged after the period
    _action(ws, date(2025, 4, 20), deleted=True)  # 9
    earlier = {"completed_on": date(2025, 3, 15), "raiser_told": RaiserTold.NOT_YET}
    _action(ws, date(2024, 10, 1), S.COMPLETED, **earlier)  # 10
    _action(ws, TODAY)  # 11: logged today
    return ws


def test_figures_for_a_period_still_running(log: Workspace) -> None:
    stats = log.run(action_statistics, date(2025, 4, 1), date(2025, 6, 30))
    assert stats.as_of == TODAY  # the period ends after today
    assert stats.logged == 5  # 1, 2, 3, 4, 11
    assert stats.completed == 2  # 3, 4
    assert stats.open_at_end == 5  # 1, 2, 5, 7, 11
    assert stats.overdue == 2  # 1, 5
    assert stats.open_by_age == (
        LabelCount("0–30 days", 2),  # 2 (17 days), 11 (0)
        LabelCount("31–90 days", 1),  # 1 (69)
        LabelCount("91–180 days", 1),  # 7 (164)
        LabelCount("Over 180 days", 1),  # 5 (229)
    )
    assert stats.open_by_origin == (LabelCount("Stand-alone", 3), LabelCount("Meeting", 2))
    assert stats.open_by_owner == (LabelCount("Alex Tester", 3), LabelCount("Bea Owner", 2))
    assert stats.raisers_not_told == 2  # 3, 10


def test_figures_for_a_past_period_are_measured_at_its_end(log: Workspace) -> None:
    stats = log.run(action_statistics, date(2025, 1, 1), date(2025, 3, 31))
    assert stats.as_of == date(2025, 3, 31)
    assert (stats.logged, stats.completed) == (1, 1)  # 7; 10
    assert (stats.open_at_end, stats.overdue) == (2, 1)  # 5 and 7 open now; 5 was late by 31 March
    assert stats.open_by_age == (
        LabelCount("0–30 days", 0),
        LabelCount("31–90 days", 1),  # 7 (85 days)
        LabelCount("91–180 days", 1),  # 5 (150)
        LabelCount("Over 180 days", 0),
    )
    assert stats.open_by_origin == (LabelCount("Meeting", 2),)
    assert stats.raisers_not_told == 1  # 10; 3 was completed after the period


def test_overdue_agrees_with_the_action_list_today(log: Workspace) -> None:
    stats = log.run(action_statistics, date(2025, 4, 1), date(2026, 3, 31))
    assert stats.overdue == log.run(count_actions, ActionFilter(overdue_only=True))
    assert stats.open_at_end == 6  # now including 8, logged in July


@pytest.mark.parametrize(
    ("due_on", "late"),
    [
        (date(2025, 5, 1), True),  # Thursday: a working day (Friday 2 May) has passed
        (date(2025, 5, 2), False),  # Friday: the weekend and the bank holiday Monday do not count
        (date(2025, 5, 5), False),
    ],
)
def test_overdue_skips_the_early_may_bank_holiday(workspace: Workspace, due_on: date, late: bool) -> None:
    _action(workspace, date(2025, 4, 1), due_on=due_on)
    stats = workspace.run(action_statistics, date(2025, 4, 1), date(2025, 5, 5))
    assert stats.as_of == date(2025, 5, 5)
    assert stats.overdue == int(late)
    assert (days_overdue(S.OPEN, due_on, date(2025, 5, 5)) > 0) is late


@pytest.mark.parametrize(("age", "band"), [(0, 0), (30, 0), (31, 1), (90, 1), (91, 2), (180, 2), (181, 3)])
def test_age_band_edges(workspace: Workspace, age: int, band: int) -> None:
    _action(workspace, TODAY - timedelta(days=age))
    stats = workspace.run(action_statistics, date(2024, 1, 1), TODAY)
    assert [row.count for row in stats.open_by_age] == [int(i == band) for i in range(len(AGE_BANDS))]


def test_nothing_logged_is_all_zeros(workspace: Workspace) -> None:
    stats = workspace.run(action_statistics, date(2025, 4, 1), date(2025, 6, 30))
    assert (stats.logged, stats.completed, stats.open_at_end, stats.overdue, stats.raisers_not_told) == (
        0,
        0,
        0,
        0,
        0,
    )
    assert [row.count for row in stats.open_by_age] == [0, 0, 0, 0]
    assert stats.open_by_origin == () and stats.open_by_owner == ()


def test_a_period_ending_before_it_starts_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        workspace.run(action_statistics, date(2025, 6, 30), date(2025, 4, 1))
