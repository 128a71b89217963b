"""First-run seeding of the visiting schemes' reference lists: request categories and checklists.

The lists come from ``db/reference/request_categories.csv``, ``db/reference/checklist_items.csv``
(custody visits) and ``db/reference/aws_checklist_items.csv`` (Dog Unit visits); sources are in
``db/reference/README.md``. Each list is seeded once, only while it has no row at all (even a deleted
one); after that the lists belong to the office and are edited in Admin. The two schemes' checklists
are seeded separately so a database made before the Animal Welfare Scheme still gets its checklist.
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
AWS_CHECKLIST_FILE = "aws_checklist_items.csv"
ICV_AREAS = (ChecklistArea.RIGHTS_AND_WELFARE, ChecklistArea.CONDITIONS)
AWS_AREAS = (
    ChecklistArea.AWS_KENNELS,
    ChecklistArea.AWS_TRAINING,
    ChecklistArea.AWS_VEHICLES,
    ChecklistArea.AWS_HOME_KENNELS,
)


def _is_empty(session: Session, model: type[RequestCategory] | type[ChecklistItem]) -> bool:
    return not session.scalar(select(func.count()).select_from(model))


def _has_items(session: Session, areas: tuple[ChecklistArea, ...]) -> bool:
    return bool(
        session.scalar(select(func.count()).select_from(ChecklistItem).where(ChecklistItem.area.in_(areas)))
    )


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


def _seed_checklist(session: Session, folder: Path, file: str, areas: tuple[ChecklistArea, ...]) -> int:
    count = 0
    for where, row in _rows(folder, file):
        if not row.get("text"):
            raise ReferenceFileError(f"{where}: a checklist item needs its text")
        area = _area(row.get("area", ""), where)
        if area not in areas:
            raise ReferenceFileError(f"{where}: area {area.value!r} does not belong in {file}")
        session.add(
            ChecklistItem(
                area=area,
                text=row["text"],
                position=_int(row.get("position") or "0", where, "position"),
            )
        )
        count += 1
    return count


def seed_custody_reference(session: Session, folder: Path | None = None) -> int:
    """Load the request categories and each scheme's checklist items if they have none yet.

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
    if not _has_items(session, ICV_AREAS):
        total += _seed_checklist(session, folder, CHECKLIST_FILE, ICV_AREAS)
    if not _has_items(session, AWS_AREAS):
        total += _seed_checklist(session, folder, AWS_CHECKLIST_FILE, AWS_AREAS)
    session.flush()
    return total
