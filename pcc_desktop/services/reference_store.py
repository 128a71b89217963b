"""Writing helpers shared by the reference-data services: names, history, revive, conflicts."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import Area, CustodySuite, Organisation, Theme
from pcc_desktop.services import history
from pcc_desktop.services.errors import ConflictError, Errors, NotFoundError

M = TypeVar("M", Area, Organisation, Theme, CustodySuite)


def check_name(
    errors: Errors,
    session: Session,
    model: type[M],
    data_id: uuid.UUID | None,
    name: str,
    max_len: int,
    clash_message: str,
    *scope: Any,
) -> M | None:
    """Check a name is given, short enough and unused (ignoring case); return a revivable tombstone.

    A deleted record keeps its name in the database's unique index, so adding that exact name
    again revives the tombstone instead of inserting a second row.
    """
    errors.check(bool(name), "name", "Enter a name.")
    errors.check(len(name) <= max_len, "name", f"The name must be {max_len} characters or fewer.")
    if not name:
        return None
    same = session.scalars(select(model).where(func.lower(model.name) == name.lower(), *scope)).all()
    others = [row for row in same if row.id != data_id]
    if any(row.deleted_at is None for row in others):
        errors.add("name", clash_message)
        return None
    tombstone = next((row for row in others if row.name == name), None)
    if tombstone is not None and data_id is not None:
        errors.add("name", f"A deleted record was called {name}; choose another name.")
        return None
    return tombstone


def apply_changes(
    session: Session, actor_id: uuid.UUID, entity_type: str, obj: M, values: dict[str, Any]
) -> None:
    """Set each changed value and write it to the history."""
    for key, value in values.items():
        old = getattr(obj, key)
        if old != value:
            history.record(session, actor_id, entity_type, obj.id, key, old, value)
            setattr(obj, key, value)
    obj.updated_by_id = actor_id


def store_record(
    session: Session,
    actor_id: uuid.UUID,
    model: type[M],
    entity_type: str,
    data: Any,
    values: dict[str, Any],
    tombstone: M | None,
) -> M:
    """Insert, revive or update one record from validated ``values``."""
    if data.id is None and tombstone is None:
        obj = model(**values, created_by_id=actor_id, updated_by_id=actor_id)
        session.add(obj)
        session.flush()
        history.record(session, actor_id, entity_type, obj.id, "created", None, obj.name)
        return obj
    if data.id is None:
        obj = tombstone
        obj.deleted_at = None
        history.record(session, actor_id, entity_type, obj.id, "restored", None, values["name"])
    else:
        obj = load_live(session, model, data.id)
        if data.row_version and obj.row_version != data.row_version:
            raise ConflictError(
                "Somebody else changed this record since you opened it; reload and try again."
            )
    apply_changes(session, actor_id, entity_type, obj, values)
    session.flush()
    return obj


def load_live(session: Session, model: type[M], record_id: uuid.UUID) -> M:
    """The record, unless it is missing or deleted (NotFoundError)."""
    obj = session.get(model, record_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFoundError("That record no longer exists.")
    return obj
