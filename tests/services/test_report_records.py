"""Produced reports kept as records: versioned file names, checksums, verification, listing."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date
from pathlib import Path

import pytest
from pypdf import PdfReader

from pcc_desktop import paths
from pcc_desktop.models import DraftStatus
from pcc_desktop.reports import drafting
from pcc_desktop.reports.drafting import produce, reopen_draft, start_draft
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.services.report_drafts import get_draft
from pcc_desktop.services.report_records import (
    default_folder,
    file_name,
    get_record,
    list_records,
    next_output,
    verify_record,
)
from pcc_desktop.services.workspace import Workspace

FROM, TO = date(2025, 4, 1), date(2025, 6, 18)


def test_file_names_carry_the_report_the_period_and_the_version() -> None:
    assert file_name("update-report", date(2024, 4, 1), date(2025, 3, 31), 3) == (
        "update-report_2024-04-01_2025-03-31_v3.pdf"
    )


def test_producing_writes_the_pdf_and_keeps_the_record(workspace: Workspace, tmp_path: Path) -> None:
    draft = workspace.act(start_draft, "action-log", FROM, TO)
    record = workspace.act(produce, draft.id, tmp_path / "out")

    assert record.file_path == (tmp_path / "out" / "action-log_2025-04-01_2025-06-18_v1.pdf").resolve()
    assert record.version == 1 and record.draft_id == draft.id
    assert (record.name, record.title) == ("action-log", draft.title)
    assert (record.date_from, record.date_to) == (FROM, TO)
    assert (record.author_id, record.author_name) == (workspace.actor_id, "Alex Tester")
    assert record.produced_at.tzinfo == UTC
    assert record.pages == len(PdfReader(record.file_path).pages)
    assert record.sha256 == hashlib.sha256(record.file_path.read_bytes()).hexdigest()
    assert workspace.run(get_draft, draft.id).status == DraftStatus.PRODUCED
    assert workspace.run(get_record, record.id).file_ok is True


def test_the_default_folder_is_reports_in_the_data_folder(workspace: Workspace) -> None:
    draft = workspace.act(start_draft, "action-log", FROM, TO)
    record = workspace.act(produce, draft.id)
    assert default_folder() == paths.data_dir() / "reports"
    assert record.file_path.parent == default_folder().resolve()


def test_a_new_version_needs_the_draft_reopened(workspace: Workspace, tmp_path: Path) -> None:
    draft = workspace.act(start_draft, "action-log", FROM, TO)
    first = workspace.act(produce, draft.id, tmp_path)
    with pytest.raises(ValidationError) as caught:
        workspace.act(produce, draft.id, tmp_path)
    assert "reopen" in caught.value.errors["status"]
    workspace.act(reopen_draft, draft.id)
    second = workspace.act(produce, draft.id, tmp_path)
    assert (first.version, second.version) == (1, 2)
    assert second.file_path.name.endswith("_v2.pdf") and first.file_path.exists()
    assert workspace.run(get_draft, draft.id).versions == 2


def test_the_version_moves_past_a_file_already_in_the_folder(workspace: Workspace, tmp_path: Path) -> None:
    (tmp_path / file_name("action-log", FROM, TO, 1)).write_bytes(b"somebody else's")
    assert workspace.run(next_output, "action-log", FROM, TO, tmp_path) == (
        2,
        tmp_path / file_name("action-log", FROM, TO, 2),
    )
    draft = workspace.act(start_draft, "action-log", FROM, TO)
    record = workspace.act(produce, draft.id, tmp_path)
    assert record.version == 2
    assert (tmp_path / file_name("action-log", FROM, TO, 1)).read_bytes() == b"somebody else's"


def test_verify_spots_a_changed_or_missing_file(workspace: Workspace, tmp_path: Path) -> None:
    draft = workspace.act(start_draft, "action-log", FROM, TO)
    record = workspace.act(produce, draft.id, tmp_path)
    assert workspace.run(verify_record, record.id) is True
    with record.file_path.open("ab") as pdf:
        pdf.write(b"%% tampered\n")
    assert workspace.run(verify_record, record.id) is False
    record.file_path.unlink()
    assert workspace.run(verify_record, record.id) is False
    assert [r.file_ok for r in workspace.run(list_records)] == [False]


def test_records_are_listed_newest_first_and_by_report(seeded: Workspace, tmp_path: Path) -> None:
    made = []
    for name in ("action-log", "you-said-we-did", "action-log"):
        draft = seeded.act(drafting.generate_draft, name, FROM, TO)
        if draft.status == DraftStatus.PRODUCED:
            draft = seeded.act(reopen_draft, draft.id)
        made.append(seeded.act(produce, draft.id, tmp_path))
    listed = seeded.run(list_records)
    assert [r.id for r in listed] == [r.id for r in reversed(made)]
    assert all(r.file_ok for r in listed)
    assert [r.version for r in seeded.run(list_records, "action-log")] == [2, 1]
    assert [r.file_ok for r in seeded.run(list_records, None, False)] == [None, None, None]


def test_a_failed_print_leaves_no_record_and_no_file(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = workspace.act(start_draft, "action-log", FROM, TO)

    def refuse(*_args: object) -> None:
        raise ValidationError.single("status", "Refused for the test.")

    monkeypatch.setattr(drafting, "save_record", refuse)
    with pytest.raises(ValidationError):
        workspace.act(produce, draft.id, tmp_path)
    assert list(tmp_path.glob("*.pdf")) == []
    assert workspace.run(list_records) == []
    assert workspace.run(get_draft, draft.id).status == DraftStatus.DRAFT


def test_an_unknown_record_is_not_found(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError):
        workspace.run(verify_record, uuid.uuid4())
