"""Independent Custody Visiting: the rota, visit reports, anonymous detainee rows and requests.

No detainee is ever identified: there is no name column anywhere, and a custody number, if a
visitor needs one to avoid counting a detainee twice within a visit, is kept only as a salted hash.
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
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pcc_desktop.models.base import Base, SyncedMixin, UtcDateTime, enum_column


class SlotStatus(enum.StrEnum):
    """How a rota slot ended."""

    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    MISSED = "missed"
    CANCELLED = "cancelled"


class VisitMode(enum.StrEnum):
    """How the visit was made."""

    IN_PERSON = "in_person"
    TELEPHONE = "telephone"
    VIDEO = "video"


class ReportStatus(enum.StrEnum):
    """A visit report's progress: written by the visitors, then reviewed by the coordinator."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"


class ChecklistArea(enum.StrEnum):
    """Which part of the visit a checklist item belongs to."""

    RIGHTS_AND_WELFARE = "rights_and_welfare"
    CONDITIONS = "conditions"
    # Animal Welfare Scheme visits: one checklist per area seen at the Dog Unit.
    AWS_KENNELS = "aws_kennels"
    AWS_TRAINING = "aws_training"
    AWS_VEHICLES = "aws_vehicles"
    AWS_HOME_KENNELS = "aws_home_kennels"


class CheckResult(enum.StrEnum):
    """The answer to one checklist item."""

    YES = "yes"
    NO = "no"
    NOT_CHECKED = "not_checked"
    NOT_APPLICABLE = "not_applicable"


class RequestCategory(SyncedMixin, Base):
    """A kind of request detainees make (food/drink, interpreter, update on case…); reference data."""

    __tablename__ = "request_category"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ChecklistItem(SyncedMixin, Base):
    """One question of the rights-and-welfare or conditions checklist; reference data."""

    __tablename__ = "checklist_item"

    area: Mapped[ChecklistArea] = mapped_column(enum_column(ChecklistArea))
    text: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class RotaSlot(SyncedMixin, Base):
    """One unannounced visit to make: a suite, a pair, and a window the pair chooses a time in."""

    __tablename__ = "rota_slot"

    suite_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("custody_suite.id"), index=True)
    window_starts: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    window_ends: Mapped[datetime] = mapped_column(UtcDateTime)
    volunteer_a_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("volunteer.id"), default=None)
    volunteer_b_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("volunteer.id"), default=None)
    status: Mapped[SlotStatus] = mapped_column(enum_column(SlotStatus), default=SlotStatus.SCHEDULED)
    reason: Mapped[str] = mapped_column(Text, default="")
    rota_label: Mapped[str] = mapped_column(String(40), default="")


custody_visit_visitor = Table(
    "custody_visit_visitor",
    Base.metadata,
    Column("visit_id", Uuid, ForeignKey("custody_visit.id", ondelete="CASCADE"), primary_key=True),
    Column("volunteer_id", Uuid, ForeignKey("volunteer.id"), primary_key=True),
)


class CustodyVisit(SyncedMixin, Base):
    """A visit report (Home Office Code of Practice): times, population snapshot, findings."""

    __tablename__ = "custody_visit"

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    suite_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("custody_suite.id"), index=True)
    rota_slot_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("rota_slot.id"), default=None)
    mode: Mapped[VisitMode] = mapped_column(enum_column(VisitMode), default=VisitMode.IN_PERSON)
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    arrived_at: Mapped[time | None] = mapped_column(Time, default=None)
    admitted_at: Mapped[time | None] = mapped_column(Time, default=None)
    departed_at: Mapped[time | None] = mapped_column(Time, default=None)
    delay_reason: Mapped[str] = mapped_column(Text, default="")
    delay_authorised_rank: Mapped[str] = mapped_column(String(60), default="")
    escorted_by_rank: Mapped[str] = mapped_column(String(60), default="")
    in_custody: Mapped[int] = mapped_column(Integer, default=0)
    offered: Mapped[int] = mapped_column(Integer, default=0)
    seen: Mapped[int] = mapped_column(Integer, default=0)
    declined: Mapped[int] = mapped_column(Integer, default=0)
    not_seen: Mapped[int] = mapped_column(Integer, default=0)
    not_seen_reason: Mapped[str] = mapped_column(Text, default="")
    serious_issue: Mapped[bool] = mapped_column(Boolean, default=False)
    serious_issue_notes: Mapped[str] = mapped_column(Text, default="")
    terrorism_detention: Mapped[bool] = mapped_column(Boolean, default=False)
    observations: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReportStatus] = mapped_column(enum_column(ReportStatus), default=ReportStatus.DRAFT)
    submitted_on: Mapped[date | None] = mapped_column(Date, default=None)
    reviewed_on: Mapped[date | None] = mapped_column(Date, default=None)
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff_member.id"), default=None
    )
    review_notes: Mapped[str] = mapped_column(Text, default="")

    conversations: Mapped[list[DetaineeConversation]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="DetaineeConversation.position"
    )


class DetaineeConversation(SyncedMixin, Base):
    """One detainee spoken to, anonymously: flags, consents, and what was raised."""

    __tablename__ = "detainee_conversation"

    visit_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("custody_visit.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=1)
    juvenile: Mapped[bool] = mapped_column(Boolean, default=False)
    vulnerable: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_to_talk: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_to_view_record: Mapped[bool] = mapped_column(Boolean, default=False)
    custody_number_hash: Mapped[str] = mapped_column(String(64), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    visit: Mapped[CustodyVisit] = relationship(back_populates="conversations")
    requests: Mapped[list[DetaineeRequest]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan"
    )


class DetaineeRequest(SyncedMixin, Base):
    """A request a detainee made, by category, and what happened to it during the visit."""

    __tablename__ = "detainee_request"

    conversation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("detainee_conversation.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("request_category.id"))
    raised_with_sergeant: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_during_visit: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    conversation: Mapped[DetaineeConversation] = relationship(back_populates="requests")


class ChecklistAnswer(SyncedMixin, Base):
    """The answer to one checklist item, for the visit (conditions) or one conversation (welfare)."""

    __tablename__ = "checklist_answer"

    visit_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("custody_visit.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("detainee_conversation.id", ondelete="CASCADE"), default=None
    )
    item_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("checklist_item.id"))
    result: Mapped[CheckResult] = mapped_column(enum_column(CheckResult), default=CheckResult.NOT_CHECKED)
    note: Mapped[str] = mapped_column(Text, default="")
