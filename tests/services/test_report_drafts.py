"""Report drafts: the narrative made editable by key, figures rebuilt, stale edits reported not fatal.

Covers ``services.report_drafts`` (and its reading half, ``report_draft_details``) and the bridge to
the report registry, ``reports.drafting``. Today is pinned to Wednesday 18 June 2025.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from pcc_desktop.models import (
    Action,
    ActionStatus,
    ChangeRecord,
    DraftStatus,
    Meeting,
    MeetingKind,
    OriginKind,
)
from pcc_desktop.reports.document import ChartBlock, Note, PanelReport, Para, Section, TableBlock
from pcc_desktop.reports.drafting import (
    apply_edits,
    draft_report,
    generate_draft,
    outline_of,
    produce,
    refresh_draft,
    reopen_draft,
    section_scopes,
    start_draft,
)
from pcc_desktop.reports.registry import REPORTS
from pcc_desktop.services.actions import ActionInput, change_status, create_action
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.report_drafts import (
    MAX_TEXT,
    ItemKind,
    ParagraphEdit,
    StoredEdit,
    discard_draft,
    discard_stale_edits,
    edit_paragraph,
    edit_paragraphs,
    get_draft,
    list_drafts,
)
from pcc_desktop.services.workspace import Workspace

FROM, TO = date(2025, 4, 1), date(2025, 6, 18)
EDITED = "The Commissioner is pleased that the office keeps a close eye on every follow-up."
MEETINGS = "outstanding-actions-by-origin/meetings/1"


def _text(path: Path) -> str:
    """The PDF's text with whitespace collapsed (as tests/reports/pdf_text.py's ``all_text``)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _meeting(ws: Workspace) -> uuid.UUID:
    with ws.session() as s:
        meeting = Meeting(kind=MeetingKind.CGB, held_on=date(2025, 6, 4), title="June CGB")
        s.add(meeting)
        s.flush()
        return meeting.id


def _actions(ws: Workspace) -> dict[str, uuid.UUID]:
    """A stand-alone action (overdue) and one raised at a meeting: two origin sections."""
    return {
        "alone": ws.act(
            create_action,
            ActionInput(
                title="Ask the Force about speeding on the A6",
                owner_id=ws.actor_id,
                logged_on=date(2025, 6, 2),
                due_on=date(2025, 6, 10),
            ),
        ).id,
        "meeting": ws.act(
            create_action,
            ActionInput(
                title="Report shoplifting figures to the Board",
                owner_id=ws.actor_id,
                logged_on=date(2025, 6, 4),
                origin_kind=OriginKind.MEETING,
                meeting_id=_meeting(ws),
                meeting_item="b",
            ),
        ).id,
    }


def _complete_meeting_actions(ws: Workspace) -> None:
    ids = ws.run(lambda s: list(s.scalars(select(Action.id).where(Action.meeting_id.is_not(None)))))
    assert ids
    for action_id in ids:
        ws.act(change_status, action_id, ActionStatus.COMPLETED, "", "Done")


@pytest.fixture
def logged(workspace: Workspace) -> Workspace:
    """The workspace with two outstanding actions."""
    _actions(workspace)
    return workspace


def test_a_draft_keeps_the_outline_in_reading_order_with_keyed_numbered_paragraphs(logged: Workspace) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    assert (draft.name, draft.title, draft.status) == (
        "action-log",
        REPORTS["action-log"].title,
        DraftStatus.DRAFT,
    )
    assert (draft.date_from, draft.date_to, draft.author_id) == (FROM, TO, logged.actor_id)
    assert draft.author_name == "Alex Tester"
    headings = [i.text for i in draft.items if i.kind == ItemKind.HEADING]
    assert headings[:3] == ["Purpose of Report", "Request of the Panel", "Summary"]
    assert "Meetings" in headings and "Stand-alone actions" in headings
    keys = [p.key for p in draft.paragraphs]
    assert keys[:4] == ["purpose/1", "purpose/2", "request/1", "summary/1"]
    assert MEETINGS in keys and len(set(keys)) == len(keys)
    assert [p.number for p in draft.paragraphs] == list(range(1, len(keys) + 1))
    assert draft.paragraph("request/1").points  # the Panel's questions are sub-points
    captions = [i.text for i in draft.items if i.kind in (ItemKind.TABLE, ItemKind.CHART)]
    assert captions[:3] == [
        "Table One: Outstanding actions by origin and owner",
        "Chart One: Outstanding actions by origin",
        "Table Two: The figures in Chart One (Outstanding actions by origin)",
    ]
    assert not any(p.edited for p in draft.paragraphs) and draft.stale_edits == ()


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_registered_report_drafts_and_unedited_it_is_the_report_itself(
    seeded: Workspace, name: str
) -> None:
    draft = seeded.act(start_draft, name, FROM, TO)
    assert draft.paragraphs, "every Panel report has a purpose at least"
    drafted = seeded.run(draft_report, draft.id)
    built = seeded.run(REPORTS[name].build, FROM, TO, "Alex Tester, Business Staff Officer")
    assert drafted.report == built
    assert drafted.stale_edits == drafted.outdated_edits == ()


def test_edited_paragraph_is_printed_and_the_figures_are_unchanged(logged: Workspace, tmp_path: Path) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    generated = draft.paragraph("summary/1").text
    draft = logged.act(edit_paragraph, draft.id, "summary/1", f"  {EDITED}  ", draft.row_version)
    summary = draft.paragraph("summary/1")
    assert (summary.text, summary.generated_text, summary.edited) == (EDITED, generated, True)

    record = logged.act(produce, draft.id, tmp_path)
    text = _text(record.file_path)
    assert EDITED in text
    assert " ".join(generated.split()) not in text
    built = logged.run(REPORTS["action-log"].build, FROM, TO, "Alex Tester, Business Staff Officer")
    counts = next(b for b in built.sections[0].blocks if isinstance(b, TableBlock))
    figures = " ".join(cell for row in counts.rows for cell in row)
    assert (
        figures
        == "Meetings Alex Tester 1 0 14 Stand-alone actions Alex Tester 1 1 16 All outstanding actions 2 1 16"
    )
    assert figures in text, "the tables come from the data, whatever the narrative says"
    assert logged.run(get_draft, draft.id).status == DraftStatus.PRODUCED


def test_sub_points_can_be_edited_and_kept_or_cleared(logged: Workspace) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    before = draft.paragraph("request/1").points
    draft = logged.act(edit_paragraph, draft.id, "request/1", "Questions for the Panel:", draft.row_version)
    assert draft.paragraph("request/1").points == before  # points=None keeps them
    draft = logged.act(
        edit_paragraph, draft.id, "request/1", "Questions:", draft.row_version, ["  One?  ", "", "Two?"]
    )
    assert draft.paragraph("request/1").points == ("One?", "Two?")
    report = logged.run(draft_report, draft.id).report
    assert report.request == Para("Questions:", ("One?", "Two?"))


def test_an_edit_whose_paragraph_has_gone_is_reported_not_fatal(logged: Workspace, tmp_path: Path) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    draft = logged.act(
        edit_paragraph, draft.id, MEETINGS, "The Board's action is in hand.", draft.row_version
    )
    _complete_meeting_actions(logged)  # the "Meetings" section is no longer generated

    drafted = logged.run(draft_report, draft.id)
    assert [e.key for e in drafted.stale_edits] == [MEETINGS]
    assert drafted.stale_edits[0].text == "The Board's action is in hand."
    assert "The Board's action is in hand." not in str(drafted.report)

    refreshed = logged.act(refresh_draft, draft.id)
    assert [e.key for e in refreshed.stale_edits] == [MEETINGS], (
        "kept until discarded: the words are not lost"
    )
    record = logged.act(produce, draft.id, tmp_path)
    assert [e.key for e in record.stale_edits] == [MEETINGS]
    assert "in hand" not in _text(record.file_path)


def test_an_edit_over_changed_figures_is_applied_and_flagged(logged: Workspace) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    draft = logged.act(edit_paragraph, draft.id, "summary/1", EDITED, draft.row_version)
    logged.act(create_action, ActionInput(title="Another one", owner_id=logged.actor_id, logged_on=TO))

    drafted = logged.run(draft_report, draft.id)
    assert [e.key for e in drafted.outdated_edits] == ["summary/1"]
    assert drafted.report.summary[0].text == EDITED
    refreshed = logged.act(refresh_draft, draft.id)
    assert refreshed.paragraph("summary/1").outdated
    assert "3 outstanding actions" in refreshed.paragraph("summary/1").generated_text
    saved = logged.act(
        edit_paragraph, draft.id, "summary/1", EDITED + " Three are open.", refreshed.row_version
    )
    assert not saved.paragraph("summary/1").outdated, "saving it again means it has been looked at"


def test_an_outdated_edit_saved_unchanged_is_kept_and_no_longer_flagged(logged: Workspace) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    draft = logged.act(edit_paragraph, draft.id, "summary/1", EDITED, draft.row_version)
    logged.act(create_action, ActionInput(title="Another one", owner_id=logged.actor_id, logged_on=TO))
    draft = logged.act(refresh_draft, draft.id)
    assert draft.paragraph("summary/1").outdated
    kept = logged.act(edit_paragraph, draft.id, "summary/1", EDITED, draft.row_version)
    assert kept.paragraph("summary/1").text == EDITED and not kept.paragraph("summary/1").outdated
    assert logged.run(draft_report, draft.id).outdated_edits == ()
    reasons = logged.run(
        lambda s: list(s.scalars(select(ChangeRecord.reason).where(ChangeRecord.field == "summary/1")))
    )
    assert "Edited wording kept after the generated wording changed" in reasons


def test_bad_edits_are_refused_at_their_paragraph_and_change_nothing(logged: Workspace) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    edits = {
        "summary/1": ParagraphEdit("   "),
        "purpose/1": ParagraphEdit("x" * (MAX_TEXT + 1)),
        "nowhere/1": ParagraphEdit("Text"),
        "request/1": ParagraphEdit("Questions:", ("y" * 1001,)),
        "purpose/2": ParagraphEdit("Fine on its own."),
    }
    with pytest.raises(ValidationError) as caught:
        logged.act(edit_paragraphs, draft.id, edits, draft.row_version)
    errors = caught.value.errors
    assert set(errors) == {"summary/1", "purpose/1", "nowhere/1", "request/1:points"}
    assert "Write something" in errors["summary/1"]
    assert "no longer in the draft" in errors["nowhere/1"]
    after = logged.run(get_draft, draft.id)
    assert after.row_version == draft.row_version
    assert not any(p.edited for p in after.paragraphs), "all or nothing"


def test_an_out_of_date_version_and_a_produced_draft_are_refused(logged: Workspace, tmp_path: Path) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    logged.act(edit_paragraph, draft.id, "summary/1", EDITED, draft.row_version)
    with pytest.raises(ConflictError):
        logged.act(edit_paragraph, draft.id, "purpose/1", "Other words.", draft.row_version)
    current = logged.run(get_draft, draft.id)
    logged.act(produce, draft.id, tmp_path)
    with pytest.raises(ValidationError) as caught:
        logged.act(edit_paragraph, draft.id, "purpose/1", "Other words.", current.row_version + 1)
    assert "Reopen it" in caught.value.errors["status"]
    reopened = logged.act(reopen_draft, draft.id)
    assert reopened.status == DraftStatus.DRAFT and reopened.versions == 1
    assert reopened.paragraph("summary/1").text == EDITED, "reopening keeps the edits"


def test_writing_the_generated_text_back_removes_the_edit(logged: Workspace) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    generated = draft.paragraph("purpose/1").text
    draft = logged.act(edit_paragraph, draft.id, "purpose/1", "Shorter.", draft.row_version)
    draft = logged.act(edit_paragraph, draft.id, "purpose/1", generated, draft.row_version)
    assert not draft.paragraph("purpose/1").edited
    assert logged.run(draft_report, draft.id).report.purpose[0].text == generated


def test_edits_are_written_to_the_history(logged: Workspace) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    logged.act(edit_paragraph, draft.id, "summary/1", EDITED, draft.row_version)
    rows = logged.run(
        lambda s: list(
            s.execute(
                select(ChangeRecord.field, ChangeRecord.new_value, ChangeRecord.changed_by_id)
                .where(ChangeRecord.entity_type == "report_draft", ChangeRecord.entity_id == draft.id)
                .order_by(ChangeRecord.changed_at)
            )
        )
    )
    assert [r[0] for r in rows] == ["created", "summary/1"]
    assert rows[1][1] == EDITED and rows[1][2] == logged.actor_id


def test_unknown_report_and_backwards_period_are_refused(logged: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        logged.act(start_draft, "annual-report", FROM, TO)
    assert "action-log" in caught.value.errors["report"]
    with pytest.raises(ValidationError) as caught:
        logged.act(start_draft, "action-log", TO, FROM)
    assert "date_to" in caught.value.errors
    assert logged.run(list_drafts) == []


def test_generate_reuses_the_open_draft_for_the_period_and_drafts_can_be_discarded(logged: Workspace) -> None:
    first = logged.act(generate_draft, "action-log", FROM, TO)
    logged.act(edit_paragraph, first.id, "summary/1", EDITED, first.row_version)
    again = logged.act(generate_draft, "action-log", FROM, TO)
    assert again.id == first.id and again.paragraph("summary/1").text == EDITED
    other = logged.act(generate_draft, "action-log", date(2025, 1, 1), TO)
    assert other.id != first.id
    rows = logged.run(list_drafts)
    assert {r.id for r in rows} == {first.id, other.id}
    assert next(r for r in rows if r.id == first.id).edits == 1
    logged.act(discard_draft, other.id)
    assert [r.id for r in logged.run(list_drafts)] == [first.id]
    with pytest.raises(NotFoundError):
        logged.run(get_draft, other.id)


def test_stale_edits_can_be_discarded_once_read(logged: Workspace) -> None:
    draft = logged.act(start_draft, "action-log", FROM, TO)
    draft = logged.act(edit_paragraph, draft.id, MEETINGS, "Gone soon.", draft.row_version)
    _complete_meeting_actions(logged)
    draft = logged.act(refresh_draft, draft.id)
    assert [e.key for e in draft.stale_edits] == [MEETINGS]
    draft = logged.act(discard_stale_edits, draft.id, draft.row_version)
    assert draft.stale_edits == ()


# --- keys and edits on a hand-made report (no database) -------------------------------------------


def _report(*sections: Section) -> PanelReport:
    return PanelReport(
        title="Test",
        report_date=TO,
        author="A",
        purpose=(Para("Why."),),
        request=None,
        summary=(Para("In short."), Para("More.")),
        sections=sections,
    )


def test_keys_come_from_headings_so_they_survive_sections_coming_and_going() -> None:
    table = TableBlock("Counts", ("A", "B"), (("x", "1"),))
    sections = (
        Section("Overview", (Para("One."), table, Note("Left out: none."), Para("Two."))),
        Section("By origin"),
        Section("Meetings", (Para("M."),), level=2),
        Section("Summary", (Para("Clash with the front matter."),)),
        Section("Overview", (Para("Again."), ChartBlock("Bars", ("a",), (1,), "n", "c"))),
    )
    assert section_scopes(sections) == [
        "overview",
        "by-origin",
        "by-origin/meetings",
        "summary-2",
        "overview-2",
    ]
    outline = outline_of(_report(*sections))
    keys = [i.key for i in outline if i.kind == ItemKind.PARAGRAPH]
    assert keys == [
        "purpose/1",
        "summary/1",
        "summary/2",
        "overview/1",
        "overview/2",
        "by-origin/meetings/1",
        "summary-2/1",
        "overview-2/1",
    ]
    assert [i.text for i in outline if i.kind in (ItemKind.TABLE, ItemKind.CHART, ItemKind.NOTE)] == [
        "Table One: Counts",
        "Left out: none.",
        "Chart One: Bars",
        "Table Two: The figures in Chart One (Bars)",
    ]
    without_first = _report(*sections[1:])
    assert "by-origin/meetings/1" in [i.key for i in outline_of(without_first)]


def test_apply_edits_puts_each_edit_in_place_and_leaves_figures_alone() -> None:
    table = TableBlock("Counts", ("A", "B"), (("x", "1"),))
    report = _report(Section("Overview", (Para("One."), table, Para("Two."))))
    edits = {
        "summary/2": StoredEdit("summary/2", "Edited more.", (), "More.", ()),
        "overview/2": StoredEdit("overview/2", "Edited two.", ("p",), "Two (old).", ()),
        "gone/1": StoredEdit("gone/1", "Nowhere.", (), "x", ()),
    }
    drafted = apply_edits(report, edits)
    assert drafted.report.summary == (Para("In short."), Para("Edited more."))
    assert drafted.report.sections[0].blocks == (Para("One."), table, Para("Edited two.", ("p",)))
    assert [e.key for e in drafted.stale_edits] == ["gone/1"]
    assert [e.key for e in drafted.outdated_edits] == ["overview/2"]
