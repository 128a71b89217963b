"""The Independent Custody Visiting section: visit reports, the unannounced rota, statistics."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from pcc_desktop.models import ReportStatus
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.rota_panel import RotaPanel
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import install_table_exports
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.visit_page import VisitPage

STATISTICS_TAB = 2


class IcvSection(QWidget):
    """Tabs for visit reports, the rota and the statistics, with the coordinator's review command.

    The window's Edit commands (New, Save, Revert, Find) reach the visit reports whatever tab is
    showing. The statistics tab is built when first opened: its charts need pyqtgraph, which
    would otherwise slow every start of the app.
    """

    message = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("icv_section")
        self._ws, self._tasks = workspace, tasks
        self.visits = VisitPage(workspace, settings, tasks, self)
        self.rota = RotaPanel(workspace, tasks, self)
        self._statistics: QWidget | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("icv_tabs")
        self.tabs.setAccessibleName("Custody visiting views")
        self.tabs.addTab(self.visits, "Visit &reports")
        self.tabs.addTab(self.rota, "R&ota")
        self.tabs.addTab(QWidget(self), "&Statistics")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.visits.message.connect(self.message)
        self.rota.message.connect(self.message)
        self.commands = {
            **self.visits.commands,
            "review": self._review_command(),
            "import": self._command("&Import visit records…", self.import_visits, "Ctrl+I"),
            "print_record": self._command("&Print visit record…", self.print_record, "Ctrl+P"),
        }

    def _command(self, text: str, slot: Callable[[], None], shortcut: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _review_command(self) -> QAction:
        action = self._command("Re&view report…", self.review, "Ctrl+Shift+R")
        action.setToolTip("Review a submitted report and raise actions for the Force")
        return action

    def import_visits(self) -> None:
        """Import historic visit records (CSV or Excel): every row, or none."""
        from pcc_desktop.ui.import_dialog import run_import

        def imported(count: int) -> None:
            self.message.emit(f"Imported {count:,} visit records")
            self.visits.reload()

        run_import(self, self._ws, self._tasks, imported, what="visits")

    @property
    def statistics(self) -> QWidget:
        """The statistics panel (built on first use)."""
        if self._statistics is None:
            from pcc_desktop.ui.icv_statistics_panel import IcvStatisticsPanel

            panel = IcvStatisticsPanel(self._ws, self._tasks, self)
            install_table_exports(panel)
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            old = self.tabs.widget(STATISTICS_TAB)
            self.tabs.removeTab(STATISTICS_TAB)
            self.tabs.insertTab(STATISTICS_TAB, panel, "&Statistics")
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            old.deleteLater()
            self._statistics = panel
        return self._statistics

    def _on_tab_changed(self, index: int) -> None:
        if index == STATISTICS_TAB:
            self.statistics.reload()  # type: ignore[attr-defined]
        elif self.tabs.widget(index) is self.rota:
            self.rota.reload()

    def start(self) -> None:
        """First show."""
        self.visits.start()

    def reload(self) -> None:
        """Refresh the visible tab."""
        self.tabs.currentWidget().reload()  # type: ignore[attr-defined]

    def _to_visits(self) -> VisitPage:
        self.tabs.setCurrentWidget(self.visits)
        return self.visits

    def new_record(self) -> None:
        """Edit → New: a new visit report."""
        self._to_visits().new_record()

    def save_current(self) -> bool:
        """Edit → Save: save the report being written."""
        return self.visits.save_current()

    def revert_current(self) -> None:
        """Edit → Revert: throw away unsaved edits to the report."""
        self.visits.revert_current()

    def focus_search(self) -> None:
        """Edit → Find: search the visit reports."""
        self._to_visits().focus_search()

    def confirm_discard(self) -> bool:
        """Ask before unsaved edits are lost."""
        return self.visits.confirm_discard()

    def review(self) -> None:
        """Review the selected submitted report: concerns become actions for the Force."""
        from pcc_desktop.ui.visit_review_dialog import VisitReviewDialog

        current = self.visits.current
        if current is None or not self.visits.confirm_discard():
            return
        if current.status != ReportStatus.SUBMITTED:
            QMessageBox.information(self, "Review", "Only a submitted report can be reviewed.")
            return
        dialog = VisitReviewDialog(self._ws, current.id, self)
        if dialog.exec():
            refs = dialog.result_references()
            self.message.emit(
                f"Reviewed {current.reference}: {len(refs)} action{'s' if len(refs) != 1 else ''}"
                + (f" ({', '.join(refs)})" if refs else "")
            )
            self.visits.reload()

    def print_record(self) -> None:
        """Write the selected submitted report as a PDF record for the file."""
        from pcc_desktop.ui.visit_record_command import print_visit_record

        if not self.visits.confirm_discard():
            return
        print_visit_record(self, self._ws, self._tasks, "custody", self.visits.current, self.message.emit)
