"""First-run seeding of the reference data shipped in ``db/reference/`` (ARCHITECTURE §2).

The CSV files hold the client's own lists (areas, organisations, themes, custody suites); their
sources are documented in ``db/reference/README.md``. Seeding happens once, into an empty
database; after that the lists belong to the office and are edited in Admin.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from pcc_desktop import paths
from pcc_desktop.models import Area, AreaKind, CustodySuite, Organisation, OrganisationKind, Theme

TRUE_WORDS = {"true", "yes", "y", "1"}
E = TypeVar("E", AreaKind, OrganisationKind)


class ReferenceFileError(ValueError):
    """A reference CSV file is malformed; the message names the file and line."""


def _rows(folder: Path, filename: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Each row of a CSV file as ``("file:line", {column: stripped value})``."""
    path = folder / filename
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            where = f"{filename}:{reader.line_num}"
            yield where, {key: (value or "").strip() for key, value in row.items() if key}


def _flag(text: str) -> bool:
    return text.strip().lower() in TRUE_WORDS


def _enum_value(enum_cls: type[E], text: str, where: str) -> E:
    try:
        return enum_cls(text)
    except ValueError:
        allowed = ", ".join(m.value for m in enum_cls)
        raise ReferenceFileError(f"{where}: unknown kind {text!r} (expected one of {allowed})") from None


def _int(text: str, where: str, column: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ReferenceFileError(f"{where}: {column} must be a whole number, not {text!r}") from None


def _seed_areas(session: Session, folder: Path) -> int:
    """Insert every area, then resolve parents and NPAs by (kind, name) so file order does not matter."""
    created: dict[tuple[AreaKind, str], Area] = {}
    parents: list[tuple[Area, AreaKind, str, str]] = []
    npas: list[tuple[Area, str, str]] = []
    for where, row in _rows(folder, "areas.csv"):
        kind = _enum_value(AreaKind, row["kind"], where)
        area = Area(
            name=row["name"],
            kind=kind,
            is_rural=_flag(row.get("is_rural", "")),
            command=row.get("command", ""),
            notes=row.get("notes", ""),
        )
        if (kind, area.name.lower()) in created:
            raise ReferenceFileError(f"{where}: {kind.value} {area.name!r} is listed twice")
        created[(kind, area.name.lower())] = area
        if row.get("parent_name"):
            parent_kind = _enum_value(AreaKind, row.get("parent_kind", ""), where)
            parents.append((area, parent_kind, row["parent_name"], where))
        if row.get("npa"):
            npas.append((area, row["npa"], where))
        session.add(area)
    for area, parent_kind, parent_name, where in parents:
        parent = created.get((parent_kind, parent_name.lower()))
        if parent is None:
            raise ReferenceFileError(
                f"{where}: parent {parent_kind.value} {parent_name!r} is not in the file"
            )
        area.parent = parent
    _resolve_npas(session, created, npas)
    return len(created)


def _resolve_npas(
    session: Session, created: dict[tuple[AreaKind, str], Area], npas: list[tuple[Area, str, str]]
) -> None:
    """Point each area at the NPA named in its ``npa`` column.

    The rows are inserted first and linked with one plain UPDATE per NPA: an area may come before
    its NPA in the file, and a seeded record should still be at its first row version.
    """
    members: dict[Area, list[Area]] = defaultdict(list)
    for area, npa_name, where in npas:
        npa = created.get((AreaKind.NPA, npa_name.lower()))
        if npa is None:
            raise ReferenceFileError(f"{where}: NPA {npa_name!r} is not in the file")
        if npa is area:
            raise ReferenceFileError(f"{where}: an NPA cannot count towards itself")
        members[npa].append(area)
    if not members:
        return
    session.flush()
    for npa, areas in members.items():
        session.execute(update(Area).where(Area.id.in_([a.id for a in areas])).values(npa_id=npa.id))
        for area in areas:
            set_committed_value(area, "npa_id", npa.id)


def _seed_organisations(session: Session, folder: Path) -> int:
    count = 0
    for where, row in _rows(folder, "organisations.csv"):
        session.add(Organisation(name=row["name"], kind=_enum_value(OrganisationKind, row["kind"], where)))
        count += 1
    return count


def _seed_themes(session: Session, folder: Path) -> int:
    count = 0
    for _where, row in _rows(folder, "themes.csv"):
        session.add(Theme(name=row["name"]))
        count += 1
    return count


def _seed_custody_suites(session: Session, folder: Path) -> int:
    count = 0
    for where, row in _rows(folder, "custody_suites.csv"):
        session.add(
            CustodySuite(
                name=row["name"],
                cell_count=_int(row["cell_count"], where, "cell_count"),
                visits_per_week=_int(row.get("visits_per_week") or "1", where, "visits_per_week"),
            )
        )
        count += 1
    return count


def seed_reference_data(session: Session, folder: Path | None = None) -> int:
    """Load the reference CSVs into an empty database; return how many records were created.

    Idempotent: if any area exists (even a deleted one) the database has been seeded before and
    nothing is done (returns 0). Seeded records are not written to the change history: they are
    the database's starting point, not anybody's change.

    Args:
        session: an open session; the caller commits.
        folder: where the CSV files are; defaults to ``paths.reference_dir()``.

    Raises:
        ReferenceFileError: a file names an unknown kind or parent, or is otherwise malformed.
    """
    if session.scalar(select(func.count()).select_from(Area)):
        return 0
    folder = folder or paths.reference_dir()
    total = _seed_areas(session, folder)
    total += _seed_organisations(session, folder)
    total += _seed_themes(session, folder)
    total += _seed_custody_suites(session, folder)
    session.flush()
    return total
