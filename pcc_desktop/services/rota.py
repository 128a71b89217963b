"""The custody visiting rota in the database: generate, list, edit by hand, close, count, export.

Domain: docs/domain.md §2.5 and issue 4. Planning itself is pure and lives in ``rota_planner``; this
module feeds it the suites open in the period and the ICV volunteers available at its start, and
writes the slots. Rotas start on a Monday, so a round is one Monday-to-Sunday week in Europe/London
time and a hand edit can be checked against the same rules the planner keeps. Windows are planned in
London time and stored in UTC.

"% achieved" = completed ÷ (scheduled − cancelled) × 100: a slot the office cancelled (suite closed,
visits suspended) was never a visit the volunteers could make, so it leaves the denominator; a missed
slot stays in it. A slot still scheduled counts as not (yet) achieved.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from pcc_desktop.models import CustodySuite, RotaSlot, SchemeMembership, Volunteer
from pcc_desktop.models.base import utc_now
from pcc_desktop.models.custody import SlotStatus
from pcc_desktop.models.volunteer import MembershipStatus, Scheme
from pcc_desktop.services import history
from pcc_desktop.services.clock import LONDON, format_date, local_time
from pcc_desktop.services.errors import Errors, NotFoundError, ValidationError
from pcc_desktop.services.rota_planner import (
    PastPairing,
    PlannedSlot,
    RotaRules,
    SuiteSpec,
    VolunteerSpec,
    plan_rota,
)
from pcc_desktop.services.table_export import write_table

ENTITY = "rota_slot"
MAX_WEEKS = 26
STATUS_LABELS = {
    SlotStatus.SCHEDULED: "Scheduled",
    SlotStatus.COMPLETED: "Completed",
    SlotStatus.MISSED: "Missed",
    SlotStatus.CANCELLED: "Cancelled",
}
EXPORT_HEADERS = ("Suite", "Window", "Volunteer A", "Volunteer B", "Status", "Reason", "Rota")


@dataclass(frozen=True)
class RotaResult:
    """What generating a rota did."""

    slots_created: int
    unfilled: int
    warnings: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class SlotRow:
    """One rota slot as shown in the rota list."""

    id: uuid.UUID
    suite_id: uuid.UUID
    suite_name: str
    window_starts: datetime
    window_ends: datetime
    window_text: str
    volunteer_a_id: uuid.UUID | None
    volunteer_a_name: str
    volunteer_b_id: uuid.UUID | None
    volunteer_b_name: str
    status: SlotStatus
    reason: str
    rota_label: str
    row_version: int

    @property
    def volunteers(self) -> str:
        """The pair in words."""
        names = [n for n in (self.volunteer_a_name, self.volunteer_b_name) if n]
        return " and ".join(names) if names else "(no pair yet)"

    @property
    def status_label(self) -> str:
        """The status in words."""
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class RotaStats:
    """Slots in a period by how they ended, and the share achieved (see the module docstring)."""

    scheduled: int
    completed: int
    missed: int
    cancelled: int
    open: int
    achieved_pct: float | None


# --- time helpers -------------------------------------------------------------------------------


def _utc(local: datetime) -> datetime:
    """A naive Europe/London time as aware UTC."""
    return local.replace(tzinfo=LONDON).astimezone(UTC)


def _day_start(day: date) -> datetime:
    return _utc(datetime.combine(day, time()))


def _monday(moment: datetime) -> date:
    day = local_time(moment).date()
    return day - timedelta(days=day.weekday())


def window_text(starts: datetime, ends: datetime) -> str:
    """A window the way the rota prints it: "Tue 14/01 19:00–22:00" (London time)."""
    return f"{local_time(starts):%a %d/%m %H:%M}–{local_time(ends):%H:%M}"


# --- who and where ------------------------------------------------------------------------------


def available_volunteers(session: Session, on: date) -> list[Volunteer]:
    """ICV volunteers who may be rostered from ``on``, in reference order.

    Active ICV membership that started on or before ``on`` and has not ended by then, and vetting
    not expired on ``on`` (no expiry recorded counts as not expired).
    """
    stmt = (
        select(Volunteer)
        .join(SchemeMembership, SchemeMembership.volunteer_id == Volunteer.id)
        .where(
            Volunteer.deleted_at.is_(None),
            SchemeMembership.deleted_at.is_(None),
            SchemeMembership.scheme == Scheme.ICV,
            SchemeMembership.status == MembershipStatus.ACTIVE,
            SchemeMembership.started_on.is_not(None),
            SchemeMembership.started_on <= on,
            or_(SchemeMembership.ended_on.is_(None), SchemeMembership.ended_on > on),
            or_(Volunteer.vetting_expires_on.is_(None), Volunteer.vetting_expires_on >= on),
        )
        .order_by(Volunteer.reference)
    )
    return list(session.scalars(stmt))


def _suites_open(session: Session, first: date, last: date) -> list[CustodySuite]:
    stmt = (
        select(CustodySuite)
        .where(
            CustodySuite.deleted_at.is_(None),
            CustodySuite.visits_per_week > 0,
            or_(CustodySuite.active_from.is_(None), CustodySuite.active_from <= last),
            or_(CustodySuite.active_to.is_(None), CustodySuite.active_to >= first),
        )
        .order_by(CustodySuite.name)
    )
    return list(session.scalars(stmt))


def _live_slots(session: Session, starts: datetime, ends: datetime) -> list[RotaSlot]:
    stmt = select(RotaSlot).where(
        RotaSlot.deleted_at.is_(None), RotaSlot.window_starts >= starts, RotaSlot.window_starts < ends
    )
    return list(session.scalars(stmt.order_by(RotaSlot.window_starts)))


def _past_pairings(session: Session, start: date, rounds: int) -> list[PastPairing]:
    """Pairs from the ``rounds`` weeks before ``start`` (cancelled slots were never visits)."""
    found = []
    for slot in _live_slots(session, _day_start(start - timedelta(weeks=rounds)), _day_start(start)):
        if slot.status != SlotStatus.CANCELLED and slot.volunteer_a_id and slot.volunteer_b_id:
            ago = (start - _monday(slot.window_starts)).days // 7
            found.append(PastPairing(slot.volunteer_a_id, slot.volunteer_b_id, max(1, ago), slot.suite_id))
    return found


# --- generating ---------------------------------------------------------------------------------


def _check_request(start: date, weeks: int, rules: RotaRules) -> None:
    errors = Errors()
    errors.check(start.weekday() == 0, "start", "Start the rota on a Monday, so each round is one week.")
    errors.check(1 <= weeks <= MAX_WEEKS, "weeks", f"Plan between 1 and {MAX_WEEKS} weeks.")
    errors.check(0 <= rules.no_repeat_rounds <= MAX_WEEKS, "no_repeat_rounds", "Use 0 to 26 weeks.")
    errors.check(1 <= rules.window_hours <= 8, "window_hours", "A window is 1 to 8 hours long.")
    errors.raise_if_any()


def _clear_period(
    session: Session, actor_id: uuid.UUID, clashes: list[RotaSlot], replace_scheduled: bool
) -> None:
    """Refuse when scheduled slots already cover the period, or soft-delete them when asked to."""
    if clashes and not replace_scheduled:
        labels = ", ".join(sorted({s.rota_label for s in clashes if s.rota_label})) or "an earlier rota"
        raise ValidationError.single(
            "start",
            f"{len(clashes)} visits are already scheduled in this period ({labels}): "
            "choose another start, or replace the scheduled visits.",
        )
    now = utc_now()
    for slot in clashes:
        slot.deleted_at = now
        slot.updated_by_id = actor_id
        history.record(
            session, actor_id, ENTITY, slot.id, "deleted", slot.rota_label, None, "Replaced by a new rota"
        )


def generate_rota(
    session: Session,
    actor_id: uuid.UUID,
    start: date,
    weeks: int,
    rules: RotaRules | None = None,
    replace_scheduled: bool = False,
    unavailable: Mapping[uuid.UUID, frozenset[int]] | None = None,
) -> RotaResult:
    """Plan and save a rota of ``weeks`` weeks from Monday ``start`` for every open suite.

    Args:
        session: the open session; the caller commits.
        actor_id: who generated it.
        start: a Monday.
        weeks: 1 to 26 (a month is 4 or 5, a quarter 13).
        rules: pair-repeat gap, window length and seed.
        replace_scheduled: soft-delete slots still scheduled in the period instead of refusing.
        unavailable: weekdays (0 = Monday) each volunteer cannot visit.

    Raises:
        ValidationError: a bad request, or scheduled slots already in the period.
    """
    rules = rules or RotaRules()
    _check_request(start, weeks, rules)
    end = start + timedelta(weeks=weeks)
    suites = _suites_open(session, start, end - timedelta(days=1))
    if not suites:
        raise ValidationError.single("start", "No custody suite is open in this period.")
    existing = _live_slots(session, _day_start(start), _day_start(end))
    clashes = [
        s for s in existing if s.status == SlotStatus.SCHEDULED and s.suite_id in {x.id for x in suites}
    ]
    _clear_period(session, actor_id, clashes, replace_scheduled)
    away = unavailable or {}
    plan = plan_rota(
        [SuiteSpec(s.id, s.name, s.visits_per_week, s.active_from, s.active_to) for s in suites],
        [
            VolunteerSpec(v.id, v.name, away.get(v.id, frozenset()))
            for v in available_volunteers(session, start)
        ],
        start,
        weeks,
        rules,
        _past_pairings(session, start, rules.no_repeat_rounds),
    )
    label = f"Rota {format_date(start)}–{format_date(end - timedelta(days=1))}"
    _save(session, actor_id, plan.slots, label)
    unfilled = sum(not p.filled for p in plan.slots)
    return RotaResult(len(plan.slots), unfilled, tuple(plan.warnings), label)


def _save(session: Session, actor_id: uuid.UUID, planned: Sequence[PlannedSlot], label: str) -> None:
    for item in planned:
        slot = RotaSlot(
            id=uuid.uuid4(),
            suite_id=item.suite_id,
            window_starts=_utc(item.window_starts),
            window_ends=_utc(item.window_ends),
            volunteer_a_id=item.volunteer_a,
            volunteer_b_id=item.volunteer_b,
            rota_label=label,
            created_by_id=actor_id,
            updated_by_id=actor_id,
        )
        session.add(slot)
        history.record(session, actor_id, ENTITY, slot.id, "created", None, label)
    session.flush()


# --- listing ------------------------------------------------------------------------------------


def _rows(session: Session, stmt_filter: Sequence[object]) -> list[SlotRow]:
    vol_a, vol_b = aliased(Volunteer), aliased(Volunteer)
    stmt = (
        select(RotaSlot, CustodySuite.name, vol_a.name, vol_b.name)
        .join(CustodySuite, CustodySuite.id == RotaSlot.suite_id)
        .outerjoin(vol_a, vol_a.id == RotaSlot.volunteer_a_id)
        .outerjoin(vol_b, vol_b.id == RotaSlot.volunteer_b_id)
        .where(RotaSlot.deleted_at.is_(None), *stmt_filter)
        .order_by(RotaSlot.window_starts, CustodySuite.name)
    )
    return [
        SlotRow(
            id=s.id,
            suite_id=s.suite_id,
            suite_name=suite,
            window_starts=s.window_starts,
            window_ends=s.window_ends,
            window_text=window_text(s.window_starts, s.window_ends),
            volunteer_a_id=s.volunteer_a_id,
            volunteer_a_name=a or "",
            volunteer_b_id=s.volunteer_b_id,
            volunteer_b_name=b or "",
            status=s.status,
            reason=s.reason,
            rota_label=s.rota_label,
            row_version=s.row_version,
        )
        for s, suite, a, b in session.execute(stmt)
    ]


def _period_filter(date_from: date, date_to: date, suite_id: uuid.UUID | None) -> list[object]:
    found: list[object] = [
        RotaSlot.window_starts >= _day_start(date_from),
        RotaSlot.window_starts < _day_start(date_to + timedelta(days=1)),
    ]
    if suite_id is not None:
        found.append(RotaSlot.suite_id == suite_id)
    return found


def list_slots(
    session: Session, date_from: date, date_to: date, suite_id: uuid.UUID | None = None
) -> list[SlotRow]:
    """Live slots whose window opens between the two dates (inclusive, London time), in time order."""
    return _rows(session, _period_filter(date_from, date_to, suite_id))


def get_slot(session: Session, slot_id: uuid.UUID) -> SlotRow:
    """One live slot."""
    rows = _rows(session, [RotaSlot.id == slot_id])
    if not rows:
        raise NotFoundError("That rota slot no longer exists.")
    return rows[0]


def _load(session: Session, slot_id: uuid.UUID) -> RotaSlot:
    slot = session.get(RotaSlot, slot_id)
    if slot is None or slot.deleted_at is not None:
        raise NotFoundError("That rota slot no longer exists.")
    return slot


# --- statistics and export ----------------------------------------------------------------------


def rota_statistics(
    session: Session, date_from: date, date_to: date, suite_id: uuid.UUID | None = None
) -> RotaStats:
    """Slots in the period by status and % achieved = completed ÷ (scheduled − cancelled) × 100.

    ``scheduled`` is every live slot in the period, whatever its status; ``achieved_pct`` is None
    when nothing is left once cancelled slots are taken out.
    """
    stmt = select(RotaSlot.status).where(
        RotaSlot.deleted_at.is_(None), *_period_filter(date_from, date_to, suite_id)
    )
    statuses = list(session.scalars(stmt))
    count = {status: statuses.count(status) for status in SlotStatus}
    base = len(statuses) - count[SlotStatus.CANCELLED]
    return RotaStats(
        scheduled=len(statuses),
        completed=count[SlotStatus.COMPLETED],
        missed=count[SlotStatus.MISSED],
        cancelled=count[SlotStatus.CANCELLED],
        open=count[SlotStatus.SCHEDULED],
        achieved_pct=round(100 * count[SlotStatus.COMPLETED] / base, 1) if base else None,
    )


def export_rota(rows: Sequence[SlotRow], path: Path) -> int:
    """Write the rota rows to .csv or .xlsx (by suffix); return the row count."""
    table = [
        (
            r.suite_name,
            r.window_text,
            r.volunteer_a_name,
            r.volunteer_b_name,
            r.status_label,
            r.reason,
            r.rota_label,
        )
        for r in rows
    ]
    return write_table(EXPORT_HEADERS, table, path, title="Custody visiting rota")


# Hand edits live in rota_edit; callers may import them from here.
from pcc_desktop.services.rota_edit import assign_slot, close_slot  # noqa: E402

__all__ = ["assign_slot", "close_slot"]
