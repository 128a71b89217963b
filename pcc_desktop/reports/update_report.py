"""The Commissioner's Update Report to the Police and Crime Panel, for any period (domain.md §5.2).

The layout follows the client's September 2024 update (seed 003): Purpose of Report, Request of the
Panel, Summary, then "Background, Relevant Data and Trends" (community consultation and engagement;
actions arising) and "Scrutiny and Governance Activity" (Independent Custody Visiting; the Animal
Welfare Scheme). The sentences are generated in the seed's plain third person ("The Commissioner
held 8 community days…").

Every figure comes from the period statistics, computed once in ``services/`` and fetched through
``services.statistics.compute`` ("engagement", "actions", "icv", "aws"): the report prints what the
dashboard and ``pcc-desktop stats`` print, and recomputes nothing. The lists those services return
already leave out anything not publishable or marked OFFICIAL-SENSITIVE (community days, items for
the Corporate Governance Board) and count what they left out; this report says how many it holds
back and adds nothing personal (no names of staff, volunteers, residents or detainees).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from pcc_desktop.reports.document import PanelReport, Para, Section, plural
from pcc_desktop.reports.update_report_engagement import actions_section, engagement_section
from pcc_desktop.reports.update_report_schemes import (
    aws_section,
    icv_section,
    serious_phrase,
    visits_each_month,
)
from pcc_desktop.reports.update_report_words import amount, between, none_or, percent, were
from pcc_desktop.services.action_statistics import ActionStats
from pcc_desktop.services.aws_statistics import AwsStats
from pcc_desktop.services.clock import today
from pcc_desktop.services.engagement_statistics import EngagementStats
from pcc_desktop.services.icv_statistics import BASIS_STANDARD, IcvStats
from pcc_desktop.services.statistics import compute

TITLE = "Commissioner's Update Report"


@dataclass(frozen=True)
class UpdateReportData:
    """The period's figures, exactly as ``pcc-desktop stats`` computes them."""

    date_from: date
    date_to: date
    engagement: EngagementStats
    actions: ActionStats
    icv: IcvStats
    aws: AwsStats


def gather(session: Session, date_from: date, date_to: date) -> UpdateReportData:
    """The four sets of figures for the period, from the statistics registry.

    Raises:
        ValidationError: The period ends before it starts.
    """
    figures = {
        name: compute(session, name, date_from, date_to) for name in ("engagement", "actions", "icv", "aws")
    }
    return UpdateReportData(date_from, date_to, **figures)


def build(session: Session, date_from: date, date_to: date, author: str) -> PanelReport:
    """The Commissioner's Update Report for ``date_from`` to ``date_to`` (both included).

    Args:
        session: An open session.
        date_from: The first day of the period.
        date_to: The last day of the period.
        author: "Name, job title" for the metadata table.

    Returns:
        The report, ready for ``house_style.render``.
    """
    return update_report(gather(session, date_from, date_to), author)


def update_report(data: UpdateReportData, author: str) -> PanelReport:
    """The report for already gathered ``data`` (split from :func:`build` for tests and previews)."""
    period = between(data.date_from, data.date_to)
    as_of = min(data.date_to, today())
    return PanelReport(
        title=TITLE,
        report_date=today(),
        author=author,
        purpose=(
            Para(
                "In his role as the Police and Crime Commissioner (PCC) the Commissioner is required to "
                "establish a Police and Crime Plan and deliver such a plan and bring together community "
                "safety and criminal justice partners to make sure local priorities are joined up."
            ),
            Para(
                "The PCC brings this report to outline for the Police and Crime Panel how he is fulfilling "
                f"his duty through his work or the work of his deputy and office {period}."
            ),
        ),
        request=Para(
            "The Panel is asked to note this report. In their role to scrutinise the actions and decisions "
            "of the PCC, the Commissioner also asks the panel their opinion on the following questions:",
            (
                "Is the Panel supportive of the work update provided by the PCC?",
                "Would the panel like to make any recommendations to the PCC in relation to any of the "
                "work outlined within the report?",
            ),
        ),
        summary=(_summary(data, as_of),),
        sections=(
            Section("Background, Relevant Data and Trends"),
            engagement_section(data.engagement),
            actions_section(data.actions),
            Section("Scrutiny and Governance Activity"),
            icv_section(data.icv),
            aws_section(data.aws, as_of),
        ),
    )


def _summary(data: UpdateReportData, as_of: date) -> Para:
    """The headline figures, one lettered point per part of the report."""
    eng, act, icv, aws = data.engagement, data.actions, data.icv, data.aws
    feedback = (
        f", where {plural(eng.feedback_items, 'feedback item')} raised {amount(eng.themes_raised, 'theme')}"
        if eng.feedback_items
        else ""
    )
    points = [
        f"the Commissioner held {amount(eng.community_days, 'community day')} and attended "
        f"{amount(eng.other_engagements_total, 'other engagement')}{feedback};",
        f"the OPCC logged {amount(act.logged, 'action')} and completed {none_or(act.completed)}; "
        f"{none_or(act.open_at_end)} {were(act.open_at_end)} still open at the end of the period"
        + (f", {act.overdue:,} of them overdue;" if act.open_at_end else ";"),
        _icv_point(icv),
        _aws_point(aws, as_of),
    ]
    return Para(
        f"The headline figures for the period {between(data.date_from, data.date_to)} are:", tuple(points)
    )


def _icv_point(icv: IcvStats) -> str:
    if not icv.visits_completed and not icv.scheduled:
        return "no independent custody visits were scheduled or made;"
    measure = "of the standard" if icv.achievement_basis == BASIS_STANDARD else "of those scheduled"
    achieved = f", {percent(icv.achieved_pct)} {measure}" if icv.achieved_pct is not None else ""
    if not icv.visits_completed:
        return f"no independent custody visits were made ({percent(icv.achieved_pct)} {measure});"
    made = plural(icv.visits_completed, "visit")
    return f"independent custody visitors made {made}{achieved}, with {serious_phrase(icv.serious_issues)};"


def _aws_point(aws: AwsStats, as_of: date) -> str:
    if not aws.scheduled and not aws.visits:
        return "no animal welfare visits were scheduled or made."
    if not aws.visits:
        return f"no animal welfare visits were made ({percent(aws.pct_achieved)} of those scheduled)."
    achieved = f", {percent(aws.pct_achieved)} of those scheduled" if aws.pct_achieved is not None else ""
    monthly = visits_each_month(aws, as_of)
    each = f" ({monthly} each month)" if monthly else ""
    return (
        f"animal welfare visitors made {plural(aws.visits, 'visit')} to the Dog Unit{achieved}{each}, "
        f"with {serious_phrase(aws.serious_issues)}."
    )
