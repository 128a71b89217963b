"""Render the debrief dialog and the 'You said, we did' panel to PNG files, to look at them.

Usage: ``render_debrief_screenshots.py DB OUT`` on a demo database (``pcc-desktop --db DB demo``).
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pcc_desktop.app import create_application
from pcc_desktop.models import EngagementStatus, EngagementType
from pcc_desktop.services import staff, startup
from pcc_desktop.services.clock import today
from pcc_desktop.services.engagement_queries import EngagementFilter, list_engagements
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.services.you_said_we_did import YouSaidWeDidScope
from pcc_desktop.ui.debrief_dialog import DebriefDialog
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.you_said_we_did_panel import YouSaidWeDidPanel, quarter_of


def _save(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def _latest_community_day(ws: Workspace) -> object:
    held = EngagementFilter(kinds=(EngagementType.COMMUNITY_DAY,), statuses=(EngagementStatus.HELD,))
    rows = ws.run(list_engagements, held, limit=50).rows
    with_feedback = [r for r in rows if r.feedback_count]
    return (with_feedback or rows)[0].id


def render(ws: Workspace, out: Path) -> None:
    dialog = DebriefDialog(ws, _latest_community_day(ws))  # type: ignore[arg-type]
    dialog.show()
    _save(dialog, out, "debrief")
    dialog._rows[0].owner.setEditText("")
    dialog._rows[0].act.setChecked(True)
    dialog._on_ok()
    _save(dialog, out, "debrief-errors")
    dialog.close()
    panel = YouSaidWeDidPanel(ws, TaskRunner(synchronous=True))
    panel.resize(1400, 860)
    start, _ = quarter_of(today())
    last_from, last_to = quarter_of(start - timedelta(days=1))
    panel.set_scope(YouSaidWeDidScope(date_from=last_from, date_to=last_to))
    panel.show()
    _save(panel, out, "you-said-we-did")
    area = panel.area_combo._values[0]
    panel.set_scope(YouSaidWeDidScope(area_id=area, date_from=last_from, date_to=last_to))
    _save(panel, out, "you-said-we-did-area")
    panel.set_scope(YouSaidWeDidScope(engagement_id=_latest_community_day(ws)))  # type: ignore[arg-type]
    _save(panel, out, "you-said-we-did-engagement")
    panel.set_scope(
        YouSaidWeDidScope(date_from=last_from.replace(year=2000), date_to=last_to.replace(year=2000))
    )
    _save(panel, out, "you-said-we-did-empty")
    panel.close()


def main() -> int:
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv)
    ws = startup.open_database(db).workspace
    me = ws.run(staff.find_staff_by_name, "Lizzie Starr")
    ws.actor_id = me.id
    QTimer.singleShot(300, lambda: (render(ws, out), app.quit()))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
