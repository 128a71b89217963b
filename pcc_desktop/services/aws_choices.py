"""What the Dog Unit visit screen offers to choose from, and the list of reports it shows.

Visitors are the AWS volunteers active on the visit date and dogs are those in service on that
date, so a report cannot name someone who was not serving; a report already naming someone who has
since left still shows them (the form adds them back). Checklist items are reference data edited
in Admin; the form offers the live, active ones of each area, in their set order.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    AwsSite,
    AwsVisit,
    ChecklistArea,
    ChecklistItem,
    Dog,
    DogObservation,
    ReportStatus,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.models.aws import aws_visit_visitor
from pcc_desktop.services.aws_details import AREA_FLAGS, WELFARE_NEEDS, AwsVisitSummary
from pcc_desktop.services.aws_visit_rules import active_aws_volunteer_ids, in_service

Choice = tuple[uuid.UUID, str]


@dataclass(frozen=True)
class AwsChoices:
    """The lists the report form offers that do not depend on the visit date."""

    sites: list[Choice]
    checklist_items: dict[ChecklistArea, list[Choice]]


def dog_label(name: str, collar_number: str) -> str:
    """``Rex (collar 1234)``, or the name alone when no collar number is known."""
    return f"{name} (collar {collar_number})" if collar_number else name


def list_sites(session: Session) -> list[Choice]:
    """Every live site, active ones first, so old reports still show theirs."""
    stmt = (
        select(AwsSite.id, AwsSite.name)
        .where(AwsSite.deleted_at.is_(None))
        .order_by(AwsSite.active.desc(), func.lower(AwsSite.name))
    )
    return [(row.id, row.name) for row in session.execute(stmt)]


def checklist_items(session: Session) -> dict[ChecklistArea, list[Choice]]:
    """The active checklist items of each Dog Unit area, in their set order."""
    stmt = (
        select(ChecklistItem.id, ChecklistItem.text, ChecklistItem.area)
        .where(
            ChecklistItem.area.in_(tuple(AREA_FLAGS)),
            ChecklistItem.deleted_at.is_(None),
            ChecklistItem.active,
        )
        .order_by(ChecklistItem.position, ChecklistItem.text)
    )
    items: dict[ChecklistArea, list[Choice]] = {area: [] for area in AREA_FLAGS}
    for row in session.execute(stmt):
        items[row.area].append((row.id, row.text))
    return items


def aws_choices(session: Session) -> AwsChoices:
    """Sites and checklist items for the report form."""
    return AwsChoices(sites=list_sites(session), checklist_items=checklist_items(session))


def volunteers_on(session: Session, day: date) -> list[Choice]:
    """The AWS volunteers active on ``day``, in name order."""
    ids = active_aws_volunteer_ids(session, day)
    if not ids:
        return []
    stmt = (
        select(Volunteer.id, Volunteer.name).where(Volunteer.id.in_(ids)).order_by(func.lower(Volunteer.name))
    )
    return [(row.id, row.name) for row in session.execute(stmt)]


def dogs_in_service_on(session: Session, day: date) -> list[Choice]:
    """The live dogs in service on ``day``, labelled with their collar numbers, in name order."""
    stmt = select(Dog).where(Dog.deleted_at.is_(None)).order_by(func.lower(Dog.name), Dog.collar_number)
    return [
        (dog.id, dog_label(dog.name, dog.collar_number))
        for dog in session.scalars(stmt)
        if in_service(dog, day)
    ]


def _visitor_names(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    stmt = (
        select(aws_visit_visitor.c.visit_id, Volunteer.name)
        .join(Volunteer, Volunteer.id == aws_visit_visitor.c.volunteer_id)
        .where(aws_visit_visitor.c.visit_id.in_(ids))
        .order_by(Volunteer.name)
    )
    names: dict[uuid.UUID, list[str]] = {}
    for visit_id, name in session.execute(stmt):
        names.setdefault(visit_id, []).append(name)
    return names


def _dog_counts(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int]]:
    """``{visit id: (dogs seen, dogs with a concern)}``."""
    stmt = select(DogObservation).where(DogObservation.visit_id.in_(ids), DogObservation.deleted_at.is_(None))
    counts: dict[uuid.UUID, tuple[int, int]] = {}
    for row in session.scalars(stmt):
        seen, concerns = counts.get(row.visit_id, (0, 0))
        concern = any(getattr(row, need) == WelfareRating.CONCERN for need in WELFARE_NEEDS)
        counts[row.visit_id] = (seen + 1, concerns + concern)
    return counts


def _action_counts(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    stmt = (
        select(Action.aws_visit_id, func.count(Action.id))
        .where(Action.aws_visit_id.in_(ids), Action.deleted_at.is_(None))
        .group_by(Action.aws_visit_id)
    )
    return {visit_id: count for visit_id, count in session.execute(stmt)}


def visit_summaries(session: Session, rows: list[tuple[AwsVisit, str]]) -> list[AwsVisitSummary]:
    """List rows for ``(visit, site name)`` pairs, in the order given."""
    ids = [visit.id for visit, _ in rows]
    names, dogs, actions = (
        _visitor_names(session, ids),
        _dog_counts(session, ids),
        _action_counts(session, ids),
    )
    return [
        AwsVisitSummary(
            id=visit.id,
            reference=visit.reference,
            site_name=site_name,
            visited_on=visit.visited_on,
            basis=visit.basis,
            status=visit.status,
            visitors=", ".join(names.get(visit.id, [])),
            dogs_seen=dogs.get(visit.id, (0, 0))[0],
            concerns=dogs.get(visit.id, (0, 0))[1],
            serious_issue=visit.serious_issue,
            actions=actions.get(visit.id, 0),
        )
        for visit, site_name in rows
    ]


def list_visits(
    session: Session,
    date_from: date | None = None,
    date_to: date | None = None,
    status: ReportStatus | None = None,
    text: str = "",
) -> list[AwsVisitSummary]:
    """Live reports, newest first, optionally between two dates, of one status, or matching ``text``.

    ``text`` is looked for in the reference, the site's name and the visitors' names.
    """
    stmt = (
        select(AwsVisit, AwsSite.name)
        .join(AwsSite, AwsSite.id == AwsVisit.site_id)
        .where(AwsVisit.deleted_at.is_(None))
        .order_by(AwsVisit.visited_on.desc(), AwsVisit.reference.desc())
    )
    if date_from is not None:
        stmt = stmt.where(AwsVisit.visited_on >= date_from)
    if date_to is not None:
        stmt = stmt.where(AwsVisit.visited_on <= date_to)
    if status is not None:
        stmt = stmt.where(AwsVisit.status == status)
    needle = text.strip().lower()
    if needle:
        by_visitor = (
            select(aws_visit_visitor.c.visit_id)
            .join(Volunteer, Volunteer.id == aws_visit_visitor.c.volunteer_id)
            .where(func.lower(Volunteer.name).contains(needle, autoescape=True))
        )
        stmt = stmt.where(
            or_(
                func.lower(AwsVisit.reference).contains(needle, autoescape=True),
                func.lower(AwsSite.name).contains(needle, autoescape=True),
                AwsVisit.id.in_(by_visitor),
            )
        )
    return visit_summaries(session, [(visit, name) for visit, name in session.execute(stmt)])
