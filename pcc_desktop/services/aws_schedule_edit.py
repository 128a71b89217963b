"""Editing the Dog Unit schedule by hand: change a month's pair, close a month, reopen it.

Split from :mod:`aws_schedule`, which re-exports these names. The rules a coordinator keeps by hand:

* A pair is two different visitors, both Active in the scheme on at least one day of the month,
  and neither already making another visit (not cancelled) that month. Unlike the planner, a hand
  edit may repeat last month's pair: with a small team that is sometimes the only pair there is,
  and the coordinator is the judge of it.
* A month ends as completed, missed or cancelled. Missed and cancelled need a reason. A visit
  cannot be completed, or recorded as missed, before its month has begun (the pair may visit on any
  day of the month, so a missed visit is known at the earliest once the month is under way);
  cancelling ahead (the unit closed, visits suspended) is allowed at any time.
* Reopening a closed month needs a reason, which goes to the history.

Volunteers appear in the history by their reference (``VOL-2025-0001``), never by name.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import AwsSlot, SlotStatus, Volunteer
from pcc_desktop.services import history
from pcc_desktop.services.aws_schedule import (
    ENTITY,
    STATUS_LABELS,
    AwsSlotRow,
    _live_slots,
    get_slot,
)
from pcc_desktop.services.aws_schedule_planner import month_text
from pcc_desktop.services.aws_schedule_team import month_start, month_volunteers
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import Errors, NotFoundError

MAX_REASON = 2000
CLOSING = (SlotStatus.COMPLETED, SlotStatus.MISSED, SlotStatus.CANCELLED)


def _load(session: Session, slot_id: uuid.UUID) -> AwsSlot:
    slot = session.get(AwsSlot, slot_id)
    if slot is None or slot.is_deleted:
        raise NotFoundError("That month's visit is no longer on the schedule.")
    return slot


def _people(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str]]:
    """(name, reference) of each volunteer id given."""
    stmt = select(Volunteer.id, Volunteer.name, Volunteer.reference).where(Volunteer.id.in_(ids))
    return {row.id: (row.name, row.reference) for row in session.execute(stmt)}


def _check_pair(session: Session, slot: AwsSlot, a: uuid.UUID | None, b: uuid.UUID | None) -> None:
    errors = Errors()
    errors.check(
        slot.status == SlotStatus.SCHEDULED,
        "status",
        "Only a scheduled visit can be given a new pair: reopen it first.",
    )
    errors.check(a is not None, "volunteer_a_id", "Choose the first visitor.")
    errors.check(b is not None, "volunteer_b_id", "Choose the second visitor.")
    errors.check(
        a is None or a != b, "volunteer_b_id", "Choose two different visitors: visits are made in pairs."
    )
    errors.raise_if_any()
    assert a is not None and b is not None  # checked above; narrows the types
    when = month_text(slot.month)
    people = _people(session, [a, b])
    allowed = {v.id for v in month_volunteers(session, slot.month)}
    others = [
        s
        for s in _live_slots(session, slot.month, slot.month)
        if s.id != slot.id and s.status != SlotStatus.CANCELLED
    ]
    for field, who in (("volunteer_a_id", a), ("volunteer_b_id", b)):
        name = people.get(who, ("", ""))[0]
        if who not in allowed:
            errors.add(
                field, f"{name or 'This person'} is not an active Animal Welfare Scheme visitor in {when}."
            )
        elif any(who in (s.volunteer_a_id, s.volunteer_b_id) for s in others):
            errors.add(field, f"{name} already has another visit in {when}.")
    errors.raise_if_any()


def assign_pair(
    session: Session,
    actor_id: uuid.UUID,
    slot_id: uuid.UUID,
    volunteer_a_id: uuid.UUID | None,
    volunteer_b_id: uuid.UUID | None,
) -> AwsSlotRow:
    """Give a scheduled month's visit a pair by hand (see the module docstring for the rules).

    Raises:
        NotFoundError: the slot is gone.
        ValidationError: on ``status``, ``volunteer_a_id`` or ``volunteer_b_id``.
    """
    slot = _load(session, slot_id)
    _check_pair(session, slot, volunteer_a_id, volunteer_b_id)
    ids = [v for v in (slot.volunteer_a_id, slot.volunteer_b_id, volunteer_a_id, volunteer_b_id) if v]
    refs = {who: ref for who, (_name, ref) in _people(session, ids).items()}
    for field, new in (("volunteer_a_id", volunteer_a_id), ("volunteer_b_id", volunteer_b_id)):
        old = getattr(slot, field)
        if old != new:
            history.record(session, actor_id, ENTITY, slot.id, field, refs.get(old), refs.get(new))
            setattr(slot, field, new)
    slot.updated_by_id = actor_id
    session.flush()
    return get_slot(session, slot.id)


def _check_close(slot: AwsSlot, status: SlotStatus, reason: str) -> None:
    errors = Errors()
    if status not in CLOSING:
        errors.add("status", "Choose completed, missed or cancelled.")
        errors.raise_if_any()
    label = STATUS_LABELS[status].lower()
    errors.check(status != slot.status, "status", f"The visit is already {label}.")
    if status in (SlotStatus.MISSED, SlotStatus.CANCELLED):
        errors.check(bool(reason), "reason", f"Say why the visit was {label}.")
    if status in (SlotStatus.MISSED, SlotStatus.COMPLETED):
        errors.check(
            slot.month <= month_start(today()),
            "status",
            f"{month_text(slot.month)} has not begun: its visit cannot be {label} yet.",
        )
    errors.check(len(reason) <= MAX_REASON, "reason", f"Keep it to {MAX_REASON:,} characters.")
    errors.raise_if_any()


def _set_status(
    session: Session, actor_id: uuid.UUID, slot: AwsSlot, status: SlotStatus, reason: str, kept: str
) -> AwsSlotRow:
    history.record(session, actor_id, ENTITY, slot.id, "status", slot.status, status, reason)
    slot.status = status
    slot.reason = kept
    slot.updated_by_id = actor_id
    session.flush()
    return get_slot(session, slot.id)


def close_slot(
    session: Session, actor_id: uuid.UUID, slot_id: uuid.UUID, status: SlotStatus, reason: str = ""
) -> AwsSlotRow:
    """Record how a month's visit ended: completed, missed or cancelled (the last two need a reason).

    A closed month may be closed again another way (missed recorded by mistake, then completed).

    Raises:
        NotFoundError: the slot is gone.
        ValidationError: on ``status`` (not a closing status, no change, or the month not begun for
            completed or missed) or ``reason`` (missing or too long).
    """
    slot = _load(session, slot_id)
    reason = reason.strip()
    _check_close(slot, status, reason)
    return _set_status(session, actor_id, slot, status, reason, reason)


def reopen_slot(session: Session, actor_id: uuid.UUID, slot_id: uuid.UUID, reason: str) -> AwsSlotRow:
    """Put a closed month back to scheduled, to correct a mistake; the reason goes to the history.

    Raises:
        NotFoundError: the slot is gone.
        ValidationError: on ``status`` (already scheduled) or ``reason`` (missing or too long).
    """
    slot = _load(session, slot_id)
    reason = reason.strip()
    errors = Errors()
    errors.check(slot.status != SlotStatus.SCHEDULED, "status", "The visit is already scheduled.")
    errors.check(bool(reason), "reason", "Say why the visit is reopened.")
    errors.check(len(reason) <= MAX_REASON, "reason", f"Keep it to {MAX_REASON:,} characters.")
    errors.raise_if_any()
    return _set_status(session, actor_id, slot, SlotStatus.SCHEDULED, reason, "")
