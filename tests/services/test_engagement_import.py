"""Engagement log import: CSV and Excel, names resolved, defaults, every error, all-or-nothing."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from pcc_desktop.models import (
    Area,
    AreaKind,
    AttendeeType,
    Engagement,
    EngagementLead,
    EngagementStatus,
    EngagementType,
    InitiatedBy,
)
from pcc_desktop.services.engagement_import import (
    EngagementImportResult,
    ImportFailed,
    RowError,
    import_engagements,
)
from pcc_desktop.services.history import history_for
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.workspace import Workspace

HEADER = (
    "Date,Type,Status,Place,Area,NPA,Lead,Reason,Initiated by,Advertised,Surveyed,"
    "Residents,Businesses,Notes,Reference"
)
FIRST_ROW = (
    "13/06/2024,Community day,Held,Market Place,Loughborough (Place),Charnwood,PCC,Shoplifting concerns,"
    "Councillor or MP,yes,no,25,4,Good turnout,ENG-2024-0007"
)


def _write_csv(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text.strip("\n") + "\n", encoding="utf-8")
    return path


def _count(ws: Workspace) -> int:
    return ws.run(lambda s: s.scalar(select(func.count()).select_from(Engagement)))


def _by_reference(ws: Workspace, reference: str) -> Engagement:
    def find(session):
        engagement = session.scalars(select(Engagement).where(Engagement.reference == reference)).one()
        _ = engagement.attendance, engagement.area, engagement.npa
        session.expunge_all()
        return engagement

    return ws.run(find)


def _id(ws: Workspace, name: str, kind: AreaKind) -> uuid.UUID:
    return ws.run(lambda s: s.scalars(select(Area.id).where(Area.name == name, Area.kind == kind)).one())


def _errors(ws: Workspace, path: Path) -> list[tuple[int, str]]:
    with pytest.raises(ImportFailed) as caught:
        ws.act(import_engagements, path)
    assert _count(ws) == 0
    return [(e.line, e.column) for e in caught.value.errors]


def test_import_a_csv_log(seeded: Workspace, tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path,
        f"""
{HEADER}
{FIRST_ROW}
20/06/2024,community_day,,Belgrave,,East Leicester (NPA),,,,,,,,,
03/07/2025,Surgery,,Oakham,Oakham,,Deputy,,,,,,,,eng-2025-0001
""",
    )
    result = seeded.act(import_engagements, path)
    assert result == EngagementImportResult(3, ("ENG-2024-0007", "ENG-2024-0008", "ENG-2025-0001"))

    first = _by_reference(seeded, "ENG-2024-0007")
    assert (first.kind, first.status, first.held_on) == (
        EngagementType.COMMUNITY_DAY,
        EngagementStatus.HELD,
        date(2024, 6, 13),
    )
    assert first.place_name == "Market Place"
    assert first.area_id == _id(seeded, "Loughborough", AreaKind.PLACE)
    assert first.npa_id == _id(seeded, "Charnwood", AreaKind.NPA)
    assert (first.lead, first.initiated_by) == (EngagementLead.COMMISSIONER, InitiatedBy.COUNCILLOR_OR_MP)
    assert (first.advertised, first.surveyed, first.reason, first.notes) == (
        True,
        False,
        "Shoplifting concerns",
        "Good turnout",
    )
    assert {a.attendee_type: a.count for a in first.attendance} == {
        AttendeeType.RESIDENTS: 25,
        AttendeeType.BUSINESSES: 4,
    }
    second = _by_reference(seeded, "ENG-2024-0008")  # numbered after the imported reference
    assert (second.status, second.npa_id, second.attendance) == (
        EngagementStatus.HELD,  # a past date with no status is held
        _id(seeded, "East Leicester", AreaKind.NPA),
        [],
    )
    third = _by_reference(seeded, "ENG-2025-0001")
    assert (third.kind, third.status, third.lead) == (
        EngagementType.SURGERY,
        EngagementStatus.PLANNED,
        EngagementLead.DEPUTY,
    )
    assert third.npa_id == _id(seeded, "Melton & Rutland", AreaKind.NPA)  # the NPA Oakham counts towards
    assert seeded.run(next_reference, "ENG", 2025) == "ENG-2025-0002"
    history = seeded.run(history_for, "engagement", first.id)
    assert [(h.field, h.new_value, h.reason) for h in history] == [
        ("created", "ENG-2024-0007", "imported from log.csv")
    ]


def test_the_npa_defaults_from_the_area(workspace: Workspace, tmp_path: Path) -> None:
    with workspace.session() as s:
        npa = Area(name="North West Leicestershire", kind=AreaKind.NPA)
        s.add(npa)
        s.flush()
        s.add(Area(name="Castle Donington", kind=AreaKind.PLACE, npa_id=npa.id))
        npa_id = npa.id
    path = _write_csv(
        tmp_path,
        """
Date,Type,Area
01/08/2024,Community day,Castle Donington
08/08/2024,Community day,North West Leicestershire
""",
    )
    result = workspace.act(import_engagements, path)
    assert [_by_reference(workspace, r).npa_id for r in result.references] == [npa_id, npa_id]


def test_import_an_excel_log_with_date_cells(seeded: Workspace, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Type", "NPA", "Residents", "Neighbourhood team", "Others", "Advertised"])
    sheet.append([datetime(2024, 7, 4), "Community Day", "Lutterworth", 12, 2.0, None, "Y"])
    sheet.append([date(2025, 9, 4), "Patch walk", None, None, None, 3, None])
    path = tmp_path / "log.xlsx"
    book.save(path)
    result = seeded.act(import_engagements, path)
    assert result.created == 2
    held = _by_reference(seeded, result.references[0])
    assert (held.held_on, held.status, held.advertised) == (date(2024, 7, 4), EngagementStatus.HELD, True)
    assert {a.attendee_type: a.count for a in held.attendance} == {
        AttendeeType.RESIDENTS: 12,
        AttendeeType.NEIGHBOURHOOD_TEAM: 2,
    }
    walk = _by_reference(seeded, result.references[1])
    assert (walk.kind, walk.status) == (EngagementType.PATCH_WALK, EngagementStatus.PLANNED)
    assert {a.attendee_type: a.count for a in walk.attendance} == {AttendeeType.OTHER: 3}


def test_every_row_error_is_reported_and_nothing_created(seeded: Workspace, tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path,
        f"""
{HEADER}
13/06/2024,Community day,,,,Charnwood,,,,,,,,,
,Community day,,,,Charnwood,,,,,,,,,
31/02/2024,Community day,,,,Charnwood,,,,,,,,,
13/06/2024,,,,,,,,,,,,,,

13/06/2024,Coffee morning,Maybe,,Nowhere,Atlantis,Mayor,,Whim,perhaps,,lots,-2,,
13/06/2024,Community day,,,Charnwood,,,,,,,,,,
01/09/2025,Surgery,Held,,,,,,,,,,,,ACT-2024-0001
20/06/2024,Community day,,,,Charnwood,,,,,,,,,ENG-2024-0001
27/06/2024,Community day,,,,Charnwood,,,,,,,,,ENG-2024-0001
""",
    )
    assert _errors(seeded, path) == [
        (3, "Date"),
        (4, "Date"),
        (5, "Type"),
        (7, "Advertised"),
        (7, "Area"),
        (7, "Businesses"),
        (7, "Initiated by"),
        (7, "Lead"),
        (7, "NPA"),
        (7, "Residents"),
        (7, "Status"),
        (7, "Type"),
        (8, "Area"),  # Charnwood is both a District and an NPA
        (9, "Reference"),
        (9, "Status"),  # held in the future
        (11, "Reference"),  # used on line 10
    ]


def test_a_community_day_needs_an_npa(workspace: Workspace, tmp_path: Path) -> None:
    path = _write_csv(tmp_path, "Date,Type,Place\n13/06/2024,Community day,Somewhere\n")
    with pytest.raises(ImportFailed) as caught:
        workspace.act(import_engagements, path)
    assert caught.value.errors == [
        RowError(2, "NPA", "a community day needs its NPA: fill in NPA, or an Area that belongs to an NPA")
    ]


def test_a_reference_already_in_the_database_is_refused(seeded: Workspace, tmp_path: Path) -> None:
    path = _write_csv(tmp_path, "Date,Type,NPA,Reference\n13/06/2024,Community day,Charnwood,ENG-2024-0042\n")
    seeded.act(import_engagements, path)
    with pytest.raises(ImportFailed) as caught:
        seeded.act(import_engagements, path)
    assert "already used by an engagement" in str(caught.value)
    assert _count(seeded) == 1


def test_header_problems(workspace: Workspace, tmp_path: Path) -> None:
    missing = _write_csv(tmp_path, "Place,Notes\nX,Y\n", "missing.csv")
    assert _errors(workspace, missing) == [(1, "Date"), (1, "Type")]
    twice = _write_csv(tmp_path, "Date,Type,held_on\n13/06/2024,Surgery,13/06/2024\n", "twice.csv")
    assert _errors(workspace, twice) == [(1, "Date")]
    empty = _write_csv(tmp_path, "", "empty.csv")
    assert _errors(workspace, empty) == [(1, "")]
    header_only = _write_csv(tmp_path, "Date,Type\n", "header.csv")
    with pytest.raises(ImportFailed, match="no engagements"):
        workspace.act(import_engagements, header_only)


def test_other_file_types_are_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "log.txt"
    path.write_text("Date,Type\n")
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        workspace.act(import_engagements, path)


def test_semicolons_and_unknown_columns(seeded: Workspace, tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path, "Held on;Kind;NPA;Colour\n2024-06-13;community-day;Blaby and Oadby & Wigston;blue\n"
    )
    result = seeded.act(import_engagements, path)
    assert result.created == 1
    assert _by_reference(seeded, result.references[0]).kind == EngagementType.COMMUNITY_DAY
