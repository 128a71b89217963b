"""Render a :class:`~pcc_desktop.reports.document.PanelReport` as a PDF in the OPCC 2024 house style.

The chrome follows the client's own Panel papers (domain.md §5.1; seeds 000, 002, 003): the
masthead "POLICE & CRIME COMMISSIONER / For Leicester, Leicestershire & Rutland" with the strapline,
the meeting and its date, the title, the Report Date / Report Author / Security Classification table,
Purpose of Report, Request of the Panel and Summary, paragraphs numbered 1, 2, 3… through the whole
document, and "End of Report" at the close. Every page carries the protective marking in its header
and its footer, and "Page N of M".

The output is deterministic (ReportLab's invariant mode): the same report gives the same bytes.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pcc_desktop.reports.acronyms import expand_acronyms
from pcc_desktop.reports.charts import bar_chart
from pcc_desktop.reports.document import (
    ChartBlock,
    Note,
    PanelReport,
    Para,
    Section,
    TableBlock,
    letter,
    long_date,
    number_word,
)
from pcc_desktop.reports.flowables import KeepStart, keep_with
from pcc_desktop.reports.fonts import BOLD, REGULAR
from pcc_desktop.reports.styles import (
    BOTTOM_MARGIN,
    FRAME_WIDTH,
    GREY,
    LABEL_FILL,
    LEFT_MARGIN,
    NAVY,
    PAGE_SIZE,
    RIGHT_MARGIN,
    RULE,
    TOP_MARGIN,
    Styles,
    make_styles,
    markup,
)
from pcc_desktop.reports.tables import caption, table_flowables

MASTHEAD = ("POLICE & CRIME", "COMMISSIONER")
MASTHEAD_PLACE = ("For Leicester,", "Leicestershire & Rutland")
STRAPLINE = "Your Communities - Your Commissioner"
END_OF_REPORT = "End of Report"
CAPTION_ROOM = 12 * mm  # a caption line and the space around it
HEADING_ROOM = 30 * mm  # below a heading, at least this much of what follows or a new page


@dataclass(frozen=True)
class RenderResult:
    """The PDF written: where it is, how many pages it has, and the SHA-256 of its bytes."""

    path: Path
    pages: int
    sha256: str


class _ChromeCanvas(Canvas):
    """A canvas that holds pages back until the end, so each footer can say "Page N of M"."""

    marking = "OFFICIAL"
    running_title = ""
    pdf_date = "D:20000101000000+00'00'"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        # The file's creation date is the report's date, not the moment of printing: the same report
        # gives the same bytes (ReportLab's invariant mode would otherwise say 1 January 2000).
        self.setDateFormatter(lambda *_: self.pdf_date)

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        """Keep the finished page's state; it is drawn in :meth:`save`."""
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Draw the header and footer on every held page, now that the total is known."""
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._draw_chrome(total)
            super().showPage()
        super().save()

    def _draw_chrome(self, total: int) -> None:
        width, height = self._pagesize
        self.saveState()
        self.setFillColor(NAVY)
        self.setFont(BOLD, 10)
        self.drawCentredString(width / 2, height - 12 * mm, self.marking)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(LEFT_MARGIN, height - 14.5 * mm, width - RIGHT_MARGIN, height - 14.5 * mm)
        self.line(LEFT_MARGIN, 18 * mm, width - RIGHT_MARGIN, 18 * mm)
        self.setFillColor(GREY)
        self.setFont(REGULAR, 8)
        self.drawString(LEFT_MARGIN, 13.5 * mm, self.running_title)
        self.drawRightString(width - RIGHT_MARGIN, 13.5 * mm, f"Page {self._pageNumber} of {total}")
        self.setFillColor(NAVY)
        self.setFont(BOLD, 10)
        self.drawCentredString(width / 2, 8 * mm, self.marking)
        self.restoreState()


def _canvas_for(report: PanelReport) -> type[_ChromeCanvas]:
    """A canvas class that prints this report's marking, running title and date."""
    running = report.title if len(report.title) <= 90 else report.title[:89] + "…"
    attributes = {
        "marking": str(report.classification),
        "running_title": running,
        "pdf_date": f"D:{report.report_date:%Y%m%d}000000+00'00'",
    }
    return type("ReportCanvas", (_ChromeCanvas,), attributes)


class _StoryBuilder:
    """Turns the document model into flowables, numbering paragraphs, tables and charts as it goes.

    Headings wait in ``pending`` until the next flowable arrives and are joined to it, so a heading
    (or a run of them) never ends a page.
    """

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.story: list[Flowable] = []
        self.pending: list[Flowable] = []
        self.paragraphs = 0
        self.tables = 0
        self.charts = 0

    def build(self, report: PanelReport) -> list[Flowable]:
        self.story += [*self._masthead(), *self._front(report)]
        self._heading("Purpose of Report")
        for para in report.purpose:
            self._add(self._para(para))
        if report.request is not None:
            self._heading("Request of the Panel")
            self._add(self._para(report.request))
        self._heading("Summary")
        for para in report.summary:
            self._add(self._para(para))
        for section in report.sections:
            self._section(section)
        self._add([])
        self._end()
        return self.story

    def _end(self) -> None:
        """The closing line, kept on the page of the last paragraph so it never stands alone."""
        end = Paragraph(f"----- <b>{END_OF_REPORT}</b> -----", self.styles.end)
        if self.story and isinstance(self.story[-1], Paragraph):
            self.story[-1] = KeepTogether([self.story[-1], end])
        else:
            self.story.append(end)

    def _add(self, flowables: list[Flowable]) -> None:
        self.story += keep_with(self.pending, flowables, HEADING_ROOM)
        self.pending = []

    def _masthead(self) -> list[Flowable]:
        s = self.styles
        left = [Paragraph("<br/>".join(markup(line) for line in MASTHEAD), s.masthead)]
        left.append(Paragraph("<br/>".join(markup(line) for line in MASTHEAD_PLACE), s.masthead_sub))
        table = Table(
            [[left, Paragraph(markup(STRAPLINE), s.strapline)]],
            colWidths=[FRAME_WIDTH * 0.55, FRAME_WIDTH * 0.45],
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (0, 0), "TOP"),
                    ("VALIGN", (1, 0), (1, 0), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        return [table, HRFlowable(width="100%", thickness=1.5, color=NAVY, spaceBefore=4, spaceAfter=10)]

    def _front(self, report: PanelReport) -> list[Flowable]:
        s = self.styles
        found: list[Flowable] = [Paragraph(markup(report.meeting), s.meeting)]
        if report.meeting_date is not None:
            found.append(Paragraph(markup(long_date(report.meeting_date)), s.meeting))
        found.append(Paragraph(markup(report.title), s.title))
        rows = (
            ("Report Date", long_date(report.report_date)),
            ("Report Author", report.author),
            ("Security Classification", str(report.classification)),
        )
        table = Table(
            [[Paragraph(markup(k), s.cell_bold), Paragraph(markup(v), s.cell)] for k, v in rows],
            colWidths=[48 * mm, FRAME_WIDTH - 48 * mm],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                    ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            ),
        )
        return [*found, table, Spacer(1, 6)]

    def _heading(self, text: str, level: int = 1) -> None:
        style = self.styles.heading if level == 1 else self.styles.subheading
        self.pending.append(Paragraph(markup(text), style))

    def _para(self, para: Para) -> list[Flowable]:
        self.paragraphs += 1
        first = Paragraph(markup(para.text), self.styles.numbered, bulletText=f"{self.paragraphs}.")
        points = [
            Paragraph(markup(point), self.styles.point, bulletText=letter(index))
            for index, point in enumerate(para.points)
        ]
        if not points:
            return [first]
        # A lead-in never ends a page without at least its first point.
        return [KeepStart([first, points[0]]), *points[1:]]

    def _section(self, section: Section) -> None:
        self._heading(section.heading, section.level)
        for index, block in enumerate(section.blocks):
            following = section.blocks[index + 1] if index + 1 < len(section.blocks) else None
            if isinstance(block, Para) and isinstance(following, TableBlock | ChartBlock):
                # A paragraph that introduces a table or chart waits, like a heading, to be joined
                # to its start: it never ends a page with what it introduces on the next.
                self.pending += self._para(block)
            elif isinstance(block, Para):
                self._add(self._para(block))
            elif isinstance(block, Note):
                self._add([Paragraph(markup(block.text), self.styles.note)])
            elif isinstance(block, TableBlock):
                self.tables += 1
                self._add(table_flowables(block, self.tables, self.styles))
            else:
                self._add(self._chart(block))

    def _chart(self, block: ChartBlock) -> list[Flowable]:
        self.charts += 1
        title = caption(self.styles, "Chart", self.charts, block.caption)
        if not block.labels:
            note = Paragraph("There are no figures to chart for this period.", self.styles.note)
            return [KeepStart([title, note])]
        figures = TableBlock(
            caption=f"The figures in Chart {number_word(self.charts)} ({block.caption})",
            columns=(block.category_label, block.value_label),
            rows=tuple(
                (label, f"{value:,}") for label, value in zip(block.labels, block.values, strict=True)
            ),
            widths=(3, 1),
        )
        self.tables += 1
        drawing = bar_chart(block, FRAME_WIDTH)
        table = table_flowables(figures, self.tables, self.styles)
        if isinstance(table[0], KeepStart):
            # The figures table follows its chart: both start on one page, the table may run on.
            room = drawing.height + CAPTION_ROOM + table[0].room
            return [KeepStart([title, drawing, Spacer(1, 8), *table[0].content], room=room), *table[1:]]
        return [KeepStart([title, drawing, Spacer(1, 8)]), *table]


def _page_template() -> PageTemplate:
    """One frame filling the text area, with no padding: text, tables and rules share one left edge."""
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        PAGE_SIZE[1] - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    return PageTemplate(id="page", frames=[frame])


def build_story(report: PanelReport) -> list[Flowable]:
    """The flowables of ``report`` as given (``render`` spells acronyms out first)."""
    return _StoryBuilder(make_styles()).build(report)


def render(report: PanelReport, path: Path | str) -> RenderResult:
    """Write ``report`` to ``path`` as a PDF in the house style.

    Acronyms are spelled out on first use, every page is marked with the classification, and the
    fonts are embedded. The file appears only when complete (written beside it, then renamed).

    Args:
        report: The report to print.
        path: Where to write the PDF (its folder is created if needed).

    Returns:
        The path, the page count and the SHA-256 of the file.

    Raises:
        ClassificationError: The report or a section is marked anything but OFFICIAL.
    """
    report.check_publishable()
    report = expand_acronyms(report)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    doc = BaseDocTemplate(
        str(partial),
        pagesize=PAGE_SIZE,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        pageTemplates=[_page_template()],
        title=report.title,
        author=report.author,
        subject=report.meeting_line,
        creator="PCC Desktop",
        invariant=1,
        initialFontName=REGULAR,
        lang="en-GB",
    )
    try:
        doc.build(build_story(report), canvasmaker=_canvas_for(report))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    return RenderResult(path=target, pages=doc.page, sha256=digest)
