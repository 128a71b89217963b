"""Reading action files: the table in a CSV or Excel file, its cells, names looked up, and import errors.

``action_import`` applies the rules and creates the actions; ``action_export`` writes them out. For
convenience this module also offers ``import_actions``, ``ImportResult``, ``export_actions`` and
``EXPORT_COLUMNS`` (loaded on first use, because ``action_import`` builds on this module).
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import Area, AreaKind, MeetingKind, Organisation, Theme
from pcc_desktop.services.action_details import MEETING_LABELS
from pcc_desktop.services.choices import AREA_KIND_LABELS
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.staff import find_staff_by_name

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
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
MAX_ERRORS_SHOWN = 20
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class RowError:
    """One problem in an import file: the line a spreadsheet shows (header = 1), the column, what is wrong."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ImportFailed(Exception):  # noqa: N818 - the name the GUI and CLI use
    """An import found problems and created nothing; ``errors`` lists every one."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = list(errors)
        super().__init__(self.errors)

    def __str__(self) -> str:
        count = len(self.errors)
        lines = [f"The file has {count} problem{'s' if count != 1 else ''}; nothing was imported."]
        lines += [str(error) for error in self.errors[:MAX_ERRORS_SHOWN]]
        if count > MAX_ERRORS_SHOWN:
            lines.append(f"… and {count - MAX_ERRORS_SHOWN} more.")
        return "\n".join(lines)


@dataclass(frozen=True)
class Table:
    """The data rows of a file: (line number, column key → cell value), blank rows left out."""

    rows: list[tuple[int, dict[str, object]]]


def column_key(header: object) -> str:
    """``"Assigned_to "`` → ``"assignedto"``: headers match ignoring case, spaces and underscores."""
    key = re.sub(r"[\s_]+", "", str(header or "")).lower()
    return _ALIASES.get(key, key)


def read_table(path: Path) -> Table:
    """The rows of a ``.csv`` (UTF-8 or Windows text, comma or semicolon) or ``.xlsx`` (first sheet).

    Raises:
        ImportFailed: The file is empty, has no data rows, or lacks a required column (line 1).
        ValueError: The file is neither ``.csv`` nor ``.xlsx``.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = _read_csv(path)
    elif suffix == ".xlsx":
        raw = _read_xlsx(path)
    else:
        shown = suffix or "no extension"
        raise ValueError(f"Actions can be imported from a .csv or .xlsx file, not {shown} ({path.name}).")
    if not raw or _blank(raw[0]):
        raise ImportFailed([RowError(1, "", "the file is empty: the first row must name the columns")])
    columns = _match_header(raw[0])
    rows = [
        (line, {key: cells[index] if index < len(cells) else None for key, index in columns.items()})
        for line, cells in enumerate(raw[1:], start=2)
        if not _blank(cells)
    ]
    if not rows:
        raise ImportFailed([RowError(1, "", "there are no actions below the header row")])
    return Table(rows)


def _read_csv(path: Path) -> list[tuple[object, ...]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's plain "CSV" on Windows
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _read_xlsx(path: Path) -> list[tuple[object, ...]]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _blank(cells: tuple[object, ...]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


def _match_header(header: tuple[object, ...]) -> dict[str, int]:
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, name in enumerate(header):
        key = column_key(name)
        if key in COLUMN_NAMES and key in columns:
            errors.append(RowError(1, COLUMN_NAMES[key], f"the column '{COLUMN_NAMES[key]}' appears twice"))
        elif key in COLUMN_NAMES:
            columns[key] = index
    for key in REQUIRED_COLUMNS:
        if key not in columns:
            name = COLUMN_NAMES[key]
            errors.append(RowError(1, name, f"the required column '{name}' is missing"))
    if errors:
        raise ImportFailed(errors)
    return columns


def cell_text(value: object) -> str:
    """A cell as trimmed text (whole numbers without ``.0``, dates as dd/mm/yyyy)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: object) -> date | None:
    """A date from an Excel date cell or text (dd/mm/yyyy, d/m/yy, yyyy-mm-dd); blank is None.

    Raises:
        ValueError: The cell holds something that is not a date.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValueError(value)
        return _EXCEL_EPOCH + timedelta(days=int(value))  # an Excel serial day number
    text = cell_text(value)
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class RowCells:
    """One data row: its cells by column key, and the problems found in it (first per column)."""

    def __init__(self, line: int, values: dict[str, object]) -> None:
        self.line = line
        self.values = values
        self.errors: list[RowError] = []

    def text(self, key: str) -> str:
        """The cell in column ``key`` as trimmed text ("" if the column is absent)."""
        return cell_text(self.values.get(key))

    def day(self, key: str) -> date | None:
        """The cell in column ``key`` as a date; a bad one is recorded and read as None."""
        try:
            return parse_date(self.values.get(key))
        except ValueError:
            column = COLUMN_NAMES[key]
            self.error(column, f"{column} '{self.text(key)}' is not a date like 21/06/2025 or 2025-06-21")
            return None

    def error(self, column: str, message: str) -> None:
        """Record a problem, unless this column already has one on this row."""
        if not self.has_error(column):
            self.errors.append(RowError(self.line, column, message))

    def has_error(self, column: str) -> bool:
        """Whether a problem was already recorded for ``column`` on this row."""
        return any(error.column == column for error in self.errors)


def _meeting_kinds() -> dict[str, MeetingKind]:
    kinds = {kind.value: kind for kind in MeetingKind}
    kinds.update({label.lower(): kind for kind, label in MEETING_LABELS.items()})
    return kinds


def parse_meeting(cells: RowCells) -> tuple[MeetingKind, date] | None:
    """``"CGB 21/06/2023"`` or ``"Police and Crime Panel 12/03/2024"`` → (kind, date); None if blank."""
    text = cells.text("meeting")
    if not text:
        return None
    words, _, when = text.rpartition(" ")
    kind = _meeting_kinds().get(" ".join(words.lower().split()))
    try:
        held_on = parse_date(when)
    except ValueError:
        held_on = None
    if kind is None or held_on is None:
        cells.error("Meeting", f"meeting '{text}' is not like 'CGB 21/06/2023' or 'Panel 12/03/2024'")
        return None
    return kind, held_on


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _area_kind(text: str) -> AreaKind | None:
    key = _key(text).replace(" ", "_").replace("-", "_")
    for kind in AreaKind:
        if key in (kind.value, _key(AREA_KIND_LABELS.get(kind, "")).replace(" ", "_")):
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
            areas.setdefault(_key(name), []).append((kind, area_id, name))
        return cls({_key(n): i for n, i in orgs}, {_key(n): i for n, i in themes}, areas)

    def owner(self, session: Session, cells: RowCells) -> uuid.UUID | None:
        """The member of staff named (or emailed) in the Owner column."""
        text = cells.text("owner")
        if not text:
            cells.error("Owner", "the Owner is blank: give the name or email of a member of staff")
            return None
        if _key(text) not in self.staff:
            member = find_staff_by_name(session, text)
            self.staff[_key(text)] = member.id if member else None
        if self.staff[_key(text)] is None:
            cells.error("Owner", f"owner '{text}' is not on the staff list")
        return self.staff[_key(text)]

    def assignee(self, cells: RowCells) -> tuple[uuid.UUID | None, str]:
        """The organisation in "Assigned to" and the person (an export's "Org – person" is split)."""
        text, person = cells.text("assignedto"), cells.text("assignedperson")
        if not text:
            return None, person
        if _key(text) in self.organisations:
            return self.organisations[_key(text)], person
        for match in re.finditer(r" [–-] ", text):
            org_id = self.organisations.get(_key(text[: match.start()]))
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
        if _key(text) not in self.areas and qualified:
            name, kind = qualified[1], _area_kind(qualified[2])
        matches = [(k, i, n) for k, i, n in self.areas.get(_key(name), []) if kind is None or k == kind]
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
            theme_id = self.theme_names.get(_key(name))
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
