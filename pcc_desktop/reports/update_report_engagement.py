"""Community engagement and actions in the Commissioner's Update Report (003:43-63, domain.md §5.2).

The figures come from ``services/engagement_statistics`` and ``services/action_statistics`` as they
are: the community-day list and the items for the Corporate Governance Board are the services'
publishable OFFICIAL lists, and what they held back is only counted. No names of residents, staff
or volunteers are printed; places, Neighbourhood Policing Areas and the reasons for a visit are
what the Panel asked to see (001:332, 001:353).
"""

from __future__ import annotations

from pcc_desktop.reports.document import Block, ChartBlock, Note, Para, Section, TableBlock, long_date, plural
from pcc_desktop.reports.update_report_words import (
    amount,
    between,
    counted,
    is_are,
    join_words,
    none_or,
    sentence_case,
    were,
)
from pcc_desktop.services.action_statistics import ActionStats
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.engagement_statistics import CommunityDayEntry, EngagementStats

ENGAGEMENT_HEADING = "Community consultation and engagement"
ACTIONS_HEADING = "Action tracking"
WITHHELD_WHY = "marked OFFICIAL-SENSITIVE or not for publication"
LISTED_THEMES = 4  # named in the sentence, as the seed names its four (003:57); more are left to the chart


def _duty() -> Para:
    return Para(
        "The Police Reform and Social Responsibility Act 2011 (PRSRA) places a statutory duty on the "
        "Police and Crime Commissioner to regularly engage and consult with the public. To that end the "
        "Commissioner holds dedicated 'Community Days', enabling him to listen to the views of local people."
    )


def _place(entry: CommunityDayEntry) -> str:
    """The place visited, with its area when that says more ("Market Place, Oakham")."""
    if entry.area and entry.area != entry.place:
        return f"{entry.place}, {entry.area}" if entry.place else entry.area
    return entry.place or "–"


def _coverage(stats: EngagementStats) -> str:
    if not stats.npas_total:
        return ""
    text = (
        f" They reached {stats.npas_visited:,} of the {stats.npas_total:,} Neighbourhood Policing Areas "
        "(NPAs)"
    )
    missed = stats.npas_not_visited
    if missed:
        return f"{text}; {join_words(missed)} {were(len(missed))} not visited."
    return text + "."


def _community_days(stats: EngagementStats) -> list[Block]:
    period = between(stats.date_from, stats.date_to)
    if not stats.community_days:
        return [Para(f"The Commissioner held no community days {period}.")]
    text = f"The Commissioner held {plural(stats.community_days, 'community day')} {period}."
    if stats.withheld:
        one = stats.withheld == 1
        text += (
            f" {stats.withheld:,} of them {'is' if one else 'are'} not listed below because "
            f"{'it is' if one else 'they are'} {WITHHELD_WHY}."
        )
    text += _coverage(stats)
    intro = Para(text + " The table below gives the date, place, area and reason for each visit.")
    table = TableBlock(
        caption="Community days: where the Commissioner went and why",
        columns=("Date", "Place", "Neighbourhood Policing Area", "Reason for the visit"),
        rows=tuple(
            (format_date(e.held_on), _place(e), e.npa or "–", e.reason or "–")
            for e in stats.community_day_list
        ),
        widths=(1.1, 2, 2, 3.2),
        align=("L", "L", "L", "L"),
        empty_text=f"None of the period's community days can be listed: all are {WITHHELD_WHY}.",
    )
    return [intro, table]


def _other_engagements(stats: EngagementStats) -> list[Block]:
    blocks: list[Block] = []
    if stats.other_engagements_total:
        blocks.append(
            Para(
                f"The Commissioner also attended {plural(stats.other_engagements_total, 'other engagement')} "
                "in the period, shown by type below."
            )
        )
        rows = [(row.label, f"{row.count:,}") for row in stats.other_engagements]
        rows.append(("All other engagements", f"{stats.other_engagements_total:,}"))
        blocks.append(
            TableBlock(
                "Other engagements by type",
                ("Type of engagement", "Held"),
                tuple(rows),
                (3, 1),
                total_row=True,
            )
        )
    else:
        blocks.append(Para("The Commissioner attended no other engagements in the period."))
    if stats.people_met:
        people = plural(stats.people_met, "person", "people")
        blocks.append(Para(f"Attendance recorded at the period's engagements totals {people}."))
    return blocks


def _tracking(stats: EngagementStats) -> Para:
    return Para(
        "As per the OPCC standard internal practices, engagement activity and follow-up actions are "
        "tracked, and all feedback, both positive and negative, is relayed to the appropriate people in "
        f"the Force or partner organisations. {counted(stats.actions_raised, 'action')} "
        f"{were(stats.actions_raised)} logged from the period's engagements and the feedback given at them."
    )


def _themes(stats: EngagementStats) -> list[Block]:
    if not stats.feedback_items:
        return [
            Para("No feedback was recorded at the period's engagements, so there are no themes to report.")
        ]
    items = plural(stats.feedback_items, "feedback item")
    recorded = f"{items} {were(stats.feedback_items)} recorded at the period's engagements"
    if not stats.themes_raised:
        return [Para(f"{recorded}; none was given a theme.")]
    names = [t.theme for t in stats.top_themes]
    chart = ChartBlock(
        caption="Themes raised at the Commissioner's engagements",
        labels=tuple(names),
        values=tuple(t.count for t in stats.top_themes),
        value_label="Number of feedback items",
        category_label="Theme",
    )
    text = f"{recorded}, raising {plural(stats.themes_raised, 'different theme')}."
    often = "how often each was raised (an item can raise more than one theme)"
    if len(names) < stats.themes_raised:
        text += f" The chart below shows the {len(names)} most raised and {often}."
    elif len(names) <= LISTED_THEMES:
        text += f" The themes raised were {join_words(names)}; the chart below shows {often}."
    else:
        text += f" The chart below shows {often}."
    return [Para(text), chart]


def _cgb(stats: EngagementStats) -> list[Block]:
    items, held = stats.items_for_cgb, stats.cgb_items_withheld
    blocks: list[Block] = []
    if items:
        blocks.append(
            Para(
                f"{sentence_case(plural(len(items), 'item'))} {were(len(items))} noted to raise at a future "
                "Corporate Governance Board (CGB) meeting to hold the Force to account:",
                tuple(items),
            )
        )
    else:
        blocks.append(Para("No items from the period's engagements were noted to raise at the CGB."))
    if held:
        blocks.append(Note(f"Not listed: {plural(held, 'further item')} for the CGB, {WITHHELD_WHY}."))
    return blocks


def engagement_section(stats: EngagementStats) -> Section:
    """Community days, other engagements, themes raised and items taken to the CGB."""
    blocks: list[Block] = [_duty(), *_community_days(stats), *_other_engagements(stats), _tracking(stats)]
    blocks += _themes(stats) + _cgb(stats)
    return Section(ENGAGEMENT_HEADING, tuple(blocks), level=2)


def _open_tables(stats: ActionStats) -> list[Block]:
    """Open actions by age band, then by origin: two short tables, each kept on one page."""
    on = format_date(stats.as_of)
    total = ("All open actions", f"{stats.open_at_end:,}")
    by_age = TableBlock(
        caption=f"Open actions on {on} by time since logged",
        columns=("Time since logged", "Open actions"),
        rows=(*((row.label, f"{row.count:,}") for row in stats.open_by_age), total),
        widths=(3, 1),
        total_row=True,
    )
    by_origin = TableBlock(
        caption=f"Open actions on {on} by what raised them",
        columns=("Raised by", "Open actions"),
        rows=(*((row.label, f"{row.count:,}") for row in stats.open_by_origin), total),
        widths=(3, 1),
        total_row=True,
    )
    return [by_age, by_origin]


def actions_section(stats: ActionStats) -> Section:
    """Actions logged and completed, still open at the end (by age band and origin) and overdue."""
    period = between(stats.date_from, stats.date_to)
    blocks: list[Block] = [
        Para(
            f"{sentence_case(period)} the OPCC logged {amount(stats.logged, 'action')} and completed "
            f"{none_or(stats.completed)}."
        )
    ]
    on = long_date(stats.as_of)
    if not stats.open_at_end:
        blocks.append(Para(f"On {on} no actions logged by the end of the period were still open."))
    else:
        blocks.append(
            Para(
                f"On {on}, {plural(stats.open_at_end, 'action')} logged by the end of the period "
                f"{were(stats.open_at_end)} still open, {stats.overdue:,} of them overdue by at least one "
                "working day. The tables below show how long they have been open and what raised them."
            )
        )
        blocks += _open_tables(stats)
    if stats.as_of < today():
        blocks.append(
            Note(
                "Open actions are counted from today's records: an action completed since "
                f"{on} is no longer counted as open."
            )
        )
    if stats.raisers_not_told:
        waiting = plural(stats.raisers_not_told, "completed action")
        blocks.append(
            Para(
                f"{waiting} {is_are(stats.raisers_not_told)} waiting for the person who raised "
                f"{'it' if stats.raisers_not_told == 1 else 'them'} to be told the outcome."
            )
        )
    return Section(ACTIONS_HEADING, tuple(blocks), level=2)
