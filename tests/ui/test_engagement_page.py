"""The Engagement page: the paged list model, planning through the form, status moves, export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pcc_desktop.models import AreaKind, EngagementStatus, EngagementType
from pcc_desktop.services import engagements, reference_data
from pcc_desktop.services.engagements import EngagementFilter, EngagementInput
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import ReasonDialog
from pcc_desktop.ui.engagement_page import CAPTURE_TAB, COUNCILLORS_TAB, PLAN_TAB, EngagementPage
from pcc_desktop.ui.engagement_table_model import EngagementTableModel
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would block the test: fail loudly instead."""

    def unexpected(*args: object, **_kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


def place_with_npa(ws: Workspace) -> tuple[object, object]:
    """A ward/parish of the reference data and the NPA it counts towards."""
    place = next(a for a in ws.run(reference_data.list_areas, AreaKind.PLACE) if a.npa_id)
    return place.id, place.npa_id


def add_engagement(
    ws: Workspace, held_on: date, place: str = "Melton Library"
) -> engagements.EngagementDetail:
    area_id, npa_id = place_with_npa(ws)
    data = EngagementInput(
        kind=EngagementType.COMMUNITY_DAY, held_on=held_on, area_id=area_id, npa_id=npa_id, place_name=place
    )
    return ws.act(engagements.create_engagement, data)  # type: ignore[arg-type]


@pytest.fixture
def page(qtbot: QtBot, seeded: Workspace, tmp_path: Path) -> Iterator[EngagementPage]:
    widget = EngagementPage(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.start()
    widget.show()
    yield widget


def test_table_model_passes_the_model_tester(qtmodeltester, seeded: Workspace) -> None:
    for day in (3, 10, 17):
        add_engagement(seeded, date(2025, 6, day), f"Hall {day}")
    calls: list[tuple] = []

    def fetch(flt, key, descending, offset, limit):
        calls.append((key, descending, offset))
        return seeded.run(engagements.list_engagements, flt, key, descending, offset, limit)

    model = EngagementTableModel(fetch)
    model.sort(4)
    assert calls == [], "nothing is fetched before the first reload"
    model.set_filter(EngagementFilter())
    assert model.rowCount() == 3 and model.total == 3
    assert model.row_at(0).place == "Hall 10", "sorted by place (as text) in SQL"
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert calls[-1] == ("held_on", True, 0)
    assert model.row_at(0).place == "Hall 17"


def test_start_shows_upcoming_and_recent(page: EngagementPage, seeded: Workspace) -> None:
    add_engagement(seeded, date(2025, 6, 25), "Next week")
    add_engagement(seeded, date(2024, 1, 10), "Long ago")
    page.start()
    assert page.filter_bar.view_combo.currentText() == "Upcoming and recent"
    places = [page.model.row_at(r).place for r in range(page.model.rowCount())]
    assert places == ["Next week"]
    assert page.form.heading.text().startswith("ENG-2025-")


def test_empty_view_shows_the_empty_state(page: EngagementPage) -> None:
    assert page.list_stack.currentWidget() is page.empty_label
    assert not page.tabs.isTabEnabled(CAPTURE_TAB) and not page.tabs.isTabEnabled(COUNCILLORS_TAB)


def test_new_community_day_needs_an_npa_and_the_area_fills_it_in(
    page: EngagementPage, seeded: Workspace, qtbot: QtBot
) -> None:
    page.new_record()
    form = page.form
    assert form.heading.text() == "New engagement"
    assert form.kind_combo.current_id() == EngagementType.COMMUNITY_DAY
    assert form.date_edit.value() == date(2025, 6, 18)
    assert not page.dirty
    qtbot.keyClicks(form.place_edit, "Oakham Victoria Hall")
    assert page.dirty
    assert page.save_current() is False
    assert form._errors["npa_id"].isVisibleTo(form)
    assert "NPA" in form._errors["npa_id"].text()
    area_id, npa_id = place_with_npa(seeded)
    form.area_combo.set_current_id(area_id)
    assert form.npa_combo.current_id() == npa_id, "the area's NPA is filled in"
    assert page.save_current() is True
    assert not form._errors["npa_id"].isVisibleTo(form)
    assert page._current is not None and page._current.place_name == "Oakham Victoria Hall"
    assert page._current.status == EngagementStatus.PLANNED
    assert page.tabs.isTabEnabled(CAPTURE_TAB) and page.tabs.isTabEnabled(COUNCILLORS_TAB)
    assert page.model.row_of(page._current.id) >= 0


def test_lead_staff_only_for_staff_led(page: EngagementPage) -> None:
    from pcc_desktop.models import EngagementLead

    page.new_record()
    assert not page.form.lead_staff_combo.isEnabled()
    page.form.lead_combo.set_current_id(EngagementLead.STAFF)
    assert page.form.lead_staff_combo.isEnabled()


def test_edit_and_revert(page: EngagementPage, seeded: Workspace, qtbot: QtBot) -> None:
    add_engagement(seeded, date(2025, 6, 20))
    page.reload()
    page.form.place_edit.clear()
    qtbot.keyClicks(page.form.place_edit, "Changed")
    page.revert_current()
    assert page.form.place_edit.text() == "Melton Library" and not page.dirty
    page.form.place_edit.end(False)
    qtbot.keyClicks(page.form.place_edit, " (upstairs)")
    assert page.save_current()
    assert seeded.run(engagements.get_engagement, page._current.id).place_name == "Melton Library (upstairs)"


def test_mark_held_and_cancel(
    page: EngagementPage, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_engagement(seeded, date(2025, 6, 18))
    page.reload()
    assert page.commands["held"].isEnabled()
    page.commands["held"].trigger()
    assert page._current.status == EngagementStatus.HELD
    assert page.commands["replan"].isEnabled() and not page.commands["cancel"].isEnabled()
    page.commands["replan"].trigger()

    def fake_exec(dialog: ReasonDialog) -> bool:
        dialog.reason_edit.setPlainText("Clashes with the Panel meeting")
        dialog._on_ok()
        return dialog.result() == 1

    monkeypatch.setattr(ReasonDialog, "exec", fake_exec)
    page.commands["cancel"].trigger()
    assert page._current.status == EngagementStatus.CANCELLED


def test_capture_command_switches_tab_and_focuses_text(page: EngagementPage, seeded: Workspace) -> None:
    add_engagement(seeded, date(2025, 6, 18))
    page.reload()
    page.commands["capture"].trigger()
    assert page.tabs.currentIndex() == CAPTURE_TAB
    assert page.focusWidget() is page.capture.text_edit


def test_shortcuts_avoid_the_window_s_keys(page: EngagementPage) -> None:
    taken = {"Ctrl+N", "Ctrl+S", "Ctrl+F", "F5", "Esc"}
    keys = {a.shortcut().toString() for a in page.commands.values()} - {""}
    assert keys.isdisjoint(taken)
    assert page.commands["capture"].shortcut().toString() == "Ctrl+Shift+C"


def test_export_writes_the_filtered_list(
    page: EngagementPage, seeded: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_engagement(seeded, date(2025, 6, 20), "Oakham")
    add_engagement(seeded, date(2020, 6, 20), "Outside the view")
    page.reload()
    out = tmp_path / "eng.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.commands["export"].trigger()
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["Reference", "Date", "Type"]
    assert [r[4] for r in rows[1:]] == ["Oakham"]
    xlsx = tmp_path / "eng.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(xlsx), ""))
    page.commands["export"].trigger()
    assert xlsx.read_bytes()[:2] == b"PK"


def _name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def unnamed(root: QWidget) -> list[str]:
    """Visible controls a screen reader would announce without a name (as in test_main_window)."""
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
    return [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}"
        for w in root.findChildren(QWidget)
        if isinstance(w, kinds) and not isinstance(w, QHeaderView) and w.isVisible() and not _name(w).strip()
    ]


@pytest.mark.parametrize("tab", [PLAN_TAB, CAPTURE_TAB, COUNCILLORS_TAB])
def test_every_visible_control_has_an_accessible_name(
    page: EngagementPage, seeded: Workspace, tab: int
) -> None:
    add_engagement(seeded, date(2025, 6, 18))
    page.reload()
    page.tabs.setCurrentIndex(tab)
    assert unnamed(page) == []


def test_form_mnemonics_are_unique(page: EngagementPage) -> None:
    from PySide6.QtWidgets import QCheckBox, QLabel

    texts = [w.text() for w in page.form.findChildren(QLabel) + page.form.findChildren(QCheckBox)]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(letters) >= 18 and len(letters) == len(set(letters))
