"""Human references people quote (``ACT-2025-0042``), unique per database."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.models import ReferenceCounter

REFERENCE_PATTERN = re.compile(r"^(?P<prefix>[A-Z]{2,6})-(?P<year>\d{4})-(?P<number>\d{4,})$")


def next_reference(session: Session, prefix: str, year: int) -> str:
    """Issue the next reference for ``prefix`` in ``year``; numbering restarts each year."""
    counter = session.get(ReferenceCounter, (prefix, year))
    if counter is None:
        counter = ReferenceCounter(prefix=prefix, year=year, last_number=0)
        session.add(counter)
    counter.last_number += 1
    return format_reference(prefix, year, counter.last_number)


def format_reference(prefix: str, year: int, number: int) -> str:
    """``ACT``, 2025, 42 → ``ACT-2025-0042``."""
    return f"{prefix}-{year}-{number:04d}"


def claim_reference(session: Session, reference: str) -> None:
    """Note that an imported reference is taken, so later ones are numbered after it."""
    match = REFERENCE_PATTERN.match(reference)
    if not match:
        return
    key = (match["prefix"], int(match["year"]))
    counter = session.get(ReferenceCounter, key)
    if counter is None:
        counter = ReferenceCounter(prefix=key[0], year=key[1], last_number=0)
        session.add(counter)
    counter.last_number = max(counter.last_number, int(match["number"]))


def highest_numbers(session: Session, prefix: str) -> dict[int, int]:
    """Last number issued per year for ``prefix`` (for checks and tests)."""
    rows = session.execute(
        select(ReferenceCounter.year, ReferenceCounter.last_number).where(ReferenceCounter.prefix == prefix)
    )
    return {year: number for year, number in rows}
