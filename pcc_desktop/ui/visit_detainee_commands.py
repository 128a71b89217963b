"""The Detainees-spoken-to commands of the visit report page: add, edit and remove anonymous rows.

A mixin of ``VisitPage``: it uses the page's workspace, current report, choices and tabs, and saves
through the custody-visit services only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from pcc_desktop.models import ReportStatus
from pcc_desktop.services import custody_visits
from pcc_desktop.services.custody_details import ConversationDetail
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.ui.conversation_dialog import ConversationDialog

if TYPE_CHECKING:
    from pcc_desktop.ui.visit_page import VisitPage

    _Base = VisitPage
else:
    _Base = object

DETAINEES_TAB = 1  # the tab of the page that lists the rows


class DetaineeCommands(_Base):
    """Add, edit and remove detainee rows of the current draft (each is saved at once)."""

    def _ready_for_detainees(self) -> bool:
        """A saved draft with no pending edits (new reports are saved first)."""
        if (self._current is None or self.dirty) and not self.save_current():
            return False
        return self._current is not None and self._current.status == ReportStatus.DRAFT

    def _open_conversation(self, row: ConversationDetail | None) -> None:
        current = self._current
        assert current is not None
        dialog = ConversationDialog(self._choices.request_categories, self._choices.welfare_items, row, self)
        if row is None:
            dialog.submit = lambda: self._ws.act(
                custody_visits.add_conversation, current.id, dialog.result_input()
            )
        else:
            dialog.submit = lambda: self._ws.act(
                custody_visits.update_conversation, row.id, dialog.result_input()
            )
        if dialog.exec():
            self._after_change(self._ws.run(custody_visits.get_visit, current.id), "Detainee row saved")
            self.tabs.setCurrentIndex(DETAINEES_TAB)

    def add_detainee(self) -> None:
        """Add an anonymous detainee row (saving the report first if need be)."""
        if self._ready_for_detainees():
            self._open_conversation(None)

    def edit_detainee(self, row: ConversationDetail) -> None:
        """Change one detainee row."""
        if self._ready_for_detainees():
            self._open_conversation(row)

    def remove_detainee(self, row: ConversationDetail) -> None:
        """Remove one detainee row after asking."""
        if not self._ready_for_detainees():
            return
        answer = QMessageBox.question(
            self, "Remove detainee", f"Remove detainee {row.position} from this report?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            detail = self._ws.act(custody_visits.remove_conversation, row.id)
        except (ValidationError, NotFoundError) as exc:
            self.message.emit(f"Not removed: {exc}")
            return
        self._after_change(detail, f"Removed detainee {row.position}")
