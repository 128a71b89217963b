"""The Dog Unit's monthly visit schedule in the database: plan months and list them.

Domain: docs/domain.md §2.6 and §3.7. Each month the scheme schedules
``aws_settings.visits_per_month`` visits (one by default) to the Dog Unit, each a *slot* for the
month with a pair of Animal Welfare Scheme visitors. The visit is unannounced: the slot is a month,
not a date, and the pair choose the day. Choosing the pairs is pure and lives in
``aws_schedule_planner``; this module feeds it the team and the pairs already on the schedule, and
writes the slots. Hand edits (a new pair, closing a month) live in ``aws_schedule_edit`` and who
may visit in ``aws_schedule_team``; both are re-exported here.

Who may be planned into a month: an Active member of the scheme for the whole month (started by
its first day, or with no start recorded; not ended before its last day). Fairness counts every
live slot a volunteer is paired on that was not cancelled (a missed visit still took their turn).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from pcc_desktop.models import (
    AWS_LAUNCHED_ON,
    AwsSite,
    AwsSlot,
    AwsVisit,
    SlotStatus,
    Volunteer,
)
from pcc_desktop.services import aws_settings, history
from pcc_desktop.services.aws_register import dog_unit_site_id
from pcc_desktop.services.aws_schedule_planner import (
    Candidate,
    MonthRequest,
    Pair,
    month_text,
    pair_of,
    plan_pairs,
    shift_month,
)
from pcc_desktop.services.aws_schedule_team import (
    VolunteerRef,
    aws_volunteers,
    month_end,
    month_start,
    month_volunteers,
    whole_month_volunteers,
)
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import Errors, NotFoundError, ValidationError

ENTITY = "aws_slot"
MAX_MONTHS = 24
STATUS_LABELS = {
    SlotStatus.SCHEDULED: "Scheduled",
    SlotStatus.COMPLETED: "Completed",
    SlotStatus.MISSED: "Missed",
    SlotStatus.CANCELLED: "Cancelled",
}
_NO_TEAM = (
    "Fewer than two Animal Welfare Scheme visitors are active, so the visits were scheduled without a "
    "pair. Use Change pair… to pair each visit by hand."
)


@dataclass(frozen=True)
class PlanResult:
    """What planning did: slots created, the months given slots, months skipped, and warnings."""

    slots_created: int
    months: tuple[date, ...]
    skipped: tuple[date, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class AwsSlotRow:
    """One month's visit as shown in the schedule."""

    id: uuid.UUID
    month: date
    position: int
    site_id: uuid.UUID
    site_name: str
    volunteer_a_id: uuid.UUID | None
    volunteer_a_name: str
    volunteer_b_id: uuid.UUID | None
    volunteer_b_name: str
    status: SlotStatus
    status_label: str
    reason: str
    visit_id: uuid.UUID | None
    visit_reference: str
    row_version: int

    @property
    def month_text(self) -> str:
        """``June 2025``."""
        return month_text(self.month)

    @property
    def volunteers(self) -> str:
        """The pair in words."""
        names = [n for n in (self.volunteer_a_name, self.volunteer_b_name) if n]
        return " and ".join(names) if names else "(no pair yet)"


# --- slots -------------------------------------------------------------------------------------


def _live_slots(session: Session, first: date, last: date, *conditions: object) -> list[AwsSlot]:
    stmt = select(AwsSlot).where(
        AwsSlot.deleted_at.is_(None), AwsSlot.month >= first, AwsSlot.month <= last, *conditions
    )
    return list(session.scalars(stmt.order_by(AwsSlot.month, AwsSlot.position)))


def _visit_pairs(slots: Sequence[AwsSlot]) -> dict[date, set[Pair]]:
    """Pairs of the slots that stand for a visit (not cancelled), by month."""
    found: dict[date, set[Pair]] = {}
    for slot in slots:
        if slot.status != SlotStatus.CANCELLED and slot.volunteer_a_id and slot.volunteer_b_id:
            found.setdefault(slot.month, set()).add(pair_of(slot.volunteer_a_id, slot.volunteer_b_id))
    return found


def _candidates(session: Session, people: Sequence[VolunteerRef]) -> list[Candidate]:
    """Each volunteer with their visits so far (any site, not cancelled) and their latest month."""
    stmt = select(AwsSlot.volunteer_a_id, AwsSlot.volunteer_b_id, AwsSlot.month).where(
        AwsSlot.deleted_at.is_(None), AwsSlot.status != SlotStatus.CANCELLED
    )
    visits: dict[uuid.UUID, int] = {}
    last: dict[uuid.UUID, date] = {}
    for a, b, month in session.execute(stmt):
        for who in (a, b):
            if who is not None:
                visits[who] = visits.get(who, 0) + 1
                last[who] = max(last.get(who, month), month)
    return [Candidate(p.id, p.name, visits.get(p.id, 0), last.get(p.id)) for p in people]


def _plan_site(session: Session, site_id: uuid.UUID | None) -> AwsSite:
    if site_id is None:
        site_id = dog_unit_site_id(session)
        if site_id is None:
            raise ValidationError.single(
                "site_id", "There is no active Dog Unit on the register: add it under Sites first."
            )
    site = session.get(AwsSite, site_id)
    if site is None or site.is_deleted or not site.active:
        raise ValidationError.single("site_id", "Choose an active site on the register.")
    return site


def _check_request(first: date, months: int) -> None:
    errors = Errors()
    errors.check(1 <= months <= MAX_MONTHS, "months", f"Plan between 1 and {MAX_MONTHS} months.")
    this_month = month_start(today())
    errors.check(
        first >= AWS_LAUNCHED_ON,
        "first_month",
        f"The Animal Welfare Scheme began in {month_text(AWS_LAUNCHED_ON)}: plan from then on.",
    )
    errors.check(
        first >= this_month,
        "first_month",
        f"Plan from this month on: {month_text(first)} is over ({month_text(this_month)} is the earliest).",
    )
    errors.raise_if_any()


def plan_schedule(
    session: Session,
    actor_id: uuid.UUID,
    first_month: date,
    months: int,
    site_id: uuid.UUID | None = None,
) -> PlanResult:
    """Schedule the visits of ``months`` months from ``first_month`` at a site, each with a fair pair.

    Months that already have a live slot at the site are left alone and named in the warnings. With
    fewer than two active visitors the slots are made without a pair, for the coordinator to pair
    by hand. Nothing is written when the request is refused.

    Args:
        session: the open session; the caller commits.
        actor_id: who planned it.
        first_month: any day of the first month (the month is what counts); this month or later.
        months: 1 to 24.
        site_id: the site to visit; the Dog Unit when None.

    Raises:
        ValidationError: on ``months``, ``first_month`` or ``site_id``.
    """
    first = month_start(first_month)
    _check_request(first, months)
    site = _plan_site(session, site_id)
    wanted = [shift_month(first, i) for i in range(months)]
    nearby = _live_slots(session, shift_month(first, -1), shift_month(first, months))
    taken = {s.month for s in nearby if s.site_id == site.id}
    todo = [m for m in wanted if m not in taken]
    skipped = [m for m in wanted if m in taken]
    requests, team = _requests(session, nearby, todo, aws_settings.visits_per_month(session))
    plan = plan_pairs(requests, _candidates(session, list(team.values())), _visit_pairs(nearby))
    created = _save(session, actor_id, site, plan.months)
    warnings = _skipped_warning(site, skipped)
    warnings += [_NO_TEAM] if todo and len(team) < 2 else plan.warnings
    return PlanResult(created, tuple(todo), tuple(skipped), tuple(warnings))


def _booked(slots: Sequence[AwsSlot], month: date) -> set[uuid.UUID]:
    """Who already has a visit (not cancelled) in ``month`` at any site."""
    return {
        who
        for s in slots
        if s.month == month and s.status != SlotStatus.CANCELLED
        for who in (s.volunteer_a_id, s.volunteer_b_id)
        if who is not None
    }


def _requests(
    session: Session, nearby: Sequence[AwsSlot], todo: Sequence[date], per_month: int
) -> tuple[list[MonthRequest], dict[uuid.UUID, VolunteerRef]]:
    """For each month to plan, who may visit (active all month, not booked elsewhere); and all of them."""
    team: dict[uuid.UUID, VolunteerRef] = {}
    requests = []
    for month in todo:
        booked = _booked(nearby, month)
        free = [v for v in whole_month_volunteers(session, month) if v.id not in booked]
        team.update({v.id: v for v in free})
        requests.append(MonthRequest(month, per_month, frozenset(v.id for v in free)))
    return requests, team


def months_text(months: Sequence[date]) -> str:
    """Months in words, runs joined: ``June 2025, August 2025 to October 2025``."""
    runs: list[list[date]] = []
    for month in sorted(months):
        if runs and shift_month(runs[-1][-1], 1) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(
        month_text(run[0]) if len(run) == 1 else f"{month_text(run[0])} to {month_text(run[-1])}"
        for run in runs
    )


def _skipped_warning(site: AwsSite, skipped: Sequence[date]) -> list[str]:
    if not skipped:
        return []
    verb = "has" if len(skipped) == 1 else "have"
    when = months_text(skipped)
    return [f"{when} already {verb} visits scheduled at {site.name}, so they were left as they are."]


def _save(
    session: Session,
    actor_id: uuid.UUID,
    site: AwsSite,
    months: Sequence[tuple[date, Sequence[tuple[uuid.UUID, uuid.UUID] | None]]],
) -> int:
    count = 0
    for month, pairs in months:
        for position, pair in enumerate(pairs, start=1):
            slot = AwsSlot(
                id=uuid.uuid4(),
                site_id=site.id,
                month=month,
                position=position,
                volunteer_a_id=pair[0] if pair else None,
                volunteer_b_id=pair[1] if pair else None,
                created_by_id=actor_id,
                updated_by_id=actor_id,
            )
            session.add(slot)
            history.record(
                session, actor_id, ENTITY, slot.id, "created", None, f"{month_text(month)} #{position}"
            )
            count += 1
    session.flush()
    return count


# --- listing -----------------------------------------------------------------------------------


def _rows(session: Session, *conditions: object) -> list[AwsSlotRow]:
    vol_a, vol_b = aliased(Volunteer), aliased(Volunteer)
    stmt = (
        select(AwsSlot, AwsSite.name, vol_a.name, vol_b.name)
        .join(AwsSite, AwsSite.id == AwsSlot.site_id)
        .outerjoin(vol_a, vol_a.id == AwsSlot.volunteer_a_id)
        .outerjoin(vol_b, vol_b.id == AwsSlot.volunteer_b_id)
        .where(AwsSlot.deleted_at.is_(None), *conditions)
        .order_by(AwsSlot.month, AwsSlot.position, func.lower(AwsSite.name))
    )
    found = session.execute(stmt).all()
    visits = _visits_of(session, [slot.id for slot, *_ in found])
    return [
        AwsSlotRow(
            id=s.id,
            month=s.month,
            position=s.position,
            site_id=s.site_id,
            site_name=site,
            volunteer_a_id=s.volunteer_a_id,
            volunteer_a_name=a or "",
            volunteer_b_id=s.volunteer_b_id,
            volunteer_b_name=b or "",
            status=s.status,
            status_label=STATUS_LABELS[s.status],
            reason=s.reason,
            visit_id=visits[s.id][0] if s.id in visits else None,
            visit_reference=visits[s.id][1] if s.id in visits else "",
            row_version=s.row_version,
        )
        for s, site, a, b in found
    ]


def _visits_of(session: Session, slot_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[uuid.UUID, str]]:
    """The live visit report made for each slot (the earliest reference when there are several)."""
    if not slot_ids:
        return {}
    stmt = (
        select(AwsVisit.slot_id, AwsVisit.id, AwsVisit.reference)
        .where(AwsVisit.deleted_at.is_(None), AwsVisit.slot_id.in_(slot_ids))
        .order_by(AwsVisit.reference.desc())
    )
    return {slot_id: (visit_id, ref) for slot_id, visit_id, ref in session.execute(stmt)}


def list_schedule(
    session: Session, date_from: date, date_to: date, site_id: uuid.UUID | None = None
) -> list[AwsSlotRow]:
    """Live slots of the months from ``date_from``'s month to ``date_to``'s, by month and position."""
    conditions = [AwsSlot.month >= month_start(date_from), AwsSlot.month <= date_to]
    if site_id is not None:
        conditions.append(AwsSlot.site_id == site_id)
    return _rows(session, *conditions)


def get_slot(session: Session, slot_id: uuid.UUID) -> AwsSlotRow:
    """One live slot (NotFoundError when gone)."""
    rows = _rows(session, AwsSlot.id == slot_id)
    if not rows:
        raise NotFoundError("That month's visit is no longer on the schedule.")
    return rows[0]


def next_free_month(session: Session, site_id: uuid.UUID | None = None) -> date:
    """The first month from this one with no live slot at the site (the Dog Unit when None)."""
    month = month_start(today())
    site_id = site_id or dog_unit_site_id(session)
    if site_id is None:
        return month
    stmt = select(AwsSlot.month).where(
        AwsSlot.deleted_at.is_(None), AwsSlot.site_id == site_id, AwsSlot.month >= month
    )
    taken = set(session.scalars(stmt))
    while month in taken:
        month = shift_month(month, 1)
    return month


# Hand edits live in aws_schedule_edit; callers may import them from here.
from pcc_desktop.services.aws_schedule_edit import assign_pair, close_slot, reopen_slot  # noqa: E402

__all__ = [
    "ENTITY",
    "MAX_MONTHS",
    "STATUS_LABELS",
    "AwsSlotRow",
    "PlanResult",
    "VolunteerRef",
    "assign_pair",
    "aws_volunteers",
    "close_slot",
    "get_slot",
    "list_schedule",
    "month_end",
    "month_start",
    "month_volunteers",
    "months_text",
    "next_free_month",
    "plan_schedule",
    "reopen_slot",
    "whole_month_volunteers",
]
