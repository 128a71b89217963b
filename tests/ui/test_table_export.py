"""'Export this table…' on every list."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QTableView

from pcc_desktop.services.table_export import write_table
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.main_window import MainWindow
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import export_table, table_contents
from pcc_desktop.ui.table_models import Column, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner


def test_write_table_csv_and_xlsx(tmp_path: Path) -> None:
    rows = [["Oakham", date(2025, 6, 12), 3], ["Melton", None, 0]]
    assert write_table(["Place", "Date", "Count"], rows, tmp_path / "t.csv") == 2
    lines = list(csv.reader((tmp_path / "t.csv").open(encoding="utf-8-sig")))
    assert lines == [["Place", "Date", "Count"], ["Oakham", "12/06/2025", "3"], ["Melton", "", "0"]]
    write_table(["Place", "Date", "Count"], rows, tmp_path / "t.xlsx", "Places")
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet.title == "Places"
    assert sheet["A2"].value == "Oakham"
    assert sheet["B2"].value.date() == date(2025, 6, 12)


def test_write_table_refuses_other_types(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        write_table(["A"], [], tmp_path / "t.pdf")
    assert not (tmp_path / "t.pdf").exists()


def test_export_table_writes_what_the_view_shows(qtbot, tmp_path: Path, monkeypatch) -> None:
    model = RowTableModel([Column("name", "Name", lambda r: r), Column("len", "Letters", len)])
    model.set_rows(["Oakham", "Melton"])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    target = tmp_path / "places"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert export_table(view, "places") == 2
    sheet = load_workbook(tmp_path / "places.xlsx").active
    assert [c.value for c in sheet[1]] == ["Name", "Letters"]
    assert [c.value for c in sheet[3]] == ["Melton", "6"]


def test_every_table_in_the_window_can_be_exported(qtbot, seeded: Workspace, tmp_path: Path) -> None:
    win = MainWindow(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(win)
    win.show_page("Engagement")
    win.engagement.tabs.setCurrentWidget(win.engagement.coverage)
    missing = [
        v.objectName()
        for v in win.findChildren(QTableView)
        if v.contextMenuPolicy() != Qt.ContextMenuPolicy.ActionsContextMenu
        and not any("Export" in a.text() for a in v.actions())
    ]
    assert missing == []


def test_table_contents_fetches_every_page(qtbot, seeded: Workspace, tmp_path: Path, monkeypatch) -> None:
    from pcc_desktop.services.actions import ActionInput, create_action
    from pcc_desktop.ui import action_table_model

    for n in range(5):
        seeded.act(
            create_action,
            ActionInput(title=f"Action {n}", owner_id=seeded.actor_id, logged_on=date(2025, 6, 1)),
        )
    monkeypatch.setattr(action_table_model, "PAGE_SIZE", 2)
    win = MainWindow(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(win)
    win.show_page("Actions")
    _headers, rows = table_contents(win.action_page.model)
    assert len(rows) == 5
