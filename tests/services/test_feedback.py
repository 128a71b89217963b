"""Feedback items: live capture, consent and personal data, relaying, CGB, ordering, deletion."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from pcc_desktop.models import (
    Action,
    AreaKind,
    ChangeRecord,
    EngagementStatus,
    EngagementType,
    OriginKind,
    RaisedBy,
    RelayedTo,
    Sentiment,
)
from pcc_desktop.services.actions import ActionInput, create_action
from pcc_desktop.services.engagements import EngagementInput, create_engagement, get_engagement, set_status
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.feedback import (
    FeedbackInput,
    add_feedback,
    delete_feedback,
    list_feedback,
    move_feedback,
    update_feedback,
)
from pcc_desktop.services.history import history_for
from pcc_desktop.services.reference_data import list_areas, list_themes
from pcc_desktop.services.workspace import Workspace
from tests.conftest import TODAY

CONSENTED = FeedbackInput(
    text="Burglaries on Park Road",
    consent_to_contact=True,
    consent_recorded_on=TODAY,
    contact_name="Pat Resident",
    contact_details="pat@example.org",
)


@pytest.fixture
def eng(seeded: Workspace) -> uuid.UUID:
    """A community day held today in Oakham."""
    oakham = next(a.id for a in seeded.run(list_areas, AreaKind.PLACE) if a.name == "Oakham")
    data = EngagementInput(
        kind=EngagementType.COMMUNITY_DAY, held_on=TODAY, status=EngagementStatus.HELD, area_id=oakham
    )
    return seeded.act(create_engagement, data).id


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    """The field messages of a ValidationError."""
    return exc.value.errors


def history_text(ws: Workspace) -> str:
    """Every old and new value in the history, as one string."""
    records = ws.run(lambda s: list(s.scalars(select(ChangeRecord))))
    return " | ".join(f"{r.old_value} {r.new_value}" for r in records)


def test_add_numbers_items_and_fills_the_dto(seeded: Workspace, eng: uuid.UUID) -> None:
    themes = [t for t in seeded.run(list_themes) if t.name in ("Burglary", "Road safety")]
    oakham = next(a for a in seeded.run(list_areas, AreaKind.PLACE) if a.name == "Oakham")
    first = seeded.act(
        add_feedback,
        eng,
        FeedbackInput(
            text="  Speeding through the village  ",
            sentiment=Sentiment.NEGATIVE,
            raised_by=RaisedBy.PARISH_COUNCILLOR,
            theme_ids=(themes[1].id, themes[0].id, themes[1].id),
            area_id=oakham.id,
            relayed_to=RelayedTo.NPA_COMMANDER,
            relayed_on=TODAY,
            for_cgb=True,
            cgb_topic="Road safety performance",
        ),
    )
    second = seeded.act(
        add_feedback, eng, FeedbackInput(text="Thanks for the visit", sentiment=Sentiment.POSITIVE)
    )
    assert (first.position, second.position) == (1, 2)
    assert first.text == "Speeding through the village"
    assert set(first.theme_names) == {"Burglary", "Road safety"} and len(first.theme_ids) == 2
    assert first.area_name == "Oakham" and first.engagement_id == eng
    assert (first.sentiment_label, first.raised_by_label) == ("Negative", "Parish councillor")
    assert first.relayed_to_label == "Force – Neighbourhood Area Commander"
    assert first.action_references == () and first.row_version == 1
    assert [f.id for f in seeded.run(list_feedback, eng)] == [first.id, second.id]
    assert seeded.run(get_engagement, eng).feedback_count == 2
    created = seeded.run(history_for, "feedback_item", first.id)
    assert [(e.field, e.new_value) for e in created] == [("created", "ENG-2025-0001 #1")]


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        (FeedbackInput(text="   "), "text", "Write down"),
        (FeedbackInput(text="x" * 2001), "text", "2,000"),
        (FeedbackInput(text="a", relayed_on=TODAY), "relayed_to", "who"),
        (
            FeedbackInput(text="a", relayed_to=RelayedTo.PARTNER, relayed_on=TODAY + timedelta(days=1)),
            "relayed_on",
            "future",
        ),
        (FeedbackInput(text="a", for_cgb=True), "cgb_topic", "topic"),
        (FeedbackInput(text="a", contact_name="Pat"), "contact_name", "consent"),
        (FeedbackInput(text="a", contact_details="07700 900000"), "contact_name", "consent"),
        (replace(CONSENTED, consent_recorded_on=None), "consent_recorded_on", "date consent"),
        (replace(CONSENTED, consent_recorded_on=TODAY + timedelta(days=1)), "consent_recorded_on", "future"),
        (replace(CONSENTED, contact_name="x" * 161), "contact_name", "160"),
        (replace(CONSENTED, contact_details="x" * 301), "contact_details", "300"),
        (FeedbackInput(text="a", theme_ids=(uuid.uuid4(),)), "theme_ids", "themes"),
        (FeedbackInput(text="a", area_id=uuid.uuid4()), "area_id", "area"),
    ],
)
def test_rules_name_the_field(
    seeded: Workspace, eng: uuid.UUID, data: FeedbackInput, field: str, fragment: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        seeded.act(add_feedback, eng, data)
    assert fragment in errors_of(exc)[field]
    assert seeded.run(list_feedback, eng) == []


def test_contact_kept_with_consent_but_never_in_the_history(seeded: Workspace, eng: uuid.UUID) -> None:
    item = seeded.act(add_feedback, eng, CONSENTED)
    assert (item.contact_name, item.contact_details) == ("Pat Resident", "pat@example.org")
    changed = seeded.act(update_feedback, item.id, replace(item.to_input(), contact_name="Patricia Resident"))
    assert changed.contact_name == "Patricia Resident"
    withdrawn = seeded.act(update_feedback, item.id, replace(changed.to_input(), consent_to_contact=False))
    assert (withdrawn.contact_name, withdrawn.contact_details, withdrawn.consent_recorded_on) == (
        "",
        "",
        None,
    )
    fields = {(e.field, e.new_value) for e in seeded.run(history_for, "feedback_item", item.id)}
    assert ("contact_name", "(personal data changed)") in fields
    assert ("contact_name", "(personal data removed)") in fields
    assert ("contact_details", "(personal data removed)") in fields
    text = history_text(seeded)
    assert "Pat" not in text and "example.org" not in text


def test_update_records_changes_and_checks_the_version(seeded: Workspace, eng: uuid.UUID) -> None:
    theme = next(t for t in seeded.run(list_themes) if t.name == "Burglary")
    item = seeded.act(add_feedback, eng, FeedbackInput(text="Burglary worries"))
    data = replace(item.to_input(), sentiment=Sentiment.NEGATIVE, theme_ids=(theme.id,))
    after = seeded.act(update_feedback, item.id, data, expected_version=1)
    assert after.theme_names == ("Burglary",) and after.row_version == 2
    changes = {e.field: (e.old_value, e.new_value) for e in seeded.run(history_for, "feedback_item", item.id)}
    assert changes["sentiment"] == ("neutral", "negative")
    assert changes["themes"] == ("", "Burglary")
    with pytest.raises(ConflictError):
        seeded.act(update_feedback, item.id, data, expected_version=1)


def test_move_renumbers_and_records_the_move(seeded: Workspace, eng: uuid.UUID) -> None:
    items = [seeded.act(add_feedback, eng, FeedbackInput(text=t)) for t in ("a", "b", "c")]
    moved = seeded.act(move_feedback, items[2].id, 1)
    assert [(f.text, f.position) for f in moved] == [("c", 1), ("a", 2), ("b", 3)]
    assert [f.text for f in seeded.act(move_feedback, items[2].id, 99)] == ["a", "b", "c"]
    entries = seeded.run(history_for, "feedback_item", items[2].id)
    assert [(e.field, e.old_value, e.new_value) for e in entries[1:]] == [
        ("position", "3", "1"),
        ("position", "1", "3"),
    ]


def test_delete_is_soft_and_refused_once_actions_were_raised(seeded: Workspace, eng: uuid.UUID) -> None:
    keep = seeded.act(add_feedback, eng, FeedbackInput(text="Keep me"))
    drop = seeded.act(add_feedback, eng, FeedbackInput(text="Typed twice"))
    seeded.act(delete_feedback, drop.id, "Typed twice")
    assert [f.id for f in seeded.run(list_feedback, eng)] == [keep.id]
    with pytest.raises(NotFoundError):
        seeded.act(delete_feedback, drop.id)
    action = seeded.act(
        create_action, ActionInput(title="Follow up", owner_id=seeded.actor_id, logged_on=TODAY)
    )

    def link(session) -> None:  # type: ignore[no-untyped-def]
        row = session.get(Action, action.id)
        row.origin_kind, row.feedback_item_id = OriginKind.FEEDBACK, keep.id

    seeded.run(link)
    assert seeded.run(list_feedback, eng)[0].action_references == (action.reference,)
    with pytest.raises(ValidationError) as exc:
        seeded.act(delete_feedback, keep.id)
    assert action.reference in errors_of(exc)["record"]


def test_no_feedback_on_a_cancelled_or_missing_engagement(seeded: Workspace) -> None:
    data = EngagementInput(
        kind=EngagementType.SURGERY, held_on=TODAY + timedelta(days=3), place_name="Oakham"
    )
    planned = seeded.act(create_engagement, data)
    seeded.act(set_status, planned.id, EngagementStatus.CANCELLED, "Snow")
    with pytest.raises(ValidationError) as exc:
        seeded.act(add_feedback, planned.id, FeedbackInput(text="a"))
    assert "cancelled" in errors_of(exc)["engagement"]
    with pytest.raises(NotFoundError):
        seeded.act(add_feedback, uuid.uuid4(), FeedbackInput(text="a"))


def test_adding_feedback_stays_cheap(seeded: Workspace, eng: uuid.UUID) -> None:
    """One Enter key at a live event: a few statements, however many items exist already."""
    from sqlalchemy import event

    for n in range(30):
        seeded.act(add_feedback, eng, FeedbackInput(text=f"item {n}"))
    statements: list[str] = []
    event.listen(seeded.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    item = seeded.act(add_feedback, eng, FeedbackInput(text="one more"))
    assert item.position == 31
    assert len(statements) <= 8, statements
