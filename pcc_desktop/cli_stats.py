"""``pcc-desktop stats NAME``: the figures for a period as JSON or a two-column table.

The figures come from ``services/statistics.py``, the same ones the dashboard and the Panel
reports use. The keys of every name's JSON are described in docs/cli.md.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pcc_desktop.services.workspace import Workspace

# The registry's names, kept here so building the parser does not import the statistics (and
# pandas) each time the window starts; a test checks they match ``services.statistics.STATISTICS``.
NAMES = ("engagement", "actions", "icv", "aws")
FORMATS = ("table", "json")


def add_parser(sub: argparse._SubParsersAction, iso_date: Callable[[str], date]) -> None:
    """Add the ``stats`` command to the ``pcc-desktop`` sub-commands."""
    stats = sub.add_parser("stats", help="figures for a period: " + ", ".join(NAMES))
    stats.add_argument("name", choices=NAMES, help="which figures")
    year = "the financial year (April to March) containing today"
    stats.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD", help=f"first day ({year})"
    )
    stats.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD", help=f"last day ({year})")
    stats.add_argument("--format", choices=FORMATS, default="table", help="table (default) or json")


def period(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """The dates asked for; each missing one from the financial year containing today."""
    from pcc_desktop.services.clock import today
    from pcc_desktop.services.statistics import financial_year

    first, last = financial_year(today())
    return date_from or first, date_to or last


def table(title: str, date_from: date, date_to: date, rows: list[tuple[str, str]]) -> str:
    """A heading line and the rows, labels padded into a column."""
    from pcc_desktop.services.clock import format_date

    width = max((len(label) for label, _ in rows), default=0)
    lines = [f"{title}, {format_date(date_from)} to {format_date(date_to)}", ""]
    lines += [f"{label.ljust(width)}  {value}".rstrip() for label, value in rows]
    return "\n".join(lines)


def run(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    """Compute the figures named in ``args`` and print them to ``out``; 0 when done.

    Raises:
        ValidationError: The period ends before it starts (or the name is unknown).
    """
    from pcc_desktop.services.statistics import compute, statistic

    spec = statistic(args.name)
    date_from, date_to = period(args.date_from, args.date_to)
    stats = workspace.run(compute, spec.name, date_from, date_to)
    if args.format == "json":
        print(json.dumps(spec.to_json(stats), indent=2, ensure_ascii=False), file=out)
    else:
        print(table(spec.title, date_from, date_to, spec.to_rows(stats)), file=out)
    return 0
