"""Render every screen of the Animal welfare section, in the real main window, to PNG files.

Usage: ``python scripts/render_aws_screenshots.py DB OUT_DIR`` on a demo database
(``pcc-desktop --db DB demo``), under Xvfb or ``QT_QPA_PLATFORM=offscreen``. The window is 1366×768,
a common laptop screen. It shows the visit reports (a reviewed one on each of its tabs, then a new
draft refused at submission), the dog and review dialogs, the schedule and its dialogs, the register
and its dog form, the dogs seen and not seen with one dog's history, and last financial year's
statistics. The new draft it writes is saved in the database given (use a copy).
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from pcc_desktop.app import create_application
from pcc_desktop.models import AWS_LAUNCHED_ON, ReportStatus, SlotStatus, WelfareRating
from pcc_desktop.services import staff, startup
from pcc_desktop.services.aws_choices import dogs_in_service_on
from pcc_desktop.services.aws_history import dog_history
from pcc_desktop.services.aws_schedule import list_schedule
from pcc_desktop.services.aws_schedule_planner import shift_month
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_observation_dialog import ObservationDialog
from pcc_desktop.ui.aws_register_dialogs import DogDialog
from pcc_desktop.ui.aws_review_dialog import AwsReviewDialog
from pcc_desktop.ui.aws_schedule_dialogs import CloseMonthDialog, PlanMonthsDialog
from pcc_desktop.ui.aws_statistics_panel import LAST_YEAR
from pcc_desktop.ui.aws_visit_commands import DOGS_TAB, FINDINGS_TAB
from pcc_desktop.ui.aws_visit_page import CHECKLISTS_TAB, VISIT_TAB, AwsVisitPage
from pcc_desktop.ui.main_window import MainWindow
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner

WIDTH, HEIGHT = 1366, 768


def _settle() -> None:
    for _ in range(3):  # posted layout requests and the dialogs' deferred resize
        QApplication.processEvents()


def _save(widget: QWidget, out: Path, name: str, keep_message: bool = False) -> None:
    _settle()
    if isinstance(widget, MainWindow) and not keep_message:
        widget.statusBar().clearMessage()  # a message left by the screen before
    widget.grab().save(str(out / f"aws-{name}.png"))


def _save_over(window: MainWindow, dialog: QWidget, out: Path, name: str) -> None:
    """The window with ``dialog`` drawn in its middle, as the user sees it (Xvfb has no window manager)."""
    _settle()
    window.statusBar().clearMessage()
    picture = window.grab()
    front = dialog.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 40))
    spot = picture.rect().center() - front.rect().center()
    painter.setPen(QColor("#707070"))
    painter.drawRect(QRect(spot, front.size()).adjusted(-1, -1, 0, 0))
    painter.drawPixmap(spot, front)
    painter.end()
    picture.save(str(out / f"aws-{name}.png"))


def _dialog(dialog: QWidget, out: Path, name: str) -> None:
    dialog.show()
    _save(dialog, out, name)
    dialog.close()


def _select(page: AwsVisitPage, status: ReportStatus) -> None:
    """Select the report of ``status`` with the most actions, then concerns (newest on a tie)."""
    rows = [r for r in page.model.rows() if r.status == status]
    best = max(rows, key=lambda r: (r.actions, r.concerns, r.visited_on))
    page.show_visit(best.id)


def render_reports(window: MainWindow, ws: Workspace, out: Path) -> None:
    """The reviewed report on each tab, the dialogs, then a new draft refused at submission."""
    page: AwsVisitPage = window.aws.visits  # type: ignore[attr-defined]
    _select(page, ReportStatus.REVIEWED)
    for index, (tab, name) in enumerate(
        (
            (VISIT_TAB, "visit"),
            (CHECKLISTS_TAB, "checklists"),
            (DOGS_TAB, "dogs-seen"),
            (FINDINGS_TAB, "findings"),
        )
    ):
        page.tabs.setCurrentIndex(tab)
        if tab == DOGS_TAB:  # a dog with a concern, so its notes show under the table
            dogs = page.dogs.model.rows()
            page.dogs.view.selectRow(next((i for i, d in enumerate(dogs) if d.concerns()), 0))
        _save(window, out, f"1{index + 1}-report-{name}")
    _render_observation(ws, page, out)
    _select(page, ReportStatus.SUBMITTED)
    dialog = AwsReviewDialog(ws, page.current.id, page)  # type: ignore[union-attr]
    dialog.show()
    dialog.notes.setPlainText("Good visit. The van's heat alarm needs following up with the Dog Unit.")
    dialog.add_finding("Test the heat alarm in the dog van", "Not tested since the spring service.")
    _save(dialog, out, "dialog-review")
    dialog.reject()
    page.tabs.setCurrentIndex(VISIT_TAB)
    page.new_record()
    page.form.site_combo.setCurrentIndex(
        page.form.site_combo.findText("Dog Unit", Qt.MatchFlag.MatchContains)
    )
    page.submit_current()  # saved as a draft, then refused: the messages show at the fields
    _save(window, out, "15-new-draft-errors", keep_message=True)
    page.filter_bar.search_edit.setText("Nobody by this name")
    page.filter_bar.flush()
    _save(window, out, "16-list-empty")
    page.filter_bar.search_edit.clear()
    page.filter_bar.flush()


def _render_observation(ws: Workspace, page: AwsVisitPage, out: Path) -> None:
    """The dog dialog with a concern, on the first reviewed report's day."""
    current = page.current
    assert current is not None
    dogs = ws.run(dogs_in_service_on, current.visited_on)
    dialog = ObservationDialog(dogs, None, page)
    dialog.dog_combo.set_current_id(dogs[0][0])
    for need, combo in dialog.need_combos.items():
        combo.set_current_id(WelfareRating.CONCERN if need == "health" else WelfareRating.MET)
    dialog.notes_edit.setPlainText("Slight limp on the left foreleg; the handler says the vet has seen it.")
    _dialog(dialog, out, "dialog-dog-seen")


def render_schedule(window: MainWindow, ws: Workspace, out: Path) -> None:
    """The schedule with a scheduled month chosen, then Plan months… and the close-month dialog."""
    panel = window.aws.show_tab("schedule")  # type: ignore[attr-defined]
    rows = panel.model.rows()
    closed = [i for i, r in enumerate(rows) if r.status == SlotStatus.SCHEDULED]
    panel.table.selectRow(closed[0] if closed else len(rows) - 1)
    _save(window, out, "21-schedule")
    plan = PlanMonthsDialog(ws, panel)
    plan.show()
    _save_over(window, plan, out, "22-schedule-plan-months")
    _save(plan, out, "dialog-plan-months")
    plan.close()
    slot = panel.current_slot()
    close = CloseMonthDialog(ws, slot, panel)
    close.show()
    close.set_status(SlotStatus.MISSED)
    close._on_ok()  # no reason: the message shows at the field
    _save_over(window, close, out, "23-schedule-close-month")
    _save(close, out, "dialog-close-month")
    close.close()
    _render_schedule_history(panel, window, out)


def _render_schedule_history(panel: Any, window: MainWindow, out: Path) -> None:
    """Months around the latest missed or cancelled one, so their colours and reasons show."""
    first, last = panel.period()
    rows = panel.workspace.run(list_schedule, AWS_LAUNCHED_ON, last)  # type: ignore[attr-defined]
    ended = [r for r in rows if r.status in (SlotStatus.MISSED, SlotStatus.CANCELLED)]
    if ended:
        month = ended[-1].month
        panel.set_period(shift_month(month, -4), shift_month(month, 8))
        after = [r.id for r in panel.model.rows()].index(ended[-1].id) + 1  # its colour shows unselected
        panel.table.selectRow(min(after, panel.model.rowCount() - 1))
        _save(window, out, "24-schedule-missed-and-cancelled")
    panel.set_period(shift_month(last, 60), shift_month(last, 66))
    _save(window, out, "25-schedule-empty")
    panel.set_period(first, last)


def render_register(window: MainWindow, ws: Workspace, out: Path) -> None:
    """The dogs, vehicles and sites, and the dog form for an existing dog."""
    panel = window.aws.show_tab("register")  # type: ignore[attr-defined]
    for index, key in enumerate(("dogs", "vehicles", "sites")):
        listed = panel.show_list(key)
        listed.table.selectRow(0)
        _save(window, out, f"3{index + 1}-register-{key}")
    dogs = panel.show_list("dogs")
    _dialog(DogDialog(ws, dogs.current_row(), panel), out, "dialog-dog")


def render_dogs_and_statistics(window: MainWindow, ws: Workspace, out: Path) -> None:
    """Dogs seen and not seen with a dog that had a concern chosen; last financial year's figures."""
    panel = window.aws.show_tab("dogs")  # type: ignore[attr-defined]
    rows = panel.model.rows()
    worried = [r for r in rows if r.concerns and ws.run(dog_history, r.dog_id)]
    panel.select_dog((worried or rows)[0].dog_id)
    _save(window, out, "41-dogs-seen-and-not-seen")
    stats = window.aws.show_tab("statistics")  # type: ignore[attr-defined]
    stats.set_period(LAST_YEAR)
    _save(window, out, "51-statistics-last-year")


def render(window: MainWindow, ws: Workspace, out: Path) -> None:
    """Every screen of the section, one PNG each."""
    window.show_page("AWS")
    render_reports(window, ws, out)
    render_schedule(window, ws, out)
    render_register(window, ws, out)
    render_dogs_and_statistics(window, ws, out)
    window.aws.show_tab("visits")  # type: ignore[attr-defined]
    window.aws.visits.revert_current()  # type: ignore[attr-defined]


def main() -> int:
    """Open the database given, sign in as the demo's Lizzie Starr and render."""
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    ws = startup.open_database(db).workspace
    me = ws.run(staff.find_staff_by_name, "Lizzie Starr")
    ws.actor_id = me.id
    with tempfile.TemporaryDirectory() as home:  # no window state from an earlier run
        settings = AppSettings(Path(home) / "aws-shots.ini")
        window = MainWindow(ws, settings, TaskRunner(synchronous=True), me.name)
        window.resize(WIDTH, HEIGHT)
        window.show()
        failed: list[BaseException] = []

        def run() -> None:
            try:
                render(window, ws, out)
            except Exception as exc:  # an error in a timer would leave the app running for ever
                failed.append(exc)
                traceback.print_exc()
            app.quit()

        QTimer.singleShot(300, run)
        app.exec()
        return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
