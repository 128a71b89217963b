"""Alembic, driven from code: no ``alembic.ini`` is needed at run time."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from pcc_desktop import paths


def alembic_config() -> Config:
    """A Config pointing at the bundled migration scripts."""
    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    return cfg


def head_revision() -> str:
    """The newest revision this version of the app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migration scripts found"
    return head


def is_known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this app's migration scripts."""
    script = ScriptDirectory.from_config(alembic_config())
    return any(rev.revision == revision for rev in script.walk_revisions())


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a new, empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run migrations up to ``revision`` on one connection with foreign keys off.

    Batch migrations recreate tables; with foreign keys on, that would cascade or fail (Alembic
    batch docs). The check afterwards proves no reference was broken before committing.
    """
    with engine.connect() as conn:
        if engine.url.get_backend_name() == "sqlite":
            conn.execute(text("PRAGMA foreign_keys=OFF"))
            conn.commit()
        try:
            with conn.begin():
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                if engine.url.get_backend_name() == "sqlite":
                    broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if engine.url.get_backend_name() == "sqlite":
                conn.execute(text("PRAGMA foreign_keys=ON"))
                conn.commit()


def downgrade(engine: Engine, revision: str) -> None:
    """Step the schema back (used by the migration round-trip test)."""
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
