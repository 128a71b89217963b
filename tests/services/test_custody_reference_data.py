"""Custody reference lists in Admin: listing, validation, uniqueness, history, conflicts and deletion."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from pcc_desktop.models import (
    ChecklistAnswer,
    ChecklistArea,
    CustodySuite,
    CustodyVisit,
    DetaineeConversation,
    DetaineeRequest,
    RequestCategory,
)
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.custody_reference_data import (
    ChecklistItemData,
    RequestCategoryData,
    list_checklist_items,
    list_request_categories,
    save_checklist_item,
    save_request_category,
)
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.history import history_for
from pcc_desktop.services.reference_delete import delete_reference
from pcc_desktop.services.workspace import Workspace

WELFARE = ChecklistArea.RIGHTS_AND_WELFARE
CONDITIONS = ChecklistArea.CONDITIONS


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    """The signed-in workspace with the shipped categories and checklists."""
    workspace.run(seed_custody_reference)
    return workspace


def _category(ws: Workspace, name: str) -> RequestCategoryData:
    return next(c for c in ws.run(list_request_categories) if c.name == name)


def _item(ws: Workspace, area: ChecklistArea, fragment: str) -> ChecklistItemData:
    return next(i for i in ws.run(list_checklist_items, area) if fragment in i.text)


def _errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return excinfo.value.errors


# --- lists -------------------------------------------------------------------------------------


def test_lists_are_in_position_order_and_filter(ws: Workspace) -> None:
    categories = ws.run(list_request_categories)
    assert [c.name for c in categories[:2]] == ["Food or drink", "Interpreter"]
    assert categories[-1].name == "Other"
    assert [c.position for c in categories] == sorted(c.position for c in categories)
    welfare = ws.run(list_checklist_items, WELFARE)
    assert len(welfare) == 10 and {i.area for i in welfare} == {WELFARE}
    assert len(ws.run(list_checklist_items)) == 20 + 21
    assert welfare[0].area_label == "Rights and welfare"

    ws.act(save_request_category, replace(_category(ws, "Interpreter"), active=False))
    assert "Interpreter" in {c.name for c in ws.run(list_request_categories)}
    assert "Interpreter" not in {c.name for c in ws.run(list_request_categories, False)}
    item = welfare[0]
    ws.act(save_checklist_item, replace(item, active=False))
    assert item.id not in {i.id for i in ws.run(list_checklist_items, WELFARE, False)}


# --- request categories ------------------------------------------------------------------------


def test_add_and_edit_a_category_with_history(ws: Workspace) -> None:
    added = ws.act(save_request_category, RequestCategoryData(id=None, name="  Spectacles ", position=12))
    assert (added.name, added.position, added.active) == ("Spectacles", 12, True)
    edited = ws.act(save_request_category, replace(added, name="Spectacles or lenses", position=13))
    assert edited.row_version > added.row_version
    fields = [(h.field, h.old_value, h.new_value) for h in ws.run(history_for, "request_category", added.id)]
    assert fields == [
        ("created", None, "Spectacles"),
        ("name", "Spectacles", "Spectacles or lenses"),
        ("position", "12", "13"),
    ]


@pytest.mark.parametrize(
    ("name", "position", "field", "message"),
    [
        ("   ", 1, "name", "Enter a name."),
        ("x" * 121, 1, "name", "Keep it to 120 characters or fewer."),
        ("interpreter", 1, "name", "There is already a request category called interpreter."),
        ("Spectacles", -1, "position", "Enter a position between 0 and 999."),
        ("Spectacles", 1000, "position", "Enter a position between 0 and 999."),
    ],
)
def test_category_validation(ws: Workspace, name: str, position: int, field: str, message: str) -> None:
    before = len(ws.run(list_request_categories))
    with pytest.raises(ValidationError) as excinfo:
        ws.act(save_request_category, RequestCategoryData(id=None, name=name, position=position))
    assert _errors(excinfo)[field] == message
    assert len(ws.run(list_request_categories)) == before


def test_renaming_a_category_to_its_own_name_in_other_case_is_allowed(ws: Workspace) -> None:
    saved = ws.act(save_request_category, replace(_category(ws, "Interpreter"), name="INTERPRETER"))
    assert saved.name == "INTERPRETER"


def test_a_deleted_category_name_revives_the_record(ws: Workspace) -> None:
    added = ws.act(save_request_category, RequestCategoryData(id=None, name="Spectacles", position=20))
    ws.act(delete_reference, "request_category", added.id)
    assert "Spectacles" not in {c.name for c in ws.run(list_request_categories)}
    again = ws.act(save_request_category, RequestCategoryData(id=None, name="Spectacles", position=5))
    assert again.id == added.id and again.position == 5
    fields = [h.field for h in ws.run(history_for, "request_category", added.id)]
    assert fields == ["created", "deleted", "restored", "position"]
    ws.act(delete_reference, "request_category", again.id)
    with pytest.raises(ValidationError) as excinfo:
        ws.act(save_request_category, replace(_category(ws, "Interpreter"), name="Spectacles"))
    assert "deleted request category" in _errors(excinfo)["name"]


def test_a_stale_or_deleted_category_is_refused(ws: Workspace) -> None:
    category = _category(ws, "Interpreter")
    ws.act(save_request_category, replace(category, position=40))
    with pytest.raises(ConflictError):
        ws.act(save_request_category, replace(category, position=41))
    ws.act(delete_reference, "request_category", category.id)
    with pytest.raises(NotFoundError):
        ws.act(save_request_category, replace(category, row_version=0))


# --- checklist items ---------------------------------------------------------------------------


def test_add_and_edit_a_checklist_item_with_history(ws: Workspace) -> None:
    new = ChecklistItemData(id=None, area=CONDITIONS, text=" Cell call bells work ", position=11)
    added = ws.act(save_checklist_item, new)
    assert (added.text, added.area, added.position) == ("Cell call bells work", CONDITIONS, 11)
    moved = ws.act(save_checklist_item, replace(added, area=WELFARE))
    assert moved.area == WELFARE
    fields = [(h.field, h.new_value) for h in ws.run(history_for, "checklist_item", added.id)]
    assert fields == [("created", "Cell call bells work"), ("area", "rights_and_welfare")]


def test_checklist_text_is_unique_within_its_area_only(ws: Workspace) -> None:
    existing = ws.run(list_checklist_items, WELFARE)[0]
    with pytest.raises(ValidationError) as excinfo:
        ws.act(save_checklist_item, ChecklistItemData(id=None, area=WELFARE, text=existing.text.upper()))
    assert _errors(excinfo)["text"] == "The rights and welfare checklist already asks this."
    other = ws.act(save_checklist_item, ChecklistItemData(id=None, area=CONDITIONS, text=existing.text))
    assert other.area == CONDITIONS
    assert ws.act(save_checklist_item, replace(existing, position=50)).position == 50


def test_checklist_validation(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as excinfo:
        ws.act(save_checklist_item, ChecklistItemData(id=None, area=WELFARE, text=" ", position=1000))
    assert _errors(excinfo) == {
        "text": "Enter the question.",
        "position": "Enter a position between 0 and 999.",
    }
    with pytest.raises(ValidationError) as excinfo:
        ws.act(save_checklist_item, ChecklistItemData(id=None, area=WELFARE, text="q" * 201))
    assert _errors(excinfo)["text"] == "Keep it to 200 characters or fewer."
    assert len(ws.run(list_checklist_items)) == 20 + 21


def test_a_stale_checklist_item_is_refused(ws: Workspace) -> None:
    item = ws.run(list_checklist_items, CONDITIONS)[0]
    ws.act(save_checklist_item, replace(item, position=60))
    with pytest.raises(ConflictError):
        ws.act(save_checklist_item, replace(item, position=61))


# --- deleting ----------------------------------------------------------------------------------


def _visit_using(ws: Workspace, category_id: uuid.UUID, item_id: uuid.UUID) -> None:
    """A visit report with one request in the category and one answer to the item."""
    with ws.session() as s:
        suite = CustodySuite(name="Euston Street", cell_count=10)
        s.add(suite)
        s.flush()
        visit = CustodyVisit(reference="ICV-0001", suite_id=suite.id, visited_on=date(2025, 6, 1))
        s.add(visit)
        s.flush()
        talk = DetaineeConversation(visit_id=visit.id)
        s.add(talk)
        s.flush()
        s.add(DetaineeRequest(conversation_id=talk.id, category_id=category_id))
        s.add(ChecklistAnswer(visit_id=visit.id, conversation_id=talk.id, item_id=item_id))


def test_unused_records_are_soft_deleted_with_history(ws: Workspace) -> None:
    category = _category(ws, "Interpreter")
    item = _item(ws, WELFARE, "legal advice")
    ws.act(delete_reference, "request_category", category.id)
    ws.act(delete_reference, "checklist_item", item.id)
    assert category.id not in {c.id for c in ws.run(list_request_categories)}
    assert item.id not in {i.id for i in ws.run(list_checklist_items)}
    with ws.session() as s:
        assert s.scalar(select(RequestCategory.deleted_at).where(RequestCategory.id == category.id))
    deleted = ws.run(history_for, "checklist_item", item.id)[-1]
    assert (deleted.field, deleted.old_value) == ("deleted", item.text)
    with pytest.raises(NotFoundError):
        ws.act(delete_reference, "checklist_item", item.id)


def test_records_used_by_a_visit_cannot_be_deleted(ws: Workspace) -> None:
    category = _category(ws, "Interpreter")
    item = _item(ws, WELFARE, "legal advice")
    _visit_using(ws, category.id, item.id)
    with pytest.raises(ValidationError) as excinfo:
        ws.act(delete_reference, "request_category", category.id)
    assert _errors(excinfo)["record"] == (
        "Interpreter is used by 1 detainee request, so it cannot be deleted: make it inactive instead."
    )
    with pytest.raises(ValidationError) as excinfo:
        ws.act(delete_reference, "checklist_item", item.id)
    assert "is used by 1 checklist answer" in _errors(excinfo)["record"]
    assert _errors(excinfo)["record"].startswith(item.text)
    assert category.id in {c.id for c in ws.run(list_request_categories)}
    assert item.id in {i.id for i in ws.run(list_checklist_items)}
