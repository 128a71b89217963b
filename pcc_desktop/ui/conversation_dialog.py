"""One anonymous detainee spoken to: consent first, then the welfare checklist and requests.

Nothing here identifies the detainee. Every detail stays disabled until consent to talk is ticked;
a custody number, if typed, is only hashed by the service to stop counting a detainee twice.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import CheckResult
from pcc_desktop.services.custody_details import ConversationDetail, ConversationInput, RequestInput
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.visit_list import RESULT_LABELS
from pcc_desktop.ui.widgets import Choice, ChoiceCombo, FieldError

CUSTODY_NUMBER_LABEL = "Custody &number (not stored — only used to stop double counting):"


def result_combo(parent: QWidget, name: str) -> ChoiceCombo:
    """Yes / No / Not checked / N/A, starting at Not checked."""
    combo = ChoiceCombo(parent=parent)
    combo.setEditable(False)
    combo.set_choices(list(RESULT_LABELS.items()))
    combo.setCurrentIndex(0)
    combo.setAccessibleName(name)
    return combo


class RequestRow(QWidget):
    """One request: category, raised with the custody sergeant, resolved during the visit."""

    def __init__(self, categories: list[Choice], number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category_combo = ChoiceCombo("Choose a category", self)
        self.category_combo.set_choices(categories)
        self.category_combo.setAccessibleName(f"Request {number} category")
        self.raised_check = QCheckBox("Raised with sergeant", self)
        self.raised_check.setAccessibleName(f"Request {number} raised with the custody sergeant")
        self.resolved_check = QCheckBox("Resolved", self)
        self.resolved_check.setAccessibleName(f"Request {number} resolved during the visit")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName(f"Remove request {number}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.category_combo, 1)
        for widget in (self.raised_check, self.resolved_check, self.remove_button):
            layout.addWidget(widget)

    def value(self) -> RequestInput:
        """The request as typed."""
        return RequestInput(
            category_id=self.category_combo.current_id(),  # type: ignore[arg-type]
            raised_with_sergeant=self.raised_check.isChecked(),
            resolved_during_visit=self.resolved_check.isChecked(),
        )


class ConversationDialog(SubmitDialog):
    """Add or edit one detainee row; the caller's ``submit`` saves ``result_input()`` via a service."""

    def __init__(
        self,
        categories: list[Choice],
        welfare_items: list[Choice],
        row: ConversationDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Detainee {row.position}" if row else "Detainee spoken to", parent)
        self.setObjectName("conversation_dialog")
        self.setMinimumWidth(720)
        self._categories = categories
        self.request_rows: list[RequestRow] = []
        self.consent_talk_check = QCheckBox("Agreed to &talk to the visitors", self)
        self.consent_record_check = QCheckBox("Agreed to let visitors see the custody &record", self)
        self.juvenile_check = QCheckBox("&Juvenile (under 18)", self)
        self.vulnerable_check = QCheckBox("&Vulnerable adult", self)
        self.custody_number_edit = QLineEdit(self, maxLength=40, placeholderText="Optional")
        self.notes_edit = QPlainTextEdit(self, tabChangesFocus=True, placeholderText="No names, please")
        self.notes_edit.setFixedHeight(60)
        self.consent_note = QLabel(self, objectName="consent_note", wordWrap=True)
        self.consent_note.setStyleSheet("color: #6b4e00; font-weight: bold;")
        self.add_field("Consent to talk:", "consent_to_talk", self.consent_talk_check)
        self.form.addRow("", self.consent_note)
        self.add_field("Consent to view record:", "consent_to_view_record", self.consent_record_check)
        self.form.addRow("Detainee:", self._flags_row())
        self.form.addRow(self._custody_number_row())
        self.form.addRow(self._welfare_box(welfare_items))
        self.form.addRow(self._requests_box())
        self.add_field("N&otes:", "notes", self.notes_edit)
        self.consent_talk_check.toggled.connect(self._update_enabled)
        self._load(row)

    def _custody_number_row(self) -> QWidget:
        """The long label sits above its box, so the other fields keep a narrow label column."""
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        caption = QLabel(CUSTODY_NUMBER_LABEL, holder, objectName="custody_number_label")
        caption.setBuddy(self.custody_number_edit)
        self.custody_number_edit.setAccessibleName(CUSTODY_NUMBER_LABEL.replace("&", "").rstrip(":"))
        error = FieldError(holder)
        for widget in (caption, self.custody_number_edit, error):
            box.addWidget(widget)
        self._errors["custody_number"], self._fields["custody_number"] = error, self.custody_number_edit
        return holder

    def _flags_row(self) -> QWidget:
        holder = QWidget(self)
        box = QHBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.juvenile_check)
        box.addWidget(self.vulnerable_check)
        box.addStretch(1)
        return holder

    def _welfare_box(self, items: list[Choice]) -> QGroupBox:
        box = QGroupBox("Rights and &welfare checklist", self)
        grid = QGridLayout(box)
        self.welfare_combos: dict[uuid.UUID, ChoiceCombo] = {}
        half = (len(items) + 1) // 2
        for index, (item_id, text) in enumerate(items):
            combo = result_combo(box, text)
            label = QLabel(text, box, wordWrap=True)
            label.setBuddy(combo)
            row, col = index % half, (index // half) * 2
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
            self.welfare_combos[item_id] = combo
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        self._errors["welfare"], self._fields["welfare"] = FieldError(box), box
        grid.addWidget(self._errors["welfare"], half, 0, 1, 4)
        self.welfare_box = box
        return box

    def _requests_box(self) -> QGroupBox:
        box = QGroupBox("Re&quests made", self)
        self.requests_layout = QVBoxLayout(box)
        self.add_request_button = QPushButton("&Add request", box)
        self.add_request_button.setAccessibleName("Add request")
        self.add_request_button.clicked.connect(lambda: self.add_request())
        self._errors["requests"], self._fields["requests"] = FieldError(box), self.add_request_button
        self.requests_layout.addWidget(self._errors["requests"])
        self.requests_layout.addWidget(self.add_request_button)
        self.requests_box = box
        return box

    def add_request(
        self, category_id: object = None, raised: bool = False, resolved: bool = False
    ) -> RequestRow:
        """Add a request line (focused on its category) and return it."""
        row = RequestRow(self._categories, len(self.request_rows) + 1, self.requests_box)
        row.category_combo.set_current_id(category_id)
        row.raised_check.setChecked(raised)
        row.resolved_check.setChecked(resolved)
        row.remove_button.clicked.connect(lambda: self.remove_request(row))
        self.requests_layout.insertWidget(len(self.request_rows), row)
        self.request_rows.append(row)
        row.setEnabled(self.consent_talk_check.isChecked())
        row.category_combo.setFocus()
        return row

    def remove_request(self, row: RequestRow) -> None:
        """Take a request line away."""
        self.request_rows.remove(row)
        self.requests_layout.removeWidget(row)
        row.deleteLater()
        self.add_request_button.setFocus()

    def _load(self, row: ConversationDetail | None) -> None:
        if row is not None:
            self.consent_talk_check.setChecked(row.consent_to_talk)
            self.consent_record_check.setChecked(row.consent_to_view_record)
            self.juvenile_check.setChecked(row.juvenile)
            self.vulnerable_check.setChecked(row.vulnerable)
            self.notes_edit.setPlainText(row.notes)
            for answer in row.welfare:
                if answer.item_id in self.welfare_combos:
                    self.welfare_combos[answer.item_id].set_current_id(answer.result)
            for request in row.requests:
                self.add_request(
                    request.category_id, request.raised_with_sergeant, request.resolved_during_visit
                )
            if row.has_custody_number:
                self.custody_number_edit.setPlaceholderText("Given before: type it again to keep the check")
        self._update_enabled()

    def detail_widgets(self) -> list[QWidget]:
        """Everything that needs consent to talk first."""
        return [
            self.consent_record_check,
            self.juvenile_check,
            self.vulnerable_check,
            self.custody_number_edit,
            self.welfare_box,
            self.requests_box,
            self.notes_edit,
        ]

    def _update_enabled(self, *_args: object) -> None:
        consent = self.consent_talk_check.isChecked()
        for widget in self.detail_widgets():
            widget.setEnabled(consent)
        self.consent_note.setText(
            "" if consent else "Tick consent to talk first: nothing else is recorded without it."
        )
        self.consent_note.setVisible(not consent)

    def result_input(self) -> ConversationInput:
        """The row as typed; without consent to talk, no detail is sent."""
        if not self.consent_talk_check.isChecked():
            return ConversationInput(consent_to_talk=False)
        welfare = {
            item_id: combo.current_id()
            for item_id, combo in self.welfare_combos.items()
            if combo.current_id() != CheckResult.NOT_CHECKED
        }
        return ConversationInput(
            consent_to_talk=True,
            consent_to_view_record=self.consent_record_check.isChecked(),
            juvenile=self.juvenile_check.isChecked(),
            vulnerable=self.vulnerable_check.isChecked(),
            custody_number=self.custody_number_edit.text().strip(),
            welfare=welfare,  # type: ignore[arg-type]
            requests=tuple(row.value() for row in self.request_rows),
            notes=self.notes_edit.toPlainText(),
        )
