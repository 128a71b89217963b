"""Coverage and themes statistics, with the golden figures of domain.md §4.1 (ENG-1..ENG-4)."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, timedelta

import pytest

from pcc_desktop.models import (
    Area,
    AreaKind,
    Engagement,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    Theme,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services.blackouts import BlackoutData, save_blackout
from pcc_desktop.services.coverage import (
    AreaThemeCount,
    PeriodCount,
    community_days,
    coverage_year,
    distinct_themes,
    effective_target,
    in_blackout,
    npa_coverage,
    themes_by_area,
    themes_over_time,
)
from pcc_desktop.services.db_settings import set_coverage_year_start_month, set_npa_visit_target
from pcc_desktop.services.workspace import Workspace

HELD, PLANNED, CANCELLED = EngagementStatus.HELD, EngagementStatus.PLANNED, EngagementStatus.CANCELLED
CD = EngagementType.COMMUNITY_DAY
ENG4_THEMES = [
    "Business Crime and Shoplifting",
    "Anti-social behaviour",
    "speeding in villages",
    "drug dealing",
]
_numbers = itertools.count(1)


# --- helpers -----------------------------------------------------------------------------------


def _area(ws: Workspace, name: str, kind: AreaKind = AreaKind.NPA, **extra: object) -> uuid.UUID:
    with ws.session() as s:
        area = Area(name=name, kind=kind, **extra)
        s.add(area)
        s.flush()
        return area.id


def _engagement(
    ws: Workspace,
    held_on: date,
    npa_id: uuid.UUID | None = None,
    *,
    kind: EngagementType = CD,
    status: EngagementStatus = HELD,
    deleted: bool = False,
    area_id: uuid.UUID | None = None,
) -> uuid.UUID:
    with ws.session() as s:
        engagement = Engagement(
            reference=f"ENG-{held_on.year}-{next(_numbers):04d}",
            kind=kind,
            status=status,
            held_on=held_on,
            npa_id=npa_id,
            area_id=area_id,
            deleted_at=utc_now() if deleted else None,
        )
        s.add(engagement)
        s.flush()
        return engagement.id


def _themes(ws: Workspace, *names: str) -> dict[str, uuid.UUID]:
    with ws.session() as s:
        themes = [Theme(name=name) for name in names]
        s.add_all(themes)
        s.flush()
        return {t.name: t.id for t in themes}


def _feedback(
    ws: Workspace,
    engagement_id: uuid.UUID,
    *theme_ids: uuid.UUID,
    deleted: bool = False,
    area_id: uuid.UUID | None = None,
) -> None:
    with ws.session() as s:
        item = FeedbackItem(
            engagement_id=engagement_id,
            text="raised",
            area_id=area_id,
            deleted_at=utc_now() if deleted else None,
        )
        item.themes = [s.get(Theme, theme_id) for theme_id in theme_ids]
        s.add(item)


def _thursdays(first: date, last: date) -> list[date]:
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


# --- periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "start_month", "expected"),
    [
        (date(2024, 6, 13), 4, (date(2024, 4, 1), date(2025, 3, 31))),
        (date(2024, 3, 31), 4, (date(2023, 4, 1), date(2024, 3, 31))),
        (date(2024, 4, 1), 4, (date(2024, 4, 1), date(2025, 3, 31))),
        (date(2024, 6, 13), 1, (date(2024, 1, 1), date(2024, 12, 31))),
        (date(2024, 1, 5), 9, (date(2023, 9, 1), date(2024, 8, 31))),
    ],
)
def test_coverage_year(on: date, start_month: int, expected: tuple[date, date]) -> None:
    assert coverage_year(on, start_month) == expected


def test_eng3_eight_community_days_from_13_june_to_1_august_2024(workspace: Workspace) -> None:
    npa = _area(workspace, "East Leicester")
    days = _thursdays(date(2024, 6, 13), date(2024, 8, 1))
    assert days[0].weekday() == 3 and days[-1] == date(2024, 8, 1)
    for day in days:
        _engagement(workspace, day, npa)
    # Not counted: planned, cancelled, deleted, another kind, outside the range.
    _engagement(workspace, date(2024, 7, 2), npa, status=PLANNED)
    _engagement(workspace, date(2024, 7, 3), npa, status=CANCELLED)
    _engagement(workspace, date(2024, 7, 4), npa, deleted=True)
    _engagement(workspace, date(2024, 7, 5), npa, kind=EngagementType.SURGERY)
    _engagement(workspace, date(2024, 8, 8), npa)
    _engagement(workspace, date(2024, 6, 6), npa)

    months = workspace.run(community_days, date(2024, 6, 13), date(2024, 8, 1), "M")
    assert sum(p.count for p in months) == 8
    assert months == [
        PeriodCount("Jun 2024", date(2024, 6, 1), 3),
        PeriodCount("Jul 2024", date(2024, 7, 1), 4),
        PeriodCount("Aug 2024", date(2024, 8, 1), 1),
    ]


def test_periods_are_zero_filled_and_follow_the_financial_year(workspace: Workspace) -> None:
    npa = _area(workspace, "Charnwood")
    for day in _thursdays(date(2024, 6, 13), date(2024, 8, 1)):
        _engagement(workspace, day, npa)
    quarters = workspace.run(community_days, date(2024, 4, 1), date(2025, 3, 31), "Q")
    assert [(p.label, p.starts_on, p.count) for p in quarters] == [
        ("Apr–Jun 2024", date(2024, 4, 1), 3),
        ("Jul–Sep 2024", date(2024, 7, 1), 5),
        ("Oct–Dec 2024", date(2024, 10, 1), 0),
        ("Jan–Mar 2025", date(2025, 1, 1), 0),
    ]
    years = workspace.run(community_days, date(2024, 4, 1), date(2025, 3, 31), "Y")
    assert years == [PeriodCount("2024/25", date(2024, 4, 1), 8)]
    calendar = workspace.run(community_days, date(2024, 1, 1), date(2024, 12, 31), "Y", 1)
    assert calendar == [PeriodCount("2024", date(2024, 1, 1), 8)]
    months = workspace.run(community_days, date(2024, 1, 1), date(2024, 3, 31), "M")
    assert [p.count for p in months] == [0, 0, 0]


def test_quarters_follow_the_configured_year_start(workspace: Workspace) -> None:
    npa = _area(workspace, "Melton & Rutland")
    _engagement(workspace, date(2024, 12, 5), npa)
    _engagement(workspace, date(2025, 2, 6), npa)
    workspace.act(set_coverage_year_start_month, 12)
    quarters = workspace.run(community_days, date(2024, 12, 1), date(2025, 5, 31), "Q")
    assert [(p.label, p.count) for p in quarters] == [("Dec 2024–Feb 2025", 2), ("Mar–May 2025", 0)]


def test_unknown_frequency_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="freq"):
        workspace.run(community_days, date(2024, 1, 1), date(2024, 2, 1), "W")


def test_eng1_and_eng2_thirty_nine_days_every_npa_at_least_twice(seeded: Workspace) -> None:
    report = seeded.run(npa_coverage, date(2022, 4, 1))
    npa_ids = [row.npa_id for row in report.rows]
    assert len(npa_ids) == 8  # every seeded NPA, none visited yet
    assert report.short == [row.npa_name for row in report.rows]
    days = _thursdays(date(2022, 4, 7), date(2023, 3, 30))
    for index, day in enumerate(days[:39]):
        _engagement(seeded, day, npa_ids[index % len(npa_ids)])
    total = seeded.run(community_days, date(2022, 4, 1), date(2023, 3, 31), "Y")
    assert total == [PeriodCount("2022/23", date(2022, 4, 1), 39)]
    report = seeded.run(npa_coverage, date(2022, 4, 1))
    assert report.short == []
    assert all(row.met and row.visits >= 2 for row in report.rows)
    assert sum(row.visits for row in report.rows) == 39


# --- NPA coverage --------------------------------------------------------------------------------


def test_npa_coverage_with_the_pre_election_blackout(workspace: Workspace) -> None:
    east = _area(workspace, "East Leicester")
    west = _area(workspace, "West Leicester")
    _area(workspace, "Lutterworth")
    _area(workspace, "Retired NPA", active=False)
    _area(workspace, "Loughborough", AreaKind.PLACE)
    workspace.act(save_blackout, BlackoutData(None, "Pre-election", date(2024, 3, 24), date(2024, 5, 2)))
    _engagement(workspace, date(2024, 6, 13), east)
    _engagement(workspace, date(2024, 11, 7), east)
    _engagement(workspace, date(2024, 3, 28), east)  # previous year
    _engagement(workspace, date(2024, 4, 18), west)  # inside the blackout: does not count
    _engagement(workspace, date(2024, 5, 2), west)  # last blackout day: does not count
    _engagement(workspace, date(2024, 5, 3), west)  # the day after: counts
    _engagement(workspace, date(2024, 7, 4), west, deleted=True)
    _engagement(workspace, date(2024, 7, 5), west, kind=EngagementType.PUBLIC_MEETING)

    report = workspace.run(npa_coverage, date(2024, 4, 1))
    assert (report.year_from, report.year_to) == (date(2024, 4, 1), date(2025, 3, 31))
    assert report.target == 2
    assert report.blackout_days == 32  # 1 April – 2 May 2024: the part of the period inside the year
    assert report.available_days == 365 - 32
    assert report.effective_target == 2  # ceil(2 × 333 / 365) = ceil(1.82)
    rows = {row.npa_name: row for row in report.rows}
    assert list(rows) == ["East Leicester", "Lutterworth", "West Leicester"]
    assert (rows["East Leicester"].visits, rows["East Leicester"].met) == (2, True)
    assert rows["East Leicester"].last_visit == date(2024, 11, 7)
    west_row = rows["West Leicester"]
    assert (west_row.visits, west_row.blackout_visits, west_row.shortfall, west_row.met) == (1, 2, 1, False)
    assert west_row.last_visit == date(2024, 5, 3)
    assert (rows["Lutterworth"].visits, rows["Lutterworth"].last_visit) == (0, None)
    assert report.short == ["Lutterworth", "West Leicester"]
    assert [b.name for b in report.blackouts] == ["Pre-election"]


def test_planned_counts_only_days_still_to_come(workspace: Workspace) -> None:
    npa = _area(workspace, "Charnwood")
    _engagement(workspace, date(2025, 5, 1), npa, status=PLANNED)  # past and never held
    _engagement(workspace, date(2025, 6, 18), npa, status=PLANNED)  # today
    _engagement(workspace, date(2025, 9, 4), npa, status=PLANNED)
    _engagement(workspace, date(2026, 4, 2), npa, status=PLANNED)  # next year
    _engagement(workspace, date(2025, 4, 10), npa)
    (row,) = workspace.run(npa_coverage).rows  # the year containing today (18/06/2025)
    assert (row.visits, row.planned, row.shortfall, row.met) == (1, 2, 1, False)


def test_a_long_blackout_lowers_the_effective_target(workspace: Workspace) -> None:
    npa = _area(workspace, "Blaby and Oadby & Wigston")
    workspace.act(save_blackout, BlackoutData(None, "Long pause", date(2025, 3, 1), date(2025, 10, 17)))
    _engagement(workspace, date(2025, 11, 6), npa)
    report = workspace.run(npa_coverage, date(2025, 4, 1))
    assert report.blackout_days == 200  # 1 April – 17 October 2025
    assert report.effective_target == 1  # ceil(2 × 165 / 365) = ceil(0.90)
    assert report.rows[0].met and report.short == []


def test_target_is_the_database_setting(workspace: Workspace) -> None:
    _area(workspace, "Hinckley & Bosworth")
    workspace.act(save_blackout, BlackoutData(None, "Pre-election", date(2024, 3, 24), date(2024, 5, 2)))
    workspace.act(set_npa_visit_target, 12)
    report = workspace.run(npa_coverage, date(2024, 4, 1))
    assert report.target == 12
    assert report.effective_target == 11  # ceil(12 × 333 / 365) = ceil(10.95)
    assert report.rows[0].shortfall == 11
    workspace.act(set_npa_visit_target, 0)
    assert workspace.run(npa_coverage, date(2024, 4, 1)).short == []


@pytest.mark.parametrize(
    ("target", "available", "days", "expected"),
    [
        (2, 365, 365, 2),
        (2, 333, 365, 2),
        (2, 182, 365, 1),
        (2, 183, 365, 2),
        (2, 0, 365, 0),
        (0, 365, 365, 0),
    ],
)
def test_effective_target_formula(target: int, available: int, days: int, expected: int) -> None:
    assert effective_target(target, available, days) == expected


def test_in_blackout_is_offered_here_too(workspace: Workspace) -> None:
    saved = workspace.act(
        save_blackout, BlackoutData(None, "Pre-election", date(2024, 3, 24), date(2024, 5, 2))
    )
    assert workspace.run(in_blackout, date(2024, 4, 18)) == saved
    assert workspace.run(in_blackout, date(2024, 6, 13)) is None


# --- themes --------------------------------------------------------------------------------------


def _eng4(ws: Workspace) -> tuple[dict[str, uuid.UUID], dict[str, uuid.UUID]]:
    themes = _themes(ws, *ENG4_THEMES, "Car cruising", "Knife crime", "Hate crime")
    npas = {"East": _area(ws, "East Leicester"), "NWL": _area(ws, "North West Leicestershire")}
    place = _area(ws, "Castle Donington", AreaKind.PLACE, npa_id=npas["NWL"])
    may = _engagement(ws, date(2024, 5, 7), npas["East"], kind=EngagementType.PUBLIC_MEETING)
    june = _engagement(ws, date(2024, 6, 13), npas["East"])
    july = _engagement(ws, date(2024, 7, 11), area_id=place)  # NPA through its area
    _feedback(ws, may, themes["Business Crime and Shoplifting"])
    _feedback(ws, june, themes["Business Crime and Shoplifting"], themes["Anti-social behaviour"])
    _feedback(ws, june, themes["speeding in villages"])
    _feedback(ws, july, themes["drug dealing"], area_id=place)
    _feedback(ws, july, themes["Anti-social behaviour"])
    _feedback(ws, july, themes["Knife crime"], deleted=True)
    gone = _engagement(ws, date(2024, 7, 18), npas["East"], deleted=True)
    _feedback(ws, gone, themes["Hate crime"])
    later = _engagement(ws, date(2024, 8, 2), npas["NWL"])
    _feedback(ws, later, themes["Car cruising"])
    return themes, npas


def test_eng4_four_themes_raised_from_7_may_to_1_august_2024(workspace: Workspace) -> None:
    _eng4(workspace)
    assert workspace.run(distinct_themes, date(2024, 5, 7), date(2024, 8, 1)) == [
        "Anti-social behaviour",
        "Business Crime and Shoplifting",
        "drug dealing",
        "speeding in villages",
    ]
    assert workspace.run(distinct_themes, date(2024, 8, 2), date(2024, 8, 2)) == ["Car cruising"]
    assert workspace.run(distinct_themes, date(2023, 1, 1), date(2023, 12, 31)) == []


def test_themes_over_time(workspace: Workspace) -> None:
    _eng4(workspace)
    counts = workspace.run(themes_over_time, date(2024, 5, 7), date(2024, 8, 1), "M")
    assert [(c.label, c.theme, c.count) for c in counts] == [
        ("May 2024", "Business Crime and Shoplifting", 1),
        ("Jun 2024", "Anti-social behaviour", 1),
        ("Jun 2024", "Business Crime and Shoplifting", 1),
        ("Jun 2024", "speeding in villages", 1),
        ("Jul 2024", "Anti-social behaviour", 1),
        ("Jul 2024", "drug dealing", 1),
    ]
    quarters = workspace.run(themes_over_time, date(2024, 4, 1), date(2024, 9, 30), "Q")
    assert [(c.label, c.theme, c.count) for c in quarters][:2] == [
        ("Apr–Jun 2024", "Business Crime and Shoplifting", 2),
        ("Apr–Jun 2024", "Anti-social behaviour", 1),
    ]
    assert quarters[-1].label == "Jul–Sep 2024" and quarters[-1].starts_on == date(2024, 7, 1)
    assert workspace.run(themes_over_time, date(2023, 1, 1), date(2023, 2, 1)) == []


def test_themes_by_npa_and_by_area(workspace: Workspace) -> None:
    _eng4(workspace)
    by_npa = workspace.run(themes_by_area, date(2024, 5, 7), date(2024, 8, 1))
    assert by_npa == [
        AreaThemeCount("East Leicester", "Business Crime and Shoplifting", 2),
        AreaThemeCount("East Leicester", "Anti-social behaviour", 1),
        AreaThemeCount("East Leicester", "speeding in villages", 1),
        AreaThemeCount("North West Leicestershire", "Anti-social behaviour", 1),
        AreaThemeCount("North West Leicestershire", "drug dealing", 1),
    ]
    by_area = workspace.run(themes_by_area, date(2024, 7, 1), date(2024, 7, 31), "area")
    assert by_area == [
        AreaThemeCount("Castle Donington", "Anti-social behaviour", 1),
        AreaThemeCount("Castle Donington", "drug dealing", 1),
    ]
    no_area = workspace.run(themes_by_area, date(2024, 6, 1), date(2024, 6, 30), "area")
    assert {row.area for row in no_area} == {"(no area)"}
