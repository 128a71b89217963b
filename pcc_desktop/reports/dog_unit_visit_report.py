"""The file record of one Dog Unit visit (Animal Welfare Scheme), in the house style.

The visitors check the conditions in which the dogs are housed, trained and transported, and observe
training (001:1177). The record prints the areas seen with each area's checklist, every dog seen
against the five welfare needs of the Animal Welfare Act 2006 with the visitors' notes, the training
observed, enrichment, any serious issue and its escalation, the observations, the review and the
actions raised. Everything comes from :func:`pcc_desktop.services.aws_visits.get_visit`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from pcc_desktop.models import AwsVisit, ChecklistArea, VisitBasis, WelfareRating
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
from pcc_desktop.reports.visit_record import (
    RESULT_LABELS,
    RaisedActionLine,
    actions_section,
    as_filed,
    clock_time,
    details_table,
    duration,
    record_report,
    refuse_draft,
    review_rows,
    review_section,
    reviewer_name,
    shown_actions,
    text_paras,
    visitors_text,
    yes_no,
)
from pcc_desktop.services.aws_choices import dog_label
from pcc_desktop.services.aws_details import AREA_FLAGS, WELFARE_NEEDS, AwsVisitDetail
from pcc_desktop.services.aws_visits import get_visit
from pcc_desktop.services.clock import local_time

SCHEME = "Animal Welfare Scheme"
AREA_TITLES = {
    ChecklistArea.AWS_KENNELS: "Kennels",
    ChecklistArea.AWS_TRAINING: "Training",
    ChecklistArea.AWS_VEHICLES: "Vehicles",
    ChecklistArea.AWS_HOME_KENNELS: "Home kennels",
}
BASIS_LABELS = {
    VisitBasis.UNANNOUNCED: "Unannounced",
    VisitBasis.ARRANGED: "Arranged in advance",
    VisitBasis.POLICE_REQUESTED: "At the request of the police",
}
RATING_LABELS = {
    WelfareRating.NOT_ASSESSED: "Not assessed",
    WelfareRating.MET: "Met",
    WelfareRating.CONCERN: "Concern",
}
NEED_TITLES = ("Environment", "Diet", "Behaviour", "Companionship", "Health")


@dataclass(frozen=True)
class DogUnitRecord:
    """What a Dog Unit visit record prints: the report, its reviewer and the actions it raised."""

    visit: AwsVisitDetail
    reviewer: str
    actions: tuple[RaisedActionLine, ...]
    withheld_actions: int


def build_dog_unit(session: Session, visit_id: uuid.UUID, author: str) -> PanelReport:
    """The file record of one submitted or reviewed Dog Unit visit report.

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
    row = session.get_one(AwsVisit, visit_id)
    # The record prints reference, title, due date and status; the visit's own origin needs no label.
    lines = tuple(
        (a.id, RaisedActionLine(a.reference, a.title, "", a.status, visit.visited_on, a.due_on))
        for a in visit.actions
    )
    actions, withheld = shown_actions(session, lines)
    return dog_unit_record(
        DogUnitRecord(visit, reviewer_name(session, row.reviewed_by_id), actions, withheld), author
    )


def dog_unit_record(record: DogUnitRecord, author: str) -> PanelReport:
    """The record for already gathered data (split from :func:`build_dog_unit` for tests)."""
    visit = record.visit
    purpose = (
        Para(
            f"This is the record of Dog Unit visit {visit.reference}: a visit to {visit.site_name} on "
            f"{long_date(visit.visited_on)} by {plural(len(visit.visitors), 'AWS visitor')}, "
            f"{as_filed(visit.status)}. It is kept on the scheme's file."
        ),
        Para(
            "The visitors check the conditions in which the dogs are housed, trained and transported, "
            "observe training, and rate each dog seen against the five welfare needs: a suitable "
            "environment, a suitable diet, normal behaviour, companionship, and protection from pain, "
            "injury and disease."
        ),
    )
    sections = (
        Section("Visit Details", (details_table(_details(record)),)),
        Section("Findings"),
        _checklists(visit),
        _dogs(visit),
        Section("Training Observed", _training(visit), level=2),
        Section("Enrichment", text_paras(visit.enrichment), level=2),
        _serious(visit),
        Section("Observations", text_paras(visit.observations)),
        review_section(visit.status, visit.review_notes),
        actions_section(record.actions, record.withheld_actions),
    )
    return record_report(
        f"Dog Unit Visit Record {visit.reference}",
        SCHEME,
        author,
        purpose,
        (Para(_summary(record)),),
        sections,
    )


def _areas(visit: AwsVisitDetail) -> str:
    """``Kennels, training and vehicles`` (``None recorded``)."""
    seen = [AREA_TITLES[a].lower() for a in visit.areas_seen()]
    if not seen:
        return "None recorded"
    text = ", ".join(seen[:-1]) + f" and {seen[-1]}" if len(seen) > 1 else seen[0]
    return text[0].upper() + text[1:]


def _details(record: DogUnitRecord) -> list[tuple[str, str]]:
    visit = record.visit
    times = f"Arrived {clock_time(visit.arrived_at)}, left {clock_time(visit.departed_at)}"
    if visit.duration_minutes:
        times += f" ({duration(visit.duration_minutes)})"
    rows = [
        ("Reference", visit.reference),
        ("Site", visit.site_name),
        ("Date", long_date(visit.visited_on)),
        ("Times", times),
        ("How the visit came about", BASIS_LABELS[visit.basis]),
        ("Visitors", visitors_text(visit.visitors)),
        ("Briefing given on arrival", yes_no(visit.brief_given)),
        ("Areas seen", _areas(visit)),
    ]
    return rows + review_rows(visit.status, visit.submitted_on, visit.reviewed_on, record.reviewer)


def _summary(record: DogUnitRecord) -> str:
    visit = record.visit
    concerns = [d for d in visit.dogs if d.concerns()]
    areas = _areas(visit).lower() if visit.areas_seen() else "no area recorded"
    dogs = plural(len(visit.dogs), "dog")
    text = f"Areas seen: {areas}. The visitors rated {dogs} against the five welfare needs"
    if visit.dogs and concerns:
        text += f"; {plural(len(concerns), 'dog')} had a need rated a concern. "
    elif visit.dogs:
        text += "; every need they assessed was met. "
    else:
        text += ". "
    text += "Training was observed. " if visit.training_observed else "Training was not observed. "
    text += (
        "The visitors recorded a serious issue. "
        if visit.serious_issue
        else "No serious issue was recorded. "
    )
    if record.actions:
        text += f"The review raised {plural(len(record.actions), 'action')}."
    return text.strip()


def _checklists(visit: AwsVisitDetail) -> Section:
    rows: list[tuple[str, ...]] = []
    groups = set()
    for area in visit.areas_seen():
        answers = visit.checks.get(area, ())
        groups.add(len(rows))
        rows.append((AREA_TITLES[area],))
        rows += [(a.text, RESULT_LABELS[a.result], a.note or "–") for a in answers]
        if not answers:
            rows.append(("No checks were recorded for this area.", "–", "–"))
    blocks: list[Block] = [
        TableBlock(
            caption="Checklist by area",
            columns=("Check", "Result", "Note"),
            rows=tuple(rows),
            widths=(80, 25, 65),
            align=("L", "C", "L"),
            group_rows=frozenset(groups),
            empty_text="No area was recorded as seen on this visit.",
        )
    ]
    unseen = [AREA_TITLES[a].lower() for a in AREA_FLAGS if a not in visit.areas_seen()]
    if unseen:
        blocks.append(Note(f"Not seen on this visit: {', '.join(unseen)}."))
    return Section("Areas Seen", tuple(blocks), level=2)


def _dogs(visit: AwsVisitDetail) -> Section:
    if not visit.dogs:
        return Section("The Dogs", (Para("No dog was rated on this visit."),), level=2)
    ratings = TableBlock(
        caption="Each dog's five welfare needs",
        columns=("Dog", *NEED_TITLES),
        rows=tuple(
            (dog_label(d.dog_name, d.collar_number), *(RATING_LABELS[getattr(d, n)] for n in WELFARE_NEEDS))
            for d in visit.dogs
        ),
        widths=(38, 27, 24, 24, 32, 25),
        align=("L", "C", "C", "C", "C", "C"),
    )
    notes = TableBlock(
        caption="The visitors' notes on each dog",
        columns=("Dog", "Notes"),
        rows=tuple(
            (dog_label(d.dog_name, d.collar_number), d.condition_notes.strip())
            for d in visit.dogs
            if d.condition_notes.strip()
        ),
        widths=(50, 120),
        align=("L", "L"),
        empty_text="The visitors wrote no notes on the dogs.",
    )
    return Section("The Dogs", (ratings, notes), level=2)


def _training(visit: AwsVisitDetail) -> tuple[Block, ...]:
    if not visit.training_observed:
        return (Para("Training was not observed on this visit."),)
    notes = visit.training_notes.strip()
    return (Para("The visitors observed training."), *(text_paras(notes) if notes else ()))


def _serious(visit: AwsVisitDetail) -> Section:
    if not visit.serious_issue:
        return Section("Serious Issue and Escalation", (Para("The visitors recorded no serious issue."),))
    blocks: list[Block] = [Para("The visitors recorded a serious issue.")]
    if visit.serious_issue_notes.strip():
        blocks += text_paras(visit.serious_issue_notes)
    if visit.escalated_at is not None or visit.escalated_to:
        to = f" to {visit.escalated_to}" if visit.escalated_to else ""
        at = f" on {_moment(visit.escalated_at)}" if visit.escalated_at is not None else ""
        blocks.append(Para(f"It was escalated{to}{at}."))
    else:
        blocks.append(Para("No escalation was recorded."))
    return Section("Serious Issue and Escalation", tuple(blocks))


def _moment(moment: datetime) -> str:
    """``14 August 2023 at 15:45``, in London time."""
    local = local_time(moment)
    return f"{long_date(local.date())} at {local:%H:%M}"
