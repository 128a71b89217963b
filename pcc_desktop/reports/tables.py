"""House-style tables: a bold caption above, a navy heading row repeated on every page, zebra rows.

Cells are paragraphs, so long text wraps inside its column instead of running off the page, and all
user text is escaped. Figures are right-aligned (detected when the block does not say).
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from pcc_desktop.reports.document import TableBlock, number_word
from pcc_desktop.reports.flowables import KeepStart
from pcc_desktop.reports.fonts import BOLD, REGULAR
from pcc_desktop.reports.styles import (
    FRAME_WIDTH,
    GROUP_FILL,
    HEADER_FILL,
    NAVY,
    RULE,
    ZEBRA_FILL,
    Styles,
    markup,
)

_FIGURE = re.compile(r"^[£$]?-?[\d,]+(\.\d+)?%?$|^[–-]$|^$")
_ALIGNMENTS = {"L": TA_LEFT, "R": TA_RIGHT, "C": TA_CENTER}
# A table no taller than this is kept on one page with its caption; a longer one may start lower
# down and split, its heading row repeated, rather than leave most of a page blank.
TABLE_START = 40 * mm


def _auto_align(block: TableBlock) -> tuple[str, ...]:
    """The alignment of each column: "R" for a column of figures, "L" for anything else."""
    body = [row for index, row in enumerate(block.rows) if index not in block.group_rows]
    return tuple(
        "R" if body and all(_FIGURE.match(row[column].strip()) for row in body) else "L"
        for column in range(len(block.columns))
    )


def _widths(block: TableBlock, width: float) -> list[float]:
    weights = block.widths or tuple(1.0 for _ in block.columns)
    total = sum(weights)
    return [width * w / total for w in weights]


def _style(base: ParagraphStyle, align: str, bold: bool = False) -> ParagraphStyle:
    changes: dict[str, Any] = {"alignment": _ALIGNMENTS[align]}
    if bold:
        changes["fontName"] = BOLD
    return ParagraphStyle(f"{base.name}-{align}{'-b' if bold else ''}", parent=base, **changes)


def caption(styles: Styles, kind: str, number: int, text: str) -> Paragraph:
    """``Table One: text`` in the caption style (kept with what follows it)."""
    return Paragraph(f"{kind} {number_word(number)}: {markup(text)}", styles.caption)


def _table_style(block: TableBlock) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        # Empty cells are drawn as strings in the table's own font: never ReportLab's Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, ZEBRA_FILL]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, NAVY),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for index in sorted(block.group_rows):
        row = index + 1
        commands += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), GROUP_FILL)]
        if index + 1 < len(block.rows):
            # A group's heading row never ends a page without the group's first row.
            commands.append(("NOSPLIT", (0, row), (-1, row + 1)))
    if block.total_row and block.rows:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 1, NAVY))
    return TableStyle(commands)


def _cells(block: TableBlock, styles: Styles) -> list[list[Any]]:
    align = block.align or _auto_align(block)
    plain = [_style(styles.cell, a) for a in align]
    bold = [_style(styles.cell, a, bold=True) for a in align]
    head = [_style(styles.cell_head, a) for a in align]
    data: list[list[Any]] = [[Paragraph(markup(c), s) for c, s in zip(block.columns, head, strict=True)]]
    last = len(block.rows) - 1
    for index, row in enumerate(block.rows):
        if index in block.group_rows:
            data.append([Paragraph(markup(row[0]), styles.cell_bold)] + [""] * (len(block.columns) - 1))
            continue
        chosen = bold if block.total_row and index == last else plain
        data.append([Paragraph(markup(c), s) for c, s in zip(row, chosen, strict=True)])
    return data


def table_flowables(block: TableBlock, number: int, styles: Styles) -> list[Flowable]:
    """The caption and table of ``block`` as "Table ``number``", ready for the story.

    Args:
        block: What the table holds.
        number: Its number in the document (spelled out in the caption).
        styles: The report's styles.

    Returns:
        Flowables to add in order.
    """
    title = caption(styles, "Table", number, block.caption)
    if not block.rows:
        return [KeepStart([title, Paragraph(markup(block.empty_text), styles.note)])]
    table = Table(
        _cells(block, styles),
        colWidths=_widths(block, FRAME_WIDTH),
        repeatRows=1,
        style=_table_style(block),
        hAlign="LEFT",
        spaceAfter=8,
    )
    return [KeepStart([title, table], room=TABLE_START)]
