"""The lists a form offers to choose from (owners, organisations, areas, themes, meetings)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import Area, AreaKind, Organisation, StaffMember, Theme
from pcc_desktop.services.meetings import list_meetings

Choice = tuple[uuid.UUID, str]

AREA_KIND_ORDER = [
    AreaKind.FORCE_AREA,
    AreaKind.LOCAL_AUTHORITY,
    AreaKind.DISTRICT,
    AreaKind.NPA,
    AreaKind.CSP,
    AreaKind.PEOPLE_ZONE,
    AreaKind.PLACE,
]
AREA_KIND_LABELS = {
    AreaKind.FORCE_AREA: "Force area",
    AreaKind.LOCAL_AUTHORITY: "Local authority",
    AreaKind.DISTRICT: "District",
    AreaKind.NPA: "NPA",
    AreaKind.CSP: "CSP",
    AreaKind.PEOPLE_ZONE: "People Zone",
    AreaKind.PLACE: "Place",
}


@dataclass(frozen=True)
class ActionChoices:
    """Everything the action form and filter bar offer, each as (id, label) pairs."""

    staff: list[Choice]
    active_staff: list[Choice]
    organisations: list[Choice]
    areas: list[Choice]
    themes: list[Choice]
    meetings: list[Choice]


def _pairs(session: Session, model: type, active_only: bool) -> list[Choice]:
    stmt = select(model.id, model.name).where(model.deleted_at.is_(None)).order_by(func.lower(model.name))
    if active_only:
        stmt = stmt.where(model.active.is_(True))
    return [(row_id, name) for row_id, name in session.execute(stmt)]


def _areas(session: Session) -> list[Choice]:
    rows = session.execute(
        select(Area.id, Area.name, Area.kind).where(Area.deleted_at.is_(None), Area.active.is_(True))
    ).all()
    rows.sort(key=lambda r: (AREA_KIND_ORDER.index(r.kind), r.name.lower()))
    return [(r.id, f"{r.name} ({AREA_KIND_LABELS[r.kind]})") for r in rows]


def action_choices(session: Session) -> ActionChoices:
    """The current choices for the action form and filters."""
    return ActionChoices(
        staff=_pairs(session, StaffMember, active_only=False),
        active_staff=_pairs(session, StaffMember, active_only=True),
        organisations=_pairs(session, Organisation, active_only=True),
        areas=_areas(session),
        themes=_pairs(session, Theme, active_only=True),
        meetings=[(m.id, m.label) for m in list_meetings(session) if m.id is not None],
    )
