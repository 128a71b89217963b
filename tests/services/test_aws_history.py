"""Per-dog history and coverage: only submitted visits count, the six-month boundary, the order."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, time

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    AwsSite,
    AwsVisit,
    Dog,
    DogObservation,
    DogRole,
    ReportStatus,
    WelfareRating,
)
from pcc_desktop.models.aws import aws_visit_visitor
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import aws_settings
from pcc_desktop.services.aws_history import (
    add_months,
    dog_coverage,
    dog_history,
    dogs_in_service,
    whole_months,
)
from pcc_desktop.services.errors import NotFoundError
from pcc_desktop.services.workspace import Workspace
from tests.conftest import TODAY

_numbers = itertools.count(1)
MET = WelfareRating.MET
CONCERN = WelfareRating.CONCERN


def add_site(s: Session, name: str = "Leicestershire Police Dog Unit") -> uuid.UUID:
    """A Dog Unit site."""
    site = AwsSite(name=name)
    s.add(site)
    s.flush()
    return site.id


def add_dog(
    s: Session,
    site_id: uuid.UUID | None,
    name: str,
    *,
    role: DogRole = DogRole.GENERAL_PURPOSE,
    in_service: date | None = date(2020, 1, 1),
    out: date | None = None,
) -> uuid.UUID:
    """A dog in service from ``in_service`` (to ``out``)."""
    dog = Dog(
        name=name,
        collar_number=f"PD {next(_numbers)}",
        breed="German Shepherd",
        role=role,
        site_id=site_id,
        in_service_on=in_service,
        out_of_service_on=out,
    )
    s.add(dog)
    s.flush()
    return dog.id


def add_visit(
    s: Session,
    site_id: uuid.UUID,
    day: date,
    dogs: dict[uuid.UUID, dict] | tuple[uuid.UUID, ...] = (),
    *,
    status: ReportStatus = ReportStatus.REVIEWED,
    serious: bool = False,
    visitors: tuple[uuid.UUID, ...] = (),
    slot_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A visit (10:00–12:00) observing ``dogs``: each all MET unless its dict says otherwise."""
    visit = AwsVisit(
        reference=f"AWS-{day.year}-{next(_numbers):04d}",
        site_id=site_id,
        slot_id=slot_id,
        visited_on=day,
        arrived_at=time(10, 0),
        departed_at=time(12, 0),
        status=status,
        serious_issue=serious,
        serious_issue_notes="Heat alarm failed." if serious else "",
        submitted_on=day if status != ReportStatus.DRAFT else None,
    )
    s.add(visit)
    s.flush()
    overrides = dogs if isinstance(dogs, dict) else {key: {} for key in dogs}
    for dog_id, values in overrides.items():
        ratings = {need: MET for need in ("environment", "diet", "behaviour", "companionship", "health")}
        s.add(DogObservation(visit_id=visit.id, dog_id=dog_id, **{**ratings, **values}))
    if visitors:
        s.execute(insert(aws_visit_visitor), [{"visit_id": visit.id, "volunteer_id": v} for v in visitors])
    s.flush()
    return visit.id


def test_months_arithmetic() -> None:
    assert add_months(date(2025, 8, 31), -6) == date(2025, 2, 28)
    assert add_months(date(2024, 8, 31), -6) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 15), -1) == date(2024, 12, 15)
    assert add_months(date(2024, 12, 1), 1) == date(2025, 1, 1)
    assert whole_months(date(2024, 12, 18), date(2025, 6, 18)) == 6
    assert whole_months(date(2024, 12, 19), date(2025, 6, 18)) == 5
    assert whole_months(date(2025, 1, 31), date(2025, 2, 28)) == 1
    assert whole_months(date(2025, 1, 31), date(2025, 2, 27)) == 0
    assert whole_months(date(2025, 6, 18), date(2025, 6, 1)) == 0


def test_history_newest_first_only_submitted_and_reviewed(workspace: Workspace) -> None:
    with workspace.session() as s:
        site = add_site(s)
        zeus, odin = add_dog(s, site, "Zeus"), add_dog(s, site, "Odin")
        add_visit(s, site, date(2025, 1, 10), {zeus: {"diet": CONCERN, "condition_notes": "A little thin."}})
        add_visit(s, site, date(2025, 3, 12), (zeus, odin), status=ReportStatus.SUBMITTED, serious=True)
        add_visit(s, site, date(2025, 5, 14), (zeus,), status=ReportStatus.DRAFT)
        gone = add_visit(s, site, date(2025, 4, 9), (zeus,))
        s.get_one(AwsVisit, gone).deleted_at = utc_now()
        struck = add_visit(s, site, date(2025, 2, 11), (zeus,))
        for obs in s.get_one(AwsVisit, struck).observations_of_dogs:
            obs.deleted_at = utc_now()
        add_visit(s, site, date(2025, 6, 2), (odin,))
    history = workspace.run(dog_history, zeus)
    assert [h.visited_on for h in history] == [date(2025, 3, 12), date(2025, 1, 10)]
    newest, oldest = history
    assert newest.serious_issue and not oldest.serious_issue
    assert newest.reference.startswith("AWS-2025-")
    assert oldest.diet == CONCERN and oldest.environment == MET
    assert oldest.ratings == (MET, CONCERN, MET, MET, MET)
    assert oldest.concerns == 1
    assert oldest.condition_notes == "A little thin."


def test_history_of_a_missing_dog(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError):
        workspace.run(dog_history, uuid.uuid4())
    with workspace.session() as s:
        dog = add_dog(s, add_site(s), "Ghost")
        s.get_one(Dog, dog).deleted_at = utc_now()
    with pytest.raises(NotFoundError):
        workspace.run(dog_history, dog)


def test_the_six_month_boundary(workspace: Workspace) -> None:
    """Seen on the cutoff day (exactly six months ago) is seen; the day before is not."""
    with workspace.session() as s:
        site = add_site(s)
        on_the_day, day_before = add_dog(s, site, "Bramble"), add_dog(s, site, "Alfie")
        add_visit(s, site, date(2024, 12, 18), (on_the_day,))
        add_visit(s, site, date(2024, 12, 17), (day_before,))
    coverage = workspace.run(dog_coverage, TODAY, 6)
    rows = {r.name: r for r in coverage.rows}
    assert coverage.cutoff == date(2024, 12, 18)
    assert not rows["Bramble"].not_seen
    assert rows["Alfie"].not_seen
    assert rows["Bramble"].months_since == rows["Alfie"].months_since == 6
    assert coverage.not_seen_count == 1
    assert [r.name for r in coverage.rows] == ["Alfie", "Bramble"]


def test_coverage_order_and_who_is_in_service(workspace: Workspace) -> None:
    with workspace.session() as s:
        site = add_site(s)
        never_b, never_a = add_dog(s, site, "Kane"), add_dog(s, site, "Diesel")
        long_ago, less_long = add_dog(s, site, "Storm"), add_dog(s, site, "Poppy")
        recent_z, recent_a = add_dog(s, site, "Zeus"), add_dog(s, site, "Ace")
        add_dog(s, site, "Retired", out=date(2025, 6, 18))  # out of service from today
        add_dog(s, site, "Pup", in_service=date(2025, 6, 19))  # not yet in service
        add_dog(s, site, "Stray")  # never seen either
        gone = add_dog(s, site, "Deleted")
        s.get_one(Dog, gone).deleted_at = utc_now()
        add_visit(s, site, date(2024, 5, 1), (long_ago, less_long))
        add_visit(s, site, date(2024, 9, 1), (less_long,))
        add_visit(s, site, date(2025, 5, 1), (recent_a, recent_z))
        add_visit(s, site, date(2025, 6, 1), (never_a,), status=ReportStatus.DRAFT)
        add_visit(s, site, date(2025, 6, 20), (never_b,))  # after the day measured
    coverage = workspace.run(dog_coverage, TODAY, 6)
    names = [r.name for r in coverage.rows]
    assert names == ["Diesel", "Kane", "Stray", "Storm", "Poppy", "Ace", "Zeus"]
    rows = {r.name: r for r in coverage.rows}
    assert rows["Diesel"].last_seen is None and rows["Diesel"].never_seen
    assert rows["Diesel"].months_since is None and rows["Diesel"].not_seen
    assert rows["Storm"].last_seen == date(2024, 5, 1) and rows["Storm"].months_since == 13
    assert rows["Zeus"].last_seen == date(2025, 5, 1) and not rows["Zeus"].not_seen
    assert rows["Zeus"].role_label == "General purpose"
    assert coverage.not_seen_count == 5
    assert (coverage.months, coverage.as_of) == (6, TODAY)
    assert [d.name for d in workspace.run(dogs_in_service, TODAY)] == [*sorted(names)]


def test_coverage_defaults_to_today_and_the_setting(workspace: Workspace) -> None:
    with workspace.session() as s:
        site = add_site(s)
        dog = add_dog(s, site, "Rocco")
        add_visit(s, site, date(2025, 2, 1), (dog,))
    assert workspace.run(dog_coverage).not_seen_count == 0
    workspace.act(aws_settings.set_coverage_months, 3)
    coverage = workspace.run(dog_coverage)
    assert (coverage.months, coverage.as_of, coverage.not_seen_count) == (3, TODAY, 1)
    assert workspace.run(dog_coverage, date(2025, 4, 30)).not_seen_count == 0


def test_concerns_in_the_last_twelve_months(workspace: Workspace) -> None:
    with workspace.session() as s:
        site = add_site(s)
        dog = add_dog(s, site, "Nala")
        add_visit(s, site, date(2024, 6, 18), {dog: {"diet": CONCERN, "health": CONCERN}})  # 12 months ago
        add_visit(s, site, date(2024, 6, 19), {dog: {"behaviour": CONCERN}})
        add_visit(s, site, date(2025, 3, 1), {dog: {"diet": CONCERN, "health": CONCERN}})
        add_visit(s, site, date(2025, 4, 1), {dog: {"diet": CONCERN}}, status=ReportStatus.DRAFT)
    (row,) = workspace.run(dog_coverage, TODAY, 6).rows
    assert row.concerns == 3
    assert row.last_seen == date(2025, 3, 1)
