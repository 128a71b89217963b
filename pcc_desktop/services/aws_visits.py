"""Dog Unit visit reports (Animal Welfare Scheme): draft, submit, review into actions.

A report is written as a draft by the pair of visitors, submitted (the scheme's rules are then
checked in full and the month's scheduled visit at the site is marked completed) and reviewed by
the coordinator, whose findings become actions for the Dog Unit in the same transaction. Actions
raised by a review have the visit as their typed origin (``OriginKind.AWS_VISIT``); the visitors
are recorded as still to be told the outcome, so the coordinator can follow each one to closure.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import UTC, date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    AwsCheckAnswer,
    AwsSlot,
    AwsVisit,
    ChecklistArea,
    CheckResult,
    Dog,
    DogObservation,
    OriginKind,
    RaiserTold,
    ReportStatus,
    SlotStatus,
)
from pcc_desktop.models.aws import aws_visit_visitor
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import history
from pcc_desktop.services.actions import ActionInput
from pcc_desktop.services.aws_choices import list_visits
from pcc_desktop.services.aws_details import (
    AREA_FLAGS,
    WELFARE_NEEDS,
    AwsFinding,
    AwsReviewInput,
    AwsVisitDetail,
    AwsVisitInput,
    ObservationInput,
    ReviewResult,
    all_answers,
    dog_unit_organisation_id,
    live_observations,
    observation_input,
    visit_detail,
    visitor_ids,
)
from pcc_desktop.services.aws_visit_rules import check_answers, check_observation, check_visit
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import Errors, NotFoundError, ValidationError
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.visit_review import review_into_actions

__all__ = [
    "AwsFinding",
    "AwsReviewInput",
    "AwsVisitDetail",
    "AwsVisitInput",
    "ObservationInput",
    "ReviewResult",
    "create_visit",
    "delete_draft",
    "get_visit",
    "list_visits",
    "matching_slot",
    "remove_observation",
    "review_visit",
    "save_observation",
    "set_checks",
    "submit_visit",
    "update_visit",
]

ENTITY = "aws_visit"
PREFIX = "AWS"
PERSONAL_FIELDS = frozenset({"received_by"})  # the history says "changed", never the value
_VISIT_FIELDS = (
    "site_id", "slot_id", "basis", "visited_on", "arrived_at", "departed_at", "received_by",
    "brief_given", "saw_kennels", "saw_training", "saw_vehicles", "saw_home_kennels",
    "training_observed", "training_notes", "enrichment", "serious_issue", "serious_issue_notes",
    "escalated_at", "escalated_to", "observations",
)  # fmt: skip


def _load(session: Session, visit_id: uuid.UUID) -> AwsVisit:
    visit = session.get(AwsVisit, visit_id)
    if visit is None or visit.is_deleted:
        raise NotFoundError("That Dog Unit visit report no longer exists.")
    return visit


def _load_draft(session: Session, visit_id: uuid.UUID) -> AwsVisit:
    visit = _load(session, visit_id)
    if visit.status != ReportStatus.DRAFT:
        raise ValidationError.single(
            "status", f"This report is {visit.status.value}; only a draft report can be changed."
        )
    return visit


def _cleaned(data: AwsVisitInput) -> AwsVisitInput:
    changes: dict[str, object] = {
        f.name: getattr(data, f.name).strip() for f in fields(data) if isinstance(getattr(data, f.name), str)
    }
    if data.escalated_at is not None and data.escalated_at.tzinfo is not None:
        changes["escalated_at"] = data.escalated_at.astimezone(UTC)
    return replace(data, **changes)


def _logged(name: str, value: object) -> object:
    return "changed" if name in PERSONAL_FIELDS and value else value


def _apply(session: Session, actor_id: uuid.UUID, visit: AwsVisit, data: AwsVisitInput, log: bool) -> None:
    for name in _VISIT_FIELDS:
        old, new = getattr(visit, name), getattr(data, name)
        if old != new:
            if log:
                history.record(
                    session, actor_id, ENTITY, visit.id, name, _logged(name, old), _logged(name, new)
                )
            setattr(visit, name, new)
    old_visitors = sorted(visitor_ids(session, visit.id))
    new_visitors = list(dict.fromkeys(data.visitor_ids))
    if sorted(new_visitors) != old_visitors:
        if log:
            history.record(
                session, actor_id, ENTITY, visit.id, "visitors", len(old_visitors), len(new_visitors)
            )
        session.execute(delete(aws_visit_visitor).where(aws_visit_visitor.c.visit_id == visit.id))
        for volunteer_id in new_visitors:
            session.execute(insert(aws_visit_visitor).values(visit_id=visit.id, volunteer_id=volunteer_id))
    visit.updated_by_id = actor_id


def create_visit(session: Session, actor_id: uuid.UUID, data: AwsVisitInput) -> AwsVisitDetail:
    """Start a draft report with the next ``AWS-YYYY-NNNN`` reference (the year of the visit).

    Raises:
        ValidationError: A rule for the fields given is broken (see ``check_visit``).
    """
    data = _cleaned(data)
    check_visit(session, data, complete=False).raise_if_any()
    assert data.visited_on is not None and data.site_id is not None
    visit = AwsVisit(
        reference=next_reference(session, PREFIX, data.visited_on.year),
        site_id=data.site_id,
        visited_on=data.visited_on,
        status=ReportStatus.DRAFT,
        created_by_id=actor_id,
    )
    session.add(visit)
    session.flush()
    _apply(session, actor_id, visit, data, log=False)
    history.record(session, actor_id, ENTITY, visit.id, "created", None, visit.reference)
    session.flush()
    return visit_detail(session, visit)


def update_visit(
    session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID, data: AwsVisitInput
) -> AwsVisitDetail:
    """Change a draft report's Visit tab; each changed field goes to the history.

    Raises:
        NotFoundError: The report does not exist.
        ValidationError: The report is not a draft, or a rule is broken.
    """
    visit = _load_draft(session, visit_id)
    data = _cleaned(data)
    check_visit(session, data, complete=False).raise_if_any()
    _apply(session, actor_id, visit, data, log=True)
    session.flush()
    return visit_detail(session, visit)


def set_checks(
    session: Session,
    actor_id: uuid.UUID,
    visit_id: uuid.UUID,
    answers: Mapping[uuid.UUID, tuple[CheckResult, str]],
) -> AwsVisitDetail:
    """Set the checklist answers of a draft report: ``{item id: (result, note)}``.

    Items left out are no longer answered. Only areas ticked as seen may be answered.

    Raises:
        ValidationError: An answer is for an unknown item or an area not seen (key ``checks``).
    """
    visit = _load_draft(session, visit_id)
    errors = Errors()
    check_answers(session, answers, _areas_of(visit), errors)
    errors.raise_if_any()
    existing = {row.item_id: row for row in all_answers(session, visit.id)}
    for item_id, row in existing.items():
        if item_id not in answers and not row.is_deleted:
            row.deleted_at = utc_now()
    for item_id, (result, note) in answers.items():
        row = existing.get(item_id)
        if row is None:
            row = AwsCheckAnswer(visit_id=visit.id, item_id=item_id, created_by_id=actor_id)
            session.add(row)
        row.deleted_at, row.result, row.note, row.updated_by_id = None, result, note.strip(), actor_id
    history.record(session, actor_id, ENTITY, visit.id, "checks", None, len(answers))
    session.flush()
    return visit_detail(session, visit)


def _areas_of(visit: AwsVisit) -> tuple[ChecklistArea, ...]:
    return tuple(area for area, flag in AREA_FLAGS.items() if getattr(visit, flag))


def save_observation(
    session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID, data: ObservationInput
) -> AwsVisitDetail:
    """Add or change the row for one dog on a draft report (a removed row for it is brought back).

    Raises:
        ValidationError: The dog is unknown or was not in service on the day, or a concern has no notes.
    """
    visit = _load_draft(session, visit_id)
    check_observation(session, data, visit.visited_on).raise_if_any()
    row = next((r for r in visit.observations_of_dogs if r.dog_id == data.dog_id), None)
    change = "dog_changed" if row is not None and not row.is_deleted else "dog_added"
    if row is None:
        row = DogObservation(visit_id=visit.id, dog_id=data.dog_id, created_by_id=actor_id)
        visit.observations_of_dogs.append(row)
    for need in WELFARE_NEEDS:
        setattr(row, need, getattr(data, need))
    row.condition_notes, row.deleted_at, row.updated_by_id = data.condition_notes.strip(), None, actor_id
    dog = session.get_one(Dog, data.dog_id)
    history.record(session, actor_id, ENTITY, visit.id, change, None, dog.name)
    session.flush()
    return visit_detail(session, visit)


def remove_observation(
    session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID, dog_id: uuid.UUID
) -> AwsVisitDetail:
    """Take one dog off a draft report (soft delete; saving the dog again brings the row back).

    Raises:
        NotFoundError: The report has no row for that dog.
    """
    visit = _load_draft(session, visit_id)
    row = next((r for r in live_observations(visit) if r.dog_id == dog_id), None)
    if row is None:
        raise NotFoundError("That dog is not on this report.")
    row.deleted_at, row.updated_by_id = utc_now(), actor_id
    history.record(
        session, actor_id, ENTITY, visit.id, "dog_removed", session.get_one(Dog, dog_id).name, None
    )
    session.flush()
    return visit_detail(session, visit)


def _input_of(session: Session, visit: AwsVisit) -> AwsVisitInput:
    values = {name: getattr(visit, name) for name in _VISIT_FIELDS}
    return AwsVisitInput(**values, visitor_ids=tuple(visitor_ids(session, visit.id)))


def _check_dogs(session: Session, visit: AwsVisit, errors: Errors) -> None:
    lines = []
    for row in live_observations(visit):
        try:
            check_observation(session, observation_input(row), visit.visited_on).raise_if_any()
        except ValidationError as exc:
            name = session.get_one(Dog, row.dog_id).name
            lines += [f"{name}: {message}" for message in exc.errors.values()]
    if lines:
        errors.add("dogs", "\n".join(lines))


def submit_visit(session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID) -> AwsVisitDetail:
    """Submit a draft report: check every rule, then mark it (and the month's scheduled visit) done.

    Raises:
        ValidationError: The report is not a draft or breaks a rule (messages keyed by field).
    """
    visit = _load_draft(session, visit_id)
    data = _input_of(session, visit)
    errors = check_visit(session, data, complete=True)
    _check_dogs(session, visit, errors)
    answers = {a.item_id: (a.result, a.note) for a in all_answers(session, visit.id) if not a.is_deleted}
    check_answers(session, answers, data.areas_seen(), errors)
    errors.raise_if_any()
    history.record(session, actor_id, ENTITY, visit.id, "status", visit.status, ReportStatus.SUBMITTED)
    visit.status, visit.submitted_on, visit.updated_by_id = ReportStatus.SUBMITTED, today(), actor_id
    if visit.slot_id is None:
        visit.slot_id = matching_slot(session, visit.site_id, visit.visited_on)
        if visit.slot_id is not None:
            history.record(session, actor_id, ENTITY, visit.id, "slot_id", None, visit.slot_id)
    if visit.slot_id is not None:
        _complete_slot(session, actor_id, visit.slot_id)
    session.flush()
    return visit_detail(session, visit)


def matching_slot(session: Session, site_id: uuid.UUID, visited_on: date) -> uuid.UUID | None:
    """The month's scheduled visit a report fulfils: same site, same month, the lowest position.

    Visits are unannounced, so the report is not written from the schedule; submitting it closes the
    month's slot, or the schedule would still show the month's visit as to do.
    """
    stmt = (
        select(AwsSlot.id)
        .where(
            AwsSlot.site_id == site_id,
            AwsSlot.month == visited_on.replace(day=1),
            AwsSlot.status == SlotStatus.SCHEDULED,
            AwsSlot.deleted_at.is_(None),
        )
        .order_by(AwsSlot.position)
        .limit(1)
    )
    return session.scalar(stmt)


def _complete_slot(session: Session, actor_id: uuid.UUID, slot_id: uuid.UUID) -> None:
    slot = session.get_one(AwsSlot, slot_id)
    if slot.status != SlotStatus.COMPLETED:
        history.record(session, actor_id, "aws_slot", slot.id, "status", slot.status, SlotStatus.COMPLETED)
        slot.status, slot.updated_by_id = SlotStatus.COMPLETED, actor_id


def _finding_input(
    session: Session, actor_id: uuid.UUID, visit: AwsVisit, finding: AwsFinding
) -> ActionInput:
    origin = f"Raised at the review of Dog Unit visit {visit.reference} ({visit.visited_on:%d/%m/%Y})."
    return ActionInput(
        title=finding.title,
        owner_id=finding.owner_id or actor_id,
        logged_on=today(),
        due_on=finding.due_on,
        description=f"{finding.description.strip()}\n\n{origin}".strip(),
        priority=finding.priority,
        assignee_org_id=finding.assignee_org_id or dog_unit_organisation_id(session),
        origin_kind=OriginKind.AWS_VISIT,
        aws_visit_id=visit.id,
        raiser_told=RaiserTold.NOT_YET,
    ).cleaned()


def review_visit(
    session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID, data: AwsReviewInput
) -> ReviewResult:
    """Review a submitted report and turn its findings into actions, all or nothing.

    Each finding becomes an Open action (assigned to the Dog Unit unless another organisation is
    chosen) whose raisers, the visitors, are still to be told the outcome.

    Raises:
        NotFoundError: The report does not exist.
        ValidationError: The report is not submitted, or a finding is invalid (keys ``field:index``).
    """
    visit = _load(session, visit_id)
    planned = [_finding_input(session, actor_id, visit, finding) for finding in data.findings]
    return review_into_actions(session, actor_id, visit, ENTITY, data.notes, planned)


def delete_draft(session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID) -> None:
    """Delete a draft report (soft delete); submitted reports are kept.

    Raises:
        NotFoundError: The report does not exist.
        ValidationError: The report is not a draft.
    """
    visit = _load_draft(session, visit_id)
    visit.deleted_at, visit.updated_by_id = utc_now(), actor_id
    history.record(session, actor_id, ENTITY, visit.id, "deleted", visit.reference, None)
    session.flush()


def get_visit(session: Session, visit_id: uuid.UUID) -> AwsVisitDetail:
    """One visit report with its dogs, checklist answers and the actions its review raised."""
    return visit_detail(session, _load(session, visit_id))
