"""A volunteer's scheme memberships, training records, awards and hours.

Domain: docs/domain.md §2.2 (VolunteerSchemeMembership, Training, Award, VolunteerHours) and §3.6
steps 2-6. Every change is written to the volunteer's history (entity ``volunteer``); none of these
fields is personal data. ``volunteers`` re-exports the membership names and labels.
Hours here are time other than custody or animal welfare visits, whose hours come from the reports.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Award,
    HoursEntry,
    MembershipStatus,
    Scheme,
    SchemeMembership,
    TrainingRecord,
    Volunteer,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import history
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.errors import Errors, NotFoundError

ENTITY = "volunteer"
MAX_HOURS = 24

R = TypeVar("R", TrainingRecord, Award, HoursEntry)

SCHEME_LABELS = {
    Scheme.ICV: "Independent Custody Visiting",
    Scheme.AWS: "Animal Welfare Scheme",
    Scheme.ETP: "Ethics and Transparency Panel",
    Scheme.HATE_CRIME_PANEL: "Hate Crime Scrutiny Panel",
    Scheme.IPM: "Independent Panel Member",
    Scheme.YOUTH_COMMISSION: "Youth Commission",
    Scheme.OTHER: "Other",
}
SCHEME_SHORT_LABELS = {
    Scheme.ICV: "ICV",
    Scheme.AWS: "AWS",
    Scheme.ETP: "ETP",
    Scheme.HATE_CRIME_PANEL: "HCSP",
    Scheme.IPM: "IPM",
    Scheme.YOUTH_COMMISSION: "Youth Commission",
    Scheme.OTHER: "Other",
}
MEMBERSHIP_LABELS = {
    MembershipStatus.APPLICANT: "Applicant",
    MembershipStatus.IN_TRAINING: "In training",
    MembershipStatus.SHADOWING: "Shadowing",
    MembershipStatus.ACTIVE: "Active",
    MembershipStatus.INACTIVE: "Inactive",
    MembershipStatus.LEFT: "Left",
}


@dataclass(frozen=True)
class TrainingInput:
    """A course a volunteer completed."""

    course: str
    completed_on: date | None
    provider: str = ""


@dataclass(frozen=True)
class TrainingData:
    """A training record as shown."""

    id: uuid.UUID
    course: str
    completed_on: date
    provider: str


@dataclass(frozen=True)
class AwardInput:
    """A certificate or long-service award presented to a volunteer."""

    name: str
    awarded_on: date | None


@dataclass(frozen=True)
class AwardData:
    """An award as shown."""

    id: uuid.UUID
    name: str
    awarded_on: date


@dataclass(frozen=True)
class HoursInput:
    """Time volunteered on one day (meetings, training, events)."""

    worked_on: date | None
    hours: float
    activity: str = ""


@dataclass(frozen=True)
class HoursData:
    """An hours entry as shown."""

    id: uuid.UUID
    worked_on: date
    hours: float
    activity: str


@dataclass(frozen=True)
class MembershipInput:
    """A volunteer's place in one scheme."""

    scheme: Scheme
    status: MembershipStatus = MembershipStatus.APPLICANT
    started_on: date | None = None
    ended_on: date | None = None
    term_ends_on: date | None = None


@dataclass(frozen=True)
class MembershipData(MembershipInput):
    """A membership as shown."""

    id: uuid.UUID | None = None

    @property
    def scheme_label(self) -> str:
        """The scheme in words."""
        return SCHEME_LABELS[self.scheme]

    @property
    def status_label(self) -> str:
        """The status in words."""
        return MEMBERSHIP_LABELS[self.status]


def live_volunteer(session: Session, volunteer_id: uuid.UUID) -> Volunteer:
    """The volunteer, unless missing or deleted.

    Raises:
        NotFoundError: No such live volunteer.
    """
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None or volunteer.is_deleted:
        raise NotFoundError("That volunteer is no longer on the register.")
    return volunteer


def _check_day(errors: Errors, field: str, day: date | None, what: str) -> None:
    errors.check(day is not None, field, f"Enter the date {what}.")
    if day is not None:
        errors.check(day <= today(), field, f"The date {what} cannot be in the future.")


def _stamp(record: TrainingRecord | Award | HoursEntry, actor_id: uuid.UUID) -> None:
    record.created_by_id = record.updated_by_id = actor_id


# --- training ------------------------------------------------------------------------------------


def add_training(
    session: Session, actor_id: uuid.UUID, volunteer_id: uuid.UUID, data: TrainingInput
) -> TrainingData:
    """Record a course the volunteer completed.

    Raises:
        ValidationError: No course, no date, a date in the future, or text too long.
        NotFoundError: The volunteer is not on the register.
    """
    live_volunteer(session, volunteer_id)
    course, provider = data.course.strip(), data.provider.strip()
    errors = Errors()
    errors.check(bool(course), "course", "Enter the name of the course.")
    errors.check(len(course) <= 200, "course", "Keep the course name to 200 characters.")
    errors.check(len(provider) <= 200, "provider", "Keep the provider to 200 characters.")
    _check_day(errors, "completed_on", data.completed_on, "the course was completed")
    errors.raise_if_any()
    assert data.completed_on is not None
    record = TrainingRecord(
        volunteer_id=volunteer_id, course=course, completed_on=data.completed_on, provider=provider
    )
    _stamp(record, actor_id)
    session.add(record)
    session.flush()
    history.record(session, actor_id, ENTITY, volunteer_id, "training", None, _training_text(record))
    return _training_data(record)


def _training_text(record: TrainingRecord) -> str:
    return f"{record.course} ({format_date(record.completed_on)})"


def _training_data(record: TrainingRecord) -> TrainingData:
    return TrainingData(record.id, record.course, record.completed_on, record.provider)


def list_training(session: Session, volunteer_id: uuid.UUID) -> list[TrainingData]:
    """The volunteer's live training records, most recent first."""
    stmt = (
        select(TrainingRecord)
        .where(TrainingRecord.volunteer_id == volunteer_id, TrainingRecord.deleted_at.is_(None))
        .order_by(TrainingRecord.completed_on.desc(), TrainingRecord.course)
    )
    return [_training_data(r) for r in session.scalars(stmt)]


def remove_training(session: Session, actor_id: uuid.UUID, record_id: uuid.UUID, reason: str = "") -> None:
    """Soft-delete a training record entered in error.

    Raises:
        NotFoundError: The record does not exist or was already removed.
    """
    record = _live(session, TrainingRecord, record_id, "training record")
    _remove(session, actor_id, record, "training", _training_text(record), reason)


# --- awards --------------------------------------------------------------------------------------


def add_award(session: Session, actor_id: uuid.UUID, volunteer_id: uuid.UUID, data: AwardInput) -> AwardData:
    """Record an award (a certificate, a long-service award) presented to the volunteer.

    Raises:
        ValidationError: No name, no date, a date in the future, or a name too long.
        NotFoundError: The volunteer is not on the register.
    """
    live_volunteer(session, volunteer_id)
    name = data.name.strip()
    errors = Errors()
    errors.check(bool(name), "name", "Enter the award, for example 10 years' service.")
    errors.check(len(name) <= 200, "name", "Keep the award to 200 characters.")
    _check_day(errors, "awarded_on", data.awarded_on, "of the award")
    errors.raise_if_any()
    assert data.awarded_on is not None
    record = Award(volunteer_id=volunteer_id, name=name, awarded_on=data.awarded_on)
    _stamp(record, actor_id)
    session.add(record)
    session.flush()
    history.record(session, actor_id, ENTITY, volunteer_id, "award", None, _award_text(record))
    return AwardData(record.id, record.name, record.awarded_on)


def _award_text(record: Award) -> str:
    return f"{record.name} ({format_date(record.awarded_on)})"


def list_awards(session: Session, volunteer_id: uuid.UUID) -> list[AwardData]:
    """The volunteer's live awards, most recent first."""
    stmt = (
        select(Award)
        .where(Award.volunteer_id == volunteer_id, Award.deleted_at.is_(None))
        .order_by(Award.awarded_on.desc(), Award.name)
    )
    return [AwardData(r.id, r.name, r.awarded_on) for r in session.scalars(stmt)]


def remove_award(session: Session, actor_id: uuid.UUID, award_id: uuid.UUID, reason: str = "") -> None:
    """Soft-delete an award entered in error.

    Raises:
        NotFoundError: The award does not exist or was already removed.
    """
    record = _live(session, Award, award_id, "award")
    _remove(session, actor_id, record, "award", _award_text(record), reason)


# --- hours ---------------------------------------------------------------------------------------


def add_hours(session: Session, actor_id: uuid.UUID, volunteer_id: uuid.UUID, data: HoursInput) -> HoursData:
    """Log time the volunteer gave on one day: more than 0 and at most 24 hours.

    Raises:
        ValidationError: Hours out of range, no date, a date in the future, or an activity too long.
        NotFoundError: The volunteer is not on the register.
    """
    live_volunteer(session, volunteer_id)
    activity = data.activity.strip()
    errors = Errors()
    errors.check(
        0 < data.hours <= MAX_HOURS, "hours", f"Enter the hours: more than 0 and at most {MAX_HOURS}."
    )
    errors.check(len(activity) <= 120, "activity", "Keep the activity to 120 characters.")
    _check_day(errors, "worked_on", data.worked_on, "the time was given")
    errors.raise_if_any()
    assert data.worked_on is not None
    record = HoursEntry(
        volunteer_id=volunteer_id, worked_on=data.worked_on, hours=float(data.hours), activity=activity
    )
    _stamp(record, actor_id)
    session.add(record)
    session.flush()
    history.record(session, actor_id, ENTITY, volunteer_id, "hours", None, _hours_text(record))
    return HoursData(record.id, record.worked_on, record.hours, record.activity)


def _hours_text(record: HoursEntry) -> str:
    what = f" {record.activity}" if record.activity else ""
    return f"{record.hours:g} h{what} ({format_date(record.worked_on)})"


def list_hours(session: Session, volunteer_id: uuid.UUID) -> list[HoursData]:
    """The volunteer's live hours entries, most recent first."""
    stmt = (
        select(HoursEntry)
        .where(HoursEntry.volunteer_id == volunteer_id, HoursEntry.deleted_at.is_(None))
        .order_by(HoursEntry.worked_on.desc(), HoursEntry.created_at.desc())
    )
    return [HoursData(r.id, r.worked_on, r.hours, r.activity) for r in session.scalars(stmt)]


def remove_hours(session: Session, actor_id: uuid.UUID, entry_id: uuid.UUID, reason: str = "") -> None:
    """Soft-delete an hours entry logged in error.

    Raises:
        NotFoundError: The entry does not exist or was already removed.
    """
    record = _live(session, HoursEntry, entry_id, "hours entry")
    _remove(session, actor_id, record, "hours", _hours_text(record), reason)


# --- memberships


def validate_membership(data: MembershipInput) -> None:
    """Check a membership's status and dates.

    Raises:
        ValidationError: Active with no start, Left with no end, or an end or term before the start.
    """
    errors = Errors()
    errors.check(
        data.status != MembershipStatus.ACTIVE or data.started_on is not None,
        "started_on",
        "An active member needs the date they started.",
    )
    errors.check(
        data.status != MembershipStatus.LEFT or data.ended_on is not None,
        "ended_on",
        "Enter the date they left.",
    )
    if data.started_on is not None:
        for name, what in (("ended_on", "The end date"), ("term_ends_on", "The end of the term")):
            day = getattr(data, name)
            errors.check(day is None or day >= data.started_on, name, f"{what} cannot be before the start.")
    errors.raise_if_any()


def memberships_of(volunteer: Volunteer) -> tuple[MembershipData, ...]:
    """The volunteer's live memberships, in scheme order."""
    live = [m for m in volunteer.memberships if m.deleted_at is None]
    live.sort(key=lambda m: list(Scheme).index(m.scheme))
    return tuple(
        MembershipData(m.scheme, m.status, m.started_on, m.ended_on, m.term_ends_on, id=m.id) for m in live
    )


def set_membership(
    session: Session, actor_id: uuid.UUID, volunteer_id: uuid.UUID, data: MembershipInput
) -> MembershipData:
    """Add or change the volunteer's membership of ``data.scheme`` (one per scheme).

    Raises:
        ValidationError: See :func:`validate_membership`.
        NotFoundError: The volunteer is not on the register.
    """
    volunteer = live_volunteer(session, volunteer_id)
    validate_membership(data)
    membership = next((m for m in volunteer.memberships if m.scheme == data.scheme), None)
    prefix = f"{SCHEME_SHORT_LABELS[data.scheme]} "
    if membership is None or membership.deleted_at is not None:
        if membership is None:
            membership = SchemeMembership(scheme=data.scheme, created_by_id=actor_id)
            volunteer.memberships.append(membership)
        membership.deleted_at = None
        history.record(session, actor_id, ENTITY, volunteer.id, prefix + "membership", None, "added")
    for name in ("status", "started_on", "ended_on", "term_ends_on"):
        old, new = getattr(membership, name), getattr(data, name)
        if old != new:
            history.record(session, actor_id, ENTITY, volunteer.id, prefix + name, old, new)
            setattr(membership, name, new)
    membership.updated_by_id = actor_id
    session.flush()
    return next(m for m in memberships_of(volunteer) if m.scheme == data.scheme)


# --- shared --------------------------------------------------------------------------------------


def _live(session: Session, model: type[R], record_id: uuid.UUID, what: str) -> R:
    record = session.get(model, record_id)
    if record is None or record.is_deleted:
        raise NotFoundError(f"That {what} no longer exists.")
    return record


def _remove(
    session: Session,
    actor_id: uuid.UUID,
    record: TrainingRecord | Award | HoursEntry,
    field: str,
    text: str,
    reason: str,
) -> None:
    record.deleted_at = utc_now()
    record.updated_by_id = actor_id
    history.record(session, actor_id, ENTITY, record.volunteer_id, field, text, None, reason.strip())
    session.flush()
