"""The engagement form: plan a community day (or record one held), messages shown at the field."""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import (
    Classification,
    EngagementLead,
    EngagementType,
    InitiatedBy,
)
from pcc_desktop.services.choices import ActionChoices
from pcc_desktop.services.clock import today
from pcc_desktop.services.engagements import (
    ENGAGEMENT_TYPE_LABELS,
    INITIATED_BY_LABELS,
    LEAD_LABELS,
    EngagementDetail,
    EngagementInput,
    engagement_input,
)
from pcc_desktop.ui.widgets import (
    CheckList,
    Choice,
    ChoiceCombo,
    FieldError,
    OptionalDateEdit,
    add_checked_row,
)

NO_TIME = QTime(0, 0)
NpaFinder = Callable[[uuid.UUID | None], uuid.UUID | None]


def _enum_combo(labels: dict, parent: QWidget) -> ChoiceCombo:
    combo = ChoiceCombo(parent=parent)
    combo.setEditable(False)
    combo.set_choices(list(labels.items()))
    combo.setCurrentIndex(0)
    return combo


def _time_edit(parent: QWidget) -> QTimeEdit:
    """A time that may be left blank: midnight shows as "Not set"."""
    edit = QTimeEdit(parent)
    edit.setDisplayFormat("HH:mm")
    edit.setMinimumTime(NO_TIME)
    edit.setSpecialValueText("Not set")
    edit.setTime(NO_TIME)
    return edit


def _coordinate_edit(limit: float, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent, placeholderText="Optional, e.g. 52.7663" if limit == 90 else "e.g. -0.8869")
    validator = QDoubleValidator(-limit, limit, 6, edit)
    validator.setNotation(QDoubleValidator.Notation.StandardNotation)
    validator.setLocale(QLocale.c())
    edit.setValidator(validator)
    return edit


def _number(text: str) -> float | None:
    """The typed coordinate; half-typed text ("-") becomes NaN, which the service refuses."""
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return math.nan


class EngagementForm(QWidget):
    """Edits one engagement's plan; ``changed`` fires on each edit so the page can offer Save.

    Args:
        npa_for: returns the NPA an area counts towards (the page passes the service's
            ``default_npa``); the form itself never touches the database.
    """

    changed = Signal()

    def __init__(self, npa_for: NpaFinder | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("engagement_form")
        self._npa_for = npa_for
        self._errors: dict[str, FieldError] = {}
        self._fields: dict[str, QWidget] = {}
        self._loading = False
        self._base = EngagementInput(kind=EngagementType.COMMUNITY_DAY, held_on=today())
        self.heading = QLabel(self, objectName="engagement_heading", wordWrap=True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_when_fields()
        self._add_place_fields()
        self._add_purpose_fields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self._connect()

    def _row(self, label: str, name: str, widget: QWidget) -> None:
        self._errors[name] = add_checked_row(self.form, label, widget)
        self._fields[name] = widget
        for inner in widget.findChildren(QLineEdit):  # the edit box inside a time box takes the focus
            inner.setAccessibleName(widget.accessibleName())

    def _add_when_fields(self) -> None:
        self.kind_combo = _enum_combo(ENGAGEMENT_TYPE_LABELS, self)
        self.status_label = QLabel(self, objectName="status_label")
        self.date_edit = OptionalDateEdit("Not set", self)
        self.start_edit = _time_edit(self)
        self.end_edit = _time_edit(self)
        self.lead_combo = _enum_combo(LEAD_LABELS, self)
        self.lead_staff_combo = ChoiceCombo("Choose a member of staff", self)
        self._row("T&ype:", "kind", self.kind_combo)
        self.form.addRow("Status:", self.status_label)
        self._row("&Date:", "held_on", self.date_edit)
        self._row("&Start:", "starts_at", self.start_edit)
        self._row("&End:", "ends_at", self.end_edit)
        self._row("&Lead:", "lead", self.lead_combo)
        self._row("Lead sta&ff:", "lead_staff_id", self.lead_staff_combo)

    def _add_place_fields(self) -> None:
        self.area_combo = ChoiceCombo("No particular area", self)
        self.npa_combo = ChoiceCombo("Choose the NPA", self)
        self.place_edit = QLineEdit(self, maxLength=200, placeholderText="e.g. Melton Library, Wilton Road")
        self.latitude_edit = _coordinate_edit(90, self)
        self.longitude_edit = _coordinate_edit(180, self)
        self._row("&Area:", "area_id", self.area_combo)
        self._row("&NPA:", "npa_id", self.npa_combo)
        self._row("Place na&me:", "place_name", self.place_edit)
        self._row("Lat&itude:", "latitude", self.latitude_edit)
        self._row("Lon&gitude:", "longitude", self.longitude_edit)

    def _add_purpose_fields(self) -> None:
        self.reason_edit = QPlainTextEdit(self, tabChangesFocus=True)
        self.reason_edit.setFixedHeight(60)
        self.reason_edit.setPlaceholderText("Why here, why now (the Panel asks)")
        self.initiated_combo = _enum_combo(INITIATED_BY_LABELS, self)
        self.advertised_check = QCheckBox("Ad&vertised beforehand", self)
        self.surveyed_check = QCheckBox("S&urveyed residents", self)
        self.organisations_list = CheckList(self)
        self.organisations_list.setFixedHeight(90)
        self.notes_edit = QPlainTextEdit(self, tabChangesFocus=True)
        self.notes_edit.setFixedHeight(80)
        self.classification_combo = _enum_combo({c: c.value for c in Classification}, self)
        self.publishable_check = QCheckBox("Pu&blishable: may appear in public reports", self)
        self._row("&Reason:", "reason", self.reason_edit)
        self._row("&How initiated:", "initiated_by", self.initiated_combo)
        self.form.addRow("", self.advertised_check)
        self.form.addRow("", self.surveyed_check)
        self._row("&Organisations met:", "organisation_ids", self.organisations_list)
        self._row("No&tes:", "notes", self.notes_edit)
        self._row("&Classification:", "classification", self.classification_combo)
        self.form.addRow("", self.publishable_check)

    def _connect(self) -> None:
        combos = (self.kind_combo, self.lead_combo, self.lead_staff_combo, self.npa_combo)
        for combo in (*combos, self.initiated_combo, self.classification_combo):
            combo.currentIndexChanged.connect(self._on_edited)
        self.area_combo.currentIndexChanged.connect(self._on_area_changed)
        self.lead_combo.currentIndexChanged.connect(self._update_enabled)
        self.date_edit.dateChanged.connect(self._on_edited)
        for edit in (self.start_edit, self.end_edit):
            edit.timeChanged.connect(self._on_edited)
        for line in (self.place_edit, self.latitude_edit, self.longitude_edit):
            line.textEdited.connect(self._on_edited)
        for text in (self.reason_edit, self.notes_edit):
            text.textChanged.connect(self._on_edited)
        for check in (self.advertised_check, self.surveyed_check, self.publishable_check):
            check.toggled.connect(self._on_edited)
        self.organisations_list.itemChanged.connect(self._on_edited)

    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _on_area_changed(self, *_args: object) -> None:
        """Fill in the NPA the area counts towards, unless one is already chosen."""
        if self._loading:
            return
        area_id = self.area_combo.current_id()
        if self._npa_for is not None and area_id is not None and self.npa_combo.current_id() is None:
            npa = self._npa_for(area_id)  # type: ignore[arg-type]
            if npa is not None:
                self.npa_combo.set_current_id(npa)
        self.changed.emit()

    def _update_enabled(self, *_args: object) -> None:
        self.lead_staff_combo.setEnabled(self.lead_combo.current_id() == EngagementLead.STAFF)

    def set_choices(self, choices: ActionChoices, npas: list[Choice]) -> None:
        """Fill the drop-downs: staff, areas, NPAs and organisations."""
        self._loading = True
        self.lead_staff_combo.set_choices(choices.staff)
        self.area_combo.set_choices(choices.areas)
        self.npa_combo.set_choices(npas)
        self.organisations_list.set_choices(choices.organisations, self.organisations_list.checked_ids())
        self._loading = False

    def load(self, detail: EngagementDetail | None) -> None:
        """Show ``detail``, or a blank new engagement (a community day today, planned)."""
        self._loading = True
        self.clear_errors()
        if detail is None:
            self._base = EngagementInput(kind=EngagementType.COMMUNITY_DAY, held_on=today())
            self.heading.setText("New engagement")
            self.status_label.setText("Planned (when saved)")
        else:
            self._base = engagement_input(detail)
            self.heading.setText(f"{detail.reference}: {detail.kind_label}, {detail.place}")
            self.status_label.setText(detail.status_label)
        self._load_values(self._base)
        self._update_enabled()
        self._loading = False

    def _load_values(self, d: EngagementInput) -> None:
        self.kind_combo.set_current_id(d.kind)
        self.date_edit.set_value(d.held_on)
        self.start_edit.setTime(QTime(d.starts_at) if d.starts_at else NO_TIME)
        self.end_edit.setTime(QTime(d.ends_at) if d.ends_at else NO_TIME)
        self.lead_combo.set_current_id(d.lead)
        self.lead_staff_combo.set_current_id(d.lead_staff_id)
        self.area_combo.set_current_id(d.area_id)
        self.npa_combo.set_current_id(d.npa_id)
        self.place_edit.setText(d.place_name)
        self.place_edit.setCursorPosition(0)
        self.latitude_edit.setText("" if d.latitude is None else f"{d.latitude:g}")
        self.longitude_edit.setText("" if d.longitude is None else f"{d.longitude:g}")
        self.reason_edit.setPlainText(d.reason)
        self.initiated_combo.set_current_id(d.initiated_by)
        self.advertised_check.setChecked(d.advertised)
        self.surveyed_check.setChecked(d.surveyed)
        self.organisations_list.set_checked(d.organisation_ids)
        self.notes_edit.setPlainText(d.notes)
        self.classification_combo.set_current_id(d.classification)
        self.publishable_check.setChecked(d.publishable)

    def read_input(self) -> EngagementInput:
        """What the form holds now (debrief and attendance kept as loaded), for the service."""
        start, end = self.start_edit.time(), self.end_edit.time()
        return replace(
            self._base,
            kind=self.kind_combo.current_id() or EngagementType.COMMUNITY_DAY,  # type: ignore[arg-type]
            held_on=self.date_edit.value(),
            starts_at=None if start == NO_TIME else start.toPython(),  # type: ignore[arg-type]
            ends_at=None if end == NO_TIME else end.toPython(),  # type: ignore[arg-type]
            lead=self.lead_combo.current_id() or EngagementLead.COMMISSIONER,  # type: ignore[arg-type]
            lead_staff_id=self.lead_staff_combo.current_id() if self.lead_staff_combo.isEnabled() else None,  # type: ignore[arg-type]
            area_id=self.area_combo.current_id(),  # type: ignore[arg-type]
            npa_id=self.npa_combo.current_id(),  # type: ignore[arg-type]
            place_name=self.place_edit.text(),
            latitude=_number(self.latitude_edit.text()),
            longitude=_number(self.longitude_edit.text()),
            reason=self.reason_edit.toPlainText(),
            initiated_by=self.initiated_combo.current_id() or InitiatedBy.PROGRAMME,  # type: ignore[arg-type]
            advertised=self.advertised_check.isChecked(),
            surveyed=self.surveyed_check.isChecked(),
            organisation_ids=self.organisations_list.checked_ids(),
            notes=self.notes_edit.toPlainText(),
            classification=self.classification_combo.current_id() or Classification.OFFICIAL,  # type: ignore[arg-type]
            publishable=self.publishable_check.isChecked(),
        )

    def clear_errors(self) -> None:
        """Hide every field message."""
        for error in self._errors.values():
            error.show_message("")

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show each message at its field, focus the first; return the messages with no field here."""
        self.clear_errors()
        unplaced, first = [], None
        for name, message in errors.items():
            if name in self._errors:
                self._errors[name].show_message(message)
                first = first or self._fields[name]
            else:
                unplaced.append(message)
        if first is not None:
            first.setFocus()
        return unplaced


class PlanTab(QWidget):
    """The Plan tab: the form in a scroll area, the status buttons, Revert and Save."""

    def __init__(self, npa_for: NpaFinder | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = EngagementForm(npa_for, self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.held_button = QPushButton("Mark as held", self, objectName="held_button")
        self.cancel_button = QPushButton("Cancel engagement…", self, objectName="cancel_button")
        self.replan_button = QPushButton("Back to planned", self, objectName="replan_button")
        self.dirty_label = QLabel("", self)
        self.revert_button = QPushButton("Revert", self, objectName="revert_button", toolTip="Esc")
        self.save_button = QPushButton("Save", self, objectName="save_button", toolTip="Ctrl+S")
        buttons = QHBoxLayout()
        for widget in (self.held_button, self.cancel_button, self.replan_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.dirty_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(scroll, 1)
        box.addLayout(buttons)

    def set_dirty(self, dirty: bool) -> None:
        """Offer Save and Revert only while there are unsaved edits."""
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.dirty_label.setText("Unsaved changes" if dirty else "")
