"""The debrief: feedback items into actions in one step, linked both ways, all or nothing."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from conftest import new_staff
from sqlalchemy import func, select

from pcc_desktop.models import (
    Action,
    ActionStatus,
    Area,
    AreaKind,
    ChangeRecord,
    Classification,
    Engagement,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    Organisation,
    OriginKind,
    Priority,
    RaiserTold,
    Sentiment,
    Theme,
)
from pcc_desktop.services.action_queries import ActionFilter, list_actions
from pcc_desktop.services.actions import ActionInput, create_action, get_action, update_action
from pcc_desktop.services.debrief import (
    DebriefInput,
    DebriefItem,
    actions_for_engagement,
    actions_for_feedback,
    debrief_engagement,
    debrief_preview,
    suggested_title,
)
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.history import history_for
from pcc_desktop.services.workspace import Workspace

HELD_ON = date(2025, 6, 12)
LABEL = "Community day 12/06/2025, Loughborough Market Place (ENG-2025-0001)"
CONTACT_NAME = "Margaret Residentson"
CONTACT_DETAILS = "margaret@example.org 07700 900123"


def _area(s, name: str, kind: AreaKind = AreaKind.PLACE) -> Area:
    return s.scalars(select(Area).where(Area.name == name, Area.kind == kind)).one()


def _theme(s, name: str) -> Theme:
    return s.scalars(select(Theme).where(Theme.name == name)).one()


def _engagement(ws: Workspace, reference: str = "ENG-2025-0001", **changes: object) -> uuid.UUID:
    with ws.session() as s:
        values: dict[str, object] = {
            "reference": reference,
            "kind": EngagementType.COMMUNITY_DAY,
            "status": EngagementStatus.HELD,
            "held_on": HELD_ON,
            "place_name": "Loughborough Market Place",
            "area_id": _area(s, "Loughborough").id,
        }
        values.update(changes)
        engagement = Engagement(**values)
        s.add(engagement)
        s.flush()
        return engagement.id


def _feedback(ws: Workspace, engagement_id: uuid.UUID, text: str, **changes: object) -> uuid.UUID:
    theme_names = changes.pop("themes", ())
    area_name = changes.pop("area", None)
    with ws.session() as s:
        item = FeedbackItem(engagement_id=engagement_id, text=text, **changes)
        item.themes = [_theme(s, name) for name in theme_names]  # type: ignore[union-attr]
        if area_name:
            item.area_id = _area(s, str(area_name)).id
        s.add(item)
        s.flush()
        return item.id


@pytest.fixture
def day(seeded: Workspace) -> tuple[Workspace, uuid.UUID, uuid.UUID, uuid.UUID]:
    """A held community day with two feedback items: one with consent and a contact, one without."""
    eng = _engagement(seeded)
    speeding = _feedback(
        seeded,
        eng,
        "Cars speed through the village every evening. Residents want a speed camera.",
        position=1,
        sentiment=Sentiment.NEGATIVE,
        themes=("Speeding in villages",),
        area="Oakham",
        consent_to_contact=True,
        consent_recorded_on=HELD_ON,
        contact_name=CONTACT_NAME,
        contact_details=CONTACT_DETAILS,
    )
    dealing = _feedback(
        seeded,
        eng,
        "Drug dealing near the park",
        position=2,
        themes=("Drug dealing", "Anti-social behaviour"),
    )
    return seeded, eng, speeding, dealing


def _debrief(ws: Workspace, eng: uuid.UUID, *items: DebriefItem, **changes: object):
    data = replace(DebriefInput(debriefed_on=date(2025, 6, 16), items=items), **changes)  # type: ignore[arg-type]
    return ws.act(debrief_engagement, eng, data)


def _rejected(ws: Workspace, eng: uuid.UUID, *items: DebriefItem, **changes: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        _debrief(ws, eng, *items, **changes)
    return caught.value.errors


def _action(ws: Workspace, reference: str):
    with ws.session() as s:
        action_id = s.scalars(select(Action.id).where(Action.reference == reference)).one()
    return ws.run(get_action, action_id)


def _action_count(ws: Workspace) -> int:
    return ws.run(lambda s: s.scalar(select(func.count()).select_from(Action)))


# --- creating the actions ----------------------------------------------------------------------


def test_debrief_creates_prefilled_actions_linked_to_their_items(day) -> None:
    ws, eng, speeding, dealing = day
    result = _debrief(ws, eng, DebriefItem(speeding, True), DebriefItem(dealing, True))
    assert result.action_references == ("ACT-2025-0001", "ACT-2025-0002")

    first = _action(ws, "ACT-2025-0001")
    assert first.title == "Cars speed through the village every evening."
    assert first.origin_kind == OriginKind.FEEDBACK
    assert (first.feedback_item_id, first.engagement_id, first.origin_engagement_id) == (speeding, None, eng)
    assert first.origin_label == f"Feedback at {LABEL}"
    assert first.description == (
        f"Cars speed through the village every evening. Residents want a speed camera.\n\nRaised at {LABEL}"
    )
    assert first.theme_names == ("Speeding in villages",)
    assert first.area_name == "Oakham"  # the item's own area
    assert first.raiser_told == RaiserTold.NOT_YET  # consent to contact was recorded
    assert first.owner_id == ws.actor_id
    assert first.logged_on == date(2025, 6, 16)
    assert first.status == ActionStatus.OPEN

    second = _action(ws, "ACT-2025-0002")
    assert second.title == "Drug dealing near the park"
    assert second.area_name == "Loughborough"  # falls back to the engagement's area
    assert second.theme_names == ("Anti-social behaviour", "Drug dealing")
    assert second.raiser_told == RaiserTold.NOT_APPLICABLE


def test_debrief_uses_what_the_item_says_and_the_engagement_marking(day) -> None:
    ws, eng, speeding, dealing = day
    with ws.session() as s:
        engagement = s.get_one(Engagement, eng)
        engagement.classification = Classification.OFFICIAL_SENSITIVE
        engagement.publishable = False
        org_id = s.scalars(select(Organisation.id).order_by(Organisation.name)).first()
    owner = new_staff(ws, "Sam Owner")
    item = DebriefItem(
        speeding,
        True,
        title="  Ask Charnwood NPA for speed checks  ",
        owner_id=owner,
        assignee_org_id=org_id,
        due_on=date(2025, 7, 31),
        priority=Priority.HIGH,
    )
    _debrief(ws, eng, item, DebriefItem(dealing, False))
    detail = _action(ws, "ACT-2025-0001")
    assert detail.title == "Ask Charnwood NPA for speed checks"
    assert (detail.owner_id, detail.assignee_org_id) == (owner, org_id)
    assert (detail.due_on, detail.priority) == (date(2025, 7, 31), Priority.HIGH)
    assert (detail.classification, detail.publishable) == (Classification.OFFICIAL_SENSITIVE, False)
    assert _action_count(ws) == 1  # the item not chosen made no action


def test_debrief_records_date_debriefer_and_intelligence_with_history(day) -> None:
    ws, eng, speeding, _ = day
    _debrief(
        ws,
        eng,
        DebriefItem(speeding, True),
        intelligence_to=" Charnwood NPA commander ",
        intelligence_on=date(2025, 6, 17),
        intelligence_notes="Vehicle seen at the park most nights.",
    )
    with ws.session() as s:
        engagement = s.get_one(Engagement, eng)
        assert engagement.debriefed_on == date(2025, 6, 16)
        assert engagement.debriefed_by_id == ws.actor_id
        assert engagement.intelligence_to == "Charnwood NPA commander"
        assert engagement.intelligence_on == date(2025, 6, 17)
        assert engagement.intelligence_notes == "Vehicle seen at the park most nights."
    changes = {h.field: h.new_value for h in ws.run(history_for, "engagement", eng)}
    assert changes == {
        "debriefed_on": "2025-06-16",
        "debriefed_by": "Alex Tester",
        "intelligence_to": "Charnwood NPA commander",
        "intelligence_on": "2025-06-17",
        "intelligence_notes": "Vehicle seen at the park most nights.",
    }
    item_history = ws.run(history_for, "feedback_item", speeding)
    assert [(h.field, h.new_value) for h in item_history] == [("action", "ACT-2025-0001")]


def test_a_debrief_without_actions_still_records_the_debrief(day) -> None:
    ws, eng, speeding, dealing = day
    result = _debrief(ws, eng, DebriefItem(speeding, False), DebriefItem(dealing, False))
    assert result.action_references == ()
    with ws.session() as s:
        assert s.get_one(Engagement, eng).debriefed_on == date(2025, 6, 16)


def test_no_contact_details_reach_the_history_or_the_action(day) -> None:
    ws, eng, speeding, _ = day
    _debrief(ws, eng, DebriefItem(speeding, True))
    detail = _action(ws, "ACT-2025-0001")
    with ws.session() as s:
        texts = [f"{c.old_value} {c.new_value} {c.reason}" for c in s.scalars(select(ChangeRecord))]
    for secret in (CONTACT_NAME, "margaret@example.org", "07700 900123"):
        assert all(secret not in text for text in texts)
        assert secret not in f"{detail.title} {detail.description} {detail.assignee_person}"


# --- links both ways ---------------------------------------------------------------------------


def test_links_both_ways_and_in_the_list(day) -> None:
    ws, eng, speeding, dealing = day
    _debrief(ws, eng, DebriefItem(speeding, True), DebriefItem(dealing, True))
    linked = ws.run(actions_for_feedback, speeding)
    assert [(a.reference, a.status_label) for a in linked] == [("ACT-2025-0001", "Open")]
    assert [a.reference for a in ws.run(actions_for_engagement, eng)] == ["ACT-2025-0001", "ACT-2025-0002"]
    preview = {c.feedback_item_id: c for c in ws.run(debrief_preview, eng)}
    assert preview[speeding].action_references == ("ACT-2025-0001",)
    assert preview[dealing].action_references == ("ACT-2025-0002",)
    rows = ws.run(list_actions, ActionFilter(origin_kind=OriginKind.FEEDBACK)).rows
    assert {r.origin for r in rows} == {f"Feedback at {LABEL}"}
    # An action raised from the engagement itself counts towards it too.
    direct = ws.act(
        create_action,
        ActionInput(
            title="Write the blog",
            owner_id=ws.actor_id,
            logged_on=HELD_ON,
            origin_kind=OriginKind.ENGAGEMENT,
            engagement_id=eng,
        ),
    )
    assert direct.origin_label == LABEL
    assert ws.run(list_actions, ActionFilter(origin_kind=OriginKind.ENGAGEMENT)).rows[0].origin == LABEL
    assert [a.reference for a in ws.run(actions_for_engagement, eng)][-1] == direct.reference
    assert ws.run(actions_for_feedback, dealing)[0].feedback_item_id == dealing


def test_deleted_actions_are_not_linked(day) -> None:
    from pcc_desktop.services.actions import delete_action

    ws, eng, speeding, _ = day
    _debrief(ws, eng, DebriefItem(speeding, True))
    ws.act(delete_action, _action(ws, "ACT-2025-0001").id, "Logged twice")
    assert ws.run(actions_for_feedback, speeding) == []
    assert ws.run(actions_for_engagement, eng) == []
    # ...so the item can be turned into an action again without allow_another.
    assert _debrief(ws, eng, DebriefItem(speeding, True)).action_references == ("ACT-2025-0002",)


def test_preview_lists_items_with_suggested_titles_and_no_contact(day) -> None:
    ws, eng, speeding, dealing = day
    with ws.session() as s:
        s.get_one(FeedbackItem, dealing).deleted_at = s.get_one(Engagement, eng).created_at
    preview = ws.run(debrief_preview, eng)
    assert [c.feedback_item_id for c in preview] == [speeding]
    candidate = preview[0]
    assert candidate.suggested_title == "Cars speed through the village every evening."
    assert candidate.themes == ("Speeding in villages",)
    assert candidate.sentiment == Sentiment.NEGATIVE
    assert candidate.consent_to_contact is True
    assert CONTACT_NAME not in repr(candidate)


# --- rules -------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [EngagementStatus.PLANNED, EngagementStatus.CANCELLED])
def test_only_a_held_engagement_can_be_debriefed(day, status: EngagementStatus) -> None:
    ws, eng, speeding, _ = day
    with ws.session() as s:
        s.get_one(Engagement, eng).status = status
    assert "status" in _rejected(ws, eng, DebriefItem(speeding, True))
    assert _action_count(ws) == 0


def test_debrief_date_rules(day) -> None:
    ws, eng, speeding, _ = day
    item = DebriefItem(speeding, True)
    assert "debriefed_on" in _rejected(ws, eng, item, debriefed_on=None)
    assert "debriefed_on" in _rejected(ws, eng, item, debriefed_on=date(2025, 6, 11))  # before held
    assert "debriefed_on" in _rejected(ws, eng, item, debriefed_on=date(2025, 6, 19))  # future
    assert _debrief(ws, eng, item, debriefed_on=HELD_ON).action_references == ("ACT-2025-0001",)


def test_intelligence_needs_a_recipient_and_a_sensible_date(day) -> None:
    ws, eng, _, _ = day
    errors = _rejected(ws, eng, intelligence_on=date(2025, 6, 13))
    assert "intelligence_to" in errors
    assert "intelligence_on" in _rejected(ws, eng, intelligence_to="NPA", intelligence_on=date(2025, 6, 19))
    assert "intelligence_on" in _rejected(ws, eng, intelligence_to="NPA", intelligence_on=date(2025, 6, 1))
    assert "intelligence_to" in _rejected(ws, eng, intelligence_to="x" * 201)
    _debrief(ws, eng, intelligence_to="Charnwood NPA commander")  # a recipient without a date is fine


def test_an_item_with_an_action_needs_allow_another(day) -> None:
    ws, eng, speeding, _ = day
    _debrief(ws, eng, DebriefItem(speeding, True))
    errors = _rejected(ws, eng, DebriefItem(speeding, True))
    assert "ACT-2025-0001" in errors[f"allow_another:{speeding}"]
    assert _action_count(ws) == 1
    again = _debrief(ws, eng, DebriefItem(speeding, True, title="Second look", allow_another=True))
    assert again.action_references == ("ACT-2025-0002",)
    assert [a.reference for a in ws.run(actions_for_feedback, speeding)] == ["ACT-2025-0001", "ACT-2025-0002"]


def test_items_must_belong_to_the_engagement_and_appear_once(day) -> None:
    ws, eng, speeding, _ = day
    other = _engagement(ws, "ENG-2025-0002", held_on=date(2025, 6, 5))
    stranger = _feedback(ws, other, "Parking on the pavement")
    assert f"feedback_item_id:{stranger}" in _rejected(ws, eng, DebriefItem(stranger, True))
    missing = uuid.uuid4()
    assert f"feedback_item_id:{missing}" in _rejected(ws, eng, DebriefItem(missing, True))
    twice = _rejected(ws, eng, DebriefItem(speeding, True), DebriefItem(speeding, True))
    assert f"feedback_item_id:{speeding}" in twice
    assert _action_count(ws) == 0


def test_a_deleted_or_unknown_engagement_is_not_found(day) -> None:
    ws, eng, speeding, _ = day
    with pytest.raises(NotFoundError):
        _debrief(ws, uuid.uuid4())
    with ws.session() as s:
        engagement = s.get_one(Engagement, eng)
        engagement.deleted_at = engagement.created_at
    with pytest.raises(NotFoundError):
        _debrief(ws, eng, DebriefItem(speeding, True))
    with pytest.raises(NotFoundError):
        ws.run(debrief_preview, eng)


def test_all_or_nothing_when_one_item_is_bad(day) -> None:
    ws, eng, speeding, dealing = day
    leaver = new_staff(ws, "Long Gone", active=False)
    errors = _rejected(
        ws,
        eng,
        DebriefItem(speeding, True),
        DebriefItem(dealing, True, owner_id=leaver, due_on=date(2025, 6, 1)),
        intelligence_to="Charnwood NPA commander",
    )
    assert set(errors) == {f"owner_id:{dealing}", f"due_on:{dealing}"}
    assert _action_count(ws) == 0
    with ws.session() as s:
        engagement = s.get_one(Engagement, eng)
        assert (engagement.debriefed_on, engagement.intelligence_to) == (None, "")
    assert ws.run(history_for, "engagement", eng) == []
    # Nothing was used up: the next debrief starts at the first number.
    assert _debrief(ws, eng, DebriefItem(dealing, True)).action_references == ("ACT-2025-0001",)


def test_an_empty_item_text_needs_a_title(day) -> None:
    ws, eng, _, _ = day
    blank = _feedback(ws, eng, "   ", position=3)
    assert f"title:{blank}" in _rejected(ws, eng, DebriefItem(blank, True))
    assert _debrief(ws, eng, DebriefItem(blank, True, title="Call back")).action_references


# --- titles ------------------------------------------------------------------------------------


def test_suggested_title_is_the_first_sentence_within_200_characters() -> None:
    assert suggested_title("Speeding on Main St.  Also litter.") == "Speeding on Main St."
    assert suggested_title("  Lorries   use the\nlane at night ") == "Lorries use the lane at night"
    assert suggested_title("Is anyone listening? We called 101 twice.") == "Is anyone listening?"
    long = "word " * 80
    title = suggested_title(long)
    assert len(title) <= 200
    assert title.endswith("word…")
    one_word = suggested_title("x" * 300)
    assert len(one_word) == 200 and one_word.endswith("…")


# --- typed origins on the action form ----------------------------------------------------------


def _input(ws: Workspace, **changes: object) -> ActionInput:
    data = ActionInput(title="Follow up", owner_id=ws.actor_id, logged_on=date(2025, 6, 16))
    return replace(data, **changes)  # type: ignore[arg-type]


def test_engagement_and_feedback_origins_need_a_live_link(day) -> None:
    ws, _eng, speeding, _ = day
    for changes, field in (
        ({"origin_kind": OriginKind.ENGAGEMENT}, "engagement_id"),
        ({"origin_kind": OriginKind.ENGAGEMENT, "engagement_id": uuid.uuid4()}, "engagement_id"),
        ({"origin_kind": OriginKind.FEEDBACK}, "feedback_item_id"),
        ({"origin_kind": OriginKind.FEEDBACK, "feedback_item_id": uuid.uuid4()}, "feedback_item_id"),
    ):
        with pytest.raises(ValidationError) as caught:
            ws.act(create_action, _input(ws, **changes))
        assert field in caught.value.errors
    other = _engagement(ws, "ENG-2025-0002", held_on=date(2025, 6, 5))
    with pytest.raises(ValidationError) as caught:
        ws.act(
            create_action,
            _input(ws, origin_kind=OriginKind.FEEDBACK, feedback_item_id=speeding, engagement_id=other),
        )
    assert "different engagement" in caught.value.errors["feedback_item_id"]
    with ws.session() as s:
        item = s.get_one(FeedbackItem, speeding)
        item.deleted_at = item.created_at
    with pytest.raises(ValidationError):
        ws.act(create_action, _input(ws, origin_kind=OriginKind.FEEDBACK, feedback_item_id=speeding))


def test_changing_the_origin_clears_the_other_links_and_is_in_the_history(day) -> None:
    ws, eng, speeding, _ = day
    detail = ws.act(
        create_action,
        _input(ws, origin_kind=OriginKind.FEEDBACK, feedback_item_id=speeding, engagement_id=eng),
    )
    assert (detail.feedback_item_id, detail.engagement_id) == (speeding, None)
    moved = ws.act(
        update_action,
        detail.id,
        _input(ws, origin_kind=OriginKind.ENGAGEMENT, engagement_id=eng, feedback_item_id=speeding),
    )
    assert (moved.origin_kind, moved.engagement_id, moved.feedback_item_id) == (
        OriginKind.ENGAGEMENT,
        eng,
        None,
    )
    alone = ws.act(update_action, detail.id, _input(ws, engagement_id=eng))
    assert (alone.origin_label, alone.engagement_id, alone.origin_engagement_id) == (
        "Stand-alone",
        None,
        None,
    )
    changes = {(h.field, h.old_value, h.new_value) for h in ws.run(history_for, "action", detail.id)}
    assert ("feedback_item_id", f"Feedback at {LABEL}", None) in changes
    assert ("engagement_id", None, LABEL) in changes
    assert ("engagement_id", LABEL, None) in changes
