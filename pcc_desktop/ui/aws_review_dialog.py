"""The coordinator's review of a Dog Unit visit report: findings become actions for the Dog Unit.

The dialog shows what the visitors reported (site, date, visitors, areas seen, the dogs with a
concern, the checklist items answered No, any serious issue and how it was escalated, training,
enrichment and observations), takes the review notes, and has one row per finding. Each row becomes
an action assigned to the Dog Unit (or another organisation), owned by the signed-in user unless
changed and due 20 working days away; the visitors are recorded as still to be told the outcome. A
serious issue on the report starts the list with a finding for it. OK reviews the report and
creates every action in one transaction, or nothing: a bad row is shown at its cells.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass
from typing import Any

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

from pcc_desktop.models import CheckResult, Priority, ReportStatus
from pcc_desktop.services.action_details import PRIORITY_LABELS
from pcc_desktop.services.aws_details import AwsVisitDetail, dog_unit_organisation_id
from pcc_desktop.services.aws_visits import AwsFinding, AwsReviewInput, get_visit, review_visit
from pcc_desktop.services.choices import ActionChoices, action_choices
from pcc_desktop.services.clock import format_date, format_moment, today
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workdays import add_working_days
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_visit_list import AREA_TITLES, BASIS_LABELS, NEED_LABELS
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.visit_review_dialog import DUE_WORKING_DAYS, ERROR_STYLE, WARNING_COLOUR
from pcc_desktop.ui.widgets import ChoiceCombo, FieldError, OptionalDateEdit

HEADERS = ("Finding", "Description", "Owner", "Assign to", "Due", "Priority")
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
TITLE_LIMIT = 200


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _listed(heading: str, lines: list[str]) -> str:
    if not lines:
        return f"<b>{heading}:</b> none"
    return f"<b>{heading}:</b><ul>{''.join(f'<li>{_escape(line)}</li>' for line in lines)}</ul>"


def concerns_of(detail: AwsVisitDetail) -> list[str]:
    """``Rex (PD101): health — Limping`` for each dog with a need rated a concern."""
    found = []
    for dog in detail.dogs:
        if dog.concerns():
            needs = ", ".join(NEED_LABELS[need].lower() for need in dog.concerns())
            collar = f" ({dog.collar_number})" if dog.collar_number else ""
            note = f" — {dog.condition_notes}" if dog.condition_notes else ""
            found.append(f"{dog.dog_name}{collar}: {needs}{note}")
    return found


def failed_checks(detail: AwsVisitDetail) -> list[str]:
    """``Vehicles: Heat alarm fitted and working — no alarm in van 2`` for each item answered No."""
    return [
        f"{AREA_TITLES[area]}: {answer.text}" + (f" — {answer.note}" if answer.note else "")
        for area, answers in detail.checks.items()
        for answer in answers
        if answer.result == CheckResult.NO
    ]


def summary_html(detail: AwsVisitDetail) -> str:
    """The visit report in a few lines of rich text, for the reviewer to read before deciding."""
    arrived = f", arrived {detail.arrived_at:%H:%M}" if detail.arrived_at else ""
    visitors = ", ".join(v.name for v in detail.visitors) or "none recorded"
    areas = ", ".join(AREA_TITLES[a].lower() for a in detail.areas_seen()) or "none ticked"
    basis = BASIS_LABELS[detail.basis].lower()
    parts = [
        f"<b>{_escape(detail.reference)} — {_escape(detail.site_name)}, "
        f"{detail.visited_on:%A} {format_date(detail.visited_on)}{arrived}</b> ({basis})",
        f"<b>Visitors:</b> {_escape(visitors)}",
        f"<b>Areas seen:</b> {areas}; brief given: {'yes' if detail.brief_given else 'no'}",
        f"<b>Dogs seen:</b> {len(detail.dogs)}",
        _listed("Dogs with a concern", concerns_of(detail)),
        _listed("Checklist items answered No", failed_checks(detail)),
    ]
    if detail.serious_issue:
        to = _escape(detail.escalated_to) or "(not recorded)"
        escalated = (
            f"escalated {format_moment(detail.escalated_at)} to {to}"
            if detail.escalated_at
            else "not recorded as escalated"
        )
        notes = _escape(detail.serious_issue_notes) or "flagged, no notes"
        parts.append(f"<b>⚠ Serious issue:</b> {notes} ({escalated})")
    if detail.training_observed:
        parts.append(f"<b>Training observed:</b> {_escape(detail.training_notes) or 'no notes'}")
    parts.append(f"<b>Enrichment:</b> {_escape(detail.enrichment) or 'not recorded'}")
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


def serious_finding(detail: AwsVisitDetail) -> tuple[str, str]:
    """The title and description of the finding a serious issue starts the list with."""
    first_line = (detail.serious_issue_notes.strip().splitlines() or ["reported at the visit"])[0]
    title = f"Serious issue: {first_line}"
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1] + "…"
    notes = " ".join(detail.serious_issue_notes.split())  # one line: the description box is a line edit
    if notes and not notes.endswith((".", "!", "?")):
        notes += "."
    escalated = (
        f" Escalated {format_moment(detail.escalated_at)} to {detail.escalated_to}."
        if detail.escalated_at
        else ""
    )
    return title, f"{notes}{escalated}".strip()


@dataclass
class _Row:
    """The inputs of one finding."""

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

    def finding(self) -> AwsFinding:
        return AwsFinding(
            title=self.title.text().strip(),
            description=self.description.text().strip(),
            owner_id=self.owner.current_id(),  # type: ignore[arg-type]
            assignee_org_id=self.org.current_id(),  # type: ignore[arg-type]
            due_on=self.due.value(),
            priority=PRIORITIES[max(self.priority.currentIndex(), 0)],
        )


class AwsReviewDialog(SubmitDialog):
    """Review one submitted Dog Unit report and raise its findings as actions, in one step."""

    def __init__(self, workspace: Workspace, visit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__("Review Dog Unit visit", parent)
        self.setObjectName("aws_review_dialog")
        self.workspace = workspace
        self.visit_id = visit_id
        self._references: tuple[str, ...] = ()
        self._rows: list[_Row] = []
        self._marked: list[QWidget] = []
        self.detail = workspace.run(get_visit, visit_id)
        self._choices: ActionChoices = workspace.run(action_choices)
        self._dog_unit = workspace.run(dog_unit_organisation_id)
        self._build_summary()
        self._build_table()
        if self.detail.serious_issue and self.detail.status == ReportStatus.SUBMITTED:
            self.add_finding(*serious_finding(self.detail), priority=Priority.HIGH)
        self.submit = self._submit
        self._fit_screen()

    def _fit_screen(self) -> None:
        """Wide enough for the findings, but short enough for a 768-pixel laptop screen and its title bar."""
        available = self.screen().availableGeometry()
        self.resize(min(1180, available.width() - 40), min(680, available.height() - 60))

    def _build_summary(self) -> None:
        self.summary = QTextBrowser(self)
        self.summary.setObjectName("aws_visit_summary")
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
            "Each finding becomes an action for the Dog Unit, tracked in the action tracker; the visitors "
            "are recorded as still to be told the outcome. Leave the list empty if nothing needs doing.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("aws_review_findings")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Findings to raise as actions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table_error = FieldError(self)
        self.add_button = QPushButton("&Add finding", self)
        self.add_button.setAccessibleName("Add finding")
        self.add_button.clicked.connect(lambda: self.add_finding())
        self.remove_button = QPushButton("&Remove finding", self)
        self.remove_button.setAccessibleName("Remove the chosen finding")
        self.remove_button.clicked.connect(self.remove_current_finding)
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

    def add_finding(
        self, title: str = "", description: str = "", priority: Priority = Priority.NORMAL
    ) -> int:
        """Add a finding row with the usual defaults; return its index."""
        row = _Row(
            title=QLineEdit(title),
            description=QLineEdit(description),
            owner=ChoiceCombo(blank_text=""),
            org=ChoiceCombo(blank_text=""),
            due=OptionalDateEdit("No date"),
            priority=QComboBox(),
        )
        row.title.setMaxLength(TITLE_LIMIT)
        for edit in (row.title, row.description):
            edit.setCursorPosition(0)  # show the start of pre-filled text
            edit.setToolTip(edit.text())
            edit.textChanged.connect(edit.setToolTip)
        row.title.setPlaceholderText("What needs doing")
        row.owner.set_choices(self._choices.active_staff)
        row.owner.set_current_id(self.workspace.actor_id)
        row.org.set_choices(self._choices.organisations)
        row.org.set_current_id(self._dog_unit)
        row.due.set_value(add_working_days(today(), DUE_WORKING_DAYS))
        row.priority.addItems([PRIORITY_LABELS[p] for p in PRIORITIES])
        row.priority.setCurrentIndex(PRIORITIES.index(priority))
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

    def remove_current_finding(self) -> None:
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
                widget.setAccessibleName(f"{HEADERS[column]}, finding {index + 1}")

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self._rows))

    # --- saving ------------------------------------------------------------------------------

    def review_input(self) -> AwsReviewInput:
        """What the dialog holds, as the service takes it."""
        return AwsReviewInput(
            notes=self.notes.toPlainText().strip(), findings=tuple(row.finding() for row in self._rows)
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
            listed.append(f"Finding {index + 1}, {HEADERS[column].lower()}: {message}")
            first = first or (index, column, widget)
        self.table_error.show_message("\n".join(listed))
        if first is not None:
            self.table.setCurrentCell(first[0], first[1])
            first[2].setFocus()
        super().show_errors(rest)

    def row_count(self) -> int:
        """How many findings the dialog holds."""
        return len(self._rows)

    def row(self, index: int) -> Any:
        """The inputs of one finding row (``title``, ``owner``, ``org``, ``due``…)."""
        return self._rows[index]
