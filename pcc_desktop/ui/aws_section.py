"""The Animal Welfare Scheme section: Dog Unit visit reports, the monthly schedule, dogs, statistics."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import install_table_exports
from pcc_desktop.ui.tasks import TaskRunner


def _schedule(ws: Workspace, tasks: TaskRunner, parent: QWidget) -> QWidget:
    from pcc_desktop.ui.aws_schedule_panel import AwsSchedulePanel

    return AwsSchedulePanel(ws, tasks, parent)


def _dogs(ws: Workspace, tasks: TaskRunner, parent: QWidget) -> QWidget:
    from pcc_desktop.ui.aws_dogs_panel import AwsDogsPanel

    return AwsDogsPanel(ws, tasks, parent)


def _register(ws: Workspace, tasks: TaskRunner, parent: QWidget) -> QWidget:
    from pcc_desktop.ui.aws_register_panel import AwsRegisterPanel

    return AwsRegisterPanel(ws, tasks, parent)


def _statistics(ws: Workspace, tasks: TaskRunner, parent: QWidget) -> QWidget:
    from pcc_desktop.ui.aws_statistics_panel import AwsStatisticsPanel

    return AwsStatisticsPanel(ws, tasks, parent)


# The tabs after "Visit reports": (key, label, factory). Each is built the first time it is opened,
# so the section costs little until the coordinator uses it (pyqtgraph loads only for statistics).
LAZY_TABS: tuple[tuple[str, str, Callable[[Workspace, TaskRunner, QWidget], QWidget]], ...] = (
    ("schedule", "&Schedule", _schedule),
    ("dogs", "&Dogs seen and not seen", _dogs),
    ("register", "Re&gister", _register),
    ("statistics", "S&tatistics", _statistics),
)


class AwsSection(QWidget):
    """Tabs for the Dog Unit visit reports, schedule, dog coverage, register and statistics.

    The window's Edit commands (New, Save, Revert, Find) reach the visit reports whatever tab is
    showing, as in the custody visiting section; the other tabs are built when first opened.
    """

    message = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from pcc_desktop.ui.aws_visit_page import AwsVisitPage

        self.setObjectName("aws_section")
        self._ws, self._tasks = workspace, tasks
        self.visits = AwsVisitPage(workspace, settings, tasks, self)
        self._panels: dict[str, QWidget] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("aws_tabs")
        self.tabs.setAccessibleName("Animal welfare views")
        self.tabs.addTab(self.visits, "Visit &reports")
        for _key, label, _factory in LAZY_TABS:
            self.tabs.addTab(QWidget(self), label)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.visits.message.connect(self.message)
        self.commands = {
            **getattr(self.visits, "commands", {}),
            "review": self._review_command(),
            "print_record": self._print_command(),
        }

    def _review_command(self) -> QAction:
        action = QAction("Re&view Dog Unit report…", self)
        action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip("Review a submitted report and raise findings for the Dog Unit")
        action.triggered.connect(lambda _checked=False: self.review())
        return action

    def _print_command(self) -> QAction:
        action = QAction("&Print visit record…", self)
        action.setShortcut(QKeySequence("Ctrl+P"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: self.print_record())
        return action

    def panel(self, key: str) -> QWidget:
        """The tab called ``key`` (schedule, dogs, register, statistics), built the first time."""
        if key not in self._panels:
            position = [k for k, _label, _factory in LAZY_TABS].index(key)
            _key, label, factory = LAZY_TABS[position]
            index = position + 1  # "Visit reports" is tab 0
            panel = factory(self._ws, self._tasks, self)
            panel.message.connect(self.message)  # type: ignore[attr-defined]
            install_table_exports(panel)
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            old = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, panel, label)
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            old.deleteLater()
            self._panels[key] = panel
        return self._panels[key]

    def show_tab(self, key: str) -> QWidget:
        """Bring the tab called ``key`` forward (``visits`` for the reports) and return it."""
        widget = self.visits if key == "visits" else self.panel(key)
        self.tabs.setCurrentWidget(widget)
        return widget

    def _on_tab_changed(self, index: int) -> None:
        if index == 0:
            self.visits.reload()
            return
        key = LAZY_TABS[index - 1][0]
        self.panel(key).reload()  # type: ignore[attr-defined]

    def start(self) -> None:
        """First show."""
        self.visits.start()

    def reload(self) -> None:
        """Refresh the visible tab."""
        self.tabs.currentWidget().reload()  # type: ignore[attr-defined]

    def new_record(self) -> None:
        """Edit → New: a new Dog Unit visit report."""
        self.show_tab("visits")
        self.visits.new_record()

    def save_current(self) -> bool:
        """Edit → Save: save the report being written."""
        return self.visits.save_current()

    def revert_current(self) -> None:
        """Edit → Revert: throw away unsaved edits to the report."""
        self.visits.revert_current()

    def focus_search(self) -> None:
        """Edit → Find: search the visit reports."""
        self.show_tab("visits")
        self.visits.focus_search()

    def confirm_discard(self) -> bool:
        """Ask before unsaved edits are lost."""
        return self.visits.confirm_discard()

    def review(self) -> None:
        """Review the selected submitted report: findings become actions for the Dog Unit."""
        self.show_tab("visits")
        self.visits.review()

    def print_record(self) -> None:
        """Write the selected submitted report as a PDF record for the file."""
        from pcc_desktop.ui.visit_record_command import print_visit_record

        if not self.visits.confirm_discard():
            return
        print_visit_record(self, self._ws, self._tasks, "dog-unit", self.visits.current, self.message.emit)
