"""Engagement use cases: plan, hold, cancel, edit and delete community days and other engagements.

Domain: docs/domain.md §2.3 (EngagementEvent) and §3.1–3.2. Reads, labels and DTOs live in
``engagement_queries`` and feedback items in ``feedback``; both are re-exported here so callers
have one door. Every change goes into the history, except personal data (a councillor's name),
which is only marked as changed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields, replace
from datetime import date, time

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Area,
    AreaKind,
    AttendeeType,
    Classification,
    CouncillorContact,
    Engagement,
    EngagementAttendance,
    EngagementLead,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    InitiatedBy,
    Organisation,
    StaffMember,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import history
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.engagement_queries import (
    ATTENDEE_LABELS,
    ENGAGEMENT_TYPE_LABELS,
    INITIATED_BY_LABELS,
    LEAD_LABELS,
    STATUS_LABELS,
    CouncillorContactData,
    EngagementDetail,
    EngagementFilter,
    EngagementPage,
    EngagementRow,
    actions_counts,
    detail_of,
    get_engagement,
    list_engagements,
    load_engagement,
)
from pcc_desktop.services.errors import ConflictError, Errors, ValidationError
from pcc_desktop.services.feedback import RAISED_BY_LABELS, RELAYED_TO_LABELS, SENTIMENT_LABELS
from pcc_desktop.services.references import next_reference

__all__ = [
    "ATTENDEE_LABELS",
    "ENGAGEMENT_TYPE_LABELS",
    "INITIATED_BY_LABELS",
    "LEAD_LABELS",
    "RAISED_BY_LABELS",
    "RELAYED_TO_LABELS",
    "SENTIMENT_LABELS",
    "STATUS_LABELS",
    "CouncillorContactData",
    "EngagementDetail",
    "EngagementFilter",
    "EngagementInput",
    "EngagementPage",
    "EngagementRow",
    "add_councillor_contact",
    "create_engagement",
    "default_npa",
    "delete_engagement",
    "engagement_input",
    "get_engagement",
    "list_engagements",
    "remove_councillor_contact",
    "set_status",
    "update_councillor_contact",
    "update_engagement",
]

ENTITY = "engagement"
CONTACT_ENTITY = "councillor_contact"
PREFIX = "ENG"
PERSONAL_CHANGED = "(personal data changed)"
MAX_ATTENDANCE = 100_000
TEXT_LIMITS = {
    "place_name": 200,
    "reason": 2000,
    "notes": 20000,
    "intelligence_to": 200,
    "intelligence_notes": 20000,
}
# Allowed status moves; cancelling needs a reason, and un-holding is refused once feedback exists.
MOVES = {
    EngagementStatus.PLANNED: (EngagementStatus.HELD, EngagementStatus.CANCELLED),
    EngagementStatus.HELD: (EngagementStatus.PLANNED,),
    EngagementStatus.CANCELLED: (EngagementStatus.PLANNED,),
}


@dataclass(frozen=True)
class EngagementInput:
    """What a person types into the engagement form.

    ``status`` is used when creating (planned, or held for a past event); afterwards it moves with
    ``set_status``. Leaving ``npa_id`` empty takes the NPA the area counts towards. Attendance is
    ``((AttendeeType.RESIDENTS, 40), …)``; a count of 0 means nobody of that type.
    """

    kind: EngagementType
    held_on: date | None
    status: EngagementStatus = EngagementStatus.PLANNED
    starts_at: time | None = None
    ends_at: time | None = None
    lead: EngagementLead = EngagementLead.COMMISSIONER
    lead_staff_id: uuid.UUID | None = None
    area_id: uuid.UUID | None = None
    npa_id: uuid.UUID | None = None
    place_name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    reason: str = ""
    initiated_by: InitiatedBy = InitiatedBy.PROGRAMME
    advertised: bool = False
    surveyed: bool = False
    notes: str = ""
    debriefed_on: date | None = None
    debriefed_by_id: uuid.UUID | None = None
    intelligence_to: str = ""
    intelligence_on: date | None = None
    intelligence_notes: str = ""
    classification: Classification = Classification.OFFICIAL
    publishable: bool = True
    organisation_ids: tuple[uuid.UUID, ...] = ()
    attendance: tuple[tuple[AttendeeType, int], ...] = ()

    def cleaned(self) -> EngagementInput:
        """Text trimmed, organisations listed once each."""
        texts = {name: getattr(self, name).strip() for name in TEXT_LIMITS}
        return replace(self, organisation_ids=tuple(dict.fromkeys(self.organisation_ids)), **texts)


SCALARS = tuple(
    f.name for f in fields(EngagementInput) if f.name not in ("status", "organisation_ids", "attendance")
)


def engagement_input(detail: EngagementDetail) -> EngagementInput:
    """The editable fields of an engagement, for a form to change and save back."""
    return EngagementInput(**{f.name: getattr(detail, f.name) for f in fields(EngagementInput)})


def default_npa(session: Session, area_id: uuid.UUID | None) -> uuid.UUID | None:
    """The NPA an area counts towards: itself if an NPA, else its ``npa_id``, else its parents'."""
    area = session.get(Area, area_id) if area_id else None
    seen: set[uuid.UUID] = set()
    while area is not None and area.id not in seen:
        if area.kind == AreaKind.NPA:
            return area.id
        if area.npa_id is not None:
            return area.npa_id
        seen.add(area.id)
        area = area.parent
    return None


# --- validation --------------------------------------------------------------------------------


def _live(session: Session, model: type, record_id: uuid.UUID | None) -> object | None:
    record = session.get(model, record_id) if record_id else None
    return record if record is not None and record.deleted_at is None else None


def _check_dates(data: EngagementInput, errors: Errors) -> None:
    if data.held_on is None:
        errors.add("held_on", "Enter the date of the engagement.")
    elif data.status == EngagementStatus.HELD and data.held_on > today():
        errors.add("held_on", "An engagement that has been held cannot be dated in the future.")
    if data.starts_at and data.ends_at and data.ends_at <= data.starts_at:
        errors.add("ends_at", "The end time must be after the start time.")
    if data.debriefed_on is not None:
        errors.check(
            data.status == EngagementStatus.HELD, "debriefed_on", "Only a held engagement is debriefed."
        )
        errors.check(
            data.debriefed_on <= today(), "debriefed_on", "The debrief date cannot be in the future."
        )
        if data.held_on and data.debriefed_on < data.held_on:
            errors.add("debriefed_on", "The debrief cannot be before the engagement.")
    if data.intelligence_on and data.intelligence_on > today():
        errors.add("intelligence_on", "The date intelligence was passed on cannot be in the future.")
    if data.status == EngagementStatus.CANCELLED:
        errors.add("status", "Cancel an engagement with Cancel, giving the reason.")


def _check_place(session: Session, data: EngagementInput, errors: Errors) -> None:
    errors.check(bool(data.place_name or data.area_id), "place_name", "Enter the place or choose the area.")
    if data.area_id and _live(session, Area, data.area_id) is None:
        errors.add("area_id", "That area no longer exists.")
    npa = _live(session, Area, data.npa_id)
    if data.npa_id and (npa is None or npa.kind != AreaKind.NPA):  # type: ignore[attr-defined]
        errors.add("npa_id", "Choose a Neighbourhood Policing Area.")
    elif data.kind == EngagementType.COMMUNITY_DAY and data.npa_id is None:
        errors.add("npa_id", "A community day counts towards an NPA's target: choose the NPA.")
    if (data.latitude is None) != (data.longitude is None):
        missing = "longitude" if data.longitude is None else "latitude"
        errors.add(missing, "Enter both the latitude and the longitude, or neither.")
    if data.latitude is not None and not -90 <= data.latitude <= 90:
        errors.add("latitude", "The latitude must be between -90 and 90.")
    if data.longitude is not None and not -180 <= data.longitude <= 180:
        errors.add("longitude", "The longitude must be between -180 and 180.")


def _check_people(session: Session, data: EngagementInput, errors: Errors) -> None:
    if data.lead == EngagementLead.STAFF:
        errors.check(
            data.lead_staff_id is not None, "lead_staff_id", "Choose the member of staff who led it."
        )
    for name in ("lead_staff_id", "debriefed_by_id"):
        if getattr(data, name) and _live(session, StaffMember, getattr(data, name)) is None:
            errors.add(name, "That member of staff is not on the staff list.")
    for org_id in data.organisation_ids:
        if _live(session, Organisation, org_id) is None:
            errors.add("organisation_ids", "One of the organisations no longer exists.")
    types = [t for t, _ in data.attendance]
    errors.check(len(types) == len(set(types)), "attendance", "Each type of person is counted once.")
    for attendee_type, count in data.attendance:
        if not 0 <= count <= MAX_ATTENDANCE:
            errors.add(
                "attendance", f"{ATTENDEE_LABELS[attendee_type]}: enter 0 to {MAX_ATTENDANCE:,} people."
            )


def validate_input(session: Session, data: EngagementInput) -> None:
    """Check every field; raise one ValidationError naming each bad field."""
    errors = Errors()
    for name, limit in TEXT_LIMITS.items():
        errors.check(len(getattr(data, name)) <= limit, name, f"Keep it to {limit:,} characters.")
    _check_dates(data, errors)
    _check_place(session, data, errors)
    _check_people(session, data, errors)
    errors.raise_if_any()


# --- writing -----------------------------------------------------------------------------------


def _with_npa(session: Session, data: EngagementInput) -> EngagementInput:
    data = data.cleaned()
    if data.npa_id is None and data.area_id is not None:
        data = replace(data, npa_id=default_npa(session, data.area_id))
    return data


def _apply(session: Session, engagement: Engagement, data: EngagementInput) -> None:
    for name in SCALARS:
        setattr(engagement, name, getattr(data, name))
    engagement.organisations = [session.get_one(Organisation, i) for i in data.organisation_ids]
    counts = dict(data.attendance)
    existing = {a.attendee_type: a for a in engagement.attendance}
    for attendee_type in AttendeeType:
        count = counts.get(attendee_type, 0)
        row = existing.get(attendee_type)
        if row is not None and row.count != count:
            row.count = count  # kept at 0 rather than deleted, so the row can be synced
        elif row is None and count:
            engagement.attendance.append(EngagementAttendance(attendee_type=attendee_type, count=count))


def create_engagement(session: Session, actor_id: uuid.UUID, data: EngagementInput) -> EngagementDetail:
    """Plan an engagement (or record one already held) with the next ``ENG-YYYY-NNNN`` reference."""
    data = _with_npa(session, data)
    validate_input(session, data)
    assert data.held_on is not None
    engagement = Engagement(
        reference=next_reference(session, PREFIX, data.held_on.year),
        status=data.status,
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    _apply(session, engagement, data)
    session.add(engagement)
    session.flush()
    history.record(session, actor_id, ENTITY, engagement.id, "created", None, engagement.reference)
    return detail_of(session, engagement)


def _describe(session: Session, name: str, value: object) -> object:
    """Foreign keys as the names they stand for, for the history."""
    if not isinstance(value, uuid.UUID):
        return value
    model = StaffMember if name in ("lead_staff_id", "debriefed_by_id") else Area
    record = session.get(model, value)
    return getattr(record, "name", value)


def _snapshot(engagement: Engagement) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(engagement, name) for name in SCALARS}
    values["organisations"] = ", ".join(o.name for o in engagement.organisations)
    values["attendance"] = ", ".join(
        f"{ATTENDEE_LABELS[a.attendee_type]} {a.count}" for a in engagement.attendance if a.count
    )
    return values


def update_engagement(
    session: Session,
    actor_id: uuid.UUID,
    engagement_id: uuid.UUID,
    data: EngagementInput,
    expected_version: int | None = None,
) -> EngagementDetail:
    """Save edits to an engagement's fields (its status moves with ``set_status``)."""
    engagement = load_engagement(session, engagement_id)
    if expected_version is not None and engagement.row_version != expected_version:
        raise ConflictError(
            f"{engagement.reference} was changed by someone else after you opened it. "
            "Reload it to see their changes, then make yours again."
        )
    data = replace(_with_npa(session, data), status=engagement.status)
    validate_input(session, data)
    before = _snapshot(engagement)
    _apply(session, engagement, data)
    session.flush()
    after = _snapshot(engagement)
    for name, old in before.items():
        if old != after[name]:
            old_text, new_text = _describe(session, name, old), _describe(session, name, after[name])
            history.record(session, actor_id, ENTITY, engagement.id, name, old_text, new_text)
    engagement.updated_by_id = actor_id
    session.flush()
    return detail_of(session, engagement)


def _has_feedback(session: Session, engagement_id: uuid.UUID) -> bool:
    stmt = select(FeedbackItem.id).where(
        FeedbackItem.engagement_id == engagement_id, FeedbackItem.deleted_at.is_(None)
    )
    return session.scalar(stmt.limit(1)) is not None


def _check_move(session: Session, engagement: Engagement, status: EngagementStatus, reason: str) -> None:
    if status not in MOVES[engagement.status]:
        allowed = ", ".join(STATUS_LABELS[s].lower() for s in MOVES[engagement.status])
        raise ValidationError.single(
            "status",
            f"{engagement.reference} is {STATUS_LABELS[engagement.status].lower()}; it can become {allowed}.",
        )
    if status == EngagementStatus.HELD and engagement.held_on > today():
        raise ValidationError.single(
            "status", f"It cannot be marked held before its date ({format_date(engagement.held_on)})."
        )
    if engagement.status == EngagementStatus.HELD and (
        engagement.debriefed_on or _has_feedback(session, engagement.id)
    ):
        raise ValidationError.single(
            "status", "Feedback or a debrief is recorded, so it was held: it cannot go back to planned."
        )
    if status == EngagementStatus.CANCELLED and not reason:
        raise ValidationError.single("reason", "Say why the engagement was cancelled.")
    if len(reason) > 2000:
        raise ValidationError.single("reason", "Keep the reason to 2,000 characters.")


def set_status(
    session: Session,
    actor_id: uuid.UUID,
    engagement_id: uuid.UUID,
    status: EngagementStatus,
    reason: str = "",
) -> EngagementDetail:
    """Mark a planned engagement held or cancelled (with a reason), or back to planned."""
    engagement = load_engagement(session, engagement_id)
    if engagement.status == status:
        return detail_of(session, engagement)
    _check_move(session, engagement, status, reason.strip())
    history.record(
        session, actor_id, ENTITY, engagement.id, "status", engagement.status, status, reason.strip()
    )
    engagement.status = status
    engagement.updated_by_id = actor_id
    session.flush()
    return detail_of(session, engagement)


def delete_engagement(session: Session, actor_id: uuid.UUID, engagement_id: uuid.UUID, reason: str) -> None:
    """Soft-delete an engagement recorded in error, with its feedback and contacts.

    Refused when actions were raised from it (or its feedback): those must stay traceable.
    """
    engagement = load_engagement(session, engagement_id)
    if not reason.strip():
        raise ValidationError.single("reason", "Say why the engagement is being deleted.")
    raised = actions_counts(session, [engagement.id]).get(engagement.id, 0)
    if raised:
        raise ValidationError.single(
            "record",
            f"{raised} action{'s were' if raised > 1 else ' was'} raised from {engagement.reference}, "
            "so it cannot be deleted: cancel it instead.",
        )
    now = utc_now()
    for model in (FeedbackItem, CouncillorContact):
        session.execute(
            update(model)
            .where(model.engagement_id == engagement.id, model.deleted_at.is_(None))
            .values(deleted_at=now, updated_by_id=actor_id, row_version=model.row_version + 1)
        )
    engagement.deleted_at = now
    engagement.updated_by_id = actor_id
    history.record(
        session, actor_id, ENTITY, engagement.id, "deleted", engagement.reference, None, reason.strip()
    )
    session.flush()


# Councillor contacts live in their own module; callers may import them from here.
from pcc_desktop.services.councillor_contacts import (  # noqa: E402
    add_councillor_contact,
    remove_councillor_contact,
    update_councillor_contact,
)
