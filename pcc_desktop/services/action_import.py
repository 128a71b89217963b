"""Importing actions from a CSV or Excel file: every row is checked first, then all or none are created.

The file format is described in ``docs/data-formats.md``. Rows are turned into
:class:`~pcc_desktop.services.actions.ActionInput` and checked with the same
:func:`~pcc_desktop.services.actions.validate_input` the action form uses, plus the rules only an
import has (a status set directly, an imported reference, a meeting named in words).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from pcc_desktop.models import Action, ActionStatus, MeetingKind, OriginKind, Priority
from pcc_desktop.services import history
from pcc_desktop.services.action_details import PRIORITY_LABELS
from pcc_desktop.services.action_io import (
    COLUMNS,
    ImportFailed,
    Lookups,
    RowCells,
    RowError,
    parse_meeting,
    read_table,
)
from pcc_desktop.services.action_lifecycle import parse_status
from pcc_desktop.services.actions import ENTITY, PREFIX, ActionInput, _apply_input, validate_input
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.meetings import MeetingData, save_meeting
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.tabular_import import (
    check_rows,
    claim_references,
    enum_lookup,
    reference_cell,
    reference_errors,
)

__all__ = ["ImportFailed", "ImportResult", "RowError", "import_actions"]

# validate_input's field names → the import column a person would fix.
_FIELD_COLUMNS = {
    "title": "Title",
    "description": "Description",
    "owner_id": "Owner",
    "logged_on": "Logged",
    "due_on": "Due",
    "assignee_org_id": "Assigned to",
    "assignee_person": "Assigned person",
    "area_id": "Area",
    "theme_ids": "Themes",
    "meeting_item": "Item",
}


@dataclass(frozen=True)
class ImportResult:
    """What an import created."""

    created: int
    references: tuple[str, ...]


@dataclass(frozen=True)
class _Planned:
    """One checked row, ready to be created."""

    line: int
    data: ActionInput
    reference: str
    status: ActionStatus
    outcome: str
    completed_on: date | None
    meeting: tuple[MeetingKind, date] | None


def import_actions(session: Session, actor_id: uuid.UUID, path: Path) -> ImportResult:
    """Create one action per row of ``path`` (.csv or .xlsx): all of them, or none.

    Args:
        session: An open session (the workspace rolls it back if this raises).
        actor_id: The member of staff doing the import.
        path: The file to read.

    Returns:
        How many actions were created and their references, in file order.

    Raises:
        ImportFailed: Some rows broke a rule; ``errors`` lists each one and nothing was written.
        ValueError: The file is neither ``.csv`` nor ``.xlsx``.
    """
    path = Path(path)
    table = read_table(path)
    lookups = Lookups.load(session)
    plans = check_rows(
        table.rows,
        COLUMNS,
        lambda cells: _plan_row(session, cells, lookups),
        lambda plans: _reference_errors(session, plans),
    )
    return _create_all(session, actor_id, plans, path.name)


def _plan_row(session: Session, cells: RowCells, lookups: Lookups) -> _Planned | None:
    """Read and check one row; problems go into ``cells.errors``."""
    org_id, person = lookups.assignee(cells)
    data = ActionInput(
        title=cells.text("title"),
        owner_id=lookups.owner(session, cells),
        logged_on=cells.day("logged"),
        due_on=cells.day("due"),
        description=cells.text("description"),
        priority=_priority(cells),
        assignee_org_id=org_id,
        assignee_person=person,
        area_id=lookups.area(cells),
        theme_ids=lookups.themes(cells),
        meeting_item=cells.text("item"),
    ).cleaned()
    meeting = parse_meeting(cells)
    if cells.text("item") and meeting is None and not cells.has_error("Meeting"):
        cells.error("Item", "an Item needs the Meeting that raised it")
    status, outcome, completed_on = _status_fields(cells, data.logged_on)
    _check_with_form_rules(session, cells, data, meeting is not None)
    reference = reference_cell(cells, PREFIX, f"{PREFIX}-2025-0042")
    return _Planned(cells.line, data, reference, status, outcome, completed_on, meeting)


def _priority(cells: RowCells) -> Priority:
    text = cells.text("priority")
    if not text:
        return Priority.NORMAL
    priority = enum_lookup(PRIORITY_LABELS, key=str.lower).get(text.lower())
    if priority is not None:
        return priority
    allowed = ", ".join(PRIORITY_LABELS.values())
    cells.error("Priority", f"priority '{text}' is not one of: {allowed}")
    return Priority.NORMAL


def _status_fields(cells: RowCells, logged_on: date | None) -> tuple[ActionStatus, str, date | None]:
    """The status, outcome and completion date, with the rules that tie them together."""
    text, outcome = cells.text("status"), cells.text("outcome")
    status = parse_status(text) if text else ActionStatus.OPEN
    if status is None:
        cells.error("Status", f"status '{text}' is not a status (for example Open, In progress, Completed)")
        status = ActionStatus.OPEN
    completed_on = cells.day("completed")
    if status == ActionStatus.COMPLETED:
        if not outcome:
            cells.error("Outcome", "a Completed action needs an Outcome saying what was done")
        if completed_on is None and not cells.has_error("Completed"):
            cells.error("Completed", "a Completed action needs the date it was completed")
    elif completed_on is not None:
        cells.error("Completed", "a Completed date is only for actions whose status is Completed")
    if completed_on is not None and completed_on > today():
        cells.error("Completed", "the Completed date cannot be in the future")
    if completed_on is not None and logged_on is not None and completed_on < logged_on:
        cells.error("Completed", "the Completed date cannot be before the Logged date")
    return status, outcome, completed_on


def _check_with_form_rules(session: Session, cells: RowCells, data: ActionInput, from_meeting: bool) -> None:
    """Apply ``actions.validate_input``; a meeting named in the file is created later, so not checked."""
    checked = replace(data, origin_kind=OriginKind.MEETING) if from_meeting else data
    try:
        validate_input(session, checked)
    except ValidationError as exc:
        for field, message in exc.errors.items():
            if field == "meeting_id":
                continue
            column = _FIELD_COLUMNS.get(field, field)
            if not cells.has_error(column):
                cells.error(column, message)


def _reference_errors(session: Session, plans: list[_Planned]) -> list[RowError]:
    """Imported references must be new to the database and appear once in the file."""
    return reference_errors(session, Action.reference, [(p.line, p.reference) for p in plans], "an action")


def _create_all(session: Session, actor_id: uuid.UUID, plans: list[_Planned], source: str) -> ImportResult:
    """Write every checked row; imported references are claimed first so new ones number after them."""
    claim_references(session, (plan.reference for plan in plans))
    meetings: dict[tuple[MeetingKind, date], uuid.UUID] = {}
    references = [_create(session, actor_id, plan, meetings, f"imported from {source}") for plan in plans]
    session.flush()
    return ImportResult(created=len(references), references=tuple(references))


def _create(
    session: Session,
    actor_id: uuid.UUID,
    plan: _Planned,
    meetings: dict[tuple[MeetingKind, date], uuid.UUID],
    reason: str,
) -> str:
    data = plan.data
    if plan.meeting is not None:
        if plan.meeting not in meetings:
            saved = save_meeting(session, actor_id, MeetingData(None, *plan.meeting))
            assert saved.id is not None
            meetings[plan.meeting] = saved.id
        data = replace(data, origin_kind=OriginKind.MEETING, meeting_id=meetings[plan.meeting])
    assert data.logged_on is not None
    action = Action(
        reference=plan.reference or next_reference(session, PREFIX, data.logged_on.year),
        status=plan.status,
        outcome=plan.outcome,
        completed_on=plan.completed_on,
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    _apply_input(session, action, data)
    session.add(action)
    session.flush()
    history.record(session, actor_id, ENTITY, action.id, "created", None, action.reference, reason)
    if plan.status != ActionStatus.OPEN:
        history.record(session, actor_id, ENTITY, action.id, "status", None, plan.status, reason)
    if plan.outcome:
        history.record(session, actor_id, ENTITY, action.id, "outcome", None, plan.outcome, reason)
    return action.reference
