"""What the Panel reports print, gathered through the services (reports never query the database).

:func:`outstanding_actions` feeds the action log: the actions still being worked, as the action list
shows them, with their age and working days overdue measured on the report's "as at" day, and only
what may be published. The rules match ``action_statistics`` so that the dashboard and the printed
log agree:

* **Outstanding**: live actions logged on or before the period's last day whose status is one of the
  working ones (open, in progress, awaiting response, awaiting sign-off, reopened). Deferred actions
  are counted separately; completed ones are done. The app keeps only each action's current status,
  so this is as of today's records.
* **As at**: the period's last day, or today if that is still to come.
* **Age**: calendar days from logging to the as-at day. **Days overdue**: working days (England and
  Wales) past the due date on the as-at day, from ``action_details.days_overdue``.
* **Withheld**: outstanding actions that are not publishable or are marked OFFICIAL-SENSITIVE. They
  are left out of the rows and only counted, so the report can say how many it holds back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import Action, ActionStatus, OriginKind
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.action_details import days_overdue
from pcc_desktop.services.action_queries import ActionFilter, ActionSort, list_actions
from pcc_desktop.services.clock import today
from pcc_desktop.services.publication import may_publish

ORIGIN_LABELS = {
    OriginKind.MEETING: "Meetings",
    OriginKind.ENGAGEMENT: "Engagements",
    OriginKind.FEEDBACK: "Feedback from the public",
    OriginKind.CUSTODY_VISIT: "Custody visits",
    OriginKind.AWS_VISIT: "Dog Unit visits",
    OriginKind.STANDALONE: "Stand-alone actions",
}
# The order the log lists them in: what the public and partners raised before internal work.
ORIGIN_ORDER = (
    OriginKind.FEEDBACK,
    OriginKind.ENGAGEMENT,
    OriginKind.MEETING,
    OriginKind.CUSTODY_VISIT,
    OriginKind.AWS_VISIT,
    OriginKind.STANDALONE,
)


@dataclass(frozen=True)
class OutstandingAction:
    """One publishable outstanding action, as the log prints it (no assignee names: personal data)."""

    reference: str
    title: str
    origin_kind: OriginKind
    origin: str
    owner_name: str
    status_label: str
    logged_on: date
    due_on: date | None
    age_days: int
    days_overdue: int


@dataclass(frozen=True)
class OutstandingActions:
    """The action log's data.

    Attributes:
        as_at: The day ages and overdue days are measured on.
        logged_to: Actions logged after this day are not included.
        actions: The publishable outstanding actions, by origin (``ORIGIN_ORDER``), owner, oldest first.
        withheld: Outstanding actions left out as not publishable or OFFICIAL-SENSITIVE.
        deferred: Publishable deferred actions logged by ``logged_to`` (not outstanding; counted only).
    """

    as_at: date
    logged_to: date
    actions: tuple[OutstandingAction, ...]
    withheld: int
    deferred: int


@dataclass(frozen=True)
class _Marks:
    """What the action list does not show: the origin kind, and whether the action may be published."""

    origin_kind: OriginKind
    public: bool


def _marks(session: Session, logged_to: date) -> dict[uuid.UUID, _Marks]:
    """Origin and publishability of every live, not completed action logged by ``logged_to``."""
    stmt = select(Action.id, Action.origin_kind, Action.classification, Action.publishable).where(
        Action.deleted_at.is_(None),
        Action.status != ActionStatus.COMPLETED,
        Action.logged_on <= logged_to,
    )
    return {
        action_id: _Marks(kind, may_publish(publishable, classification))
        for action_id, kind, classification, publishable in session.execute(stmt)
    }


def outstanding_actions(session: Session, logged_to: date) -> OutstandingActions:
    """The outstanding actions logged on or before ``logged_to``, publishable ones only.

    Args:
        session: An open session.
        logged_to: The last day of the report's period.

    Returns:
        The rows, the number withheld and the number deferred.
    """
    as_at = min(logged_to, today())
    marks = _marks(session, logged_to)
    working = tuple(lifecycle.open_statuses())
    page = list_actions(session, ActionFilter(statuses=working), ActionSort("logged_on"), limit=None)
    found, withheld = [], 0
    for row in page.rows:
        mark = marks.get(row.id)
        if mark is None:  # logged after the period
            continue
        if not mark.public:
            withheld += 1
            continue
        found.append(
            OutstandingAction(
                reference=row.reference,
                title=row.title,
                origin_kind=mark.origin_kind,
                origin=row.origin,
                owner_name=row.owner_name,
                status_label=row.status_label,
                logged_on=row.logged_on,
                due_on=row.due_on,
                age_days=max(0, (as_at - row.logged_on).days),
                days_overdue=days_overdue(row.status, row.due_on, as_at),
            )
        )
    open_ids = {row.id for row in page.rows}
    deferred = sum(1 for i, m in marks.items() if m.public and i not in open_ids)
    found.sort(key=lambda a: (ORIGIN_ORDER.index(a.origin_kind), a.owner_name, -a.age_days, a.reference))
    return OutstandingActions(as_at, logged_to, tuple(found), withheld, deferred)
