"""The list side of the Dog Unit visit page: its search and status filter, columns and labels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QWidget,
)

from pcc_desktop.models import ChecklistArea, ReportStatus, VisitBasis, WelfareRating
from pcc_desktop.services.aws_details import AwsVisitSummary
from pcc_desktop.services.clock import format_date
from pcc_desktop.ui.table_models import RIGHT, Column, RowTableModel
from pcc_desktop.ui.visit_list import STATUS_LABELS
from pcc_desktop.ui.widgets import ChoiceCombo

BASIS_LABELS = {
    VisitBasis.UNANNOUNCED: "Unannounced",
    VisitBasis.ARRANGED: "Arranged",
    VisitBasis.POLICE_REQUESTED: "At the request of the police",
}
RATING_LABELS = {
    WelfareRating.NOT_ASSESSED: "Not assessed",
    WelfareRating.MET: "Met",
    WelfareRating.CONCERN: "Concern",
}
# The five welfare needs of the Animal Welfare Act 2006 s.9, as the visitors are trained to say them.
NEED_LABELS = {
    "environment": "Environment",
    "diet": "Diet",
    "behaviour": "Behaviour",
    "companionship": "Companionship",
    "health": "Health",
}
AREA_TITLES = {
    ChecklistArea.AWS_KENNELS: "Kennels",
    ChecklistArea.AWS_TRAINING: "Training",
    ChecklistArea.AWS_VEHICLES: "Vehicles",
    ChecklistArea.AWS_HOME_KENNELS: "Home kennels",
}
SEARCH_DELAY_MS = 250


def _count(value: int) -> str:
    return str(value) if value else ""


# Status comes third: at 1366 pixels the list shows about six columns, and "which reports wait for
# my review" is the question the coordinator opens it with.
AWS_VISIT_COLUMNS: list[Column[AwsVisitSummary]] = [
    Column("reference", "Reference", lambda r: r.reference),
    Column("visited_on", "Date", lambda r: r.visited_on, lambda r: format_date(r.visited_on)),
    Column("status", "Status", lambda r: r.status, lambda r: STATUS_LABELS[r.status]),
    Column("site", "Site", lambda r: r.site_name),
    Column("visitors", "Visitors", lambda r: r.visitors),
    Column("dogs", "Dogs seen", lambda r: r.dogs_seen, align=RIGHT),
    Column("concerns", "Concerns", lambda r: r.concerns, lambda r: _count(r.concerns), align=RIGHT),
    Column("serious", "Serious issue", lambda r: r.serious_issue, lambda r: "Yes" if r.serious_issue else ""),
    Column("actions", "Actions", lambda r: r.actions, lambda r: _count(r.actions), align=RIGHT),
]


@dataclass(frozen=True)
class AwsVisitFilter:
    """What the list shows: reports matching some text, optionally of one status."""

    text: str = ""
    status: ReportStatus | None = None


class AwsFilterBar(QWidget):
    """A search box and a status choice; ``filter_changed`` fires with an ``AwsVisitFilter``.

    Typing waits a moment before searching, so the list is not reloaded at every key press.
    """

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit(self, objectName="aws_search_edit", clearButtonEnabled=True)
        self.search_edit.setPlaceholderText("Reference, site or visitor")
        self.search_edit.setAccessibleName("Search Dog Unit visit reports")
        for button in self.search_edit.findChildren(QToolButton):  # the clear button Qt adds
            button.setAccessibleName("Clear the search")
        self.status_combo = ChoiceCombo("Any status", self)
        self.status_combo.setEditable(False)
        self.status_combo.set_choices(list(STATUS_LABELS.items()))
        self.status_combo.setAccessibleName("Dog Unit visits status")
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (("&Search:", self.search_edit), ("Stat&us:", self.status_combo)):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget, 1 if widget is self.search_edit else 0)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.search_edit.returnPressed.connect(self.flush)
        self.status_combo.currentIndexChanged.connect(self._emit)

    def current(self) -> AwsVisitFilter:
        """The filter as set."""
        return AwsVisitFilter(self.search_edit.text().strip(), self.status_combo.current_id())  # type: ignore[arg-type]

    def clear_filters(self) -> None:
        """Show every report again (no signal)."""
        for widget in (self.search_edit, self.status_combo):
            widget.blockSignals(True)
        self.search_edit.clear()
        self.status_combo.set_current_id(None)
        for widget in (self.search_edit, self.status_combo):
            widget.blockSignals(False)
        self._timer.stop()

    def flush(self) -> None:
        """Search now rather than after the pause."""
        self._timer.stop()
        self._emit()

    def _emit(self, *_args: object) -> None:
        self._timer.stop()
        self.filter_changed.emit(self.current())


def build_aws_visit_table(model: RowTableModel[AwsVisitSummary], parent: QWidget) -> QTableView:
    """The list of reports: one row each, the visitors' column taking a readable width."""
    table = QTableView(parent, objectName="aws_visits_table")
    table.setAccessibleName("Dog Unit visit reports")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    for column, width in enumerate((106, 80, 78, 130, 190, 70, 70, 92, 60)):
        table.setColumnWidth(column, width)
    table.horizontalHeader().setStretchLastSection(True)
    return table
