"""What a report draft holds and how it is read: its outline, its edits, and the lists of drafts.

A draft keeps the outline of the report as generated (headings, numbered paragraphs with their
sub-points, and the captions of tables and charts, in reading order) and the paragraphs people have
rewritten, each under a stable key ("summary/1", "outstanding-actions-at-a-glance/1"), as JSON in
``ReportDraft.content``. An edit keeps the generated wording it replaced, so a paragraph whose
generated wording (and so its figures) has changed since can be pointed out. The writing use cases
are in ``services.report_drafts``.
"""

from __future__ import annotations

import enum
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop.models import DraftStatus, ReportDraft, ReportRecord, StaffMember
from pcc_desktop.services.errors import NotFoundError, ValidationError


class ItemKind(enum.StrEnum):
    """What a line of a draft's outline is; only paragraphs can be edited."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE = "table"
    CHART = "chart"
    NOTE = "note"


@dataclass(frozen=True)
class OutlineItem:
    """One line of the generated report, in reading order.

    Attributes:
        kind: Heading, paragraph, table, chart or note.
        text: The heading, the paragraph, the note, or the caption ("Table One: …").
        key: A paragraph's stable key ("summary/1"); empty for anything else.
        points: A paragraph's lettered sub-points.
        level: A heading's level (1 heading, 2 sub-heading).
        number: A paragraph's number in the printed report.
    """

    kind: ItemKind
    text: str
    key: str = ""
    points: tuple[str, ...] = ()
    level: int = 1
    number: int = 0


@dataclass(frozen=True)
class ParagraphEdit:
    """New wording for a paragraph; ``points`` None keeps its sub-points as they are."""

    text: str
    points: tuple[str, ...] | None = None


@dataclass(frozen=True)
class StoredEdit:
    """A paragraph as rewritten, and the generated wording it replaced."""

    key: str
    text: str
    points: tuple[str, ...]
    based_on_text: str
    based_on_points: tuple[str, ...]


@dataclass(frozen=True)
class StaleEdit:
    """An edit the generated report no longer has a paragraph for (or whose paragraph has changed)."""

    key: str
    text: str
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftItem:
    """A line of the draft as the editor shows it: the outline item with any edit applied.

    ``outdated`` marks an edited paragraph whose generated wording has changed since it was edited
    (the figures it quotes may be out of date).
    """

    kind: ItemKind
    text: str
    key: str = ""
    points: tuple[str, ...] = ()
    level: int = 1
    number: int = 0
    generated_text: str = ""
    generated_points: tuple[str, ...] = ()
    edited: bool = False
    outdated: bool = False


@dataclass(frozen=True)
class DraftDetail:
    """A draft with its outline, ready for the editor."""

    id: uuid.UUID
    name: str
    title: str
    date_from: date
    date_to: date
    author_id: uuid.UUID
    author_name: str
    status: DraftStatus
    generated_at: datetime
    updated_at: datetime
    row_version: int
    versions: int
    items: tuple[DraftItem, ...]
    stale_edits: tuple[StaleEdit, ...]

    @property
    def paragraphs(self) -> tuple[DraftItem, ...]:
        """The editable paragraphs, in order."""
        return tuple(item for item in self.items if item.kind == ItemKind.PARAGRAPH)

    def paragraph(self, key: str) -> DraftItem:
        """The paragraph with ``key`` (KeyError if the draft has none)."""
        for item in self.paragraphs:
            if item.key == key:
                return item
        raise KeyError(key)


@dataclass(frozen=True)
class DraftRow:
    """A draft still being edited, for a list."""

    id: uuid.UUID
    name: str
    title: str
    date_from: date
    date_to: date
    author_name: str
    updated_at: datetime
    edits: int


@dataclass(frozen=True)
class DraftSource:
    """What the reports package needs to rebuild a draft: which report, when, by whom, and the edits."""

    id: uuid.UUID
    name: str
    title: str
    date_from: date
    date_to: date
    author: str
    status: DraftStatus
    edits: Mapping[str, StoredEdit]


# --- stored content ------------------------------------------------------------------------------


def dump_content(outline: Sequence[OutlineItem], edits: Mapping[str, StoredEdit]) -> str:
    """The outline and the edits as the JSON kept in ``ReportDraft.content``."""
    return json.dumps(
        {"outline": [asdict(item) for item in outline], "edits": {k: asdict(e) for k, e in edits.items()}},
        ensure_ascii=False,
    )


def load_content(draft: ReportDraft) -> tuple[list[OutlineItem], dict[str, StoredEdit]]:
    """A draft's outline and edits, read back from its JSON."""
    data = json.loads(draft.content or "{}")
    outline = [
        OutlineItem(**{**item, "kind": ItemKind(item["kind"]), "points": tuple(item["points"])})
        for item in data.get("outline", [])
    ]
    edits = {
        key: StoredEdit(**{**e, "points": tuple(e["points"]), "based_on_points": tuple(e["based_on_points"])})
        for key, e in data.get("edits", {}).items()
    }
    return outline, edits


def joined(text: str, points: Sequence[str]) -> str:
    """A paragraph as one string for the history: the text, then each sub-point on a line."""
    return "\n".join([text, *(f"- {point}" for point in points)])


# --- reading -------------------------------------------------------------------------------------


def load_draft(session: Session, draft_id: uuid.UUID) -> ReportDraft:
    """The live draft (NotFoundError if it does not exist or was discarded)."""
    draft = session.get(ReportDraft, draft_id)
    if draft is None or draft.is_deleted:
        raise NotFoundError("That report draft no longer exists; it may have been discarded.")
    return draft


def load_open_draft(session: Session, draft_id: uuid.UUID) -> ReportDraft:
    """The draft if it can still be edited (ValidationError on ``status`` once produced)."""
    draft = load_draft(session, draft_id)
    if draft.status != DraftStatus.DRAFT:
        raise ValidationError.single(
            "status", "This draft has been produced. Reopen it to make a new version before changing it."
        )
    return draft


def _staff_name(session: Session, staff_id: uuid.UUID) -> str:
    return session.scalar(select(StaffMember.name).where(StaffMember.id == staff_id)) or "(unknown)"


def author_line(session: Session, staff_id: uuid.UUID) -> str:
    """The "Name, job title" line for a report's metadata table (the name alone if there is no job title)."""
    staff = session.get(StaffMember, staff_id)
    if staff is None:
        return ""
    return f"{staff.name}, {staff.job_title}" if staff.job_title.strip() else staff.name


def _items(outline: Sequence[OutlineItem], edits: Mapping[str, StoredEdit]) -> tuple[DraftItem, ...]:
    items = []
    for item in outline:
        edit = edits.get(item.key) if item.kind == ItemKind.PARAGRAPH else None
        outdated = edit is not None and (edit.based_on_text, edit.based_on_points) != (item.text, item.points)
        items.append(
            DraftItem(
                kind=item.kind,
                text=edit.text if edit else item.text,
                key=item.key,
                points=edit.points if edit else item.points,
                level=item.level,
                number=item.number,
                generated_text=item.text,
                generated_points=item.points,
                edited=edit is not None,
                outdated=outdated,
            )
        )
    return tuple(items)


def draft_detail(session: Session, draft: ReportDraft) -> DraftDetail:
    """A loaded draft as a :class:`DraftDetail`."""
    outline, edits = load_content(draft)
    keys = {item.key for item in outline if item.kind == ItemKind.PARAGRAPH}
    versions = session.scalar(select(func.count(ReportRecord.id)).where(ReportRecord.draft_id == draft.id))
    return DraftDetail(
        id=draft.id,
        name=draft.name,
        title=draft.title,
        date_from=draft.date_from,
        date_to=draft.date_to,
        author_id=draft.author_id,
        author_name=_staff_name(session, draft.author_id),
        status=draft.status,
        generated_at=draft.generated_at,
        updated_at=draft.updated_at,
        row_version=draft.row_version,
        versions=versions or 0,
        items=_items(outline, edits),
        stale_edits=tuple(StaleEdit(k, e.text, e.points) for k, e in edits.items() if k not in keys),
    )


def get_draft(session: Session, draft_id: uuid.UUID) -> DraftDetail:
    """A draft with its outline and edits.

    Raises:
        NotFoundError: The draft does not exist or was discarded.
    """
    return draft_detail(session, load_draft(session, draft_id))


def list_drafts(session: Session, name: str | None = None) -> list[DraftRow]:
    """Drafts still being edited (not yet produced), the most recently saved first."""
    stmt = (
        select(ReportDraft, StaffMember.name)
        .outerjoin(StaffMember, StaffMember.id == ReportDraft.author_id)
        .where(ReportDraft.deleted_at.is_(None), ReportDraft.status == DraftStatus.DRAFT)
        .order_by(ReportDraft.updated_at.desc(), ReportDraft.id)
    )
    if name is not None:
        stmt = stmt.where(ReportDraft.name == name)
    return [
        DraftRow(
            id=draft.id,
            name=draft.name,
            title=draft.title,
            date_from=draft.date_from,
            date_to=draft.date_to,
            author_name=author or "(unknown)",
            updated_at=draft.updated_at,
            edits=len(load_content(draft)[1]),
        )
        for draft, author in session.execute(stmt)
    ]


def open_draft_for(session: Session, name: str, date_from: date, date_to: date) -> uuid.UUID | None:
    """The most recently saved draft still being edited of report ``name`` for exactly this period."""
    return session.scalar(
        select(ReportDraft.id)
        .where(
            ReportDraft.deleted_at.is_(None),
            ReportDraft.status == DraftStatus.DRAFT,
            ReportDraft.name == name,
            ReportDraft.date_from == date_from,
            ReportDraft.date_to == date_to,
        )
        .order_by(ReportDraft.updated_at.desc())
        .limit(1)
    )


def draft_source(session: Session, draft_id: uuid.UUID) -> DraftSource:
    """Which report, period and author a draft is for, with its edits (to rebuild it).

    Raises:
        NotFoundError: The draft does not exist or was discarded.
    """
    draft = load_draft(session, draft_id)
    return DraftSource(
        id=draft.id,
        name=draft.name,
        title=draft.title,
        date_from=draft.date_from,
        date_to=draft.date_to,
        author=author_line(session, draft.author_id),
        status=draft.status,
        edits=load_content(draft)[1],
    )
