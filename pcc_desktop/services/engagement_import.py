"""Importing an engagement log from a CSV or Excel file: every row is checked, then all or none created.

The file format is described in ``docs/data-formats.md`` ("Importing engagements"). Files are read
with the same helpers as the action import (``action_io``): the same encodings, separators, date
formats, line numbers and :class:`ImportFailed` report.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Area,
    AreaKind,
    AttendeeType,
    Engagement,
    EngagementAttendance,
    EngagementLead,
    EngagementStatus,
    EngagementType,
    InitiatedBy,
)
from pcc_desktop.services import history
from pcc_desktop.services.action_io import (
    ImportFailed,
    Lookups,
    RowCells,
    RowError,
    _blank,
    _read_csv,
    _read_xlsx,
    column_key,
    parse_date,
)
from pcc_desktop.services.clock import today
from pcc_desktop.services.references import REFERENCE_PATTERN, claim_reference, next_reference

__all__ = ["EngagementImportResult", "ImportFailed", "RowError", "import_engagements"]

ENTITY = "engagement"
PREFIX = "ENG"
E = TypeVar("E", bound=Enum)

TYPE_LABELS = {
    EngagementType.COMMUNITY_DAY: "Community day",
    EngagementType.SURGERY: "Surgery",
    EngagementType.PUBLIC_MEETING: "Public meeting",
    EngagementType.PATCH_WALK: "Patch walk",
    EngagementType.EVENT: "Event",
    EngagementType.FUNDED_PROJECT_VISIT: "Visit to a funded project",
    EngagementType.PARTNER_MEETING: "Partner meeting",
    EngagementType.OTHER: "Other",
}
STATUS_LABELS = {
    EngagementStatus.PLANNED: "Planned",
    EngagementStatus.HELD: "Held",
    EngagementStatus.CANCELLED: "Cancelled",
}
LEAD_LABELS = {
    EngagementLead.COMMISSIONER: "Commissioner",
    EngagementLead.DEPUTY: "Deputy",
    EngagementLead.COMMISSIONER_WITH_CHIEF_CONSTABLE: "Commissioner with Chief Constable",
    EngagementLead.STAFF: "Staff",
}
INITIATED_LABELS = {
    InitiatedBy.PROGRAMME: "Programme",
    InitiatedBy.COUNCILLOR_OR_MP: "Councillor or MP",
    InitiatedBy.COMMUNITY_REQUEST: "Community request",
    InitiatedBy.PARTNER_EVENT: "Partner event",
    InitiatedBy.RESPONSE_TO_ISSUE: "Response to an issue",
    InitiatedBy.OTHER: "Other",
}
ATTENDEE_LABELS = {
    AttendeeType.RESIDENTS: "Residents",
    AttendeeType.COMMUNITY_REPRESENTATIVES: "Community representatives",
    AttendeeType.BUSINESSES: "Businesses",
    AttendeeType.COUNCILLORS: "Councillors",
    AttendeeType.MPS: "MPs",
    AttendeeType.SCHOOLS: "Schools",
    AttendeeType.YOUNG_PEOPLE: "Young people",
    AttendeeType.NEIGHBOURHOOD_TEAM: "Neighbourhood team",
    AttendeeType.PARTNERS: "Partners",
    AttendeeType.OTHER: "Other attendees",
}
# Other words accepted for a value, by its plain form (lower case, letters and digits only).
_VALUE_ALIASES: dict[type[Enum], dict[str, Enum]] = {
    EngagementType: {
        "communitythursday": EngagementType.COMMUNITY_DAY,
        "communityevent": EngagementType.EVENT,
        "engagement": EngagementType.OTHER,
    },
    EngagementLead: {
        "pcc": EngagementLead.COMMISSIONER,
        "dpcc": EngagementLead.DEPUTY,
        "deputycommissioner": EngagementLead.DEPUTY,
        "pccwithchiefconstable": EngagementLead.COMMISSIONER_WITH_CHIEF_CONSTABLE,
        "commissionerwiththechiefconstable": EngagementLead.COMMISSIONER_WITH_CHIEF_CONSTABLE,
        "opccstaff": EngagementLead.STAFF,
    },
    InitiatedBy: {
        "pccprogramme": InitiatedBy.PROGRAMME,
        "commissionersprogramme": InitiatedBy.PROGRAMME,
        "invitationfromacouncillorormp": InitiatedBy.COUNCILLOR_OR_MP,
        "requestfromacommunitygroup": InitiatedBy.COMMUNITY_REQUEST,
        "partnersevent": InitiatedBy.PARTNER_EVENT,
        "responsetoalocalissue": InitiatedBy.RESPONSE_TO_ISSUE,
    },
}

COLUMN_NAMES = {
    "date": "Date",
    "type": "Type",
    "status": "Status",
    "place": "Place",
    "area": "Area",
    "npa": "NPA",
    "lead": "Lead",
    "reason": "Reason",
    "initiatedby": "Initiated by",
    "advertised": "Advertised",
    "surveyed": "Surveyed",
    "notes": "Notes",
    "reference": "Reference",
} | {column_key(label): label for label in ATTENDEE_LABELS.values()}
REQUIRED_COLUMNS = ("date", "type")
_COLUMN_ALIASES = {
    "heldon": "date",
    "kind": "type",
    "placename": "place",
    "others": "otherattendees",
    "neighbourhoodpolicingteam": "neighbourhoodteam",
}
_ATTENDEE_KEYS = {column_key(label): kind for kind, label in ATTENDEE_LABELS.items()}
_YES, _NO = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0"}
MAX_TEXT = {"place": 200, "reason": 20_000, "notes": 20_000}


@dataclass(frozen=True)
class EngagementImportResult:
    """What an import created."""

    created: int
    references: tuple[str, ...]


@dataclass(frozen=True)
class _Planned:
    """One checked row, ready to be created."""

    line: int
    reference: str
    values: Mapping[str, object]
    counts: Mapping[AttendeeType, int]


def import_engagements(session: Session, actor_id: uuid.UUID, path: Path) -> EngagementImportResult:
    """Create one engagement per row of ``path`` (.csv or .xlsx): all of them, or none.

    Args:
        session: An open session (the workspace rolls it back if this raises).
        actor_id: The member of staff doing the import.
        path: The file to read.

    Returns:
        How many engagements were created and their references, in file order.

    Raises:
        ImportFailed: Some rows broke a rule; ``errors`` lists each one and nothing was written.
        ValueError: The file is neither ``.csv`` nor ``.xlsx``.
    """
    path = Path(path)
    rows = _read_rows(path)
    context = _Context.load(session)
    plans: list[_Planned] = []
    errors: list[RowError] = []
    for line, values in rows:
        cells = RowCells(line, values)
        plan = _plan_row(cells, context)
        errors += cells.errors
        if not cells.errors:
            plans.append(plan)
    errors += _reference_errors(session, plans)
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: (e.line, e.column)))
    return _create_all(session, actor_id, plans, path.name)


def _read_rows(path: Path) -> list[tuple[int, dict[str, object]]]:
    """The data rows by column key, with spreadsheet line numbers; blank rows are skipped."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        shown = suffix or "no extension"
        raise ValueError(f"Engagements can be imported from a .csv or .xlsx file, not {shown} ({path.name}).")
    raw = _read_csv(path) if suffix == ".csv" else _read_xlsx(path)
    if not raw or _blank(raw[0]):
        raise ImportFailed([RowError(1, "", "the file is empty: the first row must name the columns")])
    columns = _match_header(raw[0])
    rows = [
        (line, {key: cells[index] if index < len(cells) else None for key, index in columns.items()})
        for line, cells in enumerate(raw[1:], start=2)
        if not _blank(cells)
    ]
    if not rows:
        raise ImportFailed([RowError(1, "", "there are no engagements below the header row")])
    return rows


def _match_header(header: tuple[object, ...]) -> dict[str, int]:
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, name in enumerate(header):
        key = column_key(name)
        key = _COLUMN_ALIASES.get(key, key)
        if key in COLUMN_NAMES and key in columns:
            errors.append(RowError(1, COLUMN_NAMES[key], f"the column '{COLUMN_NAMES[key]}' appears twice"))
        elif key in COLUMN_NAMES:
            columns[key] = index
    for key in REQUIRED_COLUMNS:
        if key not in columns:
            errors.append(
                RowError(1, COLUMN_NAMES[key], f"the required column '{COLUMN_NAMES[key]}' is missing")
            )
    if errors:
        raise ImportFailed(errors)
    return columns


def _plain(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


@dataclass
class _Context:
    """Names in the file matched to records, loaded once per import."""

    lookups: Lookups
    npas: dict[str, uuid.UUID]
    area_npa: dict[uuid.UUID, uuid.UUID | None]

    @classmethod
    def load(cls, session: Session) -> _Context:
        """Every live area, and which NPA each counts towards (an NPA counts towards itself)."""
        npas: dict[str, uuid.UUID] = {}
        area_npa: dict[uuid.UUID, uuid.UUID | None] = {}
        stmt = select(Area.id, Area.name, Area.kind, Area.npa_id).where(Area.deleted_at.is_(None))
        for area_id, name, kind, npa_id in session.execute(stmt):
            if kind == AreaKind.NPA:
                npas[" ".join(name.lower().split())] = area_id
            area_npa[area_id] = area_id if kind == AreaKind.NPA else npa_id
        return cls(Lookups.load(session), npas, area_npa)

    def npa(self, cells: RowCells, area_id: uuid.UUID | None) -> uuid.UUID | None:
        """The NPA named (``East Leicester`` or ``East Leicester (NPA)``), else the one the Area is in."""
        text = cells.text("npa")
        if not text:
            return self.area_npa.get(area_id) if area_id is not None else None
        name = re.sub(r"\s*\(npa\)\s*$", "", " ".join(text.lower().split()))
        npa_id = self.npas.get(name)
        if npa_id is None:
            cells.error("NPA", f"NPA '{text}' is not a Neighbourhood Policing Area on the areas list")
        return npa_id


def _choice(cells: RowCells, key: str, labels: Mapping[E, str], default: E) -> E:
    """A value given by its label or stored value, ignoring case, spaces and punctuation."""
    text = cells.text(key)
    if not text:
        return default
    enum_cls = type(default)
    known: dict[str, Enum] = dict(_VALUE_ALIASES.get(enum_cls, {}))
    for member, label in labels.items():
        known[_plain(label)] = member
        known[_plain(str(member.value))] = member
    found = known.get(_plain(text))
    if found is None:
        column = COLUMN_NAMES[key]
        cells.error(column, f"{column} '{text}' is not one of: {', '.join(labels.values())}")
        return default
    return found  # type: ignore[return-value]


def _day(cells: RowCells, key: str) -> date | None:
    try:
        return parse_date(cells.values.get(key))
    except ValueError:
        column = COLUMN_NAMES[key]
        cells.error(column, f"{column} '{cells.text(key)}' is not a date like 21/06/2025 or 2025-06-21")
        return None


def _flag(cells: RowCells, key: str) -> bool:
    text = cells.text(key).lower()
    if text in _YES:
        return True
    if text and text not in _NO:
        cells.error(COLUMN_NAMES[key], f"{COLUMN_NAMES[key]} '{cells.text(key)}' should be yes or no")
    return False


def _counts(cells: RowCells) -> dict[AttendeeType, int]:
    counts: dict[AttendeeType, int] = {}
    for key, kind in _ATTENDEE_KEYS.items():
        text = cells.text(key)
        if not text:
            continue
        if not text.isdigit():
            column = COLUMN_NAMES[key]
            cells.error(column, f"{column} '{text}' should be a whole number of people, 0 or more")
        elif int(text):
            counts[kind] = int(text)
    return counts


def _text(cells: RowCells, key: str) -> str:
    text = cells.text(key)
    if len(text) > MAX_TEXT[key]:
        cells.error(
            COLUMN_NAMES[key], f"{COLUMN_NAMES[key]} is too long: keep it to {MAX_TEXT[key]:,} characters"
        )
    return text


def _plan_row(cells: RowCells, context: _Context) -> _Planned:
    """Read and check one row; problems go into ``cells.errors``."""
    held_on = _day(cells, "date")
    if held_on is None and not cells.has_error("Date"):
        cells.error("Date", "the Date is blank: give the day of the engagement")
    if not cells.text("type"):
        cells.error("Type", "the Type is blank: give the kind of engagement, for example Community day")
    kind = _choice(cells, "type", TYPE_LABELS, EngagementType.OTHER)
    status = _status(cells, held_on)
    area_id = context.lookups.area(cells)
    npa_id = context.npa(cells, area_id)
    unresolved = cells.has_error("NPA") or cells.has_error("Area")
    if kind == EngagementType.COMMUNITY_DAY and npa_id is None and not unresolved:
        cells.error("NPA", "a community day needs its NPA: fill in NPA, or an Area that belongs to an NPA")
    values = {
        "kind": kind,
        "status": status,
        "held_on": held_on,
        "place_name": _text(cells, "place"),
        "area_id": area_id,
        "npa_id": npa_id,
        "lead": _choice(cells, "lead", LEAD_LABELS, EngagementLead.COMMISSIONER),
        "reason": _text(cells, "reason"),
        "initiated_by": _choice(cells, "initiatedby", INITIATED_LABELS, InitiatedBy.PROGRAMME),
        "advertised": _flag(cells, "advertised"),
        "surveyed": _flag(cells, "surveyed"),
        "notes": _text(cells, "notes"),
    }
    return _Planned(cells.line, _reference(cells), values, _counts(cells))


def _status(cells: RowCells, held_on: date | None) -> EngagementStatus:
    """The Status given, or Held for a past date and Planned for today or later."""
    past = held_on is not None and held_on < today()
    default = EngagementStatus.HELD if past else EngagementStatus.PLANNED
    status = _choice(cells, "status", STATUS_LABELS, default)
    if status == EngagementStatus.HELD and held_on is not None and held_on > today():
        cells.error("Status", "a Held engagement cannot have a Date in the future")
    return status


def _reference(cells: RowCells) -> str:
    reference = cells.text("reference").upper()
    if not reference:
        return ""
    match = REFERENCE_PATTERN.match(reference)
    if match is None or match["prefix"] != PREFIX or len(match["number"]) != 4:
        cells.error("Reference", f"reference '{reference}' is not like {PREFIX}-2024-0042")
        return ""
    return reference


def _reference_errors(session: Session, plans: list[_Planned]) -> list[RowError]:
    """Imported references must be new to the database (deleted ones included) and once in the file."""
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    for plan in plans:
        if not plan.reference:
            continue
        if plan.reference in first_line:
            message = f"reference {plan.reference} is already used on line {first_line[plan.reference]}"
            errors.append(RowError(plan.line, "Reference", message))
        else:
            first_line[plan.reference] = plan.line
    wanted = list(first_line)
    taken: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        taken.update(session.scalars(select(Engagement.reference).where(Engagement.reference.in_(chunk))))
    for reference in sorted(taken, key=first_line.__getitem__):
        message = f"reference {reference} is already used by an engagement in the database"
        errors.append(RowError(first_line[reference], "Reference", message))
    return errors


def _create_all(
    session: Session, actor_id: uuid.UUID, plans: list[_Planned], source: str
) -> EngagementImportResult:
    """Write every checked row; imported references are claimed first so new ones number after them."""
    for plan in plans:
        if plan.reference:
            claim_reference(session, plan.reference)
    reason = f"imported from {source}"
    references: list[str] = []
    for plan in plans:
        held_on = plan.values["held_on"]
        assert isinstance(held_on, date)
        engagement = Engagement(
            reference=plan.reference or next_reference(session, PREFIX, held_on.year),
            created_by_id=actor_id,
            updated_by_id=actor_id,
            **plan.values,
        )
        engagement.attendance = [
            EngagementAttendance(
                attendee_type=kind, count=count, created_by_id=actor_id, updated_by_id=actor_id
            )
            for kind, count in plan.counts.items()
        ]
        session.add(engagement)
        session.flush()
        history.record(
            session, actor_id, ENTITY, engagement.id, "created", None, engagement.reference, reason
        )
        references.append(engagement.reference)
    return EngagementImportResult(created=len(references), references=tuple(references))
