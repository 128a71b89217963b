"""The action log for the Police and Crime Panel: what the office is still following up, and for how long.

Outstanding actions (still being worked) logged on or before the period's end, grouped by what raised
them and then by owner, with each one's age and working days overdue (domain.md §5.7 "Action log";
the Panel asked to see follow-ups on actions arising, 001:386). Actions that are not publishable or
are OFFICIAL-SENSITIVE are left out and counted. The figures come from
:func:`pcc_desktop.services.report_data.outstanding_actions`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy.orm import Session

from pcc_desktop.models import OriginKind
from pcc_desktop.reports.document import (
    ChartBlock,
    Note,
    PanelReport,
    Para,
    Section,
    TableBlock,
    long_date,
    plural,
)
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.report_data import (
    ORIGIN_LABELS,
    ORIGIN_ORDER,
    OutstandingAction,
    OutstandingActions,
    outstanding_actions,
)

TITLE = "Action Log: Outstanding Actions"
# The logged date is left out: the age says the same, and the action's text needs the width.
DETAIL_COLUMNS = (
    "Reference",
    "Action and what raised it",
    "Age (days)",
    "Due",
    "Days overdue",
    "Status",
)


def build(session: Session, date_from: date, date_to: date, author: str) -> PanelReport:
    """The action log for actions logged up to ``date_to`` (``date_from`` marks the "new" ones).

    Args:
        session: An open session.
        date_from: The first day of the reporting period.
        date_to: The last day; later actions are left out.
        author: "Name, job title" for the metadata table.

    Returns:
        The report, ready for ``house_style.render``.
    """
    data = outstanding_actions(session, date_to)
    return action_log_report(data, date_from, author)


def action_log_report(data: OutstandingActions, date_from: date, author: str) -> PanelReport:
    """The report for already gathered ``data`` (split from :func:`build` for tests and previews)."""
    return PanelReport(
        title=TITLE,
        report_date=today(),
        author=author,
        purpose=(
            Para(
                "This report sets out the actions the OPCC is still following up: what raised each one, "
                "who owns it, how long it has been open and how far any are past their due date."
            ),
            Para(
                f"It covers actions logged on or before {long_date(data.logged_to)} that were still being "
                f"worked on {long_date(data.as_at)}. Ages are counted in calendar days from the day an "
                "action was logged; days overdue are working days past the due date, leaving out weekends "
                "and bank holidays."
            ),
        ),
        request=Para(
            "In their role to scrutinise the actions and decisions of the PCC, the Commissioner requests "
            "that the panel examines the contents of this report. He would specifically like to ask the "
            "panel their opinion on the following questions:",
            (
                "Is the Panel content with the progress the OPCC is making in closing the actions it has "
                "logged?",
                "Would the panel like to make any recommendations to the PCC in relation to any of the "
                "actions outlined within the report?",
            ),
        ),
        summary=_summary(data, date_from),
        sections=(_overview(data), *_by_origin(data)),
    )


def _summary(data: OutstandingActions, date_from: date) -> tuple[Para, ...]:
    actions = data.actions
    overdue = sum(1 for a in actions if a.days_overdue > 0)
    if actions:
        new = sum(1 for a in actions if date_from <= a.logged_on <= data.logged_to)
        oldest = max(a.age_days for a in actions)
        first = (
            f"On {long_date(data.as_at)} there were {plural(len(actions), 'outstanding action')}, "
            f"{overdue:,} of them overdue by at least one working day. {new:,} of them were logged between "
            f"{long_date(date_from)} and {long_date(data.logged_to)}; the oldest has been open for "
            f"{plural(oldest, 'day')}."
        )
    else:
        first = f"On {long_date(data.as_at)} there were no outstanding actions to report."
    paras = [Para(first)]
    held_back = []
    if data.withheld:
        held_back.append(
            f"{plural(data.withheld, 'further outstanding action')} "
            f"{'is' if data.withheld == 1 else 'are'} withheld from this report because "
            f"{'it is' if data.withheld == 1 else 'they are'} marked OFFICIAL-SENSITIVE or not for "
            "publication; the figures above and below leave them out."
        )
    if data.deferred:
        held_back.append(
            f"{plural(data.deferred, 'action')} {'has' if data.deferred == 1 else 'have'} been deferred "
            f"and {'is' if data.deferred == 1 else 'are'} not counted as outstanding."
        )
    if held_back:
        paras.append(Para(" ".join(held_back)))
    return tuple(paras)


def _groups(actions: tuple[OutstandingAction, ...]) -> dict[OriginKind, dict[str, list[OutstandingAction]]]:
    """Origin → owner → actions, in the order the data gives them (origin order, owner, oldest first)."""
    grouped: dict[OriginKind, dict[str, list[OutstandingAction]]] = defaultdict(lambda: defaultdict(list))
    for action in actions:
        grouped[action.origin_kind][action.owner_name].append(action)
    return {kind: dict(grouped[kind]) for kind in ORIGIN_ORDER if kind in grouped}


def _count_row(label: str, actions: list[OutstandingAction]) -> tuple[str, ...]:
    overdue = sum(1 for a in actions if a.days_overdue > 0)
    return (label, f"{len(actions):,}", f"{overdue:,}", f"{max(a.age_days for a in actions):,}")


def _overview(data: OutstandingActions) -> Section:
    groups = _groups(data.actions)
    rows: list[tuple[str, ...]] = []
    group_rows = set()
    for kind, owners in groups.items():
        group_rows.add(len(rows))
        rows.append((ORIGIN_LABELS[kind],))
        rows += [_count_row(owner, actions) for owner, actions in owners.items()]
    if data.actions:
        rows.append(_count_row("All outstanding actions", list(data.actions)))
    counts = TableBlock(
        caption="Outstanding actions by origin and owner",
        columns=("Owner", "Outstanding", "Overdue", "Oldest (days)"),
        rows=tuple(rows),
        widths=(3.2, 1.1, 1.1, 1.1),
        group_rows=frozenset(group_rows),
        total_row=bool(data.actions),
        empty_text="There are no outstanding actions to count.",
    )
    chart = ChartBlock(
        caption="Outstanding actions by origin",
        labels=tuple(ORIGIN_LABELS[kind] for kind in groups),
        values=tuple(sum(len(a) for a in owners.values()) for owners in groups.values()),
        value_label="Number of outstanding actions",
        category_label="Raised by",
    )
    blocks: list[Para | Note | TableBlock | ChartBlock] = [
        Para(
            "The table below counts the outstanding actions by what raised them and by the member of "
            "OPCC staff who owns each one, with how many are overdue and the age of the oldest. The chart "
            "that follows shows the totals by origin."
        ),
        counts,
    ]
    if data.withheld:
        blocks.append(Note(f"Not shown: {plural(data.withheld, 'action')} withheld from publication."))
    blocks.append(chart)
    return Section("Outstanding Actions at a Glance", tuple(blocks))


def _detail_row(action: OutstandingAction) -> tuple[str, ...]:
    what = action.title if action.origin_kind == OriginKind.STANDALONE else f"{action.title}\n{action.origin}"
    return (
        action.reference,
        what,
        f"{action.age_days:,}",
        format_date(action.due_on) or "–",
        f"{action.days_overdue:,}" if action.days_overdue else "–",
        action.status_label,
    )


def _by_origin(data: OutstandingActions) -> list[Section]:
    sections = []
    for index, (kind, owners) in enumerate(_groups(data.actions).items()):
        actions = [a for group in owners.values() for a in group]
        overdue = sum(1 for a in actions if a.days_overdue > 0)
        rows: list[tuple[str, ...]] = []
        group_rows = set()
        for owner, owned in owners.items():
            group_rows.add(len(rows))
            rows.append((f"{owner} ({len(owned):,})",))
            rows += [_detail_row(a) for a in owned]
        intro = Para(
            f"{ORIGIN_LABELS[kind]}: {plural(len(actions), 'outstanding action')}, {overdue:,} of them "
            "overdue. They are listed by owner, the oldest first."
        )
        table = TableBlock(
            caption=f"Outstanding actions – {ORIGIN_LABELS[kind]}",
            columns=DETAIL_COLUMNS,
            rows=tuple(rows),
            widths=(28, 66, 14.5, 21.5, 18, 22),  # millimetres of the 170 mm text width
            align=("L", "L", "R", "L", "R", "L"),
            group_rows=frozenset(group_rows),
        )
        heading = Section("Outstanding Actions by Origin") if index == 0 else None
        sub = Section(ORIGIN_LABELS[kind], (intro, table), level=2)
        sections += [s for s in (heading, sub) if s is not None]
    return sections
