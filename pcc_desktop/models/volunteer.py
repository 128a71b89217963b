"""Volunteers: one register across every scheme the office runs (ICV, AWS, panels)."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Numeric, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pcc_desktop.models.base import Base, SyncedMixin, enum_column, personal


class Scheme(enum.StrEnum):
    """Volunteer schemes (domain.md §2.2)."""

    ICV = "icv"
    AWS = "aws"
    ETP = "etp"
    HATE_CRIME_PANEL = "hate_crime_panel"
    IPM = "ipm"
    YOUTH_COMMISSION = "youth_commission"
    OTHER = "other"


class MembershipStatus(enum.StrEnum):
    """Where a volunteer is in a scheme."""

    APPLICANT = "applicant"
    IN_TRAINING = "in_training"
    SHADOWING = "shadowing"
    ACTIVE = "active"
    INACTIVE = "inactive"
    LEFT = "left"


class VettingLevel(enum.StrEnum):
    """Police vetting held ("vetted to a higher level" vs "lower common level", 001:2415)."""

    NONE = "none"
    LOWER = "lower"
    HIGHER = "higher"


class Volunteer(SyncedMixin, Base):
    """A member of the public who volunteers with the office. Contact details are personal data."""

    __tablename__ = "volunteer"

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(160), info=personal("volunteer's name"))
    email: Mapped[str] = mapped_column(String(200), default="", info=personal("volunteer's email"))
    phone: Mapped[str] = mapped_column(String(60), default="", info=personal("volunteer's phone"))
    address: Mapped[str] = mapped_column(Text, default="", info=personal("volunteer's address"))
    vetting_level: Mapped[VettingLevel] = mapped_column(enum_column(VettingLevel), default=VettingLevel.NONE)
    vetting_expires_on: Mapped[date | None] = mapped_column(Date, default=None)
    availability: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="", info=personal("notes about the volunteer"))

    memberships: Mapped[list[SchemeMembership]] = relationship(
        back_populates="volunteer", cascade="all, delete-orphan"
    )


class SchemeMembership(SyncedMixin, Base):
    """A volunteer's place in one scheme: status, dates and appointment term."""

    __tablename__ = "scheme_membership"
    __table_args__ = (
        UniqueConstraint("volunteer_id", "scheme", name="uq_scheme_membership_volunteer_scheme"),
    )

    volunteer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("volunteer.id", ondelete="CASCADE"))
    scheme: Mapped[Scheme] = mapped_column(enum_column(Scheme))
    status: Mapped[MembershipStatus] = mapped_column(
        enum_column(MembershipStatus), default=MembershipStatus.APPLICANT
    )
    started_on: Mapped[date | None] = mapped_column(Date, default=None)
    ended_on: Mapped[date | None] = mapped_column(Date, default=None)
    term_ends_on: Mapped[date | None] = mapped_column(Date, default=None)

    volunteer: Mapped[Volunteer] = relationship(back_populates="memberships")


class TrainingRecord(SyncedMixin, Base):
    """A course a volunteer completed (e.g. Trauma Informed Practice, 001:1173)."""

    __tablename__ = "training_record"

    volunteer_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("volunteer.id", ondelete="CASCADE"), index=True
    )
    course: Mapped[str] = mapped_column(String(200))
    completed_on: Mapped[date] = mapped_column(Date)
    provider: Mapped[str] = mapped_column(String(200), default="")


class Award(SyncedMixin, Base):
    """Recognition: certificates, long-service awards (001:568, 001:1165)."""

    __tablename__ = "award"

    volunteer_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("volunteer.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    awarded_on: Mapped[date] = mapped_column(Date)


class HoursEntry(SyncedMixin, Base):
    """Volunteered time other than visits (meetings, training, events); visit hours come from reports."""

    __tablename__ = "hours_entry"

    volunteer_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("volunteer.id", ondelete="CASCADE"), index=True
    )
    worked_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Numeric(6, 2, asdecimal=False))
    activity: Mapped[str] = mapped_column(String(120), default="")
