"""The registry of period statistics, and how any of them becomes JSON or a two-column table.

Every set of figures for a period is computed once, in ``services/``, and named here, so the
dashboard, the Panel reports and ``pcc-desktop stats NAME`` all quote the same numbers:

========== ==============================================================================
name       figures
========== ==============================================================================
engagement :func:`engagement_statistics.engagement_statistics`
actions    :func:`action_statistics.action_statistics`
icv        :func:`icv_statistics.icv_statistics` (Independent Custody Visiting)
aws        :func:`aws_statistics.aws_statistics` (Animal Welfare Scheme)
========== ==============================================================================

The AWS table uses the AWS statistics panel's own rows (``aws_statistics_rows``).

:func:`to_json` turns any of the result dataclasses into plain JSON values: dates as ISO strings,
enums by value, floats to one decimal place, nested dataclasses as objects and tuples as lists.
Fields that hold record ids (names ending ``_id`` or ``_ids``) are left out: they mean nothing
outside this database. :func:`to_rows` flattens the same JSON into (label, value) rows.
"""

from __future__ import annotations

import dataclasses
import enum
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pcc_desktop.services.action_statistics import action_statistics
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.engagement_statistics import engagement_statistics
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.icv_statistics import icv_statistics

Json = dict[str, Any]
INDENT = "  "


def _icv(session: Session, date_from: date, date_to: date) -> Any:
    return icv_statistics(session, date_from, date_to)


def _aws(session: Session, date_from: date, date_to: date) -> Any:
    # Imported when asked for, so the other figures never depend on the AWS module loading.
    from pcc_desktop.services.aws_statistics import aws_statistics

    return aws_statistics(session, date_from, date_to)


def _aws_rows(stats: Any) -> list[tuple[str, str]]:
    from pcc_desktop.services.aws_statistics import aws_statistics_rows

    return aws_statistics_rows(stats)


# --- JSON and table conversion ------------------------------------------------------------------


def _is_id_field(name: str) -> bool:
    return name.endswith(("_id", "_ids"))


def to_json(value: Any) -> Any:
    """A JSON-safe copy of ``value`` (a result dataclass, or anything inside one).

    Dataclasses become objects (fields in declaration order, id fields left out), tuples, lists and
    sets become lists, enums their value, dates and times ISO strings, floats are rounded to one
    decimal place and UUIDs become strings. Anything else unknown becomes its ``str``.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_json(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not _is_id_field(f.name)
        }
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(to_json(k)): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_json(item) for item in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)


# Words of JSON keys shown differently in the table.
_WORDS = {"cgb": "CGB", "npa": "NPA", "npas": "NPAs", "pct": "%", "icv": "ICV", "aws": "AWS"}


def _phrase(key: str) -> str:
    return " ".join(_WORDS.get(word, word) for word in key.split("_") if word)


def humanise(key: str) -> str:
    """``npas_not_visited`` → ``NPAs not visited``; ``achieved_pct`` → ``Achieved %``."""
    text = _phrase(key)
    return text[:1].upper() + text[1:]


def _text(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value) if value else "none"
    if isinstance(value, dict):
        return "; ".join(f"{_phrase(k)}: {_text(v)}" for k, v in value.items())
    return str(value)


def _item_row(item: Json, indent: str) -> tuple[str, str]:
    """One object in a list: its first value as the label, the rest as the value."""
    values = list(item.items())
    if not values:
        return indent, ""
    label = indent + _text(values[0][1])
    if len(values) == 2:
        return label, _text(values[1][1])
    return label, _text(dict(values[1:]))


def json_rows(data: Json, indent: str = "") -> list[tuple[str, str]]:
    """(label, value) rows of a JSON object; nested objects and lists of objects are indented below."""
    rows: list[tuple[str, str]] = []
    for key, value in data.items():
        label = indent + humanise(key)
        if isinstance(value, dict):
            rows.append((label, ""))
            rows += json_rows(value, indent + INDENT)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            rows.append((label, ""))
            rows += [_item_row(item, indent + INDENT) for item in value]
        else:
            rows.append((label, _text(value)))
    return rows


def to_rows(stats: Any) -> list[tuple[str, str]]:
    """The figures as (label, value) rows for a two-column table (from :func:`to_json`)."""
    data = to_json(stats)
    return json_rows(data if isinstance(data, dict) else {"value": data})


# --- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatisticSpec:
    """One named set of figures: its title, how to compute it and how to show it."""

    name: str
    title: str
    compute: Callable[[Session, date, date], Any]
    rows: Callable[[Any], list[tuple[str, str]]] | None = None  # None: rows built from the JSON

    def to_json(self, stats: Any) -> Json:
        """The figures as a JSON-safe object."""
        return to_json(stats)

    def to_rows(self, stats: Any) -> list[tuple[str, str]]:
        """The figures as (label, value) rows for the table format."""
        return self.rows(stats) if self.rows is not None else to_rows(stats)


STATISTICS: dict[str, StatisticSpec] = {
    spec.name: spec
    for spec in (
        StatisticSpec("engagement", "Community engagement", engagement_statistics),
        StatisticSpec("actions", "Actions", action_statistics),
        StatisticSpec("icv", "Independent Custody Visiting", _icv),
        StatisticSpec("aws", "Animal Welfare Scheme", _aws, _aws_rows),
    )
}


def statistic(name: str) -> StatisticSpec:
    """The spec called ``name`` (ignoring case and spaces).

    Raises:
        ValidationError: No statistics have that name; the message lists the names there are.
    """
    found = STATISTICS.get(name.strip().lower())
    if found is None:
        raise ValidationError.single(
            "name", f"There are no statistics called {name!r}. Choose from: {', '.join(STATISTICS)}."
        )
    return found


def check_period(date_from: date, date_to: date) -> None:
    """Refuse a period that ends before it starts.

    Raises:
        ValidationError: ``date_to`` is before ``date_from``.
    """
    if date_to < date_from:
        raise ValidationError.single(
            "date_to",
            f"The period cannot end ({format_date(date_to)}) before it starts ({format_date(date_from)}).",
        )


def compute(session: Session, name: str, date_from: date, date_to: date) -> Any:
    """The figures called ``name`` for a period (dates inclusive).

    Raises:
        ValidationError: Unknown name, or the period ends before it starts.
    """
    spec = statistic(name)
    check_period(date_from, date_to)
    return spec.compute(session, date_from, date_to)


def financial_year(on: date) -> tuple[date, date]:
    """The financial year (1 April to 31 March) containing ``on``: first and last day."""
    start = date(on.year if on.month >= 4 else on.year - 1, 4, 1)
    return start, date(start.year + 1, 3, 31)
