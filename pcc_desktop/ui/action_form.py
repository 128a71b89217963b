"""The action detail form: every field of one action, with messages shown at the field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import Classification, OriginKind, Priority, RaiserTold, TellMethod
from pcc_desktop.services.action_details import PRIORITY_LABELS, RAISER_LABELS, TELL_LABELS, ActionDetail
from pcc_desktop.services.actions import ActionInput
from pcc_desktop.services.choices import ActionChoices
from pcc_desktop.services.clock import today
from pcc_desktop.ui.widgets import CheckList, ChoiceCombo, FieldError, OptionalDateEdit, add_checked_row

EDITABLE_ORIGINS = {OriginKind.STANDALONE: "Stand-alone", OriginKind.MEETING: "A meeting"}
LINKED_ORIGINS = {
    OriginKind.ENGAGEMENT: "An engagement",
    OriginKind.FEEDBACK: "Feedback at an engagement",
    OriginKind.CUSTODY_VISIT: "A custody visit",
    OriginKind.AWS_VISIT: "A Dog Unit visit",
}


def _enum_combo(labels: dict, parent: QWidget) -> ChoiceCombo:
    combo = ChoiceCombo(parent=parent)
    combo.setEditable(False)
    combo.set_choices(list(labels.items()))
    return combo


class ActionForm(QWidget):
    """Edits one action; ``changed`` fires on the first edit so the page can offer Save."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action_form")
        self._errors: dict[str, FieldError] = {}
        self._fields: dict[str, QWidget] = {}
        self._loading = False
        self._build()

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setObjectName("action_heading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_text_fields()
        self._add_assignment_fields()
        self._add_origin_fields()
        self._add_date_fields()
        self._add_feedback_fields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def _row(self, label: str, name: str, widget: QWidget) -> None:
        """Add a labelled field with its own error line underneath."""
        self._errors[name] = add_checked_row(self.form, label, widget)
        self._fields[name] = widget

    def _add_text_fields(self) -> None:
        self.title_edit = QLineEdit(
            self, objectName="title_edit", maxLength=200, placeholderText="What needs doing, in a line"
        )
        self.description_edit = QPlainTextEdit(self, objectName="description_edit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(80)
        self.status_label = QLabel(self, objectName="status_label")
        self._row("&Title:", "title", self.title_edit)
        self._row("&Description:", "description", self.description_edit)
        self.form.addRow("Status:", self.status_label)
        for widget in (self.title_edit,):
            widget.textEdited.connect(self._on_edited)
        self.description_edit.textChanged.connect(self._on_edited)

    def _add_assignment_fields(self) -> None:
        self.owner_combo = ChoiceCombo(parent=self)
        self.owner_combo.setObjectName("owner_combo")
        self.assignee_combo = ChoiceCombo("Nobody yet", self)
        self.assignee_combo.setObjectName("assignee_combo")
        self.assignee_person_edit = QLineEdit(
            self, objectName="assignee_person_edit", placeholderText="A named person, if any"
        )
        self.priority_combo = _enum_combo(PRIORITY_LABELS, self)
        self.area_combo = ChoiceCombo("No particular area", self)
        self.themes_list = CheckList(self)
        self.themes_list.setFixedHeight(90)
        self.themes_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._row("&Owner:", "owner_id", self.owner_combo)
        self._row("Assigned &to:", "assignee_org_id", self.assignee_combo)
        self._row("Assigned &person:", "assignee_person", self.assignee_person_edit)
        self._row("Priorit&y:", "priority", self.priority_combo)
        self._row("&Area:", "area_id", self.area_combo)
        self._row("T&hemes:", "theme_ids", self.themes_list)
        for combo in (self.owner_combo, self.assignee_combo, self.priority_combo, self.area_combo):
            combo.currentIndexChanged.connect(self._on_edited)
        self.assignee_person_edit.textEdited.connect(self._on_edited)
        self.themes_list.itemChanged.connect(self._on_edited)

    def _add_origin_fields(self) -> None:
        self.origin_combo = _enum_combo(EDITABLE_ORIGINS, self)
        # Actions raised at an engagement keep that link: shown, never edited here.
        self._links: tuple[object, object, object, object] = (None, None, None, None)
        self.meeting_combo = ChoiceCombo("Choose a meeting", self)
        self.meeting_item_edit = QLineEdit(
            self, objectName="meeting_item_edit", maxLength=8, placeholderText="e.g. b"
        )
        self._row("Ori&gin:", "origin_kind", self.origin_combo)
        self.raised_at_label = QLabel(self, objectName="raised_at_label", wordWrap=True)
        self.form.addRow("Raised at:", self.raised_at_label)
        self.form.setRowVisible(self.raised_at_label, False)
        self._row("&Meeting:", "meeting_id", self.meeting_combo)
        self._row("&Item:", "meeting_item", self.meeting_item_edit)
        self.origin_combo.currentIndexChanged.connect(self._on_origin_changed)
        self.meeting_combo.currentIndexChanged.connect(self._on_edited)
        self.meeting_item_edit.textEdited.connect(self._on_edited)

    def _add_date_fields(self) -> None:
        self.logged_edit = OptionalDateEdit("Not set", self)
        self.due_edit = OptionalDateEdit("No due date", self)
        self._row("&Logged on:", "logged_on", self.logged_edit)
        self._row("D&ue on:", "due_on", self.due_edit)
        self.logged_edit.dateChanged.connect(self._on_edited)
        self.due_edit.dateChanged.connect(self._on_edited)

    def _add_feedback_fields(self) -> None:
        self.told_combo = _enum_combo(RAISER_LABELS, self)
        self.told_method_combo = _enum_combo(TELL_LABELS, self)
        self.told_on_edit = OptionalDateEdit("Not yet", self)
        self.classification_combo = _enum_combo({c: c.value for c in Classification}, self)
        self.publishable_check = QCheckBox("May appear in &public reports", self)
        self._row("Person who raised it:", "raiser_told", self.told_combo)
        self._row("Told &by:", "told_method", self.told_method_combo)
        self._row("Told o&n:", "told_on", self.told_on_edit)
        self._row("&Classification:", "classification", self.classification_combo)
        self.form.addRow("", self.publishable_check)
        for combo in (self.told_combo, self.told_method_combo, self.classification_combo):
            combo.currentIndexChanged.connect(self._on_edited)
        self.told_on_edit.dateChanged.connect(self._on_edited)
        self.publishable_check.toggled.connect(self._on_edited)
        self.told_combo.currentIndexChanged.connect(self._update_enabled)

    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _on_origin_changed(self, *_args: object) -> None:
        self._update_enabled()
        self._on_edited()

    def _update_enabled(self, *_args: object) -> None:
        from_meeting = self.origin_combo.current_id() == OriginKind.MEETING
        self.meeting_combo.setEnabled(from_meeting)
        self.meeting_item_edit.setEnabled(from_meeting)
        told = self.told_combo.current_id() == RaiserTold.TOLD
        self.told_method_combo.setEnabled(told)
        self.told_on_edit.setEnabled(told)

    def set_choices(self, choices: ActionChoices) -> None:
        """Fill the drop-downs (owners include people who have left, for old actions)."""
        self._loading = True
        self.owner_combo.set_choices(choices.staff)
        self.assignee_combo.set_choices(choices.organisations)
        self.area_combo.set_choices(choices.areas)
        self.meeting_combo.set_choices(choices.meetings)
        self.themes_list.set_choices(choices.themes, self.themes_list.checked_ids())
        self._loading = False

    def load(self, detail: ActionDetail | None, owner_id: object = None) -> None:
        """Show ``detail``, or a blank new action owned by ``owner_id``."""
        self._loading = True
        self.clear_errors()
        if detail is None:
            self.heading.setText("New action")
            self.status_label.setText("Open (when saved)")
            self._load_values(ActionInput(title="", owner_id=owner_id, logged_on=today()))  # type: ignore[arg-type]
        else:
            self.heading.setText(f"{detail.reference}: {detail.title}")
            self.status_label.setText(
                detail.status_label + (f" on {detail.completed_on:%d/%m/%Y}" if detail.completed_on else "")
            )
            self._load_values(detail)
        self._update_enabled()
        self._loading = False

    def _load_values(self, d: ActionInput | ActionDetail) -> None:
        self.title_edit.setText(d.title)
        self.title_edit.setCursorPosition(0)
        self.description_edit.setPlainText(d.description)
        self.owner_combo.set_current_id(d.owner_id)
        self.assignee_combo.set_current_id(d.assignee_org_id)
        self.assignee_person_edit.setText(d.assignee_person)
        self.priority_combo.set_current_id(d.priority)
        self.area_combo.set_current_id(d.area_id)
        self.themes_list.set_checked(d.theme_ids)
        self._load_origin(d)
        self.meeting_combo.set_current_id(d.meeting_id)
        self.meeting_item_edit.setText(d.meeting_item)
        self.logged_edit.set_value(d.logged_on)
        self.due_edit.set_value(d.due_on)
        self.told_combo.set_current_id(d.raiser_told)
        self.told_method_combo.set_current_id(d.told_method)
        self.told_on_edit.set_value(d.told_on)
        self.classification_combo.set_current_id(d.classification)
        self.publishable_check.setChecked(d.publishable)

    def _load_origin(self, d: ActionInput | ActionDetail) -> None:
        """Linked origins (from a debrief) are shown and kept; the others can be changed."""
        linked = d.origin_kind in LINKED_ORIGINS
        self.origin_combo.set_choices(
            [(d.origin_kind, LINKED_ORIGINS[d.origin_kind])] if linked else list(EDITABLE_ORIGINS.items())
        )
        self.origin_combo.set_current_id(d.origin_kind)
        self.origin_combo.setEnabled(not linked)
        label = getattr(d, "origin_label", "") if linked else ""
        self.origin_combo.setToolTip(label)
        self.raised_at_label.setText(label)
        self.form.setRowVisible(self.raised_at_label, linked)
        links = (d.engagement_id, d.feedback_item_id, d.custody_visit_id, d.aws_visit_id)
        self._links = links if linked else (None, None, None, None)

    def read_input(self) -> ActionInput:
        """What the form holds now, for the service to validate."""
        logged: date | None = self.logged_edit.value()
        return ActionInput(
            title=self.title_edit.text(),
            description=self.description_edit.toPlainText(),
            owner_id=self.owner_combo.current_id(),  # type: ignore[arg-type]
            assignee_org_id=self.assignee_combo.current_id(),  # type: ignore[arg-type]
            assignee_person=self.assignee_person_edit.text(),
            priority=self.priority_combo.current_id() or Priority.NORMAL,  # type: ignore[arg-type]
            area_id=self.area_combo.current_id(),  # type: ignore[arg-type]
            theme_ids=self.themes_list.checked_ids(),
            origin_kind=self.origin_combo.current_id() or OriginKind.STANDALONE,  # type: ignore[arg-type]
            meeting_id=self.meeting_combo.current_id(),  # type: ignore[arg-type]
            meeting_item=self.meeting_item_edit.text(),
            engagement_id=self._links[0],  # type: ignore[arg-type]
            feedback_item_id=self._links[1],  # type: ignore[arg-type]
            custody_visit_id=self._links[2],  # type: ignore[arg-type]
            aws_visit_id=self._links[3],  # type: ignore[arg-type]
            logged_on=logged,
            due_on=self.due_edit.value(),
            raiser_told=self.told_combo.current_id() or RaiserTold.NOT_APPLICABLE,  # type: ignore[arg-type]
            told_method=self.told_method_combo.current_id() or TellMethod.NONE,  # type: ignore[arg-type]
            told_on=self.told_on_edit.value(),
            classification=self.classification_combo.current_id() or Classification.OFFICIAL,  # type: ignore[arg-type]
            publishable=self.publishable_check.isChecked(),
        )

    def clear_errors(self) -> None:
        """Hide every field message."""
        for error in self._errors.values():
            error.show_message("")

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show each message at its field, focus the first; return messages with no field here."""
        self.clear_errors()
        unplaced = []
        first = None
        for field, message in errors.items():
            if field in self._errors:
                self._errors[field].show_message(message)
                first = first or self._fields[field]
            else:
                unplaced.append(message)
        if first is not None:
            first.setFocus()
        return unplaced
