"""Feedback items: what residents raised at an engagement, captured live and debriefed into actions.

Domain: docs/domain.md §2.3 (FeedbackItem) and §3.1 steps 4-7. ``add_feedback`` runs once per Enter
key while people talk, so it does a handful of indexed queries and nothing more. A contact for
follow-up is personal data: it is kept only with recorded consent and never written in clear into
the change history.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field, fields, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from pcc_desktop.models import (
    Action,
    Area,
    Engagement,
    EngagementStatus,
    FeedbackItem,
    RaisedBy,
    RelayedTo,
    Sentiment,
    Theme,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import history
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import ConflictError, Errors, NotFoundError, ValidationError

ENTITY = "feedback_item"
PERSONAL_FIELDS = ("contact_name", "contact_details")
PERSONAL_CHANGED = "(personal data changed)"
PERSONAL_REMOVED = "(personal data removed)"
MAX_TEXT = 2000

SENTIMENT_LABELS = {
    Sentiment.POSITIVE: "Positive",
    Sentiment.NEGATIVE: "Negative",
    Sentiment.NEUTRAL: "Neutral",
}

RAISED_BY_LABELS = {
    RaisedBy.RESIDENT: "Resident",
    RaisedBy.BUSINESS: "Business",
    RaisedBy.COUNCILLOR: "Councillor",
    RaisedBy.PARISH_COUNCILLOR: "Parish councillor",
    RaisedBy.MP: "MP",
    RaisedBy.COMMUNITY_REPRESENTATIVE: "Community representative",
    RaisedBy.YOUNG_PERSON: "Young person",
    RaisedBy.PARTNER: "Partner organisation",
    RaisedBy.OTHER: "Other",
}

RELAYED_TO_LABELS = {
    RelayedTo.NONE: "Not relayed",
    RelayedTo.NPA_COMMANDER: "Force – Neighbourhood Area Commander",
    RelayedTo.FORCE_DEPARTMENT: "Force – department",
    RelayedTo.PARTNER: "Partner organisation",
    RelayedTo.CGB: "Corporate Governance Board",
    RelayedTo.OPCC_COMMISSIONING: "OPCC commissioning",
}


@dataclass(frozen=True)
class FeedbackInput:
    """What a member of staff types for one feedback item."""

    text: str
    sentiment: Sentiment = Sentiment.NEUTRAL
    raised_by: RaisedBy = RaisedBy.RESIDENT
    theme_ids: tuple[uuid.UUID, ...] = ()
    area_id: uuid.UUID | None = None
    relayed_to: RelayedTo = RelayedTo.NONE
    relayed_to_detail: str = ""
    relayed_on: date | None = None
    for_cgb: bool = False
    cgb_topic: str = ""
    consent_to_contact: bool = False
    consent_recorded_on: date | None = None
    contact_name: str = ""
    contact_details: str = ""

    def cleaned(self) -> FeedbackInput:
        """Text trimmed and themes listed once each."""
        return replace(
            self,
            text=self.text.strip(),
            theme_ids=tuple(dict.fromkeys(self.theme_ids)),
            relayed_to_detail=self.relayed_to_detail.strip(),
            cgb_topic=self.cgb_topic.strip(),
            contact_name=self.contact_name.strip(),
            contact_details=self.contact_details.strip(),
        )


@dataclass(frozen=True)
class FeedbackData:
    """One feedback item as shown, with names and the references of actions raised from it."""

    id: uuid.UUID
    engagement_id: uuid.UUID
    position: int
    text: str
    sentiment: Sentiment
    raised_by: RaisedBy
    theme_ids: tuple[uuid.UUID, ...]
    theme_names: tuple[str, ...]
    area_id: uuid.UUID | None
    area_name: str
    relayed_to: RelayedTo
    relayed_to_detail: str
    relayed_on: date | None
    for_cgb: bool
    cgb_topic: str
    consent_to_contact: bool
    consent_recorded_on: date | None
    contact_name: str
    contact_details: str
    row_version: int
    action_references: tuple[str, ...] = field(default_factory=tuple)

    @property
    def sentiment_label(self) -> str:
        """Positive, negative or neutral, in words."""
        return SENTIMENT_LABELS[self.sentiment]

    @property
    def raised_by_label(self) -> str:
        """Who raised it, in words."""
        return RAISED_BY_LABELS[self.raised_by]

    @property
    def relayed_to_label(self) -> str:
        """Where it was passed on to, in words."""
        return RELAYED_TO_LABELS[self.relayed_to]

    def to_input(self) -> FeedbackInput:
        """The editable fields, for a form to change and save back."""
        return FeedbackInput(**{spec.name: getattr(self, spec.name) for spec in fields(FeedbackInput)})


# --- validation --------------------------------------------------------------------------------


def _check_lengths(data: FeedbackInput, errors: Errors) -> None:
    errors.check(bool(data.text), "text", "Write down what was raised.")
    errors.check(len(data.text) <= MAX_TEXT, "text", f"Keep it to {MAX_TEXT:,} characters.")
    for name, limit in (("relayed_to_detail", 200), ("cgb_topic", 200), ("contact_name", 160)):
        errors.check(len(getattr(data, name)) <= limit, name, f"Keep it to {limit} characters.")
    errors.check(len(data.contact_details) <= 300, "contact_details", "Keep it to 300 characters.")


def _check_rules(data: FeedbackInput, errors: Errors) -> None:
    if data.relayed_on is not None:
        errors.check(data.relayed_to != RelayedTo.NONE, "relayed_to", "Say who it was relayed to.")
        errors.check(data.relayed_on <= today(), "relayed_on", "The date relayed cannot be in the future.")
    errors.check(
        not data.for_cgb or bool(data.cgb_topic),
        "cgb_topic",
        "Give the topic for the Corporate Governance Board.",
    )
    has_contact = bool(data.contact_name or data.contact_details)
    if data.consent_to_contact:
        errors.check(
            data.consent_recorded_on is not None,
            "consent_recorded_on",
            "Enter the date consent was recorded.",
        )
        if data.consent_recorded_on is not None and data.consent_recorded_on > today():
            errors.add("consent_recorded_on", "The consent date cannot be in the future.")
    elif has_contact:
        errors.add(
            "contact_name",
            "A contact can be kept only when the person agreed to be contacted: tick consent and date it.",
        )


def _validate(session: Session, data: FeedbackInput) -> list[Theme]:
    """Check every rule; return the chosen themes (loaded once, for the caller to link)."""
    errors = Errors()
    _check_lengths(data, errors)
    _check_rules(data, errors)
    themes: list[Theme] = []
    if data.theme_ids:
        found = {t.id: t for t in session.scalars(select(Theme).where(Theme.id.in_(data.theme_ids)))}
        themes = [found[i] for i in data.theme_ids if i in found and found[i].deleted_at is None]
        errors.check(len(themes) == len(data.theme_ids), "theme_ids", "One of the themes no longer exists.")
    if data.area_id is not None:
        area = session.get(Area, data.area_id)
        errors.check(area is not None and area.deleted_at is None, "area_id", "That area no longer exists.")
    errors.raise_if_any()
    return themes


# --- building DTOs -----------------------------------------------------------------------------


def _data_of(item: FeedbackItem, area_name: str, references: tuple[str, ...]) -> FeedbackData:
    values = {
        spec.name: getattr(item, spec.name) for spec in fields(FeedbackInput) if spec.name != "theme_ids"
    }
    return FeedbackData(
        id=item.id,
        engagement_id=item.engagement_id,
        position=item.position,
        theme_ids=tuple(t.id for t in item.themes),
        theme_names=tuple(t.name for t in item.themes),
        area_name=area_name,
        row_version=item.row_version,
        action_references=references,
        **values,
    )


def action_references(session: Session, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, ...]]:
    """References of the live actions raised from each feedback item, in reference order."""
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    if item_ids:
        stmt = (
            select(Action.feedback_item_id, Action.reference)
            .where(Action.feedback_item_id.in_(item_ids), Action.deleted_at.is_(None))
            .order_by(Action.reference)
        )
        for item_id, reference in session.execute(stmt):
            found[item_id].append(reference)
    return {item_id: tuple(refs) for item_id, refs in found.items()}


def list_feedback(session: Session, engagement_id: uuid.UUID) -> list[FeedbackData]:
    """An engagement's live feedback items in the order they were raised (or arranged)."""
    stmt = (
        select(FeedbackItem)
        .where(FeedbackItem.engagement_id == engagement_id, FeedbackItem.deleted_at.is_(None))
        .options(selectinload(FeedbackItem.themes), selectinload(FeedbackItem.area))
        .order_by(FeedbackItem.position, FeedbackItem.created_at)
    )
    items = list(session.scalars(stmt))
    refs = action_references(session, [i.id for i in items])
    return [_data_of(i, i.area.name if i.area else "", refs.get(i.id, ())) for i in items]


def get_feedback(session: Session, feedback_id: uuid.UUID) -> FeedbackData:
    """One feedback item."""
    item = _load(session, feedback_id)
    refs = action_references(session, [item.id]).get(item.id, ())
    return _data_of(item, _area_name(session, item.area_id) or "", refs)


# --- writing -----------------------------------------------------------------------------------


def _load(session: Session, feedback_id: uuid.UUID) -> FeedbackItem:
    item = session.get(FeedbackItem, feedback_id)
    if item is None or item.deleted_at is not None:
        raise NotFoundError("That feedback item no longer exists.")
    return item


def add_feedback(
    session: Session, actor_id: uuid.UUID, engagement_id: uuid.UUID, data: FeedbackInput
) -> FeedbackData:
    """Add the next feedback item to an engagement (called once per Enter key at a live event)."""
    engagement = session.get(Engagement, engagement_id)
    if engagement is None or engagement.deleted_at is not None:
        raise NotFoundError("That engagement no longer exists.")
    if engagement.status == EngagementStatus.CANCELLED:
        raise ValidationError.single(
            "engagement", f"{engagement.reference} was cancelled; nothing was raised."
        )
    data = data.cleaned()
    themes = _validate(session, data)
    last = select(func.max(FeedbackItem.position)).where(FeedbackItem.engagement_id == engagement_id)
    values = {
        spec.name: getattr(data, spec.name) for spec in fields(FeedbackInput) if spec.name != "theme_ids"
    }
    item = FeedbackItem(
        engagement_id=engagement_id,
        position=(session.scalar(last) or 0) + 1,
        created_by_id=actor_id,
        updated_by_id=actor_id,
        **values,
    )
    item.themes = themes
    session.add(item)
    session.flush()
    history.record(
        session, actor_id, ENTITY, item.id, "created", None, f"{engagement.reference} #{item.position}"
    )
    return _data_of(item, _area_name(session, data.area_id) or "", ())


def _area_name(session: Session, area_id: object) -> str | None:
    area = session.get(Area, area_id) if isinstance(area_id, uuid.UUID) else None
    return area.name if area else None


def _record_changes(
    session: Session, actor_id: uuid.UUID, item: FeedbackItem, before: dict[str, object]
) -> None:
    """Write each changed field to the history; personal data only as a marker, never in clear."""
    after = {name: getattr(item, name) for name in before if name != "themes"}
    after["themes"] = ", ".join(t.name for t in item.themes)
    for name, old in before.items():
        new = after[name]
        if old == new:
            continue
        if name in PERSONAL_FIELDS:
            old, new = None, PERSONAL_CHANGED if new else PERSONAL_REMOVED
        elif name == "area_id":
            old, new = _area_name(session, old), _area_name(session, new)
        history.record(session, actor_id, ENTITY, item.id, name, old, new)


def update_feedback(
    session: Session,
    actor_id: uuid.UUID,
    feedback_id: uuid.UUID,
    data: FeedbackInput,
    expected_version: int | None = None,
) -> FeedbackData:
    """Save edits to a feedback item; withdrawing consent removes the contact it allowed."""
    item = _load(session, feedback_id)
    if expected_version is not None and item.row_version != expected_version:
        raise ConflictError("This feedback item was changed by someone else; reload it and try again.")
    data = data.cleaned()
    if item.consent_to_contact and not data.consent_to_contact:
        data = replace(data, contact_name="", contact_details="", consent_recorded_on=None)
    themes = _validate(session, data)
    names = [spec.name for spec in fields(FeedbackInput) if spec.name != "theme_ids"]
    before: dict[str, object] = {name: getattr(item, name) for name in names}
    before["themes"] = ", ".join(t.name for t in item.themes)
    for name in names:
        setattr(item, name, getattr(data, name))
    item.themes = sorted(themes, key=lambda t: t.name)
    _record_changes(session, actor_id, item, before)
    item.updated_by_id = actor_id
    session.flush()
    return get_feedback(session, item.id)


def delete_feedback(session: Session, actor_id: uuid.UUID, feedback_id: uuid.UUID, reason: str = "") -> None:
    """Soft-delete a feedback item recorded in error; refused once actions were raised from it."""
    item = _load(session, feedback_id)
    refs = action_references(session, [item.id]).get(item.id, ())
    if refs:
        raise ValidationError.single(
            "record", f"Actions were raised from this item ({', '.join(refs)}); it cannot be deleted."
        )
    item.deleted_at = utc_now()
    item.updated_by_id = actor_id
    history.record(session, actor_id, ENTITY, item.id, "deleted", f"#{item.position}", None, reason.strip())
    session.flush()


def move_feedback(
    session: Session, actor_id: uuid.UUID, feedback_id: uuid.UUID, new_position: int
) -> list[FeedbackData]:
    """Move an item to ``new_position`` (1 = first) and number the live items 1, 2, 3…; return them."""
    item = _load(session, feedback_id)
    stmt = (
        select(FeedbackItem)
        .where(FeedbackItem.engagement_id == item.engagement_id, FeedbackItem.deleted_at.is_(None))
        .order_by(FeedbackItem.position, FeedbackItem.created_at)
    )
    items = [i for i in session.scalars(stmt) if i.id != item.id]
    target = min(max(new_position, 1), len(items) + 1)
    items.insert(target - 1, item)
    old_position = item.position
    for number, each in enumerate(items, start=1):
        if each.position != number:
            each.position = number
    if old_position != item.position:
        history.record(session, actor_id, ENTITY, item.id, "position", old_position, item.position)
        item.updated_by_id = actor_id
    session.flush()
    return list_feedback(session, item.engagement_id)
