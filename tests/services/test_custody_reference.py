"""Seeding the custody-visiting reference lists: categories and checklists, once, from the CSVs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pcc_desktop.models import ChecklistArea, ChecklistItem, RequestCategory
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.reference_seed import ReferenceFileError
from pcc_desktop.services.workspace import Workspace


def test_seeds_categories_and_checklists_from_the_shipped_files(workspace: Workspace) -> None:
    created = workspace.run(seed_custody_reference)
    with workspace.session() as s:
        categories = list(s.scalars(select(RequestCategory).order_by(RequestCategory.position)))
        items = list(s.scalars(select(ChecklistItem)))
    assert created == len(categories) + len(items)
    assert [c.name for c in categories[:3]] == ["Food or drink", "Interpreter", "Update on their case"]
    assert categories[-1].name == "Other"
    assert sum(1 for i in items if i.area.value.startswith("aws_")) == 21
    welfare = [i for i in items if i.area == ChecklistArea.RIGHTS_AND_WELFARE]
    conditions = [i for i in items if i.area == ChecklistArea.CONDITIONS]
    assert len(welfare) == 10 and len(conditions) == 10
    assert any("legal advice" in i.text for i in welfare)
    assert any("CCTV" in i.text for i in conditions)


def test_seeding_twice_adds_nothing(workspace: Workspace) -> None:
    assert workspace.run(seed_custody_reference) > 0
    assert workspace.run(seed_custody_reference) == 0
    with workspace.session() as s:
        assert len(list(s.scalars(select(RequestCategory)))) == 11


def test_only_empty_tables_are_seeded(workspace: Workspace) -> None:
    with workspace.session() as s:
        s.add(RequestCategory(name="Our own list", position=1))
    created = workspace.run(seed_custody_reference)
    with workspace.session() as s:
        assert [c.name for c in s.scalars(select(RequestCategory))] == ["Our own list"]
        assert created == len(list(s.scalars(select(ChecklistItem)))) == 20 + 21


def test_a_database_with_only_the_custody_checklist_gets_the_dog_unit_checklist(workspace: Workspace) -> None:
    with workspace.session() as s:
        s.add(ChecklistItem(area=ChecklistArea.CONDITIONS, text="Our own question", position=1))
    workspace.run(seed_custody_reference)
    with workspace.session() as s:
        areas = [i.area for i in s.scalars(select(ChecklistItem))]
    assert areas.count(ChecklistArea.CONDITIONS) == 1
    assert areas.count(ChecklistArea.AWS_KENNELS) == 9
    assert areas.count(ChecklistArea.AWS_VEHICLES) == 5
    assert workspace.run(seed_custody_reference) == 0


def test_a_custody_area_in_the_dog_unit_file_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    (tmp_path / "request_categories.csv").write_text("name,position\nFood or drink,1\n", encoding="utf-8")
    (tmp_path / "checklist_items.csv").write_text(
        "area,text,position\nconditions,Clean,1\n", encoding="utf-8"
    )
    (tmp_path / "aws_checklist_items.csv").write_text(
        "area,text,position\nconditions,Clean,1\n", encoding="utf-8"
    )
    with pytest.raises(
        ReferenceFileError, match=r"aws_checklist_items.csv:2: area 'conditions' does not belong"
    ):
        workspace.run(seed_custody_reference, tmp_path)


def test_a_bad_area_names_the_file_and_line(workspace: Workspace, tmp_path: Path) -> None:
    (tmp_path / "request_categories.csv").write_text("name,position\nFood or drink,1\n", encoding="utf-8")
    (tmp_path / "checklist_items.csv").write_text("area,text,position\nkitchen,Clean,1\n", encoding="utf-8")
    with pytest.raises(ReferenceFileError, match=r"checklist_items.csv:2: unknown area 'kitchen'"):
        workspace.run(seed_custody_reference, tmp_path)
    with workspace.session() as s:
        assert s.scalars(select(RequestCategory)).first() is None


def test_a_duplicate_category_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    (tmp_path / "request_categories.csv").write_text(
        "name,position\nExercise,1\nexercise,2\n", encoding="utf-8"
    )
    with pytest.raises(ReferenceFileError, match="listed twice"):
        workspace.run(seed_custody_reference, tmp_path)
