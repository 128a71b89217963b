"""The shared shape of a coordinator's visit review: the report summary, notes and rows of actions.

A custody visit review raises "issues" and a Dog Unit visit review raises "findings", but both show
the report, take review notes and hold a table of rows (title, description, owner, organisation, due
date, priority), each of which becomes an action. ``ActionRowsReviewDialog`` holds all of that; a
subclass names the row, the default organisation and the service call that saves the review.
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
from pcc_desktop.services.clock import today
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.workdays import add_working_days
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.widgets import ChoiceCombo, FieldError, OptionalDateEdit

DUE_WORKING_DAYS = 20
TITLE_LIMIT = 200
COLUMN_NAMES = ("Description", "Owner", "Assign to", "Due", "Priority")
TITLE, DESCRIPTION, OWNER, ORG, DUE, PRIORITY = range(1 + len(COLUMN_NAMES))
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


def escape_html(text: str) -> str:
    """Text made safe for rich text, its line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def join_parts(parts: list[str]) -> str:
    """Lines joined by breaks, except around a list, which breaks itself."""
    out = ""
    for part in parts:
        if out and not out.endswith("</ul>"):
            out += "<br>"
        out += part
    return out


@dataclass(frozen=True)
class ReviewWording:
    """What a review dialog calls its rows and whom they go to.

    Attributes:
        noun: One row, in lower case ("issue", "finding").
        title_header: The heading of the title column.
        assignee: Who the actions go to by default, for the intro ("the Force").
        table_name: The table's object name.
        summary_name: The summary's object name.
        prefilled_tooltips: Whether a row's pre-filled title and description show as tooltips at once.
    """

    noun: str
    title_header: str
    assignee: str
    table_name: str
    summary_name: str
    prefilled_tooltips: bool = False


@dataclass
class ActionRow:
    """The inputs of one row that becomes an action."""

    title: QLineEdit
    description: QLineEdit
    owner: ChoiceCombo
    org: ChoiceCombo
    due: OptionalDateEdit
    priority: QComboBox

    def widgets(self) -> dict[int, QWidget]:
        """The row's inputs by column."""
        return {
            TITLE: self.title,
            DESCRIPTION: self.description,
            OWNER: self.owner,
            ORG: self.org,
            DUE: self.due,
            PRIORITY: self.priority,
        }

    def values(self) -> dict[str, Any]:
        """The row as keyword arguments of the service's row input (``ReviewIssue``, ``AwsFinding``)."""
        return {
            "title": self.title.text().strip(),
            "description": self.description.text().strip(),
            "owner_id": self.owner.current_id(),
            "assignee_org_id": self.org.current_id(),
            "due_on": self.due.value(),
            "priority": PRIORITIES[max(self.priority.currentIndex(), 0)],
        }


class ActionRowsReviewDialog(SubmitDialog):
    """Review one submitted visit report and raise its rows as actions, in one step.

    Subclasses pass the report detail, its summary and the default organisation, and implement
    ``_summary_html`` and ``_save``, which calls the review service and returns the new actions' references.
    """

    def __init__(
        self,
        title: str,
        workspace: Workspace,
        visit_id: uuid.UUID,
        detail: Any,
        default_org: uuid.UUID | None,
        wording: ReviewWording,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.workspace = workspace
        self.visit_id = visit_id
        self.detail = detail
        self.wording = wording
        self.headers = (wording.title_header, *COLUMN_NAMES)
        self._default_org = default_org
        self._references: tuple[str, ...] = ()
        self._rows: list[ActionRow] = []
        self._marked: list[QWidget] = []
        self._choices: ActionChoices = workspace.run(action_choices)
        self._build_summary()
        self._build_table()
        self.submit = self._submit
        self._fit_screen()

    def _summary_html(self) -> str:
        """The report as rich text for the reviewer; subclasses say how."""
        raise NotImplementedError

    def _save(self) -> tuple[str, ...]:
        """Review the report through the service; return the references of the actions created."""
        raise NotImplementedError

    def _fit_screen(self) -> None:
        """Wide enough for the rows, but short enough for a 768-pixel laptop screen and its title bar."""
        available = self.screen().availableGeometry()
        self.resize(min(1180, available.width() - 40), min(680, available.height() - 60))

    def _build_summary(self) -> None:
        self.summary = QTextBrowser(self)
        self.summary.setObjectName(self.wording.summary_name)
        self.summary.setAccessibleName("Visit report summary")
        self.summary.setHtml(self._summary_html())
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
        noun = self.wording.noun
        intro = QLabel(
            f"Each {noun} becomes an action for {self.wording.assignee}, tracked in the action tracker; "
            "the visitors are recorded as still to be told the outcome. Leave the list empty if nothing "
            "needs doing.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.headers), self)
        self.table.setObjectName(self.wording.table_name)
        self.table.setHorizontalHeaderLabels(list(self.headers))
        self.table.setAccessibleName(f"{noun.capitalize()}s to raise as actions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table_error = FieldError(self)
        self._build_buttons(intro)

    def _build_buttons(self, intro: QLabel) -> None:
        noun = self.wording.noun
        self.add_button = QPushButton(f"&Add {noun}", self)
        self.add_button.setAccessibleName(f"Add {noun}")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(f"&Remove {noun}", self)
        self.remove_button.setAccessibleName(f"Remove the chosen {noun}")
        self.remove_button.clicked.connect(self.remove_current_row)
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

    def _new_row(self, title: str, description: str, priority: Priority) -> ActionRow:
        """A row's inputs with the usual defaults: owned by the user, due 20 working days away."""
        row = ActionRow(
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
            if self.wording.prefilled_tooltips:
                edit.setToolTip(edit.text())
            edit.textChanged.connect(edit.setToolTip)
        row.title.setPlaceholderText("What needs doing")
        row.owner.set_choices(self._choices.active_staff)
        row.owner.set_current_id(self.workspace.actor_id)
        row.org.set_choices(self._choices.organisations)
        row.org.set_current_id(self._default_org)
        row.due.set_value(add_working_days(today(), DUE_WORKING_DAYS))
        row.priority.addItems([PRIORITY_LABELS[p] for p in PRIORITIES])
        row.priority.setCurrentIndex(PRIORITIES.index(priority))
        return row

    def add_row(self, title: str = "", description: str = "", priority: Priority = Priority.NORMAL) -> int:
        """Add a row with the usual defaults; return its index."""
        row = self._new_row(title, description, priority)
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

    def remove_current_row(self) -> None:
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
                widget.setAccessibleName(f"{self.headers[column]}, {self.wording.noun} {index + 1}")

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self._rows))

    # --- saving ------------------------------------------------------------------------------

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
        self._references = self._save()

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
            listed.append(
                f"{self.wording.noun.capitalize()} {index + 1}, {self.headers[column].lower()}: {message}"
            )
            first = first or (index, column, widget)
        self.table_error.show_message("\n".join(listed))
        if first is not None:
            self.table.setCurrentCell(first[0], first[1])
            first[2].setFocus()
        super().show_errors(rest)

    def row_count(self) -> int:
        """How many rows the dialog holds."""
        return len(self._rows)

    def row(self, index: int) -> ActionRow:
        """The inputs of one row (``title``, ``owner``, ``org``, ``due``…)."""
        return self._rows[index]
