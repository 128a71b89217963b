"""Unpredictability of custody visits: when in the week and the day each suite was visited.

Visits must stay unannounced, so the Code of Practice expects them spread over the week and the
clock. For one suite and a period this counts the submitted and reviewed visits by the weekday of
the visit and the time band of the arrival, and warns when they cluster:

* a time band with no visits, once the period has at least ``MIN_VISITS`` visits;
* one weekday holding more than ``DAY_SHARE`` % of the visits;
* one time band holding more than ``BAND_SHARE`` % of the visits;
* no Saturday or Sunday visits, once the period has at least ``MIN_VISITS`` visits.

A visit with no arrival time recorded cannot be placed in a band: it is counted in ``untimed``
and left out of the grid and of the rules.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import CustodySuite, CustodyVisit, ReportStatus

DONE = (ReportStatus.SUBMITTED, ReportStatus.REVIEWED)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# (first hour, label): a band runs from its hour to the next band's; the last wraps past midnight.
BANDS = (
    (7, "07:00–11:00"),
    (11, "11:00–15:00"),
    (15, "15:00–19:00"),
    (19, "19:00–22:00"),
    (22, "22:00–07:00"),
)
BAND_WORDS = (
    "07:00 and 11:00",
    "11:00 and 15:00",
    "15:00 and 19:00",
    "19:00 and 22:00",
    "22:00 and 07:00",
)
MIN_VISITS = 8
DAY_SHARE = 40
BAND_SHARE = 60

Grid = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class VisitPattern:
    """One suite's visits in a period by weekday and time band, with the clustering warnings.

    Attributes:
        suite_id: The custody suite.
        suite_name: Its name, for the warnings and the chart.
        date_from: First day of the period.
        date_to: Last day of the period.
        counts: Seven rows (Monday first) of five counts, one per band of ``BANDS``.
        total: Visits placed in the grid (those with an arrival time).
        untimed: Visits with no arrival time recorded (not in the grid).
        warnings: Plain sentences, one per rule broken.
    """

    suite_id: uuid.UUID
    suite_name: str
    date_from: date
    date_to: date
    counts: Grid
    total: int
    untimed: int
    warnings: tuple[str, ...]

    def day_totals(self) -> tuple[int, ...]:
        """Visits per weekday, Monday first."""
        return tuple(sum(row) for row in self.counts)

    def band_totals(self) -> tuple[int, ...]:
        """Visits per time band, in the order of ``BANDS``."""
        return tuple(sum(row[b] for row in self.counts) for b in range(len(BANDS)))


def time_band(arrived: time) -> int:
    """The index in ``BANDS`` of an arrival time (22:00 to 06:59 is the late/night band)."""
    for index in range(len(BANDS) - 1):
        if BANDS[index][0] <= arrived.hour < BANDS[index + 1][0]:
            return index
    return len(BANDS) - 1


def _share(part: int, whole: int) -> int:
    return round(part * 100 / whole)


def pattern_warnings(suite_name: str, counts: Grid) -> tuple[str, ...]:
    """The clustering warnings for one suite's grid (see the module's rules).

    Args:
        suite_name: The suite, named in each sentence.
        counts: Seven rows (Monday first) of one count per time band.

    Returns:
        One sentence per rule broken, empty when the visits are well spread.
    """
    total = sum(sum(row) for row in counts)
    if not total:
        return ()
    found: list[str] = []
    bands = [sum(row[b] for row in counts) for b in range(len(BANDS))]
    days = [sum(row) for row in counts]
    if total >= MIN_VISITS:
        found += [
            f"No visits between {BAND_WORDS[b]} at {suite_name} this period."
            for b, n in enumerate(bands)
            if n == 0
        ]
    busiest_day = max(range(len(days)), key=lambda d: days[d])
    if days[busiest_day] * 100 > DAY_SHARE * total:
        found.append(
            f"{_share(days[busiest_day], total)}% of visits to {suite_name} were on a "
            f"{WEEKDAY_NAMES[busiest_day]} ({days[busiest_day]} of {total})."
        )
    busiest_band = max(range(len(bands)), key=lambda b: bands[b])
    if bands[busiest_band] * 100 > BAND_SHARE * total:
        found.append(
            f"{_share(bands[busiest_band], total)}% of visits to {suite_name} began between "
            f"{BAND_WORDS[busiest_band]} ({bands[busiest_band]} of {total})."
        )
    if total >= MIN_VISITS and days[5] + days[6] == 0:
        found.append(f"No weekend visits at {suite_name} this period.")
    return tuple(found)


def _grid(visits: list[tuple[date, time | None]]) -> tuple[Grid, int]:
    cells = [[0] * len(BANDS) for _ in WEEKDAYS]
    untimed = 0
    for visited_on, arrived in visits:
        if arrived is None:
            untimed += 1
        else:
            cells[visited_on.weekday()][time_band(arrived)] += 1
    return tuple(tuple(row) for row in cells), untimed


def _arrivals(
    session: Session, date_from: date, date_to: date, suite_id: uuid.UUID | None
) -> dict[uuid.UUID, list[tuple[date, time | None]]]:
    stmt = select(CustodyVisit.suite_id, CustodyVisit.visited_on, CustodyVisit.arrived_at).where(
        CustodyVisit.deleted_at.is_(None),
        CustodyVisit.status.in_(DONE),
        CustodyVisit.visited_on >= date_from,
        CustodyVisit.visited_on <= date_to,
    )
    if suite_id is not None:
        stmt = stmt.where(CustodyVisit.suite_id == suite_id)
    found: dict[uuid.UUID, list[tuple[date, time | None]]] = defaultdict(list)
    for row_suite, visited_on, arrived in session.execute(stmt):
        found[row_suite].append((visited_on, arrived))
    return found


def _pattern(suite: CustodySuite, visits: list, date_from: date, date_to: date) -> VisitPattern:
    counts, untimed = _grid(visits)
    return VisitPattern(
        suite_id=suite.id,
        suite_name=suite.name,
        date_from=date_from,
        date_to=date_to,
        counts=counts,
        total=sum(sum(row) for row in counts),
        untimed=untimed,
        warnings=pattern_warnings(suite.name, counts),
    )


def _check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise ValueError("A period cannot end before it starts.")


def visit_pattern(session: Session, suite_id: uuid.UUID, date_from: date, date_to: date) -> VisitPattern:
    """One suite's visits in a period (dates inclusive) by weekday and time band, with warnings.

    Args:
        session: An open session.
        suite_id: The custody suite.
        date_from: First day of the period.
        date_to: Last day of the period.

    Returns:
        The grid, the total and the clustering warnings.

    Raises:
        LookupError: The suite does not exist.
        ValueError: The period ends before it starts.
    """
    _check_period(date_from, date_to)
    suite = session.get(CustodySuite, suite_id)
    if suite is None or suite.is_deleted:
        raise LookupError("That custody suite no longer exists.")
    visits = _arrivals(session, date_from, date_to, suite_id).get(suite_id, [])
    return _pattern(suite, visits, date_from, date_to)


def all_suite_patterns(session: Session, date_from: date, date_to: date) -> list[VisitPattern]:
    """The pattern of every suite in use in the period (or visited in it), in name order.

    Raises:
        ValueError: The period ends before it starts.
    """
    _check_period(date_from, date_to)
    visits = _arrivals(session, date_from, date_to, None)
    suites = session.scalars(select(CustodySuite).where(CustodySuite.deleted_at.is_(None)))
    shown = [
        s
        for s in suites
        if s.id in visits
        or (
            (s.active_from is None or s.active_from <= date_to)
            and (s.active_to is None or s.active_to >= date_from)
        )
    ]
    shown.sort(key=lambda s: s.name.lower())
    return [_pattern(s, visits.get(s.id, []), date_from, date_to) for s in shown]
