"""A realistic, deterministic demo database for trying the app, screenshots and benchmarks."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Area,
    AreaKind,
    ChangeRecord,
    Meeting,
    MeetingKind,
    Organisation,
    OriginKind,
    Priority,
    RaiserTold,
    StaffMember,
    StaffRole,
    TellMethod,
    Theme,
)
from pcc_desktop.models.action import action_theme
from pcc_desktop.models.system import ReferenceCounter
from pcc_desktop.services.clock import today
from pcc_desktop.services.references import format_reference
from pcc_desktop.services.workdays import add_working_days

# Office-holders and staff named in the client's documents (domain.md §1.2).
STAFF = [
    ("Rupert Matthews", "Police and Crime Commissioner", StaffRole.COMMISSIONER),
    ("Rani Mahal", "Deputy Police and Crime Commissioner", StaffRole.COMMISSIONER),
    ("Claire Trewartha", "Chief Executive Officer", StaffRole.CHIEF_EXECUTIVE),
    ("Lizzie Starr", "Director of Governance and Performance", StaffRole.DIRECTOR),
    ("Kira Hughes", "Chief Finance Officer", StaffRole.DIRECTOR),
    ("Clare Hornbuckle", "Evaluation and Scrutiny Officer", StaffRole.OFFICER),
    ("Sehrish Hussain", "Business Staff Officer", StaffRole.OFFICER),
    ("B Morton", "Business Staff Officer", StaffRole.OFFICER),
    # The seeds do not name the Volunteers Manager; this name is made up for the demo.
    ("Sam Okafor", "Volunteers Manager", StaffRole.VOLUNTEERS_MANAGER),
]

TASKS = [
    "Ask the {npa} NPA commander for an update on {theme} in {place}",
    "Write to residents of {place} about {theme}",
    "Raise {theme} in {place} at the next Corporate Governance Board",
    "Request Force data on {theme} for {place}",
    "Arrange a follow-up visit to {place} on {theme}",
    "Share {place} parish council concerns about {theme} with the Force",
    "Report back to {place} councillors on {theme}",
    "Check progress on the {theme} problem-solving plan for {place}",
    "Put {place} residents in touch with the neighbourhood team about {theme}",
    "Consider funding bids addressing {theme} in {place}",
]
OUTCOMES = [
    "Force responded with a patrol plan; residents told via the parish newsletter.",
    "Neighbourhood team increased visibility for six weeks; issue reduced.",
    "Data received and shared with the councillors.",
    "Raised at CGB; Chief Constable agreed a review.",
    "Partner organisation took the lead; update sent to the resident.",
]
UPDATES = [
    "Chased by email.",
    "Force acknowledged; response due next week.",
    "Discussed at the weekly meeting.",
    "Awaiting figures from the performance team.",
    "Spoke to the NPA commander by phone.",
]


@dataclass(frozen=True)
class DemoSummary:
    """What the demo builder wrote."""

    staff: int
    actions: int
    updates: int
    engagements: int = 0
    feedback_items: int = 0
    custody_visits: int = 0
    dogs: int = 0
    aws_visits: int = 0
    aws_findings: int = 0


def _ensure_staff(session: Session, rng: random.Random) -> list[uuid.UUID]:
    ids = []
    for name, title, role in STAFF:
        member = session.scalars(select(StaffMember).where(StaffMember.name == name)).first()
        if member is None:
            member = StaffMember(
                name=name,
                job_title=title,
                role=role,
                email=name.lower().replace(" ", ".") + "@leics.pcc.example",
            )
            session.add(member)
            session.flush()
        ids.append(member.id)
    return ids


def _meetings(session: Session, start: date, end: date) -> list[tuple[uuid.UUID, MeetingKind]]:
    found = []
    day, step = start, timedelta(days=56)
    while day <= end:
        for kind, offset in ((MeetingKind.CGB, 0), (MeetingKind.PANEL, 21)):
            held = day + timedelta(days=offset)
            if held <= end:
                meeting = Meeting(kind=kind, held_on=held, title="")
                session.add(meeting)
                found.append(meeting)
        day += step
    session.flush()
    return [(m.id, m.kind) for m in found]


def _names(session: Session, model: type, where: object = True) -> list[tuple[uuid.UUID, str]]:
    return [(r.id, r.name) for r in session.execute(select(model.id, model.name).where(where))]


# Status mix by age in days: old actions are mostly closed, recent ones mostly being worked.
# Weights follow ActionStatus order: open, in progress, awaiting response, awaiting sign-off,
# completed, deferred, reopened.
STATUS_WEIGHTS_BY_AGE = (
    (60, (30, 30, 22, 5, 10, 1, 2)),
    (180, (3, 15, 15, 7, 56, 2, 2)),
    (100_000, (0, 1, 1, 2, 92, 4, 0)),
)


def status_for(rng: random.Random, logged: date, now: date) -> ActionStatus:
    """A believable status for an action logged on ``logged``, seen on ``now``."""
    age = (now - logged).days
    weights = next(w for limit, w in STATUS_WEIGHTS_BY_AGE if age <= limit)
    return rng.choices(list(ActionStatus), weights)[0]


def _action_row(rng: random.Random, ctx: dict, logged: date, number: int, now: date) -> dict:
    theme_id, theme = rng.choice(ctx["themes"])
    place_id, place = rng.choice(ctx["places"])
    _npa_id, npa = rng.choice(ctx["npas"])
    status = status_for(rng, logged, now)
    meeting = rng.choice(ctx["meetings"]) if rng.random() < 0.25 else None
    due = add_working_days(logged, rng.choice([10, 20, 20, 30, 40])) if rng.random() < 0.9 else None
    completed = (
        min(now, logged + timedelta(days=rng.randint(5, 90))) if status == ActionStatus.COMPLETED else None
    )
    return {
        "id": uuid.uuid4(),
        "reference": format_reference("ACT", logged.year, number),
        "title": rng.choice(TASKS).format(npa=npa, theme=theme.lower(), place=place)[:200],
        "description": f"Raised by residents in {place}. Theme: {theme}.",
        "origin_kind": OriginKind.MEETING if meeting else OriginKind.STANDALONE,
        "meeting_id": meeting[0] if meeting else None,
        "meeting_item": rng.choice("abcdefg") if meeting else "",
        "owner_id": rng.choice(ctx["owners"]),
        "assignee_org_id": rng.choice(ctx["orgs"])[0],
        "area_id": place_id,
        "priority": rng.choices(list(Priority), [15, 60, 20, 5])[0],
        "logged_on": logged,
        "due_on": due,
        "status": status,
        "completed_on": completed,
        "outcome": rng.choice(OUTCOMES) if completed else "",
        **told_fields(rng, completed),
        "created_by_id": ctx["me"],
        "updated_by_id": ctx["me"],
        "row_version": 1,
        "_theme": theme_id,
    }


def told_fields(rng: random.Random, completed: date | None) -> dict:
    """Whether the person who raised it was told: most completed actions, none of the open ones."""
    if completed and rng.random() < 0.6:
        return {
            "raiser_told": RaiserTold.TOLD,
            "told_method": rng.choice(list(TellMethod)[1:]),
            "told_on": completed,
        }
    told = RaiserTold.NOT_YET if rng.random() < 0.5 else RaiserTold.NOT_APPLICABLE
    return {"raiser_told": told, "told_method": TellMethod.NONE, "told_on": None}


def _context(session: Session, rng: random.Random, start: date, now: date) -> dict:
    owners = _ensure_staff(session, rng)
    places = _names(session, Area, Area.kind.in_([AreaKind.PLACE, AreaKind.DISTRICT]))
    return {
        "owners": owners,
        "me": owners[3],
        "themes": _names(session, Theme),
        "places": places,
        "npas": _names(session, Area, Area.kind == AreaKind.NPA) or places,
        "orgs": _names(session, Organisation),
        "meetings": _meetings(session, start, now),
    }


def build_demo(
    session: Session,
    seed: int = 1,
    scale: float = 1.0,
    years: int = 3,
    engagements: bool = True,
    feedback_multiplier: float = 1.0,
    icv: bool = True,
    aws: bool = True,
) -> DemoSummary:
    """Fill a freshly seeded database with staff, meetings and ``~300 × scale`` actions a year.

    With ``engagements``, also two years of weekly community days (``round(scale)`` a week) and
    other engagements, their feedback (``× feedback_multiplier``) and the actions debriefed from
    it. With ``icv``, also ``years`` years of custody visiting (``demo_icv``); with ``aws``, the Dog
    Unit and the Animal Welfare Scheme's visits since its launch (``demo_aws``, visited by the AWS
    members the ICV demo registers). Deterministic for a given seed and scale (UUIDs aside).
    Requires the reference data.
    """
    rng = random.Random(seed)
    now = today()
    start = date(now.year - years, now.month, 1)
    ctx = _context(session, rng, start, now)
    if not ctx["themes"] or not ctx["places"] or not ctx["orgs"]:
        raise ValueError("Load the reference data before building the demo database.")
    total_days = (now - start).days
    count = max(1, int(300 * years * scale))
    days = sorted(start + timedelta(days=rng.randrange(total_days)) for _ in range(count))
    counters: dict[int, int] = {}
    rows, links = [], []
    for logged in days:
        counters[logged.year] = counters.get(logged.year, 0) + 1
        row = _action_row(rng, ctx, logged, counters[logged.year], now)
        links.append({"action_id": row["id"], "theme_id": row.pop("_theme")})
        rows.append(row)
    ctx["feedback_multiplier"] = feedback_multiplier
    made = _with_engagements(session, rng, ctx, now, scale if engagements else 0, counters, rows, links)
    updates = _updates(rng, rows, ctx["me"], now)
    _bulk_insert(session, rows, links, updates, ctx["me"])
    for year, last in counters.items():
        session.merge(ReferenceCounter(prefix="ACT", year=year, last_number=last))
    for year, last in ctx.get("engagement_counters", {}).items():
        session.merge(ReferenceCounter(prefix="ENG", year=year, last_number=last))
    visits = 0
    if icv:
        from pcc_desktop.services.demo_icv import build_icv_demo

        visits = build_icv_demo(session, rng, now, years).visits
    dog_unit: dict[str, int] = {}
    if aws:
        from pcc_desktop.services.demo_aws import build_aws_demo

        dog_unit = build_aws_demo(session, rng, start, now)
    return DemoSummary(
        staff=len(ctx["owners"]),
        actions=len(rows),
        updates=len(updates),
        engagements=len(made.engagements),
        feedback_items=len(made.feedback),
        custody_visits=visits,
        dogs=dog_unit.get("dogs", 0),
        aws_visits=dog_unit.get("visits", 0),
        aws_findings=dog_unit.get("actions", 0),
    )


def _with_engagements(
    session: Session,
    rng: random.Random,
    ctx: dict,
    now: date,
    scale: float,
    counters: dict[int, int],
    rows: list[dict],
    links: list[dict],
):
    """Insert the engagements and feedback; their actions join ``rows`` for the shared insert."""
    from pcc_desktop.models import Engagement, EngagementAttendance, FeedbackItem
    from pcc_desktop.models.engagement import feedback_theme
    from pcc_desktop.services.demo_engagement import build_engagements

    demo = build_engagements(session, rng, ctx, now, scale, counters)
    for table, data in (
        (Engagement.__table__, demo.engagements),
        (EngagementAttendance.__table__, demo.attendance),
        (FeedbackItem.__table__, demo.feedback),
        (feedback_theme, demo.feedback_themes),
    ):
        for i in range(0, len(data), 5000):
            session.execute(insert(table), data[i : i + 5000])
    for row in demo.actions:
        row.setdefault("meeting_id", None)
        row.setdefault("engagement_id", None)
    for row in rows:
        row.setdefault("engagement_id", None)
        row.setdefault("feedback_item_id", None)
    rows.extend(demo.actions)
    links.extend(demo.action_themes)
    return demo


def _updates(rng: random.Random, rows: list[dict], me: uuid.UUID, now: date) -> list[dict]:
    updates = []
    for row in rows:
        if row["status"] in (ActionStatus.OPEN,) or rng.random() < 0.4:
            continue
        for _ in range(rng.randint(1, 3)):
            noted = min(now, row["logged_on"] + timedelta(days=rng.randint(1, 60)))
            updates.append(
                {
                    "id": uuid.uuid4(),
                    "action_id": row["id"],
                    "noted_on": noted,
                    "text": rng.choice(UPDATES),
                    "created_by_id": me,
                    "updated_by_id": me,
                    "row_version": 1,
                }
            )
    return updates


def _bulk_insert(
    session: Session, rows: list[dict], links: list[dict], updates: list[dict], me: uuid.UUID
) -> None:
    """Insert in chunks with Core: fast enough for the 200,000-action benchmark database."""
    history = [
        {
            "id": uuid.uuid4(),
            "entity_type": "action",
            "entity_id": r["id"],
            "field": "created",
            "new_value": r["reference"],
            "reason": "demo data",
            "changed_by_id": me,
        }
        for r in rows
    ]
    for table, data in (
        (Action, rows),
        (action_theme, links),
        (ActionUpdate, updates),
        (ChangeRecord, history),
    ):
        for i in range(0, len(data), 5000):
            target = table.__table__ if hasattr(table, "__table__") else table
            session.execute(insert(target), data[i : i + 5000])
