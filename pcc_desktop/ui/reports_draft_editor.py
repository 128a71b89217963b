"""The draft editor of the Reports page: a report's paragraphs in order, each one editable.

Headings show as headings; each numbered paragraph is a text box numbered as in the printed report,
with a second box for its lettered sub-points when it has any; tables, charts and notes show as a
line saying what they are, because their figures come from the data and are not editable. The editor
never touches the database: the page saves what :meth:`DraftEditor.edits` returns through the
report-draft services, and shows their messages at the paragraphs with :meth:`show_errors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QTextLayout
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import DraftStatus
from pcc_desktop.services.clock import format_moment
from pcc_desktop.services.report_drafts import DraftDetail, DraftItem, ItemKind, ParagraphEdit, StaleEdit
from pcc_desktop.ui.widgets import FieldError

EMPTY_TEXT = (
    "No draft is open.\n\nChoose a report on the left, pick the period it covers and press "
    "Generate draft. Drafts already started are listed on the left under Drafts in progress."
)
FIXED_STYLE = "color: #505050; background: #f3f3f3; border: 1px dashed #b0b0b0; padding: 4px 6px;"
NOTE_STYLE = "color: #505050; padding: 0 6px;"
WARNING_STYLE = "color: #3b2e00; background: #fff4ce; border: 1px solid #c8a600; padding: 4px 6px;"
READ_ONLY_STYLE = 'QPlainTextEdit[readOnly="true"] { background: #f4f4f4; color: #333333; }'
EDITED_STYLE = "color: #0b5394; font-weight: bold;"
FIXED_KINDS = {ItemKind.TABLE: "▦", ItemKind.CHART: "▮", ItemKind.NOTE: "Note:"}


def status_text(detail: DraftDetail) -> str:
    """Who started a draft, when its figures were generated, how much is edited, and if it is printed."""
    edited = sum(1 for p in detail.paragraphs if p.edited)
    parts = [
        f"Started by {detail.author_name}",
        f"generated {format_moment(detail.generated_at)}",
        f"{edited} of {len(detail.paragraphs)} paragraphs edited",
    ]
    if detail.status == DraftStatus.PRODUCED:
        parts.append(
            f"printed as version {detail.versions}: read-only; reopen it from Produced reports for a "
            "new version"
        )
    return " · ".join(parts)


def stale_text(stale: Sequence[StaleEdit]) -> str:
    """What the edits left over say, so their wording can be copied before they are dropped."""
    if not stale:
        return ""
    lines = "\n".join(f"• {e.text}" for e in stale)
    return (
        f"⚠ {len(stale)} edited paragraph{'s are' if len(stale) > 1 else ' is'} no longer in the report "
        f"(the data behind it has changed) and will be left out:\n{lines}"
    )


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text box as tall as its text (within limits), so the draft reads as one document."""

    MAX_LINES = 16

    def __init__(self, parent: QWidget | None = None, width_hint: int = 600) -> None:
        super().__init__(parent)
        self.width_hint = width_hint
        self.setTabChangesFocus(True)  # Tab moves on to the next paragraph, as in a form
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(READ_ONLY_STYLE)
        self.textChanged.connect(self._fit)
        self._fit()

    def _line_count(self) -> int:
        """Lines the text wraps to at the box's width (the widget lays out only what it shows)."""
        # Until it is shown the box has no real width; the hint keeps it from starting very tall.
        shown = self.viewport().width() if self.isVisible() else self.width_hint
        width = shown - 2 * self.document().documentMargin()
        total, block = 0, self.document().firstBlock()
        while block.isValid():
            layout = QTextLayout(block.text(), self.font())
            layout.beginLayout()
            lines = 0
            while (line := layout.createLine()).isValid():
                line.setLineWidth(max(width, 20.0))
                lines += 1
            layout.endLayout()
            total += max(lines, 1)
            block = block.next()
        return total

    def _fit(self) -> None:
        lines = min(max(self._line_count(), 1), self.MAX_LINES)
        margins = self.contentsMargins()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + int(2 * self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2
        )
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit after the width changes, since the text wraps differently."""
        super().resizeEvent(event)
        self._fit()


@dataclass
class ParagraphBox:
    """The widgets of one paragraph and what it said when loaded."""

    item: DraftItem
    text: GrowingTextEdit
    points: GrowingTextEdit | None
    error: FieldError
    restore: QPushButton
    keep: QPushButton


def points_text(points: tuple[str, ...]) -> str:
    """Sub-points as the box shows them: one a line."""
    return "\n".join(points)


def points_of(text: str) -> tuple[str, ...]:
    """The sub-points typed in a box: one a line, blank lines left out."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class DraftEditor(QScrollArea):
    """Every heading, paragraph and fixed block of a draft, top to bottom; paragraphs editable."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft_editor")
        self.setAccessibleName("Draft paragraphs")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.boxes: dict[str, ParagraphBox] = {}
        self.kept: set[str] = set()
        self.detail: DraftDetail | None = None
        self.read_only = False
        self._loading = False
        self.load(None)

    # --- building ------------------------------------------------------------------------------

    def load(self, detail: DraftDetail | None, read_only: bool = False) -> None:
        """Show ``detail`` (None: the empty state in words); ``read_only`` for a produced draft."""
        self._loading = True
        self.detail, self.read_only, self.boxes, self.kept = detail, read_only, {}, set()
        body = QWidget(self)
        body.setObjectName("draft_body")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(6)
        if detail is None:
            empty = QLabel(EMPTY_TEXT, body, objectName="draft_empty_label", wordWrap=True)
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(empty, 1)
        else:
            for item in detail.items:
                layout.addWidget(self._widget_for(item, body))
            layout.addStretch(1)
        old = self.takeWidget()
        self.setWidget(body)
        if old is not None:
            old.deleteLater()
        self._loading = False

    def _widget_for(self, item: DraftItem, parent: QWidget) -> QWidget:
        if item.kind == ItemKind.HEADING:
            return self._heading(item, parent)
        if item.kind == ItemKind.PARAGRAPH:
            return self._paragraph(item, parent)
        mark = FIXED_KINDS[item.kind]
        if item.kind == ItemKind.NOTE:
            label = QLabel(f"{mark} {item.text} (not editable)", parent, wordWrap=True)
            label.setStyleSheet(NOTE_STYLE)
        else:
            label = QLabel(f"{mark} {item.text} (figures, not editable)", parent, wordWrap=True)
            label.setStyleSheet(FIXED_STYLE)
        label.setObjectName(f"fixed_{item.kind.value}")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _heading(self, item: DraftItem, parent: QWidget) -> QLabel:
        label = QLabel(item.text, parent, wordWrap=True, objectName="draft_heading")
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * (1.25 if item.level == 1 else 1.1))
        label.setFont(font)
        label.setContentsMargins(0, 10 if item.level == 1 else 4, 0, 0)
        label.setAccessibleName(f"Heading: {item.text}")
        return label

    def _paragraph(self, item: DraftItem, parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        holder.setObjectName(f"paragraph_{item.number}")
        grid = QHBoxLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        number = QLabel(f"{item.number}.", holder)
        number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        number.setFixedWidth(number.fontMetrics().horizontalAdvance("000.") + 4)
        number.setContentsMargins(0, 4, 0, 0)
        column = QVBoxLayout()
        column.setSpacing(2)
        text = self._text_box(item.text, f"Paragraph {item.number}", holder)
        number.setBuddy(text)
        column.addWidget(text)
        points = None
        if item.points or item.generated_points:
            hint = QLabel("Sub-points (a), (b)…, one a line:", holder)
            points = self._text_box(
                points_text(item.points), f"Sub-points of paragraph {item.number}", holder
            )
            hint.setBuddy(points)
            column.addWidget(hint)
            column.addWidget(points)
        error = FieldError(holder)
        column.addWidget(error)
        restore = QPushButton("Restore the generated text", holder, objectName="restore_button")
        restore.setAccessibleName(f"Restore the generated text of paragraph {item.number}")
        keep = QPushButton("Keep my wording", holder, objectName="keep_button")
        keep.setAccessibleName(f"Keep the edited wording of paragraph {item.number}")
        keep.setToolTip("Keep the wording as edited; it is saved with the other edits")
        box = ParagraphBox(item, text, points, error, restore, keep)
        column.addLayout(self._status_row(box, holder))
        grid.addWidget(number)
        grid.addLayout(column, 1)
        self.boxes[item.key] = box
        return holder

    def _text_box(self, text: str, name: str, parent: QWidget) -> GrowingTextEdit:
        # The box's width is the editor's less the margins, the paragraph number and the frames.
        box = GrowingTextEdit(parent, width_hint=self.viewport().width() - 90)
        box.setPlainText(text)
        box.setAccessibleName(name)
        box.setReadOnly(self.read_only)
        box.textChanged.connect(self._on_text_changed)
        return box

    def _status_row(self, box: ParagraphBox, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 2, 0, 4)
        item = box.item
        if item.outdated:
            warning = QLabel(
                "⚠ The generated wording of this paragraph has changed since it was edited, so the "
                f"figures it gives may be out of date. It now reads: “{item.generated_text}”",
                parent,
                wordWrap=True,
                objectName="outdated_warning",
            )
            warning.setStyleSheet(WARNING_STYLE)
            warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(warning, 1)
        elif item.edited:
            edited = QLabel("Edited: the generated wording is replaced", parent, objectName="edited_label")
            edited.setStyleSheet(EDITED_STYLE)
            row.addWidget(edited)
        row.addStretch(0 if item.outdated else 1)
        box.restore.setVisible(item.edited and not self.read_only)
        box.restore.clicked.connect(lambda _checked=False, key=item.key: self.restore_generated(key))
        box.keep.setVisible(item.outdated and not self.read_only)
        box.keep.clicked.connect(lambda _checked=False, key=item.key: self.keep_wording(key))
        buttons = QVBoxLayout()
        buttons.addWidget(box.restore)
        buttons.addWidget(box.keep)
        buttons.addStretch(1)
        row.addLayout(buttons)
        return row

    # --- reading and showing -------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def restore_generated(self, key: str) -> None:
        """Put the generated wording back in the boxes (saved with the next Save edits)."""
        box = self.boxes[key]
        box.text.setPlainText(box.item.generated_text)
        if box.points is not None:
            box.points.setPlainText(points_text(box.item.generated_points))
        box.text.setFocus()

    def keep_wording(self, key: str) -> None:
        """Keep an outdated paragraph's edited wording (saved with the next Save edits)."""
        self.kept.add(key)
        self.boxes[key].keep.setEnabled(False)
        self.boxes[key].keep.setText("Kept: save to confirm")
        self.changed.emit()

    def edits(self) -> dict[str, ParagraphEdit]:
        """The paragraphs whose wording differs from what was loaded (or is kept), by key."""
        found = {}
        for key, box in self.boxes.items():
            text = box.text.toPlainText()
            points = points_of(box.points.toPlainText()) if box.points is not None else box.item.points
            if text.strip() != box.item.text or points != box.item.points or key in self.kept:
                found[key] = ParagraphEdit(text, points if box.points is not None else None)
        return found

    def is_dirty(self) -> bool:
        """Whether any paragraph has unsaved changes."""
        return bool(self.edits())

    def clear_errors(self) -> None:
        """Hide every paragraph's message."""
        for box in self.boxes.values():
            box.error.show_message("")

    def show_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Show each message under its paragraph (``key`` or ``key:points``); return the others."""
        self.clear_errors()
        rest: dict[str, str] = {}
        first: QWidget | None = None
        for field, message in errors.items():
            key, _, part = field.partition(":")
            box = self.boxes.get(key)
            if box is None:
                rest[field] = message
                continue
            box.error.show_message(message)
            target = box.points if part == "points" and box.points is not None else box.text
            first = first or target
        if first is not None:
            first.setFocus()
            self.ensureWidgetVisible(first)
        return rest

    def text_box(self, key: str) -> GrowingTextEdit:
        """The paragraph ``key``'s text box."""
        return self.boxes[key].text
