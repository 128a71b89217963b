"""Engagement figures for a period: what the Commissioner's Update Report prints (domain.md §4.1, §5.2).

One function, :func:`engagement_statistics`, shared by the dashboard, the Panel reports and the
command line. The rules, so every screen and report quotes the same numbers:

* A **community day** is an engagement of kind *community day*, status *held*, not deleted, dated
  in the period (both ends included); the count and the months come from
  :func:`pcc_desktop.services.coverage.community_days`.
* The **list of community days** (date, place, area, NPA, reason) leaves out any that are not
  publishable or are OFFICIAL-SENSITIVE; ``withheld`` says how many were left out, so the list and
  the count can be reconciled.
* **Other engagements** are held, live engagements of any other kind, by kind.
* **People met** is the sum of the attendance counts of every held engagement in the period.
* **Feedback items**, **themes** and **items for the CGB** follow the themes rule of
  ``services/coverage.py``: live items of live engagements dated in the period. An item with two
  themes counts once for each. Items for the Corporate Governance Board come only from publishable
  OFFICIAL engagements (its topic, else its text; the same topic listed once).
* An **NPA is visited** when a held community day in the period counts towards it (its ``npa_id``,
  as in :func:`pcc_desktop.services.coverage.npa_coverage`); only active NPAs are counted.
* **Actions raised** are live actions whose origin is an engagement dated in the period, or a live
  feedback item from one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from pcc_desktop.models import (
    Action,
    Area,
    AreaKind,
    Engagement,
    EngagementAttendance,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    OriginKind,
    StaffMember,
)
from pcc_desktop.services.coverage import PeriodCount, community_days, themes_over_time
from pcc_desktop.services.engagement_details import ENGAGEMENT_TYPE_LABELS
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.publication import published
from pcc_desktop.services.you_said_we_did import redact, redactor

TOP_THEMES = 10


@dataclass(frozen=True)
class LabelCount:
    """How many of one kind of thing (a type of engagement, an owner, an age band…)."""

    label: str
    count: int


@dataclass(frozen=True)
class ThemeTotal:
    """How many feedback items raised one theme in the period."""

    theme: str
    count: int


@dataclass(frozen=True)
class CommunityDayEntry:
    """One community day as the Panel report lists it: where, and why there."""

    held_on: date
    place: str
    area: str
    npa: str
    reason: str


@dataclass(frozen=True)
class EngagementStats:
    """The engagement figures for one period (dates inclusive).

    Attributes:
        community_days: Held community days in the period.
        community_days_by_month: The same, month by month (every month of the period listed).
        community_day_list: The publishable OFFICIAL community days, by date.
        withheld: Community days left out of the list (not publishable or OFFICIAL-SENSITIVE).
        other_engagements: Held engagements of other kinds, by kind (kinds with none left out).
        other_engagements_total: Their total.
        people_met: Sum of the attendance counts of every held engagement in the period.
        feedback_items: Feedback items recorded at engagements in the period.
        themes_raised: How many different themes those items raised.
        top_themes: The most raised themes (at most ``TOP_THEMES``), most raised first.
        items_for_cgb: Topics taken to the Corporate Governance Board (publishable OFFICIAL only).
        cgb_items_withheld: Items for the board left out of that list.
        npas_visited: Active NPAs with at least one held community day in the period.
        npas_total: Active NPAs.
        npas_not_visited: Names of the active NPAs not visited, A to Z.
        actions_raised: Actions raised from the period's engagements or their feedback.
    """

    date_from: date
    date_to: date
    community_days: int
    community_days_by_month: tuple[PeriodCount, ...]
    community_day_list: tuple[CommunityDayEntry, ...]
    withheld: int
    other_engagements: tuple[LabelCount, ...]
    other_engagements_total: int
    people_met: int
    feedback_items: int
    themes_raised: int
    top_themes: tuple[ThemeTotal, ...]
    items_for_cgb: tuple[str, ...]
    cgb_items_withheld: int
    npas_visited: int
    npas_total: int
    npas_not_visited: tuple[str, ...]
    actions_raised: int


def _held(date_from: date, date_to: date) -> tuple[ColumnElement[bool], ...]:
    return (
        Engagement.deleted_at.is_(None),
        Engagement.status == EngagementStatus.HELD,
        Engagement.held_on.between(date_from, date_to),
    )


def _dated(date_from: date, date_to: date) -> tuple[ColumnElement[bool], ...]:
    """Live engagements dated in the period (the themes rule of ``services/coverage.py``)."""
    return Engagement.deleted_at.is_(None), Engagement.held_on.between(date_from, date_to)


def _public() -> ColumnElement[bool]:
    return published(Engagement)


def _community_day_list(
    session: Session, date_from: date, date_to: date
) -> tuple[tuple[CommunityDayEntry, ...], int]:
    """The listable community days, by date, and how many were withheld."""
    area, npa = aliased(Area), aliased(Area)
    stmt = (
        select(Engagement.held_on, Engagement.place_name, area.name, npa.name, Engagement.reason, _public())
        .outerjoin(area, area.id == Engagement.area_id)
        .outerjoin(npa, npa.id == Engagement.npa_id)
        .where(*_held(date_from, date_to), Engagement.kind == EngagementType.COMMUNITY_DAY)
        .order_by(Engagement.held_on, Engagement.reference)
    )
    listed, withheld = [], 0
    for held_on, place, area_name, npa_name, reason, public in session.execute(stmt):
        if not public:
            withheld += 1
            continue
        listed.append(
            CommunityDayEntry(held_on, place or area_name or "", area_name or "", npa_name or "", reason)
        )
    return tuple(listed), withheld


def _other_engagements(session: Session, date_from: date, date_to: date) -> tuple[LabelCount, ...]:
    stmt = (
        select(Engagement.kind, func.count())
        .where(*_held(date_from, date_to), Engagement.kind != EngagementType.COMMUNITY_DAY)
        .group_by(Engagement.kind)
    )
    counts = dict(session.execute(stmt).all())
    return tuple(LabelCount(ENGAGEMENT_TYPE_LABELS[k], counts[k]) for k in EngagementType if counts.get(k))


def _people_met(session: Session, date_from: date, date_to: date) -> int:
    stmt = (
        select(func.coalesce(func.sum(EngagementAttendance.count), 0))
        .join(Engagement, Engagement.id == EngagementAttendance.engagement_id)
        .where(EngagementAttendance.deleted_at.is_(None), *_held(date_from, date_to))
    )
    return int(session.scalar(stmt) or 0)


def _feedback_count(session: Session, date_from: date, date_to: date) -> int:
    stmt = (
        select(func.count(FeedbackItem.id))
        .join(Engagement, Engagement.id == FeedbackItem.engagement_id)
        .where(FeedbackItem.deleted_at.is_(None), *_dated(date_from, date_to))
    )
    return int(session.scalar(stmt) or 0)


def _themes(session: Session, date_from: date, date_to: date) -> list[ThemeTotal]:
    """Every theme raised in the period with its total, most raised first (then A to Z)."""
    totals: Counter[str] = Counter()
    for row in themes_over_time(session, date_from, date_to, "Y"):
        totals[row.theme] += row.count
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0].lower()))
    return [ThemeTotal(theme, count) for theme, count in ordered]


def _items_for_cgb(session: Session, date_from: date, date_to: date) -> tuple[tuple[str, ...], int]:
    """The CGB topics (publishable OFFICIAL only, each once, by date) and how many items were withheld.

    An item without a topic is shown by its own words with the resident's name and contact details
    and staff names taken out, as "You said, we did" does: these lists are printed for the Panel.
    """
    stmt = (
        select(
            FeedbackItem.cgb_topic,
            FeedbackItem.text,
            FeedbackItem.contact_name,
            FeedbackItem.contact_details,
            _public(),
        )
        .join(Engagement, Engagement.id == FeedbackItem.engagement_id)
        .where(FeedbackItem.deleted_at.is_(None), FeedbackItem.for_cgb.is_(True), *_dated(date_from, date_to))
        .order_by(Engagement.held_on, Engagement.reference, FeedbackItem.position)
    )  # fmt: skip
    staff = redactor(session.scalars(select(StaffMember.name)))
    topics: dict[str, str] = {}
    withheld = 0
    for topic, text, contact_name, contact_details, public in session.execute(stmt):
        if not public:
            withheld += 1
            continue
        shown = (topic or "").strip() or redact(
            (text or "").strip(), redactor([contact_name, contact_details]), staff
        )
        topics.setdefault(shown.lower(), shown)
    return tuple(topics.values()), withheld


def _npas(session: Session, date_from: date, date_to: date) -> tuple[int, int, tuple[str, ...]]:
    """Active NPAs visited, all active NPAs, and the names of those not visited."""
    visited_ids = set(
        session.scalars(
            select(Engagement.npa_id)
            .distinct()
            .where(*_held(date_from, date_to), Engagement.kind == EngagementType.COMMUNITY_DAY)
        )
    )
    npas = session.execute(
        select(Area.id, Area.name)
        .where(Area.kind == AreaKind.NPA, Area.deleted_at.is_(None), Area.active.is_(True))
        .order_by(func.lower(Area.name))
    ).all()
    not_visited = tuple(name for npa_id, name in npas if npa_id not in visited_ids)
    return len(npas) - len(not_visited), len(npas), not_visited


def _actions_raised(session: Session, date_from: date, date_to: date) -> int:
    engagements = select(Engagement.id).where(*_dated(date_from, date_to))
    stmt = (
        select(func.count(Action.id))
        .outerjoin(FeedbackItem, FeedbackItem.id == Action.feedback_item_id)
        .where(
            Action.deleted_at.is_(None),
            or_(
                and_(Action.origin_kind == OriginKind.ENGAGEMENT, Action.engagement_id.in_(engagements)),
                and_(
                    Action.origin_kind == OriginKind.FEEDBACK,
                    FeedbackItem.deleted_at.is_(None),
                    FeedbackItem.engagement_id.in_(engagements),
                ),
            ),
        )
    )
    return int(session.scalar(stmt) or 0)


def engagement_statistics(session: Session, date_from: date, date_to: date) -> EngagementStats:
    """The engagement figures for a period, dates inclusive (rules in the module docstring).

    Args:
        session: An open session.
        date_from: First day of the period.
        date_to: Last day of the period.

    Raises:
        ValidationError: The period ends before it starts.
    """
    if date_to < date_from:
        raise ValidationError.single("date_to", "The period cannot end before it starts.")
    months = tuple(community_days(session, date_from, date_to, "M"))
    listed, withheld = _community_day_list(session, date_from, date_to)
    others = _other_engagements(session, date_from, date_to)
    themes = _themes(session, date_from, date_to)
    cgb, cgb_withheld = _items_for_cgb(session, date_from, date_to)
    visited, total, not_visited = _npas(session, date_from, date_to)
    return EngagementStats(
        date_from=date_from,
        date_to=date_to,
        community_days=sum(month.count for month in months),
        community_days_by_month=months,
        community_day_list=listed,
        withheld=withheld,
        other_engagements=others,
        other_engagements_total=sum(row.count for row in others),
        people_met=_people_met(session, date_from, date_to),
        feedback_items=_feedback_count(session, date_from, date_to),
        themes_raised=len(themes),
        top_themes=tuple(themes[:TOP_THEMES]),
        items_for_cgb=cgb,
        cgb_items_withheld=cgb_withheld,
        npas_visited=visited,
        npas_total=total,
        npas_not_visited=not_visited,
        actions_raised=_actions_raised(session, date_from, date_to),
    )
