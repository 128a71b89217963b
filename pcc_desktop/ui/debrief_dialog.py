"""The debrief dialog: turn what residents raised at an engagement into actions, in one step.

After a community day the Commissioner debriefs the team, "from which a number of actions are
logged" (domain.md §3.1 steps 5-7). The dialog lists every feedback item of the engagement, one row
each, pre-filled from ``services.debrief``: negative items without an action are ticked, each with
a suggested title, the signed-in user as owner and a due date 20 working days away. Items can also be
marked for a future Corporate Governance Board, and the local intelligence passed to the
Neighbourhood Area Commander is recorded. OK saves everything in one transaction or nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pcc_desktop.models import EngagementStatus, Sentiment
from pcc_desktop.services.action_details import engagement_label
from pcc_desktop.services.choices import action_choices
from pcc_desktop.services.clock import today
from pcc_desktop.services.debrief import (
    DebriefCandidate,
    DebriefInput,
    DebriefItem,
    DebriefResult,
    debrief_engagement,
    debrief_preview,
)
from pcc_desktop.services.engagements import get_engagement
from pcc_desktop.services.errors import ValidationError
from pcc_desktop.services.feedback import SENTIMENT_LABELS, get_feedback, list_feedback, update_feedback
from pcc_desktop.services.workdays import add_working_days
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import SubmitDialog
from pcc_desktop.ui.widgets import ChoiceCombo, FieldError, OptionalDateEdit, add_checked_row

DUE_WORKING_DAYS = 20
HEADERS = ("Action", "What was raised", "Action title", "Owner", "Assign to", "Due", "CGB", "CGB topic")
ACT, TEXT, TITLE, OWNER, ORG, DUE, CGB, TOPIC = range(len(HEADERS))
WIDTHS = {ACT: 62, TITLE: 280, OWNER: 150, ORG: 150, DUE: 110, CGB: 48, TOPIC: 160}
FIELD_COLUMNS = {
    "create_action": ACT,
    "allow_another": ACT,
    "title": TITLE,
    "owner_id": OWNER,
    "assignee_org_id": ORG,
    "due_on": DUE,
    "for_cgb": CGB,
    "cgb_topic": TOPIC,
}
INPUT_NAMES = {**dict(enumerate(HEADERS)), ACT: "Make an action", CGB: "For the Corporate Governance Board"}
INPUT_COLUMNS = (ACT, TITLE, OWNER, ORG, DUE, CGB, TOPIC)
DATE_WIDTH = 150
ERROR_BACKGROUND = QColor("#fde7e9")
ERROR_STYLE = "background-color: #fde7e9;"


@dataclass
class _Row:
    """The inputs of one feedback item's row."""

    candidate: DebriefCandidate
    act: QCheckBox
    title: QLineEdit
    owner: ChoiceCombo
    org: ChoiceCombo
    due: OptionalDateEdit
    cgb: QCheckBox
    topic: QLineEdit
    cgb_topic: str

    def widgets(self) -> dict[int, QWidget]:
        """The inputs by column, in Tab order."""
        widgets = (self.act, self.title, self.owner, self.org, self.due, self.cgb, self.topic)
        return dict(zip(INPUT_COLUMNS, widgets, strict=True))


def _centred(widget: QWidget) -> QWidget:
    holder = QWidget()
    holder.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    box = QHBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(widget, alignment=Qt.AlignmentFlag.AlignCenter)
    return holder


def _item_text(candidate: DebriefCandidate) -> str:
    notes = [SENTIMENT_LABELS[candidate.sentiment], *candidate.themes]
    if candidate.action_references:
        notes.append("Already actioned: " + ", ".join(candidate.action_references))
    return f"{candidate.text.strip()}\n({' · '.join(notes)})"


class DebriefDialog(SubmitDialog):
    """Debrief one held engagement: actions from its feedback, CGB marks and intelligence passed on.

    Keyboard: Tab moves across a row's inputs and on to the next row; with the table focused, the
    arrow keys choose a row and Space ticks or unticks its "make an action" box.
    """

    def __init__(self, workspace: Workspace, engagement_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__("Debrief", parent)
        self.workspace = workspace
        self.engagement_id = engagement_id
        self._references: tuple[str, ...] = ()
        self._rows: list[_Row] = []
        self._cells: dict[QWidget, tuple[int, int]] = {}
        self._marked: list[QWidget] = []
        self._focused = False
        detail = workspace.run(get_engagement, engagement_id)
        self._build_header(detail)
        self._build_table()
        self._build_intelligence(detail)
        self._fill_rows()
        self._set_tab_order()
        self.submit = self._submit
        self.resize(1320, 720)

    def _build_header(self, detail: Any) -> None:
        label = engagement_label(detail.kind, detail.held_on, detail.place, detail.reference)
        self.header = QLabel(f"<b>{label}</b>", self)
        self.header.setWordWrap(True)
        self.form.addRow(self.header)
        if detail.status != EngagementStatus.HELD:
            note = QLabel("⚠ This engagement is not marked as held yet, so it cannot be debriefed.", self)
            note.setStyleSheet("color: #a4262c;")
            self.form.addRow(note)
        self.debriefed_on = OptionalDateEdit("Not set", self)
        self.debriefed_on.set_value(detail.debriefed_on or today())
        self.debriefed_on.setMaximumWidth(DATE_WIDTH)
        self.add_field("&Debriefed on:", "debriefed_on", self.debriefed_on)

    def _build_table(self) -> None:
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Feedback items to debrief")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.verticalHeader().setMinimumSectionSize(34)
        self.table.installEventFilter(self)
        self.table_error = FieldError(self)
        layout = self.layout()
        intro = QLabel(
            "Tick the items that become actions (Space ticks the row chosen in the table). "
            "Mark systemic issues for a future Corporate Governance Board.",
            self,
        )
        intro.setWordWrap(True)
        layout.insertWidget(1, intro)  # type: ignore[attr-defined]
        layout.insertWidget(2, self.table, 1)  # type: ignore[attr-defined]
        layout.insertWidget(3, self.table_error)  # type: ignore[attr-defined]

    def _build_intelligence(self, detail: Any) -> None:
        self.intel_form = QFormLayout()
        self.intelligence_to = QLineEdit(detail.intelligence_to, self)
        self.intelligence_to.setPlaceholderText("e.g. the NPA commander for Melton")
        self.intelligence_on = OptionalDateEdit("Not passed on", self)
        self.intelligence_on.set_value(detail.intelligence_on)
        self.intelligence_on.setMaximumWidth(DATE_WIDTH)
        self.intelligence_notes = QPlainTextEdit(detail.intelligence_notes, self)
        self.intelligence_notes.setTabChangesFocus(True)
        self.intelligence_notes.setFixedHeight(64)
        for label, name, widget in (
            ("&Local intelligence passed to:", "intelligence_to", self.intelligence_to),
            ("Passed &on:", "intelligence_on", self.intelligence_on),
            ("&Notes:", "intelligence_notes", self.intelligence_notes),
        ):
            self._errors[name] = add_checked_row(self.intel_form, label, widget)
            self._fields[name] = widget
        self.layout().insertLayout(4, self.intel_form)  # type: ignore[attr-defined]

    def _fill_rows(self) -> None:
        candidates = self.workspace.run(debrief_preview, self.engagement_id)
        topics = {f.id: f.cgb_topic for f in self.workspace.run(list_feedback, self.engagement_id)}
        choices = self.workspace.run(action_choices)
        self.table.setRowCount(len(candidates))
        for index, candidate in enumerate(candidates):
            row = self._make_row(index, candidate, topics.get(candidate.feedback_item_id, ""), choices)
            self._rows.append(row)
        self.table.resizeRowsToContents()
        if not candidates:
            self.table_error.show_message("Nothing was recorded as raised at this engagement.")
        elif self._rows:
            self.table.setCurrentCell(0, ACT)

    def _make_row(self, index: int, candidate: DebriefCandidate, topic: str, choices: Any) -> _Row:
        number = index + 1
        linked = bool(candidate.action_references)
        row = _Row(
            candidate=candidate,
            act=QCheckBox(),
            title=QLineEdit(candidate.suggested_title),
            owner=ChoiceCombo(blank_text=""),
            org=ChoiceCombo(blank_text=""),
            due=OptionalDateEdit("No date"),
            cgb=QCheckBox(),
            topic=QLineEdit(topic),
            cgb_topic=topic,
        )
        row.act.setChecked(candidate.sentiment == Sentiment.NEGATIVE and not linked)
        row.owner.set_choices(choices.active_staff)
        row.owner.set_current_id(self.workspace.actor_id)
        row.org.set_choices(choices.organisations)
        row.due.set_value(add_working_days(today(), DUE_WORKING_DAYS))
        row.cgb.setChecked(candidate.for_cgb)
        row.topic.setPlaceholderText("Topic")
        for edit in (row.title, row.topic):
            edit.setMaxLength(200)
            edit.setCursorPosition(0)
            edit.textChanged.connect(edit.setToolTip)
        row.title.setToolTip(row.title.text())
        self._place_row(index, row, linked)
        for column, widget in row.widgets().items():
            name = "Make another action" if linked and column == ACT else INPUT_NAMES[column]
            widget.setAccessibleName(f"{name}, item {number}")
        row.act.toggled.connect(lambda _on, r=row: self._update_row(r))
        row.cgb.toggled.connect(lambda _on, r=row: self._update_row(r))
        self._update_row(row)
        return row

    def _place_row(self, index: int, row: _Row, linked: bool) -> None:
        text = QTableWidgetItem(_item_text(row.candidate))
        text.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        text.setToolTip(row.candidate.text)
        self.table.setItem(index, TEXT, text)
        for column, widget in row.widgets().items():
            self._cells[widget] = (index, column)
            widget.installEventFilter(self)
            if isinstance(widget, ChoiceCombo | OptionalDateEdit):
                widget.lineEdit().installEventFilter(self)
                self._cells[widget.lineEdit()] = (index, column)
            is_box = isinstance(widget, QCheckBox)
            self.table.setCellWidget(index, column, _centred(widget) if is_box else widget)
        if linked:
            self.table.setVerticalHeaderItem(index, QTableWidgetItem(f"{index + 1} ✓"))

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [self.debriefed_on, self.table]
        for row in self._rows:
            chain += list(row.widgets().values())
        chain += [self.intelligence_to, self.intelligence_on, self.intelligence_notes]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _update_row(self, row: _Row) -> None:
        """Action inputs only while the row makes an action; the topic only while marked for CGB."""
        making = row.act.isChecked()
        for widget in (row.title, row.owner, row.org, row.due):
            widget.setEnabled(making)
        row.topic.setEnabled(row.cgb.isChecked())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The wrapped text's height is known only once the stretched column has its real width.
        QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space:
                self.toggle_current_row()
                return True
        elif event.type() == QEvent.Type.FocusIn and watched in self._cells:
            row, column = self._cells[watched]  # type: ignore[index]
            self.table.setCurrentCell(row, column)
        return super().eventFilter(watched, event)

    def toggle_current_row(self) -> None:
        """Tick or untick "make an action" on the table's current row."""
        index = self.table.currentRow()
        if 0 <= index < len(self._rows):
            box = self._rows[index].act
            box.setChecked(not box.isChecked())

    def _ui_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        for row in (r for r in self._rows if r.act.isChecked()):
            key = row.candidate.feedback_item_id
            if row.owner.current_id() is None:
                errors[f"owner_id:{key}"] = "Choose who owns this action."
            if row.org.currentText().strip() and row.org.current_id() is None:
                errors[f"assignee_org_id:{key}"] = "Choose an organisation from the list, or leave it empty."
        return errors

    def debrief_input(self) -> DebriefInput:
        """What the dialog holds, as the service takes it."""
        items = tuple(
            DebriefItem(
                feedback_item_id=row.candidate.feedback_item_id,
                create_action=row.act.isChecked(),
                title=row.title.text().strip(),
                owner_id=row.owner.current_id(),  # type: ignore[arg-type]
                assignee_org_id=row.org.current_id(),  # type: ignore[arg-type]
                due_on=row.due.value(),
                allow_another=bool(row.candidate.action_references) and row.act.isChecked(),
            )
            for row in self._rows
        )
        return DebriefInput(
            debriefed_on=self.debriefed_on.value(),
            items=items,
            intelligence_to=self.intelligence_to.text().strip(),
            intelligence_on=self.intelligence_on.value(),
            intelligence_notes=self.intelligence_notes.toPlainText().strip(),
        )

    def cgb_changes(self) -> dict[uuid.UUID, tuple[bool, str]]:
        """The items whose CGB mark or topic changed: id → (for CGB, topic)."""
        changes = {}
        for row in self._rows:
            marked = row.cgb.isChecked()
            wanted = (marked, row.topic.text().strip() if marked else row.cgb_topic)
            if wanted != (row.candidate.for_cgb, row.cgb_topic):
                changes[row.candidate.feedback_item_id] = wanted
        return changes

    def _submit(self) -> None:
        data, marks, found = self.debrief_input(), self.cgb_changes(), self._ui_errors()

        def _apply(session: Any, actor_id: uuid.UUID) -> DebriefResult:
            """Everything in one transaction: any error rolls back every change."""
            errors = dict(found)
            for item_id, (marked, topic) in marks.items():
                change = replace(get_feedback(session, item_id).to_input(), for_cgb=marked, cgb_topic=topic)
                try:
                    update_feedback(session, actor_id, item_id, change)
                except ValidationError as exc:
                    errors.update({f"{name}:{item_id}": text for name, text in exc.errors.items()})
            try:
                result = debrief_engagement(session, actor_id, self.engagement_id, data)
            except ValidationError as exc:
                raise ValidationError({**exc.errors, **errors}) from exc
            if errors:
                raise ValidationError(errors)
            return result

        self._references = self.workspace.act(_apply).action_references

    def result_references(self) -> tuple[str, ...]:
        """The references of the actions the debrief created (empty until it is saved)."""
        return self._references

    def _on_ok(self) -> None:
        for widget in self._marked:
            widget.setStyleSheet("")
            widget.setToolTip(widget.text() if isinstance(widget, QLineEdit) else "")
        for index in range(self.table.rowCount()):
            item = self.table.item(index, TEXT)
            if item is not None:
                item.setData(Qt.ItemDataRole.BackgroundRole, None)
                item.setToolTip(self._rows[index].candidate.text)
        self._marked.clear()
        self.table_error.show_message("")
        super()._on_ok()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Row messages at their cells and listed under the table; the rest at their fields."""
        rows = {str(row.candidate.feedback_item_id): index for index, row in enumerate(self._rows)}
        listed, rest = [], {}
        self._focused = False
        for key, message in errors.items():
            name, _, item_id = key.partition(":")
            if item_id not in rows:
                rest[key] = message
                continue
            index = rows[item_id]
            column = FIELD_COLUMNS.get(name, TEXT)
            self._mark_cell(index, column, message)
            listed.append(f"Item {index + 1}, {HEADERS[column].lower()}: {message}")
        self.table_error.show_message("\n".join(listed))
        super().show_errors(rest)

    def _mark_cell(self, index: int, column: int, message: str) -> None:
        row = self._rows[index]
        widget = row.widgets().get(column)
        if widget is None:
            item = self.table.item(index, TEXT)
            item.setBackground(ERROR_BACKGROUND)
            item.setToolTip(f"⚠ {message}")
            self.table.setCurrentCell(index, TEXT)
            return
        target = widget.parentWidget() if isinstance(widget, QCheckBox) else widget
        target.setStyleSheet(ERROR_STYLE)
        widget.setToolTip(f"⚠ {message}")
        self._marked += [target, widget]
        self.table.setCurrentCell(index, column)
        if not self._focused:
            self._focused = True
            widget.setFocus()
