"""Reference data the office keeps in Admin: areas, organisations, themes, custody suites.

Domain: docs/domain.md §2.1 (geography, custody suites), §2.3 (themes), §2.7 (organisations).
Every list is editable, never hard-coded (ARCHITECTURE §2). Deleting is a soft delete and is
refused while a record is still used; an unused name can be reused, reviving the tombstone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from pcc_desktop.models import Area, AreaKind, CustodySuite, Organisation, OrganisationKind, Theme
from pcc_desktop.services import clock
from pcc_desktop.services.errors import Errors
from pcc_desktop.services.reference_delete import delete_reference
from pcc_desktop.services.reference_seed import ReferenceFileError, seed_reference_data
from pcc_desktop.services.reference_store import check_name, store_record

__all__ = [
    "AREA_KIND_LABELS",
    "COMMANDS",
    "ORGANISATION_KIND_LABELS",
    "PARENT_KINDS",
    "AreaData",
    "CustodySuiteData",
    "OrganisationData",
    "ReferenceFileError",
    "ThemeData",
    "delete_reference",
    "list_areas",
    "list_custody_suites",
    "list_organisations",
    "list_themes",
    "save_area",
    "save_custody_suite",
    "save_organisation",
    "save_theme",
    "seed_reference_data",
]

AREA_KIND_LABELS = {
    AreaKind.FORCE_AREA: "Force area",
    AreaKind.LOCAL_AUTHORITY: "Local authority",
    AreaKind.DISTRICT: "District or borough",
    AreaKind.NPA: "Neighbourhood Policing Area",
    AreaKind.CSP: "Community Safety Partnership",
    AreaKind.PEOPLE_ZONE: "People Zone",
    AreaKind.PLACE: "Town, ward or parish",
}

ORGANISATION_KIND_LABELS = {
    OrganisationKind.FORCE_DEPARTMENT: "Force department",
    OrganisationKind.NPA_COMMAND: "NPA command",
    OrganisationKind.LOCAL_AUTHORITY: "Local authority",
    OrganisationKind.PARTNER: "Partner",
    OrganisationKind.OPCC: "OPCC team",
    OrganisationKind.OTHER: "Other",
}

# The Force has one command for the City and one for the Counties (domain.md §2.1, 001:2774).
COMMANDS = ("", "City", "Counties")

# Which kinds of area each kind may sit inside.
PARENT_KINDS: dict[AreaKind, tuple[AreaKind, ...]] = {
    AreaKind.FORCE_AREA: (),
    AreaKind.LOCAL_AUTHORITY: (AreaKind.FORCE_AREA,),
    AreaKind.DISTRICT: (AreaKind.LOCAL_AUTHORITY,),
    AreaKind.NPA: (AreaKind.FORCE_AREA, AreaKind.LOCAL_AUTHORITY, AreaKind.DISTRICT),
    AreaKind.CSP: (AreaKind.FORCE_AREA, AreaKind.LOCAL_AUTHORITY, AreaKind.DISTRICT),
    AreaKind.PEOPLE_ZONE: (AreaKind.LOCAL_AUTHORITY, AreaKind.DISTRICT, AreaKind.NPA, AreaKind.PLACE),
    AreaKind.PLACE: (AreaKind.LOCAL_AUTHORITY, AreaKind.DISTRICT, AreaKind.NPA, AreaKind.PLACE),
}

MAX_CELLS = 200
MAX_VISITS_PER_WEEK = 14


@dataclass(frozen=True)
class AreaData:
    """An area as shown and edited; ``parent_name`` and ``npa_name`` are for display, ignored when saving.

    ``npa_id`` is the Neighbourhood Policing Area a place, district, zone or CSP counts towards for
    the coverage targets (an NPA counts towards itself and leaves it empty).
    """

    id: uuid.UUID | None
    name: str
    kind: AreaKind
    parent_id: uuid.UUID | None = None
    is_rural: bool = False
    command: str = ""
    active: bool = True
    notes: str = ""
    parent_name: str = ""
    row_version: int = 0
    npa_id: uuid.UUID | None = None
    npa_name: str = ""

    @property
    def kind_label(self) -> str:
        """The kind in words."""
        return AREA_KIND_LABELS[self.kind]


@dataclass(frozen=True)
class OrganisationData:
    """An organisation that actions can be assigned to."""

    id: uuid.UUID | None
    name: str
    kind: OrganisationKind = OrganisationKind.PARTNER
    active: bool = True
    row_version: int = 0

    @property
    def kind_label(self) -> str:
        """The kind in words."""
        return ORGANISATION_KIND_LABELS[self.kind]


@dataclass(frozen=True)
class ThemeData:
    """A theme residents and partners raise."""

    id: uuid.UUID | None
    name: str
    active: bool = True
    row_version: int = 0


@dataclass(frozen=True)
class CustodySuiteData:
    """A custody suite visited by Independent Custody Visitors."""

    id: uuid.UUID | None
    name: str
    cell_count: int = 1
    visits_per_week: int = 1
    active_from: date | None = None
    active_to: date | None = None
    row_version: int = 0

    def is_active(self, on: date | None = None) -> bool:
        """Whether the suite is in use on ``on`` (today by default)."""
        day = on or clock.today()
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or self.active_to >= day
        )

    @property
    def active(self) -> bool:
        """Whether the suite is in use today."""
        return self.is_active()


# --- lists -------------------------------------------------------------------------------------


def list_areas(
    session: Session, kind: AreaKind | None = None, include_inactive: bool = True
) -> list[AreaData]:
    """Areas in name order, optionally of one kind, with each parent's and NPA's name."""
    parent = aliased(Area)
    npa = aliased(Area)
    stmt = (
        select(Area, parent.name, npa.name)
        .outerjoin(parent, parent.id == Area.parent_id)
        .outerjoin(npa, npa.id == Area.npa_id)
        .where(Area.deleted_at.is_(None))
        .order_by(func.lower(Area.name), Area.kind)
    )
    if kind is not None:
        stmt = stmt.where(Area.kind == kind)
    if not include_inactive:
        stmt = stmt.where(Area.active.is_(True))
    return [
        _area_data(area, parent_name or "", npa_name or "")
        for area, parent_name, npa_name in session.execute(stmt)
    ]


def list_organisations(
    session: Session, kind: OrganisationKind | None = None, include_inactive: bool = True
) -> list[OrganisationData]:
    """Organisations in name order, optionally of one kind."""
    stmt = (
        select(Organisation).where(Organisation.deleted_at.is_(None)).order_by(func.lower(Organisation.name))
    )
    if kind is not None:
        stmt = stmt.where(Organisation.kind == kind)
    if not include_inactive:
        stmt = stmt.where(Organisation.active.is_(True))
    return [_organisation_data(o) for o in session.scalars(stmt)]


def list_themes(session: Session, include_inactive: bool = True) -> list[ThemeData]:
    """Themes in name order."""
    stmt = select(Theme).where(Theme.deleted_at.is_(None)).order_by(func.lower(Theme.name))
    if not include_inactive:
        stmt = stmt.where(Theme.active.is_(True))
    return [
        ThemeData(id=t.id, name=t.name, active=t.active, row_version=t.row_version)
        for t in session.scalars(stmt)
    ]


def list_custody_suites(
    session: Session, include_inactive: bool = True, on: date | None = None
) -> list[CustodySuiteData]:
    """Custody suites in name order; without inactive ones, only suites in use on ``on`` (today)."""
    stmt = (
        select(CustodySuite).where(CustodySuite.deleted_at.is_(None)).order_by(func.lower(CustodySuite.name))
    )
    suites = [_suite_data(s) for s in session.scalars(stmt)]
    return suites if include_inactive else [s for s in suites if s.is_active(on)]


def _area_data(area: Area, parent_name: str = "", npa_name: str = "") -> AreaData:
    return AreaData(
        id=area.id,
        name=area.name,
        kind=area.kind,
        parent_id=area.parent_id,
        is_rural=area.is_rural,
        command=area.command,
        active=area.active,
        notes=area.notes,
        parent_name=parent_name,
        row_version=area.row_version,
        npa_id=area.npa_id,
        npa_name=npa_name,
    )


def _organisation_data(org: Organisation) -> OrganisationData:
    return OrganisationData(
        id=org.id, name=org.name, kind=org.kind, active=org.active, row_version=org.row_version
    )


def _suite_data(suite: CustodySuite) -> CustodySuiteData:
    return CustodySuiteData(
        id=suite.id,
        name=suite.name,
        cell_count=suite.cell_count,
        visits_per_week=suite.visits_per_week,
        active_from=suite.active_from,
        active_to=suite.active_to,
        row_version=suite.row_version,
    )


# --- areas -------------------------------------------------------------------------------------


def _check_parent(errors: Errors, session: Session, data: AreaData) -> None:
    """The parent must exist, be a sensible kind and not sit inside the area itself."""
    if data.parent_id is None:
        return
    parent = session.get(Area, data.parent_id)
    if parent is None or parent.deleted_at is not None:
        errors.add("parent_id", "That parent area no longer exists.")
        return
    allowed = PARENT_KINDS[data.kind]
    if parent.kind not in allowed:
        kinds = " or ".join(AREA_KIND_LABELS[k].lower() for k in allowed)
        label = AREA_KIND_LABELS[data.kind]
        errors.add(
            "parent_id",
            f"A {label.lower()} has no parent."
            if not allowed
            else f"A {label.lower()} can only sit inside a {kinds}.",
        )
        return
    node: Area | None = parent
    seen: set[uuid.UUID] = set()
    while node is not None and node.id not in seen:
        if node.id == data.id:
            errors.add(
                "parent_id", f"{parent.name} is inside {data.name.strip()}, so it cannot also contain it."
            )
            return
        seen.add(node.id)
        node = node.parent


def _check_npa(errors: Errors, session: Session, data: AreaData) -> None:
    """The NPA an area counts towards must be a live Neighbourhood Policing Area other than itself."""
    if data.id is not None and data.kind != AreaKind.NPA:
        members = select(Area.id).where(Area.npa_id == data.id, Area.deleted_at.is_(None)).limit(1)
        if session.scalar(members) is not None:
            errors.add("kind", "Other areas count towards this NPA; point them at another NPA first.")
    if data.npa_id is None:
        return
    if data.npa_id == data.id:
        errors.add("npa_id", "An area cannot count towards itself; leave the NPA empty.")
        return
    npa = session.get(Area, data.npa_id)
    if npa is None or npa.deleted_at is not None:
        errors.add("npa_id", "That Neighbourhood Policing Area no longer exists.")
    elif npa.kind != AreaKind.NPA:
        errors.add("npa_id", f"{npa.name} is not a Neighbourhood Policing Area; choose an NPA.")


def _check_children_kind(errors: Errors, session: Session, data: AreaData) -> None:
    """Changing an area's kind must not leave its children inside an unsuitable parent."""
    if data.id is None:
        return
    children = session.scalars(select(Area.kind).where(Area.parent_id == data.id, Area.deleted_at.is_(None)))
    if any(data.kind not in PARENT_KINDS[kind] for kind in set(children)):
        errors.add("kind", "Areas inside this one could not sit inside that kind of area; move them first.")


def save_area(session: Session, actor_id: uuid.UUID, data: AreaData) -> AreaData:
    """Add an area (``data.id`` None) or update one; every changed field goes in the history."""
    errors = Errors()
    name = data.name.strip()
    label = AREA_KIND_LABELS[data.kind].lower()
    tombstone = check_name(
        errors,
        session,
        Area,
        data.id,
        name,
        160,
        f"There is already a {label} called {name}.",
        Area.kind == data.kind,
    )
    errors.check(data.command in COMMANDS, "command", "Choose City, Counties or neither.")
    errors.check(len(data.notes) <= 1000, "notes", "The notes must be 1,000 characters or fewer.")
    _check_parent(errors, session, data)
    _check_npa(errors, session, data)
    _check_children_kind(errors, session, data)
    errors.raise_if_any()
    values = {
        "name": name,
        "kind": data.kind,
        "parent_id": data.parent_id,
        "npa_id": data.npa_id,
        "is_rural": data.is_rural,
        "command": data.command,
        "active": data.active,
        "notes": data.notes.strip(),
    }
    area = store_record(session, actor_id, Area, "area", data, values, tombstone)
    parent_name = session.get_one(Area, area.parent_id).name if area.parent_id else ""
    npa_name = session.get_one(Area, area.npa_id).name if area.npa_id else ""
    return _area_data(area, parent_name, npa_name)


# --- organisations, themes, custody suites -----------------------------------------------------


def save_organisation(session: Session, actor_id: uuid.UUID, data: OrganisationData) -> OrganisationData:
    """Add or update an organisation; names are unique across every kind."""
    errors = Errors()
    name = data.name.strip()
    tombstone = check_name(
        errors, session, Organisation, data.id, name, 200, f"There is already an organisation called {name}."
    )
    errors.raise_if_any()
    values = {"name": name, "kind": data.kind, "active": data.active}
    return _organisation_data(
        store_record(session, actor_id, Organisation, "organisation", data, values, tombstone)
    )


def save_theme(session: Session, actor_id: uuid.UUID, data: ThemeData) -> ThemeData:
    """Add or update a theme."""
    errors = Errors()
    name = data.name.strip()
    tombstone = check_name(
        errors, session, Theme, data.id, name, 120, f"There is already a theme called {name}."
    )
    errors.raise_if_any()
    theme = store_record(
        session, actor_id, Theme, "theme", data, {"name": name, "active": data.active}, tombstone
    )
    return ThemeData(id=theme.id, name=theme.name, active=theme.active, row_version=theme.row_version)


def save_custody_suite(session: Session, actor_id: uuid.UUID, data: CustodySuiteData) -> CustodySuiteData:
    """Add or update a custody suite: 1–200 cells, 0–14 visits a week, dates in order."""
    errors = Errors()
    name = data.name.strip()
    tombstone = check_name(
        errors, session, CustodySuite, data.id, name, 120, f"There is already a custody suite called {name}."
    )
    errors.check(1 <= data.cell_count <= MAX_CELLS, "cell_count", f"Enter between 1 and {MAX_CELLS} cells.")
    errors.check(
        0 <= data.visits_per_week <= MAX_VISITS_PER_WEEK,
        "visits_per_week",
        f"Enter between 0 and {MAX_VISITS_PER_WEEK} visits a week.",
    )
    errors.check(
        data.active_from is None or data.active_to is None or data.active_to >= data.active_from,
        "active_to",
        "The end date cannot be before the start date.",
    )
    errors.raise_if_any()
    values = {
        "name": name,
        "cell_count": data.cell_count,
        "visits_per_week": data.visits_per_week,
        "active_from": data.active_from,
        "active_to": data.active_to,
    }
    return _suite_data(
        store_record(session, actor_id, CustodySuite, "custody_suite", data, values, tombstone)
    )
