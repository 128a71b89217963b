"""Coverage and themes panel: the NPA table matches the service, short NPAs first, years, themes, a11y."""

from __future__ import annotations

import itertools
import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QTableView
from sqlalchemy import select

from pcc_desktop.models import (
    Area,
    AreaKind,
    Engagement,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    Theme,
)
from pcc_desktop.services.blackouts import seed_blackouts
from pcc_desktop.services.coverage import npa_coverage
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.coverage_panel import SHORT_COLOUR, CoveragePanel
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui
HELD, PLANNED = EngagementStatus.HELD, EngagementStatus.PLANNED
_numbers = itertools.count(1)


def _npas(ws: Workspace) -> dict[str, uuid.UUID]:
    with ws.session() as s:
        rows = s.execute(select(Area.name, Area.id).where(Area.kind == AreaKind.NPA)).all()
        return {name: npa_id for name, npa_id in rows}


def _day(ws: Workspace, held_on: date, npa_id: uuid.UUID, status=HELD, themes: tuple[str, ...] = ()) -> None:
    with ws.session() as s:
        engagement = Engagement(
            reference=f"ENG-{held_on.year}-{next(_numbers):04d}",
            kind=EngagementType.COMMUNITY_DAY,
            status=status,
            held_on=held_on,
            npa_id=npa_id,
        )
        s.add(engagement)
        s.flush()
        for name in themes:
            theme = s.scalars(select(Theme).where(Theme.name == name)).first() or Theme(name=name)
            s.add(FeedbackItem(engagement_id=engagement.id, text=f"About {name}", themes=[theme]))


@pytest.fixture
def npas(seeded: Workspace) -> dict[str, uuid.UUID]:
    """Seeded NPAs; in 2025/26 the first two have met the target, the third has one visit."""
    found = _npas(seeded)
    names = sorted(found)
    for name in names[:2]:
        _day(seeded, date(2025, 4, 10), found[name], themes=("Speeding",))
        _day(seeded, date(2025, 5, 15), found[name], themes=("Speeding", "Litter"))
    _day(seeded, date(2025, 6, 5), found[names[2]], themes=("Litter",))
    _day(seeded, date(2025, 9, 4), found[names[2]], status=PLANNED)
    _day(seeded, date(2024, 6, 13), found[names[3]])
    return found


@pytest.fixture
def panel(qtbot, seeded: Workspace, npas: dict[str, uuid.UUID]) -> CoveragePanel:
    widget = CoveragePanel(seeded, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def _column(panel: CoveragePanel, header: str) -> int:
    return [c.header for c in panel.npa_model.columns].index(header)


def _cells(panel: CoveragePanel, header: str) -> list[str]:
    col = _column(panel, header)
    return [panel.npa_model.index(r, col).data() for r in range(panel.npa_model.rowCount())]


def test_models_pass_qt_checks(qtmodeltester, panel: CoveragePanel) -> None:
    for model in (panel.npa_model, panel.month_model, panel.theme_model, panel.area_model):
        qtmodeltester.check(model)


def test_npa_table_matches_the_service(panel: CoveragePanel, seeded: Workspace) -> None:
    report = seeded.run(npa_coverage, date(2025, 4, 1))
    assert panel.selected_year() == date(2025, 4, 1)
    assert panel.year_combo.currentText() == "2025/26"
    shown = {row.npa_name: row for row in panel.npa_model.rows()}
    assert shown == {row.npa_name: row for row in report.rows}
    names = _cells(panel, "NPA")
    for header, field in (("Visits", "visits"), ("Target", "effective_target"), ("Planned", "planned")):
        expected = [str(getattr(shown[name], field)) for name in names]
        assert _cells(panel, header) == expected
    assert len(names) == 8


def test_short_npas_come_first_with_the_words_and_the_colour(panel: CoveragePanel) -> None:
    met = _cells(panel, "Met")
    assert met[:6] == ["No — 2 short"] * 5 + ["No — 1 short"]
    assert met[6:] == ["Yes", "Yes"]
    shortfall = _column(panel, "Shortfall")
    assert panel.npa_model.index(0, shortfall).data(Qt.ItemDataRole.ForegroundRole) == SHORT_COLOUR
    assert panel.npa_model.index(7, shortfall).data(Qt.ItemDataRole.ForegroundRole) is None
    summary = panel.summary.text()
    assert summary.startswith("Community days in 2025/26: 5. NPAs below target: 6 of 8 (")
    assert "Target: 2 visits per NPA." in summary


def test_changing_the_year_reloads(panel: CoveragePanel, seeded: Workspace) -> None:
    panel.year_combo.setCurrentIndex(panel.year_combo.findText("2024/25"))
    assert panel.selected_year() == date(2024, 4, 1)
    report = seeded.run(npa_coverage, date(2024, 4, 1))
    assert sorted(r.visits for r in panel.npa_model.rows()) == sorted(r.visits for r in report.rows)
    assert sum(r.visits for r in panel.npa_model.rows()) == 1
    assert panel.summary.text().startswith("Community days in 2024/25: 1.")
    assert [m.count for m in panel.month_model.rows()][2] == 1  # June 2024


def test_blackout_periods_are_listed_and_scale_the_target(qtbot, seeded: Workspace, npas) -> None:
    seeded.run(seed_blackouts)
    widget = CoveragePanel(seeded, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.set_year(2024)
    assert "24/03/2024–02/05/2024: not counted" in widget.blackouts.text()
    assert "(effective 2 after 32 blackout days)" in widget.summary.text()
    widget.set_year(2025)
    assert widget.blackouts.text() == ""


def test_themes_by_quarter_and_by_npa(panel: CoveragePanel, npas: dict[str, uuid.UUID]) -> None:
    headers = [c.header for c in panel.theme_model.columns]
    assert headers == ["Theme", "Apr–Jun 2025", "Jul–Sep 2025", "Oct–Dec 2025", "Jan–Mar 2026", "Total"]
    rows = [(r.theme, r.counts, r.total) for r in panel.theme_model.rows()]
    assert rows == [("Speeding", (4, 0, 0, 0), 4), ("Litter", (3, 0, 0, 0), 3)]
    first = sorted(npas)[0]
    area = next(r for r in panel.area_model.rows() if r.npa == first)
    assert area.top == "Speeding (2)\nLitter (1)"
    assert panel.theme_status.text().startswith("Feedback items by theme in 2025/26")


def test_themes_show_calculating_until_the_task_is_done(qtbot, seeded: Workspace, npas) -> None:
    class Deferred(TaskRunner):
        def run(self, fn, on_success=None, on_error=None) -> None:
            self.pending = (fn, on_success)

    tasks = Deferred()
    widget = CoveragePanel(seeded, tasks)
    qtbot.addWidget(widget)
    assert widget.theme_status.text() == "Calculating…"
    fn, on_success = tasks.pending
    on_success(fn())
    assert widget.theme_model.rowCount() == 2


def test_no_npas_points_to_admin(qtbot, workspace: Workspace) -> None:
    widget = CoveragePanel(workspace, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.show()
    assert "Admin → Areas" in widget.summary.text()
    assert widget.empty_label.isVisible()
    assert not widget.npa_split.isVisible()


def test_every_control_and_chart_has_an_accessible_name(panel: CoveragePanel) -> None:
    widgets = [
        *panel.findChildren(QAbstractButton),
        *panel.findChildren(QComboBox),
        *panel.findChildren(QTableView),
        panel.visits_plot,
        panel.month_plot,
    ]
    for widget in widgets:
        if widget.objectName() == "qt_tableview_cornerbutton":  # Qt's own, hidden with the row numbers
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface.text(QAccessible.Text.Name), widget
    for plot in (panel.visits_plot, panel.month_plot):
        assert plot.accessibleName().endswith("chart")
        assert "table" in plot.accessibleDescription()


def test_themes_are_built_on_a_worker_thread(qtbot, seeded: Workspace, npas) -> None:
    tasks = TaskRunner()
    widget = CoveragePanel(seeded, tasks)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.theme_model.rowCount() == 2, timeout=5000)
    widget.set_year(2024)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert widget.theme_model.rowCount() == 0
    assert widget.theme_status.text() == "No feedback with themes was recorded in 2024/25."
