"""The rules a Dog Unit visit report must meet before it is saved and before it is submitted.

A draft is checked only for what was typed (times in order, escalation not before arrival, lengths,
links that exist), so visitors can save as they go. Submitting checks the report in full: a pair
of AWS visitors active on the day ("AWS-3 visitors per visit = 2", domain.md §4.3), both times, an
area seen, notes for training observed, and a serious issue escalated at once (landscape.md §1.7).
Messages are keyed by the ``AwsVisitInput`` field (or form section) they concern.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from pcc_desktop.models import (
    AWS_LAUNCHED_ON,
    AwsSite,
    AwsSlot,
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    Dog,
    Scheme,
    SlotStatus,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.services.aws_details import AREA_FLAGS, WELFARE_NEEDS
from pcc_desktop.services.aws_register import in_service_on
from pcc_desktop.services.clock import LONDON, today
from pcc_desktop.services.errors import Errors
from pcc_desktop.services.volunteers import active_volunteers

if TYPE_CHECKING:
    from pcc_desktop.services.aws_details import AwsVisitInput, ObservationInput

VISITORS_PER_VISIT = 2  # AWS-3: visits are made in pairs (domain.md §4.3)
TEXT_LIMIT = 5000
SHORT_LIMIT = 120  # received by, escalated to
AREA_LABELS = {
    ChecklistArea.AWS_KENNELS: "kennels",
    ChecklistArea.AWS_TRAINING: "training",
    ChecklistArea.AWS_VEHICLES: "vehicles",
    ChecklistArea.AWS_HOME_KENNELS: "home kennels",
}
_TEXTS = ("training_notes", "enrichment", "serious_issue_notes", "observations")


def in_service(dog: Dog, day: date) -> bool:
    """Whether ``dog`` was a serving police dog on ``day``; its out-of-service date is its first day out."""
    return in_service_on(day, dog.in_service_on, dog.out_of_service_on)


def active_aws_volunteer_ids(session: Session, day: date) -> set[uuid.UUID]:
    """Who could visit for the scheme on ``day``: active AWS members, as the schedule pairs them."""
    return {row.id for row in active_volunteers(session, Scheme.AWS, day)}


def escalated_local(moment: datetime) -> datetime:
    """An escalation time in London time, for comparing with the visit's (local) times."""
    return moment.astimezone(LONDON)


def _check_links(session: Session, data: AwsVisitInput, errors: Errors) -> None:
    site = session.get(AwsSite, data.site_id) if data.site_id else None
    if site is None or site.is_deleted:
        errors.add("site_id", "Choose the site visited.")
    if data.visited_on is None:
        errors.add("visited_on", "Enter the date of the visit.")
    elif data.visited_on > today():
        errors.add("visited_on", "The visit date cannot be in the future.")
    elif data.visited_on < AWS_LAUNCHED_ON:
        errors.add("visited_on", f"The scheme began on {AWS_LAUNCHED_ON:%d/%m/%Y}; check the visit date.")
    if data.slot_id is not None:
        slot = session.get(AwsSlot, data.slot_id)
        if slot is None or slot.is_deleted:
            errors.add("slot_id", "That scheduled visit no longer exists.")
        elif slot.site_id != data.site_id:
            errors.add("slot_id", "That scheduled visit is for a different site.")
        elif slot.status == SlotStatus.CANCELLED:
            errors.add("slot_id", "That scheduled visit was cancelled; choose another or none.")


def _check_times(data: AwsVisitInput, errors: Errors, complete: bool) -> None:
    if complete:
        errors.check(data.arrived_at is not None, "arrived_at", "Enter the time you arrived.")
        errors.check(data.departed_at is not None, "departed_at", "Enter the time you left.")
    if data.arrived_at is not None and data.departed_at is not None:
        errors.check(
            data.departed_at > data.arrived_at, "departed_at", "The time you left must be after you arrived."
        )
    if data.escalated_at is None:
        return
    if data.escalated_at.tzinfo is None:
        errors.add("escalated_at", "The escalation time needs its time zone; enter it again.")
        return
    local = escalated_local(data.escalated_at)
    errors.check(local.date() <= today(), "escalated_at", "The escalation time cannot be in the future.")
    if data.visited_on is not None and data.arrived_at is not None:
        arrival = datetime.combine(data.visited_on, data.arrived_at, LONDON)
        errors.check(
            local >= arrival,
            "escalated_at",
            f"The issue was escalated before you arrived ({data.arrived_at:%H:%M}); check the time.",
        )


def _check_visitors(session: Session, data: AwsVisitInput, errors: Errors, complete: bool) -> None:
    ids = list(data.visitor_ids)
    if len(set(ids)) != len(ids):
        errors.add("visitor_ids", "The same visitor is listed twice; choose two different visitors.")
    if len(ids) > VISITORS_PER_VISIT:
        errors.add("visitor_ids", "A Dog Unit visit is made by a pair: choose two visitors, no more.")
    for visitor_id in ids:
        volunteer = session.get(Volunteer, visitor_id)
        if volunteer is None or volunteer.is_deleted:
            errors.add("visitor_ids", "One of the visitors is not on the volunteer register.")
    if not complete:
        return
    if len(set(ids)) != VISITORS_PER_VISIT:
        errors.add("visitor_ids", "A Dog Unit visit is made by a pair: choose two different visitors.")
    elif data.visited_on is not None:
        active = active_aws_volunteer_ids(session, data.visited_on)
        for visitor_id in ids:
            if visitor_id not in active:
                name = session.get_one(Volunteer, visitor_id).name
                errors.add(
                    "visitor_ids",
                    f"{name} was not an active Animal Welfare Scheme visitor on "
                    f"{data.visited_on:%d/%m/%Y}; choose a current visitor.",
                )


def _check_findings(data: AwsVisitInput, errors: Errors, complete: bool) -> None:
    for name in _TEXTS:
        errors.check(len(getattr(data, name)) <= TEXT_LIMIT, name, "Keep this to 5,000 characters.")
    for name in ("received_by", "escalated_to"):
        errors.check(len(getattr(data, name)) <= SHORT_LIMIT, name, "Keep this to 120 characters.")
    if not complete:
        return
    errors.check(
        bool(data.areas_seen()),
        "areas_seen",
        "Tick at least one area you saw: kennels, training, vehicles or home kennels.",
    )
    if data.training_observed:
        errors.check(
            bool(data.training_notes.strip()), "training_notes", "Describe the training you observed."
        )
    if data.serious_issue:
        errors.check(
            bool(data.serious_issue_notes.strip()),
            "serious_issue_notes",
            "Describe the serious issue so the coordinator can act on it.",
        )
        errors.check(
            data.escalated_at is not None,
            "escalated_at",
            "A serious issue is escalated at once: enter when you told the Dog Unit.",
        )
        errors.check(
            bool(data.escalated_to.strip()),
            "escalated_to",
            "Enter who the serious issue was escalated to (e.g. the Dog Unit Sergeant).",
        )


def check_visit(session: Session, data: AwsVisitInput, complete: bool) -> Errors:
    """Every rule for the visit's own fields; ``complete`` adds the rules for submitting.

    Args:
        session: An open session (to look up the site, visitors and scheduled visit).
        data: What was typed into the Visit tab.
        complete: Whether the report is being submitted (a pair, times, an area seen and a
            serious issue's escalation become required).

    Returns:
        The collected field messages (call ``raise_if_any`` to raise them).
    """
    errors = Errors()
    _check_links(session, data, errors)
    _check_times(data, errors, complete)
    _check_visitors(session, data, errors, complete)
    _check_findings(data, errors, complete)
    return errors


def check_observation(session: Session, data: ObservationInput, day: date | None) -> Errors:
    """The rules for one dog seen: a serving dog, ratings given, notes for every concern.

    Args:
        session: An open session (to look up the dog).
        data: What was typed for the dog.
        day: The visit date (the dog must have been in service then); None skips that rule.

    Returns:
        The collected messages, keyed by ``ObservationInput`` field.
    """
    errors = Errors()
    dog = session.get(Dog, data.dog_id) if data.dog_id else None
    if dog is None or dog.is_deleted:
        errors.add("dog_id", "Choose the dog you saw.")
    elif day is not None and not in_service(dog, day):
        errors.add("dog_id", f"{dog.name} was not in service on {day:%d/%m/%Y}; check the dog or the date.")
    for need in WELFARE_NEEDS:
        if not isinstance(getattr(data, need), WelfareRating):
            errors.add(need, "Rate each need: met, concern or not assessed.")
    if data.has_concern():
        errors.check(
            bool(data.condition_notes.strip()),
            "condition_notes",
            "A need is rated a concern: describe what you saw so it can be followed up.",
        )
    errors.check(
        len(data.condition_notes) <= TEXT_LIMIT, "condition_notes", "Keep the notes to 5,000 characters."
    )
    return errors


def check_answers(
    session: Session,
    answers: Mapping[uuid.UUID, tuple[CheckResult, str]],
    areas_seen: Iterable[ChecklistArea],
    errors: Errors,
) -> None:
    """Each answer is for a live Dog Unit checklist item of an area seen, with a result and a short note."""
    seen = set(areas_seen)
    for item_id, (result, note) in answers.items():
        item = session.get(ChecklistItem, item_id)
        if item is None or item.is_deleted or item.area not in AREA_FLAGS:
            errors.add("checks", "One of the answers is not a Dog Unit checklist item.")
        elif item.area not in seen:
            errors.add(
                "checks",
                f"There is an answer for {AREA_LABELS[item.area]}, which is not ticked as seen; "
                "tick it on the Visit tab or clear the answer.",
            )
        if not isinstance(result, CheckResult):
            errors.add("checks", "Answer each checklist item yes, no, not checked or not applicable.")
        errors.check(len(note) <= TEXT_LIMIT, "checks", "Keep each note to 5,000 characters.")
