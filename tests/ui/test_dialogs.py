"""Small dialogs: status moves offered, messages at the field, the first-run "who are you"."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTableView

from pcc_desktop.models import ActionStatus, StaffRole
from pcc_desktop.models.database import make_engine
from pcc_desktop.models.migrations import upgrade
from pcc_desktop.services import actions
from pcc_desktop.services.actions import ActionInput, create_action, get_action
from pcc_desktop.services.staff import StaffData, list_staff, save_staff
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import StatusDialog
from pcc_desktop.ui.who_dialog import WhoDialog

pytestmark = pytest.mark.gui


def _offered(dialog: StatusDialog) -> list[object]:
    combo = dialog.status_combo
    return [combo.itemText(i) for i in range(combo.count())]


def _ok_enabled(dialog: StatusDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_from_completed_only_reopened_is_offered(qtbot) -> None:
    dialog = StatusDialog([ActionStatus.COMPLETED], 1)
    qtbot.addWidget(dialog)
    assert _offered(dialog) == ["Reopened"]
    assert _ok_enabled(dialog)
    assert not dialog.outcome_edit.isEnabled()


def test_from_open_every_forward_move_is_offered(qtbot) -> None:
    dialog = StatusDialog([ActionStatus.OPEN], 1)
    qtbot.addWidget(dialog)
    offered = _offered(dialog)
    assert "Completed" in offered and "In progress" in offered
    assert "Open" not in offered and "Reopened" not in offered


def test_no_common_move_disables_ok(qtbot) -> None:
    dialog = StatusDialog([ActionStatus.OPEN, ActionStatus.COMPLETED], 2)
    qtbot.addWidget(dialog)
    assert _offered(dialog) == []
    assert not _ok_enabled(dialog)
    assert "no status move in common" in dialog.general_error.text()


def test_completing_without_an_outcome_keeps_the_dialog_open(qtbot, seeded: Workspace) -> None:
    action = seeded.act(
        create_action, ActionInput(title="Close me", owner_id=seeded.actor_id, logged_on=date(2025, 6, 2))
    )
    dialog = StatusDialog([action.status], 1)
    qtbot.addWidget(dialog)

    def submit() -> None:
        status, note, outcome = dialog.chosen()
        seeded.act(actions.change_status, action.id, status, note, outcome)

    dialog.submit = submit
    dialog.show()
    dialog.status_combo.set_current_id(ActionStatus.COMPLETED)
    assert dialog.outcome_edit.isEnabled()
    dialog._on_ok()
    error = dialog._errors["outcome"]
    assert dialog.isVisible()
    assert dialog.result() == 0
    assert error.isVisible() and "outcome" in error.text().lower()
    assert seeded.run(get_action, action.id).status == ActionStatus.OPEN

    dialog.outcome_edit.setPlainText("Residents were written to")
    dialog._on_ok()
    assert not dialog.isVisible()
    assert dialog.result() == 1
    assert not error.isVisible()
    saved = seeded.run(get_action, action.id)
    assert saved.status == ActionStatus.COMPLETED
    assert saved.outcome == "Residents were written to"


@pytest.fixture
def empty_ws(tmp_path: Path) -> Iterator[Workspace]:
    """A migrated database with nobody on the staff list and nobody signed in."""
    engine = make_engine(tmp_path / "empty.sqlite3")
    upgrade(engine)
    ws = Workspace(engine)
    yield ws
    ws.dispose()


def test_first_run_adds_the_person_and_chooses_them(qtbot, empty_ws: Workspace) -> None:
    dialog = WhoDialog(empty_ws)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not hasattr(dialog, "person_combo")
    assert dialog.role_combo.current_id() == StaffRole.ADMINISTRATOR

    dialog._on_ok()  # no name yet
    assert dialog.isVisible()
    assert dialog._errors["name"].isVisible()
    assert dialog.chosen_id is None
    assert empty_ws.run(list_staff) == []

    dialog.name_edit.setText("Sam First")
    dialog.title_edit.setText("Business Staff Officer")
    dialog._on_ok()
    assert dialog.result() == 1
    assert isinstance(dialog.chosen_id, uuid.UUID)
    people = empty_ws.run(list_staff)
    assert [(p.id, p.name, p.job_title, p.role) for p in people] == [
        (dialog.chosen_id, "Sam First", "Business Staff Officer", StaffRole.ADMINISTRATOR)
    ]


def test_later_runs_choose_from_the_list(qtbot, empty_ws: Workspace) -> None:
    me = empty_ws.run(save_staff, None, StaffData(id=None, name="Pat Later")).id
    empty_ws.run(save_staff, None, StaffData(id=None, name="Another Person"))
    dialog = WhoDialog(empty_ws, last_user_id=str(me))
    qtbot.addWidget(dialog)
    assert not hasattr(dialog, "name_edit")
    dialog._on_ok()
    assert dialog.result() == 1
    assert dialog.chosen_id == me


def test_import_errors_dialog_lists_every_row_problem(qtbot) -> None:
    from pcc_desktop.services.action_io import RowError
    from pcc_desktop.ui.import_dialog import ImportErrorsDialog

    errors = [
        RowError(3, "Title", "enter a title"),
        RowError(7, "Owner", "owner 'Jo' is not on the staff list"),
    ]
    dialog = ImportErrorsDialog("log.csv", errors)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableView, "import_errors_table")
    model = table.model()
    assert model.rowCount() == 2
    assert model.index(1, 0).data() == "7"
    assert model.index(1, 2).data() == "Owner 'Jo' is not on the staff list"
    assert "Nothing was imported from log.csv: 2 row problems" in dialog.findChild(QLabel).text()
