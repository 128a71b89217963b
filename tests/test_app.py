"""Start-up helpers: logging to a rotating file, and crashes that are logged and shown."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from pcc_desktop import app, paths


def test_logging_goes_to_a_rotating_file_in_the_data_folder() -> None:
    log_file = app.configure_logging()
    assert log_file.parent == paths.logs_dir()
    logging.getLogger("pcc_desktop.test").warning("hello from the test")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "hello from the test" in log_file.read_text(encoding="utf-8")


def test_an_uncaught_error_is_logged_and_shown(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    log_file = app.configure_logging()
    try:
        raise RuntimeError("the printer caught fire")
    except RuntimeError:
        app._excepthook(*sys.exc_info())
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert shown and "the printer caught fire" in shown[0]
    assert "Your saved work is safe" in shown[0]
    text = log_file.read_text(encoding="utf-8")
    assert "uncaught exception" in text and "RuntimeError: the printer caught fire" in text
