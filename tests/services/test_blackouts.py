"""Blackout periods: validation, no overlaps, soft delete, history, seeding from the reference CSV."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from pcc_desktop.models import BlackoutPeriod
from pcc_desktop.services.blackouts import (
    ENTITY,
    BlackoutData,
    delete_blackout,
    get_blackout,
    in_blackout,
    list_blackouts,
    save_blackout,
    seed_blackouts,
)
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.history import history_for
from pcc_desktop.services.workspace import Workspace

PRE_ELECTION = BlackoutData(None, "Pre-election period", date(2024, 3, 24), date(2024, 5, 2))


def test_save_and_list(workspace: Workspace) -> None:
    saved = workspace.act(save_blackout, replace(PRE_ELECTION, name="  Pre-election period  "))
    assert saved.id is not None
    assert saved.name == "Pre-election period"
    assert saved.days == 40
    assert saved.label == "Pre-election period (24/03/2024 – 02/05/2024)"
    assert workspace.run(list_blackouts) == [saved]
    assert workspace.run(get_blackout, saved.id) == saved


def test_list_filters_by_overlap_and_orders_by_start(workspace: Workspace) -> None:
    later = workspace.act(save_blackout, BlackoutData(None, "Later", date(2025, 1, 1), date(2025, 1, 31)))
    earlier = workspace.act(save_blackout, PRE_ELECTION)
    assert workspace.run(list_blackouts) == [earlier, later]
    assert workspace.run(list_blackouts, date(2024, 5, 2), date(2024, 12, 31)) == [earlier]
    assert workspace.run(list_blackouts, date(2024, 5, 3), date(2024, 12, 31)) == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (replace(PRE_ELECTION, name=" "), "name"),
        (replace(PRE_ELECTION, name="x" * 161), "name"),
        (replace(PRE_ELECTION, starts_on=None), "starts_on"),
        (replace(PRE_ELECTION, ends_on=None), "ends_on"),
        (replace(PRE_ELECTION, ends_on=date(2024, 3, 23)), "ends_on"),
    ],
)
def test_invalid_periods_are_refused(workspace: Workspace, data: BlackoutData, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.act(save_blackout, data)
    assert field in caught.value.errors
    assert workspace.run(list_blackouts) == []


def test_a_one_day_period_is_allowed(workspace: Workspace) -> None:
    one = workspace.act(save_blackout, BlackoutData(None, "Polling day", date(2025, 5, 1), date(2025, 5, 1)))
    assert one.days == 1


def test_overlap_with_a_live_period_is_refused(workspace: Workspace) -> None:
    workspace.act(save_blackout, PRE_ELECTION)
    clash = BlackoutData(None, "Another", date(2024, 5, 2), date(2024, 5, 10))
    with pytest.raises(ValidationError) as caught:
        workspace.act(save_blackout, clash)
    assert "Pre-election period (24/03/2024 – 02/05/2024)" in caught.value.errors["starts_on"]
    # The day after is fine.
    workspace.act(save_blackout, replace(clash, starts_on=date(2024, 5, 3)))


def test_a_deleted_period_no_longer_blocks_or_counts(workspace: Workspace) -> None:
    saved = workspace.act(save_blackout, PRE_ELECTION)
    assert saved.id is not None
    workspace.act(delete_blackout, saved.id)
    assert workspace.run(list_blackouts) == []
    assert workspace.run(in_blackout, date(2024, 4, 1)) is None
    workspace.act(save_blackout, PRE_ELECTION)  # no overlap with a tombstone
    with workspace.session() as s:
        assert len(s.scalars(select(BlackoutPeriod)).all()) == 2  # the tombstone stays
    with pytest.raises(NotFoundError):
        workspace.act(delete_blackout, saved.id)
    with pytest.raises(NotFoundError):
        workspace.run(get_blackout, saved.id)


def test_editing_checks_overlap_with_others_but_not_itself(workspace: Workspace) -> None:
    first = workspace.act(save_blackout, PRE_ELECTION)
    second = workspace.act(save_blackout, BlackoutData(None, "Other", date(2024, 6, 1), date(2024, 6, 10)))
    moved = workspace.act(save_blackout, replace(first, ends_on=date(2024, 5, 5), notes="extended"))
    assert moved.ends_on == date(2024, 5, 5)
    with pytest.raises(ValidationError):
        workspace.act(save_blackout, replace(second, starts_on=date(2024, 5, 4)))


def test_changes_and_deletion_are_in_the_history(workspace: Workspace) -> None:
    saved = workspace.act(save_blackout, PRE_ELECTION)
    assert saved.id is not None
    workspace.act(save_blackout, replace(saved, ends_on=date(2024, 5, 3)))
    workspace.act(delete_blackout, saved.id)
    entries = workspace.run(history_for, ENTITY, saved.id)
    assert [(e.field, e.old_value, e.new_value) for e in entries] == [
        ("created", None, "Pre-election period (24/03/2024 – 02/05/2024)"),
        ("ends_on", "2024-05-02", "2024-05-03"),
        ("deleted", "Pre-election period (24/03/2024 – 03/05/2024)", None),
    ]


def test_saving_a_deleted_or_unknown_period_is_not_found(workspace: Workspace) -> None:
    import uuid

    with pytest.raises(NotFoundError):
        workspace.act(save_blackout, replace(PRE_ELECTION, id=uuid.uuid4()))


def test_in_blackout_includes_both_ends(workspace: Workspace) -> None:
    saved = workspace.act(save_blackout, PRE_ELECTION)
    assert workspace.run(in_blackout, date(2024, 3, 24)) == saved
    assert workspace.run(in_blackout, date(2024, 5, 2)) == saved
    assert workspace.run(in_blackout, date(2024, 3, 23)) is None
    assert workspace.run(in_blackout, date(2024, 5, 3)) is None
    assert saved.contains(date(2024, 4, 10))


def test_seed_loads_the_2024_pre_election_period_once(workspace: Workspace) -> None:
    assert workspace.run(seed_blackouts) == 1
    assert workspace.run(seed_blackouts) == 0
    (period,) = workspace.run(list_blackouts)
    assert (period.starts_on, period.ends_on) == (date(2024, 3, 24), date(2024, 5, 2))
    assert period.name == "Pre-election period (PCC election 2 May 2024)"
    assert "003:44" in period.notes


def test_seed_does_nothing_once_periods_exist_even_deleted(workspace: Workspace) -> None:
    saved = workspace.act(save_blackout, BlackoutData(None, "Mine", date(2020, 1, 1), date(2020, 1, 2)))
    assert saved.id is not None
    workspace.act(delete_blackout, saved.id)
    assert workspace.run(seed_blackouts) == 0


def test_seed_from_another_folder_and_bad_dates(workspace: Workspace, tmp_path: Path) -> None:
    assert workspace.run(seed_blackouts, tmp_path) == 0  # no file, nothing seeded
    (tmp_path / "blackout_periods.csv").write_text("name,starts_on,ends_on\nX,24/03/2024,2024-05-02\n")
    with pytest.raises(ValueError, match=r"blackout_periods\.csv:2"):
        workspace.run(seed_blackouts, tmp_path)
