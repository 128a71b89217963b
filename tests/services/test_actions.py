"""Action use cases: every rule of create, edit, lifecycle, updates, delete and bulk moves."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from conftest import new_staff
from sqlalchemy import func, select

from pcc_desktop.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Meeting,
    MeetingKind,
    OriginKind,
    RaiserTold,
    TellMethod,
)
from pcc_desktop.services.action_queries import ActionFilter, list_actions
from pcc_desktop.services.actions import (
    ActionInput,
    add_update,
    bulk_change_status,
    bulk_reassign,
    change_status,
    create_action,
    delete_action,
    get_action,
    update_action,
)
from pcc_desktop.services.errors import ConflictError, ValidationError
from pcc_desktop.services.history import HistoryEntry, history_for
from pcc_desktop.services.workspace import Workspace

S = ActionStatus


def _input(ws: Workspace, **changes: object) -> ActionInput:
    data = ActionInput(
        title="Ask the Force about speeding on the A6",
        owner_id=ws.actor_id,
        logged_on=date(2025, 6, 2),
        due_on=date(2025, 6, 30),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def _create(ws: Workspace, **changes: object):
    return ws.act(create_action, _input(ws, **changes))


def _action_count(ws: Workspace) -> int:
    return ws.run(lambda s: s.scalar(select(func.count()).select_from(Action)))


def _history(ws: Workspace, action_id: uuid.UUID) -> list[HistoryEntry]:
    return ws.run(history_for, "action", action_id)


def _fields(entries: list[HistoryEntry], name: str) -> list[HistoryEntry]:
    return [e for e in entries if e.field == name]


def _meeting(ws: Workspace) -> uuid.UUID:
    with ws.session() as s:
        meeting = Meeting(kind=MeetingKind.CGB, held_on=date(2025, 6, 4), title="June CGB")
        s.add(meeting)
        s.flush()
        return meeting.id


def _create_rejected(ws: Workspace, field: str, **changes: object) -> ValidationError:
    before = _action_count(ws)
    with pytest.raises(ValidationError) as caught:
        _create(ws, **changes)
    assert field in caught.value.errors, caught.value.errors
    assert _action_count(ws) == before, "a rejected action must not be written"
    return caught.value


# --- create ------------------------------------------------------------------------------------


def test_create_numbers_per_logged_year_starts_open_and_records_created(workspace: Workspace) -> None:
    first = _create(workspace, logged_on=date(2025, 1, 6))
    second = _create(workspace, logged_on=date(2025, 3, 1))
    old = _create(workspace, logged_on=date(2024, 11, 5), due_on=None)
    third = _create(workspace, logged_on=date(2025, 6, 18))
    old_two = _create(workspace, logged_on=date(2024, 12, 31), due_on=None)

    assert [first.reference, second.reference, third.reference] == [
        "ACT-2025-0001",
        "ACT-2025-0002",
        "ACT-2025-0003",
    ]
    assert [old.reference, old_two.reference] == ["ACT-2024-0001", "ACT-2024-0002"]
    assert first.status == S.OPEN
    assert first.completed_on is None
    created = _fields(_history(workspace, first.id), "created")
    assert len(created) == 1
    assert created[0].new_value == "ACT-2025-0001"
    assert created[0].changed_by == "Alex Tester"


def test_create_returns_what_was_typed_trimmed(workspace: Workspace) -> None:
    detail = _create(workspace, title="  Chase the council  ", description=" about potholes ")
    assert detail.title == "Chase the council"
    assert detail.description == "about potholes"
    assert detail.owner_name == "Alex Tester"
    assert workspace.run(get_action, detail.id) == detail


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_empty_title_rejected_and_nothing_written(workspace: Workspace, title: str) -> None:
    _create_rejected(workspace, "title", title=title)


def test_title_over_200_characters_rejected(workspace: Workspace) -> None:
    _create_rejected(workspace, "title", title="x" * 201)
    assert _create(workspace, title="x" * 200).title == "x" * 200


def test_due_before_logged_rejected(workspace: Workspace) -> None:
    _create_rejected(workspace, "due_on", logged_on=date(2025, 6, 10), due_on=date(2025, 6, 9))
    # The same day is fine.
    same_day = _create(workspace, logged_on=date(2025, 6, 10), due_on=date(2025, 6, 10))
    assert same_day.due_on == date(2025, 6, 10)


def test_logged_in_the_future_rejected(workspace: Workspace, pinned_today: date) -> None:
    _create_rejected(workspace, "logged_on", logged_on=date(2025, 6, 19), due_on=date(2025, 7, 1))
    assert _create(workspace, logged_on=pinned_today).logged_on == pinned_today


def test_missing_logged_date_rejected(workspace: Workspace) -> None:
    _create_rejected(workspace, "logged_on", logged_on=None)


def test_unknown_owner_rejected(workspace: Workspace) -> None:
    _create_rejected(workspace, "owner_id", owner_id=uuid.uuid4())
    _create_rejected(workspace, "owner_id", owner_id=None)


def test_inactive_owner_rejected_on_create(workspace: Workspace) -> None:
    gone = new_staff(workspace, "Gone Person", active=False)
    error = _create_rejected(workspace, "owner_id", owner_id=gone)
    assert "Gone Person" in error.errors["owner_id"]


def test_keeping_an_owner_who_has_since_left_is_allowed_on_edit(workspace: Workspace) -> None:
    leaver = new_staff(workspace, "Leaving Soon")
    action = _create(workspace, owner_id=leaver)
    with workspace.session() as s:
        from pcc_desktop.models import StaffMember

        s.get_one(StaffMember, leaver).active = False
    edited = workspace.act(update_action, action.id, _input(workspace, owner_id=leaver, title="Still theirs"))
    assert edited.owner_id == leaver
    assert edited.title == "Still theirs"
    # ...but handing it to a different inactive person is not.
    other = new_staff(workspace, "Also Gone", active=False)
    with pytest.raises(ValidationError) as caught:
        workspace.act(update_action, action.id, _input(workspace, owner_id=other))
    assert "owner_id" in caught.value.errors


def test_meeting_origin_requires_a_meeting(workspace: Workspace) -> None:
    _create_rejected(workspace, "meeting_id", origin_kind=OriginKind.MEETING, meeting_id=None)
    _create_rejected(workspace, "meeting_id", origin_kind=OriginKind.MEETING, meeting_id=uuid.uuid4())
    meeting_id = _meeting(workspace)
    detail = _create(workspace, origin_kind=OriginKind.MEETING, meeting_id=meeting_id, meeting_item=" B ")
    assert detail.meeting_id == meeting_id
    assert detail.meeting_item == "b"
    assert detail.origin_label == "Corporate Governance Board 04/06/2025, item b"


def test_standalone_origin_drops_a_stray_meeting_link(workspace: Workspace) -> None:
    meeting_id = _meeting(workspace)
    detail = _create(workspace, origin_kind=OriginKind.STANDALONE, meeting_id=meeting_id, meeting_item="c")
    assert detail.meeting_id is None
    assert detail.meeting_item == ""


def test_told_requires_method_and_date(workspace: Workspace) -> None:
    error = _create_rejected(workspace, "told_method", raiser_told=RaiserTold.TOLD)
    assert "told_on" in error.errors
    _create_rejected(workspace, "told_on", raiser_told=RaiserTold.TOLD, told_method=TellMethod.PHONE)
    _create_rejected(workspace, "told_method", raiser_told=RaiserTold.TOLD, told_on=date(2025, 6, 3))
    _create_rejected(
        workspace,
        "told_on",
        raiser_told=RaiserTold.TOLD,
        told_method=TellMethod.PHONE,
        told_on=date(2025, 6, 19),
    )
    told = {"raiser_told": RaiserTold.TOLD, "told_method": TellMethod.PHONE, "told_on": date(2025, 6, 3)}
    detail = _create(workspace, **told)
    assert (detail.raiser_told, detail.told_method, detail.told_on) == tuple(told.values())


# --- lifecycle ---------------------------------------------------------------------------------


def _complete(ws: Workspace, action_id: uuid.UUID, outcome: str = "Speed van deployed"):
    return ws.act(change_status, action_id, S.COMPLETED, "", outcome)


def test_completed_cannot_move_to_in_progress(workspace: Workspace) -> None:
    action = _create(workspace)
    _complete(workspace, action.id)
    with pytest.raises(ValidationError) as caught:
        workspace.act(change_status, action.id, S.IN_PROGRESS)
    message = caught.value.errors["status"]
    assert "Completed" in message
    assert "Reopened" in message
    assert "In progress" not in message.split("move to:")[1]
    assert workspace.run(get_action, action.id).status == S.COMPLETED


def test_allowed_moves_follow_the_lifecycle(workspace: Workspace) -> None:
    action = _create(workspace)
    for status in (S.IN_PROGRESS, S.AWAITING_RESPONSE, S.AWAITING_SIGN_OFF):
        assert workspace.act(change_status, action.id, status).status == status
    deferred = workspace.act(change_status, action.id, S.DEFERRED, "Waiting for the budget")
    assert deferred.status == S.DEFERRED
    with pytest.raises(ValidationError) as caught:
        workspace.act(change_status, action.id, S.IN_PROGRESS)
    assert "status" in caught.value.errors
    history = _fields(_history(workspace, action.id), "status")
    assert [(h.old_value, h.new_value) for h in history] == [
        ("open", "in_progress"),
        ("in_progress", "awaiting_response"),
        ("awaiting_response", "awaiting_sign_off"),
        ("awaiting_sign_off", "deferred"),
    ]


def test_completing_requires_an_outcome_and_sets_completed_on_today(
    workspace: Workspace, pinned_today: date
) -> None:
    action = _create(workspace)
    for outcome in (None, "", "   "):
        with pytest.raises(ValidationError) as caught:
            workspace.act(change_status, action.id, S.COMPLETED, "", outcome)
        assert "outcome" in caught.value.errors
    assert workspace.run(get_action, action.id).status == S.OPEN
    done = _complete(workspace, action.id, "  Speed van deployed ")
    assert done.status == S.COMPLETED
    assert done.outcome == "Speed van deployed"
    assert done.completed_on == pinned_today


def test_reopening_needs_a_note_clears_completed_on_and_keeps_outcome_history(workspace: Workspace) -> None:
    action = _create(workspace)
    _complete(workspace, action.id, "First outcome")
    with pytest.raises(ValidationError) as caught:
        workspace.act(change_status, action.id, S.REOPENED, "  ")
    assert "note" in caught.value.errors
    assert workspace.run(get_action, action.id).completed_on is not None

    reopened = workspace.act(change_status, action.id, S.REOPENED, "Resident says it is still happening")
    assert reopened.status == S.REOPENED
    assert reopened.completed_on is None
    assert [u.text for u in reopened.updates] == ["Resident says it is still happening"]

    again = _complete(workspace, action.id, "Second outcome")
    assert again.outcome == "Second outcome"
    history = _history(workspace, action.id)
    outcomes = [(h.old_value, h.new_value) for h in _fields(history, "outcome")]
    assert outcomes == [("", "First outcome"), ("First outcome", "Second outcome")]
    cleared = _fields(history, "completed_on")
    assert [(h.old_value, h.new_value) for h in cleared] == [("2025-06-18", None)]
    reopen_entry = [h for h in _fields(history, "status") if h.new_value == "reopened"]
    assert reopen_entry[0].reason == "Resident says it is still happening"


def test_deferring_needs_a_note(workspace: Workspace) -> None:
    action = _create(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.act(change_status, action.id, S.DEFERRED)
    assert "note" in caught.value.errors
    assert workspace.run(get_action, action.id).status == S.OPEN
    deferred = workspace.act(change_status, action.id, S.DEFERRED, "Until the new financial year")
    assert deferred.status == S.DEFERRED


# --- editing -----------------------------------------------------------------------------------


def test_moving_an_existing_due_date_needs_a_reason_stored_in_history(workspace: Workspace) -> None:
    action = _create(workspace, due_on=date(2025, 6, 30))
    moved = _input(workspace, due_on=date(2025, 7, 31))
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as caught:
            workspace.act(update_action, action.id, moved, None, reason)
        assert "due_change_reason" in caught.value.errors
    assert workspace.run(get_action, action.id).due_on == date(2025, 6, 30)

    # Clearing a due date is moving it too.
    with pytest.raises(ValidationError):
        workspace.act(update_action, action.id, _input(workspace, due_on=None))

    detail = workspace.act(update_action, action.id, moved, None, " Force asked for more time ")
    assert detail.due_on == date(2025, 7, 31)
    entries = _fields(_history(workspace, action.id), "due_on")
    assert len(entries) == 1
    assert (entries[0].old_value, entries[0].new_value) == ("2025-06-30", "2025-07-31")
    assert entries[0].reason == "Force asked for more time"


def test_first_due_date_needs_no_reason(workspace: Workspace) -> None:
    action = _create(workspace, due_on=None)
    detail = workspace.act(update_action, action.id, _input(workspace, due_on=date(2025, 7, 4)))
    assert detail.due_on == date(2025, 7, 4)
    entries = _fields(_history(workspace, action.id), "due_on")
    assert [(e.old_value, e.new_value, e.reason) for e in entries] == [(None, "2025-07-04", "")]


def test_edit_without_moving_due_date_needs_no_reason(workspace: Workspace) -> None:
    action = _create(workspace)
    detail = workspace.act(update_action, action.id, _input(workspace, title="Reworded"))
    assert detail.title == "Reworded"
    titles = _fields(_history(workspace, action.id), "title")
    old_title = "Ask the Force about speeding on the A6"
    assert [(t.old_value, t.new_value) for t in titles] == [(old_title, "Reworded")]


def test_owner_change_is_recorded_by_name(workspace: Workspace) -> None:
    sam = new_staff(workspace, "Sam Owner")
    action = _create(workspace)
    workspace.act(update_action, action.id, _input(workspace, owner_id=sam))
    entries = _fields(_history(workspace, action.id), "owner_id")
    assert [(e.old_value, e.new_value) for e in entries] == [("Alex Tester", "Sam Owner")]
    assert str(sam) not in (entries[0].new_value or "")


def test_update_with_stale_version_conflicts(workspace: Workspace) -> None:
    action = _create(workspace)
    first = workspace.act(update_action, action.id, _input(workspace, title="Edit one"), action.row_version)
    assert first.row_version > action.row_version
    with pytest.raises(ConflictError):
        workspace.act(update_action, action.id, _input(workspace, title="Edit two"), action.row_version)
    assert workspace.run(get_action, action.id).title == "Edit one"
    second = workspace.act(update_action, action.id, _input(workspace, title="Edit two"), first.row_version)
    assert second.title == "Edit two"


def test_invalid_edit_changes_nothing(workspace: Workspace) -> None:
    action = _create(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.act(update_action, action.id, _input(workspace, title=""))
    assert "title" in caught.value.errors
    assert workspace.run(get_action, action.id) == action
    assert [h.field for h in _history(workspace, action.id)] == ["created"]


# --- updates and delete ------------------------------------------------------------------------


def test_add_update_rejects_empty_text(workspace: Workspace) -> None:
    action = _create(workspace)
    for text in ("", "  \n "):
        with pytest.raises(ValidationError) as caught:
            workspace.act(add_update, action.id, text)
        assert "update" in caught.value.errors
    assert workspace.run(lambda s: s.scalar(select(func.count()).select_from(ActionUpdate))) == 0


def test_add_update_rejects_future_dates(workspace: Workspace, pinned_today: date) -> None:
    action = _create(workspace)
    with pytest.raises(ValidationError) as caught:
        workspace.act(add_update, action.id, "Chased", date(2025, 6, 19))
    assert "noted_on" in caught.value.errors
    detail = workspace.act(add_update, action.id, " Chased the inspector ")
    assert [(u.noted_on, u.text, u.author) for u in detail.updates] == [
        (pinned_today, "Chased the inspector", "Alex Tester")
    ]
    assert _fields(_history(workspace, action.id), "update")[0].new_value == "Chased the inspector"


def test_add_update_rejects_dates_before_logged(workspace: Workspace) -> None:
    action = _create(workspace, logged_on=date(2025, 6, 2))
    with pytest.raises(ValidationError) as caught:
        workspace.act(add_update, action.id, "Too early", date(2025, 6, 1))
    assert "noted_on" in caught.value.errors


def test_delete_needs_a_reason_and_hides_the_action(workspace: Workspace) -> None:
    keep = _create(workspace, title="Keep me")
    doomed = _create(workspace, title="Logged twice")
    with pytest.raises(ValidationError) as caught:
        workspace.act(delete_action, doomed.id, "  ")
    assert "reason" in caught.value.errors
    assert {r.id for r in workspace.run(list_actions, ActionFilter()).rows} == {keep.id, doomed.id}

    workspace.act(delete_action, doomed.id, "Duplicate of ACT-2025-0001")
    page = workspace.run(list_actions, ActionFilter())
    assert [r.id for r in page.rows] == [keep.id]
    assert page.total == 1
    deleted = _fields(_history(workspace, doomed.id), "deleted")
    assert deleted[0].reason == "Duplicate of ACT-2025-0001"
    # The tombstone stays in the table.
    assert _action_count(workspace) == 2


# --- bulk --------------------------------------------------------------------------------------


def test_bulk_change_status_is_all_or_nothing(workspace: Workspace) -> None:
    open_ones = [_create(workspace, title=f"Open {i}") for i in range(3)]
    done = _create(workspace, title="Done")
    _complete(workspace, done.id)
    ids = [a.id for a in open_ones[:2]] + [done.id] + [open_ones[2].id]
    with pytest.raises(ValidationError) as caught:
        workspace.act(bulk_change_status, ids, S.IN_PROGRESS)
    assert any(key.startswith("status") and str(done.id) in key for key in caught.value.errors)
    statuses = [workspace.run(get_action, a.id).status for a in open_ones]
    assert statuses == [S.OPEN, S.OPEN, S.OPEN]
    for action in open_ones:
        assert _fields(_history(workspace, action.id), "status") == []

    moved = workspace.act(bulk_change_status, [a.id for a in open_ones], S.IN_PROGRESS)
    assert moved == 3
    assert {workspace.run(get_action, a.id).status for a in open_ones} == {S.IN_PROGRESS}


def test_bulk_reassign_rejects_inactive_owner_and_records_history(workspace: Workspace) -> None:
    actions = [_create(workspace, title=f"Action {i}") for i in range(2)]
    ids = [a.id for a in actions]
    gone = new_staff(workspace, "Gone Person", active=False)
    with pytest.raises(ValidationError) as caught:
        workspace.act(bulk_reassign, ids, gone)
    assert "owner_id" in caught.value.errors
    with pytest.raises(ValidationError):
        workspace.act(bulk_reassign, ids, uuid.uuid4())
    assert {workspace.run(get_action, i).owner_id for i in ids} == {workspace.actor_id}

    kim = new_staff(workspace, "Kim New")
    assert workspace.act(bulk_reassign, ids, kim) == 2
    for action_id in ids:
        assert workspace.run(get_action, action_id).owner_name == "Kim New"
        entries = _fields(_history(workspace, action_id), "owner_id")
        assert [(e.old_value, e.new_value) for e in entries] == [("Alex Tester", "Kim New")]
