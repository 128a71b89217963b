"""Add/edit forms for Admin: staff, areas, organisations, themes and custody suites.

Each form is built in code (``QFormLayout`` with buddies and mnemonics). Ok saves through
``Workspace.act``; the service validates, and a ``ValidationError`` is shown under the offending
field while the dialog stays open, with nothing saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import AreaKind, OrganisationKind, StaffRole
from pcc_desktop.services import clock
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.reference_data import (
    AREA_KIND_LABELS,
    COMMANDS,
    ORGANISATION_KIND_LABELS,
    PARENT_KINDS,
    AreaData,
    CustodySuiteData,
    OrganisationData,
    ThemeData,
    list_areas,
    save_area,
    save_custody_suite,
    save_organisation,
    save_theme,
)
from pcc_desktop.services.staff import ROLE_LABELS, StaffData, save_staff
from pcc_desktop.services.workspace import Workspace

ERROR_STYLE = "color: #b00020;"
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def _combo(items: Mapping[Any, str], current: Any) -> QComboBox:
    """A combo box over ``{value: label}`` with ``current`` selected."""
    combo = QComboBox()
    for value, label in items.items():
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _check(text: str, checked: bool) -> QCheckBox:
    box = QCheckBox(text)
    box.setChecked(checked)
    box.setAccessibleName(text.replace("&", ""))
    return box


class RecordDialog(QDialog):
    """A form for one record: subclasses add fields and turn them into a DTO in ``data()``."""

    def __init__(
        self, workspace: Workspace, title: str, save_fn: Callable[..., Any], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(420)
        self._workspace = workspace
        self._save_fn = save_fn
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.saved: Any = None
        self.banner = QLabel()
        self.banner.setObjectName("form_errors")
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Errors")
        self.banner.hide()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for role, name in (
            (QDialogButtonBox.StandardButton.Ok, "Save"),
            (QDialogButtonBox.StandardButton.Cancel, "Cancel"),
        ):
            self.buttons.button(role).setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def add_field(self, key: str, label_text: str, widget: QWidget) -> QWidget:
        """Add a labelled row (``"&Name:"``) with a hidden error label under the input."""
        label = QLabel(label_text)
        label.setBuddy(widget)
        widget.setAccessibleName(label_text.replace("&", "").rstrip(":"))
        widget.setObjectName(f"{key}_input")
        self._add_row(key, label, widget)
        return widget

    def add_check(self, key: str, box: QCheckBox) -> QCheckBox:
        """Add a check box row (its own text is its label)."""
        box.setObjectName(f"{key}_input")
        self._add_row(key, None, box)
        return box

    def _add_row(self, key: str, label: QLabel | None, widget: QWidget) -> None:
        error = QLabel()
        error.setObjectName(f"{key}_error")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAccessibleName(f"{widget.accessibleName()} error")
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        if label is None:
            self.form.addRow(box)
        else:
            self.form.addRow(label, box)
        self._fields[key] = (widget, error)

    def data(self) -> Any:
        """The DTO the form describes; raise ValidationError for input that cannot be read."""
        raise NotImplementedError

    def error_text(self, key: str) -> str:
        """The message shown under field ``key`` ("" when none)."""
        widget_error = self._fields.get(key)
        return widget_error[1].text() if widget_error and not widget_error[1].isHidden() else ""

    def clear_errors(self) -> None:
        """Hide every message."""
        self.banner.hide()
        for widget, error in self._fields.values():
            error.clear()
            error.hide()
            widget.setAccessibleDescription("")

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Show each message under its field, others at the top; focus the first bad field."""
        first: QWidget | None = None
        elsewhere: list[str] = []
        for key, message in errors.items():
            if key in self._fields:
                widget, error = self._fields[key]
                error.setText(message)
                error.show()
                widget.setAccessibleDescription(message)
                first = first or widget
            else:
                elsewhere.append(message)
        lines = elsewhere or ["Nothing was saved: correct the fields marked below."]
        self.banner.setText("\n".join(lines))
        self.banner.show()
        if first is not None:
            first.setFocus()

    def accept(self) -> None:
        """Save through the service; on a rule broken, show it and keep the dialog open."""
        self.clear_errors()
        try:
            self.saved = self._workspace.act(self._save_fn, self.data())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except (NotFoundError, ConflictError) as exc:
            self.show_errors({"": str(exc)})
            return
        super().accept()


def _parse_date(key: str, text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError.single(key, "Enter a date like 25/11/2026, or leave it empty.")


class StaffDialog(RecordDialog):
    """Add or edit a member of staff."""

    def __init__(self, workspace: Workspace, row: StaffData | None = None, parent: QWidget | None = None):
        super().__init__(
            workspace, "Edit member of staff" if row else "Add member of staff", save_staff, parent
        )
        self._row = row or StaffData(id=None, name="")
        self.name = self.add_field("name", "&Name:", QLineEdit(self._row.name))
        self.job_title = self.add_field("job_title", "&Job title:", QLineEdit(self._row.job_title))
        self.role = self.add_field("role", "&Role:", _combo(ROLE_LABELS, self._row.role))
        self.email = self.add_field("email", "E&mail:", QLineEdit(self._row.email))
        self.active = self.add_check(
            "active", _check("Ac&tive (can sign in and own actions)", self._row.active)
        )

    def data(self) -> StaffData:
        """The member of staff as entered."""
        role: StaffRole = self.role.currentData()
        return StaffData(
            id=self._row.id,
            name=self.name.text(),
            job_title=self.job_title.text(),
            role=role,
            email=self.email.text(),
            active=self.active.isChecked(),
            row_version=self._row.row_version,
        )


class AreaDialog(RecordDialog):
    """Add or edit an area; the parent list offers only sensible kinds and never the area itself."""

    def __init__(self, workspace: Workspace, row: AreaData | None = None, parent: QWidget | None = None):
        super().__init__(workspace, "Edit area" if row else "Add area", save_area, parent)
        self._row = row or AreaData(id=None, name="", kind=AreaKind.PLACE)
        self._areas = [a for a in workspace.run(list_areas) if a.id != self._row.id]
        self.name = self.add_field("name", "&Name:", QLineEdit(self._row.name))
        self.kind = self.add_field("kind", "&Kind:", _combo(AREA_KIND_LABELS, self._row.kind))
        self.parent_area = self.add_field("parent_id", "&Inside:", QComboBox())
        self.npa = self.add_field("npa_id", "Counts towards N&PA:", QComboBox())
        self.npa.addItem("(none)", None)
        for area in self._areas:
            if area.kind == AreaKind.NPA:
                self.npa.addItem(area.name, area.id)
        self.npa.setCurrentIndex(max(0, self.npa.findData(self._row.npa_id)))
        self.command = self.add_field(
            "command", "&Command:", _combo({c: c or "(none)" for c in COMMANDS}, self._row.command)
        )
        self.rural = self.add_check("is_rural", _check("&Rural", self._row.is_rural))
        self.active = self.add_check("active", _check("Ac&tive", self._row.active))
        self.notes = self.add_field("notes", "N&otes:", QPlainTextEdit(self._row.notes))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.kind.currentIndexChanged.connect(self._fill_parents)
        self._fill_parents()

    def _fill_parents(self) -> None:
        """Offer the areas this kind may sit inside, keeping the current choice if still allowed."""
        current = self.parent_area.currentData() if self.parent_area.count() else self._row.parent_id
        allowed = PARENT_KINDS[self.kind.currentData()]
        self.parent_area.clear()
        self.parent_area.addItem("(none)", None)
        for area in sorted(
            (a for a in self._areas if a.kind in allowed), key=lambda a: (a.kind_label, a.name)
        ):
            self.parent_area.addItem(f"{area.name} ({area.kind_label})", area.id)
        self.parent_area.setCurrentIndex(max(0, self.parent_area.findData(current)))

    def data(self) -> AreaData:
        """The area as entered."""
        parent_id: uuid.UUID | None = self.parent_area.currentData()
        return AreaData(
            id=self._row.id,
            name=self.name.text(),
            kind=self.kind.currentData(),
            parent_id=parent_id,
            npa_id=self.npa.currentData(),
            is_rural=self.rural.isChecked(),
            command=self.command.currentData(),
            active=self.active.isChecked(),
            notes=self.notes.toPlainText(),
            row_version=self._row.row_version,
        )


class OrganisationDialog(RecordDialog):
    """Add or edit an organisation that actions can be assigned to."""

    def __init__(
        self, workspace: Workspace, row: OrganisationData | None = None, parent: QWidget | None = None
    ):
        super().__init__(
            workspace, "Edit organisation" if row else "Add organisation", save_organisation, parent
        )
        self._row = row or OrganisationData(id=None, name="")
        self.name = self.add_field("name", "&Name:", QLineEdit(self._row.name))
        self.kind = self.add_field("kind", "&Kind:", _combo(ORGANISATION_KIND_LABELS, self._row.kind))
        self.active = self.add_check("active", _check("Ac&tive", self._row.active))

    def data(self) -> OrganisationData:
        """The organisation as entered."""
        kind: OrganisationKind = self.kind.currentData()
        return OrganisationData(
            id=self._row.id,
            name=self.name.text(),
            kind=kind,
            active=self.active.isChecked(),
            row_version=self._row.row_version,
        )


class ThemeDialog(RecordDialog):
    """Add or edit a theme."""

    def __init__(self, workspace: Workspace, row: ThemeData | None = None, parent: QWidget | None = None):
        super().__init__(workspace, "Edit theme" if row else "Add theme", save_theme, parent)
        self._row = row or ThemeData(id=None, name="")
        self.name = self.add_field("name", "&Name:", QLineEdit(self._row.name))
        self.active = self.add_check("active", _check("Ac&tive (offered when recording)", self._row.active))

    def data(self) -> ThemeData:
        """The theme as entered."""
        return ThemeData(
            id=self._row.id,
            name=self.name.text(),
            active=self.active.isChecked(),
            row_version=self._row.row_version,
        )


class CustodySuiteDialog(RecordDialog):
    """Add or edit a custody suite: cells, weekly visit standard and the dates it is in use."""

    def __init__(
        self, workspace: Workspace, row: CustodySuiteData | None = None, parent: QWidget | None = None
    ):
        super().__init__(
            workspace, "Edit custody suite" if row else "Add custody suite", save_custody_suite, parent
        )
        self._row = row or CustodySuiteData(id=None, name="")
        self.name = self.add_field("name", "&Name:", QLineEdit(self._row.name))
        self.cells = self.add_field("cell_count", "&Cells:", self._spin(1, 200, self._row.cell_count))
        self.visits = self.add_field(
            "visits_per_week", "&Visits a week:", self._spin(0, 14, self._row.visits_per_week)
        )
        self.active_from = self.add_field(
            "active_from", "In use &from:", self._date_edit(self._row.active_from)
        )
        self.active_to = self.add_field("active_to", "In use &until:", self._date_edit(self._row.active_to))

    @staticmethod
    def _spin(low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    @staticmethod
    def _date_edit(value: date | None) -> QLineEdit:
        edit = QLineEdit(clock.format_date(value))
        edit.setPlaceholderText("dd/mm/yyyy (optional)")
        return edit

    def data(self) -> CustodySuiteData:
        """The suite as entered; unreadable dates are reported at their field."""
        return CustodySuiteData(
            id=self._row.id,
            name=self.name.text(),
            cell_count=self.cells.value(),
            visits_per_week=self.visits.value(),
            active_from=_parse_date("active_from", self.active_from.text()),
            active_to=_parse_date("active_to", self.active_to.text()),
            row_version=self._row.row_version,
        )
