"""The shared shape of a visit reports page: a list of reports on the left, one report on the right.

The custody visit page and the Dog Unit visit page both list reports with filters, follow the
selection, show one report in tabs (read-only unless it is a draft), save, revert and submit it,
and ask before unsaved edits are lost. ``VisitPageBase`` holds all of that; a subclass builds its
filters, form and tabs, and names the service calls that read, save and submit its reports.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import ReportStatus
from pcc_desktop.services.errors import ConflictError, NotFoundError, ValidationError
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.dialogs import ask_to_save
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.table_export import export_table
from pcc_desktop.ui.table_models import Column, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner

DetailT = TypeVar("DetailT")
RowT = TypeVar("RowT")


class VisitPageBase(QWidget, Generic[DetailT, RowT]):
    """The list, selection, save / revert / submit flow and read-only state of a visit reports page.

    A subclass sets ``PREFIX`` (of its widgets' object names), ``NOUN`` (one report, as the
    messages say it), ``ERRORS_ON``, ``DRAFT_COMMAND`` and ``SUBMIT_TIP``, and provides the hooks
    below: the rows, one report, showing it, the first field, where messages go and saving.
    """

    message = Signal(str)

    PREFIX = ""
    NOUN = "visit report"
    ERRORS_ON = "form"  # where the messages of a refused save are: "Not saved: see the messages on the …"
    DRAFT_COMMAND = ""  # the page's command that only a draft allows
    SUBMIT_TIP = ""  # the tooltip of the Submit button

    def __init__(
        self, workspace: Workspace, settings: AppSettings, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{self.PREFIX}visit_page")
        self._ws, self._settings, self._tasks = workspace, settings, tasks
        self._current: DetailT | None = None
        self.dirty = False

    @property
    def current(self) -> DetailT | None:
        """The report shown on the right (None for a new, unsaved one)."""
        return self._current

    # -- hooks -----------------------------------------------------------------------------------

    def _fetch_rows(self) -> list[RowT]:
        """The rows of the list under the current filters."""
        raise NotImplementedError

    def _row_id(self, row: RowT) -> uuid.UUID:
        """The report id of one row of the list."""
        raise NotImplementedError

    def _fetch_detail(self, visit_id: uuid.UUID) -> DetailT:
        """One report, as the tabs show it (raises ``NotFoundError``)."""
        raise NotImplementedError

    def _display(self, detail: DetailT | None) -> None:
        """Show ``detail`` in every tab (read-only unless it is a draft)."""
        raise NotImplementedError

    def _first_field(self) -> QWidget:
        """The field a new report starts at."""
        raise NotImplementedError

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Show the messages of a refused save or submit at their fields."""
        raise NotImplementedError

    def _update_buttons(self, current: DetailT | None) -> None:
        """Enable the page's own buttons for the report shown (none by default)."""

    # -- building --------------------------------------------------------------------------------

    def _build_list(
        self, columns: Sequence[Column], build_table: Callable[..., QTableView], empty_text: str
    ) -> None:
        """The model, table, count and empty message of the list, stacked."""
        self.model: RowTableModel[RowT] = RowTableModel(columns, self)
        self.table = build_table(self.model, self)
        self.count_label = QLabel(self, objectName=f"{self.PREFIX}visit_count_label")
        self.empty_label = QLabel(
            empty_text,
            self,
            objectName=f"{self.PREFIX}visit_empty_label",
            wordWrap=True,
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)

    def _add_scrolling_tab(self, tabs: QTabWidget, widget: QWidget, title: str) -> None:
        # Scrolls, so a long tab fits a 768-pixel-high laptop screen.
        scroll = QScrollArea(self, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(widget)
        tabs.addTab(scroll, title)

    def _extra_buttons(self) -> list[QPushButton]:
        """The page's own buttons, after Submit (none by default)."""
        return []

    def _build_buttons(self) -> QHBoxLayout:
        """Submit (then the page's own buttons), the unsaved-changes label, Revert and Save draft."""
        prefix = self.PREFIX
        self.submit_button = QPushButton("S&ubmit report", self, objectName=f"{prefix}submit_button")
        self.submit_button.setToolTip(self.SUBMIT_TIP)
        extra = self._extra_buttons()
        self.dirty_label = QLabel("", self, objectName=f"{prefix}visit_dirty_label")
        self.revert_button = QPushButton("Revert", self, objectName=f"{prefix}revert_button", toolTip="Esc")
        self.save_button = QPushButton(
            "Save draft", self, objectName=f"{prefix}save_button", toolTip="Ctrl+S"
        )
        buttons = QHBoxLayout()
        for widget in (self.submit_button, *extra):
            buttons.addWidget(widget)
        buttons.addWidget(self.dirty_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        return buttons

    def _column(self, top: Sequence[QWidget], main: QWidget) -> tuple[QWidget, QVBoxLayout]:
        """A side of the splitter: ``top`` above ``main``, which takes the height; add the foot after."""
        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in top:
            layout.addWidget(widget)
        layout.addWidget(main, 1)
        return column, layout

    def _build_splitter(
        self, left_top: Sequence[QWidget], right_top: Sequence[QWidget], sizes: list[int]
    ) -> QSplitter:
        """The list (under ``left_top``) beside the tabs (under ``right_top``) and the buttons."""
        splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName=f"{self.PREFIX}visit_splitter")
        left, left_layout = self._column(left_top, self.list_stack)
        left_layout.addWidget(self.count_label)
        right, right_layout = self._column(right_top, self.tabs)
        right_layout.addLayout(self._build_buttons())
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(sizes)
        return splitter

    def _command(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def _connect_list(self) -> None:
        """Follow the filters and the selection; Enter on a row goes to the report."""
        self.filter_bar.filter_changed.connect(self._on_filter_changed)  # type: ignore[attr-defined]
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(lambda _index: self._first_field().setFocus())
        self.save_button.clicked.connect(self.save_current)
        self.revert_button.clicked.connect(self.revert_current)
        self.submit_button.clicked.connect(self.submit_current)

    # -- loading ---------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        """Refresh the choices of the filters and form."""

    def reload(self) -> None:
        """Refresh choices and the list, keeping the current report if still shown."""
        self._load_choices()
        keep = self._current_id()
        self._reload_list()
        self._select(keep)

    def _current_id(self) -> uuid.UUID | None:
        return self._current.id if self._current is not None else None  # type: ignore[attr-defined]

    def _reload_list(self) -> None:
        rows = self._fetch_rows()
        self.model.set_rows(rows)
        count = len(rows)
        self.count_label.setText(f"{count:,} {self.NOUN}{'s' if count != 1 else ''}")
        self.list_stack.setCurrentWidget(self.table if count else self.empty_label)

    def _on_filter_changed(self, _flt: object) -> None:
        if not self.confirm_discard():
            return
        self._reload_list()
        self._select(self._current_id())

    def _row_of(self, visit_id: uuid.UUID | None) -> int:
        return next((i for i, r in enumerate(self.model.rows()) if self._row_id(r) == visit_id), -1)

    def _select(self, visit_id: uuid.UUID | None) -> None:
        row = self._row_of(visit_id)
        if row < 0 and visit_id is None and self.model.rowCount():
            row = 0
        if row < 0:
            self._show(visit_id)
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        self._show(self._row_id(self.model.row_at(row)))

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            visit_id = self._row_id(self.model.row_at(current.row()))
            if self._current_id() != visit_id and self.confirm_discard():
                self._show(visit_id)

    def _show(self, visit_id: uuid.UUID | None) -> None:
        detail = None
        if visit_id is not None:
            try:
                detail = self._fetch_detail(visit_id)
            except NotFoundError:
                detail = None
        self._display(detail)

    def _is_draft(self) -> bool:
        """True for a new report or a draft: one that may be edited."""
        return self._current is None or self._current.status == ReportStatus.DRAFT  # type: ignore[attr-defined]

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        current: Any = self._current
        draft = self._is_draft()
        read_only = "" if draft else f"Read-only: this report is {current.status.value}"
        self.dirty_label.setText("Unsaved changes" if dirty else read_only)
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        can_submit = current is not None and current.status == ReportStatus.DRAFT
        self.submit_button.setEnabled(can_submit)
        self._update_buttons(current)
        if hasattr(self, "commands"):  # not yet while the page is built
            self.commands["submit"].setEnabled(can_submit)
            self.commands[self.DRAFT_COMMAND].setEnabled(draft)

    # -- window commands -------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask about unsaved edits. False means stay put."""
        if not self.dirty:
            return True
        return ask_to_save(self, self.NOUN, self.save_current, lambda: self._set_dirty(False))

    def new_record(self) -> None:
        """Edit → New: a blank report."""
        if not self.confirm_discard():
            return
        self.table.clearSelection()
        self._display(None)
        self.tabs.setCurrentIndex(0)
        self._first_field().setFocus()

    def _save(self) -> DetailT:
        """Save the report shown (creating it if new); raises the services' errors."""
        raise NotImplementedError

    def save_current(self) -> bool:
        """Save the draft; messages appear at the fields."""
        if not self._is_draft():
            return True
        created = self._current is None
        try:
            saved: Any = self._save()
        except ValidationError as exc:
            if created and self._current is not None:  # created, then refused: list the new draft
                self._reload_list()
            self._show_errors(exc.errors)
            self.message.emit(f"Not saved: see the messages on the {self.ERRORS_ON}")
            return False
        except (ConflictError, NotFoundError) as exc:
            self.form.show_errors({"": str(exc)})  # type: ignore[attr-defined]
            return False
        self._after_change(saved, f"Saved {saved.reference}")
        return True

    def _after_change(self, detail: DetailT, text: str) -> None:
        self._display(detail)
        self._reload_list()
        row = self._row_of(detail.id)  # type: ignore[attr-defined]
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
        self.message.emit(text)

    def revert_current(self) -> None:
        """Throw away unsaved edits."""
        self._show(self._current_id())

    def submit_current(self) -> None:
        """Save, then submit the draft: the rules are checked and messages shown at the fields."""
        raise NotImplementedError

    def _submit(self, visit_id: uuid.UUID, submit: Callable[..., Any]) -> None:
        """Submit the saved draft ``visit_id`` through the service ``submit``."""
        try:
            submitted = self._ws.act(submit, visit_id)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            self.message.emit(f"Not submitted: see the messages on the {self.ERRORS_ON}")
            return
        except NotFoundError as exc:
            self.form.show_errors({"": str(exc)})  # type: ignore[attr-defined]
            return
        self._after_change(submitted, f"Submitted {submitted.reference}")

    def export_list(self) -> None:
        """Export the list as shown to Excel or CSV."""
        plural = f"{self.NOUN}s"
        count = export_table(self.table, plural[:1].upper() + plural[1:], self)
        if count is not None:
            self.message.emit(f"Exported {count:,} {plural}")
