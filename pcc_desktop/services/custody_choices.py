"""What the visit report screen offers to choose from, and the extra counts its list shows.

Request categories and checklist items are reference data edited in Admin; the form offers only
the live, active ones, in their set order.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    ChecklistArea,
    ChecklistItem,
    DetaineeConversation,
    DetaineeRequest,
    ReportStatus,
    RequestCategory,
    Volunteer,
)
from pcc_desktop.models.custody import custody_visit_visitor
from pcc_desktop.services.custody_details import VisitSummary
from pcc_desktop.services.custody_visits import list_visits
from pcc_desktop.services.reference_data import list_custody_suites

Choice = tuple[uuid.UUID, str]


@dataclass(frozen=True)
class CustodyChoices:
    """The lists the visit report form offers, each as (id, label) pairs."""

    suites: list[Choice]
    request_categories: list[Choice]
    welfare_items: list[Choice]
    condition_items: list[Choice]


@dataclass(frozen=True)
class VisitRow:
    """A line of the visit list: the service's summary plus visitors and requests."""

    summary: VisitSummary
    visitors: str
    requests: int


def _items(session: Session, area: ChecklistArea) -> list[Choice]:
    stmt = (
        select(ChecklistItem.id, ChecklistItem.text)
        .where(ChecklistItem.area == area, ChecklistItem.deleted_at.is_(None), ChecklistItem.active)
        .order_by(ChecklistItem.position, ChecklistItem.text)
    )
    return [(row.id, row.text) for row in session.execute(stmt)]


def custody_choices(session: Session) -> CustodyChoices:
    """Suites (all, so old reports still show theirs), active request categories and checklist items."""
    categories = select(RequestCategory.id, RequestCategory.name).where(
        RequestCategory.deleted_at.is_(None), RequestCategory.active
    )
    return CustodyChoices(
        suites=[(s.id, s.name) for s in list_custody_suites(session) if s.id is not None],
        request_categories=[
            (row.id, row.name)
            for row in session.execute(categories.order_by(RequestCategory.position, RequestCategory.name))
        ],
        welfare_items=_items(session, ChecklistArea.RIGHTS_AND_WELFARE),
        condition_items=_items(session, ChecklistArea.CONDITIONS),
    )


def _visitor_names(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    stmt = (
        select(custody_visit_visitor.c.visit_id, Volunteer.name)
        .join(Volunteer, Volunteer.id == custody_visit_visitor.c.volunteer_id)
        .where(custody_visit_visitor.c.visit_id.in_(ids))
        .order_by(Volunteer.name)
    )
    names: dict[uuid.UUID, list[str]] = {}
    for visit_id, name in session.execute(stmt):
        names.setdefault(visit_id, []).append(name)
    return names


def _request_counts(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    stmt = (
        select(DetaineeConversation.visit_id, func.count(DetaineeRequest.id))
        .join(DetaineeRequest, DetaineeRequest.conversation_id == DetaineeConversation.id)
        .where(
            DetaineeConversation.visit_id.in_(ids),
            DetaineeConversation.deleted_at.is_(None),
            DetaineeRequest.deleted_at.is_(None),
        )
        .group_by(DetaineeConversation.visit_id)
    )
    return {visit_id: count for visit_id, count in session.execute(stmt)}


def list_visit_rows(
    session: Session,
    date_from: date,
    date_to: date,
    suite_id: uuid.UUID | None = None,
    status: ReportStatus | None = None,
) -> list[VisitRow]:
    """``list_visits`` with each report's visitors (names) and number of requests, newest first."""
    summaries = list_visits(session, date_from, date_to, suite_id, status)
    ids = [s.id for s in summaries]
    names = _visitor_names(session, ids)
    counts = _request_counts(session, ids)
    return [VisitRow(s, ", ".join(names.get(s.id, [])), counts.get(s.id, 0)) for s in summaries]
