"""Engagement figures for a period, with the golden figures of domain.md §4.1 (ENG-1 to ENG-5)."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pcc_desktop.models import (
    Action,
    Area,
    AreaKind,
    AttendeeType,
    Classification,
    Engagement,
    EngagementAttendance,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    OriginKind,
    Theme,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services.coverage import PeriodCount
from pcc_desktop.services.engagement_statistics import (
    CommunityDayEntry,
    LabelCount,
    ThemeTotal,
    engagement_statistics,
)
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workspace import Workspace

HELD, PLANNED, CANCELLED = EngagementStatus.HELD, EngagementStatus.PLANNED, EngagementStatus.CANCELLED
CD = EngagementType.COMMUNITY_DAY
BCS, ASB, SPEEDING, DRUGS = (
    "Business Crime and Shoplifting",
    "Anti-social behaviour",
    "speeding in villages",
    "drug dealing",
)
_numbers = itertools.count(1)


# --- helpers -----------------------------------------------------------------------------------


def _area(ws: Workspace, name: str, kind: AreaKind = AreaKind.NPA, **extra: object) -> uuid.UUID:
    with ws.session() as s:
        area = Area(name=name, kind=kind, **extra)
        s.add(area)
        s.flush()
        return area.id


def _engagement(
    ws: Workspace,
    held_on: date,
    npa_id: uuid.UUID | None = None,
    *,
    kind: EngagementType = CD,
    status: EngagementStatus = HELD,
    deleted: bool = False,
    **extra: object,
) -> uuid.UUID:
    with ws.session() as s:
        engagement = Engagement(
            reference=f"ENG-{held_on.year}-{next(_numbers):04d}",
            kind=kind,
            status=status,
            held_on=held_on,
            npa_id=npa_id,
            deleted_at=utc_now() if deleted else None,
            **extra,
        )
        s.add(engagement)
        s.flush()
        return engagement.id


def _attendance(
    ws: Workspace, engagement_id: uuid.UUID, kind: AttendeeType, count: int, **extra: object
) -> None:
    with ws.session() as s:
        s.add(EngagementAttendance(engagement_id=engagement_id, attendee_type=kind, count=count, **extra))


def _themes(ws: Workspace, *names: str) -> dict[str, uuid.UUID]:
    with ws.session() as s:
        themes = [Theme(name=name) for name in names]
        s.add_all(themes)
        s.flush()
        return {t.name: t.id for t in themes}


def _feedback(
    ws: Workspace, engagement_id: uuid.UUID, *theme_ids: uuid.UUID, deleted: bool = False, **extra: object
) -> uuid.UUID:
    with ws.session() as s:
        item = FeedbackItem(
            engagement_id=engagement_id,
            text=extra.pop("text", "raised"),
            deleted_at=utc_now() if deleted else None,
            **extra,
        )
        item.themes = [s.get(Theme, theme_id) for theme_id in theme_ids]
        s.add(item)
        s.flush()
        return item.id


def _action(ws: Workspace, deleted: bool = False, **origin: object) -> None:
    with ws.session() as s:
        s.add(
            Action(
                reference=f"ACT-{next(_numbers):05d}",
                title="Follow up",
                owner_id=ws.actor_id,
                logged_on=date(2024, 8, 5),
                deleted_at=utc_now() if deleted else None,
                **origin,
            )
        )


def _thursdays(first: date, last: date) -> list[date]:
    return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


# --- the 2024 update report (003): 7 May – 1 August 2024 -------------------------------------------


@pytest.fixture
def update_2024(workspace: Workspace) -> Workspace:
    """Engagements matching the September 2024 Commissioner's Update Report, plus ones not to count."""
    ws = workspace
    themes = _themes(ws, BCS, ASB, SPEEDING, DRUGS, "Car cruising", "Knife crime")
    east, west, charnwood = _area(ws, "East Leicester"), _area(ws, "West Leicester"), _area(ws, "Charnwood")
    lutterworth = _area(ws, "Lutterworth")
    _area(ws, "Retired NPA", active=False)
    place = _area(ws, "Castle Donington", AreaKind.PLACE, npa_id=charnwood)
    npas = [east, west, east, charnwood, east, west, east, charnwood]
    days = []
    for n, (day, npa) in enumerate(zip(_thursdays(date(2024, 6, 13), date(2024, 8, 1)), npas, strict=True)):
        extra: dict[str, object] = {"reason": f"Reason {n}", "place_name": f"Place {n}"}
        if n == 1:
            extra = {"area_id": place, "reason": "Councillor request", "place_name": ""}
        if n == 3:
            extra["publishable"] = False
        if n == 5:
            extra["classification"] = Classification.OFFICIAL_SENSITIVE
        days.append(_engagement(ws, day, npa, **extra))
    # Community days that do not count: planned, cancelled, deleted, outside the period.
    _engagement(ws, date(2024, 7, 2), lutterworth, status=PLANNED)
    _engagement(ws, date(2024, 7, 3), lutterworth, status=CANCELLED)
    _engagement(ws, date(2024, 7, 4), lutterworth, deleted=True)
    _engagement(ws, date(2024, 5, 6), lutterworth)
    later = _engagement(ws, date(2024, 8, 8), lutterworth)
    # Other engagements: two surgeries and a public meeting held; a planned walk and a deleted event.
    may = _engagement(ws, date(2024, 5, 7), east, kind=EngagementType.PUBLIC_MEETING)
    surgery = _engagement(ws, date(2024, 7, 5), west, kind=EngagementType.SURGERY)
    _engagement(ws, date(2024, 7, 6), west, kind=EngagementType.SURGERY)
    walk = _engagement(ws, date(2024, 7, 9), west, kind=EngagementType.PATCH_WALK, status=PLANNED)
    _engagement(ws, date(2024, 7, 10), west, kind=EngagementType.EVENT, deleted=True)
    # People met: 25 + 2 + 40 = 67; the planned walk and a deleted count are left out.
    _attendance(ws, days[0], AttendeeType.RESIDENTS, 25)
    _attendance(ws, days[0], AttendeeType.COUNCILLORS, 2)
    _attendance(ws, may, AttendeeType.RESIDENTS, 40)
    _attendance(ws, walk, AttendeeType.RESIDENTS, 10)
    _attendance(ws, surgery, AttendeeType.BUSINESSES, 5, deleted_at=utc_now())
    # Feedback (ENG-4 themes, ENG-5 items for the CGB).
    _feedback(ws, may, themes[BCS], for_cgb=True, cgb_topic="Shoplifting performance")
    first = _feedback(
        ws, days[0], themes[BCS], themes[ASB], for_cgb=True, text="Victim compliance and satisfaction"
    )
    _feedback(ws, days[0], themes[SPEEDING])
    _feedback(ws, days[2], themes[DRUGS], for_cgb=True, cgb_topic="shoplifting performance")
    _feedback(ws, days[2], themes[ASB])
    _feedback(ws, days[3], themes[ASB], for_cgb=True, cgb_topic="Not for publication")
    gone = _feedback(ws, days[2], themes["Knife crime"], deleted=True, for_cgb=True, cgb_topic="Deleted")
    _feedback(ws, later, themes["Car cruising"], for_cgb=True, cgb_topic="Too late")
    # Actions: one from a day, one from feedback; not: later day, deleted, stand-alone, deleted item.
    _action(ws, origin_kind=OriginKind.ENGAGEMENT, engagement_id=days[1])
    _action(ws, origin_kind=OriginKind.FEEDBACK, feedback_item_id=first)
    _action(ws, origin_kind=OriginKind.ENGAGEMENT, engagement_id=later)
    _action(ws, deleted=True, origin_kind=OriginKind.ENGAGEMENT, engagement_id=days[1])
    _action(ws)
    _action(ws, origin_kind=OriginKind.FEEDBACK, feedback_item_id=gone)
    return ws


def test_eng3_eight_community_days_from_13_june_to_1_august_2024(update_2024: Workspace) -> None:
    stats = update_2024.run(engagement_statistics, date(2024, 6, 13), date(2024, 8, 1))
    assert stats.community_days == 8
    assert [(m.label, m.count) for m in stats.community_days_by_month] == [
        ("Jun 2024", 3),
        ("Jul 2024", 4),
        ("Aug 2024", 1),
    ]


def test_the_whole_update_report_period(update_2024: Workspace) -> None:
    stats = update_2024.run(engagement_statistics, date(2024, 5, 7), date(2024, 8, 1))
    assert (stats.date_from, stats.date_to) == (date(2024, 5, 7), date(2024, 8, 1))
    assert stats.community_days == 8
    assert stats.community_days_by_month == (
        PeriodCount("May 2024", date(2024, 5, 1), 0),
        PeriodCount("Jun 2024", date(2024, 6, 1), 3),
        PeriodCount("Jul 2024", date(2024, 7, 1), 4),
        PeriodCount("Aug 2024", date(2024, 8, 1), 1),
    )
    assert stats.other_engagements == (LabelCount("Surgery", 2), LabelCount("Public meeting", 1))
    assert stats.other_engagements_total == 3
    assert stats.people_met == 67
    assert stats.feedback_items == 6
    assert stats.actions_raised == 2


def test_eng4_four_themes_most_raised_first(update_2024: Workspace) -> None:
    stats = update_2024.run(engagement_statistics, date(2024, 5, 7), date(2024, 8, 1))
    assert stats.themes_raised == 4
    assert stats.top_themes == (
        ThemeTotal(ASB, 3),
        ThemeTotal(BCS, 2),
        ThemeTotal(DRUGS, 1),
        ThemeTotal(SPEEDING, 1),
    )


def test_eng5_two_items_taken_to_the_cgb(update_2024: Workspace) -> None:
    stats = update_2024.run(engagement_statistics, date(2024, 5, 7), date(2024, 8, 1))
    # The topic, else the item's text; the same topic once; the unpublishable one withheld.
    assert stats.items_for_cgb == ("Shoplifting performance", "Victim compliance and satisfaction")
    assert stats.cgb_items_withheld == 1


def test_the_list_of_community_days_leaves_out_what_cannot_be_published(update_2024: Workspace) -> None:
    stats = update_2024.run(engagement_statistics, date(2024, 5, 7), date(2024, 8, 1))
    assert stats.withheld == 2  # one not publishable, one OFFICIAL-SENSITIVE
    assert len(stats.community_day_list) + stats.withheld == stats.community_days
    assert [entry.held_on for entry in stats.community_day_list] == [
        date(2024, 6, 13),
        date(2024, 6, 20),
        date(2024, 6, 27),
        date(2024, 7, 11),
        date(2024, 7, 25),
        date(2024, 8, 1),
    ]
    assert stats.community_day_list[0] == CommunityDayEntry(
        date(2024, 6, 13), "Place 0", "", "East Leicester", "Reason 0"
    )
    # No place given: the area's name is the place.
    assert stats.community_day_list[1] == CommunityDayEntry(
        date(2024, 6, 20), "Castle Donington", "Castle Donington", "West Leicester", "Councillor request"
    )


def test_npas_visited_in_the_period(update_2024: Workspace) -> None:
    stats = update_2024.run(engagement_statistics, date(2024, 5, 7), date(2024, 8, 1))
    assert (stats.npas_visited, stats.npas_total) == (3, 4)  # the inactive NPA is not counted
    assert stats.npas_not_visited == ("Lutterworth",)
    wider = update_2024.run(engagement_statistics, date(2024, 5, 6), date(2024, 8, 8))
    assert (wider.npas_visited, wider.npas_not_visited) == (4, ())
    assert wider.community_days == 10


def test_eng1_and_eng2_thirty_nine_days_and_every_npa_visited(seeded: Workspace) -> None:
    with seeded.session() as s:
        npa_ids = list(s.scalars(select(Area.id).where(Area.kind == AreaKind.NPA).order_by(Area.name)))
    assert len(npa_ids) == 8
    for index, day in enumerate(_thursdays(date(2022, 4, 7), date(2023, 3, 30))[:39]):
        _engagement(seeded, day, npa_ids[index % len(npa_ids)])
    stats = seeded.run(engagement_statistics, date(2022, 4, 1), date(2023, 3, 31))
    assert stats.community_days == 39
    assert len(stats.community_days_by_month) == 12
    assert (stats.npas_visited, stats.npas_total, stats.npas_not_visited) == (8, 8, ())


def test_an_empty_period_is_all_zeros(workspace: Workspace) -> None:
    _area(workspace, "East Leicester")
    stats = workspace.run(engagement_statistics, date(2024, 4, 1), date(2024, 4, 30))
    assert stats.community_days == 0
    assert stats.community_days_by_month == (PeriodCount("Apr 2024", date(2024, 4, 1), 0),)
    assert stats.community_day_list == () and stats.withheld == 0
    assert stats.other_engagements == () and stats.other_engagements_total == 0
    assert (stats.people_met, stats.feedback_items, stats.themes_raised, stats.actions_raised) == (0, 0, 0, 0)
    assert stats.top_themes == () and stats.items_for_cgb == ()
    assert (stats.npas_visited, stats.npas_total, stats.npas_not_visited) == (0, 1, ("East Leicester",))


def test_top_themes_stop_at_ten(workspace: Workspace) -> None:
    npa = _area(workspace, "East Leicester")
    themes = _themes(workspace, *(f"Theme {n:02d}" for n in range(12)))
    day = _engagement(workspace, date(2024, 6, 13), npa)
    for n, theme_id in enumerate(themes.values()):
        for _ in range(n % 3 + 1):
            _feedback(workspace, day, theme_id)
    stats = workspace.run(engagement_statistics, date(2024, 6, 1), date(2024, 6, 30))
    assert stats.themes_raised == 12
    assert len(stats.top_themes) == 10
    assert [t.theme for t in stats.top_themes[:4]] == ["Theme 02", "Theme 05", "Theme 08", "Theme 11"]
    assert all(t.count == 3 for t in stats.top_themes[:4])


def test_a_period_ending_before_it_starts_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        workspace.run(engagement_statistics, date(2024, 8, 1), date(2024, 5, 7))


def test_a_cgb_item_without_a_topic_never_prints_the_residents_name(workspace: Workspace) -> None:
    npa = _area(workspace, "East Leicester")
    day = _engagement(workspace, date(2024, 6, 13), npa)
    _feedback(
        workspace,
        day,
        for_cgb=True,
        text="Margaret Hollis asked about shoplifting on the High Street",
        consent_to_contact=True,
        contact_name="Margaret Hollis",
        contact_details="07700 900123",
    )
    stats = workspace.run(engagement_statistics, date(2024, 6, 1), date(2024, 6, 30))
    assert len(stats.items_for_cgb) == 1
    assert "Margaret" not in stats.items_for_cgb[0] and "Hollis" not in stats.items_for_cgb[0]
    assert "shoplifting on the High Street" in stats.items_for_cgb[0]
