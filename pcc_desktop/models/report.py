"""Panel reports in the making and as produced: editable drafts, and a record of every PDF printed.

A :class:`ReportDraft` is a registered report (the action log, You Said We Did…) for one period with
its narrative made editable: the outline of the generated report and the paragraphs people have
rewritten are kept as JSON in ``content``. Tables and charts are never stored: they are rebuilt from
the live data each time, so the figures stay right. A :class:`ReportRecord` is one PDF produced from
a draft: where it was written, how many pages, and its SHA-256, so a changed file can be spotted.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from pcc_desktop.models.base import Base, SyncedMixin, UtcDateTime, enum_column, utc_now


class DraftStatus(enum.StrEnum):
    """Whether a draft can still be edited, or has been printed (reopen it for a new version)."""

    DRAFT = "draft"
    PRODUCED = "produced"


class ReportDraft(SyncedMixin, Base):
    """One report for one period, with its narrative paragraphs open to editing.

    ``content`` is JSON: ``{"outline": [...], "edits": {...}}``. The outline lists the generated
    report in reading order (headings, paragraphs with their keys, table and chart captions); the
    edits map a paragraph's key to the text people wrote and the generated text it replaced.
    """

    __tablename__ = "report_draft"
    __table_args__ = (Index("ix_report_draft_name_period", "name", "date_from", "date_to"),)

    name: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    author_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"))
    status: Mapped[DraftStatus] = mapped_column(enum_column(DraftStatus), default=DraftStatus.DRAFT)
    generated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    content: Mapped[str] = mapped_column(Text, default="{}")


class ReportRecord(SyncedMixin, Base):
    """A PDF produced from a draft: version, file, page count and checksum, kept as the record."""

    __tablename__ = "report_record"
    __table_args__ = (UniqueConstraint("name", "date_from", "date_to", "version"),)

    draft_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("report_draft.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"))
    produced_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    file_path: Mapped[str] = mapped_column(Text)
    pages: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
