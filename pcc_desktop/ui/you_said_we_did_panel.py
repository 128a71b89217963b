"""'You said, we did': what residents raised and what became of it, for the website and newsletters.

The rows come from ``services.you_said_we_did``, which already leaves out personal data, staff
names and anything not publishable (domain.md §3.1 step 9). The panel chooses the scope (a period,
an area within a period, or one engagement), shows the list, copies it as an HTML table for the
press office, and exports it to Excel, CSV or HTML off the GUI thread.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import AreaKind, EngagementStatus
from pcc_desktop.services.action_details import engagement_label
from pcc_desktop.services.choices import AREA_KIND_LABELS
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.engagement_queries import EngagementFilter, list_engagements
from pcc_desktop.services.reference_data import list_areas
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.services.you_said_we_did import (
    YouSaidWeDidScope,
    YswdRow,
    export_you_said_we_did,
    html_table,
    you_said_we_did,
)
from pcc_desktop.ui.table_models import Column, RowTableModel
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.widgets import ChoiceCombo, OptionalDateEdit

PERIOD, AREA, ENGAGEMENT = "period", "area", "engagement"
SCOPE_CHOICES = [(PERIOD, "A period"), (AREA, "An area"), (ENGAGEMENT, "One engagement")]
EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv);;Web page table (*.html)"
RECENT_ENGAGEMENTS = 300
COLUMNS: list[Column[YswdRow]] = [
    Column("held_on", "Date", lambda r: r.held_on, lambda r: format_date(r.held_on)),
    Column("place", "Place", lambda r: r.place),
    Column("type", "Type", lambda r: r.engagement_kind_label),
    Column("you_said", "You said", lambda r: r.you_said),
    Column("we_did", "We did", lambda r: r.we_did),
    Column("status", "Status", lambda r: r.status),
]
WIDTHS = (92, 150, 130, 0, 0, 110)


def quarter_of(day: date) -> tuple[date, date]:
    """The first and last days of the calendar quarter holding ``day``."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    following = date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _choice(label: str, widget: QWidget, name: str, row: QHBoxLayout) -> QLabel:
    caption = QLabel(label, widget.parentWidget())
    caption.setBuddy(widget)
    widget.setAccessibleName(name)
    row.addWidget(caption)
    row.addWidget(widget)
    return caption


class YouSaidWeDidPanel(QWidget):
    """Choose a scope, read the list, copy it as HTML or export it."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self.model: RowTableModel[YswdRow] = RowTableModel(COLUMNS, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_controls())
        self.table = self._build_table()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.hide()
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(self._build_buttons())
        self.load_choices()
        self._update_controls()
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.scope_combo = ChoiceCombo(parent=self)
        self.scope_combo.setEditable(False)
        self.scope_combo.set_choices(SCOPE_CHOICES)
        self.scope_combo.setCurrentIndex(0)
        self.date_from, self.date_to = OptionalDateEdit("Any", self), OptionalDateEdit("Any", self)
        start, end = quarter_of(today())
        self.date_from.set_value(start)
        self.date_to.set_value(end)
        self.area_combo = ChoiceCombo(parent=self)
        self.area_combo.setMinimumContentsLength(26)
        self.engagement_combo = ChoiceCombo(parent=self)
        self.engagement_combo.setMinimumContentsLength(56)
        for combo in (self.area_combo, self.engagement_combo):
            # Show the start of a long name, not its end.
            combo.currentIndexChanged.connect(lambda *_, c=combo: c.lineEdit().setCursorPosition(0))
        self.captions = {
            "scope": _choice("&For:", self.scope_combo, "For", row),
            "from": _choice("F&rom:", self.date_from, "From", row),
            "to": _choice("&To:", self.date_to, "To", row),
            "area": _choice("&Area:", self.area_combo, "Area", row),
            "engagement": _choice("&Engagement:", self.engagement_combo, "Engagement", row),
        }
        row.addStretch(1)
        self.scope_combo.currentIndexChanged.connect(self._on_scope_changed)
        for date_edit in (self.date_from, self.date_to):
            date_edit.dateChanged.connect(lambda *_: self.reload())
        self.area_combo.activated.connect(lambda *_: self.reload())
        self.engagement_combo.activated.connect(lambda *_: self.reload())
        return row

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName("You said, we did")
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            if width:
                header.resizeSection(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status = QLabel(self)
        self.copy_button = QPushButton("&Copy as HTML", self)
        self.copy_button.setToolTip("Copy the list as an HTML table, for the website or a newsletter")
        self.export_button = QPushButton("E&xport…", self)
        self.export_button.setToolTip("Save the list as an Excel workbook, a CSV file or an HTML table")
        self.copy_button.clicked.connect(self.copy_html)
        self.export_button.clicked.connect(self.export)
        row.addWidget(self.status, 1)
        row.addWidget(self.copy_button)
        row.addWidget(self.export_button)
        return row

    # --- scope ------------------------------------------------------------------------------

    def load_choices(self) -> None:
        """Refresh the areas (NPAs, then places) and recent held engagements."""
        areas = [
            (a.id, f"{a.name} ({AREA_KIND_LABELS[a.kind]})")
            for kind in (AreaKind.NPA, AreaKind.PLACE)
            for a in self.workspace.run(list_areas, kind, False)
        ]
        self.area_combo.set_choices(areas)
        held = EngagementFilter(statuses=(EngagementStatus.HELD,))
        page = self.workspace.run(list_engagements, held, limit=RECENT_ENGAGEMENTS)
        self.engagement_combo.set_choices(
            [(e.id, engagement_label(e.kind, e.held_on, e.place, e.reference)) for e in page.rows]
        )

    def _on_scope_changed(self, *_args: object) -> None:
        self._update_controls()
        self.reload()

    def _update_controls(self) -> None:
        kind = self.scope_combo.current_id()
        for name, widget in (("from", self.date_from), ("to", self.date_to)):
            widget.setVisible(kind != ENGAGEMENT)
            self.captions[name].setVisible(kind != ENGAGEMENT)
        self.area_combo.setVisible(kind == AREA)
        self.captions["area"].setVisible(kind == AREA)
        self.engagement_combo.setVisible(kind == ENGAGEMENT)
        self.captions["engagement"].setVisible(kind == ENGAGEMENT)

    def scope(self) -> YouSaidWeDidScope:
        """The scope the controls describe."""
        kind = self.scope_combo.current_id()
        if kind == ENGAGEMENT:
            return YouSaidWeDidScope(engagement_id=self.engagement_combo.current_id())  # type: ignore[arg-type]
        area = self.area_combo.current_id() if kind == AREA else None
        return YouSaidWeDidScope(
            area_id=area,  # type: ignore[arg-type]
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
        )

    def set_scope(self, scope: YouSaidWeDidScope) -> None:
        """Show ``scope``: one engagement, an area (within the dates given) or a period."""
        for widget in (self.scope_combo, self.date_from, self.date_to):
            widget.blockSignals(True)
        kind = ENGAGEMENT if scope.engagement_id else AREA if scope.area_id else PERIOD
        self.scope_combo.set_current_id(kind)
        self.engagement_combo.set_current_id(scope.engagement_id)
        self.area_combo.set_current_id(scope.area_id)
        self.date_from.set_value(scope.date_from)
        self.date_to.set_value(scope.date_to)
        for widget in (self.scope_combo, self.date_from, self.date_to):
            widget.blockSignals(False)
        self._update_controls()
        self.reload()

    # --- showing ----------------------------------------------------------------------------

    def _empty_text(self, scope: YouSaidWeDidScope) -> str:
        kind = self.scope_combo.current_id()
        if kind == ENGAGEMENT and scope.engagement_id is None:
            return "Choose an engagement to see what was raised there and what became of it."
        if kind == AREA and scope.area_id is None:
            return "Choose an area to see what was raised there and what became of it."
        words = "at this engagement" if scope.engagement_id else ""
        if scope.area_id:
            words = f"in {self.area_combo.currentText()}"
        if kind != ENGAGEMENT and (scope.date_from or scope.date_to):
            start, end = format_date(scope.date_from) or "the start", format_date(scope.date_to) or "today"
            words = f"{words} from {start} to {end}".strip()
        return f"Nothing publishable was raised {words or 'yet'}. Try a longer period or another area."

    def reload(self) -> None:
        """Read the list again for the current scope."""
        scope = self.scope()
        empty_choice = self.scope_combo.current_id() != PERIOD and not (scope.engagement_id or scope.area_id)
        rows = [] if empty_choice else self.workspace.run(you_said_we_did, scope)
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.empty.setText(self._empty_text(scope))
        self.summary.setVisible(bool(rows))
        self.summary.setText(
            f"{len(rows)} item{'' if len(rows) == 1 else 's'}; "
            "personal data and non-publishable records are left out."
        )
        self.copy_button.setEnabled(bool(rows))
        self.export_button.setEnabled(bool(rows))

    def rows(self) -> list[YswdRow]:
        """The rows shown."""
        return self.model.rows()

    # --- output -----------------------------------------------------------------------------

    def copy_html(self) -> None:
        """Put the list on the clipboard as an HTML table."""
        QApplication.clipboard().setText(html_table(self.rows()))
        self.status.setText(f"Copied {len(self.rows())} rows as an HTML table.")

    def export(self) -> None:
        """Ask where to save, then write the file in the background."""
        start = str(Path.home() / "you-said-we-did.xlsx")
        name, chosen = QFileDialog.getSaveFileName(self, "Export 'You said, we did'", start, EXPORT_FILTER)
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".xlsx", ".csv", ".html"):
            path = path.with_suffix("." + chosen.rsplit("*.", 1)[-1].rstrip(")") if chosen else ".xlsx")
        rows = self.rows()
        self.status.setText(f"Exporting to {path.name}…")
        self.tasks.run(
            lambda: export_you_said_we_did(rows, path),
            on_success=lambda count: self.status.setText(f"Exported {count} rows to {path}."),
            on_error=self._export_failed,
        )

    def _export_failed(self, error: Exception) -> None:
        self.status.setText("The export failed.")
        QMessageBox.warning(self, "Export failed", f"The list could not be saved:\n{error}")
