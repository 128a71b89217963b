"""The Animal Welfare Scheme summary: the Dog Unit visits of a period, the dogs seen, the findings.

The scheme's story as the Annual Report tells it (001:1175-1181): launched on 1 April 2022, monthly
unannounced visits in pairs to the Leicestershire Police Dog Unit, checking how the dogs are housed,
trained and transported. The figures are the period's AWS statistics
(``services/aws_statistics.aws_statistics`` through ``services.statistics.compute``, the figures of
``pcc-desktop stats aws``) and the dogs not seen lately come from
``services/aws_history.dog_coverage``. Police dogs' names are printed; volunteers' names, handlers'
references and the notes of visit reports are not.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy.orm import Session

from pcc_desktop.models import AWS_LAUNCHED_ON
from pcc_desktop.reports.document import (
    Block,
    ChartBlock,
    PanelReport,
    Para,
    Section,
    TableBlock,
    long_date,
    plural,
)
from pcc_desktop.reports.update_report_schemes import (
    aws_pairs_sentence,
    aws_visits_sentence,
    dogs_sentence,
    findings_sentence,
    serious_sentence,
    since_launch_sentence,
    visits_each_month,
)
from pcc_desktop.reports.update_report_words import (
    active_on,
    amount,
    between,
    is_are,
    none_or,
    percent,
    sentence_case,
    were,
)
from pcc_desktop.services.aws_history import DogCoverage, DogCoverageRow, dog_coverage
from pcc_desktop.services.aws_statistics import AwsStats, aws_statistics_rows
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.statistics import compute

TITLE = "Animal Welfare Scheme Summary"
MONTHLY_BARS = 24  # more months than this are charted by financial year, so the chart fits a page


def build(session: Session, date_from: date, date_to: date, author: str) -> PanelReport:
    """The summary for ``date_from`` to ``date_to`` (both included).

    Args:
        session: An open session.
        date_from: The first day of the period.
        date_to: The last day of the period.
        author: "Name, job title" for the metadata table.

    Returns:
        The report, ready for ``house_style.render``.

    Raises:
        ValidationError: The period ends before it starts.
    """
    stats = compute(session, "aws", date_from, date_to)
    coverage = dog_coverage(session, min(date_to, today()))
    return aws_summary_report(stats, coverage, author)


def aws_summary_report(stats: AwsStats, coverage: DogCoverage, author: str) -> PanelReport:
    """The report for already gathered figures (split from :func:`build` for tests and previews)."""
    period = between(stats.date_from, stats.date_to)
    return PanelReport(
        title=TITLE,
        report_date=today(),
        author=author,
        purpose=(
            Para(
                "The Police and Crime Commissioner (PCC) is responsible for the Animal Welfare Scheme (AWS), "
                "in which volunteers visit the Leicestershire Police Dog Unit to check on the welfare of the "
                "Force's police dogs."
            ),
            Para(f"This report summarises the scheme's visits, the dogs seen and what was found {period}."),
        ),
        request=Para("The Panel is asked to note this report."),
        summary=(_summary(stats, coverage),),
        sections=(
            _about(stats),
            _visits(stats, coverage.as_of),
            _dogs(stats, coverage),
            _findings(stats),
            _figures(stats),
        ),
    )


def _summary(stats: AwsStats, coverage: DogCoverage) -> Para:
    achieved = f", {percent(stats.pct_achieved)} of those scheduled" if stats.pct_achieved is not None else ""
    monthly = visits_each_month(stats, coverage.as_of)
    each = f" ({monthly} each month)" if monthly else ""
    points = (
        f"the volunteers made {amount(stats.visits, 'visit')} to the Dog Unit{achieved}{each}, and "
        f"{amount(stats.visits_since_launch, 'visit')} since the launch;",
        f"they saw {amount(stats.dogs_seen, 'dog')}; {_unseen_point(coverage)};",
        f"{amount(stats.findings, 'finding')} {were(stats.findings)} raised with the Dog Unit"
        + (f" and {none_or(stats.findings_closed)} closed;" if stats.findings else ";"),
        _serious_point(stats.serious_issues),
    )
    return Para(f"The headline figures for the period {between(stats.date_from, stats.date_to)} are:", points)


def _unseen_point(coverage: DogCoverage) -> str:
    dogs, unseen = len(coverage.rows), coverage.not_seen_count
    on, months = long_date(coverage.as_of), plural(coverage.months, "month")
    if not dogs:
        return f"no police dogs were in service on {on}"
    if not unseen:
        return f"on {on} all {plural(dogs, 'dog')} in service had been seen in the last {months}"
    if unseen == dogs:
        return f"on {on} none of the {plural(dogs, 'dog')} in service had been seen in the last {months}"
    return (
        f"on {on}, {unseen:,} of the {plural(dogs, 'dog')} in service had not been seen in the last {months}"
    )


def _serious_point(count: int) -> str:
    if not count:
        return "no serious issues were observed."
    if count == 1:
        return "a serious issue was reported on 1 visit."
    return f"serious issues were reported on {plural(count, 'visit')}."


def _about(stats: AwsStats) -> Section:
    active = active_on(stats.active_visitors, "AWS visitor", stats.date_to, today())
    return Section(
        "About the Scheme",
        (
            Para(
                f"The Commissioner launched the AWS on {long_date(AWS_LAUNCHED_ON)}. Once a month, AWS "
                "visitors make an unannounced visit in pairs to the Leicestershire Police Dog Unit. They "
                "check the conditions in which the dogs are housed, trained and transported, observe dog "
                "training, and report on every visit, noting each dog's welfare."
            ),
            Para(f"{active}. The standard is {plural(stats.visits_per_month, 'visit')} a month."),
        ),
    )


def _chart(stats: AwsStats) -> ChartBlock:
    """Visits by month, or by financial year when there are too many months for one chart."""
    if len(stats.visits_by_month) <= MONTHLY_BARS:
        labels = tuple(f"{month:%b %Y}" for month, _ in stats.visits_by_month)
        values = tuple(count for _, count in stats.visits_by_month)
        return ChartBlock("Visits to the Dog Unit by month", labels, values, "Number of visits", "Month")
    years: Counter[str] = Counter()
    for month, count in stats.visits_by_month:
        start = month.year if month.month >= 4 else month.year - 1
        years[f"{start}/{(start + 1) % 100:02d}"] += count
    return ChartBlock(
        "Visits to the Dog Unit by financial year",
        tuple(years),
        tuple(years.values()),
        "Number of visits",
        "Financial year",
    )


def _visits(stats: AwsStats, as_of: date) -> Section:
    blocks: list[Block] = [Para(f"{aws_visits_sentence(stats, as_of)} {aws_pairs_sentence(stats)}")]
    if stats.standard_expected:
        blocks.append(
            Para(
                f"At {plural(stats.visits_per_month, 'visit')} a month, the standard for the "
                f"{plural(len(stats.months), 'month')} of the period is "
                f"{plural(stats.standard_expected, 'visit')}; the visits made are "
                f"{percent(stats.pct_of_standard)} of the standard."
            )
        )
    blocks.append(Para(since_launch_sentence(stats)))
    if stats.months:
        blocks.append(_chart(stats))
    return Section("Visits to the Dog Unit", tuple(blocks))


def _dog_row(row: DogCoverageRow) -> tuple[str, ...]:
    name = f"{row.name} ({row.collar_number})" if row.collar_number else row.name
    since = "–" if row.months_since is None else f"{row.months_since:,}"
    return (name, row.role_label, format_date(row.last_seen) or "Never", since, f"{row.concerns:,}")


def _coverage_table(coverage: DogCoverage) -> TableBlock:
    unseen = [r for r in coverage.rows if r.not_seen]
    seen = [r for r in coverage.rows if not r.not_seen]
    rows: list[tuple[str, ...]] = []
    groups = set()
    for label, group in (("Not seen", unseen), ("Seen", seen)):
        if group:
            groups.add(len(rows))
            rows.append((f"{label} in the last {plural(coverage.months, 'month')} ({len(group):,})",))
            rows += [_dog_row(r) for r in group]
    return TableBlock(
        caption=f"Police dogs in service on {format_date(coverage.as_of)} and when they were last seen",
        columns=("Dog", "Role", "Last seen", "Months since", "Concerns in 12 months"),
        rows=tuple(rows),
        widths=(2.4, 1.8, 1.2, 1, 1.2),
        align=("L", "L", "L", "R", "R"),
        group_rows=frozenset(groups),
        empty_text="No police dogs were in service.",
    )


def _coverage_sentence(coverage: DogCoverage) -> str:
    """How many dogs were in service on the day, and how many the visitors had not seen lately."""
    on, months = long_date(coverage.as_of), plural(coverage.months, "month")
    dogs, unseen = len(coverage.rows), coverage.not_seen_count
    in_service = f"On {on}, {plural(dogs, 'dog')} {were(dogs)} in service."
    if not unseen:
        return f"{in_service} All of them had been seen by the visitors in the last {months}."
    if unseen == dogs:
        return f"{in_service} None of them had been seen by the visitors in the last {months}."
    return (
        f"{in_service} {sentence_case(plural(unseen, 'dog'))} {'has' if unseen == 1 else 'have'} not been "
        f"seen by the visitors in the last {months} (since {long_date(coverage.cutoff)}), and "
        f"{is_are(unseen)} listed first below."
    )


def _dogs(stats: AwsStats, coverage: DogCoverage) -> Section:
    blocks: list[Block] = [Para(dogs_sentence(stats))]
    if not coverage.rows:
        blocks.append(Para(f"No police dogs were in service on {long_date(coverage.as_of)}."))
        return Section("Dogs Seen", tuple(blocks))
    blocks.append(Para(_coverage_sentence(coverage)))
    blocks.append(_coverage_table(coverage))
    return Section("Dogs Seen", tuple(blocks))


def _findings(stats: AwsStats) -> Section:
    return Section(
        "Findings and Serious Issues",
        (Para(findings_sentence(stats)), Para(serious_sentence(stats.serious_issues))),
    )


def _figures(stats: AwsStats) -> Section:
    table = TableBlock(
        caption="The scheme's figures for the period",
        columns=("Figure", "Value"),
        rows=tuple(aws_statistics_rows(stats)),
        widths=(3, 2),
        align=("L", "R"),
    )
    intro = Para(
        "The table below gives the scheme's figures for the period as the AWS statistics in PCC Desktop show "
        "them."
    )
    return Section("Figures for the Period", (intro, table))
