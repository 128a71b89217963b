"""Coverage and themes statistics: community days per period, NPA visits against target, themes raised.

Each figure is one SQL query, aggregated in the database where it can be, then shaped with pandas;
nothing is read row by row, so the figures stay instant on 20,000 engagements and 200,000 feedback
items. The rules (what counts as a visit, the coverage year, blackout periods and the effective
target) are written out, with a worked example, in ``docs/engagement.md``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal, TypeVar

import pandas as pd
from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session, aliased

from pcc_desktop.models import (
    Area,
    AreaKind,
    Engagement,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    Theme,
)
from pcc_desktop.models.engagement import feedback_theme
from pcc_desktop.services.blackouts import BlackoutData, in_blackout, list_blackouts
from pcc_desktop.services.clock import today
from pcc_desktop.services.db_settings import coverage_year_start_month, npa_visit_target

__all__ = [
    "AreaThemeCount",
    "CoverageReport",
    "NpaCoverage",
    "PeriodCount",
    "ThemeCount",
    "community_days",
    "coverage_year",
    "distinct_themes",
    "in_blackout",
    "npa_coverage",
    "themes_by_area",
    "themes_over_time",
]

Freq = Literal["M", "Q", "Y"]
M = TypeVar("M", int, pd.Series)
S = TypeVar("S", bound=Select[Any])
_STEP = {"M": 1, "Q": 3, "Y": 12}
NO_NPA = "(no NPA)"
NO_AREA = "(no area)"


@dataclass(frozen=True)
class PeriodCount:
    """How many of something fell in one period (a month, quarter or coverage year)."""

    label: str
    starts_on: date
    count: int


@dataclass(frozen=True)
class ThemeCount:
    """How many feedback items raised one theme in one period."""

    label: str
    starts_on: date
    theme: str
    count: int


@dataclass(frozen=True)
class AreaThemeCount:
    """How many feedback items raised one theme in one NPA (or area)."""

    area: str
    theme: str
    count: int


@dataclass(frozen=True)
class NpaCoverage:
    """One NPA's community days in a coverage year against its target."""

    npa_id: uuid.UUID
    npa_name: str
    visits: int
    planned: int
    effective_target: int
    shortfall: int
    met: bool
    last_visit: date | None
    blackout_visits: int = 0


@dataclass(frozen=True)
class CoverageReport:
    """Every active NPA's visits in one coverage year, and those short of the target."""

    year_from: date
    year_to: date
    target: int
    blackout_days: int
    rows: list[NpaCoverage]
    short: list[str]
    available_days: int = 0
    effective_target: int = 0
    blackouts: list[BlackoutData] = field(default_factory=list)


# --- periods ------------------------------------------------------------------------------------


def _year_end(start: date) -> date:
    """The day before the same date a year later (29 February runs to 28 February)."""
    try:
        following = start.replace(year=start.year + 1)
    except ValueError:
        following = date(start.year + 1, 3, 1)
    return following - timedelta(days=1)


def coverage_year(on: date, start_month: int) -> tuple[date, date]:
    """The coverage year that contains ``on``: first and last day, both included.

    ``coverage_year(date(2024, 6, 13), 4)`` is 1 April 2024 to 31 March 2025 (the financial year).
    """
    year = on.year if on.month >= start_month else on.year - 1
    start = date(year, start_month, 1)
    return start, _year_end(start)


def _period_index(month_index: M, freq: Freq, start_month: int) -> M:
    """The month index (year × 12 + month − 1) its period starts at; quarters and years begin in start_month.

    Works on one index or, element by element, on a pandas Series of them.
    """
    step = _STEP[freq]
    offset = (start_month - 1) % step
    return (month_index - offset) // step * step + offset


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _index_date(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _label(index: int, freq: Freq, start_month: int) -> str:
    """``Jun 2024``; ``Apr–Jun 2024`` (or ``Dec 2024–Feb 2025``); ``2024/25`` (or ``2024`` from January)."""
    first = _index_date(index)
    if freq == "M":
        return first.strftime("%b %Y")
    if freq == "Q":
        last = _index_date(index + 2)
        if first.year == last.year:
            return f"{first:%b}–{last:%b %Y}"
        return f"{first:%b %Y}–{last:%b %Y}"
    if start_month == 1:
        return str(first.year)
    return f"{first.year}/{(first.year + 1) % 100:02d}"


def _period_indexes(date_from: date, date_to: date, freq: Freq, start_month: int) -> list[int]:
    first = _period_index(_month_index(date_from), freq, start_month)
    last = _period_index(_month_index(date_to), freq, start_month)
    return list(range(first, last + 1, _STEP[freq]))


def _with_periods(frame: pd.DataFrame, freq: Freq, start_month: int) -> pd.DataFrame:
    """Add a ``period`` column (the period's month index) computed from the ``day`` column."""
    days = pd.to_datetime(frame["day"])
    months = days.dt.year * 12 + days.dt.month - 1
    return frame.assign(period=_period_index(months, freq, start_month))


def _check_freq(freq: str) -> Freq:
    if freq not in _STEP:
        raise ValueError(f"freq must be 'M', 'Q' or 'Y', not {freq!r}")
    return freq  # type: ignore[return-value]


# --- community days -----------------------------------------------------------------------------


def community_days(
    session: Session, date_from: date, date_to: date, freq: Freq = "M", start_month: int | None = None
) -> list[PeriodCount]:
    """Held community days (not deleted) per period from ``date_from`` to ``date_to`` (both included).

    Every period in the range is listed, with 0 where nothing was held. A period's ``starts_on`` is
    its first day, which may be before ``date_from``; only days in the range are counted.

    Args:
        session: An open session.
        date_from: First day counted.
        date_to: Last day counted.
        freq: ``"M"`` months, ``"Q"`` quarters or ``"Y"`` years; quarters and years start in
            ``start_month`` (by default the coverage year's month, April).
        start_month: Overrides the database's coverage year start month.
    """
    freq = _check_freq(freq)
    start_month = start_month or coverage_year_start_month(session)
    stmt = (
        select(Engagement.held_on.label("day"), func.count().label("n"))
        .where(
            Engagement.kind == EngagementType.COMMUNITY_DAY,
            Engagement.status == EngagementStatus.HELD,
            Engagement.deleted_at.is_(None),
            Engagement.held_on.between(date_from, date_to),
        )
        .group_by(Engagement.held_on)
    )
    frame = pd.DataFrame(session.execute(stmt).all(), columns=["day", "n"])
    counts: dict[int, int] = {}
    if not frame.empty:
        counts = _with_periods(frame, freq, start_month).groupby("period")["n"].sum().to_dict()
    return [
        PeriodCount(_label(index, freq, start_month), _index_date(index), int(counts.get(index, 0)))
        for index in _period_indexes(date_from, date_to, freq, start_month)
    ]


# --- NPA coverage -------------------------------------------------------------------------------


def _blackout_days(blackouts: list[BlackoutData], year_from: date, year_to: date) -> int:
    days: set[date] = set()
    for period in blackouts:
        assert period.starts_on is not None and period.ends_on is not None
        first, last = max(period.starts_on, year_from), min(period.ends_on, year_to)
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    return len(days)


def effective_target(target: int, available_days: int, days_in_year: int) -> int:
    """``ceil(target × available_days / days_in_year)``, in whole numbers (no rounding error)."""
    if days_in_year <= 0:
        return target
    return -(-target * available_days // days_in_year)


def _visit_frame(session: Session, year_from: date, year_to: date) -> pd.DataFrame:
    """Held and planned community days per (NPA, day, status) in the year: one grouped query."""
    stmt = (
        select(Engagement.npa_id, Engagement.held_on, Engagement.status, func.count())
        .where(
            Engagement.kind == EngagementType.COMMUNITY_DAY,
            Engagement.deleted_at.is_(None),
            Engagement.npa_id.is_not(None),
            Engagement.status.in_([EngagementStatus.HELD, EngagementStatus.PLANNED]),
            Engagement.held_on.between(year_from, year_to),
        )
        .group_by(Engagement.npa_id, Engagement.held_on, Engagement.status)
    )
    frame = pd.DataFrame(session.execute(stmt).all(), columns=["npa_id", "day", "status", "n"])
    frame["blackout"] = False
    return frame


def _mark_blackouts(frame: pd.DataFrame, blackouts: list[BlackoutData]) -> pd.DataFrame:
    if frame.empty:
        return frame
    days = pd.to_datetime(frame["day"])
    mask = pd.Series(False, index=frame.index)
    for period in blackouts:
        mask |= days.between(pd.Timestamp(period.starts_on), pd.Timestamp(period.ends_on))
    return frame.assign(blackout=mask)


def npa_coverage(session: Session, year_start: date | None = None) -> CoverageReport:
    """Each active NPA's community days in the coverage year starting ``year_start``, against the target.

    Rules (see ``docs/engagement.md``):

    * A **visit** is a community day with status *held*, not deleted, whose ``npa_id`` is the NPA and
      whose date is in the year. One held inside a live blackout period does not count (it is
      reported as ``blackout_visits``).
    * ``planned`` counts planned community days for the NPA from today to the end of the year,
      outside blackout periods.
    * The **effective target** is ``ceil(target × available_days / days_in_year)``, where
      ``available_days`` is the year's days less the blackout days inside it; ``target`` is the
      database setting (default 2).
    * ``met`` is ``visits >= effective_target``; ``shortfall`` is what is still missing.
    * Every active NPA is listed, by name, including those with no visits at all.

    Args:
        session: An open session.
        year_start: First day of the coverage year; defaults to the year containing today.
    """
    if year_start is None:
        year_start = coverage_year(today(), coverage_year_start_month(session))[0]
    year_to = _year_end(year_start)
    days_in_year = (year_to - year_start).days + 1
    blackouts = list_blackouts(session, year_start, year_to)
    blackout_days = _blackout_days(blackouts, year_start, year_to)
    target = npa_visit_target(session)
    effective = effective_target(target, days_in_year - blackout_days, days_in_year)
    frame = _mark_blackouts(_visit_frame(session, year_start, year_to), blackouts)
    rows = _coverage_rows(session, frame, effective)
    return CoverageReport(
        year_from=year_start,
        year_to=year_to,
        target=target,
        blackout_days=blackout_days,
        rows=rows,
        short=[row.npa_name for row in rows if not row.met],
        available_days=days_in_year - blackout_days,
        effective_target=effective,
        blackouts=blackouts,
    )


def _coverage_rows(session: Session, frame: pd.DataFrame, effective: int) -> list[NpaCoverage]:
    held = frame[frame["status"] == EngagementStatus.HELD]
    counted = held[~held["blackout"]]
    visits = counted.groupby("npa_id")["n"].sum().to_dict()
    last = counted.groupby("npa_id")["day"].max().to_dict()
    excluded = held[held["blackout"]].groupby("npa_id")["n"].sum().to_dict()
    upcoming = frame[
        (frame["status"] == EngagementStatus.PLANNED) & ~frame["blackout"] & (frame["day"] >= today())
    ]
    planned = upcoming.groupby("npa_id")["n"].sum().to_dict()
    npas = session.execute(
        select(Area.id, Area.name)
        .where(Area.kind == AreaKind.NPA, Area.deleted_at.is_(None), Area.active.is_(True))
        .order_by(func.lower(Area.name))
    ).all()
    rows = []
    for npa_id, name in npas:
        count = int(visits.get(npa_id, 0))
        rows.append(
            NpaCoverage(
                npa_id=npa_id,
                npa_name=name,
                visits=count,
                planned=int(planned.get(npa_id, 0)),
                effective_target=effective,
                shortfall=max(0, effective - count),
                met=count >= effective,
                last_visit=last.get(npa_id),
                blackout_visits=int(excluded.get(npa_id, 0)),
            )
        )
    return rows


# --- themes -------------------------------------------------------------------------------------


def _feedback_filter(date_from: date, date_to: date) -> tuple[ColumnElement[bool], ...]:
    return (
        FeedbackItem.deleted_at.is_(None),
        Engagement.deleted_at.is_(None),
        Engagement.held_on.between(date_from, date_to),
    )


def _theme_join(stmt: S) -> S:
    """From feedback items through their engagement to each of their themes."""
    return (
        stmt.select_from(FeedbackItem)
        .join(Engagement, Engagement.id == FeedbackItem.engagement_id)
        .join(feedback_theme, feedback_theme.c.feedback_item_id == FeedbackItem.id)
        .join(Theme, Theme.id == feedback_theme.c.theme_id)
    )


def distinct_themes(session: Session, date_from: date, date_to: date) -> list[str]:
    """The themes of live feedback items from live engagements held in the range, A to Z."""
    stmt = _theme_join(select(Theme.name).distinct()).where(*_feedback_filter(date_from, date_to))
    return sorted(session.scalars(stmt), key=str.lower)


def themes_over_time(
    session: Session, date_from: date, date_to: date, freq: Freq = "M", start_month: int | None = None
) -> list[ThemeCount]:
    """Feedback items per theme per period (periods as in :func:`community_days`).

    Only non-zero counts are listed, in period order and, within a period, most raised first. An item
    with two themes counts once for each.
    """
    freq = _check_freq(freq)
    start_month = start_month or coverage_year_start_month(session)
    stmt = (
        _theme_join(select(Engagement.held_on, Theme.name, func.count(FeedbackItem.id)))
        .where(*_feedback_filter(date_from, date_to))
        .group_by(Engagement.held_on, Theme.name)
    )
    frame = pd.DataFrame(session.execute(stmt).all(), columns=["day", "theme", "n"])
    if frame.empty:
        return []
    grouped = _with_periods(frame, freq, start_month).groupby(["period", "theme"], as_index=False)["n"].sum()
    grouped = grouped.assign(key=grouped["theme"].str.lower()).sort_values(
        ["period", "n", "key"], ascending=[True, False, True]
    )
    return [
        ThemeCount(_label(int(p), freq, start_month), _index_date(int(p)), theme, int(n))
        for p, theme, n in grouped[["period", "theme", "n"]].itertuples(index=False)
    ]


def themes_by_area(
    session: Session, date_from: date, date_to: date, level: Literal["npa", "area"] = "npa"
) -> list[AreaThemeCount]:
    """Feedback items per theme per NPA (or per area), for engagements held in the range.

    With ``level="npa"`` an item counts towards its engagement's NPA (or, failing that, the NPA
    of the engagement's area); with ``level="area"`` towards the item's own area, else the
    engagement's. Items with neither are listed under ``(no NPA)`` / ``(no area)``. Sorted by area,
    then most raised first.
    """
    own_area = aliased(Area)
    named = aliased(Area)
    if level == "npa":
        key = func.coalesce(
            Engagement.npa_id, own_area.npa_id, case((own_area.kind == AreaKind.NPA, own_area.id))
        )
        area_link = own_area.id == Engagement.area_id
    else:
        key = func.coalesce(FeedbackItem.area_id, Engagement.area_id)
        area_link = own_area.id == key
    stmt = (
        _theme_join(select(named.name, Theme.name, func.count(FeedbackItem.id)))
        .outerjoin(own_area, area_link)
        .outerjoin(named, named.id == key)
        .where(*_feedback_filter(date_from, date_to))
        .group_by(named.id, named.name, Theme.name)
    )
    blank = NO_NPA if level == "npa" else NO_AREA
    rows = [AreaThemeCount(area or blank, theme, int(n)) for area, theme, n in session.execute(stmt)]
    return sorted(rows, key=lambda r: (r.area == blank, r.area.lower(), -r.count, r.theme.lower()))
