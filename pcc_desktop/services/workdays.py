"""Working days in England and Wales: weekends and bank holidays are not working days."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays
import numpy as np


@lru_cache(maxsize=1)
def _holiday_array() -> np.ndarray:
    """England's bank holidays (the same as Wales's) for a generous range of years."""
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2061))
    return np.array(sorted(calendar.keys()), dtype="datetime64[D]")


def bank_holiday_name(day: date) -> str | None:
    """The bank holiday on ``day``, if any."""
    return holidays.country_holidays("GB", subdiv="ENG", years=day.year).get(day)


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day."""
    return bool(np.is_busday(np.datetime64(day, "D"), holidays=_holiday_array()))


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    return int(
        np.busday_count(np.datetime64(start, "D") + 1, np.datetime64(end, "D") + 1, holidays=_holiday_array())
    )


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (a weekend start counts from the Friday)."""
    # Rolling a non-working start backward makes "1 working day after Saturday" the Monday.
    result = np.busday_offset(np.datetime64(start, "D"), days, roll="backward", holidays=_holiday_array())
    return result.astype(date)  # type: ignore[no-any-return]
