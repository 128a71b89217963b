"""The Commissioner's Update Report against the seeds' figures (domain.md §4.1-§4.3, §5.2).

One database holds the records behind the client's September 2024 update (003): eight community days
from 13 June to 1 August 2024 (ENG-3), four themes (ENG-4), two items for the CGB (ENG-5), 34 custody
visits from April to July 2024, all scheduled ones achieved (ICV-14), and a Dog Unit visit each month
(AWS-2); and the 2018/19 custody visiting year (ICV-1 to ICV-8) built by the ICV statistics tests'
own builder. Each test prints a report and checks that the PDF says exactly the seeds' figures, and
that they are the figures ``pcc-desktop stats`` gives for the same period. Today is pinned to
Wednesday 18 June 2025.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pdf_text import all_text, pages_text, paragraph_numbers
from report_db import module_workspace
from sqlalchemy import select
from sqlalchemy.orm import Session

from pcc_desktop.cli import main
from pcc_desktop.models import (
    Action,
    ActionStatus,
    Area,
    AreaKind,
    Classification,
    EngagementType,
    OriginKind,
    RaiserTold,
    Theme,
)
from pcc_desktop.reports import update_report
from pcc_desktop.reports.house_style import render
from pcc_desktop.services import clock
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.statistics import STATISTICS, compute
from pcc_desktop.services.workspace import Workspace
from tests.services.test_aws_history import add_site
from tests.services.test_aws_statistics import _monthly, _people
from tests.services.test_engagement_statistics import _engagement, _feedback, _thursdays
from tests.services.test_icv_statistics import FY18, _add_visit, _build_2018_19, _suites, _volunteers

AUTHOR = "Lizzie Starr, Director of Governance and Performance"
TODAY = date(2025, 6, 18)
ENG3 = (date(2024, 6, 13), date(2024, 8, 1))  # "eight Community Days between 13th June and 1st August"
ENGAGEMENT_WINDOW = (date(2024, 5, 7), date(2024, 8, 1))  # "7th May 2024 (post-election) to 1st August 2024"
APRIL_TO_JULY = (date(2024, 4, 1), date(2024, 7, 31))  # ICV-14, AWS-2
SECRET_REASON = "Operation Falcon briefing"
PRIVATE_REASON = "Private meeting with a victim"
PRIVATE_TOPIC = "Not for publication"
# The update's four themes (003:57), as the reference list spells them.
BCS, ASB, SPEEDING, DRUGS = (
    "Business crime and shoplifting",
    "Anti-social behaviour",
    "Speeding in villages",
    "Drug dealing",
)


# --- the records ---------------------------------------------------------------------------------


def _named(ws: Workspace, model: type, *names: str) -> list[uuid.UUID]:
    """The ids of reference rows (NPAs, themes) by name."""
    stmt = select(model.id).where(model.kind == AreaKind.NPA) if model is Area else select(model.id)
    with ws.session() as s:
        return [s.scalars(stmt.where(model.name == name)).one() for name in names]


def _engagements(ws: Workspace) -> None:
    """The update's community days (two withheld), other engagements, themes and CGB items."""
    themes = dict(zip((BCS, ASB, SPEEDING, DRUGS), _named(ws, Theme, BCS, ASB, SPEEDING, DRUGS), strict=True))
    east, west, charnwood = _named(ws, Area, "East Leicester", "West Leicester", "Charnwood")
    npas = [east, west, east, charnwood, east, west, east, charnwood]
    days = []
    for n, (day, npa) in enumerate(zip(_thursdays(*ENG3), npas, strict=True)):
        extra: dict[str, object] = {"reason": f"Reason {n}", "place_name": f"Place {n}"}
        if n == 3:
            extra.update(publishable=False, reason=PRIVATE_REASON)
        if n == 5:
            extra.update(classification=Classification.OFFICIAL_SENSITIVE, reason=SECRET_REASON)
        days.append(_engagement(ws, day, npa, **extra))
    may = _engagement(ws, date(2024, 5, 7), east, kind=EngagementType.PUBLIC_MEETING)
    _engagement(ws, date(2024, 7, 5), west, kind=EngagementType.SURGERY)
    _feedback(ws, may, themes[BCS], for_cgb=True, cgb_topic="Shoplifting performance")
    _feedback(ws, days[0], themes[BCS], themes[ASB], for_cgb=True, text="Victim compliance and satisfaction")
    _feedback(ws, days[0], themes[SPEEDING])
    _feedback(ws, days[2], themes[DRUGS])
    _feedback(ws, days[2], themes[ASB])
    _feedback(ws, days[3], themes[ASB], for_cgb=True, cgb_topic=PRIVATE_TOPIC)


def _custody_april_to_july(s: Session) -> None:
    """ICV-14: 34 visits, one every three days from 1 April 2024, each on a completed rota slot."""
    from datetime import UTC, datetime, time

    from pcc_desktop.models import RotaSlot, SlotStatus

    suites, pair = _suites(s), _volunteers(s, 2, start=300)
    for n in range(34):
        day = date(2024, 4, 1) + (date(2024, 1, 4) - date(2024, 1, 1)) * n
        visit = _add_visit(
            s, suites[n % 3].id, day, pair, arrived_at=time(20), departed_at=time(21), offered=2, seen=1
        )
        start = datetime.combine(day, time(9), tzinfo=UTC)
        s.add(
            RotaSlot(
                suite_id=visit.suite_id, window_starts=start, window_ends=start, status=SlotStatus.COMPLETED
            )
        )


def _actions(s: Session, owner: uuid.UUID) -> None:
    """Five actions logged in April-July 2024: two completed in the period, three still open."""
    rows = [
        ("Report shoplifting figures", date(2024, 4, 10), ActionStatus.COMPLETED, date(2024, 5, 1), None),
        ("Ask about speeding", date(2024, 6, 20), ActionStatus.COMPLETED, date(2024, 7, 2), None),
        ("Write to residents", date(2024, 7, 25), ActionStatus.OPEN, None, date(2024, 7, 26)),
        ("Chase the Force", date(2024, 3, 1), ActionStatus.IN_PROGRESS, None, date(2024, 12, 1)),
        ("Dog Unit heat alarm", date(2024, 7, 1), ActionStatus.OPEN, None, None),
    ]
    for n, (title, logged, status, completed, due) in enumerate(rows, start=1):
        s.add(
            Action(
                reference=f"ACT-2024-{n:04d}",
                title=title,
                owner_id=owner,
                logged_on=logged,
                status=status,
                completed_on=completed,
                due_on=due,
                raiser_told=RaiserTold.NOT_YET
                if status == ActionStatus.COMPLETED
                else RaiserTold.NOT_APPLICABLE,
                origin_kind=OriginKind.STANDALONE,
            )
        )


def _record(ws: Workspace) -> None:
    ws.run(seed_custody_reference)
    _engagements(ws)
    _build_2018_19(ws, with_rota=True)
    with ws.session() as s:
        _custody_april_to_july(s)
        _monthly(s, add_site(s), date(2023, 12, 1), 9, _people(s))  # AWS-2: December 2023 to August 2024
        _actions(s, ws.actor_id)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The database behind every test here (reference data loaded, records above)."""
    with module_workspace(tmp_path_factory.mktemp("update"), TODAY, seeded=True) as workspace:
        _record(workspace)
        yield workspace


@pytest.fixture(scope="module")
def printed(ws: Workspace, tmp_path_factory: pytest.TempPathFactory):
    """Print the report for a period once, and give its text (and its file)."""
    folder = tmp_path_factory.mktemp("pdf")

    @cache
    def text_of(date_from: date, date_to: date) -> tuple[str, Path]:
        clock.pin_today(TODAY)
        report = ws.run(update_report.build, date_from, date_to, AUTHOR)
        path = render(report, folder / f"update-{date_from}-{date_to}.pdf").path
        return all_text(path), path

    return text_of


def _stats(ws: Workspace, name: str, period: tuple[date, date]) -> dict[str, Any]:
    """What ``pcc-desktop stats NAME --format json`` prints for the period."""
    return STATISTICS[name].to_json(ws.run(compute, name, *period))


# --- community engagement (ENG-3, ENG-4, ENG-5) --------------------------------------------------


def test_eng3_eight_community_days_between_13_june_and_1_august(ws: Workspace, printed) -> None:
    text, _ = printed(*ENG3)
    data = _stats(ws, "engagement", ENG3)
    assert data["community_days"] == 8
    assert "The Commissioner held 8 community days between 13 June 2024 and 1 August 2024." in text
    assert "the Commissioner held 8 community days and attended 1 other engagement," in text  # the summary


def test_the_community_day_table_lists_the_publishable_days_only(ws: Workspace, printed) -> None:
    text, _ = printed(*ENGAGEMENT_WINDOW)
    data = _stats(ws, "engagement", ENGAGEMENT_WINDOW)
    assert (len(data["community_day_list"]), data["withheld"]) == (6, 2)
    assert (
        "The Commissioner held 8 community days between 7 May 2024 and 1 August 2024. 2 of them are not "
        "listed below because they are marked OFFICIAL-SENSITIVE or not for publication. They reached"
    ) in text
    assert "Table One: Community days: where the Commissioner went and why" in text
    assert "13/06/2024 Place 0 East Leicester Reason 0 20/06/2024 Place 1 West Leicester Reason 1" in text
    for hidden in (
        SECRET_REASON,
        PRIVATE_REASON,
        "Place 3",
        "Place 5",
        "27/06/2024 Place 2 East Leicester Reason 2 04/07",
    ):
        assert hidden not in text
    missed = data["npas_not_visited"]
    assert (data["npas_visited"], data["npas_total"], len(missed)) == (3, 8, 5)
    assert (
        f"They reached 3 of the 8 Neighbourhood Policing Areas (NPAs); {'; '.join(missed[:-1])}; and "
        f"{missed[-1]} were not visited."
    ) in text


def test_eng4_the_four_themes_with_a_labelled_chart(ws: Workspace, printed) -> None:
    text, _ = printed(*ENGAGEMENT_WINDOW)
    data = _stats(ws, "engagement", ENGAGEMENT_WINDOW)
    assert data["themes_raised"] == 4
    assert [t["theme"] for t in data["top_themes"]] == [ASB, BCS, DRUGS, SPEEDING]
    assert (
        f"{data['feedback_items']} feedback items were recorded at the period's engagements, raising 4 "
        f"different themes. The themes raised were {ASB}; {BCS}; {DRUGS}; and {SPEEDING};"
    ) in text
    assert "Chart One: Themes raised at the Commissioner's engagements" in text
    figures = " ".join(f"{t['theme']} {t['count']}" for t in data["top_themes"])
    assert f"Theme Number of feedback items {figures}" in text
    assert figures == f"{ASB} 3 {BCS} 2 {DRUGS} 1 {SPEEDING} 1"


def test_eng5_two_items_for_the_cgb_and_none_unpublishable(ws: Workspace, printed) -> None:
    text, _ = printed(*ENGAGEMENT_WINDOW)
    data = _stats(ws, "engagement", ENGAGEMENT_WINDOW)
    assert data["items_for_cgb"] == ["Shoplifting performance", "Victim compliance and satisfaction"]
    assert (
        "2 items were noted to raise at a future Corporate Governance Board (CGB) meeting to hold the Force "
        "to account: (a) Shoplifting performance (b) Victim compliance and satisfaction"
    ) in text
    assert "Not listed: 1 further item for the CGB, marked OFFICIAL-SENSITIVE or not for publication." in text
    assert PRIVATE_TOPIC not in text


def test_other_engagements_by_type(ws: Workspace, printed) -> None:
    text, _ = printed(*ENGAGEMENT_WINDOW)
    data = _stats(ws, "engagement", ENGAGEMENT_WINDOW)
    assert data["other_engagements"] == [
        {"label": "Surgery", "count": 1},
        {"label": "Public meeting", "count": 1},
    ]
    assert "The Commissioner also attended 2 other engagements in the period, shown by type below." in text
    assert "Type of engagement Held Surgery 1 Public meeting 1 All other engagements 2" in text


# --- actions ---------------------------------------------------------------------------------------


def test_actions_logged_completed_open_and_overdue(ws: Workspace, printed) -> None:
    text, _ = printed(*APRIL_TO_JULY)
    data = _stats(ws, "actions", APRIL_TO_JULY)
    assert (data["logged"], data["completed"], data["open_at_end"], data["overdue"]) == (4, 2, 3, 1)
    assert "Between 1 April 2024 and 31 July 2024 the OPCC logged 4 actions and completed 2." in text
    assert (
        "On 31 July 2024, 3 actions logged by the end of the period were still open, 1 of them overdue by at "
        "least one working day."
    ) in text
    ages = " ".join(f"{row['label']} {row['count']}" for row in data["open_by_age"])
    origins = " ".join(f"{row['label']} {row['count']}" for row in data["open_by_origin"])
    assert ages == "0–30 days 2 31–90 days 0 91–180 days 1 Over 180 days 0"
    assert f"Time since logged Open actions {ages} All open actions 3" in text
    by_origin = "Table Five: Open actions on 31/07/2024 by what raised them Raised by Open actions"
    assert f"{by_origin} {origins} All open actions 3" in text
    assert origins == "Stand-alone 3"
    assert "an action completed since 31 July 2024 is no longer counted as open." in text
    assert "2 completed actions are waiting for the person who raised them to be told the outcome." in text


# --- Independent Custody Visiting (ICV-1 to ICV-8, ICV-14) -------------------------------------------


def test_icv14_all_34_scheduled_visits_and_no_serious_issues(ws: Workspace, printed) -> None:
    text, _ = printed(*APRIL_TO_JULY)
    data = _stats(ws, "icv", APRIL_TO_JULY)
    assert (data["visits_completed"], data["achieved_pct"], data["serious_issues"]) == (34, 100.0, 0)
    assert (
        "Independent custody visitors achieved 100% of the custody visits scheduled between 1 April 2024 and "
        "31 July 2024: all 34 scheduled visits were completed."
    ) in text
    assert (
        "independent custody visitors made 34 visits, 100% of those scheduled, with no serious issues;"
        in text
    )
    icv_part = text[text.index("Independent custody visitors achieved") : text.index("(AWS) volunteers")]
    assert "No serious issues were observed during these visits." in icv_part


def test_icv1_to_8_the_2018_19_year(ws: Workspace, printed) -> None:
    text, _ = printed(*FY18)
    data = _stats(ws, "icv", FY18)
    assert (data["visits_completed"], data["scheduled"], data["offered"], data["seen"]) == (
        156,
        156,
        1077,
        443,
    )
    assert (
        "Independent custody visitors achieved 100% of the custody visits scheduled between 1 April 2018 and "
        "31 March 2019: all 156 scheduled visits were completed."
    ) in text  # ICV-1, ICV-3
    suites = " ".join(f"{s['name']} {s['visits']} {s['scheduled']} 100%" for s in data["per_suite"])
    assert suites == "Beaumont Leys 52 52 100% Euston Street 52 52 100% Keyham Lane 52 52 100%"  # ICV-2
    assert f"Custody suite Visits made Scheduled Achieved {suites} All suites 156 156 100%" in text
    assert (
        f"In all, custody visitors made 156 visits in the period. {data['in_custody']:,} detainees were in "
        "custody at the time of the visits; 1,077 were offered a visit and 443 agreed to be seen."
    ) in text  # ICV-4, ICV-6
    assert data["top_categories"] == ["Food or drink", "Interpreter", "Update on their case"]
    assert (
        f"Detainees made {data['requests_total']} requests: 100% were raised with the custody sergeant and "
        f"{data['requests_resolved_pct']:g}% were resolved during the visit. The most frequent requests "
        "were: (a) Food or drink: 70 (b) Interpreter: 45 (c) Update on their case: 30"
    ) in text  # ICV-7, ICV-8


def test_the_volunteers_and_their_hours(ws: Workspace, printed) -> None:
    text, _ = printed(*FY18)
    data = _stats(ws, "icv", FY18)
    assert data["volunteer_hours"] == 468.0
    assert "No custody visitors were active on 31 March 2019, and visitors gave 468 hours on visits" in text


# --- Animal Welfare Scheme (AWS-2, AWS-3) ------------------------------------------------------------


def test_aws2_every_scheduled_visit_with_one_each_month(ws: Workspace, printed) -> None:
    text, _ = printed(*APRIL_TO_JULY)
    data = _stats(ws, "aws", APRIL_TO_JULY)
    assert (data["scheduled"], data["completed"], data["pct_achieved"], data["serious_issues"]) == (
        4,
        4,
        100.0,
        0,
    )
    assert (
        "The Animal Welfare Scheme (AWS) volunteers achieved 100% of the animal welfare visits scheduled "
        "between 1 April 2024 and 31 July 2024, with one visit taking place each month: all 4 scheduled "
        "visits were completed. The volunteers made 4 visits to the Dog Unit in the period, all of them in "
        "pairs."
    ) in text
    aws_part = text[text.index("Animal Welfare Scheme (AWS) volunteers") :]
    assert re.match(r".*? pairs\. \d+\. No serious issues were observed during these visits\.", aws_part)
    assert f"the volunteers have completed {data['visits_since_launch']} visits." in text
    assert (
        "animal welfare visitors made 4 visits to the Dog Unit, 100% of those scheduled (one visit each "
        "month), with no serious issues."
    ) in text


def test_a_period_cut_short_inside_a_month_still_says_each_month(ws: Workspace, printed) -> None:
    text, _ = printed(*ENGAGEMENT_WINDOW)  # 7 May to 1 August: August has only begun
    assert "with one visit taking place each month" in text


# --- the report as a whole ---------------------------------------------------------------------------


def test_the_house_chrome_purpose_request_and_numbering(printed) -> None:
    text, path = printed(*APRIL_TO_JULY)
    assert "Commissioner's Update Report Report Date 18 June 2025 Report Author " + AUTHOR in text
    assert "Purpose of Report 1. In his role as the Police and Crime Commissioner (PCC)" in text
    assert "Request of the Panel 3. The Panel is asked to note this report." in text
    assert "Summary 4. The headline figures for the period between 1 April 2024 and 31 July 2024 are:" in text
    assert text.index("Community consultation and engagement") < text.index("Action tracking")
    headings = re.findall(
        r"(Action tracking|Independent Custody Visiting|Animal Welfare Scheme) \d+\. ", text
    )
    assert headings == ["Action tracking", "Independent Custody Visiting", "Animal Welfare Scheme"]
    numbers = paragraph_numbers(path)
    assert numbers == list(range(1, len(numbers) + 1))
    pages = pages_text(path)
    assert all(page.count("OFFICIAL") >= 2 for page in pages)
    assert "End of Report" in pages[-1]


def test_the_figures_are_those_pcc_desktop_stats_prints(
    ws: Workspace, printed, capsys: pytest.CaptureFixture[str]
) -> None:
    text, _ = printed(*APRIL_TO_JULY)
    db = ws.db_file
    printed_json = {}
    for name in ("engagement", "actions", "icv", "aws"):
        args = [
            "--db",
            str(db),
            "stats",
            name,
            "--from",
            "2024-04-01",
            "--to",
            "2024-07-31",
            "--format",
            "json",
        ]
        assert main(args) == 0
        printed_json[name] = json.loads(capsys.readouterr().out)
        assert printed_json[name] == _stats(ws, name, APRIL_TO_JULY)
    eng, act, icv, aws = (printed_json[n] for n in ("engagement", "actions", "icv", "aws"))
    assert f"the Commissioner held {eng['community_days']} community days" in text
    assert f"the OPCC logged {act['logged']} actions and completed {act['completed']}" in text
    assert (
        f"custody visitors made {icv['visits_completed']} visits, {icv['achieved_pct']:g}% of those" in text
    )
    assert (
        f"animal welfare visitors made {aws['visits']} visits to the Dog Unit, {aws['pct_achieved']:g}%"
        in text
    )


def test_an_empty_period_says_so_in_words(workspace: Workspace, tmp_path: Path) -> None:
    report = workspace.run(update_report.build, date(2021, 1, 1), date(2021, 1, 31), AUTHOR)
    text = all_text(render(report, tmp_path / "empty.pdf").path)
    assert "The Commissioner held no community days between 1 January 2021 and 31 January 2021." in text
    assert "The Commissioner attended no other engagements in the period." in text
    assert "No feedback was recorded at the period's engagements, so there are no themes to report." in text
    assert (
        "No items from the period's engagements were noted to raise at the Corporate Governance Board" in text
    )
    assert "the OPCC logged no actions and completed none." in text
    assert "On 31 January 2021 no actions logged by the end of the period were still open." in text
    assert (
        "(a) the Commissioner held no community days and attended no other engagements; (b) the Office of "
        "the Police and Crime Commissioner (OPCC) logged no actions and completed none; none were still open "
        "at the end of the period; (c) no independent custody visits were scheduled or made; (d) no animal "
        "welfare visits were scheduled or made."
    ) in text
    assert "No custody visits were scheduled or made between 1 January 2021 and 31 January 2021." in text
    assert (
        "No animal welfare visits were scheduled or made between 1 January 2021 and 31 January 2021." in text
    )
    assert "The scheme was launched on 1 April 2022, after the end of this period." in text
    assert "Table" not in text and "Chart" not in text
