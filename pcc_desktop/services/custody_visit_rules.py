"""The Code of Practice rules a custody visit report must meet, and the "no identities" checks.

Rules that only compare the values given (times in order, counts consistent, delay explained) are
checked on every save; rules about completeness (all three times, a pair of visitors) are checked
when the report is submitted. Messages are keyed by the ``VisitInput`` field they concern.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import secrets
import uuid
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from pcc_desktop.models import (
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    CustodySuite,
    DatabaseSetting,
    RequestCategory,
    RotaSlot,
    SlotStatus,
    VisitMode,
    Volunteer,
)
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import Errors

if TYPE_CHECKING:
    from pcc_desktop.services.custody_details import ConversationInput, VisitInput

DELAY_THRESHOLD_MINUTES = 10  # admitted more than this after arriving counts as a delay (Code: "immediately")
MAX_VISIT_HOURS = 12  # times that only make sense as a longer span are taken as out of order
MIN_IN_PERSON_VISITORS = 2  # visits are made in pairs (Code of Practice); remote visits may have one
HASH_SALT_KEY = "icv/hash_salt"
TEXT_LIMIT = 5000

_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][A-Za-z'-]+")
_CUSTODY_NUMBER = re.compile(r"\b[A-Z]{2}[ /-]?\d{3,}(?:/\d{2,4})?\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_NOT_NAMES = frozenset(
    """
    a an the he she they we it i this that these those there their his her our all no one two three
    detainee detainees visitor visitors cell cells custody sergeant inspector constable officer staff
    police force suite code codes practice pace opcc icv icvs commissioner chief superintendent
    beaumont leys euston street keyham lane leicester leicestershire rutland road station
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december bank holiday christmas easter
    healthcare nurse doctor appropriate adult solicitor interpreter legal aid mental health act
    cctv tact dog unit food drink on in at of and or but when after before during
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def _words(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


def _is_capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _name_pairs(sentence: str) -> list[str]:
    """Pairs of capitalised words neither of which is a known non-name word."""
    words = _words(sentence)
    found = []
    for first, second in itertools.pairwise(words):
        if not (_is_capitalised(first) and _is_capitalised(second)):
            continue
        if first.lower() in _NOT_NAMES or second.lower() in _NOT_NAMES:
            continue
        found.append(f"{first} {second}")
    return found


def name_warnings(text: str) -> list[str]:
    """Warnings (not errors) for free text that looks like it identifies a detainee.

    Flags a title followed by a name ("Mr Smith"), two capitalised words that are not known
    places, ranks or everyday words ("John Smith"), and anything shaped like a custody number
    (two capital letters and digits, e.g. "KL123456" or "EU/4521/25").

    Args:
        text: Any free text typed into the report.

    Returns:
        One message per suspicious phrase, in the order found; empty when nothing looks like a name.
    """
    found: list[str] = []
    for match in _TITLE.finditer(text):
        found.append(f"“{match.group(0)}” looks like a person's name; describe people without naming them.")
    titled = {m.group(0).split()[-1] for m in _TITLE.finditer(text)}
    for sentence in _SENTENCE.split(text):
        for pair in _name_pairs(sentence):
            if pair.split()[0] not in titled and pair.split()[1] not in titled:
                found.append(f"“{pair}” looks like a person's name; describe people without naming them.")
    for match in _CUSTODY_NUMBER.finditer(text):
        found.append(
            f"“{match.group(0)}” looks like a custody number; never write custody numbers in a report."
        )
    return list(dict.fromkeys(found))


def hash_salt(session: Session) -> str:
    """This database's salt for custody-number hashes, created on first use."""
    row = session.get(DatabaseSetting, HASH_SALT_KEY)
    if row is None:
        row = DatabaseSetting(key=HASH_SALT_KEY, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return row.value


def custody_number_hash(session: Session, visit_id: uuid.UUID, custody_number: str) -> str:
    """The salted SHA-256 of a custody number, scoped to one visit ("" for a blank number).

    The visit id is part of the hashed text, so the same detainee cannot be linked across visits:
    the hash only lets the service refuse counting one detainee twice within a visit.
    """
    normalised = re.sub(r"[\s/-]", "", custody_number).upper()
    if not normalised:
        return ""
    text = f"{hash_salt(session)}|{visit_id}|{normalised}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def visit_span(day: date, arrived: time, admitted: time, departed: time) -> tuple[datetime, ...] | None:
    """The three times as datetimes, rolling past midnight; None if they cannot be in order."""
    moments = [datetime.combine(day, arrived)]
    for moment in (admitted, departed):
        candidate = datetime.combine(day, moment)
        while candidate < moments[-1]:
            candidate += timedelta(days=1)
        moments.append(candidate)
    if moments[-1] - moments[0] > timedelta(hours=MAX_VISIT_HOURS):
        return None
    return tuple(moments)


def visit_minutes(day: date, arrived: time | None, departed: time | None) -> int:
    """Minutes from arrival to departure, past midnight if need be (0 when a time is missing)."""
    if arrived is None or departed is None:
        return 0
    start, end = datetime.combine(day, arrived), datetime.combine(day, departed)
    if end < start:
        end += timedelta(days=1)
    return int((end - start).total_seconds() // 60)


def _check_times(data: VisitInput, errors: Errors, complete: bool) -> None:
    times = (data.arrived_at, data.admitted_at, data.departed_at)
    if complete:
        errors.check(data.arrived_at is not None, "arrived_at", "Enter the time you arrived.")
        errors.check(data.admitted_at is not None, "admitted_at", "Enter the time you were admitted.")
        errors.check(data.departed_at is not None, "departed_at", "Enter the time you left.")
    if None in times or data.visited_on is None:
        return
    assert data.arrived_at and data.admitted_at and data.departed_at
    span = visit_span(data.visited_on, data.arrived_at, data.admitted_at, data.departed_at)
    if span is None:
        errors.add(
            "departed_at",
            f"The times must run arrival, admission, departure, within {MAX_VISIT_HOURS} hours "
            "(a visit past midnight is fine).",
        )
        return
    delay = (span[1] - span[0]).total_seconds() / 60
    if delay > DELAY_THRESHOLD_MINUTES:
        errors.check(
            bool(data.delay_reason.strip()),
            "delay_reason",
            f"You were admitted {int(delay)} minutes after arriving; record the reason for the delay.",
        )
        errors.check(
            bool(data.delay_authorised_rank.strip()),
            "delay_authorised_rank",
            "Record the rank of the officer who authorised the delay (Inspector or above).",
        )


def _check_population(data: VisitInput, errors: Errors) -> None:
    counts = {
        "in_custody": data.in_custody,
        "offered": data.offered,
        "seen": data.seen,
        "declined": data.declined,
        "not_seen": data.not_seen,
    }
    for name, value in counts.items():
        errors.check(value >= 0, name, "Enter a number of people, zero or more.")
    if any(value < 0 for value in counts.values()):
        return
    errors.check(
        data.offered <= data.in_custody,
        "offered",
        "More detainees offered a visit than were in custody; check the numbers.",
    )
    errors.check(
        data.seen + data.declined <= data.offered,
        "seen",
        "Seen plus declined cannot be more than the number offered a visit.",
    )
    if data.not_seen > 0:
        errors.check(
            bool(data.not_seen_reason.strip()),
            "not_seen_reason",
            "Say why detainees were not seen (asleep, in interview, at hospital, risk…).",
        )


def _check_visitors(session: Session, data: VisitInput, errors: Errors, complete: bool) -> None:
    ids = list(data.visitor_ids)
    if len(set(ids)) != len(ids):
        errors.add("visitor_ids", "The same visitor is listed twice; each visitor counts once.")
    for visitor_id in ids:
        volunteer = session.get(Volunteer, visitor_id)
        if volunteer is None or volunteer.is_deleted:
            errors.add("visitor_ids", "One of the visitors is not on the volunteer register.")
    if not complete:
        return
    needed = MIN_IN_PERSON_VISITORS if data.mode == VisitMode.IN_PERSON else 1
    if len(set(ids)) < needed:
        message = (
            "An in-person visit is made by a pair: choose at least two visitors."
            if needed > 1
            else "Choose the visitor who made the call."
        )
        errors.add("visitor_ids", message)


def _check_links(session: Session, data: VisitInput, errors: Errors) -> None:
    suite = session.get(CustodySuite, data.suite_id) if data.suite_id else None
    if suite is None or suite.is_deleted:
        errors.add("suite_id", "Choose the custody suite visited.")
    if data.visited_on is None:
        errors.add("visited_on", "Enter the date of the visit.")
    elif data.visited_on > today():
        errors.add("visited_on", "The visit date cannot be in the future.")
    if data.rota_slot_id is not None:
        slot = session.get(RotaSlot, data.rota_slot_id)
        if slot is None or slot.is_deleted:
            errors.add("rota_slot_id", "That rota slot no longer exists.")
        elif slot.suite_id != data.suite_id:
            errors.add("rota_slot_id", "That rota slot is for a different custody suite.")
        elif slot.status == SlotStatus.CANCELLED:
            errors.add("rota_slot_id", "That rota slot was cancelled; choose another or none.")


def _check_text(data: VisitInput, errors: Errors) -> None:
    if data.serious_issue:
        errors.check(
            bool(data.serious_issue_notes.strip()),
            "serious_issue_notes",
            "Describe the serious issue so the coordinator can act on it.",
        )
    for name in ("delay_reason", "not_seen_reason", "serious_issue_notes", "observations"):
        errors.check(len(getattr(data, name)) <= TEXT_LIMIT, name, "Keep this to 5,000 characters.")
    for name in ("delay_authorised_rank", "escorted_by_rank"):
        errors.check(len(getattr(data, name)) <= 60, name, "Keep the rank to 60 characters.")


def check_visit(session: Session, data: VisitInput, complete: bool) -> Errors:
    """Every rule for the visit's own fields; ``complete`` adds the rules for submitting.

    Args:
        session: An open session (to look up the suite, visitors and rota slot).
        data: What was typed into the form.
        complete: Whether the report is being submitted (times and a pair become required).

    Returns:
        The collected field messages (call ``raise_if_any`` to raise them).
    """
    errors = Errors()
    _check_links(session, data, errors)
    _check_times(data, errors, complete)
    _check_population(data, errors)
    _check_visitors(session, data, errors, complete)
    _check_text(data, errors)
    return errors


def _check_welfare(session: Session, answers: dict, errors: Errors) -> None:
    for item_id, result in answers.items():
        item = session.get(ChecklistItem, item_id)
        if item is None or item.is_deleted or item.area != ChecklistArea.RIGHTS_AND_WELFARE:
            errors.add("welfare", "One of the answers is not a rights-and-welfare checklist item.")
        if not isinstance(result, CheckResult):
            errors.add("welfare", "Answer each checklist item yes, no, not checked or not applicable.")


def _check_requests(session: Session, requests: tuple, errors: Errors) -> None:
    for request in requests:
        category = session.get(RequestCategory, request.category_id) if request.category_id else None
        if category is None or category.is_deleted:
            errors.add("requests", "Choose a category for every request.")
        errors.check(len(request.notes) <= TEXT_LIMIT, "requests", "Keep request notes to 5,000 characters.")


def check_conversation(session: Session, data: ConversationInput) -> Errors:
    """The rules for one anonymous detainee row: consent before any detail, known categories and items.

    Args:
        session: An open session (to look up categories and checklist items).
        data: What was typed for the detainee.

    Returns:
        The collected field messages, keyed by ``ConversationInput`` field.
    """
    errors = Errors()
    if not data.consent_to_talk:
        refusal = "The detainee has not agreed to talk; record {} only with their consent."
        errors.check(not data.requests, "requests", refusal.format("requests"))
        errors.check(not data.welfare, "welfare", refusal.format("welfare answers"))
        errors.check(not data.notes.strip(), "notes", refusal.format("notes"))
    errors.check(len(data.custody_number) <= 40, "custody_number", "That is too long for a custody number.")
    errors.check(len(data.notes) <= TEXT_LIMIT, "notes", "Keep the notes to 5,000 characters.")
    _check_welfare(session, dict(data.welfare), errors)
    _check_requests(session, tuple(data.requests), errors)
    return errors


def check_conditions(session: Session, answers: dict, errors: Errors) -> None:
    """Each answer is for a live conditions checklist item, with a result and a short note."""
    for item_id, (result, note) in answers.items():
        item = session.get(ChecklistItem, item_id)
        if item is None or item.is_deleted or item.area != ChecklistArea.CONDITIONS:
            errors.add("conditions", "One of the answers is not a conditions checklist item.")
        if not isinstance(result, CheckResult):
            errors.add("conditions", "Answer each checklist item yes, no, not checked or not applicable.")
        errors.check(len(note) <= TEXT_LIMIT, "conditions", "Keep each note to 5,000 characters.")
