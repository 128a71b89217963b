"""Live capture at an event: people met, notes and what residents raise, typed without the mouse.

Every keystroke is safe: the half-typed item and the notes go into the settings file at once (a
crash or a closed lid loses nothing), people met and notes are saved to the database after a short
pause, and each item is saved the moment Enter is pressed.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import AttendeeType, EngagementStatus, RaisedBy, Sentiment
from pcc_desktop.services import engagements, feedback
from pcc_desktop.services.engagements import ATTENDEE_LABELS, EngagementDetail
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.feedback import RAISED_BY_LABELS, SENTIMENT_LABELS, FeedbackData, FeedbackInput
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.feedback_dialog import SENTIMENT_ORDER, FeedbackDialog, enum_combo
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel
from pcc_desktop.ui.widgets import Choice, ChoiceCombo, FieldError

AUTOSAVE_MS = 600
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Alt+letter for each count; the quick-entry row uses W, H, S, B and the notes N.
ATTENDEE_MNEMONICS = {
    AttendeeType.RESIDENTS: "&Residents",
    AttendeeType.COMMUNITY_REPRESENTATIVES: "Community representati&ves",
    AttendeeType.BUSINESSES: "Business&es",
    AttendeeType.COUNCILLORS: "Counci&llors",
    AttendeeType.MPS: "&MPs",
    AttendeeType.SCHOOLS: "Sch&ools",
    AttendeeType.YOUNG_PEOPLE: "&Young people",
    AttendeeType.NEIGHBOURHOOD_TEAM: "Nei&ghbourhood policing team",
    AttendeeType.PARTNERS: "P&artners",
    AttendeeType.OTHER: "O&ther",
}
ITEM_COLUMNS: list[Column[FeedbackData]] = [
    Column("position", "#", lambda f: f.position, align=RIGHT),
    Column("text", "What was raised", lambda f: f.text),
    Column("themes", "Themes", lambda f: ", ".join(f.theme_names)),
    Column("sentiment", "Sentiment", lambda f: f.sentiment_label),
    Column("raised_by", "Raised by", lambda f: f.raised_by_label),
    Column("actions", "Actions", lambda f: ", ".join(f.action_references)),
]


def _key(kind: str, engagement_id: uuid.UUID) -> str:
    return f"capture/{kind}/{engagement_id}"


def load_draft(settings: AppSettings, engagement_id: uuid.UUID, kind: str = "draft") -> str | None:
    """The text kept for an engagement's capture screen (None when nothing is kept)."""
    key = _key(kind, engagement_id)
    if not settings._qsettings.contains(key):
        return None
    return str(settings._qsettings.value(key, "", type=str))


def save_draft(
    settings: AppSettings, engagement_id: uuid.UUID, text: str | None, kind: str = "draft"
) -> None:
    """Keep (or, for None, forget) a draft and write the settings file to disk straight away."""
    if text is None:
        settings._qsettings.remove(_key(kind, engagement_id))
    else:
        settings._qsettings.setValue(_key(kind, engagement_id), text)
    settings.sync()


class CapturePanel(QWidget):
    """The capture screen of one engagement (planned or held; a cancelled one is read-only).

    Signals:
        saved: the engagement's new detail after an autosave (its ``row_version`` moved on).
        items_changed: the feedback items were added to, edited or deleted.
    """

    saved = Signal(object)
    items_changed = Signal()

    def __init__(self, workspace: Workspace, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capture_panel")
        self._ws, self._settings = workspace, settings
        self._detail: EngagementDetail | None = None
        self._themes: list[Choice] = []
        self._areas: list[Choice] = []
        self._loading = False
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.autosave)
        self.save_state_label = QLabel(self, objectName="save_state_label")
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_people())
        layout.addWidget(self._build_quick_row())
        layout.addWidget(self._build_items(), 1)

    # -- building ---------------------------------------------------------------------------------

    def _build_people(self) -> QGroupBox:
        box = QGroupBox("People met and notes", self)
        grid = QGridLayout(box)
        self.attendance_spins: dict[AttendeeType, QSpinBox] = {}
        for i, (kind, text) in enumerate(ATTENDEE_MNEMONICS.items()):
            spin = QSpinBox(box, maximum=engagements.MAX_ATTENDANCE, accelerated=True)
            spin.setAccessibleName(f"People met: {ATTENDEE_LABELS[kind]}")
            spin.findChild(QLineEdit).setAccessibleName(spin.accessibleName())
            label = QLabel(text + ":", box)
            label.setBuddy(spin)
            row, col = divmod(i, 5)
            grid.addWidget(label, row * 2, col)
            grid.addWidget(spin, row * 2 + 1, col)
            spin.valueChanged.connect(self._on_people_edited)
            self.attendance_spins[kind] = spin
        self.notes_edit = QPlainTextEdit(box, tabChangesFocus=True)
        self.notes_edit.setFixedHeight(64)
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setPlaceholderText("Notes on the day: who came, the mood, anything to follow up")
        notes_label = QLabel("&Notes:", box)
        notes_label.setBuddy(self.notes_edit)
        grid.addWidget(notes_label, 4, 0)
        grid.addWidget(self.notes_edit, 5, 0, 1, 5)
        grid.addWidget(self.save_state_label, 6, 0, 1, 5)
        self.notes_edit.textChanged.connect(self._on_notes_edited)
        return box

    def _build_quick_row(self) -> QGroupBox:
        box = QGroupBox("Add what was raised (Enter adds it; Alt+W returns here)", self)
        grid = QGridLayout(box)
        self.text_edit = QLineEdit(box, objectName="capture_text_edit", maxLength=feedback.MAX_TEXT)
        self.text_edit.setPlaceholderText("What was raised… (Enter adds it)")
        self.theme_combo = ChoiceCombo("No theme", box)
        self.sentiment_combo = enum_combo(SENTIMENT_LABELS, box, SENTIMENT_ORDER)
        self.raised_by_combo = enum_combo(RAISED_BY_LABELS, box)
        self.quick_errors: dict[str, FieldError] = {}
        cells = (
            ("&What was raised:", "text", self.text_edit),
            ("T&heme:", "theme_ids", self.theme_combo),
            ("&Sentiment:", "sentiment", self.sentiment_combo),
            ("Raised &by:", "raised_by", self.raised_by_combo),
        )
        # The text gets the full width on its own line; theme, sentiment and raised-by share the next.
        places = ((0, 0, 3), (3, 0, 1), (3, 1, 1), (3, 2, 1))
        for (text, name, widget), (row, col, span) in zip(cells, places, strict=True):
            label = QLabel(text, box)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
            self.quick_errors[name] = FieldError(box)
            grid.addWidget(label, row, col, 1, span)
            grid.addWidget(widget, row + 1, col, 1, span)
            grid.addWidget(self.quick_errors[name], row + 2, col, 1, span)
            target = widget.lineEdit() if isinstance(widget, ChoiceCombo) and widget.isEditable() else widget
            target.installEventFilter(self)
        self.general_error = FieldError(box)
        grid.addWidget(self.general_error, 6, 0, 1, 3)
        self.text_edit.textEdited.connect(self._on_text_edited)
        self.sentiment_combo.set_current_id(Sentiment.NEGATIVE)
        return box

    def _build_items(self) -> QWidget:
        holder = QWidget(self)
        self.items_model: RowTableModel[FeedbackData] = RowTableModel(ITEM_COLUMNS, self)
        self.items_view = QTableView(holder, objectName="capture_items_table")
        self.items_view.setModel(self.items_model)
        self.items_view.setAccessibleName("Items captured so far")
        self.items_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_view.setAlternatingRowColors(True)
        self.items_view.verticalHeader().hide()
        header = self.items_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.items_view.setWordWrap(True)  # what was raised is the point: show all of it
        self.items_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in enumerate((36, 0, 140, 72, 120, 100)):
            if width:
                self.items_view.setColumnWidth(column, width)
        self.items_view.installEventFilter(self)
        self.items_view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.items_label = QLabel("&Items captured so far (Enter edits, Delete removes):", holder)
        self.items_label.setBuddy(self.items_view)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items_label)
        layout.addWidget(self.items_view, 1)
        return holder

    # -- loading ---------------------------------------------------------------------------------

    def set_choices(self, themes: list[Choice], areas: list[Choice]) -> None:
        """The themes offered in the quick-entry row and the dialog, and the areas for the dialog."""
        self._themes, self._areas = list(themes), list(areas)
        self.theme_combo.set_choices(themes)

    @property
    def detail(self) -> EngagementDetail | None:
        """The engagement being captured, as last saved."""
        return self._detail

    def load(self, detail: EngagementDetail | None) -> None:
        """Show ``detail``'s counts, notes and items, and restore any draft kept for it."""
        self.flush()
        self._loading = True
        self._detail = detail
        counts = dict(detail.attendance) if detail else {}
        for kind, spin in self.attendance_spins.items():
            spin.setValue(counts.get(kind, 0))
        self.notes_edit.setPlainText(detail.notes if detail else "")
        self.items_model.set_rows(list(detail.feedback_items) if detail else [])
        for error in (*self.quick_errors.values(), self.general_error):
            error.show_message("")
        self.text_edit.setText(load_draft(self._settings, detail.id) or "" if detail else "")
        self.save_state_label.setText("")
        self._loading = False
        self._restore_unsaved_notes()
        self.items_view.scrollToBottom()
        cancelled = detail is not None and detail.status == EngagementStatus.CANCELLED
        for widget in (self.text_edit, self.theme_combo, self.sentiment_combo, self.raised_by_combo):
            widget.setEnabled(detail is not None and not cancelled)
        if cancelled:
            self.general_error.show_message("This engagement was cancelled: nothing can be added.")

    def _restore_unsaved_notes(self) -> None:
        """Notes typed but not yet saved when the app last stopped go back in and are saved."""
        if self._detail is None:
            return
        kept = load_draft(self._settings, self._detail.id, "notes")
        if kept is not None and kept != self._detail.notes:
            self.notes_edit.setPlainText(kept)
            self.save_state_label.setText("Restored notes that had not been saved; saving…")
            self._timer.start()

    def focus_text(self) -> None:
        """Put the cursor in the What-was-raised box."""
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- autosave of people met and notes -----------------------------------------------------------

    def _on_people_edited(self, *_args: object) -> None:
        if not self._loading and self._detail is not None:
            self.save_state_label.setText("Changes not saved yet…")
            self._timer.start()

    def _on_notes_edited(self) -> None:
        if not self._loading and self._detail is not None:
            save_draft(self._settings, self._detail.id, self.notes_edit.toPlainText(), "notes")
            self._on_people_edited()

    def flush(self) -> None:
        """Save at once anything waiting for the autosave timer."""
        if self._timer.isActive():
            self._timer.stop()
            self.autosave()

    def _input(self, detail: EngagementDetail) -> engagements.EngagementInput:
        attendance = tuple((k, s.value()) for k, s in self.attendance_spins.items() if s.value())
        return replace(
            engagements.engagement_input(detail), attendance=attendance, notes=self.notes_edit.toPlainText()
        )

    def autosave(self) -> None:
        """Save people met and notes, keeping every other field as last saved."""
        detail = self._detail
        if detail is None:
            return
        try:
            try:
                saved = self._ws.act(
                    engagements.update_engagement, detail.id, self._input(detail), detail.row_version
                )
            except ConflictError:  # changed elsewhere meanwhile: keep theirs, put our counts on top
                fresh = self._ws.run(engagements.get_engagement, detail.id)
                saved = self._ws.act(
                    engagements.update_engagement, fresh.id, self._input(fresh), fresh.row_version
                )
        except (ValidationError, NotFoundError, ConflictError) as exc:
            self.save_state_label.setText(f"⚠ Not saved: {exc}")
            return
        self._detail = saved
        save_draft(self._settings, saved.id, None, "notes")
        self.save_state_label.setText(f"People met and notes saved ({saved.people_met} people met).")
        self.saved.emit(saved)

    # -- quick entry -----------------------------------------------------------------------------

    def _on_text_edited(self, text: str) -> None:
        if self._detail is not None:
            save_draft(self._settings, self._detail.id, text or None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.items_view:
                return self._on_items_key(event)
            if event.key() in ENTER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.add_item()
                return True
        return super().eventFilter(watched, event)

    def add_item(self) -> bool:
        """Save the quick-entry row as the next item; keep theme, sentiment and raised-by."""
        if self._detail is None:
            return False
        theme = self.theme_combo.current_id()
        data = FeedbackInput(
            text=self.text_edit.text(),
            sentiment=self.sentiment_combo.current_id() or Sentiment.NEGATIVE,  # type: ignore[arg-type]
            raised_by=self.raised_by_combo.current_id() or RaisedBy.RESIDENT,  # type: ignore[arg-type]
            theme_ids=(theme,) if theme else (),  # type: ignore[arg-type]
        )
        for error in (*self.quick_errors.values(), self.general_error):
            error.show_message("")
        try:
            item = self._ws.act(feedback.add_feedback, self._detail.id, data)
        except (ValidationError, NotFoundError) as exc:
            errors = exc.errors if isinstance(exc, ValidationError) else {"record": str(exc)}
            self._show_quick_errors(errors)
            return False
        self.items_model.set_rows([*self.items_model.rows(), item])
        self.items_view.scrollToBottom()
        self.text_edit.clear()
        save_draft(self._settings, self._detail.id, None)
        self.focus_text()
        self.items_changed.emit()
        return True

    def _show_quick_errors(self, errors: dict[str, str]) -> None:
        rest = []
        for name, message in errors.items():
            if name in self.quick_errors:
                self.quick_errors[name].show_message(message)
            else:
                rest.append(message)
        self.general_error.show_message("\n".join(rest))
        self.focus_text()

    # -- the items -------------------------------------------------------------------------------

    def _on_items_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Delete:
            self.delete_selected()
            return True
        if event.key() in ENTER_KEYS:
            self.edit_selected()
            return True
        return False

    def selected_item(self) -> FeedbackData | None:
        """The item under the cursor in the list."""
        index = self.items_view.currentIndex()
        return self.items_model.row_at(index.row()) if index.isValid() else None

    def delete_selected(self) -> None:
        """Delete the selected item after asking."""
        item = self.selected_item()
        if item is None:
            return
        answer = QMessageBox.question(self, "Delete item", f"Delete item #{item.position}: “{item.text}”?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._ws.act(feedback.delete_feedback, item.id, "Deleted while capturing")
        except (ValidationError, NotFoundError) as exc:
            QMessageBox.warning(self, "Not deleted", str(exc))
            return
        self._reload_items()

    def edit_selected(self) -> None:
        """Open the selected item in the full dialog; save it through the service on OK."""
        item = self.selected_item()
        if item is None:
            return
        dialog = FeedbackDialog(item, self._themes, self._areas, self)

        def submit() -> None:
            try:
                self._ws.act(feedback.update_feedback, item.id, dialog.result_input(), item.row_version)
            except (ConflictError, NotFoundError) as exc:
                raise ValidationError.single("record", str(exc)) from exc

        dialog.submit = submit
        if dialog.exec():
            self._reload_items()

    def _reload_items(self) -> None:
        if self._detail is None:
            return
        row = self.items_view.currentIndex().row()
        self.items_model.set_rows(self._ws.run(feedback.list_feedback, self._detail.id))
        count = self.items_model.rowCount()
        if count:
            self.items_view.selectRow(min(max(row, 0), count - 1))
        self.items_changed.emit()
