"""Saving and deleting on the Dog Unit register: validation, history, conflicts, soft deletes.

Split from :mod:`aws_register`, which re-exports every public name here. A home kennel's address is
personal data and goes to the history only as a marker; a site appears in a dog's or van's history
by its name. Deleting is for a record entered by mistake and is refused while anything live uses it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import AwsSite, AwsSlot, AwsVisit, Dog, DogObservation, DogVehicle
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import history
from pcc_desktop.services.aws_register import (
    CONFLICT,
    DOG_ENTITY,
    DOG_LIMITS,
    PERSONAL_CHANGED,
    PERSONAL_REMOVED,
    SITE_ENTITY,
    SITE_LIMITS,
    VEHICLE_ENTITY,
    VEHICLE_LIMITS,
    DogInput,
    DogRow,
    M,
    SiteInput,
    SiteRow,
    VehicleInput,
    VehicleRow,
    _cleaned,
    _dog_row,
    _live,
    _site_names,
    _site_row,
    _vehicle_row,
)
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import ConflictError, Errors, ValidationError

WHAT = {SITE_ENTITY: "site", DOG_ENTITY: "dog", VEHICLE_ENTITY: "vehicle"}

# --- validation --------------------------------------------------------------------------------


def _check_lengths(errors: Errors, data: object, limits: Mapping[str, int]) -> None:
    for name, limit in limits.items():
        errors.check(len(getattr(data, name)) <= limit, name, f"Keep it to {limit:,} characters or fewer.")


def _check_site_ref(errors: Errors, session: Session, site_id: uuid.UUID | None) -> None:
    if site_id is not None:
        site = session.get(AwsSite, site_id)
        errors.check(site is not None and not site.is_deleted, "site_id", "Choose a site on the register.")


def _check_service(errors: Errors, started: date | None, ended: date | None) -> None:
    errors.check(
        started is None or ended is None or ended >= started,
        "out_of_service_on",
        "The out-of-service date cannot be before the in-service date.",
    )


def _clash(session: Session, column: Any, value: str, own_id: uuid.UUID | None) -> Any:
    """A live record other than ``own_id`` whose ``column`` equals ``value`` ignoring case."""
    model = column.class_
    stmt = select(model).where(model.deleted_at.is_(None), func.lower(column) == value.lower())
    return next((row for row in session.scalars(stmt) if row.id != own_id), None)


def validate_site(session: Session, data: SiteInput) -> None:
    """Check a site (text already trimmed).

    Raises:
        ValidationError: No name, text too long, or another live site of the same name.
    """
    errors = Errors()
    errors.check(bool(data.name), "name", "Enter the site's name.")
    _check_lengths(errors, data, SITE_LIMITS)
    if data.name and _clash(session, AwsSite.name, data.name, data.id) is not None:
        errors.add("name", f"There is already a site called {data.name}.")
    errors.raise_if_any()


def validate_dog(session: Session, data: DogInput) -> None:
    """Check a dog (text already trimmed).

    Raises:
        ValidationError: No name, text too long, a collar number another live dog has, an unknown
            site, a birth date in the future or after the in-service date, or an out-of-service
            date before the in-service date.
    """
    errors = Errors()
    errors.check(bool(data.name), "name", "Enter the dog's name.")
    _check_lengths(errors, data, DOG_LIMITS)
    if data.collar_number:
        other = _clash(session, Dog.collar_number, data.collar_number, data.id)
        if other is not None:
            errors.add("collar_number", f"{other.name} already has collar number {other.collar_number}.")
    _check_site_ref(errors, session, data.site_id)
    if data.born_on is not None:
        errors.check(data.born_on <= today(), "born_on", "The date of birth cannot be in the future.")
        errors.check(
            data.in_service_on is None or data.born_on <= data.in_service_on,
            "born_on",
            "The date of birth cannot be after the date the dog came into service.",
        )
    _check_service(errors, data.in_service_on, data.out_of_service_on)
    errors.raise_if_any()


def validate_vehicle(session: Session, data: VehicleInput) -> None:
    """Check a dog van (text already trimmed).

    Raises:
        ValidationError: No call sign, text too long, another live van with the call sign, an
            unknown site, or an out-of-service date before the in-service date.
    """
    errors = Errors()
    errors.check(bool(data.call_sign), "call_sign", "Enter the van's call sign or fleet number.")
    _check_lengths(errors, data, VEHICLE_LIMITS)
    if data.call_sign and _clash(session, DogVehicle.call_sign, data.call_sign, data.id) is not None:
        errors.add("call_sign", f"There is already a van with call sign {data.call_sign}.")
    _check_site_ref(errors, session, data.site_id)
    _check_service(errors, data.in_service_on, data.out_of_service_on)
    errors.raise_if_any()


# --- writing -----------------------------------------------------------------------------------


def _shown(session: Session, key: str, value: object) -> object:
    """How a value goes into the history: a site by its name rather than its id."""
    if key == "site_id" and value is not None:
        site = session.get(AwsSite, value)
        return site.name if site is not None else value
    return value


def _store(
    session: Session,
    actor_id: uuid.UUID,
    entity: str,
    model: type[M],
    data: Any,
    label: str,
    personal: tuple[str, ...] = (),
) -> M:
    """Insert a new record, or apply the changed fields of an existing one, writing the history."""
    values = {f.name: getattr(data, f.name) for f in fields(data) if f.name not in ("id", "row_version")}
    if data.id is None:
        obj = model(**values, created_by_id=actor_id, updated_by_id=actor_id)
        session.add(obj)
        session.flush()
        history.record(session, actor_id, entity, obj.id, "created", None, label)
        return obj
    obj = _live(session, model, data.id, WHAT[entity])
    if data.row_version is not None and obj.row_version != data.row_version:
        raise ConflictError(CONFLICT)
    for key, new in values.items():
        old = getattr(obj, key)
        if old == new:
            continue
        if key in personal:
            shown_old, shown_new = None, PERSONAL_CHANGED if new else PERSONAL_REMOVED
        else:
            shown_old, shown_new = _shown(session, key, old), _shown(session, key, new)
        history.record(session, actor_id, entity, obj.id, key, shown_old, shown_new)
        setattr(obj, key, new)
    obj.updated_by_id = actor_id
    session.flush()
    return obj


def save_site(session: Session, actor_id: uuid.UUID, data: SiteInput) -> SiteRow:
    """Add a site (``data.id`` None) or save changes to one; the address goes to the history only as a marker.

    Raises:
        ValidationError: See :func:`validate_site`.
        ConflictError: Someone else saved the site since ``data.row_version`` was read.
        NotFoundError: The site was deleted.
    """
    data = _cleaned(data, SITE_LIMITS)
    validate_site(session, data)
    site = _store(session, actor_id, SITE_ENTITY, AwsSite, data, data.name, personal=("address",))
    return _site_row(site)


def save_dog(session: Session, actor_id: uuid.UUID, data: DogInput) -> DogRow:
    """Add a dog (``data.id`` None) or save changes to one.

    Raises:
        ValidationError: See :func:`validate_dog`.
        ConflictError: Someone else saved the dog since ``data.row_version`` was read.
        NotFoundError: The dog was deleted.
    """
    data = _cleaned(data, DOG_LIMITS)
    validate_dog(session, data)
    label = f"{data.name} ({data.collar_number})" if data.collar_number else data.name
    dog = _store(session, actor_id, DOG_ENTITY, Dog, data, label)
    return _dog_row(dog, _site_names(session))


def save_vehicle(session: Session, actor_id: uuid.UUID, data: VehicleInput) -> VehicleRow:
    """Add a dog van (``data.id`` None) or save changes to one.

    Raises:
        ValidationError: See :func:`validate_vehicle`.
        ConflictError: Someone else saved the van since ``data.row_version`` was read.
        NotFoundError: The van was deleted.
    """
    data = _cleaned(data, VEHICLE_LIMITS)
    validate_vehicle(session, data)
    van = _store(session, actor_id, VEHICLE_ENTITY, DogVehicle, data, data.call_sign)
    return _vehicle_row(van, _site_names(session))


# --- deleting ----------------------------------------------------------------------------------


def _count(session: Session, stmt: Any) -> int:
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _refuse_if_used(label: str, uses: list[str], advice: str) -> None:
    found = [use for use in uses if not use.startswith("0 ")]
    if found:
        used_by = " and ".join([", ".join(found[:-1]), found[-1]] if len(found) > 1 else found)
        raise ValidationError.single(
            "record", f"{label} is used by {used_by}, so it cannot be deleted: {advice}."
        )


def _soft_delete(session: Session, actor_id: uuid.UUID, entity: str, obj: M, label: str) -> None:
    obj.deleted_at = utc_now()
    obj.updated_by_id = actor_id
    history.record(session, actor_id, entity, obj.id, "deleted", label, None)
    session.flush()


def delete_dog(session: Session, actor_id: uuid.UUID, dog_id: uuid.UUID) -> None:
    """Soft-delete a dog entered by mistake; refused once a visit report has notes on it.

    Raises:
        ValidationError: On ``record`` while live visit reports observe the dog.
        NotFoundError: The dog is not on the register.
    """
    dog = _live(session, Dog, dog_id, "dog")
    visits = _count(
        session,
        select(DogObservation.visit_id)
        .join(AwsVisit, AwsVisit.id == DogObservation.visit_id)
        .where(
            DogObservation.dog_id == dog.id,
            DogObservation.deleted_at.is_(None),
            AwsVisit.deleted_at.is_(None),
        )
        .distinct(),
    )
    _refuse_if_used(dog.name, [_plural(visits, "visit report")], "give it an out-of-service date instead")
    _soft_delete(session, actor_id, DOG_ENTITY, dog, dog.name)


def delete_vehicle(session: Session, actor_id: uuid.UUID, vehicle_id: uuid.UUID) -> None:
    """Soft-delete a dog van entered by mistake (nothing else refers to a van).

    Raises:
        NotFoundError: The van is not on the register.
    """
    van = _live(session, DogVehicle, vehicle_id, "vehicle")
    _soft_delete(session, actor_id, VEHICLE_ENTITY, van, van.call_sign)


def delete_site(session: Session, actor_id: uuid.UUID, site_id: uuid.UUID) -> None:
    """Soft-delete a site entered by mistake; refused while dogs, vans, visits or schedule slots use it.

    Raises:
        ValidationError: On ``record`` while anything live refers to the site.
        NotFoundError: The site is not on the register.
    """
    site = _live(session, AwsSite, site_id, "site")
    uses = [
        _plural(_count(session, select(m.id).where(m.site_id == site.id, m.deleted_at.is_(None))), noun)
        for m, noun in (
            (Dog, "dog"),
            (DogVehicle, "van"),
            (AwsVisit, "visit report"),
            (AwsSlot, "scheduled visit"),
        )
    ]
    _refuse_if_used(site.name, uses, "make it inactive instead")
    _soft_delete(session, actor_id, SITE_ENTITY, site, site.name)
