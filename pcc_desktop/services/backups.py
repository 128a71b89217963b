"""Backups: rotating automatic copies, backups on demand, restore, and the start-up check."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from pcc_desktop.models.database import backup_to, integrity_problems, sqlite_file
from pcc_desktop.services.clock import LONDON

log = logging.getLogger(__name__)

KEEP_AUTOMATIC = 10
AUTO_TAG = "auto"


@dataclass(frozen=True)
class BackupInfo:
    """A backup file on disk."""

    path: Path
    taken_at: datetime
    size_bytes: int
    automatic: bool


def _stamp() -> str:
    return datetime.now(LONDON).strftime("%Y%m%d-%H%M%S-%f")


def backup_name(db_file: Path, automatic: bool) -> str:
    """``pcc-desktop-auto-20261125-140501-123456.sqlite3``."""
    kind = AUTO_TAG if automatic else "manual"
    return f"{db_file.stem}-{kind}-{_stamp()}.sqlite3"


def take_backup(
    engine: Engine,
    folder: Path,
    automatic: bool = False,
    destination: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Copy the live database into ``folder`` (or to ``destination``) and verify the copy."""
    db_file = sqlite_file(engine)
    if db_file is None:
        raise ValueError("Only SQLite databases can be backed up from the app.")
    target = destination or folder / backup_name(db_file, automatic)
    backup_to(engine, target, progress)
    problems = integrity_problems(target)
    if problems:
        target.unlink(missing_ok=True)
        raise RuntimeError(f"The backup failed its integrity check: {problems[0]}")
    if automatic:
        prune_automatic(folder, db_file.stem)
    log.info("backup written to %s", target)
    return target


def prune_automatic(folder: Path, stem: str, keep: int = KEEP_AUTOMATIC) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; manual ones are never deleted."""
    autos = sorted(folder.glob(f"{stem}-{AUTO_TAG}-*.sqlite3"), key=lambda p: p.name, reverse=True)
    removed = autos[keep:]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in ``folder``, newest first."""
    infos = []
    for path in folder.glob("*.sqlite3"):
        stat = path.stat()
        infos.append(
            BackupInfo(
                path=path,
                taken_at=datetime.fromtimestamp(stat.st_mtime, LONDON),
                size_bytes=stat.st_size,
                automatic=f"-{AUTO_TAG}-" in path.name,
            )
        )
    return sorted(infos, key=lambda info: info.taken_at, reverse=True)


def latest_good_backup(folder: Path) -> Path | None:
    """The newest backup that passes ``PRAGMA integrity_check``."""
    for info in list_backups(folder):
        if not integrity_problems(info.path):
            return info.path
    return None


def _is_database(path: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return False
    return True


def restore_backup(source: Path, db_file: Path, folder: Path) -> Path | None:
    """Replace ``db_file`` with ``source``; what is replaced is kept as a backup first.

    The caller must have closed every connection to ``db_file``. Returns the safety copy of the
    replaced database (None when there was nothing to replace).
    """
    if not source.exists() or not _is_database(source) or integrity_problems(source):
        raise ValueError(f"{source.name} is not a sound PCC Desktop database; nothing was changed.")
    safety = None
    if db_file.exists():
        safety = folder / f"{db_file.stem}-replaced-{_stamp()}.sqlite3"
        folder.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(db_file) as live, sqlite3.connect(safety) as copy:
            live.backup(copy)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    partial = db_file.with_suffix(".restoring")
    shutil.copyfile(source, partial)
    partial.replace(db_file)
    log.info("restored %s from %s (previous copy: %s)", db_file, source, safety)
    return safety


def quarantine_damaged(db_file: Path) -> Path:
    """Move a damaged database aside (never delete it) so a backup can take its place."""
    target = db_file.with_name(f"{db_file.stem}-damaged-{_stamp()}{db_file.suffix}")
    db_file.replace(target)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_file}{suffix}")
        if side.exists():
            side.replace(Path(f"{target}{suffix}"))
    return target
