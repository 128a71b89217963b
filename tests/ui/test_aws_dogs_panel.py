"""Dogs seen and not seen: the summary, the order and marks, the history, the coverage setting."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QSpinBox, QTableView
from sqlalchemy import update

from pcc_desktop.models import Dog, WelfareRating
from pcc_desktop.services import aws_settings
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_dogs_panel import CHOOSE, AwsDogsPanel
from pcc_desktop.ui.tasks import TaskRunner
from tests.services.test_aws_history import add_dog, add_site, add_visit

pytestmark = pytest.mark.gui


@pytest.fixture
def dogs(workspace: Workspace) -> Workspace:
    """Zeus seen last month (a diet concern), Storm seen seven months ago, Bruno never, one retired."""
    with workspace.session() as s:
        site = add_site(s)
        zeus, storm = add_dog(s, site, "Zeus"), add_dog(s, site, "Storm")
        add_dog(s, site, "Bruno", in_service=date(2025, 4, 1))
        add_dog(s, site, "Kaiser", out=date(2024, 3, 31))
        add_visit(s, site, date(2024, 11, 1), (storm, zeus))
        add_visit(
            s, site, date(2025, 5, 1), {zeus: {"diet": WelfareRating.CONCERN, "condition_notes": "Lean."}}
        )
    return workspace


@pytest.fixture
def panel(qtbot, dogs: Workspace) -> AwsDogsPanel:
    widget = AwsDogsPanel(dogs, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    return widget


def _cells(model, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_not_seen_first_in_words_and_colour(panel: AwsDogsPanel) -> None:
    assert panel.summary.text() == "2 of 3 dogs not seen in the last 6 months (1 never seen)."
    assert panel.months_spin.value() == 6
    model = panel.model
    assert _cells(model, 0) == [
        "Bruno",
        model.row_at(0).collar_number,
        "General purpose",
        "Never",
        "–",
        "0",
        "Not seen",
    ]
    assert _cells(model, 1)[0::3] == ["Storm", "01/11/2024", "Not seen"]
    assert _cells(model, 2) == [
        "Zeus",
        model.row_at(2).collar_number,
        "General purpose",
        "01/05/2025",
        "1",
        "1",
        "Seen",
    ]
    red = model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.name() == "#a4262c"
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_choosing_a_dog_shows_its_history(panel: AwsDogsPanel) -> None:
    assert panel.history_empty.text() == CHOOSE and panel.history_table.isHidden()
    panel.table.selectRow(2)
    assert "Zeus" in panel.history_heading.text() and "2 visits" in panel.history_heading.text()
    history = panel.history_model
    assert history.rowCount() == 2
    assert _cells(history, 0) == [
        "01/05/2025",
        history.row_at(0).reference,
        "Met",
        "Concern",
        "Met",
        "Met",
        "Met",
        "Lean.",
    ]
    assert history.index(0, 3).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert history.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert not panel.history_table.isHidden() and panel.history_empty.isHidden()
    panel.table.selectRow(0)
    assert panel.history_empty.text() == "Bruno has not been seen on a submitted visit yet."
    assert panel.history_table.isHidden() and not panel.history_empty.isHidden()


def test_the_coverage_period_is_saved_for_everyone(panel: AwsDogsPanel, dogs: Workspace, qtbot) -> None:
    panel.table.selectRow(2)
    with qtbot.waitSignal(panel.message) as said:
        panel.months_spin.setValue(8)
    assert "8 months" in said.args[0]
    assert dogs.run(aws_settings.coverage_months) == 8
    assert panel.summary.text() == "1 of 3 dogs not seen in the last 8 months (1 never seen)."
    assert panel.model.row_at(1).name == "Storm" and not panel.model.row_at(1).not_seen
    assert panel.current_dog() is not None and panel.current_dog().name == "Zeus"


def test_a_bad_period_is_shown_at_the_field(panel: AwsDogsPanel, dogs: Workspace) -> None:
    assert not panel.save_months(30)
    assert panel.months_error.isVisible()
    assert "from 1 to 24" in panel.months_error.text()
    assert dogs.run(aws_settings.coverage_months) == 6
    assert panel.save_months(5)
    assert not panel.months_error.isVisible()


def test_reload_reads_the_setting_and_keeps_the_dog(panel: AwsDogsPanel, dogs: Workspace) -> None:
    dogs.act(aws_settings.set_coverage_months, 1)
    panel.table.selectRow(2)
    panel.reload()
    assert panel.months_spin.value() == 1
    assert panel.summary.text().endswith("not seen in the last month (1 never seen).")
    assert panel.current_dog().name == "Zeus"


def test_no_dogs_says_so(qtbot, workspace: Workspace) -> None:
    widget = AwsDogsPanel(workspace, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    assert widget.summary.text() == "No dogs in service."
    assert widget.table.isHidden() and not widget.empty_label.isHidden()
    assert "Register" in widget.empty_label.text()


def test_all_seen(qtbot, dogs: Workspace) -> None:
    dogs.act(aws_settings.set_coverage_months, 12)
    with dogs.session() as s:
        s.execute(update(Dog).where(Dog.name == "Bruno").values(out_of_service_on=date(2025, 5, 1)))
    widget = AwsDogsPanel(dogs, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    assert widget.summary.text() == "All 2 dogs in service seen in the last 12 months."


def test_models_pass_qt_checks(qtmodeltester, panel: AwsDogsPanel) -> None:
    panel.table.selectRow(2)
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.history_model)


def test_every_control_has_an_accessible_name(panel: AwsDogsPanel) -> None:
    widgets = [
        *panel.findChildren(QAbstractButton),
        *panel.findChildren(QSpinBox),
        *panel.findChildren(QTableView),
    ]
    assert widgets
    for widget in widgets:
        if widget.objectName() == "qt_tableview_cornerbutton":
            continue
        assert QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name), widget
