"""Where PCC Desktop keeps its files: the only module that knows about folders.

User data (the database, backups, logs, settings) lives in the user's data folder, never in the
install folder. ``PCC_DESKTOP_HOME`` overrides it, which tests, screenshots and benchmarks use so
that they never touch a real user's data.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "PCC Desktop"
APP_AUTHOR = "PCC"
DB_FILENAME = "pcc-desktop.sqlite3"


def _source_root() -> Path:
    """The folder that holds ``db/`` and ``resources/`` (the repo, or PyInstaller's bundle)."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The per-user data folder, created on first use."""
    override = os.environ.get("PCC_DESKTOP_HOME")
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_db_path() -> Path:
    """The database opened when no ``--db`` is given."""
    return data_dir() / DB_FILENAME


def backups_dir() -> Path:
    """Automatic and manual backups."""
    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def logs_dir() -> Path:
    """Rotating log files."""
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settings_path() -> Path:
    """The INI file that holds user preferences (window layout, saved filters, last user)."""
    return data_dir() / "settings.ini"


def migrations_dir() -> Path:
    """Alembic's script folder."""
    return _source_root() / "db" / "migrations"


def reference_dir() -> Path:
    """Reference data seeded into a new database."""
    return _source_root() / "db" / "reference"


def fonts_dir() -> Path:
    """Bundled TrueType fonts, shared by Qt and ReportLab."""
    return _source_root() / "resources" / "fonts"
