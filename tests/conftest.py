"""Shared fixtures: a migrated SQLite file per test, a signed-in workspace, a pinned clock."""

from __future__ import annotations

import os

# Qt must pick its platform before the first QApplication exists (tech-notes P11).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pcc_desktop.models.database import make_engine
from pcc_desktop.models.migrations import upgrade
from pcc_desktop.services import clock
from pcc_desktop.services.staff import StaffData, save_staff
from pcc_desktop.services.workspace import Workspace

TODAY = date(2025, 6, 18)  # a Wednesday, clear of bank holidays


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder."""
    monkeypatch.setenv("PCC_DESKTOP_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(autouse=True)
def pinned_today() -> Iterator[date]:
    """Make "today" a fixed date so overdue and future-date rules are deterministic."""
    clock.pin_today(TODAY)
    yield TODAY
    clock.pin_today(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file (not :memory:, which is one database per thread)."""
    return tmp_path / "test.sqlite3"


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    """A migrated, empty database with one member of staff signed in."""
    engine = make_engine(db_path)
    upgrade(engine)
    ws = Workspace(engine)
    me = ws.run(save_staff, None, StaffData(id=None, name="Alex Tester", job_title="Business Staff Officer"))
    ws.actor_id = me.id
    yield ws
    ws.dispose()


@pytest.fixture
def seeded(workspace: Workspace) -> Workspace:
    """The workspace with the reference data from ``db/reference`` loaded."""
    from pcc_desktop.services.reference_seed import seed_reference_data

    workspace.run(seed_reference_data)
    return workspace


def new_staff(ws: Workspace, name: str, active: bool = True) -> uuid.UUID:
    """Add a member of staff and return their id."""
    staff = ws.act(save_staff, StaffData(id=None, name=name, active=active))
    assert staff.id is not None
    return staff.id


@pytest.fixture(autouse=True)
def _delete_closed_widgets() -> Iterator[None]:
    """Free the widgets a test closed: Qt deletes them only when deferred deletions are processed.

    pytest-qt closes each widget a test registers and asks Qt to delete it later, but no event loop
    runs between tests, so without this every window stayed in memory (about 6 MB a UI test).
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
