"""The append-only change history of tracked records (ARCHITECTURE §2)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from pcc_desktop.models.base import Base, UtcDateTime, utc_now


class ChangeRecord(Base):
    """One changed field of one record: who, when, old and new value, and why.

    Written by the services, never updated or deleted. A whole-record event (created, deleted,
    status moved) is stored with ``field`` naming the event.
    """

    __tablename__ = "change_record"
    __table_args__ = (Index("ix_change_record_entity", "entity_type", "entity_id", "changed_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text, default=None)
    new_value: Mapped[str | None] = mapped_column(Text, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff_member.id"))
