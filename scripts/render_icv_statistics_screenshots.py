"""Render the ICV statistics panel and the visit review dialog to PNG files.

Usage: ``python scripts/render_icv_statistics_screenshots.py DB OUT_DIR`` on a demo database
(``pcc-desktop --db DB demo``), under Xvfb or ``QT_QPA_PLATFORM=offscreen``. It adds about forty
submitted visits to Euston Street over the last quarter, all on weekday afternoons, so the
unpredictability warnings show.
"""

from __future__ import annotations

import random
import sys
from datetime import date, time, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.app import create_application
from pcc_desktop.models import CustodySuite, CustodyVisit, ReportStatus, Volunteer
from pcc_desktop.models.custody import custody_visit_visitor
from pcc_desktop.services import staff, startup
from pcc_desktop.services.clock import today
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.custody_visits import list_visits
from pcc_desktop.services.demo_volunteers import add_demo_volunteers
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.icv_statistics_panel import QUARTER, IcvStatisticsPanel, quarter_of
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.visit_review_dialog import VisitReviewDialog


def _save(widget: QWidget, out: Path, name: str) -> None:
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


def _skewed_visits(session: Session, period: tuple[date, date], count: int = 40) -> int:
    """Weekday-afternoon visits to Euston Street in the period (the warnings' demo)."""
    rng = random.Random(51)
    suite = session.scalars(select(CustodySuite).where(CustodySuite.name == "Euston Street")).one()
    people = list(session.scalars(select(Volunteer.id).order_by(Volunteer.reference)))
    days = [period[0] + timedelta(days=n) for n in range((period[1] - period[0]).days + 1)]
    weekdays = [d for d in days if d.weekday() < 5]
    for _ in range(count):
        day = rng.choice(weekdays)
        hour = rng.choice((11, 12, 13, 14))
        visit = CustodyVisit(
            reference=next_reference(session, "ICV", day.year),
            suite_id=suite.id,
            visited_on=day,
            arrived_at=time(hour, rng.choice((0, 15, 30))),
            departed_at=time(hour + 1, 30),
            status=ReportStatus.SUBMITTED,
            submitted_on=day,
            in_custody=rng.randint(8, 30),
            offered=6,
            seen=4,
            declined=2,
            observations="Suite busy; detainees well cared for.",
        )
        session.add(visit)
        session.flush()
        for person in rng.sample(people, 2):
            session.execute(custody_visit_visitor.insert().values(visit_id=visit.id, volunteer_id=person))
    return count


def prepare(ws: Workspace) -> tuple[date, date]:
    """Volunteers, reference data and the skewed visits; returns the last quarter."""
    if not ws.run(lambda s: s.scalar(select(func.count(Volunteer.id)))):
        add_demo_volunteers(ws)
    ws.run(seed_custody_reference)
    last = quarter_of(quarter_of(today())[0] - timedelta(days=1))
    ws.run(_skewed_visits, last)
    return last


def render(ws: Workspace, out: Path, last: tuple[date, date]) -> None:
    """The panel on the last quarter with its comparison, its patterns, one suite, then a review."""
    panel = IcvStatisticsPanel(ws, TaskRunner(synchronous=True))
    window = _host(panel)
    panel.set_period(QUARTER, last)
    panel.compare_box.setChecked(True)
    _save(window, out, "icv-statistics-1-figures")
    panel.tabs.setCurrentIndex(1)
    _save(window, out, "icv-statistics-2-unpredictability")
    panel.suite_combo.setCurrentText("Euston Street")
    _save(window, out, "icv-statistics-3-one-suite")
    window.close()
    submitted = ws.run(list_visits, last[0], today(), None, ReportStatus.SUBMITTED)
    dialog = VisitReviewDialog(ws, submitted[0].id)
    dialog.show()
    dialog.notes.setPlainText("Busy afternoon; the bell fault needs the custody inspector.")
    dialog.add_issue("Repair the call bell in cell 4", "Not working at the visit; reported to the sergeant.")
    dialog.add_issue("")
    _save(dialog, out, "dialog-visit-review")
    dialog._on_ok()  # the empty title is shown at its row
    _save(dialog, out, "dialog-visit-review-errors")
    dialog.reject()


def main() -> int:
    """Open the database given, sign in as the demo's Lizzie Starr and render."""
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    ws = startup.open_database(db).workspace
    ws.actor_id = ws.run(staff.find_staff_by_name, "Lizzie Starr").id
    last = prepare(ws)
    QTimer.singleShot(300, lambda: (render(ws, out, last), app.quit()))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
