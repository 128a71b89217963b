"""Editing a rota by hand: change the pair of a slot, close it as completed, missed or cancelled."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import RotaSlot, Volunteer
from pcc_desktop.models.custody import SlotStatus
from pcc_desktop.services import history
from pcc_desktop.services.clock import format_date, local_time, today
from pcc_desktop.services.errors import Errors
from pcc_desktop.services.rota import (
    ENTITY,
    STATUS_LABELS,
    SlotRow,
    _day_start,
    _live_slots,
    _load,
    _monday,
    available_volunteers,
    get_slot,
    window_text,
)

# --- editing by hand ----------------------------------------------------------------------------


def _names(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    return dict(session.execute(select(Volunteer.id, Volunteer.name).where(Volunteer.id.in_(ids))).all())


def _check_pair_rules(
    session: Session, slot: RotaSlot, pair: tuple[uuid.UUID, uuid.UUID], gap: int, errors: Errors
) -> None:
    """Double booking in the week, the pair-repeat gap and the same suite in consecutive weeks."""
    monday = _monday(slot.window_starts)
    span = max(gap, 1)
    names = _names(session, pair)
    fields = dict(zip(pair, ("volunteer_a_id", "volunteer_b_id"), strict=True))
    nearby = _live_slots(
        session, _day_start(monday - timedelta(weeks=span)), _day_start(monday + timedelta(weeks=span + 1))
    )
    for other in nearby:
        if other.id == slot.id or other.status == SlotStatus.CANCELLED:
            continue
        weeks_apart = abs((_monday(other.window_starts) - monday).days) // 7
        shared = [v for v in pair if v in (other.volunteer_a_id, other.volunteer_b_id)]
        when = window_text(other.window_starts, other.window_ends)
        for who in shared:
            if weeks_apart == 0:
                errors.add(fields[who], f"{names[who]} already has a visit that week ({when}).")
            elif weeks_apart == 1 and other.suite_id == slot.suite_id:
                errors.add(fields[who], f"{names[who]} visits this suite the week before or after ({when}).")
        if len(shared) == 2 and 0 < weeks_apart <= gap:
            errors.add(
                "volunteer_b_id",
                f"{names[pair[0]]} and {names[pair[1]]} are already paired on {when}: "
                f"a pair is not repeated within {gap} weeks.",
            )


def _check_assignment(
    session: Session, slot: RotaSlot, a: uuid.UUID | None, b: uuid.UUID | None, gap: int
) -> None:
    errors = Errors()
    errors.check(
        slot.status == SlotStatus.SCHEDULED, "status", "Only a scheduled visit can be given a new pair."
    )
    errors.check(
        (a is None) == (b is None), "volunteer_b_id", "Choose two volunteers: visits are made in pairs."
    )
    errors.check(a is None or a != b, "volunteer_b_id", "Choose two different volunteers.")
    errors.raise_if_any()
    if a is None or b is None:
        return
    on = local_time(slot.window_starts).date()
    allowed = {v.id for v in available_volunteers(session, on)}
    for field, who in (("volunteer_a_id", a), ("volunteer_b_id", b)):
        errors.check(who in allowed, field, f"Not an active, vetted custody visitor on {format_date(on)}.")
    errors.raise_if_any()
    _check_pair_rules(session, slot, (a, b), gap, errors)
    errors.raise_if_any()


def assign_slot(
    session: Session,
    actor_id: uuid.UUID,
    slot_id: uuid.UUID,
    volunteer_a_id: uuid.UUID | None,
    volunteer_b_id: uuid.UUID | None,
    no_repeat_rounds: int = 4,
) -> SlotRow:
    """Give a scheduled slot a pair by hand (both None clears it), keeping the rota's rules.

    Raises:
        NotFoundError: the slot is gone.
        ValidationError: not a pair, not available, booked twice that week, at the same suite the
            week before or after, or a pair repeated within ``no_repeat_rounds`` weeks.
    """
    slot = _load(session, slot_id)
    _check_assignment(session, slot, volunteer_a_id, volunteer_b_id, no_repeat_rounds)
    names = _names(
        session, [v for v in (slot.volunteer_a_id, slot.volunteer_b_id, volunteer_a_id, volunteer_b_id) if v]
    )
    for field, new in (("volunteer_a_id", volunteer_a_id), ("volunteer_b_id", volunteer_b_id)):
        old = getattr(slot, field)
        if old != new:
            history.record(session, actor_id, ENTITY, slot.id, field, names.get(old), names.get(new))
            setattr(slot, field, new)
    slot.updated_by_id = actor_id
    session.flush()
    return get_slot(session, slot.id)


def close_slot(
    session: Session, actor_id: uuid.UUID, slot_id: uuid.UUID, status: SlotStatus, reason: str = ""
) -> SlotRow:
    """Record how a slot ended: completed, missed or cancelled (the last two need a reason).

    A slot can be reopened (``SlotStatus.SCHEDULED``) with a reason, to correct a mistake.

    Raises:
        NotFoundError: the slot is gone.
        ValidationError: no reason, missed or completed before its window opened, or no change.
    """
    slot = _load(session, slot_id)
    reason = reason.strip()
    errors = Errors()
    errors.check(status != slot.status, "status", f"The visit is already {STATUS_LABELS[status].lower()}.")
    if status in (SlotStatus.MISSED, SlotStatus.CANCELLED, SlotStatus.SCHEDULED):
        errors.check(bool(reason), "reason", f"Say why the visit is {STATUS_LABELS[status].lower()}.")
    if status in (SlotStatus.MISSED, SlotStatus.COMPLETED):
        opens = local_time(slot.window_starts).date()
        errors.check(
            opens <= today(),
            "status",
            f"The window opens on {format_date(opens)}: it cannot be {status.value} yet.",
        )
    errors.check(len(reason) <= 2000, "reason", "Keep it to 2,000 characters.")
    errors.raise_if_any()
    history.record(session, actor_id, ENTITY, slot.id, "status", slot.status, status, reason)
    slot.status = status
    slot.reason = "" if status == SlotStatus.COMPLETED else reason
    slot.updated_by_id = actor_id
    session.flush()
    return get_slot(session, slot.id)
