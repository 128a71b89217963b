"""Reading action files: the action columns, their cells, names looked up, and import errors.

The file reading, cells, dates and the problem report are shared with the engagement import and live in
``tabular_import``; this module names them for actions (``read_table``, ``column_key``, ``RowError``,
``ImportFailed`` …). ``action_import`` applies the rules and creates the actions; ``action_export``
writes them out. For convenience this module also offers ``import_actions``, ``ImportResult``,
``export_actions`` and ``EXPORT_COLUMNS`` (loaded on first use, because ``action_import`` builds on
this module).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import Area, AreaKind, MeetingKind, Organisation, Theme
from pcc_desktop.services.action_details import MEETING_LABELS
from pcc_desktop.services.choices import AREA_KIND_LABELS
from pcc_desktop.services.staff import find_staff_by_name
from pcc_desktop.services.tabular_import import (
    DATE_FORMATS,
    MAX_ERRORS_SHOWN,
    Columns,
    ImportFailed,
    RowCells,
    RowError,
    cell_text,
    enum_lookup,
    name_key,
    parse_date,
)

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "DATE_FORMATS",
    "MAX_ERRORS_SHOWN",
    "REQUIRED_COLUMNS",
    "ImportFailed",
    "Lookups",
    "RowCells",
    "RowError",
    "Table",
    "cell_text",
    "column_key",
    "parse_date",
    "parse_meeting",
    "read_table",
]

# Column key (lower case, no spaces or underscores) → the name shown in messages.
COLUMN_NAMES = {
    "reference": "Reference",
    "title": "Title",
    "description": "Description",
    "status": "Status",
    "priority": "Priority",
    "owner": "Owner",
    "assignedto": "Assigned to",
    "assignedperson": "Assigned person",
    "area": "Area",
    "themes": "Themes",
    "logged": "Logged",
    "due": "Due",
    "completed": "Completed",
    "outcome": "Outcome",
    "meeting": "Meeting",
    "item": "Item",
}
REQUIRED_COLUMNS = ("title", "owner", "logged")
_ALIASES = {"loggedon": "logged", "dueon": "due", "completedon": "completed", "theme": "themes"}
COLUMNS = Columns(COLUMN_NAMES, REQUIRED_COLUMNS, _ALIASES, "actions")


@dataclass(frozen=True)
class Table:
    """The data rows of a file: (line number, column key → cell value), blank rows left out."""

    rows: list[tuple[int, dict[str, object]]]


def column_key(header: object) -> str:
    """``"Assigned_to "`` → ``"assignedto"``: headers match ignoring case, spaces and underscores."""
    return COLUMNS.key(header)


def read_table(path: Path) -> Table:
    """The rows of a ``.csv`` (UTF-8 or Windows text, comma or semicolon) or ``.xlsx`` (first sheet).

    Raises:
        ImportFailed: The file is empty, has no data rows, or lacks a required column (line 1).
        ValueError: The file is neither ``.csv`` nor ``.xlsx``.
    """
    return Table(COLUMNS.read(path))


def parse_meeting(cells: RowCells) -> tuple[MeetingKind, date] | None:
    """``"CGB 21/06/2023"`` or ``"Police and Crime Panel 12/03/2024"`` → (kind, date); None if blank."""
    text = cells.text("meeting")
    if not text:
        return None
    words, _, when = text.rpartition(" ")
    kind = enum_lookup(MEETING_LABELS, key=name_key).get(name_key(words))
    try:
        held_on = parse_date(when)
    except ValueError:
        held_on = None
    if kind is None or held_on is None:
        cells.error("Meeting", f"meeting '{text}' is not like 'CGB 21/06/2023' or 'Panel 12/03/2024'")
        return None
    return kind, held_on


def _area_kind(text: str) -> AreaKind | None:
    key = name_key(text).replace(" ", "_").replace("-", "_")
    for kind in AreaKind:
        if key in (kind.value, name_key(AREA_KIND_LABELS.get(kind, "")).replace(" ", "_")):
            return kind
    return None


@dataclass
class Lookups:
    """Names in the file matched to records, loaded once per import."""

    organisations: dict[str, uuid.UUID]
    theme_names: dict[str, uuid.UUID]
    areas: dict[str, list[tuple[AreaKind, uuid.UUID, str]]]
    staff: dict[str, uuid.UUID | None] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Lookups:
        """Every organisation, theme and area that has not been deleted."""
        orgs = session.execute(
            select(Organisation.name, Organisation.id).where(Organisation.deleted_at.is_(None))
        )
        themes = session.execute(select(Theme.name, Theme.id).where(Theme.deleted_at.is_(None)))
        areas: dict[str, list[tuple[AreaKind, uuid.UUID, str]]] = {}
        for name, kind, area_id in session.execute(
            select(Area.name, Area.kind, Area.id).where(Area.deleted_at.is_(None)).order_by(Area.kind)
        ):
            areas.setdefault(name_key(name), []).append((kind, area_id, name))
        return cls({name_key(n): i for n, i in orgs}, {name_key(n): i for n, i in themes}, areas)

    def owner(self, session: Session, cells: RowCells) -> uuid.UUID | None:
        """The member of staff named (or emailed) in the Owner column."""
        text = cells.text("owner")
        if not text:
            cells.error("Owner", "the Owner is blank: give the name or email of a member of staff")
            return None
        if name_key(text) not in self.staff:
            member = find_staff_by_name(session, text)
            self.staff[name_key(text)] = member.id if member else None
        if self.staff[name_key(text)] is None:
            cells.error("Owner", f"owner '{text}' is not on the staff list")
        return self.staff[name_key(text)]

    def assignee(self, cells: RowCells) -> tuple[uuid.UUID | None, str]:
        """The organisation in "Assigned to" and the person (an export's "Org – person" is split)."""
        text, person = cells.text("assignedto"), cells.text("assignedperson")
        if not text:
            return None, person
        if name_key(text) in self.organisations:
            return self.organisations[name_key(text)], person
        for match in re.finditer(r" [–-] ", text):
            org_id = self.organisations.get(name_key(text[: match.start()]))
            if org_id is not None and not person:
                return org_id, text[match.end() :].strip()
        cells.error("Assigned to", f"organisation '{text}' is not on the organisations list")
        return None, person

    def area(self, cells: RowCells) -> uuid.UUID | None:
        """The area named, as ``Charnwood`` or, where names repeat across kinds, ``Charnwood (NPA)``."""
        text = cells.text("area")
        if not text:
            return None
        name, kind = text, None
        qualified = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", text)
        if name_key(text) not in self.areas and qualified:
            name, kind = qualified[1], _area_kind(qualified[2])
        matches = [(k, i, n) for k, i, n in self.areas.get(name_key(name), []) if kind is None or k == kind]
        if len(matches) == 1:
            return matches[0][1]
        if not matches:
            cells.error("Area", f"area '{text}' is not on the areas list")
            return None
        labels = [AREA_KIND_LABELS.get(k, k.value) for k, _, _ in matches]
        example = f"{matches[-1][2]} ({labels[-1]})"
        cells.error("Area", f"area '{text}' is ambiguous ({' and '.join(labels)}); write it like '{example}'")
        return None

    def themes(self, cells: RowCells) -> tuple[uuid.UUID, ...]:
        """The themes named, separated by ``;`` or ``,``."""
        found: list[uuid.UUID] = []
        for name in re.split(r"[;,]", cells.text("themes")):
            if not name.strip():
                continue
            theme_id = self.theme_names.get(name_key(name))
            if theme_id is None:
                cells.error("Themes", f"theme '{name.strip()}' is not on the themes list")
            else:
                found.append(theme_id)
        return tuple(dict.fromkeys(found))


def __getattr__(name: str) -> object:
    """Offer the import and export entry points from here too, loaded on first use."""
    if name in ("import_actions", "ImportResult"):
        from pcc_desktop.services import action_import

        return getattr(action_import, name)
    if name in ("export_actions", "EXPORT_COLUMNS"):
        from pcc_desktop.services import action_export

        return getattr(action_export, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
