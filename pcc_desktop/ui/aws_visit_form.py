"""The Visit tab of a Dog Unit report: typed top to bottom without the mouse.

Messages from the services appear under their fields. The visitors offered are the AWS volunteers
active on the visit date (the page supplies them through ``volunteers_for``), plus anyone already
on the report. Training notes open with "training observed", and the serious-issue fields with
"serious issue", because a serious issue is escalated at once and the report says when and to whom.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import VisitBasis
from pcc_desktop.services.aws_details import AREA_FLAGS, AwsVisitDetail, AwsVisitInput
from pcc_desktop.services.clock import LONDON, today
from pcc_desktop.ui.aws_visit_list import AREA_TITLES, BASIS_LABELS
from pcc_desktop.ui.visit_form import NO_TIME, time_edit, time_of
from pcc_desktop.ui.visit_list import STATUS_LABELS
from pcc_desktop.ui.widgets import Choice, ChoiceCombo, FieldError, OptionalDateEdit, add_checked_row

PARTIAL_ESCALATION = "Enter both the date and the time the issue was escalated."


def _text_box(parent: QWidget, height: int, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent, tabChangesFocus=True, placeholderText=placeholder)
    edit.setFixedHeight(height)
    return edit


def _row_of(parent: QWidget, *widgets: QWidget, stretch: bool = True) -> QWidget:
    holder = QWidget(parent)
    box = QHBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        box.addWidget(widget)
    if stretch:
        box.addStretch(1)
    return holder


class AwsVisitForm(QWidget):
    """Edits the Visit tab of one report; ``changed`` fires on each edit, ``areas_changed`` with the areas."""

    changed = Signal()
    areas_changed = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aws_visit_form")
        self._errors: dict[str, FieldError] = {}
        self._fields: dict[str, QWidget] = {}
        self._placeholders: dict[QWidget, str] = {}
        self._loading = False
        self._visitors: tuple = ()
        self._base = AwsVisitInput(site_id=None, visited_on=today())
        self.volunteers_for: Callable[[date], list[Choice]] = lambda _day: []
        self.heading = QLabel(
            "New Dog Unit visit report", self, objectName="aws_visit_heading", wordWrap=True
        )
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.general_error = FieldError(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_when_fields()
        self._add_people_fields()
        self._add_seen_fields()
        self._add_issue_fields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self._connect()

    def _row(self, label: str, name: str, widget: QWidget) -> None:
        self._errors[name] = add_checked_row(self.form, label, widget)
        self._fields[name] = widget
        for inner in widget.findChildren(QLineEdit):  # the edit box inside a time or date box
            if not inner.accessibleName():
                inner.setAccessibleName(widget.accessibleName())

    def _add_when_fields(self) -> None:
        self.status_label = QLabel(self, objectName="aws_status_label")
        self.site_combo = ChoiceCombo("Choose the site", self)
        self.basis_combo = ChoiceCombo(parent=self)
        self.basis_combo.setEditable(False)
        self.basis_combo.set_choices(list(BASIS_LABELS.items()))
        self.date_edit = OptionalDateEdit("Not set", self)
        self.arrived_edit, self.departed_edit = time_edit(self), time_edit(self)
        self.form.addRow("Status:", self.status_label)
        self._row("&Site:", "site_id", self.site_combo)
        self._row("&Date:", "visited_on", self.date_edit)
        self._row("&Arrived:", "arrived_at", self.arrived_edit)
        self._row("De&parted:", "departed_at", self.departed_edit)
        self._row("&Basis:", "basis", self.basis_combo)

    def _add_people_fields(self) -> None:
        self.visitor_combos = [ChoiceCombo(blank, self) for blank in ("Choose visitor A", "Choose visitor B")]
        holder = _row_of(self, *self.visitor_combos, stretch=False)  # each half the width: long names fit
        for combo in self.visitor_combos:
            combo.setMinimumContentsLength(12)
        self._row("&Visitors:", "visitor_ids", holder)
        for combo, name in zip(self.visitor_combos, ("Visitor A", "Visitor B"), strict=True):
            combo.setAccessibleName(name)
        self.form.labelForField(self._errors["visitor_ids"].parentWidget()).setBuddy(self.visitor_combos[0])
        self.received_edit = QLineEdit(
            self, maxLength=120, placeholderText="e.g. PS 1234 (Dog Unit Sergeant)"
        )
        self._row("&Received by:", "received_by", self.received_edit)
        self.brief_check = QCheckBox(
            "&Brief given at the start (dogs on site, fire plan, isolating dogs)", self
        )
        self.brief_check.setAccessibleName("Brief given at the start")
        self.form.addRow("", self.brief_check)

    def _add_seen_fields(self) -> None:
        self.area_checks = {
            area: QCheckBox(AREA_TITLES[area], self, objectName=f"saw_{area.value}") for area in AREA_FLAGS
        }
        for area, check in self.area_checks.items():
            check.setAccessibleName(f"Saw {AREA_TITLES[area].lower()}")
        holder = _row_of(self, *self.area_checks.values())
        self._row("Areas s&een:", "areas_seen", holder)
        holder.setAccessibleName("Areas seen")
        self.form.labelForField(self._errors["areas_seen"].parentWidget()).setBuddy(
            self.area_checks[next(iter(AREA_FLAGS))]
        )
        self.training_check = QCheckBox("&Training observed", self)
        self.training_check.setAccessibleName("Training observed")
        self.training_notes_edit = _text_box(self, 54, "What training, the methods and equipment used")
        self.enrichment_edit = QLineEdit(
            self, maxLength=5000, placeholderText="e.g. sandpit, pool, open space"
        )
        self.form.addRow("", self.training_check)
        self._row("Trainin&g notes:", "training_notes", self.training_notes_edit)
        self._row("E&nrichment:", "enrichment", self.enrichment_edit)

    def _add_issue_fields(self) -> None:
        self.serious_check = QCheckBox("Serious &issue found (tell the Dog Unit at once)", self)
        self.serious_check.setAccessibleName("Serious issue found")
        self.serious_notes_edit = _text_box(self, 54, "What it is, and what the Dog Unit said")
        self.escalated_date = OptionalDateEdit("Not set", self)
        self.escalated_time = time_edit(self)
        self.escalated_date.setAccessibleName("Escalated on (date)")
        self.escalated_time.setAccessibleName("Escalated at (time)")
        self.escalated_time.lineEdit().setAccessibleName("Escalated at (time)")
        self.escalated_to_edit = QLineEdit(self, maxLength=120, placeholderText="e.g. Dog Unit Sergeant")
        self.observations_edit = _text_box(self, 90, "Anything else you saw or were told")
        self.form.addRow("", self.serious_check)
        self._row("Serious issue n&otes:", "serious_issue_notes", self.serious_notes_edit)
        self._row("Escalated &at:", "escalated_at", _row_of(self, self.escalated_date, self.escalated_time))
        self._errors["escalated_at"].parentWidget().setAccessibleName("Escalated at")
        self.form.labelForField(self._errors["escalated_at"].parentWidget()).setBuddy(self.escalated_date)
        self._row("Escalated t&o:", "escalated_to", self.escalated_to_edit)
        self._row("O&bservations:", "observations", self.observations_edit)

    def _connect(self) -> None:
        for combo in (self.site_combo, self.basis_combo, *self.visitor_combos):
            combo.currentIndexChanged.connect(self._on_edited)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.escalated_date.dateChanged.connect(self._on_edited)
        for edit in (self.arrived_edit, self.departed_edit, self.escalated_time):
            edit.timeChanged.connect(self._on_edited)
        for line in (self.received_edit, self.enrichment_edit, self.escalated_to_edit):
            line.textEdited.connect(self._on_edited)
        for text in (self.training_notes_edit, self.serious_notes_edit, self.observations_edit):
            text.textChanged.connect(self._on_edited)
        for check in (self.brief_check, self.training_check, self.serious_check):
            check.toggled.connect(self._on_edited)
        for check in self.area_checks.values():
            check.toggled.connect(self._on_area_toggled)

    def _on_edited(self, *_args: object) -> None:
        self._update_enabled()
        if not self._loading:
            self.changed.emit()

    def _on_area_toggled(self, *_args: object) -> None:
        self.areas_changed.emit(self.areas_seen())
        self._on_edited()

    def _on_date_changed(self, *_args: object) -> None:
        if not self._loading:
            current = tuple(c.current_id() for c in self.visitor_combos)
            self._set_visitor_choices(current)
        self._on_edited()

    def _update_enabled(self) -> None:
        """Notes open with their box (or when already filled), so a blank one is not asked for."""
        editable = self.site_combo.isEnabled()
        training = self.training_check.isChecked() or bool(self.training_notes_edit.toPlainText())
        self.training_notes_edit.setEnabled(editable and training)
        serious = self.serious_check.isChecked() or bool(
            self.serious_notes_edit.toPlainText() or self.escalated_to_edit.text() or self._escalation_typed()
        )
        for widget in (
            self.serious_notes_edit,
            self.escalated_date,
            self.escalated_time,
            self.escalated_to_edit,
        ):
            widget.setEnabled(editable and serious)

    def _escalation_typed(self) -> bool:
        return self.escalated_date.value() is not None or time_of(self.escalated_time) is not None

    # -- loading and reading ---------------------------------------------------------------------

    def set_sites(self, sites: list[Choice]) -> None:
        """The sites offered."""
        self._loading = True
        self.site_combo.set_choices(sites)
        self._loading = False

    def _set_visitor_choices(self, current: tuple) -> None:
        """AWS volunteers active on the date shown, plus anyone already on the report."""
        day = self.date_edit.value()
        offered = list(self.volunteers_for(day)) if day else []
        known = {value for value, _ in offered}
        extra = [(v.id, v.name) for v in self._visitors if v.id not in known]
        was_loading, self._loading = self._loading, True
        for index, combo in enumerate(self.visitor_combos):
            combo.set_choices([*offered, *extra])
            combo.set_current_id(current[index] if index < len(current) else None)
            if combo.lineEdit() is not None:
                combo.lineEdit().setCursorPosition(0)  # the start of a long name, not its end
        self._loading = was_loading

    def load(self, detail: AwsVisitDetail | None) -> None:
        """Show ``detail``, or a blank new report (unannounced, today)."""
        self._loading = True
        self.clear_errors()
        self._visitors = detail.visitors if detail else ()
        if detail is None:
            self._base = AwsVisitInput(site_id=None, visited_on=today())
            self.heading.setText("New Dog Unit visit report")
            self.status_label.setText("Draft (when saved)")
        else:
            self._base = AwsVisitInput(
                **{
                    name: getattr(detail, name)
                    for name in AwsVisitInput.__dataclass_fields__
                    if name != "visitor_ids"
                },
                visitor_ids=tuple(v.id for v in detail.visitors),
            )
            self.heading.setText(f"{detail.reference}: {detail.site_name}, {detail.visited_on:%d/%m/%Y}")
            self.status_label.setText(STATUS_LABELS[detail.status])
        self._load_values(self._base)
        self._loading = False
        self._update_enabled()
        self.areas_changed.emit(self.areas_seen())

    def _load_values(self, d: AwsVisitInput) -> None:
        self.site_combo.set_current_id(d.site_id)
        self.basis_combo.set_current_id(d.basis)
        self.date_edit.set_value(d.visited_on)
        self.arrived_edit.setTime(QTime(d.arrived_at) if d.arrived_at else NO_TIME)
        self.departed_edit.setTime(QTime(d.departed_at) if d.departed_at else NO_TIME)
        self._set_visitor_choices(d.visitor_ids)
        self.received_edit.setText(d.received_by)
        self.brief_check.setChecked(d.brief_given)
        for area, check in self.area_checks.items():
            check.setChecked(getattr(d, AREA_FLAGS[area]))
        self.training_check.setChecked(d.training_observed)
        self.training_notes_edit.setPlainText(d.training_notes)
        self.enrichment_edit.setText(d.enrichment)
        self.serious_check.setChecked(d.serious_issue)
        self.serious_notes_edit.setPlainText(d.serious_issue_notes)
        local = d.escalated_at.astimezone(LONDON) if d.escalated_at else None
        self.escalated_date.set_value(local.date() if local else None)
        self.escalated_time.setTime(QTime(local.hour, local.minute) if local else NO_TIME)
        self.escalated_to_edit.setText(d.escalated_to)
        self.observations_edit.setPlainText(d.observations)

    def areas_seen(self) -> tuple:
        """The areas ticked as seen, in the usual order."""
        return tuple(area for area, check in self.area_checks.items() if check.isChecked())

    def escalated_at(self) -> datetime | None:
        """The escalation time typed, in London time (None unless both date and time are given)."""
        day, moment = self.escalated_date.value(), time_of(self.escalated_time)
        return datetime.combine(day, moment, LONDON) if day and moment else None

    def local_errors(self) -> dict[str, str]:
        """What the form can tell before asking the service: half an escalation time."""
        if self._escalation_typed() and self.escalated_at() is None:
            return {"escalated_at": PARTIAL_ESCALATION}
        return {}

    def read_input(self) -> AwsVisitInput:
        """What the form holds now (the scheduled visit kept as loaded), for the service."""
        visitors = tuple(c.current_id() for c in self.visitor_combos if c.current_id() is not None)
        flags = {AREA_FLAGS[area]: check.isChecked() for area, check in self.area_checks.items()}
        return replace(
            self._base,
            site_id=self.site_combo.current_id(),  # type: ignore[arg-type]
            basis=self.basis_combo.current_id() or VisitBasis.UNANNOUNCED,  # type: ignore[arg-type]
            visited_on=self.date_edit.value(),
            arrived_at=time_of(self.arrived_edit),
            departed_at=time_of(self.departed_edit),
            visitor_ids=visitors,  # type: ignore[arg-type]
            received_by=self.received_edit.text(),
            brief_given=self.brief_check.isChecked(),
            training_observed=self.training_check.isChecked(),
            training_notes=self.training_notes_edit.toPlainText(),
            enrichment=self.enrichment_edit.text(),
            serious_issue=self.serious_check.isChecked(),
            serious_issue_notes=self.serious_notes_edit.toPlainText(),
            escalated_at=self.escalated_at(),
            escalated_to=self.escalated_to_edit.text(),
            observations=self.observations_edit.toPlainText(),
            **flags,
        )

    def set_read_only(self, read_only: bool) -> None:
        """Submitted and reviewed reports are shown, not edited."""
        for widget in (
            *self._fields.values(),
            *self.visitor_combos,
            *self.area_checks.values(),
            self.brief_check,
            self.training_check,
            self.serious_check,
        ):
            widget.setEnabled(not read_only)
        for edit in (
            self.received_edit,
            self.training_notes_edit,
            self.enrichment_edit,
            self.serious_notes_edit,
            self.escalated_to_edit,
            self.observations_edit,
        ):
            # A hint such as "e.g. Dog Unit Sergeant" in a greyed-out box reads like an answer.
            hint = self._placeholders.setdefault(edit, edit.placeholderText())
            edit.setPlaceholderText("" if read_only else hint)
        self._update_enabled()

    # -- messages --------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        """Hide every field message."""
        for error in (*self._errors.values(), self.general_error):
            error.show_message("")

    def has_field(self, name: str) -> bool:
        """Whether a message keyed ``name`` is shown on this tab."""
        return name in self._errors

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show each message at its field, focus the first; return the messages with no field here."""
        self.clear_errors()
        unplaced, first = [], None
        for name, message in errors.items():
            if name in self._errors:
                self._errors[name].show_message(message)
                first = first or name
            else:
                unplaced.append(message)
        if first is not None:
            targets = {"visitor_ids": self.visitor_combos[0], "escalated_at": self.escalated_date}
            targets["areas_seen"] = self.area_checks[next(iter(AREA_FLAGS))]
            targets.get(first, self._fields[first]).setFocus()
        self.general_error.show_message("\n".join(unplaced))
        return unplaced
