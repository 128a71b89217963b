"""Today's date and the local time zone: stored times are UTC, shown in Europe/London."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

_fixed_today: date | None = None


def today() -> date:
    """Today in Europe/London (tests and the demo may pin it with ``pin_today``)."""
    return _fixed_today or datetime.now(LONDON).date()


def pin_today(day: date | None) -> None:
    """Pretend today is ``day`` (None returns to the real date)."""
    global _fixed_today
    _fixed_today = day


def local_time(moment: datetime) -> datetime:
    """A UTC timestamp in Europe/London."""
    return moment.astimezone(LONDON)


def format_date(day: date | None) -> str:
    """Dates the way OPCC staff write them: 25/11/2026."""
    return day.strftime("%d/%m/%Y") if day else ""


def format_moment(moment: datetime | None) -> str:
    """A timestamp in London time: 25/11/2026 14:05."""
    return local_time(moment).strftime("%d/%m/%Y %H:%M") if moment else ""
