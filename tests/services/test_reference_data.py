"""Reference data: first-run seeding, validation, uniqueness, cycles, in-use refusal and history."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pcc_desktop.models import Action, Area, AreaKind, OrganisationKind, Theme
from pcc_desktop.models.database import make_engine
from pcc_desktop.models.migrations import upgrade
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.history import history_for
from pcc_desktop.services.reference_data import (
    AreaData,
    CustodySuiteData,
    OrganisationData,
    ThemeData,
    delete_reference,
    list_areas,
    list_custody_suites,
    list_organisations,
    list_themes,
    save_area,
    save_custody_suite,
    save_organisation,
    save_theme,
    seed_reference_data,
)
from pcc_desktop.services.reference_seed import ReferenceFileError
from pcc_desktop.services.staff import StaffData, save_staff
from pcc_desktop.services.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """A migrated SQLite file with one member of staff signed in and the reference data seeded."""
    engine = make_engine(tmp_path / "t.sqlite3")
    upgrade(engine)
    workspace = Workspace(engine)
    me = workspace.run(save_staff, None, StaffData(id=None, name="Test User"))
    workspace.actor_id = me.id
    workspace.run(seed_reference_data)
    yield workspace
    workspace.dispose()


def _area(ws: Workspace, kind: AreaKind, name: str) -> AreaData:
    return next(a for a in ws.run(list_areas, kind) if a.name == name)


def _theme(ws: Workspace, name: str) -> ThemeData:
    return next(t for t in ws.run(list_themes) if t.name == name)


def _errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return excinfo.value.errors


def _add_action(ws: Workspace, **links: object) -> uuid.UUID:
    """An action row written straight to the table, pointing at reference records."""
    themes = links.pop("themes", [])
    with ws.session() as s:
        action = Action(
            reference=f"ACT-2025-{uuid.uuid4().hex[:4]}",
            title="Follow up",
            owner_id=ws.actor_id,
            logged_on=date(2025, 6, 2),
            **links,
        )
        action.themes = [s.get(Theme, t) for t in themes]  # type: ignore[attr-defined]
        s.add(action)
        s.flush()
        return action.id


# --- seeding -----------------------------------------------------------------------------------


def test_seed_loads_the_clients_lists(ws: Workspace) -> None:
    councils = ws.run(list_areas, AreaKind.LOCAL_AUTHORITY)
    assert {a.name for a in councils} == {
        "Leicester City Council",
        "Leicestershire County Council",
        "Rutland County Council",
    }
    districts = ws.run(list_areas, AreaKind.DISTRICT)
    assert len(districts) == 7
    assert {d.parent_name for d in districts} == {"Leicestershire County Council"}
    npas = {a.name: a for a in ws.run(list_areas, AreaKind.NPA)}
    assert {"East Leicester", "North West Leicestershire", "Lutterworth"} <= set(npas)
    assert len(npas) == 8  # "eight neighbourhood police areas" (004:257)
    assert "confirm with the client" in npas["West Leicester"].notes
    assert "confirm with the client" not in npas["East Leicester"].notes
    assert len(ws.run(list_areas, AreaKind.CSP)) == 9
    zones = {a.name for a in ws.run(list_areas, AreaKind.PEOPLE_ZONE)}
    assert zones == {"Bell Foundry", "New Parks", "Thringstone & Whitwick"}
    assert len(ws.run(list_areas, AreaKind.FORCE_AREA)) == 1


def test_seed_loads_suites_themes_and_organisations(ws: Workspace) -> None:
    suites = {s.name: s for s in ws.run(list_custody_suites)}
    assert set(suites) == {"Beaumont Leys", "Euston Street", "Keyham Lane"}
    assert sum(s.cell_count for s in suites.values()) == 67
    assert {s.visits_per_week for s in suites.values()} == {1}
    themes = {t.name for t in ws.run(list_themes)}
    assert {"Anti-social behaviour", "Business crime and shoplifting", "Hare coursing"} <= themes
    orgs = {o.name: o.kind for o in ws.run(list_organisations)}
    assert orgs["Leicestershire Police – Custody"] is OrganisationKind.FORCE_DEPARTMENT
    assert orgs["NPA Commander – East Leicester"] is OrganisationKind.NPA_COMMAND
    assert orgs["Crimestoppers"] is OrganisationKind.PARTNER
    assert len(ws.run(list_organisations, OrganisationKind.LOCAL_AUTHORITY)) == 10


def test_seed_is_idempotent(ws: Workspace) -> None:
    before = len(ws.run(list_areas))
    assert ws.run(seed_reference_data) == 0
    assert len(ws.run(list_areas)) == before


def test_seed_names_the_bad_line(tmp_path: Path, ws: Workspace) -> None:
    (tmp_path / "areas.csv").write_text(
        "kind,name,parent_kind,parent_name,is_rural,command,notes\nnpa,Somewhere,district,Nowhere,false,,\n"
    )
    with ws.session() as s:
        s.execute(Area.__table__.delete())
        with pytest.raises(ReferenceFileError, match=r"areas\.csv:2"):
            seed_reference_data(s, tmp_path)
        s.rollback()


# --- validation and uniqueness -----------------------------------------------------------------


def test_names_are_required(ws: Workspace) -> None:
    for fn, data in [
        (save_theme, ThemeData(id=None, name="  ")),
        (save_organisation, OrganisationData(id=None, name="")),
        (save_area, AreaData(id=None, name="", kind=AreaKind.PLACE)),
        (save_custody_suite, CustodySuiteData(id=None, name="", cell_count=4)),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            ws.act(fn, data)
        assert _errors(excinfo) == {"name": "Enter a name."}


def test_names_are_unique_ignoring_case(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as excinfo:
        ws.act(save_theme, ThemeData(id=None, name="anti-social BEHAVIOUR"))
    assert _errors(excinfo)["name"] == "There is already a theme called anti-social BEHAVIOUR."
    with pytest.raises(ValidationError, match="already an organisation"):
        ws.act(save_organisation, OrganisationData(id=None, name="crimestoppers"))


def test_area_names_are_unique_per_kind(ws: Workspace) -> None:
    with pytest.raises(ValidationError, match="already a neighbourhood policing area"):
        ws.act(save_area, AreaData(id=None, name="east leicester", kind=AreaKind.NPA))
    # A place may share a district's name.
    place = ws.act(save_area, AreaData(id=None, name="Melton", kind=AreaKind.PLACE))
    assert place.id is not None


def test_custody_suite_ranges_and_dates(ws: Workspace) -> None:
    bad = CustodySuiteData(
        id=None,
        name="New suite",
        cell_count=0,
        visits_per_week=15,
        active_from=date(2026, 1, 1),
        active_to=date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        ws.act(save_custody_suite, bad)
    assert set(_errors(excinfo)) == {"cell_count", "visits_per_week", "active_to"}
    assert _errors(excinfo)["cell_count"] == "Enter between 1 and 200 cells."
    assert ws.run(lambda s: len(list_custody_suites(s))) == 3


def test_custody_suite_inactive_after_its_end_date(ws: Workspace) -> None:
    suite = next(s for s in ws.run(list_custody_suites) if s.name == "Keyham Lane")
    ws.act(save_custody_suite, replace(suite, active_to=date(2020, 1, 1)))
    names = {s.name for s in ws.run(list_custody_suites, False)}
    assert names == {"Beaumont Leys", "Euston Street"}


def test_parent_must_be_a_sensible_kind(ws: Workspace) -> None:
    place = _area(ws, AreaKind.PLACE, "Oakham")
    district = _area(ws, AreaKind.DISTRICT, "Melton")
    with pytest.raises(ValidationError) as excinfo:
        ws.act(save_area, replace(district, parent_id=place.id))
    assert _errors(excinfo) == {"parent_id": "A district or borough can only sit inside a local authority."}


def test_parent_cycle_is_refused(ws: Workspace) -> None:
    town = _area(ws, AreaKind.PLACE, "Loughborough")
    ward = ws.act(save_area, AreaData(id=None, name="Shelthorpe", kind=AreaKind.PLACE, parent_id=town.id))
    street = ws.act(save_area, AreaData(id=None, name="Storer Rd", kind=AreaKind.PLACE, parent_id=ward.id))
    town = _area(ws, AreaKind.PLACE, "Loughborough")
    with pytest.raises(ValidationError) as excinfo:
        ws.act(save_area, replace(town, parent_id=street.id))
    assert "cannot also contain it" in _errors(excinfo)["parent_id"]
    with pytest.raises(ValidationError):
        ws.act(save_area, replace(town, parent_id=town.id))
    assert _area(ws, AreaKind.PLACE, "Loughborough").parent_name == "Charnwood"


def test_stale_edit_is_refused(ws: Workspace) -> None:
    theme = _theme(ws, "Burglary")
    ws.act(save_theme, replace(theme, name="Burglary (dwelling)"))
    with pytest.raises(ConflictError):
        ws.act(save_theme, replace(theme, active=False))


# --- history -----------------------------------------------------------------------------------


def test_history_records_create_change_and_delete(ws: Workspace) -> None:
    theme = ws.act(save_theme, ThemeData(id=None, name="Catalytic converter theft"))
    assert theme.id is not None
    ws.act(save_theme, replace(theme, name="Catalytic converter theft ", active=False))  # name unchanged
    ws.act(delete_reference, "theme", theme.id)
    history = ws.run(history_for, "theme", theme.id)
    entries = [(e.field, e.old_value, e.new_value, e.changed_by) for e in history]
    assert entries == [
        ("created", None, "Catalytic converter theft", "Test User"),
        ("active", "True", "False", "Test User"),
        ("deleted", "Catalytic converter theft", None, "Test User"),
    ]


def test_area_change_history_names_fields(ws: Workspace) -> None:
    area = _area(ws, AreaKind.PLACE, "Wigston")
    ws.act(save_area, replace(area, is_rural=True, command="City"))
    fields = {e.field for e in ws.run(history_for, "area", area.id)}
    assert fields == {"is_rural", "command"}


# --- deleting ----------------------------------------------------------------------------------


def test_delete_hides_and_name_can_be_reused(ws: Workspace) -> None:
    theme = _theme(ws, "Cybercrime")
    ws.act(delete_reference, "theme", theme.id)
    assert "Cybercrime" not in {t.name for t in ws.run(list_themes)}
    with pytest.raises(NotFoundError):
        ws.act(delete_reference, "theme", theme.id)
    revived = ws.act(save_theme, ThemeData(id=None, name="Cybercrime"))
    assert revived.id == theme.id
    count = select(func.count()).select_from(Theme).where(Theme.name == "Cybercrime")
    assert ws.run(lambda s: s.scalar(count)) == 1


def test_area_with_children_cannot_be_deleted(ws: Workspace) -> None:
    district = _area(ws, AreaKind.DISTRICT, "Harborough")
    with pytest.raises(ValidationError) as excinfo:
        ws.act(delete_reference, "area", district.id)
    message = _errors(excinfo)["record"]
    assert message.startswith("Harborough is used by 3 areas")
    assert "make it inactive instead" in message


def test_in_use_records_cannot_be_deleted(ws: Workspace) -> None:
    place = _area(ws, AreaKind.PLACE, "Oakham")
    org = next(o for o in ws.run(list_organisations) if o.name == "Crimestoppers")
    theme = _theme(ws, "Hare coursing")
    _add_action(ws, area_id=place.id, assignee_org_id=org.id, themes=[theme.id])
    for kind, record_id in [("area", place.id), ("organisation", org.id), ("theme", theme.id)]:
        with pytest.raises(ValidationError, match=r"is used by 1 action, so"):
            ws.act(delete_reference, kind, record_id)
    assert "Oakham" in {a.name for a in ws.run(list_areas, AreaKind.PLACE)}


def test_deleted_actions_do_not_count_as_uses(ws: Workspace) -> None:
    theme = _theme(ws, "Fly grazing")
    action_id = _add_action(ws, themes=[theme.id])
    with ws.session() as s:
        s.get(Action, action_id).deleted_at = s.get(Action, action_id).created_at
    ws.act(delete_reference, "theme", theme.id)
    assert "Fly grazing" not in {t.name for t in ws.run(list_themes)}


def test_inactive_records_are_listed_only_on_request(ws: Workspace) -> None:
    org = next(o for o in ws.run(list_organisations) if o.name == "Horse Watch")
    ws.act(save_organisation, replace(org, active=False))
    assert "Horse Watch" in {o.name for o in ws.run(list_organisations)}
    assert "Horse Watch" not in {o.name for o in ws.run(list_organisations, None, False)}
