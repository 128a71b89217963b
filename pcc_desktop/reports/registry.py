"""The reports PCC Desktop can produce, by the name the command line and the GUI use for them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from pcc_desktop.reports import action_log, aws_summary, icv_annual, update_report, you_said_we_did
from pcc_desktop.reports.document import PanelReport
from pcc_desktop.services.errors import ValidationError

if TYPE_CHECKING:
    from pcc_desktop.reports.house_style import RenderResult

Builder = Callable[[Session, date, date, str], PanelReport]


@dataclass(frozen=True)
class ReportSpec:
    """One report: its command-line name, its title and what it is for, and how to build it.

    ``build(session, date_from, date_to, author)`` gathers the data through the services and returns
    the document; ``house_style.render`` prints it.
    """

    name: str
    title: str
    description: str
    build: Builder


REPORTS: dict[str, ReportSpec] = {
    spec.name: spec
    for spec in (
        ReportSpec(
            "action-log",
            action_log.TITLE,
            "Outstanding actions logged by the end of the period, by origin and owner, with their age "
            "and working days overdue; unpublishable and OFFICIAL-SENSITIVE actions are withheld.",
            action_log.build,
        ),
        ReportSpec(
            "you-said-we-did",
            you_said_we_did.TITLE,
            "What residents raised at engagements in the period and what was done about each issue, for "
            "the public: publishable feedback only, no personal data.",
            you_said_we_did.build,
        ),
    )
}


# The Commissioner's Update Report and the animal welfare summary: figures from services.statistics.
REPORTS.update(
    {
        spec.name: spec
        for spec in (
            ReportSpec(
                "update-report",
                update_report.TITLE,
                "The Commissioner's Update Report for the period: community days, other engagements, themes "
                "and items for the Corporate Governance Board; actions logged, completed and open; custody "
                "and animal welfare visits, with the figures 'pcc-desktop stats' gives.",
                update_report.build,
            ),
            ReportSpec(
                "aws-summary",
                aws_summary.TITLE,
                "The Animal Welfare Scheme in the period: visits to the Dog Unit against the schedule and "
                "since the launch, visits by month, police dogs seen and not seen lately, findings and "
                "serious issues.",
                aws_summary.build,
            ),
        )
    }
)


# The annual custody visiting report (the Panel's work programme item, domain.md §5.7).
REPORTS["icv-annual"] = ReportSpec(
    "icv-annual",
    icv_annual.TITLE,
    "The Independent Custody Visiting scheme in the period (usually a financial year): visits per suite "
    "against the standard and % of scheduled visits achieved, detainees offered and seen, top requests and "
    "how they were handled, serious issues, volunteers' hours, training and awards, and the actions raised "
    "from the visits.",
    icv_annual.build,
)


def produce(
    session: Session, name: str, date_from: date, date_to: date, author: str, path: Path | str
) -> RenderResult:
    """Build the report called ``name`` for the period and render it to ``path``.

    Args:
        session: An open session.
        name: A key of :data:`REPORTS` ("action-log").
        date_from: The first day of the period.
        date_to: The last day of the period.
        author: "Name, job title" for the metadata table.
        path: Where to write the PDF.

    Returns:
        The path, page count and SHA-256 of the PDF.

    Raises:
        ValidationError: No report has that name, or the period ends before it starts.
    """
    from pcc_desktop.reports.house_style import render  # ReportLab loads only when printing

    if name not in REPORTS:
        known = ", ".join(sorted(REPORTS))
        raise ValidationError.single("report", f"There is no report called '{name}'; choose one of {known}.")
    if date_to < date_from:
        raise ValidationError.single("date_to", "The period must end on or after the day it starts.")
    return render(REPORTS[name].build(session, date_from, date_to, author), path)
