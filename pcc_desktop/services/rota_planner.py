"""Planning the Independent Custody Visiting rota: pairs, suites, days and time windows (no database).

Domain: docs/domain.md §2.5 and issue 4. A *round* is one week of the period. Every rule below is
hard, so a plan never breaks one; when a rule cannot be met the slot is left without a pair and the
plan says why in ``warnings``:

* every slot has two different volunteers, and nobody visits twice in the same round;
* a pair is not repeated within ``no_repeat_rounds`` rounds (a pair used in round *r* may next be
  used in round *r + no_repeat_rounds + 1*), counting the previous rota given as ``history``;
* nobody visits the same suite in two consecutive rounds;
* nobody is given a slot on a weekday they said they are unavailable.

The load is shared fairly (best effort): each round first tries to use the volunteers with the
fewest visits so far, which keeps everybody within one visit of each other across the period; when
that would break a hard rule the plan falls back to any valid pairing and warns. Days and time bands
are dealt per suite from shuffled decks, so each suite gets every weekday and every band before any
repeats: the visit stays unannounced because the pair choose their own time within the window.
Randomness comes from ``random.Random(seed)`` only, so a seed always gives the same plan.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

BANDS: tuple[tuple[str, int], ...] = (
    ("morning", 7),
    ("midday", 11),
    ("afternoon", 15),
    ("evening", 19),
    ("late", 22),
)
"""Time bands: name and the hour the window opens (local time)."""

SEARCH_BUDGET = 5_000
"""Pairings tried per round before a search gives up (keeps a bad case well under a second)."""


@dataclass(frozen=True)
class SuiteSpec:
    """A custody suite to plan for, with its visit standard and the dates it is open."""

    id: Hashable
    name: str
    visits_per_week: int = 1
    active_from: date | None = None
    active_to: date | None = None

    def open_on(self, day: date) -> bool:
        """Whether the suite is in use on ``day``."""
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )


@dataclass(frozen=True)
class VolunteerSpec:
    """A volunteer who may be paired, with the weekdays (0 = Monday) they cannot visit."""

    id: Hashable
    name: str
    unavailable_weekdays: frozenset[int] = frozenset()


@dataclass(frozen=True)
class RotaRules:
    """The coordinator's settings for a rota."""

    no_repeat_rounds: int = 4
    window_hours: int = 3
    seed: int | None = None


@dataclass(frozen=True)
class PastPairing:
    """A pair from an earlier rota: ``rounds_ago`` = 1 is the week just before the new period."""

    volunteer_a: Hashable
    volunteer_b: Hashable
    rounds_ago: int = 1
    suite_id: Hashable | None = None


@dataclass(frozen=True)
class PlannedSlot:
    """One visit to make: suite, round, the window (naive Europe/London time) and the pair."""

    suite_id: Hashable
    round_index: int
    window_starts: datetime
    window_ends: datetime
    volunteer_a: Hashable | None = None
    volunteer_b: Hashable | None = None
    band: str = ""

    @property
    def filled(self) -> bool:
        """Whether the slot has its pair."""
        return self.volunteer_a is not None and self.volunteer_b is not None


@dataclass
class RotaPlan:
    """The slots in time order, and what could not be done."""

    slots: list[PlannedSlot] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def loads(self) -> dict[Hashable, int]:
        """Visits per volunteer id (only volunteers given at least one slot)."""
        counts: dict[Hashable, int] = {}
        for slot in self.slots:
            for who in (slot.volunteer_a, slot.volunteer_b):
                if who is not None:
                    counts[who] = counts.get(who, 0) + 1
        return counts


@dataclass(frozen=True)
class _Window:
    """A suite's visit window in one round, before a pair is chosen."""

    suite: int
    starts: datetime
    band: str


class _Deck:
    """Items dealt from shuffled copies, so every item comes round before any repeats."""

    def __init__(self, items: Sequence[int], rng: random.Random) -> None:
        self._items = list(items)
        self._rng = rng
        self._cards: list[int] = []

    def _refill(self) -> None:
        fresh = self._items[:]
        self._rng.shuffle(fresh)
        self._cards.extend(fresh)

    def deal(self, hard: set[int], soft: set[int]) -> int:
        """The next card not in ``hard`` (and, when possible, not in ``soft``)."""
        if not self._cards:
            self._refill()
        if all(card in hard for card in self._cards):
            self._refill()
        for avoid in (hard | soft, hard):
            for index, card in enumerate(self._cards):
                if card not in avoid:
                    return self._cards.pop(index)
        return self._cards.pop(0)


def _windows(suites: Sequence[SuiteSpec], start: date, weeks: int, rng: random.Random) -> list[list[_Window]]:
    """Each round's windows, in time order: days and bands dealt per suite."""
    days = [_Deck(range(7), rng) for _ in suites]
    bands = [_Deck(range(len(BANDS)), rng) for _ in suites]
    last_band = [-1] * len(suites)
    last_week: list[dict[int, int]] = [{} for _ in suites]  # per suite: weekday offset → band
    rounds: list[list[_Window]] = []
    for r in range(weeks):
        week_start = start + timedelta(weeks=r)
        taken: list[dict[int, int]] = [{} for _ in suites]
        found: list[_Window] = []
        for s, suite in enumerate(suites):
            for _ in range(max(0, suite.visits_per_week)):
                others = {d for o in range(len(suites)) if o != s for d in taken[o]}
                offset = days[s].deal(set(taken[s]), others)
                same_day_last_week = {last_week[s][offset]} if offset in last_week[s] else set()
                band = bands[s].deal(same_day_last_week, {last_band[s]})
                taken[s][offset] = last_band[s] = band
                day = week_start + timedelta(days=offset)
                if suite.open_on(day):
                    starts = datetime.combine(day, time(BANDS[band][1]))
                    found.append(_Window(s, starts, BANDS[band][0]))
        last_week = taken
        rounds.append(sorted(found, key=lambda w: (w.starts, w.suite)))
    return rounds


class _Pairer:
    """Chooses pairs round by round, remembering loads, recent pairs and last round's suites."""

    def __init__(
        self,
        volunteers: Sequence[VolunteerSpec],
        suite_index: dict[Hashable, int],
        rules: RotaRules,
        history: Sequence[PastPairing],
        rng: random.Random,
    ) -> None:
        self.unavailable = [v.unavailable_weekdays for v in volunteers]
        self.loads = [0] * len(volunteers)
        self.gap = max(0, rules.no_repeat_rounds)
        self.rng = rng
        self.pair_round: dict[tuple[int, int], int] = {}
        self.last_suites: set[tuple[int, int]] = set()
        index = {v.id: i for i, v in enumerate(volunteers)}
        for past in history:
            a, b = index.get(past.volunteer_a), index.get(past.volunteer_b)
            if a is None or b is None or a == b:
                continue
            key = (min(a, b), max(a, b))
            self.pair_round[key] = max(self.pair_round.get(key, -(10**9)), -past.rounds_ago)
            if past.rounds_ago == 1 and past.suite_id in suite_index:
                self.last_suites.update({(a, suite_index[past.suite_id]), (b, suite_index[past.suite_id])})

    def pair_ok(self, a: int, b: int, r: int) -> bool:
        """Whether ``a`` and ``b`` were not paired within the last ``no_repeat_rounds`` rounds."""
        return r - self.pair_round.get((min(a, b), max(a, b)), -(10**9)) > self.gap

    def eligible(self, v: int, window: _Window) -> bool:
        """Whether ``v`` is free on the window's weekday and was not at its suite last round."""
        return (
            window.starts.weekday() not in self.unavailable[v] and (v, window.suite) not in self.last_suites
        )

    def fill_round(self, r: int, windows: list[_Window]) -> list[tuple[int, int] | None]:
        """A pair (or None) for each window of round ``r``, fairest valid choice first."""
        keys = [self.rng.random() for _ in self.loads]
        order = sorted(range(len(self.loads)), key=lambda v: (self.loads[v], keys[v]))
        need = 2 * len(windows)
        found = None
        if 0 < need <= len(order):
            cutoff = self.loads[order[need - 1]]
            allowed = [v for v in order if self.loads[v] <= cutoff]
            found = self._search(r, windows, allowed, {v for v in order if self.loads[v] < cutoff})
        if found is None and need <= len(order):
            found = self._search(r, windows, order, set())
        picks: list[tuple[int, int] | None] = list(found) if found else self._greedy(r, windows, order)
        self._commit(r, windows, picks)
        return picks

    def _candidates(self, windows: list[_Window], allowed: list[int]) -> list[list[int]]:
        return [[v for v in allowed if self.eligible(v, w)] for w in windows]

    def _search(
        self, r: int, windows: list[_Window], allowed: list[int], must: set[int]
    ) -> list[tuple[int, int]] | None:
        """Depth-first search for a full, valid pairing that uses every volunteer in ``must``."""
        cands = self._candidates(windows, allowed)
        if len({v for found in cands for v in found}) < 2 * len(windows):
            return None
        todo = sorted(range(len(windows)), key=lambda i: len(cands[i]))
        picks: dict[int, tuple[int, int]] = {}
        used: set[int] = set()
        budget = [SEARCH_BUDGET]

        def dfs(depth: int) -> bool:
            if depth == len(todo):
                return True
            if len(must - used) > 2 * (len(todo) - depth):
                return False
            free = [v for v in cands[todo[depth]] if v not in used]
            for x, a in enumerate(free):
                for b in free[x + 1 :]:
                    budget[0] -= 1
                    if budget[0] < 0:
                        return False
                    if not self.pair_ok(a, b, r):
                        continue
                    used.update((a, b))
                    picks[todo[depth]] = (a, b)
                    if dfs(depth + 1):
                        return True
                    used.difference_update((a, b))
            return False

        return [picks[i] for i in range(len(windows))] if dfs(0) else None

    def _greedy(self, r: int, windows: list[_Window], order: list[int]) -> list[tuple[int, int] | None]:
        """Fill what can be filled, most constrained window first; leave the rest without a pair."""
        cands = self._candidates(windows, order)
        picks: list[tuple[int, int] | None] = [None] * len(windows)
        used: set[int] = set()
        for i in sorted(range(len(windows)), key=lambda i: len(cands[i])):
            free = [v for v in cands[i] if v not in used]
            pair = next(
                ((a, b) for x, a in enumerate(free) for b in free[x + 1 :] if self.pair_ok(a, b, r)), None
            )
            if pair is not None:
                used.update(pair)
                picks[i] = pair
        return picks

    def _commit(self, r: int, windows: list[_Window], picks: list[tuple[int, int] | None]) -> None:
        self.last_suites = set()
        for window, pair in zip(windows, picks, strict=True):
            if pair is None:
                continue
            a, b = pair
            self.loads[a] += 1
            self.loads[b] += 1
            self.pair_round[(min(a, b), max(a, b))] = r
            self.last_suites.update({(a, window.suite), (b, window.suite)})


def plan_rota(
    suites: list[SuiteSpec],
    volunteers: list[VolunteerSpec],
    start: date,
    weeks: int,
    rules: RotaRules | None = None,
    history: Sequence[PastPairing] = (),
) -> RotaPlan:
    """Plan ``weeks`` rounds from ``start``: windows per suite, and a pair for every window possible.

    Args:
        suites: the suites to visit, each with its visits per week (and optional open dates).
        volunteers: who may be paired; the order given breaks no ties (the seed does).
        start: the first day of round 0; round *r* covers ``start + 7r`` to ``start + 7r + 6``.
        weeks: how many rounds to plan.
        rules: pair-repeat gap, window length and seed.
        history: pairs from the previous rota, for the pair and same-suite rules.

    Returns:
        The plan: slots in time order (unfilled ones have no volunteers) and warnings in words.
    """
    rules = rules or RotaRules()
    rng = random.Random(rules.seed)
    suite_index = {suite.id: i for i, suite in enumerate(suites)}
    rounds = _windows(suites, start, max(0, weeks), rng)
    pairer = _Pairer(volunteers, suite_index, rules, history, rng)
    plan = RotaPlan()
    if len(volunteers) < 2 and any(rounds):
        plan.warnings.append("Fewer than two volunteers are available, so no pairs could be made.")
    for r, windows in enumerate(rounds):
        picks = pairer.fill_round(r, windows) if len(volunteers) >= 2 else [None] * len(windows)
        for window, pair in zip(windows, picks, strict=True):
            plan.slots.append(_slot(suites[window.suite].id, r, window, rules, volunteers, pair))
        empty = picks.count(None)
        if empty and len(volunteers) >= 2:
            plan.warnings.append(
                f"Week {r + 1} (from {start + timedelta(weeks=r):%d/%m/%Y}): {empty} of {len(windows)} "
                "visits have no pair: too few volunteers are free without breaking a rota rule."
            )
    _warn_uneven(plan, pairer.loads)
    return plan


def _slot(
    suite_id: Hashable,
    r: int,
    window: _Window,
    rules: RotaRules,
    volunteers: Sequence[VolunteerSpec],
    pair: tuple[int, int] | None,
) -> PlannedSlot:
    ends = window.starts + timedelta(hours=max(1, rules.window_hours))
    a, b = (volunteers[pair[0]].id, volunteers[pair[1]].id) if pair else (None, None)
    return PlannedSlot(suite_id, r, window.starts, ends, a, b, window.band)


def _warn_uneven(plan: RotaPlan, loads: list[int]) -> None:
    if loads and max(loads) - min(loads) > 1:
        plan.warnings.append(
            f"Visits could not be shared evenly without breaking a rota rule: volunteers have "
            f"between {min(loads)} and {max(loads)} visits."
        )
