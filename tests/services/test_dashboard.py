"""The dashboard's figures are the statistics services' figures; its two cross-tables add up to them."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    ActionStatus,
    Area,
    AreaKind,
    AwsSlot,
    OriginKind,
    ReportStatus,
    RotaSlot,
    SlotStatus,
)
from pcc_desktop.services.action_statistics import AGE_BANDS
from pcc_desktop.services.aws_history import dog_coverage
from pcc_desktop.services.coverage import npa_coverage
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.dashboard import (
    CALENDAR,
    CUSTOM,
    LAST_QUARTER,
    LAST_YEAR,
    THIS_QUARTER,
    THIS_YEAR,
    BarCount,
    action_breakdown,
    by_age_band,
    by_origin,
    custody_by_suite_month,
    dashboard_figures,
    months_of,
    period_label,
    preset_period,
)
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.icv_statistics import BASIS_ROTA, BASIS_STANDARD, icv_statistics
from pcc_desktop.services.statistics import compute
from pcc_desktop.services.workspace import Workspace
from tests.conftest import TODAY
from tests.services.test_aws_history import add_dog, add_site, add_visit
from tests.services.test_aws_statistics import _people
from tests.services.test_engagement_statistics import PLANNED, _engagement
from tests.services.test_icv_statistics import _add_visit, _suites, _volunteers

THIS_FY = (date(2025, 4, 1), TODAY)
_numbers = itertools.count(1)


# --- a small office: the figures each part of this seed gives are in its docstring ------------------


def _npa(ws: Workspace, name: str) -> uuid.UUID:
    found = ws.run(lambda s: s.scalar(select(Area.id).where(Area.kind == AreaKind.NPA, Area.name == name)))
    assert found is not None, name
    return found


def _community_days(ws: Workspace) -> None:
    """Four held community days this year (Apr 1, May 2, Jun 1): two of the eight NPAs visited."""
    charnwood, melton = _npa(ws, "Charnwood"), _npa(ws, "Melton & Rutland")
    for day, npa in (
        (date(2025, 4, 10), charnwood),
        (date(2025, 5, 8), charnwood),
        (date(2025, 5, 22), melton),
        (date(2025, 6, 5), melton),
        (date(2025, 3, 20), melton),  # last year
    ):
        _engagement(ws, day, npa)
    _engagement(ws, date(2025, 7, 3), charnwood, status=PLANNED)


def _action(
    s: Session,
    owner: uuid.UUID,
    logged_on: date,
    status: ActionStatus = ActionStatus.OPEN,
    origin: OriginKind = OriginKind.STANDALONE,
    **extra: object,
) -> None:
    s.add(
        Action(
            reference=f"ACT-{next(_numbers):05d}", title="Follow up", owner_id=owner, logged_on=logged_on,
            status=status, origin_kind=origin, **extra,
        )
    )  # fmt: skip


def _actions(ws: Workspace, aws_visit: uuid.UUID) -> None:
    """Four open actions (two overdue, one due today) and a completed one, from two origins."""
    with ws.session() as s:
        me = ws.actor_id
        assert me is not None
        _action(s, me, date(2025, 6, 10), due_on=date(2025, 6, 30))  # 0–30 days, not late
        _action(s, me, date(2025, 4, 10), due_on=date(2025, 6, 17))  # 31–90 days, overdue
        _action(s, me, date(2024, 11, 1), ActionStatus.AWAITING_RESPONSE, OriginKind.STANDALONE,
                due_on=date(2025, 1, 10))  # fmt: skip
        aws = {"aws_visit_id": aws_visit, "due_on": TODAY}  # due today: not late yet
        _action(s, me, date(2025, 6, 1), ActionStatus.IN_PROGRESS, OriginKind.AWS_VISIT, **aws)
        _action(s, me, date(2025, 5, 1), ActionStatus.COMPLETED, completed_on=date(2025, 6, 2))


def _custody(ws: Workspace) -> None:
    """Rota slots at two of the three suites: April 2 of 2, May 1 of 2 (one missed), June 1 of 1.

    June's visit is done on the rota but its report is a draft, so the month has no visit reports.
    """
    ws.run(seed_custody_reference)
    with ws.session() as s:
        suites = _suites(s)
        pair = _volunteers(s, 2)
        plan = [
            (suites[0], date(2025, 4, 8), SlotStatus.COMPLETED),
            (suites[1], date(2025, 4, 15), SlotStatus.COMPLETED),
            (suites[0], date(2025, 5, 6), SlotStatus.COMPLETED),
            (suites[1], date(2025, 5, 20), SlotStatus.MISSED),
            (suites[1], date(2025, 6, 3), SlotStatus.COMPLETED),
            (suites[1], date(2025, 6, 10), SlotStatus.CANCELLED),
        ]
        for suite, day, status in plan:
            start = datetime.combine(day, time(12), tzinfo=UTC)
            s.add(RotaSlot(suite_id=suite.id, window_starts=start, window_ends=start, status=status))
            if status == SlotStatus.COMPLETED:  # June's report is still a draft: done, not yet counted
                report = ReportStatus.DRAFT if day.month == 6 else ReportStatus.SUBMITTED
                _add_visit(s, suite.id, day, pair, arrived_at=time(13), departed_at=time(14), status=report)


def _animal_welfare(ws: Workspace) -> uuid.UUID:
    """Slots for April–June (June still to happen); visits in April and May; one of two dogs seen."""
    with ws.session() as s:
        site = add_site(s)
        rex = add_dog(s, site, "Rex")
        add_dog(s, site, "Nell")
        people = _people(s)
        visits = []
        for month, status in (
            (4, SlotStatus.COMPLETED),
            (5, SlotStatus.COMPLETED),
            (6, SlotStatus.SCHEDULED),
        ):
            slot = AwsSlot(site_id=site, month=date(2025, month, 1), status=status,
                           volunteer_a_id=people[0], volunteer_b_id=people[1])  # fmt: skip
            s.add(slot)
            s.flush()
            if status == SlotStatus.COMPLETED:
                dogs = (rex,) if month == 5 else ()
                visits.append(add_visit(s, site, date(2025, month, 12), dogs, visitors=tuple(people[:2]),
                                        slot_id=slot.id))  # fmt: skip
        return visits[-1]


def seed_dashboard(ws: Workspace) -> Workspace:
    """A small office with something for every tile and chart (today is 18 June 2025)."""
    _community_days(ws)
    _custody(ws)
    _actions(ws, _animal_welfare(ws))
    return ws


@pytest.fixture
def office(seeded: Workspace) -> Workspace:
    """The small office on the reference data (eight NPAs, three custody suites)."""
    return seed_dashboard(seeded)


# --- the same figures as the statistics services ----------------------------------------------------


def test_the_figures_are_the_statistics_services_figures(office: Workspace) -> None:
    figures = office.run(dashboard_figures, *THIS_FY)
    assert (figures.date_from, figures.date_to, figures.as_of) == (*THIS_FY, TODAY)
    assert figures.engagement == office.run(compute, "engagement", *THIS_FY)
    assert figures.actions == office.run(compute, "actions", *THIS_FY)
    assert figures.icv == office.run(compute, "icv", *THIS_FY)
    assert figures.aws == office.run(compute, "aws", *THIS_FY)
    assert figures.coverage == office.run(npa_coverage, date(2025, 4, 1))
    assert figures.dogs == office.run(dog_coverage, TODAY)


def test_the_seeded_figures(office: Workspace) -> None:
    figures = office.run(dashboard_figures, *THIS_FY)
    assert figures.engagement.community_days == 4
    assert [m.count for m in figures.engagement.community_days_by_month] == [1, 2, 1]
    assert (figures.engagement.npas_visited, figures.engagement.npas_total) == (2, 8)
    assert (figures.actions.open_at_end, figures.actions.overdue) == (4, 2)
    assert (figures.icv.completed, figures.icv.scheduled, figures.icv.achieved_pct) == (4, 5, 80.0)
    assert (figures.aws.completed, figures.aws.scheduled, figures.aws.pct_achieved) == (2, 3, 66.7)
    assert (figures.dogs.not_seen_count, len(figures.dogs.rows)) == (1, 2)


def test_a_past_period_is_measured_at_its_end(office: Workspace) -> None:
    figures = office.run(dashboard_figures, date(2024, 4, 1), date(2025, 3, 31))
    assert figures.as_of == date(2025, 3, 31)
    assert figures.coverage.year_from == date(2024, 4, 1)
    assert figures.dogs.as_of == date(2025, 3, 31)
    assert figures.engagement.community_days == 1
    assert figures.actions == office.run(compute, "actions", date(2024, 4, 1), date(2025, 3, 31))


def test_a_period_that_ends_before_it_starts_is_refused(office: Workspace) -> None:
    with pytest.raises(ValidationError):
        office.run(dashboard_figures, TODAY, date(2025, 4, 1))


# --- custody visits per suite and month -------------------------------------------------------------


def test_custody_cells_are_the_icv_statistics_of_each_month(office: Workspace) -> None:
    cells = office.run(custody_by_suite_month, *THIS_FY)
    assert [c.month for c in cells] == [date(2025, m, 1) for m in (4, 4, 4, 5, 5, 5, 6, 6, 6)]
    for first, last in months_of(*THIS_FY):
        stats = office.run(icv_statistics, first, last)
        mine = [c for c in cells if c.month == first.replace(day=1)]
        assert [(c.suite, c.achieved_pct) for c in mine] == [
            (s.name, s.achieved_pct) for s in stats.per_suite
        ]
        assert sum(c.achieved for c in mine) == stats.completed
        assert sum(c.expected for c in mine) == stats.scheduled
    period = office.run(icv_statistics, *THIS_FY)
    assert sum(c.achieved for c in cells) == period.completed == 4
    assert sum(c.expected for c in cells) == period.scheduled == 5
    may = [(c.achieved, c.expected, c.achieved_pct, c.basis) for c in cells if c.month.month == 5]
    assert may[:2] == [(1, 1, 100.0, BASIS_ROTA), (0, 1, 0.0, BASIS_ROTA)]
    june = [(c.visits, c.achieved, c.expected) for c in cells if c.month.month == 6]
    assert june[1] == (0, 1, 1)  # achieved on the rota; the report is still a draft


def test_a_month_without_a_rota_is_measured_against_the_standard(office: Workspace) -> None:
    cells = office.run(custody_by_suite_month, date(2025, 3, 1), date(2025, 3, 31))
    assert {c.basis for c in cells} == {BASIS_STANDARD}
    stats = office.run(icv_statistics, date(2025, 3, 1), date(2025, 3, 31))
    assert [c.expected for c in cells] == [s.expected for s in stats.per_suite]
    assert all(c.achieved == 0 and c.achieved_pct == 0.0 for c in cells)


def test_months_are_cut_to_the_period() -> None:
    assert months_of(date(2025, 1, 15), date(2025, 3, 2)) == [
        (date(2025, 1, 15), date(2025, 1, 31)),
        (date(2025, 2, 1), date(2025, 2, 28)),
        (date(2025, 3, 1), date(2025, 3, 2)),
    ]
    assert months_of(TODAY, TODAY) == [(TODAY, TODAY)]


# --- open actions by age band and origin -------------------------------------------------------------


def test_action_cells_add_up_to_the_action_statistics(office: Workspace) -> None:
    cells = office.run(action_breakdown, TODAY)
    stats = office.run(compute, "actions", *THIS_FY)
    bands = by_age_band(cells)
    assert [(b.label, b.open) for b in bands] == [(row.label, row.count) for row in stats.open_by_age]
    origins = by_origin(cells)
    assert [(o.label, o.open) for o in origins] == [(row.label, row.count) for row in stats.open_by_origin]
    assert sum(b.overdue for b in bands) == sum(o.overdue for o in origins) == stats.overdue == 2


def test_action_cells_by_band_and_origin(office: Workspace) -> None:
    cells = office.run(action_breakdown, TODAY)
    assert [(c.band, c.origin, c.open, c.overdue) for c in cells] == [
        ("0–30 days", "Stand-alone", 1, 0),
        ("0–30 days", "Animal welfare visit", 1, 0),
        ("31–90 days", "Stand-alone", 1, 1),
        ("Over 180 days", "Stand-alone", 1, 1),
    ]
    assert by_age_band(cells)[2] == BarCount("91–180 days", 0, 0)  # every band listed
    assert [o.origin_kind for o in by_origin(cells)] == [OriginKind.STANDALONE, OriginKind.AWS_VISIT]
    assert len(by_age_band(())) == len(AGE_BANDS) and by_origin(()) == ()


# --- periods -----------------------------------------------------------------------------------------


def test_presets_and_their_labels() -> None:
    assert preset_period(THIS_YEAR, TODAY) == (date(2025, 4, 1), TODAY)
    assert preset_period(LAST_YEAR, TODAY) == (date(2024, 4, 1), date(2025, 3, 31))
    assert preset_period(LAST_YEAR, date(2025, 2, 1)) == (date(2023, 4, 1), date(2024, 3, 31))
    assert preset_period(THIS_QUARTER, TODAY) == (date(2025, 4, 1), TODAY)
    assert preset_period(LAST_QUARTER, TODAY) == (date(2025, 1, 1), date(2025, 3, 31))
    assert preset_period(LAST_QUARTER, date(2025, 2, 10)) == (date(2024, 10, 1), date(2024, 12, 31))
    assert preset_period(CALENDAR, TODAY) == (date(2025, 1, 1), TODAY)
    assert preset_period(CUSTOM, TODAY) is None
    assert period_label(THIS_YEAR, (date(2025, 4, 1), TODAY)) == "2025/26 (to date)"
    assert period_label(LAST_YEAR, (date(2024, 4, 1), date(2025, 3, 31))) == "2024/25"
    assert period_label(THIS_QUARTER, (date(2025, 4, 1), TODAY)) == "Apr–Jun 2025 (to date)"
    assert period_label(LAST_QUARTER, (date(2025, 1, 1), date(2025, 3, 31))) == "Jan–Mar 2025"
    assert period_label(CALENDAR, (date(2025, 1, 1), TODAY)) == "2025 (to date)"
    assert period_label(CUSTOM, (date(2024, 1, 1), date(2024, 7, 31))) == "01/01/2024–31/07/2024"
