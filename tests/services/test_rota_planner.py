"""The rota planner: every hard rule in every plan (property-based), fairness, spread, determinism."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable, Sequence
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pcc_desktop.services.rota_planner import (
    PastPairing,
    RotaPlan,
    RotaRules,
    SuiteSpec,
    VolunteerSpec,
    plan_rota,
)

START = date(2025, 6, 30)  # a Monday
QUARTER = 13


def suites_of(visits: Sequence[int]) -> list[SuiteSpec]:
    """Suites 0..n-1 with the given visits per week."""
    return [SuiteSpec(i, f"Suite {i}", v) for i, v in enumerate(visits)]


def volunteers_of(count: int, unavailable: Sequence[frozenset[int]] = ()) -> list[VolunteerSpec]:
    """Volunteers 100..; the first ones take the unavailable weekdays given."""
    days = list(unavailable) + [frozenset()] * count
    return [VolunteerSpec(100 + i, f"Volunteer {i}", days[i]) for i in range(count)]


def pair_key(a: Hashable, b: Hashable) -> frozenset[Hashable]:
    """A pair regardless of order."""
    return frozenset((a, b))


def assert_hard_rules(
    plan: RotaPlan,
    suites: list[SuiteSpec],
    volunteers: list[VolunteerSpec],
    weeks: int,
    rules: RotaRules,
    history: Sequence[PastPairing] = (),
) -> None:
    """Every rule the planner promises, checked on the finished plan."""
    unavailable = {v.id: v.unavailable_weekdays for v in volunteers}
    expected = sum(s.visits_per_week for s in suites) * weeks
    assert len(plan.slots) == expected
    last_pair: dict[frozenset[Hashable], int] = {
        pair_key(p.volunteer_a, p.volunteer_b): -p.rounds_ago for p in history
    }
    at_suite: dict[tuple[Hashable, Hashable], set[int]] = defaultdict(set)
    for p in history:
        if p.suite_id is not None:
            at_suite[(p.volunteer_a, p.suite_id)].add(-p.rounds_ago)
            at_suite[(p.volunteer_b, p.suite_id)].add(-p.rounds_ago)
    in_round: dict[int, list[Hashable]] = defaultdict(list)
    for slot in sorted(plan.slots, key=lambda s: s.round_index):
        week_start = START + timedelta(weeks=slot.round_index)
        assert week_start <= slot.window_starts.date() < week_start + timedelta(days=7)
        assert slot.window_ends - slot.window_starts == timedelta(hours=rules.window_hours)
        if not slot.filled:
            assert slot.volunteer_a is None and slot.volunteer_b is None
            continue
        a, b = slot.volunteer_a, slot.volunteer_b
        assert a != b
        in_round[slot.round_index] += [a, b]
        key = pair_key(a, b)
        assert slot.round_index - last_pair.get(key, -999) > rules.no_repeat_rounds
        last_pair[key] = slot.round_index
        for who in (a, b):
            assert slot.window_starts.weekday() not in unavailable[who]
            assert slot.round_index - 1 not in at_suite[(who, slot.suite_id)]
            at_suite[(who, slot.suite_id)].add(slot.round_index)
    for people in in_round.values():
        assert len(people) == len(set(people))
    if any(not s.filled for s in plan.slots):
        assert plan.warnings


weekday_sets = st.frozensets(st.integers(0, 6), max_size=7)


@settings(max_examples=150, deadline=None)
@given(
    count=st.integers(2, 40),
    visits=st.lists(st.integers(1, 2), min_size=1, max_size=4),
    weeks=st.integers(1, 13),
    gap=st.integers(0, 6),
    seed=st.integers(0, 10_000),
    unavailable=st.lists(weekday_sets, max_size=10),
)
def test_no_plan_ever_breaks_a_rule(
    count: int, visits: list[int], weeks: int, gap: int, seed: int, unavailable: list[frozenset[int]]
) -> None:
    suites, volunteers = suites_of(visits), volunteers_of(count, unavailable)
    rules = RotaRules(no_repeat_rounds=gap, seed=seed)
    plan = plan_rota(suites, volunteers, START, weeks, rules)
    assert_hard_rules(plan, suites, volunteers, weeks, rules)


@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(2, 20),
    visits=st.lists(st.integers(1, 2), min_size=1, max_size=3),
    seed=st.integers(0, 10_000),
    pairs=st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19), st.integers(1, 4)), max_size=15),
)
def test_rules_hold_against_the_previous_rota(
    count: int, visits: list[int], seed: int, pairs: list[tuple[int, int, int]]
) -> None:
    suites, volunteers = suites_of(visits), volunteers_of(count)
    history = [
        PastPairing(100 + a, 100 + b, ago, suite_id=(a + b) % len(suites))
        for a, b, ago in pairs
        if a != b and a < count and b < count
    ]
    rules = RotaRules(seed=seed)
    plan = plan_rota(suites, volunteers, START, 6, rules, history)
    assert_hard_rules(plan, suites, volunteers, 6, rules, history)


@settings(max_examples=100, deadline=None)
@given(
    visits=st.lists(st.integers(1, 2), min_size=1, max_size=4),
    spare=st.integers(0, 20),
    weeks=st.integers(1, 13),
    gap=st.integers(0, 4),
    seed=st.integers(0, 10_000),
)
def test_load_is_shared_within_one_visit_when_volunteers_suffice(
    visits: list[int], spare: int, weeks: int, gap: int, seed: int
) -> None:
    slots_per_round = sum(visits)
    count = 2 * slots_per_round + 2 * max(visits) + gap + 2 + spare
    suites, volunteers = suites_of(visits), volunteers_of(count)
    rules = RotaRules(no_repeat_rounds=gap, seed=seed)
    plan = plan_rota(suites, volunteers, START, weeks, rules)
    assert plan.warnings == []
    assert all(s.filled for s in plan.slots)
    loads = [plan.loads().get(v.id, 0) for v in volunteers]
    assert max(loads) - min(loads) <= 1


def test_a_quarter_for_thirty_volunteers_and_three_suites() -> None:
    suites, volunteers = suites_of([1, 1, 1]), volunteers_of(30)
    plan = plan_rota(suites, volunteers, START, QUARTER, RotaRules(seed=7))
    assert len(plan.slots) == 39
    assert plan.warnings == []
    assert all(s.filled for s in plan.slots)
    assert sorted(set(plan.loads().values())) == [2, 3]


@settings(max_examples=40, deadline=None)
@given(visits=st.lists(st.integers(1, 2), min_size=1, max_size=4), seed=st.integers(0, 10_000))
def test_each_suite_gets_varied_days_and_times_in_a_quarter(visits: list[int], seed: int) -> None:
    plan = plan_rota(suites_of(visits), volunteers_of(40), START, QUARTER, RotaRules(seed=seed))
    for suite in range(len(visits)):
        mine = [s for s in plan.slots if s.suite_id == suite]
        assert len({s.window_starts.weekday() for s in mine}) >= 5
        assert len({s.band for s in mine}) >= 3
        assert len({s.window_starts.hour for s in mine}) >= 3
        # never the same weekday and time as the week before
        for before, after in itertools.pairwise(mine):
            assert (before.window_starts.weekday(), before.band) != (
                after.window_starts.weekday(),
                after.band,
            )


def test_windows_use_the_bands_and_the_late_one_runs_past_midnight() -> None:
    plan = plan_rota(suites_of([2]), volunteers_of(10), START, 5, RotaRules(window_hours=3, seed=3))
    hours = {s.band: s.window_starts.hour for s in plan.slots}
    assert hours == {"morning": 7, "midday": 11, "afternoon": 15, "evening": 19, "late": 22}
    late = next(s for s in plan.slots if s.band == "late")
    assert late.window_ends == datetime.combine(
        late.window_starts.date() + timedelta(days=1), datetime.min.time()
    ) + (timedelta(hours=1))


def test_two_visits_a_week_to_one_suite_fall_on_different_days() -> None:
    plan = plan_rota(suites_of([2]), volunteers_of(12), START, QUARTER, RotaRules(seed=11))
    for r in range(QUARTER):
        days = [s.window_starts.date() for s in plan.slots if s.round_index == r]
        assert len(days) == 2 and days[0] != days[1]


@settings(max_examples=30, deadline=None)
@given(count=st.integers(2, 40), seed=st.integers(0, 10_000))
def test_the_same_seed_gives_the_same_plan(count: int, seed: int) -> None:
    suites, volunteers = suites_of([1, 2, 1]), volunteers_of(count)
    first = plan_rota(suites, volunteers, START, QUARTER, RotaRules(seed=seed))
    again = plan_rota(suites, volunteers, START, QUARTER, RotaRules(seed=seed))
    assert first == again


def test_different_seeds_give_different_plans() -> None:
    suites, volunteers = suites_of([1, 1, 1]), volunteers_of(30)
    plans = {tuple(plan_rota(suites, volunteers, START, QUARTER, RotaRules(seed=s)).slots) for s in range(5)}
    assert len(plans) > 1


def test_too_few_volunteers_leaves_slots_unfilled_and_says_so() -> None:
    plan = plan_rota(suites_of([1, 1, 1]), volunteers_of(4), START, 2, RotaRules(seed=1))
    assert sum(not s.filled for s in plan.slots) >= 2
    assert any("no pair" in w for w in plan.warnings)
    single = plan_rota(suites_of([1]), volunteers_of(1), START, 2, RotaRules(seed=1))
    assert not any(s.filled for s in single.slots)
    assert single.warnings == ["Fewer than two volunteers are available, so no pairs could be made."]


def test_unavailable_weekdays_are_honoured() -> None:
    everyone_but_weekends = [frozenset({5, 6})] * 12
    volunteers = volunteers_of(12, everyone_but_weekends)
    plan = plan_rota(suites_of([1, 1]), volunteers, START, QUARTER, RotaRules(seed=5))
    for slot in plan.slots:
        assert slot.filled == (slot.window_starts.weekday() < 5)
    assert plan.warnings


def test_a_pair_from_last_week_is_not_repeated_and_nobody_returns_to_the_same_suite() -> None:
    volunteers = volunteers_of(4)
    history = [PastPairing(100, 101, 1, suite_id=0), PastPairing(102, 103, 1, suite_id=0)]
    plan = plan_rota(suites_of([1]), volunteers, START, 1, RotaRules(seed=2), history)
    assert not plan.slots[0].filled
    other_suite = plan_rota(suites_of([1, 1]), volunteers, START, 1, RotaRules(seed=2), history)
    assert_hard_rules(other_suite, suites_of([1, 1]), volunteers, 1, RotaRules(seed=2), history)
    assert other_suite.slots[0].suite_id == 1 or not other_suite.slots[0].filled


def test_suite_open_dates_limit_its_slots() -> None:
    suites = [SuiteSpec(0, "Old", 1, active_to=START + timedelta(days=13)), SuiteSpec(1, "New", 1)]
    plan = plan_rota(suites, volunteers_of(10), START, 4, RotaRules(seed=1))
    assert all(s.window_starts.date() <= START + timedelta(days=13) for s in plan.slots if s.suite_id == 0)
    assert len([s for s in plan.slots if s.suite_id == 1]) == 4
