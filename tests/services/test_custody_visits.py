"""Custody visit reports: the Code of Practice rules, no identities, and review into actions."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from conftest import new_staff
from sqlalchemy import func, select

from pcc_desktop.models import (
    Action,
    ChangeRecord,
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    CustodySuite,
    DatabaseSetting,
    DetaineeConversation,
    Organisation,
    OriginKind,
    RaiserTold,
    ReportStatus,
    RequestCategory,
    RotaSlot,
    SlotStatus,
    VisitMode,
    Volunteer,
)
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.custody_visit_rules import HASH_SALT_KEY, name_warnings
from pcc_desktop.services.custody_visits import (
    ConversationInput,
    RequestInput,
    ReviewInput,
    ReviewIssue,
    VisitInput,
    add_conversation,
    create_visit,
    get_visit,
    list_visits,
    remove_conversation,
    review_visit,
    set_conditions,
    submit_visit,
    update_conversation,
    update_visit,
)
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace

DAY = date(2025, 6, 16)
CUSTODY_NUMBER = "KL20250616ZQX"


@pytest.fixture
def icv(seeded: Workspace) -> Workspace:
    """Suites, categories, checklists and three volunteers on the register."""
    seeded.run(seed_custody_reference)
    with seeded.session() as s:
        for n in range(1, 4):
            s.add(Volunteer(reference=f"VOL-2025-000{n}", name=f"Volunteer {n}"))
    return seeded


def _ids(ws: Workspace) -> dict[str, object]:
    with ws.session() as s:
        return {
            "suite": s.scalars(select(CustodySuite.id).where(CustodySuite.name == "Keyham Lane")).one(),
            "other_suite": s.scalars(
                select(CustodySuite.id).where(CustodySuite.name == "Euston Street")
            ).one(),
            "volunteers": tuple(s.scalars(select(Volunteer.id).order_by(Volunteer.reference))),
            "food": s.scalars(
                select(RequestCategory.id).where(RequestCategory.name == "Food or drink")
            ).one(),
            "welfare": s.scalars(
                select(ChecklistItem.id).where(ChecklistItem.area == ChecklistArea.RIGHTS_AND_WELFARE)
            ).first(),
            "condition": s.scalars(
                select(ChecklistItem.id).where(ChecklistItem.area == ChecklistArea.CONDITIONS)
            ).first(),
            "custody_org": s.scalars(
                select(Organisation.id).where(Organisation.name == "Leicestershire Police – Custody")
            ).one(),
        }


def _visit(ids: dict, **changes: object) -> VisitInput:
    base = VisitInput(
        suite_id=ids["suite"],  # type: ignore[arg-type]
        visited_on=DAY,
        arrived_at=time(19, 0),
        admitted_at=time(19, 5),
        departed_at=time(20, 30),
        visitor_ids=ids["volunteers"][:2],  # type: ignore[index]
        in_custody=10,
        offered=6,
        seen=3,
        declined=3,
        escorted_by_rank="Sergeant",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _errors(ws: Workspace, fn, *args: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        ws.act(fn, *args)
    return caught.value.errors


def _talk(ids: dict, **changes: object) -> ConversationInput:
    base = ConversationInput(
        consent_to_talk=True,
        custody_number=CUSTODY_NUMBER,
        welfare={ids["welfare"]: CheckResult.YES},
        requests=(RequestInput(ids["food"], raised_with_sergeant=True, resolved_during_visit=True),),
        notes="Asked for a hot drink; given one.",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# --- creating, and the rules for the header -------------------------------------------------------


def test_create_gives_a_draft_with_an_icv_reference(icv: Workspace) -> None:
    ids = _ids(icv)
    detail = icv.act(create_visit, _visit(ids))
    assert detail.reference == "ICV-2025-0001"
    assert detail.status == ReportStatus.DRAFT
    assert detail.suite_name == "Keyham Lane"
    assert [v.reference for v in detail.visitors] == ["VOL-2025-0001", "VOL-2025-0002"]
    assert detail.duration_minutes == 90
    assert icv.act(create_visit, _visit(ids)).reference == "ICV-2025-0002"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"suite_id": None}, "suite_id", "custody suite"),
        ({"visited_on": None}, "visited_on", "date of the visit"),
        ({"visited_on": date(2025, 6, 19)}, "visited_on", "future"),
        ({"admitted_at": time(18, 0)}, "departed_at", "arrival, admission, departure"),
        ({"departed_at": time(19, 2)}, "departed_at", "arrival, admission, departure"),
        ({"admitted_at": time(19, 30)}, "delay_reason", "30 minutes after arriving"),
        ({"in_custody": -1}, "in_custody", "zero or more"),
        ({"offered": 11}, "offered", "More detainees offered"),
        ({"seen": 4}, "seen", "Seen plus declined"),
        ({"not_seen": 2}, "not_seen_reason", "why detainees were not seen"),
        ({"serious_issue": True}, "serious_issue_notes", "Describe the serious issue"),
    ],
)
def test_each_header_rule_has_a_field_message(icv: Workspace, changes: dict, field: str, words: str) -> None:
    errors = _errors(icv, create_visit, _visit(_ids(icv), **changes))
    assert words in errors[field]


def test_a_delay_needs_both_a_reason_and_the_authorising_rank(icv: Workspace) -> None:
    ids = _ids(icv)
    errors = _errors(icv, create_visit, _visit(ids, admitted_at=time(19, 11), delay_reason="Cell fight"))
    assert set(errors) == {"delay_authorised_rank"}
    assert "Inspector or above" in errors["delay_authorised_rank"]
    ok = _visit(ids, admitted_at=time(19, 11), delay_reason="Disturbance", delay_authorised_rank="Inspector")
    assert icv.act(create_visit, ok).delay_authorised_rank == "Inspector"
    assert icv.act(create_visit, _visit(ids, admitted_at=time(19, 10))).delay_reason == ""


def test_a_visit_past_midnight_runs_into_the_next_day(icv: Workspace) -> None:
    ids = _ids(icv)
    late = _visit(ids, arrived_at=time(23, 40), admitted_at=time(23, 45), departed_at=time(0, 55))
    detail = icv.act(create_visit, late)
    assert detail.duration_minutes == 75
    across = _visit(ids, arrived_at=time(23, 55), admitted_at=time(0, 20), departed_at=time(1, 0))
    assert "25 minutes" in _errors(icv, create_visit, across)["delay_reason"]


def test_visitors_must_be_distinct_and_on_the_register(icv: Workspace) -> None:
    ids = _ids(icv)
    one = ids["volunteers"][0]
    assert "listed twice" in _errors(icv, create_visit, _visit(ids, visitor_ids=(one, one)))["visitor_ids"]
    stranger = _visit(ids, visitor_ids=(one, uuid.uuid4()))
    assert "not on the volunteer register" in _errors(icv, create_visit, stranger)["visitor_ids"]


def test_an_in_person_visit_needs_a_pair_to_submit_but_a_call_needs_one(icv: Workspace) -> None:
    ids = _ids(icv)
    solo = icv.act(create_visit, _visit(ids, visitor_ids=ids["volunteers"][:1]))  # a draft may wait
    assert "pair" in _errors(icv, submit_visit, solo.id)["visitor_ids"]
    call = icv.act(create_visit, _visit(ids, mode=VisitMode.TELEPHONE, visitor_ids=ids["volunteers"][:1]))
    assert icv.act(submit_visit, call.id).status == ReportStatus.SUBMITTED
    nobody = icv.act(create_visit, _visit(ids, mode=VisitMode.VIDEO, visitor_ids=()))
    assert "visitor who made the call" in _errors(icv, submit_visit, nobody.id)["visitor_ids"]


def test_submitting_needs_all_three_times(icv: Workspace) -> None:
    draft = icv.act(create_visit, _visit(_ids(icv), admitted_at=None, departed_at=None))
    errors = _errors(icv, submit_visit, draft.id)
    assert set(errors) == {"admitted_at", "departed_at"}


def test_update_changes_a_draft_and_records_history(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    detail = icv.act(
        update_visit, draft.id, _visit(ids, observations="  Suite calm.  ", offered=7, declined=4)
    )
    assert detail.observations == "Suite calm."
    with icv.session() as s:
        fields = set(s.scalars(select(ChangeRecord.field).where(ChangeRecord.entity_id == draft.id)))
    assert {"created", "observations", "offered", "declined"} <= fields


def test_only_a_draft_can_be_changed(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    icv.act(submit_visit, draft.id)
    assert "only a draft" in _errors(icv, update_visit, draft.id, _visit(ids))["status"]
    assert "only a draft" in _errors(icv, add_conversation, draft.id, _talk(ids))["status"]
    assert "only a draft" in _errors(icv, submit_visit, draft.id)["status"]
    with pytest.raises(NotFoundError):
        icv.act(submit_visit, uuid.uuid4())


# --- detainee rows: consent first, and no identities ---------------------------------------------


def test_no_detail_without_consent_to_talk(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    errors = _errors(icv, add_conversation, draft.id, _talk(ids, consent_to_talk=False))
    assert set(errors) == {"requests", "welfare", "notes"}
    assert all("agreed to talk" in message for message in errors.values())
    quiet = ConversationInput(consent_to_talk=False, consent_to_view_record=True, juvenile=True)
    row = icv.act(add_conversation, draft.id, quiet).conversations[0]
    assert (row.consent_to_talk, row.consent_to_view_record, row.juvenile) == (False, True, True)


def test_a_conversation_is_stored_with_requests_and_welfare(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    detail = icv.act(add_conversation, draft.id, _talk(ids, vulnerable=True))
    row = detail.conversations[0]
    assert row.position == 1 and row.vulnerable and row.has_custody_number
    assert [(r.category, r.raised_with_sergeant, r.resolved_during_visit) for r in row.requests] == [
        ("Food or drink", True, True)
    ]
    assert [a.result for a in row.welfare] == [CheckResult.YES]
    changed = icv.act(update_conversation, row.id, _talk(ids, requests=(), welfare={}, notes="Fine."))
    assert changed.conversations[0].requests == () and changed.conversations[0].welfare == ()


def test_unknown_categories_and_items_are_refused(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    bad = _talk(ids, requests=(RequestInput(None),), welfare={ids["condition"]: CheckResult.YES})
    errors = _errors(icv, add_conversation, draft.id, bad)
    assert "category" in errors["requests"] and "rights-and-welfare" in errors["welfare"]


def test_no_more_conversations_than_detainees_seen(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids, seen=1, declined=0))
    icv.act(add_conversation, draft.id, _talk(ids, custody_number=""))
    errors = _errors(icv, add_conversation, draft.id, _talk(ids, custody_number=""))
    assert "Only 1 detainees are recorded as seen" in errors["seen"]
    assert (
        "seen cannot be fewer"
        in _errors(icv, update_visit, draft.id, _visit(ids, seen=0, declined=0))["seen"]
    )


def test_the_same_custody_number_twice_in_a_visit_is_refused(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    first = icv.act(add_conversation, draft.id, _talk(ids)).conversations[0]
    again = _talk(ids, custody_number=" kl 2025 0616 zqx ")  # spacing and case do not hide it
    assert "already been counted" in _errors(icv, add_conversation, draft.id, again)["custody_number"]
    icv.act(update_conversation, first.id, _talk(ids))  # the row itself may keep its number
    other = icv.act(create_visit, _visit(ids))
    assert icv.act(add_conversation, other.id, _talk(ids)).conversations  # another visit: fine
    icv.act(remove_conversation, first.id)
    assert len(icv.act(add_conversation, draft.id, _talk(ids)).conversations) == 1


def test_custody_numbers_are_never_stored_in_clear(icv: Workspace, db_path: Path) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    icv.act(add_conversation, draft.id, _talk(ids))
    with icv.session() as s:
        digest = s.scalars(select(DetaineeConversation.custody_number_hash)).one()
        salt = s.get(DatabaseSetting, HASH_SALT_KEY)
        history = " ".join(str(v) for v in s.scalars(select(ChangeRecord.new_value)))
    assert len(digest) == 64 and salt is not None and len(salt.value) == 64
    assert CUSTODY_NUMBER not in history
    icv.dispose()
    for path in db_path.parent.glob(db_path.name + "*"):
        raw = path.read_bytes()
        assert CUSTODY_NUMBER.encode() not in raw and b"20250616ZQX" not in raw, path


def test_name_warnings_come_back_with_the_report(icv: Workspace) -> None:
    ids = _ids(icv)
    named = _visit(ids, observations="The detainee in cell 4, John Smith, asked for Mrs Patel.")
    detail = icv.act(create_visit, named)
    assert any("John Smith" in w for w in detail.warnings)
    assert any("Mrs Patel" in w for w in detail.warnings)
    assert all(w.startswith("Observations:") for w in detail.warnings)
    clean = icv.act(
        create_visit, _visit(ids, observations="All calm at Keyham Lane. Custody Sergeant helpful.")
    )
    assert clean.warnings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Spoke with John Smith about his solicitor.",
        "Mr Jones asked for a blanket.",
        "Detainee mentioned Ms O'Neill.",
        "Custody number KL123456 asked for food.",
        "Record EU/4521/25 checked.",
    ],
)
def test_name_warnings_flag_what_looks_like_an_identity(text: str) -> None:
    assert name_warnings(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Detainee asked for food. The Custody Sergeant arranged it.",
        "Visited Euston Street on Monday evening; Beaumont Leys was closed.",
        "Told of rights under PACE Code C. Interpreter booked.",
        "All cells clean. Healthcare Nurse on duty. CCTV working in 12 cells.",
        "He asked for an update. She declined. I checked the record.",
    ],
)
def test_name_warnings_leave_ordinary_text_alone(text: str) -> None:
    assert name_warnings(text) == []


# --- conditions, submission and the rota ----------------------------------------------------------


def test_conditions_are_set_and_replaced(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    detail = icv.act(set_conditions, draft.id, {ids["condition"]: (CheckResult.NO, " Graffiti in cell 3 ")})
    assert [(a.result, a.note) for a in detail.conditions] == [(CheckResult.NO, "Graffiti in cell 3")]
    assert icv.act(set_conditions, draft.id, {}).conditions == ()
    bad = {ids["welfare"]: (CheckResult.YES, "")}
    assert "conditions checklist" in _errors(icv, set_conditions, draft.id, bad)["conditions"]


def _slot(ws: Workspace, suite_id: object, status: SlotStatus = SlotStatus.SCHEDULED) -> uuid.UUID:
    with ws.session() as s:
        slot = RotaSlot(
            suite_id=suite_id,
            window_starts=datetime(2025, 6, 16, 17, tzinfo=UTC),
            window_ends=datetime(2025, 6, 16, 21, tzinfo=UTC),
            status=status,
        )
        s.add(slot)
        s.flush()
        return slot.id


def test_submitting_completes_the_rota_slot(icv: Workspace) -> None:
    ids = _ids(icv)
    slot_id = _slot(icv, ids["suite"])
    draft = icv.act(create_visit, _visit(ids, rota_slot_id=slot_id))
    detail = icv.act(submit_visit, draft.id)
    assert detail.status == ReportStatus.SUBMITTED and detail.submitted_on == date(2025, 6, 18)
    with icv.session() as s:
        assert s.get_one(RotaSlot, slot_id).status == SlotStatus.COMPLETED


def test_a_rota_slot_must_be_for_the_suite_and_not_cancelled(icv: Workspace) -> None:
    ids = _ids(icv)
    other = _slot(icv, ids["other_suite"])
    assert (
        "different custody suite"
        in _errors(icv, create_visit, _visit(ids, rota_slot_id=other))["rota_slot_id"]
    )
    cancelled = _slot(icv, ids["suite"], SlotStatus.CANCELLED)
    assert "cancelled" in _errors(icv, create_visit, _visit(ids, rota_slot_id=cancelled))["rota_slot_id"]


def test_list_visits_filters_by_dates_suite_and_status(icv: Workspace) -> None:
    ids = _ids(icv)
    a = icv.act(create_visit, _visit(ids))
    icv.act(create_visit, _visit(ids, suite_id=ids["other_suite"], visited_on=date(2025, 6, 1)))
    icv.act(submit_visit, a.id)
    june = icv.run(list_visits, date(2025, 6, 1), date(2025, 6, 30))
    assert [v.visited_on for v in june] == [DAY, date(2025, 6, 1)]
    assert [v.reference for v in icv.run(list_visits, DAY, DAY)] == [a.reference]
    assert len(icv.run(list_visits, date(2025, 6, 1), date(2025, 6, 30), ids["other_suite"])) == 1
    submitted = icv.run(list_visits, date(2025, 1, 1), DAY, None, ReportStatus.SUBMITTED)
    assert [v.id for v in submitted] == [a.id]
    assert icv.run(get_visit, a.id).status == ReportStatus.SUBMITTED


# --- review into actions --------------------------------------------------------------------------


def test_review_creates_one_action_per_issue_for_the_force(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    icv.act(submit_visit, draft.id)
    issues = (
        ReviewIssue("Cell 3 graffiti", "Graffiti reported on 16/06.", due_on=date(2025, 7, 1)),
        ReviewIssue("Hygiene packs ran out"),
    )
    result = icv.act(review_visit, draft.id, ReviewInput(notes="Two issues for the Force.", issues=issues))
    assert result.action_references == ("ACT-2025-0001", "ACT-2025-0002")
    with icv.session() as s:
        actions = list(s.scalars(select(Action).order_by(Action.reference)))
        assert all(a.assignee_org_id == ids["custody_org"] for a in actions)
        assert all(a.origin_kind == OriginKind.CUSTODY_VISIT for a in actions)
        assert all(a.custody_visit_id == draft.id for a in actions)
        assert all(a.raiser_told == RaiserTold.NOT_YET for a in actions)
        assert all(draft.reference in a.description for a in actions)
        assert actions[0].due_on == date(2025, 7, 1)
    detail = icv.run(get_visit, draft.id)
    assert detail.status == ReportStatus.REVIEWED and detail.reviewed_on == date(2025, 6, 18)
    assert detail.review_notes == "Two issues for the Force."


def test_review_is_all_or_nothing(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    icv.act(submit_visit, draft.id)
    issues = (ReviewIssue("Fine"), ReviewIssue("", due_on=date(2025, 1, 1)), ReviewIssue("Also fine"))
    errors = _errors(icv, review_visit, draft.id, ReviewInput(issues=issues))
    assert set(errors) == {"title:1", "due_on:1"}
    with icv.session() as s:
        assert s.scalar(select(func.count()).select_from(Action)) == 0
    assert icv.run(get_visit, draft.id).status == ReportStatus.SUBMITTED


def test_only_a_submitted_report_can_be_reviewed(icv: Workspace) -> None:
    ids = _ids(icv)
    draft = icv.act(create_visit, _visit(ids))
    assert "Only a submitted report" in _errors(icv, review_visit, draft.id, ReviewInput())["status"]
    icv.act(submit_visit, draft.id)
    owner = new_staff(icv, "Casey Coordinator")
    refs = icv.act(
        review_visit, draft.id, ReviewInput(issues=(ReviewIssue("Check lighting", owner_id=owner),))
    )
    assert len(refs.action_references) == 1
    assert "this one is reviewed" in _errors(icv, review_visit, draft.id, ReviewInput())["status"]


def test_submitting_a_visit_completes_the_weeks_scheduled_slot_for_its_suite(icv: Workspace) -> None:
    from datetime import UTC, datetime, timedelta

    from pcc_desktop.models import RotaSlot, SlotStatus
    from pcc_desktop.services.custody_visits import create_visit, submit_visit

    ids = _ids(icv)
    monday = DAY - timedelta(days=DAY.weekday())
    with icv.session() as s:
        other_suite = RotaSlot(
            suite_id=ids["other_suite"],
            window_starts=datetime.combine(DAY, time(18), UTC),
            window_ends=datetime.combine(DAY, time(21), UTC),
        )
        this_week = RotaSlot(
            suite_id=ids["suite"],
            window_starts=datetime.combine(monday, time(18), UTC),
            window_ends=datetime.combine(monday, time(21), UTC),
        )
        s.add_all([other_suite, this_week])
        s.flush()
        this_week_id, other_id = this_week.id, other_suite.id
    visit = icv.act(create_visit, _visit(ids))
    icv.act(submit_visit, visit.id)
    with icv.session() as s:
        assert s.get(RotaSlot, this_week_id).status == SlotStatus.COMPLETED
        assert s.get(RotaSlot, other_id).status == SlotStatus.SCHEDULED
