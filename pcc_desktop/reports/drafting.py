"""Drafting a registered report: its narrative as an editable outline, and printing it with the edits.

The reports import the services and not the other way round, so this module is where a report
meets its draft: it builds the report through :data:`~pcc_desktop.reports.registry.REPORTS`, turns
it into the neutral outline ``services.report_drafts`` stores, applies the stored edits to a freshly
built report (tables and charts always come from the live data), and prints it as a kept record
(``services.report_records``).

Each paragraph has a key made from its section's heading and its place among that section's
paragraphs ("summary/1", "outstanding-actions-by-origin/engagement/1"), not from section numbers:
a report such as the action log has a section per origin only when that origin has actions, and
an index would then point an edit at another section's paragraph.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from pcc_desktop.models import DraftStatus
from pcc_desktop.reports.document import ChartBlock, Note, PanelReport, Para, Section, TableBlock, number_word
from pcc_desktop.reports.registry import REPORTS, ReportSpec
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.report_drafts import (
    DraftDetail,
    DraftSource,
    ItemKind,
    OutlineItem,
    StaleEdit,
    StoredEdit,
    author_line,
    check_period,
    create_draft,
    draft_source,
    open_draft_for,
    replace_outline,
)
from pcc_desktop.services.report_records import ReportRecordDetail, next_output, save_record

FRONT = (("purpose", "Purpose of Report"), ("request", "Request of the Panel"), ("summary", "Summary"))
Location = tuple[str, int, int]  # ("purpose" | "request" | "summary" | "section", index, block index)


@dataclass(frozen=True)
class DraftedReport:
    """A draft rebuilt from the live data with its edits applied.

    Attributes:
        report: The report, ready for ``house_style.render``.
        stale_edits: Edits left out: the report no longer has their paragraphs.
        outdated_edits: Edits applied although their paragraph's generated wording has changed since
            they were written (the figures they quote may be out of date).
    """

    report: PanelReport
    stale_edits: tuple[StaleEdit, ...] = ()
    outdated_edits: tuple[StaleEdit, ...] = ()


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
    return slug or "section"


def section_scopes(sections: tuple[Section, ...]) -> list[str]:
    """Each section's part of its paragraphs' keys: its heading, under its parent's for a sub-heading."""
    used = {name for name, _heading in FRONT}
    scopes, parent = [], ""
    for section in sections:
        scope = _slug(section.heading)
        if section.level == 2 and parent:
            scope = f"{parent}/{scope}"
        candidate, count = scope, 1
        while candidate in used:  # two sections with one heading: the second is "-2"
            count += 1
            candidate = f"{scope}-{count}"
        used.add(candidate)
        scopes.append(candidate)
        if section.level == 1:
            parent = candidate
    return scopes


def _walk(report: PanelReport) -> Iterator[tuple[str, object, str, Location]]:
    """Every heading and block in reading order: (kind, heading text or block, key, location)."""
    front = {"purpose": report.purpose, "request": (report.request,), "summary": report.summary}
    for part, heading in FRONT:
        paras = [p for p in front[part] if p is not None]
        if paras:
            yield "heading", heading, "", (part, 0, 0)
        for index, para in enumerate(paras):
            yield "para", para, f"{part}/{index + 1}", (part, index, 0)
    for s_index, (section, scope) in enumerate(
        zip(report.sections, section_scopes(report.sections), strict=True)
    ):
        yield "heading", section, "", ("section", s_index, 0)
        count = 0
        for b_index, block in enumerate(section.blocks):
            where = ("section", s_index, b_index)
            if isinstance(block, Para):
                count += 1
                yield "para", block, f"{scope}/{count}", where
            else:
                yield "block", block, "", where


def outline_of(report: PanelReport) -> tuple[OutlineItem, ...]:
    """The report as an outline: headings, keyed and numbered paragraphs, captions of the rest."""
    items: list[OutlineItem] = []
    paragraphs = tables = charts = 0
    for kind, thing, key, _where in _walk(report):
        if kind == "heading":
            text, level = (thing.heading, thing.level) if isinstance(thing, Section) else (str(thing), 1)
            items.append(OutlineItem(ItemKind.HEADING, text, level=level))
        elif isinstance(thing, Para):
            paragraphs += 1
            items.append(OutlineItem(ItemKind.PARAGRAPH, thing.text, key, thing.points, number=paragraphs))
        elif isinstance(thing, Note):
            items.append(OutlineItem(ItemKind.NOTE, thing.text))
        elif isinstance(thing, TableBlock):
            tables += 1
            items.append(OutlineItem(ItemKind.TABLE, f"Table {number_word(tables)}: {thing.caption}"))
        elif isinstance(thing, ChartBlock):
            charts += 1
            chart = f"Chart {number_word(charts)}"
            items.append(OutlineItem(ItemKind.CHART, f"{chart}: {thing.caption}"))
            if thing.labels:  # the renderer prints the chart's figures as a table after it
                tables += 1
                caption = f"Table {number_word(tables)}: The figures in {chart} ({thing.caption})"
                items.append(OutlineItem(ItemKind.TABLE, caption))
    return tuple(items)


def apply_edits(report: PanelReport, edits: Mapping[str, StoredEdit]) -> DraftedReport:
    """``report`` with each edited paragraph's wording put in its place, by key."""
    purpose, summary, request = list(report.purpose), list(report.summary), report.request
    blocks = [list(section.blocks) for section in report.sections]
    found, outdated = set(), []
    for kind, para, key, (part, index, b_index) in _walk(report):
        edit = edits.get(key)
        if kind != "para" or edit is None or not isinstance(para, Para):
            continue
        found.add(key)
        if (para.text, para.points) != (edit.based_on_text, edit.based_on_points):
            outdated.append(StaleEdit(key, edit.text, edit.points))
        new = replace(para, text=edit.text, points=edit.points)
        if part == "purpose":
            purpose[index] = new
        elif part == "summary":
            summary[index] = new
        elif part == "request":
            request = new
        else:
            blocks[index][b_index] = new
    sections = tuple(replace(s, blocks=tuple(b)) for s, b in zip(report.sections, blocks, strict=True))
    edited = replace(
        report, purpose=tuple(purpose), request=request, summary=tuple(summary), sections=sections
    )
    stale = tuple(StaleEdit(key, e.text, e.points) for key, e in edits.items() if key not in found)
    return DraftedReport(edited, stale, tuple(outdated))


# --- drafts and records through the services -----------------------------------------------------


def _spec(name: str) -> ReportSpec:
    if name not in REPORTS:
        known = ", ".join(sorted(REPORTS))
        raise ValidationError.single("report", f"There is no report called '{name}'; choose one of {known}.")
    return REPORTS[name]


def _build(session: Session, name: str, date_from: date, date_to: date, author: str) -> PanelReport:
    spec = _spec(name)
    check_period(date_from, date_to)
    return spec.build(session, date_from, date_to, author)


def start_draft(
    session: Session, actor_id: uuid.UUID, name: str, date_from: date, date_to: date
) -> DraftDetail:
    """Generate report ``name`` for the period and keep it as a new draft by ``actor_id``.

    Raises:
        ValidationError: No report has that name (``report``), or the period is backwards
            (``date_to``).
    """
    report = _build(session, name, date_from, date_to, author_line(session, actor_id))
    return create_draft(session, actor_id, name, report.title, date_from, date_to, outline_of(report))


def refresh_draft(
    session: Session, actor_id: uuid.UUID, draft_id: uuid.UUID, reopen: bool = False
) -> DraftDetail:
    """Generate a draft's report again from the live data, keeping its edits.

    Args:
        session: An open session.
        actor_id: Who asked.
        draft_id: The draft.
        reopen: Reopen a produced draft, for a new version.

    Raises:
        NotFoundError: The draft does not exist.
        ValidationError: The draft has been produced and ``reopen`` is False.
    """
    source = draft_source(session, draft_id)
    report = _build(session, source.name, source.date_from, source.date_to, source.author)
    return replace_outline(session, actor_id, draft_id, outline_of(report), reopen)


def reopen_draft(session: Session, actor_id: uuid.UUID, draft_id: uuid.UUID) -> DraftDetail:
    """Open a produced draft for editing again, regenerated, so a new version can be printed."""
    return refresh_draft(session, actor_id, draft_id, reopen=True)


def generate_draft(
    session: Session, actor_id: uuid.UUID, name: str, date_from: date, date_to: date
) -> DraftDetail:
    """The draft of report ``name`` for the period: the open one regenerated, or a new one."""
    existing = open_draft_for(session, name, date_from, date_to)
    if existing is not None:
        return refresh_draft(session, actor_id, existing)
    return start_draft(session, actor_id, name, date_from, date_to)


def _drafted(session: Session, source: DraftSource) -> DraftedReport:
    report = _build(session, source.name, source.date_from, source.date_to, source.author)
    return apply_edits(report, source.edits)


def draft_report(session: Session, draft_id: uuid.UUID) -> DraftedReport:
    """A draft's report rebuilt from the live data with its edits applied.

    Edits whose paragraphs the report no longer has are listed in ``stale_edits``, not applied.

    Raises:
        NotFoundError: The draft does not exist.
    """
    return _drafted(session, draft_source(session, draft_id))


def produce(
    session: Session, actor_id: uuid.UUID, draft_id: uuid.UUID, folder: Path | str | None = None
) -> ReportRecordDetail:
    """Print a draft to PDF as its report's next version and keep the record; the draft closes.

    Args:
        session: An open session.
        actor_id: Who printed it.
        draft_id: The draft.
        folder: Where to write the PDF (None: the "reports" folder in the user's data folder).

    Returns:
        The record, with the edits left out or printed over changed wording.

    Raises:
        NotFoundError: The draft does not exist.
        ValidationError: The draft has already been produced (reopen it first).
    """
    from pcc_desktop.reports.house_style import render  # ReportLab loads only when printing

    source = draft_source(session, draft_id)
    if source.status != DraftStatus.DRAFT:
        raise ValidationError.single(
            "status", "This draft has already been produced; reopen it to make a new version."
        )
    drafted = _drafted(session, source)
    version, path = next_output(session, source.name, source.date_from, source.date_to, folder)
    printed = render(drafted.report, path)
    try:
        record = save_record(
            session,
            actor_id,
            draft_id,
            version,
            (drafted.report.title, printed.path, printed.pages, printed.sha256),
        )
    except Exception:
        printed.path.unlink(missing_ok=True)  # no record, no file: a retry starts clean
        raise
    return replace(record, stale_edits=drafted.stale_edits, outdated_edits=drafted.outdated_edits)
