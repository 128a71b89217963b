"""Small dialogs of the action tracker: change status, reassign, give a reason."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import ActionStatus
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.ui.widgets import ChoiceCombo, FieldError, add_checked_row


class SubmitDialog(QDialog):
    """A form dialog whose OK calls ``submit``; a ValidationError keeps it open at the field.

    The dialog itself never touches the database: the caller's ``submit`` goes through a service.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.general_error = FieldError(self)
        self._errors: dict[str, FieldError] = {}
        self._fields: dict[str, QWidget] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.submit: Callable[[], object] | None = None

    def add_field(self, label: str, name: str, widget: QWidget) -> None:
        """A labelled field with an error line under it."""
        self._errors[name] = add_checked_row(self.form, label, widget)
        self._fields[name] = widget

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Start in the first field, not on OK: a space typed too early must not submit the form.
        first = next(iter(self._fields.values()), None)
        if first is not None:
            first.setFocus()

    def _on_ok(self) -> None:
        for error in (*self._errors.values(), self.general_error):
            error.show_message("")
        try:
            if self.submit is not None:
                self.submit()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Messages at their fields; the rest at the bottom."""
        rest = []
        for field, message in errors.items():
            key = field.split(":")[0]
            if key in self._errors:
                self._errors[key].show_message(message)
                self._fields[key].setFocus()
            else:
                rest.append(message)
        self.general_error.show_message("\n".join(rest))


class StatusDialog(SubmitDialog):
    """Move one or more actions to a new status, with a note and (to complete) an outcome."""

    def __init__(
        self, current: Sequence[ActionStatus], count: int, parent: QWidget | None = None, subject: str = ""
    ) -> None:
        super().__init__("Change status", parent)
        self.setMinimumWidth(440)
        allowed = set(ActionStatus)
        for status in current:
            allowed &= set(lifecycle.allowed_next(status))
        self.status_combo = ChoiceCombo(parent=self)
        self.status_combo.setEditable(False)
        self.status_combo.set_choices([(s, lifecycle.label(s)) for s in ActionStatus if s in allowed])
        self.status_combo.setCurrentIndex(0)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(80)
        self.outcome_edit = QPlainTextEdit(self)
        self.outcome_edit.setTabChangesFocus(True)
        self.outcome_edit.setFixedHeight(80)
        self.outcome_edit.setPlaceholderText("What was done, and with what result")
        intro = QLabel(f"{count} actions selected." if count > 1 else subject, self)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.add_field("&New status:", "status", self.status_combo)
        self.add_field("N&ote:", "note", self.note_edit)
        self.add_field("&Outcome:", "outcome", self.outcome_edit)
        self.status_combo.currentIndexChanged.connect(self._update_outcome)
        self._update_outcome()
        if not allowed:
            self.general_error.show_message("The selected actions have no status move in common.")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _update_outcome(self, *_args: object) -> None:
        """The outcome is asked for only when completing."""
        completing = self.status_combo.current_id() == ActionStatus.COMPLETED
        self.outcome_edit.setEnabled(completing)
        self.form.setRowVisible(self._errors["outcome"].parentWidget(), completing)
        self.adjustSize()

    def chosen(self) -> tuple[ActionStatus, str, str]:
        """(status, note, outcome)."""
        return self.status_combo.current_id(), self.note_edit.toPlainText(), self.outcome_edit.toPlainText()  # type: ignore[return-value]


class ChooseDialog(SubmitDialog):
    """Pick one item (a new owner) from a list."""

    def __init__(
        self, title: str, label: str, choices: Sequence[tuple[object, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.combo = ChoiceCombo(parent=self)
        self.combo.set_choices(choices)
        self.add_field(label, "choice", self.combo)

    def chosen(self) -> object:
        """The chosen id."""
        return self.combo.current_id()


class ReasonDialog(SubmitDialog):
    """Ask why (a due date moves, an action is deleted)."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.form.addRow(QLabel(prompt, self))
        self.add_field("&Reason:", "reason", self.reason_edit)

    def reason(self) -> str:
        """The reason typed."""
        return self.reason_edit.toPlainText().strip()


UNSAVED_BUTTONS = (
    QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
)


def ask_to_save(parent: QWidget, what: str, save: Callable[[], bool], discard: Callable[[], None]) -> bool:
    """Ask whether to save unsaved edits to ``what``; True when it is safe to move on.

    Save runs ``save`` (moving on only if it succeeds), Discard runs ``discard``, Cancel stays put.
    """
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"Save the changes to this {what} first?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
    )
    if answer == QMessageBox.StandardButton.Save:
        return save()
    if answer == QMessageBox.StandardButton.Discard:
        discard()
        return True
    return False
