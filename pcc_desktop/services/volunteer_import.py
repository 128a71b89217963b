"""Importing a volunteer register from a CSV or Excel file: every row checked, then all or none created.

The file format is in ``docs/data-formats.md`` ("Importing volunteers"). Files are read with the
shared import code (``tabular_import``): the same encodings, separators, date formats, line numbers
and :class:`ImportFailed` report. One row is one person's membership of one scheme; rows with the same
name and email are one person in several schemes, whose details come from their first row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import MembershipStatus, Scheme, VettingLevel, Volunteer
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.tabular_import import (
    Columns,
    ImportFailed,
    RowCells,
    RowError,
    check_rows,
    name_key,
    plain,
)
from pcc_desktop.services.volunteers import (
    MEMBERSHIP_LABELS,
    SCHEME_LABELS,
    SCHEME_SHORT_LABELS,
    VETTING_LABELS,
    MembershipInput,
    VolunteerInput,
    create_volunteer,
    set_membership,
    validate_membership,
    validate_volunteer,
)

__all__ = ["ImportFailed", "RowError", "VolunteerImportResult", "import_volunteers"]

COLUMN_NAMES = {
    "name": "Name",
    "email": "Email",
    "phone": "Phone",
    "scheme": "Scheme",
    "status": "Status",
    "started": "Started",
    "termends": "Term ends",
    "vetting": "Vetting",
    "vettingexpires": "Vetting expires",
    "availability": "Availability",
    "notes": "Notes",
}
_COLUMN_ALIASES = {
    "emailaddress": "email",
    "telephone": "phone",
    "startdate": "started",
    "startedon": "started",
    "termend": "termends",
    "termendson": "termends",
    "vettinglevel": "vetting",
    "vettingexpiry": "vettingexpires",
}
COLUMNS = Columns(COLUMN_NAMES, ("name", "scheme"), _COLUMN_ALIASES, "volunteers")
SCHEME_ALIASES = {plain(short): scheme for scheme, short in SCHEME_SHORT_LABELS.items()} | {
    "independentcustodyvisitor": Scheme.ICV,
    "animalwelfare": Scheme.AWS,
    "hatecrimepanel": Scheme.HATE_CRIME_PANEL,
}
VETTING_ALIASES = {"lowercommon": VettingLevel.LOWER, "common": VettingLevel.LOWER, "": VettingLevel.NONE}
# Form fields named in the services' messages → the column to report them against.
_FIELD_COLUMNS = {
    "name": "Name",
    "email": "Email",
    "phone": "Phone",
    "availability": "Availability",
    "notes": "Notes",
    "vetting_level": "Vetting",
    "vetting_expires_on": "Vetting expires",
    "started_on": "Started",
    "ended_on": "Status",
    "term_ends_on": "Term ends",
}


@dataclass(frozen=True)
class VolunteerImportResult:
    """What an import created."""

    created: int
    memberships: int
    references: tuple[str, ...]


@dataclass
class _Planned:
    """One checked person, with the memberships from their rows."""

    line: int
    key: tuple[str, str]
    details: VolunteerInput
    memberships: list[tuple[int, MembershipInput]] = field(default_factory=list)


def import_volunteers(session: Session, actor_id: uuid.UUID, path: Path) -> VolunteerImportResult:
    """Add one volunteer per person in ``path`` (.csv or .xlsx) with their memberships: all, or none.

    Args:
        session: An open session (the workspace rolls it back if this raises).
        actor_id: The member of staff doing the import.
        path: The file to read.

    Returns:
        How many volunteers and memberships were created, and the new references in file order.

    Raises:
        ImportFailed: Some rows broke a rule; ``errors`` lists each one and nothing was written.
        ValueError: The file is neither ``.csv`` nor ``.xlsx``.
    """
    path = Path(path)
    rows = COLUMNS.read(path)
    registered = _registered(session)
    plans = check_rows(
        rows, COLUMNS, lambda cells: _plan_row(session, cells), lambda p: _merge(p, registered)
    )
    return _create_all(session, actor_id, _people(plans), path.name)


def _registered(session: Session) -> set[tuple[str, str]]:
    stmt = select(func.lower(Volunteer.name), func.lower(Volunteer.email)).where(
        Volunteer.deleted_at.is_(None)
    )
    return {(name_key(name), email) for name, email in session.execute(stmt)}


def _report(cells: RowCells, problem: ValidationError) -> None:
    for name, message in problem.errors.items():
        cells.error(_FIELD_COLUMNS.get(name, "Name"), f"{_FIELD_COLUMNS.get(name, 'Name')}: {message}")


def _plan_row(session: Session, cells: RowCells) -> _Planned | None:
    """Read and check one row; problems go into ``cells.errors``."""
    if not cells.text("name"):
        cells.error("Name", "the Name is blank: give the volunteer's full name")
    if not cells.text("scheme"):
        cells.error("Scheme", f"the Scheme is blank: give one of {', '.join(SCHEME_LABELS.values())}")
    scheme = cells.choice("scheme", SCHEME_LABELS, Scheme.OTHER, SCHEME_ALIASES)
    details = VolunteerInput(
        name=" ".join(cells.text("name").split()),
        email=cells.text("email"),
        phone=cells.text("phone"),
        vetting_level=cells.choice("vetting", VETTING_LABELS, VettingLevel.NONE, VETTING_ALIASES),
        vetting_expires_on=cells.day("vettingexpires"),
        availability=cells.text("availability"),
        notes=cells.text("notes"),
    ).cleaned()
    membership = MembershipInput(
        scheme=scheme,
        status=cells.choice("status", MEMBERSHIP_LABELS, MembershipStatus.ACTIVE),
        started_on=cells.day("started"),
        term_ends_on=cells.day("termends"),
    )
    if membership.status == MembershipStatus.LEFT:
        cells.error("Status", "Status Left needs the date they left, which the file has no column for")
    for check in (
        lambda: validate_volunteer(session, details, check_register=False),
        lambda: validate_membership(membership),
    ):
        try:
            check()
        except ValidationError as problem:
            _report(cells, problem)
    key = (name_key(details.name), details.email.lower())
    return _Planned(cells.line, key, details, [(cells.line, membership)])


def _merge(plans: list[_Planned], registered: set[tuple[str, str]]) -> list[RowError]:
    """Rules across rows: not already on the register, and one row per person per scheme."""
    errors: list[RowError] = []
    seen: dict[tuple[str, object], int] = {}
    for plan in plans:
        if plan.key in registered:
            errors.append(RowError(plan.line, "Name", f"{plan.details.name} is already on the register"))
            continue
        scheme = plan.memberships[0][1].scheme
        earlier = seen.setdefault((plan.key, scheme), plan.line)
        if earlier != plan.line:
            message = f"{plan.details.name} is already in {SCHEME_SHORT_LABELS[scheme]} on line {earlier}"
            errors.append(RowError(plan.line, "Scheme", message))
    return errors


def _people(plans: list[_Planned]) -> list[_Planned]:
    """Rows for the same name and email folded into one person, in order of their first row."""
    people: dict[tuple[str, str], _Planned] = {}
    for plan in plans:
        if plan.key in people:
            people[plan.key].memberships.extend(plan.memberships)
        else:
            people[plan.key] = plan
    return list(people.values())


def _create_all(
    session: Session, actor_id: uuid.UUID, people: list[_Planned], source: str
) -> VolunteerImportResult:
    reason = f"imported from {source}"
    references: list[str] = []
    memberships = 0
    for person in people:
        volunteer = create_volunteer(session, actor_id, person.details, reason=reason)
        assert volunteer.id is not None
        for _line, membership in person.memberships:
            set_membership(session, actor_id, volunteer.id, membership)
            memberships += 1
        references.append(volunteer.reference)
    return VolunteerImportResult(len(references), memberships, tuple(references))
