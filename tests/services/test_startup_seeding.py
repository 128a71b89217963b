"""Opening a new database seeds every scheme's starting lists once, including the Dog Unit."""

from __future__ import annotations

from pathlib import Path

from pcc_desktop.models import ChecklistArea
from pcc_desktop.services import startup
from pcc_desktop.services.aws_register import dog_unit_site_id, list_sites
from pcc_desktop.services.custody_reference_data import list_checklist_items


def test_a_new_database_has_the_dog_unit_and_its_checklists(tmp_path: Path) -> None:
    opened = startup.open_database(tmp_path / "new.sqlite3", backup_dir=tmp_path / "backups")
    ws = opened.workspace
    try:
        assert [s.name for s in ws.run(list_sites)] == ["Leicestershire Police Dog Unit"]
        assert ws.run(dog_unit_site_id) is not None
        assert len(ws.run(list_checklist_items, ChecklistArea.AWS_VEHICLES)) == 5
    finally:
        ws.dispose()
    again = startup.open_database(tmp_path / "new.sqlite3", backup_dir=tmp_path / "backups")
    try:
        assert again.seeded_records == 0, "nothing is seeded twice"
        assert len(again.workspace.run(list_sites)) == 1
    finally:
        again.workspace.dispose()
