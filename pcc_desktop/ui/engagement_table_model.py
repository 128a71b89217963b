"""The engagement list: its Qt model (paged in from SQL) and the filter bar above it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QWidget

from pcc_desktop.models import EngagementStatus
from pcc_desktop.services.clock import format_date, today
from pcc_desktop.services.engagement_queries import (
    ENGAGEMENT_TYPE_LABELS,
    STATUS_LABELS,
    EngagementFilter,
    EngagementPage,
    EngagementRow,
)
from pcc_desktop.ui.paged_table_model import PagedTableModel
from pcc_desktop.ui.table_models import RIGHT, Column
from pcc_desktop.ui.widgets import Choice, ChoiceCombo, OptionalDateEdit

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[EngagementFilter, str, bool, int, int], EngagementPage]

PAGE_SIZE = 200
DATE_COLUMN = 1
CANCELLED_COLOUR = QColor("#6b6b6b")


def _debriefed_text(row: EngagementRow) -> str:
    if row.debriefed_on:
        return format_date(row.debriefed_on)
    return "Not yet" if row.status == EngagementStatus.HELD else ""


ENGAGEMENT_COLUMNS: list[Column[EngagementRow]] = [
    Column("reference", "Reference", lambda r: r.reference),
    Column("held_on", "Date", lambda r: r.held_on, lambda r: format_date(r.held_on), RIGHT),
    Column("kind", "Type", lambda r: r.kind_label),
    Column("status", "Status", lambda r: r.status_label),
    Column("place", "Place", lambda r: r.place, tooltip=lambda r: f"{r.place} ({r.area_name})"),
    Column("npa", "NPA", lambda r: r.npa_name),
    Column("lead", "Lead", lambda r: r.lead),
    Column("feedback", "Feedback", lambda r: r.feedback_count, align=RIGHT),
    Column("actions", "Actions", lambda r: r.actions_count, align=RIGHT),
    Column("debriefed_on", "Debriefed", lambda r: r.debriefed_on, _debriefed_text, RIGHT),
]


class EngagementTableModel(PagedTableModel[EngagementRow, EngagementFilter]):
    """Filtered, sorted engagements fetched a page at a time through ``fetch`` (the list query).

    ``fetch(filter, sort_key, descending, offset, limit)``: 20,000 engagements cost no more than
    the first page.
    """

    def __init__(self, fetch: Fetch, parent: Any = None) -> None:
        super().__init__(ENGAGEMENT_COLUMNS, EngagementFilter(), "held_on", True, parent)
        self._fetch = fetch

    @property
    def current_sort(self) -> tuple[str, bool]:
        """(sort key, descending)."""
        return self._sort_key, self._descending

    def fetch_page(self, offset: int, limit: int) -> EngagementPage:
        return self._fetch(self._filter, self._sort_key, self._descending, offset, limit)

    def page_size(self) -> int:
        return PAGE_SIZE

    def foreground(self, row: EngagementRow, column: Column[EngagementRow]) -> Any:
        return QBrush(CANCELLED_COLOUR) if row.status == EngagementStatus.CANCELLED else None


# --- the filter bar ----------------------------------------------------------------------------

UPCOMING_AND_RECENT = "Upcoming and recent"


def preset_filters() -> dict[str, EngagementFilter]:
    """The named views: the first is what the page opens on."""
    now = today()
    return {
        UPCOMING_AND_RECENT: EngagementFilter(
            date_from=now - timedelta(days=60), date_to=now + timedelta(days=90)
        ),
        "Not yet debriefed": EngagementFilter(undebriefed_only=True),
        "This year": EngagementFilter(
            date_from=now.replace(month=1, day=1), date_to=now.replace(month=12, day=31)
        ),
        "Everything": EngagementFilter(),
    }


class EngagementFilterBar(QWidget):
    """View, type, status, NPA, dates, search and "not yet debriefed"; emits ``filter_changed``.

    The labels carry no mnemonics: the form beside the list uses the letters, and Ctrl+F reaches
    the search box, from which Tab walks the filters.
    """

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("engagement_filter_bar")
        self._quiet = False
        self._presets = preset_filters()
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._emit)
        self.view_combo = ChoiceCombo(parent=self)
        self.view_combo.setEditable(False)
        self.view_combo.set_choices([(n, n) for n in self._presets] + [("", "Custom")])
        self.search_edit = QLineEdit(
            self,
            objectName="search_edit",
            clearButtonEnabled=True,
            placeholderText="Reference, place, notes…",
        )
        self.kind_combo = ChoiceCombo("Any type", self)
        self.kind_combo.setEditable(False)
        self.kind_combo.set_choices(list(ENGAGEMENT_TYPE_LABELS.items()))
        self.status_combo = ChoiceCombo("Any status", self)
        self.status_combo.setEditable(False)
        self.status_combo.set_choices(list(STATUS_LABELS.items()))
        self.npa_combo = ChoiceCombo("Any NPA", self)
        self.from_edit = OptionalDateEdit("Any", self)
        self.to_edit = OptionalDateEdit("Any", self)
        self.undebriefed_check = QCheckBox("Not yet debriefed", self)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = [
            ("View:", self.view_combo, 0, 0),
            ("Search:", self.search_edit, 0, 2),
            ("Type:", self.kind_combo, 0, 4),
            ("Status:", self.status_combo, 0, 6),
            ("NPA:", self.npa_combo, 1, 0),
            ("From:", self.from_edit, 1, 2),
            ("To:", self.to_edit, 1, 4),
        ]
        for text, widget, row, col in cells:
            label = QLabel(text, self)
            label.setBuddy(widget)
            widget.setAccessibleName(f"Filter: {text.rstrip(':')}")
            grid.addWidget(label, row, col)
            grid.addWidget(widget, row, col + 1)
        grid.addWidget(self.undebriefed_check, 1, 6, 1, 2)
        for col in (1, 3, 5, 7):
            grid.setColumnStretch(col, 1)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.kind_combo, self.status_combo, self.npa_combo):
            combo.currentIndexChanged.connect(self._on_control_changed)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._on_control_changed)
        self.undebriefed_check.toggled.connect(self._on_control_changed)
        self.view_combo.currentIndexChanged.connect(self._on_view_chosen)

    def set_npas(self, npas: list[Choice]) -> None:
        """The NPAs offered."""
        self._quiet = True
        self.npa_combo.set_choices(npas)
        self._quiet = False

    def _on_view_chosen(self, *_args: object) -> None:
        name = self.view_combo.current_id()
        if not self._quiet and name in self._presets:
            self.apply(self._presets[str(name)])

    def _on_control_changed(self, *_args: object) -> None:
        if not self._quiet:
            self._emit()

    def apply_view(self, name: str) -> None:
        """Show the named view (fresh dates: "today" may have moved since start-up)."""
        self._presets = preset_filters()
        self.apply(self._presets[name])

    def apply(self, flt: EngagementFilter) -> None:
        """Show ``flt`` in the controls and announce it."""
        self._quiet = True
        self.search_edit.setText(flt.text)
        self.kind_combo.set_current_id(flt.kinds[0] if len(flt.kinds) == 1 else None)
        self.status_combo.set_current_id(flt.statuses[0] if len(flt.statuses) == 1 else None)
        self.npa_combo.set_current_id(flt.npa_id)
        self.from_edit.set_value(flt.date_from)
        self.to_edit.set_value(flt.date_to)
        self.undebriefed_check.setChecked(flt.undebriefed_only)
        self._quiet = False
        self._emit()

    def current_filter(self) -> EngagementFilter:
        """The filter the controls describe."""
        kind, status = self.kind_combo.current_id(), self.status_combo.current_id()
        return EngagementFilter(
            kinds=(kind,) if kind else (),  # type: ignore[arg-type]
            statuses=(status,) if status else (),  # type: ignore[arg-type]
            npa_id=self.npa_combo.current_id(),  # type: ignore[arg-type]
            date_from=self.from_edit.value(),
            date_to=self.to_edit.value(),
            text=self.search_edit.text(),
            undebriefed_only=self.undebriefed_check.isChecked(),
        )

    def _emit(self) -> None:
        """Announce the filter, showing the named view it matches (or "Custom")."""
        flt = self.current_filter()
        self._quiet = True
        self.view_combo.set_current_id(next((n for n, p in self._presets.items() if p == flt), ""))
        self._quiet = False
        self.filter_changed.emit(flt)
