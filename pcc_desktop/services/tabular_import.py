"""What every CSV/Excel import shares: reading the table, its cells, choices, references and the report.

An import describes its columns with :class:`Columns`, reads the file with :meth:`Columns.read`, checks
every row with :func:`check_rows` (problems are collected in :class:`RowCells`) and writes only if no row
had a problem; otherwise :class:`ImportFailed` lists them all. ``action_import`` and
``engagement_import`` are built this way; the file format is in ``docs/data-formats.md``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.services.clock import format_date
from pcc_desktop.services.references import REFERENCE_PATTERN, claim_reference

E = TypeVar("E", bound=Enum)
P = TypeVar("P")

DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
MAX_ERRORS_SHOWN = 20
_EXCEL_EPOCH = date(1899, 12, 30)
_CHUNK = 500  # references per IN list, well under every database's parameter limit


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


def header_key(header: object) -> str:
    """``"Assigned_to "`` → ``"assignedto"``: headers match ignoring case, spaces and underscores."""
    return re.sub(r"[\s_]+", "", str(header or "")).lower()


def name_key(name: str) -> str:
    """A name as matched against a list: lower case, runs of spaces as one."""
    return " ".join(name.lower().split())


def plain(text: str) -> str:
    """Lower case letters and digits only: ``"Commissioner's programme"`` → ``"commissionersprogramme"``."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


@dataclass(frozen=True)
class Columns:
    """The columns an import knows and what its rows are called in messages.

    Attributes:
        names: Column key (see :func:`header_key`) → the name shown in messages.
        required: Keys of the columns the file must have.
        aliases: Other header spellings, by key → the key they stand for.
        noun: What a row is, plural, for messages ("actions").
    """

    names: Mapping[str, str]
    required: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    noun: str = "rows"

    def key(self, header: object) -> str:
        """The column key a header stands for (known or not)."""
        key = header_key(header)
        return self.aliases.get(key, key)

    def read(self, path: Path) -> list[tuple[int, dict[str, object]]]:
        """The data rows of a ``.csv`` or ``.xlsx`` file: (line number, column key → cell), blanks left out.

        Raises:
            ImportFailed: The file is empty, has no data rows, or lacks a required column (line 1).
            ValueError: The file is neither ``.csv`` nor ``.xlsx``.
        """
        raw = read_cells(path, self.noun)
        if not raw or _blank(raw[0]):
            raise ImportFailed([RowError(1, "", "the file is empty: the first row must name the columns")])
        columns = self._match_header(raw[0])
        rows = [
            (line, {key: cells[index] if index < len(cells) else None for key, index in columns.items()})
            for line, cells in enumerate(raw[1:], start=2)
            if not _blank(cells)
        ]
        if not rows:
            raise ImportFailed([RowError(1, "", f"there are no {self.noun} below the header row")])
        return rows

    def _match_header(self, header: tuple[object, ...]) -> dict[str, int]:
        """Column key → index for the known columns; a repeated or missing required column is an error."""
        columns: dict[str, int] = {}
        errors: list[RowError] = []
        for index, name in enumerate(header):
            key = self.key(name)
            if key in self.names and key in columns:
                errors.append(RowError(1, self.names[key], f"the column '{self.names[key]}' appears twice"))
            elif key in self.names:
                columns[key] = index
        for key in self.required:
            if key not in columns:
                name = self.names[key]
                errors.append(RowError(1, name, f"the required column '{name}' is missing"))
        if errors:
            raise ImportFailed(errors)
        return columns


def read_cells(path: Path, noun: str = "rows") -> list[tuple[object, ...]]:
    """Every row of a ``.csv`` (UTF-8 or Windows text, comma or semicolon) or ``.xlsx`` (first sheet).

    Raises:
        ValueError: The file is neither ``.csv`` nor ``.xlsx``; ``noun`` names what it should hold.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    shown = suffix or "no extension"
    what = noun.capitalize()
    raise ValueError(f"{what} can be imported from a .csv or .xlsx file, not {shown} ({path.name}).")


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
    from openpyxl import load_workbook  # slow to import: only when an Excel file is read

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _blank(cells: tuple[object, ...]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


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


def enum_lookup(
    labels: Mapping[E, str], aliases: Mapping[str, E] | None = None, key: Callable[[str], str] = plain
) -> dict[str, E]:
    """Each member by ``key`` of its label and of its stored value, plus ``aliases`` (already keyed)."""
    known: dict[str, E] = dict(aliases or {})
    for member, label in labels.items():
        known[key(label)] = member
        known[key(str(member.value))] = member
    return known


class RowCells:
    """One data row: its cells by column key, and the problems found in it (first per column)."""

    def __init__(self, line: int, values: dict[str, object], names: Mapping[str, str]) -> None:
        self.line = line
        self.values = values
        self.names = names
        self.errors: list[RowError] = []

    def text(self, key: str) -> str:
        """The cell in column ``key`` as trimmed text ("" if the column is absent)."""
        return cell_text(self.values.get(key))

    def day(self, key: str) -> date | None:
        """The cell in column ``key`` as a date; a bad one is recorded and read as None."""
        try:
            return parse_date(self.values.get(key))
        except ValueError:
            column = self.names[key]
            self.error(column, f"{column} '{self.text(key)}' is not a date like 21/06/2025 or 2025-06-21")
            return None

    def choice(
        self, key: str, labels: Mapping[E, str], default: E, aliases: Mapping[str, E] | None = None
    ) -> E:
        """A value given by its label, stored value or an alias, ignoring case, spaces and punctuation."""
        text = self.text(key)
        if not text:
            return default
        found = enum_lookup(labels, aliases).get(plain(text))
        if found is None:
            column = self.names[key]
            self.error(column, f"{column} '{text}' is not one of: {', '.join(labels.values())}")
            return default
        return found

    def error(self, column: str, message: str) -> None:
        """Record a problem, unless this column already has one on this row."""
        if not self.has_error(column):
            self.errors.append(RowError(self.line, column, message))

    def has_error(self, column: str) -> bool:
        """Whether a problem was already recorded for ``column`` on this row."""
        return any(error.column == column for error in self.errors)


def check_rows(
    rows: Iterable[tuple[int, dict[str, object]]],
    columns: Columns,
    plan_row: Callable[[RowCells], P | None],
    check_plans: Callable[[list[P]], list[RowError]],
) -> list[P]:
    """Check every row, then the good ones together; the plans, or every problem raised at once.

    Args:
        rows: The rows :meth:`Columns.read` returned.
        columns: Their columns (for the names in messages).
        plan_row: Reads one row, recording problems in the cells; None if it cannot be planned.
        check_plans: Rules across rows (a reference used twice), given the rows with no problem.

    Returns:
        One plan per row, in file order.

    Raises:
        ImportFailed: Any row had a problem; ``errors`` are ordered by line and column.
    """
    plans: list[P] = []
    errors: list[RowError] = []
    for line, values in rows:
        cells = RowCells(line, values, columns.names)
        plan = plan_row(cells)
        errors += cells.errors
        if plan is not None and not cells.errors:
            plans.append(plan)
    errors += check_plans(plans)
    if errors:
        raise ImportFailed(sorted(errors, key=lambda e: (e.line, e.column)))
    return plans


def reference_cell(cells: RowCells, prefix: str, example: str) -> str:
    """The Reference column in upper case, "" if blank or not like ``example`` (``ACT-2025-0042``)."""
    reference = cells.text("reference").upper()
    if not reference:
        return ""
    match = REFERENCE_PATTERN.match(reference)
    if match is None or match["prefix"] != prefix or len(match["number"]) != 4:
        cells.error("Reference", f"reference '{reference}' is not like {example}")
        return ""
    return reference


def reference_errors(
    session: Session, column: Any, planned: Iterable[tuple[int, str]], record: str
) -> list[RowError]:
    """References imported must be new to the database (deleted rows included) and once in the file.

    Args:
        session: An open session.
        column: The model's reference column, e.g. ``Action.reference``.
        planned: (line, reference) of each row that will be created; "" for no reference.
        record: The kind of record, with its article, for messages ("an action").

    Returns:
        A problem for every reference already used on an earlier line or in the database.
    """
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    for line, reference in planned:
        if not reference:
            continue
        if reference in first_line:
            message = f"reference {reference} is already used on line {first_line[reference]}"
            errors.append(RowError(line, "Reference", message))
        else:
            first_line[reference] = line
    wanted = list(first_line)
    taken: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        taken.update(session.scalars(select(column).where(column.in_(wanted[start : start + _CHUNK]))))
    for reference in sorted(taken, key=first_line.__getitem__):
        message = f"reference {reference} is already used by {record} in the database"
        errors.append(RowError(first_line[reference], "Reference", message))
    return errors


def claim_references(session: Session, references: Iterable[str]) -> None:
    """Claim every reference given in the file, so the new ones issued are numbered after them."""
    for reference in references:
        if reference:
            claim_reference(session, reference)
