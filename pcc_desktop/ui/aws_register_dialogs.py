"""Add/edit forms of the Dog Unit register: a police dog, a dog van, a site.

Built like the Admin forms (``reference_dialogs.RecordDialog``): every input has a label with a
mnemonic (its buddy) and that label as its accessible name; OK saves through ``Workspace.act`` and a
``ValidationError`` is shown under its field while the dialog stays open, with nothing saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from pcc_desktop.models import DogRole, SiteKind
from pcc_desktop.services.aws_register import (
    DOG_LIMITS,
    ROLE_LABELS,
    SITE_KIND_LABELS,
    SITE_LIMITS,
    VEHICLE_LIMITS,
    DogInput,
    DogRow,
    SiteInput,
    SiteRow,
    VehicleInput,
    VehicleRow,
    dog_unit_site_id,
    list_sites,
    save_dog,
    save_site,
    save_vehicle,
)
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.reference_dialogs import RecordDialog, _check, _combo
from pcc_desktop.ui.widgets import ChoiceCombo, OptionalDateEdit


def _line(text: str, limit: int, placeholder: str = "") -> QLineEdit:
    """A line edit that stops at the service's limit (which still checks it)."""
    edit = QLineEdit(text)
    edit.setMaxLength(limit)
    edit.setPlaceholderText(placeholder)
    return edit


def _notes(text: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(90)
    return edit


def _date(value: Any, blank: str = "Not known") -> OptionalDateEdit:
    edit = OptionalDateEdit(blank)
    edit.set_value(value)
    return edit


def site_choices(workspace: Workspace, keep: uuid.UUID | None) -> list[tuple[uuid.UUID, str]]:
    """Active sites, plus the one already chosen even if it is no longer active."""
    return [(s.id, s.name) for s in workspace.run(list_sites) if s.active or s.id == keep]


def _site_combo(workspace: Workspace, current: uuid.UUID | None, is_new: bool) -> ChoiceCombo:
    """A combo of sites with a blank "(none)" entry, on the Dog Unit for a new record."""
    combo = ChoiceCombo(blank_text="(none)")
    combo.setEditable(False)
    combo.set_choices(site_choices(workspace, current))
    combo.set_current_id(workspace.run(dog_unit_site_id) if is_new and current is None else current)
    return combo


class DogDialog(RecordDialog):
    """Add or edit a police dog: name, collar number, breed, role, where it is kept and its service."""

    def __init__(self, workspace: Workspace, row: DogRow | None = None, parent: QWidget | None = None):
        super().__init__(workspace, "Edit dog" if row else "Add dog", save_dog, parent)
        self.setObjectName("dog_dialog")
        self._row: DogInput = row.to_input() if row else DogInput(name="")
        data = self._row
        self.name = self.add_field("name", "&Name:", _line(data.name, DOG_LIMITS["name"]))
        self.collar = self.add_field(
            "collar_number", "&Collar number:", _line(data.collar_number, DOG_LIMITS["collar_number"])
        )
        self.breed = self.add_field("breed", "&Breed:", _line(data.breed, DOG_LIMITS["breed"]))
        self.role = self.add_field("role", "&Role:", _combo(ROLE_LABELS, data.role))
        self.site = self.add_field("site_id", "&Site:", _site_combo(workspace, data.site_id, row is None))
        self.kennel = self.add_field("kennel", "&Kennel:", _line(data.kennel, DOG_LIMITS["kennel"]))
        self.handler = self.add_field(
            "handler_reference",
            "&Handler reference:",
            _line(
                data.handler_reference, DOG_LIMITS["handler_reference"], "Collar or staff number, not a name"
            ),
        )
        self.born_on = self.add_field("born_on", "Date of bir&th:", _date(data.born_on))
        self.in_service_on = self.add_field("in_service_on", "In ser&vice from:", _date(data.in_service_on))
        self.out_of_service_on = self.add_field(
            "out_of_service_on", "Out of service &from:", _date(data.out_of_service_on, "Still in service")
        )
        self.notes = self.add_field("notes", "N&otes:", _notes(data.notes))

    def data(self) -> DogInput:
        """The dog as entered."""
        role: DogRole = self.role.currentData()
        return DogInput(
            name=self.name.text(),
            collar_number=self.collar.text(),
            breed=self.breed.text(),
            role=role,
            site_id=self.site.current_id(),  # type: ignore[arg-type]
            kennel=self.kennel.text(),
            handler_reference=self.handler.text(),
            born_on=self.born_on.value(),
            in_service_on=self.in_service_on.value(),
            out_of_service_on=self.out_of_service_on.value(),
            notes=self.notes.toPlainText(),
            id=self._row.id,
            row_version=self._row.row_version,
        )


class VehicleDialog(RecordDialog):
    """Add or edit a dog van: call sign, description, base, heat alarm and service dates."""

    def __init__(self, workspace: Workspace, row: VehicleRow | None = None, parent: QWidget | None = None):
        super().__init__(workspace, "Edit vehicle" if row else "Add vehicle", save_vehicle, parent)
        self.setObjectName("vehicle_dialog")
        self._row: VehicleInput = row.to_input() if row else VehicleInput(call_sign="")
        data = self._row
        self.call_sign = self.add_field(
            "call_sign", "&Call sign:", _line(data.call_sign, VEHICLE_LIMITS["call_sign"], "Or fleet number")
        )
        self.description = self.add_field(
            "description", "&Description:", _line(data.description, VEHICLE_LIMITS["description"])
        )
        self.site = self.add_field("site_id", "&Site:", _site_combo(workspace, data.site_id, row is None))
        self.heat_alarm = self.add_check("heat_alarm", _check("&Heat alarm fitted", data.heat_alarm))
        self.in_service_on = self.add_field("in_service_on", "In ser&vice from:", _date(data.in_service_on))
        self.out_of_service_on = self.add_field(
            "out_of_service_on", "Out of service &from:", _date(data.out_of_service_on, "Still in service")
        )

    def data(self) -> VehicleInput:
        """The van as entered."""
        return VehicleInput(
            call_sign=self.call_sign.text(),
            description=self.description.text(),
            site_id=self.site.current_id(),  # type: ignore[arg-type]
            heat_alarm=self.heat_alarm.isChecked(),
            in_service_on=self.in_service_on.value(),
            out_of_service_on=self.out_of_service_on.value(),
            id=self._row.id,
            row_version=self._row.row_version,
        )


class SiteDialog(RecordDialog):
    """Add or edit a site: the Dog Unit, a handler's home kennel (address is personal data) or a venue."""

    def __init__(self, workspace: Workspace, row: SiteRow | None = None, parent: QWidget | None = None):
        super().__init__(workspace, "Edit site" if row else "Add site", save_site, parent)
        self.setObjectName("site_dialog")
        self._row: SiteInput = row.to_input() if row else SiteInput(name="")
        data = self._row
        self.name = self.add_field("name", "&Name:", _line(data.name, SITE_LIMITS["name"]))
        self.kind = self.add_field("kind", "&Kind:", _combo(SITE_KIND_LABELS, data.kind))
        self.address = self.add_field("address", "&Address:", _notes(data.address))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("site_hint")
        self.form.addRow(self.hint)
        self.notes = self.add_field("notes", "N&otes:", _notes(data.notes))
        self.active = self.add_check(
            "active", _check("Ac&tive (offered for dogs, vans and visits)", data.active)
        )
        self.kind.currentIndexChanged.connect(self._show_hint)
        self._show_hint()

    def _show_hint(self, *_args: object) -> None:
        """A home kennel is a handler's home: say how to name it and that its address is personal."""
        home = self.kind.currentData() == SiteKind.HOME_KENNEL
        self.hint.setText(
            "Name a home kennel by the handler's reference, not their name. Its address is personal "
            "data: the history records only that it changed."
            if home
            else ""
        )
        self.hint.setVisible(home)

    def data(self) -> SiteInput:
        """The site as entered."""
        kind: SiteKind = self.kind.currentData()
        return SiteInput(
            name=self.name.text(),
            kind=kind,
            address=self.address.toPlainText(),
            notes=self.notes.toPlainText(),
            active=self.active.isChecked(),
            id=self._row.id,
            row_version=self._row.row_version,
        )


EDITORS: Mapping[str, type[RecordDialog]] = {
    "dogs": DogDialog,
    "vehicles": VehicleDialog,
    "sites": SiteDialog,
}
