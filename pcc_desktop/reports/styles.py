"""The house style's page size, colours and paragraph styles, all in the bundled DejaVu fonts."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from pcc_desktop.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts

PAGE_SIZE = A4
LEFT_MARGIN = RIGHT_MARGIN = 20 * mm
TOP_MARGIN = 22 * mm
BOTTOM_MARGIN = 24 * mm
FRAME_WIDTH = PAGE_SIZE[0] - LEFT_MARGIN - RIGHT_MARGIN

NAVY = colors.HexColor("#1F3864")
RULE = colors.HexColor("#8EA0C0")
HEADER_FILL = colors.HexColor("#1F3864")
GROUP_FILL = colors.HexColor("#DCE3EF")
ZEBRA_FILL = colors.HexColor("#F3F5F9")
LABEL_FILL = colors.HexColor("#E8ECF3")
GREY = colors.HexColor("#555555")
BAR = colors.HexColor("#2E5597")

NUMBER_INDENT = 9 * mm  # room for "44." before a numbered paragraph
POINT_INDENT = 9 * mm  # and again for "(a)" before a sub-point


def markup(text: str) -> str:
    """Plain text made safe for ReportLab's paragraph markup (``&``, ``<``, ``>``; new lines kept)."""
    return escape(text).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a Panel report."""

    masthead: ParagraphStyle
    masthead_sub: ParagraphStyle
    strapline: ParagraphStyle
    meeting: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    numbered: ParagraphStyle
    point: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_head: ParagraphStyle
    cell_bold: ParagraphStyle
    end: ParagraphStyle


def make_styles() -> Styles:
    """Build the styles (registering the fonts first)."""
    register_fonts()
    # No widows or orphans: a paragraph never leaves one line alone at a page's top or bottom.
    body = ParagraphStyle(
        "Body",
        fontName=REGULAR,
        fontSize=10.5,
        leading=14.5,
        spaceAfter=6,
        allowWidows=0,
        allowOrphans=0,
        textColor=colors.black,
    )
    heading = ParagraphStyle(
        "Heading",
        parent=body,
        fontName=BOLD,
        fontSize=13,
        leading=17,
        spaceBefore=10,
        spaceAfter=6,
        textColor=NAVY,
    )
    cell = ParagraphStyle("Cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0)
    return Styles(
        masthead=ParagraphStyle(
            "Masthead", parent=body, fontName=BOLD, fontSize=20, leading=23, textColor=NAVY
        ),
        masthead_sub=ParagraphStyle("MastheadSub", parent=body, fontSize=11, leading=14, textColor=NAVY),
        strapline=ParagraphStyle(
            "Strapline", parent=body, fontName=ITALIC, fontSize=10, alignment=TA_RIGHT, textColor=NAVY
        ),
        meeting=ParagraphStyle("Meeting", parent=body, fontName=BOLD, fontSize=12, leading=16, spaceAfter=2),
        title=ParagraphStyle(
            "Title", parent=body, fontName=BOLD, fontSize=18, leading=22, spaceBefore=10, spaceAfter=10
        ),
        heading=heading,
        subheading=ParagraphStyle("Subheading", parent=heading, fontSize=11, leading=15, spaceBefore=6),
        body=body,
        numbered=ParagraphStyle(
            "Numbered", parent=body, leftIndent=NUMBER_INDENT, bulletIndent=0, bulletFontName=REGULAR
        ),
        point=ParagraphStyle(
            "Point",
            parent=body,
            leftIndent=NUMBER_INDENT + POINT_INDENT,
            bulletIndent=NUMBER_INDENT,
            bulletFontName=REGULAR,
            spaceAfter=3,
        ),
        note=ParagraphStyle("Note", parent=body, fontName=ITALIC, fontSize=9, leading=12, textColor=GREY),
        caption=ParagraphStyle(
            "Caption", parent=body, fontName=BOLD, fontSize=10, spaceBefore=4, spaceAfter=4
        ),
        cell=cell,
        cell_right=ParagraphStyle("CellRight", parent=cell, alignment=TA_RIGHT),
        cell_centre=ParagraphStyle("CellCentre", parent=cell, alignment=TA_CENTER),
        cell_head=ParagraphStyle("CellHead", parent=cell, fontName=BOLD, textColor=colors.white),
        cell_bold=ParagraphStyle("CellBold", parent=cell, fontName=BOLD, alignment=TA_LEFT),
        end=ParagraphStyle("End", parent=body, alignment=TA_CENTER, spaceBefore=18),
    )
