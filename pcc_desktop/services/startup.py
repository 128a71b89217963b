"""Opening a database at start-up: integrity check, backup, migrations, first-run seeding."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pcc_desktop import paths
from pcc_desktop.models.database import (
    DatabaseDamagedError,
    MigrationResult,
    database_url,
    integrity_problems,
    make_engine,
    upgrade_to_head,
)
from pcc_desktop.services.backups import latest_good_backup
from pcc_desktop.services.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedDatabase:
    """A ready workspace and what happened while opening it."""

    workspace: Workspace
    migration: MigrationResult
    seeded_records: int


class DamagedDatabaseError(DatabaseDamagedError):
    """The database file is damaged; ``backup`` is the newest sound backup, if any."""

    def __init__(self, db_file: Path, problems: list[str], backup: Path | None) -> None:
        self.db_file = db_file
        self.problems = problems
        self.backup = backup
        super().__init__(
            f"The database {db_file} is damaged ({problems[0]})."
            + (f" The newest sound backup is {backup.name}." if backup else " No sound backup was found.")
        )


def check_file(db_file: Path, backup_dir: Path) -> None:
    """Raise DamagedDatabaseError when ``db_file`` fails SQLite's integrity check."""
    problems = integrity_problems(db_file, quick=True)
    if problems:
        raise DamagedDatabaseError(db_file, problems, latest_good_backup(backup_dir))


def open_database(target: str | Path | None = None, backup_dir: Path | None = None) -> OpenedDatabase:
    """Open (creating if needed) and migrate a database, seeding reference data on first run.

    Raises:
        DamagedDatabaseError: the file failed its integrity check (nothing was changed).
        SchemaTooNewError: a newer PCC Desktop wrote it (nothing was changed).
    """
    from pcc_desktop.services.aws_register import seed_dog_unit
    from pcc_desktop.services.blackouts import seed_blackouts
    from pcc_desktop.services.custody_reference import seed_custody_reference
    from pcc_desktop.services.reference_seed import seed_reference_data

    target = target or paths.default_db_path()
    folder = backup_dir or paths.backups_dir()
    url = database_url(target)
    if url.startswith("sqlite:///"):
        check_file(Path(url.removeprefix("sqlite:///")), folder)
    engine = make_engine(target)
    migration = upgrade_to_head(engine, folder)
    workspace = Workspace(engine)
    seeded = (
        workspace.run(seed_reference_data)
        + workspace.run(seed_blackouts)
        + workspace.run(seed_custody_reference)
        + int(workspace.run(seed_dog_unit))
    )
    if seeded:
        log.info("seeded %d reference records", seeded)
    return OpenedDatabase(workspace, migration, seeded)
