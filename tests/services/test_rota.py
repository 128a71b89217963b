"""The rota in the database: generate, list, hand edits, closing slots, statistics and export."""

from __future__ import annotations

import csv
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import CustodySuite, RotaSlot, SchemeMembership, Volunteer
from pcc_desktop.models.custody import SlotStatus
from pcc_desktop.models.volunteer import MembershipStatus, Scheme
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.history import history_for
from pcc_desktop.services.rota import (
    assign_slot,
    available_volunteers,
    close_slot,
    export_rota,
    generate_rota,
    list_slots,
    rota_statistics,
    window_text,
)
from pcc_desktop.services.rota_planner import RotaRules
from pcc_desktop.services.workspace import Workspace

START = date(2025, 6, 30)  # the Monday after "today" (18/06/2025 is pinned)
END = START + timedelta(weeks=13) - timedelta(days=1)


def add_volunteers(ws: Workspace, count: int, **kwargs: object) -> list[uuid.UUID]:
    """Active ICV volunteers VOL-2025-0001…, started in January."""

    def add(session: Session) -> list[uuid.UUID]:
        people = []
        for i in range(count):
            person = Volunteer(reference=f"VOL-2025-{i + 1:04d}", name=f"Visitor {i + 1:02d}", **kwargs)
            person.memberships.append(
                SchemeMembership(
                    scheme=Scheme.ICV, status=MembershipStatus.ACTIVE, started_on=date(2025, 1, 6)
                )
            )
            session.add(person)
            people.append(person)
        session.flush()
        return [p.id for p in people]

    return ws.run(add)


@pytest.fixture
def team(seeded: Workspace) -> list[uuid.UUID]:
    """Thirty volunteers in the seeded workspace (three custody suites)."""
    return add_volunteers(seeded, 30)


def slots_of(ws: Workspace) -> list[RotaSlot]:
    """Every live slot, in time order."""
    return ws.run(
        lambda s: list(
            s.scalars(select(RotaSlot).where(RotaSlot.deleted_at.is_(None)).order_by(RotaSlot.window_starts))
        )
    )


def test_generate_a_quarter(seeded: Workspace, team: list[uuid.UUID]) -> None:
    result = seeded.act(generate_rota, START, 13, RotaRules(seed=1))
    assert (result.slots_created, result.unfilled, result.warnings) == (39, 0, ())
    assert result.label == "Rota 30/06/2025–28/09/2025"
    rows = seeded.run(list_slots, START, END)
    assert len(rows) == 39
    assert {r.suite_name for r in rows} == {"Beaumont Leys", "Euston Street", "Keyham Lane"}
    assert all(r.status == SlotStatus.SCHEDULED and r.volunteer_a_name and r.volunteer_b_name for r in rows)
    first = rows[0]
    assert first.window_starts.tzinfo is not None
    assert first.window_text == window_text(first.window_starts, first.window_ends)
    assert first.volunteers == f"{first.volunteer_a_name} and {first.volunteer_b_name}"
    one_suite = seeded.run(list_slots, START, END, rows[0].suite_id)
    assert len(one_suite) == 13


def test_windows_are_planned_in_london_time(seeded: Workspace, team: list[uuid.UUID]) -> None:
    seeded.act(generate_rota, START, 13, RotaRules(seed=2))
    for slot in slots_of(seeded):
        # British Summer Time: a 07:00 London window opens at 06:00 UTC
        assert slot.window_starts.hour in {6, 10, 14, 18, 21}
    assert window_text(datetime(2025, 1, 14, 19, tzinfo=UTC), datetime(2025, 1, 14, 22, tzinfo=UTC)) == (
        "Tue 14/01 19:00–22:00"
    )


def test_generate_checks_the_request(seeded: Workspace, team: list[uuid.UUID]) -> None:
    with pytest.raises(ValidationError) as caught:
        seeded.act(
            generate_rota, START + timedelta(days=1), 0, RotaRules(no_repeat_rounds=-1, window_hours=0)
        )
    assert set(caught.value.errors) == {"start", "weeks", "no_repeat_rounds", "window_hours"}


def test_overlapping_rota_is_refused_unless_replacing(seeded: Workspace, team: list[uuid.UUID]) -> None:
    seeded.act(generate_rota, START, 4, RotaRules(seed=1))
    before = {s.id for s in slots_of(seeded)}
    with pytest.raises(ValidationError) as caught:
        seeded.act(generate_rota, START + timedelta(weeks=2), 4, RotaRules(seed=2))
    assert "already scheduled" in caught.value.errors["start"]
    result = seeded.act(
        generate_rota, START + timedelta(weeks=2), 4, RotaRules(seed=2), replace_scheduled=True
    )
    assert result.slots_created == 12
    after = slots_of(seeded)
    assert len(after) == 6 + 12
    assert len(before & {s.id for s in after}) == 6
    gone = next(iter(before - {s.id for s in after}))
    assert [h.field for h in seeded.run(history_for, "rota_slot", gone)] == ["created", "deleted"]


def test_the_previous_rota_counts_for_the_rules(seeded: Workspace) -> None:
    add_volunteers(seeded, 6)
    seeded.act(generate_rota, START, 1, RotaRules(seed=1))
    seeded.act(generate_rota, START + timedelta(weeks=1), 1, RotaRules(seed=1))
    slots = slots_of(seeded)
    first = {frozenset((s.volunteer_a_id, s.volunteer_b_id)) for s in slots[:3]}
    second = {frozenset((s.volunteer_a_id, s.volunteer_b_id)) for s in slots[3:] if s.volunteer_a_id}
    assert not first & second
    where = {(v, s.suite_id) for s in slots[:3] for v in (s.volunteer_a_id, s.volunteer_b_id)}
    assert not where & {(v, s.suite_id) for s in slots[3:] for v in (s.volunteer_a_id, s.volunteer_b_id)}


def test_only_available_volunteers_are_rostered(seeded: Workspace) -> None:
    ok = add_volunteers(seeded, 8)

    def add_unavailable(session: Session) -> None:
        lapsed = Volunteer(
            reference="VOL-2025-0100", name="Lapsed Vetting", vetting_expires_on=date(2025, 6, 1)
        )
        lapsed.memberships.append(
            SchemeMembership(scheme=Scheme.ICV, status=MembershipStatus.ACTIVE, started_on=date(2025, 1, 1))
        )
        future = Volunteer(reference="VOL-2025-0101", name="Starts Later")
        future.memberships.append(
            SchemeMembership(scheme=Scheme.ICV, status=MembershipStatus.ACTIVE, started_on=date(2025, 8, 1))
        )
        aws = Volunteer(reference="VOL-2025-0102", name="Dog Unit Only")
        aws.memberships.append(
            SchemeMembership(scheme=Scheme.AWS, status=MembershipStatus.ACTIVE, started_on=date(2025, 1, 1))
        )
        left = Volunteer(reference="VOL-2025-0103", name="Has Left")
        left.memberships.append(
            SchemeMembership(
                scheme=Scheme.ICV,
                status=MembershipStatus.ACTIVE,
                started_on=date(2024, 1, 1),
                ended_on=date(2025, 5, 1),
            )
        )
        session.add_all([lapsed, future, aws, left])

    seeded.run(add_unavailable)
    assert {v.id for v in seeded.run(available_volunteers, START)} == set(ok)


def test_too_few_volunteers_leaves_gaps_and_warns(seeded: Workspace) -> None:
    add_volunteers(seeded, 3)
    result = seeded.act(generate_rota, START, 2, RotaRules(seed=1))
    assert result.slots_created == 6
    assert result.unfilled >= 4
    assert result.warnings
    assert any(r.volunteers == "(no pair yet)" for r in seeded.run(list_slots, START, END))


def test_assign_by_hand(seeded: Workspace, team: list[uuid.UUID]) -> None:
    seeded.act(generate_rota, START, 4, RotaRules(seed=3))
    rows = seeded.run(list_slots, START, END)
    target = rows[0]
    used_week_one = {v for r in rows[:3] for v in (r.volunteer_a_id, r.volunteer_b_id)}
    used_weeks_0_1 = used_week_one | {v for r in rows[3:6] for v in (r.volunteer_a_id, r.volunteer_b_id)}
    free = [v for v in team if v not in used_weeks_0_1]
    row = seeded.act(assign_slot, target.id, free[0], free[1])
    assert (row.volunteer_a_id, row.volunteer_b_id) == (free[0], free[1])
    fields = [h.field for h in seeded.run(history_for, "rota_slot", target.id)]
    assert fields == ["created", "volunteer_a_id", "volunteer_b_id"]
    cleared = seeded.act(assign_slot, target.id, None, None)
    assert cleared.volunteers == "(no pair yet)"


def test_hand_edits_keep_the_rules(seeded: Workspace, team: list[uuid.UUID]) -> None:
    seeded.act(generate_rota, START, 4, RotaRules(seed=3))
    rows = seeded.run(list_slots, START, END)
    week0, week1 = rows[:3], rows[3:6]
    target = week0[0]
    with pytest.raises(ValidationError) as caught:
        seeded.act(assign_slot, target.id, team[0], team[0])
    assert caught.value.errors["volunteer_b_id"] == "Choose two different volunteers."
    with pytest.raises(ValidationError) as caught:
        seeded.act(assign_slot, target.id, team[0], None)
    assert "pairs" in caught.value.errors["volunteer_b_id"]
    busy = week0[1].volunteer_a_id
    with pytest.raises(ValidationError) as caught:
        seeded.act(assign_slot, target.id, busy, target.volunteer_b_id)
    assert "already has a visit that week" in caught.value.errors["volunteer_a_id"]
    pair = (week1[0].volunteer_a_id, week1[0].volunteer_b_id)
    with pytest.raises(ValidationError) as caught:
        seeded.act(assign_slot, target.id, *pair)
    assert any("paired" in m or "this suite" in m for m in caught.value.errors.values())
    with pytest.raises(NotFoundError):
        seeded.act(assign_slot, uuid.uuid4(), None, None)


def test_an_unavailable_volunteer_cannot_be_assigned(seeded: Workspace, team: list[uuid.UUID]) -> None:
    seeded.act(generate_rota, START, 1, RotaRules(seed=3))

    def add_stranger(session: Session) -> uuid.UUID:
        stranger = Volunteer(reference="VOL-2025-0999", name="Not Appointed")  # no ICV membership
        session.add(stranger)
        session.flush()
        return stranger.id

    stranger = seeded.run(add_stranger)
    target = seeded.run(list_slots, START, END)[0]
    with pytest.raises(ValidationError) as caught:
        seeded.act(assign_slot, target.id, stranger, target.volunteer_b_id)
    assert "Not an active" in caught.value.errors["volunteer_a_id"]


def test_close_slots_with_reasons(seeded: Workspace, team: list[uuid.UUID]) -> None:
    seeded.act(generate_rota, date(2025, 6, 2), 2, RotaRules(seed=4))  # in the past: both weeks done
    rows = seeded.run(list_slots, date(2025, 6, 2), date(2025, 6, 15))
    with pytest.raises(ValidationError) as caught:
        seeded.act(close_slot, rows[0].id, SlotStatus.MISSED)
    assert caught.value.errors == {"reason": "Say why the visit is missed."}
    missed = seeded.act(close_slot, rows[0].id, SlotStatus.MISSED, "  Volunteer unwell  ")
    assert (missed.status, missed.reason, missed.status_label) == (
        SlotStatus.MISSED,
        "Volunteer unwell",
        "Missed",
    )
    seeded.act(close_slot, rows[1].id, SlotStatus.CANCELLED, "Suite closed for refurbishment")
    seeded.act(close_slot, rows[2].id, SlotStatus.COMPLETED)
    with pytest.raises(ValidationError) as caught:
        seeded.act(close_slot, rows[2].id, SlotStatus.COMPLETED)
    assert "already completed" in caught.value.errors["status"]
    with pytest.raises(ValidationError) as caught:
        seeded.act(assign_slot, rows[2].id, None, None)
    assert "status" in caught.value.errors
    reopened = seeded.act(close_slot, rows[0].id, SlotStatus.SCHEDULED, "Recorded against the wrong suite")
    assert reopened.status == SlotStatus.SCHEDULED
    statuses = [h.new_value for h in seeded.run(history_for, "rota_slot", rows[0].id) if h.field == "status"]
    assert statuses == ["missed", "scheduled"]


def test_future_slots_cannot_be_missed_or_completed(seeded: Workspace, team: list[uuid.UUID]) -> None:
    seeded.act(generate_rota, START, 1, RotaRules(seed=4))
    row = seeded.run(list_slots, START, END)[0]
    with pytest.raises(ValidationError) as caught:
        seeded.act(close_slot, row.id, SlotStatus.MISSED, "Too early")
    assert "cannot be missed yet" in caught.value.errors["status"]
    assert (
        seeded.act(close_slot, row.id, SlotStatus.CANCELLED, "Visits suspended").status
        == SlotStatus.CANCELLED
    )


def test_statistics(seeded: Workspace, team: list[uuid.UUID]) -> None:
    first = date(2025, 5, 26)
    seeded.act(generate_rota, first, 3, RotaRules(seed=5))  # 9 slots, all before today but the last week's
    rows = seeded.run(list_slots, first, first + timedelta(days=20))
    for row in rows[:5]:
        seeded.act(close_slot, row.id, SlotStatus.COMPLETED)
    seeded.act(close_slot, rows[5].id, SlotStatus.MISSED, "No show")
    seeded.act(close_slot, rows[6].id, SlotStatus.CANCELLED, "Suite closed")
    stats = seeded.run(rota_statistics, first, first + timedelta(days=20))
    assert (stats.scheduled, stats.completed, stats.missed, stats.cancelled, stats.open) == (9, 5, 1, 1, 2)
    assert stats.achieved_pct == round(100 * 5 / 8, 1)
    suite = rows[0].suite_id
    assert seeded.run(rota_statistics, first, first + timedelta(days=20), suite).scheduled == 3
    empty = seeded.run(rota_statistics, date(2024, 1, 1), date(2024, 1, 31))
    assert (empty.scheduled, empty.achieved_pct) == (0, None)


def test_suite_visit_standard_and_open_dates(seeded: Workspace, team: list[uuid.UUID]) -> None:
    def adjust(session: Session) -> None:
        suites = {s.name: s for s in session.scalars(select(CustodySuite))}
        suites["Euston Street"].visits_per_week = 2
        suites["Keyham Lane"].active_to = START + timedelta(days=6)

    seeded.run(adjust)
    result = seeded.act(generate_rota, START, 4, RotaRules(seed=6))
    rows = seeded.run(list_slots, START, END)
    per_suite = {
        name: sum(r.suite_name == name for r in rows)
        for name in ("Beaumont Leys", "Euston Street", "Keyham Lane")
    }
    assert per_suite == {"Beaumont Leys": 4, "Euston Street": 8, "Keyham Lane": 1}
    assert result.slots_created == 13


def test_export_csv_and_excel(seeded: Workspace, team: list[uuid.UUID], tmp_path: Path) -> None:
    seeded.act(generate_rota, START, 2, RotaRules(seed=7))
    rows = seeded.run(list_slots, START, END)
    assert export_rota(rows, tmp_path / "rota.csv") == 6
    with (tmp_path / "rota.csv").open(encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:3] == ["Suite", "Window", "Volunteer A"]
    assert lines[1][1] == rows[0].window_text
    assert export_rota(rows, tmp_path / "rota.xlsx") == 6
    assert (tmp_path / "rota.xlsx").stat().st_size > 0
