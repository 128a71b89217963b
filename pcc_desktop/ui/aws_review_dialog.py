"""The coordinator's review of a Dog Unit visit report: findings become actions for the Dog Unit.

The dialog shows what the visitors reported (site, date, visitors, areas seen, the dogs with a
concern, the checklist items answered No, any serious issue and how it was escalated, training,
enrichment and observations), takes the review notes, and has one row per finding. Each row becomes
an action assigned to the Dog Unit (or another organisation), owned by the signed-in user unless
changed and due 20 working days away; the visitors are recorded as still to be told the outcome. A
serious issue on the report starts the list with a finding for it. OK reviews the report and
creates every action in one transaction, or nothing: a bad row is shown at its cells.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from pcc_desktop.models import CheckResult, Priority, ReportStatus
from pcc_desktop.services.aws_details import AwsVisitDetail, dog_unit_organisation_id
from pcc_desktop.services.aws_visits import AwsFinding, AwsReviewInput, get_visit, review_visit
from pcc_desktop.services.clock import format_date, format_moment
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_visit_list import AREA_TITLES, BASIS_LABELS, NEED_LABELS
from pcc_desktop.ui.review_dialog_base import TITLE_LIMIT, ActionRowsReviewDialog, ReviewWording, join_parts
from pcc_desktop.ui.review_dialog_base import escape_html as _escape

WORDING = ReviewWording(
    noun="finding",
    title_header="Finding",
    assignee="the Dog Unit",
    table_name="aws_review_findings",
    summary_name="aws_visit_summary",
    prefilled_tooltips=True,
)


def _listed(heading: str, lines: list[str]) -> str:
    if not lines:
        return f"<b>{heading}:</b> none"
    return f"<b>{heading}:</b><ul>{''.join(f'<li>{_escape(line)}</li>' for line in lines)}</ul>"


def concerns_of(detail: AwsVisitDetail) -> list[str]:
    """``Rex (PD101): health — Limping`` for each dog with a need rated a concern."""
    found = []
    for dog in detail.dogs:
        if dog.concerns():
            needs = ", ".join(NEED_LABELS[need].lower() for need in dog.concerns())
            collar = f" ({dog.collar_number})" if dog.collar_number else ""
            note = f" — {dog.condition_notes}" if dog.condition_notes else ""
            found.append(f"{dog.dog_name}{collar}: {needs}{note}")
    return found


def failed_checks(detail: AwsVisitDetail) -> list[str]:
    """``Vehicles: Heat alarm fitted and working — no alarm in van 2`` for each item answered No."""
    return [
        f"{AREA_TITLES[area]}: {answer.text}" + (f" — {answer.note}" if answer.note else "")
        for area, answers in detail.checks.items()
        for answer in answers
        if answer.result == CheckResult.NO
    ]


def summary_html(detail: AwsVisitDetail) -> str:
    """The visit report in a few lines of rich text, for the reviewer to read before deciding."""
    arrived = f", arrived {detail.arrived_at:%H:%M}" if detail.arrived_at else ""
    visitors = ", ".join(v.name for v in detail.visitors) or "none recorded"
    areas = ", ".join(AREA_TITLES[a].lower() for a in detail.areas_seen()) or "none ticked"
    basis = BASIS_LABELS[detail.basis].lower()
    parts = [
        f"<b>{_escape(detail.reference)} — {_escape(detail.site_name)}, "
        f"{detail.visited_on:%A} {format_date(detail.visited_on)}{arrived}</b> ({basis})",
        f"<b>Visitors:</b> {_escape(visitors)}",
        f"<b>Areas seen:</b> {areas}; brief given: {'yes' if detail.brief_given else 'no'}",
        f"<b>Dogs seen:</b> {len(detail.dogs)}",
        _listed("Dogs with a concern", concerns_of(detail)),
        _listed("Checklist items answered No", failed_checks(detail)),
    ]
    if detail.serious_issue:
        to = _escape(detail.escalated_to) or "(not recorded)"
        escalated = (
            f"escalated {format_moment(detail.escalated_at)} to {to}"
            if detail.escalated_at
            else "not recorded as escalated"
        )
        notes = _escape(detail.serious_issue_notes) or "flagged, no notes"
        parts.append(f"<b>⚠ Serious issue:</b> {notes} ({escalated})")
    if detail.training_observed:
        parts.append(f"<b>Training observed:</b> {_escape(detail.training_notes) or 'no notes'}")
    parts.append(f"<b>Enrichment:</b> {_escape(detail.enrichment) or 'not recorded'}")
    parts.append(f"<b>Observations:</b> {_escape(detail.observations) or 'none'}")
    return join_parts(parts)


def serious_finding(detail: AwsVisitDetail) -> tuple[str, str]:
    """The title and description of the finding a serious issue starts the list with."""
    first_line = (detail.serious_issue_notes.strip().splitlines() or ["reported at the visit"])[0]
    title = f"Serious issue: {first_line}"
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1] + "…"
    notes = " ".join(detail.serious_issue_notes.split())  # one line: the description box is a line edit
    if notes and not notes.endswith((".", "!", "?")):
        notes += "."
    escalated = (
        f" Escalated {format_moment(detail.escalated_at)} to {detail.escalated_to}."
        if detail.escalated_at
        else ""
    )
    return title, f"{notes}{escalated}".strip()


class AwsReviewDialog(ActionRowsReviewDialog):
    """Review one submitted Dog Unit report and raise its findings as actions, in one step."""

    def __init__(self, workspace: Workspace, visit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(
            "Review Dog Unit visit",
            workspace,
            visit_id,
            workspace.run(get_visit, visit_id),
            workspace.run(dog_unit_organisation_id),
            WORDING,
            parent,
        )
        self.setObjectName("aws_review_dialog")
        if self.detail.serious_issue and self.detail.status == ReportStatus.SUBMITTED:
            self.add_finding(*serious_finding(self.detail), priority=Priority.HIGH)

    def _summary_html(self) -> str:
        return summary_html(self.detail)

    def add_finding(
        self, title: str = "", description: str = "", priority: Priority = Priority.NORMAL
    ) -> int:
        """Add a finding row with the usual defaults; return its index."""
        return self.add_row(title, description, priority)

    def remove_current_finding(self) -> None:
        """Remove the finding chosen in the table."""
        self.remove_current_row()

    def review_input(self) -> AwsReviewInput:
        """What the dialog holds, as the service takes it."""
        return AwsReviewInput(
            notes=self.notes.toPlainText().strip(),
            findings=tuple(AwsFinding(**row.values()) for row in self._rows),
        )

    def _save(self) -> tuple[str, ...]:
        return self.workspace.act(review_visit, self.visit_id, self.review_input()).action_references
