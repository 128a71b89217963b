"""'You said, we did' panel: the rows of a period, non-publishable records left out, copy and export."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QFileDialog

from pcc_desktop.models import AreaKind, EngagementStatus, EngagementType
from pcc_desktop.services.engagements import EngagementInput, create_engagement
from pcc_desktop.services.feedback import FeedbackInput, add_feedback
from pcc_desktop.services.reference_data import list_areas
from pcc_desktop.services.workspace import Workspace
from pcc_desktop.services.you_said_we_did import YouSaidWeDidScope
from pcc_desktop.ui.tasks import TaskRunner
from pcc_desktop.ui.you_said_we_did_panel import YouSaidWeDidPanel, quarter_of

pytestmark = pytest.mark.gui


def _engagement(
    ws: Workspace, held_on: date, place: str, texts: list[str], publishable: bool = True
) -> uuid.UUID:
    npa = ws.run(list_areas, AreaKind.NPA)[0]
    engagement = ws.act(
        create_engagement,
        EngagementInput(
            kind=EngagementType.COMMUNITY_DAY,
            held_on=held_on,
            status=EngagementStatus.HELD,
            place_name=place,
            npa_id=npa.id,
            publishable=publishable,
        ),
    )
    for text in texts:
        ws.act(add_feedback, engagement.id, FeedbackInput(text=text))
    return engagement.id


@pytest.fixture
def data(seeded: Workspace) -> dict[str, uuid.UUID]:
    return {
        "melton": _engagement(
            seeded, date(2025, 6, 12), "Melton Mowbray", ["Speeding on Main Street", "Litter"]
        ),
        "secret": _engagement(seeded, date(2025, 5, 8), "Oakham", ["Drug dealing behind the pub"], False),
        "old": _engagement(seeded, date(2025, 3, 6), "Hinckley", ["Parking on the pavement"]),
    }


@pytest.fixture
def panel(qtbot, seeded: Workspace, data) -> YouSaidWeDidPanel:
    widget = YouSaidWeDidPanel(seeded, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    return widget


def test_quarter_of() -> None:
    assert quarter_of(date(2025, 6, 18)) == (date(2025, 4, 1), date(2025, 6, 30))
    assert quarter_of(date(2025, 11, 2)) == (date(2025, 10, 1), date(2025, 12, 31))
    assert quarter_of(date(2025, 1, 1)) == (date(2025, 1, 1), date(2025, 3, 31))


def test_the_current_quarter_is_shown_without_the_non_publishable_engagement(
    panel: YouSaidWeDidPanel,
) -> None:
    said = [r.you_said for r in panel.rows()]
    assert said == ["Speeding on Main Street", "Litter"]
    assert panel.summary.text().startswith("2 items;")
    assert "personal data" in panel.summary.text()
    headers = [c.header for c in panel.model.columns]
    assert headers == ["Date", "Place", "Type", "You said", "We did", "Status"]
    assert panel.model.index(0, 4).data() == "Noted"


def test_set_scope_to_one_engagement_and_to_an_empty_period(panel: YouSaidWeDidPanel, data) -> None:
    panel.set_scope(YouSaidWeDidScope(engagement_id=data["old"]))
    assert [r.you_said for r in panel.rows()] == ["Parking on the pavement"]
    assert panel.engagement_combo.isVisibleTo(panel) and not panel.date_from.isVisibleTo(panel)
    panel.set_scope(YouSaidWeDidScope(date_from=date(2024, 1, 1), date_to=date(2024, 3, 31)))
    assert panel.rows() == []
    assert panel.empty.isVisibleTo(panel) and not panel.table.isVisibleTo(panel)
    assert "Nothing publishable was raised" in panel.empty.text()
    assert not panel.export_button.isEnabled()


def test_copy_as_html(panel: YouSaidWeDidPanel) -> None:
    panel.copy_html()
    text = QApplication.clipboard().text()
    assert text.startswith('<table class="you-said-we-did">')
    assert "Speeding on Main Street" in text and "Drug dealing" not in text


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".html"])
def test_export_writes_a_file(panel: YouSaidWeDidPanel, monkeypatch, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"yswd{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    panel.export()
    assert target.exists() and target.stat().st_size > 0
    assert "Exported 2 rows" in panel.status.text()
    if suffix == ".csv":
        content = target.read_text(encoding="utf-8-sig")
        assert "Speeding on Main Street" in content and "Drug dealing" not in content


def test_export_adds_the_suffix_of_the_chosen_type(
    panel: YouSaidWeDidPanel, monkeypatch, tmp_path: Path
) -> None:
    target = tmp_path / "newsletter"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV file (*.csv)"))
    panel.export()
    assert (tmp_path / "newsletter.csv").exists()


def test_every_input_has_an_accessible_name(panel: YouSaidWeDidPanel) -> None:
    inputs = panel.findChildren(QComboBox) + panel.findChildren(QDateEdit)
    assert len(inputs) == 5
    assert [w for w in inputs if not w.accessibleName()] == []
    assert panel.table.accessibleName()
