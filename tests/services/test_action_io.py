"""Action import and export: CSV and Excel round trips, names resolved, every import error, all-or-nothing."""

from __future__ import annotations

import csv
import uuid
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import new_staff
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from pcc_desktop.models import Action, ActionStatus, Area, AreaKind, Meeting, MeetingKind, Organisation, Theme
from pcc_desktop.services.action_export import EXPORT_COLUMNS, export_actions
from pcc_desktop.services.action_import import ImportFailed, ImportResult, RowError, import_actions
from pcc_desktop.services.action_queries import ActionFilter, ActionSort
from pcc_desktop.services.actions import ActionInput, create_action, find_action_ids, get_action
from pcc_desktop.services.history import history_for
from pcc_desktop.services.staff import StaffData, save_staff
from pcc_desktop.services.workspace import Workspace

ROADS = "Leicestershire Police – Roads Policing"
HEADER = "Reference,Title,Owner,Logged,Due,Status,Outcome,Completed,Priority,Assigned to,Area,Themes"


# --- helpers -----------------------------------------------------------------------------------


def _id_of(ws: Workspace, model: type, name: str, kind: AreaKind | None = None) -> uuid.UUID:
    def find(session):
        stmt = select(model.id).where(model.name == name)
        if kind is not None:
            stmt = stmt.where(model.kind == kind)
        return session.scalars(stmt).one()

    return ws.run(find)


def _count(ws: Workspace, model: type = Action) -> int:
    return ws.run(lambda s: s.scalar(select(func.count()).select_from(model)))


def _write_csv(tmp_path: Path, text: str, name: str = "actions.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text.strip("\n") + "\n", encoding=encoding)
    return path


def _write_xlsx(tmp_path: Path, rows: list[list[object]], name: str = "actions.xlsx") -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.create_sheet("Ignored").append(["Title", "Owner", "Logged"])
    path = tmp_path / name
    book.save(path)
    return path


def _import(ws: Workspace, path: Path) -> ImportResult:
    return ws.act(import_actions, path)


def _failed(ws: Workspace, path: Path) -> list[RowError]:
    before = _count(ws)
    with pytest.raises(ImportFailed) as caught:
        _import(ws, path)
    assert _count(ws) == before, "a failed import must create nothing"
    return caught.value.errors


def _detail(ws: Workspace, reference: str):
    ids = ws.run(find_action_ids, [reference])
    return ws.run(get_action, ids[reference])


def _make_actions(ws: Workspace) -> None:
    base = ActionInput(
        title="Ask the Force about speeding on the A6",
        owner_id=ws.actor_id,
        logged_on=date(2025, 6, 2),
        due_on=date(2025, 6, 30),
    )
    ws.act(
        create_action,
        replace(
            base,
            assignee_org_id=_id_of(ws, Organisation, ROADS),
            assignee_person="Sgt Smith",
            area_id=_id_of(ws, Area, "Melton & Rutland"),
            theme_ids=(_id_of(ws, Theme, "Speeding in villages"), _id_of(ws, Theme, "Road safety")),
        ),
    )
    ws.act(
        create_action,
        replace(base, title='Chase the council, about potholes; "urgent"', due_on=date(2025, 6, 10)),
    )


# --- export ------------------------------------------------------------------------------------


def test_export_csv_has_bom_header_and_uk_dates(seeded: Workspace, tmp_path: Path) -> None:
    _make_actions(seeded)
    path = tmp_path / "out.csv"
    count = seeded.run(export_actions, ActionFilter(), ActionSort("reference"), path)

    assert count == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    first = dict(zip(EXPORT_COLUMNS, rows[1], strict=True))
    assert first["Reference"] == "ACT-2025-0001"
    assert first["Status"] == "Open"
    assert first["Priority"] == "Normal"
    assert first["Owner"] == "Alex Tester"
    assert first["Assigned to"] == f"{ROADS} – Sgt Smith"
    assert first["Area"] == "Melton & Rutland"
    assert first["Themes"] == "Road safety, Speeding in villages"
    assert first["Origin"] == "Stand-alone"
    assert (first["Logged"], first["Due"], first["Completed"]) == ("02/06/2025", "30/06/2025", "")
    assert first["Working days overdue"] == "0"
    second = dict(zip(EXPORT_COLUMNS, rows[2], strict=True))
    assert second["Title"] == 'Chase the council, about potholes; "urgent"'
    assert second["Due"] == "10/06/2025"
    assert int(second["Working days overdue"]) == 6  # 11–18 June, working days


def test_export_xlsx_has_real_dates_bold_frozen_header(seeded: Workspace, tmp_path: Path) -> None:
    _make_actions(seeded)
    path = tmp_path / "out.xlsx"
    assert seeded.run(export_actions, ActionFilter(), ActionSort("reference"), path) == 2

    sheet = load_workbook(path).active
    assert sheet.title == "Actions"
    assert tuple(c.value for c in sheet[1]) == EXPORT_COLUMNS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 50
    logged = sheet.cell(row=2, column=EXPORT_COLUMNS.index("Logged") + 1)
    assert logged.value == datetime(2025, 6, 2)
    assert logged.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=2, column=EXPORT_COLUMNS.index("Completed") + 1).value is None
    assert sheet.cell(row=3, column=EXPORT_COLUMNS.index("Working days overdue") + 1).value == 6
    assert sheet.cell(row=3, column=1).value == "ACT-2025-0002"


def test_export_follows_the_filter_and_sort(seeded: Workspace, tmp_path: Path) -> None:
    _make_actions(seeded)
    path = tmp_path / "overdue.csv"
    assert seeded.run(export_actions, ActionFilter(overdue_only=True), ActionSort(), path) == 1
    path = tmp_path / "sorted.csv"
    seeded.run(export_actions, ActionFilter(), ActionSort("reference", descending=True), path)
    with path.open(encoding="utf-8-sig") as handle:
        assert [row[0] for row in csv.reader(handle)][1:] == ["ACT-2025-0002", "ACT-2025-0001"]


def test_export_of_nothing_writes_just_the_header(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    assert workspace.run(export_actions, ActionFilter(), ActionSort(), path) == 0
    assert load_workbook(path).active.max_row == 1


@pytest.mark.parametrize("name", ["out.txt", "out.xls", "out"])
def test_export_to_unknown_suffix_is_refused(workspace: Workspace, tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        workspace.run(export_actions, ActionFilter(), ActionSort(), tmp_path / name)
    assert not (tmp_path / name).exists()


def test_exported_csv_imports_into_another_database(seeded: Workspace, tmp_path: Path) -> None:
    """An export names everything the import needs, so offices can move actions between databases."""
    _make_actions(seeded)
    path = tmp_path / "out.csv"
    seeded.run(export_actions, ActionFilter(), ActionSort("reference"), path)
    # The references are in use here, so re-importing the same file is refused, line by line.
    errors = _failed(seeded, path)
    assert [(e.line, e.column) for e in errors] == [(2, "Reference"), (3, "Reference")]

    # Without the references (as another database would see it) every row comes back the same.
    text = path.read_text(encoding="utf-8-sig").replace("ACT-2025-0001", "").replace("ACT-2025-0002", "")
    result = _import(seeded, _write_csv(tmp_path, text, "copy.csv"))
    assert result.references == ("ACT-2025-0003", "ACT-2025-0004")
    copy, original = _detail(seeded, "ACT-2025-0003"), _detail(seeded, "ACT-2025-0001")
    for name in (
        "title",
        "owner_id",
        "logged_on",
        "due_on",
        "assignee_org_id",
        "assignee_person",
        "area_id",
        "theme_ids",
        "status",
        "priority",
    ):
        assert getattr(copy, name) == getattr(original, name), name


# --- import: happy paths -------------------------------------------------------------------------


def test_import_csv_creates_every_row_with_history(seeded: Workspace, tmp_path: Path) -> None:
    new_staff(seeded, "Jo Bloggs")
    path = _write_csv(
        tmp_path,
        (
            "Title,Description,Owner,Logged,Due,Status,Priority,Assigned to,Assigned person,Area,Themes,"
            "Meeting,Item\n"
            f"Speeding on the A6,Ask for speed checks,jo bloggs,2/6/25,30/06/2025,In progress,High,{ROADS},"
            "Sgt Smith,Melton,Speeding in villages; road safety,CGB 04/06/2025,b\n"
            "Chase the council,,Alex Tester,2025-06-03,,,,,,,,,\n"
        ),
    )
    result = _import(seeded, path)

    assert result == ImportResult(created=2, references=("ACT-2025-0001", "ACT-2025-0002"))
    first = _detail(seeded, "ACT-2025-0001")
    assert (first.title, first.description) == ("Speeding on the A6", "Ask for speed checks")
    assert first.owner_name == "Jo Bloggs"
    assert (first.logged_on, first.due_on) == (date(2025, 6, 2), date(2025, 6, 30))
    assert (first.status, first.priority.value) == (ActionStatus.IN_PROGRESS, "high")
    assert (first.assignee_org_name, first.assignee_person) == (ROADS, "Sgt Smith")
    assert first.area_name == "Melton"
    assert first.theme_names == ("Road safety", "Speeding in villages")
    assert first.origin_label == "Corporate Governance Board 04/06/2025, item b"
    second = _detail(seeded, "ACT-2025-0002")
    assert (second.status, second.priority.value, second.due_on) == (ActionStatus.OPEN, "normal", None)

    entries = seeded.run(history_for, "action", first.id)
    created = [e for e in entries if e.field == "created"]
    assert [(e.new_value, e.reason, e.changed_by) for e in created] == [
        ("ACT-2025-0001", "imported from actions.csv", "Alex Tester")
    ]
    status = [e for e in entries if e.field == "status"]
    assert [(e.old_value, e.new_value, e.reason) for e in status] == [
        (None, "in_progress", "imported from actions.csv")
    ]


def test_import_xlsx_with_date_cells_and_loose_headers(seeded: Workspace, tmp_path: Path) -> None:
    path = _write_xlsx(
        tmp_path,
        [
            [
                "TITLE",
                "owner",
                "Logged_On",
                "due",
                "status",
                "Outcome",
                "Completed",
                "Meeting",
                "ITEM",
                "Notes",
            ],
            [
                "Panel asked about 101 waits",
                "Alex Tester",
                datetime(2025, 3, 12),
                "21/03/2025",
                "completed",
                "Force replied with figures",
                date(2025, 3, 20),
                "Panel 12/03/2025",
                4,
                "ignored",
            ],
            [None, None, None, None, None, None, None, None, None, None],
            [
                "Second item",
                "Alex Tester",
                45728,
                None,
                "awaiting_response",
                None,
                None,
                "Police and Crime Panel 12/03/2025",
                "4.2",
                None,
            ],
        ],
    )
    result = _import(seeded, path)

    assert result.references == ("ACT-2025-0001", "ACT-2025-0002")
    first = _detail(seeded, "ACT-2025-0001")
    assert (first.logged_on, first.due_on, first.completed_on) == (
        date(2025, 3, 12),
        date(2025, 3, 21),
        date(2025, 3, 20),
    )
    assert (first.status, first.outcome) == (ActionStatus.COMPLETED, "Force replied with figures")
    assert first.origin_label == "Police and Crime Panel 12/03/2025, item 4"
    second = _detail(seeded, "ACT-2025-0002")
    assert second.logged_on == date(2025, 3, 12)  # an Excel serial day number
    assert second.status == ActionStatus.AWAITING_RESPONSE
    assert second.meeting_id == first.meeting_id, "one meeting, reused"
    assert _count(seeded, Meeting) == 1


def test_import_reuses_an_existing_meeting(seeded: Workspace, tmp_path: Path) -> None:
    with seeded.session() as session:
        session.add(Meeting(kind=MeetingKind.CGB, held_on=date(2025, 6, 4), title="June CGB"))
    _import(seeded, _write_csv(tmp_path, "Title,Owner,Logged,Meeting\nA,Alex Tester,05/06/2025,cgb 4/6/2025"))
    assert _count(seeded, Meeting) == 1
    assert _detail(seeded, "ACT-2025-0001").origin_label == "Corporate Governance Board 04/06/2025"


def test_semicolon_csv_and_windows_text(seeded: Workspace, tmp_path: Path) -> None:
    text = f"Title;Owner;Logged;Assigned to\nCafé opening hours;Alex Tester;02/06/2025;{ROADS}\n"
    path = _write_csv(tmp_path, text, encoding="cp1252")
    _import(seeded, path)
    detail = _detail(seeded, "ACT-2025-0001")
    assert (detail.title, detail.assignee_org_name) == ("Café opening hours", ROADS)


def test_owner_by_email(workspace: Workspace, tmp_path: Path) -> None:
    workspace.act(save_staff, StaffData(id=None, name="Jo Smith", email="jo.smith@opcc.example.org"))
    _import(workspace, _write_csv(tmp_path, "Title,Owner,Logged\nA,JO.SMITH@opcc.example.org,02/06/2025"))
    assert _detail(workspace, "ACT-2025-0001").owner_name == "Jo Smith"


def test_blank_rows_skipped_but_counted_in_line_numbers(workspace: Workspace, tmp_path: Path) -> None:
    text = "Title,Owner,Logged\nFirst,Alex Tester,02/06/2025\n,,\n  ,, \nSecond,Alex Tester,03/06/2025\n\n"
    assert _import(workspace, _write_csv(tmp_path, text)).created == 2
    bad = "Title,Owner,Logged\nFirst,Alex Tester,02/06/2025\n,,\nSecond,Nobody,03/06/2025\n"
    assert [e.line for e in _failed(workspace, _write_csv(tmp_path, bad, "bad.csv"))] == [4]


# --- import: names -----------------------------------------------------------------------------


def test_area_ambiguous_across_kinds_needs_the_kind(seeded: Workspace, tmp_path: Path) -> None:
    text = "Title,Owner,Logged,Area\nA,Alex Tester,02/06/2025,charnwood"
    errors = _failed(seeded, _write_csv(tmp_path, text))
    assert [(e.line, e.column) for e in errors] == [(2, "Area")]
    assert "ambiguous" in errors[0].message and "Charnwood (" in errors[0].message

    text = (
        "Title,Owner,Logged,Area\nA,Alex Tester,02/06/2025,Charnwood (NPA)\n"
        "B,Alex Tester,02/06/2025,Charnwood (district)"
    )
    _import(seeded, _write_csv(tmp_path, text, "ok.csv"))
    assert _detail(seeded, "ACT-2025-0001").area_id == _id_of(seeded, Area, "Charnwood", AreaKind.NPA)
    assert _detail(seeded, "ACT-2025-0002").area_id == _id_of(seeded, Area, "Charnwood", AreaKind.DISTRICT)


def test_unknown_area_theme_and_organisation(seeded: Workspace, tmp_path: Path) -> None:
    text = (
        "Title,Owner,Logged,Area,Themes,Assigned to\n"
        "A,Alex Tester,02/06/2025,Atlantis,Burglary;Piracy,Ministry of Magic\n"
    )
    errors = _failed(seeded, _write_csv(tmp_path, text))
    assert {e.column: e.message for e in errors} == {
        "Area": "area 'Atlantis' is not on the areas list",
        "Themes": "theme 'Piracy' is not on the themes list",
        "Assigned to": "organisation 'Ministry of Magic' is not on the organisations list",
    }


def test_themes_split_on_commas_or_semicolons_without_repeats(seeded: Workspace, tmp_path: Path) -> None:
    text = 'Title,Owner,Logged,Themes\nA,Alex Tester,02/06/2025,"burglary, Hate crime;; BURGLARY"'
    _import(seeded, _write_csv(tmp_path, text))
    assert _detail(seeded, "ACT-2025-0001").theme_names == ("Burglary", "Hate crime")


# --- import: errors ----------------------------------------------------------------------------

ERROR_CASES = {
    "unknown owner": (
        "Title,Owner,Logged",
        "A,Jo Bloggs,02/06/2025",
        "Owner",
        "owner 'Jo Bloggs' is not on the staff list",
    ),
    "bad date": ("Title,Owner,Logged", "A,Alex Tester,31/02/2025", "Logged", "not a date"),
    "due before logged": (
        "Title,Owner,Logged,Due",
        "A,Alex Tester,02/06/2025,01/06/2025",
        "Due",
        "before the date the action was logged",
    ),
    "logged in future": ("Title,Owner,Logged", "A,Alex Tester,19/06/2025", "Logged", "future"),
    "completed without outcome": (
        "Title,Owner,Logged,Status,Completed",
        "A,Alex Tester,02/06/2025,Completed,10/06/2025",
        "Outcome",
        "Outcome",
    ),
    "completed without date": (
        "Title,Owner,Logged,Status,Outcome",
        "A,Alex Tester,02/06/2025,Completed,Done",
        "Completed",
        "date it was completed",
    ),
    "completed date on open action": (
        "Title,Owner,Logged,Completed",
        "A,Alex Tester,02/06/2025,10/06/2025",
        "Completed",
        "only for actions whose status is Completed",
    ),
    "bad status": (
        "Title,Owner,Logged,Status",
        "A,Alex Tester,02/06/2025,Finished",
        "Status",
        "status 'Finished' is not a status",
    ),
    "bad priority": (
        "Title,Owner,Logged,Priority",
        "A,Alex Tester,02/06/2025,Extreme",
        "Priority",
        "Extreme",
    ),
    "blank title": ("Title,Owner,Logged", ",Alex Tester,02/06/2025", "Title", "Enter a title"),
    "bad reference": (
        "Reference,Title,Owner,Logged",
        "ICV-2025-0001,A,Alex Tester,02/06/2025",
        "Reference",
        "not like ACT-2025-0042",
    ),
    "bad meeting": (
        "Title,Owner,Logged,Meeting",
        "A,Alex Tester,02/06/2025,Lunch 04/06/2025",
        "Meeting",
        "not like 'CGB 21/06/2023'",
    ),
    "item without meeting": (
        "Title,Owner,Logged,Item",
        "A,Alex Tester,02/06/2025,b",
        "Item",
        "needs the Meeting",
    ),
    "bad item": (
        "Title,Owner,Logged,Meeting,Item",
        "A,Alex Tester,02/06/2025,CGB 04/06/2025,item b!",
        "Item",
        "short letter or number",
    ),
}


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_each_error_names_its_line_and_column(workspace: Workspace, tmp_path: Path, case: str) -> None:
    header, bad_row, column, words = ERROR_CASES[case]
    good_row = ",".join(["A", "Alex Tester", "02/06/2025", *[""] * (header.count(",") - 2)])
    if header.startswith("Reference"):
        good_row = ",".join(["", "A", "Alex Tester", "02/06/2025"])
    text = "\n".join([header, good_row, good_row, bad_row, good_row])
    errors = _failed(workspace, _write_csv(tmp_path, text))
    assert [(e.line, e.column) for e in errors] == [(4, column)], errors
    assert words in errors[0].message
    assert str(errors[0]).startswith("line 4: ")


def test_unknown_owner_message_reads_like_the_spec(workspace: Workspace, tmp_path: Path) -> None:
    text = "Title,Owner,Logged\n" + "A,Alex Tester,02/06/2025\n" * 5 + "B,Jo Bloggs,02/06/2025\n"
    with pytest.raises(ImportFailed) as caught:
        _import(workspace, _write_csv(tmp_path, text))
    assert "line 7: owner 'Jo Bloggs' is not on the staff list" in str(caught.value)


def test_inactive_owner_is_refused_like_the_form(workspace: Workspace, tmp_path: Path) -> None:
    new_staff(workspace, "Old Hand", active=False)
    errors = _failed(workspace, _write_csv(tmp_path, "Title,Owner,Logged\nA,Old Hand,02/06/2025"))
    assert [(e.line, e.column) for e in errors] == [(2, "Owner")]
    assert "left the staff list" in errors[0].message


def test_duplicate_reference_in_the_file_and_in_the_database(workspace: Workspace, tmp_path: Path) -> None:
    workspace.act(
        create_action, ActionInput(title="Existing", owner_id=workspace.actor_id, logged_on=date(2025, 6, 2))
    )
    text = """
Reference,Title,Owner,Logged
ACT-2024-0007,A,Alex Tester,02/06/2025
ACT-2025-0001,B,Alex Tester,02/06/2025
act-2024-0007,C,Alex Tester,02/06/2025
"""
    errors = _failed(workspace, _write_csv(tmp_path, text))
    assert [(e.line, e.column) for e in errors] == [(3, "Reference"), (4, "Reference")]
    assert "already used by an action in the database" in errors[0].message
    assert "already used on line 2" in errors[1].message


@pytest.mark.parametrize(
    ("header", "missing"),
    [("Title,Logged,Due", ["Owner"]), ("Description,Due", ["Title", "Owner", "Logged"])],
)
def test_missing_required_column_is_a_line_1_error(
    workspace: Workspace, tmp_path: Path, header: str, missing: list[str]
) -> None:
    errors = _failed(workspace, _write_csv(tmp_path, f"{header}\nA,02/06/2025,30/06/2025"))
    assert [(e.line, e.column) for e in errors] == [(1, name) for name in missing]
    assert "required column" in errors[0].message


def test_repeated_column_is_a_line_1_error(workspace: Workspace, tmp_path: Path) -> None:
    text = "Title,Owner,Logged,logged on\nA,Alex Tester,1/6/25,1/6/25"
    errors = _failed(workspace, _write_csv(tmp_path, text))
    assert [(e.line, e.column) for e in errors] == [(1, "Logged")]


@pytest.mark.parametrize("text", ["", "\n\n", "Title,Owner,Logged\n,,\n"])
def test_empty_file_is_a_line_1_error(workspace: Workspace, tmp_path: Path, text: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(text, encoding="utf-8")
    errors = _failed(workspace, path)
    assert [e.line for e in errors] == [1]


def test_empty_workbook_is_a_line_1_error(workspace: Workspace, tmp_path: Path) -> None:
    assert [e.line for e in _failed(workspace, _write_xlsx(tmp_path, []))] == [1]


def test_unknown_import_suffix_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "actions.txt"
    path.write_text("Title,Owner,Logged\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        _import(workspace, path)


# --- all or nothing ----------------------------------------------------------------------------


def test_one_bad_row_creates_nothing_not_even_meetings_or_numbers(seeded: Workspace, tmp_path: Path) -> None:
    text = """
Reference,Title,Owner,Logged,Meeting
,Good one,Alex Tester,02/06/2025,CGB 04/06/2025
ACT-2025-0040,Good two,Alex Tester,02/06/2025,
,Bad one,Alex Tester,someday,
"""
    errors = _failed(seeded, _write_csv(tmp_path, text))
    assert [(e.line, e.column) for e in errors] == [(4, "Logged")]
    assert _count(seeded, Meeting) == 0
    created = seeded.act(
        create_action, ActionInput(title="Next", owner_id=seeded.actor_id, logged_on=date(2025, 6, 2))
    )
    assert created.reference == "ACT-2025-0001", "a failed import must not use up reference numbers"


def test_every_bad_row_reported_message_lists_up_to_20(workspace: Workspace, tmp_path: Path) -> None:
    text = "Title,Owner,Logged\n" + "A,Nobody,02/06/2025\n" * 25
    with pytest.raises(ImportFailed) as caught:
        _import(workspace, _write_csv(tmp_path, text))
    assert [e.line for e in caught.value.errors] == list(range(2, 27))
    message = str(caught.value)
    assert message.startswith("The file has 25 problems; nothing was imported.")
    assert "line 21:" in message and "line 22:" not in message
    assert message.endswith("… and 5 more.")


def test_several_problems_on_one_row_are_all_reported(workspace: Workspace, tmp_path: Path) -> None:
    errors = _failed(workspace, _write_csv(tmp_path, "Title,Owner,Logged,Status\n,Nobody,yesterday,Done"))
    assert {e.column for e in errors} == {"Title", "Owner", "Logged", "Status"}
    assert {e.line for e in errors} == {2}


# --- references ------------------------------------------------------------------------------


def test_new_references_continue_after_imported_ones(workspace: Workspace, tmp_path: Path) -> None:
    text = """
Reference,Title,Owner,Logged
,Numbered for me,Alex Tester,02/06/2025
ACT-2025-0040,Kept,Alex Tester,02/06/2025
ACT-2025-0003,Kept too,Alex Tester,02/06/2025
,From last year,Alex Tester,30/12/2024
"""
    result = _import(workspace, _write_csv(tmp_path, text))
    assert result.references == ("ACT-2025-0041", "ACT-2025-0040", "ACT-2025-0003", "ACT-2024-0001")
    later = workspace.act(
        create_action, ActionInput(title="Later", owner_id=workspace.actor_id, logged_on=date(2025, 6, 18))
    )
    assert later.reference == "ACT-2025-0042"
