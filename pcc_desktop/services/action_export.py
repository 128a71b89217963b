"""Exporting the action list to CSV or Excel, exactly as filtered and sorted on screen.

The columns are those of :class:`~pcc_desktop.services.action_queries.ActionRow`. CSV is written as
UTF-8 with a byte-order mark so that Excel shows the en dashes and accents correctly, with dates as
dd/mm/yyyy. Excel files hold real date cells formatted DD/MM/YYYY, so they sort and filter as dates.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy.orm import Session

from pcc_desktop.services.action_queries import ActionFilter, ActionRow, ActionSort, list_actions
from pcc_desktop.services.clock import format_date

EXPORT_COLUMNS: tuple[str, ...] = (
    "Reference",
    "Title",
    "Status",
    "Priority",
    "Owner",
    "Assigned to",
    "Area",
    "Themes",
    "Origin",
    "Logged",
    "Due",
    "Working days overdue",
    "Completed",
)

# Excel column widths (characters), in the order of EXPORT_COLUMNS.
_WIDTHS = (15, 50, 18, 10, 22, 40, 26, 36, 44, 12, 12, 12, 12)
_DATE_FORMAT = "DD/MM/YYYY"
EXPORT_SUFFIXES = (".csv", ".xlsx")


def row_values(row: ActionRow) -> list[str | int | date | None]:
    """One action as the values of ``EXPORT_COLUMNS`` (dates left as dates, blanks as None)."""
    return [
        row.reference,
        row.title,
        row.status_label,
        row.priority_label,
        row.owner_name,
        row.assignee,
        row.area_name,
        row.themes,
        row.origin,
        row.logged_on,
        row.due_on,
        row.days_overdue,
        row.completed_on,
    ]


def _writer_for(path: Path) -> Callable[[Path, list[ActionRow]], None]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _write_csv
    if suffix == ".xlsx":
        return _write_xlsx
    shown = suffix or "no extension"
    raise ValueError(f"Actions can be exported to a .csv or .xlsx file, not {shown} ({path.name}).")


def export_actions(session: Session, flt: ActionFilter, sort: ActionSort, path: Path) -> int:
    """Write every action matching ``flt``, sorted by ``sort``, to ``path``.

    Args:
        session: An open session.
        flt: Which actions to export (the list's current filter).
        sort: Their order (the list's current sort).
        path: The file to write; its suffix (``.csv`` or ``.xlsx``) chooses the format.

    Returns:
        How many actions were written.

    Raises:
        ValueError: The suffix is neither ``.csv`` nor ``.xlsx`` (nothing is written).
    """
    write = _writer_for(Path(path))
    rows = list_actions(session, flt, sort, 0, None).rows
    write(Path(path), rows)
    return len(rows)


def _csv_text(value: str | int | date | None) -> str | int:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return value


def _write_csv(path: Path, rows: Iterable[ActionRow]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([_csv_text(value) for value in row_values(row)])


def _xlsx_cells(sheet: WriteOnlyWorksheet, row: ActionRow) -> list[object]:
    cells: list[object] = []
    for value in row_values(row):
        if isinstance(value, date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = _DATE_FORMAT
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def _write_xlsx(path: Path, rows: Iterable[ActionRow]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in EXPORT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(_xlsx_cells(sheet, row))
    book.save(path)
