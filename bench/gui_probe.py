"""Cold-start probe, run in a fresh subprocess by ``run_bench.py``.

``gui_probe.py floor`` shows a bare QMainWindow; ``gui_probe.py app DB`` starts PCC Desktop on
DB the way ``pcc_desktop.app.run_gui`` does. Either way the probe waits for the first paint
(of the action table's viewport for the app), then prints one JSON line: the
``time.monotonic()`` of that paint (comparable with the parent's, CLOCK_MONOTONIC is
system-wide), the phase marks and ``ru_maxrss`` in MB. Run with QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import json  # noqa: E402 - the clock above must start before any import
import resource  # noqa: E402
import sys  # noqa: E402

MARKS: dict[str, float] = {"interpreter": STARTED}


def _mark(name: str) -> None:
    MARKS[name] = time.monotonic()


def _watch_first_paint(app: object, widget: object, rows: object) -> None:
    """Quit ``app`` after ``widget``'s first paint, then print the figures."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatcher(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and "first_paint" not in MARKS:
                _mark("first_paint")
                QTimer.singleShot(0, app.quit)  # type: ignore[attr-defined]
            return False

    watcher = PaintWatcher(widget)  # type: ignore[arg-type]
    widget.installEventFilter(watcher)  # type: ignore[attr-defined]
    QTimer.singleShot(30_000, app.quit)  # type: ignore[attr-defined] - never hang the bench
    app.exec()  # type: ignore[attr-defined]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    hwm = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")]  # noqa: SIM115
    rss_mb = int(hwm[0]) / 1024 if hwm else rss_mb  # ru_maxrss survives execve: the parent's peak leaks in
    print(json.dumps({"marks": MARKS, "rows": rows() if callable(rows) else rows, "maxrss_mb": rss_mb}))


def floor() -> None:
    """A bare QMainWindow: the least any PySide6 window can cost."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    _mark("imports")
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    _mark("shown")
    _watch_first_paint(app, window, 0)


def app_window(db: str, user: str = "Lizzie Starr") -> None:
    """PCC Desktop's real start-up path, minus the who-are-you dialog."""
    from pcc_desktop import paths
    from pcc_desktop.app import configure_logging, create_application
    from pcc_desktop.services import staff, startup
    from pcc_desktop.ui.main_window import MainWindow
    from pcc_desktop.ui.settings import AppSettings
    from pcc_desktop.ui.tasks import TaskRunner

    _mark("imports")
    configure_logging()
    app = create_application(sys.argv)
    _mark("qapplication")
    ws = startup.open_database(db).workspace
    _mark("open_database")
    me = ws.run(staff.find_staff_by_name, user)
    ws.actor_id = me.id
    settings = AppSettings(paths.settings_path())
    # A returning user who left on Actions: the figure measured since the first benchmark. (A very
    # first start opens on the dashboard instead; docs/performance.md gives that figure separately.)
    settings.last_page = "Actions"
    window = MainWindow(ws, settings, TaskRunner(), me.name)
    _mark("main_window")
    window.show()
    _mark("shown")
    table = window.action_page.table
    _watch_first_paint(app, table.viewport(), table.model().rowCount)


if __name__ == "__main__":
    if sys.argv[1] == "floor":
        floor()
    else:
        app_window(sys.argv[2])
