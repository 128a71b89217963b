"""The staff list: who uses the app, owns actions and is recorded against every change."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import StaffMember, StaffRole
from pcc_desktop.services import history
from pcc_desktop.services.errors import Errors, NotFoundError

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

ROLE_LABELS = {
    StaffRole.COMMISSIONER: "Commissioner / Deputy",
    StaffRole.CHIEF_EXECUTIVE: "Chief Executive",
    StaffRole.DIRECTOR: "Director",
    StaffRole.OFFICER: "Officer",
    StaffRole.VOLUNTEERS_MANAGER: "Volunteers Manager",
    StaffRole.ADMINISTRATOR: "Administrator",
    StaffRole.READ_ONLY: "Read only",
}


@dataclass(frozen=True)
class StaffData:
    """A member of staff as shown and edited."""

    id: uuid.UUID | None
    name: str
    job_title: str = ""
    role: StaffRole = StaffRole.OFFICER
    email: str = ""
    active: bool = True
    row_version: int = 0

    @property
    def role_label(self) -> str:
        """The role in words."""
        return ROLE_LABELS[self.role]


def _to_data(member: StaffMember) -> StaffData:
    return StaffData(
        id=member.id,
        name=member.name,
        job_title=member.job_title,
        role=member.role,
        email=member.email,
        active=member.active,
        row_version=member.row_version,
    )


def list_staff(session: Session, include_inactive: bool = True) -> list[StaffData]:
    """Staff in name order."""
    stmt = select(StaffMember).where(StaffMember.deleted_at.is_(None)).order_by(func.lower(StaffMember.name))
    if not include_inactive:
        stmt = stmt.where(StaffMember.active.is_(True))
    return [_to_data(m) for m in session.scalars(stmt)]


def get_staff(session: Session, staff_id: uuid.UUID) -> StaffData:
    """One member of staff."""
    member = session.get(StaffMember, staff_id)
    if member is None or member.is_deleted:
        raise NotFoundError("That member of staff no longer exists.")
    return _to_data(member)


def has_staff(session: Session) -> bool:
    """Whether anyone is on the staff list yet (first run asks who is using the app)."""
    return session.scalar(select(func.count()).select_from(StaffMember)) != 0


def find_staff_by_name(session: Session, name: str) -> StaffData | None:
    """An active or inactive member of staff by name or email, ignoring case."""
    key = name.strip().lower()
    stmt = select(StaffMember).where(
        StaffMember.deleted_at.is_(None),
        (func.lower(StaffMember.name) == key) | (func.lower(StaffMember.email) == key),
    )
    member = session.scalars(stmt).first()
    return _to_data(member) if member else None


def _validate(session: Session, data: StaffData) -> None:
    errors = Errors()
    name = data.name.strip()
    errors.check(bool(name), "name", "Enter the person's name.")
    errors.check(len(name) <= 120, "name", "The name must be 120 characters or fewer.")
    errors.check(len(data.job_title) <= 160, "job_title", "The job title must be 160 characters or fewer.")
    email = data.email.strip()
    errors.check(
        not email or bool(EMAIL_PATTERN.match(email)),
        "email",
        "Enter an email address like name@example.org.",
    )
    if name:
        clash = session.scalars(
            select(StaffMember.id).where(
                func.lower(StaffMember.name) == name.lower(), StaffMember.deleted_at.is_(None)
            )
        ).first()
        errors.check(clash is None or clash == data.id, "name", f"{name} is already on the staff list.")
    errors.raise_if_any()


def save_staff(session: Session, actor_id: uuid.UUID | None, data: StaffData) -> StaffData:
    """Add a member of staff (``data.id`` None) or update one; changes go in the history.

    ``actor_id`` may be None only when the very first person adds themselves.
    """
    _validate(session, data)
    values = {
        "name": data.name.strip(),
        "job_title": data.job_title.strip(),
        "role": data.role,
        "email": data.email.strip(),
        "active": data.active,
    }
    if data.id is None:
        member = StaffMember(**values)
        session.add(member)
        session.flush()
        actor = actor_id or member.id
        member.created_by_id = member.updated_by_id = actor
        history.record(session, actor, "staff", member.id, "created", None, member.name)
        return _to_data(member)
    member = session.get(StaffMember, data.id)
    if member is None or member.is_deleted:
        raise NotFoundError("That member of staff no longer exists.")
    for key, value in values.items():
        old = getattr(member, key)
        if old != value:
            history.record(session, actor_id, "staff", member.id, key, old, value)
            setattr(member, key, value)
    member.updated_by_id = actor_id
    session.flush()
    return _to_data(member)
