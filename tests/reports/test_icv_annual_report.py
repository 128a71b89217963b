"""The ICV annual report against the golden figures of domain.md §4.2 (ICV-1..ICV-8) for 2018/19.

The 2018/19 visits are built by the statistics tests' own golden builder (tests/services), so the
printed figures are checked both against the seed's numbers and against what the statistics service
gives. Volunteers, training, awards and actions are added through the services.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pdf_text import all_text, pages_text
from report_db import module_workspace
from sqlalchemy import select

from pcc_desktop.models import (
    ActionStatus,
    Classification,
    CustodyVisit,
    MembershipStatus,
    OriginKind,
    Scheme,
    Volunteer,
)
from pcc_desktop.reports import icv_annual
from pcc_desktop.reports.house_style import render
from pcc_desktop.reports.registry import REPORTS, produce
from pcc_desktop.services import clock
from pcc_desktop.services.actions import ActionInput, change_status, create_action
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.icv_statistics import icv_statistics
from pcc_desktop.services.volunteer_records import (
    AwardInput,
    MembershipInput,
    TrainingInput,
    add_award,
    add_training,
    remove_training,
    set_membership,
)
from pcc_desktop.services.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "services"))
import test_icv_statistics as golden  # the golden 2018/19 builder, shared with the statistics tests

AUTHOR = "Lizzie Starr, Director of Governance and Performance"
TODAY = date(2025, 6, 18)
FY18 = golden.FY18
SENSITIVE = "Review of the cell intercom fault log"
UNPUBLISHED = "Staff conduct concern passed to Professional Standards"


def _memberships(ws: Workspace) -> tuple[uuid.UUID, uuid.UUID]:
    """Every golden volunteer active in ICV; one more who left in the year; one AWS-only volunteer."""
    with ws.session() as s:
        golden_ids = list(s.scalars(select(Volunteer.id).where(Volunteer.reference.like("VOL-2018-%"))))
        leaver, dog_walker = (
            Volunteer(reference="VOL-2010-0001", name="Len Leaver"),
            Volunteer(reference="VOL-2022-0001", name="Dora Dogs"),
        )
        s.add_all([leaver, dog_walker])
        s.flush()
        extra = (leaver.id, dog_walker.id)
    active = MembershipInput(Scheme.ICV, MembershipStatus.ACTIVE, started_on=date(2010, 1, 1))
    for volunteer_id in golden_ids:
        ws.act(set_membership, volunteer_id, active)
    left = MembershipInput(Scheme.ICV, MembershipStatus.LEFT, date(2010, 1, 1), ended_on=date(2018, 9, 1))
    ws.act(set_membership, extra[0], left)
    ws.act(set_membership, extra[1], MembershipInput(Scheme.AWS, MembershipStatus.ACTIVE, date(2022, 4, 1)))
    first = golden_ids[0]
    for volunteer_id, day in (
        (first, date(2018, 5, 1)),
        (golden_ids[1], date(2019, 3, 31)),
        (extra[0], date(2018, 6, 1)),
    ):
        ws.act(add_training, volunteer_id, TrainingInput("Trauma Informed Practice", day))
    ws.act(add_training, first, TrainingInput("ICV induction", date(2017, 3, 1)))  # before the year
    ws.act(add_training, extra[1], TrainingInput("Dog welfare", date(2018, 7, 1)))  # not an ICV volunteer
    wrong = ws.act(add_training, first, TrainingInput("Entered in error", date(2018, 8, 1)))
    ws.act(remove_training, wrong.id, "Duplicate")
    for volunteer_id, name, day in (
        (first, "10 years' service", date(2018, 6, 5)),
        (golden_ids[2], "10 years' service", date(2018, 6, 5)),
        (golden_ids[3], "Certificate of appreciation", date(2019, 1, 10)),
        (golden_ids[4], "5 years' service", date(2019, 4, 2)),  # the next year
    ):
        ws.act(add_award, volunteer_id, AwardInput(name, day))
    return first, extra[0]


def _actions(ws: Workspace) -> None:
    """Two publishable actions from the year's visits, two withheld ones, one later and one stand-alone."""
    with ws.session() as s:
        visits = list(s.scalars(select(CustodyVisit.id).order_by(CustodyVisit.visited_on).limit(4)))

    def add(title: str, logged_on: date, visit: uuid.UUID | None, **kw: object) -> uuid.UUID:
        origin = {"origin_kind": OriginKind.CUSTODY_VISIT, "custody_visit_id": visit} if visit else {}
        data = ActionInput(title=title, owner_id=ws.actor_id, logged_on=logged_on, **origin, **kw)  # type: ignore[arg-type]
        return ws.act(create_action, data).id

    done = add("Replace the broken cell-call button", date(2018, 4, 10), visits[0])
    ws.act(change_status, done, ActionStatus.COMPLETED, "", "Button replaced by estates.")
    add("Restock hygiene packs at Keyham Lane", date(2018, 9, 3), visits[1])
    add(SENSITIVE, date(2018, 10, 1), visits[2], classification=Classification.OFFICIAL_SENSITIVE)
    add(UNPUBLISHED, date(2018, 11, 1), visits[3], publishable=False)
    add("Follow up the blanket supply", date(2019, 4, 15), visits[0])  # the next year
    add("Order new office chairs", date(2018, 6, 1), None)  # not from a visit


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The golden 2018/19 visits with a rota, plus the register and the actions."""
    with module_workspace(tmp_path_factory.mktemp("icv"), TODAY, seeded=True) as workspace:
        workspace.run(seed_custody_reference)
        golden._build_2018_19(workspace, with_rota=True)
        _memberships(workspace)
        _actions(workspace)
        yield workspace


@pytest.fixture(scope="module")
def printed(ws: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Path:
    clock.pin_today(TODAY)
    report = ws.run(icv_annual.build, *FY18, AUTHOR)
    return render(report, tmp_path_factory.mktemp("pdf") / "icv-annual.pdf").path


def test_the_data_gathers_training_awards_and_actions_of_the_year(ws: Workspace) -> None:
    data = ws.run(icv_annual.gather, *FY18)
    assert [(t.label, t.count) for t in data.training] == [("Trauma Informed Practice", 3)]
    assert [(a.label, a.count) for a in data.awards] == [
        ("10 years' service", 2),
        ("Certificate of appreciation", 1),
    ]
    assert [a.title for a in data.actions] == [
        "Replace the broken cell-call button",
        "Restock hygiene packs at Keyham Lane",
    ]
    assert data.withheld_actions == 2
    assert data.stats == ws.run(icv_statistics, *FY18)


def test_the_golden_visits_offered_and_seen_are_printed(printed: Path) -> None:
    text = all_text(printed)
    assert "Independent Custody Visiting Annual Report" in text
    assert f"Report Date 18 June 2025 Report Author {AUTHOR} Security Classification OFFICIAL" in text
    # ICV-1, ICV-2, ICV-3 in the annual report's own sentence pattern (004:396).
    assert (
        "During 2018/19 the team made a total of 156 visits: 52 to Beaumont Leys, 52 to Euston Street and "
        "52 to Keyham Lane. 156 of the 156 scheduled visits were made (100% of scheduled visits "
        "achieved), with no missed visits."
    ) in text
    # ICV-4, ICV-6: 443 of 1,077 is 41.1%; the 634 declined are the rest (offered − seen).
    assert (
        "Volunteers offered to talk to 1,077 of them; 443 agreed to be seen (41.1% of those offered) and "
        "634 declined." in text
    )
    assert "Offered a visit 1,077 – Agreed to be seen 443 41.1% Declined 634 58.9%" in text


def test_the_figures_are_the_statistics_service_s(ws: Workspace, printed: Path) -> None:
    stats = ws.run(icv_statistics, *FY18)
    text = all_text(printed)
    for suite in stats.per_suite:
        assert (
            f"{suite.name} {suite.visits} {suite.expected} {suite.scheduled} {suite.missed} "
            f"{suite.cancelled} 100%" in text
        )
    assert f"All suites {stats.visits_completed} 156 {stats.scheduled} 0 0 100%" in text
    assert f"At the time of the visits {stats.in_custody:,} people were in custody." in text
    assert f"In custody at the time of the visits {stats.in_custody:,} –" in text
    assert stats.volunteer_hours == 468
    assert f"They gave {stats.volunteer_hours:,.0f} hours on visits" in text


def test_top_requests_and_how_they_were_handled(ws: Workspace, printed: Path) -> None:
    text = all_text(printed)
    # ICV-7 and ICV-8: the top three, all raised with the custody sergeant, the majority resolved.
    assert (
        "Detainees made 175 requests. The most frequent were: Food or drink (70), Interpreter (45) and "
        "Update on their case (30). 100% of the requests were raised with the custody sergeant and 60.0% "
        "were resolved during the visit."
    ) in text
    stats = ws.run(icv_statistics, *FY18)
    assert "Table Three: Requests by category and how they were handled" in text
    for f in stats.requests_by_category:  # a row each, in the service's order (the table may split)
        assert f"{f.category} {f.count} 100% {f.resolved_pct:.1f}%" in text
    assert "All requests 175 100% 60.0%" in text
    assert "Chart One: The three most frequent requests" in text
    assert "Request Number of requests Food or drink 70 Interpreter 45 Update on their case 30" in text


def test_serious_issues_volunteers_training_and_awards(printed: Path) -> None:
    text = all_text(printed)
    assert "No serious issues were observed during the visits." in text
    # 12 active at 31 March 2019 (the leaver left in September); 156 visits × 2 visitors × 1.5 hours.
    assert "At 31 March 2019 the scheme had 12 active volunteers. They gave 468 hours on visits" in text
    assert "completed 3 training courses and received 3 awards." in text
    assert "Course Completed Trauma Informed Practice 3" in text
    assert "Award Presented 10 years' service 2 Certificate of appreciation 1" in text
    for left_out in ("ICV induction", "Dog welfare", "Entered in error", "5 years' service"):
        assert left_out not in text


def test_actions_from_visits_with_their_status_and_withheld_ones_counted(printed: Path) -> None:
    text = all_text(printed)
    assert (
        "2 actions were raised from custody visits in the period. On 18 June 2025, 1 had been completed "
        "and 1 was still open." in text
    )
    assert "Status Actions Open 1 Completed 1 All actions 2" in text
    assert re.search(
        r"ACT-2018-0001 Replace the broken cell-call button Custody visit 02/04/2018, "
        r"(Beaumont Leys|Euston Street|Keyham Lane) \(ICV-2018-\w+\) 10/04/2018 Completed",
        text,
    )
    assert "Not shown: 2 actions withheld from publication." in text
    for hidden in (SENSITIVE, UNPUBLISHED, "Follow up the blanket supply", "Order new office chairs"):
        assert hidden not in text


def test_no_volunteer_or_detainee_is_named(ws: Workspace, printed: Path) -> None:
    text = all_text(printed)
    assert not re.search(r"Volunteer \d|VOL-\d{4}|Len Leaver|Dora Dogs", text)


def test_the_house_chrome_and_acronyms(printed: Path) -> None:
    pages = pages_text(printed)
    text = all_text(printed)
    assert (
        "Every Police and Crime Commissioner (PCC) must run an Independent Custody Visiting (ICV) scheme"
        in text
    )
    assert "Request of the Panel" in text
    assert "End of Report" in pages[-1]
    assert all(page.count("OFFICIAL") >= 2 for page in pages)


def test_a_period_with_no_rota_and_no_visits_still_prints(ws: Workspace, tmp_path: Path) -> None:
    report = ws.run(icv_annual.build, date(2024, 4, 1), date(2024, 7, 31), AUTHOR)
    text = all_text(render(report, tmp_path / "empty.pdf").path)
    # No slots: measured against the standard, 1 visit per suite per week × 17 whole weeks × 3 suites.
    assert "During the period 1 April 2024 to 31 July 2024 the team made a total of 0 visits" in text
    assert "0 of the 51 visits the standard expects were made (0%)." in text
    assert "No detainees were offered a visit in the period." in text
    assert "Detainees made no requests in this period." in text
    assert "There are no figures to chart for this period." in text
    assert "No actions were raised from custody visits in this period." in text


def test_period_words() -> None:
    assert icv_annual.period_words(date(2018, 4, 1), date(2019, 3, 31)) == "2018/19"
    assert icv_annual.period_words(date(2024, 4, 1), date(2024, 7, 31)) == (
        "the period 1 April 2024 to 31 July 2024"
    )
    assert icv_annual.period_words(date(2018, 4, 1), date(2020, 3, 31)).startswith("the period")


def test_it_is_registered_and_produced(ws: Workspace, tmp_path: Path) -> None:
    spec = REPORTS["icv-annual"]
    assert spec.title == icv_annual.TITLE and spec.build is icv_annual.build
    result = ws.run(produce, "icv-annual", *FY18, AUTHOR, tmp_path / "icv.pdf")
    assert result.pages == len(pages_text(result.path)) >= 3
