"""The "You said, we did" sheet: what residents raised in a period and what became of each issue.

Written for the public (website, newsletters; domain.md §5.7) and put before the Panel in the house
style. The rows come from :func:`pcc_desktop.services.you_said_we_did.you_said_we_did`, which already
keeps only publishable feedback and strips names and contact details; this module adds nothing
personal (no staff or owner names, no references).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import groupby

from sqlalchemy.orm import Session

from pcc_desktop.reports.document import (
    Block,
    ChartBlock,
    Note,
    PanelReport,
    Para,
    Section,
    TableBlock,
    long_date,
    plural,
)
from pcc_desktop.services.clock import today
from pcc_desktop.services.you_said_we_did import YouSaidWeDidScope, YswdRow, you_said_we_did

TITLE = "You Said, We Did"
NO_THEME = "No theme recorded"
SELF_EXPLAINED = ("Passed on", "Noted")
TOP_THEMES = 10  # the chart's bars; the rest are added up as "Other themes"
# How the statuses are listed: done first, then still in hand, then what needed no action.
STATUS_ORDER = (
    "Completed",
    "In progress",
    "Open",
    "Awaiting response",
    "Awaiting sign-off",
    "Reopened",
    "Deferred",
    "Passed on",
    "Noted",
)


def build(session: Session, date_from: date, date_to: date, author: str) -> PanelReport:
    """The sheet for engagements held from ``date_from`` to ``date_to`` (both included).

    Args:
        session: An open session.
        date_from: The first day of the period.
        date_to: The last day of the period.
        author: "Name, job title" for the metadata table.

    Returns:
        The report, ready for ``house_style.render``.
    """
    rows = you_said_we_did(session, YouSaidWeDidScope(date_from=date_from, date_to=date_to))
    return you_said_we_did_report(rows, date_from, date_to, author)


def you_said_we_did_report(rows: list[YswdRow], date_from: date, date_to: date, author: str) -> PanelReport:
    """The report for already gathered ``rows`` (split from :func:`build` for tests and previews)."""
    period = f"between {long_date(date_from)} and {long_date(date_to)}"
    return PanelReport(
        title=TITLE,
        report_date=today(),
        author=author,
        purpose=(
            Para(
                "The PCC listens to residents at community days and other engagements across LLR. This "
                f"sheet tells the public what they raised {period} and what has been done about each issue."
            ),
            Para(
                "It is written for publication on the OPCC website and in newsletters, so it holds no "
                "personal details: names and contact details are removed, and anything not cleared for "
                "publication is left out."
            ),
        ),
        request=Para(
            "The Commissioner asks the panel to examine this sheet before it is published. He would "
            "specifically like to ask the panel their opinion on the following questions:",
            (
                "Does the sheet give residents a clear account of what happened to the issues they raised?",
                "Would the panel like to make any recommendations to the PCC about how the office reports "
                "back to the public?",
            ),
        ),
        summary=(Para(_summary(rows, period)),),
        sections=(_overview(rows), _issues(rows)),
    )


def _status_counts(rows: list[YswdRow]) -> list[tuple[str, int]]:
    counts = Counter(row.status for row in rows)
    ordered = [s for s in STATUS_ORDER if s in counts]
    ordered += sorted(s for s in counts if s not in STATUS_ORDER)
    return [(status, counts[status]) for status in ordered]


def _summary(rows: list[YswdRow], period: str) -> str:
    if not rows:
        return f"No issues raised {period} are ready to publish."
    engagements = len({_engagement_key(row) for row in rows})
    parts = [f"{count:,} {status.lower()}" for status, count in _status_counts(rows)]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return (
        f"Residents raised {plural(len(rows), 'issue')} at {plural(engagements, 'engagement')} {period}. "
        f"Of these: {listed}."
    )


def _theme_counts(rows: list[YswdRow]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    counts: Counter[str] = Counter()
    for row in rows:
        themes = [t.strip() for t in row.themes.split(",") if t.strip()] or [NO_THEME]
        counts.update(themes)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    top, rest = ranked[:TOP_THEMES], ranked[TOP_THEMES:]
    if rest:
        top.append((f"{len(rest)} other themes", sum(count for _, count in rest)))
    return tuple(name for name, _ in top), tuple(count for _, count in top)


def _overview(rows: list[YswdRow]) -> Section:
    statuses = _status_counts(rows)
    table = TableBlock(
        caption="Issues raised and what became of them",
        columns=("What became of the issue", "Issues"),
        rows=(
            *((status, f"{count:,}") for status, count in statuses),
            *((("All issues", f"{len(rows):,}"),) if rows else ()),
        ),
        widths=(3, 1),
        total_row=bool(rows),
        empty_text="No issues were raised in this period.",
    )
    labels, values = _theme_counts(rows) if rows else ((), ())
    chart = ChartBlock(
        caption="Issues raised by theme",
        labels=labels,
        values=values,
        value_label="Number of issues raised",
        category_label="Theme",
    )
    explain = Para(
        "The table below shows what became of the issues raised: completed, still in hand, passed on to "
        "the Force or a partner, or noted. The chart shows the themes they touched on; an issue can touch "
        "on more than one theme."
    )
    return Section("What You Told Us", (explain, table, chart))


def _engagement_key(row: YswdRow) -> tuple[date, str, str]:
    return row.held_on, row.place, row.engagement_kind_label


def _point(row: YswdRow) -> str:
    said = row.you_said.strip().rstrip(".")
    did = "; ".join(line.strip() for line in row.we_did.splitlines() if line.strip()).rstrip(".")
    text = f"You said: {said}. We did: {did}."
    # The status is added where the words do not already say it ("In progress: …", "Passed to …").
    if row.status in SELF_EXPLAINED or did.lower().startswith(row.status.lower()):
        return text
    return f"{text} ({row.status})"


def _issues(rows: list[YswdRow]) -> Section:
    blocks: list[Block] = []
    for (held_on, place, kind), group in groupby(rows, key=_engagement_key):
        where = f" in {place}" if place else ""
        blocks.append(Para(f"{kind}{where} on {long_date(held_on)}:", tuple(_point(r) for r in group)))
    if not blocks:
        blocks.append(Note("No issues were raised in this period."))
    return Section("What We Did", tuple(blocks))
