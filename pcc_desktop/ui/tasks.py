"""Running slow work off the GUI thread and handing the result back to it."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _TaskSignals(QObject):
    """Carries a task's outcome back to the GUI thread (queued connection)."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    """Runs one callable on a pool thread."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _TaskSignals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:
            log.error("background task failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs slow work (exports, imports, backups) on one worker thread at a time.

    One thread means database writes never compete with each other; ``busy_changed`` lets the
    window show progress and disable conflicting commands. ``synchronous=True`` runs inline,
    which tests use for determinism.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, synchronous: bool = False) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._synchronous = synchronous
        self._pending = 0
        self._keep: set[_Task] = set()

    @property
    def busy(self) -> bool:
        """Whether a task is running or queued."""
        return self._pending > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``fn`` in the background; the callbacks run on the GUI thread."""
        if self._synchronous:
            try:
                result = fn()
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(exc)
            else:
                if on_success:
                    on_success(result)
            return
        task = _Task(fn)
        task.setAutoDelete(False)
        self._keep.add(task)
        task.signals.succeeded.connect(lambda result, t=task: self._finish(t, on_success, result))
        task.signals.failed.connect(lambda exc, t=task: self._finish(t, on_error, exc))
        self._set_pending(+1)
        self._pool.start(task)

    def _finish(self, task: _Task, callback: Callable[[Any], None] | None, value: Any) -> None:
        self._keep.discard(task)
        self._set_pending(-1)
        if callback:
            callback(value)

    def _set_pending(self, delta: int) -> None:
        was_busy = self.busy
        self._pending += delta
        if was_busy != self.busy:
            self.busy_changed.emit(self.busy)

    @Slot()
    def wait(self) -> None:
        """Block until every task has finished (on exit and in tests)."""
        self._pool.waitForDone()
