"""Declarative base and the columns every synced record carries (ARCHITECTURE §2)."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, ForeignKey, Integer, MetaData, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Named constraints let Alembic's batch mode on SQLite drop or alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and always read back as timezone-aware UTC.

    SQLite has no time zones; without this, values come back naive and comparisons with aware
    datetimes fail. Naive values given to it are refused, so local time can never slip in.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        """Aware datetime → naive UTC for storage."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        """Stored naive UTC → aware UTC."""
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Root of every ORM class; one MetaData with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedMixin:
    """UUID key, audit stamps, optimistic row version and soft delete.

    Every record gets these so that offline laptops can later exchange changes: UUIDs never
    collide between machines, ``row_version`` detects a concurrent edit, and a deleted record stays
    as a tombstone (``deleted_at``) so the deletion itself can be synced.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)

    @declared_attr
    def created_by_id(cls) -> Mapped[uuid.UUID | None]:  # noqa: N805 - declared_attr takes the class
        """Who created the record."""
        return mapped_column(Uuid, ForeignKey("staff_member.id"), default=None)

    @declared_attr
    def updated_by_id(cls) -> Mapped[uuid.UUID | None]:  # noqa: N805
        """Who last changed the record."""
        return mapped_column(Uuid, ForeignKey("staff_member.id"), default=None)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805
        return {"version_id_col": cls.row_version}

    @property
    def is_deleted(self) -> bool:
        """Whether the record is a tombstone."""
        return self.deleted_at is not None


def enum_column(cls: type[enum.Enum]) -> Enum:
    """A portable enum column: a VARCHAR holding the members' values, the same on SQLite and PostgreSQL."""
    return Enum(cls, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])


def personal(column_doc: str = "") -> dict[str, object]:
    """Column ``info`` marking personal data, so retention and export rules can find it."""
    return {"personal_data": True, "doc": column_doc}
