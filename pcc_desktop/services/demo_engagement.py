"""Demo engagements: two years of weekly community days, what residents raised, and the actions."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    ActionStatus,
    Area,
    AttendeeType,
    BlackoutPeriod,
    EngagementLead,
    EngagementStatus,
    EngagementType,
    InitiatedBy,
    OriginKind,
    Priority,
    RaisedBy,
    RelayedTo,
    Sentiment,
)
from pcc_desktop.services.references import format_reference

# What residents say, by theme; "{place}" is filled in. Themes not listed use the generic lines.
SAYINGS = {
    "Speeding in villages": [
        "Cars speed through {place} on the school run",
        "Ask for a speed camera van in {place}",
    ],
    "Anti-social behaviour": [
        "Groups gathering by the shops in {place} at night",
        "Fireworks and noise in {place} park",
    ],
    "Business crime and shoplifting": ["Shop staff in {place} threatened by repeat shoplifters"],
    "Drug dealing": [
        "Dealing seen near the bus station in {place}",
        "Needles found in the alley behind {place} high street",
    ],
    "Police visibility": [
        "Residents of {place} never see a PCSO on foot",
        "Ask for a regular beat surgery in {place}",
    ],
    "Nuisance bikes": ["Off-road bikes ridden on {place} footpaths"],
    "Burglary": ["Sheds broken into across {place}"],
    "Road safety": ["Dangerous parking outside {place} primary school"],
    "Hare coursing": ["Hare coursing on farmland outside {place}"],
}
GENERIC = ["Worried about {theme} in {place}", "Asked what is being done about {theme} in {place}"]
PRAISE = [
    "Thanks for the neighbourhood team's work in {place}",
    "The new PCSO in {place} is making a difference",
]
REASONS = [
    "Weekly community day programme",
    "Invitation from the parish council",
    "Residents' petition about ASB",
    "Follow-up to last year's visit",
    "Councillor request after a spate of burglaries",
]


@dataclass
class EngagementDemo:
    """Rows for bulk insert, keyed by table."""

    engagements: list[dict] = field(default_factory=list)
    attendance: list[dict] = field(default_factory=list)
    feedback: list[dict] = field(default_factory=list)
    feedback_themes: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    action_themes: list[dict] = field(default_factory=list)


def _thursdays(start: date, end: date) -> list[date]:
    day = start + timedelta(days=(3 - start.weekday()) % 7)
    days = []
    while day <= end:
        days.append(day)
        day += timedelta(days=7)
    return days


def _blackouts(session: Session) -> list[tuple[date, date]]:
    rows = session.execute(
        select(BlackoutPeriod.starts_on, BlackoutPeriod.ends_on).where(BlackoutPeriod.deleted_at.is_(None))
    )
    return [(a, b) for a, b in rows]


def _places(session: Session) -> list[tuple[uuid.UUID, str, uuid.UUID | None]]:
    from pcc_desktop.models import AreaKind

    rows = session.execute(
        select(Area.id, Area.name, Area.npa_id, Area.kind).where(Area.deleted_at.is_(None))
    )
    return [(r.id, r.name, r.npa_id) for r in rows if r.kind == AreaKind.PLACE]


def build_engagements(
    session: Session, rng: random.Random, ctx: dict, now: date, scale: float, counters: dict[int, int]
) -> EngagementDemo:
    """Two years of engagements ending six weeks from ``now``; ``counters`` numbers the actions."""
    demo = EngagementDemo()
    places = _places(session)
    if not places or not ctx["npas"] or scale <= 0:
        return demo
    blackouts = _blackouts(session)
    eng_counters: dict[int, int] = {}
    for day in _thursdays(now - timedelta(days=730), now + timedelta(days=42)):
        if any(a <= day <= b for a, b in blackouts):
            continue  # no community days in the pre-election period
        for _ in range(max(1, round(scale))):
            for kind in (EngagementType.COMMUNITY_DAY, _other_kind(rng)):
                held_on = (
                    day if kind == EngagementType.COMMUNITY_DAY else day - timedelta(days=rng.randint(1, 3))
                )
                eng_counters[held_on.year] = eng_counters.get(held_on.year, 0) + 1
                ref = format_reference("ENG", held_on.year, eng_counters[held_on.year])
                _add_engagement(demo, rng, ctx, places, kind, held_on, ref, now, counters)
    ctx["engagement_counters"] = eng_counters
    return demo


def _other_kind(rng: random.Random) -> EngagementType:
    return rng.choice(
        [
            EngagementType.SURGERY,
            EngagementType.PATCH_WALK,
            EngagementType.EVENT,
            EngagementType.PUBLIC_MEETING,
            EngagementType.FUNDED_PROJECT_VISIT,
            EngagementType.PARTNER_MEETING,
        ]
    )


def _add_engagement(
    demo: EngagementDemo,
    rng: random.Random,
    ctx: dict,
    places: list,
    kind: EngagementType,
    held_on: date,
    ref: str,
    now: date,
    counters: dict[int, int],
) -> None:
    place_id, place, npa_id = rng.choice(places)
    npa_id = npa_id or rng.choice(ctx["npas"])[0]
    status = (
        EngagementStatus.PLANNED
        if held_on > now
        else (EngagementStatus.CANCELLED if rng.random() < 0.04 else EngagementStatus.HELD)
    )
    held = status == EngagementStatus.HELD
    debriefed = held and (now - held_on).days > 7
    row = {
        "id": uuid.uuid4(),
        "reference": ref,
        "kind": kind,
        "status": status,
        "held_on": held_on,
        "starts_at": time(10, 0),
        "ends_at": time(15, 30) if kind == EngagementType.COMMUNITY_DAY else time(12, 0),
        "lead": rng.choices(list(EngagementLead), [70, 20, 5, 5])[0],
        "area_id": place_id,
        "npa_id": npa_id,
        "place_name": place,
        "reason": rng.choice(REASONS),
        "initiated_by": rng.choice(list(InitiatedBy)),
        "advertised": rng.random() < 0.8,
        "surveyed": rng.random() < 0.3,
        "notes": "Cancelled: clash with a Force critical incident."
        if status == EngagementStatus.CANCELLED
        else "",
        "debriefed_on": held_on + timedelta(days=rng.randint(1, 6)) if debriefed else None,
        "debriefed_by_id": ctx["me"] if debriefed else None,
        "intelligence_to": f"NPA Commander – {place}" if debriefed and rng.random() < 0.3 else "",
        "created_by_id": ctx["me"],
        "updated_by_id": ctx["me"],
        "row_version": 1,
    }
    demo.engagements.append(row)
    if held:
        _add_attendance(demo, rng, row)
        count = rng.randint(3, 8) if kind == EngagementType.COMMUNITY_DAY else rng.randint(0, 3)
        count = round(count * ctx.get("feedback_multiplier", 1.0))
        for position in range(1, count + 1):
            _add_feedback(demo, rng, ctx, row, position, debriefed, now, counters)


def _add_attendance(demo: EngagementDemo, rng: random.Random, engagement: dict) -> None:
    for kind, low, high in (
        (AttendeeType.RESIDENTS, 5, 60),
        (AttendeeType.BUSINESSES, 0, 8),
        (AttendeeType.COUNCILLORS, 0, 4),
        (AttendeeType.NEIGHBOURHOOD_TEAM, 1, 4),
    ):
        demo.attendance.append(
            {
                "id": uuid.uuid4(),
                "engagement_id": engagement["id"],
                "attendee_type": kind,
                "count": rng.randint(low, high),
                "row_version": 1,
            }
        )


def _add_feedback(
    demo: EngagementDemo,
    rng: random.Random,
    ctx: dict,
    engagement: dict,
    position: int,
    debriefed: bool,
    now: date,
    counters: dict[int, int],
) -> None:
    theme_id, theme = rng.choice(ctx["themes"])
    positive = rng.random() < 0.2
    template = rng.choice(PRAISE if positive else SAYINGS.get(theme, GENERIC))
    text = template.format(place=engagement["place_name"], theme=theme.lower())
    relayed = debriefed and rng.random() < 0.7
    item = {
        "id": uuid.uuid4(),
        "engagement_id": engagement["id"],
        "position": position,
        "text": text,
        "sentiment": Sentiment.POSITIVE
        if positive
        else rng.choice([Sentiment.NEGATIVE, Sentiment.NEGATIVE, Sentiment.NEUTRAL]),
        "raised_by": rng.choices(list(RaisedBy), [60, 10, 8, 8, 1, 8, 3, 2, 0])[0],
        "area_id": engagement["area_id"],
        "relayed_to": rng.choice([RelayedTo.NPA_COMMANDER, RelayedTo.FORCE_DEPARTMENT])
        if relayed
        else RelayedTo.NONE,
        "relayed_on": engagement["debriefed_on"] if relayed else None,
        "for_cgb": debriefed and rng.random() < 0.03,
        "cgb_topic": "",
        "row_version": 1,
        "created_by_id": ctx["me"],
        "updated_by_id": ctx["me"],
    }
    if item["for_cgb"]:
        item["cgb_topic"] = f"{theme} performance"
    demo.feedback.append(item)
    demo.feedback_themes.append({"feedback_item_id": item["id"], "theme_id": theme_id})
    if debriefed and not positive and rng.random() < 0.45:
        _add_action(demo, rng, ctx, engagement, item, theme_id, now, counters)


def _add_action(
    demo: EngagementDemo,
    rng: random.Random,
    ctx: dict,
    engagement: dict,
    item: dict,
    theme_id: uuid.UUID,
    now: date,
    counters: dict[int, int],
) -> None:
    from pcc_desktop.services.demo import OUTCOMES, status_for, told_fields
    from pcc_desktop.services.workdays import add_working_days

    logged = engagement["debriefed_on"]
    counters[logged.year] = counters.get(logged.year, 0) + 1
    status = status_for(rng, logged, now)
    completed = (
        min(now, logged + timedelta(days=rng.randint(5, 60))) if status == ActionStatus.COMPLETED else None
    )
    demo.actions.append(
        {
            "id": uuid.uuid4(),
            "reference": format_reference("ACT", logged.year, counters[logged.year]),
            "title": item["text"][:200],
            "description": f"Raised at {engagement['place_name']} ({engagement['reference']}).",
            "origin_kind": OriginKind.FEEDBACK,
            "feedback_item_id": item["id"],
            "meeting_item": "",
            "owner_id": rng.choice(ctx["owners"]),
            "assignee_org_id": rng.choice(ctx["orgs"])[0],
            "area_id": engagement["area_id"],
            "priority": rng.choices(list(Priority), [10, 60, 25, 5])[0],
            "logged_on": logged,
            "due_on": add_working_days(logged, 20),
            "status": status,
            "completed_on": completed,
            "outcome": rng.choice(OUTCOMES) if completed else "",
            **told_fields(rng, completed),
            "created_by_id": ctx["me"],
            "updated_by_id": ctx["me"],
            "row_version": 1,
        }
    )
    demo.action_themes.append({"action_id": demo.actions[-1]["id"], "theme_id": theme_id})
