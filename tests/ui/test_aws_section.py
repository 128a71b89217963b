"""The Animal Welfare Scheme section inside the main window: tabs built on use, Edit commands, review."""

from __future__ import annotations

from pathlib import Path

import pytest

from pcc_desktop.services.workspace import Workspace
from pcc_desktop.ui.aws_section import LAZY_TABS
from pcc_desktop.ui.main_window import MainWindow
from pcc_desktop.ui.settings import AppSettings
from pcc_desktop.ui.tasks import TaskRunner


@pytest.fixture
def win(qtbot, seeded: Workspace, tmp_path: Path) -> MainWindow:
    window = MainWindow(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(window)
    window.show_page("AWS")
    return window


def test_section_has_reports_schedule_dogs_register_and_statistics(win: MainWindow) -> None:
    tabs = win.aws.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Visit &reports",
        "&Schedule",
        "&Dogs seen and not seen",
        "Re&gister",
        "S&tatistics",
    ]


@pytest.mark.parametrize(("key", "object_name"), [
    ("schedule", "aws_schedule_panel"),
    ("dogs", "aws_dogs_panel"),
    ("register", "aws_register_panel"),
    ("statistics", "aws_statistics_panel"),
])  # fmt: skip
def test_each_tab_is_built_when_first_opened(win: MainWindow, key: str, object_name: str) -> None:
    assert key not in win.aws._panels
    index = 1 + [k for k, _label, _factory in LAZY_TABS].index(key)
    win.aws.tabs.setCurrentIndex(index)
    panel = win.aws.tabs.currentWidget()
    assert panel.objectName() == object_name
    assert win.aws.panel(key) is panel, "built once, then kept"


def test_edit_new_starts_a_dog_unit_report_from_any_tab(win: MainWindow) -> None:
    win.aws.show_tab("schedule")
    win.commands["new"].trigger()
    assert win.aws.tabs.currentWidget() is win.aws.visits
    assert win.aws.visits.current is None


def test_review_commands_of_icv_and_aws_never_both_enabled(win: MainWindow) -> None:
    aws_review = win.aws.commands["review"]
    icv_review = win.icv.commands["review"]
    win.show_page("AWS")
    assert aws_review.isEnabled() and not icv_review.isEnabled()
    win.show_page("ICV")
    assert icv_review.isEnabled() and not aws_review.isEnabled()


def test_the_section_is_reached_from_the_view_menu(win: MainWindow) -> None:
    win.show_page("Actions")
    win.commands["show_aws"].trigger()
    assert win.stack.currentWidget() is win.aws


def test_print_visit_record_writes_the_selected_report_and_refuses_a_draft(
    qtbot, seeded: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from pcc_desktop.models import ReportStatus
    from pcc_desktop.services.aws_visits import list_visits
    from pcc_desktop.services.demo import build_demo

    seeded.run(build_demo, 1, 0.05)
    window = MainWindow(seeded, AppSettings(tmp_path / "s.ini"), TaskRunner(synchronous=True), "Alex Tester")
    qtbot.addWidget(window)
    window.show_page("AWS")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    target = tmp_path / "record.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), "PDF files (*.pdf)"))
    visits = seeded.run(list_visits)
    draft = next(v for v in visits if v.status == ReportStatus.DRAFT)
    window.aws.visits.show_visit(draft.id)  # type: ignore[attr-defined]
    window.aws.commands["print_record"].trigger()  # type: ignore[attr-defined]
    assert told == ["A draft is not a record yet: submit the report first."] and not target.exists()
    reviewed = next(v for v in visits if v.status == ReportStatus.REVIEWED)
    window.aws.visits.show_visit(reviewed.id)  # type: ignore[attr-defined]
    window.aws.commands["print_record"].trigger()  # type: ignore[attr-defined]
    assert reviewed.reference in " ".join(page.extract_text() for page in PdfReader(target).pages)
