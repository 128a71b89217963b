"""Importing an engagement log from a CSV or Excel file: every row is checked, then all or none created.

The file format is described in ``docs/data-formats.md`` ("Importing engagements"). Files are read
with the same code as the action import (``tabular_import``): the same encodings, separators, date
formats, line numbers and :class:`ImportFailed` report. Values are the labels the engagement screens
show (``engagement_details``), their stored values, or one of the aliases below.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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
from pcc_desktop.services.action_io import Lookups
from pcc_desktop.services.clock import today
from pcc_desktop.services.engagement_details import (
    ATTENDEE_LABELS,
    ENGAGEMENT_TYPE_LABELS,
    INITIATED_BY_LABELS,
    LEAD_LABELS,
    STATUS_LABELS,
)
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.tabular_import import (
    Columns,
    ImportFailed,
    RowCells,
    RowError,
    check_rows,
    claim_references,
    header_key,
    name_key,
    reference_cell,
    reference_errors,
)

__all__ = ["EngagementImportResult", "ImportFailed", "RowError", "import_engagements"]

ENTITY = "engagement"
PREFIX = "ENG"

# Words accepted besides the labels and stored values, by their plain form (letters and digits only).
TYPE_ALIASES = {"communitythursday": EngagementType.COMMUNITY_DAY, "engagement": EngagementType.OTHER}
LEAD_ALIASES = {
    "pcc": EngagementLead.COMMISSIONER,
    "dpcc": EngagementLead.DEPUTY,
    "pccwithchiefconstable": EngagementLead.COMMISSIONER_WITH_CHIEF_CONSTABLE,
    "commissionerwithchiefconstable": EngagementLead.COMMISSIONER_WITH_CHIEF_CONSTABLE,
}
INITIATED_BY_ALIASES = {
    "pccprogramme": InitiatedBy.PROGRAMME,
    "responsetoanissue": InitiatedBy.RESPONSE_TO_ISSUE,
}

# The attendee count columns are headed with the attendee labels, two of them shortened.
ATTENDEE_COLUMNS = ATTENDEE_LABELS | {
    AttendeeType.NEIGHBOURHOOD_TEAM: "Neighbourhood team",
    AttendeeType.OTHER: "Other attendees",
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
} | {header_key(label): label for label in ATTENDEE_COLUMNS.values()}
REQUIRED_COLUMNS = ("date", "type")
_COLUMN_ALIASES = {
    "heldon": "date",
    "kind": "type",
    "placename": "place",
    "others": "otherattendees",
    "neighbourhoodpolicingteam": "neighbourhoodteam",
}
COLUMNS = Columns(COLUMN_NAMES, REQUIRED_COLUMNS, _COLUMN_ALIASES, "engagements")
_ATTENDEE_KEYS = {header_key(label): kind for kind, label in ATTENDEE_COLUMNS.items()}
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
    rows = COLUMNS.read(path)
    context = _Context.load(session)
    plans = check_rows(
        rows,
        COLUMNS,
        lambda cells: _plan_row(cells, context),
        lambda plans: _reference_errors(session, plans),
    )
    return _create_all(session, actor_id, plans, path.name)


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
                npas[name_key(name)] = area_id
            area_npa[area_id] = area_id if kind == AreaKind.NPA else npa_id
        return cls(Lookups.load(session), npas, area_npa)

    def npa(self, cells: RowCells, area_id: uuid.UUID | None) -> uuid.UUID | None:
        """The NPA named (``East Leicester`` or ``East Leicester (NPA)``), else the one the Area is in."""
        text = cells.text("npa")
        if not text:
            return self.area_npa.get(area_id) if area_id is not None else None
        name = re.sub(r"\s*\(npa\)\s*$", "", name_key(text))
        npa_id = self.npas.get(name)
        if npa_id is None:
            cells.error("NPA", f"NPA '{text}' is not a Neighbourhood Policing Area on the areas list")
        return npa_id


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
    held_on = cells.day("date")
    if held_on is None and not cells.has_error("Date"):
        cells.error("Date", "the Date is blank: give the day of the engagement")
    if not cells.text("type"):
        cells.error("Type", "the Type is blank: give the kind of engagement, for example Community day")
    kind = cells.choice("type", ENGAGEMENT_TYPE_LABELS, EngagementType.OTHER, TYPE_ALIASES)
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
        "lead": cells.choice("lead", LEAD_LABELS, EngagementLead.COMMISSIONER, LEAD_ALIASES),
        "reason": _text(cells, "reason"),
        "initiated_by": cells.choice(
            "initiatedby", INITIATED_BY_LABELS, InitiatedBy.PROGRAMME, INITIATED_BY_ALIASES
        ),
        "advertised": _flag(cells, "advertised"),
        "surveyed": _flag(cells, "surveyed"),
        "notes": _text(cells, "notes"),
    }
    reference = reference_cell(cells, PREFIX, f"{PREFIX}-2024-0042")
    return _Planned(cells.line, reference, values, _counts(cells))


def _status(cells: RowCells, held_on: date | None) -> EngagementStatus:
    """The Status given, or Held for a past date and Planned for today or later."""
    past = held_on is not None and held_on < today()
    default = EngagementStatus.HELD if past else EngagementStatus.PLANNED
    status = cells.choice("status", STATUS_LABELS, default)
    if status == EngagementStatus.HELD and held_on is not None and held_on > today():
        cells.error("Status", "a Held engagement cannot have a Date in the future")
    return status


def _reference_errors(session: Session, plans: list[_Planned]) -> list[RowError]:
    """Imported references must be new to the database (deleted ones included) and once in the file."""
    planned = [(plan.line, plan.reference) for plan in plans]
    return reference_errors(session, Engagement.reference, planned, "an engagement")


def _create_all(
    session: Session, actor_id: uuid.UUID, plans: list[_Planned], source: str
) -> EngagementImportResult:
    """Write every checked row; imported references are claimed first so new ones number after them."""
    claim_references(session, (plan.reference for plan in plans))
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
