"""Independent Custody Visiting statistics for any period, with an optional comparison period.

The figures the Panel and the annual report quote (domain.md §3.4 step 8, §4.2): visits completed
overall and per suite; % of scheduled visits achieved; detainees in custody, offered, seen and
declined; requests by category with the share raised with the custody sergeant and resolved during
the visit; serious issues; volunteer hours on visits; active ICV volunteers at the period's end.

A visit counts once it is submitted or reviewed. "% achieved" is completed ÷ scheduled × 100, where
"scheduled" is the rota slots whose window starts in the period, cancelled ones left out. A period
with no rota slots falls back to the standard: each suite active in the period is expected to have
its ``visits_per_week`` × the whole weeks of the period; ``achievement_basis`` says which was used.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import Integer, Select, cast, func, or_, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    CustodySuite,
    CustodyVisit,
    DetaineeConversation,
    DetaineeRequest,
    ReportStatus,
    RequestCategory,
    RotaSlot,
    Scheme,
    SlotStatus,
)
from pcc_desktop.models.custody import custody_visit_visitor
from pcc_desktop.services.clock import local_time
from pcc_desktop.services.custody_visit_rules import visit_minutes
from pcc_desktop.services.volunteer_counts import members_on

DONE = (ReportStatus.SUBMITTED, ReportStatus.REVIEWED)
BASIS_ROTA = "rota"
BASIS_STANDARD = "standard"
TOP_CATEGORIES = 3


@dataclass(frozen=True)
class SuiteFigures:
    """One suite's visits and rota figures in the period."""

    suite_id: uuid.UUID
    name: str
    visits: int
    scheduled: int
    completed: int
    missed: int
    cancelled: int
    expected: int
    achieved_pct: float | None


@dataclass(frozen=True)
class CategoryFigures:
    """Requests of one category: how many, and the shares raised and resolved."""

    category: str
    count: int
    raised_pct: float | None
    resolved_pct: float | None


@dataclass(frozen=True)
class IcvStats:
    """The ICV figures for one period (and, if asked, the comparison period).

    Attributes:
        visits_completed: Visit reports submitted or reviewed, dated in the period.
        scheduled: Rota slots in the period, cancelled ones left out (or the expected number from
            the standard when ``achievement_basis`` is ``"standard"``).
        completed / missed / cancelled / pending: Rota slots by how they ended (pending: not yet).
        achieved_pct: Completed ÷ scheduled × 100 (None if nothing was scheduled).
        achievement_basis: ``"rota"`` (rota slots) or ``"standard"`` (visits per week per suite).
        volunteer_hours: Σ (departure − arrival) × number of visitors, in hours.
        active_volunteers: Volunteers with an ICV membership active at the period's end.
    """

    date_from: date
    date_to: date
    visits_completed: int
    per_suite: tuple[SuiteFigures, ...]
    scheduled: int
    completed: int
    missed: int
    cancelled: int
    pending: int
    achieved_pct: float | None
    achievement_basis: str
    in_custody: int
    offered: int
    seen: int
    declined: int
    requests_total: int
    requests_raised_pct: float | None
    requests_resolved_pct: float | None
    requests_by_category: tuple[CategoryFigures, ...]
    top_categories: tuple[str, ...]
    serious_issues: int
    volunteer_hours: float
    active_volunteers: int
    comparison: IcvStats | None = None


def _pct(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def _visits(
    session: Session, date_from: date, date_to: date, suite_id: uuid.UUID | None
) -> list[CustodyVisit]:
    stmt = select(CustodyVisit).where(
        CustodyVisit.deleted_at.is_(None),
        CustodyVisit.status.in_(DONE),
        CustodyVisit.visited_on >= date_from,
        CustodyVisit.visited_on <= date_to,
    )
    if suite_id is not None:
        stmt = stmt.where(CustodyVisit.suite_id == suite_id)
    return list(session.scalars(stmt))


def _suites(session: Session, date_from: date, date_to: date, suite_id: uuid.UUID | None) -> list:
    stmt: Select = select(CustodySuite).where(
        CustodySuite.deleted_at.is_(None),
        or_(CustodySuite.active_from.is_(None), CustodySuite.active_from <= date_to),
        or_(CustodySuite.active_to.is_(None), CustodySuite.active_to >= date_from),
    )
    if suite_id is not None:
        stmt = stmt.where(CustodySuite.id == suite_id)
    return list(session.scalars(stmt.order_by(CustodySuite.name)))


def _slots(session: Session, date_from: date, date_to: date, suite_id: uuid.UUID | None) -> list[RotaSlot]:
    """Slots whose window starts (local time) in the period."""
    margin = timedelta(days=1)
    stmt = select(RotaSlot).where(RotaSlot.deleted_at.is_(None))
    if suite_id is not None:
        stmt = stmt.where(RotaSlot.suite_id == suite_id)
    rows = session.scalars(stmt)
    return [
        s
        for s in rows
        if date_from - margin <= s.window_starts.date() <= date_to + margin
        and date_from <= local_time(s.window_starts).date() <= date_to
    ]


def _expected(suite: CustodySuite, date_from: date, date_to: date) -> int:
    start = max(date_from, suite.active_from or date_from)
    end = min(date_to, suite.active_to or date_to)
    weeks = ((end - start).days + 1) // 7 if end >= start else 0
    return suite.visits_per_week * weeks


def _suite_figures(
    suite: CustodySuite, visits: list[CustodyVisit], slots: list[RotaSlot], period: tuple[date, date]
) -> SuiteFigures:
    mine = Counter(s.status for s in slots if s.suite_id == suite.id)
    scheduled = sum(mine.values()) - mine[SlotStatus.CANCELLED]
    expected = _expected(suite, *period)
    done = sum(1 for v in visits if v.suite_id == suite.id)
    use_rota = bool(slots)
    return SuiteFigures(
        suite_id=suite.id,
        name=suite.name,
        visits=done,
        scheduled=scheduled,
        completed=mine[SlotStatus.COMPLETED],
        missed=mine[SlotStatus.MISSED],
        cancelled=mine[SlotStatus.CANCELLED],
        expected=expected,
        achieved_pct=_pct(mine[SlotStatus.COMPLETED], scheduled) if use_rota else _pct(done, expected),
    )


def _requests(
    session: Session, visit_ids: list[uuid.UUID]
) -> tuple[tuple[CategoryFigures, ...], int, int, int]:
    """Per-category figures (by count, then list position), and the totals: all, raised, resolved."""
    stmt = (
        select(
            RequestCategory.name,
            func.count(DetaineeRequest.id),
            func.sum(cast(DetaineeRequest.raised_with_sergeant, Integer)),
            func.sum(cast(DetaineeRequest.resolved_during_visit, Integer)),
        )
        .join(DetaineeConversation, DetaineeConversation.id == DetaineeRequest.conversation_id)
        .join(RequestCategory, RequestCategory.id == DetaineeRequest.category_id)
        .where(
            DetaineeConversation.visit_id.in_(visit_ids),
            DetaineeConversation.deleted_at.is_(None),
            DetaineeRequest.deleted_at.is_(None),
        )
        .group_by(RequestCategory.id)
        .order_by(func.count(DetaineeRequest.id).desc(), RequestCategory.position, RequestCategory.name)
    )
    rows = [
        (name, count, int(raised or 0), int(resolved or 0))
        for name, count, raised, resolved in session.execute(stmt)
    ]
    figures = tuple(CategoryFigures(n, c, _pct(r, c), _pct(s, c)) for n, c, r, s in rows)
    return figures, sum(r[1] for r in rows), sum(r[2] for r in rows), sum(r[3] for r in rows)


def _volunteer_hours(session: Session, visits: list[CustodyVisit]) -> float:
    if not visits:
        return 0.0
    stmt = (
        select(custody_visit_visitor.c.visit_id, func.count())
        .where(custody_visit_visitor.c.visit_id.in_([v.id for v in visits]))
        .group_by(custody_visit_visitor.c.visit_id)
    )
    visitors = {visit_id: count for visit_id, count in session.execute(stmt)}
    minutes = sum(
        visit_minutes(v.visited_on, v.arrived_at, v.departed_at) * visitors.get(v.id, 0) for v in visits
    )
    return round(minutes / 60, 1)


def active_icv_volunteers(session: Session, on: date) -> int:
    """Volunteers whose ICV membership was active on a day (by its status and its dates)."""
    return members_on(session, Scheme.ICV, on)


def _period(session: Session, date_from: date, date_to: date, suite_id: uuid.UUID | None) -> IcvStats:
    visits = _visits(session, date_from, date_to, suite_id)
    slots = _slots(session, date_from, date_to, suite_id)
    suites = [
        _suite_figures(s, visits, slots, (date_from, date_to))
        for s in _suites(session, date_from, date_to, suite_id)
    ]
    status = Counter(s.status for s in slots)
    use_rota = bool(slots)
    scheduled = len(slots) - status[SlotStatus.CANCELLED] if use_rota else sum(s.expected for s in suites)
    completed = status[SlotStatus.COMPLETED] if use_rota else len(visits)
    figures, total, raised, resolved = _requests(session, [v.id for v in visits])
    return IcvStats(
        date_from=date_from,
        date_to=date_to,
        visits_completed=len(visits),
        per_suite=tuple(suites),
        scheduled=scheduled,
        completed=completed,
        missed=status[SlotStatus.MISSED],
        cancelled=status[SlotStatus.CANCELLED],
        pending=status[SlotStatus.SCHEDULED],
        achieved_pct=_pct(completed, scheduled),
        achievement_basis=BASIS_ROTA if use_rota else BASIS_STANDARD,
        in_custody=sum(v.in_custody for v in visits),
        offered=sum(v.offered for v in visits),
        seen=sum(v.seen for v in visits),
        declined=sum(v.declined for v in visits),
        requests_total=total,
        requests_raised_pct=_pct(raised, total),
        requests_resolved_pct=_pct(resolved, total),
        requests_by_category=figures,
        top_categories=tuple(f.category for f in figures[:TOP_CATEGORIES]),
        serious_issues=sum(1 for v in visits if v.serious_issue),
        volunteer_hours=_volunteer_hours(session, visits),
        active_volunteers=active_icv_volunteers(session, date_to),
    )


def icv_statistics(
    session: Session,
    date_from: date,
    date_to: date,
    suite_id: uuid.UUID | None = None,
    compare_from: date | None = None,
    compare_to: date | None = None,
) -> IcvStats:
    """The ICV figures for a period (dates inclusive), optionally with a comparison period.

    Args:
        session: An open session.
        date_from: First day of the period.
        date_to: Last day of the period.
        suite_id: Limit to one custody suite (None: all suites).
        compare_from: First day of the comparison period (both ends needed for a comparison).
        compare_to: Last day of the comparison period.

    Returns:
        The figures; ``comparison`` holds the comparison period's figures when both ends are given.

    Raises:
        ValueError: A period ends before it starts.
    """
    if date_to < date_from or (compare_from and compare_to and compare_to < compare_from):
        raise ValueError("A period cannot end before it starts.")
    stats = _period(session, date_from, date_to, suite_id)
    if compare_from is None or compare_to is None:
        return stats
    comparison = _period(session, compare_from, compare_to, suite_id)
    return replace(stats, comparison=comparison)
