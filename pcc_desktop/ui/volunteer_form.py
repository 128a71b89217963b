"""The volunteer's Details tab and the small dialogs that add memberships, training, awards and hours.

Nothing here touches the database: the page hands each dialog a ``submit`` that goes through a
service, and reads the form back as a :class:`VolunteerInput`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import MembershipStatus, Scheme, VettingLevel
from pcc_desktop.services.clock import today
from pcc_desktop.services.volunteer_records import AwardInput, HoursInput, TrainingInput
from pcc_desktop.services.volunteers import (
    MEMBERSHIP_LABELS,
    SCHEME_LABELS,
    VETTING_LABELS,
    MembershipData,
    MembershipInput,
    VolunteerDetail,
    VolunteerInput,
)
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.widgets import ChoiceCombo, FieldError, OptionalDateEdit, add_checked_row

PERSONAL_DATA_NOTE = "Personal data: contact details are kept for running the schemes only."


def enum_combo(labels: dict, parent: QWidget) -> ChoiceCombo:
    """A fixed (not editable) combo over an enum's labels, first item chosen."""
    combo = ChoiceCombo(parent=parent)
    combo.setEditable(False)
    combo.set_choices(list(labels.items()))
    combo.setCurrentIndex(0)
    return combo


def _text_box(parent: QWidget, height: int, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(parent, tabChangesFocus=True, placeholderText=placeholder)
    edit.setFixedHeight(height)
    return edit


class VolunteerForm(QWidget):
    """Edits one volunteer's details; ``changed`` fires on each edit so the page can offer Save."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("volunteer_form")
        self._errors: dict[str, FieldError] = {}
        self._fields: dict[str, QWidget] = {}
        self._loading = False
        self.heading = QLabel(self, objectName="volunteer_heading", wordWrap=True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.personal_note = QLabel(PERSONAL_DATA_NOTE, self, objectName="personal_data_note", wordWrap=True)
        self.personal_note.setStyleSheet("font-weight: bold;")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_fields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.personal_note)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self._connect()

    def _row(self, label: str, name: str, widget: QWidget) -> None:
        self._errors[name] = add_checked_row(self.form, label, widget)
        self._fields[name] = widget

    def _add_fields(self) -> None:
        self.name_edit = QLineEdit(self, maxLength=160, objectName="name_edit")
        self.email_edit = QLineEdit(self, maxLength=200, placeholderText="name@example.org")
        self.phone_edit = QLineEdit(self, maxLength=60)
        self.address_edit = _text_box(self, 64)
        self.vetting_combo = enum_combo(VETTING_LABELS, self)
        self.vetting_expiry_edit = OptionalDateEdit("Not set", self)
        self.availability_edit = QLineEdit(
            self, maxLength=300, placeholderText="e.g. Weekday evenings; not Sundays"
        )
        self.notes_edit = _text_box(self, 80)
        self._row("&Name:", "name", self.name_edit)
        self._row("E&mail:", "email", self.email_edit)
        self._row("&Phone:", "phone", self.phone_edit)
        self._row("A&ddress:", "address", self.address_edit)
        self._row("&Vetting level:", "vetting_level", self.vetting_combo)
        self._row("Vetting e&xpires:", "vetting_expires_on", self.vetting_expiry_edit)
        self._row("Availa&bility:", "availability", self.availability_edit)
        self._row("N&otes:", "notes", self.notes_edit)

    def _connect(self) -> None:
        for line in (self.name_edit, self.email_edit, self.phone_edit, self.availability_edit):
            line.textEdited.connect(self._on_edited)
        for text in (self.address_edit, self.notes_edit):
            text.textChanged.connect(self._on_edited)
        self.vetting_combo.currentIndexChanged.connect(self._on_edited)
        self.vetting_expiry_edit.dateChanged.connect(self._on_edited)

    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def load(self, detail: VolunteerDetail | None) -> None:
        """Show ``detail``, or a blank new volunteer."""
        self._loading = True
        self.clear_errors()
        data = detail.to_input() if detail is not None else VolunteerInput(name="")
        self.heading.setText(f"{detail.reference}: {detail.name}" if detail else "New volunteer")
        self.name_edit.setText(data.name)
        self.email_edit.setText(data.email)
        self.phone_edit.setText(data.phone)
        self.address_edit.setPlainText(data.address)
        self.vetting_combo.set_current_id(data.vetting_level)
        self.vetting_expiry_edit.set_value(data.vetting_expires_on)
        self.availability_edit.setText(data.availability)
        self.availability_edit.setCursorPosition(0)
        self.notes_edit.setPlainText(data.notes)
        self._loading = False

    def read_input(self) -> VolunteerInput:
        """What the form holds now, for the service."""
        return VolunteerInput(
            name=self.name_edit.text(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            address=self.address_edit.toPlainText(),
            vetting_level=self.vetting_combo.current_id() or VettingLevel.NONE,  # type: ignore[arg-type]
            vetting_expires_on=self.vetting_expiry_edit.value(),
            availability=self.availability_edit.text(),
            notes=self.notes_edit.toPlainText(),
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


class DetailsTab(QWidget):
    """The Details tab: the form in a scroll area, with Revert and Save under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = VolunteerForm(self)
        scroll = QScrollArea(self, widgetResizable=True)
        scroll.setWidget(self.form)
        self.dirty_label = QLabel("", self)
        self.revert_button = QPushButton("Revert", self, objectName="revert_button", toolTip="Esc")
        self.save_button = QPushButton("Save", self, objectName="save_button", toolTip="Ctrl+S")
        buttons = QHBoxLayout()
        buttons.addWidget(self.dirty_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(scroll, 1)
        box.addLayout(buttons)

    def set_dirty(self, dirty: bool, is_new: bool = False) -> None:
        """Offer Save while there are edits (or for a new volunteer) and Revert while there are edits."""
        self.save_button.setEnabled(dirty or is_new)
        self.revert_button.setEnabled(dirty)
        self.dirty_label.setText("Unsaved changes" if dirty else "")


class MembershipDialog(SubmitDialog):
    """Add a volunteer to a scheme, or change their status, dates and term in one.

    Args:
        current: The membership being edited (its scheme cannot change), or None to add one.
        schemes: The schemes that may be chosen when adding (those the volunteer is not in).
        parent: The owning widget.
    """

    def __init__(
        self, current: MembershipData | None, schemes: Sequence[Scheme], parent: QWidget | None = None
    ) -> None:
        super().__init__("Edit scheme membership" if current else "Add to a scheme", parent)
        self.setMinimumWidth(420)
        self.scheme_combo = enum_combo({s: SCHEME_LABELS[s] for s in schemes}, self)
        self.status_combo = enum_combo(MEMBERSHIP_LABELS, self)
        self.started_edit = OptionalDateEdit("Not set", self)
        self.ended_edit = OptionalDateEdit("Not ended", self)
        self.term_edit = OptionalDateEdit("No fixed term", self)
        self.add_field("S&cheme:", "scheme", self.scheme_combo)
        self.add_field("S&tatus:", "status", self.status_combo)
        self.add_field("&Started:", "started_on", self.started_edit)
        self.add_field("&Ended:", "ended_on", self.ended_edit)
        self.add_field("Term e&nds:", "term_ends_on", self.term_edit)
        hint = QLabel("The appointment term is renewed by changing its end date.", self, wordWrap=True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        self.form.addRow(hint)
        if current is not None:
            self.scheme_combo.set_choices([(current.scheme, SCHEME_LABELS[current.scheme])])
            self.scheme_combo.setCurrentIndex(0)
            self.scheme_combo.setEnabled(False)
            self.status_combo.set_current_id(current.status)
            self.started_edit.set_value(current.started_on)
            self.ended_edit.set_value(current.ended_on)
            self.term_edit.set_value(current.term_ends_on)

    def read(self) -> MembershipInput:
        """The membership as entered."""
        return MembershipInput(
            scheme=self.scheme_combo.current_id(),  # type: ignore[arg-type]
            status=self.status_combo.current_id() or MembershipStatus.APPLICANT,  # type: ignore[arg-type]
            started_on=self.started_edit.value(),
            ended_on=self.ended_edit.value(),
            term_ends_on=self.term_edit.value(),
        )


def _dated(edit: OptionalDateEdit) -> OptionalDateEdit:
    edit.set_value(today())
    return edit


class TrainingDialog(SubmitDialog):
    """Record a course the volunteer completed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add training", parent)
        self.setMinimumWidth(420)
        self.course_edit = QLineEdit(self, maxLength=200, placeholderText="e.g. ICV induction")
        self.completed_edit = _dated(OptionalDateEdit("Not set", self))
        self.provider_edit = QLineEdit(self, maxLength=200, placeholderText="e.g. ICVA")
        self.add_field("&Course:", "course", self.course_edit)
        self.add_field("Co&mpleted on:", "completed_on", self.completed_edit)
        self.add_field("&Provider:", "provider", self.provider_edit)

    def read(self) -> TrainingInput:
        """The training record as entered."""
        return TrainingInput(self.course_edit.text(), self.completed_edit.value(), self.provider_edit.text())


class AwardDialog(SubmitDialog):
    """Record a certificate or long-service award."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add award", parent)
        self.setMinimumWidth(420)
        self.name_edit = QLineEdit(self, maxLength=200, placeholderText="e.g. 10 years' service")
        self.awarded_edit = _dated(OptionalDateEdit("Not set", self))
        self.add_field("&Award:", "name", self.name_edit)
        self.add_field("Awarded &on:", "awarded_on", self.awarded_edit)

    def read(self) -> AwardInput:
        """The award as entered."""
        return AwardInput(self.name_edit.text(), self.awarded_edit.value())


class HoursDialog(SubmitDialog):
    """Log time given on one day (meetings, training, events; visit hours come from the reports)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Log hours", parent)
        self.setMinimumWidth(420)
        self.worked_edit = _dated(OptionalDateEdit("Not set", self))
        self.hours_spin = QDoubleSpinBox(self, decimals=2, minimum=0, maximum=24, singleStep=0.5)
        self.hours_spin.setValue(1.0)
        self.activity_edit = QLineEdit(self, maxLength=120, placeholderText="e.g. Quarterly panel meeting")
        self.add_field("&Date:", "worked_on", self.worked_edit)
        self.add_field("&Hours:", "hours", self.hours_spin)
        self.add_field("&Activity:", "activity", self.activity_edit)
        for inner in self.hours_spin.findChildren(QLineEdit):  # the edit box inside takes the focus
            inner.setAccessibleName("Hours")

    def read(self) -> HoursInput:
        """The hours entry as entered."""
        return HoursInput(self.worked_edit.value(), self.hours_spin.value(), self.activity_edit.text())


__all__ = [
    "PERSONAL_DATA_NOTE",
    "AwardDialog",
    "DetailsTab",
    "HoursDialog",
    "MembershipDialog",
    "TrainingDialog",
    "VolunteerForm",
    "enum_combo",
]
