"""The main window: navigation on the left, one page per area, menus and a status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.action_page import ActionPage
from pcc_desktop.ui.admin_page import AdminPage
from pcc_desktop.ui.engagement_section import EngagementSection
from pcc_desktop.ui.file_commands import FileCommands
from pcc_desktop.ui.help_dialogs import AboutDialog, ShortcutsDialog
from pcc_desktop.ui.icv_section import IcvSection
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import install_table_exports
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.volunteer_page import VolunteerPage

# Edit menu: (key, text, page method, shortcut); each page implements what makes sense for it.
EDIT_COMMANDS = [
    ("new", "&New", "new_record", QKeySequence.StandardKey.New),
    ("save", "&Save", "save_current", QKeySequence.StandardKey.Save),
    ("revert", "&Revert changes", "revert_current", "Esc"),
    ("find", "&Find…", "focus_search", QKeySequence.StandardKey.Find),
    ("refresh", "Re&fresh", "reload", QKeySequence.StandardKey.Refresh),
]

# Mnemonics for View → Go to …; each page's letter must differ from the others.
MENU_LABELS = {
    "Engagement": "&Engagement",
    "Actions": "&Actions",
    "ICV": "&ICV (custody visiting)",
    "Volunteers": "&Volunteers",
    "Admin": "A&dmin",
}


class MainWindow(QMainWindow):
    """Top-level window of PCC Desktop."""

    def __init__(
        self,
        workspace: Workspace,
        settings: AppSettings,
        tasks: TaskRunner,
        user_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle("PCC Desktop")
        self._ws, self._settings, self._tasks = workspace, settings, tasks
        self.engagement = EngagementSection(workspace, settings, tasks, self)
        self.action_page = ActionPage(workspace, settings, tasks, self)
        self.icv = IcvSection(workspace, settings, tasks, self)
        self.volunteers = VolunteerPage(workspace, settings, tasks, self)
        self.admin_page = AdminPage(workspace, self)
        self.files = FileCommands(self, workspace, tasks)
        self._pages: list[tuple[str, QWidget, Callable[[], None]]] = [
            ("Engagement", self.engagement, self.engagement.reload),
            ("Actions", self.action_page, self.action_page.reload),
            ("ICV", self.icv, self.icv.reload),
            ("Volunteers", self.volunteers, self.volunteers.reload),
            ("Admin", self.admin_page, self.admin_page.reload),
        ]
        self._started: set[str] = set()
        self._build_central()
        self.commands: dict[str, QAction] = {}
        self._create_menus()
        self._create_status_bar(user_name)
        self.action_page.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.engagement.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.volunteers.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.icv.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.files.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        tasks.busy_changed.connect(self._on_busy_changed)
        self._restore_state()
        install_table_exports(self)
        self.show_page(settings.last_page if settings.last_page in dict(MENU_LABELS) else "Actions")

    def _build_central(self) -> None:
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Sections")
        self.nav.setMaximumWidth(180)
        self.stack = QStackedWidget(self)
        for name, page, _reload in self._pages:
            self.nav.addItem(name)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._on_nav_changed)
        self.nav.blockSignals(True)  # the first page is chosen once everything exists
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([150, 1100])
        self.setCentralWidget(self.splitter)
        self.nav.setCurrentRow(-1)
        self.nav.blockSignals(False)

    def _on_nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self._pages):
            return
        name, page, reload = self._pages[row]
        self.stack.setCurrentIndex(row)
        if name in self._started:
            reload()
        else:
            self._started.add(name)
            getattr(page, "start", reload)()
        self._settings.last_page = name
        if hasattr(self, "commands"):
            self._update_page_commands()

    def show_page(self, name: str) -> None:
        """Switch to the page called ``name``."""
        names = [n for n, _p, _r in self._pages]
        self.nav.setCurrentRow(names.index(name))

    def _add(self, menu: QMenu, key: str, action: QAction) -> None:
        self.commands[key] = action
        menu.addAction(action)
        self.addAction(action)

    def _new(
        self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self._create_file_menu(bar.addMenu("&File"))
        self._create_edit_menu(bar.addMenu("&Edit"))
        self._page_menus: list[tuple[QWidget, list[QAction]]] = []
        page_menus = (
            ("E&ngagement", self.engagement),
            ("&Actions", self.action_page),
            ("&ICV", self.icv),
            ("V&olunteers", self.volunteers),
        )
        for title, page in page_menus:
            menu = bar.addMenu(title)
            for key, action in page.commands.items():
                self._add(menu, f"{page.objectName()}:{key}", action)
            self._page_menus.append((page, list(page.commands.values())))
        view_menu = bar.addMenu("&View")
        for number, (name, _page, _reload) in enumerate(self._pages, start=1):
            action = self._new(
                f"Go to {MENU_LABELS[name]}", lambda n=name: self.show_page(n), f"Ctrl+{number}"
            )
            self._add(view_menu, f"show_{name.lower()}", action)
        help_menu = bar.addMenu("&Help")
        shortcuts = self._new(
            "&Keyboard shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents
        )
        self._add(help_menu, "shortcuts", shortcuts)
        about = self._new("&About PCC Desktop", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self._add(help_menu, "about", about)
        self._update_page_commands()

    def _create_file_menu(self, menu: QMenu) -> None:
        self._add(menu, "backup", self._new("&Back up now…", self.files.back_up, "Ctrl+B"))
        self._add(menu, "restore", self._new("&Restore from backup…", self.files.restore))
        menu.addSeparator()
        quit_action = self._new("&Quit", self.close)
        quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self._add(menu, "quit", quit_action)

    def _create_edit_menu(self, menu: QMenu) -> None:
        """Commands every page answers in its own way (New action, New engagement, …)."""
        for key, text, method, shortcut in EDIT_COMMANDS:
            action = self._new(text, lambda m=method: self._on_page_command(m), shortcut)
            self._add(menu, key, action)

    def _on_page_command(self, method: str) -> None:
        handler = getattr(self.stack.currentWidget(), method, None)
        if callable(handler):
            handler()

    def _update_page_commands(self) -> None:
        """Only the visible page's commands are enabled, so shortcuts never clash between pages."""
        current = self.stack.currentWidget()
        for key, _text, method, _shortcut in EDIT_COMMANDS:
            self.commands[key].setEnabled(callable(getattr(current, method, None)))
        for page, actions in getattr(self, "_page_menus", []):
            for action in actions:
                action.setEnabled(page is current and not self._tasks.busy)

    def _create_status_bar(self, user_name: str) -> None:
        self.user_label = QLabel(f"Signed in as {user_name}", self)
        self.user_label.setObjectName("user_label")
        db_file = self._ws.db_file
        self.db_label = QLabel(f"Database: {db_file}" if db_file else "Database: server", self)
        self.db_label.setObjectName("db_label")
        self.busy_label = QLabel("", self)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)

    def _on_busy_changed(self, busy: bool) -> None:
        self.busy_label.setText("Working…" if busy else "")
        for key in ("backup", "restore"):
            self.commands[key].setEnabled(not busy)
        self._update_page_commands()

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts."""
        ShortcutsDialog(self.commands.values(), self).exec()

    def show_about(self) -> None:
        """Help → About."""
        AboutDialog(self._ws.db_file, self).exec()

    def _restore_state(self) -> None:
        geometry = self._settings.geometry("main_window_geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        for key, splitter in (
            ("main_splitter", self.splitter),
            ("action_splitter", self.action_page.splitter),
        ):
            state = self._settings.geometry(key)
            if state is not None:
                splitter.restoreState(state)

    def _splitters(self) -> list[tuple[str, QSplitter]]:
        return [
            ("main_splitter", self.splitter),
            ("action_splitter", self.action_page.splitter),
            ("engagement_splitter", self.engagement.page.splitter),
            ("volunteer_splitter", self.volunteers.splitter),
            ("visit_splitter", self.icv.visits.splitter),
        ]

    def _save_state(self) -> None:
        self._settings.set_geometry("main_window_geometry", self.saveGeometry())
        for key, splitter in self._splitters():
            self._settings.set_geometry(key, splitter.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        pages = (self.engagement, self.action_page, self.icv, self.volunteers)
        if not all(page.confirm_discard() for page in pages):
            event.ignore()
            return
        self._tasks.wait()
        self._save_state()
        super().closeEvent(event)
