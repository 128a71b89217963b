"""Demo volunteers: eighteen custody visitors, a few animal welfare visitors, training, awards and hours.

Everything is made up and goes through the volunteer services, so the records are as valid and as
audited as typed ones. Dates are relative to today, so some vetting and terms always fall inside the
60/30/7-day alert windows (and one has expired). Deterministic for a given seed.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pcc_desktop.models import MembershipStatus, Scheme, VettingLevel
from pcc_desktop.services import volunteer_records as records
from pcc_desktop.services import volunteers
from pcc_desktop.services.clock import today
from pcc_desktop.services.volunteer_records import AwardInput, HoursInput, TrainingInput
from pcc_desktop.services.volunteers import MembershipInput, VolunteerInput
from pcc_desktop.services.workspace import Workspace

ICV_NAMES = (
    "Margaret Ellison", "Tariq Hussain", "Janet Whitcombe", "Owen Pritchard", "Priya Chauhan",
    "Graham Fenwick", "Susan Okafor", "David Lockwood", "Helen Marsh", "Imran Qureshi",
    "Patricia Doyle", "Kevin Ashworth", "Angela Boateng", "Richard Tamsin", "Claire Hollis",
    "Mohammed Rahman", "Linda Carver", "Stephen Oduya",
)  # fmt: skip
AWS_ONLY_NAMES = ("Rosemary Thackeray", "Colin Brabazon")
AWS_ALSO = {"Helen Marsh", "Owen Pritchard"}
APPLICANT = "Jasmine Wexford"
LEAVER = "Peter Sandringham"
STREETS = ("Orchard Close", "Mill Lane", "Church View", "Station Road", "Beech Avenue", "Willow Court")
TOWNS = ("Melton Mowbray", "Oakham", "Loughborough", "Market Harborough", "Hinckley", "Coalville")
AVAILABILITY = (
    "Weekday evenings",
    "Weekends only",
    "Any time with a week's notice",
    "Daytime Monday to Thursday",
    "Evenings and Saturday mornings",
    "Late nights fine; not Sundays",
)
# Days from today to vetting expiry for the first few custody visitors: inside each alert window.
ALERTING_VETTING = (7, 25, 52, -20)


@dataclass(frozen=True)
class _Person:
    """One made-up volunteer: name, start date, vetting left, schemes."""

    name: str
    started: date
    vetting_days: int
    schemes: tuple[tuple[Scheme, MembershipStatus], ...]


def _contact(rng: random.Random, name: str, index: int) -> dict[str, str]:
    first, last = name.lower().split(" ", 1)
    return {
        "email": f"{first}.{last.replace(' ', '')}@example.org",
        "phone": f"07700 900{index:03d}",
        "address": f"{rng.randint(2, 140)} {rng.choice(STREETS)}\n{rng.choice(TOWNS)}",
        "availability": rng.choice(AVAILABILITY),
    }


def _people(rng: random.Random) -> list[_Person]:
    day = today()
    people = []
    for i, name in enumerate(ICV_NAMES):
        vetting = ALERTING_VETTING[i] if i < len(ALERTING_VETTING) else rng.randint(120, 1100)
        schemes = [(Scheme.ICV, MembershipStatus.ACTIVE if i != 15 else MembershipStatus.INACTIVE)]
        if name in AWS_ALSO:
            schemes.append((Scheme.AWS, MembershipStatus.ACTIVE))
        started = day - timedelta(days=rng.randint(200, 12 * 365))
        people.append(_Person(name, started, vetting, tuple(schemes)))
    for name in AWS_ONLY_NAMES:
        started = day - timedelta(days=rng.randint(400, 6 * 365))
        people.append(_Person(name, started, rng.randint(150, 900), ((Scheme.AWS, MembershipStatus.ACTIVE),)))
    people.append(
        _Person(APPLICANT, day - timedelta(days=40), 0, ((Scheme.ICV, MembershipStatus.IN_TRAINING),))
    )
    people.append(_Person(LEAVER, day - timedelta(days=9 * 365), 0, ((Scheme.ICV, MembershipStatus.LEFT),)))
    return people


def _membership(person: _Person, scheme: Scheme, status: MembershipStatus, index: int) -> MembershipInput:
    day = today()
    ended = day - timedelta(days=90) if status == MembershipStatus.LEFT else None
    term = None
    if status == MembershipStatus.ACTIVE and scheme == Scheme.ICV:
        # Three-year terms, renewed; the second visitor's term runs out within the alert window.
        term = day + timedelta(days=40) if index == 1 else day + timedelta(days=200 + 37 * index)
    return MembershipInput(scheme, status, person.started, ended, term)


def _add_records(ws: Workspace, rng: random.Random, volunteer_id: uuid.UUID, person: _Person) -> None:
    day = today()
    inducted = min(person.started + timedelta(days=30), day)
    ws.act(records.add_training, volunteer_id, TrainingInput("ICV induction", inducted, "ICVA"))
    if (day - person.started).days > 400:
        refresher = day - timedelta(days=rng.randint(20, 300))
        ws.act(
            records.add_training, volunteer_id, TrainingInput("Detainee welfare refresher", refresher, "ICVA")
        )
    years = (day - person.started).days // 365
    for milestone in (5, 10):
        if years >= milestone:
            awarded = person.started + timedelta(days=365 * milestone + 60)
            if awarded <= day:
                ws.act(records.add_award, volunteer_id, AwardInput(f"{milestone} years' service", awarded))
    for _ in range(rng.randint(1, 4)):
        worked = day - timedelta(days=rng.randint(3, 330))
        activity = rng.choice(("Quarterly panel meeting", "Regional ICV conference", "Training day"))
        ws.act(
            records.add_hours, volunteer_id, HoursInput(worked, rng.choice((1.5, 2.0, 2.5, 6.0)), activity)
        )


def add_demo_volunteers(workspace: Workspace, seed: int = 2002) -> int:
    """Add the demo volunteers (with memberships, training, awards and hours); return how many.

    Args:
        workspace: The open demo database, with ``actor_id`` set to the member of staff to credit.
        seed: Seed of the random choices (addresses, dates, hours).
    """
    rng = random.Random(seed)
    people = _people(rng)
    for index, person in enumerate(people):
        vetted = person.vetting_days != 0
        details = VolunteerInput(
            name=person.name,
            vetting_level=VettingLevel.HIGHER if vetted and index % 3 else VettingLevel.LOWER,
            vetting_expires_on=today() + timedelta(days=person.vetting_days),
            notes="Prefers to visit with an experienced partner." if index % 7 == 3 else "",
            **_contact(rng, person.name, index + 1),
        )
        if not vetted:
            details = replace(details, vetting_level=VettingLevel.NONE, vetting_expires_on=None)
        created = workspace.act(volunteers.create_volunteer, details)
        for scheme, status in person.schemes:
            workspace.act(volunteers.set_membership, created.id, _membership(person, scheme, status, index))
        if person.schemes[0][1] in (MembershipStatus.ACTIVE, MembershipStatus.INACTIVE):
            _add_records(workspace, rng, created.id, person)
    return len(people)
