"""Add/edit forms for the custody-visiting lists in Admin: request categories and checklist items.

Built like the other Admin forms (``reference_dialogs.RecordDialog``): Ok saves through
``Workspace.act`` and a ``ValidationError`` is shown under its field with the dialog left open.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from pcc_desktop.models import ChecklistArea
from pcc_desktop.services.custody_reference_data import (
    CHECKLIST_AREA_LABELS,
    MAX_CATEGORY_NAME,
    MAX_CHECKLIST_TEXT,
    MAX_POSITION,
    ChecklistItemData,
    RequestCategoryData,
    save_checklist_item,
    save_request_category,
)
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.reference_dialogs import RecordDialog, _check, _combo


def _position(value: int) -> QSpinBox:
    """A 0–999 spin box: lower positions are offered first."""
    spin = QSpinBox()
    spin.setRange(0, MAX_POSITION)
    spin.setValue(max(0, min(MAX_POSITION, value)))
    spin.setToolTip("Lower numbers are listed first.")
    return spin


def _line(text: str, max_len: int) -> QLineEdit:
    """A line edit that stops at the service's limit (which still checks it)."""
    edit = QLineEdit(text)
    edit.setMaxLength(max_len)
    return edit


class RequestCategoryDialog(RecordDialog):
    """Add or edit a kind of request detainees make."""

    def __init__(
        self, workspace: Workspace, row: RequestCategoryData | None = None, parent: QWidget | None = None
    ):
        super().__init__(
            workspace,
            "Edit request category" if row else "Add request category",
            save_request_category,
            parent,
        )
        self._row = row or RequestCategoryData(id=None, name="")
        self.name = self.add_field("name", "&Name:", _line(self._row.name, MAX_CATEGORY_NAME))
        self.position = self.add_field("position", "&Position:", _position(self._row.position))
        self.active = self.add_check("active", _check("Ac&tive (offered in visit reports)", self._row.active))

    def data(self) -> RequestCategoryData:
        """The category as entered."""
        return RequestCategoryData(
            id=self._row.id,
            name=self.name.text(),
            position=self.position.value(),
            active=self.active.isChecked(),
            row_version=self._row.row_version,
        )


class ChecklistItemDialog(RecordDialog):
    """Add or edit one question of the rights-and-welfare or conditions checklist."""

    def __init__(
        self, workspace: Workspace, row: ChecklistItemData | None = None, parent: QWidget | None = None
    ):
        super().__init__(
            workspace, "Edit checklist item" if row else "Add checklist item", save_checklist_item, parent
        )
        self._row = row or ChecklistItemData(id=None, area=ChecklistArea.RIGHTS_AND_WELFARE, text="")
        self.area = self.add_field("area", "&Checklist:", _combo(CHECKLIST_AREA_LABELS, self._row.area))
        self.text = self.add_field("text", "&Question:", _line(self._row.text, MAX_CHECKLIST_TEXT))
        self.position = self.add_field("position", "&Position:", _position(self._row.position))
        self.active = self.add_check("active", _check("Ac&tive (asked in visit reports)", self._row.active))

    def data(self) -> ChecklistItemData:
        """The item as entered."""
        area: ChecklistArea = self.area.currentData()
        return ChecklistItemData(
            id=self._row.id,
            area=area,
            text=self.text.text(),
            position=self.position.value(),
            active=self.active.isChecked(),
            row_version=self._row.row_version,
        )
