"""Animal Welfare Scheme: each dog's history across visits, and which dogs have not been seen lately.

The scheme visits the Dog Unit once a month, and not every dog is there on the day; Herts/Beds/Cambs
aim to see "every dog within six months" (``docs/landscape.md`` §1.7). The coverage list shows, for
every dog in service, when it was last seen and how many welfare concerns were noted in the last
twelve months, with the dogs not seen within the coverage period first.

Only observations on visit reports that are submitted or reviewed count: a draft may still change,
and a deleted report or observation never happened.
"""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from pcc_desktop.models import AwsVisit, Dog, DogObservation, DogRole, ReportStatus, WelfareRating
from pcc_desktop.services import aws_settings
from pcc_desktop.services.aws_register import ROLE_LABELS
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import NotFoundError

DONE = (ReportStatus.SUBMITTED, ReportStatus.REVIEWED)
NEEDS = ("environment", "diet", "behaviour", "companionship", "health")
CONCERN_WINDOW_MONTHS = 12
RATING_LABELS = {
    WelfareRating.NOT_ASSESSED: "Not assessed",
    WelfareRating.MET: "Met",
    WelfareRating.CONCERN: "Concern",
}


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (back when negative), kept inside the month.

    31 August less six months is 28 (or 29) February.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def whole_months(earlier: date, later: date) -> int:
    """Complete calendar months from ``earlier`` to ``later`` (0 when later is not after earlier).

    A month is complete on the same day of the month, or on the last day of a shorter month:
    31 January to 28 February is one month.
    """
    if later <= earlier:
        return 0
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months if add_months(earlier, months) <= later else months - 1


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


@dataclass(frozen=True)
class DogHistoryEntry:
    """One observation of a dog: the visit, the five welfare needs, notes, and any serious issue."""

    observation_id: uuid.UUID
    visit_id: uuid.UUID
    reference: str
    visited_on: date
    environment: WelfareRating
    diet: WelfareRating
    behaviour: WelfareRating
    companionship: WelfareRating
    health: WelfareRating
    condition_notes: str
    serious_issue: bool

    @property
    def ratings(self) -> tuple[WelfareRating, ...]:
        """The five ratings in the Act's order: environment, diet, behaviour, companionship, health."""
        return tuple(getattr(self, need) for need in NEEDS)

    @property
    def concerns(self) -> int:
        """How many of the five needs were rated a concern."""
        return sum(1 for rating in self.ratings if rating == WelfareRating.CONCERN)


@dataclass(frozen=True)
class DogCoverageRow:
    """One dog in service: when it was last seen, whether that is too long ago, recent concerns."""

    dog_id: uuid.UUID
    name: str
    collar_number: str
    breed: str
    role: DogRole
    last_seen: date | None
    months_since: int | None
    not_seen: bool
    concerns: int

    @property
    def role_label(self) -> str:
        """The role in words (``Drugs search``)."""
        return ROLE_LABELS.get(self.role, str(self.role))

    @property
    def never_seen(self) -> bool:
        """Whether no submitted or reviewed visit has observed this dog."""
        return self.last_seen is None


@dataclass(frozen=True)
class DogCoverage:
    """The coverage list on a day: the period, the dogs (not seen first) and how many were not seen."""

    months: int
    as_of: date
    rows: tuple[DogCoverageRow, ...]
    not_seen_count: int

    @property
    def cutoff(self) -> date:
        """The earliest last-seen date that still counts as seen (``as_of`` less ``months`` months)."""
        return add_months(self.as_of, -self.months)


def _done_observations() -> Select:
    return (
        select(DogObservation, AwsVisit)
        .join(AwsVisit, AwsVisit.id == DogObservation.visit_id)
        .where(
            DogObservation.deleted_at.is_(None),
            AwsVisit.deleted_at.is_(None),
            AwsVisit.status.in_(DONE),
        )
    )


def dog_history(session: Session, dog_id: uuid.UUID) -> list[DogHistoryEntry]:
    """Every observation of a dog on a submitted or reviewed visit, newest first.

    Raises:
        NotFoundError: There is no such dog, or it has been deleted.
    """
    dog = session.get(Dog, dog_id)
    if dog is None or dog.is_deleted:
        raise NotFoundError("That dog is not on the register.")
    stmt = (
        _done_observations()
        .where(DogObservation.dog_id == dog_id)
        .order_by(AwsVisit.visited_on.desc(), AwsVisit.reference.desc())
    )
    return [
        DogHistoryEntry(
            observation_id=obs.id,
            visit_id=visit.id,
            reference=visit.reference,
            visited_on=visit.visited_on,
            **{need: getattr(obs, need) for need in NEEDS},
            condition_notes=obs.condition_notes,
            serious_issue=visit.serious_issue,
        )
        for obs, visit in session.execute(stmt)
    ]


def dogs_in_service(session: Session, on: date) -> list[Dog]:
    """Live dogs in service on a day: started on or before it and not yet out of service.

    ``out_of_service_on`` is the first day a dog is out of service, so a dog retiring on a day
    no longer counts that day.
    """
    stmt = select(Dog).where(
        Dog.deleted_at.is_(None),
        or_(Dog.in_service_on.is_(None), Dog.in_service_on <= on),
        or_(Dog.out_of_service_on.is_(None), Dog.out_of_service_on > on),
    )
    return list(session.scalars(stmt.order_by(Dog.name)))


def _sightings(session: Session, dog_ids: list[uuid.UUID], as_of: date) -> dict[uuid.UUID, tuple[date, int]]:
    """Per dog: the last day seen (on or before ``as_of``) and the concerns in the last twelve months."""
    since = add_months(as_of, -CONCERN_WINDOW_MONTHS)
    found: dict[uuid.UUID, tuple[date, int]] = {}
    stmt = _done_observations().where(DogObservation.dog_id.in_(dog_ids), AwsVisit.visited_on <= as_of)
    for obs, visit in session.execute(stmt):
        last, concerns = found.get(obs.dog_id, (visit.visited_on, 0))
        if visit.visited_on > since:
            concerns += sum(1 for need in NEEDS if getattr(obs, need) == WelfareRating.CONCERN)
        found[obs.dog_id] = (max(last, visit.visited_on), concerns)
    return found


def _order(row: DogCoverageRow) -> tuple[int, int, int, str]:
    """Not seen first (never seen, then longest ago), then by name."""
    if not row.not_seen:
        return (1, 0, 0, row.name.casefold())
    seen = row.last_seen.toordinal() if row.last_seen else 0
    return (0, 1 if row.last_seen else 0, seen, row.name.casefold())


def dog_coverage(session: Session, as_of: date | None = None, months: int | None = None) -> DogCoverage:
    """Every dog in service on ``as_of``, with when it was last seen and whether that is too long ago.

    A dog is *not seen* when no submitted or reviewed visit has observed it, or when it was last seen
    before the cutoff: ``as_of`` less ``months`` calendar months. A dog seen on the cutoff day counts
    as seen: with six months on 18/06/2025, a dog seen on 18/12/2024 is not listed, one last seen on
    17/12/2024 is (both are shown as six whole months since).

    Args:
        session: An open session.
        as_of: The day to measure on (default: today).
        months: The coverage period in months (default: the scheme's setting, normally 6).

    Returns:
        The dogs, not seen first (never seen, then longest ago), then the rest by name.
    """
    as_of = as_of or today()
    months = months if months is not None else aws_settings.coverage_months(session)
    cutoff = add_months(as_of, -months)
    dogs = dogs_in_service(session, as_of)
    sightings = _sightings(session, [d.id for d in dogs], as_of)
    rows = []
    for dog in dogs:
        last, concerns = sightings.get(dog.id, (None, 0))
        rows.append(
            DogCoverageRow(
                dog_id=dog.id,
                name=dog.name,
                collar_number=dog.collar_number,
                breed=dog.breed,
                role=dog.role,
                last_seen=last,
                months_since=whole_months(last, as_of) if last else None,
                not_seen=last is None or last < cutoff,
                concerns=concerns,
            )
        )
    rows.sort(key=_order)
    return DogCoverage(
        months=months, as_of=as_of, rows=tuple(rows), not_seen_count=sum(1 for r in rows if r.not_seen)
    )
