"""Reading engagements: the detail and the list query (filtered and sorted in SQL).

Domain: docs/domain.md §2.3 and §3.1. The list stays instant at 20,000 engagements: filtering,
sorting and paging run in SQL, and the feedback and action counts are fetched for the page only.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from pcc_desktop.models import (
    Action,
    Area,
    AttendeeType,
    Engagement,
    EngagementStatus,
    FeedbackItem,
    StaffMember,
)
from pcc_desktop.services.engagement_details import (
    ATTENDEE_LABELS,
    CHUNK,
    ENGAGEMENT_TYPE_LABELS,
    INITIATED_BY_LABELS,
    LEAD_LABELS,
    SORT_KEYS,
    STATUS_LABELS,
    CouncillorContactData,
    EngagementDetail,
    EngagementFilter,
    EngagementPage,
    EngagementRow,
)
from pcc_desktop.services.errors import NotFoundError
from pcc_desktop.services.feedback import list_feedback


def _chunks(ids: list[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def feedback_counts(session: Session, engagement_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Live feedback items per engagement."""
    counts: dict[uuid.UUID, int] = {}
    for chunk in _chunks(engagement_ids):
        stmt = (
            select(FeedbackItem.engagement_id, func.count())
            .where(FeedbackItem.engagement_id.in_(chunk), FeedbackItem.deleted_at.is_(None))
            .group_by(FeedbackItem.engagement_id)
        )
        counts.update({eid: n for eid, n in session.execute(stmt)})
    return counts


def actions_counts(session: Session, engagement_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Live actions raised from each engagement, directly or from one of its feedback items."""
    counts: dict[uuid.UUID, int] = defaultdict(int)
    for chunk in _chunks(engagement_ids):
        direct = (
            select(Action.engagement_id, func.count())
            .where(Action.engagement_id.in_(chunk), Action.deleted_at.is_(None))
            .group_by(Action.engagement_id)
        )
        via_feedback = (
            select(FeedbackItem.engagement_id, func.count())
            .join(Action, Action.feedback_item_id == FeedbackItem.id)
            .where(FeedbackItem.engagement_id.in_(chunk), Action.deleted_at.is_(None))
            .group_by(FeedbackItem.engagement_id)
        )
        for stmt in (direct, via_feedback):
            for eid, n in session.execute(stmt):
                counts[eid] += n
    return dict(counts)


def _feedback_count_expr() -> ColumnElement[int]:
    return (
        select(func.count())
        .where(FeedbackItem.engagement_id == Engagement.id, FeedbackItem.deleted_at.is_(None))
        .correlate(Engagement)
        .scalar_subquery()
    )


def _actions_count_expr() -> ColumnElement[int]:
    direct = (
        select(func.count())
        .where(Action.engagement_id == Engagement.id, Action.deleted_at.is_(None))
        .correlate(Engagement)
        .scalar_subquery()
    )
    via_feedback = (
        select(func.count())
        .select_from(FeedbackItem)
        .join(Action, Action.feedback_item_id == FeedbackItem.id)
        .where(FeedbackItem.engagement_id == Engagement.id, Action.deleted_at.is_(None))
        .correlate(Engagement)
        .scalar_subquery()
    )
    return direct + via_feedback


# --- detail ------------------------------------------------------------------------------------


def _staff_name(session: Session, staff_id: uuid.UUID | None) -> str:
    staff = session.get(StaffMember, staff_id) if staff_id else None
    return staff.name if staff else ""


def _contacts(engagement: Engagement) -> tuple[CouncillorContactData, ...]:
    live = (c for c in engagement.councillor_contacts if c.deleted_at is None)
    return tuple(
        CouncillorContactData(
            id=c.id,
            councillor_name=c.councillor_name,
            council=c.council,
            contacted_on=c.contacted_on,
            views=c.views,
            row_version=c.row_version,
        )
        for c in live
    )


def _attendance(engagement: Engagement) -> tuple[tuple[AttendeeType, int], ...]:
    order = {t: i for i, t in enumerate(AttendeeType)}
    rows = sorted((a for a in engagement.attendance if a.count > 0), key=lambda a: order[a.attendee_type])
    return tuple((a.attendee_type, a.count) for a in rows)


def detail_of(session: Session, engagement: Engagement) -> EngagementDetail:
    """Build the DTO while the session is open (relationships load here, never in the GUI)."""
    feedback = tuple(list_feedback(session, engagement.id))
    plain = {
        name: getattr(engagement, name)
        for name in EngagementDetail.__dataclass_fields__
        if hasattr(Engagement, name) and name not in ("attendance", "councillor_contacts", "feedback_items")
    }
    return EngagementDetail(
        **plain,
        lead_staff_name=_staff_name(session, engagement.lead_staff_id),
        area_name=engagement.area.name if engagement.area else "",
        npa_name=engagement.npa.name if engagement.npa else "",
        debriefed_by_name=_staff_name(session, engagement.debriefed_by_id),
        organisation_ids=tuple(o.id for o in engagement.organisations),
        organisation_names=tuple(o.name for o in engagement.organisations),
        attendance=_attendance(engagement),
        councillor_contacts=_contacts(engagement),
        feedback_items=feedback,
        feedback_count=len(feedback),
        actions_count=actions_counts(session, [engagement.id]).get(engagement.id, 0),
    )


def load_engagement(session: Session, engagement_id: uuid.UUID) -> Engagement:
    """The live engagement, or NotFoundError."""
    engagement = session.get(Engagement, engagement_id)
    if engagement is None or engagement.deleted_at is not None:
        raise NotFoundError("That engagement no longer exists.")
    return engagement


def get_engagement(session: Session, engagement_id: uuid.UUID) -> EngagementDetail:
    """One engagement with everything its form shows."""
    return detail_of(session, load_engagement(session, engagement_id))


# --- the list ----------------------------------------------------------------------------------


def area_and_inside(session: Session, area_id: uuid.UUID) -> set[uuid.UUID]:
    """The area and every area inside it (the hierarchy is small: read it once)."""
    children: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for child, parent in session.execute(select(Area.id, Area.parent_id).where(Area.parent_id.is_not(None))):
        children[parent].append(child)
    found, todo = {area_id}, [area_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _conditions(session: Session, flt: EngagementFilter, area: type[Area]) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Engagement.deleted_at.is_(None)]
    if flt.kinds:
        where.append(Engagement.kind.in_(flt.kinds))
    if flt.statuses:
        where.append(Engagement.status.in_(flt.statuses))
    if flt.npa_id is not None:
        where.append(Engagement.npa_id == flt.npa_id)
    if flt.area_id is not None:
        where.append(Engagement.area_id.in_(area_and_inside(session, flt.area_id)))
    if flt.date_from:
        where.append(Engagement.held_on >= flt.date_from)
    if flt.date_to:
        where.append(Engagement.held_on <= flt.date_to)
    if flt.undebriefed_only:
        where += [Engagement.status == EngagementStatus.HELD, Engagement.debriefed_on.is_(None)]
    text = flt.text.strip()
    if text:
        columns = (
            Engagement.reference,
            Engagement.place_name,
            Engagement.reason,
            Engagement.notes,
            area.name,
        )
        # SQLite's LIKE already ignores ASCII case (and lower() would defeat it); others get ILIKE.
        sqlite = session.get_bind().dialect.name == "sqlite"
        where.append(
            or_(
                *(
                    c.contains(text, autoescape=True) if sqlite else c.icontains(text, autoescape=True)
                    for c in columns
                )
            )
        )
    return where


def _order(key: str, area: type[Area], npa: type[Area], staff: type[StaffMember]) -> ColumnElement[object]:
    def by_label(labels: dict[object, str], column: ColumnElement[object]) -> ColumnElement[object]:
        ranked = sorted(labels, key=lambda k: labels[k].lower())
        return case({k: i for i, k in enumerate(ranked)}, value=column)

    place = func.coalesce(func.nullif(Engagement.place_name, ""), area.name)
    columns: dict[str, ColumnElement[object]] = {
        "reference": Engagement.reference,
        "held_on": Engagement.held_on,
        "kind": by_label(ENGAGEMENT_TYPE_LABELS, Engagement.kind),  # type: ignore[arg-type]
        "status": case({s: i for i, s in enumerate(EngagementStatus)}, value=Engagement.status),
        "place": func.lower(place),
        "npa": func.lower(npa.name),
        "lead": func.lower(func.coalesce(staff.name, case(LEAD_LABELS, value=Engagement.lead))),
        "feedback": _feedback_count_expr(),
        "actions": _actions_count_expr(),
        "debriefed_on": Engagement.debriefed_on,
    }
    return columns.get(key, Engagement.held_on)


def _base(
    flt: EngagementFilter, session: Session
) -> tuple[Select[tuple[object, ...]], type[Area], type[Area], type[StaffMember]]:
    area, npa, staff = aliased(Area), aliased(Area), aliased(StaffMember)
    stmt = (
        select(
            Engagement.id,
            Engagement.reference,
            Engagement.held_on,
            Engagement.kind,
            Engagement.status,
            Engagement.place_name,
            area.name,
            npa.name,
            Engagement.lead,
            staff.name,
            Engagement.debriefed_on,
        )
        .outerjoin(area, area.id == Engagement.area_id)
        .outerjoin(npa, npa.id == Engagement.npa_id)
        .outerjoin(staff, staff.id == Engagement.lead_staff_id)
        .where(*_conditions(session, flt, area))
    )
    return stmt, area, npa, staff


def count_engagements(session: Session, flt: EngagementFilter) -> int:
    """How many engagements match ``flt``."""
    area = aliased(Area)
    stmt = select(func.count()).select_from(Engagement)
    if flt.text.strip():
        stmt = stmt.outerjoin(area, area.id == Engagement.area_id)
    return session.scalar(stmt.where(*_conditions(session, flt, area))) or 0


def list_engagements(
    session: Session,
    flt: EngagementFilter | None = None,
    sort_key: str = "held_on",
    descending: bool = True,
    offset: int = 0,
    limit: int | None = 200,
) -> EngagementPage:
    """One page of matching engagements, sorted (newest first by default); ``limit=None`` gives all.

    Args:
        session: an open session.
        flt: what to show; None shows every live engagement.
        sort_key: one of ``SORT_KEYS``; an unknown key sorts by date.
        descending: largest (latest) first.
        offset: rows to skip.
        limit: rows to return, or None for all (for export).
    """
    flt = flt or EngagementFilter()
    stmt, area, npa, staff = _base(flt, session)
    order = _order(sort_key, area, npa, staff)
    stmt = stmt.order_by(
        order.is_(None),
        order.desc() if descending else order.asc(),
        Engagement.held_on.desc(),
        Engagement.reference.desc() if descending else Engagement.reference,
    )
    values = list(session.execute(stmt.offset(offset).limit(limit)))
    ids = [v[0] for v in values]
    feedback, actions = feedback_counts(session, ids), actions_counts(session, ids)
    rows = [_row(v, feedback.get(v[0], 0), actions.get(v[0], 0)) for v in values]
    total = count_engagements(session, flt) if (offset or limit is not None) else len(rows)
    return EngagementPage(total=total, rows=rows, offset=offset)


def _row(values: tuple[object, ...], feedback: int, actions: int) -> EngagementRow:
    eid, ref, held_on, kind, status, place_name, area_name, npa_name, lead, staff_name, debriefed = values
    return EngagementRow(
        id=eid,  # type: ignore[arg-type]
        reference=str(ref),
        held_on=held_on,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        kind_label=ENGAGEMENT_TYPE_LABELS[kind],  # type: ignore[index]
        status=status,  # type: ignore[arg-type]
        status_label=STATUS_LABELS[status],  # type: ignore[index]
        place=str(place_name or area_name or ""),
        area_name=str(area_name or ""),
        npa_name=str(npa_name or ""),
        lead=str(staff_name or LEAD_LABELS[lead]),  # type: ignore[index]
        feedback_count=feedback,
        actions_count=actions,
        debriefed_on=debriefed,  # type: ignore[arg-type]
    )


# Labels and DTOs live in engagement_details; callers may still import them from here.
__all__ = [
    "ATTENDEE_LABELS",
    "CHUNK",
    "ENGAGEMENT_TYPE_LABELS",
    "INITIATED_BY_LABELS",
    "LEAD_LABELS",
    "SORT_KEYS",
    "STATUS_LABELS",
    "CouncillorContactData",
    "EngagementDetail",
    "EngagementFilter",
    "EngagementPage",
    "EngagementRow",
]
