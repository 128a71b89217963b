"""Qt table models: the paged action model and the generic row model pass Qt's model checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from pcc_desktop.services.action_queries import list_actions
from pcc_desktop.services.actions import ActionInput, create_action
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui import action_table_model
from pcc_desktop.ui.action_table_model import ACTION_COLUMNS, OVERDUE_COLOUR, ActionTableModel
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel

pytestmark = pytest.mark.gui

COL = {c.key: i for i, c in enumerate(ACTION_COLUMNS)}


def _add(ws: Workspace, title: str, due: date | None = None, logged: date = date(2025, 6, 2)) -> None:
    ws.act(create_action, ActionInput(title=title, owner_id=ws.actor_id, logged_on=logged, due_on=due))


def _model(ws: Workspace) -> ActionTableModel:
    model = ActionTableModel(lambda f, s, o, lim: ws.run(list_actions, f, s, o, lim))
    model.reload()
    return model


def _titles(model: ActionTableModel) -> list[str]:
    return [model.index(r, COL["title"]).data() for r in range(model.rowCount())]


@pytest.fixture
def five(workspace: Workspace) -> Workspace:
    """Five actions: Echo is overdue (due 3 June), the rest are due later or not at all."""
    _add(workspace, "Charlie", date(2025, 7, 3))
    _add(workspace, "alpha", date(2025, 7, 1))
    _add(workspace, "Echo", date(2025, 6, 3))
    _add(workspace, "Bravo", date(2025, 7, 2))
    _add(workspace, "Delta")
    return workspace


def test_action_model_passes_qt_model_checks(qtmodeltester, five: Workspace) -> None:
    model = _model(five)
    assert model.rowCount() == 5
    assert model.columnCount() == len(ACTION_COLUMNS)
    qtmodeltester.check(model)


def test_rows_are_paged_in_as_the_view_asks(monkeypatch: pytest.MonkeyPatch, five: Workspace) -> None:
    monkeypatch.setattr(action_table_model, "PAGE_SIZE", 2)
    model = _model(five)
    assert model.rowCount() == 2
    assert model.total == 5
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 4
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 5
    assert not model.canFetchMore(QModelIndex())
    assert sorted(_titles(model), key=str.lower) == ["alpha", "Bravo", "Charlie", "Delta", "Echo"]


def test_paged_model_passes_qt_model_checks(
    qtmodeltester, monkeypatch: pytest.MonkeyPatch, five: Workspace
) -> None:
    monkeypatch.setattr(action_table_model, "PAGE_SIZE", 2)
    qtmodeltester.check(_model(five))


def test_sort_by_title_changes_the_order(qtbot, five: Workspace) -> None:
    model = _model(five)
    # The default sort is by due date, blanks last.
    assert _titles(model) == ["Echo", "alpha", "Bravo", "Charlie", "Delta"]
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.sort(COL["title"], Qt.SortOrder.AscendingOrder)
    assert _titles(model) == ["alpha", "Bravo", "Charlie", "Delta", "Echo"]
    model.sort(COL["title"], Qt.SortOrder.DescendingOrder)
    assert _titles(model) == ["Echo", "Delta", "Charlie", "Bravo", "alpha"]
    assert model.current_sort.key == "title" and model.current_sort.descending


def test_overdue_rows_are_coloured_in_the_due_column(five: Workspace) -> None:
    model = _model(five)
    echo = _titles(model).index("Echo")
    alpha = _titles(model).index("alpha")
    brush = model.index(echo, COL["due_on"]).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color() == OVERDUE_COLOUR
    assert model.index(echo, COL["days_overdue"]).data() != ""
    assert model.index(alpha, COL["due_on"]).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(echo, COL["title"]).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(echo, COL["due_on"]).data() == "03/06/2025"


@dataclass(frozen=True)
class _Thing:
    name: str
    size: int | None


def test_row_table_model_passes_qt_model_checks(qtmodeltester) -> None:
    columns = [
        Column("name", "Name", lambda t: t.name),
        Column("size", "Size", lambda t: t.size, align=RIGHT, tooltip=lambda t: f"{t.size} units"),
    ]
    model: RowTableModel[_Thing] = RowTableModel(columns)
    model.set_rows([_Thing("one", 1), _Thing("two", None), _Thing("three", 3)])
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 2
    assert model.index(1, 1).data() == ""
    assert model.index(2, 1).data(Qt.ItemDataRole.EditRole) == 3
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "1 units"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert model.row_at(2) == _Thing("three", 3)
