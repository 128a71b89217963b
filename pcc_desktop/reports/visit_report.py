"""The record of one visit for the file: a custody visit or a Dog Unit (Animal Welfare Scheme) visit.

``build_custody`` and ``build_dog_unit`` turn a submitted or reviewed report into a
:class:`~pcc_desktop.reports.document.PanelReport` in the house style; ``produce_visit`` renders one.
A draft is refused: only what the visitors have submitted goes on file.

A custody record names no detainee (domain.md §6.2): the people spoken to are numbered in the order
they were seen, and any note that looks like a name or a custody number (the service's own
``name_warnings``) is withheld from the print. Everything printed comes from the visit services.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from pcc_desktop.models import CheckResult, CustodyVisit, VisitMode
from pcc_desktop.reports.document import (
    Block,
    Note,
    PanelReport,
    Para,
    Section,
    TableBlock,
    long_date,
    plural,
)
from pcc_desktop.reports.dog_unit_visit_report import build_dog_unit
from pcc_desktop.reports.visit_record import (
    RESULT_LABELS,
    RaisedActionLine,
    actions_section,
    as_filed,
    clock_time,
    custody_visit_actions,
    details_table,
    duration,
    record_report,
    refuse_draft,
    review_rows,
    review_section,
    reviewer_name,
    text_paras,
    visitors_text,
    yes_no,
)
from pcc_desktop.services.custody_details import ConversationDetail, VisitDetail
from pcc_desktop.services.custody_visit_rules import name_warnings
from pcc_desktop.services.custody_visits import get_visit
from pcc_desktop.services.errors import ValidationError

if TYPE_CHECKING:
    from pcc_desktop.reports.house_style import RenderResult

__all__ = ["KINDS", "build_custody", "build_dog_unit", "produce_visit"]

SCHEME = "Independent Custody Visiting Scheme"
WITHHELD = "[Withheld: may identify someone. See the report on screen.]"
MODE_LABELS = {
    VisitMode.IN_PERSON: "In person",
    VisitMode.TELEPHONE: "By telephone",
    VisitMode.VIDEO: "By video",
}
SHORT_RESULTS = {CheckResult.NOT_APPLICABLE: "N/A"}  # the welfare grid's columns are narrow
DETAINEES_PER_TABLE = 6  # welfare answers: one column per detainee, as many as fit the page's width


@dataclass(frozen=True)
class CustodyRecord:
    """What a custody visit record prints: the report, its reviewer and the actions it raised."""

    visit: VisitDetail
    reviewer: str
    actions: tuple[RaisedActionLine, ...]
    withheld_actions: int


def build_custody(session: Session, visit_id: uuid.UUID, author: str) -> PanelReport:
    """The file record of one submitted or reviewed custody visit report.

    Args:
        session: An open session.
        visit_id: The visit report's id.
        author: "Name, job title" for the metadata table.

    Raises:
        NotFoundError: There is no such report.
        ValidationError: The report is still a draft.
    """
    visit = get_visit(session, visit_id)
    refuse_draft(visit.status, visit.reference)
    # The visit detail does not carry the reviewer, so the report row is read for that one id.
    row = session.get_one(CustodyVisit, visit_id)
    actions, withheld = custody_visit_actions(session, visit.reference)
    return custody_record(
        CustodyRecord(visit, reviewer_name(session, row.reviewed_by_id), actions, withheld), author
    )


KINDS: dict[str, Callable[[Session, uuid.UUID, str], PanelReport]] = {
    "custody": build_custody,
    "dog-unit": build_dog_unit,
}


def produce_visit(
    session: Session, kind: str, visit_id: uuid.UUID, author: str, path: Path | str
) -> RenderResult:
    """Build the record of one visit and render it to ``path``.

    Args:
        session: An open session.
        kind: ``"custody"`` or ``"dog-unit"``.
        visit_id: The visit report's id.
        author: "Name, job title" for the metadata table.
        path: Where to write the PDF.

    Returns:
        The path, page count and SHA-256 of the PDF.

    Raises:
        ValidationError: The kind is unknown or the report is a draft.
        NotFoundError: There is no such report.
    """
    from pcc_desktop.reports.house_style import render  # ReportLab loads only when printing

    if kind not in KINDS:
        known = " or ".join(f"'{k}'" for k in KINDS)
        raise ValidationError.single("kind", f"There is no visit record of kind '{kind}'; choose {known}.")
    return render(KINDS[kind](session, visit_id, author), path)


def safe(text: str) -> str:
    """``text`` unless it looks like it names someone or gives a custody number."""
    return WITHHELD if name_warnings(text) else text.strip()


def custody_record(record: CustodyRecord, author: str) -> PanelReport:
    """The record for already gathered data (split from :func:`build_custody` for tests)."""
    visit = record.visit
    purpose = (
        Para(
            f"This is the record of custody visit {visit.reference}: a visit to {visit.suite_name} custody "
            f"suite on {long_date(visit.visited_on)} by {_visitor_count(visit)}, {as_filed(visit.status)}. "
            "It is kept on the ICV scheme's file."
        ),
        Para(
            "No detainee is identified. The people spoken to are numbered in the order they were seen, "
            "and any note that looks like a name or a custody number is withheld from this print."
        ),
    )
    sections = (
        Section("Visit Details", (details_table(_details(record)),)),
        Section("Findings"),
        _population(visit),
        _detainees(visit),
        *_welfare(visit),
        _requests(visit),
        _conditions(visit),
        _serious(visit),
        Section("Observations", text_paras(safe(visit.observations)) if visit.observations.strip() else ()),
        review_section(visit.status, safe(visit.review_notes) if visit.review_notes.strip() else ""),
        actions_section(record.actions, record.withheld_actions),
    )
    sections = tuple(s if s.blocks or s.heading == "Findings" else _none(s) for s in sections)
    return record_report(
        f"Custody Visit Record {visit.reference}",
        SCHEME,
        author,
        purpose,
        (Para(_summary(record)),),
        sections,
    )


def _visitor_count(visit: VisitDetail) -> str:
    return plural(len(visit.visitors), "independent custody visitor")


def _none(section: Section) -> Section:
    return Section(section.heading, (Para("None recorded."),), level=section.level)


def _details(record: CustodyRecord) -> list[tuple[str, str]]:
    visit = record.visit
    times = (
        f"Arrived {clock_time(visit.arrived_at)}, admitted {clock_time(visit.admitted_at)}, left "
        f"{clock_time(visit.departed_at)}"
    )
    if visit.duration_minutes:
        times += f" ({duration(visit.duration_minutes)})"
    rows = [
        ("Reference", visit.reference),
        ("Custody suite", visit.suite_name),
        ("Date", long_date(visit.visited_on)),
        ("Times", times),
        ("How the visit was made", MODE_LABELS[visit.mode]),
        ("Visitors", visitors_text(visit.visitors)),
        ("Escorted by", visit.escorted_by_rank or "Not recorded"),
    ]
    if visit.delay_reason:
        delay = safe(visit.delay_reason)
        by = f" (authorised by the {visit.delay_authorised_rank})" if visit.delay_authorised_rank else ""
        rows.append(("Delay before admission", f"{delay}{by}"))
    rows.append(("Terrorism Act detainees held", yes_no(visit.terrorism_detention)))
    return rows + review_rows(visit.status, visit.submitted_on, visit.reviewed_on, record.reviewer)


def _request_counts(visit: VisitDetail) -> tuple[int, int, int]:
    requests = [r for c in visit.conversations for r in c.requests]
    raised = sum(1 for r in requests if r.raised_with_sergeant)
    return len(requests), raised, sum(1 for r in requests if r.resolved_during_visit)


def _summary(record: CustodyRecord) -> str:
    visit = record.visit
    total, raised, resolved = _request_counts(visit)
    people = plural(visit.in_custody, "person", "people")
    text = (
        f"At the time of the visit {people} {'was' if visit.in_custody == 1 else 'were'} in custody; "
        f"{visit.offered:,} {'was' if visit.offered == 1 else 'were'} offered a visit, {visit.seen:,} "
        f"seen and {visit.declined:,} declined. "
    )
    if total:
        text += (
            f"Detainees made {plural(total, 'request')}: {raised:,} raised with the custody sergeant and "
            f"{resolved:,} resolved during the visit. "
        )
    text += (
        "The visitors recorded a serious issue. "
        if visit.serious_issue
        else "No serious issue was recorded. "
    )
    if record.actions:
        text += f"The review raised {plural(len(record.actions), 'action')}."
    return text.strip()


def _population(visit: VisitDetail) -> Section:
    rows = [
        ("In custody at the time of the visit", f"{visit.in_custody:,}"),
        ("Offered a visit", f"{visit.offered:,}"),
        ("Seen", f"{visit.seen:,}"),
        ("Declined", f"{visit.declined:,}"),
        ("Offered but not seen", f"{visit.not_seen:,}"),
    ]
    blocks: list[Block] = [
        TableBlock(
            caption="People in custody", columns=("Detainees", "Number"), rows=tuple(rows), widths=(4, 1)
        )
    ]
    if visit.not_seen and visit.not_seen_reason:
        blocks.append(Note(f"Not seen because: {safe(visit.not_seen_reason)}"))
    return Section("People in Custody", tuple(blocks), level=2)


def _label(row: ConversationDetail) -> str:
    return f"No. {row.position}"


def _detainees(visit: VisitDetail) -> Section:
    if not visit.conversations:
        return Section("Detainees Spoken To", (Para("No detainee was spoken to on this visit."),), level=2)
    rows = tuple(
        (_label(c), yes_no(c.juvenile), yes_no(c.vulnerable), yes_no(c.consent_to_talk),
         yes_no(c.consent_to_view_record), f"{len(c.requests):,}", safe(c.notes) if c.notes.strip() else "–")
        for c in visit.conversations
    )  # fmt: skip
    table = TableBlock(
        caption="Detainees spoken to, by number",
        columns=(
            "Detainee",
            "Juvenile",
            "Vulnerable",
            "Consent to talk",
            "Consent to see record",
            "Requests",
            "Notes",
        ),
        rows=rows,
        widths=(20, 20, 24, 20, 22, 22, 42),
        align=("L", "C", "C", "C", "C", "R", "L"),
    )
    return Section("Detainees Spoken To", (table,), level=2)


def _welfare(visit: VisitDetail) -> list[Section]:
    talks = [c for c in visit.conversations if c.welfare]
    if not talks:
        return []
    items = list(dict.fromkeys(a.text for c in talks for a in c.welfare))
    blocks: list[Block] = [
        Para(
            "Each detainee's rights and welfare were checked with their consent. The columns are the "
            "detainees by number."
        )
    ]
    for start in range(0, len(talks), DETAINEES_PER_TABLE):
        chunk = talks[start : start + DETAINEES_PER_TABLE]
        answers = [
            {a.text: SHORT_RESULTS.get(a.result, RESULT_LABELS[a.result]) for a in c.welfare} for c in chunk
        ]
        column = 100 / max(len(chunk), 4)
        blocks.append(
            TableBlock(
                caption="Rights and welfare checks" + (" (continued)" if start else ""),
                columns=("Check", *(_label(c) for c in chunk)),
                rows=tuple((item, *(a.get(item, "–") for a in answers)) for item in items),
                widths=(170 - column * len(chunk), *([column] * len(chunk))),
                align=("L", *("C" for _ in chunk)),
            )
        )
    return [Section("Rights and Welfare", tuple(blocks), level=2)]


def _requests(visit: VisitDetail) -> Section:
    by_category: dict[str, list[tuple[str, ...]]] = {}
    for talk in visit.conversations:
        for r in talk.requests:
            note = safe(r.notes) if r.notes.strip() else "–"
            row = (_label(talk), yes_no(r.raised_with_sergeant), yes_no(r.resolved_during_visit), note)
            by_category.setdefault(r.category, []).append(row)
    if not by_category:
        return Section("Requests", (Para("Detainees made no requests on this visit."),), level=2)
    rows: list[tuple[str, ...]] = []
    groups = set()
    for category in sorted(by_category, key=lambda c: (-len(by_category[c]), c)):
        groups.add(len(rows))
        rows.append((f"{category} ({len(by_category[category]):,})",))
        rows += by_category[category]
    table = TableBlock(
        caption="Requests by category",
        columns=("Detainee", "Raised with the custody sergeant", "Resolved during the visit", "Note"),
        rows=tuple(rows),
        widths=(20, 30, 30, 90),
        align=("L", "C", "C", "L"),
        group_rows=frozenset(groups),
    )
    return Section("Requests", (table,), level=2)


def _conditions(visit: VisitDetail) -> Section:
    if not visit.conditions:
        return Section(
            "Conditions and Facilities", (Para("The conditions checklist was not completed."),), level=2
        )
    rows = tuple(
        (a.text, RESULT_LABELS[a.result], safe(a.note) if a.note.strip() else "–") for a in visit.conditions
    )
    table = TableBlock(
        caption="Conditions and facilities checklist",
        columns=("Check", "Result", "Note"),
        rows=rows,
        widths=(80, 25, 65),
        align=("L", "C", "L"),
    )
    return Section("Conditions and Facilities", (table,), level=2)


def _serious(visit: VisitDetail) -> Section:
    if not visit.serious_issue:
        return Section("Serious Issue", (Para("The visitors recorded no serious issue."),))
    notes = visit.serious_issue_notes.strip()
    blocks = (Para("The visitors recorded a serious issue."), *(text_paras(safe(notes)) if notes else ()))
    return Section("Serious Issue", blocks)
