"""A database shared by one test module: migrating and filling it is what makes report tests slow."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from pcc_desktop.models.database import make_engine
from pcc_desktop.models.migrations import upgrade
from pcc_desktop.services import clock
from pcc_desktop.services.reference_seed import seed_reference_data
from pcc_desktop.services.staff import StaffData, save_staff
from pcc_desktop.services.workspace import Workspace


@contextmanager
def module_workspace(folder: Path, today: date, seeded: bool = False) -> Iterator[Workspace]:
    """Like the ``workspace``/``seeded`` fixtures, for a module-scoped fixture.

    Module fixtures run before the per-test clock pin, so the clock is pinned here too.
    """
    clock.pin_today(today)
    engine = make_engine(folder / "reports.sqlite3")
    upgrade(engine)
    ws = Workspace(engine)
    ws.actor_id = ws.run(save_staff, None, StaffData(id=None, name="Alex Tester")).id
    if seeded:
        ws.run(seed_reference_data)
    try:
        yield ws
    finally:
        ws.dispose()
