"""The coordinator's review of a custody visit report: concerns become actions for the Force.

The dialog shows what the visitors reported (suite, date, visitors, the population snapshot, the
requests not resolved during the visit, any serious issue and the observations), takes the review
notes, and has one row per issue to raise. Each row becomes an action assigned to the Force's
custody department (or another organisation), owned by the signed-in user unless changed and due
20 working days away; the visitors are recorded as still to be told the outcome. OK reviews the
report and creates every action in one transaction, or nothing: a bad row is shown at its cells.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from pcc_desktop.services.clock import format_date
from pcc_desktop.services.custody_details import VisitDetail, force_custody_organisation_id
from pcc_desktop.services.custody_visits import ReviewInput, ReviewIssue, get_visit, review_visit
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.review_dialog_base import ActionRowsReviewDialog, ReviewWording, join_parts
from pcc_desktop.ui.review_dialog_base import escape_html as _escape

WORDING = ReviewWording(
    noun="issue",
    title_header="Action title",
    assignee="the Force",
    table_name="review_issues",
    summary_name="visit_summary",
)


def unresolved_requests(detail: VisitDetail) -> list[str]:
    """``Detainee 2: Food or drink (raised with the sergeant)`` for each request left unresolved."""
    found = []
    for row in detail.conversations:
        for request in row.requests:
            if not request.resolved_during_visit:
                raised = "raised with the sergeant" if request.raised_with_sergeant else "not raised"
                note = f" — {request.notes}" if request.notes else ""
                found.append(f"Detainee {row.position}: {request.category} ({raised}){note}")
    return found


def summary_html(detail: VisitDetail) -> str:
    """The visit report in a few lines of rich text, for the reviewer to read before deciding."""
    arrived = f", arrived {detail.arrived_at:%H:%M}" if detail.arrived_at else ""
    visitors = ", ".join(v.name for v in detail.visitors) or "none recorded"
    parts = [
        f"<b>{_escape(detail.reference)} — {_escape(detail.suite_name)}, "
        f"{detail.visited_on:%A} {format_date(detail.visited_on)}{arrived}</b>",
        f"<b>Visitors:</b> {_escape(visitors)}",
        f"<b>Detainees:</b> {detail.in_custody} in custody, {detail.offered} offered a visit, "
        f"{detail.seen} seen, {detail.declined} declined, {detail.not_seen} not seen"
        + (f" ({_escape(detail.not_seen_reason)})" if detail.not_seen_reason else ""),
    ]
    requests = unresolved_requests(detail)
    listed = "".join(f"<li>{_escape(r)}</li>" for r in requests)
    parts.append(
        f"<b>Requests not resolved during the visit:</b><ul>{listed}</ul>"
        if requests
        else "<b>Requests not resolved during the visit:</b> none"
    )
    if detail.serious_issue:
        parts.append(f"<b>⚠ Serious issue:</b> {_escape(detail.serious_issue_notes) or 'flagged, no notes'}")
    if detail.terrorism_detention:
        parts.append("<b>Terrorism Act detention</b> reported.")
    parts.append(f"<b>Observations:</b> {_escape(detail.observations) or 'none'}")
    return join_parts(parts)


class VisitReviewDialog(ActionRowsReviewDialog):
    """Review one submitted visit report and raise its issues as actions, in one step."""

    def __init__(self, workspace: Workspace, visit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(
            "Review custody visit",
            workspace,
            visit_id,
            workspace.run(get_visit, visit_id),
            workspace.run(force_custody_organisation_id),
            WORDING,
            parent,
        )

    def _summary_html(self) -> str:
        return summary_html(self.detail)

    def add_issue(self, title: str = "", description: str = "") -> int:
        """Add an issue row with the usual defaults; return its index."""
        return self.add_row(title, description)

    def remove_current_issue(self) -> None:
        """Remove the issue chosen in the table."""
        self.remove_current_row()

    def review_input(self) -> ReviewInput:
        """What the dialog holds, as the service takes it."""
        return ReviewInput(
            notes=self.notes.toPlainText().strip(),
            issues=tuple(ReviewIssue(**row.values()) for row in self._rows),
        )

    def _save(self) -> tuple[str, ...]:
        return self.workspace.act(review_visit, self.visit_id, self.review_input()).action_references
