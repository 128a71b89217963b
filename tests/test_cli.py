"""The ``pcc-desktop`` command line: demo, check, backup, restore and its refusals."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from pcc_desktop import paths
from pcc_desktop.cli import main
from pcc_desktop.models.database import integrity_problems


def _count(db: Path, table: str = "action") -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _titles(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT title FROM action ORDER BY reference")]


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "demo.sqlite3"
    assert main(["--db", str(db), "demo", "--scale", "0.05"]) == 0
    out = capsys.readouterr().out
    assert "actions" in out and "police dogs" in out and "Dog Unit visits" in out
    return db


def test_demo_builds_a_database_with_actions(demo_db: Path) -> None:
    assert _count(demo_db) > 10
    assert _count(demo_db, "staff_member") > 1
    assert _count(demo_db, "dog") > 20 and _count(demo_db, "aws_visit") > 30
    assert not integrity_problems(demo_db)


def test_demo_refuses_to_replace_a_file_without_force(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _titles(demo_db)
    assert main(["--db", str(demo_db), "demo", "--scale", "0.05"]) == 2
    assert "--force" in capsys.readouterr().err
    assert _titles(demo_db) == before
    assert main(["--db", str(demo_db), "demo", "--scale", "0.05", "--seed", "2", "--force"]) == 0
    assert _count(demo_db) > 10


def test_check_reports_integrity_and_schema(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_db), "check"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["integrity"] == "ok"
    assert report["schema"] == report["schema_head"]
    assert report["database"] == str(demo_db)


def test_backup_writes_a_sound_copy(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "copies" / "backup.sqlite3"
    assert main(["--db", str(demo_db), "backup", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert not integrity_problems(out)
    assert _titles(out) == _titles(demo_db)


def test_restore_replaces_the_database_and_keeps_the_old_one(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "backup.sqlite3"
    assert main(["--db", str(demo_db), "backup", "--out", str(out)]) == 0
    original = _titles(demo_db)
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE action SET title = 'changed after the backup'")
    assert main(["--db", str(demo_db), "restore", str(out)]) == 0
    assert "replaced copy" in capsys.readouterr().out
    assert _titles(demo_db) == original
    replaced = list(paths.backups_dir().glob("*-replaced-*.sqlite3"))
    assert len(replaced) == 1
    assert set(_titles(replaced[0])) == {"changed after the backup"}


def test_restore_refuses_a_file_that_is_not_a_database(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(random.Random(3).randbytes(4096))
    before = _titles(demo_db)
    assert main(["--db", str(demo_db), "restore", str(junk)]) == 1
    assert "nothing was changed" in capsys.readouterr().err
    assert _titles(demo_db) == before


def test_a_database_from_a_newer_version_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "newer.sqlite3"
    assert main(["--db", str(db), "check"]) == 0
    capsys.readouterr()
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("INSERT INTO alembic_version (version_num) VALUES ('f00dfacef00d')")
    assert main(["--db", str(db), "check"]) == 1
    captured = capsys.readouterr()
    assert "newer version" in captured.err
    assert captured.out == ""
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("f00dfacef00d",)]


def test_a_file_of_random_bytes_is_reported_damaged_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "noise.sqlite3"
    data = random.Random(11).randbytes(16384)
    db.write_bytes(data)
    assert main(["--db", str(db), "check"]) == 1
    assert "damaged" in capsys.readouterr().err
    assert db.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["noise.sqlite3"]


def test_demo_has_engagements_with_feedback(demo_db: Path) -> None:
    assert _count(demo_db, "engagement") > 0
    assert _count(demo_db, "feedback_item") > 0


def test_export_engagements_and_you_said_we_did(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engagements = tmp_path / "engagements.csv"
    assert main(["--db", str(demo_db), "export", "engagements", "--out", str(engagements)]) == 0
    lines = engagements.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Reference,Date,Type,Status,Place")
    assert len(lines) - 1 == _count(demo_db, "engagement")
    page = tmp_path / "yswd.html"
    assert main(["--db", str(demo_db), "export", "you-said-we-did", "--out", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith('<table class="you-said-we-did">')
    assert "items ('You said, we did')" in capsys.readouterr().out


def test_you_said_we_did_for_an_unknown_area_is_refused(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.csv"
    code = main(["--db", str(demo_db), "export", "you-said-we-did", "--area", "Atlantis", "--out", str(out)])
    assert code == 2
    assert "no area called 'Atlantis'" in capsys.readouterr().err
    assert not out.exists()


def test_import_engagements_all_or_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _count(demo_db, "engagement")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Date,Type,Place\n12/06/2025,Surgery,Oakham\n31/02/2025,Surgery,Melton\n", encoding="utf-8"
    )
    assert main(["--db", str(demo_db), "import", "engagements", str(bad), "--user", "Lizzie Starr"]) == 1
    assert "line 3" in capsys.readouterr().err
    assert _count(demo_db, "engagement") == before
    good = tmp_path / "good.csv"
    good.write_text("Date,Type,Place\n12/06/2025,Surgery,Oakham\n", encoding="utf-8")
    assert main(["--db", str(demo_db), "import", "engagements", str(good), "--user", "Lizzie Starr"]) == 0
    assert _count(demo_db, "engagement") == before + 1


def test_import_volunteers_and_visits(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "volunteers.csv"
    people.write_text(
        "Name,Email,Scheme,Status,Started\n"
        "Ada Quill,ada.quill@example.org,ICV,Active,01/01/2024\n"
        "Ben Rook,ben.rook@example.org,ICV,Active,01/01/2024\n",
        encoding="utf-8",
    )
    args = ["--db", str(demo_db), "import", "volunteers", str(people), "--user", "Lizzie Starr"]
    assert main(args) == 0
    visits = tmp_path / "visits.csv"
    visits.write_text(
        "Date,Suite,Arrived,Departed,Visitors,In custody,Offered,Seen,Declined\n"
        "12/06/2025,Euston Street,19:00,20:30,Ada Quill; Ben Rook,10,6,2,4\n",
        encoding="utf-8",
    )
    before = _count(demo_db, "custody_visit")
    assert main(["--db", str(demo_db), "import", "visits", str(visits), "--user", "Lizzie Starr"]) == 0
    assert _count(demo_db, "custody_visit") == before + 1
    assert "Imported 1 visits" in capsys.readouterr().out
