"""The debrief: after an engagement, turn what residents raised into actions in one step.

The Commissioner debriefs the team after each visit, "from which a number of actions are logged"
(domain.md §3.1 step 5). Each chosen feedback item becomes an action whose origin is that item, filled
in from the item and its engagement; the engagement records when it was debriefed, by whom, and any
local intelligence passed to the Neighbourhood Area Commander. Everything happens or nothing does.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    ActionStatus,
    Engagement,
    EngagementStatus,
    FeedbackItem,
    OriginKind,
    Priority,
    RaiserTold,
    Sentiment,
    StaffMember,
)
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services import history
from pcc_desktop.services.action_details import label_of_engagement
from pcc_desktop.services.actions import ActionInput, create_action, validate_input
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import Errors, NotFoundError, ValidationError

ENTITY = "engagement"
TITLE_LIMIT = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True)
class DebriefItem:
    """What to do with one feedback item in the debrief.

    Attributes:
        feedback_item_id: The item.
        create_action: Whether it becomes an action (items left False are simply acknowledged).
        title: The action's title; blank uses the item's text cut to a sentence of up to 200 characters.
        owner_id: The action's owner; None means the person doing the debrief.
        assignee_org_id: The organisation asked to act, if any.
        due_on: When the action is due, if known.
        priority: How urgent it is.
        allow_another: Allow a further action for an item that already has one.
    """

    feedback_item_id: uuid.UUID
    create_action: bool
    title: str = ""
    owner_id: uuid.UUID | None = None
    assignee_org_id: uuid.UUID | None = None
    due_on: date | None = None
    priority: Priority = Priority.NORMAL
    allow_another: bool = False


@dataclass(frozen=True)
class DebriefInput:
    """The debrief of one engagement: its date, the items, and intelligence passed on."""

    debriefed_on: date | None
    items: tuple[DebriefItem, ...] = field(default_factory=tuple)
    intelligence_to: str = ""
    intelligence_on: date | None = None
    intelligence_notes: str = ""


@dataclass(frozen=True)
class DebriefResult:
    """The references of the actions the debrief created, in the order of the items."""

    action_references: tuple[str, ...]


@dataclass(frozen=True)
class DebriefCandidate:
    """A feedback item as the debrief screen lists it (no contact details, ever)."""

    feedback_item_id: uuid.UUID
    text: str
    themes: tuple[str, ...]
    sentiment: Sentiment
    action_references: tuple[str, ...]
    suggested_title: str
    consent_to_contact: bool = False
    for_cgb: bool = False


@dataclass(frozen=True)
class LinkedAction:
    """An action linked to an engagement or one of its feedback items."""

    id: uuid.UUID
    reference: str
    title: str
    status: ActionStatus
    due_on: date | None
    completed_on: date | None
    feedback_item_id: uuid.UUID | None

    @property
    def status_label(self) -> str:
        """The status in words."""
        return lifecycle.label(self.status)


def suggested_title(text: str) -> str:
    """The feedback text cut to its first sentence, at most 200 characters (cut at a word, with …)."""
    flat = " ".join(text.split())
    sentence = _SENTENCE_END.split(flat, maxsplit=1)[0]
    if len(sentence) <= TITLE_LIMIT:
        return sentence
    cut = sentence[: TITLE_LIMIT - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _load_engagement(session: Session, engagement_id: uuid.UUID) -> Engagement:
    engagement = session.get(Engagement, engagement_id)
    if engagement is None or engagement.is_deleted:
        raise NotFoundError("That engagement no longer exists.")
    return engagement


def _linked_references(session: Session, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    refs: dict[uuid.UUID, list[str]] = defaultdict(list)
    if not item_ids:
        return refs
    stmt = (
        select(Action.feedback_item_id, Action.reference)
        .where(Action.feedback_item_id.in_(item_ids), Action.deleted_at.is_(None))
        .order_by(Action.reference)
    )
    for item_id, reference in session.execute(stmt):
        refs[item_id].append(reference)
    return refs


def _live_items(engagement: Engagement) -> dict[uuid.UUID, FeedbackItem]:
    return {item.id: item for item in engagement.feedback_items if not item.is_deleted}


def debrief_preview(session: Session, engagement_id: uuid.UUID) -> list[DebriefCandidate]:
    """The engagement's feedback items, with any actions already raised and a suggested title each."""
    engagement = _load_engagement(session, engagement_id)
    items = list(_live_items(engagement).values())
    refs = _linked_references(session, [item.id for item in items])
    return [
        DebriefCandidate(
            feedback_item_id=item.id,
            text=item.text,
            themes=tuple(t.name for t in item.themes if not t.is_deleted),
            sentiment=item.sentiment,
            action_references=tuple(refs.get(item.id, ())),
            suggested_title=suggested_title(item.text),
            consent_to_contact=item.consent_to_contact,
            for_cgb=item.for_cgb,
        )
        for item in items
    ]


def _action_input(
    engagement: Engagement, item: FeedbackItem, entry: DebriefItem, owner_id: uuid.UUID, on: date
) -> ActionInput:
    area = item.area if item.area and not item.area.is_deleted else None
    if area is None and engagement.area and not engagement.area.is_deleted:
        area = engagement.area
    text = item.text.strip()
    return ActionInput(
        title=entry.title.strip() or suggested_title(text),
        owner_id=entry.owner_id or owner_id,
        logged_on=on,
        due_on=entry.due_on,
        description=f"{text}\n\nRaised at {label_of_engagement(engagement)}",
        priority=entry.priority,
        assignee_org_id=entry.assignee_org_id,
        area_id=area.id if area else None,
        theme_ids=tuple(t.id for t in item.themes if not t.is_deleted),
        origin_kind=OriginKind.FEEDBACK,
        feedback_item_id=item.id,
        classification=engagement.classification,
        publishable=engagement.publishable,
        raiser_told=RaiserTold.NOT_YET if item.consent_to_contact else RaiserTold.NOT_APPLICABLE,
    )


def _check_engagement(engagement: Engagement, data: DebriefInput, errors: Errors) -> None:
    if engagement.status != EngagementStatus.HELD:
        errors.add("status", "Only an engagement that has been held can be debriefed; mark it held first.")
    if data.debriefed_on is None:
        errors.add("debriefed_on", "Enter the date of the debrief.")
    elif data.debriefed_on > today():
        errors.add("debriefed_on", "The debrief date cannot be in the future.")
    elif data.debriefed_on < engagement.held_on:
        errors.add("debriefed_on", "The debrief cannot be before the engagement was held.")
    errors.check(len(data.intelligence_to.strip()) <= 200, "intelligence_to", "Keep this to 200 characters.")
    if data.intelligence_on is not None:
        errors.check(
            bool(data.intelligence_to.strip()), "intelligence_to", "Say who the intelligence was passed to."
        )
        errors.check(data.intelligence_on <= today(), "intelligence_on", "This date cannot be in the future.")
        errors.check(
            data.intelligence_on >= engagement.held_on,
            "intelligence_on",
            "Intelligence cannot be passed on before the engagement was held.",
        )


def _plan_actions(
    session: Session, actor_id: uuid.UUID, engagement: Engagement, data: DebriefInput, errors: Errors
) -> list[ActionInput]:
    """Check every item and build the action inputs; problems go to ``errors`` keyed ``field:item id``."""
    items = _live_items(engagement)
    refs = _linked_references(session, list(items))
    planned: list[ActionInput] = []
    seen: set[uuid.UUID] = set()
    for entry in data.items:
        key = entry.feedback_item_id
        item = items.get(key)
        if item is None:
            errors.add(f"feedback_item_id:{key}", "That feedback item is not part of this engagement.")
            continue
        if key in seen:
            errors.add(f"feedback_item_id:{key}", "The same feedback item is listed twice.")
            continue
        seen.add(key)
        if not entry.create_action:
            continue
        if refs.get(key) and not entry.allow_another:
            errors.add(
                f"allow_another:{key}",
                f"This item already has {', '.join(refs[key])}; tick 'another action' to add one more.",
            )
        inputs = _action_input(engagement, item, entry, actor_id, data.debriefed_on or today()).cleaned()
        try:
            validate_input(session, inputs)
        except ValidationError as exc:
            for name, message in exc.errors.items():
                errors.add(f"{name}:{key}", message)
        planned.append(inputs)
    return planned


def _record_engagement(
    session: Session, actor_id: uuid.UUID, engagement: Engagement, data: DebriefInput
) -> None:
    changes = {
        "debriefed_on": data.debriefed_on,
        "debriefed_by_id": actor_id,
        "intelligence_to": data.intelligence_to.strip(),
        "intelligence_on": data.intelligence_on,
        "intelligence_notes": data.intelligence_notes.strip(),
    }
    for name, new in changes.items():
        old = getattr(engagement, name)
        if old == new:
            continue
        if name == "debriefed_by_id":
            history.record(
                session,
                actor_id,
                ENTITY,
                engagement.id,
                "debriefed_by",
                _name(session, old),
                _name(session, new),
            )
        else:
            history.record(session, actor_id, ENTITY, engagement.id, name, old, new)
        setattr(engagement, name, new)
    engagement.updated_by_id = actor_id


def _name(session: Session, staff_id: object) -> str | None:
    staff = session.get(StaffMember, staff_id) if isinstance(staff_id, uuid.UUID) else None
    return staff.name if staff else None


def debrief_engagement(
    session: Session, actor_id: uuid.UUID, engagement_id: uuid.UUID, data: DebriefInput
) -> DebriefResult:
    """Debrief a held engagement: create the chosen actions and record the debrief, all or nothing.

    Args:
        session: An open session (the caller's transaction; rolled back if anything fails).
        actor_id: Who is debriefing; they own any action given no owner.
        engagement_id: The engagement.
        data: The debrief date, what to do with each item, and intelligence passed on.

    Returns:
        The references of the actions created, in the order of ``data.items``.

    Raises:
        NotFoundError: The engagement does not exist or was deleted.
        ValidationError: Any rule is broken; keys of item problems are ``field:feedback item id``.
    """
    engagement = _load_engagement(session, engagement_id)
    errors = Errors()
    _check_engagement(engagement, data, errors)
    planned = _plan_actions(session, actor_id, engagement, data, errors)
    errors.raise_if_any()
    references = []
    for inputs in planned:
        detail = create_action(session, actor_id, inputs)
        assert inputs.feedback_item_id is not None
        history.record(
            session, actor_id, "feedback_item", inputs.feedback_item_id, "action", None, detail.reference
        )
        references.append(detail.reference)
    _record_engagement(session, actor_id, engagement, data)
    session.flush()
    return DebriefResult(action_references=tuple(references))


def _linked(session: Session, condition: ColumnElement[bool]) -> list[LinkedAction]:
    stmt = select(Action).where(Action.deleted_at.is_(None), condition).order_by(Action.reference)
    return [
        LinkedAction(a.id, a.reference, a.title, a.status, a.due_on, a.completed_on, a.feedback_item_id)
        for a in session.scalars(stmt)
    ]


def actions_for_feedback(session: Session, feedback_item_id: uuid.UUID) -> list[LinkedAction]:
    """The live actions raised from one feedback item, by reference."""
    return _linked(session, Action.feedback_item_id == feedback_item_id)


def actions_for_engagement(session: Session, engagement_id: uuid.UUID) -> list[LinkedAction]:
    """The live actions raised from an engagement itself or from any of its feedback items."""
    items = select(FeedbackItem.id).where(FeedbackItem.engagement_id == engagement_id)
    return _linked(session, (Action.engagement_id == engagement_id) | Action.feedback_item_id.in_(items))
