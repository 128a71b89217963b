"""The list side of the Volunteers page: the register's table model, its filters and the alerts strip."""

from __future__ import annotations

import html
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pcc_desktop.models import MembershipStatus, Scheme, VettingLevel
from pcc_desktop.services.clock import format_date
from pcc_desktop.services.volunteer_alerts import EXPIRED, ExpiryAlert
from pcc_desktop.services.volunteers import (
    MEMBERSHIP_LABELS,
    SCHEME_SHORT_LABELS,
    VolunteerRow,
)
from pcc_desktop.ui.table_models import Column, Index, RowTableModel
from pcc_desktop.ui.widgets import ChoiceCombo

WARNING_COLOUR = "#a4262c"
SHORT_VETTING = {VettingLevel.NONE: "Not vetted", VettingLevel.LOWER: "Lower", VettingLevel.HIGHER: "Higher"}
MAX_ALERTS_SHOWN = 3


# --- the register table --------------------------------------------------------------------------


def schemes_text(row: VolunteerRow) -> str:
    """``ICV (active), AWS (in training)``."""
    return ", ".join(
        f"{SCHEME_SHORT_LABELS[m.scheme]} ({MEMBERSHIP_LABELS[m.status].lower()})" for m in row.memberships
    )


def vetting_text(row: VolunteerRow) -> str:
    """``Higher to 31/03/2026``, ``⚠ Expired 01/05/2025`` or ``Not vetted``."""
    if row.vetting_level == VettingLevel.NONE or row.vetting_expires_on is None:
        return SHORT_VETTING[row.vetting_level]
    if not row.vetting_valid_on():
        return f"⚠ Expired {format_date(row.vetting_expires_on)}"
    return f"{SHORT_VETTING[row.vetting_level]} to {format_date(row.vetting_expires_on)}"


VOLUNTEER_COLUMNS: list[Column[VolunteerRow]] = [
    Column("reference", "Reference", lambda r: r.reference),
    Column("name", "Name", lambda r: r.name),
    Column("schemes", "Schemes", schemes_text),
    Column("vetting", "Vetting", vetting_text),
    Column("availability", "Availability", lambda r: r.availability),
]
VETTING_COLUMN = 3


class VolunteerTableModel(RowTableModel[VolunteerRow]):
    """The register as listed; expired vetting is drawn in red as well as marked with ⚠."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(VOLUNTEER_COLUMNS, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell data; the foreground colour marks expired vetting."""
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == VETTING_COLUMN:
            row = self.row_at(index.row()) if index.row() < self.rowCount() else None
            if row is not None and not row.vetting_valid_on():
                return QColor(WARNING_COLOUR)
            return None
        return super().data(index, role)

    def row_of(self, volunteer_id: uuid.UUID | None) -> int:
        """The row showing ``volunteer_id``, or -1."""
        return next((i for i, r in enumerate(self.rows()) if r.id == volunteer_id), -1)


# --- filters -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VolunteerFilter:
    """What the list is narrowed to (the arguments of ``list_volunteers``)."""

    scheme: Scheme | None = None
    status: MembershipStatus | None = None
    text: str = ""
    include_left: bool = False

    @property
    def statuses(self) -> tuple[MembershipStatus, ...]:
        """The status as the service's tuple."""
        return (self.status,) if self.status else ()


class VolunteerFilterBar(QWidget):
    """Scheme, status, search text and "include people who have left"; ``filter_changed`` on each edit."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheme_combo = ChoiceCombo("Any scheme", self)
        self.scheme_combo.setEditable(False)
        self.scheme_combo.set_choices(list(SCHEME_SHORT_LABELS.items()))
        self.scheme_combo.setAccessibleName("Scheme")
        self.status_combo = ChoiceCombo("Any status", self)
        self.status_combo.setEditable(False)
        self.status_combo.set_choices(list(MEMBERSHIP_LABELS.items()))
        self.status_combo.setAccessibleName("Status")
        self.search_edit = QLineEdit(self, placeholderText="Search name, email, phone or reference")
        self.search_edit.setAccessibleName("Search volunteers")
        self.search_edit.setClearButtonEnabled(True)
        self.left_check = QCheckBox("Include people who have &left", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in (("S&cheme:", self.scheme_combo), ("S&tatus:", self.status_combo)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.left_check)
        self.scheme_combo.currentIndexChanged.connect(self._emit)
        self.status_combo.currentIndexChanged.connect(self._emit)
        self.search_edit.textChanged.connect(self._emit)
        self.left_check.toggled.connect(self._emit)

    def current(self) -> VolunteerFilter:
        """The filter as set."""
        return VolunteerFilter(
            scheme=self.scheme_combo.current_id(),  # type: ignore[arg-type]
            status=self.status_combo.current_id(),  # type: ignore[arg-type]
            text=self.search_edit.text(),
            include_left=self.left_check.isChecked(),
        )

    def _emit(self, *_args: object) -> None:
        self.filter_changed.emit(self.current())


# --- alerts --------------------------------------------------------------------------------------


def alert_text(alert: ExpiryAlert) -> str:
    """``Vetting for Jane Doe expires in 7 days (25/06/2025)`` or ``… expired on 01/05/2025``."""
    on = format_date(alert.expires_on)
    subject = f"{alert.what} for {alert.name}"
    if alert.band == EXPIRED:
        return f"{subject} expired on {on}"
    if alert.days_left == 0:
        return f"{subject} expires today ({on})"
    return f"{subject} expires in {alert.days_left} day{'s' if alert.days_left != 1 else ''} ({on})"


class AlertsStrip(QLabel):
    """A red line of what needs attention, each item a link to the volunteer; hidden when nothing is due.

    ``volunteer_chosen`` carries the id of the volunteer whose alert was activated.
    """

    volunteer_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alerts_strip")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setStyleSheet(
            f"QLabel {{ color: {WARNING_COLOUR}; background: #fdf3f4; border: 1px solid #e8b4b8;"
            " border-radius: 3px; padding: 6px; }"
        )
        self.alerts: list[ExpiryAlert] = []
        self.linkActivated.connect(lambda link: self.volunteer_chosen.emit(uuid.UUID(link)))
        self.hide()

    def set_alerts(self, alerts: Sequence[ExpiryAlert]) -> None:
        """Show ``alerts`` (the first few, then how many more); hide when there are none."""
        self.alerts = list(alerts)
        count = len(self.alerts)
        if not count:
            self.clear()
            self.hide()
            return
        items = [
            f'<a style="color: {WARNING_COLOUR};" href="{a.volunteer_id}">{html.escape(alert_text(a))}</a>'
            for a in self.alerts[:MAX_ALERTS_SHOWN]
        ]
        more = count - MAX_ALERTS_SHOWN
        tail = f"; and {more} more (Show expiring vetting and terms lists them all)" if more > 0 else ""
        noun = "thing needs" if count == 1 else "things need"
        self.setText(f"<b>⚠ {count} {noun} attention:</b> " + "; ".join(items) + tail)
        self.setAccessibleName(f"{count} {noun} attention")
        self.show()

    def plain_text(self) -> str:
        """What the strip says, without markup (for tests and screen readers)."""
        return ", ".join(alert_text(a) for a in self.alerts)


ALERT_COLUMNS: list[Column[ExpiryAlert]] = [
    Column("name", "Name", lambda a: a.name),
    Column("reference", "Reference", lambda a: a.reference),
    Column("what", "What", lambda a: a.what),
    Column("expires", "Expires", lambda a: a.expires_on, lambda a: format_date(a.expires_on)),
    Column(
        "left",
        "Days left",
        lambda a: a.days_left,
        lambda a: f"⚠ Expired {-a.days_left} days ago" if a.band == EXPIRED else str(a.days_left),
    ),
]


class AlertsDialog(QDialog):
    """Every vetting and term that expires within 60 days or has expired; Open shows the volunteer."""

    def __init__(self, alerts: Sequence[ExpiryAlert], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Expiring vetting and terms")
        self.resize(720, 420)
        self.chosen: uuid.UUID | None = None
        self.model: RowTableModel[ExpiryAlert] = RowTableModel(ALERT_COLUMNS, self)
        self.model.set_rows(alerts)
        self.table = QTableView(self, objectName="alerts_table")
        self.table.setAccessibleName("Expiring vetting and terms")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        intro = QLabel(
            f"{len(alerts)} active volunteer record{'s' if len(alerts) != 1 else ''} with vetting or an "
            "appointment term that expires within 60 days or has expired. Renew or record the change "
            "on the volunteer.",
            self,
            wordWrap=True,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton("&Open volunteer", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._open)
        buttons.rejected.connect(self.reject)
        self.table.activated.connect(lambda _index: self._open())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        if alerts:
            self.table.selectRow(0)

    def _open(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.chosen = self.model.row_at(index.row()).volunteer_id
            self.accept()
