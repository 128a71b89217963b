"""The sentences and figures formatting of the ICV annual report (split from ``icv_annual``).

Every figure comes from :class:`~pcc_desktop.services.icv_statistics.IcvStats`. The one worked out
here is the share of those offered a visit who were seen (the service gives the two counts, not the
share), by the service's own rounding rule.
"""

from __future__ import annotations

from pcc_desktop.reports.document import long_date, plural
from pcc_desktop.services.icv_statistics import BASIS_ROTA, IcvStats


def percent(value: float | None) -> str:
    """``100%``, ``41.1%``; ``–`` when there is nothing to measure (the service gives None)."""
    if value is None:
        return "–"
    # Whole and none are printed as the Panel papers print them ("100%"); anything else to 1 place.
    return f"{value:.0f}%" if value in (0, 100) else f"{value:.1f}%"


def number(value: float) -> str:
    """``1,077``; ``157.5``; ``468`` (no ``.0`` on a whole number)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def listed(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def achievement(stats: IcvStats) -> str:
    """How many scheduled visits were made and the share achieved, on the basis the service used."""
    if stats.achieved_pct is None:
        return "No visits were scheduled, so no share of scheduled visits achieved can be given."
    if stats.achievement_basis == BASIS_ROTA:
        missed = "no missed visits" if not stats.missed else plural(stats.missed, "missed visit")
        return (
            f"{stats.completed:,} of the {stats.scheduled:,} scheduled visits were made "
            f"({percent(stats.achieved_pct)} of scheduled visits achieved), with {missed}."
        )
    return (
        "No rota was recorded for the period, so the visits are measured against the standard: "
        f"{stats.completed:,} of the {stats.scheduled:,} visits the standard expects were made "
        f"({percent(stats.achieved_pct)})."
    )


def active_sentence(stats: IcvStats) -> str:
    """How many volunteers were active at the end of the period."""
    volunteers = plural(stats.active_volunteers, "active volunteer")
    return f"At {long_date(stats.date_to)} the scheme had {volunteers}."


def detainee_sentence(stats: IcvStats) -> str:
    """People in custody, offered a visit, seen (with the share of those offered) and declined."""
    if not stats.offered:
        return "No detainees were offered a visit in the period."
    seen_share = percent(share(stats.seen, stats.offered))
    return (
        f"At the time of the visits {stats.in_custody:,} people were in custody. Volunteers offered to talk "
        f"to {stats.offered:,} of them; {stats.seen:,} agreed to be seen ({seen_share} of those offered) "
        f"and {stats.declined:,} declined."
    )


def share(part: int, whole: int) -> float | None:
    """``part`` as a % of ``whole`` to one decimal place, the rule the statistics service uses."""
    return round(part * 100 / whole, 1) if whole else None


def requests_sentence(stats: IcvStats) -> str:
    """The requests made, the top categories with their counts, and the shares raised and resolved."""
    top = [f for f in stats.requests_by_category if f.category in stats.top_categories]
    top_three = listed([f"{f.category} ({f.count:,})" for f in top])
    return (
        f"Detainees made {plural(stats.requests_total, 'request')}. The most frequent were: {top_three}. "
        f"{percent(stats.requests_raised_pct)} of the requests were raised with the custody sergeant and "
        f"{percent(stats.requests_resolved_pct)} were resolved during the visit."
    )


def serious_sentence(stats: IcvStats) -> str:
    """Whether any visit recorded a serious issue, and how many did."""
    if not stats.serious_issues:
        return "No serious issues were observed during the visits."
    return f"A serious issue was recorded at {plural(stats.serious_issues, 'visit')}."
