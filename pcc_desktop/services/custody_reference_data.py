"""The custody-visiting reference lists as the office edits them in Admin.

Request categories (what detainees ask for) and checklist items (the rights-and-welfare and
conditions questions) are seeded once by ``custody_reference`` and then belong to the office
(ARCHITECTURE: "staff can edit it in Admin"). Saving follows the other reference lists: field
messages, case-insensitive uniqueness, every change in the history, an edit conflict detected by
``row_version``. Deleting is ``reference_delete.delete_reference`` with the kinds
``"request_category"`` and ``"checklist_item"``: a soft delete, refused while visits use the record.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import ChecklistArea, ChecklistItem, RequestCategory
from pcc_desktop.services import history
from pcc_desktop.services.errors import ConflictError, Errors, NotFoundError

__all__ = [
    "CATEGORY_ENTITY",
    "CHECKLIST_AREA_LABELS",
    "CHECKLIST_ENTITY",
    "MAX_CATEGORY_NAME",
    "MAX_CHECKLIST_TEXT",
    "MAX_POSITION",
    "ChecklistItemData",
    "RequestCategoryData",
    "list_checklist_items",
    "list_request_categories",
    "save_checklist_item",
    "save_request_category",
]

CATEGORY_ENTITY = "request_category"
CHECKLIST_ENTITY = "checklist_item"

CHECKLIST_AREA_LABELS = {
    ChecklistArea.RIGHTS_AND_WELFARE: "Rights and welfare",
    ChecklistArea.CONDITIONS: "Conditions",
    ChecklistArea.AWS_KENNELS: "Dog Unit: kennels",
    ChecklistArea.AWS_TRAINING: "Dog Unit: training",
    ChecklistArea.AWS_VEHICLES: "Dog Unit: vehicles",
    ChecklistArea.AWS_HOME_KENNELS: "Dog Unit: home kennels",
}

# Areas in the order they are declared (custody visiting, then the Dog Unit), not alphabetically.
_AREA_ORDER = case({a.value: n for n, a in enumerate(ChecklistArea)}, value=ChecklistItem.area, else_=99)

# The ``request_category.name`` column is VARCHAR(120); a longer name would fail on PostgreSQL.
MAX_CATEGORY_NAME = 120
MAX_CHECKLIST_TEXT = 200
MAX_POSITION = 999

_CONFLICT = "Somebody else changed this record since you opened it; reload and try again."


@dataclass(frozen=True)
class RequestCategoryData:
    """A kind of request detainees make, as shown and edited; lower positions are offered first."""

    id: uuid.UUID | None
    name: str
    position: int = 0
    active: bool = True
    row_version: int = 0


@dataclass(frozen=True)
class ChecklistItemData:
    """One checklist question, as shown and edited; lower positions are asked first."""

    id: uuid.UUID | None
    area: ChecklistArea
    text: str
    position: int = 0
    active: bool = True
    row_version: int = 0

    @property
    def area_label(self) -> str:
        """The checklist the item belongs to, in words."""
        return CHECKLIST_AREA_LABELS[self.area]


# --- lists -------------------------------------------------------------------------------------


def list_request_categories(session: Session, include_inactive: bool = True) -> list[RequestCategoryData]:
    """Live request categories in position order, then by name.

    Args:
        session: An open session.
        include_inactive: Whether to list categories no longer offered.

    Returns:
        The categories, deleted ones left out.
    """
    stmt = (
        select(RequestCategory)
        .where(RequestCategory.deleted_at.is_(None))
        .order_by(RequestCategory.position, func.lower(RequestCategory.name))
    )
    if not include_inactive:
        stmt = stmt.where(RequestCategory.active.is_(True))
    return [_category_data(c) for c in session.scalars(stmt)]


def list_checklist_items(
    session: Session, area: ChecklistArea | None = None, include_inactive: bool = True
) -> list[ChecklistItemData]:
    """Live checklist items by area (custody checklists first), then position, then text.

    Args:
        session: An open session.
        area: Only this checklist; every checklist when None.
        include_inactive: Whether to list items no longer asked.

    Returns:
        The items, deleted ones left out.
    """
    stmt = (
        select(ChecklistItem)
        .where(ChecklistItem.deleted_at.is_(None))
        .order_by(_AREA_ORDER, ChecklistItem.position, func.lower(ChecklistItem.text))
    )
    if area is not None:
        stmt = stmt.where(ChecklistItem.area == area)
    if not include_inactive:
        stmt = stmt.where(ChecklistItem.active.is_(True))
    return [_item_data(i) for i in session.scalars(stmt)]


def _category_data(row: RequestCategory) -> RequestCategoryData:
    return RequestCategoryData(
        id=row.id, name=row.name, position=row.position, active=row.active, row_version=row.row_version
    )


def _item_data(row: ChecklistItem) -> ChecklistItemData:
    return ChecklistItemData(
        id=row.id,
        area=row.area,
        text=row.text,
        position=row.position,
        active=row.active,
        row_version=row.row_version,
    )


# --- saving ------------------------------------------------------------------------------------


def _check_text(errors: Errors, key: str, text: str, max_len: int, missing: str) -> None:
    errors.check(bool(text), key, missing)
    errors.check(len(text) <= max_len, key, f"Keep it to {max_len} characters or fewer.")


def _check_position(errors: Errors, position: int) -> None:
    errors.check(0 <= position <= MAX_POSITION, "position", f"Enter a position between 0 and {MAX_POSITION}.")


def _load_live(session: Session, model: type[Any], record_id: uuid.UUID, row_version: int) -> Any:
    """The record to update: NotFoundError if gone, ConflictError if changed since it was read."""
    obj = session.get(model, record_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFoundError("That record no longer exists.")
    if row_version and obj.row_version != row_version:
        raise ConflictError(_CONFLICT)
    return obj


def _apply(session: Session, actor_id: uuid.UUID, entity: str, obj: Any, values: dict[str, Any]) -> None:
    """Set each changed value, writing it to the history."""
    for key, value in values.items():
        old = getattr(obj, key)
        if old != value:
            history.record(session, actor_id, entity, obj.id, key, old, value)
            setattr(obj, key, value)
    obj.updated_by_id = actor_id


def _category_tombstone(
    errors: Errors, session: Session, data: RequestCategoryData, name: str
) -> RequestCategory | None:
    """Refuse a name in use (ignoring case); return a deleted category of exactly that name to revive.

    The database's unique index still holds a deleted category's name, so adding that name again
    brings the tombstone back rather than inserting a second row.
    """
    if not name:
        return None
    same = session.scalars(select(RequestCategory).where(func.lower(RequestCategory.name) == name.lower()))
    others = [row for row in same if row.id != data.id]
    if any(row.deleted_at is None for row in others):
        errors.add("name", f"There is already a request category called {name}.")
        return None
    tombstone = next((row for row in others if row.name == name), None)
    if tombstone is not None and data.id is not None:
        errors.add("name", f"A deleted request category was called {name}; choose another name.")
        return None
    return tombstone


def save_request_category(
    session: Session, actor_id: uuid.UUID, data: RequestCategoryData
) -> RequestCategoryData:
    """Add a request category (``data.id`` None) or update one.

    Args:
        session: An open session; the caller commits.
        actor_id: Who is making the change.
        data: The category as entered.

    Returns:
        The category as stored.

    Raises:
        ValidationError: The name is missing, too long or already used, or the position is
            outside 0–999; nothing is saved.
        NotFoundError: The category being edited has been deleted.
        ConflictError: Somebody else changed the category since it was read.
    """
    errors = Errors()
    name = data.name.strip()
    _check_text(errors, "name", name, MAX_CATEGORY_NAME, "Enter a name.")
    _check_position(errors, data.position)
    tombstone = _category_tombstone(errors, session, data, name)
    errors.raise_if_any()
    values = {"name": name, "position": data.position, "active": data.active}
    if data.id is not None:
        obj = _load_live(session, RequestCategory, data.id, data.row_version)
    elif tombstone is not None:
        obj = tombstone
        obj.deleted_at = None
        history.record(session, actor_id, CATEGORY_ENTITY, obj.id, "restored", None, name)
    else:
        obj = RequestCategory(**values, created_by_id=actor_id, updated_by_id=actor_id)
        session.add(obj)
        session.flush()
        history.record(session, actor_id, CATEGORY_ENTITY, obj.id, "created", None, name)
        return _category_data(obj)
    _apply(session, actor_id, CATEGORY_ENTITY, obj, values)
    session.flush()
    return _category_data(obj)


def save_checklist_item(session: Session, actor_id: uuid.UUID, data: ChecklistItemData) -> ChecklistItemData:
    """Add a checklist item (``data.id`` None) or update one; its text is unique within its area.

    Args:
        session: An open session; the caller commits.
        actor_id: Who is making the change.
        data: The item as entered.

    Returns:
        The item as stored.

    Raises:
        ValidationError: The text is missing, too long or already asked in that checklist, the
            area is unknown, or the position is outside 0–999; nothing is saved.
        NotFoundError: The item being edited has been deleted.
        ConflictError: Somebody else changed the item since it was read.
    """
    errors = Errors()
    text = data.text.strip()
    _check_text(errors, "text", text, MAX_CHECKLIST_TEXT, "Enter the question.")
    _check_position(errors, data.position)
    errors.check(data.area in CHECKLIST_AREA_LABELS, "area", "Choose which checklist the item belongs to.")
    if text and data.area in CHECKLIST_AREA_LABELS:
        same = select(ChecklistItem.id).where(
            func.lower(ChecklistItem.text) == text.lower(),
            ChecklistItem.area == data.area,
            ChecklistItem.deleted_at.is_(None),
        )
        if data.id is not None:
            same = same.where(ChecklistItem.id != data.id)
        clash = session.scalar(same.limit(1))
        label = CHECKLIST_AREA_LABELS[data.area].lower()
        errors.check(clash is None, "text", f"The {label} checklist already asks this.")
    errors.raise_if_any()
    values = {"area": data.area, "text": text, "position": data.position, "active": data.active}
    if data.id is None:
        obj = ChecklistItem(**values, created_by_id=actor_id, updated_by_id=actor_id)
        session.add(obj)
        session.flush()
        history.record(session, actor_id, CHECKLIST_ENTITY, obj.id, "created", None, text)
        return _item_data(obj)
    obj = _load_live(session, ChecklistItem, data.id, data.row_version)
    _apply(session, actor_id, CHECKLIST_ENTITY, obj, values)
    session.flush()
    return _item_data(obj)
