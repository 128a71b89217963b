"""The Engagement section: the engagement list, coverage and themes, and "You said, we did"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from pcc_desktop.models import EngagementStatus
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.engagement_page import EngagementPage
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import install_table_exports
from pcc_desktop.ui.tasks import TaskRunner

COVERAGE_TAB, YOU_SAID_TAB = 1, 2


class EngagementSection(QWidget):
    """Tabs for the engagement list, coverage and "You said, we did", with the debrief command.

    The window's Edit commands (New, Save, Revert, Find) reach the engagement list whatever tab
    is showing: New and Find bring the list tab forward first, as a user would expect.
    """

    message = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("engagement_section")
        self._ws = workspace
        self._tasks = tasks
        self.page = EngagementPage(workspace, settings, tasks, self)
        # Coverage and "You said, we did" are built when first opened: their charts and statistics
        # (pyqtgraph, pandas) would otherwise add half a second to every start of the app.
        self._panels: dict[int, QWidget] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("engagement_tabs")
        self.tabs.setAccessibleName("Engagement views")
        self.tabs.addTab(self.page, "&Engagements")
        self.tabs.addTab(QWidget(self), "Coverage and t&hemes")
        self.tabs.addTab(QWidget(self), "&You said, we did")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.page.message.connect(self.message)
        self.commands = {
            **self.page.commands,
            "debrief": self._debrief_command(),
            "import": self._import_command(),
        }

    def _debrief_command(self) -> QAction:
        action = QAction("&Debrief…", self)
        action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip("Turn what was raised into actions, in one step")
        action.triggered.connect(lambda _checked=False: self.debrief())
        return action

    def _import_command(self) -> QAction:
        action = QAction("&Import engagements…", self)
        action.setShortcut(QKeySequence("Ctrl+I"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip("Import an engagement log (CSV or Excel): every row, or none")
        action.triggered.connect(lambda _checked=False: self.import_file())
        return action

    def import_file(self) -> None:
        """Import an engagement log; every bad row is listed and nothing is imported."""
        from pcc_desktop.ui.import_dialog import run_import

        def imported(count: int) -> None:
            self.message.emit(f"Imported {count:,} engagements")
            self.page.reload()

        run_import(self, self._ws, self._tasks, imported, what="engagements")

    @property
    def coverage(self) -> QWidget:
        """The Coverage and themes panel (built on first use)."""
        return self._panel(COVERAGE_TAB)

    @property
    def you_said(self) -> QWidget:
        """The "You said, we did" panel (built on first use)."""
        return self._panel(YOU_SAID_TAB)

    def _panel(self, index: int) -> QWidget:
        if index not in self._panels:
            if index == COVERAGE_TAB:
                from pcc_desktop.ui.coverage_panel import CoveragePanel

                panel: QWidget = CoveragePanel(self._ws, self._tasks, self)
            else:
                from pcc_desktop.ui.you_said_we_did_panel import YouSaidWeDidPanel

                panel = YouSaidWeDidPanel(self._ws, self._tasks, self)
            self._panels[index] = panel
            install_table_exports(panel)
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            old = self.tabs.widget(index)
            text = self.tabs.tabText(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, panel, text)
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            old.deleteLater()
        return self._panels[index]

    def _on_tab_changed(self, index: int) -> None:
        if index in (COVERAGE_TAB, YOU_SAID_TAB):
            self._panel(index).reload()  # type: ignore[attr-defined]

    def start(self) -> None:
        """First show."""
        self.page.start()

    def reload(self) -> None:
        """Refresh the visible tab."""
        self.tabs.currentWidget().reload()  # type: ignore[attr-defined]

    def _to_list(self) -> EngagementPage:
        self.tabs.setCurrentWidget(self.page)
        return self.page

    def new_record(self) -> None:
        """Edit → New: plan a new engagement."""
        self._to_list().new_record()

    def save_current(self) -> bool:
        """Edit → Save: save the engagement being edited."""
        return self.page.save_current()

    def revert_current(self) -> None:
        """Edit → Revert: throw away unsaved edits to the engagement."""
        self.page.revert_current()

    def focus_search(self) -> None:
        """Edit → Find: search the engagement list."""
        self._to_list().focus_search()

    def confirm_discard(self) -> bool:
        """Ask before unsaved edits are lost."""
        return self.page.confirm_discard()

    def debrief(self) -> None:
        """Debrief the selected engagement: feedback items become actions, in one step."""
        current = self.page.current
        if current is None or not self.page.confirm_discard():
            return
        if current.status != EngagementStatus.HELD:
            QMessageBox.information(self, "Debrief", "Mark the engagement as held before debriefing it.")
            return
        from pcc_desktop.ui.debrief_dialog import DebriefDialog  # only when debriefing

        dialog = DebriefDialog(self._ws, current.id, self)
        if dialog.exec():
            refs = dialog.result_references()
            self.message.emit(
                f"Debriefed {current.reference}: {len(refs)} action{'s' if len(refs) != 1 else ''}"
                + (f" ({', '.join(refs)})" if refs else "")
            )
            self.page.reload()
