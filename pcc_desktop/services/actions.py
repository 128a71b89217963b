"""Action tracker use cases: create, edit, move through the lifecycle, note progress, close."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Area,
    AwsVisit,
    Classification,
    CustodyVisit,
    Engagement,
    FeedbackItem,
    Meeting,
    Organisation,
    OriginKind,
    Priority,
    RaiserTold,
    StaffMember,
    TellMethod,
    Theme,
)
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services import history
from pcc_desktop.services.action_details import ActionDetail, describe_value, detail_of
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import ConflictError, Errors, NotFoundError, ValidationError
from pcc_desktop.services.references import next_reference

ENTITY = "action"
PREFIX = "ACT"
MEETING_ITEM_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789.()")


@dataclass(frozen=True)
class ActionInput:
    """What a person types into the action form (everything but status and outcome)."""

    title: str
    owner_id: uuid.UUID | None
    logged_on: date | None
    due_on: date | None = None
    description: str = ""
    priority: Priority = Priority.NORMAL
    assignee_org_id: uuid.UUID | None = None
    assignee_person: str = ""
    area_id: uuid.UUID | None = None
    theme_ids: tuple[uuid.UUID, ...] = field(default_factory=tuple)
    origin_kind: OriginKind = OriginKind.STANDALONE
    meeting_id: uuid.UUID | None = None
    meeting_item: str = ""
    engagement_id: uuid.UUID | None = None
    feedback_item_id: uuid.UUID | None = None
    custody_visit_id: uuid.UUID | None = None
    aws_visit_id: uuid.UUID | None = None
    classification: Classification = Classification.OFFICIAL
    publishable: bool = True
    raiser_told: RaiserTold = RaiserTold.NOT_APPLICABLE
    told_method: TellMethod = TellMethod.NONE
    told_on: date | None = None

    def cleaned(self) -> ActionInput:
        """The same input with text trimmed and the meeting item lower-cased."""
        return replace(
            self,
            title=self.title.strip(),
            description=self.description.strip(),
            assignee_person=self.assignee_person.strip(),
            meeting_item=self.meeting_item.strip().lower(),
        )


def _exists(session: Session, model: type, record_id: uuid.UUID | None) -> bool:
    record = session.get(model, record_id) if record_id else None
    return record is not None and record.deleted_at is None


def _validate_people_and_links(
    session: Session, data: ActionInput, errors: Errors, old_owner: object
) -> None:
    owner = session.get(StaffMember, data.owner_id) if data.owner_id else None
    if owner is None or owner.deleted_at is not None:
        errors.add("owner_id", "Choose who owns this action.")
    elif not owner.active and owner.id != old_owner:
        errors.add("owner_id", f"{owner.name} has left the staff list; choose a current owner.")
    if data.assignee_org_id and not _exists(session, Organisation, data.assignee_org_id):
        errors.add("assignee_org_id", "That organisation no longer exists.")
    if data.area_id and not _exists(session, Area, data.area_id):
        errors.add("area_id", "That area no longer exists.")
    for theme_id in data.theme_ids:
        if not _exists(session, Theme, theme_id):
            errors.add("theme_ids", "One of the themes no longer exists.")
    _validate_origin(session, data, errors)


def _validate_origin(session: Session, data: ActionInput, errors: Errors) -> None:
    """The link the origin kind needs exists and is live; links of other kinds are dropped on save."""
    if data.origin_kind == OriginKind.MEETING:
        errors.check(
            _exists(session, Meeting, data.meeting_id), "meeting_id", "Choose the meeting that raised it."
        )
        errors.check(
            len(data.meeting_item) <= 8 and set(data.meeting_item) <= MEETING_ITEM_CHARS,
            "meeting_item",
            "The item is a short letter or number, like b or 4.2.",
        )
    elif data.origin_kind == OriginKind.ENGAGEMENT:
        errors.check(
            _exists(session, Engagement, data.engagement_id),
            "engagement_id",
            "Choose the engagement that raised it.",
        )
    elif data.origin_kind == OriginKind.FEEDBACK:
        item = session.get(FeedbackItem, data.feedback_item_id) if data.feedback_item_id else None
        if item is None or item.is_deleted or item.engagement.is_deleted:
            errors.add("feedback_item_id", "Choose the feedback item that raised it.")
        elif data.engagement_id is not None and data.engagement_id != item.engagement_id:
            errors.add("feedback_item_id", "That feedback item was raised at a different engagement.")
    elif data.origin_kind == OriginKind.CUSTODY_VISIT:
        errors.check(
            _exists(session, CustodyVisit, data.custody_visit_id),
            "custody_visit_id",
            "Choose the custody visit that raised it.",
        )
    elif data.origin_kind == OriginKind.AWS_VISIT:
        errors.check(
            _exists(session, AwsVisit, data.aws_visit_id),
            "aws_visit_id",
            "Choose the Dog Unit visit that raised it.",
        )


def _validate_dates(data: ActionInput, errors: Errors) -> None:
    if data.logged_on is None:
        errors.add("logged_on", "Enter the date the action was logged.")
    elif data.logged_on > today():
        errors.add("logged_on", "The logged date cannot be in the future.")
    if data.due_on and data.logged_on and data.due_on < data.logged_on:
        errors.add("due_on", "The due date cannot be before the date the action was logged.")
    if data.raiser_told == RaiserTold.TOLD:
        errors.check(data.told_method != TellMethod.NONE, "told_method", "Say how they were told.")
        errors.check(data.told_on is not None, "told_on", "Enter the date they were told.")
        if data.told_on and data.told_on > today():
            errors.add("told_on", "The date they were told cannot be in the future.")


def validate_input(session: Session, data: ActionInput, old_owner: object = None) -> None:
    """Check every field; raise one ValidationError naming each bad field."""
    errors = Errors()
    errors.check(bool(data.title), "title", "Enter a title that says what needs doing.")
    errors.check(len(data.title) <= 200, "title", "Keep the title to 200 characters; use the description.")
    errors.check(
        len(data.description) <= 20000, "description", "The description is too long (20,000 characters)."
    )
    errors.check(
        len(data.assignee_person) <= 160, "assignee_person", "The name is too long (160 characters)."
    )
    _validate_dates(data, errors)
    _validate_people_and_links(session, data, errors, old_owner)
    errors.raise_if_any()


def _load(session: Session, action_id: uuid.UUID) -> Action:
    action = session.get(Action, action_id)
    if action is None or action.is_deleted:
        raise NotFoundError("That action no longer exists.")
    return action


def _apply_input(session: Session, action: Action, data: ActionInput) -> None:
    for spec in fields(ActionInput):
        if spec.name == "theme_ids":
            continue
        setattr(action, spec.name, getattr(data, spec.name))
    if data.origin_kind != OriginKind.MEETING:
        action.meeting_id, action.meeting_item = None, ""
    if data.origin_kind != OriginKind.ENGAGEMENT:
        action.engagement_id = None
    if data.origin_kind != OriginKind.FEEDBACK:
        action.feedback_item_id = None
    if data.origin_kind != OriginKind.CUSTODY_VISIT:
        action.custody_visit_id = None
    if data.origin_kind != OriginKind.AWS_VISIT:
        action.aws_visit_id = None
    action.themes = [session.get_one(Theme, theme_id) for theme_id in dict.fromkeys(data.theme_ids)]


def create_action(session: Session, actor_id: uuid.UUID, data: ActionInput) -> ActionDetail:
    """Log a new action; it starts Open with the next ``ACT-YYYY-NNNN`` reference."""
    data = data.cleaned()
    validate_input(session, data)
    assert data.logged_on is not None
    action = Action(
        reference=next_reference(session, PREFIX, data.logged_on.year),
        status=ActionStatus.OPEN,
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    _apply_input(session, action, data)
    session.add(action)
    session.flush()
    history.record(session, actor_id, ENTITY, action.id, "created", None, action.reference)
    return detail_of(session, action)


def _check_version(action: Action, expected_version: int | None) -> None:
    if expected_version is not None and action.row_version != expected_version:
        raise ConflictError(
            f"{action.reference} was changed by someone else after you opened it. "
            "Reload it to see their changes, then make yours again."
        )


def update_action(
    session: Session,
    actor_id: uuid.UUID,
    action_id: uuid.UUID,
    data: ActionInput,
    expected_version: int | None = None,
    due_change_reason: str = "",
) -> ActionDetail:
    """Save edits to an action; moving an existing due date needs a reason."""
    action = _load(session, action_id)
    _check_version(action, expected_version)
    data = data.cleaned()
    validate_input(session, data, old_owner=action.owner_id)
    if action.due_on is not None and data.due_on != action.due_on and not due_change_reason.strip():
        raise ValidationError.single("due_change_reason", "Say why the due date is moving.")
    before = {
        spec.name: getattr(action, spec.name) for spec in fields(ActionInput) if spec.name != "theme_ids"
    }
    old_themes = ", ".join(t.name for t in action.themes)
    _apply_input(session, action, data)
    for name, old in before.items():
        new = getattr(action, name)
        if old != new:
            reason = due_change_reason.strip() if name == "due_on" else ""
            old_text, new_text = describe_value(session, name, old), describe_value(session, name, new)
            history.record(session, actor_id, ENTITY, action.id, name, old_text, new_text, reason)
    new_themes = ", ".join(t.name for t in action.themes)
    if new_themes != old_themes:
        history.record(session, actor_id, ENTITY, action.id, "themes", old_themes, new_themes)
    action.updated_by_id = actor_id
    session.flush()
    return detail_of(session, action)


def _validate_move(action: Action, new_status: ActionStatus, note: str, outcome: str | None) -> None:
    if not lifecycle.can_move(action.status, new_status):
        allowed = ", ".join(lifecycle.label(s) for s in lifecycle.allowed_next(action.status))
        raise ValidationError.single(
            "status",
            f"{action.reference} is {lifecycle.label(action.status)}; it can move to: {allowed}.",
        )
    if new_status == ActionStatus.COMPLETED and not (outcome or "").strip():
        raise ValidationError.single("outcome", "Record the outcome before completing the action.")
    if new_status in lifecycle.NOTE_REQUIRED and not note.strip():
        raise ValidationError.single("note", f"Say why the action is {lifecycle.label(new_status).lower()}.")


def change_status(
    session: Session,
    actor_id: uuid.UUID,
    action_id: uuid.UUID,
    new_status: ActionStatus,
    note: str = "",
    outcome: str | None = None,
    on: date | None = None,
) -> ActionDetail:
    """Move an action along its lifecycle; completing needs an outcome, reopening a reason."""
    action = _load(session, action_id)
    _validate_move(action, new_status, note, outcome)
    day = on or today()
    old_status = action.status
    action.status = new_status
    history.record(session, actor_id, ENTITY, action.id, "status", old_status, new_status, note.strip())
    if new_status == ActionStatus.COMPLETED:
        history.record(
            session, actor_id, ENTITY, action.id, "outcome", action.outcome, (outcome or "").strip()
        )
        action.outcome = (outcome or "").strip()
        action.completed_on = day
    elif old_status == ActionStatus.COMPLETED:
        # Reopening keeps the old outcome in the history but clears the completion date.
        history.record(session, actor_id, ENTITY, action.id, "completed_on", action.completed_on, None)
        action.completed_on = None
    if note.strip():
        session.add(ActionUpdate(action=action, noted_on=day, text=note.strip(), created_by_id=actor_id))
    action.updated_by_id = actor_id
    session.flush()
    return detail_of(session, action)


def add_update(
    session: Session, actor_id: uuid.UUID, action_id: uuid.UUID, text: str, noted_on: date | None = None
) -> ActionDetail:
    """Add a dated progress note."""
    action = _load(session, action_id)
    errors = Errors()
    errors.check(bool(text.strip()), "update", "Write the update before adding it.")
    day = noted_on or today()
    errors.check(day <= today(), "noted_on", "An update cannot be dated in the future.")
    errors.check(
        day >= action.logged_on, "noted_on", "An update cannot be dated before the action was logged."
    )
    errors.raise_if_any()
    session.add(ActionUpdate(action=action, noted_on=day, text=text.strip(), created_by_id=actor_id))
    history.record(session, actor_id, ENTITY, action.id, "update", None, text.strip())
    action.updated_by_id = actor_id
    session.flush()
    return detail_of(session, action)


def delete_action(session: Session, actor_id: uuid.UUID, action_id: uuid.UUID, reason: str) -> None:
    """Soft-delete an action logged in error; it stays as a tombstone with the reason."""
    action = _load(session, action_id)
    if not reason.strip():
        raise ValidationError.single("reason", "Say why the action is being deleted.")
    from pcc_desktop.models.base import utc_now

    action.deleted_at = utc_now()
    action.updated_by_id = actor_id
    history.record(session, actor_id, ENTITY, action.id, "deleted", action.reference, None, reason.strip())


def get_action(session: Session, action_id: uuid.UUID) -> ActionDetail:
    """One action with its updates, for the detail form."""
    return detail_of(session, _load(session, action_id))


def bulk_change_status(
    session: Session,
    actor_id: uuid.UUID,
    action_ids: Sequence[uuid.UUID],
    new_status: ActionStatus,
    note: str = "",
    outcome: str | None = None,
) -> int:
    """Move several actions at once: all of them or, if any move is not allowed, none."""
    problems: dict[str, str] = {}
    for action_id in action_ids:
        try:
            change_status(session, actor_id, action_id, new_status, note, outcome)
        except ValidationError as exc:
            problems.update({f"{field}:{action_id}": msg for field, msg in exc.errors.items()})
    if problems:
        raise ValidationError(problems)
    return len(action_ids)


def bulk_reassign(
    session: Session, actor_id: uuid.UUID, action_ids: Sequence[uuid.UUID], owner_id: uuid.UUID
) -> int:
    """Give several actions a new owner."""
    owner = session.get(StaffMember, owner_id)
    if owner is None or not owner.active or owner.is_deleted:
        raise ValidationError.single("owner_id", "Choose a current member of staff as the new owner.")
    for action_id in action_ids:
        action = _load(session, action_id)
        if action.owner_id != owner_id:
            old_name = describe_value(session, "owner_id", action.owner_id)
            history.record(session, actor_id, ENTITY, action.id, "owner_id", old_name, owner.name)
            action.owner_id = owner_id
            action.updated_by_id = actor_id
    session.flush()
    return len(action_ids)


def find_action_ids(session: Session, references: Sequence[str]) -> dict[str, uuid.UUID]:
    """Map references (``ACT-2025-0042``) to ids, for the command line."""
    rows = session.execute(select(Action.reference, Action.id).where(Action.reference.in_(references)))
    return {ref: action_id for ref, action_id in rows}
