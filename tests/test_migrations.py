"""Alembic migrations: head matches the models, upgrades are idempotent, newer schemas are refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from pcc_desktop import paths
from pcc_desktop.models import Base
from pcc_desktop.models import migrations as migrations_module
from pcc_desktop.models.database import (
    SchemaTooNewError,
    integrity_problems,
    make_engine,
    upgrade_to_head,
)
from pcc_desktop.models.migrations import (
    current_revision,
    downgrade,
    head_revision,
    is_known_revision,
    upgrade,
)


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    eng = make_engine(db_path)
    yield eng
    eng.dispose()


def _differences(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_empty_database_upgraded_to_head_matches_the_models(engine: Engine) -> None:
    upgrade(engine)
    assert _differences(engine) == []
    assert current_revision(engine) == head_revision()
    assert set(Base.metadata.tables) <= _tables(engine)


def test_head_is_a_known_revision_and_nonsense_is_not() -> None:
    assert is_known_revision(head_revision())
    assert not is_known_revision("ffff9999")


def test_new_database_is_created_without_a_backup(engine: Engine, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    first = upgrade_to_head(engine, backups)
    assert first.from_revision is None
    assert first.to_revision == head_revision()
    assert first.upgraded
    assert first.backup is None
    assert not backups.exists() or list(backups.iterdir()) == []


def test_upgrading_twice_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    upgrade_to_head(engine, backups)
    second = upgrade_to_head(engine, backups)
    assert not second.upgraded
    assert second.backup is None
    assert second.from_revision == second.to_revision == head_revision()
    assert not backups.exists() or list(backups.iterdir()) == []
    assert _differences(engine) == []


def test_downgrade_to_base_and_back(engine: Engine) -> None:
    upgrade(engine)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert _tables(engine) - {"alembic_version"} == set()
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert _differences(engine) == []


def test_foreign_keys_are_back_on_after_migrating(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_newer_schema_is_refused_and_left_untouched(engine: Engine, db_path: Path, tmp_path: Path) -> None:
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    engine.dispose()  # the last connection closing checkpoints the WAL into the file
    before = db_path.read_bytes()

    backups = tmp_path / "backups"
    newer = make_engine(db_path)
    try:
        with pytest.raises(SchemaTooNewError, match="newer version"):
            upgrade_to_head(newer, backups)
        assert current_revision(newer) == "ffff9999"
    finally:
        newer.dispose()
    assert db_path.read_bytes() == before
    assert not backups.exists() or list(backups.iterdir()) == []


def _pretend_a_newer_app(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """Make the app think it has a migration the database lacks; record what exists when it runs."""
    calls: list[Path | None] = []
    monkeypatch.setattr(migrations_module, "head_revision", lambda: "9999newer")
    monkeypatch.setattr("pcc_desktop.models.database.SCHEMA_HEAD", "9999newer")
    monkeypatch.setattr(migrations_module, "is_known_revision", lambda revision: True)
    monkeypatch.setattr(migrations_module, "upgrade", lambda engine, revision="head": calls.append(None))
    return calls


def test_an_older_database_is_backed_up_before_migrating(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade(engine)
    old_revision = current_revision(engine)
    backups = tmp_path / "backups"
    expected = backups / "test-before-9999newer.sqlite3"
    calls = _pretend_a_newer_app(monkeypatch)
    monkeypatch.setattr(
        migrations_module,
        "upgrade",
        lambda engine, revision="head": calls.append(expected if expected.exists() else None),
    )

    result = upgrade_to_head(engine, backups)

    assert result.upgraded
    assert (result.from_revision, result.to_revision) == (old_revision, "9999newer")
    assert result.backup == expected
    assert expected.exists()
    assert integrity_problems(expected) == []
    assert calls == [expected], "the backup must exist before the migration runs"


def test_backup_defaults_to_the_data_folder(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    upgrade(engine)
    _pretend_a_newer_app(monkeypatch)
    result = upgrade_to_head(engine)
    assert result.backup is not None
    assert result.backup.parent == paths.backups_dir()
    assert result.backup.exists()


def test_schema_head_constant_matches_the_newest_migration(tmp_path):
    from pcc_desktop.models.database import SCHEMA_HEAD, make_engine, stored_revision

    assert migrations_module.head_revision() == SCHEMA_HEAD
    engine = make_engine(tmp_path / "h.sqlite3")
    assert stored_revision(engine) is None
    migrations_module.upgrade(engine)
    assert stored_revision(engine) == SCHEMA_HEAD


def test_a_real_older_database_is_backed_up_and_upgraded(engine: Engine, tmp_path: Path) -> None:
    upgrade(engine, "0001")
    result = upgrade_to_head(engine, tmp_path / "backups")
    assert (result.from_revision, result.to_revision) == ("0001", migrations_module.head_revision())
    assert result.backup is not None and result.backup.exists()
    assert current_revision(engine) == migrations_module.head_revision()
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
