"""Visit pattern: the weekday × time-band grid and each clustering rule, both ways."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from pcc_desktop.models import CustodySuite, CustodyVisit, ReportStatus
from pcc_desktop.services.visit_pattern import (
    BANDS,
    all_suite_patterns,
    pattern_warnings,
    time_band,
    visit_pattern,
)
from pcc_desktop.services.workspace import Workspace

Q1 = (date(2025, 4, 1), date(2025, 6, 30))
MONDAY = date(2025, 4, 7)
_numbers = itertools.count(1)


def _suites(ws: Workspace) -> dict[str, uuid.UUID]:
    with ws.session() as s:
        return {x.name: x.id for x in s.scalars(select(CustodySuite))}


def _visit(
    ws: Workspace,
    suite_id: uuid.UUID,
    day: date,
    hour: int | None,
    status: ReportStatus = ReportStatus.SUBMITTED,
) -> None:
    with ws.session() as s:
        s.add(
            CustodyVisit(
                reference=f"ICV-2025-{next(_numbers):04d}",
                suite_id=suite_id,
                visited_on=day,
                arrived_at=None if hour is None else time(hour, 30),
                status=status,
            )
        )


def _spread(ws: Workspace, suite_id: uuid.UUID, slots: list[tuple[int, int]]) -> None:
    """Visits at (days after the first Monday, hour)."""
    for offset, hour in slots:
        _visit(ws, suite_id, MONDAY + timedelta(days=offset), hour)


# Ten visits, every band and both weekend days, no weekday over 40%, no band over 60%.
WELL_SPREAD = [(0, 8), (8, 12), (16, 16), (24, 20), (32, 23), (5, 2), (13, 9), (21, 13), (27, 17), (3, 21)]


@pytest.fixture
def euston(seeded: Workspace) -> uuid.UUID:
    return _suites(seeded)["Euston Street"]


def test_time_bands() -> None:
    assert [time_band(time(h)) for h in (7, 10, 11, 15, 19, 21, 22, 0, 6)] == [0, 0, 1, 2, 3, 3, 4, 4, 4]
    assert len(BANDS) == 5


def test_grid_counts_submitted_and_reviewed_visits_by_weekday_and_band(
    seeded: Workspace, euston: uuid.UUID
) -> None:
    _visit(seeded, euston, MONDAY, 8)
    _visit(seeded, euston, MONDAY + timedelta(days=6), 23, ReportStatus.REVIEWED)  # Sunday night
    _visit(seeded, euston, MONDAY + timedelta(days=1), 12, ReportStatus.DRAFT)  # not counted
    _visit(seeded, euston, MONDAY + timedelta(days=2), None)  # no arrival time
    _visit(seeded, euston, date(2025, 7, 1), 12)  # outside the period
    pattern = seeded.run(visit_pattern, euston, *Q1)
    assert pattern.total == 2 and pattern.untimed == 1
    assert pattern.counts[0] == (1, 0, 0, 0, 0)
    assert pattern.counts[6] == (0, 0, 0, 0, 1)
    assert pattern.day_totals() == (1, 0, 0, 0, 0, 0, 1)
    assert pattern.band_totals() == (1, 0, 0, 0, 1)
    assert pattern.suite_name == "Euston Street"


def test_a_well_spread_period_has_no_warnings(seeded: Workspace, euston: uuid.UUID) -> None:
    _spread(seeded, euston, WELL_SPREAD)
    pattern = seeded.run(visit_pattern, euston, *Q1)
    assert pattern.total == 10
    assert pattern.warnings == ()


def test_an_empty_band_is_warned_of_from_eight_visits(seeded: Workspace, euston: uuid.UUID) -> None:
    no_nights = [(offset, 14 if hour >= 22 or hour < 7 else hour) for offset, hour in WELL_SPREAD]
    _spread(seeded, euston, no_nights[:7])
    assert seeded.run(visit_pattern, euston, *Q1).warnings == ()  # 7 visits: too few to judge
    _spread(seeded, euston, no_nights[7:])
    warnings = seeded.run(visit_pattern, euston, *Q1).warnings
    assert warnings == ("No visits between 22:00 and 07:00 at Euston Street this period.",)


def test_a_weekday_with_more_than_forty_percent(seeded: Workspace, euston: uuid.UUID) -> None:
    # Four of ten on a Monday is 40%: not more than 40%, so no warning.
    slots = [(0, 8), (7, 12), (14, 16), (21, 23), (5, 2), (13, 9), (23, 13), (27, 17), (3, 21), (2, 20)]
    _spread(seeded, euston, slots)
    assert seeded.run(visit_pattern, euston, *Q1).warnings == ()
    _visit(seeded, euston, MONDAY + timedelta(days=28), 12)  # 5 of 11 on a Monday
    warnings = seeded.run(visit_pattern, euston, *Q1).warnings
    assert warnings == ("45% of visits to Euston Street were on a Monday (5 of 11).",)


def test_a_band_with_more_than_sixty_percent(seeded: Workspace, euston: uuid.UUID) -> None:
    # Six of ten in 11:00–15:00 is 60%: not more than 60%.
    slots = [(0, 12), (8, 12), (16, 13), (24, 14), (32, 12), (5, 13), (13, 9), (21, 17), (27, 20), (3, 23)]
    _spread(seeded, euston, slots)
    assert seeded.run(visit_pattern, euston, *Q1).warnings == ()
    _visit(seeded, euston, MONDAY + timedelta(days=40), 12)  # 7 of 11
    warnings = seeded.run(visit_pattern, euston, *Q1).warnings
    assert warnings == ("64% of visits to Euston Street began between 11:00 and 15:00 (7 of 11).",)


def test_no_weekend_visits_from_eight_visits(seeded: Workspace, euston: uuid.UUID) -> None:
    weekdays = [(0, 8), (8, 12), (16, 16), (24, 20), (32, 23), (3, 2), (9, 9)]
    _spread(seeded, euston, weekdays)
    assert seeded.run(visit_pattern, euston, *Q1).warnings == ()  # 7 visits
    _spread(seeded, euston, [(18, 13)])
    warnings = seeded.run(visit_pattern, euston, *Q1).warnings
    assert warnings == ("No weekend visits at Euston Street this period.",)
    _spread(seeded, euston, [(19, 13)])  # a Saturday
    assert seeded.run(visit_pattern, euston, *Q1).warnings == ()


def test_rules_on_a_grid_directly() -> None:
    assert pattern_warnings("Keyham Lane", ((0,) * 5,) * 7) == ()
    one = ((1, 0, 0, 0, 0),) + ((0,) * 5,) * 6
    assert pattern_warnings("Keyham Lane", one) == (
        "100% of visits to Keyham Lane were on a Monday (1 of 1).",
        "100% of visits to Keyham Lane began between 07:00 and 11:00 (1 of 1).",
    )


def test_every_suite_in_name_order(seeded: Workspace, euston: uuid.UUID) -> None:
    _spread(seeded, euston, WELL_SPREAD)
    patterns = seeded.run(all_suite_patterns, *Q1)
    assert [p.suite_name for p in patterns] == ["Beaumont Leys", "Euston Street", "Keyham Lane"]
    assert [p.total for p in patterns] == [0, 10, 0]
    assert all(p.warnings == () for p in patterns)


def test_a_backwards_period_or_a_missing_suite_is_refused(seeded: Workspace, euston: uuid.UUID) -> None:
    with pytest.raises(ValueError):
        seeded.run(visit_pattern, euston, Q1[1], Q1[0])
    with pytest.raises(LookupError):
        seeded.run(visit_pattern, uuid.uuid4(), *Q1)
