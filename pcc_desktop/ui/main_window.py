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
from pcc_desktop.ui.engagement_section import EngagementSection
from pcc_desktop.ui.file_commands import FileCommands
from pcc_desktop.ui.help_dialogs import AboutDialog, ShortcutsDialog
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import install_table_exports
from pcc_desktop.ui.tasks import TaskRunner

# Edit menu: (key, text, page method, shortcut); each page implements what makes sense for it.
EDIT_COMMANDS = [
    ("new", "&New", "new_record", QKeySequence.StandardKey.New),
    ("save", "&Save", "save_current", QKeySequence.StandardKey.Save),
    ("revert", "&Revert changes", "revert_current", "Esc"),
    ("find", "&Find…", "focus_search", QKeySequence.StandardKey.Find),
    ("refresh", "Re&fresh", "reload", QKeySequence.StandardKey.Refresh),
]

# Menus of page-specific commands: (menu title, page name); enabled only on their own page.
PAGE_MENUS = (
    ("E&ngagement", "Engagement"),
    ("&Actions", "Actions"),
    ("&ICV", "ICV"),
    ("Animal &welfare", "AWS"),
    ("V&olunteers", "Volunteers"),
)

# Mnemonics for View → Go to …; each page's letter must differ from the others.
MENU_LABELS = {
    "Dashboard": "Das&hboard",
    "Engagement": "&Engagement",
    "Actions": "&Actions",
    "ICV": "&ICV (custody visiting)",
    "AWS": "Animal &welfare (AWS)",
    "Volunteers": "&Volunteers",
    "Reports": "&Reports",
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
        self.files = FileCommands(self, workspace, tasks)
        # ICV, AWS, Volunteers and Admin are built the first time they are opened (or their menu is):
        # most mornings start on Actions or Engagement, and building every page slowed start-up.
        self._built: dict[str, QWidget] = {
            "Engagement": self.engagement,
            "Actions": self.action_page,
        }
        self._factories: dict[str, Callable[[], QWidget]] = {
            "Dashboard": lambda: _dashboard_page(workspace, tasks, self),
            "ICV": lambda: _icv_section(workspace, settings, tasks, self),
            "AWS": lambda: _aws_section(workspace, settings, tasks, self),
            "Volunteers": lambda: _volunteer_page(workspace, settings, tasks, self),
            "Reports": lambda: _reports_page(workspace, settings, tasks, self),
            "Admin": lambda: _admin_page(workspace, self),
        }
        self._page_names = list(MENU_LABELS)  # the navigation's order
        self._menus: dict[str, QMenu] = {}
        self._started: set[str] = set()
        self._restored: set[str] = set()
        self._build_central()
        self.commands: dict[str, QAction] = {}
        self._create_menus()
        self._create_status_bar(user_name)
        for page in (self.action_page, self.engagement):
            page.message.connect(self._show_message)
        self.files.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        tasks.busy_changed.connect(self._on_busy_changed)
        self._restore_state()
        install_table_exports(self)
        # The dashboard is the home page the first time; after that, the page last used.
        self.show_page(settings.last_page if settings.last_page in dict(MENU_LABELS) else "Dashboard")

    def _build_central(self) -> None:
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Sections")
        self.nav.setMaximumWidth(180)
        self.stack = QStackedWidget(self)
        for name in self._page_names:
            self.nav.addItem(name)
            self.stack.addWidget(self._built.get(name) or QWidget(self))
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
        if not 0 <= row < len(self._page_names):
            return
        name = self._page_names[row]
        page = self.page(name)
        self.stack.setCurrentIndex(row)
        if name in self._started:
            page.reload()  # type: ignore[attr-defined]
        else:
            self._started.add(name)
            getattr(page, "start", page.reload)()  # type: ignore[attr-defined]
        self._settings.last_page = name
        if hasattr(self, "commands"):
            self._update_page_commands()

    def show_page(self, name: str) -> None:
        """Switch to the page called ``name``."""
        self.nav.setCurrentRow(self._page_names.index(name))

    @property
    def icv(self) -> QWidget:
        """The ICV section (built on first use)."""
        return self.page("ICV")

    @property
    def dashboard(self) -> QWidget:
        """The dashboard, the home page (built on first use)."""
        return self.page("Dashboard")

    @property
    def aws(self) -> QWidget:
        """The Animal Welfare Scheme section (built on first use)."""
        return self.page("AWS")

    @property
    def admin_page(self) -> QWidget:
        """The Admin page (built on first use)."""
        return self.page("Admin")

    @property
    def volunteers(self) -> QWidget:
        """The Volunteers page (built on first use)."""
        return self.page("Volunteers")

    def page(self, name: str) -> QWidget:
        """The page called ``name``, building it (and filling its menu) the first time."""
        if name not in self._built:
            page = self._factories[name]()
            index = self._page_names.index(name)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[name] = page
            if hasattr(page, "message"):
                page.message.connect(self._show_message)
            self._fill_page_menu(name, page)
            install_table_exports(page)
            self._restore_splitters()
            self._update_page_commands()
        return self._built[name]

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

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
        for title, name in PAGE_MENUS:
            menu = bar.addMenu(title)
            self._menus[name] = menu
            if name in self._built:
                self._fill_page_menu(name, self._built[name])
            else:  # opening the menu builds the page, so its commands can be seen
                menu.aboutToShow.connect(lambda n=name: self.page(n))
        view_menu = bar.addMenu("&View")
        for number, name in enumerate(self._page_names, start=1):
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

    def _fill_page_menu(self, name: str, page: QWidget) -> None:
        menu = self._menus.get(name)
        commands = getattr(page, "commands", {})
        if menu is None or not commands:
            return
        for key, action in commands.items():
            self._add(menu, f"{page.objectName()}:{key}", action)
        self._page_menus.append((page, list(commands.values())))

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
        self._restore_splitters()

    def _restore_splitters(self) -> None:
        for key, splitter in self._splitters():
            state = self._settings.geometry(key)
            if state is not None and key not in self._restored:
                splitter.restoreState(state)
            self._restored.add(key)

    def _splitters(self) -> list[tuple[str, QSplitter]]:
        """Splitters whose layout is remembered, of the pages built so far."""
        found = [("main_splitter", self.splitter)]
        for page in self._built.values():
            found += [(s.objectName(), s) for s in page.findChildren(QSplitter) if s.objectName()]
        return found

    def _save_state(self) -> None:
        self._settings.set_geometry("main_window_geometry", self.saveGeometry())
        for key, splitter in self._splitters():
            self._settings.set_geometry(key, splitter.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        pages = [p for p in self._built.values() if hasattr(p, "confirm_discard")]
        if not all(page.confirm_discard() for page in pages):  # type: ignore[attr-defined]
            event.ignore()
            return
        self._tasks.wait()
        self._save_state()
        super().closeEvent(event)


def _icv_section(workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget) -> QWidget:
    from pcc_desktop.ui.icv_section import IcvSection

    return IcvSection(workspace, settings, tasks, parent)


def _aws_section(workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget) -> QWidget:
    from pcc_desktop.ui.aws_section import AwsSection

    return AwsSection(workspace, settings, tasks, parent)


def _dashboard_page(workspace: Workspace, tasks: TaskRunner, parent: MainWindow) -> QWidget:
    from pcc_desktop.ui.dashboard_links import follow
    from pcc_desktop.ui.dashboard_page import DashboardPage

    page = DashboardPage(workspace, tasks, parent)
    page.open_list.connect(lambda target, argument: follow(parent, target, argument))
    return page


def _reports_page(workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget) -> QWidget:
    from pcc_desktop.ui.reports_page import ReportsPage

    return ReportsPage(workspace, settings, tasks, parent)


def _volunteer_page(
    workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget
) -> QWidget:
    from pcc_desktop.ui.volunteer_page import VolunteerPage

    return VolunteerPage(workspace, settings, tasks, parent)


def _admin_page(workspace: Workspace, parent: QWidget) -> QWidget:
    from pcc_desktop.ui.admin_page import AdminPage

    return AdminPage(workspace, parent)
