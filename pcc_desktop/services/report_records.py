"""Produced reports kept as records: which PDF was printed from which draft, and is it still intact.

Each time a draft is printed the PDF gets the next version number for its report and period
("action-log_2025-04-01_2025-06-30_v3.pdf") and a :class:`~pcc_desktop.models.ReportRecord` keeps
the draft, the title, the period, the author, when (UTC), the file, its page count and its SHA-256.
A record is verified by reading the file back: a file that is missing or whose checksum differs
has been changed since it was produced, and is not the paper that went to the Panel.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcc_desktop import paths
from pcc_desktop.models import ReportDraft, ReportRecord, StaffMember
from pcc_desktop.models.base import utc_now
from pcc_desktop.services.errors import NotFoundError
from pcc_desktop.services.report_drafts import StaleEdit, mark_produced

FOLDER_NAME = "reports"


@dataclass(frozen=True)
class ReportRecordDetail:
    """A produced report.

    Attributes:
        file_ok: Whether the file is still there with the checksum it was produced with (None: not
            checked).
        stale_edits: Only on what :func:`save_record` returns: edits left out because the report no
            longer has their paragraphs.
        outdated_edits: Likewise: edits printed although their paragraph's generated wording (and so
            perhaps its figures) has changed since they were written.
    """

    id: uuid.UUID
    draft_id: uuid.UUID
    name: str
    title: str
    date_from: date
    date_to: date
    version: int
    author_id: uuid.UUID
    author_name: str
    produced_at: datetime
    file_path: Path
    pages: int
    sha256: str
    file_ok: bool | None = None
    stale_edits: tuple[StaleEdit, ...] = ()
    outdated_edits: tuple[StaleEdit, ...] = ()

    @property
    def file_name(self) -> str:
        """The PDF's file name without its folder."""
        return self.file_path.name


def default_folder() -> Path:
    """The "reports" folder in the user's data folder (created on first use)."""
    folder = paths.data_dir() / FOLDER_NAME
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_name(name: str, date_from: date, date_to: date, version: int) -> str:
    """``action-log_2025-04-01_2025-06-30_v3.pdf``."""
    return f"{name}_{date_from.isoformat()}_{date_to.isoformat()}_v{version}.pdf"


def next_output(
    session: Session, name: str, date_from: date, date_to: date, folder: Path | str | None = None
) -> tuple[int, Path]:
    """The next version number of report ``name`` for the period, and the file to print it to.

    The number is one more than the highest recorded; it moves on past any file of that name already
    in the folder, so a PDF is never overwritten.
    """
    target = Path(folder) if folder is not None else default_folder()
    highest = session.scalar(
        select(func.max(ReportRecord.version)).where(
            ReportRecord.name == name, ReportRecord.date_from == date_from, ReportRecord.date_to == date_to
        )
    )
    version = (highest or 0) + 1
    while (target / file_name(name, date_from, date_to, version)).exists():
        version += 1
    return version, target / file_name(name, date_from, date_to, version)


def file_matches(path: Path | str, sha256: str) -> bool:
    """Whether ``path`` exists and its SHA-256 is ``sha256``."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    return hashlib.sha256(data).hexdigest() == sha256


def _detail(record: ReportRecord, author: str | None, verify: bool) -> ReportRecordDetail:
    return ReportRecordDetail(
        id=record.id,
        draft_id=record.draft_id,
        name=record.name,
        title=record.title,
        date_from=record.date_from,
        date_to=record.date_to,
        version=record.version,
        author_id=record.author_id,
        author_name=author or "(unknown)",
        produced_at=record.produced_at,
        file_path=Path(record.file_path),
        pages=record.pages,
        sha256=record.sha256,
        file_ok=file_matches(record.file_path, record.sha256) if verify else None,
    )


def save_record(
    session: Session,
    actor_id: uuid.UUID,
    draft_id: uuid.UUID,
    version: int,
    printed: tuple[str, Path, int, str],
) -> ReportRecordDetail:
    """Record that version ``version`` of a draft was printed, and close the draft to editing.

    Args:
        session: An open session.
        actor_id: Who printed it.
        draft_id: The draft printed.
        version: Its version number (from :func:`next_output`).
        printed: The report's title, the PDF's path, its page count and its SHA-256.

    Raises:
        NotFoundError: The draft does not exist.
        ValidationError: The draft has already been produced (reopen it first).
    """
    title, path, pages, sha256 = printed
    mark_produced(session, actor_id, draft_id, version)
    draft = session.get(ReportDraft, draft_id)
    assert draft is not None  # mark_produced has loaded it
    record = ReportRecord(
        draft_id=draft.id,
        name=draft.name,
        title=title,
        date_from=draft.date_from,
        date_to=draft.date_to,
        version=version,
        author_id=draft.author_id,
        produced_at=utc_now(),
        file_path=str(Path(path).resolve()),
        pages=pages,
        sha256=sha256,
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    session.add(record)
    session.flush()
    author = session.scalar(select(StaffMember.name).where(StaffMember.id == draft.author_id))
    return _detail(record, author, verify=False)


def _query():
    return (
        select(ReportRecord, StaffMember.name)
        .outerjoin(StaffMember, StaffMember.id == ReportRecord.author_id)
        .where(ReportRecord.deleted_at.is_(None))
    )


def list_records(session: Session, name: str | None = None, verify: bool = True) -> list[ReportRecordDetail]:
    """Produced reports, the newest first; ``verify`` checks each file against its checksum.

    Args:
        session: An open session.
        name: Only this report's records (None: every report).
        verify: Read each file back to fill ``file_ok``.
    """
    stmt = _query().order_by(ReportRecord.produced_at.desc(), ReportRecord.version.desc())
    if name is not None:
        stmt = stmt.where(ReportRecord.name == name)
    return [_detail(record, author, verify) for record, author in session.execute(stmt)]


def get_record(session: Session, record_id: uuid.UUID) -> ReportRecordDetail:
    """One produced report, with its file checked.

    Raises:
        NotFoundError: There is no such record.
    """
    row = session.execute(_query().where(ReportRecord.id == record_id)).first()
    if row is None:
        raise NotFoundError("That produced report is not on record.")
    return _detail(row[0], row[1], verify=True)


def verify_record(session: Session, record_id: uuid.UUID) -> bool:
    """Whether the record's PDF is still there, byte for byte as it was produced.

    Raises:
        NotFoundError: There is no such record.
    """
    return bool(get_record(session, record_id).file_ok)
