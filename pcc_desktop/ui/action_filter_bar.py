"""The filter bar above the action list: saved views, search and the individual filters."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from pcc_desktop.models import ActionStatus, OriginKind
from pcc_desktop.services import action_lifecycle as lifecycle
from pcc_desktop.services.action_details import ORIGIN_KIND_LABELS
from pcc_desktop.services.action_queries import ActionFilter
from pcc_desktop.services.choices import ActionChoices
from pcc_desktop.ui.widgets import ChoiceCombo, OptionalDateEdit

OPEN_ANY = "open_any"


def filter_to_json(flt: ActionFilter) -> dict[str, Any]:
    """A filter as JSON-safe values, for saving in the settings file."""
    data = asdict(flt)
    for key, value in data.items():
        if isinstance(value, uuid.UUID | date):
            data[key] = str(value) if isinstance(value, uuid.UUID) else value.isoformat()
        elif isinstance(value, tuple):
            data[key] = [str(v) for v in value]
        elif isinstance(value, OriginKind):
            data[key] = value.value
    return data


def filter_from_json(data: dict[str, Any]) -> ActionFilter:
    """The inverse of ``filter_to_json``; unknown keys are ignored."""

    def uid(key: str) -> uuid.UUID | None:
        return uuid.UUID(data[key]) if data.get(key) else None

    def day(key: str) -> date | None:
        return date.fromisoformat(data[key]) if data.get(key) else None

    return ActionFilter(
        statuses=tuple(ActionStatus(s) for s in data.get("statuses", [])),
        owner_id=uid("owner_id"),
        assignee_org_id=uid("assignee_org_id"),
        assignee_is_force=bool(data.get("assignee_is_force")),
        theme_id=uid("theme_id"),
        area_id=uid("area_id"),
        origin_kind=OriginKind(data["origin_kind"]) if data.get("origin_kind") else None,
        overdue_only=bool(data.get("overdue_only")),
        due_from=day("due_from"),
        due_to=day("due_to"),
        text=str(data.get("text", "")),
    )


class ActionFilterBar(QWidget):
    """Emits ``filter_changed`` (debounced for typing) whenever a filter control changes."""

    filter_changed = Signal(object)
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("action_filter_bar")
        self._presets: dict[str, ActionFilter] = {}
        self._quiet = False
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._emit)
        self._build()

    def _build(self) -> None:
        self.view_combo = ChoiceCombo(parent=self)
        self.view_combo.setEditable(False)
        self.view_combo.setObjectName("view_combo")
        self.search_edit = QLineEdit(
            self,
            objectName="search_edit",
            clearButtonEnabled=True,
            placeholderText="Search reference, title, description…",
        )
        self.status_combo = ChoiceCombo("Any status", self)
        self.status_combo.setEditable(False)
        self.status_combo.set_choices(
            [(OPEN_ANY, "Open (any)")] + [(s, lifecycle.label(s)) for s in ActionStatus]
        )
        self.owner_combo = ChoiceCombo("Anyone", self)
        self.assignee_combo = ChoiceCombo("Any assignee", self)
        self.theme_combo = ChoiceCombo("Any theme", self)
        self.area_combo = ChoiceCombo("Any area", self)
        self.origin_combo = ChoiceCombo("Any origin", self)
        self.origin_combo.setEditable(False)
        # Every kind of origin, named as the statistics and the dashboard name them.
        self.origin_combo.set_choices(list(ORIGIN_KIND_LABELS.items()))
        self.overdue_check = QCheckBox("&Overdue only", self)
        self.due_from_edit = OptionalDateEdit("Any", self)
        self.due_to_edit = OptionalDateEdit("Any", self)
        self.save_button = QPushButton("Sa&ve view…", self)
        self.clear_button = QPushButton("C&lear", self)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = [
            ("&View:", self.view_combo, 0, 0),
            ("&Search:", self.search_edit, 0, 2),
            ("St&atus:", self.status_combo, 0, 4),
            ("O&wner:", self.owner_combo, 0, 6),
            ("Assi&gned to:", self.assignee_combo, 1, 0),
            ("T&heme:", self.theme_combo, 1, 2),
            ("A&rea:", self.area_combo, 1, 4),
            ("Or&igin:", self.origin_combo, 1, 6),
            ("Due &from:", self.due_from_edit, 2, 0),
            ("Due t&o:", self.due_to_edit, 2, 2),
        ]
        for text, widget, row, col in cells:
            label = QLabel(text, self)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
            grid.addWidget(label, row, col)
            grid.addWidget(widget, row, col + 1)
        grid.addWidget(self.overdue_check, 2, 4, 1, 2)
        grid.addWidget(self.save_button, 2, 6)
        grid.addWidget(self.clear_button, 2, 7)
        for col in (1, 3, 5, 7):
            grid.setColumnStretch(col, 1)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (
            self.status_combo,
            self.owner_combo,
            self.assignee_combo,
            self.theme_combo,
            self.area_combo,
            self.origin_combo,
        ):
            combo.currentIndexChanged.connect(self._on_control_changed)
        self.overdue_check.toggled.connect(self._on_control_changed)
        self.due_from_edit.dateChanged.connect(self._on_control_changed)
        self.due_to_edit.dateChanged.connect(self._on_control_changed)
        self.view_combo.currentIndexChanged.connect(self._on_view_chosen)
        self.clear_button.clicked.connect(lambda: self.apply(ActionFilter()))
        self.save_button.clicked.connect(self.save_requested.emit)

    def set_choices(self, choices: ActionChoices) -> None:
        """Fill the drop-downs from the database's current lists."""
        self._quiet = True
        self.owner_combo.set_choices(choices.staff)
        self.assignee_combo.set_choices(choices.organisations)
        self.theme_combo.set_choices(choices.themes)
        self.area_combo.set_choices(choices.areas)
        self._quiet = False

    def set_presets(self, presets: dict[str, ActionFilter], current: str | None = None) -> None:
        """The named views offered in the View box."""
        self._presets = dict(presets)
        self._quiet = True
        self.view_combo.set_choices([(name, name) for name in presets] + [("", "Custom")])
        self.view_combo.set_current_id(current if current in presets else "")
        self._quiet = False

    def choose_view(self, name: str) -> bool:
        """Show the named view (``Overdue``); False if there is no view of that name."""
        if name not in self._presets:
            return False
        self._quiet = True
        self.view_combo.set_current_id(name)
        self._quiet = False
        self.apply(self._presets[name], keep_view=True)
        return True

    def _on_view_chosen(self, *_args: object) -> None:
        name = self.view_combo.current_id()
        if not self._quiet and name in self._presets:
            self.apply(self._presets[str(name)], keep_view=True)

    def _on_control_changed(self, *_args: object) -> None:
        if not self._quiet:
            self._emit()

    def apply(self, flt: ActionFilter, keep_view: bool = False) -> None:
        """Show ``flt`` in the controls and announce it."""
        self._quiet = True
        self.search_edit.setText(flt.text)
        open_now = tuple(lifecycle.open_statuses())
        status = (
            OPEN_ANY if flt.statuses == open_now else (flt.statuses[0] if len(flt.statuses) == 1 else None)
        )
        self.status_combo.set_current_id(status)
        self.owner_combo.set_current_id(flt.owner_id)
        self.assignee_combo.set_current_id(flt.assignee_org_id)
        self.theme_combo.set_current_id(flt.theme_id)
        self.area_combo.set_current_id(flt.area_id)
        self.origin_combo.set_current_id(flt.origin_kind)
        self.overdue_check.setChecked(flt.overdue_only)
        self.due_from_edit.set_value(flt.due_from)
        self.due_to_edit.set_value(flt.due_to)
        self._force = flt.assignee_is_force
        if not keep_view:
            self.view_combo.set_current_id("")
        self._quiet = False
        self._emit()

    def current_filter(self) -> ActionFilter:
        """The filter the controls describe."""
        status = self.status_combo.current_id()
        statuses = tuple(lifecycle.open_statuses()) if status == OPEN_ANY else ((status,) if status else ())
        return ActionFilter(
            statuses=statuses,  # type: ignore[arg-type]
            owner_id=self.owner_combo.current_id(),  # type: ignore[arg-type]
            assignee_org_id=self.assignee_combo.current_id(),  # type: ignore[arg-type]
            assignee_is_force=getattr(self, "_force", False),
            theme_id=self.theme_combo.current_id(),  # type: ignore[arg-type]
            area_id=self.area_combo.current_id(),  # type: ignore[arg-type]
            origin_kind=self.origin_combo.current_id(),  # type: ignore[arg-type]
            overdue_only=self.overdue_check.isChecked(),
            due_from=self.due_from_edit.value(),
            due_to=self.due_to_edit.value(),
            text=self.search_edit.text(),
        )

    def _emit(self) -> None:
        """Announce the filter, showing the named view it matches (or "Custom")."""
        self._quiet = True
        flt = self.current_filter()
        name = next((n for n, p in self._presets.items() if p == flt), "")
        self.view_combo.set_current_id(name)
        if not name:
            # "Assigned to the Force" has no control of its own: a hand-made change drops it.
            self._force = False
        self._quiet = False
        self.filter_changed.emit(self.current_filter())
