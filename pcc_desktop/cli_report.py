"""``pcc-desktop report NAME``: write a Panel report for a period as a PDF.

The reports are those of ``reports/registry.REPORTS`` (``--list`` prints them), built through the
same services as the window and printed in the house style. Bad input is refused before anything is
opened or written: an unknown name or a file that is not ``.pdf`` exits 2, a period that ends before
it starts exits 1, and no file appears. Options are described in docs/cli.md.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pcc_desktop.services.workspace import Workspace

DEFAULT_AUTHOR = "Office of the Police and Crime Commissioner"


def add_parser(sub: argparse._SubParsersAction, iso_date: Callable[[str], date]) -> None:
    """Add the ``report`` command to the ``pcc-desktop`` sub-commands.

    The names are not given to argparse as choices: listing them would import every report (and
    ReportLab's neighbours) each time the window starts. ``run`` checks the name instead.
    """
    report = sub.add_parser("report", help="write a Panel report for a period as a PDF (--list: the names)")
    report.add_argument("name", nargs="?", metavar="NAME", help="which report, e.g. update-report")
    report.add_argument("--list", action="store_true", help="print the names of the reports and stop")
    report.add_argument(
        "--visit", metavar="REFERENCE", help="instead of NAME: the record of one visit (ICV-… or AWS-…)"
    )
    year = "the financial year (April to March) containing today"
    report.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD", help=f"first day ({year})"
    )
    report.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD", help=f"last day ({year})"
    )
    report.add_argument("--out", metavar="FILE.pdf", help="where to write the PDF")
    report.add_argument(
        "--author",
        default=DEFAULT_AUTHOR,
        help=f'"Name, job title" for the report (default: {DEFAULT_AUTHOR})',
    )


def _names() -> list[str]:
    from pcc_desktop.reports.registry import REPORTS

    return list(REPORTS)


def _list(out: TextIO) -> int:
    from pcc_desktop.reports.registry import REPORTS

    width = max(len(name) for name in REPORTS)
    for name, spec in REPORTS.items():
        print(f"{name.ljust(width)}  {spec.title}", file=out)
    return 0


def check(args: argparse.Namespace) -> str | None:
    """What is wrong with the name or the output file, in a sentence (None when both are fine)."""
    names = _names()
    if getattr(args, "visit", None):
        if args.name:
            return "Give either a report name or --visit, not both."
    elif not args.name:
        return f"Say which report to write: one of {', '.join(names)}."
    if args.name and args.name not in names:
        return f"There is no report called '{args.name}'; choose one of {', '.join(names)}."
    if not args.out:
        return "Say where to write the report: --out FILE.pdf."
    if Path(args.out).suffix.lower() != ".pdf":
        return f"The report is a PDF, so --out must end in .pdf (not '{args.out}')."
    if Path(args.out).is_dir():
        return f"'{args.out}' is a folder; give a file name ending in .pdf."
    return None


def run(open_workspace: Callable[[], Workspace], args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the report named in ``args``; print its path, pages and SHA-256 to ``out``.

    Args:
        open_workspace: Opens the database (called only once the arguments are sound).
        args: The parsed ``report`` arguments.
        out: Where the result goes.
        err: Where refusals go.

    Returns:
        0 when written; 2 for an unknown name or a bad ``--out``.

    Raises:
        ValidationError: The period ends before it starts (``main`` prints it and exits 1).
    """
    if args.list:
        return _list(out)
    problem = check(args)
    if problem:
        print(f"pcc-desktop: {problem}", file=err)
        return 2
    if args.visit:
        return _visit_record(open_workspace(), args, out)
    from pcc_desktop.cli_stats import period
    from pcc_desktop.reports.registry import produce
    from pcc_desktop.services.statistics import check_period

    date_from, date_to = period(args.date_from, args.date_to)
    check_period(date_from, date_to)
    workspace = open_workspace()
    result = workspace.run(produce, args.name, date_from, date_to, args.author, Path(args.out))
    print(f"Wrote {result.path}: {result.pages} pages, sha256 {result.sha256}", file=out)
    return 0


def _visit_record(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    """Write the record of the visit ``args.visit`` names (a custody or Dog Unit visit report)."""
    from pcc_desktop.reports.visit_report import produce_visit
    from pcc_desktop.services.visit_lookup import visit_by_reference

    kind, visit_id = workspace.run(visit_by_reference, args.visit)
    result = workspace.run(produce_visit, kind, visit_id, args.author, Path(args.out))
    print(f"Wrote {result.path}: {result.pages} pages, sha256 {result.sha256}", file=out)
    return 0
