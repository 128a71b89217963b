"""The debrief dialog: pre-filled rows, several actions at once, errors at the row, CGB marks."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

from pcc_desktop.models import AreaKind, EngagementStatus, EngagementType, Sentiment
from pcc_desktop.services.debrief import actions_for_engagement
from pcc_desktop.services.engagements import EngagementInput, create_engagement, get_engagement
from pcc_desktop.services.feedback import FeedbackInput, add_feedback, get_feedback
from pcc_desktop.services.reference_data import list_areas
from pcc_desktop.services.workdays import add_working_days
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.debrief_dialog import DebriefDialog

pytestmark = pytest.mark.gui

TEXTS = (
    "Speeding on Main Street near the school. It happens every morning.",
    "Thanks to the beat team for the quick response.",
    "Shoplifting at the Co-op is getting worse.",
)


def _held(ws: Workspace) -> tuple[uuid.UUID, list[uuid.UUID]]:
    npa = ws.run(list_areas, AreaKind.NPA)[0]
    engagement = ws.act(
        create_engagement,
        EngagementInput(
            kind=EngagementType.COMMUNITY_DAY,
            held_on=date(2025, 6, 12),
            status=EngagementStatus.HELD,
            place_name="Melton Mowbray",
            npa_id=npa.id,
        ),
    )
    sentiments = (Sentiment.NEGATIVE, Sentiment.POSITIVE, Sentiment.NEGATIVE)
    items = [
        ws.act(add_feedback, engagement.id, FeedbackInput(text=text, sentiment=sentiment)).id
        for text, sentiment in zip(TEXTS, sentiments, strict=True)
    ]
    return engagement.id, items


@pytest.fixture
def held(seeded: Workspace) -> tuple[uuid.UUID, list[uuid.UUID]]:
    return _held(seeded)


@pytest.fixture
def dialog(qtbot, seeded: Workspace, held) -> DebriefDialog:
    dlg = DebriefDialog(seeded, held[0])
    qtbot.addWidget(dlg)
    return dlg


def test_each_item_is_listed_with_its_suggested_title(dialog: DebriefDialog) -> None:
    assert dialog.table.rowCount() == 3
    assert [r.title.text() for r in dialog._rows] == [
        "Speeding on Main Street near the school.",
        TEXTS[1],
        TEXTS[2],
    ]
    assert dialog.table.item(0, 1).text().startswith(TEXTS[0])
    assert [r.act.isChecked() for r in dialog._rows] == [True, False, True]  # negative items
    assert "ENG-2025-0001" in dialog.header.text()
    row = dialog._rows[0]
    assert row.owner.current_id() == dialog.workspace.actor_id
    assert row.due.value() == add_working_days(date(2025, 6, 18), 20)
    assert dialog.debriefed_on.value() == date(2025, 6, 18)


def test_two_ticked_items_become_two_linked_actions(dialog: DebriefDialog, seeded: Workspace, held) -> None:
    engagement_id, items = held
    dialog.show()
    dialog._rows[2].title.setText("Raise shoplifting with the Co-op")
    dialog._on_ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(dialog.result_references()) == 2
    linked = seeded.run(actions_for_engagement, engagement_id)
    assert {a.feedback_item_id for a in linked} == {items[0], items[2]}
    assert "Raise shoplifting with the Co-op" in {a.title for a in linked}
    assert {a.reference for a in linked} == set(dialog.result_references())
    detail = seeded.run(get_engagement, engagement_id)
    assert detail.debriefed_on == date(2025, 6, 18)
    assert detail.debriefed_by_id == seeded.actor_id


def test_a_row_without_an_owner_shows_an_error_and_creates_nothing(
    dialog: DebriefDialog, seeded: Workspace, held
) -> None:
    dialog.show()
    dialog._rows[2].owner.setEditText("")
    dialog.intelligence_to.setText("Melton NPA commander")
    dialog._on_ok()
    assert dialog.isVisible()
    assert dialog.result() == 0
    assert "Item 3" in dialog.table_error.text() and "owner" in dialog.table_error.text().lower()
    assert dialog._rows[2].owner.toolTip().startswith("⚠")
    assert seeded.run(actions_for_engagement, held[0]) == []
    assert seeded.run(get_engagement, held[0]).debriefed_on is None


def test_a_future_debrief_date_is_shown_at_the_field(dialog: DebriefDialog, seeded: Workspace, held) -> None:
    dialog.show()
    dialog.debriefed_on.set_value(date(2025, 7, 1))
    dialog._on_ok()
    assert dialog.result() == 0
    assert "future" in dialog._errors["debriefed_on"].text()
    assert seeded.run(actions_for_engagement, held[0]) == []


def test_cgb_mark_needs_a_topic_and_persists(dialog: DebriefDialog, seeded: Workspace, held) -> None:
    dialog.show()
    for row in dialog._rows:
        row.act.setChecked(False)
    row = dialog._rows[2]
    row.cgb.setChecked(True)
    dialog._on_ok()
    assert dialog.result() == 0
    assert "topic" in dialog.table_error.text().lower()
    assert not seeded.run(get_feedback, held[1][2]).for_cgb
    row.topic.setText("Shoplifting performance")
    dialog._on_ok()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = seeded.run(get_feedback, held[1][2])
    assert saved.for_cgb and saved.cgb_topic == "Shoplifting performance"
    assert dialog.result_references() == ()


def test_an_item_already_actioned_is_shown_and_unticked(qtbot, seeded: Workspace, held) -> None:
    first = DebriefDialog(seeded, held[0])
    qtbot.addWidget(first)
    first._on_ok()
    again = DebriefDialog(seeded, held[0])
    qtbot.addWidget(again)
    assert not any(r.act.isChecked() for r in again._rows)
    assert first.result_references()[0] in again.table.item(0, 1).text()
    assert again.table.item(1, 1).text().count("Already actioned") == 0


def test_space_on_the_table_toggles_the_current_row(qtbot, dialog: DebriefDialog) -> None:
    dialog.show()
    dialog.table.setFocus()
    dialog.table.setCurrentCell(1, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog._rows[1].act.isChecked()
    assert dialog._rows[1].title.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert not dialog._rows[1].act.isChecked()
    assert not dialog._rows[1].title.isEnabled()


def test_every_input_has_an_accessible_name(dialog: DebriefDialog) -> None:
    inputs = dialog.findChildren(QLineEdit) + dialog.findChildren(QComboBox)
    inputs += dialog.findChildren(QDateEdit) + dialog.findChildren(QCheckBox)
    inputs += dialog.findChildren(QPlainTextEdit)
    assert inputs
    unnamed = [w for w in inputs if not w.accessibleName()]
    assert unnamed == []
    names = {w.accessibleName() for w in inputs}
    assert {"Action title, item 1", "Owner, item 3", "Debriefed on", "Local intelligence passed to"} <= names
