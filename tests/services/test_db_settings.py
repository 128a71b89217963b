"""Database-wide settings: typed reads with defaults, validated writes, history."""

from __future__ import annotations

import pytest

from pcc_desktop.models import DatabaseSetting
from pcc_desktop.services import db_settings
from pcc_desktop.services.db_settings import (
    NPA_TARGET_KEY,
    YEAR_START_KEY,
    coverage_year_start_month,
    get_int,
    npa_visit_target,
    set_coverage_year_start_month,
    set_int,
    set_npa_visit_target,
    setting_id,
)
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.history import history_for
from pcc_desktop.services.workspace import Workspace


def test_defaults_when_nothing_is_stored(workspace: Workspace) -> None:
    assert workspace.run(npa_visit_target) == 2
    assert workspace.run(coverage_year_start_month) == 4
    assert workspace.run(get_int, "anything/else", 7) == 7


def test_set_and_read_back(workspace: Workspace) -> None:
    assert workspace.act(set_npa_visit_target, 3) == 3
    assert workspace.act(set_coverage_year_start_month, 1) == 1
    assert workspace.run(npa_visit_target) == 3
    assert workspace.run(coverage_year_start_month) == 1
    assert workspace.run(get_int, NPA_TARGET_KEY, 2) == 3


def test_changes_are_recorded_in_history_once(workspace: Workspace) -> None:
    workspace.act(set_npa_visit_target, 4)
    workspace.act(set_npa_visit_target, 4)  # unchanged: nothing recorded
    workspace.act(set_npa_visit_target, 5)
    entries = workspace.run(history_for, db_settings.ENTITY, setting_id(NPA_TARGET_KEY))
    assert [(e.old_value, e.new_value) for e in entries] == [(None, "4"), ("4", "5")]
    assert entries[0].field == NPA_TARGET_KEY
    assert entries[0].changed_by == "Alex Tester"


@pytest.mark.parametrize("value", [-1, 53, True, "3"])
def test_target_out_of_range_is_refused(workspace: Workspace, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.act(set_npa_visit_target, value)
    assert "0 to 52" in caught.value.errors["npa_visit_target"]
    assert workspace.run(npa_visit_target) == 2


@pytest.mark.parametrize("value", [0, 13])
def test_month_out_of_range_is_refused(workspace: Workspace, value: int) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.act(set_coverage_year_start_month, value)
    assert set(caught.value.errors) == {"coverage_year_start_month"}


def test_limits_are_accepted(workspace: Workspace) -> None:
    assert workspace.act(set_npa_visit_target, 0) == 0
    assert workspace.act(set_npa_visit_target, 52) == 52
    assert workspace.act(set_coverage_year_start_month, 12) == 12


def test_unreadable_or_out_of_range_stored_values_fall_back_to_defaults(workspace: Workspace) -> None:
    with workspace.session() as s:
        s.add(DatabaseSetting(key=NPA_TARGET_KEY, value="two"))
        s.add(DatabaseSetting(key=YEAR_START_KEY, value="14"))
    assert workspace.run(npa_visit_target) == 2
    assert workspace.run(coverage_year_start_month) == 4
    assert workspace.run(get_int, YEAR_START_KEY, 4) == 14


def test_set_int_validates_key_and_value(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        workspace.act(set_int, " ", 1)
    assert "key" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        workspace.act(set_int, "some/key", 1.5)
    assert "value" in caught.value.errors
    assert workspace.act(set_int, "some/key", -3) == -3
    assert workspace.run(get_int, "some/key", 0) == -3
