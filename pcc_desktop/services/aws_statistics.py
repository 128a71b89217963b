"""Animal Welfare Scheme statistics for any period: the figures the Commissioner's updates quote.

The updates report "100% of animal welfare visits, with one visit taking place each month… no
serious issues" (003:118, AWS-2) and the Annual Report the visits since the launch on 1 April 2022
(12 visits, 001:1181, AWS-1). Visits are made in pairs (AWS-3).

A visit counts once its report is submitted or reviewed. "% achieved" is completed ÷ scheduled × 100,
where "scheduled" is the schedule's live slots for the months of the period, cancelled ones left out.
The standard is the scheme's visits per month × the months of the period since the launch, and
"% of standard" is the visits made ÷ that standard. Findings are the live actions raised from the
period's counted visits (origin "AWS visit"); a finding is closed when its action is completed.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    AWS_LAUNCHED_ON,
    Action,
    ActionStatus,
    AwsSlot,
    AwsVisit,
    DogObservation,
    OriginKind,
    RaiserTold,
    Scheme,
    SlotStatus,
    WelfareRating,
)
from pcc_desktop.models.aws import aws_visit_visitor
from pcc_desktop.services import aws_settings
from pcc_desktop.services.aws_history import DONE, NEEDS, add_months, dogs_in_service, month_start
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.custody_visit_rules import visit_minutes
from pcc_desktop.services.volunteer_counts import members_on


@dataclass(frozen=True)
class AwsStats:
    """The Animal Welfare Scheme's figures for one period (dates inclusive).

    Attributes:
        months: The first day of each month of the period, from the launch (1 April 2022) on.
        scheduled: Live schedule slots in those months, cancelled ones left out.
        completed / missed / cancelled / pending: Slots by how they ended (pending: not yet).
        pct_achieved: Completed ÷ scheduled × 100, one decimal place (None if nothing scheduled).
        standard_expected: Visits per month (the setting) × the months of the period since launch.
        pct_of_standard: Visits ÷ standard_expected × 100 (None when nothing was expected).
        visits: Visit reports submitted or reviewed, dated in the period.
        visits_since_launch: Those dated from 1 April 2022 to the period's end.
        visits_in_pairs: Visits made by exactly two visitors.
        volunteer_hours: Σ (departure − arrival) × visitors, in hours.
        dogs_seen: Distinct dogs observed on the period's visits.
        dogs_in_service: Dogs in service on the period's last day.
        concerns: Observations with at least one welfare need rated a concern.
        serious_issues: Visits that reported a serious issue.
        findings / findings_open / findings_closed: Live actions raised from the period's visits;
            closed means completed.
        visitors_told: Findings whose visitors have been told the outcome.
        active_visitors: Volunteers with an AWS membership active on the period's last day.
        visits_by_month: (month, visits) for each month in ``months``.
    """

    date_from: date
    date_to: date
    months: tuple[date, ...]
    scheduled: int
    completed: int
    missed: int
    cancelled: int
    pending: int
    pct_achieved: float | None
    visits_per_month: int
    standard_expected: int
    pct_of_standard: float | None
    visits: int
    visits_since_launch: int
    visits_in_pairs: int
    volunteer_hours: float
    dogs_seen: int
    dogs_in_service: int
    concerns: int
    serious_issues: int
    findings: int
    findings_open: int
    findings_closed: int
    visitors_told: int
    active_visitors: int
    visits_by_month: tuple[tuple[date, int], ...]


def pct(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole`` to one decimal place (None when ``whole`` is 0)."""
    return round(part * 100 / whole, 1) if whole else None


def period_months(date_from: date, date_to: date) -> tuple[date, ...]:
    """The first day of each month that overlaps the period, from the launch month on."""
    month = max(month_start(date_from), AWS_LAUNCHED_ON)
    months = []
    while month <= date_to:
        months.append(month)
        month = add_months(month, 1)
    return tuple(months)


def _visits(session: Session, date_from: date, date_to: date) -> list[AwsVisit]:
    stmt = select(AwsVisit).where(
        AwsVisit.deleted_at.is_(None),
        AwsVisit.status.in_(DONE),
        AwsVisit.visited_on >= date_from,
        AwsVisit.visited_on <= date_to,
    )
    return list(session.scalars(stmt.order_by(AwsVisit.visited_on)))


def _count_visits(session: Session, date_from: date, date_to: date) -> int:
    stmt = select(func.count(AwsVisit.id)).where(
        AwsVisit.deleted_at.is_(None),
        AwsVisit.status.in_(DONE),
        AwsVisit.visited_on >= date_from,
        AwsVisit.visited_on <= date_to,
    )
    return int(session.scalar(stmt) or 0)


def _slot_counts(session: Session, months: tuple[date, ...]) -> Counter[SlotStatus]:
    if not months:
        return Counter()
    stmt = select(AwsSlot.status).where(AwsSlot.deleted_at.is_(None), AwsSlot.month.in_(months))
    return Counter(session.scalars(stmt))


def _visitors(session: Session, visit_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not visit_ids:
        return {}
    stmt = (
        select(aws_visit_visitor.c.visit_id, func.count())
        .where(aws_visit_visitor.c.visit_id.in_(visit_ids))
        .group_by(aws_visit_visitor.c.visit_id)
    )
    return {visit_id: count for visit_id, count in session.execute(stmt)}


def _observations(session: Session, visit_ids: list[uuid.UUID]) -> tuple[int, int]:
    """Distinct dogs observed, and observations with at least one concern."""
    if not visit_ids:
        return 0, 0
    stmt = select(DogObservation).where(
        DogObservation.deleted_at.is_(None), DogObservation.visit_id.in_(visit_ids)
    )
    observations = list(session.scalars(stmt))
    concerns = sum(
        1 for o in observations if any(getattr(o, need) == WelfareRating.CONCERN for need in NEEDS)
    )
    return len({o.dog_id for o in observations}), concerns


def _findings(session: Session, visit_ids: list[uuid.UUID]) -> list[tuple[ActionStatus, RaiserTold]]:
    if not visit_ids:
        return []
    stmt = select(Action.status, Action.raiser_told).where(
        Action.deleted_at.is_(None),
        Action.origin_kind == OriginKind.AWS_VISIT,
        Action.aws_visit_id.in_(visit_ids),
    )
    return [(status, told) for status, told in session.execute(stmt)]


def active_aws_visitors(session: Session, on: date) -> int:
    """Volunteers whose AWS membership was active on a day (by its status and its dates)."""
    return members_on(session, Scheme.AWS, on)


def _visit_figures(session: Session, visits: list[AwsVisit]) -> dict[str, object]:
    """The figures that come from the period's counted visits: pairs, hours, dogs, findings."""
    ids = [v.id for v in visits]
    visitors = _visitors(session, ids)
    minutes = sum(
        visit_minutes(v.visited_on, v.arrived_at, v.departed_at) * visitors.get(v.id, 0) for v in visits
    )
    dogs_seen, concerns = _observations(session, ids)
    findings = _findings(session, ids)
    return {
        "visits": len(visits),
        "visits_in_pairs": sum(1 for v in visits if visitors.get(v.id, 0) == 2),
        "volunteer_hours": round(minutes / 60, 1),
        "dogs_seen": dogs_seen,
        "concerns": concerns,
        "serious_issues": sum(1 for v in visits if v.serious_issue),
        "findings": len(findings),
        "findings_open": sum(1 for status, _ in findings if status != ActionStatus.COMPLETED),
        "findings_closed": sum(1 for status, _ in findings if status == ActionStatus.COMPLETED),
        "visitors_told": sum(1 for _, told in findings if told == RaiserTold.TOLD),
    }


def aws_statistics(session: Session, date_from: date, date_to: date) -> AwsStats:
    """The Animal Welfare Scheme's figures for a period (dates inclusive).

    Raises:
        ValueError: The period ends before it starts.
    """
    if date_to < date_from:
        raise ValueError("A period cannot end before it starts.")
    months = period_months(date_from, date_to)
    slots = _slot_counts(session, months)
    scheduled = sum(slots.values()) - slots[SlotStatus.CANCELLED]
    visits = _visits(session, date_from, date_to)
    per_month = Counter(month_start(v.visited_on) for v in visits)
    per_month_setting = aws_settings.visits_per_month(session)
    expected = per_month_setting * len(months)
    return AwsStats(
        date_from=date_from,
        date_to=date_to,
        months=months,
        scheduled=scheduled,
        completed=slots[SlotStatus.COMPLETED],
        missed=slots[SlotStatus.MISSED],
        cancelled=slots[SlotStatus.CANCELLED],
        pending=slots[SlotStatus.SCHEDULED],
        pct_achieved=pct(slots[SlotStatus.COMPLETED], scheduled),
        visits_per_month=per_month_setting,
        standard_expected=expected,
        pct_of_standard=pct(len(visits), expected),
        visits_since_launch=_count_visits(session, AWS_LAUNCHED_ON, date_to),
        dogs_in_service=len(dogs_in_service(session, date_to)),
        active_visitors=active_aws_visitors(session, date_to),
        visits_by_month=tuple((month, per_month[month]) for month in months),
        **_visit_figures(session, visits),  # type: ignore[arg-type]
    )


def _num(value: float | None, suffix: str = "%") -> str:
    return "–" if value is None else f"{value:.1f}{suffix}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def aws_statistics_rows(stats: AwsStats) -> list[tuple[str, str]]:
    """The figures as (label, value) text rows: the panel's table, and the text for reports and the CLI."""
    launch = format_date(AWS_LAUNCHED_ON)
    return [
        ("Period", f"{format_date(stats.date_from)}–{format_date(stats.date_to)}"),
        ("Months since the launch", str(len(stats.months))),
        ("Visits scheduled", str(stats.scheduled)),
        ("Completed", str(stats.completed)),
        ("Missed", str(stats.missed)),
        ("Cancelled", str(stats.cancelled)),
        ("Still to happen", str(stats.pending)),
        ("% of scheduled visits achieved", _num(stats.pct_achieved)),
        (
            "Standard",
            f"{_plural(stats.standard_expected, 'visit')} "
            f"({stats.visits_per_month} a month × {_plural(len(stats.months), 'month')})",
        ),
        ("% of the standard made", _num(stats.pct_of_standard)),
        ("Visits made (reports submitted)", str(stats.visits)),
        (f"Visits since the launch ({launch})", str(stats.visits_since_launch)),
        ("Visits made in pairs", f"{stats.visits_in_pairs} of {stats.visits}"),
        ("Volunteer hours on visits", f"{stats.volunteer_hours:g}"),
        ("Dogs seen", str(stats.dogs_seen)),
        (f"Dogs in service on {format_date(stats.date_to)}", str(stats.dogs_in_service)),
        ("Dogs observed with a welfare concern", str(stats.concerns)),
        ("Serious issues", str(stats.serious_issues)),
        ("Findings raised with the Dog Unit", str(stats.findings)),
        ("Findings still open", str(stats.findings_open)),
        ("Findings closed", str(stats.findings_closed)),
        ("Visitors told the outcome", f"{stats.visitors_told} of {stats.findings}"),
        ("Active visitors", str(stats.active_visitors)),
    ]
