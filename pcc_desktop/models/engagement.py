"""Engagement: community days and other events, what residents raised there, blackout periods."""

from __future__ import annotations

import enum
import uuid
from datetime import date, time

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
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

from pcc_desktop.models.action import Classification
from pcc_desktop.models.base import Base, SyncedMixin, enum_column, personal
from pcc_desktop.models.reference import Area, Organisation, Theme


class EngagementType(enum.StrEnum):
    """Kinds of engagement (domain.md §2.3)."""

    COMMUNITY_DAY = "community_day"
    SURGERY = "surgery"
    PUBLIC_MEETING = "public_meeting"
    PATCH_WALK = "patch_walk"
    EVENT = "event"
    FUNDED_PROJECT_VISIT = "funded_project_visit"
    PARTNER_MEETING = "partner_meeting"
    OTHER = "other"


class EngagementStatus(enum.StrEnum):
    """Where an engagement is in its life."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class EngagementLead(enum.StrEnum):
    """Who led the engagement."""

    COMMISSIONER = "commissioner"
    DEPUTY = "deputy"
    COMMISSIONER_WITH_CHIEF_CONSTABLE = "with_chief_constable"
    STAFF = "staff"


class InitiatedBy(enum.StrEnum):
    """How a visit came about (the Panel asked for this, 001:332, 001:353)."""

    PROGRAMME = "programme"
    COUNCILLOR_OR_MP = "councillor_or_mp"
    COMMUNITY_REQUEST = "community_request"
    PARTNER_EVENT = "partner_event"
    RESPONSE_TO_ISSUE = "response_to_issue"
    OTHER = "other"


class AttendeeType(enum.StrEnum):
    """People met, counted by type, never named."""

    RESIDENTS = "residents"
    COMMUNITY_REPRESENTATIVES = "community_representatives"
    BUSINESSES = "businesses"
    COUNCILLORS = "councillors"
    MPS = "mps"
    SCHOOLS = "schools"
    YOUNG_PEOPLE = "young_people"
    NEIGHBOURHOOD_TEAM = "neighbourhood_team"
    PARTNERS = "partners"
    OTHER = "other"


class Sentiment(enum.StrEnum):
    """Whether feedback was positive, negative or neutral ("all feedback both positive and negative")."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"


class RaisedBy(enum.StrEnum):
    """Who raised a feedback item (a type, not a name)."""

    RESIDENT = "resident"
    BUSINESS = "business"
    COUNCILLOR = "councillor"
    PARISH_COUNCILLOR = "parish_councillor"
    MP = "mp"
    COMMUNITY_REPRESENTATIVE = "community_representative"
    YOUNG_PERSON = "young_person"
    PARTNER = "partner"
    OTHER = "other"


class RelayedTo(enum.StrEnum):
    """Where a feedback item was passed on to."""

    NONE = ""
    NPA_COMMANDER = "npa_commander"
    FORCE_DEPARTMENT = "force_department"
    PARTNER = "partner"
    CGB = "cgb"
    OPCC_COMMISSIONING = "opcc_commissioning"


engagement_organisation = Table(
    "engagement_organisation",
    Base.metadata,
    Column("engagement_id", Uuid, ForeignKey("engagement.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", Uuid, ForeignKey("organisation.id"), primary_key=True),
)

feedback_theme = Table(
    "feedback_theme",
    Base.metadata,
    Column("feedback_item_id", Uuid, ForeignKey("feedback_item.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", Uuid, ForeignKey("theme.id"), primary_key=True),
)


class Engagement(SyncedMixin, Base):
    """A community day or other engagement: planned, then held, debriefed and reported."""

    __tablename__ = "engagement"

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[EngagementType] = mapped_column(enum_column(EngagementType), index=True)
    status: Mapped[EngagementStatus] = mapped_column(
        enum_column(EngagementStatus), default=EngagementStatus.PLANNED
    )
    held_on: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[time | None] = mapped_column(Time, default=None)
    ends_at: Mapped[time | None] = mapped_column(Time, default=None)
    lead: Mapped[EngagementLead] = mapped_column(
        enum_column(EngagementLead), default=EngagementLead.COMMISSIONER
    )
    lead_staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff_member.id"), default=None)
    area_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("area.id"), default=None)
    npa_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("area.id"), default=None, index=True)
    place_name: Mapped[str] = mapped_column(String(200), default="")
    latitude: Mapped[float | None] = mapped_column(Float, default=None)
    longitude: Mapped[float | None] = mapped_column(Float, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    initiated_by: Mapped[InitiatedBy] = mapped_column(enum_column(InitiatedBy), default=InitiatedBy.PROGRAMME)
    advertised: Mapped[bool] = mapped_column(Boolean, default=False)
    surveyed: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    debriefed_on: Mapped[date | None] = mapped_column(Date, default=None)
    debriefed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff_member.id"), default=None
    )
    intelligence_to: Mapped[str] = mapped_column(String(200), default="")
    intelligence_on: Mapped[date | None] = mapped_column(Date, default=None)
    intelligence_notes: Mapped[str] = mapped_column(Text, default="")
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.OFFICIAL
    )
    publishable: Mapped[bool] = mapped_column(Boolean, default=True)

    area: Mapped[Area | None] = relationship(foreign_keys=[area_id])
    npa: Mapped[Area | None] = relationship(foreign_keys=[npa_id])
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=engagement_organisation, order_by=Organisation.name
    )
    attendance: Mapped[list[EngagementAttendance]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan"
    )
    councillor_contacts: Mapped[list[CouncillorContact]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan", order_by="CouncillorContact.contacted_on"
    )
    feedback_items: Mapped[list[FeedbackItem]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan", order_by="FeedbackItem.position"
    )


class EngagementAttendance(SyncedMixin, Base):
    """How many people of one type were met (counts, not names)."""

    __tablename__ = "engagement_attendance"
    __table_args__ = (
        UniqueConstraint("engagement_id", "attendee_type", name="uq_engagement_attendance_type"),
    )

    engagement_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("engagement.id", ondelete="CASCADE"))
    attendee_type: Mapped[AttendeeType] = mapped_column(enum_column(AttendeeType))
    count: Mapped[int] = mapped_column(Integer, default=0)

    engagement: Mapped[Engagement] = relationship(back_populates="attendance")


class CouncillorContact(SyncedMixin, Base):
    """A local councillor contacted before the visit, and what they said (001:964)."""

    __tablename__ = "councillor_contact"

    engagement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    councillor_name: Mapped[str] = mapped_column(String(160), info=personal("councillor's name"))
    council: Mapped[str] = mapped_column(String(160), default="")
    contacted_on: Mapped[date | None] = mapped_column(Date, default=None)
    views: Mapped[str] = mapped_column(Text, default="")

    engagement: Mapped[Engagement] = relationship(back_populates="councillor_contacts")


class FeedbackItem(SyncedMixin, Base):
    """One issue raised at an engagement. A contact is kept only with recorded consent."""

    __tablename__ = "feedback_item"

    engagement_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    sentiment: Mapped[Sentiment] = mapped_column(enum_column(Sentiment), default=Sentiment.NEUTRAL)
    raised_by: Mapped[RaisedBy] = mapped_column(enum_column(RaisedBy), default=RaisedBy.RESIDENT)
    area_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("area.id"), default=None)
    relayed_to: Mapped[RelayedTo] = mapped_column(enum_column(RelayedTo), default=RelayedTo.NONE)
    relayed_to_detail: Mapped[str] = mapped_column(String(200), default="")
    relayed_on: Mapped[date | None] = mapped_column(Date, default=None)
    for_cgb: Mapped[bool] = mapped_column(Boolean, default=False)
    cgb_topic: Mapped[str] = mapped_column(String(200), default="")
    consent_to_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_recorded_on: Mapped[date | None] = mapped_column(Date, default=None)
    contact_name: Mapped[str] = mapped_column(String(160), default="", info=personal("resident's name"))
    contact_details: Mapped[str] = mapped_column(String(300), default="", info=personal("resident's contact"))

    engagement: Mapped[Engagement] = relationship(back_populates="feedback_items")
    area: Mapped[Area | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=feedback_theme, order_by=Theme.name)


class BlackoutPeriod(SyncedMixin, Base):
    """A period with no engagement programme (pre-election), left out of coverage targets."""

    __tablename__ = "blackout_period"

    name: Mapped[str] = mapped_column(String(160))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
