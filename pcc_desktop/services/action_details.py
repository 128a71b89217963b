"""The action detail DTO and how an ORM action becomes one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    ActionStatus,
    Area,
    AwsVisit,
    Classification,
    CustodyVisit,
    Engagement,
    EngagementType,
    FeedbackItem,
    Meeting,
    MeetingKind,
    Organisation,
    OriginKind,
    Priority,
    RaiserTold,
    StaffMember,
    TellMethod,
)
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.workdays import working_days_between

MEETING_LABELS = {
    MeetingKind.CGB: "Corporate Governance Board",
    MeetingKind.PANEL: "Police and Crime Panel",
    MeetingKind.SCRUTINY: "Scrutiny panel",
    MeetingKind.OTHER: "Meeting",
}

PRIORITY_LABELS = {
    Priority.LOW: "Low",
    Priority.NORMAL: "Normal",
    Priority.HIGH: "High",
    Priority.URGENT: "Urgent",
}

TELL_LABELS = {
    TellMethod.NONE: "",
    TellMethod.LETTER_EMAIL: "Letter or email",
    TellMethod.PHONE: "Telephone",
    TellMethod.IN_PERSON: "In person",
    TellMethod.SOCIAL_MEDIA: "Social media",
    TellMethod.WEBSITE: "Website",
    TellMethod.NEWSLETTER: "Newsletter",
}

ENGAGEMENT_KIND_LABELS = {
    EngagementType.COMMUNITY_DAY: "Community day",
    EngagementType.SURGERY: "Surgery",
    EngagementType.PUBLIC_MEETING: "Public meeting",
    EngagementType.PATCH_WALK: "Patch walk",
    EngagementType.EVENT: "Event",
    EngagementType.FUNDED_PROJECT_VISIT: "Visit to a funded project",
    EngagementType.PARTNER_MEETING: "Partner meeting",
    EngagementType.OTHER: "Engagement",
}

RAISER_LABELS = {
    RaiserTold.NOT_APPLICABLE: "Not applicable",
    RaiserTold.NOT_YET: "Not yet told",
    RaiserTold.TOLD: "Told",
}


@dataclass(frozen=True)
class UpdateData:
    """A dated progress note."""

    noted_on: date
    text: str
    author: str


@dataclass(frozen=True)
class ActionDetail:
    """Everything the detail form shows about one action."""

    id: uuid.UUID
    reference: str
    title: str
    description: str
    status: ActionStatus
    priority: Priority
    owner_id: uuid.UUID
    owner_name: str
    assignee_org_id: uuid.UUID | None
    assignee_org_name: str
    assignee_person: str
    area_id: uuid.UUID | None
    area_name: str
    theme_ids: tuple[uuid.UUID, ...]
    theme_names: tuple[str, ...]
    origin_kind: OriginKind
    meeting_id: uuid.UUID | None
    meeting_item: str
    engagement_id: uuid.UUID | None
    feedback_item_id: uuid.UUID | None
    origin_engagement_id: uuid.UUID | None
    custody_visit_id: uuid.UUID | None
    aws_visit_id: uuid.UUID | None
    origin_label: str
    logged_on: date
    due_on: date | None
    completed_on: date | None
    outcome: str
    raiser_told: RaiserTold
    told_method: TellMethod
    told_on: date | None
    classification: Classification
    publishable: bool
    updates: tuple[UpdateData, ...]
    row_version: int
    created_at: datetime
    updated_at: datetime

    @property
    def status_label(self) -> str:
        """The status in words."""
        return lifecycle.label(self.status)

    @property
    def days_overdue(self) -> int:
        """Working days past the due date (0 when not overdue or not open)."""
        return days_overdue(self.status, self.due_on)


# What raised an action, in words, as lists, filters, statistics and the dashboard name it.
ORIGIN_KIND_LABELS = {
    OriginKind.STANDALONE: "Stand-alone",
    OriginKind.MEETING: "Meeting",
    OriginKind.ENGAGEMENT: "Engagement",
    OriginKind.FEEDBACK: "Feedback at an engagement",
    OriginKind.CUSTODY_VISIT: "Custody visit",
    OriginKind.AWS_VISIT: "Animal welfare visit",
}


def days_overdue(status: ActionStatus, due_on: date | None, on: date | None = None) -> int:
    """Working days (England and Wales) an open action is past its due date."""
    if due_on is None or not lifecycle.is_open(status):
        return 0
    return working_days_between(due_on, on or today())


def meeting_label(kind: MeetingKind | None, held_on: date | None, item: str = "") -> str:
    """``Corporate Governance Board 21/06/2023, item b``."""
    if kind is None:
        return "Stand-alone"
    text = f"{MEETING_LABELS[kind]} {format_date(held_on)}"
    return f"{text}, item {item}" if item else text


def engagement_label(
    kind: EngagementType | None, held_on: date | None, place: str | None, reference: str | None
) -> str:
    """``Community day 13/06/2024, Loughborough (ENG-2024-0003)``."""
    text = f"{ENGAGEMENT_KIND_LABELS[kind] if kind else 'Engagement'} {format_date(held_on)}".strip()
    if place:
        text = f"{text}, {place}"
    return f"{text} ({reference})" if reference else text


def feedback_label(engagement_text: str) -> str:
    """``Feedback at Community day 13/06/2024, Loughborough (ENG-2024-0003)``."""
    return f"Feedback at {engagement_text}"


def label_of_engagement(engagement: Engagement) -> str:
    """The label of a loaded engagement: its place name, or else its area's name."""
    place = engagement.place_name or (engagement.area.name if engagement.area else "")
    return engagement_label(engagement.kind, engagement.held_on, place, engagement.reference)


def origin_label(session: Session, action: Action) -> str:
    """What raised an action, in words: the meeting, the engagement or the feedback item."""
    if action.origin_kind == OriginKind.MEETING and action.meeting is not None:
        return meeting_label(action.meeting.kind, action.meeting.held_on, action.meeting_item)
    if action.origin_kind == OriginKind.ENGAGEMENT and action.engagement_id is not None:
        return label_of_engagement(session.get_one(Engagement, action.engagement_id))
    if action.origin_kind == OriginKind.FEEDBACK and action.feedback_item_id is not None:
        item = session.get_one(FeedbackItem, action.feedback_item_id)
        return feedback_label(label_of_engagement(item.engagement))
    if action.origin_kind == OriginKind.CUSTODY_VISIT and action.custody_visit_id is not None:
        visit = session.get_one(CustodyVisit, action.custody_visit_id)
        return custody_visit_label(visit.reference, visit.visited_on, _suite_name(session, visit.suite_id))
    if action.origin_kind == OriginKind.AWS_VISIT and action.aws_visit_id is not None:
        dog_visit = session.get_one(AwsVisit, action.aws_visit_id)
        return aws_visit_label(dog_visit.reference, dog_visit.visited_on)
    return "Stand-alone"


def aws_visit_label(reference: str, visited_on: date | None) -> str:
    """``Dog Unit visit 12/06/2025 (AWS-2025-0006)``."""
    return f"Dog Unit visit {format_date(visited_on)} ({reference})"


def custody_visit_label(reference: str, visited_on: date | None, suite: str) -> str:
    """``Custody visit 12/06/2025, Euston Street (ICV-2025-0012)``."""
    return f"Custody visit {format_date(visited_on)}, {suite} ({reference})"


def _suite_name(session: Session, suite_id: uuid.UUID) -> str:
    from pcc_desktop.models import CustodySuite

    suite = session.get(CustodySuite, suite_id)
    return suite.name if suite else ""


def _origin_engagement_id(session: Session, action: Action) -> uuid.UUID | None:
    if action.feedback_item_id is not None:
        return session.get_one(FeedbackItem, action.feedback_item_id).engagement_id
    return action.engagement_id


def describe_value(session: Session, field: str, value: object) -> object:
    """A foreign key shown as the name it stands for, for the history."""
    if not isinstance(value, uuid.UUID):
        return value
    model = {
        "owner_id": StaffMember,
        "assignee_org_id": Organisation,
        "area_id": Area,
        "meeting_id": Meeting,
        "engagement_id": Engagement,
        "feedback_item_id": FeedbackItem,
    }
    record = session.get(model[field], value) if field in model else None
    if isinstance(record, Meeting):
        return meeting_label(record.kind, record.held_on)
    if isinstance(record, Engagement):
        return label_of_engagement(record)
    if isinstance(record, FeedbackItem):
        # The label only: feedback text stays out of the history line, contact fields always do.
        return feedback_label(label_of_engagement(record.engagement))
    return getattr(record, "name", value)


def detail_of(session: Session, action: Action) -> ActionDetail:
    """Build the DTO while the session is open (relationships load here, not in the GUI)."""
    return ActionDetail(
        id=action.id,
        reference=action.reference,
        title=action.title,
        description=action.description,
        status=action.status,
        priority=action.priority,
        owner_id=action.owner_id,
        owner_name=action.owner.name,
        assignee_org_id=action.assignee_org_id,
        assignee_org_name=action.assignee_org.name if action.assignee_org else "",
        assignee_person=action.assignee_person,
        area_id=action.area_id,
        area_name=action.area.name if action.area else "",
        theme_ids=tuple(t.id for t in action.themes),
        theme_names=tuple(t.name for t in action.themes),
        origin_kind=action.origin_kind,
        meeting_id=action.meeting_id,
        meeting_item=action.meeting_item,
        engagement_id=action.engagement_id,
        feedback_item_id=action.feedback_item_id,
        custody_visit_id=action.custody_visit_id,
        aws_visit_id=action.aws_visit_id,
        origin_engagement_id=_origin_engagement_id(session, action),
        origin_label=origin_label(session, action),
        logged_on=action.logged_on,
        due_on=action.due_on,
        completed_on=action.completed_on,
        outcome=action.outcome,
        raiser_told=action.raiser_told,
        told_method=action.told_method,
        told_on=action.told_on,
        classification=action.classification,
        publishable=action.publishable,
        updates=tuple(_updates(session, action)),
        row_version=action.row_version,
        created_at=action.created_at,
        updated_at=action.updated_at,
    )


def _updates(session: Session, action: Action) -> list[UpdateData]:
    names = {m.id: m.name for m in session.query(StaffMember).all()} if action.updates else {}
    return [
        UpdateData(noted_on=u.noted_on, text=u.text, author=names.get(u.created_by_id, ""))
        for u in sorted(action.updates, key=lambda u: (u.noted_on, u.created_at))
        if u.deleted_at is None
    ]
