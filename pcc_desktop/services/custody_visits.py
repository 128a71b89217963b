"""Custody visit reports (Home Office Code of Practice): draft, submit, review into actions.

A report is written as a draft, submitted by the visitors (the Code's rules are then checked in
full and any rota slot is marked completed) and reviewed by the coordinator, whose review turns the
concerns into actions for the Force in the same transaction. No detainee is identified: detainee
rows are anonymous and a custody number, if typed, is kept only as a salted hash scoped to the visit.
Actions raised by a review have the visit as their typed origin (``OriginKind.CUSTODY_VISIT``) and
the visit's reference in their description.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    CheckResult,
    CustodySuite,
    CustodyVisit,
    DetaineeConversation,
    DetaineeRequest,
    OriginKind,
    RaiserTold,
    ReportStatus,
    RotaSlot,
    SlotStatus,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.models.custody import custody_visit_visitor
from pcc_desktop.services import history
from pcc_desktop.services.actions import ActionInput
from pcc_desktop.services.clock import LONDON, today
from pcc_desktop.services.custody_details import (
    ConversationInput,
    RequestInput,
    ReviewInput,
    ReviewIssue,
    ReviewResult,
    VisitDetail,
    VisitInput,
    VisitSummary,
    force_custody_organisation_id,
    live_answers,
    live_conversations,
    upsert_answers,
    visit_detail,
    visit_summary,
    visitor_ids,
)
from pcc_desktop.services.custody_visit_rules import (
    check_conditions,
    check_conversation,
    check_visit,
    custody_number_hash,
)
from pcc_desktop.services.errors import Errors, NotFoundError, ValidationError
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.visit_review import review_into_actions

__all__ = [
    "ConversationInput",
    "RequestInput",
    "ReviewInput",
    "ReviewIssue",
    "ReviewResult",
    "VisitInput",
    "add_conversation",
    "create_visit",
    "get_visit",
    "list_visits",
    "remove_conversation",
    "review_visit",
    "set_conditions",
    "submit_visit",
    "update_conversation",
    "update_visit",
]

ENTITY = "custody_visit"
PREFIX = "ICV"
_VISIT_FIELDS = (
    "suite_id", "rota_slot_id", "mode", "visited_on", "arrived_at", "admitted_at", "departed_at",
    "delay_reason", "delay_authorised_rank", "escorted_by_rank", "in_custody", "offered", "seen",
    "declined", "not_seen", "not_seen_reason", "serious_issue", "serious_issue_notes",
    "terrorism_detention", "observations",
)  # fmt: skip


def _load(session: Session, visit_id: uuid.UUID) -> CustodyVisit:
    visit = session.get(CustodyVisit, visit_id)
    if visit is None or visit.is_deleted:
        raise NotFoundError("That visit report no longer exists.")
    return visit


def _load_draft(session: Session, visit_id: uuid.UUID) -> CustodyVisit:
    visit = _load(session, visit_id)
    if visit.status != ReportStatus.DRAFT:
        raise ValidationError.single(
            "status", f"This report is {visit.status.value}; only a draft report can be changed."
        )
    return visit


def _cleaned(data: VisitInput) -> VisitInput:
    changes = {
        f.name: getattr(data, f.name).strip() for f in fields(data) if isinstance(getattr(data, f.name), str)
    }
    return VisitInput(**{**{f.name: getattr(data, f.name) for f in fields(data)}, **changes})


def _set_visitors(session: Session, visit: CustodyVisit, ids: tuple[uuid.UUID, ...]) -> None:
    session.execute(delete(custody_visit_visitor).where(custody_visit_visitor.c.visit_id == visit.id))
    for volunteer_id in dict.fromkeys(ids):
        session.execute(insert(custody_visit_visitor).values(visit_id=visit.id, volunteer_id=volunteer_id))


def _apply(session: Session, actor_id: uuid.UUID, visit: CustodyVisit, data: VisitInput, log: bool) -> None:
    for name in _VISIT_FIELDS:
        old, new = getattr(visit, name), getattr(data, name)
        if old != new:
            if log:
                history.record(session, actor_id, ENTITY, visit.id, name, old, new)
            setattr(visit, name, new)
    old_visitors = sorted(visitor_ids(session, visit.id)) if log else []
    if sorted(dict.fromkeys(data.visitor_ids)) != old_visitors:
        if log:
            history.record(
                session, actor_id, ENTITY, visit.id, "visitors", len(old_visitors), len(data.visitor_ids)
            )
        _set_visitors(session, visit, data.visitor_ids)
    visit.updated_by_id = actor_id


def create_visit(session: Session, actor_id: uuid.UUID, data: VisitInput) -> VisitDetail:
    """Start a draft visit report with the next ``ICV-YYYY-NNNN`` reference.

    Raises:
        ValidationError: A rule for the fields given is broken (see ``check_visit``).
    """
    data = _cleaned(data)
    check_visit(session, data, complete=False).raise_if_any()
    assert data.visited_on is not None and data.suite_id is not None
    visit = CustodyVisit(
        reference=next_reference(session, PREFIX, data.visited_on.year),
        suite_id=data.suite_id,
        visited_on=data.visited_on,
        status=ReportStatus.DRAFT,
        created_by_id=actor_id,
    )
    session.add(visit)
    session.flush()
    _apply(session, actor_id, visit, data, log=False)
    history.record(session, actor_id, ENTITY, visit.id, "created", None, visit.reference)
    session.flush()
    return visit_detail(session, visit)


def update_visit(session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID, data: VisitInput) -> VisitDetail:
    """Change a draft report's header; each changed field goes to the history.

    Raises:
        NotFoundError: The report does not exist.
        ValidationError: The report is not a draft, or a rule is broken.
    """
    visit = _load_draft(session, visit_id)
    data = _cleaned(data)
    errors = check_visit(session, data, complete=False)
    count = len(live_conversations(visit))
    errors.check(
        count <= data.seen, "seen", f"{count} detainees are recorded as spoken to; seen cannot be fewer."
    )
    errors.raise_if_any()
    _apply(session, actor_id, visit, data, log=True)
    session.flush()
    return visit_detail(session, visit)


def _hash_for(
    session: Session, visit: CustodyVisit, number: str, skip: uuid.UUID | None, errors: Errors
) -> str:
    digest = custody_number_hash(session, visit.id, number)
    if digest and any(c.custody_number_hash == digest and c.id != skip for c in live_conversations(visit)):
        errors.add("custody_number", "This detainee has already been counted in this visit.")
    return digest


def _write_conversation(
    session: Session, row: DetaineeConversation, data: ConversationInput, digest: str
) -> None:
    row.juvenile, row.vulnerable = data.juvenile, data.vulnerable
    row.consent_to_talk, row.consent_to_view_record = data.consent_to_talk, data.consent_to_view_record
    row.custody_number_hash, row.notes = digest, data.notes.strip()
    for request in row.requests:
        if not request.is_deleted:
            request.deleted_at = utc_now()
    for request in data.requests:
        row.requests.append(
            DetaineeRequest(
                category_id=request.category_id,
                raised_with_sergeant=request.raised_with_sergeant,
                resolved_during_visit=request.resolved_during_visit,
                notes=request.notes.strip(),
            )
        )
    session.flush()
    answers = {item_id: (result, "") for item_id, result in data.welfare.items()}
    upsert_answers(session, row.visit_id, row.id, answers)


def add_conversation(
    session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID, data: ConversationInput
) -> VisitDetail:
    """Add one anonymous detainee row to a draft report.

    Raises:
        ValidationError: Consent is missing for a detail, the detainee is already counted, or the
            report already has as many rows as detainees seen (raise ``seen`` first).
    """
    visit = _load_draft(session, visit_id)
    errors = check_conversation(session, data)
    count = len(live_conversations(visit))
    errors.check(
        count < visit.seen,
        "seen",
        f"Only {visit.seen} detainees are recorded as seen; raise that number before adding another.",
    )
    digest = _hash_for(session, visit, data.custody_number, None, errors)
    errors.raise_if_any()
    row = DetaineeConversation(
        visit_id=visit.id, position=max((c.position for c in visit.conversations), default=0) + 1
    )
    visit.conversations.append(row)
    session.flush()
    _write_conversation(session, row, data, digest)
    history.record(session, actor_id, ENTITY, visit.id, "detainee_added", None, row.position)
    session.flush()
    return visit_detail(session, visit)


def _load_conversation(session: Session, conversation_id: uuid.UUID) -> DetaineeConversation:
    row = session.get(DetaineeConversation, conversation_id)
    if row is None or row.is_deleted:
        raise NotFoundError("That detainee row no longer exists.")
    _load_draft(session, row.visit_id)
    return row


def update_conversation(
    session: Session, actor_id: uuid.UUID, conversation_id: uuid.UUID, data: ConversationInput
) -> VisitDetail:
    """Replace one detainee row of a draft report (its requests and welfare answers too).

    A blank custody number keeps no hash: type it again to keep the double-count check.
    """
    row = _load_conversation(session, conversation_id)
    errors = check_conversation(session, data)
    digest = _hash_for(session, row.visit, data.custody_number, row.id, errors)
    errors.raise_if_any()
    _write_conversation(session, row, data, digest)
    history.record(session, actor_id, ENTITY, row.visit_id, "detainee_changed", None, row.position)
    session.flush()
    return visit_detail(session, row.visit)


def remove_conversation(session: Session, actor_id: uuid.UUID, conversation_id: uuid.UUID) -> VisitDetail:
    """Remove one detainee row from a draft report (its hash is cleared so it can be re-added)."""
    row = _load_conversation(session, conversation_id)
    row.deleted_at, row.custody_number_hash = utc_now(), ""
    for answer in live_answers(session, row.visit_id, row.id):
        answer.deleted_at = utc_now()
    history.record(session, actor_id, ENTITY, row.visit_id, "detainee_removed", row.position, None)
    session.flush()
    session.refresh(row.visit)
    return visit_detail(session, row.visit)


def set_conditions(
    session: Session,
    actor_id: uuid.UUID,
    visit_id: uuid.UUID,
    answers: Mapping[uuid.UUID, tuple[CheckResult, str]],
) -> VisitDetail:
    """Set the conditions-and-facilities checklist of a draft report: ``{item id: (result, note)}``.

    Items left out of ``answers`` are no longer answered.
    """
    visit = _load_draft(session, visit_id)
    errors = Errors()
    check_conditions(session, dict(answers), errors)
    errors.raise_if_any()
    upsert_answers(session, visit.id, None, answers)
    history.record(session, actor_id, ENTITY, visit.id, "conditions", None, len(answers))
    session.flush()
    return visit_detail(session, visit)


def _input_of(session: Session, visit: CustodyVisit) -> VisitInput:
    values = {name: getattr(visit, name) for name in _VISIT_FIELDS}
    return VisitInput(**values, visitor_ids=tuple(visitor_ids(session, visit.id)))


def submit_visit(session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID) -> VisitDetail:
    """Submit a draft report: check every Code rule, then mark it (and its rota slot) done.

    Raises:
        ValidationError: The report is not a draft or breaks a rule (messages keyed by field).
    """
    visit = _load_draft(session, visit_id)
    errors = check_visit(session, _input_of(session, visit), complete=True)
    count = len(live_conversations(visit))
    errors.check(
        count <= visit.seen, "seen", f"{count} detainees are recorded as spoken to; seen cannot be fewer."
    )
    errors.raise_if_any()
    history.record(session, actor_id, ENTITY, visit.id, "status", visit.status, ReportStatus.SUBMITTED)
    visit.status, visit.submitted_on, visit.updated_by_id = ReportStatus.SUBMITTED, today(), actor_id
    if visit.rota_slot_id is None:
        visit.rota_slot_id = matching_slot(session, visit.suite_id, visit.visited_on)
    if visit.rota_slot_id is not None:
        _complete_slot(session, actor_id, visit.rota_slot_id)
    session.flush()
    return visit_detail(session, visit)


def matching_slot(session: Session, suite_id: uuid.UUID, visited_on: date) -> uuid.UUID | None:
    """The scheduled rota slot a visit fulfils: same suite, same week, the nearest window first.

    Reports are written as visits happen, not from the rota, so submitting one closes the slot it
    belongs to; without this the rota would show the week's visit as still to do.
    """
    monday = visited_on - timedelta(days=visited_on.weekday())
    first = datetime.combine(monday, time(0), LONDON).astimezone(UTC)
    last = first + timedelta(days=7)
    slots = session.scalars(
        select(RotaSlot).where(
            RotaSlot.suite_id == suite_id,
            RotaSlot.status == SlotStatus.SCHEDULED,
            RotaSlot.deleted_at.is_(None),
            RotaSlot.window_starts >= first,
            RotaSlot.window_starts < last,
        )
    ).all()
    if not slots:
        return None
    nearest = min(
        slots, key=lambda slot: abs((slot.window_starts.astimezone(LONDON).date() - visited_on).days)
    )
    return nearest.id


def _complete_slot(session: Session, actor_id: uuid.UUID, slot_id: uuid.UUID) -> None:
    slot = session.get_one(RotaSlot, slot_id)
    if slot.status != SlotStatus.COMPLETED:
        history.record(session, actor_id, "rota_slot", slot.id, "status", slot.status, SlotStatus.COMPLETED)
        slot.status, slot.updated_by_id = SlotStatus.COMPLETED, actor_id


def _issue_input(
    session: Session, actor_id: uuid.UUID, visit: CustodyVisit, issue: ReviewIssue
) -> ActionInput:
    suite = session.get_one(CustodySuite, visit.suite_id).name
    origin = (
        f"Raised at the review of custody visit {visit.reference} ({suite}, {visit.visited_on:%d/%m/%Y})."
    )
    return ActionInput(
        title=issue.title,
        owner_id=issue.owner_id or actor_id,
        logged_on=today(),
        due_on=issue.due_on,
        description=f"{issue.description.strip()}\n\n{origin}".strip(),
        priority=issue.priority,
        assignee_org_id=issue.assignee_org_id or force_custody_organisation_id(session),
        origin_kind=OriginKind.CUSTODY_VISIT,
        custody_visit_id=visit.id,
        raiser_told=RaiserTold.NOT_YET,
    ).cleaned()


def review_visit(
    session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID, data: ReviewInput
) -> ReviewResult:
    """Review a submitted report and turn its issues into actions, all or nothing.

    Each issue becomes an Open action (assigned to the Force's custody department unless another
    organisation is chosen) whose raisers, the visitors, are still to be told the outcome.

    Raises:
        NotFoundError: The report does not exist.
        ValidationError: The report is not submitted, or an issue is invalid (keys ``field:index``).
    """
    visit = _load(session, visit_id)
    planned = [_issue_input(session, actor_id, visit, issue) for issue in data.issues]
    return review_into_actions(session, actor_id, visit, ENTITY, data.notes, planned)


def get_visit(session: Session, visit_id: uuid.UUID) -> VisitDetail:
    """One visit report with its detainee rows, checklists and name warnings."""
    return visit_detail(session, _load(session, visit_id))


def list_visits(
    session: Session,
    date_from: date,
    date_to: date,
    suite_id: uuid.UUID | None = None,
    status: ReportStatus | None = None,
) -> list[VisitSummary]:
    """Live visit reports made between two dates (inclusive), newest first."""
    stmt = (
        select(CustodyVisit, CustodySuite.name)
        .join(CustodySuite, CustodySuite.id == CustodyVisit.suite_id)
        .where(
            CustodyVisit.deleted_at.is_(None),
            CustodyVisit.visited_on >= date_from,
            CustodyVisit.visited_on <= date_to,
        )
        .order_by(CustodyVisit.visited_on.desc(), CustodyVisit.reference.desc())
    )
    if suite_id is not None:
        stmt = stmt.where(CustodyVisit.suite_id == suite_id)
    if status is not None:
        stmt = stmt.where(CustodyVisit.status == status)
    return [visit_summary(visit, name) for visit, name in session.execute(stmt)]
