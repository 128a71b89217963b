"""The database layer: connection pragmas, timestamps, backups, integrity and network paths."""

from __future__ import annotations

import os
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, MetaData, Table, insert, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from pcc_desktop.models import Action, StaffMember
from pcc_desktop.models.base import UtcDateTime
from pcc_desktop.models.database import (
    BUSY_TIMEOUT_MS,
    backup_to,
    database_url,
    integrity_problems,
    is_network_path,
    make_engine,
)
from pcc_desktop.models.migrations import upgrade
from pcc_desktop.services.workspace import Workspace


def test_pragmas_are_set_on_every_new_connection(db_path: Path) -> None:
    engine = make_engine(db_path)
    try:
        for _ in range(2):
            engine.dispose()  # a brand-new DBAPI connection each time
            with engine.connect() as conn:
                assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
                assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
                assert conn.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS == 5000
    finally:
        engine.dispose()


def test_foreign_key_violation_raises_integrity_error(workspace: Workspace) -> None:
    with pytest.raises(IntegrityError) as caught, workspace.session() as s:
        s.add(
            Action(
                reference="ACT-2025-0001",
                title="Orphan",
                owner_id=uuid.uuid4(),
                logged_on=datetime(2025, 6, 1).date(),
            )
        )
        s.flush()
    assert "FOREIGN KEY" in str(caught.value)
    assert workspace.run(lambda s: s.scalars(select(Action)).all()) == []


_stamps = Table("stamps", MetaData(), Column("at", UtcDateTime))


def test_utc_datetime_refuses_naive_values(db_path: Path) -> None:
    engine = make_engine(db_path)
    try:
        _stamps.create(engine)
        with pytest.raises(StatementError) as caught, engine.begin() as conn:
            conn.execute(insert(_stamps).values(at=datetime(2025, 6, 18, 12, 0)))
        assert isinstance(caught.value.orig, ValueError)
        assert "timezone-aware" in str(caught.value.orig)
    finally:
        engine.dispose()


def test_utc_datetime_stores_utc_and_reads_back_aware(db_path: Path) -> None:
    engine = make_engine(db_path)
    summer = timezone(timedelta(hours=1), "BST")
    try:
        _stamps.create(engine)
        with engine.begin() as conn:
            conn.execute(insert(_stamps).values(at=datetime(2025, 6, 18, 13, 30, tzinfo=summer)))
            conn.execute(insert(_stamps).values(at=None))
        with engine.connect() as conn:
            values = conn.execute(select(_stamps.c.at)).scalars().all()
            raw = conn.execute(text("SELECT at FROM stamps WHERE at IS NOT NULL")).scalar()
    finally:
        engine.dispose()
    assert values == [datetime(2025, 6, 18, 12, 30, tzinfo=UTC), None]
    assert values[0].tzinfo is UTC
    assert str(raw).startswith("2025-06-18 12:30:00")  # stored as UTC wall time


def test_synced_records_read_back_aware_timestamps(workspace: Workspace) -> None:
    member = workspace.run(lambda s: s.scalars(select(StaffMember)).one())
    assert member.created_at.tzinfo is not None
    assert member.created_at.utcoffset() == timedelta(0)


def test_backup_produces_a_sound_copy(workspace: Workspace, tmp_path: Path) -> None:
    progress: list[tuple[int, int]] = []
    target = backup_to(
        workspace.engine,
        tmp_path / "backups" / "copy.sqlite3",
        lambda done, total: progress.append((done, total)),
    )
    assert target.exists()
    assert not target.with_suffix(".sqlite3.part").exists()
    assert integrity_problems(target) == []
    assert progress and progress[-1][0] == progress[-1][1]
    with sqlite3.connect(target) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM staff_member")]
    assert names == ["Alex Tester"]


def test_integrity_problems_on_random_bytes(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(8192))
    assert integrity_problems(junk) != []


def test_integrity_problems_on_a_sound_file(db_path: Path) -> None:
    engine = make_engine(db_path)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    assert integrity_problems(db_path) == []


@pytest.mark.parametrize("path", ["//server/share/x.db", "\\\\server\\share\\x.db"])
def test_unc_paths_are_network_paths(path: str) -> None:
    assert is_network_path(Path(path))


def test_database_url_accepts_paths_and_urls(tmp_path: Path) -> None:
    assert database_url(tmp_path / "a.sqlite3") == f"sqlite:///{(tmp_path / 'a.sqlite3').resolve()}"
    assert database_url("postgresql://host/db") == "postgresql://host/db"


def test_a_backup_is_a_single_file_even_after_it_is_checked(tmp_path):
    from pcc_desktop.models.database import backup_to, integrity_problems, make_engine
    from pcc_desktop.models.migrations import upgrade

    engine = make_engine(tmp_path / "live.sqlite3")
    upgrade(engine)
    copy = backup_to(engine, tmp_path / "copies" / "copy.sqlite3")
    assert integrity_problems(copy) == []
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.sqlite3"]
