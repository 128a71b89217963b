"""Demo Animal Welfare Scheme: the Dog Unit, its dogs and vans, and a monthly visit since the launch.

Everything is made up. The history starts at the launch (1 April 2022) and keeps the scheme's
rules: one unannounced visit a month by a pair of active AWS visitors (two different people, never
the same pair two months running), each visit seeing four to eight dogs against the five welfare
needs and answering the checklist of each area seen. It matches domain.md §4.3: twelve visits in
the first year (AWS-1), a visit every month with no serious issue from January to July 2024
(AWS-2), two visitors on every visit (AWS-3). One month is missed and one cancelled (outside those
periods), a few reviews raise findings for the Dog Unit as actions, and three dogs show as gaps in
the coverage list: two home-kennel dogs not seen for over six months and a new trainee never seen.
Rows are written with Core ``insert()``, so the build takes well under a second.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    AWS_LAUNCHED_ON,
    Action,
    ActionStatus,
    AwsCheckAnswer,
    AwsSite,
    AwsSlot,
    AwsVisit,
    ChangeRecord,
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    Dog,
    DogObservation,
    DogRole,
    DogVehicle,
    MembershipStatus,
    Organisation,
    OriginKind,
    Priority,
    RaiserTold,
    ReportStatus,
    Scheme,
    SchemeMembership,
    SiteKind,
    SlotStatus,
    StaffMember,
    TellMethod,
    VisitBasis,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.models.aws import aws_visit_visitor
from pcc_desktop.services.aws_history import NEEDS, add_months, month_start
from pcc_desktop.services.clock import LONDON
from pcc_desktop.services.custody_reference import AWS_AREAS, seed_custody_reference
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.workdays import add_working_days

DOG_UNIT = "Leicestershire Police Dog Unit"
DOG_UNIT_ORG = "Leicestershire Police – Dog Unit"
HISTORY_YEARS = 5  # at most this far back, unless the demo starts earlier
GP, DRUGS, EXPLOSIVES = DogRole.GENERAL_PURPOSE, DogRole.DRUGS_SEARCH, DogRole.EXPLOSIVES_SEARCH
FIREARMS, CASH = DogRole.FIREARMS_SEARCH, DogRole.CASH_SEARCH
GSD, MAL, SPR = "German Shepherd", "Belgian Malinois", "Springer Spaniel"
COC, LAB = "Cocker Spaniel", "Labrador"
# name, breed, role, collar, handler, in service, retired, where kept (0 Dog Unit, 1-2 home kennels)
DOGS = (
    ("Zeus", GSD, GP, "PD 101", "PC 2417", date(2015, 5, 11), date(2023, 6, 30), 0),
    ("Kaiser", GSD, GP, "PD 104", "PC 1983", date(2016, 2, 1), date(2024, 3, 31), 0),
    ("Poppy", SPR, DRUGS, "PD 108", "PC 3120", date(2016, 8, 15), date(2022, 12, 31), 0),
    ("Odin", GSD, GP, "PD 112", "PC 2290", date(2017, 9, 4), None, 0),
    ("Alfie", SPR, EXPLOSIVES, "PD 115", "PC 1764", date(2017, 4, 24), None, 0),
    ("Rocco", MAL, GP, "PD 117", "PC 2871", date(2018, 6, 18), None, 0),
    ("Bramble", COC, DRUGS, "PD 120", "PC 3305", date(2018, 11, 5), None, 0),
    ("Storm", GSD, GP, "PD 123", "PC 2554", date(2019, 1, 7), None, 0),
    ("Mabel", LAB, EXPLOSIVES, "PD 126", "PC 1649", date(2019, 6, 10), None, 0),
    ("Thor", GSD, GP, "PD 129", "PC 2718", date(2019, 10, 21), None, 1),
    ("Scout", SPR, FIREARMS, "PD 131", "PC 3047", date(2020, 2, 17), None, 1),
    ("Blaze", MAL, GP, "PD 134", "PC 2936", date(2020, 4, 6), None, 0),
    ("Penny", COC, CASH, "PD 137", "PC 3388", date(2020, 10, 12), None, 2),
    ("Kane", GSD, GP, "PD 140", "PC 2145", date(2021, 3, 1), None, 0),
    ("Finn", LAB, DRUGS, "PD 142", "PC 3411", date(2021, 6, 28), None, 0),
    ("Willow", SPR, EXPLOSIVES, "PD 145", "PC 3092", date(2022, 1, 10), None, 0),
    ("Nala", MAL, GP, "PD 148", "PC 2603", date(2022, 9, 12), None, 0),
    ("Hector", COC, DRUGS, "PD 151", "PC 3476", date(2023, 3, 20), None, 0),
    ("Ruger", GSD, GP, "PD 153", "PC 2389", date(2023, 7, 3), None, 0),
    ("Juno", LAB, FIREARMS, "PD 156", "PC 3154", date(2024, 1, 15), None, 0),
    ("Echo", MAL, GP, "PD 158", "PC 2762", date(2024, 5, 20), None, 0),
    ("Maisie", SPR, CASH, "PD 160", "PC 3520", date(2024, 10, 7), None, 0),
)  # fmt: skip
TRAINEE = ("Bruno", GSD, DogRole.TRAINEE, "PD 163", "PC 2290")  # joined ten weeks ago: never seen yet
GAP_MONTHS = {"Scout": 9, "Penny": 7}  # home-kennel dogs not seen for this many months: coverage gaps
HOME_KENNELS = ("Home kennel – Melton area", "Home kennel – Hinckley area")
VANS = (
    ("DH01", "Ford Ranger with a two-dog pod", date(2019, 3, 1), None),
    ("DH02", "Volkswagen Transporter dog van", date(2017, 6, 1), date(2023, 5, 31)),
    ("DH03", "Skoda Kodiaq estate with a dog cage", date(2021, 9, 1), None),
    ("DH04", "Volvo XC90 with a dog cage", date(2023, 6, 1), None),
    ("DH05", "Ford Transit Custom four-bay dog van", date(2024, 2, 1), None),
)
MISSED = {date(2023, 10, 1): "One visitor unwell on the day; no replacement could be found in time."}
CANCELLED = {
    date(2025, 1, 1): "Dog Unit closed to visitors for a week while the kennel block was deep cleaned."
}
SERIOUS = {
    date(2023, 8, 1): "Heat alarm in van DH03 did not sound when tested on a warm afternoon with a dog "
    "inside. The van was taken off the road at once and the Dog Unit Sergeant told by phone."
}
K, T, V, H = AWS_AREAS  # kennels, training, vehicles, home kennels
# Per area: (item keyword, what the visitors noted, the finding raised for the Dog Unit).
FINDINGS = {
    K: (("bedding", "Bedding in two kennels worn and damp.", "Replace the worn kennel bedding"),
        ("water", "Water bowls empty in two kennels on arrival.", "Say how often water bowls are checked"),
        ("exercise", "Drain cover loose in one exercise run.", "Repair the exercise run drain cover"),
        ("isolation", "Isolation kennel not cleaned after use.", "Clean the isolation kennel after use")),
    T: (("records", "Training and welfare records not found.", "Have the dogs' records ready at visits"),
        ("equipment", "A torn bite sleeve was still in use.", "Replace the torn bite sleeve")),
    V: (("heat alarm", "Heat alarm in van {van} did not sound.", "Repair the heat alarm in van {van}"),
        ("cage", "Cage floor mat in van {van} split.", "Replace the cage floor mat in van {van}"),
        ("water", "No water carried in van {van}.", "Remind handlers to carry water in every van")),
    H: (("kennel", "Home kennel roof leaking at one corner.", "Arrange a repair of a home kennel roof"),
        ("exercise", "Gap under the fence of a home kennel run.", "Repair the fence of a home kennel run"),
        ("water", "No shelter over the water bowl in a home run.", "Shelter a home kennel's water bowl")),
}  # fmt: skip
PROBLEM_CHANCE = {K: 0.1, T: 0.08, V: 0.12, H: 0.06}
TOLD_BY = (TellMethod.LETTER_EMAIL, TellMethod.IN_PERSON)
OPEN_STATES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.AWAITING_RESPONSE)
CONCERN_NOTES = {
    "environment": "Kennel damp after cleaning; dog lying on the wet floor.",
    "diet": "Looked a little lean; handler says the ration was increased last week.",
    "behaviour": "Pacing and barking in the kennel; settled once taken out.",
    "companionship": "Kennelled alone for most of the day while the handler was on leave.",
    "health": "Slight limp on the right foreleg; vet appointment booked.",
}
GOOD_NOTES = ("Good body condition; coat in good order.", "Alert; clearly bonded with the handler.",
              "Calm in the kennel; keen on the sandpit.", "Bright and well; recently groomed.")  # fmt: skip
ENRICHMENT = ("Dogs used the sandpit and the open space.", "The pool was in use; dogs clearly enjoy it.",
              "Toys and chews in every kennel.", "Sandpit raked and fresh; pool being refilled.")  # fmt: skip
TRAINING_NOTES = ("Searches in the rubble area; rewards with a ball.", "Obedience and recall on the field.",
                  "Vehicle search; dogs rested between runs.", "Tracking on the playing fields.")  # fmt: skip
OUTCOMES = ("Done by the Dog Unit; visitors told at the next visit.", "Dog Unit Sergeant confirmed it done.",
            "Done; checked by the visitors on their next visit.")  # fmt: skip


@dataclass(frozen=True)
class _Dog:
    """A demo dog as the visit builder sees it."""

    id: uuid.UUID
    name: str
    home: bool
    in_service: date
    out: date | None
    seen_until: date | None  # never seen after this day (None: no limit)

    def able(self, day: date) -> bool:
        """Whether the dog can be seen on ``day``: in service and not one of the deliberate gaps."""
        serving = self.in_service <= day and (self.out is None or self.out > day)
        return serving and (self.seen_until is None or day <= self.seen_until)


@dataclass
class _Demo:
    """What the visits are built from, and the rows waiting for the bulk insert."""

    now: date
    staff_id: uuid.UUID | None
    org_id: uuid.UUID | None
    site_id: uuid.UUID
    items: dict[ChecklistArea, list[tuple[uuid.UUID, str]]]
    members: list[tuple[uuid.UUID, date | None]]
    dogs: list[_Dog] = field(default_factory=list)
    vans: list[tuple[str, date, date | None]] = field(default_factory=list)
    last_seen: dict[uuid.UUID, date] = field(default_factory=dict)
    forced: date | None = None  # the month whose visit always finds a kennel problem (an open finding)
    rows: dict[object, list[dict]] = field(default_factory=dict)

    def add(self, table: object, **values: object) -> dict:
        """Queue a row for ``table``: a new id and the creator filled in, unless given."""
        row = dict(values)
        if hasattr(table, "created_by_id"):
            row = {"id": uuid.uuid4(), "created_by_id": self.staff_id, **row}
        self.rows.setdefault(table, []).append(row)
        return row


def build_aws_demo(session: Session, rng: random.Random, start: date, now: date) -> dict[str, int]:
    """Add the Dog Unit, its dogs and vans, and the scheme's monthly schedule and visits.

    The history runs from the launch (or, if later, from the earlier of ``start`` and five years
    ago) to the last full month; this month and next are scheduled, this month's visit is a draft,
    last month's is submitted and every earlier one reviewed.

    Args:
        session: An open session on a database with the reference data; the schedule and visits
            need at least two active AWS visitors (without them only the register is written).
        rng: The demo's random source (deterministic for a given seed, UUIDs aside).
        start: The start of the demo's history.
        now: Today.

    Returns:
        How many sites, dogs, vehicles, slots, visits, observations, answers and actions were written.
    """
    seed_custody_reference(session)
    demo = _setup(session, now)
    floor = add_months(month_start(now), -12 * HISTORY_YEARS)
    if len(demo.members) >= 2:
        _schedule(session, rng, demo, max(AWS_LAUNCHED_ON, min(month_start(start), floor)))
    for table, rows in demo.rows.items():
        session.execute(insert(getattr(table, "__table__", table)), rows)
    session.flush()
    tables = {"sites": AwsSite, "dogs": Dog, "vehicles": DogVehicle, "slots": AwsSlot, "visits": AwsVisit}
    tables |= {"observations": DogObservation, "answers": AwsCheckAnswer, "actions": Action}
    return {key: len(demo.rows.get(table, [])) for key, table in tables.items()}


def _setup(session: Session, now: date) -> _Demo:
    staff = session.scalar(
        select(StaffMember.id).where(StaffMember.job_title == "Volunteers Manager")
    ) or session.scalar(select(StaffMember.id).order_by(StaffMember.name).limit(1))
    org = session.scalar(select(Organisation.id).where(Organisation.name == DOG_UNIT_ORG))
    live_units = select(AwsSite.id).where(
        AwsSite.deleted_at.is_(None), AwsSite.kind == SiteKind.DOG_UNIT, AwsSite.active.is_(True)
    )
    site = session.scalar(live_units.order_by(AwsSite.created_at).limit(1))
    items: dict[ChecklistArea, list[tuple[uuid.UUID, str]]] = {area: [] for area in AWS_AREAS}
    stmt = select(ChecklistItem.id, ChecklistItem.area, ChecklistItem.text).where(
        ChecklistItem.deleted_at.is_(None), ChecklistItem.active.is_(True), ChecklistItem.area.in_(AWS_AREAS)
    )
    for item_id, area, text in session.execute(stmt.order_by(ChecklistItem.area, ChecklistItem.position)):
        items[area].append((item_id, text.lower()))
    demo = _Demo(now, staff, org, site or uuid.uuid4(), items, _members(session))
    if site is None:
        notes = "Enrichment: sandpit, pool and open space."
        demo.add(AwsSite, id=demo.site_id, name=DOG_UNIT, kind=SiteKind.DOG_UNIT, address="", notes=notes)
    _register(demo)
    return demo


def _members(session: Session) -> list[tuple[uuid.UUID, date | None]]:
    """Active AWS visitors, earliest to join first (then by reference, so the order is fixed)."""
    stmt = (
        select(SchemeMembership.volunteer_id, SchemeMembership.started_on, Volunteer.reference)
        .join(Volunteer, Volunteer.id == SchemeMembership.volunteer_id)
        .where(
            Volunteer.deleted_at.is_(None),
            SchemeMembership.deleted_at.is_(None),
            SchemeMembership.scheme == Scheme.AWS,
            SchemeMembership.status == MembershipStatus.ACTIVE,
        )
    )
    found = sorted(session.execute(stmt), key=lambda r: (r.started_on or date.min, r.reference))
    return [(r.volunteer_id, r.started_on) for r in found]


def _register(demo: _Demo) -> None:
    """Home kennels, the dogs (the trainee ten weeks in) and the vans in service by now."""
    homes = [demo.site_id]
    for index, name in enumerate(HOME_KENNELS):
        address, notes = f"{12 + 7 * index} Orchard Close", "Handler's home; visited by arrangement."
        homes.append(
            demo.add(AwsSite, name=name, kind=SiteKind.HOME_KENNEL, address=address, notes=notes)["id"]
        )
    trainee = (*TRAINEE, demo.now - timedelta(weeks=10), None, 0)
    for name, breed, role, collar, handler, joined, retired, kept in (*DOGS, trainee):
        if joined > demo.now:
            continue
        retired = retired if retired and retired <= demo.now else None
        block = len(demo.dogs)
        row = demo.add(
            Dog, name=name, collar_number=collar, breed=breed, role=role, born_on=joined - timedelta(700),
            in_service_on=joined, out_of_service_on=retired, site_id=homes[kept], handler_reference=handler,
            kennel="Home kennel" if kept else f"Block {'AB'[block % 2]}, kennel {block // 2 + 1}",
        )  # fmt: skip
        gap = add_months(demo.now, -GAP_MONTHS[name]) if name in GAP_MONTHS else None
        until = joined - timedelta(days=1) if role == DogRole.TRAINEE else gap
        demo.dogs.append(_Dog(row["id"], name, bool(kept), joined, retired, until))
    for call_sign, description, joined, retired in VANS:
        if joined <= demo.now:
            retired = retired if retired and retired <= demo.now else None
            demo.add(
                DogVehicle, call_sign=call_sign, description=description, site_id=demo.site_id,
                heat_alarm=True, in_service_on=joined, out_of_service_on=retired,
            )  # fmt: skip
            demo.vans.append((call_sign, joined, retired))


def _pair(rng: random.Random, demo: _Demo, month: date, previous: set, visits: Counter) -> tuple:
    """Two visitors who had joined by the month's end, not last month's pair, fewest visits first.

    If fewer than three had joined (the scheme's first months), the earliest to join make up three.
    """
    month_end = add_months(month, 1) - timedelta(days=1)
    eligible = [m for m, started in demo.members if started is None or started <= month_end]
    eligible += [m for m, _ in demo.members if m not in eligible][: max(0, 3 - len(eligible))]
    pairs = list(combinations(eligible, 2))
    fresh = [p for p in pairs if set(p) != previous] or pairs
    return min(fresh, key=lambda p: (visits[p[0]] + visits[p[1]], rng.random()))


def _slot_outcome(month: date, this_month: date) -> tuple[SlotStatus, str]:
    if month >= this_month:
        return SlotStatus.SCHEDULED, ""
    if month in MISSED:
        return SlotStatus.MISSED, MISSED[month]
    if month in CANCELLED:
        return SlotStatus.CANCELLED, CANCELLED[month]
    return SlotStatus.COMPLETED, ""


def _schedule(session: Session, rng: random.Random, demo: _Demo, first: date) -> None:
    """A slot a month from ``first`` to next month; a visit for each completed one (and this month's)."""
    this_month = month_start(demo.now)
    last_full = add_months(this_month, -1)
    demo.forced = add_months(this_month, -2)
    previous: set = set()
    visits: Counter = Counter()
    month = first
    while month <= add_months(this_month, 1):
        pair = _pair(rng, demo, month, previous, visits)
        previous = set(pair)
        status, reason = _slot_outcome(month, this_month)
        slot = demo.add(
            AwsSlot, site_id=demo.site_id, month=month, position=1, volunteer_a_id=pair[0],
            volunteer_b_id=pair[1], status=status, reason=reason,
        )  # fmt: skip
        if status == SlotStatus.COMPLETED or (month == this_month and demo.now.day >= 8):
            report = {this_month: ReportStatus.DRAFT, last_full: ReportStatus.SUBMITTED}
            _visit(session, rng, demo, slot, pair, report.get(month, ReportStatus.REVIEWED))
            visits.update(pair)
        month = add_months(month, 1)


def _times(rng: random.Random, demo: _Demo, month: date, pair: tuple) -> tuple[date, time, time]:
    """A weekday of the month before today (once both had joined); 1½ to 3 hours from arrival."""
    joined = max((started or date.min for m, started in demo.members if m in pair), default=date.min)
    days = [month + timedelta(days=d) for d in range(31)]
    days = [d for d in days if d.month == month.month and d < demo.now and d.weekday() < 5]
    day = rng.choice([d for d in days if d >= joined] or days)
    arrived = time(rng.randrange(9, 14), rng.choice((0, 15, 30, 45)))
    departed = datetime.combine(day, arrived) + timedelta(minutes=rng.randrange(90, 185, 5))
    return day, arrived, departed.time()


def _report(rng: random.Random, demo: _Demo, day: date, status: ReportStatus) -> dict:
    submitted = (
        None if status == ReportStatus.DRAFT else min(demo.now, day + timedelta(days=rng.randint(0, 3)))
    )
    reviewed = submitted + timedelta(days=rng.randint(3, 14)) if submitted else None
    if status != ReportStatus.REVIEWED:
        reviewed = None
    return {
        "status": status, "submitted_on": submitted, "reviewed_on": reviewed,
        "reviewed_by_id": demo.staff_id if reviewed else None,
        "review_notes": "Read and noted." if reviewed else "",
    }  # fmt: skip


def _visit(
    session: Session, rng: random.Random, demo: _Demo, slot: dict, pair: tuple, status: ReportStatus
) -> None:
    """One visit: the report, its two visitors, the dogs seen and the checklists of the areas seen."""
    day, arrived, departed = _times(rng, demo, slot["month"], pair)
    dogs = _choose_dogs(rng, demo, day)
    vans = [v for v, joined, out in demo.vans if joined <= day and (out is None or out > day)]
    serious = SERIOUS.get(slot["month"], "")
    seen = {
        K: True,
        T: rng.random() < 0.6,
        V: rng.random() < 0.7 or bool(serious),
        H: any(d.home for d in dogs),
    }
    escalated = datetime.combine(day, departed).replace(tzinfo=LONDON).astimezone(UTC) if serious else None
    visit = demo.add(
        AwsVisit, reference=next_reference(session, "AWS", day.year), site_id=demo.site_id,
        slot_id=slot["id"], basis=VisitBasis.UNANNOUNCED, visited_on=day, arrived_at=arrived,
        departed_at=departed, received_by="Duty sergeant", brief_given=True, saw_kennels=True,
        saw_training=seen[T], saw_vehicles=seen[V], saw_home_kennels=seen[H], training_observed=seen[T],
        training_notes=rng.choice(TRAINING_NOTES) if seen[T] else "", enrichment=rng.choice(ENRICHMENT),
        serious_issue=bool(serious), serious_issue_notes=serious, escalated_at=escalated,
        escalated_to="Dog Unit Sergeant (by phone)" if serious else "",
        observations=f"{len(dogs)} dogs seen; staff welcoming and open.", **_report(rng, demo, day, status),
    )  # fmt: skip
    for volunteer_id in pair:
        demo.add(aws_visit_visitor, visit_id=visit["id"], volunteer_id=volunteer_id)
    findings = [_observe(rng, demo, visit, dog) for dog in dogs]
    findings += [_answer_area(rng, demo, visit, area, vans, serious) for area, yes in seen.items() if yes]
    if visit["reviewed_on"]:
        for finding in filter(None, findings):
            _finding(session, rng, demo, visit, finding)


def _choose_dogs(rng: random.Random, demo: _Demo, day: date) -> list[_Dog]:
    """Four to eight dogs who can be seen: half of them those longest unseen, the rest at random."""
    able = sorted(
        (d for d in demo.dogs if d.able(day)), key=lambda d: (demo.last_seen.get(d.id, date.min), d.name)
    )
    count = min(len(able), rng.randint(4, 8))
    oldest = able[: (count + 1) // 2]
    chosen = oldest + rng.sample(able[len(oldest) :], count - len(oldest))
    for dog in chosen:
        demo.last_seen[dog.id] = day
    return sorted(chosen, key=lambda d: d.name)


def _observe(rng: random.Random, demo: _Demo, visit: dict, dog: _Dog) -> tuple[str, str] | None:
    """The dog's five ratings: nearly all met, now and then a concern with a note (maybe a finding)."""
    ratings = {need: WelfareRating.MET for need in NEEDS}
    if rng.random() < 0.06:
        ratings["companionship"] = WelfareRating.NOT_ASSESSED
    concern = rng.choice(NEEDS) if rng.random() < 0.07 and not visit["serious_issue"] else None
    note = rng.choice(GOOD_NOTES) if rng.random() < 0.3 else ""
    if concern:
        ratings[concern], note = WelfareRating.CONCERN, CONCERN_NOTES[concern]
    demo.add(DogObservation, visit_id=visit["id"], dog_id=dog.id, condition_notes=note, **ratings)
    if concern and rng.random() < 0.5:
        return f"{dog.name}: {note}", f"Ask the Dog Unit how {dog.name}'s {concern} concern is followed up"
    return None


def _answer_area(
    rng: random.Random, demo: _Demo, visit: dict, area: ChecklistArea, vans: list[str], serious: str
) -> tuple[str, str] | None:
    """Every item of an area seen: yes, except now and then one problem (the heat alarm if serious)."""
    problem = None
    forced = area == K and month_start(visit["visited_on"]) == demo.forced
    if (serious and area == V) or forced:
        problem = FINDINGS[area][0]
    elif not serious and rng.random() < PROBLEM_CHANCE[area]:
        problem = rng.choice(FINDINGS[area])
    van = "DH03" if serious else rng.choice(vans or ["DH01"])
    noted, title = (problem[1].format(van=van), problem[2].format(van=van)) if problem else ("", "")
    failing = next((i for i, text in demo.items[area] if problem and problem[0] in text), None)
    for item_id, _text in demo.items[area]:
        result, note = (CheckResult.NO, noted) if item_id == failing else (CheckResult.YES, "")
        demo.add(AwsCheckAnswer, visit_id=visit["id"], item_id=item_id, result=result, note=note)
    return (noted, title) if problem and (serious or forced or rng.random() < 0.7) else None


def _finding(
    session: Session, rng: random.Random, demo: _Demo, visit: dict, finding: tuple[str, str]
) -> None:
    """A finding raised at review as an action for the Dog Unit, owned by the Volunteers Manager."""
    noted, title = finding
    logged = visit["reviewed_on"]
    if demo.staff_id is None:  # nobody on the staff list to own it
        return
    reference = next_reference(session, "ACT", logged.year)
    action = demo.add(
        Action, reference=reference, title=title, description=f"Raised from {visit['reference']}: {noted}",
        origin_kind=OriginKind.AWS_VISIT, aws_visit_id=visit["id"], owner_id=demo.staff_id,
        assignee_org_id=demo.org_id, priority=Priority.HIGH if visit["serious_issue"] else Priority.NORMAL,
        logged_on=logged, due_on=add_working_days(logged, 20), updated_by_id=demo.staff_id,
        **_progress(rng, logged, demo.now),
    )  # fmt: skip
    demo.add(
        ChangeRecord, id=uuid.uuid4(), entity_type="action", entity_id=action["id"], field="created",
        new_value=reference, reason="demo data", changed_by_id=demo.staff_id,
    )  # fmt: skip


def _progress(rng: random.Random, logged: date, now: date) -> dict:
    """Recent findings still being worked; older ones done, the visitors told of most of them."""
    age = (now - logged).days
    if age < 120 or (age < 240 and rng.random() < 0.5):
        status = OPEN_STATES[0] if age < 14 else rng.choice(OPEN_STATES)
        return {"status": status, "completed_on": None, "outcome": "", "raiser_told": RaiserTold.NOT_YET,
                "told_method": TellMethod.NONE, "told_on": None}  # fmt: skip
    completed = min(now, logged + timedelta(days=rng.randint(7, 60)))
    told = rng.random() < 0.7
    return {
        "status": ActionStatus.COMPLETED, "completed_on": completed, "outcome": rng.choice(OUTCOMES),
        "raiser_told": RaiserTold.TOLD if told else RaiserTold.NOT_YET,
        "told_method": rng.choice(TOLD_BY) if told else TellMethod.NONE,
        "told_on": min(now, completed + timedelta(days=rng.randint(1, 30))) if told else None,
    }  # fmt: skip
