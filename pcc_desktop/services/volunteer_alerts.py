"""Alerts for volunteers' vetting and appointment terms that expire soon or have expired.

Domain: docs/domain.md §2.2 and §3.6 step 2 (vetting) and the register's renewal of terms. Only
people active in at least one scheme are alerted: an applicant's or a leaver's vetting is nobody's
task. An alert falls in the smallest window (7, 30 or 60 days by default) that holds its days left,
or in the ``"expired"`` band once the date has passed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from pcc_desktop.models import MembershipStatus, SchemeMembership, Volunteer
from pcc_desktop.services.clock import today
from pcc_desktop.services.volunteers import SCHEME_SHORT_LABELS

EXPIRED = "expired"


@dataclass(frozen=True)
class ExpiryAlert:
    """Something on a volunteer's record that expires soon or has expired.

    Attributes:
        volunteer_id: The volunteer.
        reference: Their ``VOL-YYYY-NNNN`` reference.
        name: Their name (personal data: for the screen, not for logs).
        what: ``"Vetting"`` or the scheme's term, e.g. ``"ICV term"``.
        expires_on: The last day it is valid.
        days_left: Days from the day asked about to ``expires_on`` (negative once expired).
        band: The window it falls in (7, 30 or 60) or ``"expired"``.
    """

    volunteer_id: uuid.UUID
    reference: str
    name: str
    what: str
    expires_on: date
    days_left: int
    band: int | str


def _band(days_left: int, windows: Sequence[int]) -> int | str | None:
    if days_left < 0:
        return EXPIRED
    return next((window for window in sorted(windows) if days_left <= window), None)


def _active_on(day: date):
    m = SchemeMembership
    return (
        m.deleted_at.is_(None),
        m.status == MembershipStatus.ACTIVE,
        or_(m.ended_on.is_(None), m.ended_on >= day),
    )


def _vetting(session: Session, day: date, horizon: date) -> list[tuple[Volunteer, str, date]]:
    member = exists().where(SchemeMembership.volunteer_id == Volunteer.id, *_active_on(day))
    stmt = select(Volunteer).where(
        Volunteer.deleted_at.is_(None),
        Volunteer.vetting_expires_on.is_not(None),
        Volunteer.vetting_expires_on <= horizon,
        member,
    )
    return [(v, "Vetting", v.vetting_expires_on) for v in session.scalars(stmt) if v.vetting_expires_on]


def _terms(session: Session, day: date, horizon: date) -> list[tuple[Volunteer, str, date]]:
    stmt = (
        select(Volunteer, SchemeMembership)
        .join(SchemeMembership, SchemeMembership.volunteer_id == Volunteer.id)
        .where(
            Volunteer.deleted_at.is_(None),
            SchemeMembership.term_ends_on.is_not(None),
            SchemeMembership.term_ends_on <= horizon,
            *_active_on(day),
        )
    )
    return [
        (v, f"{SCHEME_SHORT_LABELS[m.scheme]} term", m.term_ends_on)
        for v, m in session.execute(stmt)
        if m.term_ends_on
    ]


def expiry_alerts(
    session: Session, on: date | None = None, windows: Sequence[int] = (60, 30, 7)
) -> list[ExpiryAlert]:
    """Vetting and terms of active members expiring within the widest window, or already expired.

    Args:
        session: An open session.
        on: The day to look from (today by default).
        windows: Alert windows in days; each alert is banded by the smallest that holds it.

    Returns:
        Alerts soonest first (expired ones first), then by name.
    """
    day = on or today()
    horizon = day + timedelta(days=max(windows))
    alerts: list[ExpiryAlert] = []
    for volunteer, what, expires_on in _vetting(session, day, horizon) + _terms(session, day, horizon):
        days_left = (expires_on - day).days
        band = _band(days_left, windows)
        if band is None:
            continue
        alerts.append(
            ExpiryAlert(volunteer.id, volunteer.reference, volunteer.name, what, expires_on, days_left, band)
        )
    alerts.sort(key=lambda a: (a.expires_on, a.name.lower(), a.what))
    return alerts
