"""The volunteer schemes in the Commissioner's Update Report: custody visiting and animal welfare.

Every figure comes from ``services/icv_statistics.icv_statistics`` and
``services/aws_statistics.aws_statistics`` (through ``services.statistics.compute``), so the report
quotes what the dashboard and ``pcc-desktop stats icv|aws`` print. The wording follows the client's
own update (003:117-118): "…achieve 100% of scheduled Independent Custody Visits… No serious issues
have been observed within these visits"; "…100% of animal welfare visits, with one visit taking place
each month". Nothing here names a volunteer or a detainee, or quotes a visit's notes.
"""

from __future__ import annotations

from datetime import date, timedelta

from pcc_desktop.models import AWS_LAUNCHED_ON
from pcc_desktop.reports.document import Block, Para, Section, TableBlock, long_date, plural
from pcc_desktop.reports.update_report_words import (
    active_on,
    amount,
    between,
    counted,
    figure,
    percent,
    sentence_case,
    were,
)
from pcc_desktop.services.aws_history import add_months
from pcc_desktop.services.aws_statistics import AwsStats
from pcc_desktop.services.clock import today
from pcc_desktop.services.icv_statistics import BASIS_STANDARD, IcvStats

ONE_DAY = timedelta(days=1)
ICV_HEADING = "Independent Custody Visiting"
AWS_HEADING = "Animal Welfare Scheme"


def _outcome(completed: int, scheduled: int, missed: int, pending: int, what: str) -> str:
    """``all 34 scheduled visits were completed`` or ``30 of the 34 … were completed; 2 were missed``."""
    if completed == scheduled:
        done = f"all {plural(scheduled, f'scheduled {what}')} {were(scheduled)} completed"
        if scheduled == 1:
            done = f"the one scheduled {what} was completed"
    else:
        done = f"{completed:,} of the {plural(scheduled, f'scheduled {what}')} {were(completed)} completed"
    rest = []
    if missed:
        rest.append(f"{missed:,} {were(missed)} missed")
    if pending:
        rest.append(f"{pending:,} {'is' if pending == 1 else 'are'} still to take place")
    return done + ("; " + " and ".join(rest) if rest else "")


def serious_sentence(count: int) -> str:
    """The seed's "No serious issues have been observed…", or how many visits reported one."""
    if not count:
        return "No serious issues were observed during these visits."
    if count == 1:
        return "A serious issue was reported on 1 visit."
    return f"Serious issues were reported on {plural(count, 'visit')}."


def serious_phrase(count: int) -> str:
    """``no serious issues`` or ``a serious issue reported on 1 visit`` (for the summary's points)."""
    if not count:
        return "no serious issues"
    if count == 1:
        return "a serious issue reported on 1 visit"
    return f"serious issues reported on {plural(count, 'visit')}"


# --- Independent Custody Visiting -----------------------------------------------------------------


def _icv_achievement(stats: IcvStats) -> str:
    period = between(stats.date_from, stats.date_to)
    if stats.achievement_basis == BASIS_STANDARD:
        expected = f"{plural(stats.scheduled, 'visit')} {were(stats.scheduled)} expected"
        return (
            f"There was no custody visiting rota {period}, so the visits are measured against the "
            f"standard of each suite's weekly visits: {expected} and {stats.completed:,} "
            f"{were(stats.completed)} made, {percent(stats.achieved_pct)} of the standard."
        )
    outcome = _outcome(stats.completed, stats.scheduled, stats.missed, stats.pending, "visit")
    return (
        f"Independent custody visitors achieved {percent(stats.achieved_pct)} of the custody visits "
        f"scheduled {period}: {outcome}."
    )


def _icv_detainees(stats: IcvStats) -> Para:
    text = (
        f"In all, custody visitors made {plural(stats.visits_completed, 'visit')} in the period. "
        f"{counted(stats.in_custody, 'detainee')} {were(stats.in_custody)} in custody at "
        f"the time of the visits; {stats.offered:,} {were(stats.offered)} offered a visit and "
        f"{stats.seen:,} agreed to be seen."
    )
    return Para(text)


def _icv_requests(stats: IcvStats) -> list[Block]:
    if not stats.requests_total:
        return [Para("No requests from detainees were recorded at these visits.")]
    top = stats.requests_by_category[: len(stats.top_categories)]
    lead = Para(
        f"Detainees made {plural(stats.requests_total, 'request')}: {percent(stats.requests_raised_pct)} "
        f"were raised with the custody sergeant and {percent(stats.requests_resolved_pct)} were resolved "
        "during the visit. The most frequent requests were:",
        tuple(f"{c.category}: {c.count:,}" for c in top),
    )
    table = TableBlock(
        caption="Detainees' requests by category",
        columns=("Category", "Requests", "Raised with the sergeant", "Resolved during the visit"),
        rows=tuple(
            (c.category, f"{c.count:,}", percent(c.raised_pct), percent(c.resolved_pct))
            for c in stats.requests_by_category
        ),
        widths=(3, 1, 1.4, 1.4),
    )
    return [lead, table]


def _icv_suites(stats: IcvStats) -> TableBlock:
    standard = stats.achievement_basis == BASIS_STANDARD
    rows = [
        (
            s.name,
            f"{s.visits:,}",
            f"{s.expected if standard else s.scheduled:,}",
            percent(s.achieved_pct),
        )
        for s in stats.per_suite
    ]
    if rows:
        rows.append(
            ("All suites", f"{stats.visits_completed:,}", f"{stats.scheduled:,}", percent(stats.achieved_pct))
        )
    return TableBlock(
        caption="Custody visits by suite",
        columns=("Custody suite", "Visits made", "Expected" if standard else "Scheduled", "Achieved"),
        rows=tuple(rows),
        widths=(3, 1, 1, 1),
        total_row=bool(rows),
        empty_text="No custody suites were open in this period.",
    )


def icv_section(stats: IcvStats) -> Section:
    """The custody visiting part of the update: achievement, detainees, requests, serious issues."""
    if not stats.visits_completed and not stats.scheduled:
        text = f"No custody visits were scheduled or made {between(stats.date_from, stats.date_to)}."
        return Section(ICV_HEADING, (Para(text),), level=2)
    active = active_on(stats.active_volunteers, "custody visitor", stats.date_to, today())
    blocks: list[Block] = [Para(_icv_achievement(stats)), _icv_suites(stats)]
    if not stats.visits_completed:
        blocks.append(Para(f"No custody visits were made in the period. {active}."))
        return Section(ICV_HEADING, tuple(blocks), level=2)
    blocks += [_icv_detainees(stats), *_icv_requests(stats), Para(serious_sentence(stats.serious_issues))]
    blocks.append(
        Para(f"{active}, and visitors gave {figure(stats.volunteer_hours)} hours on visits in the period.")
    )
    return Section(ICV_HEADING, tuple(blocks), level=2)


# --- Animal Welfare Scheme --------------------------------------------------------------------------


def visits_each_month(stats: AwsStats, as_of: date) -> str | None:
    """``one visit`` or ``at least one visit`` when every month of the period had one; else None.

    A month still under way on ``as_of`` (or cut short by the period's end) is not yet owed a visit:
    a year's report printed in June can say "one visit taking place each month" about April and May
    while June's visit is still to come. If it has had its visit already, that visit counts.
    """
    ended = [count for month, count in stats.visits_by_month if add_months(month, 1) <= as_of + ONE_DAY]
    begun = [count for month, count in stats.visits_by_month if month <= as_of]
    if not ended or min(ended) == 0:
        return None
    return "one visit" if max(begun) == 1 else "at least one visit"


def aws_visits_sentence(stats: AwsStats, as_of: date) -> str:
    """The seed's sentence (003:118) for the period: % of scheduled visits achieved, monthly visits."""
    period = between(stats.date_from, stats.date_to)
    if not stats.scheduled and not stats.visits:
        return f"No animal welfare visits were scheduled or made {period}."
    monthly = visits_each_month(stats, as_of)
    each = f", with {monthly} taking place each month" if monthly else ""
    if not stats.scheduled:
        return f"The AWS volunteers made {plural(stats.visits, 'visit')} to the Dog Unit {period}{each}."
    outcome = _outcome(stats.completed, stats.scheduled, stats.missed, stats.pending, "visit")
    return (
        f"The AWS volunteers achieved {percent(stats.pct_achieved)} of the animal welfare visits "
        f"scheduled {period}{each}: {outcome}."
    )


def aws_pairs_sentence(stats: AwsStats) -> str:
    """How many visits were made in the period, and how many of them in pairs."""
    if not stats.visits:
        return "No visit reports were submitted for the period."
    pairs = "all of them" if stats.visits_in_pairs == stats.visits else f"{stats.visits_in_pairs:,} of them"
    if stats.visits == 1:
        pairs = "by a pair of visitors" if stats.visits_in_pairs else "not by a pair of visitors"
        return f"The volunteers made 1 visit to the Dog Unit in the period, {pairs}."
    made = plural(stats.visits, "visit")
    return f"The volunteers made {made} to the Dog Unit in the period, {pairs} in pairs."


def dogs_sentence(stats: AwsStats) -> str:
    """The dogs seen on the period's visits and the welfare concerns noted."""
    if not stats.dogs_seen:
        return "No dogs were recorded as seen on the period's visits."
    concerns = (
        "no welfare concerns were noted"
        if not stats.concerns
        else f"{stats.concerns:,} of their observations noted a welfare concern"
    )
    return f"The visitors saw {plural(stats.dogs_seen, 'dog')} on these visits, and {concerns}."


def findings_sentence(stats: AwsStats) -> str:
    """Findings raised with the Dog Unit, how many are closed, and whether the visitors were told."""
    if not stats.findings:
        return "No findings were raised with the Dog Unit from these visits."
    raised = (
        f"{sentence_case(plural(stats.findings, 'finding'))} {were(stats.findings)} raised with the Dog Unit"
    )
    if not stats.findings_open:
        state = "all of them have been closed" if stats.findings > 1 else "it has been closed"
    elif not stats.findings_closed:
        state = "none has been closed yet" if stats.findings > 1 else "it is still open"
    else:
        closed = f"{stats.findings_closed:,} {'has' if stats.findings_closed == 1 else 'have'} been closed"
        state = (
            f"{closed} and {stats.findings_open:,} {'remains' if stats.findings_open == 1 else 'remain'} open"
        )
    told = stats.visitors_told
    if told == stats.findings:
        told_text = "The visitors have been told the outcome" + (" of each." if told > 1 else ".")
    elif not told:
        told_text = "The visitors have not yet been told the outcome."
    else:
        told_text = f"The visitors have been told the outcome of {told:,} of them."
    return f"{raised}: {state}. {told_text}"


def since_launch_sentence(stats: AwsStats) -> str:
    """Visits since the launch on 1 April 2022 (AWS-1: "12 visits" in the 2022/23 Annual Report)."""
    launched = long_date(AWS_LAUNCHED_ON)
    if stats.date_to < AWS_LAUNCHED_ON:
        return f"The scheme was launched on {launched}, after the end of this period."
    return (
        f"Since the scheme's launch on {launched} the volunteers have completed "
        f"{amount(stats.visits_since_launch, 'visit')}."
    )


def aws_section(stats: AwsStats, as_of: date) -> Section:
    """The animal welfare part of the update: visits, serious issues, dogs seen, findings."""
    if not stats.visits:
        blocks: list[Block] = [Para(aws_visits_sentence(stats, as_of)), Para(since_launch_sentence(stats))]
        return Section(AWS_HEADING, tuple(blocks), level=2)
    blocks = [
        Para(f"{aws_visits_sentence(stats, as_of)} {aws_pairs_sentence(stats)}"),
        Para(serious_sentence(stats.serious_issues)),
        Para(f"{dogs_sentence(stats)} {findings_sentence(stats)}"),
        Para(since_launch_sentence(stats)),
    ]
    return Section(AWS_HEADING, tuple(blocks), level=2)
