"""Engagements: validation, references, status moves, history, councillor contacts, list and NPA defaults."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from pcc_desktop.models import (
    AreaKind,
    AttendeeType,
    ChangeRecord,
    EngagementLead,
    EngagementStatus,
    EngagementType,
    OriginKind,
)
from pcc_desktop.services.actions import ActionInput, create_action
from pcc_desktop.services.engagements import (
    ATTENDEE_LABELS,
    ENGAGEMENT_TYPE_LABELS,
    INITIATED_BY_LABELS,
    LEAD_LABELS,
    RAISED_BY_LABELS,
    RELAYED_TO_LABELS,
    SENTIMENT_LABELS,
    STATUS_LABELS,
    CouncillorContactData,
    EngagementFilter,
    EngagementInput,
    add_councillor_contact,
    create_engagement,
    default_npa,
    delete_engagement,
    engagement_input,
    get_engagement,
    list_engagements,
    remove_councillor_contact,
    set_status,
    update_councillor_contact,
    update_engagement,
)
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.feedback import FeedbackInput, add_feedback
from pcc_desktop.services.history import history_for
from pcc_desktop.services.reference_data import AreaData, list_areas, list_organisations, save_area
from pcc_desktop.services.workspace import Workspace
from tests.conftest import TODAY, new_staff


def area_id(ws: Workspace, name: str, kind: AreaKind | None = None) -> uuid.UUID:
    """The id of a seeded area."""
    found = [a for a in ws.run(list_areas, kind) if a.name == name]
    assert found and found[0].id is not None
    return found[0].id


def community_day(ws: Workspace, **changes: object) -> EngagementInput:
    """A valid planned community day in Loughborough next week."""
    base = EngagementInput(
        kind=EngagementType.COMMUNITY_DAY,
        held_on=TODAY + timedelta(days=8),
        area_id=area_id(ws, "Loughborough", AreaKind.PLACE),
        place_name="Loughborough Market Place",
        reason="Weekly programme",
    )
    return replace(base, **changes)


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    """The field messages of a ValidationError."""
    return exc.value.errors


def all_history(ws: Workspace) -> list[ChangeRecord]:
    """Every change record in the database."""
    return ws.run(lambda s: list(s.scalars(select(ChangeRecord))))


# --- labels --------------------------------------------------------------------------------------


def test_every_enum_member_has_a_plain_english_label() -> None:
    from pcc_desktop.models import InitiatedBy, RaisedBy, RelayedTo, Sentiment

    for labels, enum_cls in (
        (ENGAGEMENT_TYPE_LABELS, EngagementType),
        (STATUS_LABELS, EngagementStatus),
        (LEAD_LABELS, EngagementLead),
        (INITIATED_BY_LABELS, InitiatedBy),
        (ATTENDEE_LABELS, AttendeeType),
        (SENTIMENT_LABELS, Sentiment),
        (RAISED_BY_LABELS, RaisedBy),
        (RELAYED_TO_LABELS, RelayedTo),
    ):
        assert set(labels) == set(enum_cls)
        assert all(label and "_" not in label for label in labels.values())
    assert ENGAGEMENT_TYPE_LABELS[EngagementType.COMMUNITY_DAY] == "Community day"


# --- create and the detail DTO -------------------------------------------------------------------


def test_create_gives_reference_npa_names_attendance_and_history(seeded: Workspace) -> None:
    lead = new_staff(seeded, "Sam Lead")
    orgs = [o for o in seeded.run(list_organisations) if o.name.startswith("NPA Commander")][:2]
    data = community_day(
        seeded,
        lead=EngagementLead.STAFF,
        lead_staff_id=lead,
        starts_at=time(10),
        ends_at=time(15, 30),
        latitude=52.77,
        longitude=-1.2,
        organisation_ids=tuple(o.id for o in orgs),
        attendance=(
            (AttendeeType.RESIDENTS, 40),
            (AttendeeType.BUSINESSES, 0),
            (AttendeeType.COUNCILLORS, 3),
        ),
    )
    detail = seeded.act(create_engagement, data)
    assert detail.reference == "ENG-2025-0001"
    assert detail.status == EngagementStatus.PLANNED and detail.status_label == "Planned"
    assert detail.npa_name == "Charnwood"  # Loughborough counts towards Charnwood NPA
    assert detail.npa_id == area_id(seeded, "Charnwood", AreaKind.NPA)
    assert (detail.area_name, detail.place) == ("Loughborough", "Loughborough Market Place")
    assert (detail.lead_staff_name, detail.lead_label) == ("Sam Lead", "Sam Lead")
    assert detail.organisation_names == tuple(sorted(o.name for o in orgs))
    assert detail.attendance == ((AttendeeType.RESIDENTS, 40), (AttendeeType.COUNCILLORS, 3))
    assert detail.people_met == 43
    assert (detail.feedback_count, detail.actions_count, detail.row_version) == (0, 0, 1)
    assert detail.kind_label == "Community day"
    second = seeded.act(create_engagement, community_day(seeded, held_on=date(2026, 1, 8)))
    assert second.reference == "ENG-2026-0001"
    entries = seeded.run(history_for, "engagement", detail.id)
    assert [(e.field, e.new_value) for e in entries] == [("created", "ENG-2025-0001")]


def test_engagement_input_round_trips_from_the_detail(seeded: Workspace) -> None:
    data = community_day(seeded, attendance=((AttendeeType.RESIDENTS, 12),))
    detail = seeded.act(create_engagement, data)
    again = engagement_input(detail)
    assert again.attendance == ((AttendeeType.RESIDENTS, 12),)
    assert again.npa_id == detail.npa_id and again.place_name == data.place_name


def test_get_unknown_engagement_is_not_found(seeded: Workspace) -> None:
    with pytest.raises(NotFoundError):
        seeded.run(get_engagement, uuid.uuid4())


# --- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"held_on": None}, "held_on", "Enter the date"),
        ({"starts_at": time(14), "ends_at": time(13)}, "ends_at", "after the start"),
        ({"starts_at": time(14), "ends_at": time(14)}, "ends_at", "after the start"),
        ({"status": EngagementStatus.HELD}, "held_on", "future"),
        ({"status": EngagementStatus.CANCELLED}, "status", "Cancel"),
        ({"latitude": 91.0, "longitude": 0.0}, "latitude", "-90 and 90"),
        ({"latitude": 52.0, "longitude": -181.0}, "longitude", "-180 and 180"),
        ({"latitude": 52.0}, "longitude", "both"),
        ({"longitude": -1.0}, "latitude", "both"),
        ({"attendance": ((AttendeeType.RESIDENTS, -1),)}, "attendance", "0 to 100,000"),
        ({"attendance": ((AttendeeType.RESIDENTS, 100_001),)}, "attendance", "0 to 100,000"),
        ({"attendance": ((AttendeeType.RESIDENTS, 1), (AttendeeType.RESIDENTS, 2))}, "attendance", "once"),
        ({"reason": "x" * 2001}, "reason", "2,000"),
        ({"notes": "x" * 20001}, "notes", "20,000"),
        ({"place_name": "x" * 201}, "place_name", "200"),
        ({"area_id": None, "place_name": "", "npa_id": None}, "place_name", "place"),
        ({"lead": EngagementLead.STAFF}, "lead_staff_id", "member of staff"),
        ({"debriefed_on": TODAY - timedelta(days=1)}, "debriefed_on", "held"),
        ({"intelligence_on": TODAY + timedelta(days=1)}, "intelligence_on", "future"),
    ],
)
def test_validation_names_the_field(
    seeded: Workspace, changes: dict[str, object], field: str, fragment: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        seeded.act(create_engagement, community_day(seeded, **changes))
    assert fragment in errors_of(exc)[field]
    assert [r for r in all_history(seeded) if r.entity_type == "engagement"] == []  # nothing written


def test_community_day_needs_an_npa_and_it_must_be_an_npa(seeded: Workspace) -> None:
    with pytest.raises(ValidationError) as exc:
        seeded.act(create_engagement, community_day(seeded, area_id=None, place_name="A village hall"))
    assert "NPA" in errors_of(exc)["npa_id"]
    district = area_id(seeded, "Charnwood", AreaKind.DISTRICT)
    with pytest.raises(ValidationError) as exc:
        seeded.act(create_engagement, community_day(seeded, npa_id=district))
    assert "Neighbourhood Policing Area" in errors_of(exc)["npa_id"]
    surgery = community_day(seeded, kind=EngagementType.SURGERY, area_id=None, place_name="Oakham Library")
    assert seeded.act(create_engagement, surgery).npa_id is None  # only community days need one


def test_a_held_engagement_in_the_past_can_be_recorded_with_its_debrief(seeded: Workspace) -> None:
    me = seeded.actor_id
    data = community_day(
        seeded,
        status=EngagementStatus.HELD,
        held_on=TODAY - timedelta(days=7),
        debriefed_on=TODAY - timedelta(days=8),
    )
    with pytest.raises(ValidationError) as exc:
        seeded.act(create_engagement, data)
    assert "before the engagement" in errors_of(exc)["debriefed_on"]
    detail = seeded.act(create_engagement, replace(data, debriefed_on=TODAY, debriefed_by_id=me))
    assert (detail.status, detail.debriefed_on, detail.debriefed_by_name) == (
        EngagementStatus.HELD,
        TODAY,
        "Alex Tester",
    )


# --- update, conflicts and history ---------------------------------------------------------------


def test_update_records_each_changed_field_with_names(seeded: Workspace) -> None:
    detail = seeded.act(create_engagement, community_day(seeded))
    oakham = area_id(seeded, "Oakham", AreaKind.PLACE)
    data = replace(
        engagement_input(detail),
        area_id=oakham,
        npa_id=None,
        place_name="Oakham Castle",
        attendance=((AttendeeType.RESIDENTS, 25),),
    )
    after = seeded.act(update_engagement, detail.id, data, expected_version=detail.row_version)
    assert after.npa_name == "Melton & Rutland"  # the NPA follows the new area when left empty
    changes = {e.field: (e.old_value, e.new_value) for e in seeded.run(history_for, "engagement", detail.id)}
    assert changes["area_id"] == ("Loughborough", "Oakham")
    assert changes["npa_id"] == ("Charnwood", "Melton & Rutland")
    assert changes["place_name"] == ("Loughborough Market Place", "Oakham Castle")
    assert changes["attendance"] == ("", "Residents 25")
    with pytest.raises(ConflictError):
        seeded.act(update_engagement, detail.id, data, expected_version=detail.row_version)


def test_update_keeps_the_status_and_an_unchanged_save_writes_no_history(seeded: Workspace) -> None:
    detail = seeded.act(create_engagement, community_day(seeded))
    data = replace(engagement_input(detail), status=EngagementStatus.HELD)
    after = seeded.act(update_engagement, detail.id, data)
    assert after.status == EngagementStatus.PLANNED
    assert [e.field for e in seeded.run(history_for, "engagement", detail.id)] == ["created"]


# --- status moves ---------------------------------------------------------------------------------


def test_status_moves_follow_the_rules(seeded: Workspace) -> None:
    future = seeded.act(create_engagement, community_day(seeded))
    with pytest.raises(ValidationError) as exc:
        seeded.act(set_status, future.id, EngagementStatus.HELD)
    assert "before its date" in errors_of(exc)["status"]
    with pytest.raises(ValidationError) as exc:
        seeded.act(set_status, future.id, EngagementStatus.CANCELLED, "  ")
    assert "why" in errors_of(exc)["reason"]
    cancelled = seeded.act(set_status, future.id, EngagementStatus.CANCELLED, "Pre-election period")
    assert cancelled.status == EngagementStatus.CANCELLED
    entry = seeded.run(history_for, "engagement", future.id)[-1]
    assert (entry.field, entry.old_value, entry.new_value, entry.reason) == (
        "status",
        "planned",
        "cancelled",
        "Pre-election period",
    )
    with pytest.raises(ValidationError) as exc:
        seeded.act(set_status, future.id, EngagementStatus.HELD)
    assert "can become planned" in errors_of(exc)["status"]
    assert seeded.act(set_status, future.id, EngagementStatus.PLANNED).status == EngagementStatus.PLANNED


def test_held_cannot_go_back_to_planned_once_feedback_exists(seeded: Workspace) -> None:
    detail = seeded.act(create_engagement, community_day(seeded, held_on=TODAY))
    seeded.act(set_status, detail.id, EngagementStatus.HELD)
    assert seeded.act(set_status, detail.id, EngagementStatus.PLANNED).status == EngagementStatus.PLANNED
    seeded.act(set_status, detail.id, EngagementStatus.HELD)
    seeded.act(add_feedback, detail.id, FeedbackInput(text="Speeding on the A6"))
    with pytest.raises(ValidationError) as exc:
        seeded.act(set_status, detail.id, EngagementStatus.PLANNED)
    assert "Feedback" in errors_of(exc)["status"]


# --- delete ----------------------------------------------------------------------------------------


def test_delete_needs_a_reason_and_is_refused_once_actions_were_raised(seeded: Workspace) -> None:
    detail = seeded.act(create_engagement, community_day(seeded, held_on=TODAY, status=EngagementStatus.HELD))
    item = seeded.act(add_feedback, detail.id, FeedbackInput(text="Parking outside the school"))
    with pytest.raises(ValidationError) as exc:
        seeded.act(delete_engagement, detail.id, "")
    assert "reason" in errors_of(exc)
    action = ActionInput(title="Ask the NPA about school parking", owner_id=seeded.actor_id, logged_on=TODAY)
    seeded.act(create_action, action)
    seeded.run(_link_action_to_feedback, item.id)
    assert seeded.run(get_engagement, detail.id).actions_count == 1
    with pytest.raises(ValidationError) as exc:
        seeded.act(delete_engagement, detail.id, "Entered twice")
    assert "1 action was raised" in errors_of(exc)["record"]


def _link_action_to_feedback(session, feedback_id: uuid.UUID) -> None:  # type: ignore[no-untyped-def]
    from pcc_desktop.models import Action

    action = session.scalars(select(Action)).one()
    action.origin_kind = OriginKind.FEEDBACK
    action.feedback_item_id = feedback_id


def test_delete_is_soft_and_hides_the_engagement_and_its_feedback(seeded: Workspace) -> None:
    detail = seeded.act(create_engagement, community_day(seeded, held_on=TODAY, status=EngagementStatus.HELD))
    seeded.act(add_feedback, detail.id, FeedbackInput(text="More patrols please"))
    seeded.act(delete_engagement, detail.id, "Entered twice")
    with pytest.raises(NotFoundError):
        seeded.run(get_engagement, detail.id)
    assert seeded.run(list_engagements).total == 0
    entry = seeded.run(history_for, "engagement", detail.id)[-1]
    assert (entry.field, entry.reason) == ("deleted", "Entered twice")
    from pcc_desktop.models import FeedbackItem

    assert all(f.deleted_at for f in seeded.run(lambda s: list(s.scalars(select(FeedbackItem)))))


# --- councillor contacts ---------------------------------------------------------------------------


def test_councillor_contacts_keep_the_name_out_of_the_history(seeded: Workspace) -> None:
    detail = seeded.act(create_engagement, community_day(seeded))
    with pytest.raises(ValidationError) as exc:
        seeded.act(add_councillor_contact, detail.id, CouncillorContactData(councillor_name="  "))
    assert "name" in errors_of(exc)["councillor_name"]
    with pytest.raises(ValidationError) as exc:
        seeded.act(
            add_councillor_contact,
            detail.id,
            CouncillorContactData(councillor_name="Cllr Jo Bloggs", contacted_on=TODAY + timedelta(days=1)),
        )
    assert "future" in errors_of(exc)["contacted_on"]
    contact = seeded.act(
        add_councillor_contact,
        detail.id,
        CouncillorContactData(councillor_name="Cllr Jo Bloggs", council="Charnwood", contacted_on=TODAY),
    )
    changed = replace(contact, councillor_name="Cllr Joanne Bloggs", views="Worried about speeding")
    updated = seeded.act(update_councillor_contact, contact.id, changed)
    assert updated.councillor_name == "Cllr Joanne Bloggs" and updated.row_version == 2
    with pytest.raises(ConflictError):
        seeded.act(update_councillor_contact, contact.id, changed)
    assert seeded.run(get_engagement, detail.id).councillor_contacts == (updated,)
    seeded.act(remove_councillor_contact, contact.id)
    assert seeded.run(get_engagement, detail.id).councillor_contacts == ()
    texts = [f"{r.old_value} {r.new_value}" for r in all_history(seeded)]
    assert not any("Bloggs" in t for t in texts)
    assert any("(personal data changed)" in t for t in texts)


# --- the list ---------------------------------------------------------------------------------------


def _make_list(ws: Workspace) -> dict[str, uuid.UUID]:
    made = {}
    for name, place, days, kind in (
        ("lough", "Loughborough", -30, EngagementType.COMMUNITY_DAY),
        ("oak", "Oakham", -10, EngagementType.COMMUNITY_DAY),
        ("surgery", "Oakham", -5, EngagementType.SURGERY),
        ("future", "Hinckley", 20, EngagementType.COMMUNITY_DAY),
    ):
        held = TODAY + timedelta(days=days)
        status = EngagementStatus.HELD if days < 0 else EngagementStatus.PLANNED
        data = EngagementInput(
            kind=kind,
            held_on=held,
            status=status,
            area_id=area_id(ws, place, AreaKind.PLACE),
            place_name=f"{place} {name}",
        )
        made[name] = ws.act(create_engagement, data).id
    return made


def test_list_filters(seeded: Workspace) -> None:
    made = _make_list(seeded)
    seeded.act(add_feedback, made["oak"], FeedbackInput(text="Rural crime"))
    seeded.act(add_feedback, made["oak"], FeedbackInput(text="Hare coursing"))

    def ids(**kwargs: object) -> set[uuid.UUID]:
        page = seeded.run(list_engagements, EngagementFilter(**kwargs))  # type: ignore[arg-type]
        assert page.total == len(page.rows)
        return {r.id for r in page.rows}

    assert ids() == set(made.values())
    assert ids(kinds=(EngagementType.SURGERY,)) == {made["surgery"]}
    assert ids(statuses=(EngagementStatus.PLANNED,)) == {made["future"]}
    assert ids(npa_id=area_id(seeded, "Melton & Rutland", AreaKind.NPA)) == {made["oak"], made["surgery"]}
    rutland = area_id(seeded, "Rutland County Council", AreaKind.LOCAL_AUTHORITY)
    assert ids(area_id=rutland) == {made["oak"], made["surgery"]}  # anywhere inside the area
    assert ids(date_from=TODAY - timedelta(days=10), date_to=TODAY) == {made["oak"], made["surgery"]}
    assert ids(text="LOUGHBOROUGH") == {made["lough"]}
    assert ids(text="hinckley") == {made["future"]}
    assert ids(text="100%") == set()
    seeded.act(
        update_engagement,
        made["lough"],
        replace(engagement_input(seeded.run(get_engagement, made["lough"])), debriefed_on=TODAY),
    )
    assert ids(undebriefed_only=True) == {made["oak"], made["surgery"]}
    row = next(r for r in seeded.run(list_engagements).rows if r.id == made["oak"])
    assert (row.feedback_count, row.actions_count, row.npa_name, row.kind_label, row.lead) == (
        2,
        0,
        "Melton & Rutland",
        "Community day",
        "Commissioner",
    )
    assert row.place == "Oakham oak" and row.status_label == "Held"


def test_list_sorts_and_pages(seeded: Workspace) -> None:
    made = _make_list(seeded)
    seeded.act(add_feedback, made["lough"], FeedbackInput(text="One"))
    newest = [r.id for r in seeded.run(list_engagements).rows]
    assert newest == [made["future"], made["surgery"], made["oak"], made["lough"]]
    oldest = [r.id for r in seeded.run(list_engagements, None, "held_on", False).rows]
    assert oldest == list(reversed(newest))
    by_kind = seeded.run(list_engagements, None, "kind", False).rows
    assert by_kind[0].kind == EngagementType.COMMUNITY_DAY and by_kind[-1].kind == EngagementType.SURGERY
    by_feedback = seeded.run(list_engagements, None, "feedback", True).rows
    assert by_feedback[0].id == made["lough"]
    by_place = [r.place for r in seeded.run(list_engagements, None, "place", False).rows]
    assert by_place == sorted(by_place, key=str.lower)
    for key in ("reference", "status", "npa", "lead", "actions", "debriefed_on", "nonsense"):
        assert len(seeded.run(list_engagements, None, key, True).rows) == 4
    page = seeded.run(list_engagements, None, "held_on", True, 1, 2)
    assert page.total == 4 and [r.id for r in page.rows] == newest[1:3]
    assert len(seeded.run(list_engagements, None, "held_on", True, 0, None).rows) == 4


# --- NPAs -------------------------------------------------------------------------------------------


def test_default_npa_walks_the_hierarchy(seeded: Workspace) -> None:
    charnwood = area_id(seeded, "Charnwood", AreaKind.NPA)
    assert seeded.run(default_npa, charnwood) == charnwood
    assert seeded.run(default_npa, area_id(seeded, "Loughborough", AreaKind.PLACE)) == charnwood
    assert seeded.run(default_npa, area_id(seeded, "Bell Foundry", AreaKind.PEOPLE_ZONE)) == charnwood
    west = area_id(seeded, "West Leicester", AreaKind.NPA)
    assert seeded.run(default_npa, area_id(seeded, "Beaumont Leys", AreaKind.PLACE)) == west
    county = area_id(seeded, "Leicestershire County Council", AreaKind.LOCAL_AUTHORITY)
    assert seeded.run(default_npa, county) is None
    assert seeded.run(default_npa, None) is None
    hamlet = seeded.act(
        save_area,
        AreaData(id=None, name="Quorn", kind=AreaKind.PLACE, parent_id=area_id(seeded, "Loughborough")),
    )
    assert seeded.run(default_npa, hamlet.id) == charnwood  # from the parent's NPA


def test_seeded_areas_count_towards_npas(seeded: Workspace) -> None:
    areas = seeded.run(list_areas)
    for area in areas:
        if area.kind in (AreaKind.PLACE, AreaKind.DISTRICT, AreaKind.PEOPLE_ZONE, AreaKind.CSP):
            assert area.npa_name, area.name
        else:
            assert area.npa_id is None, area.name
    named = {(a.kind, a.name): a.npa_name for a in areas}
    assert named[(AreaKind.PLACE, "Oakham")] == "Melton & Rutland"
    assert named[(AreaKind.PLACE, "Loughborough")] == "Charnwood"
    assert all(a.row_version == 1 for a in areas)


def test_save_area_checks_the_npa(seeded: Workspace) -> None:
    place = next(a for a in seeded.run(list_areas, AreaKind.PLACE) if a.name == "Oakham")
    district = area_id(seeded, "Melton", AreaKind.DISTRICT)
    with pytest.raises(ValidationError) as exc:
        seeded.act(save_area, replace(place, npa_id=district))
    assert "not a Neighbourhood Policing Area" in errors_of(exc)["npa_id"]
    npa = next(a for a in seeded.run(list_areas, AreaKind.NPA) if a.name == "Charnwood")
    with pytest.raises(ValidationError) as exc:
        seeded.act(save_area, replace(npa, npa_id=npa.id))
    assert "itself" in errors_of(exc)["npa_id"]
    with pytest.raises(ValidationError) as exc:
        seeded.act(save_area, replace(npa, kind=AreaKind.DISTRICT, parent_id=None))
    assert "count towards this NPA" in errors_of(exc)["kind"]
    moved = seeded.act(save_area, replace(place, npa_id=npa.id))
    assert (moved.npa_id, moved.npa_name) == (npa.id, "Charnwood")
