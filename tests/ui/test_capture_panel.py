"""The live capture screen: keyboard-only entry, drafts that survive a restart, autosave, consent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from pcc_desktop.models import AttendeeType, RaisedBy, Sentiment
from pcc_desktop.services import engagements, feedback
from pcc_desktop.services.choices import action_choices
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.capture_panel import CapturePanel, load_draft
from pcc_desktop.ui.engagement_page import CAPTURE_TAB, EngagementPage
from pcc_desktop.ui.feedback_dialog import FeedbackDialog
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner
from tests.ui.test_engagement_page import add_engagement

pytestmark = pytest.mark.gui


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "s.ini"


@pytest.fixture
def page(qtbot: QtBot, seeded: Workspace, ini: Path) -> Iterator[EngagementPage]:
    add_engagement(seeded, date(2025, 6, 18), "Oakham Victoria Hall")
    widget = EngagementPage(seeded, AppSettings(ini), TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.start()
    widget.show()
    widget.commands["capture"].trigger()
    yield widget


@pytest.fixture
def panel(page: EngagementPage) -> CapturePanel:
    assert page.tabs.currentIndex() == CAPTURE_TAB
    return page.capture


def _saved(ws: Workspace, panel: CapturePanel) -> list[feedback.FeedbackData]:
    assert panel.detail is not None
    return ws.run(feedback.list_feedback, panel.detail.id)


def _theme(ws: Workspace, name: str) -> object:
    return next(i for i, n in ws.run(action_choices).themes if n == name)


def test_typing_and_enter_adds_an_item_and_keeps_the_theme(
    panel: CapturePanel, seeded: Workspace, qtbot: QtBot
) -> None:
    burglary = _theme(seeded, "Burglary")
    panel.theme_combo.set_current_id(burglary)
    assert panel.sentiment_combo.current_id() == Sentiment.NEGATIVE, "negative is the default"
    qtbot.keyClicks(panel.text_edit, "Sheds broken into on Station Road")
    qtbot.keyClick(panel.text_edit, Qt.Key.Key_Return)
    items = _saved(seeded, panel)
    assert [i.text for i in items] == ["Sheds broken into on Station Road"]
    assert items[0].theme_ids == (burglary,) and items[0].sentiment == Sentiment.NEGATIVE
    assert panel.text_edit.text() == ""
    assert panel.theme_combo.current_id() == burglary, "the theme stays for the next item"
    assert panel.focusWidget() is panel.text_edit
    assert panel.items_model.rowCount() == 1


def test_five_items_in_a_row_without_the_mouse(panel: CapturePanel, seeded: Workspace, qtbot: QtBot) -> None:
    texts = [f"Issue number {n}" for n in range(1, 6)]
    for n, text in enumerate(texts):
        qtbot.keyClicks(panel.text_edit, text)
        if n == 2:  # change sentiment and who raised it with the keyboard, then Enter from the combo
            qtbot.keyClick(panel.sentiment_combo, Qt.Key.Key_Down)
            qtbot.keyClick(panel.raised_by_combo, Qt.Key.Key_Down)
            qtbot.keyClick(panel.raised_by_combo, Qt.Key.Key_Return)
        elif n == 4:  # Enter in the theme box adds too
            qtbot.keyClick(panel.theme_combo.lineEdit(), Qt.Key.Key_Enter)
        else:
            qtbot.keyClick(panel.text_edit, Qt.Key.Key_Return)
    items = _saved(seeded, panel)
    assert [i.text for i in items] == texts
    assert [i.position for i in items] == [1, 2, 3, 4, 5]
    assert items[2].sentiment == Sentiment.NEUTRAL and items[2].raised_by == RaisedBy.BUSINESS
    assert items[3].sentiment == Sentiment.NEUTRAL, "choices are kept for the next item"
    assert panel.items_model.rowCount() == 5


def test_empty_text_shows_the_message_under_the_field(
    panel: CapturePanel, seeded: Workspace, qtbot: QtBot
) -> None:
    qtbot.keyClick(panel.text_edit, Qt.Key.Key_Return)
    assert panel.quick_errors["text"].isVisibleTo(panel)
    assert "raised" in panel.quick_errors["text"].text()
    assert _saved(seeded, panel) == []


def test_draft_survives_a_restart_and_is_cleared_when_added(
    panel: CapturePanel, seeded: Workspace, qtbot: QtBot, ini: Path
) -> None:
    qtbot.keyClicks(panel.text_edit, "Half-typed when the lid clo")
    detail = panel.detail
    assert detail is not None
    # A new process: new settings object on the same file, new panel.
    restarted = CapturePanel(seeded, AppSettings(ini))
    qtbot.addWidget(restarted)
    restarted.load(seeded.run(engagements.get_engagement, detail.id))
    assert restarted.text_edit.text() == "Half-typed when the lid clo"
    qtbot.keyClicks(restarted.text_edit, "sed")
    qtbot.keyClick(restarted.text_edit, Qt.Key.Key_Return)
    assert [i.text for i in _saved(seeded, restarted)] == ["Half-typed when the lid closed"]
    assert load_draft(AppSettings(ini), detail.id) is None


def test_people_met_and_notes_are_autosaved(panel: CapturePanel, seeded: Workspace, qtbot: QtBot) -> None:
    panel.attendance_spins[AttendeeType.RESIDENTS].setValue(23)
    assert panel._timer.isActive()
    qtbot.waitUntil(lambda: not panel._timer.isActive(), timeout=3000)
    assert panel.detail is not None
    saved = seeded.run(engagements.get_engagement, panel.detail.id)
    assert dict(saved.attendance) == {AttendeeType.RESIDENTS: 23}
    assert saved.place_name == "Oakham Victoria Hall", "other fields unchanged"
    assert panel.detail.row_version == saved.row_version
    panel.attendance_spins[AttendeeType.COUNCILLORS].setValue(2)
    panel.notes_edit.setPlainText("Busy market day")
    panel.autosave()  # the debounce slot, straight away; the version kept current: no conflict
    saved = seeded.run(engagements.get_engagement, panel.detail.id)
    assert dict(saved.attendance) == {AttendeeType.RESIDENTS: 23, AttendeeType.COUNCILLORS: 2}
    assert saved.notes == "Busy market day"
    assert "saved" in panel.save_state_label.text()


def test_unsaved_notes_survive_a_restart(
    panel: CapturePanel, seeded: Workspace, qtbot: QtBot, ini: Path
) -> None:
    panel.notes_edit.setPlainText("Typed just before the crash")
    panel._timer.stop()  # the crash: autosave never ran
    restarted = CapturePanel(seeded, AppSettings(ini))
    qtbot.addWidget(restarted)
    assert panel.detail is not None
    restarted.load(seeded.run(engagements.get_engagement, panel.detail.id))
    assert restarted.notes_edit.toPlainText() == "Typed just before the crash"
    restarted.flush()
    assert seeded.run(engagements.get_engagement, panel.detail.id).notes == "Typed just before the crash"


def test_delete_key_asks_then_deletes(
    panel: CapturePanel, seeded: Workspace, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    for text in ("Keep me", "Typed in error"):
        qtbot.keyClicks(panel.text_edit, text)
        qtbot.keyClick(panel.text_edit, Qt.Key.Key_Return)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    panel.items_view.selectRow(1)
    qtbot.keyClick(panel.items_view, Qt.Key.Key_Delete)
    assert asked and "Typed in error" in asked[0]
    assert [i.text for i in _saved(seeded, panel)] == ["Keep me"]


def test_enter_on_an_item_opens_the_dialog_and_saves(
    panel: CapturePanel, seeded: Workspace, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClicks(panel.text_edit, "Speeding on the A606")
    qtbot.keyClick(panel.text_edit, Qt.Key.Key_Return)

    def fake_exec(dialog: FeedbackDialog) -> bool:
        dialog.cgb_check.setChecked(True)
        dialog.cgb_topic_edit.setText("Rural speeding")
        dialog._on_ok()
        return dialog.result() == 1

    monkeypatch.setattr(FeedbackDialog, "exec", fake_exec)
    panel.items_view.selectRow(0)
    qtbot.keyClick(panel.items_view, Qt.Key.Key_Return)
    item = _saved(seeded, panel)[0]
    assert item.for_cgb and item.cgb_topic == "Rural speeding"


def test_consent_off_disables_the_contact_fields(panel: CapturePanel, qtbot: QtBot) -> None:
    qtbot.keyClicks(panel.text_edit, "Would like a call back about the speed van")
    qtbot.keyClick(panel.text_edit, Qt.Key.Key_Return)
    dialog = FeedbackDialog(panel.items_model.row_at(0), panel._themes, panel._areas, panel)
    qtbot.addWidget(dialog)
    contact = (dialog.consent_on_edit, dialog.contact_name_edit, dialog.contact_details_edit)
    assert not dialog.consent_check.isChecked()
    assert not any(w.isEnabled() for w in contact)
    dialog.consent_check.setChecked(True)
    assert all(w.isEnabled() for w in contact)
    assert dialog.consent_on_edit.value() == date(2025, 6, 18), "dated today when ticked"
    dialog.contact_name_edit.setText("Mrs A. Resident")
    dialog.consent_check.setChecked(False)
    assert dialog.result_input().contact_name == "", "no contact kept without consent"
    dialog.consent_check.setChecked(True)
    assert dialog.result_input().contact_name == "Mrs A. Resident"
    assert "kept only with consent" in dialog.findChild(QLabel, "personal_data_note").text()


def test_alt_letters_reach_each_quick_entry_field(panel: CapturePanel) -> None:
    buddies = {
        label.text(): label.buddy() for label in panel.findChildren(QLabel) if label.buddy() is not None
    }
    assert buddies["&What was raised:"] is panel.text_edit
    assert buddies["T&heme:"] is panel.theme_combo
    assert buddies["&Sentiment:"] is panel.sentiment_combo
    assert buddies["Raised &by:"] is panel.raised_by_combo
    letters = [t[t.index("&") + 1].lower() for t in buddies]
    assert len(letters) == len(set(letters)), "no letter used twice on the capture screen"
