"""Backups: rotation, manual copies kept, safe restore, and recovering from a damaged file."""

from __future__ import annotations

import os
import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pcc_desktop.models.database import integrity_problems
from pcc_desktop.services import backups, startup
from pcc_desktop.services.actions import ActionInput, create_action
from pcc_desktop.services.workspace import Workspace


def _junk(path: Path, size: int = 8192) -> bytes:
    data = random.Random(7).randbytes(size)
    path.write_bytes(data)
    return data


def _titles(db_file: Path) -> list[str]:
    with sqlite3.connect(db_file) as conn:
        return [row[0] for row in conn.execute("SELECT title FROM action ORDER BY title")]


def _add(ws: Workspace, title: str) -> None:
    ws.act(create_action, ActionInput(title=title, owner_id=ws.actor_id, logged_on=date(2025, 6, 2)))


def test_automatic_backups_rotate_keeping_ten(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    taken = [backups.take_backup(workspace.engine, folder, automatic=True) for _ in range(12)]
    kept = sorted(folder.glob("*.sqlite3"))
    assert len(kept) == backups.KEEP_AUTOMATIC == 10
    assert kept == sorted(taken[-10:])
    assert not taken[0].exists() and not taken[1].exists()
    assert all(not integrity_problems(p) for p in kept)


def test_manual_backups_are_never_pruned(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    manual = [backups.take_backup(workspace.engine, folder) for _ in range(3)]
    for _ in range(11):
        backups.take_backup(workspace.engine, folder, automatic=True)
    assert all(p.exists() for p in manual)
    assert all("-manual-" in p.name for p in manual)
    assert len(list(folder.glob("*-auto-*.sqlite3"))) == 10
    assert backups.prune_automatic(folder, workspace.db_file.stem, keep=0)  # type: ignore[union-attr]
    assert sorted(folder.glob("*.sqlite3")) == sorted(manual)


def test_backup_holds_the_data(workspace: Workspace, tmp_path: Path) -> None:
    _add(workspace, "Kept in the backup")
    target = tmp_path / "out" / "copy.sqlite3"
    assert backups.take_backup(workspace.engine, tmp_path, destination=target) == target
    assert _titles(target) == ["Kept in the backup"]
    assert not target.with_suffix(".sqlite3.part").exists()


def test_restore_refuses_a_file_that_is_not_a_database(workspace: Workspace, tmp_path: Path) -> None:
    _add(workspace, "Still here")
    workspace.dispose()
    db_file = workspace.db_file
    assert db_file is not None
    before = db_file.read_bytes()
    bogus = tmp_path / "holiday-photo.sqlite3"
    _junk(bogus)
    folder = tmp_path / "backups"
    with pytest.raises(ValueError, match="not a sound"):
        backups.restore_backup(bogus, db_file, folder)
    with pytest.raises(ValueError):
        backups.restore_backup(tmp_path / "missing.sqlite3", db_file, folder)
    assert db_file.read_bytes() == before
    assert not folder.exists() or not any(folder.iterdir())
    assert _titles(db_file) == ["Still here"]


def test_restore_replaces_the_database_and_keeps_the_old_one(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    _add(workspace, "Before the backup")
    good = backups.take_backup(workspace.engine, folder)
    _add(workspace, "After the backup")
    workspace.dispose()
    db_file = workspace.db_file
    assert db_file is not None
    safety = backups.restore_backup(good, db_file, folder)
    assert _titles(db_file) == ["Before the backup"]
    assert safety is not None and "-replaced-" in safety.name
    assert _titles(safety) == ["After the backup", "Before the backup"]


def test_latest_good_backup_skips_a_corrupt_newest_file(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    older = backups.take_backup(workspace.engine, folder, automatic=True)
    good = backups.take_backup(workspace.engine, folder, automatic=True)
    corrupt = folder / "pcc-desktop-auto-29990101-000000-000000.sqlite3"
    _junk(corrupt)
    now = good.stat().st_mtime
    os.utime(older, (now - 20, now - 20))
    os.utime(good, (now - 10, now - 10))
    os.utime(corrupt, (now, now))
    assert backups.list_backups(folder)[0].path == corrupt
    assert backups.latest_good_backup(folder) == good
    assert backups.latest_good_backup(tmp_path / "nothing-here") is None


def test_quarantine_moves_the_damaged_file_aside(tmp_path: Path) -> None:
    db_file = tmp_path / "pcc-desktop.sqlite3"
    data = _junk(db_file)
    Path(f"{db_file}-wal").write_bytes(b"wal")
    moved = backups.quarantine_damaged(db_file)
    assert not db_file.exists()
    assert not Path(f"{db_file}-wal").exists()
    assert moved.parent == tmp_path
    assert "-damaged-" in moved.name and moved.suffix == ".sqlite3"
    assert moved.read_bytes() == data
    assert Path(f"{moved}-wal").read_bytes() == b"wal"


def test_opening_a_damaged_file_names_the_newest_good_backup(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    good = backups.take_backup(workspace.engine, folder, automatic=True)
    damaged = tmp_path / "damaged.sqlite3"
    data = _junk(damaged)
    with pytest.raises(startup.DamagedDatabaseError) as caught:
        startup.open_database(damaged, backup_dir=folder)
    assert caught.value.backup == good
    assert caught.value.db_file == damaged
    assert good.name in str(caught.value)
    assert damaged.read_bytes() == data


def test_opening_a_damaged_file_without_backups(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    _junk(damaged)
    with pytest.raises(startup.DamagedDatabaseError, match="No sound backup") as caught:
        startup.open_database(damaged, backup_dir=tmp_path / "empty")
    assert caught.value.backup is None
