"""In-process list, filter and sort timings through ``ActionTableModel``, beside raw SQL floors.

Each figure is the median of several runs after one warm-up. The model call is what the GUI
does on a filter change or a header click: ``list_actions`` (page, themes, COUNT) and a model
reset. The floor is the same first page (same WHERE, same ORDER BY, LIMIT 200) run raw through
``sqlite3``, without the COUNT the list's "N actions" label needs; that cost is shown apart.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt

from pcc_desktop.services import action_lifecycle, staff
from pcc_desktop.services.action_queries import ActionFilter, count_actions, overdue_cutoff, preset_filters
from pcc_desktop.services.clock import today
from pcc_desktop.ui.action_table_model import ACTION_COLUMNS

OPEN = tuple(action_lifecycle.open_statuses())
OPEN_SQL = "a.status IN (" + ", ".join(f"'{s.value}'" for s in OPEN) + ")"
# Column positions looked up by key, so reordering the list's columns cannot mislabel a figure.
COLUMNS = {column.key: index for index, column in enumerate(ACTION_COLUMNS)}
NULLS_LAST_DUE = "a.due_on IS NULL, a.due_on, a.reference"


@dataclass(frozen=True)
class Scenario:
    """One figure: a filter, an optional sort column, and the raw SQL floor."""

    group: str
    name: str
    flt: ActionFilter
    where: str
    order: str = NULLS_LAST_DUE
    join: str = ""
    sort_key: str = ""
    target_ms: float = 100.0


@dataclass(frozen=True)
class Timing:
    """Median milliseconds of a scenario through the model, raw, and of its COUNT alone."""

    scenario: Scenario
    model_ms: float
    floor_ms: float
    count_ms: float
    rows: int
    total: int


def floor_sql(s: Scenario) -> str:
    """The raw first-page query equivalent to ``s``."""
    return (
        f"SELECT a.id, a.reference, a.title, a.status, a.priority, a.due_on FROM action a {s.join} "
        f"WHERE a.deleted_at IS NULL{' AND ' + s.where if s.where else ''} ORDER BY {s.order} LIMIT 200"
    )


def build_scenarios(owner_id: str, owner_uuid: object) -> list[Scenario]:
    """Opening the list, four filter changes and three sorts."""
    all_open = preset_filters(None)["All open actions"]
    text = (
        "(a.reference LIKE '%speeding%' OR a.title LIKE '%speeding%' OR a.description LIKE '%speeding%' "
        "OR a.assignee_person LIKE '%speeding%')"
    )
    staff_join = "JOIN staff_member s ON s.id = a.owner_id"
    return [
        Scenario("open", "All open actions, first page", all_open, OPEN_SQL, target_ms=100),
        Scenario(
            "filter", 'text "speeding" (open)', replace(all_open, text="speeding"), f"{OPEN_SQL} AND {text}"
        ),
        Scenario(
            "filter",
            "status = awaiting response",
            ActionFilter(statuses=(OPEN[2],)),
            f"a.status = '{OPEN[2].value}'",
        ),
        Scenario(
            "filter",
            "owner = Lizzie Starr (open)",
            replace(all_open, owner_id=owner_uuid),
            f"{OPEN_SQL} AND a.owner_id = '{owner_id}'",
        ),
        Scenario(
            "filter",
            "overdue",
            ActionFilter(overdue_only=True),
            f"{OPEN_SQL} AND a.due_on < '{overdue_cutoff(today()).isoformat()}'",
        ),
        Scenario("sort", "title (open)", all_open, OPEN_SQL, "lower(a.title), a.reference", sort_key="title"),
        Scenario(
            "sort", "owner (open)", all_open, OPEN_SQL, "lower(s.name), a.reference", staff_join, "owner"
        ),
        Scenario("sort", "due date (open)", all_open, OPEN_SQL, sort_key="due_on"),
    ]


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``fn`` in ms, after one unmeasured warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def open_window(db: Path) -> tuple[object, object]:
    """An offscreen QApplication and a shown MainWindow on ``db`` (as in ``app.run_gui``)."""
    from pcc_desktop import paths
    from pcc_desktop.app import create_application
    from pcc_desktop.services import startup
    from pcc_desktop.ui.main_window import MainWindow
    from pcc_desktop.ui.settings import AppSettings
    from pcc_desktop.ui.tasks import TaskRunner

    app = create_application([])
    ws = startup.open_database(db).workspace
    me = ws.run(staff.find_staff_by_name, "Lizzie Starr")
    ws.actor_id = me.id
    window = MainWindow(ws, AppSettings(paths.settings_path()), TaskRunner(), me.name)
    window.show()
    app.processEvents()
    return app, window


def model_call(window: object, s: Scenario) -> Callable[[], object]:
    """What the GUI does for ``s``: a filter change, or a header click on the sort column."""
    model = window.action_page.model  # type: ignore[attr-defined]
    if not s.sort_key:
        model.sort(COLUMNS["due_on"], Qt.SortOrder.AscendingOrder)
        return lambda: model.set_filter(s.flt)
    model.set_filter(s.flt)
    return lambda: model.sort(COLUMNS[s.sort_key], Qt.SortOrder.AscendingOrder)


def measure(db: Path, runs: int) -> list[Timing]:
    """Time every scenario through the model and raw."""
    app, window = open_window(db)
    ws = window._ws  # type: ignore[attr-defined]
    conn = sqlite3.connect(db)
    owner_uuid = ws.actor_id
    timings = []
    for s in build_scenarios(owner_uuid.hex, owner_uuid):
        model_ms = median_ms(model_call(window, s), runs)
        model = window.action_page.model  # type: ignore[attr-defined]
        sql = floor_sql(s)
        floor_ms = median_ms(lambda sql=sql: conn.execute(sql).fetchall(), runs)
        count_ms = median_ms(lambda s=s: ws.run(count_actions, s.flt), runs)
        timings.append(Timing(s, model_ms, floor_ms, count_ms, model.rowCount(), model.total))
        app.processEvents()  # type: ignore[attr-defined]
    conn.close()
    window.close()  # type: ignore[attr-defined]
    return timings
