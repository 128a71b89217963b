"""'You said, we did': what residents raised and what became of it, ready for the website and newsletters.

For an engagement, an area or a period, each feedback item is listed with what was done about it: the
outcome of each completed action, the progress of each open one, or where the item was passed on
(domain.md §3.1 step 9). The list is for the public, so it leaves out feedback from engagements that
are not publishable or are OFFICIAL-SENSITIVE, the text of actions that are not publishable, every
contact field, and the names of staff and of the people actions are assigned to (also where they
appear inside free text).
"""

from __future__ import annotations

import csv
import html
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, aliased

from pcc_desktop.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Area,
    Engagement,
    EngagementStatus,
    FeedbackItem,
    RelayedTo,
    StaffMember,
    Theme,
)
from pcc_desktop.models.engagement import feedback_theme
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.action_details import ENGAGEMENT_KIND_LABELS
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.publication import may_publish, published

RELAYED_LABELS = {
    RelayedTo.NONE: "",
    RelayedTo.NPA_COMMANDER: "the Neighbourhood Policing Area commander",
    RelayedTo.FORCE_DEPARTMENT: "the Force",
    RelayedTo.PARTNER: "a partner organisation",
    RelayedTo.CGB: "the Corporate Governance Board",
    RelayedTo.OPCC_COMMISSIONING: "the Commissioner's commissioning team",
}
EXPORT_COLUMNS = ("Date", "Place", "Type", "You said", "Themes", "We did", "Status")
EXPORT_SUFFIXES = (".csv", ".xlsx", ".html")
REMOVED = "[removed]"
_WIDTHS = (12, 24, 18, 60, 30, 60, 16)
_CHUNK = 500


@dataclass(frozen=True)
class YouSaidWeDidScope:
    """Which feedback to list; every field given narrows it (none given: everything publishable)."""

    engagement_id: uuid.UUID | None = None
    area_id: uuid.UUID | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class YswdRow:
    """One issue raised and what became of it (no personal data)."""

    held_on: date
    place: str
    engagement_kind_label: str
    you_said: str
    themes: str
    we_did: str
    status: str


def _chunks(ids: Sequence[uuid.UUID]) -> Iterator[Sequence[uuid.UUID]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _scope_conditions(scope: YouSaidWeDidScope) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [
        FeedbackItem.deleted_at.is_(None),
        Engagement.deleted_at.is_(None),
        Engagement.status != EngagementStatus.CANCELLED,
        published(Engagement),
    ]
    if scope.engagement_id is not None:
        where.append(Engagement.id == scope.engagement_id)
    if scope.date_from is not None:
        where.append(Engagement.held_on >= scope.date_from)
    if scope.date_to is not None:
        where.append(Engagement.held_on <= scope.date_to)
    if scope.area_id is not None:
        counted = select(Area.id).where(or_(Area.id == scope.area_id, Area.npa_id == scope.area_id))
        where.append(
            or_(
                Engagement.area_id.in_(counted),
                Engagement.npa_id == scope.area_id,
                FeedbackItem.area_id.in_(counted),
            )
        )
    return where


def _themes(session: Session, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    names: dict[uuid.UUID, list[str]] = defaultdict(list)
    for chunk in _chunks(item_ids):
        stmt = (
            select(feedback_theme.c.feedback_item_id, Theme.name)
            .join(Theme, Theme.id == feedback_theme.c.theme_id)
            .where(feedback_theme.c.feedback_item_id.in_(chunk), Theme.deleted_at.is_(None))
            .order_by(Theme.name)
        )
        for item_id, name in session.execute(stmt):
            names[item_id].append(name)
    return names


def _actions(session: Session, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Action]]:
    found: dict[uuid.UUID, list[Action]] = defaultdict(list)
    for chunk in _chunks(item_ids):
        stmt = (
            select(Action)
            .where(Action.feedback_item_id.in_(chunk), Action.deleted_at.is_(None))
            .order_by(Action.reference)
        )
        for action in session.scalars(stmt):
            assert action.feedback_item_id is not None
            found[action.feedback_item_id].append(action)
    return found


def _latest_updates(session: Session, action_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    latest: dict[uuid.UUID, str] = {}
    for chunk in _chunks(action_ids):
        stmt = (
            select(ActionUpdate.action_id, ActionUpdate.text)
            .where(ActionUpdate.action_id.in_(chunk), ActionUpdate.deleted_at.is_(None))
            .order_by(ActionUpdate.noted_on, ActionUpdate.created_at)
        )
        latest.update({action_id: text for action_id, text in session.execute(stmt)})
    return latest


def redactor(names: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching any of ``names`` as whole words, ignoring case (short values are skipped)."""
    parts = sorted({n.strip() for n in names if len(n.strip()) >= 3}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in parts) + r")(?!\w)", re.IGNORECASE)


def redact(text: str, *patterns: re.Pattern[str] | None) -> str:
    """``text`` with whatever ``patterns`` match replaced by the "removed" marker."""
    for pattern in patterns:
        if pattern is not None:
            text = pattern.sub(REMOVED, text)
    return text


def _action_text(action: Action, latest: dict[uuid.UUID, str]) -> str:
    label = lifecycle.label(action.status)
    public = may_publish(action.publishable, action.classification)
    if action.status == ActionStatus.COMPLETED:
        return (action.outcome.strip() if public else "") or label
    progress = latest.get(action.id, "").strip() if public else ""
    return f"{label}: {progress or 'being looked at'}"


def _status(item: FeedbackItem, actions: list[Action]) -> str:
    if not actions:
        return "Passed on" if item.relayed_to != RelayedTo.NONE else "Noted"
    statuses = {a.status for a in actions}
    if statuses == {ActionStatus.COMPLETED}:
        return lifecycle.label(ActionStatus.COMPLETED)
    return lifecycle.label(actions[0].status) if len(actions) == 1 else "In progress"


def _we_did(item: FeedbackItem, actions: list[Action], latest: dict[uuid.UUID, str]) -> str:
    if actions:
        return "\n".join(_action_text(a, latest) for a in actions)
    if item.relayed_to != RelayedTo.NONE:
        return f"Passed to {RELAYED_LABELS[item.relayed_to]}"
    return "Noted"


def _query(session: Session, scope: YouSaidWeDidScope) -> list[tuple[FeedbackItem, Engagement, str | None]]:
    place_area = aliased(Area)
    stmt = (
        select(FeedbackItem, Engagement, place_area.name)
        .join(Engagement, Engagement.id == FeedbackItem.engagement_id)
        .outerjoin(place_area, place_area.id == Engagement.area_id)
        .where(*_scope_conditions(scope))
        .order_by(Engagement.held_on, Engagement.reference, FeedbackItem.position, FeedbackItem.created_at)
    )
    return [tuple(row) for row in session.execute(stmt)]  # type: ignore[misc]


def you_said_we_did(session: Session, scope: YouSaidWeDidScope) -> list[YswdRow]:
    """The issues raised within ``scope`` and what became of each, oldest engagement first.

    Args:
        session: An open session.
        scope: An engagement, an area (with everything counting towards it as its NPA), a period, or
            any combination; all given filters must match.

    Returns:
        One row per feedback item, safe to publish.
    """
    found = _query(session, scope)
    item_ids = [item.id for item, _, _ in found]
    themes, actions = _themes(session, item_ids), _actions(session, item_ids)
    latest = _latest_updates(session, [a.id for linked in actions.values() for a in linked])
    staff = redactor(session.scalars(select(StaffMember.name)))
    rows = []
    for item, engagement, area_name in found:
        linked = actions.get(item.id, [])
        private = redactor([item.contact_name, item.contact_details, *(a.assignee_person for a in linked)])
        rows.append(
            YswdRow(
                held_on=engagement.held_on,
                place=engagement.place_name or area_name or "",
                engagement_kind_label=ENGAGEMENT_KIND_LABELS[engagement.kind],
                you_said=redact(item.text.strip(), private, staff),
                themes=", ".join(themes.get(item.id, [])),
                we_did=redact(_we_did(item, linked, latest), private, staff),
                status=_status(item, linked),
            )
        )
    return rows


def _values(row: YswdRow) -> list[str | date]:
    return [
        row.held_on,
        row.place,
        row.engagement_kind_label,
        row.you_said,
        row.themes,
        row.we_did,
        row.status,
    ]


def _write_csv(path: Path, rows: Sequence[YswdRow]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow([format_date(v) if isinstance(v, date) else v for v in _values(row)])


def _write_xlsx(path: Path, rows: Sequence[YswdRow]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "You said, we did"
    sheet.append(list(EXPORT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_values(row))
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        line[0].number_format = "DD/MM/YYYY"
        for cell in line:
            cell.alignment = wrap
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    book.save(path)


def _cell_html(value: str | date) -> str:
    text = format_date(value) if isinstance(value, date) else value
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def html_table(rows: Sequence[YswdRow], caption: str = "You said, we did") -> str:
    """A self-contained HTML table (no scripts, styles or links) to paste into a web page or newsletter."""
    head = "".join(f'<th scope="col">{html.escape(name)}</th>' for name in EXPORT_COLUMNS)
    lines = [
        '<table class="you-said-we-did">',
        f"  <caption>{html.escape(caption)}</caption>",
        f"  <thead><tr>{head}</tr></thead>",
        "  <tbody>",
    ]
    for row in rows:
        cells = "".join(f"<td>{_cell_html(value)}</td>" for value in _values(row))
        lines.append(f"    <tr>{cells}</tr>")
    lines += ["  </tbody>", "</table>", ""]
    return "\n".join(lines)


def _write_html(path: Path, rows: Sequence[YswdRow]) -> None:
    path.write_text(html_table(rows), encoding="utf-8")


def export_you_said_we_did(rows: Sequence[YswdRow], path: Path | str) -> int:
    """Write ``rows`` to ``path``: ``.csv``, ``.xlsx`` or ``.html`` (an HTML table fragment).

    Args:
        rows: The rows from :func:`you_said_we_did`.
        path: The file to write; its suffix chooses the format.

    Returns:
        How many rows were written.

    Raises:
        ValueError: The suffix is not one of ``EXPORT_SUFFIXES`` (nothing is written).
    """
    target = Path(path)
    writers = {".csv": _write_csv, ".xlsx": _write_xlsx, ".html": _write_html}
    suffix = target.suffix.lower()
    if suffix not in writers:
        shown = suffix or "no extension"
        raise ValueError(f"'You said, we did' can be exported to .csv, .xlsx or .html, not {shown}.")
    writers[suffix](target, rows)
    return len(rows)
