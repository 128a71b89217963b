"""Animal Welfare Scheme: the Dog Unit register, the monthly schedule, visit reports and per-dog notes.

Once a month a pair of volunteers makes an unannounced visit to the police Dog Unit (001:1177) and
assesses each dog seen against the five welfare needs of the Animal Welfare Act 2006 s.9. Dogs are
working animals identified by name and collar number; their handlers are recorded only by a
reference (a collar or staff number), never by name or home address.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pcc_desktop.models.base import Base, SyncedMixin, UtcDateTime, enum_column, personal
from pcc_desktop.models.custody import CheckResult, ReportStatus, SlotStatus

AWS_LAUNCHED_ON = date(2022, 4, 1)  # "The Commissioner launched the Animal Welfare Scheme on 1 April 2022"


class SiteKind(enum.StrEnum):
    """Where dogs are kept or seen."""

    DOG_UNIT = "dog_unit"
    HOME_KENNEL = "home_kennel"
    TRAINING_VENUE = "training_venue"
    OTHER = "other"


class DogRole(enum.StrEnum):
    """What a police dog is trained for: general purpose, or a specialist search."""

    GENERAL_PURPOSE = "general_purpose"
    DRUGS_SEARCH = "drugs_search"
    EXPLOSIVES_SEARCH = "explosives_search"
    FIREARMS_SEARCH = "firearms_search"
    CASH_SEARCH = "cash_search"
    VICTIM_RECOVERY = "victim_recovery"
    TRAINEE = "trainee"
    OTHER = "other"


class VisitBasis(enum.StrEnum):
    """How the visit came about; the scheme's visits are unannounced unless the police asked."""

    UNANNOUNCED = "unannounced"
    ARRANGED = "arranged"
    POLICE_REQUESTED = "police_requested"


class WelfareRating(enum.StrEnum):
    """The visitors' judgement of one welfare need for one dog."""

    NOT_ASSESSED = "not_assessed"
    MET = "met"
    CONCERN = "concern"


class AwsSite(SyncedMixin, Base):
    """A place dogs are kept or seen: the Dog Unit, or a handler's home kennel (by reference only)."""

    __tablename__ = "aws_site"

    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[SiteKind] = mapped_column(enum_column(SiteKind), default=SiteKind.DOG_UNIT)
    address: Mapped[str] = mapped_column(Text, default="", info=personal("a home kennel's address"))
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Dog(SyncedMixin, Base):
    """A police dog: name, collar number, breed and role, and its time in service."""

    __tablename__ = "dog"

    name: Mapped[str] = mapped_column(String(80))
    collar_number: Mapped[str] = mapped_column(String(30), default="")
    breed: Mapped[str] = mapped_column(String(80), default="")
    role: Mapped[DogRole] = mapped_column(enum_column(DogRole), default=DogRole.GENERAL_PURPOSE)
    born_on: Mapped[date | None] = mapped_column(Date, default=None)
    in_service_on: Mapped[date | None] = mapped_column(Date, default=None)
    out_of_service_on: Mapped[date | None] = mapped_column(Date, default=None)
    site_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("aws_site.id"), default=None)
    kennel: Mapped[str] = mapped_column(String(40), default="")
    handler_reference: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class DogVehicle(SyncedMixin, Base):
    """A dog van: its call sign or fleet number, and whether it has a heat alarm."""

    __tablename__ = "dog_vehicle"

    call_sign: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(160), default="")
    site_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("aws_site.id"), default=None)
    heat_alarm: Mapped[bool] = mapped_column(Boolean, default=True)
    in_service_on: Mapped[date | None] = mapped_column(Date, default=None)
    out_of_service_on: Mapped[date | None] = mapped_column(Date, default=None)


class AwsSlot(SyncedMixin, Base):
    """One scheduled visit in a month: the site, the pair, and how the month ended."""

    __tablename__ = "aws_slot"

    site_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("aws_site.id"), index=True)
    month: Mapped[date] = mapped_column(Date, index=True)  # always the first of the month
    position: Mapped[int] = mapped_column(Integer, default=1)  # 1.. when several visits a month
    volunteer_a_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("volunteer.id"), default=None)
    volunteer_b_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("volunteer.id"), default=None)
    status: Mapped[SlotStatus] = mapped_column(enum_column(SlotStatus), default=SlotStatus.SCHEDULED)
    reason: Mapped[str] = mapped_column(Text, default="")


aws_visit_visitor = Table(
    "aws_visit_visitor",
    Base.metadata,
    Column("visit_id", Uuid, ForeignKey("aws_visit.id", ondelete="CASCADE"), primary_key=True),
    Column("volunteer_id", Uuid, ForeignKey("volunteer.id"), primary_key=True),
)


class AwsVisit(SyncedMixin, Base):
    """A Dog Unit visit report: who, when, what was seen, and what the visitors found."""

    __tablename__ = "aws_visit"

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    site_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("aws_site.id"), index=True)
    slot_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("aws_slot.id"), default=None)
    basis: Mapped[VisitBasis] = mapped_column(enum_column(VisitBasis), default=VisitBasis.UNANNOUNCED)
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    arrived_at: Mapped[time | None] = mapped_column(Time, default=None)
    departed_at: Mapped[time | None] = mapped_column(Time, default=None)
    received_by: Mapped[str] = mapped_column(
        String(120), default="", info=personal("who received the visitors")
    )
    brief_given: Mapped[bool] = mapped_column(Boolean, default=False)
    saw_kennels: Mapped[bool] = mapped_column(Boolean, default=False)
    saw_training: Mapped[bool] = mapped_column(Boolean, default=False)
    saw_vehicles: Mapped[bool] = mapped_column(Boolean, default=False)
    saw_home_kennels: Mapped[bool] = mapped_column(Boolean, default=False)
    training_observed: Mapped[bool] = mapped_column(Boolean, default=False)
    training_notes: Mapped[str] = mapped_column(Text, default="")
    enrichment: Mapped[str] = mapped_column(Text, default="")
    serious_issue: Mapped[bool] = mapped_column(Boolean, default=False)
    serious_issue_notes: Mapped[str] = mapped_column(Text, default="")
    escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    escalated_to: Mapped[str] = mapped_column(String(120), default="")
    observations: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReportStatus] = mapped_column(enum_column(ReportStatus), default=ReportStatus.DRAFT)
    submitted_on: Mapped[date | None] = mapped_column(Date, default=None)
    reviewed_on: Mapped[date | None] = mapped_column(Date, default=None)
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff_member.id"), default=None
    )
    review_notes: Mapped[str] = mapped_column(Text, default="")

    observations_of_dogs: Mapped[list[DogObservation]] = relationship(
        back_populates="visit", cascade="all, delete-orphan"
    )


class DogObservation(SyncedMixin, Base):
    """One dog seen on one visit, rated against the five welfare needs, with condition notes."""

    __tablename__ = "dog_observation"
    __table_args__ = (UniqueConstraint("visit_id", "dog_id", name="uq_dog_observation_visit_dog"),)

    visit_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("aws_visit.id", ondelete="CASCADE"), index=True
    )
    dog_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("dog.id"), index=True)
    environment: Mapped[WelfareRating] = mapped_column(
        enum_column(WelfareRating), default=WelfareRating.NOT_ASSESSED
    )
    diet: Mapped[WelfareRating] = mapped_column(
        enum_column(WelfareRating), default=WelfareRating.NOT_ASSESSED
    )
    behaviour: Mapped[WelfareRating] = mapped_column(
        enum_column(WelfareRating), default=WelfareRating.NOT_ASSESSED
    )
    companionship: Mapped[WelfareRating] = mapped_column(
        enum_column(WelfareRating), default=WelfareRating.NOT_ASSESSED
    )
    health: Mapped[WelfareRating] = mapped_column(
        enum_column(WelfareRating), default=WelfareRating.NOT_ASSESSED
    )
    condition_notes: Mapped[str] = mapped_column(Text, default="")

    visit: Mapped[AwsVisit] = relationship(back_populates="observations_of_dogs")


class AwsCheckAnswer(SyncedMixin, Base):
    """The answer to one item of an area's checklist (kennels, training, vehicles, home kennels)."""

    __tablename__ = "aws_check_answer"
    __table_args__ = (UniqueConstraint("visit_id", "item_id", name="uq_aws_check_answer_visit_item"),)

    visit_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("aws_visit.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("checklist_item.id"))
    result: Mapped[CheckResult] = mapped_column(enum_column(CheckResult), default=CheckResult.NOT_CHECKED)
    note: Mapped[str] = mapped_column(Text, default="")
