"""The file record of one visit: a custody visit (no detainee identified) or a Dog Unit visit.

Both reports are written, submitted and reviewed through the visit services, then printed. Today is
pinned to Wednesday 18 June 2025 (tests/conftest.py).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from pdf_text import all_text, pages_text
from report_db import module_workspace
from sqlalchemy import select

from pcc_desktop.models import (
    ActionStatus,
    AwsSite,
    ChecklistArea,
    ChecklistItem,
    CheckResult,
    Classification,
    CustodySuite,
    Dog,
    MembershipStatus,
    OriginKind,
    RequestCategory,
    Scheme,
    SchemeMembership,
    SiteKind,
    Volunteer,
    WelfareRating,
)
from pcc_desktop.reports import visit_report
from pcc_desktop.reports.document import PANEL_NAME
from pcc_desktop.reports.visit_record import RaisedActionLine, actions_section
from pcc_desktop.services import aws_visits, clock, custody_visits
from pcc_desktop.services.actions import ActionInput, create_action
from pcc_desktop.services.custody_reference import seed_custody_reference
from pcc_desktop.services.custody_visits import ConversationInput, RequestInput, ReviewInput, ReviewIssue
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace

AUTHOR = "Sam Okafor, Volunteers Manager"
TODAY = date(2025, 6, 18)
DAY = date(2025, 6, 16)
CUSTODY_NUMBER = "KL20250616ZQX"
SENSITIVE = "Intelligence about a detention passed to the Inspector"
MET, CONCERN = WelfareRating.MET, WelfareRating.CONCERN


@dataclass(frozen=True)
class Made:
    """The visit reports the module prints, by what they are for."""

    custody: uuid.UUID
    custody_submitted: uuid.UUID
    custody_draft: uuid.UUID
    dog_unit: uuid.UUID
    dog_unit_draft: uuid.UUID


def _items(ws: Workspace, area: ChecklistArea) -> list[uuid.UUID]:
    with ws.session() as s:
        stmt = select(ChecklistItem.id).where(ChecklistItem.area == area).order_by(ChecklistItem.position)
        return list(s.scalars(stmt))


@dataclass(frozen=True)
class Icv:
    """The suite, the pair of visitors and the request categories the custody visits use."""

    suite: uuid.UUID
    pair: tuple[uuid.UUID, ...]
    categories: dict[str, uuid.UUID]


def _custody_ids(ws: Workspace) -> Icv:
    with ws.session() as s:
        suite = s.scalars(select(CustodySuite.id).where(CustodySuite.name == "Keyham Lane")).one()
        people = [Volunteer(reference=f"VOL-2025-000{n}", name=f"{n} Visitor") for n in ("1", "2")]
        s.add_all(people)
        s.flush()
        categories = {c.name: c.id for c in s.scalars(select(RequestCategory))}
        return Icv(suite, tuple(p.id for p in people), categories)


def _custody_visit(ws: Workspace, icv: Icv, serious: bool = True) -> uuid.UUID:
    """A visit with three detainees (two notes that name someone), conditions and a serious issue."""
    suite, pair, categories = icv.suite, icv.pair, icv.categories
    header = custody_visits.VisitInput(
        suite_id=suite, visited_on=DAY, arrived_at=time(19), admitted_at=time(19, 5),
        departed_at=time(20, 30), visitor_ids=pair, in_custody=10, offered=6, seen=3, declined=2,
        not_seen=1, not_seen_reason="Asleep.", escorted_by_rank="Sergeant", serious_issue=serious,
        serious_issue_notes="A detainee with diabetes had not seen the nurse for six hours." * serious,
        observations="All calm. The detainee in cell 4, John Smith, asked for Mrs Patel.",
    )  # fmt: skip
    visit = ws.act(custody_visits.create_visit, header).id
    welfare = _items(ws, ChecklistArea.RIGHTS_AND_WELFARE)
    first = ConversationInput(
        consent_to_talk=True, custody_number=CUSTODY_NUMBER,
        welfare={welfare[0]: CheckResult.YES, welfare[4]: CheckResult.NO},
        requests=(
            RequestInput(categories["Food or drink"], True, resolved_during_visit=True),
            RequestInput(categories["Interpreter"], True, notes="Booked for the morning."),
        ),
        notes="Asked for a hot drink; given one.",
    )  # fmt: skip
    second = ConversationInput(
        consent_to_talk=True, juvenile=True, vulnerable=True,
        welfare={welfare[0]: CheckResult.NOT_APPLICABLE}, notes="Mr Jones was upset about his phone call.",
    )  # fmt: skip
    for talk in (first, second, ConversationInput(consent_to_talk=True)):
        ws.act(custody_visits.add_conversation, visit, talk)
    conditions = _items(ws, ChecklistArea.CONDITIONS)
    answers = {conditions[0]: (CheckResult.NO, "Graffiti in cell 3"), conditions[1]: (CheckResult.YES, "")}
    ws.act(custody_visits.set_conditions, visit, answers)
    return visit


def _review_custody(ws: Workspace, visit: uuid.UUID) -> None:
    ws.act(custody_visits.submit_visit, visit)
    review = ReviewInput(
        notes="Raised the graffiti with the custody Inspector.",
        issues=(ReviewIssue("Remove the graffiti in cell 3", due_on=date(2025, 7, 1)),),
    )
    ws.act(custody_visits.review_visit, visit, review)
    data = ActionInput(
        title=SENSITIVE, owner_id=ws.actor_id, logged_on=TODAY, origin_kind=OriginKind.CUSTODY_VISIT,
        custody_visit_id=visit, classification=Classification.OFFICIAL_SENSITIVE,
    )  # fmt: skip
    ws.act(create_action, data)


def _dog_world(ws: Workspace) -> tuple[uuid.UUID, tuple[uuid.UUID, ...], uuid.UUID, uuid.UUID]:
    with ws.session() as s:
        site = AwsSite(name="Dog Unit, Enderby", kind=SiteKind.DOG_UNIT)
        people = [Volunteer(reference=f"VOL-2025-001{n}", name=name) for n, name in enumerate(("Ann", "Bob"))]
        rex = Dog(name="Rex", collar_number="PD101", in_service_on=date(2021, 5, 1))
        bess = Dog(name="Bess", collar_number="", in_service_on=date(2020, 1, 1))
        s.add_all([site, *people, rex, bess])
        s.flush()
        for person in people:
            s.add(SchemeMembership(volunteer_id=person.id, scheme=Scheme.AWS, status=MembershipStatus.ACTIVE,
                                   started_on=date(2023, 1, 1)))  # fmt: skip
        return site.id, tuple(p.id for p in people), rex.id, bess.id


def _dog_unit_visit(ws: Workspace) -> tuple[uuid.UUID, uuid.UUID]:
    """A reviewed Dog Unit visit with two dogs, two areas, training, a serious issue; and a draft."""
    site, pair, rex, bess = _dog_world(ws)
    header = aws_visits.AwsVisitInput(
        site_id=site, visited_on=DAY, arrived_at=time(10), departed_at=time(12, 30), visitor_ids=pair,
        received_by="PS 1234 Jones", brief_given=True, saw_kennels=True, saw_vehicles=True,
        training_observed=True, training_notes="Obedience and recall on the field.",
        enrichment="Sandpit raked and fresh; pool being refilled.", serious_issue=True,
        serious_issue_notes="The heat alarm in van DH03 did not sound.",
        escalated_at=datetime(2025, 6, 16, 9, 15, tzinfo=UTC), escalated_to="Dog Unit Sergeant",
        observations="Kennels clean; dogs settled.",
    )  # fmt: skip
    visit = ws.act(aws_visits.create_visit, header).id
    kennel, van = _items(ws, ChecklistArea.AWS_KENNELS)[0], _items(ws, ChecklistArea.AWS_VEHICLES)[2]
    ws.act(aws_visits.set_checks, visit, {kennel: (CheckResult.NO, "Wet bedding"), van: (CheckResult.NO, "")})
    ratings = {"environment": MET, "diet": MET, "behaviour": MET, "companionship": MET}
    ws.act(aws_visits.save_observation, visit, aws_visits.ObservationInput(rex, **ratings, health=MET))
    sore = aws_visits.ObservationInput(
        bess, **ratings, health=CONCERN, condition_notes="Limping on the left fore."
    )
    ws.act(aws_visits.save_observation, visit, sore)
    ws.act(aws_visits.submit_visit, visit)
    finding = aws_visits.AwsFinding("Fix the van heat alarm", due_on=date(2025, 6, 30))
    ws.act(
        aws_visits.review_visit, visit, aws_visits.AwsReviewInput("Raised with the Inspector.", (finding,))
    )
    draft = ws.act(aws_visits.create_visit, aws_visits.AwsVisitInput(site_id=site, visited_on=DAY)).id
    return visit, draft


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Made]]:
    with module_workspace(tmp_path_factory.mktemp("visits"), TODAY, seeded=True) as ws:
        ws.run(seed_custody_reference)
        icv = _custody_ids(ws)
        custody = _custody_visit(ws, icv)
        _review_custody(ws, custody)
        submitted = _custody_visit(ws, icv, serious=False)
        ws.act(custody_visits.submit_visit, submitted)
        draft = _custody_visit(ws, icv)
        dog_unit, dog_draft = _dog_unit_visit(ws)
        yield ws, Made(custody, submitted, draft, dog_unit, dog_draft)


@pytest.fixture(scope="module")
def custody_pdf(made: tuple[Workspace, Made], tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws, ids = made
    clock.pin_today(TODAY)
    path = tmp_path_factory.mktemp("pdf") / "custody.pdf"
    return ws.run(visit_report.produce_visit, "custody", ids.custody, AUTHOR, path).path


@pytest.fixture(scope="module")
def dog_pdf(made: tuple[Workspace, Made], tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws, ids = made
    clock.pin_today(TODAY)
    path = tmp_path_factory.mktemp("pdf") / "dog-unit.pdf"
    return ws.run(visit_report.produce_visit, "dog-unit", ids.dog_unit, AUTHOR, path).path


# --- custody visits --------------------------------------------------------------------------------


def test_a_custody_record_is_a_visit_record_not_a_panel_paper(made: tuple[Workspace, Made]) -> None:
    ws, ids = made
    report = ws.run(visit_report.build_custody, ids.custody, AUTHOR)
    assert report.title == "Custody Visit Record ICV-2025-0001"
    assert report.meeting == "Independent Custody Visiting Scheme – Visit Record"
    assert report.request is None and report.meeting != PANEL_NAME


def test_the_custody_header_and_the_review(custody_pdf: Path) -> None:
    text = all_text(custody_pdf)
    assert (
        "Reference ICV-2025-0001 Custody suite Keyham Lane Date 16 June 2025 Times Arrived 19:00, admitted "
        "19:05, left 20:30 (1 hour 30 minutes) How the visit was made In person Visitors 1 Visitor "
        "(VOL-2025-0001) and 2 Visitor (VOL-2025-0002) Escorted by Sergeant"
    ) in text
    assert "Status Reviewed by Alex Tester on 18/06/2025 (submitted on 18/06/2025)" in text
    assert re.search(r"Review \d+\. Raised the graffiti with the custody Inspector\.", text)


def test_the_custody_findings_by_detainee_number(custody_pdf: Path) -> None:
    text = all_text(custody_pdf)
    assert (
        "In custody at the time of the visit 10 Offered a visit 6 Seen 3 Declined 2 Offered but not seen 1"
    ) in text
    assert "Not seen because: Asleep." in text
    assert "No. 1 No No Yes No 2 Asked for a hot drink; given one." in text
    assert "No. 3 No No Yes No 0 –" in text
    assert "Check No. 1 No. 2 Told of their rights and given the written notice Yes N/A" in text
    assert "Interpreter provided where needed No –" in text
    assert "Food or drink (1) No. 1 Yes Yes – Interpreter (1) No. 1 Yes No Booked for the morning." in text
    assert "Cells clean and free of graffiti No Graffiti in cell 3" in text
    assert re.search(
        r"The visitors recorded a serious issue\. \d+\. A detainee with diabetes had not seen", text
    )


def test_no_detainee_is_identified(made: tuple[Workspace, Made], custody_pdf: Path) -> None:
    text = all_text(custody_pdf)
    for identity in ("John Smith", "Mrs Patel", "Mr Jones", CUSTODY_NUMBER, "ZQX"):
        assert identity not in text
    assert (
        text.count("[Withheld: may identify someone. See the report on screen.]") == 2
    )  # a row, observations
    assert "No. 2 Yes Yes Yes No 0 [Withheld" in text
    raw = custody_pdf.read_bytes()
    assert CUSTODY_NUMBER.encode() not in raw


def test_the_custody_actions_with_their_status(custody_pdf: Path) -> None:
    text = all_text(custody_pdf)
    assert "The review raised 1 action. On 18 June 2025, it was still open." in text
    assert "ACT-2025-0001 Remove the graffiti in cell 3 01/07/2025 Open" in text
    assert "Not shown: 1 action marked OFFICIAL-SENSITIVE." in text
    assert SENSITIVE not in text
    assert (
        "The review raised 1 action." in text
        and "detainees made 2 requests: 2 raised with the custody sergeant and 1 resolved" in text.lower()
    )


def test_a_submitted_custody_report_awaits_review(made: tuple[Workspace, Made], tmp_path: Path) -> None:
    ws, ids = made
    result = ws.run(visit_report.produce_visit, "custody", ids.custody_submitted, AUTHOR, tmp_path / "s.pdf")
    text = all_text(result.path)
    assert "ICV-2025-0002" in text and "as they submitted it; it is awaiting review by the Office" in text
    assert "Status Awaiting review (submitted on 18/06/2025)" in text
    assert "The report has been submitted and is awaiting review." in text
    assert "No serious issue was recorded." in text and "No actions were raised from this visit." in text


def test_a_draft_is_refused(made: tuple[Workspace, Made], tmp_path: Path) -> None:
    ws, ids = made
    for kind, draft, reference in (
        ("custody", ids.custody_draft, "ICV-2025-0003"),
        ("dog-unit", ids.dog_unit_draft, "AWS-2025-0002"),
    ):
        with pytest.raises(ValidationError) as caught:
            ws.run(visit_report.produce_visit, kind, draft, AUTHOR, tmp_path / "draft.pdf")
        assert f"{reference} is still a draft" in caught.value.errors["status"]
    assert not list(tmp_path.glob("*.pdf"))


def test_produce_refuses_an_unknown_kind_and_a_missing_report(
    made: tuple[Workspace, Made], tmp_path: Path
) -> None:
    ws, ids = made
    with pytest.raises(ValidationError) as caught:
        ws.run(visit_report.produce_visit, "hate-crime", ids.custody, AUTHOR, tmp_path / "x.pdf")
    assert "'custody' or 'dog-unit'" in caught.value.errors["kind"]
    with pytest.raises(NotFoundError):
        ws.run(visit_report.produce_visit, "custody", ids.dog_unit, AUTHOR, tmp_path / "x.pdf")
    with pytest.raises(NotFoundError):
        ws.run(visit_report.build_dog_unit, uuid.uuid4(), AUTHOR)


# --- Dog Unit visits -------------------------------------------------------------------------------


def test_the_dog_unit_header_and_summary(dog_pdf: Path) -> None:
    text = all_text(dog_pdf)
    assert "Animal Welfare Scheme – Visit Record Dog Unit Visit Record AWS-2025-0001" in text
    assert (
        "Reference AWS-2025-0001 Site Dog Unit, Enderby Date 16 June 2025 Times Arrived 10:00, left 12:30 "
        "(2 hours 30 minutes) How the visit came about Unannounced Visitors Ann (VOL-2025-0010) and Bob "
        "(VOL-2025-0011) Briefing given on arrival Yes Areas seen Kennels and vehicles"
    ) in text
    assert (
        "The visitors rated 2 dogs against the five welfare needs; 1 dog had a need rated a concern." in text
    )
    assert "PS 1234 Jones" not in text  # who received the visitors is personal data


def test_the_dog_unit_checklists_dogs_training_and_escalation(dog_pdf: Path) -> None:
    text = all_text(dog_pdf)
    assert "Kennels Kennels clean and dry No Wet bedding Vehicles Heat alarm fitted and working No –" in text
    assert "Not seen on this visit: training, home kennels." in text
    assert "Dog Environment Diet Behaviour Companionship Health Bess Met Met Met Met Concern" in text
    assert "Rex (collar PD101) Met Met Met Met Met" in text
    assert "Dog Notes Bess Limping on the left fore." in text
    assert "The visitors observed training." in text and "Obedience and recall on the field." in text
    assert "Sandpit raked and fresh; pool being refilled." in text
    # 09:15 UTC is 10:15 in London (British Summer Time).
    assert "It was escalated to Dog Unit Sergeant on 16 June 2025 at 10:15." in text


def test_the_dog_unit_review_and_actions(dog_pdf: Path) -> None:
    text = all_text(dog_pdf)
    assert "Raised with the Inspector." in text
    assert "The review raised 1 action. On 18 June 2025, it was still open." in text
    assert "Fix the van heat alarm 30/06/2025 Open" in text


def test_both_records_have_the_house_chrome(custody_pdf: Path, dog_pdf: Path) -> None:
    for path in (custody_pdf, dog_pdf):
        pages = pages_text(path)
        assert "End of Report" in pages[-1]
        assert all(page.count("OFFICIAL") >= 2 for page in pages)
        assert "Request of the Panel" not in all_text(path)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ((ActionStatus.OPEN, ActionStatus.IN_PROGRESS), "On 18 June 2025, both were still open."),
        (
            (ActionStatus.OPEN, ActionStatus.OPEN, ActionStatus.OPEN),
            "On 18 June 2025, all 3 were still open.",
        ),
        ((ActionStatus.COMPLETED, ActionStatus.DEFERRED), "On 18 June 2025, none of them was still open."),
        (
            (ActionStatus.COMPLETED, ActionStatus.OPEN, ActionStatus.OPEN),
            "On 18 June 2025, 2 of them were still",
        ),
    ],
)
def test_the_actions_paragraph_says_how_many_are_still_open(statuses: tuple, expected: str) -> None:
    lines = tuple(
        RaisedActionLine(f"ACT-2025-000{n}", "Do it", "", status, TODAY, None)
        for n, status in enumerate(statuses)
    )
    section = actions_section(lines, 0)
    assert expected in section.blocks[0].text  # type: ignore[union-attr]
