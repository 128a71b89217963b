"""Bookkeeping tables: human reference counters and database-wide settings."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcc_desktop.models.base import Base


class ReferenceCounter(Base):
    """The last number issued for a reference prefix and year (``ACT-2025-0042``)."""

    __tablename__ = "reference_counter"

    prefix: Mapped[str] = mapped_column(String(12), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class DatabaseSetting(Base):
    """A setting that belongs with the data (office name, overdue grace), not with the user."""

    __tablename__ = "database_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
