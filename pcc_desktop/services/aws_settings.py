"""The Animal Welfare Scheme's settings, shared by everyone using the database.

Two figures can be changed by the scheme coordinator: how many Dog Unit visits are scheduled each
month (the scheme visits "once a month", 001:1177; some forces visit more often) and after how many
months a dog not seen counts as a gap in coverage (Herts/Beds/Cambs aim to see "every dog within six
months", ``docs/landscape.md`` §1.7).
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from pcc_desktop.services.db_settings import _bounded, _set_bounded

VISITS_PER_MONTH_KEY = "aws/visits_per_month"
COVERAGE_MONTHS_KEY = "aws/dog_coverage_months"
DEFAULT_VISITS_PER_MONTH = 1
DEFAULT_COVERAGE_MONTHS = 6
VISITS_PER_MONTH_RANGE = (1, 4)
COVERAGE_MONTHS_RANGE = (1, 24)


def visits_per_month(session: Session) -> int:
    """How many Dog Unit visits to schedule each month (default 1)."""
    return _bounded(session, VISITS_PER_MONTH_KEY, DEFAULT_VISITS_PER_MONTH, VISITS_PER_MONTH_RANGE)


def coverage_months(session: Session) -> int:
    """After how many months without a visit a dog is listed as not seen (default 6)."""
    return _bounded(session, COVERAGE_MONTHS_KEY, DEFAULT_COVERAGE_MONTHS, COVERAGE_MONTHS_RANGE)


def set_visits_per_month(session: Session, actor_id: uuid.UUID | None, value: int) -> int:
    """Set how many visits a month are scheduled (1 to 4).

    Raises:
        ValidationError: On field ``visits_per_month`` when the value is out of range.
    """
    return _set_bounded(
        session, actor_id, VISITS_PER_MONTH_KEY, "visits_per_month", value, VISITS_PER_MONTH_RANGE
    )


def set_coverage_months(session: Session, actor_id: uuid.UUID | None, value: int) -> int:
    """Set after how many months an unseen dog is listed (1 to 24).

    Raises:
        ValidationError: On field ``coverage_months`` when the value is out of range.
    """
    return _set_bounded(
        session, actor_id, COVERAGE_MONTHS_KEY, "coverage_months", value, COVERAGE_MONTHS_RANGE
    )
