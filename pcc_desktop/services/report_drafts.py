"""Report drafts: a Panel report's narrative made editable, its figures left to the live data.

A draft is a registered report for one period whose paragraphs people can rewrite; tables and charts
are not editable and are not stored: every time the report is drafted or printed they are rebuilt
from the data, so the figures are right by construction. Edits are validated here (not empty, not
too long, the paragraph must exist), saved all or none, refused if somebody else saved the draft
meanwhile, and written to the history on entity ``report_draft``.

The reports package builds the report and turns it into an outline (``reports.drafting``): the
services may not import the reports (the reports import the services), so this module works on the
neutral :class:`OutlineItem` list it is handed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy.orm import Session

from pcc_desktop.models import DraftStatus, ReportDraft
from pcc_desktop.models.base import utc_now
from pcc_desktop.services import history
from pcc_desktop.services.errors import ConflictError, Errors
from pcc_desktop.services.report_draft_details import (
    DraftDetail,
    DraftItem,
    DraftRow,
    DraftSource,
    ItemKind,
    OutlineItem,
    ParagraphEdit,
    StaleEdit,
    StoredEdit,
    author_line,
    draft_detail,
    draft_source,
    dump_content,
    get_draft,
    joined,
    list_drafts,
    load_content,
    load_draft,
    load_open_draft,
    open_draft_for,
)

__all__ = [
    "DraftDetail",
    "DraftItem",
    "DraftRow",
    "DraftSource",
    "ItemKind",
    "OutlineItem",
    "ParagraphEdit",
    "StaleEdit",
    "StoredEdit",
    "author_line",
    "check_period",
    "create_draft",
    "discard_draft",
    "discard_stale_edits",
    "draft_source",
    "edit_paragraph",
    "edit_paragraphs",
    "get_draft",
    "list_drafts",
    "mark_produced",
    "open_draft_for",
    "replace_outline",
]

ENTITY = "report_draft"
MAX_TEXT = 4000  # about a page of the report: a paragraph longer than that wants splitting
MAX_POINT = 1000
MAX_POINTS = 26  # (a) to (z)
CONFLICT = "Somebody else saved this draft since you opened it; generate it again to see their edits."


def _field(key: str) -> str:
    """The history's field for a paragraph: its key, the end kept if it is long (the end tells apart)."""
    return key if len(key) <= 60 else "…" + key[-59:]


def check_period(date_from: date | None, date_to: date | None) -> None:
    """Refuse a missing period or one that ends before it starts (fields ``date_from``, ``date_to``)."""
    errors = Errors()
    errors.check(date_from is not None, "date_from", "Choose the first day of the period.")
    errors.check(date_to is not None, "date_to", "Choose the last day of the period.")
    if date_from is not None and date_to is not None:
        errors.check(date_to >= date_from, "date_to", "The period must end on or after the day it starts.")
    errors.raise_if_any()


def create_draft(
    session: Session,
    actor_id: uuid.UUID,
    name: str,
    title: str,
    date_from: date,
    date_to: date,
    outline: Sequence[OutlineItem],
) -> DraftDetail:
    """Keep a newly generated report as a draft started by ``actor_id`` (its author).

    Raises:
        ValidationError: The period is backwards, or the outline repeats a paragraph key.
    """
    check_period(date_from, date_to)
    _check_outline(outline)
    draft = ReportDraft(
        name=name,
        title=title,
        date_from=date_from,
        date_to=date_to,
        author_id=actor_id,
        status=DraftStatus.DRAFT,
        generated_at=utc_now(),
        content=dump_content(outline, {}),
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    session.add(draft)
    session.flush()
    history.record(session, actor_id, ENTITY, draft.id, "created", None, f"{name} {date_from}–{date_to}")
    return draft_detail(session, draft)


def _check_outline(outline: Sequence[OutlineItem]) -> None:
    keys = [item.key for item in outline if item.kind == ItemKind.PARAGRAPH]
    if len(keys) != len(set(keys)) or not all(keys):
        raise ValueError("Every paragraph of an outline needs a key of its own.")


def replace_outline(
    session: Session, actor_id: uuid.UUID, draft_id: uuid.UUID, outline: Sequence[OutlineItem], reopen: bool
) -> DraftDetail:
    """Put a freshly generated outline under a draft's edits; ``reopen`` a produced draft first.

    Edits stay under their keys; any the new outline has no paragraph for are reported in
    ``stale_edits`` (and kept until discarded, so their wording is not lost).

    Raises:
        NotFoundError: The draft does not exist.
        ValidationError: The draft has been produced and ``reopen`` is False.
    """
    draft = load_draft(session, draft_id) if reopen else load_open_draft(session, draft_id)
    _check_outline(outline)
    edits = load_content(draft)[1]
    if draft.status != DraftStatus.DRAFT:
        history.record(session, actor_id, ENTITY, draft.id, "status", draft.status, DraftStatus.DRAFT)
        draft.status = DraftStatus.DRAFT
    draft.content = dump_content(outline, edits)
    draft.generated_at = utc_now()
    draft.updated_by_id = actor_id
    history.record(session, actor_id, ENTITY, draft.id, "regenerated", None, draft.generated_at)
    session.flush()
    return draft_detail(session, draft)


def _clean_points(key: str, points: Sequence[str], errors: Errors) -> tuple[str, ...]:
    cleaned = tuple(p.strip() for p in points if p.strip())
    errors.check(
        len(cleaned) <= MAX_POINTS, f"{key}:points", f"A paragraph can have at most {MAX_POINTS} sub-points."
    )
    longest = max((len(p) for p in cleaned), default=0)
    errors.check(
        longest <= MAX_POINT, f"{key}:points", f"Keep each sub-point under {MAX_POINT:,} characters."
    )
    return cleaned


def _cleaned_edits(
    outline: Sequence[OutlineItem], edits: Mapping[str, ParagraphEdit], current: Mapping[str, StoredEdit]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    paragraphs = {item.key: item for item in outline if item.kind == ItemKind.PARAGRAPH}
    errors = Errors()
    cleaned: dict[str, tuple[str, tuple[str, ...]]] = {}
    for key, edit in edits.items():
        if key not in paragraphs:
            errors.add(key, "This paragraph is no longer in the draft; generate the draft again.")
            continue
        text = edit.text.strip()
        errors.check(bool(text), key, "Write something for this paragraph, or restore the generated text.")
        errors.check(len(text) <= MAX_TEXT, key, f"Keep a paragraph under {MAX_TEXT:,} characters; split it.")
        before = current.get(key)
        points = edit.points if edit.points is not None else (before or paragraphs[key]).points
        cleaned[key] = (text, _clean_points(key, points, errors))
    errors.raise_if_any()
    return cleaned


def _apply(
    stored: dict[str, StoredEdit], base: OutlineItem, text: str, points: tuple[str, ...]
) -> tuple[str, str, str, str] | None:
    """Put one paragraph's wording into ``stored``; the history line (key, old, new, reason) or None."""
    key = base.key
    before = stored.get(key)
    old = (before.text, before.points) if before else (base.text, base.points)
    if (text, points) == old:
        if before is None or (before.based_on_text, before.based_on_points) == (base.text, base.points):
            return None
        # Saved unchanged over new generated wording: the edit is kept and the warning answered.
        stored[key] = StoredEdit(key, text, points, base.text, base.points)
        return key, joined(*old), joined(*old), "Edited wording kept after the generated wording changed"
    if (text, points) == (base.text, base.points):
        del stored[key]  # back to the generated wording: the paragraph follows the data again
    else:
        stored[key] = StoredEdit(key, text, points, base.text, base.points)
    return key, joined(*old), joined(text, points), ""


def edit_paragraphs(
    session: Session,
    actor_id: uuid.UUID,
    draft_id: uuid.UUID,
    edits: Mapping[str, ParagraphEdit],
    row_version: int,
) -> DraftDetail:
    """Save new wording for several paragraphs at once (all or none), each change to the history.

    Wording equal to the generated text removes the edit: the paragraph follows the data again. An
    edit saved unchanged after its paragraph's generated wording changed is kept, and no longer
    marked as outdated.

    Raises:
        NotFoundError: The draft does not exist.
        ConflictError: The draft was saved by someone else since ``row_version`` was read.
        ValidationError: The draft has been produced; a key is unknown (message under the key); a
            text is empty or too long (under the key); sub-points are too many or too long
            (under ``key:points``).
    """
    draft = load_open_draft(session, draft_id)
    if draft.row_version != row_version:
        raise ConflictError(CONFLICT)
    outline, stored = load_content(draft)
    cleaned = _cleaned_edits(outline, edits, stored)
    generated = {item.key: item for item in outline if item.kind == ItemKind.PARAGRAPH}
    changes = [_apply(stored, generated[key], text, points) for key, (text, points) in cleaned.items()]
    for key, old, new, reason in (c for c in changes if c is not None):
        history.record(session, actor_id, ENTITY, draft.id, _field(key), old, new, reason)
    changed = any(changes)
    if changed:
        draft.content = dump_content(outline, stored)
        draft.updated_by_id = actor_id
        session.flush()
    return draft_detail(session, draft)


def edit_paragraph(
    session: Session,
    actor_id: uuid.UUID,
    draft_id: uuid.UUID,
    key: str,
    text: str,
    row_version: int,
    points: Sequence[str] | None = None,
) -> DraftDetail:
    """Save new wording for the paragraph ``key`` (see :func:`edit_paragraphs`)."""
    edit = ParagraphEdit(text, tuple(points) if points is not None else None)
    return edit_paragraphs(session, actor_id, draft_id, {key: edit}, row_version)


def discard_stale_edits(
    session: Session, actor_id: uuid.UUID, draft_id: uuid.UUID, row_version: int
) -> DraftDetail:
    """Drop the edits whose paragraphs the report no longer has (after their wording was copied).

    Raises:
        ConflictError: The draft was saved by someone else since ``row_version`` was read.
    """
    draft = load_open_draft(session, draft_id)
    if draft.row_version != row_version:
        raise ConflictError(CONFLICT)
    outline, edits = load_content(draft)
    keys = {item.key for item in outline if item.kind == ItemKind.PARAGRAPH}
    stale = [key for key in edits if key not in keys]
    for key in stale:
        history.record(
            session, actor_id, ENTITY, draft.id, _field(key), joined(edits[key].text, edits[key].points), None
        )
        del edits[key]
    if stale:
        draft.content = dump_content(outline, edits)
        draft.updated_by_id = actor_id
        session.flush()
    return draft_detail(session, draft)


def discard_draft(session: Session, actor_id: uuid.UUID, draft_id: uuid.UUID) -> None:
    """Throw away a draft still being edited (soft delete); produced drafts stay with their records.

    Raises:
        NotFoundError: The draft does not exist.
        ValidationError: The draft has been produced.
    """
    draft = load_open_draft(session, draft_id)
    draft.deleted_at = utc_now()
    draft.updated_by_id = actor_id
    history.record(session, actor_id, ENTITY, draft.id, "deleted", None, "discarded")
    session.flush()


def mark_produced(session: Session, actor_id: uuid.UUID, draft_id: uuid.UUID, version: int) -> None:
    """Close a draft to editing once version ``version`` has been printed from it."""
    draft = load_open_draft(session, draft_id)
    history.record(session, actor_id, ENTITY, draft.id, "status", draft.status, DraftStatus.PRODUCED)
    history.record(session, actor_id, ENTITY, draft.id, "produced", None, f"version {version}")
    draft.status = DraftStatus.PRODUCED
    draft.updated_by_id = actor_id
    session.flush()
