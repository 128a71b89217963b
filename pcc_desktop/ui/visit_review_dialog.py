"""The coordinator's review of a custody visit report: concerns become actions for the Force.

The dialog shows what the visitors reported (suite, date, visitors, the population snapshot, the
requests not resolved during the visit, any serious issue and the observations), takes the review
notes, and has one row per issue to raise. Each row becomes an action assigned to the Force's
custody department (or another organisation), owned by the signed-in user unless changed and due
20 working days away; the visitors are recorded as still to be told the outcome. OK reviews the
report and creates every action in one transaction, or nothing: a bad row is shown at its cells.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTextBrowser,
    QWidget,
)

from pcc_desktop.models import Priority, ReportStatus
from pcc_desktop.services.action_details import PRIORITY_LABELS
from pcc_desktop.services.choices import ActionChoices, action_choices
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.custody_details import VisitDetail, force_custody_organisation_id
from pcc_desktop.services.custody_visits import ReviewInput, ReviewIssue, get_visit, review_visit
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workdays import add_working_days
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.widgets import ChoiceCombo, FieldError, OptionalDateEdit

DUE_WORKING_DAYS = 20
HEADERS = ("Action title", "Description", "Owner", "Assign to", "Due", "Priority")
TITLE, DESCRIPTION, OWNER, ORG, DUE, PRIORITY = range(len(HEADERS))
WIDTHS = {TITLE: 260, OWNER: 160, ORG: 220, DUE: 120, PRIORITY: 100}
FIELD_COLUMNS = {
    "title": TITLE,
    "description": DESCRIPTION,
    "owner_id": OWNER,
    "assignee_org_id": ORG,
    "due_on": DUE,
    "priority": PRIORITY,
}
PRIORITIES = list(PRIORITY_LABELS)
ERROR_STYLE = "background-color: #fde7e9;"
WARNING_COLOUR = QColor("#a4262c")


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def unresolved_requests(detail: VisitDetail) -> list[str]:
    """``Detainee 2: Food or drink (raised with the sergeant)`` for each request left unresolved."""
    found = []
    for row in detail.conversations:
        for request in row.requests:
            if not request.resolved_during_visit:
                raised = "raised with the sergeant" if request.raised_with_sergeant else "not raised"
                note = f" — {request.notes}" if request.notes else ""
                found.append(f"Detainee {row.position}: {request.category} ({raised}){note}")
    return found


def summary_html(detail: VisitDetail) -> str:
    """The visit report in a few lines of rich text, for the reviewer to read before deciding."""
    arrived = f", arrived {detail.arrived_at:%H:%M}" if detail.arrived_at else ""
    visitors = ", ".join(v.name for v in detail.visitors) or "none recorded"
    parts = [
        f"<b>{_escape(detail.reference)} — {_escape(detail.suite_name)}, "
        f"{detail.visited_on:%A} {format_date(detail.visited_on)}{arrived}</b>",
        f"<b>Visitors:</b> {_escape(visitors)}",
        f"<b>Detainees:</b> {detail.in_custody} in custody, {detail.offered} offered a visit, "
        f"{detail.seen} seen, {detail.declined} declined, {detail.not_seen} not seen"
        + (f" ({_escape(detail.not_seen_reason)})" if detail.not_seen_reason else ""),
    ]
    requests = unresolved_requests(detail)
    listed = "".join(f"<li>{_escape(r)}</li>" for r in requests)
    parts.append(
        f"<b>Requests not resolved during the visit:</b><ul>{listed}</ul>"
        if requests
        else "<b>Requests not resolved during the visit:</b> none"
    )
    if detail.serious_issue:
        parts.append(f"<b>⚠ Serious issue:</b> {_escape(detail.serious_issue_notes) or 'flagged, no notes'}")
    if detail.terrorism_detention:
        parts.append("<b>Terrorism Act detention</b> reported.")
    parts.append(f"<b>Observations:</b> {_escape(detail.observations) or 'none'}")
    return _join(parts)


def _join(parts: list[str]) -> str:
    """Lines joined by breaks, except around a list, which breaks itself."""
    out = ""
    for part in parts:
        if out and not out.endswith("</ul>"):
            out += "<br>"
        out += part
    return out


@dataclass
class _Row:
    """The inputs of one issue."""

    title: QLineEdit
    description: QLineEdit
    owner: ChoiceCombo
    org: ChoiceCombo
    due: OptionalDateEdit
    priority: QComboBox

    def widgets(self) -> dict[int, QWidget]:
        return {
            TITLE: self.title,
            DESCRIPTION: self.description,
            OWNER: self.owner,
            ORG: self.org,
            DUE: self.due,
            PRIORITY: self.priority,
        }

    def issue(self) -> ReviewIssue:
        return ReviewIssue(
            title=self.title.text().strip(),
            description=self.description.text().strip(),
            owner_id=self.owner.current_id(),  # type: ignore[arg-type]
            assignee_org_id=self.org.current_id(),  # type: ignore[arg-type]
            due_on=self.due.value(),
            priority=PRIORITIES[max(self.priority.currentIndex(), 0)],
        )


class VisitReviewDialog(SubmitDialog):
    """Review one submitted visit report and raise its issues as actions, in one step."""

    def __init__(self, workspace: Workspace, visit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__("Review custody visit", parent)
        self.workspace = workspace
        self.visit_id = visit_id
        self._references: tuple[str, ...] = ()
        self._rows: list[_Row] = []
        self._marked: list[QWidget] = []
        self.detail = workspace.run(get_visit, visit_id)
        self._choices: ActionChoices = workspace.run(action_choices)
        self._force_org = workspace.run(force_custody_organisation_id)
        self._build_summary()
        self._build_table()
        self.submit = self._submit
        self.resize(1180, 760)

    def _build_summary(self) -> None:
        self.summary = QTextBrowser(self)
        self.summary.setObjectName("visit_summary")
        self.summary.setAccessibleName("Visit report summary")
        self.summary.setHtml(summary_html(self.detail))
        self.summary.setMinimumHeight(170)
        self.form.addRow(self.summary)
        if self.detail.status != ReportStatus.SUBMITTED:
            note = QLabel(
                f"⚠ This report is {self.detail.status.value}; only a submitted report can be reviewed.", self
            )
            note.setStyleSheet(f"color: {WARNING_COLOUR.name()};")
            self.form.addRow(note)
        self.notes = QPlainTextEdit(self.detail.review_notes, self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(72)
        self.notes.setPlaceholderText("What the coordinator makes of the report")
        self.add_field("Review &notes:", "notes", self.notes)

    def _build_table(self) -> None:
        intro = QLabel(
            "Each issue becomes an action for the Force, tracked in the action tracker; the visitors "
            "are recorded as still to be told the outcome. Leave the list empty if nothing needs doing.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("review_issues")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Issues to raise as actions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table_error = FieldError(self)
        self.add_button = QPushButton("&Add issue", self)
        self.add_button.setAccessibleName("Add issue")
        self.add_button.clicked.connect(lambda: self.add_issue())
        self.remove_button = QPushButton("&Remove issue", self)
        self.remove_button.setAccessibleName("Remove the chosen issue")
        self.remove_button.clicked.connect(self.remove_current_issue)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = self.layout()
        for position, item in enumerate((intro, self.table, self.table_error)):
            layout.insertWidget(1 + position, item, 1 if item is self.table else 0)  # type: ignore[attr-defined]
        layout.insertLayout(4, buttons)  # type: ignore[attr-defined]
        self._update_buttons()

    # --- rows --------------------------------------------------------------------------------

    def add_issue(self, title: str = "", description: str = "") -> int:
        """Add an issue row with the usual defaults; return its index."""
        row = _Row(
            title=QLineEdit(title),
            description=QLineEdit(description),
            owner=ChoiceCombo(blank_text=""),
            org=ChoiceCombo(blank_text=""),
            due=OptionalDateEdit("No date"),
            priority=QComboBox(),
        )
        row.title.setMaxLength(200)
        for edit in (row.title, row.description):
            edit.setCursorPosition(0)  # show the start of pre-filled text
            edit.textChanged.connect(edit.setToolTip)
        row.title.setPlaceholderText("What needs doing")
        row.owner.set_choices(self._choices.active_staff)
        row.owner.set_current_id(self.workspace.actor_id)
        row.org.set_choices(self._choices.organisations)
        row.org.set_current_id(self._force_org)
        row.due.set_value(add_working_days(today(), DUE_WORKING_DAYS))
        row.priority.addItems([PRIORITY_LABELS[p] for p in PRIORITIES])
        row.priority.setCurrentIndex(PRIORITIES.index(Priority.NORMAL))
        index = len(self._rows)
        self._rows.append(row)
        self.table.setRowCount(len(self._rows))
        for column, widget in row.widgets().items():
            self.table.setCellWidget(index, column, widget)
        self._name_rows()
        self.table.setCurrentCell(index, TITLE)
        row.title.setFocus()
        self._update_buttons()
        return index

    def remove_current_issue(self) -> None:
        """Remove the row chosen in the table."""
        index = self.table.currentRow()
        if 0 <= index < len(self._rows):
            self.table.removeRow(index)
            del self._rows[index]
            self._name_rows()
            self._update_buttons()

    def _name_rows(self) -> None:
        for index, row in enumerate(self._rows):
            for column, widget in row.widgets().items():
                widget.setAccessibleName(f"{HEADERS[column]}, issue {index + 1}")

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self._rows))

    # --- saving ------------------------------------------------------------------------------

    def review_input(self) -> ReviewInput:
        """What the dialog holds, as the service takes it."""
        return ReviewInput(
            notes=self.notes.toPlainText().strip(), issues=tuple(row.issue() for row in self._rows)
        )

    def _ui_errors(self) -> dict[str, str]:
        """Typed text that matches no choice (the service would quietly use its default)."""
        errors: dict[str, str] = {}
        for index, row in enumerate(self._rows):
            if row.owner.currentText().strip() and row.owner.current_id() is None:
                errors[f"owner_id:{index}"] = "Choose an owner from the list, or leave it empty for yourself."
            if row.org.currentText().strip() and row.org.current_id() is None:
                errors[f"assignee_org_id:{index}"] = "Choose an organisation from the list."
        return errors

    def _submit(self) -> None:
        found = self._ui_errors()
        if found:
            raise ValidationError(found)
        result = self.workspace.act(review_visit, self.visit_id, self.review_input())
        self._references = result.action_references

    def result_references(self) -> tuple[str, ...]:
        """The references of the actions the review created (empty until it is saved)."""
        return self._references

    def _on_ok(self) -> None:
        for widget in self._marked:
            widget.setStyleSheet("")
            widget.setToolTip("")
        self._marked.clear()
        self.table_error.show_message("")
        super()._on_ok()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Row messages (keys like ``title:0``) at their cells and listed under the table."""
        listed, rest, first = [], {}, None
        for key, message in errors.items():
            name, _, number = key.partition(":")
            if not number.isdigit() or int(number) >= len(self._rows):
                rest[key] = message
                continue
            index, column = int(number), FIELD_COLUMNS.get(name, TITLE)
            widget = self._rows[index].widgets()[column]
            widget.setStyleSheet(ERROR_STYLE)
            widget.setToolTip(f"⚠ {message}")
            self._marked.append(widget)
            listed.append(f"Issue {index + 1}, {HEADERS[column].lower()}: {message}")
            first = first or (index, column, widget)
        self.table_error.show_message("\n".join(listed))
        if first is not None:
            self.table.setCurrentCell(first[0], first[1])
            first[2].setFocus()
        super().show_errors(rest)

    def row_count(self) -> int:
        """How many issues the dialog holds."""
        return len(self._rows)

    def row(self, index: int) -> Any:
        """The inputs of one issue row (``title``, ``owner``, ``org``, ``due``…)."""
        return self._rows[index]
