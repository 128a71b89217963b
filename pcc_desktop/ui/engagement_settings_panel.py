"""Admin: the coverage settings (visits per NPA, start of the coverage year) and the blackout periods.

The settings belong to the database, so every member of staff sees the same targets
(``services.db_settings``); blackout periods are left out of the targets (``services.blackouts``).
Every read and write goes through the workspace; the services hold the rules and a
``ValidationError`` is shown at the field it names.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.services import blackouts, db_settings
from pcc_desktop.services.blackouts import BlackoutData
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel
from pcc_desktop.ui.widgets import FieldError, add_checked_row

BLACKOUT_COLUMNS: list[Column[BlackoutData]] = [
    Column("name", "Name", lambda b: b.name),
    Column("from", "From", lambda b: b.starts_on, display=lambda b: format_date(b.starts_on)),
    Column("to", "To", lambda b: b.ends_on, display=lambda b: format_date(b.ends_on)),
    Column("days", "Days", lambda b: b.days, align=RIGHT),
    Column("notes", "Notes", lambda b: b.notes),
]


def _name_edit_box(widget: QSpinBox | QDateEdit) -> None:
    """Give the edit box inside a spin or date box (which takes focus) the box's accessible name."""
    widget.lineEdit().setAccessibleName(widget.accessibleName())


def _date_edit(value: date | None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(QDate(value or today()))
    return edit


class BlackoutDialog(SubmitDialog):
    """Add or edit a blackout period: name, first and last day (both included), notes."""

    def __init__(self, workspace: Workspace, row: BlackoutData | None = None, parent: QWidget | None = None):
        super().__init__("Edit blackout period" if row else "Add blackout period", parent)
        self.setMinimumWidth(460)
        self.workspace = workspace
        self.row = row or BlackoutData(id=None, name="", starts_on=None, ends_on=None)
        self.saved: BlackoutData | None = None
        self.name_edit = QLineEdit(self.row.name)
        self.name_edit.setPlaceholderText("For example: Pre-election period (PCC election 2028)")
        self.from_edit = _date_edit(self.row.starts_on)
        self.to_edit = _date_edit(self.row.ends_on)
        self.notes_edit = QPlainTextEdit(self.row.notes)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(80)
        self.add_field("&Name:", "name", self.name_edit)
        self.add_field("&From (first day):", "starts_on", self.from_edit)
        self.add_field("&To (last day):", "ends_on", self.to_edit)
        self.add_field("N&otes:", "notes", self.notes_edit)
        _name_edit_box(self.from_edit)
        _name_edit_box(self.to_edit)
        self.submit = self._save

    def data(self) -> BlackoutData:
        """The period as entered."""
        return BlackoutData(
            id=self.row.id,
            name=self.name_edit.text(),
            starts_on=self.from_edit.date().toPython(),  # type: ignore[arg-type]
            ends_on=self.to_edit.date().toPython(),  # type: ignore[arg-type]
            notes=self.notes_edit.toPlainText(),
        )

    def _save(self) -> None:
        try:
            self.saved = self.workspace.act(blackouts.save_blackout, self.data())
        except NotFoundError as exc:
            raise ValidationError.single("", str(exc)) from None


class EngagementSettingsPanel(QWidget):
    """The coverage settings form and the blackout periods list, for a tab of the Admin page."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("engagement_settings_panel")
        self.setAccessibleName("Coverage settings and blackout periods")
        self.workspace = workspace
        self.editor: BlackoutDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_settings())
        layout.addWidget(self._build_blackouts(), 1)
        self.reload()

    def _build_settings(self) -> QGroupBox:
        group = QGroupBox("Coverage targets")
        form = QFormLayout(group)
        self.target_spin = QSpinBox()
        self.target_spin.setObjectName("npa_target")
        self.target_spin.setRange(*db_settings.NPA_TARGET_RANGE)
        self.target_spin.setSuffix(" visits")
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("coverage_year_start_month")
        self.month_combo.addItems(list(calendar.month_name)[1:])
        self.target_error = add_checked_row(form, "&Visits per NPA each year:", self.target_spin)
        self.month_error = add_checked_row(form, "Coverage &year starts in:", self.month_combo)
        _name_edit_box(self.target_spin)
        for field in (self.target_spin, self.month_combo):  # the error line under it keeps the width
            field.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.save_button = QPushButton("&Save settings")
        self.save_button.setObjectName("save_coverage_settings")
        self.save_button.setAccessibleName("Save coverage settings")
        self.save_button.clicked.connect(self.save_settings)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("settings_status")
        self.general_error = FieldError()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved_label, 1)
        form.addRow(row)
        form.addRow(self.general_error)
        hint = QLabel(
            "A year with blackout days has its target scaled to the days left, rounded up "
            "(see the NPA visits figures on the Coverage page)."
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        return group

    def _build_blackouts(self) -> QGroupBox:
        group = QGroupBox("Blackout periods (left out of the NPA targets)")
        self.model: RowTableModel[BlackoutData] = RowTableModel(BLACKOUT_COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("blackout_table")
        self.table.setAccessibleName("Blackout periods")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty_label = QLabel("No blackout periods. Use Add… before a pre-election period starts.")
        self.empty_label.setObjectName("blackout_empty")
        self.add_button = self._button("&Add…", "add", "Add blackout period", self.add)
        self.edit_button = self._button("&Edit…", "edit", "Edit blackout period", self.edit)
        self.delete_button = self._button("&Delete", "delete", "Delete blackout period", self.delete)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QVBoxLayout(group)
        box.addWidget(self.table, 1)
        box.addWidget(self.empty_label)
        box.addLayout(buttons)
        return group

    def _button(self, text: str, key: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"blackout_{key}")
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- settings --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the settings and the blackout periods again."""
        self.target_spin.setValue(self.workspace.run(db_settings.npa_visit_target))
        self.month_combo.setCurrentIndex(self.workspace.run(db_settings.coverage_year_start_month) - 1)
        self._clear_errors()
        self.saved_label.clear()
        self.reload_blackouts()

    def _clear_errors(self) -> None:
        for error in (self.target_error, self.month_error, self.general_error):
            error.show_message("")

    def save_settings(self) -> bool:
        """Save both settings; a refused value is explained at its field and nothing is saved."""
        self._clear_errors()
        self.saved_label.clear()
        target, month = self.target_spin.value(), self.month_combo.currentIndex() + 1
        try:
            self.workspace.act(db_settings.set_coverage_settings, target, month)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        self.saved_label.setText("✓ Saved. The coverage figures now use these settings.")
        self.changed.emit()
        return True

    def _show_errors(self, errors: dict[str, str]) -> None:
        fields = {
            "npa_visit_target": (self.target_error, self.target_spin),
            "coverage_year_start_month": (self.month_error, self.month_combo),
        }
        rest = []
        for key, message in errors.items():
            if key in fields:
                fields[key][0].show_message(message)
                fields[key][1].setFocus()
            else:
                rest.append(message)
        self.general_error.show_message("\n".join(rest))

    # --- blackout periods ------------------------------------------------------------------------

    def reload_blackouts(self) -> None:
        """Read the blackout periods again, keeping the selected one selected."""
        selected = self.current_row()
        self.model.set_rows(self.workspace.run(blackouts.list_blackouts))
        self.table.resizeColumnsToContents()
        self.empty_label.setVisible(self.model.rowCount() == 0)
        if selected is not None:
            self.select_id(selected.id)
        self._update_buttons()

    def select_id(self, blackout_id: uuid.UUID | None) -> None:
        """Select the row of the period with ``blackout_id``, if it is listed."""
        for row, item in enumerate(self.model.rows()):
            if item.id == blackout_id:
                self.table.selectRow(row)
                return

    def current_row(self) -> BlackoutData | None:
        """The selected blackout period, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        has_row = self.current_row() is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    def add(self) -> BlackoutDialog:
        """Open the form for a new period (window-modal; the list reloads after a save)."""
        return self.open_editor(None)

    def edit(self) -> BlackoutDialog | None:
        """Open the form for the selected period."""
        row = self.current_row()
        return self.open_editor(row) if row is not None else None

    def open_editor(self, row: BlackoutData | None) -> BlackoutDialog:
        """Show the add/edit form without blocking; the saved period is selected afterwards."""
        dialog = BlackoutDialog(self.workspace, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_save(dialog.saved))
        self.editor = dialog
        dialog.open()
        return dialog

    def _after_save(self, saved: BlackoutData | None) -> None:
        self.editor = None
        self.reload_blackouts()
        if saved is not None:
            self.select_id(saved.id)
        self.changed.emit()

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question (tests replace this)."""
        answer = QMessageBox.question(self, "Delete", question, defaultButton=QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def delete(self) -> None:
        """Delete the selected period after confirmation; the targets no longer leave it out."""
        row = self.current_row()
        if row is None or row.id is None:
            return
        if not self.confirm(f"Delete the blackout period “{row.label}”? Its days will count again."):
            return
        try:
            self.workspace.act(blackouts.delete_blackout, row.id)
        except NotFoundError as exc:
            QMessageBox.warning(self, "Not deleted", str(exc))
        self.reload_blackouts()
        self.changed.emit()
