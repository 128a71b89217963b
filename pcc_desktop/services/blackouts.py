"""Blackout periods: pre-election and other spells with no engagement programme, left out of coverage targets.

A period runs from ``starts_on`` to ``ends_on``, both days included. Live periods never overlap, so a
day is in at most one of them. How they change the NPA targets is in ``docs/engagement.md``.
"""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop import paths
from pcc_desktop.models import BlackoutPeriod
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import history
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.errors import Errors, NotFoundError

ENTITY = "blackout_period"
SEED_FILE = "blackout_periods.csv"


@dataclass(frozen=True)
class BlackoutData:
    """A blackout period as listed and edited; both dates are included in the period."""

    id: uuid.UUID | None
    name: str
    starts_on: date | None
    ends_on: date | None
    notes: str = ""

    @property
    def days(self) -> int:
        """How many days the period covers (0 if a date is missing)."""
        if self.starts_on is None or self.ends_on is None:
            return 0
        return max(0, (self.ends_on - self.starts_on).days + 1)

    @property
    def label(self) -> str:
        """``Pre-election period (24/03/2024 – 02/05/2024)``."""
        return f"{self.name} ({format_date(self.starts_on)} – {format_date(self.ends_on)})"

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls inside the period."""
        return (
            self.starts_on is not None and self.ends_on is not None and self.starts_on <= day <= self.ends_on
        )


def _data(row: BlackoutPeriod) -> BlackoutData:
    return BlackoutData(row.id, row.name, row.starts_on, row.ends_on, row.notes)


def list_blackouts(
    session: Session, date_from: date | None = None, date_to: date | None = None
) -> list[BlackoutData]:
    """Live blackout periods in date order; with dates, only those overlapping ``date_from``..``date_to``."""
    stmt = select(BlackoutPeriod).where(BlackoutPeriod.deleted_at.is_(None))
    if date_from is not None:
        stmt = stmt.where(BlackoutPeriod.ends_on >= date_from)
    if date_to is not None:
        stmt = stmt.where(BlackoutPeriod.starts_on <= date_to)
    return [_data(row) for row in session.scalars(stmt.order_by(BlackoutPeriod.starts_on))]


def get_blackout(session: Session, blackout_id: uuid.UUID) -> BlackoutData:
    """One live blackout period.

    Raises:
        NotFoundError: There is no such period, or it has been deleted.
    """
    return _data(_load(session, blackout_id))


def in_blackout(session: Session, day: date) -> BlackoutData | None:
    """The live blackout period ``day`` falls in, if any."""
    found = list_blackouts(session, day, day)
    return found[0] if found else None


def _load(session: Session, blackout_id: uuid.UUID) -> BlackoutPeriod:
    row = session.get(BlackoutPeriod, blackout_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError("That blackout period no longer exists.")
    return row


def _validate(session: Session, data: BlackoutData) -> None:
    errors = Errors()
    name = data.name.strip()
    errors.check(bool(name), "name", "Enter a name, for example 'Pre-election period'.")
    errors.check(len(name) <= 160, "name", "Keep the name to 160 characters.")
    errors.check(data.starts_on is not None, "starts_on", "Enter the first day of the period.")
    errors.check(data.ends_on is not None, "ends_on", "Enter the last day of the period.")
    if data.starts_on is not None and data.ends_on is not None:
        errors.check(
            data.ends_on >= data.starts_on, "ends_on", "The last day cannot be before the first day."
        )
    errors.raise_if_any()
    assert data.starts_on is not None and data.ends_on is not None
    stmt = select(BlackoutPeriod).where(
        BlackoutPeriod.deleted_at.is_(None),
        BlackoutPeriod.starts_on <= data.ends_on,
        BlackoutPeriod.ends_on >= data.starts_on,
    )
    if data.id is not None:
        stmt = stmt.where(BlackoutPeriod.id != data.id)
    clash = session.scalars(stmt.limit(1)).first()
    if clash is not None:
        errors.add("starts_on", f"These dates overlap another blackout period: {_data(clash).label}.")
    errors.raise_if_any()


def save_blackout(session: Session, actor_id: uuid.UUID, data: BlackoutData) -> BlackoutData:
    """Add a blackout period (``data.id`` None) or change one; every change goes into the history.

    Args:
        session: An open session; the caller commits.
        actor_id: Who made the change.
        data: The period as entered.

    Returns:
        The period as saved.

    Raises:
        ValidationError: No name, a missing date, an end before the start, or an overlap with another
            live period (on ``starts_on``).
        NotFoundError: ``data.id`` names a period that does not exist or has been deleted.
    """
    _validate(session, data)
    values = {"name": data.name.strip(), "starts_on": data.starts_on, "ends_on": data.ends_on}
    values["notes"] = data.notes.strip()
    if data.id is None:
        row = BlackoutPeriod(**values, created_by_id=actor_id, updated_by_id=actor_id)
        session.add(row)
        session.flush()
        history.record(session, actor_id, ENTITY, row.id, "created", None, _data(row).label)
        return _data(row)
    row = _load(session, data.id)
    for field, new in values.items():
        old = getattr(row, field)
        if old != new:
            setattr(row, field, new)
            history.record(session, actor_id, ENTITY, row.id, field, old, new)
    row.updated_by_id = actor_id
    session.flush()
    return _data(row)


def delete_blackout(session: Session, actor_id: uuid.UUID, blackout_id: uuid.UUID) -> None:
    """Delete a blackout period (it stays as a tombstone; coverage no longer leaves it out).

    Raises:
        NotFoundError: There is no such live period.
    """
    row = _load(session, blackout_id)
    row.deleted_at = utc_now()
    row.updated_by_id = actor_id
    session.flush()
    history.record(session, actor_id, ENTITY, row.id, "deleted", _data(row).label, None)


def _iso(text: str | None, where: str) -> date:
    try:
        return datetime.strptime((text or "").strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(f"{where}: dates must be written YYYY-MM-DD, not {text!r}") from None


def seed_blackouts(session: Session, folder: Path | None = None) -> int:
    """Load ``blackout_periods.csv`` from the reference folder into a database that has none.

    Idempotent: if any blackout period exists (even a deleted one) nothing is done. Columns are
    ``name,starts_on,ends_on,notes`` with ISO dates (``2024-03-24``). A missing file seeds nothing.

    Args:
        session: An open session; the caller commits.
        folder: Where the file is; defaults to ``paths.reference_dir()``.

    Returns:
        How many periods were created.

    Raises:
        ValueError: A row has a date that is not ``YYYY-MM-DD`` (the message names file and line).
    """
    if session.scalar(select(func.count()).select_from(BlackoutPeriod)):
        return 0
    path = (folder or paths.reference_dir()) / SEED_FILE
    if not path.exists():
        return 0
    count = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            where = f"{SEED_FILE}:{reader.line_num}"
            starts_on, ends_on = _iso(row.get("starts_on"), where), _iso(row.get("ends_on"), where)
            name, notes = (row.get("name") or "").strip(), (row.get("notes") or "").strip()
            session.add(BlackoutPeriod(name=name, starts_on=starts_on, ends_on=ends_on, notes=notes))
            count += 1
    session.flush()
    return count
