"""At start-up: who is using PCC Desktop? Every change is attributed to that person."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from pcc_desktop.models import StaffRole
from pcc_desktop.services import staff
from pcc_desktop.services.staff import ROLE_LABELS, StaffData
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.widgets import ChoiceCombo


class WhoDialog(SubmitDialog):
    """Choose yourself from the staff list, or add yourself when the list is empty."""

    def __init__(self, workspace: Workspace, last_user_id: str = "", parent: QWidget | None = None) -> None:
        super().__init__("Who is using PCC Desktop?", parent)
        self._ws = workspace
        self.chosen_id: uuid.UUID | None = None
        people = [
            (s.id, f"{s.name} – {s.job_title}" if s.job_title else s.name)
            for s in workspace.run(staff.list_staff, include_inactive=False)
        ]
        self._first_run = not people
        intro = (
            "Welcome. Nobody is on the staff list yet: add yourself to start. Every change you make "
            "is recorded against your name."
            if self._first_run
            else "Choose your name. Every change you make is recorded against it."
        )
        label = QLabel(intro, self)
        label.setWordWrap(True)
        self.form.addRow(label)
        if self._first_run:
            self._build_new_person()
        else:
            self.person_combo = ChoiceCombo(parent=self)
            self.person_combo.setObjectName("person_combo")
            self.person_combo.set_choices(people)
            self.person_combo.lineEdit().setPlaceholderText("Start typing your name")
            if last_user_id:
                self.person_combo.set_current_id(uuid.UUID(last_user_id))
            self.add_field("&Your name:", "person", self.person_combo)
        self.setMinimumWidth(460)
        self.submit = self._submit

    def _build_new_person(self) -> None:
        self.name_edit = QLineEdit(self, objectName="name_edit")
        self.title_edit = QLineEdit(self, objectName="job_title_edit")
        self.role_combo = ChoiceCombo(parent=self)
        self.role_combo.setEditable(False)
        self.role_combo.set_choices(list(ROLE_LABELS.items()))
        self.role_combo.set_current_id(StaffRole.ADMINISTRATOR)
        self.add_field("&Name:", "name", self.name_edit)
        self.add_field("&Job title:", "job_title", self.title_edit)
        self.add_field("&Role:", "role", self.role_combo)

    def _submit(self) -> None:
        if self._first_run:
            data = StaffData(
                id=None,
                name=self.name_edit.text(),
                job_title=self.title_edit.text(),
                role=self.role_combo.current_id(),
            )  # type: ignore[arg-type]
            self.chosen_id = self._ws.run(staff.save_staff, None, data).id
        else:
            from pcc_desktop.services.errors import ValidationError

            chosen = self.person_combo.current_id()
            if chosen is None:
                raise ValidationError.single("person", "Choose your name from the list.")
            self.chosen_id = chosen  # type: ignore[assignment]
