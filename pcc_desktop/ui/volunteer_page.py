"""The Volunteers page: the register across schemes, with alerts for vetting and terms running out.

Layout: the alerts strip, the filter row, then a splitter with the register on the left and the
current volunteer's Details, Schemes and "Training, awards and hours" tabs on the right. Details
are saved with Save (Ctrl+S); memberships and records are saved as each dialog is accepted.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services import volunteer_alerts, volunteers
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.table_export import write_table
from pcc_desktop.services.volunteers import VolunteerDetail
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import ask_to_save
from pcc_desktop.ui.import_dialog import run_import
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import table_contents
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.volunteer_form import DetailsTab
from pcc_desktop.ui.volunteer_list import (
    AlertsDialog,
    AlertsStrip,
    VolunteerFilter,
    VolunteerFilterBar,
    VolunteerTableModel,
)
from pcc_desktop.ui.volunteer_panels import RecordsPanel, SchemesPanel, make_table

DETAILS_TAB, SCHEMES_TAB, RECORDS_TAB = 0, 1, 2


class VolunteerPage(QWidget):
    """The volunteer register: alerts, filters, the list, and the current volunteer's tabs."""

    message = Signal(str)

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("volunteer_page")
        self._ws, self._settings, self._tasks = workspace, settings, tasks
        self._current: VolunteerDetail | None = None
        self.dirty = False
        self.alerts_strip = AlertsStrip(self)
        self.filter_bar = VolunteerFilterBar(self)
        self.model = VolunteerTableModel(self)
        self.table = make_table(self.model, "Volunteers", self)
        self.table.setObjectName("volunteers_table")
        for column, width in enumerate((112, 160, 200, 150)):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel(self, objectName="count_label")
        self.empty_label = QLabel(self, objectName="empty_label", wordWrap=True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        self.details = DetailsTab(self)
        self.form = self.details.form
        self.schemes = SchemesPanel(workspace, self)
        self.records = RecordsPanel(workspace, self)
        self.tabs = self._build_tabs()
        self.splitter = self._build_splitter()
        layout = QVBoxLayout(self)
        layout.addWidget(self.alerts_strip)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.commands = self._create_commands()
        self._connect()
        self._show(None)

    @property
    def current(self) -> VolunteerDetail | None:
        """The volunteer shown on the right (None for a new, unsaved one)."""
        return self._current

    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget(self, objectName="volunteer_tabs")
        tabs.addTab(self.details, "&Details")
        tabs.addTab(self.schemes, "&Schemes")
        tabs.addTab(self.records, "&Training, awards and hours")
        return tabs

    def _build_splitter(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="volunteer_splitter")
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addWidget(self.count_label)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 560])
        return splitter

    def _command(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def _create_commands(self) -> dict[str, QAction]:
        """Commands of this page only; New, Save, Revert, Find and Refresh are the window's."""
        return {
            "import": self._command("&Import volunteers…", self.import_volunteers, "Ctrl+I"),
            "export": self._command("&Export this list…", self.export_list, "Ctrl+E"),
            "alerts": self._command("Show &expiring vetting and terms", self.show_alerts),
        }

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._on_filter_changed)
        self.alerts_strip.volunteer_chosen.connect(self.open_volunteer)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(lambda _index: self.form.name_edit.setFocus())
        self.form.changed.connect(lambda: self._set_dirty(True))
        self.details.save_button.clicked.connect(self.save_current)
        self.details.revert_button.clicked.connect(self.revert_current)
        self.schemes.changed.connect(self._on_records_changed)
        self.records.changed.connect(self._on_records_changed)
        self.tabs.currentChanged.connect(self._on_tab_changed)

    # -- loading ---------------------------------------------------------------------------------

    def start(self) -> None:
        """First show: every current volunteer, with the alerts."""
        self.reload()

    def reload(self) -> None:
        """Refresh the alerts and the list, keeping the current volunteer if still shown."""
        self.alerts_strip.set_alerts(self._ws.run(volunteer_alerts.expiry_alerts))
        self._load_list(self.filter_bar.current())
        self._select(self._current.id if self._current else None)

    def _load_list(self, flt: VolunteerFilter) -> None:
        rows = self._ws.run(volunteers.list_volunteers, flt.scheme, flt.statuses, flt.text, flt.include_left)
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows):,} volunteer{'s' if len(rows) != 1 else ''}")
        filtered = flt != VolunteerFilter()
        self.empty_label.setText(
            "No volunteers match these filters.\n\nClear the search or choose another scheme or status."
            if filtered
            else "No volunteers on the register yet.\n\nPress Ctrl+N to add one, or Ctrl+I to import a list."
        )
        self.list_stack.setCurrentWidget(self.table if rows else self.empty_label)

    def _on_filter_changed(self, flt: VolunteerFilter) -> None:
        if not self.confirm_discard():
            return
        self._load_list(flt)
        self._select(self._current.id if self._current else None)

    def _select(self, volunteer_id: uuid.UUID | None) -> None:
        """Select and show ``volunteer_id``; shown even when the filters hide them (the first row if None)."""
        row = self.model.row_of(volunteer_id)
        if row < 0 and volunteer_id is None and self.model.rowCount():
            row = 0
        if row < 0:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            self._show(volunteer_id)
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        self._show(self.model.row_at(row).id)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            volunteer_id = self.model.row_at(current.row()).id
            if (self._current is None or self._current.id != volunteer_id) and self.confirm_discard():
                self._show(volunteer_id)

    def _show(self, volunteer_id: uuid.UUID | None) -> None:
        detail = None
        if volunteer_id is not None:
            try:
                detail = self._ws.run(volunteers.get_volunteer, volunteer_id)
            except NotFoundError:
                detail = None
        self._current = detail
        self.form.load(detail)
        self.schemes.load(detail)
        self.records.load(detail)
        for tab in (SCHEMES_TAB, RECORDS_TAB):
            self.tabs.setTabEnabled(tab, detail is not None)
        self._set_dirty(False)

    def _on_records_changed(self, text: str) -> None:
        """A membership or record was saved: show the volunteer's latest, and the list's and alerts'."""
        self.message.emit(text)
        keep_form = self.dirty
        current = self._current
        self.alerts_strip.set_alerts(self._ws.run(volunteer_alerts.expiry_alerts))
        self._load_list(self.filter_bar.current())
        if current is not None and not keep_form:
            self._select(current.id)

    def _on_tab_changed(self, index: int) -> None:
        if index != DETAILS_TAB and self.dirty and not self.confirm_discard():
            self.tabs.setCurrentIndex(DETAILS_TAB)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.details.set_dirty(dirty, self._current is None)

    # -- window commands -------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask about unsaved details. False means stay put."""
        if not self.dirty:
            return True
        return ask_to_save(self, "volunteer", self.save_current, lambda: self._set_dirty(False))

    def new_record(self) -> None:
        """Edit → New: a blank volunteer on the Details tab."""
        if not self.confirm_discard():
            return
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self._show(None)
        self.tabs.setCurrentIndex(DETAILS_TAB)
        self.form.name_edit.setFocus()

    def save_current(self) -> bool:
        """Save the details through the service; messages appear at the fields."""
        data = self.form.read_input()
        try:
            if self._current is None:
                saved = self._ws.act(volunteers.create_volunteer, data)
            else:
                saved = self._ws.act(
                    volunteers.update_volunteer, self._current.id, data, self._current.row_version
                )
        except ValidationError as exc:
            rest = self.form.show_errors(exc.errors)
            if rest:
                QMessageBox.warning(self, "Not saved", "\n".join(rest))
            return False
        except (ConflictError, NotFoundError) as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return False
        is_new = self._current is None
        self._current = saved
        self._set_dirty(False)
        self.message.emit(f"Saved {saved.reference}" + (": now add their schemes" if is_new else ""))
        self.reload()
        return True

    def revert_current(self) -> None:
        """Throw away unsaved edits to the details."""
        self._show(self._current.id if self._current else None)

    def focus_search(self) -> None:
        """Ctrl+F: jump to the search box."""
        self.filter_bar.search_edit.setFocus()
        self.filter_bar.search_edit.selectAll()

    def open_volunteer(self, volunteer_id: uuid.UUID) -> None:
        """Show ``volunteer_id``, clearing the filters if they hide them."""
        if not self.confirm_discard():
            return
        if self.model.row_of(volunteer_id) < 0:
            self.filter_bar.blockSignals(True)
            self.filter_bar.scheme_combo.setCurrentIndex(0)
            self.filter_bar.status_combo.setCurrentIndex(0)
            self.filter_bar.search_edit.clear()
            self.filter_bar.left_check.setChecked(True)
            self.filter_bar.blockSignals(False)
            self._load_list(self.filter_bar.current())
        self._select(volunteer_id)
        self.tabs.setCurrentIndex(DETAILS_TAB)

    # -- page commands ---------------------------------------------------------------------------

    def show_alerts(self) -> None:
        """List every vetting and term that expires within 60 days or has expired."""
        dialog = AlertsDialog(self._ws.run(volunteer_alerts.expiry_alerts), self)
        if dialog.exec() and dialog.chosen is not None:
            self.open_volunteer(dialog.chosen)

    def import_volunteers(self) -> None:
        """Import a register from CSV or Excel in the background: every row, or none."""

        def imported(count: int) -> None:
            self.message.emit(f"Imported {count:,} volunteers")
            self.reload()

        run_import(self, self._ws, self._tasks, imported, what="volunteers")

    def export_list(self) -> None:
        """Write the list as shown (with its filters) to Excel or CSV."""
        folder = self._settings.export_folder or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export volunteers",
            str(Path(folder) / "volunteers.xlsx"),
            "Excel workbook (*.xlsx);;CSV file (*.csv)",
        )
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path + ".xlsx")
        self._settings.export_folder = str(target.parent)
        headers, rows = table_contents(self.model)
        try:
            count = write_table(headers, rows, target, "Volunteers")
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Export failed", str(exc))
            return
        self.message.emit(f"Exported {count:,} volunteers to {target}")
