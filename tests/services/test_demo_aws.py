"""The AWS demo: fast, deterministic, keeps the scheme's rules and reproduces domain.md §4.3."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    ActionStatus,
    AwsCheckAnswer,
    AwsSite,
    AwsSlot,
    AwsVisit,
    ChecklistItem,
    Dog,
    DogObservation,
    MembershipStatus,
    Organisation,
    OriginKind,
    RaiserTold,
    ReportStatus,
    Scheme,
    SchemeMembership,
    SiteKind,
    SlotStatus,
    Volunteer,
)
from pcc_desktop.models.aws import aws_visit_visitor
from pcc_desktop.models.database import make_engine
from pcc_desktop.models.migrations import upgrade
from pcc_desktop.services.aws_history import dog_coverage, month_start
from pcc_desktop.services.aws_statistics import aws_statistics
from pcc_desktop.services.demo import build_demo
from pcc_desktop.services.demo_aws import build_aws_demo
from pcc_desktop.services.reference_seed import seed_reference_data
from pcc_desktop.services.references import highest_numbers
from pcc_desktop.services.staff import StaffData, save_staff
from pcc_desktop.services.workspace import Workspace
from tests.conftest import TODAY

START = date(2022, 6, 1)  # the main demo's start: the AWS history still begins at the launch
AREAS = ("saw_kennels", "saw_training", "saw_vehicles", "saw_home_kennels")


def _members(ws: Workspace, started: tuple[date, ...]) -> None:
    with ws.session() as s:
        for n, day in enumerate(started, start=1):
            person = Volunteer(reference=f"VOL-2021-{n:04d}", name=f"Visitor {n}")
            s.add(person)
            s.flush()
            s.add(
                SchemeMembership(
                    volunteer_id=person.id, scheme=Scheme.AWS, status=MembershipStatus.ACTIVE, started_on=day
                )
            )


@pytest.fixture
def demo(seeded: Workspace) -> tuple[Workspace, dict[str, int]]:
    _members(seeded, (date(2021, 9, 1), date(2021, 11, 1), date(2022, 4, 2), date(2023, 2, 28)))
    counts = seeded.run(build_aws_demo, random.Random(5), START, TODAY)
    return seeded, counts


def test_the_register_schedule_and_visits(demo: tuple[Workspace, dict[str, int]]) -> None:
    ws, counts = demo
    assert counts["sites"] == 3  # the Dog Unit and two home kennels
    assert counts["dogs"] == 23 and counts["vehicles"] == 5
    assert counts["slots"] == 40  # April 2022 to July 2025
    assert counts["visits"] == 37  # 38 full months, one missed, one cancelled, and this month's draft
    assert 37 * 4 <= counts["observations"] <= 37 * 8
    assert counts["actions"] >= 3
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(Dog).where(Dog.out_of_service_on.is_not(None))) == 3
        assert s.scalar(select(func.min(AwsSlot.month))) == date(2022, 4, 1)
        assert highest_numbers(s, "AWS") == {2022: 9, 2023: 11, 2024: 12, 2025: 5}
        statuses = dict(s.execute(select(AwsSlot.status, func.count()).group_by(AwsSlot.status)).all())
        assert statuses == {
            SlotStatus.COMPLETED: 36,
            SlotStatus.MISSED: 1,
            SlotStatus.CANCELLED: 1,
            SlotStatus.SCHEDULED: 2,
        }
        closed = s.scalars(
            select(AwsSlot).where(AwsSlot.status.in_((SlotStatus.MISSED, SlotStatus.CANCELLED)))
        )
        assert all(slot.reason for slot in closed)


def _check_pairs(s: Session) -> None:
    visitors: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for visit_id, volunteer_id in s.execute(select(aws_visit_visitor)):
        visitors[visit_id].add(volunteer_id)
    joined = dict(s.execute(select(SchemeMembership.volunteer_id, SchemeMembership.started_on)).all())
    previous: set[uuid.UUID] = set()
    slots = {slot.id: slot for slot in s.scalars(select(AwsSlot).order_by(AwsSlot.month))}
    for slot in slots.values():
        pair = {slot.volunteer_a_id, slot.volunteer_b_id}
        assert len(pair) == 2 and pair != previous, slot.month
        previous = pair
    for visit in s.scalars(select(AwsVisit)):
        slot = slots[visit.slot_id]
        assert visitors[visit.id] == {slot.volunteer_a_id, slot.volunteer_b_id}  # AWS-3: a pair
        assert all(joined[v] <= visit.visited_on for v in visitors[visit.id])  # active members that day
        assert month_start(visit.visited_on) == slot.month and visit.visited_on < TODAY
        assert visit.visited_on.weekday() < 5


def test_every_visit_keeps_the_rules(demo: tuple[Workspace, dict[str, int]]) -> None:
    ws, _counts = demo
    with ws.session() as s:
        _check_pairs(s)
        dogs = {d.id: d for d in s.scalars(select(Dog))}
        areas = dict(s.execute(select(ChecklistItem.id, ChecklistItem.area)).all())
        for visit in s.scalars(select(AwsVisit).order_by(AwsVisit.visited_on)):
            assert 4 <= len(visit.observations_of_dogs) <= 8
            for obs in visit.observations_of_dogs:
                dog = dogs[obs.dog_id]
                assert dog.in_service_on <= visit.visited_on
                assert dog.out_of_service_on is None or dog.out_of_service_on > visit.visited_on
            answers = s.scalars(select(AwsCheckAnswer.item_id).where(AwsCheckAnswer.visit_id == visit.id))
            seen = {areas[item].value.removeprefix("aws_") for item in answers}
            assert seen == {a.removeprefix("saw_") for a in AREAS if getattr(visit, a)}
            assert visit.saw_kennels
            assert not visit.serious_issue or (visit.serious_issue_notes and visit.escalated_at)
        visits = s.scalars(select(AwsVisit).order_by(AwsVisit.visited_on.desc())).all()
        assert [v.status for v in visits[:3]] == [
            ReportStatus.DRAFT,
            ReportStatus.SUBMITTED,
            ReportStatus.REVIEWED,
        ]
        assert all(v.status == ReportStatus.REVIEWED and v.reviewed_on for v in visits[2:])


def test_the_golden_figures(demo: tuple[Workspace, dict[str, int]]) -> None:
    ws, _counts = demo
    first_year = ws.run(aws_statistics, date(2022, 4, 1), date(2023, 3, 31))
    assert first_year.visits_since_launch == 12  # AWS-1
    update = ws.run(aws_statistics, date(2024, 1, 1), date(2024, 7, 31))
    assert (update.pct_achieved, update.serious_issues, update.visits) == (100.0, 0, 7)  # AWS-2
    everything = ws.run(aws_statistics, date(2022, 4, 1), TODAY)
    assert everything.visits == everything.visits_in_pairs == 36  # AWS-3; the draft does not count
    assert everything.serious_issues == 1
    assert everything.missed == everything.cancelled == 1


def test_coverage_shows_three_gaps(demo: tuple[Workspace, dict[str, int]]) -> None:
    ws, _counts = demo
    coverage = ws.run(dog_coverage, TODAY, 6)
    assert len(coverage.rows) == 20
    assert coverage.not_seen_count == 3
    gaps = coverage.rows[:3]
    assert gaps[0].name == "Bruno" and gaps[0].never_seen
    assert {g.name for g in gaps[1:]} == {"Scout", "Penny"}
    assert all(g.months_since is not None and g.months_since >= 7 for g in gaps[1:])


def test_findings_are_actions_for_the_dog_unit(demo: tuple[Workspace, dict[str, int]]) -> None:
    ws, counts = demo
    with ws.session() as s:
        dog_unit = s.scalars(select(Organisation.id).where(Organisation.name.like("%Dog Unit%"))).one()
        actions = s.scalars(select(Action)).all()
        assert len(actions) == counts["actions"]
        assert {a.origin_kind for a in actions} == {OriginKind.AWS_VISIT}
        assert {a.assignee_org_id for a in actions} == {dog_unit}
        assert all(s.get_one(AwsVisit, a.aws_visit_id).status == ReportStatus.REVIEWED for a in actions)
        statuses = {a.status for a in actions}
        assert ActionStatus.COMPLETED in statuses and statuses - {ActionStatus.COMPLETED}
        assert any(a.raiser_told == RaiserTold.TOLD and a.told_on for a in actions)
        assert sum(highest_numbers(s, "ACT").values()) == len(actions)


def _fingerprint(ws: Workspace) -> list[tuple]:
    with ws.session() as s:
        stmt = (
            select(AwsVisit.visited_on, AwsVisit.reference, Dog.name, DogObservation.diet)
            .join(DogObservation, DogObservation.visit_id == AwsVisit.id)
            .join(Dog, Dog.id == DogObservation.dog_id)
            .order_by(AwsVisit.visited_on, Dog.name)
        )
        return [tuple(row) for row in s.execute(stmt)]


def _fresh(path: Path) -> Workspace:
    """Another seeded database, as the ``seeded`` fixture makes them."""
    engine = make_engine(path)
    upgrade(engine)
    ws = Workspace(engine)
    ws.run(save_staff, None, StaffData(id=None, name="Alex Tester", job_title="Business Staff Officer"))
    ws.run(seed_reference_data)
    return ws


def test_deterministic_for_a_seed(demo: tuple[Workspace, dict[str, int]], tmp_path: Path) -> None:
    ws, _counts = demo
    again = _fresh(tmp_path / "again.sqlite3")
    _members(again, (date(2021, 9, 1), date(2021, 11, 1), date(2022, 4, 2), date(2023, 2, 28)))
    again.run(build_aws_demo, random.Random(5), START, TODAY)
    assert _fingerprint(again) == _fingerprint(ws)
    again.dispose()


def test_an_existing_dog_unit_is_reused_and_without_visitors_no_visits(seeded: Workspace) -> None:
    with seeded.session() as s:
        s.add(AwsSite(name="Dog Unit, Force HQ", kind=SiteKind.DOG_UNIT))
    counts = seeded.run(build_aws_demo, random.Random(1), START, TODAY)
    assert counts["sites"] == 2 and counts["dogs"] == 23
    assert counts["slots"] == counts["visits"] == 0
    with seeded.session() as s:
        assert (
            s.scalar(select(func.count()).select_from(AwsSite).where(AwsSite.kind == SiteKind.DOG_UNIT)) == 1
        )


def test_the_full_demo_includes_the_dog_unit(seeded: Workspace, tmp_path: Path) -> None:
    summary = seeded.run(build_demo, 3, 0.02, 1, engagements=False)
    assert summary.dogs == 23
    assert summary.aws_visits == 37
    assert summary.aws_findings >= 1
    other = _fresh(tmp_path / "other.sqlite3")
    without = other.run(build_demo, 3, 0.02, 1, engagements=False, icv=False, aws=False)
    assert (without.dogs, without.aws_visits) == (0, 0)
    assert other.run(lambda s: s.scalar(select(func.count()).select_from(Dog))) == 0
    other.dispose()
