"""The dashboard's figures for a period: the statistics services' own figures, and two cross-tables.

Every number on the dashboard comes from the services that the Panel reports and
``pcc-desktop stats`` use, called once each for the period, so the three always agree:

* community days, NPAs visited and the months: :func:`engagement_statistics.engagement_statistics`;
* open and overdue actions: :func:`action_statistics.action_statistics`;
* custody visits achieved: :func:`icv_statistics.icv_statistics`;
* Dog Unit visits achieved and visits by month: :func:`aws_statistics.aws_statistics`;
* each NPA's visits against the target: :func:`coverage.npa_coverage`, for the coverage year that
  holds the period's *as of* day (its last day, or today if that is still to come);
* dogs not seen within the scheme's coverage months: :func:`aws_history.dog_coverage` on that day.

Two figures are shaped differently from any service, and are built here:

* **Custody visits per suite and month**: :func:`icv_statistics.icv_statistics` for each month of
  the period (the first and last months cut to the period), so every cell follows the ICV rules,
  rota or standard, exactly as the statistics panel would for that month.
* **Open and overdue actions by age band and origin**: one grouped query with the rules of
  :mod:`action_statistics` (open statuses, logged by the period's end, ages and overdue measured on
  the *as of* day); its totals equal that module's ``open_by_age``, ``open_by_origin`` and
  ``overdue``.

The period presets the dashboard offers (:data:`PRESETS`) are here too, as plain date arithmetic.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import Action, OriginKind
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.action_queries import overdue_cutoff
from pcc_desktop.services.action_statistics import (
    AGE_BANDS,
    ORIGIN_KIND_LABELS,
    ActionStats,
    action_statistics,
)
from pcc_desktop.services.aws_history import DogCoverage, add_months, dog_coverage, month_start
from pcc_desktop.services.aws_statistics import AwsStats, aws_statistics
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.coverage import CoverageReport, coverage_year, npa_coverage
from pcc_desktop.services.db_settings import coverage_year_start_month
from pcc_desktop.services.engagement_statistics import EngagementStats, engagement_statistics
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.icv_statistics import BASIS_ROTA, IcvStats, icv_statistics

Period = tuple[date, date]

THIS_YEAR, LAST_YEAR = "This financial year", "Last financial year"
THIS_QUARTER, LAST_QUARTER = "This quarter", "Last quarter"
CALENDAR, CUSTOM = "This calendar year", "Custom"
PRESETS = (THIS_YEAR, LAST_YEAR, THIS_QUARTER, LAST_QUARTER, CALENDAR, CUSTOM)


# --- periods ------------------------------------------------------------------------------------


def financial_year_of(day: date) -> Period:
    """The financial year (1 April to 31 March) holding ``day``."""
    start = day.year if day.month >= 4 else day.year - 1
    return date(start, 4, 1), date(start + 1, 3, 31)


def quarter_of(day: date) -> Period:
    """The quarter of the financial year (Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar) holding ``day``."""
    first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return first, add_months(first, 3) - timedelta(days=1)


def preset_period(kind: str, day: date) -> Period | None:
    """The dates a preset stands for on ``day``; a period still running ends on ``day``.

    Returns None for :data:`CUSTOM` (or an unknown name): the dates are the user's.
    """
    if kind == THIS_YEAR:
        return financial_year_of(day)[0], day
    if kind == LAST_YEAR:
        return financial_year_of(financial_year_of(day)[0] - timedelta(days=1))
    if kind == THIS_QUARTER:
        return quarter_of(day)[0], day
    if kind == LAST_QUARTER:
        return quarter_of(quarter_of(day)[0] - timedelta(days=1))
    if kind == CALENDAR:
        return date(day.year, 1, 1), day
    return None


def period_label(kind: str, period: Period) -> str:
    """``2025/26 (to date)``, ``2024/25``, ``Apr–Jun 2025 (to date)``, ``2025 (to date)`` or the dates."""
    first, last = period
    if kind in (THIS_YEAR, LAST_YEAR):
        to_date = " (to date)" if last < financial_year_of(first)[1] else ""
        return f"{first.year}/{(first.year + 1) % 100:02d}{to_date}"
    if kind in (THIS_QUARTER, LAST_QUARTER):
        end = quarter_of(first)[1]
        return f"{first:%b}–{end:%b %Y}{' (to date)' if last < end else ''}"
    if kind == CALENDAR:
        return f"{first.year}{' (to date)' if last < date(first.year, 12, 31) else ''}"
    return f"{format_date(first)}–{format_date(last)}"


def months_of(date_from: date, date_to: date) -> list[Period]:
    """Each calendar month overlapping the period, cut to the period: (first day, last day)."""
    months = []
    month = month_start(date_from)
    while month <= date_to:
        following = add_months(month, 1)
        months.append((max(month, date_from), min(following - timedelta(days=1), date_to)))
        month = following
    return months


# --- custody visits per suite and month ---------------------------------------------------------


@dataclass(frozen=True)
class SuiteMonth:
    """One custody suite in one month of the period, as :func:`icv_statistics` gives it.

    Attributes:
        month: The first day of the calendar month.
        achieved: Completed rota slots, or visit reports when the month is measured against the
            standard (no rota slots in the month).
        expected: Scheduled rota slots (cancelled left out), or the standard's expected visits.
        achieved_pct: The service's "% achieved" for the suite in the month (None: nothing expected).
        basis: ``"rota"`` or ``"standard"`` (the month's ``achievement_basis``).
    """

    suite_id: uuid.UUID
    suite: str
    month: date
    visits: int
    achieved: int
    expected: int
    achieved_pct: float | None
    basis: str


def custody_by_suite_month(session: Session, date_from: date, date_to: date) -> tuple[SuiteMonth, ...]:
    """Custody visits achieved per suite and month: the ICV statistics of each month of the period.

    Months run in date order and, within a month, suites A to Z (as the service lists them).
    """
    cells = []
    for first, last in months_of(date_from, date_to):
        stats = icv_statistics(session, first, last)
        rota = stats.achievement_basis == BASIS_ROTA
        for suite in stats.per_suite:
            cells.append(
                SuiteMonth(
                    suite_id=suite.suite_id,
                    suite=suite.name,
                    month=month_start(first),
                    visits=suite.visits,
                    achieved=suite.completed if rota else suite.visits,
                    expected=suite.scheduled if rota else suite.expected,
                    achieved_pct=suite.achieved_pct,
                    basis=stats.achievement_basis,
                )
            )
    return tuple(cells)


# --- open actions by age band and origin --------------------------------------------------------


@dataclass(frozen=True)
class ActionCell:
    """Open actions of one origin in one age band, and how many of them are overdue."""

    band: str
    origin_kind: OriginKind
    origin: str
    open: int
    overdue: int


@dataclass(frozen=True)
class BarCount:
    """Open and overdue actions under one label (an age band or an origin)."""

    label: str
    open: int
    overdue: int
    origin_kind: OriginKind | None = None


def _age_band(as_of: date) -> ColumnElement[int]:
    """A SQL expression: the index in ``AGE_BANDS`` of an action's age on ``as_of``."""
    whens = [
        (Action.logged_on >= as_of - timedelta(days=oldest), index)
        for index, (_, oldest) in enumerate(AGE_BANDS)
        if oldest is not None
    ]
    return case(*whens, else_=len(AGE_BANDS) - 1)


def action_breakdown(session: Session, date_to: date) -> tuple[ActionCell, ...]:
    """Open actions (logged by ``date_to``) by age band and origin, with the overdue ones among them.

    The rules are those of :mod:`pcc_desktop.services.action_statistics`; only cells with open
    actions are listed, bands youngest first and origins in their list order.
    """
    as_of = min(date_to, today())
    band = _age_band(as_of).label("band")
    late = case((and_(Action.due_on.is_not(None), Action.due_on < overdue_cutoff(as_of)), 1), else_=0)
    stmt = (
        select(Action.origin_kind, band, func.count(Action.id), func.sum(late))
        .where(
            Action.deleted_at.is_(None),
            Action.status.in_(lifecycle.open_statuses()),
            Action.logged_on <= date_to,
        )
        .group_by(Action.origin_kind, band)
    )
    found = {(kind, int(b)): (int(n), int(overdue or 0)) for kind, b, n, overdue in session.execute(stmt)}
    return tuple(
        ActionCell(label, kind, ORIGIN_KIND_LABELS[kind], *found[(kind, index)])
        for index, (label, _) in enumerate(AGE_BANDS)
        for kind in OriginKind
        if (kind, index) in found
    )


def by_age_band(cells: tuple[ActionCell, ...]) -> tuple[BarCount, ...]:
    """Open and overdue actions per age band, every band listed (youngest first)."""
    opened: Counter[str] = Counter()
    late: Counter[str] = Counter()
    for cell in cells:
        opened[cell.band] += cell.open
        late[cell.band] += cell.overdue
    return tuple(BarCount(label, opened[label], late[label]) for label, _ in AGE_BANDS)


def by_origin(cells: tuple[ActionCell, ...]) -> tuple[BarCount, ...]:
    """Open and overdue actions per origin (origins with none left out), in list order."""
    opened: Counter[OriginKind] = Counter()
    late: Counter[OriginKind] = Counter()
    for cell in cells:
        opened[cell.origin_kind] += cell.open
        late[cell.origin_kind] += cell.overdue
    return tuple(
        BarCount(ORIGIN_KIND_LABELS[kind], opened[kind], late[kind], kind)
        for kind in OriginKind
        if opened[kind]
    )


# --- everything at once -------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardFigures:
    """Every figure the dashboard shows for one period (dates inclusive).

    Attributes:
        as_of: The period's last day, or today if that is still to come: open actions, the NPA
            coverage year and the dogs not seen are measured on it.
        engagement / actions / icv / aws: The statistics services' figures for the period, exactly
            as ``pcc-desktop stats`` gives them.
        coverage: Each NPA's visits against the target in the coverage year holding ``as_of``.
        dogs: The dogs in service on ``as_of`` and which were not seen within the coverage months.
        custody_months: Custody visits achieved per suite and month (:func:`custody_by_suite_month`).
        action_cells: Open and overdue actions by age band and origin (:func:`action_breakdown`).
    """

    date_from: date
    date_to: date
    as_of: date
    engagement: EngagementStats
    actions: ActionStats
    icv: IcvStats
    aws: AwsStats
    coverage: CoverageReport
    dogs: DogCoverage
    custody_months: tuple[SuiteMonth, ...]
    action_cells: tuple[ActionCell, ...]


def dashboard_figures(session: Session, date_from: date, date_to: date) -> DashboardFigures:
    """Every figure of the dashboard for a period, dates inclusive (slow-ish: not on the GUI thread).

    Raises:
        ValidationError: The period ends before it starts.
    """
    if date_to < date_from:
        raise ValidationError.single("date_to", "The period cannot end before it starts.")
    as_of = min(date_to, today())
    year_start = coverage_year(as_of, coverage_year_start_month(session))[0]
    return DashboardFigures(
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        engagement=engagement_statistics(session, date_from, date_to),
        actions=action_statistics(session, date_from, date_to),
        icv=icv_statistics(session, date_from, date_to),
        aws=aws_statistics(session, date_from, date_to),
        coverage=npa_coverage(session, year_start),
        dogs=dog_coverage(session, as_of),
        custody_months=custody_by_suite_month(session, date_from, date_to),
        action_cells=action_breakdown(session, date_to),
    )
