"""Render the Rota panel and its dialogs to PNG files.

Usage: ``python scripts/render_rota_screenshots.py DB OUT_DIR`` on a demo database
(``pcc-desktop --db DB demo``), under Xvfb or ``QT_QPA_PLATFORM=offscreen``. When the database has
no custody visitors yet, the demo volunteers are added first; then this quarter's rota is generated
and a few past visits are closed (completed, missed, cancelled) so every state shows.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from pcc_desktop.app import create_application
from pcc_desktop.models import SchemeMembership, Volunteer
from pcc_desktop.models.custody import SlotStatus
from pcc_desktop.models.volunteer import MembershipStatus, Scheme
from pcc_desktop.services import staff, startup
from pcc_desktop.services.clock import local_time, today
from pcc_desktop.services.rota import available_volunteers, close_slot, generate_rota, list_slots
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import ReasonDialog
from pcc_desktop.ui.rota_dialogs import ChangeVisitorsDialog, GenerateRotaDialog, volunteer_choices
from pcc_desktop.ui.rota_panel import RotaPanel, quarter_dates
from pcc_desktop.ui.tasks import TaskRunner


def _save(widget: QWidget, out: Path, name: str) -> None:
    for _ in range(3):  # posted layout requests and the dialogs' deferred resize
        QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def _host(panel: QWidget) -> QWidget:
    window = QWidget()
    window.setWindowTitle("PCC Desktop")
    layout = QVBoxLayout(window)
    layout.addWidget(panel)
    window.resize(1400, 860)
    window.show()
    return window


def _add_volunteers(session: Session) -> None:
    """Eighteen custody visitors, when the demo volunteers module is not there."""
    for i in range(18):
        person = Volunteer(reference=f"VOL-2024-{i + 1:04d}", name=f"Custody Visitor {i + 1:02d}")
        session.add(person)
        session.flush()
        session.add(
            SchemeMembership(
                volunteer_id=person.id,
                scheme=Scheme.ICV,
                status=MembershipStatus.ACTIVE,
                started_on=date(2024, 1, 1),
            )
        )


def prepare(ws: Workspace) -> tuple[date, date]:
    """Volunteers if needed, this quarter's rota, and a few past slots closed; return the period."""
    first, last = quarter_dates(today())
    if not ws.run(available_volunteers, first):
        if importlib.util.find_spec("pcc_desktop.services.demo_volunteers"):
            from pcc_desktop.services.demo_volunteers import add_demo_volunteers

            add_demo_volunteers(ws)
        else:
            with ws.session() as session:
                _add_volunteers(session)
    if not ws.run(list_slots, first, last):
        ws.act(generate_rota, first, (last - first).days // 7 + 1, replace_scheduled=True)
    past = [
        s for s in ws.run(list_slots, first, today() - timedelta(days=1)) if s.status == SlotStatus.SCHEDULED
    ]
    endings = [(SlotStatus.MISSED, "Both visitors were held up by a road closure on the A38.")]
    endings += [(SlotStatus.CANCELLED, "Suite closed for refurbishment; detainees taken elsewhere.")]
    for index, slot in enumerate(past):
        status, reason = endings[index] if index < len(endings) else (SlotStatus.COMPLETED, "")
        if index % 9 != 8:  # leave an occasional past slot still to do
            ws.act(close_slot, slot.id, status, reason)
    return first, last


def render(ws: Workspace, out: Path) -> None:
    """The panel (whole quarter, one suite, empty), then each dialog, with and without errors."""
    first, last = prepare(ws)
    panel = RotaPanel(ws, TaskRunner(synchronous=True))
    window = _host(panel)
    panel.set_period(first, last)
    rows = panel.model.rows()
    panel.table.selectRow(next(i for i, r in enumerate(rows) if r.status == SlotStatus.SCHEDULED))
    _save(window, out, "rota-1-quarter")
    panel.suite_combo.setCurrentIndex(1)
    _save(window, out, "rota-2-one-suite")
    panel.suite_combo.setCurrentIndex(0)
    panel.set_period(last + timedelta(days=365), last + timedelta(days=400))
    _save(window, out, "rota-3-empty")
    panel.set_period(first, last)
    _render_dialogs(ws, panel, out)
    window.close()


def _render_dialogs(ws: Workspace, panel: RotaPanel, out: Path) -> None:
    generate = GenerateRotaDialog(ws, parent=panel)
    generate.show()
    _save(generate, out, "dialog-generate")
    generate.start_edit.setDate(generate.start_date() + timedelta(days=1))
    generate.buttons.accepted.emit()  # not a Monday: the message shows at the Start field
    _save(generate, out, "dialog-generate-errors")
    generate.reject()
    rows = panel.model.rows()
    scheduled = [r for r in rows if r.status == SlotStatus.SCHEDULED]
    slot = scheduled[-1]
    panel.table.selectRow(rows.index(slot))
    choices = volunteer_choices(ws, local_time(slot.window_starts).date())
    allowed = {c[0] for c in choices}
    other = next(r for r in reversed(scheduled[:-1]) if {r.volunteer_a_id, r.volunteer_b_id} <= allowed)
    change = ChangeVisitorsDialog(ws, slot, choices, parent=panel)
    change.show()
    _save(change, out, "dialog-change-visitors")
    change.a_combo.set_current_id(other.volunteer_a_id)
    change.b_combo.set_current_id(other.volunteer_b_id)
    change.buttons.accepted.emit()  # a pair from the same weeks: the service says why not
    _save(change, out, "dialog-change-visitors-errors")
    change.reject()
    reason = ReasonDialog(
        "Mark visit missed", f"{slot.suite_name}, {slot.window_text}.\nWhy was it missed?", panel
    )
    reason.show()
    reason.show_errors({"reason": "Say why the visit is missed."})
    _save(reason, out, "dialog-missed-reason")
    reason.reject()


def main() -> int:
    """Open the database given, sign in as the demo's Lizzie Starr and render."""
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    ws = startup.open_database(db).workspace
    ws.actor_id = ws.run(staff.find_staff_by_name, "Lizzie Starr").id
    QTimer.singleShot(300, lambda: (render(ws, out), app.quit()))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
