"""Action figures for a period: logged, completed, still open, overdue, and who is still to be told.

One function, :func:`action_statistics`, shared by the dashboard, the Panel reports and the command
line. The rules:

* **Logged** / **completed**: live actions logged (``logged_on``) / completed (status *completed*,
  ``completed_on``) in the period, both ends included.
* **Open at the end**: live actions logged on or before the period's last day whose status is one of
  the working ones (not completed, not deferred). The app keeps each action's *current* status only,
  so this figure is **as of today's records**: an action logged in the period and completed since
  no longer counts as open, even for a period long past.
* **As of** is the period's last day, or today if that is still to come. Ages and overdue days are
  measured on that day.
* **Overdue**: of those open, the ones due before :func:`action_queries.overdue_cutoff` of the *as
  of* day, i.e. at least one working day late (weekends and bank holidays of England and Wales
  skipped): the rule the action list's "Overdue" view uses, so for a period ending today or later
  the two agree.
* **Age bands**: days from logging to the *as of* day: 0–30, 31–90, 91–180, over 180.
* **Raisers still to be told**: live actions completed on or before the period's last day whose
  raiser has not yet been told the outcome ("You said, we did"); again as of today's records.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import Action, ActionStatus, OriginKind, RaiserTold, StaffMember
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.action_details import ORIGIN_KIND_LABELS
from pcc_desktop.services.action_queries import overdue_cutoff
from pcc_desktop.services.clock import today
from pcc_desktop.services.engagement_statistics import LabelCount
from pcc_desktop.services.errors import ValidationError

# (label, oldest age in days in the band); the last band has no upper limit.
AGE_BANDS: tuple[tuple[str, int | None], ...] = (
    ("0–30 days", 30),
    ("31–90 days", 90),
    ("91–180 days", 180),
    ("Over 180 days", None),
)


@dataclass(frozen=True)
class ActionStats:
    """The action figures for one period (dates inclusive).

    Attributes:
        as_of: The day ages and overdue days are measured on (the period's end, or today if sooner).
        logged: Actions logged in the period.
        completed: Actions completed in the period.
        open_at_end: Actions logged by the period's end and still open (as of today's records).
        overdue: Of those, the ones at least one working day past their due date on ``as_of``.
        open_by_age: Open actions by days since logged, every band listed.
        open_by_origin: Open actions by what raised them (kinds with none left out).
        open_by_owner: Open actions by owner, most first.
        raisers_not_told: Completed actions whose raiser has not yet been told the outcome.
    """

    date_from: date
    date_to: date
    as_of: date
    logged: int
    completed: int
    open_at_end: int
    overdue: int
    open_by_age: tuple[LabelCount, ...]
    open_by_origin: tuple[LabelCount, ...]
    open_by_owner: tuple[LabelCount, ...]
    raisers_not_told: int


def _count(session: Session, *where: ColumnElement[bool]) -> int:
    stmt = select(func.count(Action.id)).where(Action.deleted_at.is_(None), *where)
    return int(session.scalar(stmt) or 0)


def _age_band(as_of: date) -> ColumnElement[int]:
    """A SQL expression: the index in ``AGE_BANDS`` of an action's age on ``as_of``."""
    whens = [
        (Action.logged_on >= as_of - timedelta(days=oldest), index)
        for index, (_, oldest) in enumerate(AGE_BANDS)
        if oldest is not None
    ]
    return case(*whens, else_=len(AGE_BANDS) - 1)


def _open_rows(session: Session, date_to: date, as_of: date) -> list[tuple[OriginKind, str, int, bool, int]]:
    """Open actions grouped by (origin, owner, age band, overdue): one aggregated query."""
    overdue = and_(Action.due_on.is_not(None), Action.due_on < overdue_cutoff(as_of))
    band = _age_band(as_of).label("band")
    late = case((overdue, True), else_=False).label("late")
    stmt = (
        select(Action.origin_kind, StaffMember.name, band, late, func.count(Action.id))
        .join(StaffMember, StaffMember.id == Action.owner_id)
        .where(
            Action.deleted_at.is_(None),
            Action.status.in_(lifecycle.open_statuses()),
            Action.logged_on <= date_to,
        )
        .group_by(Action.origin_kind, StaffMember.id, StaffMember.name, band, late)
    )
    return [
        (kind, name, int(b), bool(is_late), int(n)) for kind, name, b, is_late, n in session.execute(stmt)
    ]


def action_statistics(session: Session, date_from: date, date_to: date) -> ActionStats:
    """The action figures for a period, dates inclusive (rules in the module docstring).

    Args:
        session: An open session.
        date_from: First day of the period.
        date_to: Last day of the period.

    Raises:
        ValidationError: The period ends before it starts.
    """
    if date_to < date_from:
        raise ValidationError.single("date_to", "The period cannot end before it starts.")
    as_of = min(date_to, today())
    rows = _open_rows(session, date_to, as_of)
    by_origin: Counter[OriginKind] = Counter()
    by_owner: Counter[str] = Counter()
    by_band: Counter[int] = Counter()
    for kind, owner, band, _late, count in rows:
        by_origin[kind] += count
        by_owner[owner] += count
        by_band[band] += count
    owners = sorted(by_owner.items(), key=lambda item: (-item[1], item[0].lower()))
    return ActionStats(
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        logged=_count(session, Action.logged_on.between(date_from, date_to)),
        completed=_count(
            session,
            Action.status == ActionStatus.COMPLETED,
            Action.completed_on.between(date_from, date_to),
        ),
        open_at_end=sum(row[4] for row in rows),
        overdue=sum(row[4] for row in rows if row[3]),
        open_by_age=tuple(LabelCount(label, by_band[i]) for i, (label, _) in enumerate(AGE_BANDS)),
        open_by_origin=tuple(
            LabelCount(ORIGIN_KIND_LABELS[k], by_origin[k]) for k in OriginKind if by_origin[k]
        ),
        open_by_owner=tuple(LabelCount(name, count) for name, count in owners),
        raisers_not_told=_count(
            session,
            Action.status == ActionStatus.COMPLETED,
            Action.raiser_told == RaiserTold.NOT_YET,
            Action.completed_on <= date_to,
        ),
    )
