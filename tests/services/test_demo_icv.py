"""The ICV demo: it builds fast, keeps the Code's rules and gives believable statistics."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    CustodyVisit,
    DetaineeConversation,
    DetaineeRequest,
    ReportStatus,
    RotaSlot,
    SlotStatus,
    VisitMode,
    Volunteer,
)
from pcc_desktop.models.custody import custody_visit_visitor
from pcc_desktop.services.custody_visit_rules import name_warnings, visit_span
from pcc_desktop.services.demo_icv import IcvDemoSummary, build_icv_demo
from pcc_desktop.services.icv_statistics import icv_statistics
from pcc_desktop.services.references import highest_numbers
from pcc_desktop.services.workspace import Workspace
from tests.conftest import TODAY


@pytest.fixture
def demo(seeded: Workspace) -> tuple[Workspace, IcvDemoSummary]:
    summary = seeded.run(build_icv_demo, random.Random(7), TODAY, 1)
    return seeded, summary


def test_the_demo_writes_a_register_a_rota_and_a_year_of_visits(
    demo: tuple[Workspace, IcvDemoSummary],
) -> None:
    ws, summary = demo
    assert summary.volunteers == 22
    assert 150 <= summary.slots <= 175  # 3 suites × 53 weeks + 4 weeks ahead
    assert 140 <= summary.visits <= 160
    assert summary.conversations >= summary.visits
    with ws.session() as s:
        statuses = dict(s.execute(select(RotaSlot.status, func.count()).group_by(RotaSlot.status)).all())
        assert 12 <= statuses[SlotStatus.SCHEDULED] <= 15  # 4 weeks × 3 suites, plus the rest of this week
        numbers = highest_numbers(s, "ICV")
        assert sum(numbers.values()) == summary.visits
        assert highest_numbers(s, "VOL") == {TODAY.year: 22}
        refs = s.scalars(select(CustodyVisit.reference)).all()
        assert len(set(refs)) == len(refs) == summary.visits


def test_again_reuses_the_volunteers_and_continues_the_references(
    demo: tuple[Workspace, IcvDemoSummary],
) -> None:
    ws, first = demo
    second = ws.run(build_icv_demo, random.Random(8), TODAY, 1)
    assert second.volunteers == 0
    assert ws.run(lambda s: s.scalar(select(func.count()).select_from(Volunteer))) == 22
    assert ws.run(lambda s: sum(highest_numbers(s, "ICV").values())) == first.visits + second.visits


def _check_visit(s: Session, visit: CustodyVisit, visitors: int) -> None:
    assert visit.status in (ReportStatus.SUBMITTED, ReportStatus.REVIEWED)
    assert visit.visited_on <= TODAY
    if visit.mode == VisitMode.IN_PERSON:
        assert visitors == 2
    assert visit_span(visit.visited_on, visit.arrived_at, visit.admitted_at, visit.departed_at)
    if visit.delay_reason:
        assert visit.delay_authorised_rank
    assert visit.seen + visit.declined + visit.not_seen <= visit.offered <= visit.in_custody
    assert 1 <= len(visit.conversations) <= visit.seen
    assert not visit.serious_issue or visit.serious_issue_notes
    for text in (visit.observations, visit.serious_issue_notes, visit.delay_reason):
        assert not name_warnings(text), text


def test_every_visit_keeps_the_code_of_practice(demo: tuple[Workspace, IcvDemoSummary]) -> None:
    ws, _summary = demo
    with ws.session() as s:
        visitors = dict(
            s.execute(
                select(custody_visit_visitor.c.visit_id, func.count()).group_by(
                    custody_visit_visitor.c.visit_id
                )
            ).all()
        )
        for visit in s.scalars(select(CustodyVisit)):
            _check_visit(s, visit, visitors[visit.id])
        conversations = s.scalars(select(DetaineeConversation)).all()
        assert all(c.consent_to_talk and not c.custody_number_hash and not c.notes for c in conversations)
        with_requests = s.scalars(
            select(DetaineeConversation.consent_to_talk).join(
                DetaineeRequest, DetaineeRequest.conversation_id == DetaineeConversation.id
            )
        ).all()
        assert with_requests and all(with_requests)


def test_the_statistics_are_believable(demo: tuple[Workspace, IcvDemoSummary]) -> None:
    ws, _summary = demo
    stats = ws.run(icv_statistics, TODAY - timedelta(days=358), TODAY - timedelta(days=1))
    assert stats.achieved_pct is not None and 90 <= stats.achieved_pct <= 100
    assert stats.top_categories[0] == "Food or drink"
    assert stats.offered <= stats.in_custody <= stats.offered + 6 * stats.visits_completed
    assert 33 <= stats.seen * 100 / stats.offered <= 50
    assert stats.requests_raised_pct is not None and stats.requests_raised_pct > 90
    assert stats.requests_resolved_pct is not None and stats.requests_resolved_pct > 50
    assert stats.active_volunteers == 18
    assert stats.volunteer_hours > 100
