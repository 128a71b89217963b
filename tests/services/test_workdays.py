"""Working days in England and Wales: weekends and bank holidays do not count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcc_desktop.services.workdays import (
    add_working_days,
    bank_holiday_name,
    is_working_day,
    working_days_between,
)

BANK_HOLIDAYS_2025 = [
    date(2025, 1, 1),  # New Year's Day
    date(2025, 4, 18),  # Good Friday
    date(2025, 4, 21),  # Easter Monday
    date(2025, 5, 5),  # Early May bank holiday
    date(2025, 5, 26),  # Spring bank holiday
    date(2025, 8, 25),  # Summer bank holiday
    date(2025, 12, 25),  # Christmas Day
    date(2025, 12, 26),  # Boxing Day
]


@pytest.mark.parametrize("day", BANK_HOLIDAYS_2025)
def test_bank_holidays_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5, "a weekday holiday, so only the holiday rule can exclude it"
    assert not is_working_day(day)
    assert bank_holiday_name(day)


def test_named_bank_holidays() -> None:
    assert "Christmas" in (bank_holiday_name(date(2025, 12, 25)) or "")
    assert "Boxing" in (bank_holiday_name(date(2025, 12, 26)) or "")
    assert "Easter Monday" in (bank_holiday_name(date(2025, 4, 21)) or "")
    assert bank_holiday_name(date(2025, 6, 18)) is None


def test_scottish_holidays_do_not_count() -> None:
    # 2 January and St Andrew's Day (Monday 1 December 2025) are Scottish bank holidays only.
    assert is_working_day(date(2025, 1, 2))
    assert is_working_day(date(2025, 12, 1))


def test_substitute_day_when_christmas_falls_at_a_weekend() -> None:
    # Christmas 2021 was a Saturday and Boxing Day a Sunday: the 27th and 28th were bank holidays.
    assert not is_working_day(date(2021, 12, 27))
    assert not is_working_day(date(2021, 12, 28))
    assert is_working_day(date(2021, 12, 29))


def test_weekdays_and_weekends() -> None:
    assert is_working_day(date(2025, 6, 18))  # Wednesday
    assert not is_working_day(date(2025, 6, 21))  # Saturday
    assert not is_working_day(date(2025, 6, 22))  # Sunday


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 6, 17), date(2025, 6, 18), 1),  # Tuesday → Wednesday
        (date(2025, 6, 18), date(2025, 6, 18), 0),  # same day
        (date(2025, 6, 19), date(2025, 6, 18), 0),  # end before start
        (date(2025, 6, 13), date(2025, 6, 16), 1),  # Friday → Monday
        (date(2025, 6, 14), date(2025, 6, 16), 1),  # Saturday → Monday
        (date(2025, 6, 13), date(2025, 6, 15), 0),  # Friday → Sunday
        (date(2025, 6, 13), date(2025, 6, 20), 5),  # a whole week
        (date(2025, 5, 23), date(2025, 5, 27), 1),  # over the late-May bank holiday
        (date(2025, 4, 17), date(2025, 4, 22), 1),  # Maundy Thursday → Tuesday after Easter
        (date(2025, 12, 24), date(2025, 12, 29), 1),  # Christmas Eve → Monday 29th
        (date(2025, 12, 19), date(2026, 1, 5), 8),  # Christmas and New Year fortnight
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2025, 6, 18), 0, date(2025, 6, 18)),
        (date(2025, 6, 18), 1, date(2025, 6, 19)),
        (date(2025, 6, 18), 2, date(2025, 6, 20)),  # Wednesday + 2 = Friday
        (date(2025, 6, 18), 3, date(2025, 6, 23)),  # ... + 3 = Monday
        (date(2025, 6, 20), 1, date(2025, 6, 23)),  # Friday + 1 = Monday
        (date(2025, 6, 21), 1, date(2025, 6, 23)),  # Saturday + 1 = Monday
        (date(2025, 6, 22), 1, date(2025, 6, 23)),  # Sunday + 1 = Monday
        (date(2025, 6, 21), 5, date(2025, 6, 27)),  # Saturday + 5 = Friday
        (date(2025, 5, 23), 1, date(2025, 5, 27)),  # over the late-May bank holiday
        (date(2025, 4, 17), 1, date(2025, 4, 22)),  # over Easter
        (date(2025, 12, 24), 1, date(2025, 12, 29)),  # over Christmas
        (date(2025, 12, 24), 3, date(2025, 12, 31)),
        (date(2025, 12, 24), 4, date(2026, 1, 2)),  # New Year's Day skipped
        (date(2025, 12, 25), 1, date(2025, 12, 29)),  # starting on Christmas Day
        (date(2025, 12, 20), 10, date(2026, 1, 7)),  # a 10-working-day deadline from a Saturday
    ],
)
def test_add_working_days(start: date, days: int, expected: date) -> None:
    result = add_working_days(start, days)
    assert result == expected
    assert type(result) is date


def _nearest_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


# Deterministic and free of timing limits: the same examples every run, no example database.
PROPERTY = settings(derandomize=True, deadline=None, database=None, max_examples=300)
DAYS = st.dates(min_value=date(2005, 1, 1), max_value=date(2055, 12, 31))


@PROPERTY
@given(start=DAYS, days=st.integers(min_value=1, max_value=400))
def test_add_working_days_lands_on_a_working_day(start: date, days: int) -> None:
    result = add_working_days(start, days)
    assert is_working_day(result)
    assert result > start


@PROPERTY
@given(start=DAYS.map(_nearest_working_day), days=st.integers(min_value=0, max_value=400))
def test_working_days_between_inverts_add_working_days(start: date, days: int) -> None:
    assert working_days_between(start, add_working_days(start, days)) == days


@PROPERTY
@given(start=DAYS, span=st.integers(min_value=0, max_value=60))
def test_working_days_between_matches_counting_one_by_one(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    expected = sum(is_working_day(start + timedelta(days=i)) for i in range(1, span + 1))
    assert working_days_between(start, end) == expected
