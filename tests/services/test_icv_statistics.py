"""ICV statistics against the golden figures of domain.md §4.2 (ICV-1..ICV-11, ICV-14)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    CustodySuite,
    CustodyVisit,
    DetaineeConversation,
    DetaineeRequest,
    MembershipStatus,
    ReportStatus,
    RequestCategory,
    RotaSlot,
    Scheme,
    SchemeMembership,
    SlotStatus,
    Volunteer,
)
from pcc_desktop.models.custody import custody_visit_visitor
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.icv_statistics import BASIS_ROTA, BASIS_STANDARD, icv_statistics
from pcc_desktop.services.workspace import Workspace

FY18 = (date(2018, 4, 1), date(2019, 3, 31))
FY22 = (date(2022, 4, 1), date(2023, 3, 31))
OFFERED, SEEN = 1077, 443  # ICV-4, ICV-6
# Requests by category for 2018/19: the top three are food/drink, interpreters, updates (ICV-7).
REQUESTS = {
    "Food or drink": 70,
    "Interpreter": 45,
    "Update on their case": 30,
    "Legal advice / solicitor": 15,
    "Phone call / informing someone": 10,
    "Blanket / clothing / hygiene": 5,
}


@pytest.fixture
def icv(seeded: Workspace) -> Workspace:
    """Suites, categories and a register of volunteers."""
    seeded.run(seed_custody_reference)
    return seeded


def _volunteers(s: Session, count: int, start: int = 1) -> list[uuid.UUID]:
    people = [
        Volunteer(reference=f"VOL-2018-{n:04d}", name=f"Volunteer {n}") for n in range(start, start + count)
    ]
    s.add_all(people)
    s.flush()
    return [p.id for p in people]


def _suites(s: Session) -> list[CustodySuite]:
    return list(s.scalars(select(CustodySuite).order_by(CustodySuite.name)))


def _categories(s: Session) -> dict[str, uuid.UUID]:
    return {c.name: c.id for c in s.scalars(select(RequestCategory))}


def _spread(total: int, parts: int) -> list[int]:
    """``total`` shared out over ``parts`` as evenly as possible (the first ones get the remainder)."""
    return [total // parts + (1 if n < total % parts else 0) for n in range(parts)]


def _request_rows(categories: dict[str, uuid.UUID]) -> list[tuple[uuid.UUID, bool]]:
    """(category, resolved) for every 2018/19 request: all raised, 60% resolved (ICV-8)."""
    rows = []
    for name, count in REQUESTS.items():
        rows.extend((categories[name], n < count * 6 // 10) for n in range(count))
    return rows


def _add_visit(
    s: Session, suite_id: uuid.UUID, day: date, pair: list[uuid.UUID], **values: object
) -> CustodyVisit:
    visit = CustodyVisit(
        reference=f"ICV-{day.year}-{uuid.uuid4().hex[:8]}",
        suite_id=suite_id,
        visited_on=day,
        **{"status": ReportStatus.SUBMITTED, **values},
    )
    s.add(visit)
    s.flush()
    s.execute(insert(custody_visit_visitor), [{"visit_id": visit.id, "volunteer_id": v} for v in pair])
    return visit


def _add_talks(s: Session, visit_id: uuid.UUID, count: int, requests: list[tuple[uuid.UUID, bool]]) -> None:
    """``count`` consenting detainee rows; each takes the next request left, raised with the sergeant."""
    talks = [
        DetaineeConversation(visit_id=visit_id, position=p + 1, consent_to_talk=True) for p in range(count)
    ]
    s.add_all(talks)
    s.flush()
    for talk in talks[: len(requests)]:
        category, resolved = requests.pop()
        s.add(DetaineeRequest(conversation_id=talk.id, category_id=category, raised_with_sergeant=True,
                              resolved_during_visit=resolved))  # fmt: skip


def _add_slot(s: Session, suite_id: uuid.UUID, start: datetime, status: SlotStatus) -> None:
    s.add(
        RotaSlot(
            suite_id=suite_id, window_starts=start, window_ends=start + timedelta(hours=4), status=status
        )
    )


def _build_2018_19(ws: Workspace, with_rota: bool) -> None:
    """156 weekly visits (52 per suite), 1,077 offered, 443 seen, 175 requests, in one session."""
    with ws.session() as s:
        volunteers = _volunteers(s, 12)
        suites, categories = _suites(s), _categories(s)
        days = [FY18[0] + timedelta(days=1 + 7 * week) for week in range(52)]
        plan = [(suite, day) for day in days for suite in suites]
        offered, seen = _spread(OFFERED, len(plan)), _spread(SEEN, len(plan))
        requests = _request_rows(categories)
        for n, (suite, day) in enumerate(plan):
            pair = [volunteers[n % 12], volunteers[(n + 5) % 12]]
            visit = _add_visit(
                s, suite.id, day, pair, arrived_at=time(14), admitted_at=time(14, 5),
                departed_at=time(15, 30),
                in_custody=offered[n] + 3, offered=offered[n], seen=seen[n], declined=offered[n] - seen[n],
            )  # fmt: skip
            _add_talks(s, visit.id, seen[n], requests)
            if with_rota:
                _add_slot(s, suite.id, datetime.combine(day, time(12), tzinfo=UTC), SlotStatus.COMPLETED)
        assert not requests


def test_golden_figures_for_2018_19(icv: Workspace) -> None:
    _build_2018_19(icv, with_rota=True)
    stats = icv.run(icv_statistics, *FY18)
    assert stats.visits_completed == 156  # ICV-1
    assert [(f.name, f.visits) for f in stats.per_suite] == [  # ICV-2
        ("Beaumont Leys", 52),
        ("Euston Street", 52),
        ("Keyham Lane", 52),
    ]
    assert (stats.scheduled, stats.completed, stats.missed, stats.achieved_pct) == (
        156,
        156,
        0,
        100.0,
    )  # ICV-3
    assert stats.achievement_basis == BASIS_ROTA
    assert all(f.achieved_pct == 100.0 for f in stats.per_suite)
    assert (stats.offered, stats.seen, stats.declined) == (1077, 443, 1077 - 443)  # ICV-4, ICV-6
    assert stats.top_categories == ("Food or drink", "Interpreter", "Update on their case")  # ICV-7
    assert stats.requests_total == sum(REQUESTS.values())
    assert stats.requests_raised_pct == 100.0  # ICV-8: all reported to the Custody Sergeant
    assert stats.requests_resolved_pct is not None and stats.requests_resolved_pct > 50  # the majority
    food = stats.requests_by_category[0]
    assert (food.category, food.count, food.raised_pct, food.resolved_pct) == (
        "Food or drink",
        70,
        100.0,
        60.0,
    )
    assert stats.serious_issues == 0
    assert stats.volunteer_hours == 156 * 2 * 1.5


def test_without_a_rota_the_weekly_standard_is_the_measure(icv: Workspace) -> None:
    _build_2018_19(icv, with_rota=False)
    stats = icv.run(icv_statistics, *FY18)
    assert stats.achievement_basis == BASIS_STANDARD
    assert (stats.scheduled, stats.completed, stats.achieved_pct) == (156, 156, 100.0)
    assert [f.expected for f in stats.per_suite] == [52, 52, 52]
    with icv.session() as s:
        keyham = s.scalars(select(CustodySuite).where(CustodySuite.name == "Keyham Lane")).one()
        keyham.visits_per_week = 2
    stats = icv.run(icv_statistics, *FY18)
    assert stats.scheduled == 208 and stats.achieved_pct == 75.0


def test_one_suite_and_drafts_and_deleted_reports(icv: Workspace) -> None:
    _build_2018_19(icv, with_rota=False)
    with icv.session() as s:
        euston = s.scalars(select(CustodySuite).where(CustodySuite.name == "Euston Street")).one()
        pair = _volunteers(s, 2, start=50)
        _add_visit(s, euston.id, date(2018, 5, 5), pair, status=ReportStatus.DRAFT, offered=9)
        gone = _add_visit(s, euston.id, date(2018, 5, 6), pair, offered=9)
        gone.deleted_at = datetime(2025, 1, 1, tzinfo=UTC)
        _add_visit(s, euston.id, date(2018, 5, 7), pair, status=ReportStatus.REVIEWED, serious_issue=True)
    stats = icv.run(icv_statistics, *FY18, euston.id)
    assert stats.visits_completed == 53 and stats.serious_issues == 1
    assert [f.name for f in stats.per_suite] == ["Euston Street"]
    assert stats.offered == sum(_spread(OFFERED, 156)[1::3])


def test_missed_and_cancelled_slots(icv: Workspace) -> None:
    with icv.session() as s:
        suite = _suites(s)[0]
        for n, status in enumerate(
            [SlotStatus.COMPLETED] * 7 + [SlotStatus.MISSED] * 2 + [SlotStatus.CANCELLED]
        ):
            start = datetime(2024, 5, 1 + n, 18, tzinfo=UTC)
            s.add(
                RotaSlot(
                    suite_id=suite.id,
                    window_starts=start,
                    window_ends=start + timedelta(hours=4),
                    status=status,
                )
            )
        start = datetime(2024, 6, 30, 22, 30, tzinfo=UTC)  # 23:30 BST on 30 June: in June
        s.add(
            RotaSlot(suite_id=suite.id, window_starts=start, window_ends=start, status=SlotStatus.SCHEDULED)
        )
    stats = icv.run(icv_statistics, date(2024, 5, 1), date(2024, 6, 30))
    assert (stats.scheduled, stats.completed, stats.missed, stats.cancelled, stats.pending) == (
        10,
        7,
        2,
        1,
        1,
    )
    assert stats.achieved_pct == 70.0
    july = icv.run(icv_statistics, date(2024, 7, 1), date(2024, 7, 31))
    assert (july.achievement_basis, july.scheduled) == (BASIS_STANDARD, 12)  # no slots: 4 weeks x 3 suites


def _build_2022_23(ws: Workspace) -> None:
    """97 visits (ICV-10), 2 visitors each, 49 minutes each but one past midnight; 18 active (ICV-9)."""
    with ws.session() as s:
        volunteers = _volunteers(s, 21, start=100)
        for n, volunteer in enumerate(volunteers):
            left = n >= 18
            s.add(
                SchemeMembership(
                    volunteer_id=volunteer, scheme=Scheme.ICV, started_on=date(2015, 1, 1),
                    status=MembershipStatus.LEFT if left else MembershipStatus.ACTIVE,
                    ended_on=date(2022, 9, 1) if left else None,
                )
            )  # fmt: skip
        suites = _suites(s)
        for n in range(97):
            late = n == 0
            _add_visit(
                s, suites[n % 3].id, FY22[0] + timedelta(days=3 * n), volunteers[n % 18 : n % 18 + 2],
                arrived_at=time(23, 40) if late else time(10),
                admitted_at=time(23, 45) if late else time(10, 2),
                departed_at=time(0, 29) if late else time(10, 49),
            )  # fmt: skip


def test_hours_visits_and_volunteers_for_2022_23_with_a_comparison(icv: Workspace) -> None:
    _build_2022_23(icv)
    _build_2018_19(icv, with_rota=False)
    stats = icv.run(icv_statistics, *FY22, None, *FY18)
    assert stats.visits_completed == 97  # ICV-10
    assert stats.volunteer_hours > 157  # ICV-11: "over 157 hours"
    assert stats.volunteer_hours == round(97 * 2 * 49 / 60, 1)
    assert stats.active_volunteers == 18  # ICV-9
    assert stats.comparison is not None and stats.comparison.visits_completed == 156
    assert stats.comparison.comparison is None
    assert icv.run(icv_statistics, date(2022, 5, 1), date(2022, 5, 31)).active_volunteers == 21


def test_april_to_july_2024_all_scheduled_visits_achieved(icv: Workspace) -> None:
    with icv.session() as s:
        suites, pair = _suites(s), _volunteers(s, 2, start=300)
        for n in range(34):  # ICV-14: "thirty-four visits", 100% of scheduled
            day = date(2024, 4, 1) + timedelta(days=3 * n)
            visit = _add_visit(s, suites[n % 3].id, day, pair, arrived_at=time(20), departed_at=time(21))
            start = datetime.combine(day, time(9), tzinfo=UTC)
            slot = RotaSlot(
                suite_id=visit.suite_id, window_starts=start, window_ends=start, status=SlotStatus.COMPLETED
            )
            s.add(slot)
    stats = icv.run(icv_statistics, date(2024, 4, 1), date(2024, 7, 31))
    assert (stats.visits_completed, stats.achieved_pct, stats.serious_issues) == (34, 100.0, 0)


def test_a_period_must_not_end_before_it_starts(icv: Workspace) -> None:
    with pytest.raises(ValueError, match="cannot end before"):
        icv.run(icv_statistics, date(2024, 2, 1), date(2024, 1, 1))
