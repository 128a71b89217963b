"""Finding actions: each filter, each sort key both ways, paging, presets and working-day overdue."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from conftest import new_staff

from pcc_desktop.models import (
    ActionStatus,
    Area,
    AreaKind,
    Meeting,
    MeetingKind,
    Organisation,
    OrganisationKind,
    OriginKind,
    Priority,
    Theme,
)
from pcc_desktop.services import clock
from pcc_desktop.services.action_queries import (
    ActionFilter,
    ActionRow,
    ActionSort,
    count_actions,
    list_actions,
    overdue_cutoff,
    preset_filters,
)
from pcc_desktop.services.actions import ActionInput, change_status, create_action, delete_action
from pcc_desktop.services.workspace import Workspace

S = ActionStatus


@dataclass
class World:
    """Ids of everything the fixture built, by a short name."""

    ws: Workspace
    staff: dict[str, uuid.UUID]
    themes: dict[str, uuid.UUID]
    areas: dict[str, uuid.UUID]
    orgs: dict[str, uuid.UUID]
    actions: dict[str, uuid.UUID]

    def names(self, rows: list[ActionRow]) -> set[str]:
        by_id = {v: k for k, v in self.actions.items()}
        return {by_id[r.id] for r in rows}

    def find(self, **criteria: object) -> set[str]:
        return self.names(self.ws.run(list_actions, ActionFilter(**criteria), None, 0, None).rows)  # type: ignore[arg-type]


# name, title, owner, final status, due, themes, area, org, person, from a meeting?, priority, description
Spec = tuple[str, str, str, S, date | None, tuple[str, ...], str | None, str | None, str, bool, Priority, str]
SPECS: list[Spec] = [
    (
        "a6",
        "Speeding on the A6",
        "me",
        S.OPEN,
        date(2025, 6, 17),
        ("Roads",),
        "Northtown",
        "Roads Policing",
        "",
        False,
        Priority.HIGH,
        "",
    ),
    (
        "potholes",
        "Potholes on Mill Lane",
        "sam",
        S.IN_PROGRESS,
        date(2025, 6, 18),
        ("Roads",),
        "Southvale",
        "County Council",
        "Highways team",
        False,
        Priority.NORMAL,
        "",
    ),
    (
        "park",
        "Drug dealing in the park",
        "kim",
        S.AWAITING_RESPONSE,
        date(2025, 6, 10),
        ("Drugs",),
        "Northtown",
        "North NPA",
        "",
        False,
        Priority.URGENT,
        "",
    ),
    (
        "graffiti",
        "Graffiti at the station",
        "me",
        S.COMPLETED,
        date(2025, 6, 1),
        ("ASB",),
        "Southvale",
        None,
        "",
        False,
        Priority.LOW,
        "",
    ),
    (
        "noise",
        "Noise from the takeaway",
        "sam",
        S.DEFERRED,
        date(2025, 6, 5),
        ("ASB",),
        None,
        None,
        "",
        False,
        Priority.NORMAL,
        "",
    ),
    (
        "lighting",
        "Street lighting on Elm Road",
        "kim",
        S.OPEN,
        None,
        (),
        None,
        None,
        "",
        False,
        Priority.LOW,
        "",
    ),
    (
        "shelter",
        "Youth shelter",
        "me",
        S.OPEN,
        date(2025, 7, 15),
        ("ASB", "Drugs"),
        "Northtown",
        None,
        "",
        True,
        Priority.NORMAL,
        "",
    ),
    (
        "cctv",
        "CCTV request",
        "sam",
        S.AWAITING_SIGN_OFF,
        date(2025, 6, 13),
        ("Roads",),
        None,
        None,
        "Alan Smith",
        False,
        Priority.HIGH,
        "",
    ),
    (
        "parking",
        "Parking near the school",
        "kim",
        S.REOPENED,
        date(2025, 6, 20),
        (),
        "Southvale",
        None,
        "",
        False,
        Priority.NORMAL,
        "",
    ),
    (
        "flytip",
        "Fly-tipping",
        "me",
        S.OPEN,
        None,
        (),
        None,
        None,
        "",
        False,
        Priority.NORMAL,
        "Rubbish dumped in the layby on the B road",
    ),
    (
        "cycle",
        "Cycle lane markings",
        "sam",
        S.AWAITING_RESPONSE,
        date(2025, 6, 25),
        (),
        None,
        "Roads Policing",
        "",
        False,
        Priority.LOW,
        "",
    ),
    (
        "rural",
        "Rural crime meeting",
        "kim",
        S.AWAITING_RESPONSE,
        date(2025, 6, 16),
        (),
        None,
        "County Council",
        "",
        False,
        Priority.NORMAL,
        "",
    ),
    (
        "hate",
        "Hate crime reporting",
        "me",
        S.IN_PROGRESS,
        date(2025, 8, 1),
        (),
        "Northtown",
        None,
        "",
        True,
        Priority.URGENT,
        "",
    ),
    (
        "shoplifting",
        "Shoplifting on the high street",
        "sam",
        S.OPEN,
        date(2025, 6, 30),
        ("Drugs",),
        None,
        None,
        "",
        False,
        Priority.NORMAL,
        "",
    ),
    (
        "dogs",
        "Dog fouling",
        "kim",
        S.COMPLETED,
        date(2025, 6, 12),
        (),
        None,
        None,
        "",
        False,
        Priority.LOW,
        "",
    ),
]

PATH_TO: dict[S, list[S]] = {
    S.OPEN: [],
    S.IN_PROGRESS: [S.IN_PROGRESS],
    S.AWAITING_RESPONSE: [S.AWAITING_RESPONSE],
    S.AWAITING_SIGN_OFF: [S.AWAITING_SIGN_OFF],
    S.COMPLETED: [S.COMPLETED],
    S.DEFERRED: [S.DEFERRED],
    S.REOPENED: [S.COMPLETED, S.REOPENED],
}


@pytest.fixture
def world(workspace: Workspace) -> World:
    ws = workspace
    assert ws.actor_id is not None
    staff = {"me": ws.actor_id, "sam": new_staff(ws, "Sam Baker"), "kim": new_staff(ws, "Kim Young")}
    with ws.session() as s:
        themes = {name: Theme(name=name) for name in ("Roads", "Drugs", "ASB")}
        areas = {
            "Northtown": Area(name="Northtown", kind=AreaKind.NPA),
            "Southvale": Area(name="Southvale", kind=AreaKind.NPA),
        }
        orgs = {
            "Roads Policing": Organisation(name="Roads Policing", kind=OrganisationKind.FORCE_DEPARTMENT),
            "North NPA": Organisation(name="North NPA", kind=OrganisationKind.NPA_COMMAND),
            "County Council": Organisation(name="County Council", kind=OrganisationKind.LOCAL_AUTHORITY),
        }
        meeting = Meeting(kind=MeetingKind.CGB, held_on=date(2025, 5, 7), title="May CGB")
        s.add_all([*themes.values(), *areas.values(), *orgs.values(), meeting])
        s.flush()
        ids = (
            {k: v.id for k, v in themes.items()},
            {k: v.id for k, v in areas.items()},
            {k: v.id for k, v in orgs.items()},
            meeting.id,
        )
    theme_ids, area_ids, org_ids, meeting_id = ids
    actions: dict[str, uuid.UUID] = {}
    for i, spec in enumerate(SPECS):
        key, title, owner, status, due, themes_, area, org, person, from_meeting, priority, desc = spec
        data = ActionInput(
            title=title,
            owner_id=staff[owner],
            logged_on=date(2025, 5, 1 + i),
            due_on=due,
            description=desc,
            priority=priority,
            assignee_org_id=org_ids[org] if org else None,
            assignee_person=person,
            area_id=area_ids[area] if area else None,
            theme_ids=tuple(theme_ids[t] for t in themes_),
            origin_kind=OriginKind.MEETING if from_meeting else OriginKind.STANDALONE,
            meeting_id=meeting_id if from_meeting else None,
            meeting_item=chr(ord("a") + i) if from_meeting else "",
        )
        action_id = ws.act(create_action, data).id
        for step in PATH_TO[status]:
            ws.act(change_status, action_id, step, "Because", "Done")
        actions[key] = action_id
    deleted = ws.act(
        create_action,
        ActionInput(
            title="Logged in error Roads",
            owner_id=staff["me"],
            logged_on=date(2025, 6, 1),
            due_on=date(2025, 6, 2),
            theme_ids=(theme_ids["Roads"],),
        ),
    )
    ws.act(delete_action, deleted.id, "Duplicate")
    return World(ws, staff, theme_ids, area_ids, org_ids, actions)


ALL = {spec[0] for spec in SPECS}


def test_no_filter_lists_everything_but_deleted(world: World) -> None:
    assert world.find() == ALL
    assert world.ws.run(count_actions, ActionFilter()) == len(ALL)


def test_filter_by_statuses(world: World) -> None:
    assert world.find(statuses=(S.COMPLETED,)) == {"graffiti", "dogs"}
    assert world.find(statuses=(S.AWAITING_RESPONSE, S.DEFERRED)) == {"park", "cycle", "rural", "noise"}
    assert world.find(statuses=(S.REOPENED,)) == {"parking"}


def test_filter_by_owner(world: World) -> None:
    assert world.find(owner_id=world.staff["sam"]) == {"potholes", "noise", "cctv", "cycle", "shoplifting"}
    assert world.find(owner_id=world.staff["me"], statuses=(S.OPEN,)) == {"a6", "shelter", "flytip"}


def test_filter_by_theme(world: World) -> None:
    assert world.find(theme_id=world.themes["Roads"]) == {"a6", "potholes", "cctv"}
    assert world.find(theme_id=world.themes["Drugs"]) == {"park", "shelter", "shoplifting"}


def test_filter_by_area(world: World) -> None:
    assert world.find(area_id=world.areas["Northtown"]) == {"a6", "park", "shelter", "hate"}
    assert world.find(area_id=world.areas["Southvale"]) == {"potholes", "graffiti", "parking"}


def test_filter_by_assignee_organisation(world: World) -> None:
    assert world.find(assignee_org_id=world.orgs["Roads Policing"]) == {"a6", "cycle"}


def test_filter_by_origin(world: World) -> None:
    assert world.find(origin_kind=OriginKind.MEETING) == {"shelter", "hate"}
    assert world.find(origin_kind=OriginKind.STANDALONE) == ALL - {"shelter", "hate"}


def test_overdue_only_counts_open_actions_due_before_today(world: World) -> None:
    # Today is Wednesday 18 June 2025; due today is not overdue, completed and deferred never are.
    assert world.find(overdue_only=True) == {"a6", "park", "cctv", "rural"}
    assert world.ws.run(count_actions, ActionFilter(overdue_only=True)) == 4


def test_days_overdue_in_working_days(world: World) -> None:
    rows = {world.names([r]).pop(): r for r in world.ws.run(list_actions, ActionFilter(), None, 0, None).rows}
    assert rows["a6"].days_overdue == 1  # due Tuesday 17th
    assert rows["rural"].days_overdue == 2  # due Monday 16th
    assert rows["cctv"].days_overdue == 3  # due Friday 13th: the weekend does not count
    assert rows["park"].days_overdue == 6  # due Tuesday 10th
    for name in ("potholes", "graffiti", "noise", "lighting", "dogs", "parking"):
        assert rows[name].days_overdue == 0, name


def test_filter_by_due_range(world: World) -> None:
    flt = {"due_from": date(2025, 6, 13), "due_to": date(2025, 6, 20)}
    assert world.find(**flt) == {"a6", "potholes", "cctv", "parking", "rural"}
    assert world.find(due_from=date(2025, 7, 1)) == {"shelter", "hate"}
    assert world.find(due_to=date(2025, 6, 5)) == {"graffiti", "noise"}


def test_free_text_searches_reference_title_and_description(world: World) -> None:
    park_ref = next(
        r.reference
        for r in world.ws.run(list_actions, ActionFilter(), None, 0, None).rows
        if r.id == world.actions["park"]
    )
    assert world.find(text=park_ref) == {"park"}
    assert world.find(text="  POTHOLES ") == {"potholes"}
    assert world.find(text="layby") == {"flytip"}
    assert world.find(text="alan smith") == {"cctv"}
    assert world.find(text="no such words") == set()


def test_filters_combine(world: World) -> None:
    assert world.find(theme_id=world.themes["Roads"], overdue_only=True) == {"a6", "cctv"}
    assert world.find(area_id=world.areas["Northtown"], text="speeding") == {"a6"}


# --- sorting -----------------------------------------------------------------------------------


def _assignee_key(row: ActionRow) -> str:
    return row.assignee.split(" – ")[0].lower()


SORT_KEYS: dict[str, Callable[[ActionRow], object]] = {
    "reference": lambda r: r.reference,
    "title": lambda r: r.title.lower(),
    "status": lambda r: list(S).index(r.status),
    "priority": lambda r: list(Priority).index(r.priority),
    "owner": lambda r: r.owner_name.lower(),
    "assignee": _assignee_key,
    "area": lambda r: r.area_name.lower() or None,
    "origin": lambda r: 1 if r.origin == "Stand-alone" else 0,
    "logged_on": lambda r: r.logged_on,
    "due_on": lambda r: r.due_on,
    "days_overdue": lambda r: r.days_overdue,
    "completed_on": lambda r: r.completed_on,
}


def _check_order(values: list[object], descending: bool) -> None:
    present = [v for v in values if v is not None]
    assert values == present + [None] * (len(values) - len(present)), "empty values must sort last"
    assert present == sorted(present, reverse=descending)  # type: ignore[type-var]


def test_unknown_sort_key_falls_back_to_due_date(world: World) -> None:
    odd = world.ws.run(list_actions, ActionFilter(), ActionSort("no_such_column"), 0, None).rows
    due = world.ws.run(list_actions, ActionFilter(), ActionSort("due_on"), 0, None).rows
    assert [r.id for r in odd] == [r.id for r in due]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", sorted(SORT_KEYS))
def test_sorting_each_key_both_ways(world: World, key: str, descending: bool) -> None:
    rows = world.ws.run(list_actions, ActionFilter(), ActionSort(key, descending), 0, None).rows
    assert len(rows) == len(ALL)
    values = [SORT_KEYS[key](r) for r in rows]
    _check_order(values, descending)
    assert len(set(values)) > 1, "the data must distinguish the order"


@pytest.mark.parametrize("descending", [False, True])
def test_undated_due_dates_sort_last_both_ways(world: World, descending: bool) -> None:
    rows = world.ws.run(list_actions, ActionFilter(), ActionSort("due_on", descending), 0, None).rows
    assert world.names(rows[-2:]) == {"lighting", "flytip"}
    assert rows[0].due_on == (date(2025, 8, 1) if descending else date(2025, 6, 1))


def test_ties_are_broken_by_reference(world: World) -> None:
    rows = world.ws.run(list_actions, ActionFilter(), ActionSort("owner"), 0, None).rows
    for owner in {r.owner_name for r in rows}:
        refs = [r.reference for r in rows if r.owner_name == owner]
        assert refs == sorted(refs)


# --- paging ------------------------------------------------------------------------------------


def test_paging_returns_windows_and_the_total(world: World) -> None:
    sort = ActionSort("reference")
    everything = world.ws.run(list_actions, ActionFilter(), sort, 0, None)
    assert everything.total == len(ALL)
    pages = [world.ws.run(list_actions, ActionFilter(), sort, offset, 4) for offset in range(0, 16, 4)]
    assert [len(p.rows) for p in pages] == [4, 4, 4, 3]
    assert {p.total for p in pages} == {len(ALL)}
    assert [p.offset for p in pages] == [0, 4, 8, 12]
    assert [r.id for p in pages for r in p.rows] == [r.id for r in everything.rows]
    beyond = world.ws.run(list_actions, ActionFilter(), sort, 40, 4)
    assert (beyond.rows, beyond.total) == ([], len(ALL))


def test_paging_total_follows_the_filter(world: World) -> None:
    page = world.ws.run(list_actions, ActionFilter(owner_id=world.staff["kim"]), ActionSort("title"), 1, 2)
    assert page.total == 5
    assert [r.title for r in page.rows] == ["Drug dealing in the park", "Parking near the school"]


def test_rows_carry_themes_and_labels(world: World) -> None:
    rows = {world.names([r]).pop(): r for r in world.ws.run(list_actions, ActionFilter(), None, 0, None).rows}
    assert rows["shelter"].themes == "ASB, Drugs"
    assert rows["shelter"].origin.startswith("Corporate Governance Board 07/05/2025, item ")
    assert rows["potholes"].assignee == "County Council – Highways team"
    assert rows["cctv"].assignee == "Alan Smith"
    assert rows["lighting"].themes == ""


# --- presets -----------------------------------------------------------------------------------


def test_preset_names_include_my_open_actions_only_with_me(world: World) -> None:
    anonymous = preset_filters(None)
    assert "My open actions" not in anonymous
    assert {
        "All open actions",
        "Overdue",
        "Awaiting the Force",
        "Awaiting sign-off",
        "Completed",
        "Everything",
    } <= set(anonymous)
    mine = preset_filters(world.staff["me"])
    assert next(iter(mine)) == "My open actions"
    assert world.find(**vars(mine["My open actions"])) == {"a6", "shelter", "flytip", "hate"}


def test_presets_select_the_right_actions(world: World) -> None:
    presets = preset_filters(None)
    assert world.find(**vars(presets["All open actions"])) == ALL - {"graffiti", "dogs", "noise"}
    assert world.find(**vars(presets["Overdue"])) == {"a6", "park", "cctv", "rural"}
    assert world.find(**vars(presets["Awaiting sign-off"])) == {"cctv"}
    assert world.find(**vars(presets["Completed"])) == {"graffiti", "dogs"}
    assert world.find(**vars(presets["Everything"])) == ALL


def test_awaiting_the_force_means_force_departments_and_npa_commands(world: World) -> None:
    flt = preset_filters(None)["Awaiting the Force"]
    # "rural" awaits the County Council, a local authority: not the Force.
    assert world.find(**vars(flt)) == {"park", "cycle"}
    assert world.ws.run(count_actions, flt) == 2
    assert world.ws.run(list_actions, flt, None, 0, 1).total == 2


# --- overdue around weekends and bank holidays -------------------------------------------------


def test_overdue_cutoff_on_working_days_is_today() -> None:
    assert overdue_cutoff(date(2025, 6, 18)) == date(2025, 6, 18)
    assert overdue_cutoff(date(2025, 5, 27)) == date(2025, 5, 27)


def test_overdue_cutoff_rolls_back_over_weekends_and_bank_holidays() -> None:
    assert overdue_cutoff(date(2025, 6, 21)) == date(2025, 6, 20)  # Saturday → Friday
    assert overdue_cutoff(date(2025, 6, 22)) == date(2025, 6, 20)  # Sunday → Friday
    assert overdue_cutoff(date(2025, 5, 26)) == date(2025, 5, 23)  # late-May bank holiday → Friday
    assert overdue_cutoff(date(2025, 12, 28)) == date(2025, 12, 24)  # Sunday after Boxing Day


def _due_friday_23_may(ws: Workspace) -> uuid.UUID:
    data = ActionInput(
        title="Due before the bank holiday",
        owner_id=ws.actor_id,
        logged_on=date(2025, 5, 1),
        due_on=date(2025, 5, 23),
    )
    return ws.act(create_action, data).id


def test_overdue_after_the_late_may_bank_holiday(workspace: Workspace) -> None:
    action_id = _due_friday_23_may(workspace)
    clock.pin_today(date(2025, 5, 27))  # Tuesday; Monday 26th was a bank holiday
    page = workspace.run(list_actions, ActionFilter(overdue_only=True))
    assert [r.id for r in page.rows] == [action_id]
    assert page.rows[0].days_overdue == 1


@pytest.mark.parametrize("today", [date(2025, 5, 24), date(2025, 5, 25), date(2025, 5, 26)])
def test_not_overdue_over_the_weekend_and_bank_holiday(workspace: Workspace, today: date) -> None:
    action_id = _due_friday_23_may(workspace)
    clock.pin_today(today)
    assert workspace.run(list_actions, ActionFilter(overdue_only=True)).rows == []
    row = workspace.run(list_actions, ActionFilter()).rows[0]
    assert (row.id, row.days_overdue) == (action_id, 0)


def test_text_search_total_is_right_on_every_page(workspace) -> None:
    from pcc_desktop.services.actions import ActionInput, create_action

    for n in range(7):
        title = f"Speeding complaint {n}" if n % 2 == 0 else f"Litter {n}"
        workspace.act(
            create_action, ActionInput(title=title, owner_id=workspace.actor_id, logged_on=date(2025, 6, 1))
        )
    flt = ActionFilter(text="speeding")
    pages = [workspace.run(list_actions, flt, ActionSort("title"), offset, 3) for offset in (0, 3, 6)]
    assert [p.total for p in pages] == [4, 4, 4]
    assert [len(p.rows) for p in pages] == [3, 1, 0]
