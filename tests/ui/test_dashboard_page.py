"""Dashboard page: the services' numbers on tiles and charts, each chart's table, open_list, a11y."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QTableView, QWidget

from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.dashboard import CUSTOM, LAST_YEAR, dashboard_figures
from pcc_desktop.services.statistics import compute
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dashboard_charts import CHARTS, ChartData, Series
from pcc_desktop.ui.dashboard_page import TILE_KEYS, ChartCard, DashboardPage
from pcc_desktop.ui.dashboard_tiles import ResponsiveGrid, pick
from pcc_desktop.ui.tasks import TaskRunner
from tests.conftest import TODAY
from tests.services.test_dashboard import seed_dashboard

pytestmark = pytest.mark.gui
THIS_FY = (date(2025, 4, 1), TODAY)


@pytest.fixture
def office(seeded: Workspace) -> Workspace:
    """The small office of the services test: something for every tile and chart."""
    return seed_dashboard(seeded)


def _page(qtbot, ws: Workspace, tasks: TaskRunner | None = None) -> DashboardPage:
    page = DashboardPage(ws, tasks or TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    page.resize(1130, 760)
    page.show()
    page.start()
    return page


@pytest.fixture
def page(qtbot, office: Workspace) -> DashboardPage:
    return _page(qtbot, office)


def _opened(page: DashboardPage) -> list[tuple[str, Any]]:
    emitted: list[tuple[str, Any]] = []
    page.open_list.connect(lambda target, argument: emitted.append((target, argument)))
    return emitted


def _tile(page: DashboardPage, key: str) -> tuple[str, str, str]:
    tile = page.tiles[key]
    return tile.value_label.text(), tile.name_label.text(), tile.sub_label.text()


# --- the numbers -------------------------------------------------------------------------------------


def test_the_page_is_named_and_builds_this_financial_year(page: DashboardPage) -> None:
    assert page.objectName() == "dashboard_page"
    assert page.kind_combo.currentText() == "This financial year"
    assert page.period() == THIS_FY
    assert not page.from_edit.isEnabled()
    assert page.status.text().startswith("Figures for 2025/26 (to date): 01/04/2025 to 18/06/2025.")
    assert page.figures is not None and page.figures.date_to == TODAY


def test_the_tiles_show_the_seeded_numbers(page: DashboardPage) -> None:
    assert list(page.tiles) == list(TILE_KEYS)
    assert _tile(page, "community_days")[:2] == ("4", "Community days")
    assert _tile(page, "npas_visited") == ("2 of 8", "NPAs visited", "6 NPAs not visited yet")
    assert _tile(page, "open_actions")[:2] == ("4", "Open actions")
    assert _tile(page, "overdue_actions") == ("2", "Overdue actions", "50% of those open")
    assert _tile(page, "custody_visits") == ("80%", "Custody visits achieved", "4 of 5 scheduled visits")
    assert _tile(page, "dog_unit_visits") == ("66.7%", "Dog Unit visits achieved", "2 of 3 scheduled visits")
    assert _tile(page, "dogs_not_seen") == (
        "1",
        "Dogs not seen in 6 months",
        "Of 2 dogs in service on 18/06/2025",
    )
    assert page.tiles["overdue_actions"].property("tone") == "warning"
    assert page.tiles["community_days"].property("tone") == ""


def test_the_tiles_follow_the_statistics_services(page: DashboardPage, office: Workspace) -> None:
    actions = office.run(compute, "actions", *THIS_FY)
    engagement = office.run(compute, "engagement", *THIS_FY)
    assert page.tiles["open_actions"].value_label.text() == str(actions.open_at_end)
    assert page.tiles["overdue_actions"].value_label.text() == str(actions.overdue)
    assert page.tiles["community_days"].value_label.text() == str(engagement.community_days)
    assert page.figures == office.run(dashboard_figures, *THIS_FY)


def test_another_period(page: DashboardPage) -> None:
    page.set_period(LAST_YEAR)
    assert page.period() == (date(2024, 4, 1), date(2025, 3, 31))
    assert _tile(page, "community_days")[0] == "1"
    assert page.status.text().startswith("Figures for 2024/25: ")
    page.set_period(CUSTOM, (date(2025, 5, 1), date(2025, 5, 31)))
    assert page.from_edit.isEnabled()
    assert _tile(page, "community_days")[0] == "2"
    assert _tile(page, "custody_visits")[:1] == ("50%",)
    page.to_edit.setDate(date(2025, 4, 1))
    assert "ends before it starts" in page.status.text()


def test_working_shows_until_the_figures_are_built(qtbot, office: Workspace) -> None:
    class Deferred(TaskRunner):
        def run(self, fn, on_success=None, on_error=None) -> None:
            self.pending = (fn, on_success)

    tasks = Deferred()
    page = _page(qtbot, office, tasks)
    assert page.status.text() == "Working…"
    assert page.tiles["open_actions"].value_label.text() == "…"
    fn, on_success = tasks.pending
    on_success(fn())
    assert page.status.text().startswith("Figures for")
    assert page.tiles["open_actions"].value_label.text() == "4"


def test_built_on_a_worker_thread(qtbot, office: Workspace) -> None:
    tasks = TaskRunner()
    page = _page(qtbot, office, tasks)
    qtbot.waitUntil(lambda: page.figures is not None and not tasks.busy, timeout=5000)
    assert page.tiles["open_actions"].value_label.text() == "4"


def test_a_failure_is_said_in_words(qtbot, office: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("the database is locked")

    monkeypatch.setattr("pcc_desktop.ui.dashboard_page.dashboard_figures", broken)
    page = DashboardPage(office, TaskRunner(synchronous=True))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.message) as blocker:
        page.start()
    assert "could not be built: the database is locked" in blocker.args[0]
    assert page.status.text().startswith("⚠")


# --- opening the lists -------------------------------------------------------------------------------


def test_tiles_open_their_lists_on_a_click_and_on_enter(qtbot, page: DashboardPage) -> None:
    opened = _opened(page)
    qtbot.mouseClick(page.tiles["overdue_actions"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.tiles["open_actions"], Qt.Key.Key_Return)
    qtbot.keyClick(page.tiles["community_days"], Qt.Key.Key_Enter)
    qtbot.keyClick(page.tiles["dogs_not_seen"], Qt.Key.Key_Space)
    for key in ("npas_visited", "custody_visits", "dog_unit_visits"):
        page.tiles[key].click()
    assert opened == [
        ("actions", "Overdue"),
        ("actions", "All open actions"),
        ("engagements", {"date_from": THIS_FY[0], "date_to": TODAY}),
        ("aws_dogs", None),
        ("coverage", date(2025, 4, 1)),
        ("icv_statistics", THIS_FY),
        ("aws_statistics", THIS_FY),
    ]
    assert all(page.tiles[key].focusPolicy() & Qt.FocusPolicy.TabFocus for key in TILE_KEYS)


def test_bars_and_rows_open_the_list_behind_them(page: DashboardPage) -> None:
    opened = _opened(page)
    page.cards["community_days"].activate_bar(1, 0)  # May
    page.cards["actions_by_age"].activate_bar(1, 1)  # 31–90 days, overdue
    page.cards["actions_by_origin"].activate_bar(1, 0)  # animal welfare visits, open
    page.cards["actions_by_origin"].activate_bar(0, 1)  # stand-alone, overdue
    page.cards["custody_visits"].activate_bar(2, 1)  # June
    origin = page.cards["actions_by_origin"]
    origin.table.activated.emit(origin.model.index(1, 2))  # its table: the overdue column
    assert opened == [
        ("engagements", {"date_from": date(2025, 5, 1), "date_to": date(2025, 5, 31)}),
        ("actions", "Overdue"),
        ("actions", {"statuses": [s.value for s in lifecycle.open_statuses()], "origin_kind": "aws_visit"}),
        ("actions", {"origin_kind": "standalone", "overdue_only": True}),
        ("icv_statistics", (date(2025, 6, 1), TODAY)),
        ("actions", {"origin_kind": "aws_visit", "overdue_only": True}),
    ]


def test_a_mouse_click_on_a_bar(qtbot, page: DashboardPage) -> None:
    opened = _opened(page)
    card = page.cards["community_days"]
    page.scroll.ensureWidgetVisible(card)
    assert card.plot is not None
    scene = card.plot.getPlotItem().vb.mapViewToScene(QPointF(1, 1))  # inside May's bar (2 days)
    qtbot.mouseClick(card.plot.viewport(), Qt.MouseButton.LeftButton, pos=card.plot.mapFromScene(scene))
    assert opened == [("engagements", {"date_from": date(2025, 5, 1), "date_to": date(2025, 5, 31)})]


def test_enter_on_a_table_row_and_the_open_list_button(qtbot, page: DashboardPage) -> None:
    opened = _opened(page)
    card = page.cards["aws_visits"]
    card.table_button.click()
    card.table.setFocus()
    card.table.setCurrentIndex(card.model.index(1, 0))
    qtbot.keyClick(card.table, Qt.Key.Key_Return)
    page.cards["npa_coverage"].open_button.click()
    assert opened == [
        ("aws_statistics", (date(2025, 5, 1), date(2025, 5, 31))),
        ("coverage", date(2025, 4, 1)),
    ]


def _shape(groups: int, series: int, horizontal: bool = False) -> ChartData:
    bars = [Series(str(n), str(n), "#000000", (1,) * groups) for n in range(series)]
    labels = [str(n) for n in range(groups)]
    return ChartData(labels, bars, [], [], lambda g, s: g, lambda r, k: ("", None), "", horizontal=horizontal)


def test_a_click_is_mapped_to_its_bar() -> None:
    assert pick(_shape(3, 0), 1.0, 3.0) is None  # no bars, nothing to hit
    grouped = _shape(2, 2)
    assert pick(grouped, 0.9, 1) == (1, 0)  # the left half of the second group
    assert pick(grouped, 1.3, 1) == (1, 1)
    assert pick(grouped, 0.5, 1) is None  # the gap between groups
    assert pick(grouped, 2.0, 1) is None  # past the last group
    assert pick(_shape(3, 1, horizontal=True), 5, 2.1) == (0, 0)  # the first group is at the top


# --- every chart and its table -----------------------------------------------------------------------


def _bars(card: ChartCard) -> list[list[int]]:
    assert card.plot is not None and card.data is not None
    items = [i for i in card.plot.getPlotItem().items if isinstance(i, pg.BarGraphItem)]
    field = "width" if card.data.horizontal else "height"
    return [[int(v) for v in item.opts[field]] for item in items]


def _cell(card: ChartCard, row: int, key: str) -> str:
    column = [c.key for c in card.model.columns].index(key)
    return str(card.model.index(row, column).data())


def test_every_chart_has_a_table_with_the_same_numbers(page: DashboardPage) -> None:
    assert [card.key for card in page.cards.values()] == [spec.key for spec in CHARTS]
    for card in page.cards.values():
        data = card.data
        assert data is not None and not data.empty, card.key
        bars = _bars(card)
        assert bars == [list(s.values) for s in data.series], card.key
        assert card.model.rowCount() == len(data.rows) > 0
        for j, series in enumerate(data.series):
            for i, value in enumerate(bars[j]):
                row = data.row_of(i, j)
                assert row is not None
                assert _cell(card, row, series.key).split()[0] == str(value), (card.key, i, j)


def test_the_charts_numbers(page: DashboardPage) -> None:
    cards = page.cards
    assert _bars(cards["community_days"]) == [[1, 2, 1]]
    assert _bars(cards["actions_by_age"]) == [[2, 1, 0, 1], [0, 1, 0, 1]]
    assert _bars(cards["actions_by_origin"]) == [[3, 1], [2, 0]]
    assert _bars(cards["custody_visits"]) == [[1, 1, 0], [1, 0, 1], [0, 0, 0]]
    assert _bars(cards["aws_visits"]) == [[1, 1, 0]]
    npa = cards["npa_coverage"]
    assert sorted(_bars(npa)[0]) == [0, 0, 0, 0, 0, 0, 2, 2]
    assert [_cell(npa, r, "met") for r in range(2)] == ["No — 2 short", "No — 2 short"]
    custody = cards["custody_visits"]
    assert [custody.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Month", "Beaumont Leys", "Euston Street", "Keyham Lane", "Against",
    ]  # fmt: skip
    assert _cell(custody, 1, custody.data.series[1].key) == "0 of 1 (0.0%)"  # type: ignore[union-attr]
    assert "4 of 5 scheduled custody visits achieved in 2025/26 (to date) (80.0%)" in custody.summary.text()


def test_show_as_table_swaps_the_chart_for_its_table(page: DashboardPage) -> None:
    card = page.cards["custody_visits"]
    assert not card.showing_table() and card.stack.currentWidget() is card.plot_holder
    assert "Beaumont Leys" in card.summary.text()  # the key, with the chart
    card.table_button.click()
    assert card.showing_table() and card.table_button.text() == "Show as chart"
    assert "Beaumont Leys" not in card.summary.text()
    card.table_button.click()
    assert not card.showing_table()


def test_empty_states_are_said_in_words(qtbot, seeded: Workspace) -> None:
    page = _page(qtbot, seeded)
    for key in ("community_days", "actions_by_age", "actions_by_origin", "custody_visits", "aws_visits"):
        card = page.cards[key]
        assert card.stack.currentWidget() is card.empty_label, key
        assert card.empty_label.text().startswith(("No ", "The ")), key
    assert (
        page.cards["community_days"].empty_label.text() == "No community days were held in 2025/26 (to date)."
    )
    assert page.cards["aws_visits"].empty_label.text() == "No Dog Unit visits were made in 2025/26 (to date)."
    assert _tile(page, "dog_unit_visits") == (
        "–",
        "Dog Unit visits achieved",
        "No visits were scheduled in the period",
    )
    assert _tile(page, "dogs_not_seen")[2] == "No dogs were in service on 18/06/2025"
    card = page.cards["community_days"]
    card.table_button.click()
    assert card.showing_table() and card.model.rowCount() == 3  # the zeros are still there as a table


# --- accessibility and layout ------------------------------------------------------------------------


def test_everything_has_an_accessible_name(page: DashboardPage) -> None:
    widgets: list[QWidget] = [
        *page.findChildren(QAbstractButton),
        *page.findChildren(QComboBox),
        *page.findChildren(QDateEdit),
        *page.findChildren(QTableView),
        *[card.plot for card in page.cards.values() if card.plot is not None],
        page.scroll,
    ]
    assert len([w for w in widgets if isinstance(w, pg.PlotWidget)]) == len(CHARTS)
    for widget in widgets:
        if widget.objectName() == "qt_tableview_cornerbutton":
            continue
        assert QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name), widget
    assert page.tiles["overdue_actions"].accessibleName() == "Overdue actions: 2"
    for card in page.cards.values():
        assert card.plot is not None and card.plot.accessibleName() == f"{card.title} chart"
        assert "table" in card.plot.accessibleDescription()
        assert card.table.accessibleName() == f"{card.title} table"


def test_the_grids_use_balanced_columns(qtbot) -> None:
    grid = ResponsiveGrid("grid", 190, 7)
    qtbot.addWidget(grid)
    for _ in range(7):
        grid.add(QWidget())
    assert [grid.columns_for(w) for w in (150, 400, 700, 1000, 1200, 1500)] == [1, 2, 3, 4, 4, 7]
    grid.arrange(700)
    assert grid.columns == 3 and grid.grid.getItemPosition(6)[:2] == (2, 0)


@pytest.mark.parametrize("size", [(1280 - 180, 800 - 80), (1366 - 180, 768 - 80)])
def test_it_fits_the_small_screens_without_sideways_scrolling(qtbot, office: Workspace, size) -> None:
    page = _page(qtbot, office)
    page.resize(*size)
    qtbot.wait(10)
    content = page.scroll.widget()
    assert content.minimumSizeHint().width() <= page.scroll.viewport().width()
    assert page.tile_grid.columns == 4 and page.chart_grid.columns == 2


def test_pyqtgraph_waits_for_the_first_chart() -> None:
    code = "import sys, pcc_desktop.ui.dashboard_page; print('pyqtgraph' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
