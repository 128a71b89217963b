"""The animal welfare summary against the seeds (AWS-1, AWS-2, AWS-3; 001:1175-1181, 003:118).

One database holds a visit to the Dog Unit every month from the launch (April 2022) to May 2023 and
from December 2023 to August 2024, in pairs, with police dogs observed on the 2024 visits, findings
raised from them and one serious issue. The printed figures are checked against the seeds and against
what ``pcc-desktop stats aws`` gives for the same period. Today is pinned to 18 June 2025.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pdf_text import all_text, pages_text, paragraph_numbers
from report_db import module_workspace
from sqlalchemy.orm import Session

from pcc_desktop.models import (
    Action,
    ActionStatus,
    AwsVisit,
    DogObservation,
    OriginKind,
    RaiserTold,
    WelfareRating,
)
from pcc_desktop.reports import aws_summary
from pcc_desktop.reports.house_style import render
from pcc_desktop.services import clock
from pcc_desktop.services.aws_statistics import aws_statistics_rows
from pcc_desktop.services.statistics import STATISTICS, compute
from pcc_desktop.services.workspace import Workspace
from tests.services.test_aws_history import add_dog, add_site
from tests.services.test_aws_statistics import _monthly, _people

AUTHOR = "Lizzie Starr, Director of Governance and Performance"
TODAY = date(2025, 6, 18)
FY22 = (
    date(2022, 4, 1),
    date(2023, 3, 31),
)  # AWS-1: "Since the launch the volunteers have completed 12 visits"
TO_JULY_2024 = (date(2024, 1, 1), date(2024, 7, 31))  # AWS-2: a visit each month, all achieved
SINCE_LAUNCH = (date(2022, 4, 1), date(2024, 7, 31))  # 28 months: charted by financial year
NEEDS = ("environment", "diet", "behaviour", "companionship", "health")


def _observe(s: Session, visit_id: uuid.UUID, dog_id: uuid.UUID, concern: bool = False) -> None:
    ratings = {need: WelfareRating.MET for need in NEEDS}
    if concern:
        ratings["diet"] = WelfareRating.CONCERN
    s.add(DogObservation(visit_id=visit_id, dog_id=dog_id, **ratings))


def _finding(
    s: Session, visit_id: uuid.UUID, owner: uuid.UUID, n: int, status: ActionStatus, told: RaiserTold
):
    s.add(
        Action(
            reference=f"ACT-2024-{n:04d}",
            title="Ask the Dog Unit to repair the heat alarm in van 3",
            origin_kind=OriginKind.AWS_VISIT,
            aws_visit_id=visit_id,
            owner_id=owner,
            logged_on=date(2024, 6, 20),
            status=status,
            raiser_told=told,
        )
    )


def _record(ws: Workspace) -> None:
    with ws.session() as s:
        site, people = add_site(s), _people(s)
        _monthly(s, site, date(2022, 4, 1), 14, people)  # April 2022 to May 2023
        visits = _monthly(s, site, date(2023, 12, 1), 9, people)  # December 2023 to August 2024
        zeus, odin = add_dog(s, site, "Zeus"), add_dog(s, site, "Odin")
        scout, _bruno = add_dog(s, site, "Scout"), add_dog(s, site, "Bruno")
        add_dog(s, site, "Retired Rex", out=date(2024, 1, 1))
        january, june, july = visits[1], visits[6], visits[7]
        _observe(s, january, scout)
        _observe(s, june, odin, concern=True)
        _observe(s, june, zeus)
        _observe(s, july, zeus)
        s.get_one(AwsVisit, june).serious_issue = True
        _finding(s, june, ws.actor_id, 1, ActionStatus.COMPLETED, RaiserTold.TOLD)
        _finding(s, june, ws.actor_id, 2, ActionStatus.COMPLETED, RaiserTold.NOT_YET)
        _finding(s, july, ws.actor_id, 3, ActionStatus.OPEN, RaiserTold.NOT_YET)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The Dog Unit, its dogs and three years of monthly visits."""
    with module_workspace(tmp_path_factory.mktemp("aws"), TODAY) as workspace:
        _record(workspace)
        yield workspace


@pytest.fixture(scope="module")
def printed(ws: Workspace, tmp_path_factory: pytest.TempPathFactory):
    """Print the summary for a period once; give its text and file."""
    folder = tmp_path_factory.mktemp("pdf")

    @cache
    def text_of(date_from: date, date_to: date) -> tuple[str, Path]:
        clock.pin_today(TODAY)
        report = ws.run(aws_summary.build, date_from, date_to, AUTHOR)
        path = render(report, folder / f"aws-{date_from}-{date_to}.pdf").path
        return all_text(path), path

    return text_of


def _stats(ws: Workspace, period: tuple[date, date]) -> dict[str, Any]:
    """What ``pcc-desktop stats aws --format json`` prints for the period."""
    return STATISTICS["aws"].to_json(ws.run(compute, "aws", *period))


def test_aws1_twelve_visits_since_the_launch(ws: Workspace, printed) -> None:
    text, _ = printed(*FY22)
    data = _stats(ws, FY22)
    assert (data["visits"], data["visits_since_launch"], data["pct_achieved"]) == (12, 12, 100.0)
    assert "Since the scheme's launch on 1 April 2022 the volunteers have completed 12 visits." in text
    assert (
        "The AWS volunteers achieved 100% of the animal welfare visits scheduled between 1 April 2022 and "
        "31 March 2023, with one visit taking place each month: all 12 scheduled visits were completed."
    ) in text


def test_the_launch_and_the_method(printed) -> None:
    text, _ = printed(*FY22)
    assert "Animal Welfare Scheme Summary Report Date 18 June 2025" in text
    assert (
        "The Commissioner launched the AWS on 1 April 2022. Once a month, AWS visitors make an unannounced "
        "visit in pairs to the Leicestershire Police Dog Unit. They check the conditions in which the dogs "
        "are housed, trained and transported"
    ) in text
    assert "4 AWS visitors were active on 31 March 2023. The standard is 1 visit a month." in text
    assert "Request of the Panel 3. The Panel is asked to note this report." in text


def test_aws2_and_aws3_a_visit_each_month_in_pairs(ws: Workspace, printed) -> None:
    text, _ = printed(*TO_JULY_2024)
    data = _stats(ws, TO_JULY_2024)
    assert (data["scheduled"], data["completed"], data["visits"], data["visits_in_pairs"]) == (7, 7, 7, 7)
    assert (
        "achieved 100% of the animal welfare visits scheduled between 1 January 2024 and 31 July 2024, with "
        "one visit taking place each month: all 7 scheduled visits were completed. The volunteers made 7 "
        "visits to the Dog Unit in the period, all of them in pairs."
    ) in text
    assert (
        "At 1 visit a month, the standard for the 7 months of the period is 7 visits; the visits made are "
        "100% of the standard."
    ) in text
    assert f"have completed {data['visits_since_launch']} visits." in text
    assert data["visits_since_launch"] == 22  # April 2022 to May 2023, December 2023 to July 2024


def test_visits_by_month_chart_and_table(ws: Workspace, printed) -> None:
    text, _ = printed(*TO_JULY_2024)
    data = _stats(ws, TO_JULY_2024)
    assert "Chart One: Visits to the Dog Unit by month" in text
    months = " ".join(f"{date.fromisoformat(m):%b %Y} {n}" for m, n in data["visits_by_month"])
    assert months == "Jan 2024 1 Feb 2024 1 Mar 2024 1 Apr 2024 1 May 2024 1 Jun 2024 1 Jul 2024 1"
    table = "Table One: The figures in Chart One (Visits to the Dog Unit by month)"
    assert f"{table} Month Number of visits {months}" in text


def test_a_long_period_is_charted_by_financial_year(ws: Workspace, printed) -> None:
    text, _ = printed(*SINCE_LAUNCH)
    assert "Chart One: Visits to the Dog Unit by financial year" in text
    assert "Financial year Number of visits 2022/23 12 2023/24 6 2024/25 4" in text
    assert _stats(ws, SINCE_LAUNCH)["visits"] == 22


def test_dogs_seen_and_not_seen_in_six_months(ws: Workspace, printed) -> None:
    text, _ = printed(*TO_JULY_2024)
    data = _stats(ws, TO_JULY_2024)
    assert (data["dogs_seen"], data["concerns"], data["dogs_in_service"]) == (3, 1, 4)
    assert (
        "The visitors saw 3 dogs on these visits, and 1 of their observations noted a welfare concern."
        in text
    )
    assert (
        "On 31 July 2024, 4 dogs were in service. 2 dogs have not been seen by the visitors in the last 6 "
        "months (since 31 January 2024), and are listed first below."
    ) in text
    assert "Table Two: Police dogs in service on 31/07/2024 and when they were last seen" in text
    assert "Not seen in the last 6 months (2) Bruno (PD " in text
    assert "German" not in text  # the breed is not printed; nor are retired dogs:
    assert "Retired Rex" not in text
    for name, seen, months, concerns in (
        ("Bruno", "Never", "–", "0"),
        ("Scout", "10/01/2024", "6", "0"),
        ("Odin", "10/06/2024", "1", "1"),
        ("Zeus", "10/07/2024", "0", "0"),
    ):
        assert f"{name} (PD " in text
        after = text[text.index(f"{name} (PD ") :]
        assert after.split(") ", 1)[1].startswith(f"General purpose {seen} {months} {concerns}")
    assert text.index("Scout (PD") < text.index("Seen in the last 6 months (2)") < text.index("Odin (PD")


def test_findings_and_the_serious_issue(ws: Workspace, printed) -> None:
    text, _ = printed(*TO_JULY_2024)
    data = _stats(ws, TO_JULY_2024)
    assert (data["findings"], data["findings_closed"], data["findings_open"], data["visitors_told"]) == (
        3,
        2,
        1,
        1,
    )
    assert (
        "3 findings were raised with the Dog Unit: 2 have been closed and 1 remains open. The visitors have "
        "been told the outcome of 1 of them."
    ) in text
    assert data["serious_issues"] == 1
    assert "A serious issue was reported on 1 visit." in text
    assert "(d) a serious issue was reported on 1 visit." in text  # the summary
    assert "Heat alarm failed" not in text and "heat alarm in van 3" not in text  # notes stay out


def test_the_figures_table_is_the_statistics_panel(ws: Workspace, printed) -> None:
    text, path = printed(*TO_JULY_2024)
    stats = ws.run(compute, "aws", *TO_JULY_2024)
    assert "Table Three: The scheme's figures for the period Figure Value" in text
    for label, value in aws_statistics_rows(stats):
        assert f"{label} {value}" in text
    numbers = paragraph_numbers(path)
    assert numbers == list(range(1, len(numbers) + 1))
    pages = pages_text(path)
    assert all(page.count("OFFICIAL") >= 2 for page in pages) and "End of Report" in pages[-1]
    for secret in ("Visitor 0", "Visitor 1", "VOL-2022"):  # volunteers are never named
        assert secret not in text


def test_an_empty_period_says_so(workspace: Workspace, tmp_path: Path) -> None:
    report = workspace.run(aws_summary.build, date(2024, 1, 1), date(2024, 3, 31), AUTHOR)
    text = all_text(render(report, tmp_path / "empty.pdf").path)
    assert "No animal welfare visits were scheduled or made between 1 January 2024 and 31 March 2024." in text
    assert "No dogs were recorded as seen on the period's visits." in text
    assert "No police dogs were in service on 31 March 2024." in text
    assert "No findings were raised with the Dog Unit from these visits." in text
    assert "the volunteers have completed no visits." in text
