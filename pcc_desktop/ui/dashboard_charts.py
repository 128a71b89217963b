"""The dashboard's charts: what each one shows and how it is drawn.

Each chart is built from the figures of ``services.dashboard`` into a :class:`ChartData`: the bars
(groups along the axis, one series per colour), the rows of the table that is its text alternative
(the same numbers), a sentence saying what it shows, words for when there is nothing to show, and
the list that activating a bar or a row opens. ``dashboard_tiles.draw_chart`` draws one and
``dashboard_page.ChartCard`` shows it beside its table.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pcc_desktop.models import AWS_LAUNCHED_ON
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.coverage import NpaCoverage, PeriodCount
from pcc_desktop.services.dashboard import BarCount, DashboardFigures, SuiteMonth, by_age_band, by_origin
from pcc_desktop.ui.table_models import RIGHT, Column

INK, MUTED, ACCENT, WARNING = "#1f2933", "#52606d", "#2b6cb0", "#a4262c"
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00")  # Okabe–Ito, colour-blind safe
ALL_OPEN, OVERDUE = "All open actions", "Overdue"
Target = tuple[str, Any]


@dataclass(frozen=True)
class Series:
    """One set of bars: a value for every group, one colour (or one per bar) and optional bar texts."""

    key: str
    name: str
    colour: str
    values: tuple[int, ...]
    colours: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChartData:
    """Everything one chart shows, and what activating a bar or a table row opens.

    Attributes:
        groups: The labels along the category axis (months, age bands, NPAs…).
        series: The bars; each has a value per group.
        rows / columns: The table that is the chart's text alternative (the same numbers).
        row_of: (group, series) → the table row with that bar's number (None: none).
        target_of: (table row or -1 for the whole chart, series or column key) → ``(target,
            argument)`` for ``open_list``.
        summary: A sentence saying what the chart shows.
        empty: Words shown instead of the chart when there is nothing to draw ("" otherwise).
        line / line_label: A dashed reference line (a target or a standard), if any.
        horizontal: Bars run left to right, first group at the top (long names, e.g. NPAs).
        value_axis: The value axis's title.
        legend: The key's coloured boxes, (colour, words); the reference line is added to it.
    """

    groups: list[str]
    series: list[Series]
    rows: list[Any]
    columns: list[Column[Any]]
    row_of: Callable[[int, int], int | None]
    target_of: Callable[[int, str], Target]
    summary: str
    empty: str = ""
    line: float | None = None
    line_label: str = ""
    horizontal: bool = False
    value_axis: str = ""
    legend: tuple[tuple[str, str], ...] = ()


def month_period(month: date, date_from: date, date_to: date) -> tuple[date, date]:
    """A month cut to the period: (first day, last day)."""
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return max(month, date_from), min(following - timedelta(days=1), date_to)


def month_labels(months: list[date]) -> list[str]:
    """``Apr`` over ``2025``, then ``May``…: the year under the first month and under each January."""
    return [f"{m:%b}\n{m:%Y}" if i == 0 or m.month == 1 else f"{m:%b}" for i, m in enumerate(months)]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _year_label(start: date) -> str:
    """``2025/26`` for a coverage year from April 2025, ``2025`` for one from January."""
    return str(start.year) if start.month == 1 else f"{start.year}/{(start.year + 1) % 100:02d}"


def _keys(series: list[Series]) -> tuple[tuple[str, str], ...]:
    return tuple((s.colour, s.name) for s in series)


def _same_row(group: int, _series: int) -> int:
    return group


# --- the six charts --------------------------------------------------------------------------------


def community_days_chart(figures: DashboardFigures, label: str) -> ChartData:
    """Community days held each month of the period (``engagement_statistics``)."""
    months = list(figures.engagement.community_days_by_month)
    total = figures.engagement.community_days
    summary = f"{_plural(total, 'community day')} held in {label}."
    most = max((m.count for m in months), default=0)
    busiest = [m.label for m in months if m.count == most]
    if total and len(busiest) <= 3:
        summary = summary[:-1] + f"; the most in {' and '.join(busiest)} ({most})."

    def target(row: int, _key: str) -> Target:
        first, last = (figures.date_from, figures.date_to)
        if row >= 0:
            first, last = month_period(months[row].starts_on, first, last)
        return "engagements", {"date_from": first, "date_to": last}

    columns: list[Column[PeriodCount]] = [
        Column("month", "Month", lambda m: m.label),
        Column("count", "Community days", lambda m: m.count, align=RIGHT),
    ]
    values = tuple(m.count for m in months)
    return ChartData(
        groups=month_labels([m.starts_on for m in months]),
        series=[Series("count", "Community days", ACCENT, values)],
        rows=months,
        columns=columns,
        row_of=_same_row,
        target_of=target,
        summary=summary,
        empty="" if total else f"No community days were held in {label}.",
        value_axis="Community days held",
    )


def _met_text(row: NpaCoverage) -> str:
    return "Yes" if row.met else f"No — {row.shortfall} short"


def npa_chart(figures: DashboardFigures, _label: str) -> ChartData:
    """Each NPA's counted visits against the effective target (``npa_coverage``), short ones first."""
    report = figures.coverage
    rows = sorted(report.rows, key=lambda r: (r.met, -r.shortfall, r.npa_name.lower()))
    year = _year_label(report.year_from)
    short = len(report.short)
    summary = (
        f"Coverage year {year}: {len(rows) - short} of {_plural(len(rows), 'NPA')} have met the target of "
        f"{_plural(report.effective_target, 'visit')}" + (f"; {short} short (red)." if short else ".")
    )
    columns: list[Column[NpaCoverage]] = [
        Column("npa", "NPA", lambda r: r.npa_name),
        Column("visits", "Visits", lambda r: r.visits, align=RIGHT),
        Column("target", "Target", lambda r: r.effective_target, align=RIGHT),
        Column("shortfall", "Shortfall", lambda r: r.shortfall, align=RIGHT),
        Column("met", "Met", _met_text),
    ]
    visits = Series(
        "visits",
        "Counted visits",
        ACCENT,
        tuple(r.visits for r in rows),
        colours=tuple(ACCENT if r.met else WARNING for r in rows),
        texts=tuple(f"{r.visits} ({r.shortfall} short)" if not r.met else str(r.visits) for r in rows),
    )
    return ChartData(
        groups=[r.npa_name for r in rows],
        series=[visits],
        rows=rows,
        columns=columns,
        row_of=_same_row,
        target_of=lambda _row, _key: ("coverage", report.year_from),
        summary=summary,
        empty="" if rows else "There are no NPAs yet. Add them in Admin → Areas (kind “NPA”).",
        line=report.effective_target,
        line_label=f"Target: {_plural(report.effective_target, 'visit')}",
        legend=((ACCENT, "Met the target"), (WARNING, "Short of the target")),
        horizontal=True,
        value_axis="Counted community days",
    )


def _action_columns(first: str) -> list[Column[BarCount]]:
    return [
        Column("label", first, lambda r: r.label),
        Column("open", "Open", lambda r: r.open, align=RIGHT),
        Column("overdue", "Overdue", lambda r: r.overdue, align=RIGHT),
    ]


def _action_series(rows: list[BarCount]) -> list[Series]:
    return [
        Series("open", "Open", ACCENT, tuple(r.open for r in rows)),
        Series("overdue", "Overdue (of those open)", WARNING, tuple(r.overdue for r in rows)),
    ]


def actions_by_age_chart(figures: DashboardFigures, _label: str) -> ChartData:
    """Open and overdue actions by days since logged (the age bands of ``action_statistics``)."""
    rows = list(by_age_band(figures.action_cells))
    stats = figures.actions
    summary = (
        f"{_plural(stats.open_at_end, 'open action')} on {format_date(stats.as_of)}, "
        f"{stats.overdue} of them overdue; {rows[-1].open} open for {rows[-1].label.lower()}."
    )
    return ChartData(
        groups=[r.label for r in rows],
        series=_action_series(rows),
        rows=rows,
        columns=_action_columns("Age"),
        row_of=_same_row,
        target_of=lambda _row, key: ("actions", OVERDUE if key == "overdue" else ALL_OPEN),
        summary=summary,
        empty="" if stats.open_at_end else "No actions were open at the end of the period.",
        value_axis="Actions",
        legend=_keys(_action_series(rows)),
    )


def actions_by_origin_chart(figures: DashboardFigures, _label: str) -> ChartData:
    """Open and overdue actions by what raised them; a bar opens the list of that origin."""
    rows = list(by_origin(figures.action_cells))
    summary = "Nothing was open."
    if rows:
        top = max(rows, key=lambda r: r.open)
        summary = f"Most open actions came from: {top.label.lower()} ({top.open}, {top.overdue} overdue)."

    def target(row: int, key: str) -> Target:
        kind = rows[row].origin_kind if row >= 0 else None
        if kind is None:
            return "actions", OVERDUE if key == "overdue" else ALL_OPEN
        if key == "overdue":
            return "actions", {"origin_kind": kind.value, "overdue_only": True}
        return "actions", {
            "statuses": [s.value for s in lifecycle.open_statuses()],
            "origin_kind": kind.value,
        }

    return ChartData(
        groups=[textwrap.fill(r.label, 15) for r in rows],
        series=_action_series(rows),
        rows=rows,
        columns=_action_columns("Origin"),
        row_of=_same_row,
        target_of=target,
        summary=summary,
        empty="" if rows else "No actions were open at the end of the period.",
        value_axis="Actions",
        legend=_keys(_action_series(rows)),
    )


def _custody_summary(figures: DashboardFigures, label: str) -> str:
    icv = figures.icv
    if icv.achievement_basis == "rota":
        return (
            f"{icv.completed} of {_plural(icv.scheduled, 'scheduled custody visit')} achieved in {label} "
            f"({_pct(icv.achieved_pct)})."
        )
    return (
        f"{icv.visits_completed} custody visits in {label} against {icv.scheduled} expected by the standard."
    )


@dataclass(frozen=True)
class CustodyMonth:
    """One month of the custody table: each suite's figures (by suite id) and what they are against."""

    month: date
    suites: dict[Any, SuiteMonth]
    basis: str


def _achieved_text(cell: SuiteMonth | None) -> str:
    """``4 of 5 (80.0%)``; a suite not open that month is "–"."""
    return "–" if cell is None else f"{cell.achieved} of {cell.expected} ({_pct(cell.achieved_pct)})"


def _custody_columns(suites: list[tuple[str, Any]]) -> list[Column[CustodyMonth]]:
    columns: list[Column[CustodyMonth]] = [
        Column("month", "Month", lambda r: r.month, display=lambda r: f"{r.month:%b %Y}")
    ]
    for name, sid in suites:
        columns.append(Column(str(sid), name, lambda r, s=sid: _achieved_text(r.suites.get(s)), align=RIGHT))
    columns.append(Column("basis", "Against", lambda r: "the rota" if r.basis == "rota" else "the standard"))
    return columns


def custody_chart(figures: DashboardFigures, label: str) -> ChartData:
    """Custody visits achieved per suite (one colour each) and month, with the ICV rules per month."""
    cells = figures.custody_months
    suites = sorted({(c.suite, c.suite_id) for c in cells}, key=lambda s: s[0].lower())
    rows: list[CustodyMonth] = []
    for cell in cells:
        if not rows or rows[-1].month != cell.month:
            rows.append(CustodyMonth(cell.month, {}, cell.basis))
        rows[-1].suites[cell.suite_id] = cell
    series = [
        Series(str(sid), name, PALETTE[i % len(PALETTE)],
               tuple(r.suites[sid].achieved if sid in r.suites else 0 for r in rows))
        for i, (name, sid) in enumerate(suites)
    ]  # fmt: skip

    def target(row: int, _key: str) -> Target:
        period = (figures.date_from, figures.date_to)
        return "icv_statistics", month_period(rows[row].month, *period) if row >= 0 else period

    empty = "There are no custody suites yet." if not suites else ""
    if not empty and not any(c.achieved for c in cells):
        empty = f"No custody visits were achieved in {label}."
    return ChartData(
        groups=month_labels([r.month for r in rows]),
        series=series,
        rows=rows,
        columns=_custody_columns(suites),
        row_of=_same_row,
        target_of=target,
        summary=_custody_summary(figures, label),
        empty=empty,
        value_axis="Visits achieved",
        legend=_keys(series),
    )


def aws_chart(figures: DashboardFigures, label: str) -> ChartData:
    """Dog Unit visits made each month (``aws_statistics``), with a line at the monthly standard."""
    aws = figures.aws
    rows = list(aws.visits_by_month)
    summary = (
        f"{_plural(aws.visits, 'Dog Unit visit')} made in {label}; {aws.visits_since_launch} since the "
        f"launch on {format_date(AWS_LAUNCHED_ON)}. The standard is {aws.visits_per_month} a month."
    )

    def target(row: int, _key: str) -> Target:
        period = (figures.date_from, figures.date_to)
        return "aws_statistics", month_period(rows[row][0], *period) if row >= 0 else period

    columns: list[Column[tuple[date, int]]] = [
        Column("month", "Month", lambda r: r[0], display=lambda r: f"{r[0]:%b %Y}"),
        Column("visits", "Visits made", lambda r: r[1], align=RIGHT),
    ]
    empty = ""
    if not rows:
        empty = "The Animal Welfare Scheme had not started in this period."
    elif not aws.visits:
        empty = f"No Dog Unit visits were made in {label}."
    return ChartData(
        groups=month_labels([m for m, _ in rows]),
        series=[Series("visits", "Visits made", ACCENT, tuple(n for _, n in rows))],
        rows=rows,
        columns=columns,
        row_of=_same_row,
        target_of=target,
        summary=summary,
        empty=empty,
        line=aws.visits_per_month,
        line_label=f"Standard: {_plural(aws.visits_per_month, 'visit')} a month",
        legend=((ACCENT, "Visits made"),),
        value_axis="Visits made",
    )


@dataclass(frozen=True)
class ChartSpec:
    """One chart of the dashboard: its key, title, accessible description and builder."""

    key: str
    title: str
    description: str
    build: Callable[[DashboardFigures, str], ChartData]


_TABLE = " Its table gives the same figures."
CHARTS = (
    ChartSpec(
        "community_days",
        "Community days per month",
        "Bar chart of the community days held each month of the period." + _TABLE,
        community_days_chart,
    ),
    ChartSpec(
        "npa_coverage",
        "NPA coverage: visits against target",
        "Horizontal bar chart of each NPA's counted community days in the coverage year, short ones in red, "
        "with a dashed line at the target." + _TABLE,
        npa_chart,
    ),
    ChartSpec(
        "actions_by_age",
        "Open and overdue actions by age",
        "Bar chart of open actions and the overdue ones among them, by days since logged." + _TABLE,
        actions_by_age_chart,
    ),
    ChartSpec(
        "actions_by_origin",
        "Open and overdue actions by origin",
        "Bar chart of open actions and the overdue ones among them, by what raised them." + _TABLE,
        actions_by_origin_chart,
    ),
    ChartSpec(
        "custody_visits",
        "Custody visits achieved per suite and month",
        "Bar chart of custody visits achieved each month, one colour per suite." + _TABLE,
        custody_chart,
    ),
    ChartSpec(
        "aws_visits",
        "Animal welfare visits by month",
        "Bar chart of the Dog Unit visits made each month, with a dashed line at the monthly standard."
        + _TABLE,
        aws_chart,
    ),
)
