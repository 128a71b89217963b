"""Edit one feedback item in full: themes, area, where it was relayed, CGB, and consent to contact."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from pcc_desktop.models import RaisedBy, RelayedTo, Sentiment
from pcc_desktop.services.clock import today
from pcc_desktop.services.feedback import (
    RAISED_BY_LABELS,
    RELAYED_TO_LABELS,
    SENTIMENT_LABELS,
    FeedbackData,
    FeedbackInput,
)
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.widgets import CheckList, Choice, ChoiceCombo, OptionalDateEdit, add_checked_row

SENTIMENT_ORDER = (Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE)


def enum_combo(labels: dict, parent: QWidget, order: tuple = ()) -> ChoiceCombo:
    """A non-editable combo over an enum's labels (in ``order`` when given)."""
    combo = ChoiceCombo(parent=parent)
    combo.setEditable(False)
    combo.set_choices([(key, labels[key]) for key in (order or labels)])
    combo.setCurrentIndex(0)
    return combo


class FeedbackDialog(SubmitDialog):
    """Everything about one item; the caller's ``submit`` saves ``result_input()`` via the service.

    The contact fields are personal data: they are enabled only while consent is ticked.
    """

    def __init__(
        self,
        data: FeedbackData,
        themes: list[Choice],
        areas: list[Choice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Feedback item #{data.position}", parent)
        self.setObjectName("feedback_dialog")
        self.setMinimumWidth(560)
        self.text_edit = QPlainTextEdit(self, tabChangesFocus=True)
        self.text_edit.setFixedHeight(70)
        self.themes_list = CheckList(self)
        self.themes_list.setFixedHeight(100)
        self.themes_list.set_choices(themes)
        self.sentiment_combo = enum_combo(SENTIMENT_LABELS, self, SENTIMENT_ORDER)
        self.raised_by_combo = enum_combo(RAISED_BY_LABELS, self)
        self.area_combo = ChoiceCombo("The engagement's area", self)
        self.area_combo.set_choices(areas)
        self.relayed_combo = enum_combo(RELAYED_TO_LABELS, self)
        self.relayed_detail_edit = QLineEdit(self, maxLength=200, placeholderText="e.g. PC Jones, Melton NPT")
        self.relayed_on_edit = OptionalDateEdit("Not yet", self)
        self.cgb_check = QCheckBox("For the &Corporate Governance Board", self)
        self.cgb_topic_edit = QLineEdit(self, maxLength=200)
        self.add_field("&What was raised:", "text", self.text_edit)
        self.add_field("T&hemes:", "theme_ids", self.themes_list)
        self.add_field("&Sentiment:", "sentiment", self.sentiment_combo)
        self.add_field("Raised &by:", "raised_by", self.raised_by_combo)
        self.add_field("&Area:", "area_id", self.area_combo)
        self.add_field("Re&layed to:", "relayed_to", self.relayed_combo)
        self.add_field("&Passed to (name or team):", "relayed_to_detail", self.relayed_detail_edit)
        self.add_field("Relayed &on:", "relayed_on", self.relayed_on_edit)
        self.form.addRow("", self.cgb_check)
        self.add_field("CGB &topic:", "cgb_topic", self.cgb_topic_edit)
        self.form.addRow(self._consent_box())
        self.cgb_check.toggled.connect(self._update_enabled)
        self.consent_check.toggled.connect(self._on_consent_toggled)
        self.relayed_combo.currentIndexChanged.connect(self._update_enabled)
        self._load(data)

    def _consent_box(self) -> QGroupBox:
        box = QGroupBox("Contact for follow-up", self)
        form = QFormLayout(box)
        note = QLabel("Personal data: kept only with consent.", box, objectName="personal_data_note")
        note.setStyleSheet("color: #6b4e00; font-weight: bold;")
        form.addRow(note)
        self.consent_check = QCheckBox("Consent to contact &recorded", box)
        form.addRow("", self.consent_check)
        self.consent_on_edit = OptionalDateEdit("Not set", box)
        self.contact_name_edit = QLineEdit(box, maxLength=160)
        self.contact_details_edit = QLineEdit(box, maxLength=300, placeholderText="Phone or email")
        for label, name, widget in (
            ("Co&nsent recorded on:", "consent_recorded_on", self.consent_on_edit),
            ("Contact na&me:", "contact_name", self.contact_name_edit),
            ("Contact deta&ils:", "contact_details", self.contact_details_edit),
        ):
            self._errors[name] = add_checked_row(form, label, widget)
            self._fields[name] = widget
        return box

    def _load(self, d: FeedbackData) -> None:
        self.text_edit.setPlainText(d.text)
        self.themes_list.set_checked(d.theme_ids)
        self.sentiment_combo.set_current_id(d.sentiment)
        self.raised_by_combo.set_current_id(d.raised_by)
        self.area_combo.set_current_id(d.area_id)
        self.relayed_combo.set_current_id(d.relayed_to)
        self.relayed_detail_edit.setText(d.relayed_to_detail)
        self.relayed_on_edit.set_value(d.relayed_on)
        self.cgb_check.setChecked(d.for_cgb)
        self.cgb_topic_edit.setText(d.cgb_topic)
        self.consent_check.setChecked(d.consent_to_contact)
        self.consent_on_edit.set_value(d.consent_recorded_on)
        self.contact_name_edit.setText(d.contact_name)
        self.contact_details_edit.setText(d.contact_details)
        self._update_enabled()

    def _on_consent_toggled(self, checked: bool) -> None:
        """Ticking consent dates it today; the contact fields open only with consent."""
        if checked and self.consent_on_edit.value() is None:
            self.consent_on_edit.set_value(today())
        self._update_enabled()

    def _update_enabled(self, *_args: object) -> None:
        consent = self.consent_check.isChecked()
        for widget in (self.consent_on_edit, self.contact_name_edit, self.contact_details_edit):
            widget.setEnabled(consent)
        self.cgb_topic_edit.setEnabled(self.cgb_check.isChecked())
        relayed = self.relayed_combo.current_id() not in (None, RelayedTo.NONE)
        self.relayed_detail_edit.setEnabled(relayed)
        self.relayed_on_edit.setEnabled(relayed)

    def result_input(self) -> FeedbackInput:
        """The item as edited; without consent the contact fields are left out."""
        consent = self.consent_check.isChecked()
        relayed = self.relayed_combo.current_id() or RelayedTo.NONE
        return FeedbackInput(
            text=self.text_edit.toPlainText(),
            sentiment=self.sentiment_combo.current_id() or Sentiment.NEUTRAL,  # type: ignore[arg-type]
            raised_by=self.raised_by_combo.current_id() or RaisedBy.RESIDENT,  # type: ignore[arg-type]
            theme_ids=self.themes_list.checked_ids(),
            area_id=self.area_combo.current_id(),  # type: ignore[arg-type]
            relayed_to=relayed,  # type: ignore[arg-type]
            relayed_to_detail=self.relayed_detail_edit.text() if relayed != RelayedTo.NONE else "",
            relayed_on=self.relayed_on_edit.value() if relayed != RelayedTo.NONE else None,
            for_cgb=self.cgb_check.isChecked(),
            cgb_topic=self.cgb_topic_edit.text() if self.cgb_check.isChecked() else "",
            consent_to_contact=consent,
            consent_recorded_on=self.consent_on_edit.value() if consent else None,
            contact_name=self.contact_name_edit.text() if consent else "",
            contact_details=self.contact_details_edit.text() if consent else "",
        )
