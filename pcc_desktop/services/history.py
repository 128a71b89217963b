"""Writing and reading the field-level change history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import ChangeRecord, StaffMember


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a record's history, ready to show."""

    changed_at: datetime
    changed_by: str
    field: str
    old_value: str | None
    new_value: str | None
    reason: str


def as_text(value: object) -> str | None:
    """How a value is written into the history."""
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def record(
    session: Session,
    actor_id: uuid.UUID | None,
    entity_type: str,
    entity_id: uuid.UUID,
    field: str,
    old: object = None,
    new: object = None,
    reason: str = "",
) -> None:
    """Append one change to the history (never updated afterwards)."""
    session.add(
        ChangeRecord(
            entity_type=entity_type,
            entity_id=entity_id,
            field=field,
            old_value=as_text(old),
            new_value=as_text(new),
            reason=reason,
            changed_by_id=actor_id,
        )
    )


def history_for(session: Session, entity_type: str, entity_id: uuid.UUID) -> list[HistoryEntry]:
    """A record's history, oldest first."""
    stmt = (
        select(ChangeRecord, StaffMember.name)
        .outerjoin(StaffMember, StaffMember.id == ChangeRecord.changed_by_id)
        .where(ChangeRecord.entity_type == entity_type, ChangeRecord.entity_id == entity_id)
        .order_by(ChangeRecord.changed_at, ChangeRecord.id)
    )
    return [
        HistoryEntry(
            changed_at=change.changed_at,
            changed_by=name or "(system)",
            field=change.field,
            old_value=change.old_value,
            new_value=change.new_value,
            reason=change.reason,
        )
        for change, name in session.execute(stmt)
    ]
