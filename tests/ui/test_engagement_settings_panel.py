"""Coverage settings and blackout periods in Admin: save, errors at the field, add/edit/delete."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialogButtonBox, QLineEdit, QSpinBox, QTableView

from pcc_desktop.services import db_settings
from pcc_desktop.services.blackouts import list_blackouts, seed_blackouts
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.engagement_settings_panel import BlackoutDialog, EngagementSettingsPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot, seeded: Workspace) -> EngagementSettingsPanel:
    seeded.run(seed_blackouts)
    widget = EngagementSettingsPanel(seeded)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def _ok(dialog: BlackoutDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _fill(dialog: BlackoutDialog, name: str, first: date, last: date) -> None:
    dialog.name_edit.setText(name)
    dialog.from_edit.setDate(QDate(first))
    dialog.to_edit.setDate(QDate(last))


def test_blackout_model_passes_qt_checks(qtmodeltester, panel: EngagementSettingsPanel) -> None:
    qtmodeltester.check(panel.model)


def test_shows_the_defaults_and_the_seeded_period(panel: EngagementSettingsPanel) -> None:
    assert panel.target_spin.value() == 2
    assert panel.month_combo.currentText() == "April"
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 1).data() == "24/03/2024"
    assert panel.model.index(0, 3).data() == "40"
    assert not panel.edit_button.isEnabled()


def test_saving_the_settings_stores_them(qtbot, panel: EngagementSettingsPanel, seeded: Workspace) -> None:
    panel.target_spin.setValue(4)
    panel.month_combo.setCurrentIndex(0)
    with qtbot.waitSignal(panel.changed):
        panel.save_button.click()
    assert seeded.run(db_settings.npa_visit_target) == 4
    assert seeded.run(db_settings.coverage_year_start_month) == 1
    assert panel.saved_label.text().startswith("✓ Saved")
    panel.reload()
    assert (panel.target_spin.value(), panel.month_combo.currentText()) == (4, "January")


def test_a_refused_value_is_shown_at_its_field_and_nothing_is_saved(
    panel: EngagementSettingsPanel, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(session, actor_id, value):
        raise ValidationError.single("coverage_year_start_month", "Enter a whole number from 1 to 12.")

    monkeypatch.setattr(db_settings, "set_coverage_year_start_month", refuse)
    panel.target_spin.setValue(5)
    assert panel.save_settings() is False
    assert panel.month_error.isVisible()
    assert "1 to 12" in panel.month_error.text()
    assert not panel.target_error.isVisible()
    assert seeded.run(db_settings.npa_visit_target) == 2  # one transaction: the target was not kept
    assert panel.saved_label.text() == ""


def test_the_service_refuses_what_the_spin_box_cannot_offer(
    panel: EngagementSettingsPanel, seeded: Workspace
) -> None:
    from pcc_desktop.services.db_settings import set_coverage_settings as save_coverage_settings

    with pytest.raises(ValidationError) as caught:
        seeded.act(save_coverage_settings, 53, 13)
    panel._show_errors(caught.value.errors)
    assert "0 to 52" in panel.target_error.text()
    assert "1 to 12" in panel.month_error.text()
    assert panel.target_spin.maximum() == 52 and panel.target_spin.minimum() == 0


def test_add_edit_delete_a_blackout_period(panel: EngagementSettingsPanel, seeded: Workspace) -> None:
    dialog = panel.add()
    _fill(dialog, "Pre-election period (PCC election 2028)", date(2028, 3, 26), date(2028, 5, 4))
    _ok(dialog)
    assert panel.model.rowCount() == 2
    saved = panel.current_row()
    assert saved is not None and saved.name == "Pre-election period (PCC election 2028)"

    dialog = panel.edit()
    assert dialog is not None
    dialog.to_edit.setDate(QDate(2028, 5, 5))
    dialog.notes_edit.setPlainText("Election on 4 May")
    _ok(dialog)
    changed = next(b for b in seeded.run(list_blackouts) if b.id == saved.id)
    assert (changed.ends_on, changed.notes) == (date(2028, 5, 5), "Election on 4 May")

    questions: list[str] = []
    panel.confirm = lambda question: questions.append(question) or True  # type: ignore[method-assign]
    panel.select_id(saved.id)
    panel.delete_button.click()
    assert "Pre-election period (PCC election 2028)" in questions[0]
    assert [b.name for b in seeded.run(list_blackouts)] == ["Pre-election period (PCC election 2 May 2024)"]


def test_declining_the_confirmation_keeps_the_period(
    panel: EngagementSettingsPanel, seeded: Workspace
) -> None:
    panel.confirm = lambda question: False  # type: ignore[method-assign]
    panel.table.selectRow(0)
    panel.delete()
    assert len(seeded.run(list_blackouts)) == 1


def test_blackout_errors_are_shown_at_the_field(panel: EngagementSettingsPanel, seeded: Workspace) -> None:
    dialog = panel.add()
    _fill(dialog, "", date(2024, 4, 1), date(2024, 3, 1))
    _ok(dialog)
    assert dialog.isVisible()
    assert "Enter a name" in dialog._errors["name"].text()
    assert "cannot be before" in dialog._errors["ends_on"].text()
    _fill(dialog, "Overlapping", date(2024, 4, 1), date(2024, 4, 30))
    _ok(dialog)
    assert "overlap" in dialog._errors["starts_on"].text()
    dialog.reject()
    assert len(seeded.run(list_blackouts)) == 1


def test_every_input_has_an_accessible_name(panel: EngagementSettingsPanel) -> None:
    dialog = panel.add()
    for root in (panel, dialog):
        widgets = [
            *root.findChildren(QAbstractButton),
            *root.findChildren(QComboBox),
            *root.findChildren(QSpinBox),
            *root.findChildren(QLineEdit),
            *root.findChildren(QTableView),
        ]
        for widget in widgets:
            if widget.objectName() == "qt_tableview_cornerbutton":
                continue
            name = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
            assert name, f"{type(widget).__name__} {widget.objectName()!r} has no accessible name"
    dialog.reject()
