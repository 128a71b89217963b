"""Deleting reference data: a soft delete, refused while anything still uses the record.

"Uses" are found from the schema itself: every foreign key in the metadata that points at the
record's table (except the audit columns) is counted over live rows, so a table added by a later
module (ICV visits pointing at a custody suite, say) is respected without changing this code.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Column, Table, func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Area,
    Base,
    ChecklistItem,
    CustodySuite,
    Organisation,
    RequestCategory,
    Theme,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import history
from pcc_desktop.services.errors import NotFoundError, ValidationError

AUDIT_COLUMNS = {"created_by_id", "updated_by_id"}

_DELETABLE: dict[str, tuple[type[Any], str]] = {
    "area": (Area, "make it inactive instead"),
    "organisation": (Organisation, "make it inactive instead"),
    "theme": (Theme, "make it inactive instead"),
    "custody_suite": (CustodySuite, "give it an end date instead"),
    "request_category": (RequestCategory, "make it inactive instead"),
    "checklist_item": (ChecklistItem, "make it inactive instead"),
}


def _count_uses(session: Session, table: Table, column: Column[Any], record_id: uuid.UUID) -> tuple[int, str]:
    """How many live rows of ``table`` point at the record, and what to call them.

    A link table (no ``deleted_at``) is counted through the live records that own its rows.
    """
    source: Any = table
    conditions = [column == record_id]
    noun = table.name
    if "deleted_at" in table.c:
        conditions.append(table.c.deleted_at.is_(None))
    else:
        for fk in table.foreign_keys:
            owner = fk.column.table
            if fk.parent is not column and "deleted_at" in owner.c:
                source = source.join(owner, fk.parent == fk.column)
                conditions.append(owner.c.deleted_at.is_(None))
                noun = owner.name
    count = session.scalar(select(func.count()).select_from(source).where(*conditions)) or 0
    return count, noun.replace("_", " ")


def _usages(session: Session, table_name: str, record_id: uuid.UUID) -> list[str]:
    """Phrases like "2 actions" for every table whose foreign keys use the record."""
    target = Base.metadata.tables[table_name]
    found: list[str] = []
    for table in Base.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            if fk.column.table is not target or fk.parent.name in AUDIT_COLUMNS:
                continue
            count, noun = _count_uses(session, table, fk.parent, record_id)
            if count:
                found.append(f"{count} {noun}{'' if count == 1 else 's'}")
    return found


def delete_reference(session: Session, actor_id: uuid.UUID, kind_name: str, record_id: uuid.UUID) -> None:
    """Soft-delete an area, organisation, theme, custody suite, request category or checklist item.

    Refused while anything uses the record.

    Args:
        session: an open session.
        actor_id: who is deleting.
        kind_name: ``"area"``, ``"organisation"``, ``"theme"``, ``"custody_suite"``,
            ``"request_category"`` or ``"checklist_item"``.
        record_id: the record to delete.

    Raises:
        ValidationError: the record is still used (by an action, a child area…).
        NotFoundError: the record does not exist or is already deleted.
    """
    if kind_name not in _DELETABLE:
        raise ValueError(f"unknown reference kind {kind_name!r}")
    model, advice = _DELETABLE[kind_name]
    obj = session.get(model, record_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFoundError("That record no longer exists.")
    label = obj.text if isinstance(obj, ChecklistItem) else obj.name
    uses = _usages(session, model.__tablename__, record_id)
    if uses:
        used_by = " and ".join([", ".join(uses[:-1]), uses[-1]] if len(uses) > 1 else uses)
        message = f"{label} is used by {used_by}, so it cannot be deleted: {advice}."
        raise ValidationError.single("record", message)
    obj.deleted_at = utc_now()
    obj.updated_by_id = actor_id
    history.record(session, actor_id, kind_name, obj.id, "deleted", label, None)
    session.flush()
