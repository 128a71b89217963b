"""The Volunteers page: adding through the form, memberships, alerts, filters, models, accessibility."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pcc_desktop.models import MembershipStatus, Scheme, VettingLevel
from pcc_desktop.services import volunteers
from pcc_desktop.services.volunteer_alerts import expiry_alerts
from pcc_desktop.services.volunteers import MembershipInput, VolunteerInput
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.volunteer_form import MembershipDialog
from pcc_desktop.ui.volunteer_list import AlertsDialog, VolunteerTableModel
from pcc_desktop.ui.volunteer_page import RECORDS_TAB, SCHEMES_TAB, VolunteerPage
from pcc_desktop.ui.volunteer_panels import RecordsPanel, SchemesPanel

pytestmark = pytest.mark.gui
TODAY = date(2025, 6, 18)


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box would block the test: fail loudly instead."""

    def unexpected(*args: object, **_kwargs: object) -> None:
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


def add_volunteer(
    ws: Workspace, name: str, scheme: Scheme | None = Scheme.ICV, vetting_days: int | None = 400
) -> volunteers.VolunteerDetail:
    """A volunteer, active in ``scheme``, with higher vetting expiring ``vetting_days`` from today."""
    data = VolunteerInput(
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        vetting_level=VettingLevel.HIGHER if vetting_days is not None else VettingLevel.NONE,
        vetting_expires_on=TODAY + timedelta(days=vetting_days) if vetting_days is not None else None,
    )
    detail = ws.act(volunteers.create_volunteer, data)
    if scheme is not None:
        membership = MembershipInput(scheme, MembershipStatus.ACTIVE, date(2020, 3, 1))
        ws.act(volunteers.set_membership, detail.id, membership)
    return ws.run(volunteers.get_volunteer, detail.id)


@pytest.fixture
def page(qtbot: QtBot, seeded: Workspace, tmp_path: Path) -> Iterator[VolunteerPage]:
    widget = VolunteerPage(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.start()
    widget.show()
    yield widget


def test_add_a_volunteer_through_the_form(page: VolunteerPage, seeded: Workspace, qtbot: QtBot) -> None:
    messages: list[str] = []
    page.message.connect(messages.append)
    page.new_record()
    assert page.form.heading.text() == "New volunteer"
    assert not page.tabs.isTabEnabled(SCHEMES_TAB) and not page.tabs.isTabEnabled(RECORDS_TAB)
    qtbot.keyClicks(page.form.name_edit, "Jane Doe")
    qtbot.keyClicks(page.form.email_edit, "jane@example.org")
    page.form.vetting_combo.set_current_id(VettingLevel.HIGHER)
    page.form.vetting_expiry_edit.set_value(date(2026, 3, 31))
    assert page.dirty and page.details.save_button.isEnabled()
    assert page.save_current()
    rows = seeded.run(volunteers.list_volunteers)
    assert [r.name for r in rows] == ["Jane Doe"]
    assert page.current is not None and page.current.reference == rows[0].reference
    assert messages[-1].startswith(f"Saved {rows[0].reference}")
    assert page.tabs.isTabEnabled(SCHEMES_TAB) and not page.dirty
    assert page.model.rowCount() == 1 and page.model.index(0, 3).data() == "Higher to 31/03/2026"


def test_empty_name_shows_the_message_at_the_field_and_saves_nothing(
    page: VolunteerPage, seeded: Workspace
) -> None:
    page.new_record()
    page.form.email_edit.setText("someone@example.org")
    assert not page.save_current()
    assert page.form._errors["name"].isVisible()
    assert "Enter the volunteer's name." in page.form._errors["name"].text()
    assert page.form._errors["name"].text().startswith("⚠")
    assert page.focusWidget() is page.form.name_edit
    assert seeded.run(volunteers.list_volunteers, include_left=True) == []


def test_add_an_icv_membership_through_the_dialog(
    page: VolunteerPage, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = add_volunteer(seeded, "Sam Visitor", scheme=None)
    page.reload()
    page.open_volunteer(person.id)
    page.tabs.setCurrentIndex(SCHEMES_TAB)
    assert page.schemes.add_button.isEnabled()

    def fake_exec(dialog: MembershipDialog) -> bool:
        dialog.scheme_combo.set_current_id(Scheme.ICV)
        dialog.status_combo.set_current_id(MembershipStatus.ACTIVE)
        dialog._on_ok()  # active with no start date: kept open with the message at the field
        assert dialog.result() == 0 and not dialog._errors["started_on"].isHidden()
        dialog.started_edit.set_value(date(2025, 1, 6))
        dialog.term_edit.set_value(date(2028, 1, 5))
        dialog._on_ok()
        return dialog.result() == 1

    monkeypatch.setattr(MembershipDialog, "exec", fake_exec)
    page.schemes.add_button.click()
    detail = seeded.run(volunteers.get_volunteer, person.id)
    assert [(m.scheme, m.status, m.started_on) for m in detail.memberships] == [
        (Scheme.ICV, MembershipStatus.ACTIVE, date(2025, 1, 6))
    ]
    assert page.schemes.model.rowCount() == 1
    assert page.schemes.model.index(0, 4).data() == "05/01/2028"
    assert page.model.index(page.model.row_of(person.id), 2).data() == "ICV (active)"


def test_alerts_strip_shows_vetting_expiring_in_seven_days(
    page: VolunteerPage, seeded: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert page.alerts_strip.isHidden(), "nothing due: no strip"
    add_volunteer(seeded, "Jane Doe", vetting_days=7)
    lapsed = add_volunteer(seeded, "Old Hand", vetting_days=-30)
    page.reload()
    assert page.alerts_strip.isVisible()
    text = page.alerts_strip.text()
    assert "2 things need attention" in text and "⚠" in text
    assert "Vetting for Jane Doe expires in 7 days (25/06/2025)" in page.alerts_strip.plain_text()
    assert "Vetting for Old Hand expired on 19/05/2025" in page.alerts_strip.plain_text()
    row = page.model.row_of(lapsed.id)
    assert page.model.index(row, 3).data() == "⚠ Expired 19/05/2025"
    page.alerts_strip.linkActivated.emit(str(lapsed.id))
    assert page.current is not None and page.current.id == lapsed.id

    def choose_first(dialog: AlertsDialog) -> bool:
        dialog._open()
        return True

    monkeypatch.setattr(AlertsDialog, "exec", choose_first)
    page.commands["alerts"].trigger()
    assert page.current is not None and page.current.id == lapsed.id  # soonest (expired) first


def test_filter_by_scheme(page: VolunteerPage, seeded: Workspace) -> None:
    add_volunteer(seeded, "Ivy Custody", Scheme.ICV)
    add_volunteer(seeded, "Alf Welfare", Scheme.AWS)
    page.reload()
    assert page.model.rowCount() == 2
    page.filter_bar.scheme_combo.set_current_id(Scheme.AWS)
    assert [r.name for r in page.model.rows()] == ["Alf Welfare"]
    assert page.count_label.text() == "1 volunteer"
    page.filter_bar.search_edit.setText("nobody")
    assert page.list_stack.currentWidget() is page.empty_label
    assert "No volunteers match" in page.empty_label.text()


def test_export_writes_the_list_as_shown(
    page: VolunteerPage, seeded: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_volunteer(seeded, "Ivy Custody", Scheme.ICV)
    page.reload()
    out = tmp_path / "vols.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page.commands["export"].trigger()
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["Reference", "Name", "Schemes", "Vetting", "Availability"]
    assert rows[1][1:3] == ["Ivy Custody", "ICV (active)"]


def test_shortcuts_avoid_the_window_s_keys(page: VolunteerPage) -> None:
    taken = {"Ctrl+N", "Ctrl+S", "Ctrl+F", "F5", "Esc"}
    keys = {a.shortcut().toString() for a in page.commands.values()} - {""}
    assert keys.isdisjoint(taken)
    assert set(page.commands) == {"import", "export", "alerts"}


def test_table_models_pass_the_model_tester(qtmodeltester, seeded: Workspace, qtbot: QtBot) -> None:
    add_volunteer(seeded, "Jane Doe", vetting_days=-3)
    person = add_volunteer(seeded, "Sam Visitor", Scheme.AWS)
    model = VolunteerTableModel()
    model.set_rows(seeded.run(volunteers.list_volunteers))
    qtmodeltester.check(model)
    schemes, records = SchemesPanel(seeded), RecordsPanel(seeded)
    qtbot.addWidget(schemes)
    qtbot.addWidget(records)
    schemes.load(person)
    qtmodeltester.check(schemes.model)
    records.load(person)
    qtmodeltester.check(records.hours.model)
    dialog = AlertsDialog(seeded.run(expiry_alerts))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)


def _name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def _unnamed(root: QWidget) -> list[str]:
    """Visible controls a screen reader would announce without a name (as in test_main_window)."""
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
    return [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}"
        for w in root.findChildren(QWidget)
        if isinstance(w, kinds) and not isinstance(w, QHeaderView) and w.isVisible() and not _name(w).strip()
    ]


@pytest.mark.parametrize("tab", [0, SCHEMES_TAB, RECORDS_TAB])
def test_every_visible_control_has_an_accessible_name(
    page: VolunteerPage, seeded: Workspace, tab: int
) -> None:
    add_volunteer(seeded, "Jane Doe", vetting_days=7)
    page.reload()
    page.tabs.setCurrentIndex(tab)
    assert page.tabs.currentIndex() == tab
    assert _unnamed(page) == []


def test_dialogs_name_every_input(page: VolunteerPage, qtbot: QtBot) -> None:
    from pcc_desktop.ui.volunteer_form import AwardDialog, HoursDialog, TrainingDialog

    for dialog in (
        MembershipDialog(None, list(Scheme), page),
        TrainingDialog(page),
        AwardDialog(page),
        HoursDialog(page),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert _unnamed(dialog) == [], dialog.windowTitle()
        dialog.close()


def test_demo_volunteers_fill_the_page_with_alerts(page: VolunteerPage, seeded: Workspace) -> None:
    from pcc_desktop.services.demo_volunteers import add_demo_volunteers

    assert add_demo_volunteers(seeded) == 22
    page.reload()
    assert page.model.rowCount() == 21  # the leaver is hidden until asked for
    assert {a.band for a in seeded.run(expiry_alerts)} >= {7, 30, 60, "expired"}
    assert page.alerts_strip.isVisible()
