"""Engine, connection pragmas, sessions, migrations and online backups for the database."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from pcc_desktop import paths

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000

# The newest migration script's revision. A test keeps it equal to Alembic's head; knowing it here
# lets an up-to-date database open without importing Alembic (a tenth of a second at start-up).
SCHEMA_HEAD = "0008"


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer PCC Desktop; opening it here could damage it."""


class DatabaseDamagedError(RuntimeError):
    """``PRAGMA integrity_check`` found the file damaged, or it is not a database at all."""


def database_url(target: str | Path) -> str:
    """Turn a path or URL given by the user into an SQLAlchemy URL."""
    text = str(target)
    return text if "://" in text else f"sqlite:///{Path(text).expanduser().resolve()}"


def is_network_path(path: Path) -> bool:
    """Whether the file sits on a network share, where SQLite's WAL mode is unsafe."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, fstype = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) >= 3 and text.startswith(fields[1]) and len(fields[1]) > len(best):
            best, fstype = fields[1], fields[2]
    return fstype in {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p"}


def make_engine(target: str | Path) -> Engine:
    """Create an engine for ``target`` with the pragmas every connection needs.

    On a network share the journal falls back to ``DELETE``, because WAL's shared-memory index
    does not work there.
    """
    url = make_url(database_url(target))
    engine = create_engine(url)
    if url.get_backend_name() != "sqlite":
        return engine
    db_file = Path(url.database or "")
    journal = "DELETE" if url.database and is_network_path(db_file) else "WAL"
    if journal != "WAL":
        log.warning("%s is on a network share: WAL is off", db_file)

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA journal_mode={journal}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so DTOs can be built after the transaction."""
    return sessionmaker(engine, expire_on_commit=False)


def sqlite_file(engine: Engine) -> Path | None:
    """The database file behind ``engine``, or None for a server database or memory."""
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database:
        return None
    return Path(engine.url.database)


def backup_to(engine: Engine, destination: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy the live database to ``destination`` with SQLite's online backup API.

    Safe while the app has the database open (copying the file would miss the WAL).
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(destination.suffix + ".part")
    partial.unlink(missing_ok=True)
    raw = engine.raw_connection()
    try:
        target = sqlite3.connect(partial)
        try:

            def _progress(_status: int, remaining: int, total: int) -> None:
                if progress:
                    progress(total - remaining, total)

            raw.driver_connection.backup(target, pages=256, progress=_progress)  # type: ignore[union-attr]
            # A backup is one self-contained file: no -wal/-shm beside it when it is opened later.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        raw.close()
    partial.replace(destination)
    return destination


def integrity_problems(path: Path, quick: bool = False) -> list[str]:
    """Run SQLite's integrity check on a file; an empty list means it is sound.

    ``quick`` runs ``quick_check``, which skips index cross-checks: about six times faster on a
    large file, so start-up stays fast while backups still get the full check.
    """
    if not path.exists():
        return []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    messages = [row[0] for row in rows]
    return [] if messages == ["ok"] else messages


@dataclass(frozen=True)
class MigrationResult:
    """What happened when a database was brought up to date."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        """Whether any migration ran."""
        return self.from_revision != self.to_revision


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in ``alembic_version``, read with plain SQL (None if there is none)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine, backup_dir: Path | None = None) -> MigrationResult:
    """Apply pending Alembic migrations, backing the file up first when there is work to do.

    Raises:
        SchemaTooNewError: the database's revision is unknown to this version of the app.
    """
    if stored_revision(engine) == SCHEMA_HEAD:
        return MigrationResult(SCHEMA_HEAD, SCHEMA_HEAD, None)  # the usual start: Alembic not needed
    from pcc_desktop.models import migrations  # Alembic is imported only when migrating.

    current = migrations.current_revision(engine)
    head = migrations.head_revision()
    if current == head:
        return MigrationResult(current, head, None)
    if current is not None and not migrations.is_known_revision(current):
        raise SchemaTooNewError(
            f"This database was written by a newer version of PCC Desktop (schema {current}). "
            "Install the newer version to open it; nothing has been changed."
        )
    backup = None
    db_file = sqlite_file(engine)
    if current is not None and db_file is not None and db_file.exists():
        folder = backup_dir or paths.backups_dir()
        backup = backup_to(engine, folder / f"{db_file.stem}-before-{head}.sqlite3")
        log.info("backed up %s to %s before migrating", db_file, backup)
    migrations.upgrade(engine)
    return MigrationResult(current, head, backup)
