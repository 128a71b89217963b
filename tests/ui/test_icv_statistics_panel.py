"""ICV statistics panel: the service's figures, the comparison column, the pattern warnings, a11y."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, time, timedelta

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QTableView
from sqlalchemy import insert, select

from pcc_desktop.models import (
    CustodySuite,
    CustodyVisit,
    DetaineeConversation,
    DetaineeRequest,
    MembershipStatus,
    ReportStatus,
    RequestCategory,
    Scheme,
    SchemeMembership,
    Volunteer,
)
from pcc_desktop.models.custody import custody_visit_visitor
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.icv_statistics import icv_statistics
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.icv_statistics_panel import (
    CUSTOM,
    QUARTER,
    YEAR,
    IcvStatisticsPanel,
    previous_period,
    quarter_of,
    year_of,
)
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui
THIS_Q = (date(2025, 4, 1), date(2025, 6, 30))
LAST_Q = (date(2025, 1, 1), date(2025, 3, 31))
_numbers = itertools.count(1)


def _visit(s, suite: uuid.UUID, day: date, hour: int, people: list[uuid.UUID], food: uuid.UUID) -> None:
    visit = CustodyVisit(
        reference=f"ICV-{day.year}-{next(_numbers):04d}",
        suite_id=suite,
        visited_on=day,
        arrived_at=time(hour, 0),
        departed_at=time(hour + 1, 0),
        status=ReportStatus.SUBMITTED,
        in_custody=10,
        offered=6,
        seen=4,
        declined=2,
    )
    s.add(visit)
    s.flush()
    s.execute(insert(custody_visit_visitor), [{"visit_id": visit.id, "volunteer_id": p} for p in people])
    talk = DetaineeConversation(visit_id=visit.id, position=1, consent_to_talk=True)
    talk.requests.append(DetaineeRequest(category_id=food, raised_with_sergeant=True))
    s.add(talk)


@pytest.fixture
def icv(seeded: Workspace) -> Workspace:
    """Two active volunteers; Euston Street visited ten weekday afternoons this quarter, two last."""
    seeded.run(seed_custody_reference)
    with seeded.session() as s:
        people = [Volunteer(reference=f"VOL-2024-000{n}", name=f"Visitor {n}") for n in (1, 2)]
        s.add_all(people)
        s.flush()
        for person in people:
            s.add(
                SchemeMembership(
                    volunteer_id=person.id,
                    scheme=Scheme.ICV,
                    status=MembershipStatus.ACTIVE,
                    started_on=date(2024, 1, 1),
                )
            )
        suites = {x.name: x.id for x in s.scalars(select(CustodySuite))}
        food = s.scalars(select(RequestCategory.id).where(RequestCategory.name == "Food or drink")).one()
        ids = [p.id for p in people]
        for week in range(10):
            _visit(
                s,
                suites["Euston Street"],
                date(2025, 4, 7) + timedelta(weeks=week, days=week % 4),
                14,
                ids,
                food,
            )
        _visit(s, suites["Keyham Lane"], date(2025, 5, 3), 22, ids, food)  # a Saturday night
        for day in (date(2025, 2, 4), date(2025, 3, 8)):
            _visit(s, suites["Keyham Lane"], day, 10, ids, food)
    return seeded


@pytest.fixture
def panel(qtbot, icv: Workspace) -> IcvStatisticsPanel:
    widget = IcvStatisticsPanel(icv, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    return widget


def _figures(panel: IcvStatisticsPanel, column: int = 1) -> dict[str, str]:
    model = panel.figure_model
    return {model.index(r, 0).data(): model.index(r, column).data() for r in range(model.rowCount())}


def test_periods() -> None:
    assert quarter_of(date(2025, 6, 18)) == THIS_Q
    assert quarter_of(date(2025, 12, 31)) == (date(2025, 10, 1), date(2025, 12, 31))
    assert year_of(date(2025, 2, 1)) == (date(2024, 4, 1), date(2025, 3, 31))
    assert previous_period(QUARTER, THIS_Q) == LAST_Q
    assert previous_period(YEAR, year_of(date(2025, 6, 1))) == (date(2024, 4, 1), date(2025, 3, 31))
    assert previous_period(CUSTOM, (date(2025, 6, 11), date(2025, 6, 20))) == (
        date(2025, 6, 1),
        date(2025, 6, 10),
    )


def test_models_pass_qt_checks(qtmodeltester, panel: IcvStatisticsPanel) -> None:
    panel.compare_box.setChecked(True)
    for model in (panel.figure_model, panel.category_model, *panel.pattern_models):
        qtmodeltester.check(model)


def test_the_figures_are_the_services(panel: IcvStatisticsPanel, icv: Workspace) -> None:
    stats = icv.run(icv_statistics, THIS_Q[0], date(2025, 6, 18))
    assert panel.period_combo.currentText() == "Apr–Jun 2025 (to date)"
    shown = _figures(panel)
    assert shown["Visit reports"] == str(stats.visits_completed) == "11"
    assert shown["Scheduled visits"] == str(stats.scheduled)
    assert shown["% achieved"] == f"{stats.achieved_pct:g}%"
    assert shown["Measured"] == "against the standard"
    assert shown["Visits at Euston Street"] == "10"
    assert shown["Offered a visit"] == "66 (60.0%)"
    assert shown["Volunteer hours on visits"] == f"{stats.volunteer_hours:g}" == "22"
    assert shown["Active volunteers"] == "2"
    summary = panel.summary.text()
    assert summary.startswith("Apr–Jun 2025 (to date): 11 visits completed.")
    assert "Most raised: Food or drink." in summary
    food = panel.category_model.row_at(0).figures
    assert (food.category, food.count, food.raised_pct) == ("Food or drink", 11, 100.0)
    assert panel.figure_table.isColumnHidden(2)


def test_the_comparison_column(panel: IcvStatisticsPanel, icv: Workspace) -> None:
    panel.compare_box.setChecked(True)
    before = icv.run(icv_statistics, *LAST_Q)
    assert not panel.figure_table.isColumnHidden(2)
    assert _figures(panel, 2)["Visit reports"] == str(before.visits_completed) == "2"
    assert _figures(panel, 2)["Visits at Keyham Lane"] == "2"
    assert panel.category_model.row_at(0).comparison == "2"
    assert "Previous period (01/01/2025–31/03/2025): 2 visits completed" in panel.summary.text()


def test_a_custom_period_and_a_suite(panel: IcvStatisticsPanel, icv: Workspace) -> None:
    panel.set_period(CUSTOM, (date(2025, 1, 1), date(2025, 6, 18)))
    assert _figures(panel)["Visit reports"] == "13"
    panel.suite_combo.setCurrentText("Keyham Lane")
    assert _figures(panel)["Visit reports"] == "3"
    assert len(panel.pattern_models) == 1
    panel.to_edit.setDate(date(2024, 12, 1))
    assert "ends before it starts" in panel.status.text()


def test_the_pattern_warning_appears(panel: IcvStatisticsPanel) -> None:
    assert len(panel.pattern_plots) == 3
    euston = panel.warning_labels[1].text()
    assert "⚠ No visits between 22:00 and 07:00 at Euston Street this period." in euston
    assert "⚠ No weekend visits at Euston Street this period." in euston
    assert "⚠ 100% of visits to Euston Street began between 11:00 and 15:00 (10 of 10)." in euston
    assert panel.warning_labels[0].text() == "No clustering found."
    monday = panel.pattern_models[1].row_at(0)
    assert monday == ("Mon", (0, 3, 0, 0, 0))


def test_calculating_shows_until_the_task_is_done(qtbot, icv: Workspace) -> None:
    class Deferred(TaskRunner):
        def run(self, fn, on_success=None, on_error=None) -> None:
            self.pending = (fn, on_success)

    tasks = Deferred()
    widget = IcvStatisticsPanel(icv, tasks)
    qtbot.addWidget(widget)
    assert widget.status.text() == "Calculating…"
    fn, on_success = tasks.pending
    on_success(fn())
    assert widget.status.text() == ""
    assert widget.figure_model.rowCount() > 0


def test_built_on_a_worker_thread(qtbot, icv: Workspace) -> None:
    tasks = TaskRunner()
    widget = IcvStatisticsPanel(icv, tasks)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.figure_model.rowCount() > 0 and not tasks.busy, timeout=5000)
    assert _figures(widget)["Visit reports"] == "11"


def test_every_control_and_chart_has_an_accessible_name(panel: IcvStatisticsPanel) -> None:
    widgets = [
        *panel.findChildren(QAbstractButton),
        *panel.findChildren(QComboBox),
        *panel.findChildren(QDateEdit),
        *panel.findChildren(QTableView),
        *panel.pattern_plots,
    ]
    for widget in widgets:
        if widget.objectName() == "qt_tableview_cornerbutton":
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface.text(QAccessible.Text.Name), widget
    for plot in panel.pattern_plots:
        assert plot.accessibleName().endswith("chart")
        assert "table" in plot.accessibleDescription()
