"""Print the selected custody or Dog Unit visit report as a record for the file (a PDF)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from pcc_desktop.models import ReportStatus
from pcc_desktop.services.staff import get_staff
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.tasks import TaskRunner


def _author(ws: Workspace) -> str:
    """The signed-in person's "Name, job title", for the record's Report Author line."""
    if ws.actor_id is None:
        return "Office of the Police and Crime Commissioner"
    me = ws.run(get_staff, ws.actor_id)
    return ", ".join(part for part in (me.name, me.job_title) if part)


def print_visit_record(
    parent: QWidget,
    ws: Workspace,
    tasks: TaskRunner,
    kind: str,
    visit: object | None,
    done: Callable[[str], None],
) -> None:
    """Ask where to save the record of ``visit`` and write it off the GUI thread.

    Args:
        parent: The dialogs' parent.
        ws: The workspace.
        tasks: Runs the rendering in the background.
        kind: ``"custody"`` or ``"dog-unit"`` (``reports.visit_report.KINDS``).
        visit: The selected report's detail (``id``, ``reference``, ``status``), or None.
        done: Called with a status-bar message once the file is written.
    """
    if visit is None:
        QMessageBox.information(parent, "Print visit record", "Choose a visit report in the list first.")
        return
    if visit.status == ReportStatus.DRAFT:  # type: ignore[attr-defined]
        QMessageBox.information(
            parent, "Print visit record", "A draft is not a record yet: submit the report first."
        )
        return
    reference: str = visit.reference  # type: ignore[attr-defined]
    target, _filter = QFileDialog.getSaveFileName(
        parent, "Save the visit record", f"{reference}.pdf", "PDF files (*.pdf)"
    )
    if not target:
        return
    path = Path(target).with_suffix(".pdf")
    visit_id: uuid.UUID = visit.id  # type: ignore[attr-defined]
    author = _author(ws)

    def write() -> object:
        from pcc_desktop.reports.visit_report import produce_visit

        return ws.run(produce_visit, kind, visit_id, author, path)

    def failed(exc: Exception) -> None:
        QMessageBox.warning(parent, "Print visit record", f"The record could not be written:\n{exc}")

    def written(result: object) -> None:
        done(f"Wrote {reference} to {result.path} ({result.pages} pages)")  # type: ignore[attr-defined]

    tasks.run(write, written, failed)
