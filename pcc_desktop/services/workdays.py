"""Working days in England and Wales: weekends and bank holidays are not working days.

Pure Python (weekday arithmetic plus a sorted list of bank holidays searched with ``bisect``): the
action list calls this for every row it shows, and numpy's business-day functions cost 70 ms of
start-up just to import.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=1)
def _weekday_holidays() -> tuple[date, ...]:
    """England's bank holidays (the same as Wales's) that fall on weekdays, sorted."""
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2061))
    return tuple(sorted(day for day in calendar if day.weekday() < 5))


def bank_holiday_name(day: date) -> str | None:
    """The bank holiday on ``day``, if any."""
    return holidays.country_holidays("GB", subdiv="ENG", years=day.year).get(day)


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day."""
    if day.weekday() >= 5:
        return False
    found = _weekday_holidays()
    index = bisect_left(found, day)
    return not (index < len(found) and found[index] == day)


def _weekdays_up_to(day: date) -> int:
    """Weekdays from a fixed Monday up to and including ``day`` (a running count)."""
    days = (day - date(1970, 1, 5)).days  # 5 January 1970 was a Monday
    weeks, rest = divmod(days, 7)
    return weeks * 5 + min(rest + 1, 5)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    found = _weekday_holidays()
    holidays_in_range = bisect_right(found, end) - bisect_right(found, start)
    return _weekdays_up_to(end) - _weekdays_up_to(start) - holidays_in_range


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (a weekend start counts from the Friday)."""
    day = start
    while not is_working_day(day):
        day -= timedelta(days=1)  # "1 working day after Saturday" is the Monday
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
