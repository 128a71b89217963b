"""The Dog Unit register: seeding, listing, every validation message, history, conflicts, soft deletes."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    AwsSite,
    AwsSlot,
    AwsVisit,
    ChangeRecord,
    Dog,
    DogObservation,
    DogRole,
    SiteKind,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services.aws_register import (
    ROLE_LABELS,
    SITE_KIND_LABELS,
    DogInput,
    SiteInput,
    VehicleInput,
    delete_dog,
    delete_site,
    delete_vehicle,
    dog_unit_site_id,
    get_dog,
    list_dogs,
    list_sites,
    list_vehicles,
    save_dog,
    save_site,
    save_vehicle,
    seed_dog_unit,
)
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.history import history_for
from pcc_desktop.services.workspace import Workspace

TODAY = date(2025, 6, 18)


@pytest.fixture
def unit(workspace: Workspace) -> uuid.UUID:
    """The seeded Dog Unit's id."""
    assert workspace.run(seed_dog_unit) is True
    site_id = workspace.run(dog_unit_site_id)
    assert site_id is not None
    return site_id


def errors_of(ws: Workspace, fn, data) -> dict[str, str]:
    with pytest.raises(ValidationError) as excinfo:
        ws.act(fn, data)
    return excinfo.value.errors


def count(ws: Workspace, model) -> int:
    return ws.run(lambda s: s.scalar(select(func.count()).select_from(model)))


# --- seeding and the Dog Unit ------------------------------------------------------------------


def test_seeding_adds_the_dog_unit_once_and_not_to_the_history(workspace: Workspace) -> None:
    assert workspace.run(dog_unit_site_id) is None
    assert workspace.run(seed_dog_unit) is True
    assert workspace.run(seed_dog_unit) is False
    sites = workspace.run(list_sites)
    assert [(s.name, s.kind, s.kind_label) for s in sites] == [
        ("Leicestershire Police Dog Unit", SiteKind.DOG_UNIT, "Dog Unit")
    ]
    assert workspace.run(dog_unit_site_id) == sites[0].id
    assert workspace.run(history_for, "aws_site", sites[0].id) == []


def test_a_deleted_site_means_the_office_owns_the_list_so_nothing_is_seeded(
    workspace: Workspace, unit: uuid.UUID
) -> None:
    workspace.act(delete_site, unit)
    assert workspace.run(seed_dog_unit) is False
    assert workspace.run(list_sites) == []
    assert workspace.run(dog_unit_site_id) is None


def test_the_dog_unit_is_the_first_active_live_dog_unit_by_name(
    workspace: Workspace, unit: uuid.UUID
) -> None:
    other = workspace.act(save_site, SiteInput(name="Aardvark Dog Unit", active=False))
    kennel = workspace.act(save_site, SiteInput(name="A home kennel", kind=SiteKind.HOME_KENNEL))
    assert workspace.run(dog_unit_site_id) == unit
    workspace.act(save_site, replace(other.to_input(), active=True))
    assert workspace.run(dog_unit_site_id) == other.id
    assert [s.name for s in workspace.run(list_sites, False)] == [
        "A home kennel",
        "Aardvark Dog Unit",
        "Leicestershire Police Dog Unit",
    ]
    assert kennel.kind_label == SITE_KIND_LABELS[SiteKind.HOME_KENNEL] == "Home kennel"


def test_inactive_sites_are_listed_only_when_asked(workspace: Workspace, unit: uuid.UUID) -> None:
    workspace.act(save_site, SiteInput(name="Old range", kind=SiteKind.TRAINING_VENUE, active=False))
    assert [s.name for s in workspace.run(list_sites)] == ["Leicestershire Police Dog Unit", "Old range"]
    assert [s.name for s in workspace.run(list_sites, include_inactive=False)] == [
        "Leicestershire Police Dog Unit"
    ]


# --- dogs --------------------------------------------------------------------------------------


def test_a_dog_is_saved_with_its_site_role_label_and_service_today(
    workspace: Workspace, unit: uuid.UUID
) -> None:
    dog = workspace.act(
        save_dog,
        DogInput(
            name="  Rex ",
            collar_number=" PD101 ",
            breed="German Shepherd",
            role=DogRole.DRUGS_SEARCH,
            site_id=unit,
            kennel="K3",
            handler_reference="PC 4521",
            born_on=date(2019, 3, 1),
            in_service_on=date(2020, 9, 1),
        ),
    )
    assert (dog.name, dog.collar_number, dog.site_name, dog.role_label) == (
        "Rex",
        "PD101",
        "Leicestershire Police Dog Unit",
        "Drugs search",
    )
    assert dog.in_service and dog.row_version == 1
    assert workspace.run(get_dog, dog.id) == dog
    changes = workspace.run(history_for, "dog", dog.id)
    assert [(c.field, c.new_value) for c in changes] == [("created", "Rex (PD101)")]
    assert set(ROLE_LABELS) == set(DogRole)


def test_dogs_are_listed_by_name_and_those_out_of_service_only_when_asked(
    workspace: Workspace, unit: uuid.UUID
) -> None:
    for name, out in (("zeus", None), ("Bella", date(2025, 6, 18)), ("Ace", date(2025, 7, 1))):
        workspace.act(save_dog, DogInput(name=name, site_id=unit, out_of_service_on=out))
    workspace.act(save_dog, DogInput(name="Pup", role=DogRole.TRAINEE, in_service_on=date(2025, 9, 1)))
    shown = workspace.run(list_dogs)
    assert [d.name for d in shown] == ["Ace", "Pup", "zeus"]
    assert {d.name: d.in_service for d in shown} == {"Ace": True, "Pup": False, "zeus": True}
    every = workspace.run(list_dogs, include_out_of_service=True)
    assert [d.name for d in every] == ["Ace", "Bella", "Pup", "zeus"]
    assert not next(d for d in every if d.name == "Bella").in_service


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"name": "  "}, "name", "Enter the dog's name."),
    ({"name": "R" * 81}, "name", "Keep it to 80 characters or fewer."),
    ({"collar_number": "9" * 31}, "collar_number", "Keep it to 30 characters or fewer."),
    ({"breed": "b" * 81}, "breed", "Keep it to 80 characters or fewer."),
    ({"kennel": "k" * 41}, "kennel", "Keep it to 40 characters or fewer."),
    ({"handler_reference": "h" * 41}, "handler_reference", "Keep it to 40 characters or fewer."),
    ({"notes": "n" * 20_001}, "notes", "Keep it to 20,000 characters or fewer."),
    ({"site_id": uuid.uuid4()}, "site_id", "Choose a site on the register."),
    ({"born_on": date(2025, 6, 19)}, "born_on", "The date of birth cannot be in the future."),
    ({"born_on": date(2021, 1, 2), "in_service_on": date(2021, 1, 1)}, "born_on",
     "The date of birth cannot be after the date the dog came into service."),
    ({"in_service_on": date(2021, 1, 2), "out_of_service_on": date(2021, 1, 1)}, "out_of_service_on",
     "The out-of-service date cannot be before the in-service date."),
])  # fmt: skip
def test_each_dog_rule_has_its_message_and_nothing_is_saved(
    workspace: Workspace, unit: uuid.UUID, changes: dict, field: str, message: str
) -> None:
    data = replace(DogInput(name="Rex", site_id=unit), **changes)
    assert errors_of(workspace, save_dog, data) == {field: message}
    assert count(workspace, Dog) == 0


def test_born_today_and_out_of_service_on_the_day_it_started_are_allowed(workspace: Workspace) -> None:
    dog = workspace.act(
        save_dog, DogInput(name="Pup", born_on=TODAY, in_service_on=TODAY, out_of_service_on=TODAY)
    )
    assert not dog.in_service


def test_a_collar_number_belongs_to_one_live_dog_ignoring_case(workspace: Workspace, unit: uuid.UUID) -> None:
    rex = workspace.act(save_dog, DogInput(name="Rex", collar_number="PD101", site_id=unit))
    assert errors_of(workspace, save_dog, DogInput(name="Max", collar_number="pd101")) == {
        "collar_number": "Rex already has collar number PD101."
    }
    workspace.act(save_dog, replace(rex.to_input(), row_version=rex.row_version, notes="kept"))
    workspace.act(delete_dog, rex.id)
    again = workspace.act(save_dog, DogInput(name="Max", collar_number="pd101"))
    assert again.collar_number == "pd101"
    two = workspace.act(save_dog, DogInput(name="Blue"))
    assert workspace.act(save_dog, DogInput(name="Red")).collar_number == two.collar_number == ""


def test_an_edit_writes_each_changed_field_and_the_site_by_name(
    workspace: Workspace, unit: uuid.UUID
) -> None:
    rex = workspace.act(save_dog, DogInput(name="Rex", site_id=unit))
    kennel = workspace.act(save_site, SiteInput(name="Home kennel HK-7", kind=SiteKind.HOME_KENNEL))
    edited = workspace.act(
        save_dog, replace(rex.to_input(), site_id=kennel.id, out_of_service_on=date(2025, 6, 1))
    )
    assert edited.site_name == "Home kennel HK-7" and not edited.in_service and edited.row_version == 2
    changes = [(c.field, c.old_value, c.new_value) for c in workspace.run(history_for, "dog", rex.id)]
    assert changes[1:] == [
        ("site_id", "Leicestershire Police Dog Unit", "Home kennel HK-7"),
        ("out_of_service_on", None, "2025-06-01"),
    ]


def test_a_stale_edit_is_a_conflict_and_a_deleted_dog_is_not_found(workspace: Workspace) -> None:
    rex = workspace.act(save_dog, DogInput(name="Rex"))
    workspace.act(save_dog, replace(rex.to_input(), breed="Malinois"))
    with pytest.raises(ConflictError):
        workspace.act(save_dog, replace(rex.to_input(), breed="Spaniel"))
    assert workspace.run(get_dog, rex.id).breed == "Malinois"
    workspace.act(delete_dog, rex.id)
    with pytest.raises(NotFoundError):
        workspace.act(save_dog, replace(rex.to_input(), row_version=None))
    with pytest.raises(NotFoundError):
        workspace.run(get_dog, rex.id)


# --- sites -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"name": ""}, "name", "Enter the site's name."),
    ({"name": "n" * 161}, "name", "Keep it to 160 characters or fewer."),
    ({"name": "leicestershire police dog unit"}, "name",
     "There is already a site called leicestershire police dog unit."),
    ({"address": "a" * 2001}, "address", "Keep it to 2,000 characters or fewer."),
    ({"notes": "a" * 20_001}, "notes", "Keep it to 20,000 characters or fewer."),
])  # fmt: skip
def test_each_site_rule_has_its_message(
    workspace: Workspace, unit: uuid.UUID, changes: dict, field: str, message: str
) -> None:
    data = replace(SiteInput(name="Kennel", kind=SiteKind.HOME_KENNEL), **changes)
    assert errors_of(workspace, save_site, data) == {field: message}
    assert count(workspace, AwsSite) == 1


def test_a_home_kennel_address_never_reaches_the_history_in_clear(workspace: Workspace) -> None:
    secret = "12 Acacia Avenue, Wigston"
    kennel = workspace.act(
        save_site, SiteInput(name="Home kennel HK-7", kind=SiteKind.HOME_KENNEL, address=secret)
    )
    edited = workspace.act(save_site, replace(kennel.to_input(), address="3 Elm Close"))
    workspace.act(save_site, replace(edited.to_input(), address=""))
    changes = workspace.run(history_for, "aws_site", kennel.id)
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [
        ("created", None, "Home kennel HK-7"),
        ("address", None, "(personal data changed)"),
        ("address", None, "(personal data removed)"),
    ]
    texts = workspace.run(lambda s: [(r.old_value, r.new_value) for r in s.scalars(select(ChangeRecord))])
    assert not any("Acacia" in (v or "") or "Elm" in (v or "") for pair in texts for v in pair)


def test_a_stale_site_edit_is_a_conflict(workspace: Workspace, unit: uuid.UUID) -> None:
    site = workspace.run(list_sites)[0]
    workspace.act(save_site, replace(site.to_input(), notes="Sandpit, pool and open space"))
    with pytest.raises(ConflictError):
        workspace.act(save_site, replace(site.to_input(), notes="stale"))


# --- vehicles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"call_sign": " "}, "call_sign", "Enter the van's call sign or fleet number."),
    ({"call_sign": "c" * 41}, "call_sign", "Keep it to 40 characters or fewer."),
    ({"call_sign": "dh1"}, "call_sign", "There is already a van with call sign dh1."),
    ({"description": "d" * 161}, "description", "Keep it to 160 characters or fewer."),
    ({"site_id": uuid.uuid4()}, "site_id", "Choose a site on the register."),
    ({"in_service_on": date(2024, 1, 2), "out_of_service_on": date(2024, 1, 1)}, "out_of_service_on",
     "The out-of-service date cannot be before the in-service date."),
])  # fmt: skip
def test_each_vehicle_rule_has_its_message(
    workspace: Workspace, unit: uuid.UUID, changes: dict, field: str, message: str
) -> None:
    workspace.act(save_vehicle, VehicleInput(call_sign="DH1", site_id=unit))
    data = replace(VehicleInput(call_sign="DH2", site_id=unit), **changes)
    assert errors_of(workspace, save_vehicle, data) == {field: message}
    assert len(workspace.run(list_vehicles, True)) == 1


def test_vans_are_listed_by_call_sign_with_their_service(workspace: Workspace, unit: uuid.UUID) -> None:
    workspace.act(save_vehicle, VehicleInput(call_sign="DH2", site_id=unit, heat_alarm=False))
    old = workspace.act(save_vehicle, VehicleInput(call_sign="DH1", out_of_service_on=date(2024, 1, 1)))
    assert [(v.call_sign, v.site_name, v.heat_alarm) for v in workspace.run(list_vehicles)] == [
        ("DH2", "Leicestershire Police Dog Unit", False)
    ]
    assert [v.call_sign for v in workspace.run(list_vehicles, True)] == ["DH1", "DH2"]
    assert not old.in_service
    edited = workspace.act(save_vehicle, replace(old.to_input(), description="Ford Transit"))
    assert [c.field for c in workspace.run(history_for, "dog_vehicle", old.id)] == ["created", "description"]
    assert edited.description == "Ford Transit"


# --- deleting ----------------------------------------------------------------------------------


def _visit_with(ws: Workspace, site_id: uuid.UUID, dog_id: uuid.UUID, reference: str) -> uuid.UUID:
    def add(session: Session) -> uuid.UUID:
        visit = AwsVisit(reference=reference, site_id=site_id, visited_on=date(2025, 6, 2))
        session.add(visit)
        session.flush()
        session.add(DogObservation(visit_id=visit.id, dog_id=dog_id))
        return visit.id

    return ws.run(add)


def test_a_dog_seen_on_a_visit_cannot_be_deleted(workspace: Workspace, unit: uuid.UUID) -> None:
    rex = workspace.act(save_dog, DogInput(name="Rex", site_id=unit))
    visit_id = _visit_with(workspace, unit, rex.id, "AWS-2025-0001")
    _visit_with(workspace, unit, rex.id, "AWS-2025-0002")
    with pytest.raises(ValidationError) as excinfo:
        workspace.act(delete_dog, rex.id)
    assert excinfo.value.errors == {
        "record": "Rex is used by 2 visit reports, so it cannot be deleted: "
        "give it an out-of-service date instead."
    }
    workspace.run(lambda s: setattr(s.get(AwsVisit, visit_id), "deleted_at", utc_now()))
    with pytest.raises(ValidationError, match="1 visit report,"):
        workspace.act(delete_dog, rex.id)


def test_a_dog_nobody_has_seen_is_soft_deleted_with_a_history_line(workspace: Workspace) -> None:
    rex = workspace.act(save_dog, DogInput(name="Rex"))
    workspace.act(delete_dog, rex.id)
    assert workspace.run(list_dogs, True) == []
    assert count(workspace, Dog) == 1, "a tombstone stays for syncing"
    assert [(c.field, c.old_value) for c in workspace.run(history_for, "dog", rex.id)][-1] == (
        "deleted",
        "Rex",
    )
    with pytest.raises(NotFoundError):
        workspace.act(delete_dog, rex.id)


def test_a_site_in_use_cannot_be_deleted_and_says_by_what(workspace: Workspace, unit: uuid.UUID) -> None:
    workspace.act(save_dog, DogInput(name="Rex", site_id=unit))
    workspace.act(save_dog, DogInput(name="Max", site_id=unit))
    workspace.act(save_vehicle, VehicleInput(call_sign="DH1", site_id=unit))
    workspace.run(lambda s: s.add(AwsSlot(site_id=unit, month=date(2025, 7, 1))))
    with pytest.raises(ValidationError) as excinfo:
        workspace.act(delete_site, unit)
    assert excinfo.value.errors["record"] == (
        "Leicestershire Police Dog Unit is used by 2 dogs, 1 van and 1 scheduled visit, so it cannot be "
        "deleted: make it inactive instead."
    )
    assert workspace.run(dog_unit_site_id) == unit


def test_an_unused_site_and_a_van_are_soft_deleted(workspace: Workspace, unit: uuid.UUID) -> None:
    spare = workspace.act(save_site, SiteInput(name="Spare", kind=SiteKind.OTHER))
    van = workspace.act(save_vehicle, VehicleInput(call_sign="DH1"))
    workspace.act(delete_site, spare.id)
    workspace.act(delete_vehicle, van.id)
    assert [s.name for s in workspace.run(list_sites)] == ["Leicestershire Police Dog Unit"]
    assert workspace.run(list_vehicles, True) == []
    assert workspace.run(history_for, "dog_vehicle", van.id)[-1].field == "deleted"
    with pytest.raises(NotFoundError):
        workspace.act(delete_vehicle, van.id)
