"""Typed settings that belong with the data (coverage target, year start), stored in ``DatabaseSetting``.

User preferences (window layout, last user) live in the user's settings file; these live in the
database because every member of staff using it must see the same figures. Each value is stored as
text under a key such as ``engagement/npa_target``; changes are written to the change history under
the entity type ``database_setting`` and the id :func:`setting_id` gives for the key.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from pcc_desktop.models import DatabaseSetting
from pcc_desktop.services import history
from pcc_desktop.services.errors import Errors, ValidationError

ENTITY = "database_setting"
NPA_TARGET_KEY = "engagement/npa_target"
YEAR_START_KEY = "engagement/coverage_year_start_month"
DEFAULT_NPA_TARGET = 2  # "visit each Neighbourhood Policing Area at least twice in the year" (001:962)
DEFAULT_YEAR_START_MONTH = 4  # the financial year, April to March, as the annual reports use
NPA_TARGET_RANGE = (0, 52)
MONTH_RANGE = (1, 12)
_NAMESPACE = uuid.UUID("6f1d3c1e-3b7a-4c1e-9a51-0c6a2d6b9e10")


def setting_id(key: str) -> uuid.UUID:
    """The stable id under which a setting's changes are kept in the history."""
    return uuid.uuid5(_NAMESPACE, key)


def get_int(session: Session, key: str, default: int) -> int:
    """The whole number stored under ``key``, or ``default`` if it is missing or not a number.

    Args:
        session: An open session.
        key: The setting's key, e.g. ``engagement/npa_target``.
        default: What to return when nothing usable is stored.
    """
    row = session.get(DatabaseSetting, key)
    if row is None:
        return default
    try:
        return int(row.value.strip())
    except ValueError:
        return default


def set_int(session: Session, actor_id: uuid.UUID | None, key: str, value: int) -> int:
    """Store a whole number under ``key`` and record the change; an unchanged value records nothing.

    Args:
        session: An open session; the caller commits.
        actor_id: Who made the change.
        key: The setting's key (up to 80 characters).
        value: The new value.

    Returns:
        The value stored.

    Raises:
        ValidationError: The key is blank or too long, or the value is not a whole number.
    """
    errors = Errors()
    errors.check(bool(key.strip()) and len(key) <= 80, "key", "A setting needs a key of up to 80 characters.")
    is_int = isinstance(value, int) and not isinstance(value, bool)
    errors.check(is_int, "value", "Enter a whole number.")
    errors.raise_if_any()
    row = session.get(DatabaseSetting, key)
    old = row.value if row is not None else None
    if old == str(value):
        return value
    if row is None:
        row = DatabaseSetting(key=key, value=str(value))
        session.add(row)
    else:
        row.value = str(value)
    session.flush()
    history.record(session, actor_id, ENTITY, setting_id(key), key[:60], old, str(value))
    return value


def _bounded(session: Session, key: str, default: int, bounds: tuple[int, int]) -> int:
    value = get_int(session, key, default)
    return value if bounds[0] <= value <= bounds[1] else default


def npa_visit_target(session: Session) -> int:
    """How many community days each NPA should have in a coverage year (default 2)."""
    return _bounded(session, NPA_TARGET_KEY, DEFAULT_NPA_TARGET, NPA_TARGET_RANGE)


def coverage_year_start_month(session: Session) -> int:
    """The month (1-12) a coverage year starts in (default 4: April, the financial year)."""
    return _bounded(session, YEAR_START_KEY, DEFAULT_YEAR_START_MONTH, MONTH_RANGE)


def _set_bounded(
    session: Session, actor_id: uuid.UUID | None, key: str, field: str, value: int, bounds: tuple[int, int]
) -> int:
    errors = Errors()
    low, high = bounds
    is_int = isinstance(value, int) and not isinstance(value, bool)
    errors.check(is_int and low <= value <= high, field, f"Enter a whole number from {low} to {high}.")
    errors.raise_if_any()
    return set_int(session, actor_id, key, value)


def set_npa_visit_target(session: Session, actor_id: uuid.UUID | None, value: int) -> int:
    """Set the NPA visit target (0 to 52 a year).

    Raises:
        ValidationError: On field ``npa_visit_target`` when the value is out of range.
    """
    return _set_bounded(session, actor_id, NPA_TARGET_KEY, "npa_visit_target", value, NPA_TARGET_RANGE)


def set_coverage_year_start_month(session: Session, actor_id: uuid.UUID | None, value: int) -> int:
    """Set the month a coverage year starts in (1 = January … 12 = December).

    Raises:
        ValidationError: On field ``coverage_year_start_month`` when the value is not a month.
    """
    return _set_bounded(session, actor_id, YEAR_START_KEY, "coverage_year_start_month", value, MONTH_RANGE)


def set_coverage_settings(session: Session, actor_id: uuid.UUID, target: int, start_month: int) -> None:
    """Save the NPA target and the coverage year start together: both or neither.

    Raises:
        ValidationError: with a message at each field that is out of range.
    """
    errors: dict[str, str] = {}
    for setter, value in ((set_npa_visit_target, target), (set_coverage_year_start_month, start_month)):
        try:
            setter(session, actor_id, value)
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
