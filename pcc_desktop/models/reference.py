"""Reference data: areas, organisations, themes and custody suites (domain.md §2.1, §2.3)."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pcc_desktop.models.base import Base, SyncedMixin, enum_column


class AreaKind(enum.StrEnum):
    """Levels of the geography hierarchy."""

    FORCE_AREA = "force_area"
    LOCAL_AUTHORITY = "local_authority"
    DISTRICT = "district"
    NPA = "npa"
    CSP = "csp"
    PEOPLE_ZONE = "people_zone"
    PLACE = "place"


class Area(SyncedMixin, Base):
    """A place in the geography: force area, local authority, district, NPA, CSP, zone or place."""

    __tablename__ = "area"
    __table_args__ = (UniqueConstraint("kind", "name", name="uq_area_kind_name"),)

    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[AreaKind] = mapped_column(enum_column(AreaKind))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("area.id"), default=None)
    # The Neighbourhood Policing Area a place or district counts towards for coverage targets.
    npa_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("area.id"), default=None)
    is_rural: Mapped[bool] = mapped_column(Boolean, default=False)
    command: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(String(1000), default="")

    parent: Mapped[Area | None] = relationship(remote_side="Area.id", foreign_keys=[parent_id])


class OrganisationKind(enum.StrEnum):
    """Who an organisation is, for assigning actions."""

    FORCE_DEPARTMENT = "force_department"
    NPA_COMMAND = "npa_command"
    LOCAL_AUTHORITY = "local_authority"
    PARTNER = "partner"
    OPCC = "opcc"
    OTHER = "other"


class Organisation(SyncedMixin, Base):
    """A Force department, NPA command, council or partner that actions are assigned to."""

    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Theme(SyncedMixin, Base):
    """A topic residents and partners raise (configurable taxonomy)."""

    __tablename__ = "theme"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CustodySuite(SyncedMixin, Base):
    """A police custody suite visited by Independent Custody Visitors."""

    __tablename__ = "custody_suite"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    cell_count: Mapped[int] = mapped_column(Integer)
    visits_per_week: Mapped[int] = mapped_column(Integer, default=1)
    active_from: Mapped[date | None] = mapped_column(Date, default=None)
    active_to: Mapped[date | None] = mapped_column(Date, default=None)
