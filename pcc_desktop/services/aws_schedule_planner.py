"""Choosing the pairs for the Dog Unit's monthly visits (no database).

Domain: docs/domain.md §2.6 and §3.7: "once a month, AWS visitors make an unannounced visit in
pairs". A slot is a month, not a date: the pair choose the day, which keeps the visit unannounced.
Every rule below is hard, so a plan never breaks one; a slot that cannot be given a pair without
breaking one is left empty and the plan says so in ``warnings`` (the coordinator pairs it by hand):

* a pair is two different volunteers, each free to visit in that month;
* nobody makes two visits in the same month;
* a pair is never the same two people as a visit in the month before or the month after, whether
  that visit is planned now or was already on the schedule.

The load is shared fairly: each month uses the volunteers with the fewest visits so far (visits on
the schedule before this plan count too), then those whose last visit was longest ago, then by
name and id, so the same input always gives the same plan. Only when that set cannot be paired
without breaking a rule is the next volunteer in that order brought in, one at a time.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

SEARCH_BUDGET = 20_000
"""Pairings tried per month before the search gives up (a month has at most four visits)."""

Pair = frozenset[Hashable]


@dataclass(frozen=True)
class Candidate:
    """A volunteer who may be paired: past visits and the month of the last one set their turn."""

    id: Hashable
    name: str
    visits: int = 0
    last_month: date | None = None


@dataclass(frozen=True)
class MonthRequest:
    """A month to fill: how many visits, and who may visit in it (already booked elsewhere: no)."""

    month: date
    slots: int
    eligible: frozenset[Hashable]


@dataclass
class SchedulePlan:
    """For each month asked for, a pair (or None) per visit, and what could not be done."""

    months: list[tuple[date, list[tuple[Hashable, Hashable] | None]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def loads(self) -> dict[Hashable, int]:
        """Visits given to each volunteer in this plan (only those given at least one)."""
        counts: dict[Hashable, int] = {}
        for _month, pairs in self.months:
            for pair in pairs:
                for who in pair or ():
                    counts[who] = counts.get(who, 0) + 1
        return counts


def shift_month(month: date, months: int) -> date:
    """The first day of the month ``months`` after (or before, when negative) ``month``'s."""
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_text(month: date) -> str:
    """``June 2025``."""
    return f"{month:%B %Y}"


def pair_of(a: Hashable, b: Hashable) -> Pair:
    """A pair regardless of order."""
    return frozenset((a, b))


class _Turns:
    """Whose turn it is: visits so far, then the month of the last one, then name and id."""

    def __init__(self, volunteers: Sequence[Candidate]) -> None:
        self.names = {v.id: v.name for v in volunteers}
        self.visits = {v.id: v.visits for v in volunteers}
        self.last = {v.id: v.last_month or date.min for v in volunteers}

    def order(self, eligible: Collection[Hashable]) -> list[Hashable]:
        """``eligible`` (those known) in turn order, fairest first."""
        known = [v for v in eligible if v in self.names]
        return sorted(known, key=lambda v: (self.visits[v], self.last[v], self.names[v].lower(), str(v)))

    def record(self, month: date, pairs: Sequence[tuple[Hashable, Hashable] | None]) -> None:
        """Count a month's visits."""
        for pair in pairs:
            for who in pair or ():
                self.visits[who] += 1
                self.last[who] = month


def _search(
    slots: int, people: Sequence[Hashable], banned: set[Pair]
) -> list[tuple[Hashable, Hashable]] | None:
    """The first full set of ``slots`` disjoint pairs from ``people`` (in order) avoiding ``banned``."""
    budget = [SEARCH_BUDGET]
    picks: list[tuple[Hashable, Hashable]] = []
    used: set[Hashable] = set()

    def dfs() -> bool:
        if len(picks) == slots:
            return True
        free = [v for v in people if v not in used]
        if len(free) < 2 * (slots - len(picks)):
            return False
        first = free[0]
        # The fairest free person is paired now, or left out for good (which the wider sets allow).
        for partner in free[1:]:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            if pair_of(first, partner) in banned:
                continue
            picks.append((first, partner))
            used.update((first, partner))
            if dfs():
                return True
            picks.pop()
            used.difference_update((first, partner))
        used.add(first)
        found = dfs()
        used.discard(first)
        return found

    return list(picks) if dfs() else None


def _greedy(
    slots: int, people: Sequence[Hashable], banned: set[Pair]
) -> list[tuple[Hashable, Hashable] | None]:
    """As many pairs as can be made in turn order; the rest of the slots stay empty."""
    found: list[tuple[Hashable, Hashable] | None] = []
    used: set[Hashable] = set()
    for _ in range(slots):
        free = [v for v in people if v not in used]
        pair = next(
            ((a, b) for x, a in enumerate(free) for b in free[x + 1 :] if pair_of(a, b) not in banned), None
        )
        if pair is not None:
            used.update(pair)
        found.append(pair)
    return sorted(found, key=lambda p: p is None)


def pair_month(
    slots: int, order: Sequence[Hashable], banned: set[Pair]
) -> list[tuple[Hashable, Hashable] | None]:
    """Pairs for one month's ``slots`` visits from volunteers in turn ``order``, none of them ``banned``.

    The fewest volunteers at the front of the order that can be paired are used; with no full
    pairing at all, as many visits as possible are paired and the rest left as None (at the end).
    """
    if slots <= 0:
        return []
    for width in range(2 * slots, len(order) + 1):
        found = _search(slots, order[:width], banned)
        if found is not None:
            return list(found)
    return _greedy(slots, order, banned)


def plan_pairs(
    requests: Sequence[MonthRequest],
    volunteers: Sequence[Candidate],
    existing: Mapping[date, Collection[Pair]] | None = None,
) -> SchedulePlan:
    """Pair every visit of each month in ``requests`` (in month order), keeping the rules above.

    Args:
        requests: the months to fill, each with its number of visits and who may visit.
        volunteers: everyone who may appear, with their visits before this plan.
        existing: pairs already on the schedule, by month, for the months next to those planned.

    Returns:
        The plan, month by month in the order asked, and warnings in words.
    """
    known = {m: set(pairs) for m, pairs in (existing or {}).items()}
    turns = _Turns(volunteers)
    plan = SchedulePlan()
    for request in sorted(requests, key=lambda r: r.month):
        banned = known.get(shift_month(request.month, -1), set()) | known.get(
            shift_month(request.month, 1), set()
        )
        order = turns.order(request.eligible)
        pairs = pair_month(request.slots, order, banned) if len(order) >= 2 else [None] * request.slots
        turns.record(request.month, pairs)
        known.setdefault(request.month, set()).update(pair_of(*p) for p in pairs if p)
        plan.months.append((request.month, pairs))
        _warn(plan, request, pairs, len(order))
    return plan


def _warn(
    plan: SchedulePlan, request: MonthRequest, pairs: Sequence[tuple[Hashable, Hashable] | None], people: int
) -> None:
    empty = sum(p is None for p in pairs)
    if not empty:
        return
    when = month_text(request.month)
    if people < 2:
        plan.warnings.append(
            f"{when}: fewer than two Animal Welfare Scheme visitors are active, so no pair was given. "
            "Use Change pair… to pair the visit by hand."
        )
    else:
        plan.warnings.append(
            f"{when}: {empty} of {len(pairs)} visits have no pair: too few visitors are free without "
            "repeating last month's pair or visiting twice in a month. Use Change pair… to pair it by hand."
        )
