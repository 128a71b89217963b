"""Who may visit the Dog Unit: the Animal Welfare Scheme's active members on a day or in a month.

Split from :mod:`aws_schedule`, which re-exports these names. A member is Active in the scheme
(``SchemeMembership`` with scheme AWS and status Active) and the volunteer is on the register; the
start and end dates of the membership decide the days: no start recorded counts as "always", no end
as "still a member". The planner uses members for the *whole* month, so the pair can choose any day;
a hand edit accepts a member on *any* day of the month, which is the coordinator's call.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pcc_desktop.models import MembershipStatus, Scheme, SchemeMembership, Volunteer
from pcc_desktop.services.aws_schedule_planner import shift_month


@dataclass(frozen=True)
class VolunteerRef:
    """A volunteer who may be paired: id and name (and reference, for telling namesakes apart)."""

    id: uuid.UUID
    name: str
    reference: str = ""


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return shift_month(day, 1) - timedelta(days=1)


def _members(session: Session, started_by: date, not_ended_before: date) -> list[VolunteerRef]:
    """Active AWS members who started by ``started_by`` and had not ended before ``not_ended_before``."""
    m = SchemeMembership
    stmt = (
        select(Volunteer.id, Volunteer.name, Volunteer.reference)
        .join(m, m.volunteer_id == Volunteer.id)
        .where(
            Volunteer.deleted_at.is_(None),
            m.deleted_at.is_(None),
            m.scheme == Scheme.AWS,
            m.status == MembershipStatus.ACTIVE,
            or_(m.started_on.is_(None), m.started_on <= started_by),
            or_(m.ended_on.is_(None), m.ended_on >= not_ended_before),
        )
        .order_by(func.lower(Volunteer.name), Volunteer.reference)
    )
    return [VolunteerRef(*row) for row in session.execute(stmt)]


def aws_volunteers(session: Session, on: date) -> list[VolunteerRef]:
    """Active Animal Welfare Scheme visitors on day ``on``, in name order."""
    return _members(session, on, on)


def month_volunteers(session: Session, month: date) -> list[VolunteerRef]:
    """Active Animal Welfare Scheme visitors on at least one day of ``month``: who may be paired by hand."""
    return _members(session, month_end(month), month_start(month))


def whole_month_volunteers(session: Session, month: date) -> list[VolunteerRef]:
    """Active Animal Welfare Scheme visitors on every day of ``month``: who may be planned into it."""
    return _members(session, month_start(month), month_end(month))
