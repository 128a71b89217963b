"""Guard against the PySide6 Signal.emit refcount bug (tech-notes P0): emitting must not leak bools."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(bool)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="bools are immortal on 3.12+ (PEP 683)")
def test_signal_emit_does_not_leak_bool_refs(qapp):
    emitter = _Emitter()
    emitter.fired.connect(lambda value: None)
    before = sys.getrefcount(True)
    for _ in range(50):
        emitter.fired.emit(False)
    assert sys.getrefcount(True) - before > -25
