"""Expiry alerts: vetting and terms of active members, banded at 60/30/7 days, soonest first."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from pcc_desktop.models import MembershipStatus, Scheme, VettingLevel
from pcc_desktop.services.volunteer_alerts import expiry_alerts
from pcc_desktop.services.volunteers import MembershipInput, VolunteerInput, create_volunteer, set_membership
from pcc_desktop.services.workspace import Workspace

TODAY = date(2025, 6, 18)
ACTIVE = MembershipStatus.ACTIVE


def _vetted(
    ws: Workspace, name: str, days: int, status=ACTIVE, scheme=Scheme.ICV, term: int | None = None
) -> uuid.UUID:
    data = VolunteerInput(
        name=name, vetting_level=VettingLevel.HIGHER, vetting_expires_on=TODAY + timedelta(days=days)
    )
    detail = ws.act(create_volunteer, data)
    assert detail.id is not None
    term_ends = TODAY + timedelta(days=term) if term is not None else None
    started = date(2015, 1, 1)
    ended = date(2024, 1, 1) if status == MembershipStatus.LEFT else None
    ws.act(set_membership, detail.id, MembershipInput(scheme, status, started, ended, term_ends))
    return detail.id


def test_bands_at_60_30_7_and_expired(workspace: Workspace) -> None:
    for name, days in (("A", 61), ("B", 60), ("C", 31), ("D", 30), ("E", 8), ("F", 7), ("G", 0), ("H", -1)):
        _vetted(workspace, name, days)
    alerts = workspace.run(expiry_alerts)
    assert [(a.name, a.days_left, a.band) for a in alerts] == [
        ("H", -1, "expired"),
        ("G", 0, 7),
        ("F", 7, 7),
        ("E", 8, 30),
        ("D", 30, 30),
        ("C", 31, 60),
        ("B", 60, 60),
    ]
    assert {a.what for a in alerts} == {"Vetting"}
    assert alerts[0].reference.startswith("VOL-2025-")
    assert alerts[0].expires_on == TODAY - timedelta(days=1)


def test_terms_alert_per_scheme(workspace: Workspace) -> None:
    vid = _vetted(workspace, "Pat", 400, term=5)
    workspace.act(
        set_membership,
        vid,
        MembershipInput(Scheme.AWS, ACTIVE, date(2020, 1, 1), term_ends_on=TODAY + timedelta(days=45)),
    )
    alerts = workspace.run(expiry_alerts)
    assert [(a.what, a.band, a.volunteer_id) for a in alerts] == [("ICV term", 7, vid), ("AWS term", 60, vid)]


def test_only_active_members_are_alerted(workspace: Workspace) -> None:
    _vetted(workspace, "Left", 3, status=MembershipStatus.LEFT, term=3)
    _vetted(workspace, "Applicant", 3, status=MembershipStatus.APPLICANT, term=3)
    _vetted(workspace, "Inactive", 3, status=MembershipStatus.INACTIVE)
    assert workspace.run(expiry_alerts) == []


def test_another_day_and_windows(workspace: Workspace) -> None:
    _vetted(workspace, "Kim", 20)
    assert workspace.run(expiry_alerts, TODAY + timedelta(days=15))[0].band == 7
    assert workspace.run(expiry_alerts, TODAY, (10,)) == []
    assert workspace.run(expiry_alerts, TODAY, (90, 21))[0].band == 21
