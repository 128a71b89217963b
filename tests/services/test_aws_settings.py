"""The Animal Welfare Scheme's shared settings: defaults, bounds, and the change history."""

from __future__ import annotations

import pytest

from pcc_desktop.services.aws_settings import (
    coverage_months,
    set_coverage_months,
    set_visits_per_month,
    visits_per_month,
)
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workspace import Workspace


def test_defaults_are_one_visit_a_month_and_six_months_coverage(workspace: Workspace) -> None:
    assert workspace.run(visits_per_month) == 1
    assert workspace.run(coverage_months) == 6


def test_settings_are_stored_for_everyone(workspace: Workspace) -> None:
    workspace.act(set_visits_per_month, 2)
    workspace.act(set_coverage_months, 3)
    assert (workspace.run(visits_per_month), workspace.run(coverage_months)) == (2, 3)


@pytest.mark.parametrize(("setter", "value", "field"), [
    (set_visits_per_month, 0, "visits_per_month"),
    (set_visits_per_month, 5, "visits_per_month"),
    (set_coverage_months, 0, "coverage_months"),
    (set_coverage_months, 25, "coverage_months"),
])  # fmt: skip
def test_out_of_range_values_are_refused_and_change_nothing(
    workspace: Workspace, setter, value, field
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        workspace.act(setter, value)
    assert field in excinfo.value.errors
    assert workspace.run(visits_per_month) == 1 and workspace.run(coverage_months) == 6
