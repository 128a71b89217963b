"""One dog seen on a Dog Unit visit: the dog, a rating for each of the five welfare needs, notes.

The dogs offered are those in service on the visit date. A need rated a concern asks for condition
notes (the service refuses it without them), so the hint under the ratings says so as it happens.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPlainTextEdit, QWidget

from pcc_desktop.models import WelfareRating
from pcc_desktop.services.aws_choices import dog_label
from pcc_desktop.services.aws_details import WELFARE_NEEDS, ObservationDetail, ObservationInput
from pcc_desktop.ui.aws_visit_list import NEED_LABELS, RATING_LABELS
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.widgets import Choice, ChoiceCombo, FieldError

NEED_HINTS = {
    "environment": "a suitable environment (kennel, run, vehicle)",
    "diet": "a suitable diet and fresh water",
    "behaviour": "able to behave normally; stress signs",
    "companionship": "housed with or apart from other animals; handler bond",
    "health": "protected from pain, injury and disease; body condition",
}


class ObservationDialog(SubmitDialog):
    """Add or edit one dog's row; the caller's ``submit`` saves ``result_input()`` via a service."""

    def __init__(
        self, dogs: list[Choice], row: ObservationDetail | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Dog seen: {row.dog_name}" if row else "Dog seen", parent)
        self.setObjectName("aws_observation_dialog")
        self.setMinimumWidth(620)
        self.dog_combo = ChoiceCombo("Choose the dog", self)
        known = {value for value, _ in dogs}
        extra = (
            [(row.dog_id, dog_label(row.dog_name, row.collar_number))]
            if row and row.dog_id not in known
            else []
        )
        self.dog_combo.set_choices([*dogs, *extra])
        self.add_field("&Dog:", "dog_id", self.dog_combo)
        self.form.addRow(self._needs_box())
        self.concern_hint = QLabel(self, objectName="concern_hint", wordWrap=True)
        self.concern_hint.setStyleSheet("color: #6b4e00; font-weight: bold;")
        self.form.addRow("", self.concern_hint)
        self.notes_edit = QPlainTextEdit(self, tabChangesFocus=True)
        self.notes_edit.setPlaceholderText("Body condition, coat, injuries, demeanour; what the handler said")
        self.notes_edit.setFixedHeight(80)
        self.add_field("Condition &notes:", "condition_notes", self.notes_edit)
        if row is not None:
            self.dog_combo.set_current_id(row.dog_id)
            self.dog_combo.setEnabled(False)  # another dog is another row: add it
            for need in WELFARE_NEEDS:
                self.need_combos[need].set_current_id(getattr(row, need))
            self.notes_edit.setPlainText(row.condition_notes)
        self._update_hint()

    def _needs_box(self) -> QGroupBox:
        box = QGroupBox("The five welfare &needs", self)
        grid = QGridLayout(box)
        self.need_combos: dict[str, ChoiceCombo] = {}
        for row, need in enumerate(WELFARE_NEEDS):
            combo = ChoiceCombo(parent=box)
            combo.setEditable(False)
            combo.set_choices(list(RATING_LABELS.items()))
            combo.set_current_id(WelfareRating.NOT_ASSESSED)
            combo.setAccessibleName(NEED_LABELS[need])
            combo.currentIndexChanged.connect(self._update_hint)
            label = QLabel(f"{NEED_LABELS[need]}:", box)
            label.setBuddy(combo)
            hint = QLabel(NEED_HINTS[need], box, wordWrap=True)
            hint.setStyleSheet("color: palette(placeholder-text);")
            error = FieldError(box)
            grid.addWidget(label, 2 * row, 0)
            grid.addWidget(combo, 2 * row, 1)
            grid.addWidget(hint, 2 * row, 2)
            grid.addWidget(error, 2 * row + 1, 1, 1, 2)
            self.need_combos[need] = combo
            self._errors[need], self._fields[need] = error, combo
        grid.setColumnStretch(2, 1)
        return box

    def _update_hint(self, *_args: object) -> None:
        concerns = [
            NEED_LABELS[n].lower()
            for n, c in self.need_combos.items()
            if c.current_id() == WelfareRating.CONCERN
        ]
        self.concern_hint.setText(
            f"A concern about {', '.join(concerns)}: describe what you saw in the condition notes."
            if concerns
            else ""
        )
        self.concern_hint.setVisible(bool(concerns))

    def result_input(self) -> ObservationInput:
        """The row as typed."""
        ratings = {need: combo.current_id() for need, combo in self.need_combos.items()}
        return ObservationInput(
            dog_id=self.dog_combo.current_id(),  # type: ignore[arg-type]
            condition_notes=self.notes_edit.toPlainText(),
            **ratings,  # type: ignore[arg-type]
        )
