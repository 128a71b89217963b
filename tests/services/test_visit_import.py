"""Visit import: CSV and Excel, requests on anonymous rows, every error with its line, all-or-nothing."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from pcc_desktop.models import CustodyVisit, DetaineeConversation, DetaineeRequest, ReportStatus, VisitMode
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.custody_visits import get_visit
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.visit_import import ImportFailed, import_visits
from pcc_desktop.services.volunteers import VolunteerInput, create_volunteer
from pcc_desktop.services.workspace import Workspace

HEADER = (
    "Date,Suite,Mode,Arrived,Departed,Visitors,In custody,Offered,Seen,Declined,Requests,"
    "Serious issue,Serious issue notes,Observations,Reference"
)


@pytest.fixture
def icv(seeded: Workspace) -> Workspace:
    """Suites, request categories and three volunteers (two called Jo Bloggs)."""
    seeded.run(seed_custody_reference)
    for name, email in (
        ("Ann Visitor", ""),
        ("Ben Visitor", ""),
        ("Jo Bloggs", ""),
        ("Jo Bloggs", "j@x.org"),
    ):
        seeded.act(create_volunteer, VolunteerInput(name=name, email=email))
    return seeded


def _csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "visits.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def _count(ws: Workspace) -> int:
    return ws.run(lambda s: s.scalar(select(func.count()).select_from(CustodyVisit)))


def _errors(ws: Workspace, path: Path) -> list[tuple[int, str, str]]:
    before = _count(ws)
    with pytest.raises(ImportFailed) as caught:
        ws.act(import_visits, path)
    assert _count(ws) == before
    return [(e.line, e.column, e.message) for e in caught.value.errors]


def test_import_a_csv_of_visits(icv: Workspace, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "03/02/2019,Euston Street,,14:00,15:30,Ann Visitor; Ben Visitor,20,8,3,5,"
        '"Food or drink: 3; Interpreter: 1; update on their case",no,,Calm and clean.,ICV-2019-0042',
        ",,,,,,,,,,,,,,",
        "2019-02-10,keyham lane,Telephone,23:30,00:15,Ann Visitor,12,4,1,3,Food or drink,yes,"
        "Call bell broken.,,",
    )
    result = icv.act(import_visits, path)
    assert (result.created, result.conversations, result.requests) == (2, 4, 6)
    assert result.references == ("ICV-2019-0042", "ICV-2019-0043")
    with icv.session() as s:
        first = s.scalars(select(CustodyVisit).where(CustodyVisit.reference == "ICV-2019-0042")).one()
        assert (first.status, first.mode, first.arrived_at, first.departed_at) == (
            ReportStatus.SUBMITTED,
            VisitMode.IN_PERSON,
            time(14),
            time(15, 30),
        )
        assert (first.in_custody, first.offered, first.seen, first.declined) == (20, 8, 3, 5)
        assert len(first.conversations) == 3  # three categories, three detainees seen
        assert all(c.consent_to_talk for c in first.conversations)
        assert s.scalar(select(func.count()).select_from(DetaineeRequest)) == 6
        assert next_reference(s, "ICV", 2019) == "ICV-2019-0044"
    detail = icv.run(get_visit, first.id)
    assert len(detail.visitors) == 2


def test_more_categories_than_detainees_share_rows(icv: Workspace, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,20,8,1,5,Food or drink: 2; Interpreter,,,,",
    )
    result = icv.act(import_visits, path)
    assert (result.conversations, result.requests) == (1, 3)
    assert icv.run(lambda s: s.scalar(select(func.count()).select_from(DetaineeConversation))) == 1


def test_import_an_excel_file(icv: Workspace, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Visit date", "Custody suite", "Arrival", "Departure", "Visitors", "Offered", "Seen"])
    sheet.append(
        [datetime(2020, 5, 4), "Beaumont Leys", time(9, 5), time(10, 0), "Ann Visitor; Jo Bloggs", 0, 0]
    )
    path = tmp_path / "visits.xlsx"
    book.save(path)
    with pytest.raises(ImportFailed) as caught:  # two volunteers are called Jo Bloggs
        icv.act(import_visits, path)
    assert "VOL reference" in caught.value.errors[0].message
    sheet["E2"] = "Ann Visitor; Ben Visitor"
    book.save(path)
    assert icv.act(import_visits, path).references == ("ICV-2020-0001",)


def test_every_error_with_its_line_and_nothing_imported(icv: Workspace, tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "03/02/2019,Euston Street,,14:00,15:30,Ann Visitor;Ben Visitor,20,8,3,5,,,,,",
        "31/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,,,,,,,,,",
        "03/02/2019,Nowhere,,,,Ann Visitor;Ben Visitor,,,,,,,,,",
        "03/02/2019,Euston Street,By post,,,Ann Visitor;Ben Visitor,,,,,,,,,",
        "03/02/2019,Euston Street,,2pm,15:00,Ann Visitor;Ben Visitor,,,,,,,,,",
        "03/02/2019,Euston Street,,14:00,,Ann Visitor;Ben Visitor,,,,,,,,,",
        "03/02/2019,Euston Street,,14:00,03:00,Ann Visitor;Ben Visitor,,,,,,,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor;Nobody Known,,,,,,,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor,,,,,,,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,five,,,,,,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,3,8,1,,,,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,20,8,6,5,,,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,20,8,0,5,Food or drink,,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,20,8,2,5,Cake: 2,,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,,,,,,maybe,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,,,,,,yes,,,",
        "03/02/2099,Euston Street,,,,Ann Visitor;Ben Visitor,,,,,,,,,",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,,,,,,,,,ACT-2019-0001",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,,,,,,,,,ICV-2019-0007",
        "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,,,,,,,,,ICV-2019-0007",
        ",Euston Street,,,,Ann Visitor;Ben Visitor,,,,,,,,,",
    )
    found = {(line, column): message for line, column, message in _errors(icv, path)}
    assert list(found) == [
        (3, "Date"),
        (4, "Suite"),
        (5, "Mode"),
        (6, "Arrived"),
        (7, "Departed"),
        (8, "Departed"),
        (9, "Visitors"),
        (10, "Visitors"),
        (11, "In custody"),
        (12, "Offered"),
        (13, "Seen"),
        (14, "Requests"),
        (15, "Requests"),
        (16, "Serious issue"),
        (17, "Serious issue notes"),
        (18, "Date"),
        (19, "Reference"),
        (21, "Reference"),
        (22, "Date"),
    ]
    assert "not a date" in found[(3, "Date")]
    assert "not a time" in found[(6, "Arrived")]
    assert "both" in found[(7, "Departed")]
    assert "within 12 hours" in found[(8, "Departed")]
    assert "Nobody Known" in found[(9, "Visitors")]
    assert "pair" in found[(10, "Visitors")]
    assert "already used on line 20" in found[(21, "Reference")]
    assert "future" in found[(18, "Date")]


def test_a_reference_already_in_the_database_and_missing_columns(icv: Workspace, tmp_path: Path) -> None:
    row = "03/02/2019,Euston Street,,,,Ann Visitor;Ben Visitor,,,,,,,,,ICV-2019-0001"
    icv.act(import_visits, _csv(tmp_path, row))
    assert _errors(icv, _csv(tmp_path, row)) == [
        (2, "Reference", "reference ICV-2019-0001 is already used by a visit in the database")
    ]
    assert [e[1] for e in _errors(icv, _csv(tmp_path, "03/02/2019", header="Date"))] == ["Suite"]
