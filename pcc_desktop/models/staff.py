"""OPCC staff: the people who use the app and own actions."""

from __future__ import annotations

import enum

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from pcc_desktop.models.base import Base, SyncedMixin, enum_column, personal


class StaffRole(enum.StrEnum):
    """What a member of staff may do (domain.md §6.3); permissions come later."""

    COMMISSIONER = "commissioner"
    CHIEF_EXECUTIVE = "chief_executive"
    DIRECTOR = "director"
    OFFICER = "officer"
    VOLUNTEERS_MANAGER = "volunteers_manager"
    ADMINISTRATOR = "administrator"
    READ_ONLY = "read_only"


class StaffMember(SyncedMixin, Base):
    """A member of OPCC staff (or an office-holder) who uses the app or owns work."""

    __tablename__ = "staff_member"

    name: Mapped[str] = mapped_column(String(120), info=personal("staff name"))
    job_title: Mapped[str] = mapped_column(String(160), default="")
    role: Mapped[StaffRole] = mapped_column(
        enum_column(StaffRole),
        default=StaffRole.OFFICER,
    )
    email: Mapped[str] = mapped_column(String(200), default="", info=personal("work email"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
