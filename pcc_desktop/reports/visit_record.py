"""What the single-visit records (custody and Dog Unit) share: chrome, labels, actions, safe text.

A visit record is the file copy of one submitted or reviewed visit report, printed in the house
style. It is not a Panel paper: the meeting line names the scheme and says it is a visit record, and
there is no "Request of the Panel". The actions its review raised are listed with their status;
anything marked OFFICIAL-SENSITIVE is counted, never printed, because the record is OFFICIAL.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy.orm import Session

from pcc_desktop.models import ActionStatus, CheckResult, Classification, OriginKind, ReportStatus
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
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.action_queries import ActionFilter, ActionRow, ActionSort, list_actions
from pcc_desktop.services.actions import get_action
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.custody_details import VisitorRef
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.staff import get_staff

NONE_RECORDED = "None recorded."
STATUS_LABELS = {
    ReportStatus.DRAFT: "Draft",
    ReportStatus.SUBMITTED: "Awaiting review",
    ReportStatus.REVIEWED: "Reviewed",
}
RESULT_LABELS = {
    CheckResult.YES: "Yes",
    CheckResult.NO: "No",
    CheckResult.NOT_CHECKED: "Not checked",
    CheckResult.NOT_APPLICABLE: "Not applicable",
}


@dataclass(frozen=True)
class RaisedActionLine:
    """An action raised from a visit, as a record or the annual report lists it."""

    reference: str
    title: str
    origin: str
    status: ActionStatus
    logged_on: date
    due_on: date | None

    @property
    def status_label(self) -> str:
        """The status in words."""
        return lifecycle.label(self.status)


def _shown(session: Session, action_id: uuid.UUID, public_only: bool) -> bool:
    """Whether an action may be printed: never OFFICIAL-SENSITIVE, and publishable if ``public_only``."""
    detail = get_action(session, action_id)
    if detail.classification == Classification.OFFICIAL_SENSITIVE:
        return False
    return detail.publishable or not public_only


def _custody_lines(
    session: Session, keep: Callable[[ActionRow], bool], public_only: bool
) -> tuple[tuple[RaisedActionLine, ...], int]:
    """Actions raised from custody visits that ``keep(row)`` accepts, and how many were withheld."""
    flt = ActionFilter(origin_kind=OriginKind.CUSTODY_VISIT)
    rows = list_actions(session, flt, ActionSort("logged_on"), 0, None).rows
    lines, withheld = [], 0
    for row in rows:
        if not keep(row):
            continue
        if not _shown(session, row.id, public_only):
            withheld += 1
            continue
        lines.append(
            RaisedActionLine(row.reference, row.title, row.origin, row.status, row.logged_on, row.due_on)
        )
    return tuple(lines), withheld


def custody_actions_logged(
    session: Session, date_from: date, date_to: date
) -> tuple[tuple[RaisedActionLine, ...], int]:
    """Publishable actions raised from custody visits and logged in the period, oldest first.

    Returns:
        The actions, and how many more were left out as not publishable or OFFICIAL-SENSITIVE.
    """
    return _custody_lines(session, lambda row: date_from <= row.logged_on <= date_to, public_only=True)


def custody_visit_actions(session: Session, reference: str) -> tuple[tuple[RaisedActionLine, ...], int]:
    """The actions raised from one custody visit (found by the reference its origin names)."""
    suffix = f"({reference})"
    return _custody_lines(session, lambda row: row.origin.endswith(suffix), public_only=False)


def shown_actions(
    session: Session, actions: tuple[tuple[uuid.UUID, RaisedActionLine], ...]
) -> tuple[tuple[RaisedActionLine, ...], int]:
    """Of ``(id, line)`` pairs, the lines that may be printed, and how many were withheld."""
    kept = tuple(line for action_id, line in actions if _shown(session, action_id, public_only=False))
    return kept, len(actions) - len(kept)


def as_filed(status: ReportStatus) -> str:
    """``as they submitted it and as the OPCC reviewed it`` (or submitted and awaiting review)."""
    if status == ReportStatus.REVIEWED:
        return "as they submitted it and as the OPCC reviewed it"
    return "as they submitted it; it is awaiting review by the OPCC"


def refuse_draft(status: ReportStatus, reference: str) -> None:
    """Raise ``ValidationError`` for a draft: only a submitted or reviewed report goes on file."""
    if status == ReportStatus.DRAFT:
        raise ValidationError.single(
            "status",
            f"Visit report {reference} is still a draft. Submit it before printing the visit record.",
        )


def reviewer_name(session: Session, staff_id: uuid.UUID | None) -> str:
    """The reviewing member of staff's name ("" when not reviewed)."""
    if staff_id is None:
        return ""
    try:
        return get_staff(session, staff_id).name
    except NotFoundError:  # removed from the staff list since: the review still stands
        return "A former member of staff"


def yes_no(flag: bool) -> str:
    """``Yes`` or ``No``."""
    return "Yes" if flag else "No"


def clock_time(moment: time | None) -> str:
    """``14:05``, or ``not recorded``."""
    return f"{moment:%H:%M}" if moment is not None else "not recorded"


def duration(minutes: int) -> str:
    """``1 hour 30 minutes``, ``49 minutes``."""
    hours, rest = divmod(minutes, 60)
    parts = [plural(hours, "hour")] if hours else []
    if rest or not hours:
        parts.append(plural(rest, "minute"))
    return " ".join(parts)


def visitors_text(visitors: tuple[VisitorRef, ...]) -> str:
    """``Ann Visitor (VOL-2024-0001) and Bob Visitor (VOL-2024-0002)``."""
    names = [f"{v.name} ({v.reference})" for v in visitors]
    if not names:
        return "None recorded"
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]


def review_rows(
    status: ReportStatus, submitted_on: date | None, reviewed_on: date | None, reviewer: str
) -> list[tuple[str, str]]:
    """The status row of a record's details table: submitted when, reviewed by whom and when."""
    submitted = f"submitted on {format_date(submitted_on)}" if submitted_on else "submitted"
    if status != ReportStatus.REVIEWED:
        return [("Status", f"{STATUS_LABELS[status]} ({submitted})")]
    by = f" by {reviewer}" if reviewer else ""
    on = f" on {format_date(reviewed_on)}" if reviewed_on else ""
    return [("Status", f"Reviewed{by}{on} ({submitted})")]


def details_table(rows: list[tuple[str, str]]) -> TableBlock:
    """The record's header: where, when, who and where the report has got to."""
    return TableBlock(
        caption="The visit",
        columns=("Detail", "Record"),
        rows=tuple(rows),
        widths=(1.3, 3.7),
        align=("L", "L"),
    )


def text_paras(text: str) -> tuple[Para, ...]:
    """Free text as numbered paragraphs, one per paragraph typed (``None recorded.`` if blank)."""
    parts = [part.strip() for part in text.strip().split("\n\n") if part.strip()]
    return tuple(Para(part) for part in parts) or (Para(NONE_RECORDED),)


def review_section(status: ReportStatus, notes: str) -> Section:
    """What the coordinator wrote at the review (or that the report awaits review)."""
    if status != ReportStatus.REVIEWED:
        return Section("Review", (Para("The report has been submitted and is awaiting review."),))
    return Section("Review", text_paras(notes) if notes.strip() else (Para("No review notes were written."),))


def _still_open(total: int, still_open: int) -> str:
    on = f"On {long_date(today())},"
    if total == 1:
        return f"{on} it was {'still' if still_open else 'no longer'} open."
    if not still_open:
        return f"{on} none of them was still open."
    if still_open == total:
        return f"{on} {'both' if total == 2 else f'all {total:,}'} were still open."
    return f"{on} {still_open:,} of them {'was' if still_open == 1 else 'were'} still open."


def actions_section(actions: tuple[RaisedActionLine, ...], withheld: int) -> Section:
    """The actions the review raised, with their status today."""
    still_open = sum(1 for a in actions if lifecycle.is_open(a.status))
    if actions:
        intro = f"The review raised {plural(len(actions), 'action')}. {_still_open(len(actions), still_open)}"
    else:
        intro = "No actions were raised from this visit."
    blocks: list[Block] = [Para(intro)]
    if actions:
        blocks.append(
            TableBlock(
                caption="Actions raised from the visit",
                columns=("Reference", "Action", "Due", "Status"),
                rows=tuple(
                    (a.reference, a.title, format_date(a.due_on) or "–", a.status_label) for a in actions
                ),
                widths=(28, 86, 22, 34),
                align=("L", "L", "L", "L"),
            )
        )
    if withheld:
        blocks.append(Note(f"Not shown: {plural(withheld, 'action')} marked OFFICIAL-SENSITIVE."))
    return Section("Actions Raised", tuple(blocks))


def record_report(
    title: str,
    scheme: str,
    author: str,
    purpose: tuple[Para, ...],
    summary: tuple[Para, ...],
    sections: tuple,
) -> PanelReport:
    """A visit record in the house style: the meeting line says it is a visit record, not a Panel paper."""
    return PanelReport(
        title=title,
        report_date=today(),
        author=author,
        purpose=purpose,
        request=None,
        summary=summary,
        sections=sections,
        meeting=f"{scheme} – Visit Record",
    )
