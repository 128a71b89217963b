"""What the Dog Unit visit services take and hand back: form inputs, a visit report, list rows.

A report (``AwsVisitDetail``) carries everything the coordinator needs to follow it to closure:
the dogs seen with their five welfare needs, the checklist answers of each area seen, and the
actions its review raised with whether the visitors have been told the outcome.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    ActionStatus,
    AwsCheckAnswer,
    AwsSite,
    AwsVisit,
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    Dog,
    DogObservation,
    Organisation,
    Priority,
    RaiserTold,
    ReportStatus,
    VisitBasis,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.models.aws import aws_visit_visitor
from pcc_desktop.services.custody_details import AnswerDetail, ReviewResult, VisitorRef
from pcc_desktop.services.custody_visit_rules import visit_minutes

__all__ = [
    "AREA_FLAGS",
    "DOG_UNIT_ORGANISATION",
    "WELFARE_NEEDS",
    "AnswerDetail",
    "AwsFinding",
    "AwsReviewInput",
    "AwsVisitDetail",
    "AwsVisitInput",
    "AwsVisitSummary",
    "ObservationDetail",
    "ObservationInput",
    "RaisedAction",
    "ReviewResult",
    "VisitorRef",
]

DOG_UNIT_ORGANISATION = "Leicestershire Police – Dog Unit"
# Which "seen" flag of the visit opens each area's checklist.
AREA_FLAGS: dict[ChecklistArea, str] = {
    ChecklistArea.AWS_KENNELS: "saw_kennels",
    ChecklistArea.AWS_TRAINING: "saw_training",
    ChecklistArea.AWS_VEHICLES: "saw_vehicles",
    ChecklistArea.AWS_HOME_KENNELS: "saw_home_kennels",
}
# The five welfare needs of the Animal Welfare Act 2006 s.9, as ``DogObservation`` columns.
WELFARE_NEEDS = ("environment", "diet", "behaviour", "companionship", "health")


@dataclass(frozen=True)
class AwsVisitInput:
    """The Visit tab of a Dog Unit report: where, when, who, what was seen and any serious issue."""

    site_id: uuid.UUID | None
    visited_on: date | None
    basis: VisitBasis = VisitBasis.UNANNOUNCED
    arrived_at: time | None = None
    departed_at: time | None = None
    visitor_ids: tuple[uuid.UUID, ...] = ()
    received_by: str = ""
    brief_given: bool = False
    saw_kennels: bool = False
    saw_training: bool = False
    saw_vehicles: bool = False
    saw_home_kennels: bool = False
    training_observed: bool = False
    training_notes: str = ""
    enrichment: str = ""
    serious_issue: bool = False
    serious_issue_notes: str = ""
    escalated_at: datetime | None = None
    escalated_to: str = ""
    observations: str = ""
    slot_id: uuid.UUID | None = None

    def areas_seen(self) -> tuple[ChecklistArea, ...]:
        """The checklist areas ticked as seen, in the usual order."""
        return tuple(area for area, flag in AREA_FLAGS.items() if getattr(self, flag))


@dataclass(frozen=True)
class ObservationInput:
    """One dog seen, rated against each of the five welfare needs, with notes on its condition."""

    dog_id: uuid.UUID | None
    environment: WelfareRating = WelfareRating.NOT_ASSESSED
    diet: WelfareRating = WelfareRating.NOT_ASSESSED
    behaviour: WelfareRating = WelfareRating.NOT_ASSESSED
    companionship: WelfareRating = WelfareRating.NOT_ASSESSED
    health: WelfareRating = WelfareRating.NOT_ASSESSED
    condition_notes: str = ""

    def has_concern(self) -> bool:
        """Whether any need is rated a concern."""
        return any(getattr(self, need) == WelfareRating.CONCERN for need in WELFARE_NEEDS)


@dataclass(frozen=True)
class AwsFinding:
    """A finding the coordinator turns into an action (owner None means the reviewer)."""

    title: str
    description: str = ""
    owner_id: uuid.UUID | None = None
    assignee_org_id: uuid.UUID | None = None
    due_on: date | None = None
    priority: Priority = Priority.NORMAL


@dataclass(frozen=True)
class AwsReviewInput:
    """The coordinator's review of a submitted Dog Unit report."""

    notes: str = ""
    findings: tuple[AwsFinding, ...] = ()


@dataclass(frozen=True)
class ObservationDetail:
    """One dog seen on the visit, with its five ratings and condition notes."""

    id: uuid.UUID
    dog_id: uuid.UUID
    dog_name: str
    collar_number: str
    environment: WelfareRating
    diet: WelfareRating
    behaviour: WelfareRating
    companionship: WelfareRating
    health: WelfareRating
    condition_notes: str

    def concerns(self) -> tuple[str, ...]:
        """The needs rated a concern (column names, in the Act's order)."""
        return tuple(need for need in WELFARE_NEEDS if getattr(self, need) == WelfareRating.CONCERN)

    def to_input(self) -> ObservationInput:
        """The row as the form edits it."""
        ratings = {need: getattr(self, need) for need in WELFARE_NEEDS}
        return ObservationInput(dog_id=self.dog_id, condition_notes=self.condition_notes, **ratings)


@dataclass(frozen=True)
class RaisedAction:
    """An action the review raised, followed to closure: its status and whether the visitors know."""

    id: uuid.UUID
    reference: str
    title: str
    status: ActionStatus
    raiser_told: RaiserTold
    due_on: date | None


@dataclass(frozen=True)
class AwsVisitDetail:
    """A whole Dog Unit visit report as the screens show it."""

    id: uuid.UUID
    reference: str
    site_id: uuid.UUID
    site_name: str
    slot_id: uuid.UUID | None
    basis: VisitBasis
    visited_on: date
    arrived_at: time | None
    departed_at: time | None
    duration_minutes: int
    visitors: tuple[VisitorRef, ...]
    received_by: str
    brief_given: bool
    saw_kennels: bool
    saw_training: bool
    saw_vehicles: bool
    saw_home_kennels: bool
    training_observed: bool
    training_notes: str
    enrichment: str
    serious_issue: bool
    serious_issue_notes: str
    escalated_at: datetime | None
    escalated_to: str
    observations: str
    status: ReportStatus
    submitted_on: date | None
    reviewed_on: date | None
    review_notes: str
    dogs: tuple[ObservationDetail, ...]
    checks: Mapping[ChecklistArea, tuple[AnswerDetail, ...]]
    actions: tuple[RaisedAction, ...]
    row_version: int

    def areas_seen(self) -> tuple[ChecklistArea, ...]:
        """The checklist areas ticked as seen, in the usual order."""
        return tuple(area for area, flag in AREA_FLAGS.items() if getattr(self, flag))

    def answers(self) -> dict[uuid.UUID, tuple[CheckResult, str]]:
        """Every checklist answer as ``set_checks`` takes them: ``{item id: (result, note)}``."""
        return {a.item_id: (a.result, a.note) for rows in self.checks.values() for a in rows}


@dataclass(frozen=True)
class AwsVisitSummary:
    """A row of the Dog Unit visit list."""

    id: uuid.UUID
    reference: str
    site_name: str
    visited_on: date
    basis: VisitBasis
    status: ReportStatus
    visitors: str
    dogs_seen: int
    concerns: int
    serious_issue: bool
    actions: int


def visitor_ids(session: Session, visit_id: uuid.UUID) -> list[uuid.UUID]:
    """The ids of a visit's visitors."""
    stmt = select(aws_visit_visitor.c.volunteer_id).where(aws_visit_visitor.c.visit_id == visit_id)
    return list(session.scalars(stmt))


def _visitors(session: Session, visit_id: uuid.UUID) -> tuple[VisitorRef, ...]:
    people = [session.get_one(Volunteer, vid) for vid in visitor_ids(session, visit_id)]
    return tuple(VisitorRef(v.id, v.reference, v.name) for v in sorted(people, key=lambda v: v.reference))


def live_observations(visit: AwsVisit) -> list[DogObservation]:
    """The visit's dog rows that have not been removed."""
    return [row for row in visit.observations_of_dogs if not row.is_deleted]


def all_answers(session: Session, visit_id: uuid.UUID) -> list[AwsCheckAnswer]:
    """Every checklist answer row of a visit, removed ones too (a re-answer revives its row)."""
    return list(session.scalars(select(AwsCheckAnswer).where(AwsCheckAnswer.visit_id == visit_id)))


def _checks(session: Session, visit_id: uuid.UUID) -> dict[ChecklistArea, tuple[AnswerDetail, ...]]:
    by_area: dict[ChecklistArea, list[tuple[int, AnswerDetail]]] = {}
    for answer in all_answers(session, visit_id):
        if answer.is_deleted:
            continue
        item = session.get_one(ChecklistItem, answer.item_id)
        detail = AnswerDetail(item.id, item.text, answer.result, answer.note)
        by_area.setdefault(item.area, []).append((item.position, detail))
    return {
        area: tuple(d for _, d in sorted(by_area[area], key=lambda pair: pair[0]))
        for area in AREA_FLAGS
        if area in by_area
    }


def observation_input(row: DogObservation) -> ObservationInput:
    """A stored dog row as the rules check it."""
    ratings = {need: getattr(row, need) for need in WELFARE_NEEDS}
    return ObservationInput(dog_id=row.dog_id, condition_notes=row.condition_notes, **ratings)


def _observation(session: Session, row: DogObservation) -> ObservationDetail:
    dog = session.get_one(Dog, row.dog_id)
    ratings = {need: getattr(row, need) for need in WELFARE_NEEDS}
    return ObservationDetail(
        id=row.id,
        dog_id=dog.id,
        dog_name=dog.name,
        collar_number=dog.collar_number,
        condition_notes=row.condition_notes,
        **ratings,
    )


def _actions(session: Session, visit_id: uuid.UUID) -> tuple[RaisedAction, ...]:
    stmt = (
        select(Action)
        .where(Action.aws_visit_id == visit_id, Action.deleted_at.is_(None))
        .order_by(Action.reference)
    )
    return tuple(
        RaisedAction(a.id, a.reference, a.title, a.status, a.raiser_told, a.due_on)
        for a in session.scalars(stmt)
    )


def visit_detail(session: Session, visit: AwsVisit) -> AwsVisitDetail:
    """Build the detail of a loaded visit report."""
    dogs = sorted((_observation(session, row) for row in live_observations(visit)), key=lambda d: d.dog_name)
    flags = {flag: getattr(visit, flag) for flag in AREA_FLAGS.values()}
    return AwsVisitDetail(
        id=visit.id,
        reference=visit.reference,
        site_id=visit.site_id,
        site_name=session.get_one(AwsSite, visit.site_id).name,
        slot_id=visit.slot_id,
        basis=visit.basis,
        visited_on=visit.visited_on,
        arrived_at=visit.arrived_at,
        departed_at=visit.departed_at,
        duration_minutes=visit_minutes(visit.visited_on, visit.arrived_at, visit.departed_at),
        visitors=_visitors(session, visit.id),
        received_by=visit.received_by,
        brief_given=visit.brief_given,
        training_observed=visit.training_observed,
        training_notes=visit.training_notes,
        enrichment=visit.enrichment,
        serious_issue=visit.serious_issue,
        serious_issue_notes=visit.serious_issue_notes,
        escalated_at=visit.escalated_at,
        escalated_to=visit.escalated_to,
        observations=visit.observations,
        status=visit.status,
        submitted_on=visit.submitted_on,
        reviewed_on=visit.reviewed_on,
        review_notes=visit.review_notes,
        dogs=tuple(dogs),
        checks=_checks(session, visit.id),
        actions=_actions(session, visit.id),
        row_version=visit.row_version,
        **flags,
    )


def dog_unit_organisation_id(session: Session) -> uuid.UUID | None:
    """The Force's Dog Unit, the usual assignee of review actions (None if not listed)."""
    stmt = select(Organisation.id).where(
        Organisation.name == DOG_UNIT_ORGANISATION, Organisation.deleted_at.is_(None)
    )
    return session.scalar(stmt)
