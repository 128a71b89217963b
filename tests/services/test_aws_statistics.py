"""AWS statistics: the golden figures of domain.md §4.3 (AWS-1, AWS-2, AWS-3) and the rest."""

from __future__ import annotations

import itertools
import uuid
from datetime import date

import pytest
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    ActionStatus,
    AwsSlot,
    AwsVisit,
    MembershipStatus,
    OriginKind,
    RaiserTold,
    ReportStatus,
    Scheme,
    SchemeMembership,
    SlotStatus,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import aws_settings
from pcc_desktop.services.aws_history import add_months
from pcc_desktop.services.aws_statistics import aws_statistics, aws_statistics_rows, period_months
from pcc_desktop.services.workspace import Workspace
from tests.services.test_aws_history import add_dog, add_site, add_visit

_numbers = itertools.count(1)


def _people(s: Session, count: int = 4) -> list[uuid.UUID]:
    people = [
        Volunteer(reference=f"VOL-2022-{next(_numbers):04d}", name=f"Visitor {n}") for n in range(count)
    ]
    s.add_all(people)
    s.flush()
    for person in people:
        s.add(
            SchemeMembership(
                volunteer_id=person.id,
                scheme=Scheme.AWS,
                status=MembershipStatus.ACTIVE,
                started_on=date(2022, 3, 1),
            )
        )
    return [p.id for p in people]


def _monthly(
    s: Session,
    site: uuid.UUID,
    first: date,
    count: int,
    people: list[uuid.UUID],
    outcome: dict[date, SlotStatus] | None = None,
) -> list[uuid.UUID]:
    """A slot a month from ``first``; completed ones get a visit on the 10th by the month's pair."""
    visits = []
    for index in range(count):
        month = add_months(first, index)
        pair = (people[index % 2], people[2 + index % 2])
        status = (outcome or {}).get(month, SlotStatus.COMPLETED)
        slot = AwsSlot(
            site_id=site, month=month, volunteer_a_id=pair[0], volunteer_b_id=pair[1], status=status
        )
        s.add(slot)
        s.flush()
        if status == SlotStatus.COMPLETED:
            visits.append(add_visit(s, site, month.replace(day=10), visitors=pair, slot_id=slot.id))
    return visits


def test_aws_1_twelve_visits_since_launch(workspace: Workspace) -> None:
    with workspace.session() as s:
        site = add_site(s)
        _monthly(s, site, date(2022, 4, 1), 14, _people(s))
        add_visit(s, site, date(2023, 2, 20), status=ReportStatus.DRAFT)
        deleted = add_visit(s, site, date(2023, 3, 20))
        s.get_one(AwsVisit, deleted).deleted_at = utc_now()
    stats = workspace.run(aws_statistics, date(2022, 4, 1), date(2023, 3, 31))
    assert stats.visits_since_launch == 12
    assert stats.visits == 12
    assert len(stats.months) == 12
    later = workspace.run(aws_statistics, date(2023, 4, 1), date(2023, 5, 31))
    assert (later.visits, later.visits_since_launch) == (2, 14)


def test_aws_2_and_3_a_visit_every_month_in_pairs_no_serious_issues(workspace: Workspace) -> None:
    with workspace.session() as s:
        site = add_site(s)
        _monthly(s, site, date(2023, 12, 1), 9, _people(s))  # Dec 2023 to Aug 2024
        add_visit(s, site, date(2023, 12, 20), serious=True)  # outside the period
    stats = workspace.run(aws_statistics, date(2024, 1, 1), date(2024, 7, 31))
    assert (stats.scheduled, stats.completed, stats.missed, stats.cancelled) == (7, 7, 0, 0)
    assert stats.pct_achieved == 100.0
    assert stats.serious_issues == 0
    assert (stats.standard_expected, stats.pct_of_standard) == (7, 100.0)
    assert stats.visits == stats.visits_in_pairs == 7  # AWS-3: two visitors on every visit
    assert stats.visits_by_month == tuple((date(2024, m, 1), 1) for m in range(1, 8))
    assert stats.volunteer_hours == 28.0  # 7 visits × 2 hours × 2 visitors
    assert stats.active_visitors == 4


def test_a_missed_month_and_a_cancelled_one(workspace: Workspace) -> None:
    with workspace.session() as s:
        site = add_site(s)
        people = _people(s)
        _monthly(s, site, date(2024, 1, 1), 7, people, {date(2024, 3, 1): SlotStatus.MISSED})
        _monthly(s, site, date(2024, 1, 1), 1, people, {date(2024, 1, 1): SlotStatus.CANCELLED})
    stats = workspace.run(aws_statistics, date(2024, 1, 1), date(2024, 7, 31))
    assert (stats.scheduled, stats.completed, stats.missed, stats.cancelled) == (7, 6, 1, 1)
    assert stats.pct_achieved == 85.7
    assert stats.pct_of_standard == 85.7
    assert dict(stats.visits_by_month)[date(2024, 3, 1)] == 0
    rows = dict(aws_statistics_rows(stats))
    assert rows["% of scheduled visits achieved"] == "85.7%"
    assert rows["Missed"] == "1"


def test_months_start_at_the_launch_and_nothing_scheduled(workspace: Workspace) -> None:
    assert period_months(date(2022, 1, 15), date(2022, 6, 3)) == (
        date(2022, 4, 1),
        date(2022, 5, 1),
        date(2022, 6, 1),
    )
    assert period_months(date(2021, 1, 1), date(2021, 12, 31)) == ()
    workspace.act(aws_settings.set_visits_per_month, 2)
    stats = workspace.run(aws_statistics, date(2022, 1, 1), date(2022, 6, 30))
    assert stats.pct_achieved is None and stats.scheduled == 0
    assert stats.standard_expected == 6  # 2 a month × April–June
    assert stats.pct_of_standard == 0.0
    rows = dict(aws_statistics_rows(stats))
    assert rows["% of scheduled visits achieved"] == "–"
    assert rows["Standard"] == "6 visits (2 a month × 3 months)"
    before = workspace.run(aws_statistics, date(2021, 1, 1), date(2021, 12, 31))
    assert before.pct_of_standard is None and before.standard_expected == 0


def test_dogs_concerns_and_findings(seeded: Workspace) -> None:
    with seeded.session() as s:
        site = add_site(s)
        zeus, odin = add_dog(s, site, "Zeus"), add_dog(s, site, "Odin")
        add_dog(s, site, "Retired", out=date(2024, 12, 1))
        add_dog(s, site, "Later", in_service=date(2025, 2, 1))
        concern = {"diet": WelfareRating.CONCERN, "health": WelfareRating.CONCERN}
        first = add_visit(s, site, date(2024, 5, 10), {zeus: concern, odin: {}})
        second = add_visit(s, site, date(2024, 6, 10), {zeus: {}}, serious=True)
        outside = add_visit(s, site, date(2025, 2, 10), {odin: concern})
        me = seeded.actor_id
        for visit, status, told, deleted in (
            (first, ActionStatus.COMPLETED, RaiserTold.TOLD, False),
            (first, ActionStatus.COMPLETED, RaiserTold.NOT_YET, False),
            (second, ActionStatus.OPEN, RaiserTold.NOT_YET, False),
            (second, ActionStatus.OPEN, RaiserTold.NOT_YET, True),
            (outside, ActionStatus.OPEN, RaiserTold.NOT_YET, False),
        ):
            s.add(
                Action(
                    reference=f"ACT-2024-{next(_numbers):04d}",
                    title="Ask the Dog Unit to repair the heat alarm",
                    origin_kind=OriginKind.AWS_VISIT,
                    aws_visit_id=visit,
                    owner_id=me,
                    logged_on=date(2024, 6, 20),
                    status=status,
                    raiser_told=told,
                    deleted_at=utc_now() if deleted else None,
                )
            )
    stats = seeded.run(aws_statistics, date(2024, 4, 1), date(2025, 1, 31))
    assert (stats.visits, stats.dogs_seen, stats.concerns, stats.serious_issues) == (2, 2, 1, 1)
    assert stats.dogs_in_service == 2
    assert (stats.findings, stats.findings_open, stats.findings_closed, stats.visitors_told) == (3, 1, 2, 1)
    assert stats.visits_in_pairs == 0
    rows = dict(aws_statistics_rows(stats))
    assert rows["Period"] == "01/04/2024–31/01/2025"
    assert rows["Findings raised with the Dog Unit"] == "3"
    assert rows["Visitors told the outcome"] == "1 of 3"
    assert rows["Dogs in service on 31/01/2025"] == "2"
    assert rows["Visits since the launch (01/04/2022)"] == "2"


def test_a_period_that_ends_before_it_starts(workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="cannot end before it starts"):
        workspace.run(aws_statistics, date(2024, 2, 1), date(2024, 1, 1))
