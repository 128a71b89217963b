"""'You said, we did': what became of each issue, scoped, publishable only, free of personal data."""

from __future__ import annotations

import csv
import uuid
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from pcc_desktop.models import (
    Action,
    ActionStatus,
    Area,
    AreaKind,
    Classification,
    Engagement,
    EngagementStatus,
    EngagementType,
    FeedbackItem,
    OriginKind,
    RelayedTo,
    Theme,
)
from pcc_desktop.services.actions import ActionInput, add_update, change_status, create_action
from pcc_desktop.services.debrief import DebriefInput, DebriefItem, debrief_engagement
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.services.you_said_we_did import (
    EXPORT_COLUMNS,
    YouSaidWeDidScope,
    YswdRow,
    export_you_said_we_did,
    html_table,
    you_said_we_did,
)

CONTACT_NAME = "Margaret Residentson"
CONTACT_DETAILS = "margaret.residentson@example.org, 07700 900123"
ASSIGNEE = "PC Dana Beatwright"


def _area_id(ws: Workspace, name: str, kind: AreaKind = AreaKind.PLACE) -> uuid.UUID:
    with ws.session() as s:
        return s.scalars(select(Area.id).where(Area.name == name, Area.kind == kind)).one()


def _engagement(ws: Workspace, reference: str, held_on: date, area: str = "Loughborough", **kw: object):
    area_id = _area_id(ws, area)
    with ws.session() as s:
        engagement = Engagement(
            reference=reference,
            kind=kw.pop("kind", EngagementType.COMMUNITY_DAY),
            status=kw.pop("status", EngagementStatus.HELD),
            held_on=held_on,
            area_id=area_id,
            **kw,
        )
        s.add(engagement)
        s.flush()
        return engagement.id


def _feedback(ws: Workspace, engagement_id: uuid.UUID, text: str, themes=(), area=None, **kw: object):
    area_id = _area_id(ws, area) if area else None
    with ws.session() as s:
        item = FeedbackItem(engagement_id=engagement_id, text=text, area_id=area_id, **kw)
        item.themes = [s.scalars(select(Theme).where(Theme.name == n)).one() for n in themes]
        s.add(item)
        s.flush()
        return item.id


def _action_for(ws: Workspace, item_id: uuid.UUID, title: str = "Follow up", **kw: object) -> uuid.UUID:
    data = ActionInput(
        title=title,
        owner_id=ws.actor_id,
        logged_on=date(2025, 6, 16),
        origin_kind=OriginKind.FEEDBACK,
        feedback_item_id=item_id,
        **kw,  # type: ignore[arg-type]
    )
    return ws.act(create_action, data).id


def _rows(ws: Workspace, **scope: object) -> list[YswdRow]:
    return ws.run(you_said_we_did, YouSaidWeDidScope(**scope))  # type: ignore[arg-type]


def _said(rows: list[YswdRow]) -> list[str]:
    return [r.you_said for r in rows]


# --- what we did -------------------------------------------------------------------------------


def test_we_did_follows_each_item_to_its_outcome(seeded: Workspace) -> None:
    ws = seeded
    eng = _engagement(ws, "ENG-2025-0001", date(2025, 6, 12), place_name="Market Place")
    done = _feedback(ws, eng, "Speeding on Forest Road", themes=("Speeding in villages",), position=1)
    busy = _feedback(ws, eng, "Drug dealing by the park", position=2)
    quiet = _feedback(ws, eng, "Litter outside the shops", position=3)
    passed = _feedback(ws, eng, "Praise for the PCSO", position=4, relayed_to=RelayedTo.NPA_COMMANDER)
    noted = _feedback(ws, eng, "Bus shelter lighting", position=5)

    done_action = _action_for(ws, done)
    ws.act(change_status, done_action, ActionStatus.COMPLETED, "", "Speed checks twice a week since July")
    busy_action = _action_for(ws, busy)
    ws.act(change_status, busy_action, ActionStatus.IN_PROGRESS)
    ws.act(add_update, busy_action, "First note", date(2025, 6, 16))
    ws.act(add_update, busy_action, "Extra patrols agreed with the NPA", date(2025, 6, 17))
    _action_for(ws, quiet)
    assert passed and noted

    rows = _rows(ws, engagement_id=eng)
    assert [(r.we_did, r.status) for r in rows] == [
        ("Speed checks twice a week since July", "Completed"),
        ("In progress: Extra patrols agreed with the NPA", "In progress"),
        ("Open: being looked at", "Open"),
        ("Passed to the Neighbourhood Policing Area commander", "Passed on"),
        ("Noted", "Noted"),
    ]
    first = rows[0]
    assert (first.held_on, first.place, first.engagement_kind_label) == (
        date(2025, 6, 12),
        "Market Place",
        "Community day",
    )
    assert (first.you_said, first.themes) == ("Speeding on Forest Road", "Speeding in villages")


def test_several_actions_are_each_reported(seeded: Workspace) -> None:
    ws = seeded
    eng = _engagement(ws, "ENG-2025-0001", date(2025, 6, 12))
    item = _feedback(ws, eng, "Shoplifting in the high street")
    first = _action_for(ws, item, "Ask the Force")
    _action_for(ws, item, "Tell the business crime project")
    ws.act(change_status, first, ActionStatus.COMPLETED, "", "Retail crime officer visited")
    (row,) = _rows(ws)
    assert row.we_did == "Retail crime officer visited\nOpen: being looked at"
    assert row.status == "In progress"
    assert row.place == "Loughborough"  # no place name: the engagement's area


def test_the_text_of_an_unpublishable_action_is_left_out(seeded: Workspace) -> None:
    ws = seeded
    eng = _engagement(ws, "ENG-2025-0001", date(2025, 6, 12))
    secret = _feedback(ws, eng, "Drug house on Elm Street", position=1)
    sensitive = _feedback(ws, eng, "County lines", position=2)
    hidden = _action_for(ws, secret, publishable=False)
    ws.act(change_status, hidden, ActionStatus.COMPLETED, "", "Warrant executed at number 12")
    marked = _action_for(ws, sensitive, classification=Classification.OFFICIAL_SENSITIVE)
    ws.act(add_update, marked, "Operation Falcon briefed")
    rows = _rows(ws)
    assert [r.we_did for r in rows] == ["Completed", "Open: being looked at"]


# --- what is left out --------------------------------------------------------------------------


def test_unpublishable_sensitive_cancelled_and_deleted_are_left_out(seeded: Workspace) -> None:
    ws = seeded
    shown = _engagement(ws, "ENG-2025-0001", date(2025, 6, 12))
    private = _engagement(ws, "ENG-2025-0002", date(2025, 6, 12), publishable=False)
    sensitive = _engagement(
        ws, "ENG-2025-0003", date(2025, 6, 12), classification=Classification.OFFICIAL_SENSITIVE
    )
    cancelled = _engagement(ws, "ENG-2025-0004", date(2025, 6, 12), status=EngagementStatus.CANCELLED)
    gone = _engagement(ws, "ENG-2025-0005", date(2025, 6, 12))
    _feedback(ws, shown, "Shown")
    deleted_item = _feedback(ws, shown, "Deleted item")
    for eng, text in (
        (private, "Private"),
        (sensitive, "Sensitive"),
        (cancelled, "Cancelled"),
        (gone, "Gone"),
    ):
        _feedback(ws, eng, text)
    with ws.session() as s:
        for model, record_id in ((Engagement, gone), (FeedbackItem, deleted_item)):
            record = s.get_one(model, record_id)
            record.deleted_at = record.created_at
    assert _said(_rows(ws)) == ["Shown"]


def _with_personal_data(ws: Workspace) -> uuid.UUID:
    eng = _engagement(ws, "ENG-2025-0001", date(2025, 6, 12))
    item = _feedback(
        ws,
        eng,
        f"Speeding on Forest Road; {CONTACT_NAME} says it is worst at 8am",
        themes=("Speeding in villages",),
        consent_to_contact=True,
        consent_recorded_on=date(2025, 6, 12),
        contact_name=CONTACT_NAME,
        contact_details=CONTACT_DETAILS,
    )
    ws.act(debrief_engagement, eng, DebriefInput(date(2025, 6, 16), (DebriefItem(item, True),)))
    with ws.session() as s:
        action = s.scalars(select(Action)).one()
        action.assignee_person = ASSIGNEE
        action_id = action.id
    ws.act(
        change_status,
        action_id,
        ActionStatus.COMPLETED,
        "",
        f"{ASSIGNEE} ran speed checks; Alex Tester wrote to {CONTACT_NAME}",
    )
    return eng


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".html"])
def test_no_personal_data_in_any_export(seeded: Workspace, tmp_path: Path, suffix: str) -> None:
    ws = seeded
    _with_personal_data(ws)
    rows = _rows(ws)
    assert rows[0].we_did == "[removed] ran speed checks; [removed] wrote to [removed]"
    path = tmp_path / f"yswd{suffix}"
    assert export_you_said_we_did(rows, path) == 1
    if suffix == ".xlsx":
        sheet = load_workbook(path).active
        text = "\n".join(str(c.value) for line in sheet.iter_rows() for c in line if c.value is not None)
    else:
        text = path.read_text(encoding="utf-8-sig")
    assert "Speeding on Forest Road" in text
    for secret in (CONTACT_NAME, "Residentson", "example.org", "07700 900123", ASSIGNEE, "Alex Tester"):
        assert secret.lower() not in text.lower()


# --- scope -------------------------------------------------------------------------------------


def test_scope_by_engagement_and_period(seeded: Workspace) -> None:
    ws = seeded
    may = _engagement(ws, "ENG-2025-0001", date(2025, 5, 15))
    june = _engagement(ws, "ENG-2025-0002", date(2025, 6, 12))
    march = _engagement(ws, "ENG-2025-0003", date(2025, 3, 31))
    for eng, text in ((may, "May"), (june, "June"), (march, "March")):
        _feedback(ws, eng, text)
    assert _said(_rows(ws)) == ["March", "May", "June"]  # oldest first
    assert _said(_rows(ws, engagement_id=june)) == ["June"]
    assert _said(_rows(ws, date_from=date(2025, 4, 1), date_to=date(2025, 6, 30))) == ["May", "June"]
    assert _said(_rows(ws, date_from=date(2025, 5, 15), date_to=date(2025, 5, 15))) == ["May"]
    assert _said(_rows(ws, date_to=date(2025, 3, 31))) == ["March"]
    assert _said(_rows(ws, engagement_id=june, date_to=date(2025, 5, 31))) == []


def test_scope_by_area_includes_what_counts_towards_it(seeded: Workspace) -> None:
    ws = seeded
    loughborough = _engagement(ws, "ENG-2025-0001", date(2025, 6, 12), area="Loughborough")
    oakham = _engagement(ws, "ENG-2025-0002", date(2025, 6, 5), area="Oakham")
    _feedback(ws, loughborough, "Raised in Loughborough", position=1)
    _feedback(ws, oakham, "Raised in Oakham", position=1)
    _feedback(ws, oakham, "About Loughborough, raised in Oakham", area="Loughborough", position=2)
    with ws.session() as s:  # an engagement filed straight against an NPA
        npa_id = s.scalars(select(Area.id).where(Area.name == "Charnwood", Area.kind == AreaKind.NPA)).one()
    direct = _engagement(ws, "ENG-2025-0003", date(2025, 6, 13), area="Melton Mowbray", npa_id=npa_id)
    _feedback(ws, direct, "Filed against the NPA")

    charnwood = _said(_rows(ws, area_id=npa_id))
    assert charnwood == [
        "About Loughborough, raised in Oakham",
        "Raised in Loughborough",
        "Filed against the NPA",
    ]
    assert _said(_rows(ws, area_id=_area_id(ws, "Loughborough"))) == [
        "About Loughborough, raised in Oakham",
        "Raised in Loughborough",
    ]
    melton = _area_id(ws, "Melton & Rutland", AreaKind.NPA)
    assert _said(_rows(ws, area_id=melton)) == [
        "Raised in Oakham",
        "About Loughborough, raised in Oakham",
        "Filed against the NPA",
    ]
    assert _said(_rows(ws, area_id=_area_id(ws, "Oakham"))) == [
        "Raised in Oakham",
        "About Loughborough, raised in Oakham",
    ]


# --- export ------------------------------------------------------------------------------------


def _row(**changes: str) -> YswdRow:
    values = {
        "held_on": date(2025, 6, 12),
        "place": "Loughborough",
        "engagement_kind_label": "Community day",
        "you_said": "Speeding",
        "themes": "Speeding in villages",
        "we_did": "Speed checks",
        "status": "Completed",
    }
    return YswdRow(**{**values, **changes})  # type: ignore[arg-type]


def test_html_is_an_escaped_self_contained_table(tmp_path: Path) -> None:
    rows = [_row(you_said="<script>alert('x')</script> Fish & Chips \"shop\"", we_did="Line one\nLine <two>")]
    path = tmp_path / "yswd.html"
    export_you_said_we_did(rows, path)
    text = path.read_text(encoding="utf-8")
    assert text == html_table(rows)
    assert text.startswith('<table class="you-said-we-did">')
    assert "<script" not in text and "<html" not in text and "<style" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Fish &amp; Chips &quot;shop&quot;" in text
    assert "<td>Line one<br>Line &lt;two&gt;</td>" in text
    assert "<td>12/06/2025</td>" in text
    assert all(f'<th scope="col">{name}</th>' in text for name in ("Date", "You said", "We did"))
    assert "<caption>You said, we did</caption>" in text


def test_csv_and_excel_columns_and_dates(tmp_path: Path) -> None:
    rows = [_row(), _row(held_on=date(2025, 6, 19), we_did="Two\nlines")]  # type: ignore[arg-type]
    csv_path, xlsx_path = tmp_path / "yswd.csv", tmp_path / "yswd.xlsx"
    export_you_said_we_did(rows, csv_path)
    export_you_said_we_did(rows, str(xlsx_path))
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert tuple(lines[0]) == EXPORT_COLUMNS
    assert lines[1][0] == "12/06/2025"
    assert lines[2][5] == "Two\nlines"
    sheet = load_workbook(xlsx_path).active
    assert tuple(c.value for c in sheet[1]) == EXPORT_COLUMNS
    assert sheet["A2"].value.date() == date(2025, 6, 12)
    assert sheet["A2"].number_format == "DD/MM/YYYY"
    assert sheet.max_row == 3


def test_other_formats_are_refused(tmp_path: Path) -> None:
    for name in ("yswd.pdf", "yswd"):
        with pytest.raises(ValueError, match=r"\.csv, \.xlsx or \.html"):
            export_you_said_we_did([_row()], tmp_path / name)
        assert not (tmp_path / name).exists()


def test_empty_scope_exports_just_the_header(seeded: Workspace, tmp_path: Path) -> None:
    rows = _rows(seeded)
    assert rows == []
    path = tmp_path / "empty.html"
    assert export_you_said_we_did(rows, path) == 0
    assert "<tbody>\n  </tbody>" in path.read_text(encoding="utf-8")
