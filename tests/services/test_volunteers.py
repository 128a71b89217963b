"""Volunteer register: details, memberships, records, filters, who is available, no personal data kept."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from pcc_desktop.models import ChangeRecord, MembershipStatus, Scheme, VettingLevel
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.volunteer_records import (
    AwardInput,
    HoursInput,
    TrainingInput,
    add_award,
    add_hours,
    add_training,
    remove_award,
    remove_hours,
    remove_training,
)
from pcc_desktop.services.volunteers import (
    MembershipInput,
    VolunteerInput,
    active_volunteers,
    create_volunteer,
    get_volunteer,
    list_volunteers,
    set_membership,
    update_volunteer,
)
from pcc_desktop.services.workspace import Workspace

ACTIVE, LEFT = MembershipStatus.ACTIVE, MembershipStatus.LEFT
SECRETS = ("Jo Bloggs", "jo@example.org", "07700 900123", "1 High Street", "prefers mornings, knee")


def _new(ws: Workspace, name: str = "Jo Bloggs", **kwargs) -> uuid.UUID:
    detail = ws.act(create_volunteer, VolunteerInput(name=name, **kwargs))
    assert detail.id is not None
    return detail.id


def _member(ws: Workspace, vid: uuid.UUID, scheme=Scheme.ICV, status=ACTIVE, **kwargs) -> None:
    kwargs.setdefault("started_on", date(2020, 1, 1))
    ws.act(set_membership, vid, MembershipInput(scheme, status, **kwargs))


def _errors(ws: Workspace, fn, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        ws.act(fn, *args)
    return caught.value.errors


def _history_values(ws: Workspace) -> list[str]:
    rows = ws.run(lambda s: list(s.execute(select(ChangeRecord.old_value, ChangeRecord.new_value))))
    return [value for row in rows for value in row if value]


def test_create_issues_a_reference_and_reads_back(workspace: Workspace) -> None:
    first = workspace.act(create_volunteer, VolunteerInput(name="  Jo Bloggs ", email="jo@example.org"))
    second = workspace.act(create_volunteer, VolunteerInput(name="Sam Hill"))
    assert (first.reference, second.reference) == ("VOL-2025-0001", "VOL-2025-0002")
    detail = workspace.run(get_volunteer, first.id)
    assert detail.name == "Jo Bloggs" and detail.email == "jo@example.org"
    assert detail.memberships == () and detail.total_hours == 0 and detail.years_of_service == 0
    assert detail.to_input().name == "Jo Bloggs"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (VolunteerInput(name="  "), "name"),
        (VolunteerInput(name="x" * 161), "name"),
        (VolunteerInput(name="Jo", email="not-an-email"), "email"),
        (VolunteerInput(name="Jo", vetting_level=VettingLevel.HIGHER), "vetting_expires_on"),
        (VolunteerInput(name="Jo", vetting_level=VettingLevel.LOWER), "vetting_expires_on"),
        (VolunteerInput(name="Jo", vetting_expires_on=date(2026, 1, 1)), "vetting_level"),
        (VolunteerInput(name="Jo", phone="1" * 61), "phone"),
    ],
)
def test_volunteer_rules(workspace: Workspace, data: VolunteerInput, field: str) -> None:
    assert field in _errors(workspace, create_volunteer, data)


def test_expired_vetting_is_accepted(workspace: Workspace) -> None:
    vid = _new(workspace, vetting_level=VettingLevel.HIGHER, vetting_expires_on=date(2024, 1, 1))
    assert workspace.run(get_volunteer, vid).vetting_expires_on == date(2024, 1, 1)


def test_same_name_and_email_is_refused(workspace: Workspace) -> None:
    _new(workspace, email="jo@example.org")
    errors = _errors(workspace, create_volunteer, VolunteerInput(name="JO BLOGGS", email="Jo@Example.org"))
    assert "already on the register" in errors["name"]
    _new(workspace, email="other@example.org")  # same name, another email: another person


def test_update_records_history_without_personal_data(workspace: Workspace) -> None:
    vid = _new(workspace, name="Jo Bloggs", email="jo@example.org", phone="07700 900123")
    detail = workspace.run(get_volunteer, vid)
    changed = VolunteerInput(
        name="Joanna Bloggs",
        email="",
        phone="07700 900999",
        address="1 High Street",
        notes="prefers mornings, knee",
        vetting_level=VettingLevel.HIGHER,
        vetting_expires_on=date(2027, 3, 1),
        availability="Weekends",
    )
    after = workspace.act(update_volunteer, vid, changed, expected_version=detail.row_version)
    assert after.name == "Joanna Bloggs" and after.row_version > detail.row_version
    values = _history_values(workspace)
    for secret in (*SECRETS, "Joanna Bloggs", "07700 900999"):
        assert not any(secret in value for value in values)
    assert "(personal data changed)" in values and "(personal data removed)" in values
    assert "higher" in values and "Weekends" in values


def test_update_with_a_stale_version_is_a_conflict(workspace: Workspace) -> None:
    vid = _new(workspace)
    with pytest.raises(ConflictError):
        workspace.act(update_volunteer, vid, VolunteerInput(name="Jo"), expected_version=99)


def test_update_keeps_own_name_and_email(workspace: Workspace) -> None:
    vid = _new(workspace, email="jo@example.org")
    after = workspace.act(update_volunteer, vid, VolunteerInput(name="Jo Bloggs", email="jo@example.org"))
    assert after.email == "jo@example.org"


def test_unknown_volunteer_is_not_found(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError):
        workspace.run(get_volunteer, uuid.uuid4())


@pytest.mark.parametrize(
    ("membership", "field"),
    [
        (MembershipInput(Scheme.ICV, ACTIVE), "started_on"),
        (MembershipInput(Scheme.ICV, LEFT, started_on=date(2020, 1, 1)), "ended_on"),
        (MembershipInput(Scheme.ICV, LEFT, date(2020, 1, 1), ended_on=date(2019, 1, 1)), "ended_on"),
        (
            MembershipInput(Scheme.ICV, ACTIVE, date(2020, 1, 1), term_ends_on=date(2019, 12, 31)),
            "term_ends_on",
        ),
    ],
)
def test_membership_rules(workspace: Workspace, membership: MembershipInput, field: str) -> None:
    vid = _new(workspace)
    assert field in _errors(workspace, set_membership, vid, membership)


def test_one_membership_per_scheme_updated_in_place(workspace: Workspace) -> None:
    vid = _new(workspace)
    _member(workspace, vid, Scheme.ICV, MembershipStatus.APPLICANT, started_on=None)
    _member(workspace, vid, Scheme.AWS, ACTIVE, started_on=date(2018, 5, 1))
    _member(workspace, vid, Scheme.ICV, ACTIVE, started_on=date(2001, 6, 18), term_ends_on=date(2026, 6, 17))
    detail = workspace.run(get_volunteer, vid)
    assert [(m.scheme, m.status) for m in detail.memberships] == [(Scheme.ICV, ACTIVE), (Scheme.AWS, ACTIVE)]
    assert detail.memberships[0].scheme_label == "Independent Custody Visiting"
    assert detail.years_of_service == 24
    values = _history_values(workspace)
    assert "added" in values and "active" in values and "2001-06-18" in values


def test_years_of_service_stop_when_every_membership_ended(workspace: Workspace) -> None:
    vid = _new(workspace)
    _member(workspace, vid, status=LEFT, started_on=date(2010, 3, 1), ended_on=date(2020, 2, 28))
    assert workspace.run(get_volunteer, vid).years_of_service == 9


def test_training_awards_and_hours(workspace: Workspace) -> None:
    vid = _new(workspace)
    training = workspace.act(
        add_training, vid, TrainingInput("Trauma Informed Practice", date(2024, 3, 1), "OPCC")
    )
    award = workspace.act(add_award, vid, AwardInput("10 years' service", date(2023, 6, 22)))
    first = workspace.act(add_hours, vid, HoursInput(date(2025, 6, 1), 2.5, "panel meeting"))
    workspace.act(add_hours, vid, HoursInput(date(2025, 6, 2), 24))
    detail = workspace.run(get_volunteer, vid)
    assert [t.course for t in detail.training] == ["Trauma Informed Practice"]
    assert [a.name for a in detail.awards] == ["10 years' service"]
    assert detail.total_hours == 26.5
    workspace.act(remove_training, training.id, "entered twice")
    workspace.act(remove_award, award.id)
    workspace.act(remove_hours, first.id)
    detail = workspace.run(get_volunteer, vid)
    assert (detail.training, detail.awards, detail.total_hours) == ((), (), 24)
    with pytest.raises(NotFoundError):
        workspace.act(remove_hours, first.id)


@pytest.mark.parametrize(
    ("fn", "data", "field"),
    [
        (add_hours, HoursInput(date(2025, 6, 1), 0), "hours"),
        (add_hours, HoursInput(date(2025, 6, 1), -1), "hours"),
        (add_hours, HoursInput(date(2025, 6, 1), 24.5), "hours"),
        (add_hours, HoursInput(None, 2), "worked_on"),
        (add_hours, HoursInput(date(2025, 6, 19), 2), "worked_on"),
        (add_training, TrainingInput(" ", date(2025, 1, 1)), "course"),
        (add_training, TrainingInput("Induction", None), "completed_on"),
        (add_award, AwardInput("", date(2025, 1, 1)), "name"),
        (add_award, AwardInput("Certificate", date(2025, 7, 1)), "awarded_on"),
    ],
)
def test_record_rules(workspace: Workspace, fn, data, field: str) -> None:
    vid = _new(workspace)
    assert field in _errors(workspace, fn, vid, data)


def test_list_filters_in_sql(workspace: Workspace) -> None:
    ann = _new(workspace, "Ann Active", email="ann@example.org")
    _member(workspace, ann, Scheme.ICV, ACTIVE)
    bob = _new(workspace, "Bob Both")
    _member(workspace, bob, Scheme.ICV, MembershipStatus.IN_TRAINING, started_on=None)
    _member(workspace, bob, Scheme.AWS, ACTIVE)
    lee = _new(workspace, "Lee Left")
    _member(workspace, lee, Scheme.ICV, LEFT, ended_on=date(2024, 1, 1))
    _new(workspace, "Nia New")

    def names(**kwargs) -> list[str]:
        return [row.name for row in workspace.run(list_volunteers, **kwargs)]

    assert names() == ["Ann Active", "Bob Both", "Nia New"]
    assert names(include_left=True) == ["Ann Active", "Bob Both", "Lee Left", "Nia New"]
    assert names(scheme=Scheme.ICV) == ["Ann Active", "Bob Both"]
    assert names(scheme=Scheme.ICV, include_left=True) == ["Ann Active", "Bob Both", "Lee Left"]
    assert names(scheme=Scheme.ICV, statuses=[ACTIVE]) == ["Ann Active"]
    assert names(statuses=[ACTIVE]) == ["Ann Active", "Bob Both"]
    assert names(text="ANN@EX") == ["Ann Active"]
    assert names(text="vol-2025-0002") == ["Bob Both"]
    assert names(text="%") == []
    row = workspace.run(list_volunteers, text="Bob")[0]
    assert row.schemes_text == "ICV (In training), AWS (Active)"


def test_active_volunteers_for_the_rota(workspace: Workspace) -> None:
    higher = {"vetting_level": VettingLevel.HIGHER}
    ok = _new(workspace, "Ok Vetted", vetting_expires_on=date(2025, 6, 18), **higher)
    _member(workspace, ok, Scheme.ICV, ACTIVE)
    unvetted = _new(workspace, "Una Unvetted")
    _member(workspace, unvetted, Scheme.ICV, ACTIVE, ended_on=date(2025, 6, 18))
    expired = _new(workspace, "Exp Expired", vetting_expires_on=date(2025, 6, 17), **higher)
    _member(workspace, expired, Scheme.ICV, ACTIVE)
    for name, status in (
        ("Ina Inactive", MembershipStatus.INACTIVE),
        ("Tom Training", MembershipStatus.IN_TRAINING),
    ):
        _member(workspace, _new(workspace, name), Scheme.ICV, status)
    _member(workspace, _new(workspace, "Lee Left"), Scheme.ICV, LEFT, ended_on=date(2024, 1, 1))
    _member(workspace, _new(workspace, "Ended Early"), Scheme.ICV, ACTIVE, ended_on=date(2025, 6, 1))
    _member(workspace, _new(workspace, "Future Start"), Scheme.ICV, ACTIVE, started_on=date(2025, 7, 1))
    _member(workspace, _new(workspace, "Aws Only"), Scheme.AWS, ACTIVE)

    def names(scheme=Scheme.ICV, on=None) -> list[str]:
        return [row.name for row in workspace.run(active_volunteers, scheme, on)]

    assert names() == ["Ok Vetted", "Una Unvetted"]
    assert names(on=date(2025, 6, 19)) == []
    assert names(on=date(2025, 7, 1)) == ["Future Start"]
    assert names(on=date(2025, 5, 1)) == ["Ended Early", "Exp Expired", "Ok Vetted", "Una Unvetted"]
    assert names(Scheme.AWS) == ["Aws Only"]
    rows = workspace.run(active_volunteers, Scheme.ICV)
    assert all(row.vetting_valid_on() for row in rows)
