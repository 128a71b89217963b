"""Dog Unit visit reports: drafts, dogs seen, checklists, submitting, the slot, review into actions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from pcc_desktop.models import (
    Action,
    AwsCheckAnswer,
    AwsSite,
    AwsSlot,
    ChangeRecord,
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    Dog,
    DogObservation,
    MembershipStatus,
    Organisation,
    OriginKind,
    Priority,
    RaiserTold,
    ReportStatus,
    Scheme,
    SchemeMembership,
    SiteKind,
    SlotStatus,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.services.aws_choices import aws_choices, dogs_in_service_on, volunteers_on
from pcc_desktop.services.aws_details import DOG_UNIT_ORGANISATION
from pcc_desktop.services.aws_visits import (
    AwsFinding,
    AwsReviewInput,
    AwsVisitInput,
    ObservationInput,
    create_visit,
    delete_draft,
    get_visit,
    list_visits,
    remove_observation,
    review_visit,
    save_observation,
    set_checks,
    submit_visit,
    update_visit,
)
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace

DAY = date(2025, 6, 16)
CONCERN, MET = WelfareRating.CONCERN, WelfareRating.MET


@dataclass(frozen=True)
class World:
    """The ids a test needs: the Dog Unit, three visitors (the third left in 2024) and dogs."""

    site: uuid.UUID
    ann: uuid.UUID
    bob: uuid.UUID
    cat: uuid.UUID
    rex: uuid.UUID
    old_dog: uuid.UUID


def make_world(ws: Workspace) -> World:
    """Reference data, the Dog Unit checklists, AWS volunteers, a site and dogs, made with the models."""
    ws.run(seed_custody_reference)
    with ws.session() as s:
        site = AwsSite(name="Dog Unit, Enderby", kind=SiteKind.DOG_UNIT)
        people = [
            Volunteer(reference=f"VOL-2025-000{n}", name=name) for n, name in enumerate(("Ann", "Bob", "Cat"))
        ]
        rex = Dog(name="Rex", collar_number="PD101", in_service_on=date(2021, 5, 1))
        old = Dog(
            name="Bess",
            collar_number="PD77",
            in_service_on=date(2015, 1, 1),
            out_of_service_on=date(2024, 3, 1),
        )
        s.add_all([site, *people, rex, old])
        s.flush()
        for person, ended in zip(people, (None, None, date(2024, 12, 31)), strict=True):
            s.add(
                SchemeMembership(
                    volunteer_id=person.id,
                    scheme=Scheme.AWS,
                    status=MembershipStatus.ACTIVE,
                    started_on=date(2023, 1, 1),
                    ended_on=ended,
                )
            )
        return World(site.id, people[0].id, people[1].id, people[2].id, rex.id, old.id)


@pytest.fixture
def world(seeded: Workspace) -> World:
    return make_world(seeded)


def full_input(world: World, **changes: object) -> AwsVisitInput:
    values: dict = {
        "site_id": world.site,
        "visited_on": DAY,
        "arrived_at": time(10, 0),
        "departed_at": time(12, 30),
        "visitor_ids": (world.ann, world.bob),
        "received_by": "PS 1234 Jones",
        "brief_given": True,
        "saw_kennels": True,
        "observations": "Kennels clean; dogs settled.",
    }
    values.update(changes)
    return AwsVisitInput(**values)


def item_of(ws: Workspace, area: ChecklistArea) -> uuid.UUID:
    with ws.session() as s:
        return s.scalars(select(ChecklistItem.id).where(ChecklistItem.area == area).limit(1)).one()


def history(ws: Workspace, field: str) -> list[tuple[str | None, str | None]]:
    with ws.session() as s:
        rows = s.execute(
            select(ChangeRecord.old_value, ChangeRecord.new_value).where(
                ChangeRecord.entity_type == "aws_visit", ChangeRecord.field == field
            )
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_a_draft_gets_a_reference_from_the_visit_year(seeded: Workspace, world: World) -> None:
    first = seeded.act(create_visit, AwsVisitInput(site_id=world.site, visited_on=date(2024, 11, 5)))
    second = seeded.act(create_visit, full_input(world))
    assert first.reference == "AWS-2024-0001" and second.reference == "AWS-2025-0001"
    assert second.status == ReportStatus.DRAFT and second.site_name == "Dog Unit, Enderby"
    assert [v.name for v in second.visitors] == ["Ann", "Bob"]
    assert second.duration_minutes == 150 and second.areas_seen() == (ChecklistArea.AWS_KENNELS,)
    assert sorted(history(seeded, "created")) == [(None, "AWS-2024-0001"), (None, "AWS-2025-0001")]


def test_a_draft_checks_only_what_is_typed(seeded: Workspace, world: World) -> None:
    draft = seeded.act(
        create_visit, AwsVisitInput(site_id=world.site, visited_on=DAY, visitor_ids=(world.ann,))
    )
    assert draft.visitors[0].id == world.ann
    with pytest.raises(ValidationError) as caught:
        seeded.act(create_visit, full_input(world, arrived_at=time(11, 0), departed_at=time(10, 0)))
    assert set(caught.value.errors) == {"departed_at"}
    with pytest.raises(ValidationError) as caught:
        seeded.act(create_visit, full_input(world, site_id=uuid.uuid4(), received_by="x" * 121))
    assert set(caught.value.errors) == {"site_id", "received_by"}
    with pytest.raises(ValidationError) as caught:
        seeded.act(create_visit, full_input(world, visited_on=date(2022, 3, 31)))
    assert "began" in caught.value.errors["visited_on"]


def test_received_by_is_personal_so_the_history_says_changed(seeded: Workspace, world: World) -> None:
    draft = seeded.act(create_visit, full_input(world))
    seeded.act(update_visit, draft.id, full_input(world, received_by="PS 99 Smith", enrichment="Sandpit"))
    assert history(seeded, "received_by") == [("changed", "changed")]
    assert history(seeded, "enrichment") == [("", "Sandpit")]
    assert seeded.run(get_visit, draft.id).received_by == "PS 99 Smith"


def test_submit_needs_a_pair_of_active_aws_visitors(seeded: Workspace, world: World) -> None:
    one = seeded.act(create_visit, full_input(world, visitor_ids=(world.ann,)))
    with pytest.raises(ValidationError) as caught:
        seeded.act(submit_visit, one.id)
    assert "pair" in caught.value.errors["visitor_ids"]
    left = seeded.act(create_visit, full_input(world, visitor_ids=(world.ann, world.cat)))
    with pytest.raises(ValidationError) as caught:
        seeded.act(submit_visit, left.id)
    assert "Cat was not an active" in caught.value.errors["visitor_ids"]
    assert seeded.run(get_visit, left.id).status == ReportStatus.DRAFT
    with pytest.raises(ValidationError) as caught:
        seeded.act(create_visit, full_input(world, visitor_ids=(world.ann, world.bob, world.cat)))
    assert "no more" in caught.value.errors["visitor_ids"]


def test_submit_checks_times_areas_training_and_escalation(seeded: Workspace, world: World) -> None:
    draft = seeded.act(
        create_visit,
        full_input(world, departed_at=None, saw_kennels=False, training_observed=True, serious_issue=True),
    )
    with pytest.raises(ValidationError) as caught:
        seeded.act(submit_visit, draft.id)
    assert set(caught.value.errors) == {
        "departed_at",
        "areas_seen",
        "training_notes",
        "serious_issue_notes",
        "escalated_at",
        "escalated_to",
    }


def test_escalation_cannot_be_before_arrival(seeded: Workspace, world: World) -> None:
    early = datetime(2025, 6, 16, 8, 30, tzinfo=UTC)  # 09:30 in London, before the 10:00 arrival
    with pytest.raises(ValidationError) as caught:
        seeded.act(create_visit, full_input(world, serious_issue=True, escalated_at=early))
    assert "before you arrived" in caught.value.errors["escalated_at"]
    on_time = datetime(2025, 6, 16, 9, 15, tzinfo=UTC)  # 10:15 in London
    draft = seeded.act(
        create_visit,
        full_input(
            world,
            serious_issue=True,
            serious_issue_notes="Van heat alarm not working.",
            escalated_at=on_time,
            escalated_to="Dog Unit Sergeant",
        ),
    )
    assert seeded.act(submit_visit, draft.id).escalated_at == on_time


def test_dogs_seen_are_added_changed_removed_and_revived(seeded: Workspace, world: World) -> None:
    draft = seeded.act(create_visit, full_input(world))
    with pytest.raises(ValidationError) as caught:
        seeded.act(save_observation, draft.id, ObservationInput(dog_id=world.rex, health=CONCERN))
    assert "concern" in caught.value.errors["condition_notes"]
    with pytest.raises(ValidationError) as caught:
        seeded.act(save_observation, draft.id, ObservationInput(dog_id=world.old_dog, health=MET))
    assert "not in service" in caught.value.errors["dog_id"]
    seeded.act(save_observation, draft.id, ObservationInput(dog_id=world.rex, environment=MET))
    detail = seeded.act(
        save_observation, draft.id, ObservationInput(world.rex, health=CONCERN, condition_notes="Limping")
    )
    assert [(d.dog_name, d.collar_number, d.health, d.environment) for d in detail.dogs] == [
        ("Rex", "PD101", CONCERN, WelfareRating.NOT_ASSESSED)
    ]
    assert detail.dogs[0].concerns() == ("health",)
    assert not seeded.act(remove_observation, draft.id, world.rex).dogs
    revived = seeded.act(save_observation, draft.id, ObservationInput(dog_id=world.rex, diet=MET))
    assert [d.diet for d in revived.dogs] == [MET]
    with seeded.session() as s:
        assert s.scalar(select(func.count()).select_from(DogObservation)) == 1
    with pytest.raises(NotFoundError):
        seeded.act(remove_observation, draft.id, world.old_dog)


def test_checklist_answers_only_for_areas_seen_and_revived(seeded: Workspace, world: World) -> None:
    draft = seeded.act(create_visit, full_input(world))
    kennel, van = item_of(seeded, ChecklistArea.AWS_KENNELS), item_of(seeded, ChecklistArea.AWS_VEHICLES)
    with pytest.raises(ValidationError) as caught:
        seeded.act(set_checks, draft.id, {van: (CheckResult.YES, "")})
    assert "vehicles" in caught.value.errors["checks"]
    detail = seeded.act(set_checks, draft.id, {kennel: (CheckResult.NO, " Wet bedding ")})
    assert detail.answers() == {kennel: (CheckResult.NO, "Wet bedding")}
    assert list(detail.checks) == [ChecklistArea.AWS_KENNELS]
    assert seeded.act(set_checks, draft.id, {}).answers() == {}
    again = seeded.act(set_checks, draft.id, {kennel: (CheckResult.YES, "")})
    assert again.answers() == {kennel: (CheckResult.YES, "")}
    with seeded.session() as s:
        assert s.scalar(select(func.count()).select_from(AwsCheckAnswer)) == 1


def test_submit_refuses_answers_of_areas_no_longer_seen_and_concerns_without_notes(
    seeded: Workspace, world: World
) -> None:
    draft = seeded.act(create_visit, full_input(world, saw_vehicles=True))
    van = item_of(seeded, ChecklistArea.AWS_VEHICLES)
    seeded.act(set_checks, draft.id, {van: (CheckResult.YES, "")})
    seeded.act(
        save_observation, draft.id, ObservationInput(world.rex, health=CONCERN, condition_notes="Limp")
    )
    seeded.act(update_visit, draft.id, full_input(world, saw_vehicles=False))
    with seeded.session() as s:  # as an older copy of the rules might have let through
        s.scalars(select(DogObservation)).one().condition_notes = ""
    with pytest.raises(ValidationError) as caught:
        seeded.act(submit_visit, draft.id)
    assert set(caught.value.errors) == {"checks", "dogs"}
    assert "vehicles" in caught.value.errors["checks"]
    assert caught.value.errors["dogs"].startswith("Rex: A need is rated a concern")


def test_a_dog_out_of_service_on_the_visit_day_is_refused_at_submit(seeded: Workspace, world: World) -> None:
    draft = seeded.act(create_visit, full_input(world))
    seeded.act(save_observation, draft.id, ObservationInput(dog_id=world.rex, health=MET))
    with seeded.session() as s:
        s.get_one(Dog, world.rex).out_of_service_on = date(2025, 6, 1)
    with pytest.raises(ValidationError) as caught:
        seeded.act(submit_visit, draft.id)
    assert caught.value.errors["dogs"].startswith("Rex: Rex was not in service")


def add_slots(ws: Workspace, world: World) -> list[uuid.UUID]:
    with ws.session() as s:
        slots = [
            AwsSlot(site_id=world.site, month=date(2025, 6, 1), position=2),
            AwsSlot(site_id=world.site, month=date(2025, 6, 1), position=1, status=SlotStatus.CANCELLED),
            AwsSlot(site_id=world.site, month=date(2025, 6, 1), position=3),
            AwsSlot(site_id=world.site, month=date(2025, 5, 1), position=1),
        ]
        s.add_all(slots)
        s.flush()
        return [slot.id for slot in slots]


def test_submitting_completes_the_month_slot(seeded: Workspace, world: World) -> None:
    second, _cancelled, third, may = add_slots(seeded, world)
    draft = seeded.act(create_visit, full_input(world))
    submitted = seeded.act(submit_visit, draft.id)
    assert submitted.status == ReportStatus.SUBMITTED and submitted.submitted_on == date(2025, 6, 18)
    assert submitted.slot_id == second
    with seeded.session() as s:
        statuses = {slot.id: slot.status for slot in s.scalars(select(AwsSlot))}
        slot_history = s.scalars(
            select(ChangeRecord.new_value).where(ChangeRecord.entity_type == "aws_slot")
        ).all()
    assert statuses[second] == SlotStatus.COMPLETED
    assert statuses[third] == statuses[may] == SlotStatus.SCHEDULED
    assert slot_history == ["completed"]
    with pytest.raises(ValidationError):
        seeded.act(update_visit, draft.id, full_input(world))


def finding(**changes: object) -> AwsFinding:
    return replace(AwsFinding(title="Fix the van heat alarm", due_on=date(2025, 7, 16)), **changes)


def test_review_turns_findings_into_actions_for_the_dog_unit(seeded: Workspace, world: World) -> None:
    draft = seeded.act(create_visit, full_input(world))
    seeded.act(submit_visit, draft.id)
    review = AwsReviewInput(
        notes="Raised with the Dog Unit Inspector.",
        findings=(
            finding(description="Alarm did not sound."),
            finding(title="Replace bedding", priority=Priority.HIGH),
        ),
    )
    result = seeded.act(review_visit, draft.id, review)
    assert len(result.action_references) == 2
    with seeded.session() as s:
        dog_unit = s.scalars(select(Organisation.id).where(Organisation.name == DOG_UNIT_ORGANISATION)).one()
        actions = s.scalars(select(Action).order_by(Action.reference)).all()
        for action in actions:
            assert action.origin_kind == OriginKind.AWS_VISIT and action.aws_visit_id == draft.id
            assert action.assignee_org_id == dog_unit and action.raiser_told == RaiserTold.NOT_YET
            assert action.owner_id == seeded.actor_id
        assert actions[0].description == (
            "Alarm did not sound.\n\nRaised at the review of Dog Unit visit AWS-2025-0001 (16/06/2025)."
        )
    detail = seeded.run(get_visit, draft.id)
    assert (
        detail.status == ReportStatus.REVIEWED
        and detail.review_notes == "Raised with the Dog Unit Inspector."
    )
    assert [(a.reference, a.title) for a in detail.actions] == [
        (result.action_references[0], "Fix the van heat alarm"),
        (result.action_references[1], "Replace bedding"),
    ]
    assert all(a.raiser_told == RaiserTold.NOT_YET for a in detail.actions)


def test_review_is_all_or_nothing_with_errors_at_the_finding(seeded: Workspace, world: World) -> None:
    draft = seeded.act(create_visit, full_input(world))
    with pytest.raises(ValidationError) as caught:
        seeded.act(review_visit, draft.id, AwsReviewInput())
    assert "Only a submitted report" in caught.value.errors["status"]
    seeded.act(submit_visit, draft.id)
    with pytest.raises(ValidationError) as caught:
        seeded.act(review_visit, draft.id, AwsReviewInput(findings=(finding(), finding(title=""))))
    assert set(caught.value.errors) == {"title:1"}
    with seeded.session() as s:
        assert s.scalar(select(func.count()).select_from(Action)) == 0
    assert seeded.run(get_visit, draft.id).status == ReportStatus.SUBMITTED


def test_only_a_draft_can_be_deleted(seeded: Workspace, world: World) -> None:
    draft = seeded.act(create_visit, full_input(world))
    kept = seeded.act(create_visit, full_input(world))
    seeded.act(submit_visit, kept.id)
    seeded.act(delete_draft, draft.id)
    with pytest.raises(NotFoundError):
        seeded.run(get_visit, draft.id)
    with pytest.raises(ValidationError):
        seeded.act(delete_draft, kept.id)
    assert [v.id for v in seeded.run(list_visits)] == [kept.id]


def test_the_list_is_newest_first_and_filters(seeded: Workspace, world: World) -> None:
    old = seeded.act(create_visit, full_input(world, visited_on=date(2025, 5, 2), visitor_ids=(world.cat,)))
    new = seeded.act(create_visit, full_input(world))
    seeded.act(
        save_observation, new.id, ObservationInput(world.rex, health=CONCERN, condition_notes="Limping")
    )
    seeded.act(submit_visit, new.id)
    rows = seeded.run(list_visits)
    assert [r.id for r in rows] == [new.id, old.id]
    assert (rows[0].visitors, rows[0].dogs_seen, rows[0].concerns) == ("Ann, Bob", 1, 1)
    assert [r.id for r in seeded.run(list_visits, None, None, None, "cat")] == [old.id]
    assert [r.id for r in seeded.run(list_visits, None, None, None, "AWS-2025-0002")] == [new.id]
    assert [r.id for r in seeded.run(list_visits, None, None, ReportStatus.DRAFT)] == [old.id]
    assert [r.id for r in seeded.run(list_visits, date(2025, 6, 1), date(2025, 6, 30))] == [new.id]


def test_the_form_choices_follow_the_visit_date(seeded: Workspace, world: World) -> None:
    assert [name for _, name in seeded.run(volunteers_on, DAY)] == ["Ann", "Bob"]
    assert [name for _, name in seeded.run(volunteers_on, date(2024, 6, 1))] == ["Ann", "Bob", "Cat"]
    assert [label for _, label in seeded.run(dogs_in_service_on, DAY)] == ["Rex (collar PD101)"]
    assert len(seeded.run(dogs_in_service_on, date(2023, 1, 1))) == 2
    choices = seeded.run(aws_choices)
    assert choices.sites == [(world.site, "Dog Unit, Enderby")]
    assert len(choices.checklist_items[ChecklistArea.AWS_VEHICLES]) == 5
    assert choices.checklist_items[ChecklistArea.AWS_KENNELS][0][1] == "Kennels clean and dry"
