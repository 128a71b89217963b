"""Demo Independent Custody Visiting: volunteers, several years of weekly rota and visit reports.

Everything is made up. Rows are written with Core ``insert()`` in chunks, so three years (about 470
visits a year with their detainee rows, requests and checklists) build in a second or two. The pairs
come from the real planner (``rota_planner.plan_rota``), so the demo rota keeps every rota rule, and
every visit report keeps the Code's rules (``custody_visit_rules``): two visitors in person, times in
order, seen + declined ≤ offered ≤ in custody, requests only where the detainee agreed to talk. The
figures follow the 2018/19 annual report (domain.md §4.2): nearly every slot achieved, offered about
8% of the people detained, about 41% of those offered seen, food or drink the top request.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Award,
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    CustodySuite,
    CustodyVisit,
    DetaineeConversation,
    DetaineeRequest,
    HoursEntry,
    MembershipStatus,
    ReportStatus,
    RequestCategory,
    RotaSlot,
    Scheme,
    SchemeMembership,
    SlotStatus,
    StaffMember,
    TrainingRecord,
    VettingLevel,
    VisitMode,
    Volunteer,
)
from pcc_desktop.models.custody import ChecklistAnswer, custody_visit_visitor
from pcc_desktop.models.system import ReferenceCounter
from pcc_desktop.services import demo_volunteers as people
from pcc_desktop.services.clock import LONDON
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.references import format_reference
from pcc_desktop.services.rota_planner import PlannedSlot, RotaRules, SuiteSpec, VolunteerSpec, plan_rota

FUTURE_WEEKS = 4
ROTA_WEEKS = 13  # one rota per quarter, as the coordinator generates them
CHUNK = 5000
# Requests by category: food or drink first, then interpreters and updates on the case (ICV-7).
CATEGORY_WEIGHTS = {
    "Food or drink": 34, "Interpreter": 18, "Update on their case": 12, "Legal advice / solicitor": 8,
    "Phone call / informing someone": 7, "Medical attention / medication": 6,
    "Blanket / clothing / hygiene": 5, "Reading material": 3, "Exercise": 2, "Other": 2, "Religious needs": 1,
}  # fmt: skip
MISSED_REASONS = (
    "One visitor unwell on the day; no replacement could be found in time.",
    "Snow closed the roads; the pair could not travel safely.",
    "The suite was closed to visitors during a critical incident.",
)
CANCELLED_REASONS = (
    "Suite closed for maintenance; detainees taken to other suites.",
    "Visits suspended for the week by the coordinator (scheme training day).",
)
DELAY_REASONS = (
    "Custody sergeant dealing with a violent detainee at the desk; visitors asked to wait.",
    "Several arrivals being booked in at once.",
)
OBSERVATIONS = (
    "Suite calm and clean; staff welcoming and helpful.",
    "Busy suite but well organised. Detainees spoke well of the staff.",
    "Cells clean; one cell out of use for repair.",
    "Staff answered every question promptly.",
    "Distraction packs were running low; the sergeant will reorder.",
    "",
)
SERIOUS_ISSUES = (
    "Call bell in one cell not working, so the detainee could not summon help. Raised with the "
    "inspector; repaired the same day.",
    "A detainee with diabetes had not been seen by the nurse for six hours. Raised with the sergeant "
    "straight away; seen within the hour.",
    "Fire exit in the rear corridor blocked by stored mattresses. Cleared while we were there.",
)
CONDITION_NOTES = ("Reported to the custody sergeant.", "Sergeant says a repair is booked.")


@dataclass(frozen=True)
class IcvDemoSummary:
    """What the ICV demo wrote."""

    volunteers: int
    slots: int
    visits: int
    conversations: int
    requests: int


@dataclass
class _Rows:
    """Rows waiting for the bulk insert, per table."""

    slots: list[dict] = field(default_factory=list)
    visits: list[dict] = field(default_factory=list)
    visitors: list[dict] = field(default_factory=list)
    conversations: list[dict] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    answers: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class _Context:
    """Reference data and people the visits are built from."""

    now: date
    staff_id: uuid.UUID | None
    categories: tuple[uuid.UUID, ...]
    category_weights: tuple[int, ...]
    welfare: tuple[tuple[uuid.UUID, str], ...]
    conditions: tuple[uuid.UUID, ...]


def build_icv_demo(session: Session, rng: random.Random, now: date, years: int = 3) -> IcvDemoSummary:
    """Add ICV volunteers (unless some exist), ``years`` years of weekly rota and visits, and 4 weeks ahead.

    Args:
        session: An open session on a database with the reference data (suites) loaded.
        rng: The demo's random source (the build is deterministic for a given seed, UUIDs aside).
        now: Today: slots before it are completed (about 96%), missed or cancelled; later ones scheduled.
        years: How many years of visits to make.

    Returns:
        How many volunteers, rota slots, visit reports, detainee rows and requests were written.
    """
    seed_custody_reference(session)
    suites = list(session.scalars(select(CustodySuite).where(CustodySuite.deleted_at.is_(None))))
    start = now - timedelta(weeks=52 * max(1, years), days=now.weekday())
    created, volunteer_ids = _ensure_volunteers(session, rng, now, start)
    if not suites or len(volunteer_ids) < 2:
        return IcvDemoSummary(created, 0, 0, 0, 0)
    weeks = (now - start).days // 7 + 1 + FUTURE_WEEKS
    plan = plan_rota(
        [SuiteSpec(s.id, s.name, s.visits_per_week, s.active_from, s.active_to) for s in suites],
        [VolunteerSpec(v, str(v)) for v in volunteer_ids],
        start,
        weeks,
        RotaRules(no_repeat_rounds=4, window_hours=3, seed=rng.randrange(2**32)),
    )
    ctx = _context(session, now)
    rows = _Rows()
    for item in plan.slots:
        _add_slot(rng, ctx, rows, item, start)
    _number_visits(session, rows.visits)
    _insert(session, rows)
    return IcvDemoSummary(
        created, len(rows.slots), len(rows.visits), len(rows.conversations), len(rows.requests)
    )


def _context(session: Session, now: date) -> _Context:
    categories = list(
        session.execute(
            select(RequestCategory.id, RequestCategory.name).where(
                RequestCategory.deleted_at.is_(None), RequestCategory.active.is_(True)
            )
        )
    )
    items = list(
        session.execute(
            select(ChecklistItem.id, ChecklistItem.area, ChecklistItem.text)
            .where(ChecklistItem.deleted_at.is_(None), ChecklistItem.active.is_(True))
            .order_by(ChecklistItem.position)
        )
    )
    staff = session.scalar(
        select(StaffMember.id).where(StaffMember.job_title == "Volunteers Manager")
    ) or session.scalar(select(StaffMember.id).limit(1))
    return _Context(
        now=now,
        staff_id=staff,
        categories=tuple(c.id for c in categories),
        category_weights=tuple(CATEGORY_WEIGHTS.get(c.name, 1) for c in categories),
        welfare=tuple((i.id, i.text.lower()) for i in items if i.area == ChecklistArea.RIGHTS_AND_WELFARE),
        conditions=tuple(i.id for i in items if i.area == ChecklistArea.CONDITIONS),
    )


def _utc(local: datetime) -> datetime:
    return local.replace(tzinfo=LONDON).astimezone(UTC)


def _outcome(rng: random.Random, item: PlannedSlot, now: date) -> tuple[SlotStatus, str]:
    if item.window_starts.date() >= now:
        return SlotStatus.SCHEDULED, ""
    if not item.filled:
        return SlotStatus.MISSED, "No pair could be found for this week."
    draw = rng.random()
    if draw < 0.025:
        return SlotStatus.MISSED, rng.choice(MISSED_REASONS)
    if draw < 0.035:
        return SlotStatus.CANCELLED, rng.choice(CANCELLED_REASONS)
    return SlotStatus.COMPLETED, ""


def _add_slot(rng: random.Random, ctx: _Context, rows: _Rows, item: PlannedSlot, start: date) -> None:
    first = start + timedelta(weeks=item.round_index // ROTA_WEEKS * ROTA_WEEKS)
    last = first + timedelta(weeks=ROTA_WEEKS, days=-1)
    status, reason = _outcome(rng, item, ctx.now)
    slot = _row(
        suite_id=item.suite_id, window_starts=_utc(item.window_starts), window_ends=_utc(item.window_ends),
        volunteer_a_id=item.volunteer_a, volunteer_b_id=item.volunteer_b, status=status, reason=reason,
        rota_label=f"Rota {first:%d/%m/%Y}–{last:%d/%m/%Y}", created_by_id=ctx.staff_id,
        updated_by_id=ctx.staff_id,
    )  # fmt: skip
    rows.slots.append(slot)
    if status == SlotStatus.COMPLETED:
        _add_visit(rng, ctx, rows, item, slot["id"])


def _times(rng: random.Random, window_starts: datetime) -> dict:
    """Arrival within the window, admission a few minutes later (now and then a delay), 40–120 min."""
    arrived = window_starts + timedelta(minutes=rng.randrange(0, 150, 5))
    delayed = rng.random() < 0.04
    admitted = arrived + timedelta(minutes=rng.randint(12, 35) if delayed else rng.randint(1, 8))
    departed = admitted + timedelta(minutes=rng.randrange(40, 125, 5))
    return dict(
        visited_on=arrived.date(), arrived_at=arrived.time(), admitted_at=admitted.time(),
        departed_at=departed.time(), delay_reason=rng.choice(DELAY_REASONS) if delayed else "",
        delay_authorised_rank="Inspector" if delayed else "",
    )  # fmt: skip


def _population(rng: random.Random, talks: int) -> dict:
    """Seen ≥ detainee rows; about 41% of those offered seen; in custody a few more than offered.

    The annual report's 8% (offered ÷ people detained in the year) is a yearly ratio; at the moment
    of a visit the suite holds a handful to a few dozen people (14-36 cells), most of them offered.
    """
    seen = talks + (1 if rng.random() < 0.15 else 0)
    offered = max(seen, round(seen / rng.uniform(0.3, 0.55)))
    not_seen = rng.choice((0, 0, 0, 1, 2)) if offered - seen >= 2 else 0
    return dict(
        in_custody=offered + rng.randint(0, 6), offered=offered, seen=seen,
        declined=offered - seen - not_seen, not_seen=not_seen,
        not_seen_reason=rng.choice(("Asleep.", "In interview.", "At hospital.")) if not_seen else "",
    )  # fmt: skip


def _review(rng: random.Random, ctx: _Context, visited: date) -> dict:
    submitted = min(ctx.now, visited + timedelta(days=rng.randint(0, 2)))
    reviewed = visited + timedelta(days=rng.randint(3, 20))
    done = reviewed < ctx.now - timedelta(days=2)
    return dict(
        status=ReportStatus.REVIEWED if done else ReportStatus.SUBMITTED, submitted_on=submitted,
        reviewed_on=reviewed if done else None, reviewed_by_id=ctx.staff_id if done else None,
        review_notes="Read and noted; no further action." if done else "",
    )  # fmt: skip


def _add_visit(rng: random.Random, ctx: _Context, rows: _Rows, item: PlannedSlot, slot_id: uuid.UUID) -> None:
    """A completed visit by the slot's pair: its report, detainee rows and conditions checklist."""
    talks = rng.choices((1, 2, 3, 4), (30, 35, 22, 13))[0]
    times = _times(rng, item.window_starts)
    serious = rng.random() < 0.012
    visit = _row(
        reference="", suite_id=item.suite_id, rota_slot_id=slot_id,
        mode=VisitMode.IN_PERSON if rng.random() > 0.02 else VisitMode.VIDEO, **times,
        escorted_by_rank=rng.choice(("Sergeant", "Detention officer", "Sergeant")),
        **_population(rng, talks), serious_issue=serious,
        serious_issue_notes=rng.choice(SERIOUS_ISSUES) if serious else "", terrorism_detention=False,
        observations=rng.choice(OBSERVATIONS), **_review(rng, ctx, times["visited_on"]),
        created_by_id=ctx.staff_id, updated_by_id=ctx.staff_id,
    )  # fmt: skip
    rows.visits.append(visit)
    visit_id = visit["id"]
    for volunteer_id in (item.volunteer_a, item.volunteer_b):
        rows.visitors.append({"visit_id": visit_id, "volunteer_id": volunteer_id})
    for position in range(1, talks + 1):
        _add_conversation(rng, ctx, rows, visit_id, position)
    for item_id in ctx.conditions:
        result = CheckResult.YES if rng.random() > 0.03 else CheckResult.NO
        note = rng.choice(CONDITION_NOTES) if result == CheckResult.NO else ""
        rows.answers.append(_answer(visit_id, None, item_id, result, note))


def _row(**values: object) -> dict:
    """A row for a bulk insert, with a new id."""
    return {"id": uuid.uuid4(), **values}


def _answer(
    visit_id: uuid.UUID, conversation_id: uuid.UUID | None, item_id: uuid.UUID, result: CheckResult, note: str
) -> dict:
    return _row(visit_id=visit_id, conversation_id=conversation_id, item_id=item_id, result=result, note=note)


def _welfare_result(rng: random.Random, text: str, flagged: bool) -> CheckResult:
    if "interpreter" in text:
        return CheckResult.YES if rng.random() < 0.15 else CheckResult.NOT_APPLICABLE
    if "appropriate adult" in text and not flagged:
        return CheckResult.NOT_APPLICABLE
    draw = rng.random()
    if draw < 0.02:
        return CheckResult.NO
    return CheckResult.NOT_CHECKED if draw < 0.06 else CheckResult.YES


def _add_conversation(
    rng: random.Random, ctx: _Context, rows: _Rows, visit_id: uuid.UUID, position: int
) -> None:
    """One anonymous detainee who agreed to talk: flags, welfare answers and 0–3 requests."""
    juvenile, vulnerable = rng.random() < 0.04, rng.random() < 0.12
    conversation = _row(
        visit_id=visit_id, position=position, juvenile=juvenile, vulnerable=vulnerable, consent_to_talk=True,
        consent_to_view_record=rng.random() < 0.55, custody_number_hash="", notes="",
    )  # fmt: skip
    rows.conversations.append(conversation)
    conversation_id = conversation["id"]
    for item_id, text in ctx.welfare:
        result = _welfare_result(rng, text, juvenile or vulnerable)
        rows.answers.append(_answer(visit_id, conversation_id, item_id, result, ""))
    if not ctx.categories:
        return
    for _ in range(rng.choices((0, 1, 2, 3), (58, 32, 8, 2))[0]):
        raised = rng.random() < 0.97
        category = rng.choices(ctx.categories, ctx.category_weights)[0]
        resolved = raised and rng.random() < 0.68
        rows.requests.append(
            _row(conversation_id=conversation_id, category_id=category, raised_with_sergeant=raised,
                 resolved_during_visit=resolved, notes="")
        )  # fmt: skip


def _number_visits(session: Session, visits: list[dict]) -> None:
    """``ICV-YYYY-NNNN`` by visit date, after any number already issued; the counters kept right."""
    visits.sort(key=lambda v: (v["visited_on"], v["arrived_at"]))
    last: dict[int, int] = {}
    for visit in visits:
        year = visit["visited_on"].year
        if year not in last:
            counter = session.get(ReferenceCounter, ("ICV", year))
            last[year] = counter.last_number if counter else 0
        last[year] += 1
        visit["reference"] = format_reference("ICV", year, last[year])
    for year, number in last.items():
        session.merge(ReferenceCounter(prefix="ICV", year=year, last_number=number))
    session.flush()


def _insert(session: Session, rows: _Rows) -> None:
    for table, data in (
        (RotaSlot.__table__, rows.slots),
        (CustodyVisit.__table__, rows.visits),
        (custody_visit_visitor, rows.visitors),
        (DetaineeConversation.__table__, rows.conversations),
        (DetaineeRequest.__table__, rows.requests),
        (ChecklistAnswer.__table__, rows.answers),
    ):
        for i in range(0, len(data), CHUNK):
            session.execute(insert(table), data[i : i + CHUNK])


# --- volunteers ---------------------------------------------------------------------------------

SERVICE_YEARS = (24, 15, 12, 11, 10, 9, 8, 7, 7, 6, 6, 5, 5, 5, 4, 4, 4, 4)  # ICV-12: 24 years
ALERTING_VETTING = (7, 25, 52)  # days to expiry for the first three: inside each alert window


def _ensure_volunteers(
    session: Session, rng: random.Random, now: date, start: date
) -> tuple[int, list[uuid.UUID]]:
    """The active ICV volunteers; the demo register (22 people) is written first if there are none."""
    stmt = select(SchemeMembership.volunteer_id).where(
        SchemeMembership.deleted_at.is_(None),
        SchemeMembership.scheme == Scheme.ICV,
        SchemeMembership.status == MembershipStatus.ACTIVE,
    )
    existing = list(dict.fromkeys(session.scalars(stmt)))
    if len(existing) >= 2:
        return 0, existing
    rows: dict[type, list[dict]] = {m: [] for m in (Volunteer, SchemeMembership, TrainingRecord, Award)}
    rows[HoursEntry] = []
    counter = session.get(ReferenceCounter, ("VOL", now.year))
    first = (counter.last_number if counter else 0) + 1
    icv = [_icv_person(rng, rows, now, start, index) for index in range(len(people.ICV_NAMES))]
    for name in people.AWS_ONLY_NAMES:
        started = now - timedelta(days=rng.randint(400, 6 * 365))
        _person(rng, rows, name, now, rng.randint(150, 900), started)
        _membership(rows, rows[Volunteer][-1]["id"], Scheme.AWS, MembershipStatus.ACTIVE, started)
    trainee = _person(rng, rows, people.APPLICANT, now, 0, now - timedelta(days=40))
    _membership(rows, trainee, Scheme.ICV, MembershipStatus.IN_TRAINING, now - timedelta(days=40))
    leaver = _person(rng, rows, people.LEAVER, now, 0, start - timedelta(days=9 * 365))
    _membership(rows, leaver, Scheme.ICV, MembershipStatus.LEFT, start - timedelta(days=9 * 365), start)
    for number, volunteer in enumerate(rows[Volunteer], start=first):
        volunteer["reference"] = format_reference("VOL", now.year, number)
    for model, data in rows.items():
        if data:
            session.execute(insert(model.__table__), data)
    session.merge(ReferenceCounter(prefix="VOL", year=now.year, last_number=first + len(rows[Volunteer]) - 1))
    session.flush()
    return len(rows[Volunteer]), icv


def _person(
    rng: random.Random, rows: dict[type, list[dict]], name: str, now: date, vetting_days: int, started: date
) -> uuid.UUID:
    index = len(rows[Volunteer]) + 1
    first, last = name.lower().split(" ", 1)
    address = f"{rng.randint(2, 140)} {rng.choice(people.STREETS)}\n{rng.choice(people.TOWNS)}"
    volunteer = _row(
        reference="", name=name, email=f"{first}.{last.replace(' ', '')}@example.org",
        phone=f"07700 900{index:03d}", address=address,
        vetting_level=VettingLevel.HIGHER if vetting_days else VettingLevel.NONE,
        vetting_expires_on=now + timedelta(days=vetting_days) if vetting_days else None,
        availability=rng.choice(people.AVAILABILITY),
        notes="Prefers to visit with an experienced partner." if index % 7 == 3 else "",
    )  # fmt: skip
    rows[Volunteer].append(volunteer)
    volunteer_id = volunteer["id"]
    _records(rng, rows, volunteer_id, now, started)
    return volunteer_id


def _membership(
    rows: dict[type, list[dict]],
    volunteer_id: uuid.UUID,
    scheme: Scheme,
    status: MembershipStatus,
    started: date,
    ended: date | None = None,
    term: date | None = None,
) -> None:
    rows[SchemeMembership].append(
        _row(volunteer_id=volunteer_id, scheme=scheme, status=status, started_on=started, ended_on=ended,
             term_ends_on=term)
    )  # fmt: skip


def _icv_person(
    rng: random.Random, rows: dict[type, list[dict]], now: date, start: date, index: int
) -> uuid.UUID:
    """An active custody visitor who joined before the first rota; three-year terms, renewed."""
    name = people.ICV_NAMES[index]
    started = min(
        now - timedelta(days=int(365.25 * SERVICE_YEARS[index]) + rng.randint(0, 200)),
        start - timedelta(days=rng.randint(30, 300)),
    )
    vetting = ALERTING_VETTING[index] if index < len(ALERTING_VETTING) else rng.randint(120, 1100)
    volunteer_id = _person(rng, rows, name, now, vetting, started)
    term = started
    while term <= now:
        term = term.replace(year=term.year + 3)
    if index == 1:
        term = now + timedelta(days=40)  # inside the 60-day alert window
    _membership(rows, volunteer_id, Scheme.ICV, MembershipStatus.ACTIVE, started, term=term)
    if name in people.AWS_ALSO:
        _membership(rows, volunteer_id, Scheme.AWS, MembershipStatus.ACTIVE, started + timedelta(days=400))
    return volunteer_id


def _records(
    rng: random.Random, rows: dict[type, list[dict]], volunteer_id: uuid.UUID, now: date, started: date
) -> None:
    """Induction and refresher training, long-service awards and a few hours of meetings."""
    if started > now - timedelta(days=60):
        return
    for course, day in (
        ("ICV induction", started + timedelta(days=30)),
        ("Detainee welfare refresher", now - timedelta(days=rng.randint(20, 300))),
    ):
        rows[TrainingRecord].append(
            _row(volunteer_id=volunteer_id, course=course, completed_on=day, provider="ICVA")
        )
    for years in (5, 10, 15, 20):
        awarded = started + timedelta(days=int(365.25 * years) + 60)
        if awarded <= now:
            rows[Award].append(
                _row(volunteer_id=volunteer_id, name=f"{years} years' service", awarded_on=awarded)
            )
    for _ in range(rng.randint(1, 4)):
        activity = rng.choice(("Quarterly panel meeting", "Regional ICV conference", "Training day"))
        worked = now - timedelta(days=rng.randint(3, 330))
        hours = rng.choice((1.5, 2.0, 2.5, 6.0))
        rows[HoursEntry].append(
            _row(volunteer_id=volunteer_id, worked_on=worked, hours=hours, activity=activity)
        )
