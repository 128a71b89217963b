"""Meetings whose minutes raise actions (Corporate Governance Board, Police and Crime Panel)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import Meeting, MeetingKind
from pcc_desktop.services import history
from pcc_desktop.services.action_details import MEETING_LABELS, meeting_label
from pcc_desktop.services.errors import Errors


@dataclass(frozen=True)
class MeetingData:
    """A meeting as listed and chosen."""

    id: uuid.UUID | None
    kind: MeetingKind
    held_on: date | None
    title: str = ""

    @property
    def label(self) -> str:
        """``Corporate Governance Board 21/06/2023``, with the title if it has one."""
        text = meeting_label(self.kind, self.held_on)
        return f"{text} – {self.title}" if self.title else text


def list_meetings(session: Session) -> list[MeetingData]:
    """Meetings, newest first."""
    stmt = select(Meeting).where(Meeting.deleted_at.is_(None)).order_by(Meeting.held_on.desc())
    return [MeetingData(m.id, m.kind, m.held_on, m.title) for m in session.scalars(stmt)]


def save_meeting(session: Session, actor_id: uuid.UUID, data: MeetingData) -> MeetingData:
    """Add a meeting (a CGB or Panel date) that actions can be raised from."""
    errors = Errors()
    errors.check(data.held_on is not None, "held_on", "Enter the date of the meeting.")
    errors.check(len(data.title.strip()) <= 200, "title", "Keep the title to 200 characters.")
    errors.check(data.kind in MEETING_LABELS, "kind", "Choose the kind of meeting.")
    errors.raise_if_any()
    assert data.held_on is not None
    existing = session.scalars(
        select(Meeting).where(
            Meeting.kind == data.kind, Meeting.held_on == data.held_on, Meeting.deleted_at.is_(None)
        )
    ).first()
    if existing is not None and data.id is None:
        return MeetingData(existing.id, existing.kind, existing.held_on, existing.title)
    meeting = Meeting(
        kind=data.kind,
        held_on=data.held_on,
        title=data.title.strip(),
        created_by_id=actor_id,
        updated_by_id=actor_id,
    )
    session.add(meeting)
    session.flush()
    history.record(
        session, actor_id, "meeting", meeting.id, "created", None, meeting_label(data.kind, data.held_on)
    )
    return MeetingData(meeting.id, meeting.kind, meeting.held_on, meeting.title)
