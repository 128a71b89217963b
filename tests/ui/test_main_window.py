"""The main window: navigation, shortcuts, keyboard use, accessible names, remembered layout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QWidget,
)

from pcc_desktop.services.actions import ActionInput, create_action
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.help_dialogs import ShortcutsDialog
from pcc_desktop.ui.main_window import MainWindow
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui

Make = Callable[[], MainWindow]


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(*args: object, **_kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "s.ini"


@pytest.fixture
def make(qtbot, seeded: Workspace, ini: Path) -> Make:
    def build() -> MainWindow:
        win = MainWindow(seeded, AppSettings(ini), TaskRunner(synchronous=True), "Alex Tester")
        qtbot.addWidget(win)
        return win

    return build


@pytest.fixture
def win(make: Make, seeded: Workspace) -> MainWindow:
    seeded.act(
        create_action,
        ActionInput(
            title="An existing action",
            owner_id=seeded.actor_id,
            logged_on=date(2025, 6, 2),
            due_on=date(2025, 7, 1),
        ),
    )
    window = make()
    window.show_page("Actions")
    return window


def test_window_builds_with_navigation(win: MainWindow) -> None:
    items = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert items == ["Dashboard", "Engagement", "Actions", "ICV", "AWS", "Volunteers", "Reports", "Admin"]
    assert win.stack.currentWidget() is win.action_page
    win.show_page("Admin")
    assert win.stack.currentWidget() is win.admin_page
    assert "Alex Tester" in win.user_label.text()
    assert win.action_page.model.rowCount() == 1


def test_a_first_start_opens_on_the_dashboard_and_later_starts_where_you_left(make: Make) -> None:
    first = make()
    assert first.stack.currentWidget() is first.dashboard, "the dashboard is the home page"
    first.show_page("ICV")
    assert first.close()
    assert make().stack.currentWidget().objectName() == "icv_section"


def test_every_shortcut_is_listed_in_the_shortcuts_dialog(win: MainWindow, qtbot) -> None:
    with_keys = {a for a in win.findChildren(QAction) if not a.shortcut().isEmpty()}
    assert {"new", "save", "find", "backup"} <= {k for k, a in win.commands.items() if a in with_keys}
    dialog = ShortcutsDialog(win.commands.values(), win)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget, "shortcuts_table")
    listed = {table.item(r, 0).text() for r in range(table.rowCount())}
    missing = {a.text().replace("&", "") for a in with_keys} - listed
    assert not missing, f"shortcuts not in the dialog: {missing}"
    assert table.rowCount() == len(with_keys)
    assert all(table.item(r, 1).text() for r in range(table.rowCount()))


def test_ctrl_n_opens_a_blank_new_action(win: MainWindow, qtbot) -> None:
    page = win.action_page
    assert page.detail.form.heading.text().startswith("ACT-2025-0001")
    win.show()
    win.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.detail.form
    assert form.heading.text() == "New action"
    assert form.title_edit.text() == ""
    assert form.owner_combo.current_id() == page._ws.actor_id
    assert page._current is None
    assert QApplication.focusWidget() is form.title_edit, "Ctrl+N puts the cursor in the title"
    assert not page.detail.dirty, "nothing typed: closing must not ask to save the blank form"
    qtbot.keyClicks(QApplication.focusWidget(), "Ring the parish clerk")
    assert form.title_edit.text() == "Ring the parish clerk"
    assert page.detail.dirty
    page.revert_current()


def _name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def _unnamed(root: QWidget) -> list[str]:
    """Visible controls a screen reader would announce without a name.

    Header views are left out: they never take focus and reach assistive technology as the
    column-header cells of their table, which is named. The edit boxes inside editable combos
    and date boxes are included, because they are what takes the focus.
    """
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
    return [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}"
        for w in root.findChildren(QWidget)
        if isinstance(w, kinds) and not isinstance(w, QHeaderView) and w.isVisible() and not _name(w).strip()
    ]


@pytest.mark.parametrize("page_name", ["Actions", "AWS", "Reports", "Admin"])
def test_every_visible_control_has_an_accessible_name(win: MainWindow, page_name: str) -> None:
    win.show()
    win.show_page(page_name)
    assert _unnamed(win) == []


def test_layout_is_saved_on_close_and_restored(make: Make, ini: Path) -> None:
    first = make()
    first.show_page("Actions")
    assert first.height() == 800  # the first-run default
    first.show()
    first.resize(first.width(), 640)  # the offscreen screen is 800 px high: stay inside it
    first.splitter.setSizes([120, first.splitter.width() - 120])
    first.action_page.splitter.setSizes([400, first.action_page.splitter.width() - 400])
    nav_width, list_width = first.splitter.sizes()[0], first.action_page.splitter.sizes()[0]
    states = first.splitter.saveState(), first.action_page.splitter.saveState()
    assert first.close()
    keys = set(QSettings(str(ini), QSettings.Format.IniFormat).allKeys())
    assert {"ui/main_window_geometry", "ui/main_splitter", "ui/action_splitter"} <= keys
    second = make()
    assert second.height() == 640
    assert (second.splitter.saveState(), second.action_page.splitter.saveState()) == states
    # Pane sizes only settle once shown; the restored state is what carries them.
    assert nav_width == 120 and abs(list_width - 400) <= 2


def test_page_commands_follow_the_visible_page(win: MainWindow) -> None:
    status = win.action_page.commands["status"]
    assert status.isEnabled()
    assert win.commands["new"].isEnabled()
    win.show_page("Admin")
    assert not status.isEnabled(), "an Actions command must not fire while Admin is shown"
    assert not win.commands["save"].isEnabled(), "Admin has no Save"
    assert win.commands["refresh"].isEnabled()
    win.show_page("Actions")
    assert status.isEnabled()


def test_edit_new_goes_to_the_visible_page(win: MainWindow) -> None:
    win.commands["new"].trigger()
    assert win.action_page.detail.form.heading.text() == "New action"


def test_icv_and_volunteers_are_built_when_first_opened(make: Make) -> None:
    win = make()
    assert "ICV" not in win._built and "Volunteers" not in win._built
    win.show_page("ICV")
    assert "ICV" in win._built
    assert win.stack.currentWidget() is win.icv
    assert "icv_section:review" in win.commands, "its menu fills when the page is built"


def test_opening_a_page_menu_builds_the_page(make: Make) -> None:
    win = make()
    win._menus["Volunteers"].aboutToShow.emit()
    assert "Volunteers" in win._built
    assert not win.volunteers.commands["export"].isEnabled(), "its commands wait for the page to show"
