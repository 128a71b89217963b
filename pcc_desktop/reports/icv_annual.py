"""The Independent Custody Visiting annual report for the Police and Crime Panel (domain.md §5.7).

The Panel's work programme asks for an "Annual Report for Independent Custody Visitors" (001:3287).
It follows the annual report's own account of the scheme (004:396, 001:1165-1173): visits per suite
against the standard and the share of scheduled visits achieved, detainees offered a visit and seen,
the top requests and how they were handled, serious issues, the volunteers (how many, their hours on
visits, training and awards) and the actions raised with the Force from the visits.

Every figure comes from a service: :func:`~pcc_desktop.services.icv_statistics.icv_statistics` for
the visits, detainees, requests, hours and volunteers; the volunteer register for training and
awards; the action list for the actions. Nothing personal is printed: no volunteer or detainee is
named, and actions not cleared for publication are counted, not shown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from pcc_desktop.models import ActionStatus, Scheme
from pcc_desktop.reports.document import (
    Block,
    ChartBlock,
    Note,
    PanelReport,
    Para,
    Section,
    TableBlock,
    long_date,
    number_word,
    plural,
)
from pcc_desktop.reports.icv_annual_text import (
    achievement,
    active_sentence,
    detainee_sentence,
    listed,
    number,
    percent,
    requests_sentence,
    serious_sentence,
    share,
)
from pcc_desktop.reports.visit_record import RaisedActionLine, custody_actions_logged
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.engagement_statistics import LabelCount
from pcc_desktop.services.icv_statistics import BASIS_ROTA, IcvStats, icv_statistics
from pcc_desktop.services.volunteer_records import list_awards, list_training
from pcc_desktop.services.volunteers import list_volunteers

TITLE = "Independent Custody Visiting Annual Report"
VISIT_COLUMNS = (
    "Custody suite", "Visits made", "Expected by the standard", "Scheduled", "Missed", "Cancelled",
    "% achieved",
)  # fmt: skip


@dataclass(frozen=True)
class IcvAnnualData:
    """What the annual report prints, gathered through the services.

    Attributes:
        stats: The period's ICV figures.
        training: Courses completed in the period by ICV volunteers: course → completions.
        awards: Awards presented in the period to ICV volunteers: award → number presented.
        actions: Publishable actions raised from custody visits, logged in the period.
        withheld_actions: Actions from custody visits logged in the period but not publishable.
    """

    stats: IcvStats
    training: tuple[LabelCount, ...]
    awards: tuple[LabelCount, ...]
    actions: tuple[RaisedActionLine, ...]
    withheld_actions: int


def build(session: Session, date_from: date, date_to: date, author: str) -> PanelReport:
    """The annual report for visits made from ``date_from`` to ``date_to`` (both included).

    Args:
        session: An open session.
        date_from: The first day of the period (usually 1 April).
        date_to: The last day of the period (usually 31 March).
        author: "Name, job title" for the metadata table.

    Returns:
        The report, ready for ``house_style.render``.
    """
    return icv_annual_report(gather(session, date_from, date_to), author)


def gather(session: Session, date_from: date, date_to: date) -> IcvAnnualData:
    """The report's data for the period, from the statistics, the register and the action list."""
    training: Counter[str] = Counter()
    awards: Counter[str] = Counter()
    for volunteer in list_volunteers(session, Scheme.ICV, include_left=True):
        training.update(
            r.course for r in list_training(session, volunteer.id) if date_from <= r.completed_on <= date_to
        )
        awards.update(
            a.name for a in list_awards(session, volunteer.id) if date_from <= a.awarded_on <= date_to
        )
    actions, withheld = custody_actions_logged(session, date_from, date_to)
    return IcvAnnualData(
        stats=icv_statistics(session, date_from, date_to),
        training=_ranked(training),
        awards=_ranked(awards),
        actions=actions,
        withheld_actions=withheld,
    )


def _ranked(counts: Counter[str]) -> tuple[LabelCount, ...]:
    return tuple(LabelCount(name, n) for name, n in sorted(counts.items(), key=lambda i: (-i[1], i[0])))


def period_words(date_from: date, date_to: date) -> str:
    """``2018/19`` for a whole financial year, else ``the period 1 April 2024 to 31 July 2024``."""
    if date_from == date(date_from.year, 4, 1) and date_to == date(date_from.year + 1, 3, 31):
        return f"{date_from.year}/{date_to.year % 100:02d}"
    return f"the period {long_date(date_from)} to {long_date(date_to)}"


def icv_annual_report(data: IcvAnnualData, author: str) -> PanelReport:
    """The report for already gathered ``data`` (split from :func:`build` for tests and previews)."""
    stats = data.stats
    period = period_words(stats.date_from, stats.date_to)
    return PanelReport(
        title=TITLE,
        report_date=today(),
        author=author,
        purpose=(
            Para(
                "Every PCC must run an ICV scheme. Volunteers make unannounced visits to the custody "
                "suites to check that those held in police custody receive all their rights and "
                "entitlements and that their welfare needs are met. The OPCC runs the scheme."
            ),
            Para(
                f"This report sets out what the scheme did in {period}: the visits made against the "
                "performance standard, the detainees offered a visit and seen, what they asked for and "
                "how it was handled, any serious issues, the volunteers, and the actions raised with the "
                "Force from the visits. No detainee or volunteer is named."
            ),
        ),
        request=Para(
            "In their role to scrutinise the actions and decisions of the PCC, the Commissioner requests "
            "that the panel examines the contents of this report. He would specifically like to ask the "
            "panel their opinion on the following questions:",
            (
                "Is the Panel assured that the scheme is meeting its performance standard and that the "
                "requests detainees make are being dealt with?",
                "Would the panel like to make any recommendations to the PCC in relation to the "
                "Independent Custody Visiting scheme?",
            ),
        ),
        summary=_summary(data, period),
        sections=(
            _visits(stats),
            _detainees(stats),
            _requests(stats),
            _serious(stats),
            _volunteers(data),
            _actions(data),
        ),
    )


def _summary(data: IcvAnnualData, period: str) -> tuple[Para, ...]:
    stats = data.stats
    suites = listed([f"{s.visits:,} to {s.name}" for s in stats.per_suite])
    trained, awarded = sum(t.count for t in data.training), sum(a.count for a in data.awards)
    paras = [
        Para(
            f"During {period} the team made a total of {plural(stats.visits_completed, 'visit')}: {suites}. "
            f"{achievement(stats)}"
        ),
        Para(detainee_sentence(stats)),
    ]
    if stats.requests_by_category:
        paras.append(Para(requests_sentence(stats)))
    paras.append(Para(serious_sentence(stats)))
    paras.append(
        Para(
            f"{active_sentence(stats)} Volunteers gave {number(stats.volunteer_hours)} hours on visits in "
            f"the period, completed {plural(trained, 'training course')} and received "
            f"{plural(awarded, 'award')}."
        )
    )
    return tuple(paras)


def _visits_table(stats: IcvStats) -> TableBlock:
    """Each suite's visits, the standard's expectation and the rota's outcome (none without a rota)."""
    rota = stats.achievement_basis == BASIS_ROTA
    rows = [
        (s.name, f"{s.visits:,}", f"{s.expected:,}", f"{s.scheduled:,}" if rota else "–",
         f"{s.missed:,}" if rota else "–", f"{s.cancelled:,}" if rota else "–", percent(s.achieved_pct))
        for s in stats.per_suite
    ]  # fmt: skip
    expected = sum(s.expected for s in stats.per_suite)  # the standard's total, as the service sums it
    rows.append(
        ("All suites", f"{stats.visits_completed:,}", f"{expected:,}",
         f"{stats.scheduled:,}" if rota else "–", f"{stats.missed:,}" if rota else "–",
         f"{stats.cancelled:,}" if rota else "–", percent(stats.achieved_pct))
    )  # fmt: skip
    return TableBlock(
        caption="Visits by custody suite against the standard",
        columns=VISIT_COLUMNS,
        rows=tuple(rows),
        widths=(40, 20, 22, 24, 20, 24, 20),
        total_row=True,
    )


def _visits(stats: IcvStats) -> Section:
    rota = stats.achievement_basis == BASIS_ROTA
    table = _visits_table(stats)
    basis = (
        "Scheduled visits are the rota slots in the period, cancelled ones left out; % achieved is the "
        "slots completed as a share of those scheduled."
        if rota
        else "No rota was recorded for the period: % achieved is the visits made as a share of those "
        "the standard expects."
    )
    blocks: list[Block] = [
        Para(
            "The standard is a set number of unannounced visits to each custody suite every week. The "
            "table gives each suite's visits, what the standard expects over the whole weeks of the "
            "period, and how many scheduled visits were achieved."
        ),
        table,
        Note(basis),
    ]
    if rota and stats.pending:
        blocks.append(
            Note(f"{plural(stats.pending, 'scheduled visit')} in the period had not yet taken place.")
        )
    return Section("Visits Against the Standard", tuple(blocks))


def _detainees(stats: IcvStats) -> Section:
    rows = (
        ("In custody at the time of the visits", f"{stats.in_custody:,}", "–"),
        ("Offered a visit", f"{stats.offered:,}", "–"),
        ("Agreed to be seen", f"{stats.seen:,}", percent(share(stats.seen, stats.offered))),
        ("Declined", f"{stats.declined:,}", percent(share(stats.declined, stats.offered))),
    )
    table = TableBlock(
        caption="Detainees in custody, offered a visit and seen",
        columns=("Detainees", "Number", "% of those offered"),
        rows=rows,
        widths=(3.4, 1.2, 1.4),
    )
    return Section(
        "Detainees Offered a Visit and Seen",
        (
            Para(detainee_sentence(stats)),
            table,
            Note(
                "People in custody are counted at each visit, so someone held during two visits is "
                "counted twice. Those seen and those who declined need not add up to those offered: "
                "some detainees offered a visit could not be seen (asleep, in interview or at hospital)."
            ),
        ),
    )


def _requests(stats: IcvStats) -> Section:
    rows = [
        (f.category, f"{f.count:,}", percent(f.raised_pct), percent(f.resolved_pct))
        for f in stats.requests_by_category
    ]
    if rows:
        rows.append(
            ("All requests", f"{stats.requests_total:,}", percent(stats.requests_raised_pct),
             percent(stats.requests_resolved_pct))
        )  # fmt: skip
    table = TableBlock(
        caption="Requests by category and how they were handled",
        columns=("Request", "Requests", "Raised with the custody sergeant", "Resolved during the visit"),
        rows=tuple(rows),
        widths=(3.0, 1.1, 1.6, 1.6),
        total_row=bool(rows),
        empty_text="Detainees made no requests in this period.",
    )
    # The chart shows the top requests the annual report names (004:396); the table has them all.
    top = [f for f in stats.requests_by_category if f.category in stats.top_categories]
    chart = ChartBlock(
        caption=f"The {number_word(len(top)).lower()} most frequent requests"
        if len(top) > 1
        else "The most frequent request",
        labels=tuple(f.category for f in top),
        values=tuple(f.count for f in top),
        value_label="Number of requests",
        category_label="Request",
    )
    intro = requests_sentence(stats) if rows else "Detainees made no requests in this period."
    return Section(
        "Requests and How They Were Handled",
        (
            Para(
                f"{intro} Volunteers report every request to the custody sergeant and note whether it was "
                "dealt with before they left."
            ),
            table,
            chart,
        ),
    )


def _serious(stats: IcvStats) -> Section:
    blocks: list[Block] = [Para(serious_sentence(stats))]
    if stats.serious_issues:
        blocks.append(
            Para(
                "The record of each of these visits, kept on the scheme's file, sets out what the visitors "
                "found and any actions the review raised (see the actions below)."
            )
        )
    return Section("Serious Issues", tuple(blocks))


def _volunteers(data: IcvAnnualData) -> Section:
    stats = data.stats
    blocks: list[Block] = [
        Para(
            f"{active_sentence(stats)} They gave {number(stats.volunteer_hours)} hours on visits in the "
            "period: the time from arrival to departure at each visit, for each visitor. Time spent at "
            "meetings and training is not included."
        ),
        TableBlock(
            caption="Training completed by volunteers in the period",
            columns=("Course", "Completed"),
            rows=tuple((t.label, f"{t.count:,}") for t in data.training),
            widths=(4, 1),
            empty_text="No training was recorded as completed in this period.",
        ),
        TableBlock(
            caption="Awards presented to volunteers in the period",
            columns=("Award", "Presented"),
            rows=tuple((a.label, f"{a.count:,}") for a in data.awards),
            widths=(4, 1),
            empty_text="No awards were recorded in this period.",
        ),
    ]
    return Section("The Volunteers", tuple(blocks))


def _actions(data: IcvAnnualData) -> Section:
    counts = Counter(a.status for a in data.actions)
    status_rows = [(lifecycle.label(s), f"{counts[s]:,}") for s in ActionStatus if counts[s]]
    if data.actions:
        status_rows.append(("All actions", f"{len(data.actions):,}"))
    still_open = sum(1 for a in data.actions if lifecycle.is_open(a.status))
    intro = (
        f"{plural(len(data.actions), 'action')} {'was' if len(data.actions) == 1 else 'were'} raised from "
        f"custody visits in the period. On {long_date(today())}, {counts[ActionStatus.COMPLETED]:,} had been "
        f"completed and {still_open:,} {'was' if still_open == 1 else 'were'} still open."
        if data.actions
        else "No actions were raised from custody visits in this period."
    )
    blocks: list[Block] = [Para(intro)]
    if data.actions:
        blocks.append(
            TableBlock(
                caption="Actions raised from custody visits by status",
                columns=("Status", "Actions"),
                rows=tuple(status_rows),
                widths=(4, 1),
                total_row=True,
            )
        )
        blocks.append(
            TableBlock(
                caption="Actions raised from custody visits",
                columns=("Reference", "Action and the visit that raised it", "Logged", "Status"),
                rows=tuple(
                    (a.reference, f"{a.title}\n{a.origin}", format_date(a.logged_on), a.status_label)
                    for a in data.actions
                ),
                widths=(28, 86, 22, 34),
                align=("L", "L", "L", "L"),
            )
        )
    if data.withheld_actions:
        blocks.append(
            Note(f"Not shown: {plural(data.withheld_actions, 'action')} withheld from publication.")
        )
    return Section("Actions Raised from Custody Visits", tuple(blocks))
