"""AWS statistics panel: the presets, the service's figures, the month chart and its table, a11y."""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QTableView

from pcc_desktop.models import SlotStatus
from pcc_desktop.services.aws_statistics import aws_statistics, aws_statistics_rows
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_statistics_panel import (
    CALENDAR,
    CUSTOM,
    LAST_YEAR,
    SINCE_LAUNCH,
    THIS_YEAR,
    AwsStatisticsPanel,
    period_label,
    preset_period,
)
from pcc_desktop.ui.tasks import TaskRunner
from tests.conftest import TODAY
from tests.services.test_aws_history import add_site
from tests.services.test_aws_statistics import _monthly, _people

pytestmark = pytest.mark.gui


@pytest.fixture
def scheme(workspace: Workspace) -> Workspace:
    """A monthly visit from April 2022 to May 2025, March 2024 missed; June 2025 still to come."""
    with workspace.session() as s:
        site = add_site(s)
        outcome = {date(2024, 3, 1): SlotStatus.MISSED, date(2025, 6, 1): SlotStatus.SCHEDULED}
        _monthly(s, site, date(2022, 4, 1), 39, _people(s), outcome)
    return workspace


@pytest.fixture
def panel(qtbot, scheme: Workspace) -> AwsStatisticsPanel:
    widget = AwsStatisticsPanel(scheme, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    return widget


def _figures(panel: AwsStatisticsPanel) -> dict[str, str]:
    model = panel.figure_model
    return {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}


def test_presets() -> None:
    assert preset_period(THIS_YEAR, TODAY) == (date(2025, 4, 1), TODAY)
    assert preset_period(LAST_YEAR, TODAY) == (date(2024, 4, 1), date(2025, 3, 31))
    assert preset_period(LAST_YEAR, date(2025, 2, 1)) == (date(2023, 4, 1), date(2024, 3, 31))
    assert preset_period(CALENDAR, TODAY) == (date(2025, 1, 1), TODAY)
    assert preset_period(SINCE_LAUNCH, TODAY) == (date(2022, 4, 1), TODAY)
    assert preset_period(CUSTOM, TODAY) is None
    assert period_label(THIS_YEAR, (date(2025, 4, 1), TODAY)) == "2025/26 (to date)"
    assert period_label(LAST_YEAR, (date(2024, 4, 1), date(2025, 3, 31))) == "2024/25"
    assert period_label(CALENDAR, (date(2025, 1, 1), TODAY)) == "2025 (to date)"
    assert period_label(CUSTOM, (date(2024, 1, 1), date(2024, 7, 31))) == "01/01/2024–31/07/2024"


def test_this_financial_year_by_default(panel: AwsStatisticsPanel, scheme: Workspace) -> None:
    assert panel.kind_combo.currentText() == THIS_YEAR
    assert panel.period() == (date(2025, 4, 1), TODAY)
    assert not panel.from_edit.isEnabled()
    stats = scheme.run(aws_statistics, date(2025, 4, 1), TODAY)
    assert panel.figure_model.rows() == aws_statistics_rows(stats)
    shown = _figures(panel)
    assert shown["Visits made (reports submitted)"] == "2"
    assert shown["Still to happen"] == "1"
    assert shown["% of scheduled visits achieved"] == "66.7%"
    assert panel.summary.text().startswith(
        "2025/26 (to date): 2 visits made; 2 of 3 scheduled visits achieved"
    )
    assert [r.visits for r in panel.month_model.rows()] == [1, 1, 0]
    assert panel.month_model.index(0, 0).data() == "Apr 2025"


def test_last_year_and_since_the_launch(panel: AwsStatisticsPanel) -> None:
    panel.set_period(LAST_YEAR)
    assert panel.period() == (date(2024, 4, 1), date(2025, 3, 31))
    assert _figures(panel)["% of scheduled visits achieved"] == "100.0%"
    assert panel.summary.text().startswith("2024/25: 12 visits made")
    panel.set_period(SINCE_LAUNCH)
    shown = _figures(panel)
    assert shown["Visits since the launch (01/04/2022)"] == "37"
    assert shown["Missed"] == "1"
    assert panel.month_model.rowCount() == 39
    assert shown["Visits made in pairs"] == "37 of 37"


def test_a_custom_period(panel: AwsStatisticsPanel) -> None:
    panel.set_period(CUSTOM, (date(2024, 1, 1), date(2024, 7, 31)))
    assert panel.from_edit.isEnabled() and panel.to_edit.isEnabled()
    shown = _figures(panel)
    assert shown["Visits scheduled"] == "7"
    assert shown["% of scheduled visits achieved"] == "85.7%"
    assert "no serious issues" in panel.summary.text()
    panel.from_edit.setDate(date(2024, 2, 1))
    assert _figures(panel)["Visits scheduled"] == "6"
    panel.to_edit.setDate(date(2023, 12, 1))
    assert "ends before it starts" in panel.status.text()


def test_before_the_launch(panel: AwsStatisticsPanel) -> None:
    panel.set_period(CUSTOM, (date(2021, 1, 1), date(2021, 12, 31)))
    assert panel.status.text() == "The scheme had not started in this period."
    assert panel.month_model.rowCount() == 0


def test_the_chart_and_its_table_agree(panel: AwsStatisticsPanel) -> None:
    panel.set_period(CALENDAR)
    bars = [item for item in panel.plot.getPlotItem().items if isinstance(item, pg.BarGraphItem)]
    assert len(bars) == 1
    heights = list(bars[0].opts["height"])
    assert heights == [r.visits for r in panel.month_model.rows()] == [1, 1, 1, 1, 1, 0]
    assert panel.plot.accessibleName().endswith("chart")
    assert "table" in panel.plot.accessibleDescription()


def test_calculating_shows_until_the_task_is_done(qtbot, scheme: Workspace) -> None:
    class Deferred(TaskRunner):
        def run(self, fn, on_success=None, on_error=None) -> None:
            self.pending = (fn, on_success)

    tasks = Deferred()
    widget = AwsStatisticsPanel(scheme, tasks)
    qtbot.addWidget(widget)
    assert widget.status.text() == "Calculating…"
    assert widget.figure_model.rowCount() == 0
    fn, on_success = tasks.pending
    on_success(fn())
    assert widget.status.text() == ""
    assert widget.figure_model.rowCount() > 0


def test_built_on_a_worker_thread(qtbot, scheme: Workspace) -> None:
    tasks = TaskRunner()
    widget = AwsStatisticsPanel(scheme, tasks)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.figure_model.rowCount() > 0 and not tasks.busy, timeout=5000)
    assert _figures(widget)["Visits made (reports submitted)"] == "2"


def test_models_pass_qt_checks(qtmodeltester, panel: AwsStatisticsPanel) -> None:
    qtmodeltester.check(panel.figure_model)
    qtmodeltester.check(panel.month_model)


def test_every_control_and_the_chart_have_an_accessible_name(panel: AwsStatisticsPanel) -> None:
    widgets = [
        *panel.findChildren(QAbstractButton),
        *panel.findChildren(QComboBox),
        *panel.findChildren(QDateEdit),
        *panel.findChildren(QTableView),
        panel.plot,
    ]
    for widget in widgets:
        if widget.objectName() == "qt_tableview_cornerbutton":
            continue
        assert QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name), widget
