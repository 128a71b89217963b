"""Dog Unit register panel: add and edit through the forms, refusals at the field, deletes, a11y."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget
from sqlalchemy.orm import Session

from pcc_desktop.models import AwsVisit, DogObservation, DogRole, SiteKind
from pcc_desktop.services.aws_register import (
    DogInput,
    dog_unit_site_id,
    list_dogs,
    list_sites,
    list_vehicles,
    save_dog,
    seed_dog_unit,
)
from pcc_desktop.services.history import history_for
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui import aws_register_panel as panel_module
from pcc_desktop.ui.aws_register_dialogs import DogDialog, SiteDialog, VehicleDialog
from pcc_desktop.ui.aws_register_panel import AwsRegisterPanel
from pcc_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    workspace.run(seed_dog_unit)
    return workspace


@pytest.fixture
def panel(qtbot, ws: Workspace) -> AwsRegisterPanel:
    widget = AwsRegisterPanel(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    return widget


def _ok(dialog: QWidget) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _names(panel: AwsRegisterPanel, key: str) -> list[str]:
    model = panel.register_list(key).model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_three_lists_and_the_seeded_dog_unit(panel: AwsRegisterPanel) -> None:
    assert panel.objectName() == "aws_register_panel"
    tabs = panel.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "&Police dogs",
        "Vehi&cles",
        "Sites and &kennels",
    ]
    dogs = panel.register_list("dogs")
    assert dogs.empty_label.isVisible() and not dogs.table.isVisible()
    assert not dogs.edit_button.isEnabled() and not dogs.delete_button.isEnabled()
    assert _names(panel, "sites") == ["Leicestershire Police Dog Unit"]


def test_a_dog_is_added_through_the_form(panel: AwsRegisterPanel, ws: Workspace, qtbot) -> None:
    dogs = panel.show_list("dogs")
    dogs.add_button.click()
    dialog = dogs.editor
    assert isinstance(dialog, DogDialog)
    assert dialog.site.currentText() == "Leicestershire Police Dog Unit", "a new dog is at the Dog Unit"
    dialog.name.setText("Rex")
    dialog.collar.setText("PD101")
    dialog.breed.setText("German Shepherd")
    dialog.role.setCurrentIndex(dialog.role.findData(DogRole.DRUGS_SEARCH))
    dialog.born_on.set_value(date(2019, 3, 1))
    with qtbot.waitSignal(panel.message) as signal:
        _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert signal.args == ["Rex added to the register."]
    saved = ws.run(list_dogs)[0]
    assert (saved.name, saved.collar_number, saved.role_label, saved.born_on) == (
        "Rex",
        "PD101",
        "Drugs search",
        date(2019, 3, 1),
    )
    assert saved.site_id == ws.run(dog_unit_site_id)
    assert _names(panel, "dogs") == ["Rex"] and dogs.current_row().id == saved.id
    assert dogs.table.isVisible() and dogs.edit_button.isEnabled()


def test_a_refusal_is_shown_at_the_field_and_the_form_stays_open(
    panel: AwsRegisterPanel, ws: Workspace
) -> None:
    ws.act(save_dog, DogInput(name="Rex", collar_number="PD101"))
    panel.reload()
    dialog = panel.register_list("dogs").add()
    dialog.name.setText("  ")
    dialog.collar.setText("pd101")
    dialog.born_on.set_value(date(2030, 1, 1))
    _ok(dialog)
    assert dialog.isVisible()
    assert dialog.error_text("name") == "Enter the dog's name."
    assert dialog.error_text("collar_number") == "Rex already has collar number PD101."
    assert dialog.error_text("born_on") == "The date of birth cannot be in the future."
    error = dialog.findChild(QLabel, "name_error")
    assert error.isVisible() and error.accessibleName() == "Name error"
    assert dialog.banner.isVisible()
    assert len(ws.run(list_dogs)) == 1
    dialog.name.setText("Max")
    dialog.collar.setText("PD102")
    dialog.born_on.set_value(None)
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _names(panel, "dogs") == ["Max", "Rex"]


def test_enter_on_a_row_edits_it_and_the_change_is_in_the_history(
    panel: AwsRegisterPanel, ws: Workspace, qtbot
) -> None:
    rex = ws.act(save_dog, DogInput(name="Rex"))
    dogs = panel.register_list("dogs")
    dogs.reload()
    dogs.table.setFocus()
    dogs.table.selectRow(0)
    qtbot.keyClick(dogs.table, Qt.Key.Key_Return)
    dialog = dogs.editor
    assert isinstance(dialog, DogDialog) and dialog.name.text() == "Rex"
    dialog.out_of_service_on.set_value(date(2025, 6, 1))
    _ok(dialog)
    assert _names(panel, "dogs") == [], "out of service: hidden until asked for"
    dogs.show_all.setChecked(True)
    assert _names(panel, "dogs") == ["Rex"]
    assert dogs.model.index(0, 9).data() == "No"
    assert [c.field for c in ws.run(history_for, "dog", rex.id)] == ["created", "out_of_service_on"]


def test_a_dog_seen_on_a_visit_is_not_deleted_and_the_reason_is_given(
    panel: AwsRegisterPanel, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    rex = ws.act(save_dog, DogInput(name="Rex"))
    ws.act(save_dog, DogInput(name="Ace"))

    def seen(session: Session) -> None:
        unit = dog_unit_site_id(session)
        visit = AwsVisit(reference="AWS-2025-0001", site_id=unit, visited_on=date(2025, 6, 2))
        session.add(visit)
        session.flush()
        session.add(DogObservation(visit_id=visit.id, dog_id=rex.id))

    ws.run(seen)
    dogs = panel.register_list("dogs")
    dogs.reload()
    warnings: list[str] = []
    questions: list[str] = []
    monkeypatch.setattr(panel_module.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    monkeypatch.setattr(dogs, "confirm", lambda question: questions.append(question) or True)
    dogs.select_id(rex.id)
    dogs.delete_button.click()
    assert questions == ["Delete the dog “Rex”? Do this only for a record made by mistake."]
    assert warnings == [
        "Rex is used by 1 visit report, so it cannot be deleted: give it an out-of-service date instead."
    ]
    assert _names(panel, "dogs") == ["Ace", "Rex"]
    dogs.select_id(next(d.id for d in ws.run(list_dogs) if d.name == "Ace"))
    dogs.delete_button.click()
    assert _names(panel, "dogs") == ["Rex"]


def test_a_van_and_a_home_kennel_are_added(panel: AwsRegisterPanel, ws: Workspace) -> None:
    vans = panel.show_list("vehicles")
    dialog = vans.add()
    assert isinstance(dialog, VehicleDialog) and dialog.heat_alarm.isChecked()
    _ok(dialog)
    assert dialog.error_text("call_sign") == "Enter the van's call sign or fleet number."
    dialog.call_sign.setText("DH1")
    dialog.heat_alarm.setChecked(False)
    _ok(dialog)
    assert [(v.call_sign, v.heat_alarm) for v in ws.run(list_vehicles)] == [("DH1", False)]
    assert vans.model.index(0, 3).data() == "No"
    sites = panel.show_list("sites")
    form = sites.add()
    assert isinstance(form, SiteDialog) and form.hint.isHidden()
    form.kind.setCurrentIndex(form.kind.findData(SiteKind.HOME_KENNEL))
    assert not form.hint.isHidden() and "personal" in form.hint.text()
    form.name.setText("Home kennel HK-7")
    form.address.setPlainText("12 Acacia Avenue")
    _ok(form)
    assert "Home kennel HK-7" in _names(panel, "sites")
    assert [s.kind for s in ws.run(list_sites) if s.name == "Home kennel HK-7"] == [SiteKind.HOME_KENNEL]


def test_every_input_has_an_accessible_name_and_a_mnemonic_label(panel: AwsRegisterPanel) -> None:
    for key in ("dogs", "vehicles", "sites"):
        register = panel.register_list(key)
        for widget in (register.show_all, register.add_button, register.edit_button, register.delete_button):
            assert widget.accessibleName(), (key, widget.objectName())
        assert register.table.accessibleName()
        dialog = register.add()
        inputs = [c for c in dialog.findChildren(QWidget) if c.objectName().endswith("_input")]
        assert len(inputs) >= 4
        buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
        for child in inputs:
            assert child.accessibleName(), child.objectName()
            assert child in buddies or "&" in getattr(child, "text", lambda: "")(), child.objectName()
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
        letters = [text[text.index("&") + 1].lower() for text in labels]
        assert len(letters) == len(set(letters)), labels
        dialog.reject()
