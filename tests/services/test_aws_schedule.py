"""The Dog Unit schedule: the pair rules (property-based), planning months, listing, hand edits, closing."""

from __future__ import annotations

import itertools
import uuid
from collections import Counter
from collections.abc import Hashable, Sequence
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    AwsSlot,
    AwsVisit,
    MembershipStatus,
    Scheme,
    SchemeMembership,
    SiteKind,
    SlotStatus,
    Volunteer,
)
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import clock
from pcc_desktop.services.aws_register import SiteInput, dog_unit_site_id, save_site, seed_dog_unit
from pcc_desktop.services.aws_schedule import (
    assign_pair,
    aws_volunteers,
    close_slot,
    get_slot,
    list_schedule,
    month_volunteers,
    months_text,
    next_free_month,
    plan_schedule,
    reopen_slot,
)
from pcc_desktop.services.aws_schedule_planner import (
    Candidate,
    MonthRequest,
    SchedulePlan,
    pair_of,
    plan_pairs,
    shift_month,
)
from pcc_desktop.services.aws_settings import set_visits_per_month
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.history import history_for
from pcc_desktop.services.workspace import Workspace

JULY = date(2025, 7, 1)
FIRST = date(2025, 1, 1)

# --- the planner on its own (no database) ------------------------------------------------------


def team_of(count: int, visits: Sequence[int] = ()) -> list[Candidate]:
    """Volunteers 100.. named V00..; the first ones start with the visits given."""
    loads = list(visits) + [0] * count
    return [Candidate(100 + i, f"V{i:02d}", loads[i]) for i in range(count)]


def assert_rules(
    plan: SchedulePlan, requests: Sequence[MonthRequest], existing: dict[date, set[frozenset[Hashable]]]
) -> None:
    """Every promise of the planner, checked on the finished plan."""
    assert [m for m, _ in plan.months] == sorted(r.month for r in requests)
    by_month = {r.month: r for r in requests}
    pairs_in = {m: set(p) for m, p in existing.items()}
    for month, pairs in plan.months:
        assert len(pairs) == by_month[month].slots
        people = [who for pair in pairs if pair for who in pair]
        assert len(people) == len(set(people)), "nobody twice in a month"
        assert set(people) <= by_month[month].eligible
        for pair in pairs:
            if pair is not None:
                assert pair[0] != pair[1]
        pairs_in.setdefault(month, set()).update(pair_of(*p) for p in pairs if p)
    for month, _ in plan.months:
        for pair in pairs_in[month]:
            assert pair not in pairs_in.get(shift_month(month, -1), set()), "same pair as the month before"
            assert pair not in pairs_in.get(shift_month(month, 1), set()), "same pair as the month after"
    if any(p is None for _, pairs in plan.months for p in pairs):
        assert plan.warnings


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Candidate], list[MonthRequest], dict[date, set]]:
    count = draw(st.integers(0, 12))
    team = team_of(count, draw(st.lists(st.integers(0, 6), max_size=count)))
    ids = [v.id for v in team]
    slots = draw(st.integers(1, 4))
    months = draw(st.lists(st.integers(0, 14), min_size=1, max_size=10, unique=True))
    requests = [
        MonthRequest(
            shift_month(FIRST, m),
            slots,
            frozenset(draw(st.lists(st.sampled_from(ids), unique=True)) if ids else ()),
        )
        for m in months
    ]
    existing: dict[date, set] = {}
    if len(ids) >= 2:
        for m in draw(st.lists(st.integers(-1, 15), max_size=6)):
            if m in months:
                continue
            a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            existing.setdefault(shift_month(FIRST, m), set()).add(pair_of(a, b))
    return team, requests, existing


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_no_plan_ever_breaks_a_pair_rule(scenario) -> None:
    team, requests, existing = scenario
    plan = plan_pairs(requests, team, existing)
    assert_rules(plan, requests, existing)


@settings(max_examples=150, deadline=None)
@given(
    count=st.integers(2, 16),
    slots=st.integers(1, 4),
    months=st.integers(1, 24),
    data=st.data(),
)
def test_every_visit_is_paired_and_the_load_shared_when_the_team_is_big_enough(
    count: int, slots: int, months: int, data: st.DataObject
) -> None:
    count = max(count, 2 * slots + 3)
    team = team_of(count)
    ids = [v.id for v in team]
    everyone = frozenset(ids)
    requests = [MonthRequest(shift_month(FIRST, m), slots, everyone) for m in range(months)]
    before = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
    existing = {shift_month(FIRST, -1): {pair_of(*before)}}
    plan = plan_pairs(requests, team, existing)
    assert_rules(plan, requests, existing)
    assert plan.warnings == []
    assert all(p is not None for _, pairs in plan.months for p in pairs)
    loads = [plan.loads().get(v, 0) for v in ids]
    assert max(loads) - min(loads) <= 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=6, max_size=6), st.permutations(range(6)))
def test_fewest_visits_go_first_and_the_order_given_changes_nothing(
    visits: list[int], order: list[int]
) -> None:
    team = team_of(6, visits)
    request = [MonthRequest(JULY, 1, frozenset(v.id for v in team))]
    plan = plan_pairs(request, team)
    shuffled = plan_pairs(request, [team[i] for i in order])
    assert plan.months == shuffled.months
    chosen = set(plan.months[0][1][0] or ())
    others = [v.visits for v in team if v.id not in chosen]
    assert max(v.visits for v in team if v.id in chosen) <= min(others)


def test_ties_go_to_whoever_visited_longest_ago_then_by_name() -> None:
    team = [
        Candidate("a", "Ann", 1, date(2025, 6, 1)),
        Candidate("b", "Bob", 1, date(2025, 3, 1)),
        Candidate("c", "Cat", 1, date(2025, 4, 1)),
        Candidate("d", "dan", 1, date(2025, 4, 1)),
    ]
    plan = plan_pairs([MonthRequest(JULY, 1, frozenset("abcd"))], team)
    assert plan.months == [(JULY, [("b", "c")])]


def test_two_volunteers_cannot_visit_two_months_running() -> None:
    team = team_of(2)
    everyone = frozenset(v.id for v in team)
    plan = plan_pairs([MonthRequest(shift_month(JULY, m), 1, everyone) for m in range(3)], team)
    assert [pairs for _, pairs in plan.months] == [[(100, 101)], [None], [(100, 101)]]
    assert plan.warnings == [
        "August 2025: 1 of 1 visits have no pair: too few visitors are free without repeating last "
        "month's pair or visiting twice in a month. Use Change pair… to pair it by hand."
    ]


def test_a_wider_set_is_used_only_when_the_fairest_cannot_be_paired() -> None:
    team = team_of(5)
    everyone = frozenset(v.id for v in team)
    # The fairest four (100-103) can be paired around last month's 100+101 and 102+103.
    existing = {date(2025, 6, 1): {pair_of(100, 101), pair_of(102, 103)}}
    plan = plan_pairs([MonthRequest(JULY, 2, everyone)], team, existing)
    assert plan.months == [(JULY, [(100, 102), (101, 103)])]


# --- the database: who may visit ---------------------------------------------------------------


def add_volunteers(
    ws: Workspace,
    count: int,
    scheme: Scheme = Scheme.AWS,
    status: MembershipStatus = MembershipStatus.ACTIVE,
    started_on: date | None = date(2024, 1, 1),
    ended_on: date | None = None,
    first: int = 1,
) -> list[uuid.UUID]:
    """Volunteers "Visitor NN" (VOL-2025-00NN) with one membership each."""

    def add(session: Session) -> list[uuid.UUID]:
        ids = []
        for n in range(first, first + count):
            person = Volunteer(reference=f"VOL-2025-{n:04d}", name=f"Visitor {n:02d}")
            session.add(person)
            session.flush()
            session.add(
                SchemeMembership(
                    volunteer_id=person.id,
                    scheme=scheme,
                    status=status,
                    started_on=started_on,
                    ended_on=ended_on,
                )
            )
            ids.append(person.id)
        return ids

    return ws.run(add)


@pytest.fixture
def unit(workspace: Workspace) -> uuid.UUID:
    workspace.run(seed_dog_unit)
    site_id = workspace.run(dog_unit_site_id)
    assert site_id is not None
    return site_id


@pytest.fixture
def team(workspace: Workspace, unit: uuid.UUID) -> list[uuid.UUID]:
    """Five active AWS visitors and the Dog Unit."""
    return add_volunteers(workspace, 5)


def test_active_aws_members_on_a_day(workspace: Workspace) -> None:
    active = add_volunteers(workspace, 1, first=1)
    no_start = add_volunteers(workspace, 1, started_on=None, first=2)
    add_volunteers(workspace, 1, scheme=Scheme.ICV, first=3)
    add_volunteers(workspace, 1, status=MembershipStatus.IN_TRAINING, first=4)
    add_volunteers(workspace, 1, started_on=date(2025, 7, 2), first=5)
    leaving = add_volunteers(workspace, 1, ended_on=date(2025, 7, 15), first=6)
    gone = add_volunteers(workspace, 1, first=7)
    workspace.run(lambda s: setattr(s.get(Volunteer, gone[0]), "deleted_at", utc_now()))
    on = [v.id for v in workspace.run(aws_volunteers, date(2025, 7, 1))]
    assert on == [*active, *no_start, *leaving]
    later = [v.name for v in workspace.run(aws_volunteers, date(2025, 7, 16))]
    assert later == ["Visitor 01", "Visitor 02", "Visitor 05"]
    july = [v.name for v in workspace.run(month_volunteers, JULY)]
    assert july == ["Visitor 01", "Visitor 02", "Visitor 05", "Visitor 06"]


# --- planning ----------------------------------------------------------------------------------


def slots_of(ws: Workspace) -> list[AwsSlot]:
    return ws.run(lambda s: list(s.scalars(select(AwsSlot).order_by(AwsSlot.month, AwsSlot.position))))


def test_six_months_are_planned_with_a_fair_pair_each(workspace: Workspace, team: list[uuid.UUID]) -> None:
    result = workspace.act(plan_schedule, JULY, 6)
    assert result.slots_created == 6 and result.warnings == () and result.skipped == ()
    assert result.months == tuple(shift_month(JULY, m) for m in range(6))
    slots = slots_of(workspace)
    pairs = [pair_of(s.volunteer_a_id, s.volunteer_b_id) for s in slots]
    assert all(len(p) == 2 for p in pairs)
    assert all(a != b for a, b in itertools.pairwise(pairs))
    assert sorted(Counter(v for p in pairs for v in p).values()) == [2, 2, 2, 3, 3]
    assert {s.position for s in slots} == {1} and {s.status for s in slots} == {SlotStatus.SCHEDULED}
    assert workspace.run(history_for, "aws_slot", slots[0].id)[0].new_value == "July 2025 #1"


def test_more_visits_a_month_gives_positions_and_nobody_twice_a_month(
    workspace: Workspace, team: list[uuid.UUID]
) -> None:
    workspace.act(set_visits_per_month, 2)
    workspace.act(plan_schedule, date(2025, 7, 20), 3)
    slots = slots_of(workspace)
    assert [(s.month, s.position) for s in slots] == [
        (shift_month(JULY, m), p) for m in range(3) for p in (1, 2)
    ]
    for month in {s.month for s in slots}:
        people = [v for s in slots if s.month == month for v in (s.volunteer_a_id, s.volunteer_b_id)]
        assert len(set(people)) == 4


def test_months_already_scheduled_are_skipped_and_their_pairs_not_repeated(
    workspace: Workspace, team: list[uuid.UUID]
) -> None:
    workspace.act(plan_schedule, JULY, 1)
    workspace.act(plan_schedule, shift_month(JULY, 2), 1)
    result = workspace.act(plan_schedule, date(2025, 6, 1), 5)
    assert result.slots_created == 3
    assert result.skipped == (JULY, date(2025, 9, 1))
    assert result.warnings == (
        "July 2025, September 2025 already have visits scheduled at Leicestershire Police Dog Unit, "
        "so they were left as they are.",
    )
    pairs = {s.month: pair_of(s.volunteer_a_id, s.volunteer_b_id) for s in slots_of(workspace)}
    months = sorted(pairs)
    assert all(pairs[a] != pairs[b] for a, b in itertools.pairwise(months))


def test_fewest_past_visits_go_first(workspace: Workspace, team: list[uuid.UUID], unit: uuid.UUID) -> None:
    def history(session: Session) -> None:
        for month in (date(2025, 3, 1), date(2025, 4, 1)):
            session.add(AwsSlot(site_id=unit, month=month, volunteer_a_id=team[0], volunteer_b_id=team[1]))
        session.add(
            AwsSlot(site_id=unit, month=date(2025, 5, 1), volunteer_a_id=team[2], volunteer_b_id=team[3])
        )
        session.add(
            AwsSlot(
                site_id=unit,
                month=date(2025, 5, 1),
                volunteer_a_id=team[4],
                volunteer_b_id=team[0],
                status=SlotStatus.CANCELLED,
            )
        )

    workspace.run(history)
    workspace.act(plan_schedule, JULY, 1)
    july = slots_of(workspace)[-1]
    assert {july.volunteer_a_id, july.volunteer_b_id} == {team[4], team[2]}


def test_someone_booked_at_another_site_that_month_is_not_planned(
    workspace: Workspace, team: list[uuid.UUID]
) -> None:
    venue = workspace.act(save_site, SiteInput(name="Training venue", kind=SiteKind.TRAINING_VENUE))
    workspace.act(plan_schedule, JULY, 1, venue.id)
    busy = slots_of(workspace)[0]
    workspace.act(plan_schedule, JULY, 1)
    unit_slot = next(s for s in slots_of(workspace) if s.site_id != venue.id)
    assert not {busy.volunteer_a_id, busy.volunteer_b_id} & {
        unit_slot.volunteer_a_id,
        unit_slot.volunteer_b_id,
    }


def test_leavers_and_joiners_mid_month_are_not_planned_into_that_month(
    workspace: Workspace, unit: uuid.UUID
) -> None:
    add_volunteers(workspace, 2, first=1)
    add_volunteers(workspace, 1, ended_on=date(2025, 7, 20), first=3)
    add_volunteers(workspace, 1, started_on=date(2025, 7, 2), first=4)
    workspace.act(plan_schedule, JULY, 1)
    row = workspace.run(list_schedule, JULY, JULY)[0]
    assert {row.volunteer_a_name, row.volunteer_b_name} == {"Visitor 01", "Visitor 02"}


def test_with_fewer_than_two_visitors_slots_are_made_without_a_pair(
    workspace: Workspace, unit: uuid.UUID
) -> None:
    add_volunteers(workspace, 1)
    result = workspace.act(plan_schedule, JULY, 3)
    assert result.slots_created == 3
    assert result.warnings == (
        "Fewer than two Animal Welfare Scheme visitors are active, so the visits were scheduled without a "
        "pair. Use Change pair… to pair each visit by hand.",
    )
    assert all(s.volunteer_a_id is None and s.volunteer_b_id is None for s in slots_of(workspace))


@pytest.mark.parametrize(("first", "months", "field", "message"), [
    (JULY, 0, "months", "Plan between 1 and 24 months."),
    (JULY, 25, "months", "Plan between 1 and 24 months."),
    (date(2025, 5, 31), 6, "first_month",
     "Plan from this month on: May 2025 is over (June 2025 is the earliest)."),
])  # fmt: skip
def test_a_bad_request_is_refused_and_writes_nothing(
    workspace: Workspace, team: list[uuid.UUID], first: date, months: int, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as excinfo:
        workspace.act(plan_schedule, first, months)
    assert excinfo.value.errors == {field: message}
    assert slots_of(workspace) == []


def test_nothing_before_the_scheme_began(workspace: Workspace, team: list[uuid.UUID]) -> None:
    clock.pin_today(date(2022, 1, 10))
    with pytest.raises(ValidationError) as excinfo:
        workspace.act(plan_schedule, date(2022, 3, 1), 2)
    assert excinfo.value.errors == {
        "first_month": "The Animal Welfare Scheme began in April 2022: plan from then on."
    }
    assert workspace.act(plan_schedule, date(2022, 4, 1), 1).slots_created == 1


def test_the_current_month_may_be_planned_and_any_day_stands_for_its_month(
    workspace: Workspace, team: list[uuid.UUID]
) -> None:
    result = workspace.act(plan_schedule, date(2025, 6, 30), 1)
    assert result.months == (date(2025, 6, 1),)


def test_a_site_is_needed_and_must_be_active(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as excinfo:
        workspace.act(plan_schedule, JULY, 6)
    assert excinfo.value.errors == {
        "site_id": "There is no active Dog Unit on the register: add it under Sites first."
    }
    closed = workspace.act(save_site, SiteInput(name="Old unit", active=False))
    with pytest.raises(ValidationError) as excinfo:
        workspace.act(plan_schedule, JULY, 6, closed.id)
    assert excinfo.value.errors == {"site_id": "Choose an active site on the register."}
    assert slots_of(workspace) == []


# --- listing -----------------------------------------------------------------------------------


def test_the_schedule_lists_months_in_the_period_with_names_and_visit_reports(
    workspace: Workspace, team: list[uuid.UUID], unit: uuid.UUID
) -> None:
    workspace.act(plan_schedule, date(2025, 6, 1), 6)
    june = slots_of(workspace)[0]

    def report(session: Session) -> None:
        session.add(
            AwsVisit(reference="AWS-2025-0001", site_id=unit, slot_id=june.id, visited_on=date(2025, 6, 3))
        )
        gone = AwsVisit(reference="AWS-2025-0002", site_id=unit, slot_id=june.id, visited_on=date(2025, 6, 4))
        gone.deleted_at = utc_now()
        session.add(gone)

    workspace.run(report)
    rows = workspace.run(list_schedule, date(2025, 6, 18), date(2025, 9, 1))
    assert [r.month_text for r in rows] == ["June 2025", "July 2025", "August 2025", "September 2025"]
    assert rows[0].visit_reference == "AWS-2025-0001" and rows[1].visit_reference == ""
    assert rows[0].site_name == "Leicestershire Police Dog Unit"
    assert rows[0].status_label == "Scheduled"
    assert rows[0].volunteers == f"{rows[0].volunteer_a_name} and {rows[0].volunteer_b_name}"
    assert workspace.run(get_slot, rows[2].id) == rows[2]
    with pytest.raises(NotFoundError):
        workspace.run(get_slot, uuid.uuid4())


def test_the_next_free_month_starts_at_this_month(workspace: Workspace, team: list[uuid.UUID]) -> None:
    assert workspace.run(next_free_month) == date(2025, 6, 1)
    workspace.act(plan_schedule, date(2025, 6, 1), 2)
    workspace.act(plan_schedule, date(2025, 9, 1), 1)
    assert workspace.run(next_free_month) == date(2025, 8, 1)


def test_months_in_words_join_runs() -> None:
    months = [date(2025, 6, 1), date(2025, 8, 1), date(2025, 9, 1), date(2025, 10, 1)]
    assert months_text(months) == "June 2025, August 2025 to October 2025"


# --- changing a pair by hand -------------------------------------------------------------------


@pytest.fixture
def july(workspace: Workspace, team: list[uuid.UUID]) -> uuid.UUID:
    """July's slot at the Dog Unit, planned."""
    workspace.act(plan_schedule, JULY, 2)
    return slots_of(workspace)[0].id


def pair_errors(ws: Workspace, slot_id: uuid.UUID, a, b) -> dict[str, str]:
    with pytest.raises(ValidationError) as excinfo:
        ws.act(assign_pair, slot_id, a, b)
    return excinfo.value.errors


def test_a_pair_changed_by_hand_is_kept_with_references_in_the_history(
    workspace: Workspace, team: list[uuid.UUID], july: uuid.UUID
) -> None:
    before = workspace.run(get_slot, july)
    row = workspace.act(assign_pair, july, team[3], team[4])
    assert (row.volunteer_a_name, row.volunteer_b_name) == ("Visitor 04", "Visitor 05")
    changes = workspace.run(history_for, "aws_slot", july)
    assert all("Visitor" not in (c.new_value or "") + (c.old_value or "") for c in changes)
    assert {c.new_value for c in changes if c.field.startswith("volunteer")} <= {
        "VOL-2025-0004",
        "VOL-2025-0005",
    }
    assert row.row_version > before.row_version


def test_a_hand_edit_may_repeat_last_months_pair(
    workspace: Workspace, team: list[uuid.UUID], july: uuid.UUID
) -> None:
    august = slots_of(workspace)[1]
    row = workspace.act(assign_pair, july, august.volunteer_b_id, august.volunteer_a_id)
    assert {row.volunteer_a_id, row.volunteer_b_id} == {august.volunteer_a_id, august.volunteer_b_id}


def test_each_pair_rule_has_its_message(workspace: Workspace, team: list[uuid.UUID], july: uuid.UUID) -> None:
    assert pair_errors(workspace, july, None, None) == {
        "volunteer_a_id": "Choose the first visitor.",
        "volunteer_b_id": "Choose the second visitor.",
    }
    assert pair_errors(workspace, july, team[0], team[0]) == {
        "volunteer_b_id": "Choose two different visitors: visits are made in pairs."
    }
    icv = add_volunteers(workspace, 1, scheme=Scheme.ICV, first=9)[0]
    assert pair_errors(workspace, july, icv, team[0]) == {
        "volunteer_a_id": "Visitor 09 is not an active Animal Welfare Scheme visitor in July 2025."
    }
    assert pair_errors(workspace, july, team[0], uuid.uuid4()) == {
        "volunteer_b_id": "This person is not an active Animal Welfare Scheme visitor in July 2025."
    }


def test_nobody_is_given_two_visits_in_a_month_by_hand(
    workspace: Workspace, team: list[uuid.UUID], july: uuid.UUID, unit: uuid.UUID
) -> None:
    taken = workspace.run(get_slot, july)
    workspace.run(lambda s: s.add(AwsSlot(site_id=unit, month=JULY, position=2)))
    second = slots_of(workspace)[1]
    assert second.month == JULY
    assert pair_errors(workspace, second.id, taken.volunteer_a_id, next(t for t in team if t not in (
        taken.volunteer_a_id, taken.volunteer_b_id))) == {
        "volunteer_a_id": f"{taken.volunteer_a_name} already has another visit in July 2025."
    }  # fmt: skip
    workspace.act(close_slot, july, SlotStatus.CANCELLED, "Unit closed for refurbishment")
    workspace.act(assign_pair, second.id, taken.volunteer_a_id, taken.volunteer_b_id)


def test_only_a_scheduled_visit_gets_a_new_pair(
    workspace: Workspace, team: list[uuid.UUID], july: uuid.UUID
) -> None:
    workspace.act(close_slot, july, SlotStatus.CANCELLED, "Visits suspended")
    assert pair_errors(workspace, july, team[0], team[1]) == {
        "status": "Only a scheduled visit can be given a new pair: reopen it first."
    }
    with pytest.raises(NotFoundError):
        workspace.act(assign_pair, uuid.uuid4(), team[0], team[1])


# --- closing and reopening ---------------------------------------------------------------------


def close_errors(ws: Workspace, slot_id: uuid.UUID, status: SlotStatus, reason: str = "") -> dict[str, str]:
    with pytest.raises(ValidationError) as excinfo:
        ws.act(close_slot, slot_id, status, reason)
    return excinfo.value.errors


@pytest.fixture
def june(workspace: Workspace, team: list[uuid.UUID]) -> uuid.UUID:
    """This month's slot (June 2025, under way) and July's after it."""
    workspace.act(plan_schedule, date(2025, 6, 1), 2)
    return slots_of(workspace)[0].id


def test_a_month_is_missed_with_a_reason_and_reopened_with_another(
    workspace: Workspace, june: uuid.UUID
) -> None:
    row = workspace.act(close_slot, june, SlotStatus.MISSED, "  Both visitors were ill  ")
    assert (row.status, row.status_label, row.reason) == (
        SlotStatus.MISSED,
        "Missed",
        "Both visitors were ill",
    )
    row = workspace.act(reopen_slot, june, "Recorded against the wrong month")
    assert (row.status, row.reason) == (SlotStatus.SCHEDULED, "")
    changes = [(c.field, c.new_value, c.reason) for c in workspace.run(history_for, "aws_slot", june)]
    assert changes[-2:] == [
        ("status", "missed", "Both visitors were ill"),
        ("status", "scheduled", "Recorded against the wrong month"),
    ]
    assert workspace.act(close_slot, june, SlotStatus.COMPLETED).status == SlotStatus.COMPLETED


@pytest.mark.parametrize(("status", "reason", "field", "message"), [
    (SlotStatus.MISSED, " ", "reason", "Say why the visit was missed."),
    (SlotStatus.CANCELLED, "", "reason", "Say why the visit was cancelled."),
    (SlotStatus.SCHEDULED, "x", "status", "Choose completed, missed or cancelled."),
    (SlotStatus.MISSED, "x" * 2001, "reason", "Keep it to 2,000 characters."),
])  # fmt: skip
def test_each_closing_rule_has_its_message(
    workspace: Workspace, june: uuid.UUID, status: SlotStatus, reason: str, field: str, message: str
) -> None:
    assert close_errors(workspace, june, status, reason) == {field: message}
    assert workspace.run(get_slot, june).status == SlotStatus.SCHEDULED


def test_a_month_not_yet_begun_can_be_cancelled_but_not_missed_or_completed(
    workspace: Workspace, june: uuid.UUID
) -> None:
    july = slots_of(workspace)[1].id
    assert close_errors(workspace, july, SlotStatus.MISSED, "No one free") == {
        "status": "July 2025 has not begun: its visit cannot be missed yet."
    }
    assert close_errors(workspace, july, SlotStatus.COMPLETED) == {
        "status": "July 2025 has not begun: its visit cannot be completed yet."
    }
    assert (
        workspace.act(close_slot, july, SlotStatus.CANCELLED, "Unit moving site").reason == "Unit moving site"
    )
    assert close_errors(workspace, july, SlotStatus.CANCELLED, "again") == {
        "status": "The visit is already cancelled."
    }


def test_reopening_needs_a_closed_month_and_a_reason(workspace: Workspace, june: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as excinfo:
        workspace.act(reopen_slot, june, "")
    assert excinfo.value.errors == {
        "status": "The visit is already scheduled.",
        "reason": "Say why the visit is reopened.",
    }
    with pytest.raises(NotFoundError):
        workspace.act(close_slot, uuid.uuid4(), SlotStatus.COMPLETED)


def test_slot_counts_do_not_change_on_a_refused_plan(workspace: Workspace, team: list[uuid.UUID]) -> None:
    workspace.act(plan_schedule, JULY, 1)
    with pytest.raises(ValidationError):
        workspace.act(plan_schedule, JULY, 30)
    assert workspace.run(lambda s: s.scalar(select(func.count()).select_from(AwsSlot))) == 1
