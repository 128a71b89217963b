"""Volunteer import: CSV and Excel, defaults, one person in several schemes, every error, all-or-nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from pcc_desktop.models import MembershipStatus, Scheme, VettingLevel, Volunteer
from pcc_desktop.services.volunteer_import import ImportFailed, import_volunteers
from pcc_desktop.services.volunteers import VolunteerInput, create_volunteer, get_volunteer, list_volunteers
from pcc_desktop.services.workspace import Workspace

HEADER = "Name,Email,Phone,Scheme,Status,Started,Term ends,Vetting,Vetting expires,Availability,Notes"


def _csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "register.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def _count(ws: Workspace) -> int:
    return ws.run(lambda s: s.scalar(select(func.count()).select_from(Volunteer)))


def _errors(ws: Workspace, path: Path) -> list[tuple[int, str, str]]:
    before = _count(ws)
    with pytest.raises(ImportFailed) as caught:
        ws.act(import_volunteers, path)
    assert _count(ws) == before
    return [(e.line, e.column, e.message) for e in caught.value.errors]


def test_import_a_csv_register(workspace: Workspace, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Jo Bloggs,jo@example.org,07700 900123,ICV,,01/04/2019,31/03/2027,Higher,2026-05-01,"
        "Evenings,Retired GP",
        ",,,,,,,,,,",
        "Sam Hill,,,Animal Welfare Scheme,In training,,,,,,",
        "Jo  Bloggs,JO@example.org,,aws,active,2021-01-01,,,,,",
    )
    result = workspace.act(import_volunteers, path)
    assert (result.created, result.memberships) == (2, 3)
    assert result.references == ("VOL-2025-0001", "VOL-2025-0002")
    rows = {row.name: row for row in workspace.run(list_volunteers)}
    jo = workspace.run(get_volunteer, rows["Jo Bloggs"].id)
    assert (jo.phone, jo.vetting_level, jo.vetting_expires_on) == (
        "07700 900123",
        VettingLevel.HIGHER,
        date(2026, 5, 1),
    )
    assert jo.availability == "Evenings" and jo.notes == "Retired GP"
    assert [(m.scheme, m.status, m.started_on) for m in jo.memberships] == [
        (Scheme.ICV, MembershipStatus.ACTIVE, date(2019, 4, 1)),
        (Scheme.AWS, MembershipStatus.ACTIVE, date(2021, 1, 1)),
    ]
    assert jo.memberships[0].term_ends_on == date(2027, 3, 31)
    sam = rows["Sam Hill"]
    assert [(m.scheme, m.status) for m in sam.memberships] == [(Scheme.AWS, MembershipStatus.IN_TRAINING)]


def test_import_an_excel_register(workspace: Workspace, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "E-mail address", "scheme", "Start date", "Vetting level", "Vetting expiry"])
    sheet.append(
        [
            "Kim Lee",
            "kim@example.org",
            "Independent Custody Visiting",
            datetime(2022, 2, 1),
            "lower",
            datetime(2026, 2, 1),
        ]
    )
    path = tmp_path / "register.xlsx"
    book.save(path)
    result = workspace.act(import_volunteers, path)
    kim = workspace.run(get_volunteer, workspace.run(list_volunteers)[0].id)
    assert result.created == 1
    assert (kim.vetting_level, kim.memberships[0].started_on) == (VettingLevel.LOWER, date(2022, 2, 1))


def test_every_error_with_its_line_and_nothing_imported(workspace: Workspace, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Good Person,good@example.org,,ICV,,01/01/2020,,,,,",
        ",a@example.org,,ICV,,01/01/2020,,,,,",
        "No Scheme,,,,,01/01/2020,,,,,",
        "Bad Scheme,,,Knitting,,01/01/2020,,,,,",
        "Bad Email,nope,,ICV,,01/01/2020,,,,,",
        "Bad Status,,,ICV,Retired,01/01/2020,,,,,",
        "Bad Date,,,ICV,,31/02/2020,,,,,",
        "No Start,,,ICV,Active,,,,,,",
        "Term Early,,,ICV,,01/01/2020,01/01/2019,,,,",
        "No Expiry,,,ICV,,01/01/2020,,Higher,,,",
        "Bad Vetting,,,ICV,,01/01/2020,,Top secret,,,",
        "Left Person,,,ICV,Left,01/01/2020,,,,,",
        "Good Person,good@example.org,,icv,,01/01/2021,,,,,",
    )
    errors = _errors(workspace, path)
    assert [(line, column) for line, column, _ in errors] == [
        (3, "Name"),
        (4, "Scheme"),
        (5, "Scheme"),
        (6, "Email"),
        (7, "Status"),
        (8, "Started"),
        (9, "Started"),
        (10, "Term ends"),
        (11, "Vetting expires"),
        (12, "Vetting"),
        (13, "Status"),
        (14, "Scheme"),
    ]
    messages = dict(((line, column), message) for line, column, message in errors)
    assert "Knitting" in messages[(5, "Scheme")]
    assert "31/02/2020" in messages[(8, "Started")]
    assert "on line 2" in messages[(14, "Scheme")]


def test_someone_already_on_the_register(workspace: Workspace, tmp_path: Path) -> None:
    workspace.act(create_volunteer, VolunteerInput(name="Jo Bloggs", email="jo@example.org"))
    path = _csv(
        tmp_path, "New Person,,,ICV,,01/01/2020,,,,,", "jo bloggs,Jo@Example.org,,AWS,,01/01/2020,,,,,"
    )
    assert _errors(workspace, path) == [(3, "Name", "jo bloggs is already on the register")]


def test_missing_columns_and_empty_files(workspace: Workspace, tmp_path: Path) -> None:
    assert [
        (line, column)
        for line, column, _ in _errors(workspace, _csv(tmp_path, "Jo,,", header="Name,Email,Phone"))
    ] == [(1, "Scheme")]
    assert _errors(workspace, _csv(tmp_path, header=HEADER))[0][0] == 1
    with pytest.raises(ValueError, match=r"\.txt"):
        workspace.act(import_volunteers, tmp_path / "register.txt")
