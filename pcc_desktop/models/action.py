"""The action spine: everything the office follows up, whatever raised it (ARCHITECTURE §3)."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pcc_desktop.models.base import Base, SyncedMixin, enum_column, personal
from pcc_desktop.models.reference import Area, Organisation, Theme
from pcc_desktop.models.staff import StaffMember


class ActionStatus(enum.StrEnum):
    """Lifecycle states; the allowed moves between them live in ``services/action_lifecycle.py``."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    AWAITING_RESPONSE = "awaiting_response"
    AWAITING_SIGN_OFF = "awaiting_sign_off"
    COMPLETED = "completed"
    DEFERRED = "deferred"
    REOPENED = "reopened"


class Priority(enum.StrEnum):
    """How urgent an action is."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class OriginKind(enum.StrEnum):
    """What raised an action. Later modules add kinds, each with its own foreign key column."""

    STANDALONE = "standalone"
    MEETING = "meeting"
    ENGAGEMENT = "engagement"
    FEEDBACK = "feedback"
    CUSTODY_VISIT = "custody_visit"
    AWS_VISIT = "aws_visit"


class MeetingKind(enum.StrEnum):
    """Meetings whose minutes produce lettered actions."""

    CGB = "cgb"
    PANEL = "panel"
    SCRUTINY = "scrutiny"
    OTHER = "other"


class RaiserTold(enum.StrEnum):
    """Whether the person who raised an action has been told what became of it."""

    NOT_APPLICABLE = "not_applicable"
    NOT_YET = "not_yet"
    TOLD = "told"


class TellMethod(enum.StrEnum):
    """How the person who raised it was told ("You said, we did")."""

    NONE = ""
    LETTER_EMAIL = "letter_email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    SOCIAL_MEDIA = "social_media"
    WEBSITE = "website"
    NEWSLETTER = "newsletter"


class Classification(enum.StrEnum):
    """Government Security Classification marking of a reportable record."""

    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


action_theme = Table(
    "action_theme",
    Base.metadata,
    Column("action_id", Uuid, ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", Uuid, ForeignKey("theme.id"), primary_key=True),
)


class Meeting(SyncedMixin, Base):
    """A meeting whose minutes raise actions, lettered a, b, c… (CGB, Police and Crime Panel)."""

    __tablename__ = "meeting"

    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind))
    held_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200), default="")


class Action(SyncedMixin, Base):
    """Something the office has to follow up to closure."""

    __tablename__ = "action"
    __table_args__ = (
        # The origin is a typed link: each kind has its own foreign key and only that one is set.
        CheckConstraint(
            "((origin_kind = 'meeting') = (meeting_id IS NOT NULL))"
            " AND ((origin_kind = 'engagement') = (engagement_id IS NOT NULL))"
            " AND ((origin_kind = 'feedback') = (feedback_item_id IS NOT NULL))"
            " AND ((origin_kind = 'custody_visit') = (custody_visit_id IS NOT NULL))"
            " AND ((origin_kind = 'aws_visit') = (aws_visit_id IS NOT NULL))",
            name="origin_matches_link",
        ),
        Index("ix_action_owner", "owner_id"),
        Index("ix_action_logged_on", "logged_on"),
        # Live actions by status and due date: the list's COUNT and its default order read only this
        # index, never the rows (a partial index also left the planner no better choice to take).
        Index(
            "ix_action_live_status_due",
            "status",
            "due_on",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    origin_kind: Mapped[OriginKind] = mapped_column(enum_column(OriginKind), default=OriginKind.STANDALONE)
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("meeting.id"), default=None)
    meeting_item: Mapped[str] = mapped_column(String(8), default="")
    engagement_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("engagement.id"), default=None, index=True
    )
    feedback_item_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("feedback_item.id"), default=None, index=True
    )
    custody_visit_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("custody_visit.id"), default=None, index=True
    )
    aws_visit_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("aws_visit.id"), default=None, index=True
    )
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"))
    assignee_org_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("organisation.id"), default=None
    )
    assignee_person: Mapped[str] = mapped_column(String(160), default="", info=personal("assignee"))
    area_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("area.id"), default=None)
    priority: Mapped[Priority] = mapped_column(enum_column(Priority), default=Priority.NORMAL)
    logged_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    status: Mapped[ActionStatus] = mapped_column(enum_column(ActionStatus), default=ActionStatus.OPEN)
    completed_on: Mapped[date | None] = mapped_column(Date, default=None)
    outcome: Mapped[str] = mapped_column(Text, default="")
    raiser_told: Mapped[RaiserTold] = mapped_column(
        enum_column(RaiserTold), default=RaiserTold.NOT_APPLICABLE
    )
    told_method: Mapped[TellMethod] = mapped_column(enum_column(TellMethod), default=TellMethod.NONE)
    told_on: Mapped[date | None] = mapped_column(Date, default=None)
    classification: Mapped[Classification] = mapped_column(
        enum_column(Classification), default=Classification.OFFICIAL
    )
    publishable: Mapped[bool] = mapped_column(Boolean, default=True)

    owner: Mapped[StaffMember] = relationship(foreign_keys=[owner_id])
    assignee_org: Mapped[Organisation | None] = relationship()
    area: Mapped[Area | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=action_theme, order_by=Theme.name)
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action", order_by="ActionUpdate.noted_on", cascade="all, delete-orphan"
    )


class ActionUpdate(SyncedMixin, Base):
    """A dated progress note on an action."""

    __tablename__ = "action_update"

    action_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    noted_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)

    action: Mapped[Action] = relationship(back_populates="updates")
