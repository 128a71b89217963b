"""First-run seeding of the custody-visiting reference lists: request categories and checklists.

The lists come from ``db/reference/request_categories.csv`` and ``db/reference/checklist_items.csv``
(sources in ``db/reference/README.md``). Each table is seeded once, only while it is empty; after that
the lists belong to the office and are edited in Admin.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop import paths
from pcc_desktop.models import ChecklistArea, ChecklistItem, RequestCategory
from pcc_desktop.services.reference_seed import ReferenceFileError, _int, _rows

CATEGORIES_FILE = "request_categories.csv"
CHECKLIST_FILE = "checklist_items.csv"


def _is_empty(session: Session, model: type[RequestCategory] | type[ChecklistItem]) -> bool:
    return not session.scalar(select(func.count()).select_from(model))


def _seed_categories(session: Session, folder: Path) -> int:
    names: set[str] = set()
    for where, row in _rows(folder, CATEGORIES_FILE):
        name = row.get("name", "")
        if not name:
            raise ReferenceFileError(f"{where}: a request category needs a name")
        if name.lower() in names:
            raise ReferenceFileError(f"{where}: request category {name!r} is listed twice")
        names.add(name.lower())
        session.add(RequestCategory(name=name, position=_int(row.get("position") or "0", where, "position")))
    return len(names)


def _area(text: str, where: str) -> ChecklistArea:
    try:
        return ChecklistArea(text)
    except ValueError:
        allowed = ", ".join(a.value for a in ChecklistArea)
        raise ReferenceFileError(f"{where}: unknown area {text!r} (expected one of {allowed})") from None


def _seed_checklist(session: Session, folder: Path) -> int:
    count = 0
    for where, row in _rows(folder, CHECKLIST_FILE):
        if not row.get("text"):
            raise ReferenceFileError(f"{where}: a checklist item needs its text")
        session.add(
            ChecklistItem(
                area=_area(row.get("area", ""), where),
                text=row["text"],
                position=_int(row.get("position") or "0", where, "position"),
            )
        )
        count += 1
    return count


def seed_custody_reference(session: Session, folder: Path | None = None) -> int:
    """Load the request categories and checklist items into their tables if those are empty.

    Idempotent: a table that holds any row (even a deleted one) is left alone, so calling this at
    every start-up is safe. Seeded rows are not written to the change history.

    Args:
        session: An open session; the caller commits.
        folder: Where the CSV files are; defaults to ``paths.reference_dir()``.

    Returns:
        How many records were created (0 when both tables were already filled).

    Raises:
        ReferenceFileError: A file is malformed (unknown area, missing text, duplicate name).
    """
    folder = folder or paths.reference_dir()
    total = 0
    if _is_empty(session, RequestCategory):
        total += _seed_categories(session, folder)
    if _is_empty(session, ChecklistItem):
        total += _seed_checklist(session, folder)
    session.flush()
    return total
