"""Admin page: lists the seeded reference data; add/edit dialogs save or show errors at the field."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QTableView, QWidget

from pcc_desktop.models import ChecklistArea
from pcc_desktop.models.database import make_engine
from pcc_desktop.models.migrations import upgrade
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.custody_reference_data import list_checklist_items, list_request_categories
from pcc_desktop.services.reference_data import (
    list_areas,
    list_custody_suites,
    list_themes,
    seed_reference_data,
)
from pcc_desktop.services.staff import StaffData, list_staff, save_staff
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.admin_page import TAB_SPECS, AdminPage, ReferenceTab
from pcc_desktop.ui.custody_reference_dialogs import ChecklistItemDialog, RequestCategoryDialog
from pcc_desktop.ui.reference_dialogs import AreaDialog, CustodySuiteDialog, StaffDialog, ThemeDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def admin_ws(tmp_path: Path) -> Iterator[Workspace]:
    """A migrated, seeded SQLite file with one member of staff signed in."""
    engine = make_engine(tmp_path / "t.sqlite3")
    upgrade(engine)
    ws = Workspace(engine)
    ws.actor_id = ws.run(save_staff, None, StaffData(id=None, name="Test User")).id
    ws.run(seed_reference_data)
    ws.run(seed_custody_reference)
    yield ws
    ws.dispose()


@pytest.fixture
def page(qtbot, admin_ws: Workspace) -> AdminPage:
    widget = AdminPage(admin_ws)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def _names(tab: ReferenceTab) -> list[str]:
    return [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]


def _ok(dialog: QWidget) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_page_lists_seeded_reference_data(page: AdminPage) -> None:
    assert page.objectName() == "admin_page"
    themes = page.show_tab("themes")
    assert page.findChild(QTableView, "themes_table") is themes.table
    assert "Anti-social behaviour" in _names(themes)
    assert _names(themes) == sorted(_names(themes), key=str.lower)
    assert page.tab("custody_suites").proxy.rowCount() == 3
    assert page.tab("staff").proxy.rowCount() == 1
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "&Staff",
        "A&reas",
        "&Organisations",
        "&Themes",
        "&Custody suites",
        "Re&quest categories",
        "Chec&klists",
        "Co&verage settings",
    ]
    mnemonics = [
        t[t.index("&") + 1].lower() for t in (page.tabs.tabText(i) for i in range(page.tabs.count()))
    ]
    assert len(set(mnemonics)) == len(mnemonics)
    assert not set(mnemonics) & {"l", "i", "a", "e", "d"}  # Fi&lter, Show &inactive, &Add, &Edit, &Delete


def test_filter_narrows_the_list(page: AdminPage) -> None:
    areas = page.show_tab("areas")
    areas.filter.setText("neighbourhood policing")
    assert areas.proxy.rowCount() == 8
    areas.filter.clear()
    assert areas.proxy.rowCount() > 8


def test_adding_a_theme_saves_it(page: AdminPage, admin_ws: Workspace) -> None:
    themes = page.show_tab("themes")
    themes.findChild(QPushButton, "themes_add").click()
    dialog = themes.editor
    assert isinstance(dialog, ThemeDialog)
    dialog.name.setText("Catalytic converter theft")
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "Catalytic converter theft" in {t.name for t in admin_ws.run(list_themes)}
    assert "Catalytic converter theft" in _names(themes)
    assert themes.current_row().name == "Catalytic converter theft"


def test_empty_name_shows_the_message_and_saves_nothing(page: AdminPage, admin_ws: Workspace) -> None:
    before = len(admin_ws.run(list_themes))
    themes = page.show_tab("themes")
    dialog = themes.add()
    dialog.name.setText("   ")
    _ok(dialog)
    assert dialog.isVisible()
    assert dialog.error_text("name") == "Enter a name."
    error = dialog.findChild(QLabel, "name_error")
    assert error.isVisible() and error.accessibleName() == "Name error"
    assert dialog.banner.isVisible()
    assert dialog.name.hasFocus() or dialog.focusWidget() is dialog.name
    assert len(admin_ws.run(list_themes)) == before
    dialog.reject()


def test_duplicate_theme_is_refused_at_the_field(page: AdminPage) -> None:
    dialog = page.show_tab("themes").add()
    dialog.name.setText("burglary")
    _ok(dialog)
    assert dialog.error_text("name") == "There is already a theme called burglary."
    dialog.reject()


def test_adding_a_request_category_saves_it(page: AdminPage, admin_ws: Workspace) -> None:
    categories = page.show_tab("request_categories")
    assert "Interpreter" in _names(categories)
    categories.findChild(QPushButton, "request_categories_add").click()
    dialog = categories.editor
    assert isinstance(dialog, RequestCategoryDialog)
    dialog.name.setText("interpreter")
    _ok(dialog)
    assert dialog.error_text("name") == "There is already a request category called interpreter."
    dialog.name.setText("Spectacles")
    dialog.position.setValue(12)
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = next(c for c in admin_ws.run(list_request_categories) if c.name == "Spectacles")
    assert (saved.position, saved.active) == (12, True)
    assert "Spectacles" in _names(categories)
    assert categories.current_row().name == "Spectacles"


def test_editing_and_deleting_a_checklist_item(page: AdminPage, admin_ws: Workspace, monkeypatch) -> None:
    checklists = page.show_tab("checklist_items")
    assert checklists.proxy.rowCount() == 20 + 21
    item = admin_ws.run(list_checklist_items, ChecklistArea.CONDITIONS)[0]
    checklists.select_id(item.id)
    dialog = checklists.edit()
    assert isinstance(dialog, ChecklistItemDialog)
    assert dialog.text.text() == item.text
    dialog.area.setCurrentIndex(dialog.area.findData(ChecklistArea.RIGHTS_AND_WELFARE))
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert item.id in {i.id for i in admin_ws.run(list_checklist_items, ChecklistArea.RIGHTS_AND_WELFARE)}
    questions: list[str] = []
    monkeypatch.setattr(checklists, "confirm", lambda question: questions.append(question) or True)
    checklists.select_id(item.id)
    checklists.delete_button.click()
    assert questions == [f"Delete the checklist item “{item.text}”?"]
    assert item.id not in {i.id for i in admin_ws.run(list_checklist_items)}
    assert checklists.proxy.rowCount() == 19 + 21


def test_editing_a_suite_with_a_bad_date(page: AdminPage, admin_ws: Workspace) -> None:
    suites = page.show_tab("custody_suites")
    suites.select_id(next(s.id for s in admin_ws.run(list_custody_suites) if s.name == "Keyham Lane"))
    dialog = suites.edit()
    assert isinstance(dialog, CustodySuiteDialog)
    dialog.active_to.setText("31/02/2025")
    _ok(dialog)
    assert "Enter a date like" in dialog.error_text("active_to")
    dialog.active_to.setText("31/03/2030")
    dialog.cells.setValue(18)
    _ok(dialog)
    suite = next(s for s in admin_ws.run(list_custody_suites) if s.name == "Keyham Lane")
    assert (suite.cell_count, suite.active_to.isoformat()) == (18, "2030-03-31")


def test_area_dialog_offers_only_sensible_parents(page: AdminPage) -> None:
    dialog = page.show_tab("areas").add()
    assert isinstance(dialog, AreaDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findText("District or borough"))
    parents = [dialog.parent_area.itemText(i) for i in range(dialog.parent_area.count())]
    assert parents[0] == "(none)"
    assert all("(Local authority)" in p for p in parents[1:]) and len(parents) == 4
    dialog.reject()


def test_delete_refused_when_in_use_keeps_the_record(
    page: AdminPage, admin_ws: Workspace, monkeypatch
) -> None:
    areas = page.show_tab("areas")
    harborough = next(
        a for a in admin_ws.run(list_areas) if a.name == "Harborough" and a.kind_label.startswith("Dis")
    )
    areas.select_id(harborough.id)
    warnings: list[str] = []
    monkeypatch.setattr(areas, "confirm", lambda question: True)
    monkeypatch.setattr(
        "pcc_desktop.ui.admin_page.QMessageBox.warning", lambda *args: warnings.append(args[2])
    )
    areas.delete_button.click()
    assert warnings and "cannot be deleted" in warnings[0]
    assert harborough.id in {a.id for a in admin_ws.run(list_areas)}


def test_staff_dialog_adds_a_person(page: AdminPage, admin_ws: Workspace) -> None:
    staff = page.show_tab("staff")
    assert not staff.delete_button.isVisibleTo(staff)
    dialog = staff.add()
    assert isinstance(dialog, StaffDialog)
    dialog.name.setText("Clare Hornbuckle")
    dialog.job_title.setText("Evaluation and Scrutiny Officer")
    dialog.email.setText("not-an-email")
    _ok(dialog)
    assert dialog.error_text("email").startswith("Enter an email address")
    dialog.email.setText("clare@example.org")
    _ok(dialog)
    assert "Clare Hornbuckle" in {s.name for s in admin_ws.run(list_staff)}


def test_every_control_has_an_accessible_name(page: AdminPage, qtbot) -> None:
    for key in [spec.key for spec in TAB_SPECS]:
        tab = page.tab(key)
        for widget in (
            tab.filter,
            tab.show_inactive,
            tab.add_button,
            tab.edit_button,
            tab.delete_button,
            tab.table,
        ):
            assert widget.accessibleName(), (key, widget.objectName())
    for key in ("areas", "request_categories", "checklist_items"):
        dialog = page.tab(key).add()
        for child in dialog.findChildren(QWidget):
            if child.objectName().endswith("_input"):
                assert child.accessibleName(), child.objectName()
        dialog.reject()


def test_enter_on_a_row_opens_the_editor(page: AdminPage, qtbot) -> None:
    themes = page.show_tab("themes")
    themes.table.setFocus()
    themes.table.selectRow(0)
    qtbot.keyClick(themes.table, Qt.Key.Key_Return)
    assert isinstance(themes.editor, ThemeDialog)
    assert themes.editor.name.text() == _names(themes)[0]
    themes.editor.reject()
