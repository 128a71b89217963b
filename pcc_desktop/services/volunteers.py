"""The volunteer register: one person, any number of schemes (ICV, AWS, panels), vetting and contacts.

Domain: docs/domain.md §2.2 (Volunteer, VolunteerSchemeMembership) and §3.6. A volunteer's name,
email, phone, address and notes are personal data: the change history records only that they
changed, never their values. Training, awards and hours live in ``volunteer_records``; the rota
asks :func:`active_volunteers` who can be paired on a given day.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from pcc_desktop.models import MembershipStatus, Scheme, SchemeMembership, VettingLevel, Volunteer
from pcc_desktop.services import history
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import ConflictError, Errors
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.staff import EMAIL_PATTERN
from pcc_desktop.services.volunteer_records import (
    MEMBERSHIP_LABELS,
    SCHEME_LABELS,
    SCHEME_SHORT_LABELS,
    AwardData,
    HoursData,
    MembershipData,
    MembershipInput,
    TrainingData,
    list_awards,
    list_hours,
    list_training,
    live_volunteer,
    memberships_of,
    set_membership,
    validate_membership,
)

ENTITY = "volunteer"
PREFIX = "VOL"
PERSONAL_FIELDS = ("name", "email", "phone", "address", "notes")
PERSONAL_CHANGED = "(personal data changed)"
PERSONAL_REMOVED = "(personal data removed)"
MAX_LENGTHS = {"name": 160, "email": 200, "phone": 60, "address": 2000, "availability": 300, "notes": 20_000}

VETTING_LABELS = {
    VettingLevel.NONE: "None",
    VettingLevel.LOWER: "Lower (common)",
    VettingLevel.HIGHER: "Higher",
}


@dataclass(frozen=True)
class VolunteerInput:
    """What a member of staff types for a volunteer (the memberships are set one by one)."""

    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    vetting_level: VettingLevel = VettingLevel.NONE
    vetting_expires_on: date | None = None
    availability: str = ""
    notes: str = ""

    def cleaned(self) -> VolunteerInput:
        """Text trimmed."""
        return replace(
            self, **{f.name: getattr(self, f.name).strip() for f in fields(self) if f.name in MAX_LENGTHS}
        )


@dataclass(frozen=True)
class VolunteerRow:
    """A line of the register."""

    id: uuid.UUID
    reference: str
    name: str
    email: str
    phone: str
    vetting_level: VettingLevel
    vetting_expires_on: date | None
    availability: str
    memberships: tuple[MembershipData, ...]

    @property
    def schemes_text(self) -> str:
        """``ICV (Active), AWS (Left)``."""
        return ", ".join(f"{SCHEME_SHORT_LABELS[m.scheme]} ({m.status_label})" for m in self.memberships)

    def vetting_valid_on(self, day: date | None = None) -> bool:
        """Whether the vetting held has not expired on ``day`` (today by default)."""
        expires = self.vetting_expires_on
        return expires is None or expires >= (day or today())


@dataclass(frozen=True)
class VolunteerDetail(VolunteerInput):
    """A volunteer with everything on their record."""

    id: uuid.UUID | None = None
    reference: str = ""
    row_version: int = 0
    memberships: tuple[MembershipData, ...] = ()
    training: tuple[TrainingData, ...] = ()
    awards: tuple[AwardData, ...] = ()
    hours: tuple[HoursData, ...] = ()

    @property
    def total_hours(self) -> float:
        """Hours logged on the record (visit hours come from the visit reports)."""
        return round(sum(entry.hours for entry in self.hours), 2)

    @property
    def years_of_service(self) -> int:
        """Whole years since the earliest membership start, to today or to the last end if all ended."""
        starts = [m.started_on for m in self.memberships if m.started_on]
        if not starts:
            return 0
        first = min(starts)
        ends = [m.ended_on for m in self.memberships if m.started_on]
        last = max(ends) if all(ends) else today()  # type: ignore[type-var]
        years = last.year - first.year - ((last.month, last.day) < (first.month, first.day))
        return max(years, 0)

    @property
    def vetting_label(self) -> str:
        """The vetting level in words."""
        return VETTING_LABELS[self.vetting_level]

    def to_input(self) -> VolunteerInput:
        """The editable fields, for a form to change and save back."""
        return VolunteerInput(**{f.name: getattr(self, f.name) for f in fields(VolunteerInput)})


# --- validation ----------------------------------------------------------------------------------


def validate_volunteer(
    session: Session,
    data: VolunteerInput,
    volunteer_id: uuid.UUID | None = None,
    check_register: bool = True,
) -> None:
    """Check a volunteer's details (``data`` already cleaned).

    ``volunteer_id`` is the volunteer being edited (not a clash with itself); ``check_register``
    False skips looking for the same name and email on the register (the import checks that itself).

    Raises:
        ValidationError: Keyed by field name: no name, a bad email, vetting with no expiry date,
            an expiry with no vetting, text too long, or the same name and email already registered.
    """
    errors = Errors()
    errors.check(bool(data.name), "name", "Enter the volunteer's name.")
    for name, limit in MAX_LENGTHS.items():
        errors.check(len(getattr(data, name)) <= limit, name, f"Keep it to {limit:,} characters.")
    errors.check(
        not data.email or bool(EMAIL_PATTERN.match(data.email)),
        "email",
        "Enter an email address like name@example.org.",
    )
    vetted = data.vetting_level != VettingLevel.NONE
    errors.check(
        not vetted or data.vetting_expires_on is not None,
        "vetting_expires_on",
        "Enter the date the vetting expires.",
    )
    errors.check(
        vetted or data.vetting_expires_on is None,
        "vetting_level",
        "Choose the vetting level, or clear the expiry date.",
    )
    if data.name and check_register:
        clash = find_registered(session, data.name, data.email)
        if clash is not None and clash[0] != volunteer_id:
            errors.add("name", f"{data.name} with this email is already on the register ({clash[1]}).")
    errors.raise_if_any()


def find_registered(session: Session, name: str, email: str) -> tuple[uuid.UUID, str] | None:
    """(id, reference) of a live volunteer with this name and email (ignoring case), if any."""
    stmt = select(Volunteer.id, Volunteer.reference).where(
        Volunteer.deleted_at.is_(None),
        func.lower(Volunteer.name) == " ".join(name.lower().split()),
        func.lower(Volunteer.email) == email.strip().lower(),
    )
    row = session.execute(stmt).first()
    return (row[0], row[1]) if row else None


# --- reading -------------------------------------------------------------------------------------


def _row(volunteer: Volunteer) -> VolunteerRow:
    return VolunteerRow(
        id=volunteer.id,
        reference=volunteer.reference,
        name=volunteer.name,
        email=volunteer.email,
        phone=volunteer.phone,
        vetting_level=volunteer.vetting_level,
        vetting_expires_on=volunteer.vetting_expires_on,
        availability=volunteer.availability,
        memberships=memberships_of(volunteer),
    )


def get_volunteer(session: Session, volunteer_id: uuid.UUID) -> VolunteerDetail:
    """One volunteer with memberships, training, awards and hours.

    Raises:
        NotFoundError: The volunteer is not on the register.
    """
    volunteer = live_volunteer(session, volunteer_id)
    values = {f.name: getattr(volunteer, f.name) for f in fields(VolunteerInput)}
    return VolunteerDetail(
        id=volunteer.id,
        reference=volunteer.reference,
        row_version=volunteer.row_version,
        memberships=memberships_of(volunteer),
        training=tuple(list_training(session, volunteer.id)),
        awards=tuple(list_awards(session, volunteer.id)),
        hours=tuple(list_hours(session, volunteer.id)),
        **values,
    )


def _membership_filter(scheme: Scheme | None, statuses: Iterable[MembershipStatus], include_left: bool):
    m = SchemeMembership
    conditions = [m.volunteer_id == Volunteer.id, m.deleted_at.is_(None)]
    if scheme is not None:
        conditions.append(m.scheme == scheme)
    if statuses:
        conditions.append(m.status.in_(list(statuses)))
    if not include_left:
        conditions.append(m.status != MembershipStatus.LEFT)
    return exists().where(and_(*conditions))


def list_volunteers(
    session: Session,
    scheme: Scheme | None = None,
    statuses: Iterable[MembershipStatus] = (),
    text: str = "",
    include_left: bool = False,
) -> list[VolunteerRow]:
    """The register in name order, filtered in SQL.

    Args:
        session: An open session.
        scheme: Only members of this scheme.
        statuses: Only members with one of these statuses (in ``scheme`` if given).
        text: Part of the name, email, phone or reference, ignoring case.
        include_left: Also people who have left (every scheme, or ``scheme``); without it a volunteer
            with no membership at all is still listed, unless a scheme or status is asked for.
    """
    statuses = tuple(statuses)
    stmt = select(Volunteer).where(Volunteer.deleted_at.is_(None))
    if scheme is not None or statuses:
        stmt = stmt.where(_membership_filter(scheme, statuses, include_left))
    elif not include_left:
        any_membership = exists().where(
            SchemeMembership.volunteer_id == Volunteer.id, SchemeMembership.deleted_at.is_(None)
        )
        stmt = stmt.where(or_(~any_membership, _membership_filter(None, (), False)))
    needle = text.strip().lower()
    if needle:
        columns = (Volunteer.name, Volunteer.email, Volunteer.phone, Volunteer.reference)
        stmt = stmt.where(or_(*(func.lower(c).contains(needle, autoescape=True) for c in columns)))
    stmt = stmt.options(selectinload(Volunteer.memberships)).order_by(func.lower(Volunteer.name))
    return [_row(v) for v in session.scalars(stmt)]


def active_volunteers(session: Session, scheme: Scheme, on: date | None = None) -> list[VolunteerRow]:
    """Who can serve in ``scheme`` on day ``on`` (today by default), in name order.

    Active in the scheme, started by then, not ended before then, and vetting (if any) not expired.
    The rota generator pairs from this list.
    """
    day = on or today()
    m = SchemeMembership
    serving = exists().where(
        m.volunteer_id == Volunteer.id,
        m.deleted_at.is_(None),
        m.scheme == scheme,
        m.status == MembershipStatus.ACTIVE,
        m.started_on <= day,
        or_(m.ended_on.is_(None), m.ended_on >= day),
    )
    stmt = (
        select(Volunteer)
        .where(
            Volunteer.deleted_at.is_(None),
            serving,
            or_(Volunteer.vetting_expires_on.is_(None), Volunteer.vetting_expires_on >= day),
        )
        .options(selectinload(Volunteer.memberships))
        .order_by(func.lower(Volunteer.name))
    )
    return [_row(v) for v in session.scalars(stmt)]


# --- writing -------------------------------------------------------------------------------------


def create_volunteer(
    session: Session, actor_id: uuid.UUID, data: VolunteerInput, reason: str = ""
) -> VolunteerDetail:
    """Add a volunteer to the register with a new ``VOL-YYYY-NNNN`` reference.

    Raises:
        ValidationError: See :func:`validate_volunteer`.
    """
    data = data.cleaned()
    validate_volunteer(session, data)
    volunteer = Volunteer(
        reference=next_reference(session, PREFIX, today().year),
        created_by_id=actor_id,
        updated_by_id=actor_id,
        **{f.name: getattr(data, f.name) for f in fields(VolunteerInput)},
    )
    session.add(volunteer)
    session.flush()
    history.record(session, actor_id, ENTITY, volunteer.id, "created", None, volunteer.reference, reason)
    return get_volunteer(session, volunteer.id)


def update_volunteer(
    session: Session,
    actor_id: uuid.UUID,
    volunteer_id: uuid.UUID,
    data: VolunteerInput,
    expected_version: int | None = None,
) -> VolunteerDetail:
    """Save edits to a volunteer's details; personal data goes into the history only as a marker.

    Raises:
        ConflictError: Someone else saved the volunteer since ``expected_version`` was read.
        ValidationError: See :func:`validate_volunteer`.
        NotFoundError: The volunteer is not on the register.
    """
    volunteer = live_volunteer(session, volunteer_id)
    if expected_version is not None and volunteer.row_version != expected_version:
        raise ConflictError(
            f"{volunteer.reference} was changed by someone else after you opened it. "
            "Reload it to see their changes, then make yours again."
        )
    data = data.cleaned()
    validate_volunteer(session, data, volunteer.id)
    for spec in fields(VolunteerInput):
        old, new = getattr(volunteer, spec.name), getattr(data, spec.name)
        if old == new:
            continue
        if spec.name in PERSONAL_FIELDS:
            shown_old, shown_new = None, PERSONAL_CHANGED if new else PERSONAL_REMOVED
        else:
            shown_old, shown_new = old, new
        history.record(session, actor_id, ENTITY, volunteer.id, spec.name, shown_old, shown_new)
        setattr(volunteer, spec.name, new)
    volunteer.updated_by_id = actor_id
    session.flush()
    return get_volunteer(session, volunteer.id)


__all__ = [
    "MEMBERSHIP_LABELS",
    "SCHEME_LABELS",
    "SCHEME_SHORT_LABELS",
    "VETTING_LABELS",
    "MembershipData",
    "MembershipInput",
    "VolunteerDetail",
    "VolunteerInput",
    "VolunteerRow",
    "active_volunteers",
    "create_volunteer",
    "get_volunteer",
    "list_volunteers",
    "set_membership",
    "update_volunteer",
    "validate_membership",
    "validate_volunteer",
]
