"""The public 'You said, we did' sheet: the period's issues and what became of them, nothing personal."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pdf_text import all_text
from report_db import module_workspace
from sqlalchemy import select

from pcc_desktop.models import (
    ActionStatus,
    Area,
    AreaKind,
    Engagement,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    OriginKind,
    RelayedTo,
    Theme,
)
from pcc_desktop.reports import you_said_we_did as sheet
from pcc_desktop.reports.house_style import render
from pcc_desktop.services.actions import ActionInput, change_status, create_action
from pcc_desktop.services.workspace import Workspace

AUTHOR = "Lizzie Starr, Director of Governance and Performance"
CONTACT = "Margaret Residentson"
PHONE = "07700 900123"
ASSIGNEE = "PC Dana Beatwright"


def _engagement(ws: Workspace, reference: str, held_on: date, **kw: object) -> uuid.UUID:
    with ws.session() as s:
        area_id = s.scalars(select(Area.id).where(Area.name == "Oakham", Area.kind == AreaKind.PLACE)).one()
        engagement = Engagement(
            reference=reference,
            kind=EngagementType.COMMUNITY_DAY,
            status=EngagementStatus.HELD,
            held_on=held_on,
            area_id=area_id,
            **kw,
        )
        s.add(engagement)
        s.flush()
        return engagement.id


def _feedback(
    ws: Workspace, engagement_id: uuid.UUID, text: str, position: int, themes=(), **kw
) -> uuid.UUID:
    with ws.session() as s:
        item = FeedbackItem(engagement_id=engagement_id, text=text, position=position, **kw)
        item.themes = [s.scalars(select(Theme).where(Theme.name == n)).one() for n in themes]
        s.add(item)
        s.flush()
        return item.id


def _action(ws: Workspace, item_id: uuid.UUID, **kw: object) -> uuid.UUID:
    data = ActionInput(
        title="Follow up",
        owner_id=ws.actor_id,
        logged_on=date(2025, 6, 13),
        origin_kind=OriginKind.FEEDBACK,
        feedback_item_id=item_id,
        **kw,  # type: ignore[arg-type]
    )
    return ws.act(create_action, data).id


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("yswd")
    with module_workspace(folder, date(2025, 6, 18), seeded=True) as ws:
        yield _print_sheet(ws, folder)


def _print_sheet(ws: Workspace, folder: Path) -> Path:
    day = _engagement(ws, "ENG-2025-0001", date(2025, 6, 12), place_name="Market Place")
    speeding = _feedback(
        ws,
        day,
        f"Speeding on Forest Road; {CONTACT} says it is worst at 8am",
        1,
        themes=("Speeding in villages",),
        consent_to_contact=True,
        consent_recorded_on=date(2025, 6, 12),
        contact_name=CONTACT,
        contact_details=PHONE,
    )
    dealing = _feedback(ws, day, "Drug dealing by the park", 2, themes=("Drug dealing",))
    _feedback(ws, day, "Praise for the PCSO", 3, relayed_to=RelayedTo.NPA_COMMANDER)
    done = _action(ws, speeding, assignee_person=ASSIGNEE)
    ws.act(change_status, done, ActionStatus.COMPLETED, "", f"{ASSIGNEE} ran speed checks twice a week")
    ws.act(change_status, _action(ws, dealing), ActionStatus.IN_PROGRESS)
    private = _engagement(ws, "ENG-2025-0002", date(2025, 6, 10), publishable=False)
    _feedback(ws, private, "A private matter", 1)
    earlier = _engagement(ws, "ENG-2025-0003", date(2025, 5, 20))
    _feedback(ws, earlier, "Raised before the period", 1)
    report = ws.run(sheet.build, date(2025, 6, 1), date(2025, 6, 18), AUTHOR)
    return render(report, folder / "you-said-we-did.pdf").path


def test_the_sheet_tells_what_was_raised_and_done(printed: Path) -> None:
    text = all_text(printed)
    assert "You Said, We Did" in text
    assert "Residents raised 3 issues at 1 engagement between 1 June 2025 and 18 June 2025." in text
    assert "Of these: 1 completed, 1 in progress and 1 passed on." in text
    assert "Community day in Market Place on 12 June 2025:" in text
    assert "(a) You said: Speeding on Forest Road; [removed] says it is worst at 8am." in text
    assert "We did: [removed] ran speed checks twice a week. (Completed)" in text
    assert "(b) You said: Drug dealing by the park. We did: In progress: being looked at." in text
    assert "(c) You said: Praise for the Police Community Support Officer (PCSO). We did: Passed to" in text


def test_the_sheet_counts_outcomes_and_themes(printed: Path) -> None:
    text = all_text(printed)
    assert "Table One: Issues raised and what became of them" in text
    assert "Completed 1 In progress 1 Passed on 1 All issues 3" in text
    assert "Chart One: Issues raised by theme" in text
    assert "Theme Number of issues raised Drug dealing 1 No theme recorded 1 Speeding in villages 1" in text


def test_the_sheet_holds_no_personal_or_unpublishable_data(printed: Path) -> None:
    text = all_text(printed).lower()
    for secret in (
        CONTACT,
        "Residentson",
        PHONE,
        ASSIGNEE,
        "Alex Tester",
        "A private matter",
        "before the period",
    ):
        assert secret.lower() not in text


def test_an_empty_period_still_prints(seeded: Workspace, tmp_path: Path) -> None:
    report = seeded.run(sheet.build, date(2025, 6, 1), date(2025, 6, 18), AUTHOR)
    text = all_text(render(report, tmp_path / "empty.pdf").path)
    assert "No issues raised between 1 June 2025 and 18 June 2025 are ready to publish." in text
    assert "No issues were raised in this period." in text
    assert "End of Report" in text
