"""Reviewing a submitted visit report into actions: shared by custody visits and Dog Unit visits.

Both schemes end a visit the same way: the coordinator reads the submitted report, writes review notes
and turns each concern or finding into an action, all or nothing, and the report becomes Reviewed.
Only what the action says (its organisation, origin and wording) differs, and the callers build that.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from pcc_desktop.models import AwsVisit, CustodyVisit, ReportStatus
from pcc_desktop.services import history
from pcc_desktop.services.actions import ActionInput, create_action, validate_input
from pcc_desktop.services.clock import today
from pcc_desktop.services.custody_details import ReviewResult
from pcc_desktop.services.errors import Errors, ValidationError

MAX_NOTES = 5000


def review_into_actions(
    session: Session,
    actor_id: uuid.UUID,
    visit: CustodyVisit | AwsVisit,
    entity: str,
    notes: str,
    planned: Sequence[ActionInput],
) -> ReviewResult:
    """Raise ``planned`` actions from a submitted ``visit`` and mark it Reviewed, all or nothing.

    Args:
        session: An open session; the caller commits.
        actor_id: The coordinator reviewing.
        visit: A custody or Dog Unit visit report.
        entity: The visit's entity type in the change history (``custody_visit``, ``aws_visit``).
        notes: The review notes.
        planned: One action per concern, already linked to the visit as their origin.

    Raises:
        ValidationError: The report is not submitted, the notes are too long, or an action is
            invalid (its messages keyed ``field:index``, the index of the action in ``planned``).
    """
    errors = Errors()
    if visit.status != ReportStatus.SUBMITTED:
        errors.add("status", f"Only a submitted report can be reviewed; this one is {visit.status.value}.")
    errors.check(len(notes) <= MAX_NOTES, "notes", "Keep the review notes to 5,000 characters.")
    for index, inputs in enumerate(planned):
        try:
            validate_input(session, inputs)
        except ValidationError as exc:
            for name, message in exc.errors.items():
                errors.add(f"{name}:{index}", message)
    errors.raise_if_any()
    references = []
    for inputs in planned:
        references.append(create_action(session, actor_id, inputs).reference)
        history.record(session, actor_id, entity, visit.id, "action", None, references[-1])
    history.record(session, actor_id, entity, visit.id, "status", visit.status, ReportStatus.REVIEWED)
    visit.status, visit.reviewed_on, visit.reviewed_by_id = ReportStatus.REVIEWED, today(), actor_id
    visit.review_notes, visit.updated_by_id = notes.strip(), actor_id
    session.flush()
    return ReviewResult(action_references=tuple(references))
