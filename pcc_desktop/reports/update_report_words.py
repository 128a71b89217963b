"""Small wording helpers shared by the Commissioner's Update Report and the animal welfare summary.

They only format figures that the statistics services have already computed: a percentage as the
services round it (one decimal place) printed without a needless ".0", counts with thousands
separators, a period in running text, and lists joined the way the client's papers join them.
"""

from __future__ import annotations

from datetime import date

from pcc_desktop.reports.document import long_date, plural


def figure(value: int | float) -> str:
    """``1077`` → ``1,077``; ``468.0`` → ``468``; ``157.3`` → ``157.3`` (hours, one decimal place)."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def percent(value: float | None) -> str:
    """``100.0`` → ``100%``; ``85.7`` → ``85.7%``; None (nothing to divide by) → ``–``."""
    return "–" if value is None else f"{figure(value)}%"


def between(date_from: date, date_to: date) -> str:
    """``between 1 April 2024 and 31 July 2024``: a period in running text."""
    return f"between {long_date(date_from)} and {long_date(date_to)}"


def join_words(items: list[str] | tuple[str, ...]) -> str:
    """``a``, ``a and b``, ``a, b and c``: the way the seed lists themes (003:57).

    When a name has "and" or a comma in it ("Blaby and Oadby & Wigston"), the items are parted by
    semicolons instead ("a; b and c; and d"), so the reader can tell where each one ends.
    """
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    if any(" and " in item or "," in item for item in items):
        return "; ".join(items[:-1]) + f"; and {items[-1]}"
    return f"{', '.join(items[:-1])} and {items[-1]}"


def sentence_case(text: str) -> str:
    """The text with its first letter in capitals (a generated sentence may start with a figure)."""
    return text[:1].upper() + text[1:]


def were(count: int) -> str:
    """``was`` for one, ``were`` for any other number."""
    return "was" if count == 1 else "were"


def is_are(count: int) -> str:
    """``is`` for one, ``are`` for any other number."""
    return "is" if count == 1 else "are"


def counted(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural`` at the start of a sentence: ``1 action``, ``No actions`` for none."""
    return "No " + (plural_form or f"{singular}s") if count == 0 else plural(count, singular, plural_form)


def active_on(count: int, who: str, day: date, now: date) -> str:
    """``18 custody visitors were active on 31 July 2024``; ``… are active`` for a day still to come."""
    if day > now:
        return f"{counted(count, who)} {is_are(count)} active"
    return f"{counted(count, who)} {were(count)} active on {long_date(day)}"


def amount(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural`` inside a sentence, with "no" for none: ``no actions``, ``1 action``, ``3 actions``."""
    return "no " + (plural_form or f"{singular}s") if count == 0 else plural(count, singular, plural_form)


def none_or(count: int) -> str:
    """``none`` for 0, else the figure (``completed none``, ``completed 1,077``)."""
    return "none" if count == 0 else f"{count:,}"
