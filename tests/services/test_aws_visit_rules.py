"""The Dog Unit visit rules: what a draft checks, what submitting adds, dogs and checklist answers."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from pcc_desktop.models import (
    AwsSite,
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    Dog,
    MembershipStatus,
    Scheme,
    SchemeMembership,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.services.aws_details import AwsVisitInput, ObservationInput
from pcc_desktop.services.aws_visit_rules import check_answers, check_observation, check_visit, in_service
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.errors import Errors, ValidationError
from pcc_desktop.services.workspace import Workspace

DAY = date(2025, 6, 16)


@pytest.fixture
def ids(workspace: Workspace) -> dict[str, uuid.UUID]:
    """A site, two AWS visitors (one only joined after the visit date), an ICV-only volunteer, a dog."""
    workspace.run(seed_custody_reference)
    with workspace.session() as s:
        site = AwsSite(name="Dog Unit")
        ann, bob, icv = (Volunteer(reference=f"VOL-2025-000{n}", name=n) for n in ("1", "2", "3"))
        dog = Dog(name="Rex", in_service_on=date(2022, 1, 1), out_of_service_on=date(2025, 6, 30))
        s.add_all([site, ann, bob, icv, dog])
        s.flush()
        for person, scheme, started in (
            (ann, Scheme.AWS, date(2023, 1, 1)),
            (bob, Scheme.AWS, date(2025, 6, 17)),
        ):
            s.add(
                SchemeMembership(
                    volunteer_id=person.id, scheme=scheme, status=MembershipStatus.ACTIVE, started_on=started
                )
            )
        s.add(
            SchemeMembership(
                volunteer_id=icv.id,
                scheme=Scheme.ICV,
                status=MembershipStatus.ACTIVE,
                started_on=date(2023, 1, 1),
            )
        )
        return {"site": site.id, "ann": ann.id, "bob": bob.id, "icv": icv.id, "dog": dog.id}


def visit(ids: dict[str, uuid.UUID], **changes: object) -> AwsVisitInput:
    values: dict = {
        "site_id": ids["site"],
        "visited_on": DAY,
        "arrived_at": time(10),
        "departed_at": time(11),
    }
    values.update(changes)
    return AwsVisitInput(**values)


def errors_of(errors: Errors) -> dict[str, str]:
    """The messages collected, by field (empty when the rules hold)."""
    try:
        errors.raise_if_any()
    except ValidationError as exc:
        return exc.errors
    return {}


def messages(workspace: Workspace, data: AwsVisitInput, complete: bool) -> dict[str, str]:
    return errors_of(workspace.run(check_visit, data, complete))


def test_a_blank_draft_needs_only_the_site_and_date(workspace: Workspace, ids: dict[str, uuid.UUID]) -> None:
    assert messages(workspace, visit(ids, arrived_at=None, departed_at=None), complete=False) == {}
    assert set(messages(workspace, AwsVisitInput(site_id=None, visited_on=None), False)) == {
        "site_id",
        "visited_on",
    }
    assert "future" in messages(workspace, visit(ids, visited_on=date(2025, 6, 19)), False)["visited_on"]


def test_submitting_needs_the_pair_times_and_an_area(workspace: Workspace, ids: dict[str, uuid.UUID]) -> None:
    found = messages(workspace, visit(ids, departed_at=None), complete=True)
    assert set(found) == {"departed_at", "visitor_ids", "areas_seen"}
    same = messages(workspace, visit(ids, visitor_ids=(ids["ann"], ids["ann"]), saw_training=True), True)
    assert "twice" in same["visitor_ids"]


def test_visitors_must_be_active_aws_members_on_the_day(
    workspace: Workspace, ids: dict[str, uuid.UUID]
) -> None:
    pair = visit(ids, visitor_ids=(ids["ann"], ids["bob"]), saw_kennels=True)
    assert "2 was not an active" in messages(workspace, pair, True)["visitor_ids"]
    assert messages(workspace, pair, False) == {}, "a draft does not check membership"
    icv_only = visit(ids, visitor_ids=(ids["ann"], ids["icv"]), saw_kennels=True)
    assert "3 was not an active" in messages(workspace, icv_only, True)["visitor_ids"]
    later = visit(ids, visited_on=date(2025, 6, 18), visitor_ids=(ids["ann"], ids["bob"]), saw_kennels=True)
    assert messages(workspace, later, True) == {}


def test_a_serious_issue_must_be_escalated_after_arrival(
    workspace: Workspace, ids: dict[str, uuid.UUID]
) -> None:
    base = {
        "visitor_ids": (),
        "saw_kennels": True,
        "serious_issue": True,
        "serious_issue_notes": "Dog injured",
    }
    found = messages(workspace, visit(ids, **base, escalated_to="Dog Unit Manager"), True)
    assert "at once" in found["escalated_at"] and "escalated_to" not in found
    naive = messages(workspace, visit(ids, escalated_at=datetime(2025, 6, 16, 12)), False)
    assert "time zone" in naive["escalated_at"]
    future = messages(workspace, visit(ids, escalated_at=datetime(2025, 6, 19, 12, tzinfo=UTC)), False)
    assert "future" in future["escalated_at"]
    # 08:59 UTC is 09:59 in London (summer time): a minute before the 10:00 arrival.
    early = messages(workspace, visit(ids, escalated_at=datetime(2025, 6, 16, 8, 59, tzinfo=UTC)), False)
    assert "before you arrived" in early["escalated_at"]
    assert messages(workspace, visit(ids, escalated_at=datetime(2025, 6, 16, 9, tzinfo=UTC)), False) == {}


def test_training_observed_needs_notes(workspace: Workspace, ids: dict[str, uuid.UUID]) -> None:
    found = messages(workspace, visit(ids, saw_training=True, training_observed=True), True)
    assert "training_notes" in found
    noted = visit(ids, saw_training=True, training_observed=True, training_notes="Bite work, humane")
    assert "training_notes" not in messages(workspace, noted, True)


def test_in_service_from_the_first_day_until_the_day_before_the_out_of_service_date() -> None:
    # The register's rule: the out-of-service date is the dog's first day out of service.
    dog = Dog(name="Rex", in_service_on=date(2022, 1, 1), out_of_service_on=date(2025, 6, 30))
    assert in_service(dog, date(2022, 1, 1)) and in_service(dog, date(2025, 6, 29))
    assert not in_service(dog, date(2021, 12, 31)) and not in_service(dog, date(2025, 6, 30))
    assert in_service(Dog(name="Unknown dates"), DAY)


def test_an_observation_with_a_concern_needs_notes(workspace: Workspace, ids: dict[str, uuid.UUID]) -> None:
    def found(data: ObservationInput, day: date | None = DAY) -> set[str]:
        return set(errors_of(workspace.run(check_observation, data, day)))

    assert found(ObservationInput(ids["dog"], behaviour=WelfareRating.CONCERN)) == {"condition_notes"}
    assert (
        found(ObservationInput(ids["dog"], behaviour=WelfareRating.CONCERN, condition_notes="Pacing"))
        == set()
    )
    assert found(ObservationInput(ids["dog"]), date(2025, 7, 1)) == {"dog_id"}
    assert found(ObservationInput(None)) == {"dog_id"}


def test_answers_must_be_dog_unit_items_of_areas_seen(
    workspace: Workspace, ids: dict[str, uuid.UUID]
) -> None:
    with workspace.session() as s:
        by_area = {item.area: item.id for item in s.scalars(select(ChecklistItem))}

    def keys(answers: dict, areas: tuple) -> dict[str, str]:
        errors = Errors()
        workspace.run(check_answers, answers, areas, errors)
        return errors_of(errors)

    kennels = (ChecklistArea.AWS_KENNELS,)
    assert keys({by_area[ChecklistArea.AWS_KENNELS]: (CheckResult.NO, "Wet")}, kennels) == {}
    assert (
        "not ticked" in keys({by_area[ChecklistArea.AWS_VEHICLES]: (CheckResult.YES, "")}, kennels)["checks"]
    )
    custody_item = by_area[ChecklistArea.CONDITIONS]
    assert "not a Dog Unit" in keys({custody_item: (CheckResult.YES, "")}, kennels)["checks"]
