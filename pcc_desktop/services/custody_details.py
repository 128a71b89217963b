"""What the custody-visit services take and hand back: form inputs, a visit report, list rows.

Nothing here carries a custody number: a detainee row only says whether one was given. Each visit
detail carries the "looks like a name" warnings for its free text so the form can show them.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    ChecklistAnswer,
    ChecklistItem,
    CheckResult,
    CustodySuite,
    CustodyVisit,
    DetaineeConversation,
    Organisation,
    Priority,
    ReportStatus,
    RequestCategory,
    VisitMode,
    Volunteer,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.models.custody import custody_visit_visitor
from pcc_desktop.services.custody_visit_rules import name_warnings, visit_minutes

FORCE_CUSTODY_ORGANISATION = "Leicestershire Police – Custody"


@dataclass(frozen=True)
class VisitInput:
    """The header of a visit report: where, when, who, and the population snapshot."""

    suite_id: uuid.UUID | None
    visited_on: date | None
    mode: VisitMode = VisitMode.IN_PERSON
    arrived_at: time | None = None
    admitted_at: time | None = None
    departed_at: time | None = None
    delay_reason: str = ""
    delay_authorised_rank: str = ""
    escorted_by_rank: str = ""
    visitor_ids: tuple[uuid.UUID, ...] = ()
    in_custody: int = 0
    offered: int = 0
    seen: int = 0
    declined: int = 0
    not_seen: int = 0
    not_seen_reason: str = ""
    serious_issue: bool = False
    serious_issue_notes: str = ""
    terrorism_detention: bool = False
    observations: str = ""
    rota_slot_id: uuid.UUID | None = None


@dataclass(frozen=True)
class RequestInput:
    """A request a detainee made during the visit."""

    category_id: uuid.UUID | None
    raised_with_sergeant: bool = False
    resolved_during_visit: bool = False
    notes: str = ""


@dataclass(frozen=True)
class ConversationInput:
    """One anonymous detainee spoken to. ``custody_number`` is hashed, never stored as typed."""

    consent_to_talk: bool
    consent_to_view_record: bool = False
    juvenile: bool = False
    vulnerable: bool = False
    custody_number: str = ""
    welfare: Mapping[uuid.UUID, CheckResult] = field(default_factory=dict)
    requests: tuple[RequestInput, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class ReviewIssue:
    """A concern the coordinator turns into an action (owner None means the reviewer)."""

    title: str
    description: str = ""
    owner_id: uuid.UUID | None = None
    assignee_org_id: uuid.UUID | None = None
    due_on: date | None = None
    priority: Priority = Priority.NORMAL


@dataclass(frozen=True)
class ReviewInput:
    """The coordinator's review of a submitted report."""

    notes: str = ""
    issues: tuple[ReviewIssue, ...] = ()


@dataclass(frozen=True)
class ReviewResult:
    """The references of the actions the review created, in the order of the issues."""

    action_references: tuple[str, ...]


@dataclass(frozen=True)
class VisitorRef:
    """A visitor on a report (the name is for showing on screen only)."""

    id: uuid.UUID
    reference: str
    name: str


@dataclass(frozen=True)
class AnswerDetail:
    """One checklist answer, with the item's text."""

    item_id: uuid.UUID
    text: str
    result: CheckResult
    note: str = ""


@dataclass(frozen=True)
class RequestDetail:
    """A detainee's request by category and what happened to it."""

    id: uuid.UUID
    category_id: uuid.UUID
    category: str
    raised_with_sergeant: bool
    resolved_during_visit: bool
    notes: str


@dataclass(frozen=True)
class ConversationDetail:
    """One anonymous detainee row; ``has_custody_number`` says only whether a (hashed) number was given."""

    id: uuid.UUID
    position: int
    juvenile: bool
    vulnerable: bool
    consent_to_talk: bool
    consent_to_view_record: bool
    has_custody_number: bool
    welfare: tuple[AnswerDetail, ...]
    requests: tuple[RequestDetail, ...]
    notes: str


@dataclass(frozen=True)
class VisitDetail:
    """A whole visit report as the form shows it, with warnings about text that looks like a name."""

    id: uuid.UUID
    reference: str
    suite_id: uuid.UUID
    suite_name: str
    rota_slot_id: uuid.UUID | None
    mode: VisitMode
    visited_on: date
    arrived_at: time | None
    admitted_at: time | None
    departed_at: time | None
    duration_minutes: int
    delay_reason: str
    delay_authorised_rank: str
    escorted_by_rank: str
    visitors: tuple[VisitorRef, ...]
    in_custody: int
    offered: int
    seen: int
    declined: int
    not_seen: int
    not_seen_reason: str
    serious_issue: bool
    serious_issue_notes: str
    terrorism_detention: bool
    observations: str
    status: ReportStatus
    submitted_on: date | None
    reviewed_on: date | None
    review_notes: str
    conversations: tuple[ConversationDetail, ...]
    conditions: tuple[AnswerDetail, ...]
    row_version: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class VisitSummary:
    """A row of the visit list."""

    id: uuid.UUID
    reference: str
    suite_name: str
    visited_on: date
    mode: VisitMode
    status: ReportStatus
    offered: int
    seen: int
    serious_issue: bool


def visitor_ids(session: Session, visit_id: uuid.UUID) -> list[uuid.UUID]:
    """The ids of a visit's visitors."""
    stmt = select(custody_visit_visitor.c.volunteer_id).where(custody_visit_visitor.c.visit_id == visit_id)
    return list(session.scalars(stmt))


def _visitors(session: Session, visit_id: uuid.UUID) -> tuple[VisitorRef, ...]:
    people = [session.get_one(Volunteer, vid) for vid in visitor_ids(session, visit_id)]
    return tuple(VisitorRef(v.id, v.reference, v.name) for v in sorted(people, key=lambda v: v.reference))


def live_answers(
    session: Session, visit_id: uuid.UUID, conversation_id: uuid.UUID | None
) -> list[ChecklistAnswer]:
    """The live checklist answers of a visit (conversation None) or of one conversation."""
    stmt = select(ChecklistAnswer).where(
        ChecklistAnswer.visit_id == visit_id,
        ChecklistAnswer.deleted_at.is_(None),
        ChecklistAnswer.conversation_id.is_(None)
        if conversation_id is None
        else ChecklistAnswer.conversation_id == conversation_id,
    )
    return list(session.scalars(stmt))


def _answers(
    session: Session, visit_id: uuid.UUID, conversation_id: uuid.UUID | None
) -> tuple[AnswerDetail, ...]:
    rows = []
    for answer in live_answers(session, visit_id, conversation_id):
        item = session.get_one(ChecklistItem, answer.item_id)
        rows.append((item.position, AnswerDetail(item.id, item.text, answer.result, answer.note)))
    return tuple(detail for _, detail in sorted(rows, key=lambda pair: pair[0]))


def live_conversations(visit: CustodyVisit) -> list[DetaineeConversation]:
    """The visit's detainee rows that have not been removed."""
    return [c for c in visit.conversations if not c.is_deleted]


def _conversation(session: Session, row: DetaineeConversation) -> ConversationDetail:
    requests = tuple(
        RequestDetail(
            r.id,
            r.category_id,
            session.get_one(RequestCategory, r.category_id).name,
            r.raised_with_sergeant,
            r.resolved_during_visit,
            r.notes,
        )
        for r in row.requests
        if not r.is_deleted
    )
    return ConversationDetail(
        id=row.id,
        position=row.position,
        juvenile=row.juvenile,
        vulnerable=row.vulnerable,
        consent_to_talk=row.consent_to_talk,
        consent_to_view_record=row.consent_to_view_record,
        has_custody_number=bool(row.custody_number_hash),
        welfare=_answers(session, row.visit_id, row.id),
        requests=requests,
        notes=row.notes,
    )


def _warnings(visit: CustodyVisit, conversations: tuple[ConversationDetail, ...], conditions: tuple) -> tuple:
    texts = [
        ("Delay reason", visit.delay_reason),
        ("Not seen because", visit.not_seen_reason),
        ("Serious issue", visit.serious_issue_notes),
        ("Observations", visit.observations),
        ("Review notes", visit.review_notes),
    ]
    for row in conversations:
        texts.append((f"Detainee {row.position} notes", row.notes))
        texts.extend((f"Detainee {row.position} request", r.notes) for r in row.requests)
    texts.extend((f"Conditions: {a.text}", a.note) for a in conditions)
    return tuple(f"{label}: {message}" for label, text in texts for message in name_warnings(text))


def visit_detail(session: Session, visit: CustodyVisit) -> VisitDetail:
    """Build the detail of a loaded visit report."""
    conversations = tuple(_conversation(session, c) for c in live_conversations(visit))
    conditions = _answers(session, visit.id, None)
    return VisitDetail(
        id=visit.id,
        reference=visit.reference,
        suite_id=visit.suite_id,
        suite_name=session.get_one(CustodySuite, visit.suite_id).name,
        rota_slot_id=visit.rota_slot_id,
        mode=visit.mode,
        visited_on=visit.visited_on,
        arrived_at=visit.arrived_at,
        admitted_at=visit.admitted_at,
        departed_at=visit.departed_at,
        duration_minutes=visit_minutes(visit.visited_on, visit.arrived_at, visit.departed_at),
        delay_reason=visit.delay_reason,
        delay_authorised_rank=visit.delay_authorised_rank,
        escorted_by_rank=visit.escorted_by_rank,
        visitors=_visitors(session, visit.id),
        in_custody=visit.in_custody,
        offered=visit.offered,
        seen=visit.seen,
        declined=visit.declined,
        not_seen=visit.not_seen,
        not_seen_reason=visit.not_seen_reason,
        serious_issue=visit.serious_issue,
        serious_issue_notes=visit.serious_issue_notes,
        terrorism_detention=visit.terrorism_detention,
        observations=visit.observations,
        status=visit.status,
        submitted_on=visit.submitted_on,
        reviewed_on=visit.reviewed_on,
        review_notes=visit.review_notes,
        conversations=conversations,
        conditions=conditions,
        row_version=visit.row_version,
        warnings=_warnings(visit, conversations, conditions),
    )


def visit_summary(visit: CustodyVisit, suite_name: str) -> VisitSummary:
    """Build a list row."""
    return VisitSummary(
        visit.id,
        visit.reference,
        suite_name,
        visit.visited_on,
        visit.mode,
        visit.status,
        visit.offered,
        visit.seen,
        visit.serious_issue,
    )


def upsert_answers(
    session: Session, visit_id: uuid.UUID, conversation_id: uuid.UUID | None, answers: Mapping
) -> None:
    """Make the live answers exactly ``answers``; items no longer answered are soft-deleted."""
    existing = {a.item_id: a for a in live_answers(session, visit_id, conversation_id)}
    for item_id, answer in existing.items():
        if item_id not in answers:
            answer.deleted_at = utc_now()
    for item_id, (result, note) in answers.items():
        row = existing.get(item_id)
        if row is None:
            row = ChecklistAnswer(visit_id=visit_id, conversation_id=conversation_id, item_id=item_id)
            session.add(row)
        row.result, row.note = result, note.strip()


def force_custody_organisation_id(session: Session) -> uuid.UUID | None:
    """The Force's custody department, the usual assignee of review actions (None if not listed)."""
    stmt = select(Organisation.id).where(
        Organisation.name == FORCE_CUSTODY_ORGANISATION, Organisation.deleted_at.is_(None)
    )
    return session.scalar(stmt)
