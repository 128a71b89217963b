"""The report commands of the Dog Unit visit page: add, edit and remove a dog seen; review.

A mixin of ``AwsVisitPage``: it uses the page's workspace, current report and tabs, and saves
through the Dog Unit visit services only. Each dog is saved at once, as a detainee row is on the
custody visit page; a new report is saved first. The review opens ``AwsReviewDialog``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from pcc_desktop.models import ReportStatus
from pcc_desktop.services import aws_visits
from pcc_desktop.services.aws_choices import dogs_in_service_on
from pcc_desktop.services.aws_details import ObservationDetail
from pcc_desktop.services.errors import NotFoundError, ValidationError
from pcc_desktop.ui.aws_observation_dialog import ObservationDialog
from pcc_desktop.ui.aws_review_dialog import AwsReviewDialog

if TYPE_CHECKING:
    from pcc_desktop.ui.aws_visit_page import AwsVisitPage

    _Base = AwsVisitPage
else:
    _Base = object

DOGS_TAB, FINDINGS_TAB = 2, 3  # the tabs of the page that list the dogs and the review's actions


class ReportCommands(_Base):
    """Add, edit and remove the dogs seen on the current draft (each is saved at once); review."""

    def _ready_for_dogs(self) -> bool:
        """A saved draft with no pending edits (new reports are saved first)."""
        if (self._current is None or self.dirty) and not self.save_current():
            return False
        return self._current is not None and self._current.status == ReportStatus.DRAFT

    def _open_observation(self, row: ObservationDetail | None) -> None:
        current = self._current
        assert current is not None
        dogs = self._ws.run(dogs_in_service_on, current.visited_on)
        taken = {d.dog_id for d in current.dogs if row is None or d.dog_id != row.dog_id}
        dialog = ObservationDialog([d for d in dogs if d[0] not in taken], row, self)
        dialog.submit = lambda: self._ws.act(aws_visits.save_observation, current.id, dialog.result_input())
        if dialog.exec():
            self._after_change(self._ws.run(aws_visits.get_visit, current.id), "Dog saved")
            self.tabs.setCurrentIndex(DOGS_TAB)

    def add_dog(self) -> None:
        """Add a dog seen (saving the report first if need be)."""
        if self._ready_for_dogs():
            self._open_observation(None)

    def edit_dog(self, row: ObservationDetail) -> None:
        """Change one dog's ratings or notes."""
        if self._ready_for_dogs():
            self._open_observation(row)

    def remove_dog(self, row: ObservationDetail) -> None:
        """Take one dog off the report after asking."""
        if not self._ready_for_dogs():
            return
        answer = QMessageBox.question(self, "Remove dog", f"Remove {row.dog_name} from this report?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        current = self._current
        assert current is not None
        try:
            detail = self._ws.act(aws_visits.remove_observation, current.id, row.dog_id)
        except (ValidationError, NotFoundError) as exc:
            self.message.emit(f"Not removed: {exc}")
            return
        self._after_change(detail, f"Removed {row.dog_name}")

    def review(self) -> None:
        """Review the selected submitted report: its findings become actions for the Dog Unit."""
        current = self._current
        if current is None or current.status != ReportStatus.SUBMITTED:
            what = (
                "Choose a submitted report first"
                if current is None
                else f"{current.reference} is {current.status.value}"
            )
            self.message.emit(f"{what}: only a submitted report can be reviewed")
            return
        if not self.confirm_discard():
            return
        dialog = AwsReviewDialog(self._ws, current.id, self)
        if dialog.exec():
            refs = dialog.result_references()
            text = f"Reviewed {current.reference}: {len(refs)} action{'s' if len(refs) != 1 else ''}"
            self._after_change(
                self._ws.run(aws_visits.get_visit, current.id),
                text + (f" ({', '.join(refs)})" if refs else ""),
            )
            self.tabs.setCurrentIndex(FINDINGS_TAB)
