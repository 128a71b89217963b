"""The Report tab: a visit report's header, typed top to bottom without the mouse.

Messages from the services appear under their fields. The delay fields open only when the gap
between arriving and being admitted is longer than the Code allows, with a hint saying why.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import VisitMode
from pcc_desktop.services.clock import today
from pcc_desktop.services.custody_details import VisitDetail, VisitInput
from pcc_desktop.services.custody_visit_rules import DELAY_THRESHOLD_MINUTES
from pcc_desktop.ui.visit_list import MODE_LABELS, STATUS_LABELS
from pcc_desktop.ui.widgets import Choice, ChoiceCombo, FieldError, OptionalDateEdit, add_checked_row

NO_TIME = QTime(0, 0)
POPULATION = (
    ("in_custody", "In custod&y"),
    ("offered", "O&ffered"),
    ("seen", "S&een"),
    ("declined", "Decli&ned"),
    ("not_seen", "Not see&n"),
)
MAX_PEOPLE = 999


def time_edit(parent: QWidget) -> QTimeEdit:
    """A time that may be blank: 00:00 shows as "Not set" (type 00:01 for a visit at midnight)."""
    edit = QTimeEdit(parent, displayFormat="HH:mm")
    edit.setMinimumTime(NO_TIME)
    edit.setSpecialValueText("Not set")
    edit.setTime(NO_TIME)
    return edit


def time_of(edit: QTimeEdit) -> time | None:
    """The time shown, None when blank."""
    return None if edit.time() == NO_TIME else edit.time().toPython()  # type: ignore[return-value]


def delay_minutes(arrived: time | None, admitted: time | None) -> int:
    """Minutes from arriving to being admitted, past midnight if need be (0 if a time is blank)."""
    if arrived is None or admitted is None:
        return 0
    start, end = datetime.combine(date.min, arrived), datetime.combine(date.min, admitted)
    if end < start:
        end += timedelta(days=1)
    return int((end - start).total_seconds() // 60)


def _text_box(parent: QWidget, height: int, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent, tabChangesFocus=True, placeholderText=placeholder)
    edit.setFixedHeight(height)
    return edit


class VisitForm(QWidget):
    """Edits one visit report's header; ``changed`` fires on each edit so the page can offer Save."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visit_form")
        self._errors: dict[str, FieldError] = {}
        self._fields: dict[str, QWidget] = {}
        self._loading = False
        self._volunteers: list[Choice] = []
        self._base = VisitInput(suite_id=None, visited_on=today())
        self.heading = QLabel("New visit report", self, objectName="visit_heading", wordWrap=True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.general_error = FieldError(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_when_fields()
        self._add_people_fields()
        self._add_population_fields()
        self._add_findings_fields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self._connect()

    def _row(self, label: str, name: str, widget: QWidget) -> None:
        self._errors[name] = add_checked_row(self.form, label, widget)
        self._fields[name] = widget
        for inner in widget.findChildren(QLineEdit):  # the edit box inside a time or spin box
            inner.setAccessibleName(widget.accessibleName())

    def _add_when_fields(self) -> None:
        self.status_label = QLabel(self, objectName="visit_status_label")
        self.suite_combo = ChoiceCombo("Choose the custody suite", self)
        self.mode_combo = ChoiceCombo(parent=self)
        self.mode_combo.setEditable(False)
        self.mode_combo.set_choices(list(MODE_LABELS.items()))
        self.date_edit = OptionalDateEdit("Not set", self)
        self.arrived_edit, self.admitted_edit, self.departed_edit = (time_edit(self) for _ in range(3))
        self.delay_hint = QLabel(self, objectName="delay_hint", wordWrap=True)
        self.delay_hint.setStyleSheet("color: #6b4e00;")
        self.delay_reason_edit = QLineEdit(self, maxLength=5000, placeholderText="e.g. cell block lockdown")
        self.delay_rank_edit = QLineEdit(self, maxLength=60, placeholderText="e.g. Inspector")
        self.form.addRow("Status:", self.status_label)
        self._row("&Suite:", "suite_id", self.suite_combo)
        self._row("&Mode:", "mode", self.mode_combo)
        self._row("&Date:", "visited_on", self.date_edit)
        self._row("&Arrived:", "arrived_at", self.arrived_edit)
        self._row("Ad&mitted:", "admitted_at", self.admitted_edit)
        self._row("De&parted:", "departed_at", self.departed_edit)
        self.form.addRow("", self.delay_hint)
        self._row("Delay &reason:", "delay_reason", self.delay_reason_edit)
        self._row("Delay authorised by (ran&k):", "delay_authorised_rank", self.delay_rank_edit)

    def _add_people_fields(self) -> None:
        self.escort_edit = QLineEdit(self, maxLength=60, placeholderText="e.g. Custody Sergeant")
        self._row("Escorted by (ran&k):", "escorted_by_rank", self.escort_edit)
        holder = QWidget(self)
        box = QHBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        self.visitor_combos = [
            ChoiceCombo(blank, holder) for blank in ("First visitor", "Second visitor", "None")
        ]
        for combo in self.visitor_combos:
            combo.setMinimumContentsLength(10)
            box.addWidget(combo, 1)
        self._row("&Visitors:", "visitor_ids", holder)
        names = ("Visitor 1", "Visitor 2", "Visitor 3 (optional)")
        for combo, name in zip(self.visitor_combos, names, strict=True):
            combo.setAccessibleName(name)
        self.form.labelForField(self._errors["visitor_ids"].parentWidget()).setBuddy(self.visitor_combos[0])

    def _add_population_fields(self) -> None:
        holder = QWidget(self)
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        self.population_spins: dict[str, QSpinBox] = {}
        for column, (name, text) in enumerate(POPULATION):
            spin = QSpinBox(holder, maximum=MAX_PEOPLE)
            spin.setAccessibleName(text.replace("&", ""))
            spin.lineEdit().setAccessibleName(spin.accessibleName())
            caption = QLabel(text + ":", holder)
            caption.setBuddy(spin)
            grid.addWidget(caption, 0, column)
            grid.addWidget(spin, 1, column)
            self.population_spins[name] = spin
        self._errors["population"] = add_checked_row(self.form, "Detainees:", holder)
        holder.setAccessibleName("Detainees")
        for name, spin in self.population_spins.items():
            self._errors[name], self._fields[name] = self._errors["population"], spin
        self.not_seen_edit = QLineEdit(
            self, maxLength=5000, placeholderText="asleep, in interview, at hospital…"
        )
        self._row("Not seen &because:", "not_seen_reason", self.not_seen_edit)

    def _add_findings_fields(self) -> None:
        self.serious_check = QCheckBox("Serious &issue found", self)
        self.serious_notes_edit = _text_box(self, 54, "What it is, and what the custody sergeant said")
        self.terrorism_check = QCheckBox("&Terrorism Act detention in the suite", self)
        self.observations_edit = _text_box(self, 90, "What you saw; describe people without naming them")
        self.form.addRow("", self.serious_check)
        self._row("Serious issue &notes:", "serious_issue_notes", self.serious_notes_edit)
        self.form.addRow("", self.terrorism_check)
        self._row("&Observations:", "observations", self.observations_edit)
        self.serious_check.setAccessibleName("Serious issue found")
        self.terrorism_check.setAccessibleName("Terrorism Act detention in the suite")

    def _connect(self) -> None:
        for combo in (self.suite_combo, self.mode_combo, *self.visitor_combos):
            combo.currentIndexChanged.connect(self._on_edited)
        self.date_edit.dateChanged.connect(self._on_edited)
        for edit in (self.arrived_edit, self.admitted_edit, self.departed_edit):
            edit.timeChanged.connect(self._on_edited)
        for line in (self.delay_reason_edit, self.delay_rank_edit, self.escort_edit, self.not_seen_edit):
            line.textEdited.connect(self._on_edited)
        for spin in self.population_spins.values():
            spin.valueChanged.connect(self._on_edited)
        for text in (self.serious_notes_edit, self.observations_edit):
            text.textChanged.connect(self._on_edited)
        for check in (self.serious_check, self.terrorism_check):
            check.toggled.connect(self._on_edited)

    def _on_edited(self, *_args: object) -> None:
        self._update_enabled()
        if not self._loading:
            self.changed.emit()

    def _update_enabled(self) -> None:
        """Delay fields open past the threshold (or when already filled); notes with a serious issue."""
        editable = self.suite_combo.isEnabled()
        minutes = delay_minutes(time_of(self.arrived_edit), time_of(self.admitted_edit))
        delayed = minutes > DELAY_THRESHOLD_MINUTES
        filled = bool(self.delay_reason_edit.text() or self.delay_rank_edit.text())
        for widget in (self.delay_reason_edit, self.delay_rank_edit):
            widget.setEnabled(editable and (delayed or filled))
        self.delay_hint.setText(
            f"⚠ Admitted {minutes} minutes after arriving (more than {DELAY_THRESHOLD_MINUTES}): "
            "record the reason and the rank of the officer who authorised the delay."
            if delayed
            else f"Delay fields open if you were kept waiting more than {DELAY_THRESHOLD_MINUTES} minutes."
        )
        self.serious_notes_edit.setEnabled(
            editable and (self.serious_check.isChecked() or bool(self.serious_notes_edit.toPlainText()))
        )
        self.not_seen_edit.setEnabled(editable)

    # -- loading and reading ---------------------------------------------------------------------

    def set_choices(self, suites: list[Choice], volunteers: list[Choice]) -> None:
        """The suites and the active custody visitors offered."""
        self._loading = True
        self.suite_combo.set_choices(suites)
        self._volunteers = list(volunteers)
        self._set_visitor_choices(self._base.visitor_ids)
        self._loading = False

    def _set_visitor_choices(self, current: tuple) -> None:
        """Active visitors, plus anyone already on the report who is no longer active."""
        known = {value for value, _ in self._volunteers}
        extra = [(v.id, v.name) for v in getattr(self, "_visitors", ()) if v.id not in known]
        for combo in self.visitor_combos:
            combo.set_choices([*self._volunteers, *extra])
        for index, combo in enumerate(self.visitor_combos):
            combo.set_current_id(current[index] if index < len(current) else None)

    def load(self, detail: VisitDetail | None) -> None:
        """Show ``detail``, or a blank new report (in person, today)."""
        self._loading = True
        self.clear_errors()
        self._visitors = detail.visitors if detail else ()
        if detail is None:
            self._base = VisitInput(suite_id=None, visited_on=today())
            self.heading.setText("New visit report")
            self.status_label.setText("Draft (when saved)")
        else:
            values = {f.name: getattr(detail, f.name) for f in fields(VisitInput) if hasattr(detail, f.name)}
            self._base = VisitInput(**{**values, "visitor_ids": tuple(v.id for v in detail.visitors)})
            self.heading.setText(f"{detail.reference}: {detail.suite_name}, {detail.visited_on:%d/%m/%Y}")
            self.status_label.setText(STATUS_LABELS[detail.status])
        self._load_values(self._base)
        self._loading = False
        self._update_enabled()

    def _load_values(self, d: VisitInput) -> None:
        self.suite_combo.set_current_id(d.suite_id)
        self.mode_combo.set_current_id(d.mode)
        self.date_edit.set_value(d.visited_on)
        for edit, value in (
            (self.arrived_edit, d.arrived_at),
            (self.admitted_edit, d.admitted_at),
            (self.departed_edit, d.departed_at),
        ):
            edit.setTime(QTime(value) if value else NO_TIME)
        self.delay_reason_edit.setText(d.delay_reason)
        self.delay_rank_edit.setText(d.delay_authorised_rank)
        self.escort_edit.setText(d.escorted_by_rank)
        self._set_visitor_choices(d.visitor_ids)
        for name, spin in self.population_spins.items():
            spin.setValue(getattr(d, name))
        self.not_seen_edit.setText(d.not_seen_reason)
        self.serious_check.setChecked(d.serious_issue)
        self.serious_notes_edit.setPlainText(d.serious_issue_notes)
        self.terrorism_check.setChecked(d.terrorism_detention)
        self.observations_edit.setPlainText(d.observations)

    def read_input(self) -> VisitInput:
        """What the form holds now (the rota slot kept as loaded), for the service."""
        visitors = tuple(c.current_id() for c in self.visitor_combos if c.current_id() is not None)
        counts = {name: spin.value() for name, spin in self.population_spins.items()}
        return replace(
            self._base,
            suite_id=self.suite_combo.current_id(),  # type: ignore[arg-type]
            mode=self.mode_combo.current_id() or VisitMode.IN_PERSON,  # type: ignore[arg-type]
            visited_on=self.date_edit.value(),
            arrived_at=time_of(self.arrived_edit),
            admitted_at=time_of(self.admitted_edit),
            departed_at=time_of(self.departed_edit),
            delay_reason=self.delay_reason_edit.text(),
            delay_authorised_rank=self.delay_rank_edit.text(),
            escorted_by_rank=self.escort_edit.text(),
            visitor_ids=visitors,  # type: ignore[arg-type]
            not_seen_reason=self.not_seen_edit.text(),
            serious_issue=self.serious_check.isChecked(),
            serious_issue_notes=self.serious_notes_edit.toPlainText(),
            terrorism_detention=self.terrorism_check.isChecked(),
            observations=self.observations_edit.toPlainText(),
            **counts,
        )

    def set_read_only(self, read_only: bool) -> None:
        """Submitted and reviewed reports are shown, not edited."""
        for widget in (
            *self._fields.values(),
            *self.visitor_combos,
            self.serious_check,
            self.terrorism_check,
        ):
            widget.setEnabled(not read_only)
        self._update_enabled()

    # -- messages --------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        """Hide every field message."""
        for error in (*self._errors.values(), self.general_error):
            error.show_message("")

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show each message at its field, focus the first; return the messages with no field here."""
        self.clear_errors()
        unplaced, first = [], None
        for name, message in errors.items():
            if name in self._errors:
                error = self._errors[name]
                error.show_message(
                    f"{error.text()[2:]}\n{message}".strip() if error.isVisibleTo(self) else message
                )
                first = first or self._fields.get(name)
            else:
                unplaced.append(message)
        if first is not None:
            target = self.visitor_combos[0] if first is self._fields.get("visitor_ids") else first
            target.setFocus()
        self.general_error.show_message("\n".join(unplaced))
        return unplaced
