"""Counting a scheme's volunteers on a day, for the ICV and Animal Welfare statistics alike."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pcc_desktop.models import MembershipStatus, Scheme, SchemeMembership, Volunteer


def members_on(session: Session, scheme: Scheme, on: date) -> int:
    """How many volunteers were members of ``scheme`` on a day, by the membership's status and dates.

    Someone who has since become inactive or left still counts for a day before their end date.
    """
    still_active = (SchemeMembership.status == MembershipStatus.ACTIVE) & or_(
        SchemeMembership.ended_on.is_(None), SchemeMembership.ended_on >= on
    )
    ended_later = SchemeMembership.status.in_((MembershipStatus.INACTIVE, MembershipStatus.LEFT)) & (
        SchemeMembership.ended_on > on
    )
    stmt = (
        select(func.count(func.distinct(SchemeMembership.volunteer_id)))
        .join(Volunteer, Volunteer.id == SchemeMembership.volunteer_id)
        .where(
            Volunteer.deleted_at.is_(None),
            SchemeMembership.deleted_at.is_(None),
            SchemeMembership.scheme == scheme,
            or_(SchemeMembership.started_on.is_(None), SchemeMembership.started_on <= on),
            or_(still_active, ended_later),
        )
    )
    return int(session.scalar(stmt) or 0)
