"""The Dog Unit register of the Animal Welfare Scheme: sites, police dogs and dog vans.

Domain: docs/domain.md §2.6. The scheme visits one site, the Leicestershire Police Dog Unit
(001:1177), which :func:`seed_dog_unit` adds to an empty register; a handler's home kennel may be
added as a site of its own. Dogs are named and numbered (collar number) but their handlers appear
only by a reference, never by name. A home kennel's address is personal data, so the history says
only that it changed.

Records are never removed: deleting is a soft delete, refused while a visit report, a schedule slot
or another record still uses the record; a dog or van that leaves the unit is given an
out-of-service date instead, which keeps it in past reports. Every edit is written to the history
(entity types ``aws_site``, ``dog`` and ``dog_vehicle``), and a stale edit is refused with a
:class:`ConflictError` by comparing ``row_version``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import AwsSite, Dog, DogRole, DogVehicle, SiteKind
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import NotFoundError

SITE_ENTITY = "aws_site"
DOG_ENTITY = "dog"
VEHICLE_ENTITY = "dog_vehicle"
DOG_UNIT_NAME = "Leicestershire Police Dog Unit"
PERSONAL_CHANGED = "(personal data changed)"
PERSONAL_REMOVED = "(personal data removed)"
CONFLICT = "Somebody else changed this record since you opened it; reload it and make your change again."

SITE_LIMITS = {"name": 160, "address": 2000, "notes": 20_000}
DOG_LIMITS = {
    "name": 80,
    "collar_number": 30,
    "breed": 80,
    "kennel": 40,
    "handler_reference": 40,
    "notes": 20_000,
}
VEHICLE_LIMITS = {"call_sign": 40, "description": 160}

ROLE_LABELS = {
    DogRole.GENERAL_PURPOSE: "General purpose",
    DogRole.DRUGS_SEARCH: "Drugs search",
    DogRole.EXPLOSIVES_SEARCH: "Explosives search",
    DogRole.FIREARMS_SEARCH: "Firearms search",
    DogRole.CASH_SEARCH: "Cash search",
    DogRole.VICTIM_RECOVERY: "Victim recovery",
    DogRole.TRAINEE: "Trainee",
    DogRole.OTHER: "Other",
}
SITE_KIND_LABELS = {
    SiteKind.DOG_UNIT: "Dog Unit",
    SiteKind.HOME_KENNEL: "Home kennel",
    SiteKind.TRAINING_VENUE: "Training venue",
    SiteKind.OTHER: "Other",
}

M = TypeVar("M", AwsSite, Dog, DogVehicle)
I = TypeVar("I")  # noqa: E741 - an input dataclass


# --- inputs and rows ---------------------------------------------------------------------------


def _cleaned(data: I, limits: Mapping[str, int]) -> I:
    """``data`` with its text fields trimmed."""
    return replace(data, **{name: getattr(data, name).strip() for name in limits})  # type: ignore[type-var]


@dataclass(frozen=True)
class SiteInput:
    """A site as typed: the Dog Unit, a handler's home kennel (address is personal data) or a venue."""

    name: str
    kind: SiteKind = SiteKind.DOG_UNIT
    address: str = ""
    notes: str = ""
    active: bool = True
    id: uuid.UUID | None = None
    row_version: int | None = None


@dataclass(frozen=True)
class DogInput:
    """A police dog as typed; ``handler_reference`` is a collar or staff number, never a name."""

    name: str
    collar_number: str = ""
    breed: str = ""
    role: DogRole = DogRole.GENERAL_PURPOSE
    site_id: uuid.UUID | None = None
    kennel: str = ""
    handler_reference: str = ""
    born_on: date | None = None
    in_service_on: date | None = None
    out_of_service_on: date | None = None
    notes: str = ""
    id: uuid.UUID | None = None
    row_version: int | None = None


@dataclass(frozen=True)
class VehicleInput:
    """A dog van as typed: call sign or fleet number, and whether it has a heat alarm."""

    call_sign: str
    description: str = ""
    site_id: uuid.UUID | None = None
    heat_alarm: bool = True
    in_service_on: date | None = None
    out_of_service_on: date | None = None
    id: uuid.UUID | None = None
    row_version: int | None = None


@dataclass(frozen=True)
class SiteRow:
    """A site as listed."""

    id: uuid.UUID
    name: str
    kind: SiteKind
    kind_label: str
    address: str
    notes: str
    active: bool
    row_version: int

    def to_input(self) -> SiteInput:
        """The editable fields, for a form to change and save back."""
        return SiteInput(**{f.name: getattr(self, f.name) for f in fields(SiteInput)})


@dataclass(frozen=True)
class DogRow:
    """A dog as listed; ``in_service`` is as of today."""

    id: uuid.UUID
    name: str
    collar_number: str
    breed: str
    role: DogRole
    role_label: str
    site_id: uuid.UUID | None
    site_name: str
    kennel: str
    handler_reference: str
    born_on: date | None
    in_service_on: date | None
    out_of_service_on: date | None
    in_service: bool
    notes: str
    row_version: int

    def to_input(self) -> DogInput:
        """The editable fields, for a form to change and save back."""
        return DogInput(**{f.name: getattr(self, f.name) for f in fields(DogInput)})


@dataclass(frozen=True)
class VehicleRow:
    """A dog van as listed; ``in_service`` is as of today."""

    id: uuid.UUID
    call_sign: str
    description: str
    site_id: uuid.UUID | None
    site_name: str
    heat_alarm: bool
    in_service_on: date | None
    out_of_service_on: date | None
    in_service: bool
    row_version: int

    def to_input(self) -> VehicleInput:
        """The editable fields, for a form to change and save back."""
        return VehicleInput(**{f.name: getattr(self, f.name) for f in fields(VehicleInput)})


def in_service_on(day: date, started: date | None, ended: date | None) -> bool:
    """Whether a dog or van is in service on ``day``: started by then and not yet out of service.

    The out-of-service date is the first day out of service.
    """
    return (started is None or started <= day) and (ended is None or ended > day)


# --- reading -----------------------------------------------------------------------------------


def _site_names(session: Session) -> dict[uuid.UUID, str]:
    return {site_id: name for site_id, name in session.execute(select(AwsSite.id, AwsSite.name))}


def _site_row(site: AwsSite) -> SiteRow:
    return SiteRow(
        id=site.id,
        name=site.name,
        kind=site.kind,
        kind_label=SITE_KIND_LABELS[site.kind],
        address=site.address,
        notes=site.notes,
        active=site.active,
        row_version=site.row_version,
    )


def _dog_row(dog: Dog, sites: Mapping[uuid.UUID, str]) -> DogRow:
    values = {f.name: getattr(dog, f.name) for f in fields(DogInput)}
    return DogRow(
        **values,
        role_label=ROLE_LABELS[dog.role],
        site_name=sites.get(dog.site_id, "") if dog.site_id else "",
        in_service=in_service_on(today(), dog.in_service_on, dog.out_of_service_on),
    )


def _vehicle_row(van: DogVehicle, sites: Mapping[uuid.UUID, str]) -> VehicleRow:
    values = {f.name: getattr(van, f.name) for f in fields(VehicleInput)}
    return VehicleRow(
        **values,
        site_name=sites.get(van.site_id, "") if van.site_id else "",
        in_service=in_service_on(today(), van.in_service_on, van.out_of_service_on),
    )


def _live(session: Session, model: type[M], record_id: uuid.UUID, what: str) -> M:
    obj = session.get(model, record_id)
    if obj is None or obj.is_deleted:
        raise NotFoundError(f"That {what} is no longer on the register.")
    return obj


def list_sites(session: Session, include_inactive: bool = True) -> list[SiteRow]:
    """Live sites in name order (inactive ones too unless ``include_inactive`` is False)."""
    stmt = select(AwsSite).where(AwsSite.deleted_at.is_(None)).order_by(func.lower(AwsSite.name))
    if not include_inactive:
        stmt = stmt.where(AwsSite.active.is_(True))
    return [_site_row(site) for site in session.scalars(stmt)]


def get_site(session: Session, site_id: uuid.UUID) -> SiteRow:
    """One live site (NotFoundError when gone)."""
    return _site_row(_live(session, AwsSite, site_id, "site"))


def list_dogs(session: Session, include_out_of_service: bool = False) -> list[DogRow]:
    """Live dogs in name order; those out of service by today only with ``include_out_of_service``.

    A dog whose in-service date is still to come is listed: it is joining the unit.
    """
    stmt = select(Dog).where(Dog.deleted_at.is_(None)).order_by(func.lower(Dog.name), Dog.collar_number)
    if not include_out_of_service:
        stmt = stmt.where((Dog.out_of_service_on.is_(None)) | (Dog.out_of_service_on > today()))
    sites = _site_names(session)
    return [_dog_row(dog, sites) for dog in session.scalars(stmt)]


def get_dog(session: Session, dog_id: uuid.UUID) -> DogRow:
    """One live dog (NotFoundError when gone)."""
    return _dog_row(_live(session, Dog, dog_id, "dog"), _site_names(session))


def list_vehicles(session: Session, include_out_of_service: bool = False) -> list[VehicleRow]:
    """Live dog vans by call sign; those out of service by today only with ``include_out_of_service``."""
    stmt = select(DogVehicle).where(DogVehicle.deleted_at.is_(None))
    if not include_out_of_service:
        stmt = stmt.where((DogVehicle.out_of_service_on.is_(None)) | (DogVehicle.out_of_service_on > today()))
    sites = _site_names(session)
    rows = session.scalars(stmt.order_by(func.lower(DogVehicle.call_sign)))
    return [_vehicle_row(van, sites) for van in rows]


def get_vehicle(session: Session, vehicle_id: uuid.UUID) -> VehicleRow:
    """One live dog van (NotFoundError when gone)."""
    return _vehicle_row(_live(session, DogVehicle, vehicle_id, "vehicle"), _site_names(session))


def dog_unit_site_id(session: Session) -> uuid.UUID | None:
    """The first active, live Dog Unit site by name (the scheme has one), or None."""
    stmt = (
        select(AwsSite.id)
        .where(AwsSite.deleted_at.is_(None), AwsSite.active.is_(True), AwsSite.kind == SiteKind.DOG_UNIT)
        .order_by(func.lower(AwsSite.name))
    )
    return session.scalars(stmt).first()


def seed_dog_unit(session: Session) -> bool:
    """Add the Leicestershire Police Dog Unit to a register that has never held a site.

    Idempotent: any site row, even a deleted one, means the office owns the list, so nothing is
    added. The seeded row is not written to the history.

    Returns:
        True when the Dog Unit was added.
    """
    if session.scalar(select(func.count()).select_from(AwsSite)):
        return False
    session.add(AwsSite(name=DOG_UNIT_NAME, kind=SiteKind.DOG_UNIT))
    session.flush()
    return True


# Saving and deleting live in aws_register_edit; callers import them from here.
from pcc_desktop.services.aws_register_edit import (  # noqa: E402
    delete_dog,
    delete_site,
    delete_vehicle,
    save_dog,
    save_site,
    save_vehicle,
    validate_dog,
    validate_site,
    validate_vehicle,
)

__all__ = [
    "DOG_ENTITY",
    "ROLE_LABELS",
    "SITE_ENTITY",
    "SITE_KIND_LABELS",
    "VEHICLE_ENTITY",
    "DogInput",
    "DogRow",
    "SiteInput",
    "SiteRow",
    "VehicleInput",
    "VehicleRow",
    "delete_dog",
    "delete_site",
    "delete_vehicle",
    "dog_unit_site_id",
    "get_dog",
    "get_site",
    "get_vehicle",
    "in_service_on",
    "list_dogs",
    "list_sites",
    "list_vehicles",
    "save_dog",
    "save_site",
    "save_vehicle",
    "seed_dog_unit",
    "validate_dog",
    "validate_site",
    "validate_vehicle",
]
