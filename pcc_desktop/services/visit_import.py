"""Importing historic custody visit records from a CSV or Excel file: every row checked, then all or none.

The file format is in ``docs/data-formats.md`` ("Importing custody visits"). Files are read with the
shared import code (``tabular_import``): the same encodings, separators, date formats, line numbers and
:class:`ImportFailed` report. One row is one visit. The Code's rules are the ones a typed report meets
(``custody_visit_rules.check_visit``), plus a pair of visitors for an in-person visit. A historic
record does not say which detainee made which request, so each request category named becomes one
anonymous detainee row (who agreed to talk) holding that category's requests; when more categories
than detainees seen are named, the rows are shared in turn. Imported reports are submitted.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    CustodySuite,
    CustodyVisit,
    DetaineeConversation,
    DetaineeRequest,
    ReportStatus,
    RequestCategory,
    VisitMode,
    Volunteer,
)
from pcc_desktop.models.custody import custody_visit_visitor
from pcc_desktop.services import history
from pcc_desktop.services.clock import today
from pcc_desktop.services.custody_details import VisitInput
from pcc_desktop.services.custody_visit_rules import MIN_IN_PERSON_VISITORS, check_visit
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.references import next_reference
from pcc_desktop.services.tabular_import import (
    Columns,
    ImportFailed,
    RowCells,
    RowError,
    check_rows,
    claim_references,
    name_key,
    reference_cell,
    reference_errors,
)

__all__ = ["ImportFailed", "RowError", "VisitImportResult", "import_visits"]

ENTITY = "custody_visit"
PREFIX = "ICV"
COLUMN_NAMES = {
    "date": "Date",
    "suite": "Suite",
    "mode": "Mode",
    "arrived": "Arrived",
    "departed": "Departed",
    "visitors": "Visitors",
    "incustody": "In custody",
    "offered": "Offered",
    "seen": "Seen",
    "declined": "Declined",
    "requests": "Requests",
    "seriousissue": "Serious issue",
    "seriousissuenotes": "Serious issue notes",
    "observations": "Observations",
    "reference": "Reference",
}
_COLUMN_ALIASES = {
    "visitdate": "date",
    "visitedon": "date",
    "custodysuite": "suite",
    "arrival": "arrived",
    "arrivedat": "arrived",
    "departure": "departed",
    "departedat": "departed",
    "visitor": "visitors",
    "detaineesincustody": "incustody",
    "notes": "observations",
}
COLUMNS = Columns(COLUMN_NAMES, ("date", "suite"), _COLUMN_ALIASES, "visits")
MODE_LABELS = {VisitMode.IN_PERSON: "In person", VisitMode.TELEPHONE: "Telephone", VisitMode.VIDEO: "Video"}
MODE_ALIASES = {"phone": VisitMode.TELEPHONE, "videocall": VisitMode.VIDEO, "visit": VisitMode.IN_PERSON}
_COUNTS = (("in_custody", "incustody"), ("offered", "offered"), ("seen", "seen"), ("declined", "declined"))
_YES, _NO = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0"}
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::\d{2})?$")
_REQUEST = re.compile(r"^(.*?)(?:\s*[:=x×]\s*(\d+))?$")
# Fields named in check_visit's messages → the column to report them against.
_FIELD_COLUMNS = {
    "suite_id": "Suite",
    "visited_on": "Date",
    "arrived_at": "Arrived",
    "admitted_at": "Arrived",
    "departed_at": "Departed",
    "delay_reason": "Arrived",
    "delay_authorised_rank": "Arrived",
    "visitor_ids": "Visitors",
    "in_custody": "In custody",
    "offered": "Offered",
    "seen": "Seen",
    "declined": "Declined",
    "serious_issue_notes": "Serious issue notes",
    "observations": "Observations",
}


@dataclass(frozen=True)
class VisitImportResult:
    """What an import created."""

    created: int
    conversations: int
    requests: int
    references: tuple[str, ...]


@dataclass(frozen=True)
class _Planned:
    """One checked row: the report's fields and its requests grouped by category."""

    line: int
    reference: str
    data: VisitInput
    requests: tuple[tuple[uuid.UUID, int], ...]


@dataclass(frozen=True)
class _Lookups:
    """Suites, volunteers (by name and by reference) and request categories, loaded once."""

    suites: dict[str, uuid.UUID]
    volunteers: dict[str, list[uuid.UUID]]
    categories: dict[str, uuid.UUID]

    @classmethod
    def load(cls, session: Session) -> _Lookups:
        """Every live suite, volunteer and request category, keyed by name (ignoring case and spaces)."""
        suites = session.execute(
            select(CustodySuite.name, CustodySuite.id).where(CustodySuite.deleted_at.is_(None))
        )
        volunteers: dict[str, list[uuid.UUID]] = {}
        rows = session.execute(
            select(Volunteer.name, Volunteer.reference, Volunteer.id).where(Volunteer.deleted_at.is_(None))
        )
        for name, reference, volunteer_id in rows:
            volunteers.setdefault(name_key(name), []).append(volunteer_id)
            volunteers[name_key(reference)] = [volunteer_id]
        categories = session.execute(
            select(RequestCategory.name, RequestCategory.id).where(RequestCategory.deleted_at.is_(None))
        )
        return cls(
            suites={name_key(name): i for name, i in suites},
            volunteers=volunteers,
            categories={name_key(name): i for name, i in categories},
        )


def import_visits(session: Session, actor_id: uuid.UUID, path: Path) -> VisitImportResult:
    """Create one submitted visit report per row of ``path`` (.csv or .xlsx): all of them, or none.

    Args:
        session: An open session (the workspace rolls it back if this raises).
        actor_id: The member of staff doing the import.
        path: The file to read.

    Returns:
        How many reports, detainee rows and requests were created, and the references in file order.

    Raises:
        ImportFailed: Some rows broke a rule; ``errors`` lists each one and nothing was written.
        ValueError: The file is neither ``.csv`` nor ``.xlsx``.
    """
    path = Path(path)
    rows = COLUMNS.read(path)
    lookups = _Lookups.load(session)
    plans = check_rows(
        rows,
        COLUMNS,
        lambda cells: _plan_row(session, cells, lookups),
        lambda plans: reference_errors(
            session, CustodyVisit.reference, [(p.line, p.reference) for p in plans], "a visit"
        ),
    )
    return _create_all(session, actor_id, plans, path.name)


def _time(cells: RowCells, key: str) -> time | None:
    """A time from an Excel time cell or text like 14:05 or 9.30; a bad one is recorded."""
    value = cells.values.get(key)
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return time(minutes // 60 % 24, minutes % 60)
    text = cells.text(key)
    match = _TIME.match(text)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    if text:
        column = COLUMN_NAMES[key]
        cells.error(column, f"{column} '{text}' is not a time like 14:05")
    return None


def _count(cells: RowCells, key: str) -> int:
    text = cells.text(key)
    if text and not text.isdigit():
        column = COLUMN_NAMES[key]
        cells.error(column, f"{column} '{text}' should be a whole number of people, 0 or more")
        return 0
    return int(text or 0)


def _flag(cells: RowCells, key: str) -> bool:
    text = cells.text(key).lower()
    if text and text not in _YES | _NO:
        column = COLUMN_NAMES[key]
        cells.error(column, f"{column} '{cells.text(key)}' should be yes or no")
    return text in _YES


def _visitors(cells: RowCells, lookups: _Lookups) -> tuple[uuid.UUID, ...]:
    """The visitors named (or given by VOL reference), separated by semicolons."""
    found: list[uuid.UUID] = []
    for name in filter(None, (part.strip() for part in cells.text("visitors").split(";"))):
        matches = lookups.volunteers.get(name_key(name), [])
        if not matches:
            cells.error("Visitors", f"Visitors: '{name}' is not on the volunteer register")
        elif len(matches) > 1:
            cells.error("Visitors", f"Visitors: two volunteers are called '{name}'; give their VOL reference")
        else:
            found.append(matches[0])
    return tuple(found)


def _requests(cells: RowCells, lookups: _Lookups) -> tuple[tuple[uuid.UUID, int], ...]:
    """``"Food or drink: 3; Interpreter"`` → (category id, count) per category, in the order given."""
    counts: dict[uuid.UUID, int] = {}
    for part in filter(None, (p.strip() for p in cells.text("requests").split(";"))):
        match = _REQUEST.match(part)
        assert match is not None  # the pattern matches any text
        category = lookups.categories.get(name_key(match[1]))
        if category is None:
            cells.error("Requests", f"Requests: '{match[1]}' is not a request category")
            continue
        counts[category] = counts.get(category, 0) + int(match[2] or 1)
    return tuple((category, n) for category, n in counts.items() if n)


def _plan_row(session: Session, cells: RowCells, lookups: _Lookups) -> _Planned | None:
    """Read and check one row; problems go into ``cells.errors``."""
    visited = cells.day("date")
    if visited is None and not cells.has_error("Date"):
        cells.error("Date", "the Date is blank: give the day of the visit")
    suite = lookups.suites.get(name_key(cells.text("suite")))
    if suite is None:
        cells.error("Suite", f"Suite '{cells.text('suite')}' is not a custody suite on the list")
    arrived, departed = _time(cells, "arrived"), _time(cells, "departed")
    if (arrived is None) != (departed is None) and not cells.has_error("Arrived"):
        cells.error("Departed", "give both the Arrived and the Departed times, or neither")
    data = VisitInput(
        suite_id=suite,
        visited_on=visited,
        mode=cells.choice("mode", MODE_LABELS, VisitMode.IN_PERSON, MODE_ALIASES),
        arrived_at=arrived,
        admitted_at=arrived,
        departed_at=departed,
        visitor_ids=_visitors(cells, lookups),
        **{name: _count(cells, key) for name, key in _COUNTS},
        serious_issue=_flag(cells, "seriousissue"),
        serious_issue_notes=cells.text("seriousissuenotes"),
        observations=cells.text("observations"),
    )
    requests = _requests(cells, lookups)
    _check(session, cells, data, requests)
    return _Planned(cells.line, reference_cell(cells, PREFIX, "ICV-2019-0042"), data, requests)


def _check(
    session: Session, cells: RowCells, data: VisitInput, requests: tuple[tuple[uuid.UUID, int], ...]
) -> None:
    """The Code's rules (as for a typed report), a pair in person, and requests only from those seen."""
    if cells.errors and (data.suite_id is None or data.visited_on is None):
        return
    try:
        check_visit(session, data, complete=False).raise_if_any()
    except ValidationError as problem:
        for name, message in problem.errors.items():
            column = _FIELD_COLUMNS.get(name, "Date")
            cells.error(column, f"{column}: {message}")
    needed = MIN_IN_PERSON_VISITORS if data.mode == VisitMode.IN_PERSON else 1
    if len(set(data.visitor_ids)) < needed and not cells.has_error("Visitors"):
        message = "an in-person visit is made by a pair: name both visitors, separated by ;"
        cells.error("Visitors", message if needed > 1 else "name the visitor who made the call")
    if requests and data.seen < 1:
        cells.error("Requests", "requests come from detainees spoken to, but Seen is 0")


def _create_all(
    session: Session, actor_id: uuid.UUID, plans: list[_Planned], source: str
) -> VisitImportResult:
    """Write every checked row; imported references are claimed first so new ones number after them."""
    claim_references(session, (plan.reference for plan in plans))
    references: list[str] = []
    conversations = requests = 0
    for plan in plans:
        visit = _create_visit(session, actor_id, plan)
        made = _add_requests(session, actor_id, visit.id, plan)
        conversations, requests = conversations + made[0], requests + made[1]
        history.record(
            session, actor_id, ENTITY, visit.id, "created", None, visit.reference, f"imported from {source}"
        )
        references.append(visit.reference)
    session.flush()
    return VisitImportResult(len(references), conversations, requests, tuple(references))


def _create_visit(session: Session, actor_id: uuid.UUID, plan: _Planned) -> CustodyVisit:
    data = plan.data
    assert data.visited_on is not None and data.suite_id is not None
    visit = CustodyVisit(
        reference=plan.reference or next_reference(session, PREFIX, data.visited_on.year),
        suite_id=data.suite_id,
        mode=data.mode,
        visited_on=data.visited_on,
        arrived_at=data.arrived_at,
        admitted_at=data.admitted_at,
        departed_at=data.departed_at,
        in_custody=data.in_custody,
        offered=data.offered,
        seen=data.seen,
        declined=data.declined,
        serious_issue=data.serious_issue,
        serious_issue_notes=data.serious_issue_notes,
        observations=data.observations,
        status=ReportStatus.SUBMITTED,
        submitted_on=today(),
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    session.add(visit)
    session.flush()
    for volunteer_id in dict.fromkeys(data.visitor_ids):
        session.execute(insert(custody_visit_visitor).values(visit_id=visit.id, volunteer_id=volunteer_id))
    return visit


def _add_requests(
    session: Session, actor_id: uuid.UUID, visit_id: uuid.UUID, plan: _Planned
) -> tuple[int, int]:
    """One anonymous detainee row per category (no more than Seen; then shared in turn)."""
    rows = [
        DetaineeConversation(visit_id=visit_id, position=n + 1, consent_to_talk=True, created_by_id=actor_id)
        for n in range(min(len(plan.requests), plan.data.seen))
    ]
    session.add_all(rows)
    session.flush()
    total = 0
    for index, (category_id, count) in enumerate(plan.requests):
        for _ in range(count):
            session.add(
                DetaineeRequest(
                    conversation_id=rows[index % len(rows)].id,
                    category_id=category_id,
                    created_by_id=actor_id,
                )
            )
        total += count
    return len(rows), total
